//! A KPI's rules: the words of its lists, its status against the target path, the points of its
//! sparkline, and the draft the KPI form saves.
//!
//! The status rule (see `status`):
//! - **no data**: no measurement, or no target to judge against.
//! - **achieved**: the latest measurement (by date) reaches the target in the good direction
//!   (higher is better: latest ≥ target; lower is better: latest ≤ target) — even after the
//!   target date.
//! - **off track**: not achieved and the target date is before today.
//! - Otherwise the latest value is compared with the **target path**, a straight line from the
//!   baseline (on the start date) to the target (on the target date), read at the latest
//!   measurement's date (clamped to the path's ends). Without a target date the path stays at the
//!   baseline: the KPI must at least not go backwards.
//!   - **on track**: at or better than the path.
//!   - **at risk**: behind the path by at most `TOLERANCE` (10%) of the distance from baseline to
//!     target (the edge itself is at risk).
//!   - **off track**: further behind.
//! - **Baseline and start**: the KPI's baseline, starting on the earlier of its creation date and
//!   its first measurement's date. Without a baseline, the first measurement is the baseline and
//!   its date the start — so a single measurement without a baseline is on track (or achieved).

pub mod benchmark;
mod draft;
mod status;

pub use benchmark::{BenchmarkField, KpiBenchmark, Standing};
pub use draft::{Kpi, KpiDraft, KpiField, KpiProblem, NAME_MAX_CHARS, UNIT_MAX_CHARS};
pub use status::{
    KpiTarget, Measurement, TOLERANCE, TargetPath, sparkline, sparkline_levels, status, target_path,
};

use crate::plan::words::worded;

/// The categories a KPI can have; categories are words, so a workbook can add its own.
pub mod category {
    pub const FINANCIAL: &str = "financial";
    pub const GROWTH: &str = "growth";
    pub const INNOVATION: &str = "innovation";
    pub const CUSTOMER: &str = "customer";
    pub const PARTNER_HEALTH: &str = "partner health";
    pub const EFFICIENCY: &str = "efficiency";

    /// The list every workbook starts with, in the order the form offers it.
    pub const DEFAULTS: [&str; 6] = [
        FINANCIAL,
        GROWTH,
        INNOVATION,
        CUSTOMER,
        PARTNER_HEALTH,
        EFFICIENCY,
    ];
}

worded! {
    /// Which way a KPI should move.
    #[derive(Default)]
    pub enum Direction {
        /// The schema's default.
        #[default]
        Higher => "higher",
        Lower => "lower",
    }
}

impl Direction {
    /// For people: "higher is better".
    pub fn describe(self) -> &'static str {
        match self {
            Direction::Higher => "higher is better",
            Direction::Lower => "lower is better",
        }
    }

    /// How far `value` is better than `reference` (negative when worse).
    pub(crate) fn gain(self, value: f64, reference: f64) -> f64 {
        match self {
            Direction::Higher => value - reference,
            Direction::Lower => reference - value,
        }
    }
}

worded! {
    /// How far ahead a KPI looks.
    #[derive(Default)]
    pub enum Horizon {
        /// The schema's default.
        #[default]
        Short => "short",
        Medium => "medium",
        Long => "long",
    }
}

impl Horizon {
    /// For people: "short term".
    pub fn describe(self) -> &'static str {
        match self {
            Horizon::Short => "short term",
            Horizon::Medium => "medium term",
            Horizon::Long => "long term",
        }
    }
}

worded! {
    /// Where a KPI stands against its target; see the module's rule.
    pub enum KpiStatus {
        Achieved => "achieved",
        OnTrack => "on track",
        AtRisk => "at risk",
        OffTrack => "off track",
        NoData => "no data",
    }
}

impl KpiStatus {
    /// A mark that tells the statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            KpiStatus::Achieved => "✓",
            KpiStatus::OnTrack => "↗",
            KpiStatus::AtRisk => "!",
            KpiStatus::OffTrack => "✗",
            KpiStatus::NoData => "·",
        }
    }

    /// "✓ achieved": the mark and the word, for tables read without colour.
    pub fn label(self) -> String {
        format!("{} {}", self.symbol(), self.word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn lists_read_their_words_back_and_defaults_match_the_schema() {
        assert_eq!(Direction::default().word(), "higher");
        assert_eq!(Horizon::default().word(), "short");
        assert_eq!(Horizon::from_word("Long"), Some(Horizon::Long));
        assert_eq!(Direction::from_word("lower"), Some(Direction::Lower));
        assert_eq!(Direction::from_word("down"), None);
        assert_eq!(KpiStatus::from_word("on track"), Some(KpiStatus::OnTrack));
    }

    #[test]
    fn every_status_has_its_own_symbol() {
        let symbols: HashSet<_> = KpiStatus::ALL.iter().map(|s| s.symbol()).collect();
        assert_eq!(symbols.len(), KpiStatus::ALL.len());
        assert_eq!(KpiStatus::OffTrack.label(), "✗ off track");
    }
}
