//! The risk register's rules: the words of its lists, codes, scores and bands, the draft a form
//! saves, the trend from the score history, and the heat map's counts.
//!
//! The rules:
//! - **score** = likelihood × impact (1–25). A risk's **current** score is its residual score
//!   when a residual assessment is set, else its inherent score: that is what the register bands,
//!   what the trend follows and what "accepted" is judged on (acceptance is of what remains once
//!   the treatment works).
//! - **band**: the highest band whose minimum the score reaches (`Bands`, from config).
//! - **codes**: …; three digits at least, more when needed. Numbers are never reused
//!   (the workbook keeps the counter).

mod draft;
mod heat_map;
mod scale;
mod trend;

pub use draft::{LONG_MAX_CHARS, RiskDraft, RiskField, RiskProblem, TITLE_MAX_CHARS};
pub use heat_map::{HeatMap, Movement, RatedRisk, movements};
pub use scale::{Band, Bands, Impact, Likelihood, Rating, score};
pub use trend::{ScorePoint, Trend, trend};

use crate::plan::words::worded;

/// The categories a risk can have; categories are words, so a workbook can add its own.
pub mod category {
    pub const STRATEGIC_MISALIGNMENT: &str = "strategic misalignment";
    pub const CYBERSECURITY: &str = "cybersecurity";
    pub const DATA_PRIVACY: &str = "data privacy";
    pub const DEPENDENCY: &str = "dependency/concentration";
    pub const FINANCIAL: &str = "financial";
    pub const OPERATIONAL: &str = "operational";
    pub const LEGAL: &str = "legal/contract";
    pub const REPUTATIONAL: &str = "reputational";
    pub const REGULATORY: &str = "regulatory";
    pub const ADOPTION: &str = "adoption";
    /// How a partnership is tended (check-ins, trust); the suggestions use it.
    pub const RELATIONSHIP: &str = "relationship";

    /// The list every workbook starts with, in the order the form offers it.
    pub const DEFAULTS: [&str; 11] = [
        STRATEGIC_MISALIGNMENT,
        CYBERSECURITY,
        DATA_PRIVACY,
        DEPENDENCY,
        FINANCIAL,
        OPERATIONAL,
        LEGAL,
        REPUTATIONAL,
        REGULATORY,
        ADOPTION,
        RELATIONSHIP,
    ];
}

worded! {
    /// What is done about a risk.
    pub enum Treatment {
        Avoid => "avoid",
        Reduce => "reduce",
        Transfer => "transfer",
        Accept => "accept",
    }
}

worded! {
    /// One kind of measure that lowers a risk; a risk can have several, each with a note.
    pub enum MitigationKind {
        Contract => "contract",
        Audit => "audit",
        ContingencyPlan => "contingency plan",
        Sla => "SLA",
        Insurance => "insurance",
        DualSourcing => "dual sourcing",
        Monitoring => "monitoring",
        Other => "other",
    }
}

worded! {
    /// Where a risk stands.
    #[derive(Default)]
    pub enum RiskStatus {
        /// The schema's default, and what an unknown stored word is best read as.
        #[default]
        Open => "open",
        Mitigating => "mitigating",
        Accepted => "accepted",
        Closed => "closed",
    }
}

/// The code shown for risk number `number`: 1 → "R-001", 1000 → "R-1000".
pub fn code_for(number: i64) -> String {
    format!("R-{number:03}")
}

/// The score that counts now: the residual one when set, else the inherent one.
pub fn current_score(inherent: Option<Rating>, residual: Option<Rating>) -> Option<i64> {
    residual.or(inherent).map(Rating::score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_three_digits_at_least() {
        assert_eq!(code_for(1), "R-001");
        assert_eq!(code_for(42), "R-042");
        assert_eq!(code_for(999), "R-999");
        assert_eq!(code_for(1000), "R-1000");
        assert_eq!(code_for(12_345), "R-12345");
    }

    #[test]
    fn lists_read_their_words_back() {
        assert_eq!(MitigationKind::from_word("sla"), Some(MitigationKind::Sla));
        assert_eq!(MitigationKind::ALL.len(), 8);
        assert_eq!(
            MitigationKind::from_word("Dual sourcing"),
            Some(MitigationKind::DualSourcing)
        );
        let treatments: Vec<_> = Treatment::ALL.iter().map(|t| t.word()).collect();
        assert_eq!(treatments, ["avoid", "reduce", "transfer", "accept"]);
        assert_eq!(
            RiskStatus::from_word("Accepted"),
            Some(RiskStatus::Accepted)
        );
        assert_eq!(RiskStatus::from_word("parked"), None);
        assert_eq!(RiskStatus::default(), RiskStatus::Open);
        assert!(category::DEFAULTS.contains(&"relationship"));
        assert_eq!(category::DEFAULTS[3], "dependency/concentration");
    }

    #[test]
    fn the_current_score_is_residual_when_set() {
        let inherent = Rating::new(Likelihood::Likely, Impact::Major);
        let residual = Rating::new(Likelihood::Unlikely, Impact::Major);
        assert_eq!(current_score(Some(inherent), None), Some(16));
        assert_eq!(current_score(Some(inherent), Some(residual)), Some(8));
        assert_eq!(current_score(None, None), None);
    }
}
