//! The words the user added to the choice lists of this workbook. The defaults stay in the
//! shipped asset; a workbook holds only its additions, each one journaled change.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::Vocabularies;
use crate::plan::vocabulary::{VocabularyKind, checked_term};

impl Workbook {
    /// The words this workbook added to `kind`'s list, in the order they were added.
    pub fn vocabulary_additions(&self, kind: VocabularyKind) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT term FROM vocabulary_terms WHERE kind = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map(params![kind.word()], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `kind`'s list: the shipped defaults followed by this workbook's additions.
    pub fn vocabulary(&self, kind: VocabularyKind) -> Result<Vec<String>> {
        let mut words = kind.defaults().to_vec();
        for word in self.vocabulary_additions(kind)? {
            // A hand-edited file may repeat a default; the list shows it once.
            if !words
                .iter()
                .any(|w| w.to_lowercase() == word.to_lowercase())
            {
                words.push(word);
            }
        }
        Ok(words)
    }

    /// Every list as the forms offer it.
    pub fn vocabularies(&self) -> Result<Vocabularies> {
        Ok(Vocabularies {
            partner_types: self.vocabulary(VocabularyKind::Type)?,
            partner_stages: self.vocabulary(VocabularyKind::Stage)?,
            partner_sectors: self.vocabulary(VocabularyKind::Sector)?,
            partner_tiers: self.vocabulary(VocabularyKind::Tier)?,
            partner_regions: self.vocabulary(VocabularyKind::Region)?,
            risk_categories: self.vocabulary(VocabularyKind::RiskCategory)?,
            link_kinds: self.vocabulary(VocabularyKind::LinkKind)?,
            contribution_kinds: self.vocabulary(VocabularyKind::ContributionKind)?,
        })
    }

    /// Adds `term` at the end of `kind`'s list; returns the word as stored.
    pub fn add_term(&mut self, kind: VocabularyKind, term: &str) -> Result<String> {
        let term = match checked_term(term, &self.vocabulary(kind)?) {
            Ok(term) => term,
            Err(problem) => bail!("{problem}"),
        };
        let position: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM vocabulary_terms WHERE kind = ?1",
            params![kind.word()],
            |r| r.get(0),
        )?;
        let mut change = self.change(format!("add {term} to the {} list", kind.word()))?;
        change.insert(
            "vocabulary_terms",
            &[
                ("kind", &kind.word()),
                ("term", &term),
                ("position", &position),
            ],
        )?;
        change.commit()?;
        Ok(term)
    }

    /// How many partners (risks, for the risk categories) hold `term` (whatever its case) in
    /// `kind`'s field: the records that keep the word when it leaves the list.
    pub fn partners_using_term(&self, kind: VocabularyKind, term: &str) -> Result<i64> {
        // The column comes from our own match below, never from the caller's text.
        let (table, column) = holder_column(kind);
        let sql = format!("SELECT count(*) FROM {table} WHERE {column} = ?1 COLLATE NOCASE");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![term.trim()], |r| r.get(0))?)
    }

    /// Removes a word the user added (whatever its case); the defaults cannot be removed.
    /// Partners keep the word, which their form then shows as not in the list.
    pub fn remove_term(&mut self, kind: VocabularyKind, term: &str) -> Result<()> {
        let term = term.trim();
        if kind
            .defaults()
            .iter()
            .any(|w| w.to_lowercase() == term.to_lowercase())
        {
            bail!("\"{term}\" ships with partnerplan, so it stays in the list.");
        }
        let id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM vocabulary_terms WHERE kind = ?1 AND term = ?2",
                params![kind.word(), term],
                |r| r.get(0),
            )
            .optional()?
            .with_context(|| {
                format!("\"{term}\" is not a word added to the {} list", kind.word())
            })?;
        let mut change = self.change(format!("remove {term} from the {} list", kind.word()))?;
        change.delete("vocabulary_terms", id)?;
        change.commit()
    }
}

/// The table and column that hold a word of `kind`'s list.
fn holder_column(kind: VocabularyKind) -> (&'static str, &'static str) {
    match kind {
        VocabularyKind::Type => ("partners", "partner_type"),
        VocabularyKind::Stage => ("partners", "stage"),
        VocabularyKind::Sector => ("partners", "sector"),
        VocabularyKind::Tier => ("partners", "tier"),
        VocabularyKind::Region => ("partners", "region"),
        VocabularyKind::RiskCategory => ("risks", "category"),
        VocabularyKind::LinkKind => ("partner_links", "kind"),
        VocabularyKind::ContributionKind => ("offering_members", "contribution_kind"),
    }
}
