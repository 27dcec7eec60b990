//! Scenarios in figures for a reader: a live KPI's move in words, and two outcomes side by side,
//! a row per figure — what the command line prints and the app's compare view shows alike.

use super::WhatIf;
use super::events::KpiMove;
use crate::plan::money::Currency;
use crate::plan::numbers::group_thousands;
use crate::plan::text::clean;

impl KpiMove {
    /// "13 → 12 (−1)", "50 % → 40 % (−10 points)".
    pub fn change(&self) -> String {
        let delta = self.then - self.now;
        let sign = if delta < 0.0 { "−" } else { "+" };
        if self.percent {
            format!(
                "{:.0} % → {:.0} % ({sign}{:.0} points)",
                self.now,
                self.then,
                delta.abs()
            )
        } else {
            format!(
                "{} → {} ({sign}{})",
                group_thousands(self.now.round() as i64),
                group_thousands(self.then.round() as i64),
                group_thousands(delta.abs().round() as i64)
            )
        }
    }
}

/// The returns at stake with their share: "€223,000 (73 %)".
pub fn stake(outcome: &WhatIf, currency: &Currency) -> String {
    match outcome.percent_at_stake() {
        Some(p) => format!("{} ({p} %)", currency.format(outcome.returns_at_stake)),
        None => currency.format(outcome.returns_at_stake),
    }
}

/// Two outcomes side by side: (what the row counts, the left one's figure, the right one's).
pub fn compare_rows(
    left: &WhatIf,
    right: &WhatIf,
    currency: &Currency,
) -> Vec<(&'static str, String, String)> {
    let gaps = |w: &WhatIf| w.roles.iter().filter(|r| r.gap).count().to_string();
    let critical = |w: &WhatIf| {
        w.offerings
            .iter()
            .filter(|o| o.critical)
            .count()
            .to_string()
    };
    let kpis = |w: &WhatIf| {
        if w.kpis.is_empty() {
            "none".to_string()
        } else {
            w.kpis
                .iter()
                .map(|k| format!("{} {}", clean(&k.name), k.change()))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    vec![
        (
            "Returns at stake",
            stake(left, currency),
            stake(right, currency),
        ),
        (
            "Roles weaker",
            left.roles.len().to_string(),
            right.roles.len().to_string(),
        ),
        ("Roles nobody would hold", gaps(left), gaps(right)),
        ("Critical offerings hit", critical(left), critical(right)),
        ("Live KPIs moving", kpis(left), kpis(right)),
        (
            "Risks rising",
            left.risks.len().to_string(),
            right.risks.len().to_string(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kpi_move_in_words_and_two_outcomes_row_by_row() {
        let count = KpiMove {
            name: "Active partners".into(),
            now: 13.0,
            then: 12.0,
            percent: false,
        };
        assert_eq!(count.change(), "13 → 12 (−1)");
        let share = KpiMove {
            name: "Roles in place".into(),
            now: 40.0,
            then: 50.0,
            percent: true,
        };
        assert_eq!(share.change(), "40 % → 50 % (+10 points)");
        let left = WhatIf {
            returns_at_stake: 73,
            returns_total: 100,
            kpis: vec![count],
            ..WhatIf::default()
        };
        let right = WhatIf::default();
        let rows = compare_rows(&left, &right, &Currency::or_default("EUR"));
        assert_eq!(rows.len(), 6);
        assert!(rows[0].1.ends_with("(73 %)"), "{:?}", rows[0]);
        assert_eq!(rows[4].1, "Active partners 13 → 12 (−1)");
        assert_eq!(rows[4].2, "none");
    }
}
