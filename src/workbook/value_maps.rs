//! What values of a CRM export's columns became on import, remembered per source column, and
//! the words an import adds to the lists (in the import's own undoable step).

use std::collections::HashMap;

use anyhow::{Result, bail};
use rusqlite::params;

use super::{PartnerImport, Workbook, new_uuid};
use crate::plan::crm_headers::fold;
use crate::plan::crm_values::ValueChoice;
use crate::plan::vocabulary::{VocabularyKind, checked_term};

/// The remembered choices, by source column (folded) and value (lower case).
pub type Remembered = HashMap<(String, String), ValueChoice>;

/// The key a choice is remembered under.
pub fn remembered_key(column: &str, value: &str) -> (String, String) {
    (fold(column), value.trim().to_lowercase())
}

impl Workbook {
    /// Every choice remembered from earlier imports.
    pub fn remembered_values(&self) -> Result<Remembered> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source_column, value, choice FROM import_value_maps")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut remembered = Remembered::new();
        for row in rows {
            let (column, value, choice) = row?;
            remembered.insert(
                remembered_key(&column, &value),
                ValueChoice::from_code(&choice),
            );
        }
        Ok(remembered)
    }
}

impl PartnerImport<'_> {
    /// `kind`'s list as it stands in this import.
    pub fn words(&self, kind: VocabularyKind) -> Result<Vec<String>> {
        self.workbook.vocabulary(kind)
    }

    /// Adds `term` to `kind`'s list as part of the import (nothing on a dry run); returns the
    /// word as the list spells it (an existing word whatever its case).
    pub fn add_word(&mut self, kind: VocabularyKind, term: &str) -> Result<String> {
        let existing = self.workbook.vocabulary(kind)?;
        if let Some(word) = existing
            .iter()
            .find(|w| w.eq_ignore_ascii_case(term.trim()))
        {
            return Ok(word.clone());
        }
        let term = match checked_term(term, &existing) {
            Ok(term) => term,
            Err(problem) => bail!("{problem}"),
        };
        if self.dry_run {
            return Ok(term);
        }
        let uuid = new_uuid();
        self.workbook.conn.execute(
            "INSERT INTO vocabulary_terms (uuid, kind, term, position, created_at, updated_at) \
             VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM vocabulary_terms \
             WHERE kind = ?2), ?4, ?4)",
            params![uuid, kind.word(), term, self.now],
        )?;
        self.added_words.push(uuid);
        Ok(term)
    }

    /// Whether a partner (as this import leaves them) holds `term` in `kind`'s field.
    pub fn holds(&self, kind: VocabularyKind, term: &str) -> Result<bool> {
        Ok(self.workbook.partners_using_term(kind, term)? > 0)
    }

    /// Remembers what `value` of `column` became, for the next import (nothing on a dry run).
    pub fn remember(&mut self, column: &str, value: &str, choice: &ValueChoice) -> Result<()> {
        if self.dry_run {
            return Ok(());
        }
        self.workbook.conn.execute(
            "INSERT INTO import_value_maps (source_column, value, choice, updated_at) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source_column, value) \
             DO UPDATE SET choice = excluded.choice, updated_at = excluded.updated_at",
            params![column.trim(), value.trim(), choice.code(), self.now],
        )?;
        Ok(())
    }
}
