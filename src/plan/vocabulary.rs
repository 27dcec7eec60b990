//! The lists the user may extend: which ones there are and the rule for a word added to one.

use super::partner::{Vocabularies, vocabularies};
use super::text::{describe_char, first_forbidden_char, is_taken};

/// The longest word a list accepts.
pub const TERM_MAX_CHARS: usize = 60;

/// A choice list that the user may add words to: the partners' lists and the risk categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VocabularyKind {
    Type,
    Stage,
    Sector,
    Tier,
    Region,
    RiskCategory,
    /// What two partners do together: a link's kind.
    LinkKind,
    /// What a member brings to a joint offering.
    ContributionKind,
}

impl VocabularyKind {
    pub const ALL: [VocabularyKind; 8] = [
        VocabularyKind::Type,
        VocabularyKind::Stage,
        VocabularyKind::Sector,
        VocabularyKind::Tier,
        VocabularyKind::Region,
        VocabularyKind::RiskCategory,
        VocabularyKind::LinkKind,
        VocabularyKind::ContributionKind,
    ];

    /// The word stored in `vocabulary_terms.kind` and shown in the form.
    pub fn word(self) -> &'static str {
        match self {
            VocabularyKind::Type => "type",
            VocabularyKind::Stage => "stage",
            VocabularyKind::Sector => "sector",
            VocabularyKind::Tier => "tier",
            VocabularyKind::Region => "region",
            VocabularyKind::RiskCategory => "risk category",
            VocabularyKind::LinkKind => "link kind",
            VocabularyKind::ContributionKind => "contribution kind",
        }
    }

    /// What holds a word of this list, singular and plural ("partner", "partners").
    pub fn holders(self) -> (&'static str, &'static str) {
        match self {
            VocabularyKind::RiskCategory => ("risk", "risks"),
            VocabularyKind::LinkKind => ("link", "links"),
            VocabularyKind::ContributionKind => ("offering member", "offering members"),
            _ => ("partner", "partners"),
        }
    }

    pub fn from_word(word: &str) -> Option<VocabularyKind> {
        Self::ALL.into_iter().find(|k| k.word() == word)
    }

    /// The words this build ships for the list.
    pub fn defaults(self) -> &'static [String] {
        self.of(vocabularies())
    }

    /// The list of `kind` in `lists`.
    pub fn of(self, lists: &Vocabularies) -> &[String] {
        match self {
            VocabularyKind::Type => &lists.partner_types,
            VocabularyKind::Stage => &lists.partner_stages,
            VocabularyKind::Sector => &lists.partner_sectors,
            VocabularyKind::Tier => &lists.partner_tiers,
            VocabularyKind::Region => &lists.partner_regions,
            VocabularyKind::RiskCategory => &lists.risk_categories,
            VocabularyKind::LinkKind => &lists.link_kinds,
            VocabularyKind::ContributionKind => &lists.contribution_kinds,
        }
    }
}

/// The word as stored (trimmed), or why it cannot join a list that already holds `existing`.
pub fn checked_term(term: &str, existing: &[String]) -> Result<String, String> {
    let term = term.trim();
    let length = term.chars().count();
    if term.is_empty() {
        return Err("Type the word to add.".into());
    }
    if let Some(c) = first_forbidden_char(term, false) {
        return Err(format!(
            "A word is one line; it holds {}.",
            describe_char(c)
        ));
    }
    if length > TERM_MAX_CHARS {
        return Err(format!(
            "Keep the word to {TERM_MAX_CHARS} characters ({length} now)."
        ));
    }
    if is_taken(term, existing) {
        return Err(format!("\"{term}\" is already in the list."));
    }
    Ok(term.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_one_trimmed_new_line_of_at_most_60_chars() {
        let list = vec!["active".to_string()];
        assert_eq!(checked_term("  dormant ", &list), Ok("dormant".into()));
        assert!(checked_term("   ", &list).is_err());
        assert!(checked_term("a\nb", &list).is_err());
        assert!(checked_term("a\u{202E}b", &list).is_err());
        assert!(checked_term(&"x".repeat(61), &list).is_err());
        assert!(checked_term(&"x".repeat(60), &list).is_ok());
        assert!(checked_term("ACTIVE", &list).is_err());
    }

    #[test]
    fn kinds_round_trip_and_have_defaults() {
        for kind in VocabularyKind::ALL {
            assert_eq!(VocabularyKind::from_word(kind.word()), Some(kind));
            assert!(!kind.defaults().is_empty());
        }
        assert_eq!(VocabularyKind::from_word("colour"), None);
    }
}
