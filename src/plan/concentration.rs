//! Where the plan is concentrated: shares of returns, active partners and critical-role leads
//! by partner, region, sector and type, a Herfindahl–Hirschman index per dimension, and a
//! reading in plain words ("returns highly concentrated: Ostrander brings 73 %").
//!
//! The index is the sum of the squared percentage shares (0 to 10,000). The default bands follow
//! the competition authorities' classic reading of it — under 1,500 unconcentrated, 1,500 to
//! 2,500 moderately, above 2,500 highly concentrated — and can be set in config.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::figures::share_percent;
use super::numbers::group_thousands;

/// What is shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Money the value log records as returned (revenue and cost savings).
    Returns,
    /// Partners at the active stage.
    ActivePartners,
    /// Roles of high criticality, by the partner that leads them.
    CriticalRoleLeads,
}

impl Measure {
    /// The measure as the start of a reading ("Returns").
    pub fn title(self) -> &'static str {
        match self {
            Measure::Returns => "Returns",
            Measure::ActivePartners => "Active partners",
            Measure::CriticalRoleLeads => "Critical roles led",
        }
    }

    /// What the largest group does with its share ("brings 73 % of returns").
    fn verb(self) -> &'static str {
        match self {
            Measure::Returns => "brings",
            Measure::ActivePartners => "holds",
            Measure::CriticalRoleLeads => "leads",
        }
    }

    fn of_what(self) -> &'static str {
        match self {
            Measure::Returns => "of returns",
            Measure::ActivePartners => "of active partners",
            Measure::CriticalRoleLeads => "of critical roles",
        }
    }
}

/// How the measure is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Partner,
    Region,
    Sector,
    PartnerType,
}

impl Dimension {
    pub fn word(self) -> &'static str {
        match self {
            Dimension::Partner => "partner",
            Dimension::Region => "region",
            Dimension::Sector => "sector",
            Dimension::PartnerType => "type",
        }
    }

    /// The label of a group whose field is empty.
    pub fn unset(self) -> &'static str {
        match self {
            Dimension::Partner => "no partner named",
            Dimension::Region => "no region set",
            Dimension::Sector => "no sector set",
            Dimension::PartnerType => "no type set",
        }
    }
}

/// Where the index turns from one reading to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// At or above this the spread is moderately concentrated.
    pub moderate: f64,
    /// Above this it is highly concentrated.
    pub high: f64,
    /// The share (whole percent) a highly concentrated dimension's top group must hold to be
    /// suggested as a dependency risk: a majority by default.
    pub majority: u8,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            moderate: 1_500.0,
            high: 2_500.0,
            majority: 50,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Unconcentrated,
    Moderate,
    High,
}

impl Level {
    /// One word, for a narrow title: "high", "moderate", "low".
    pub fn word(self) -> &'static str {
        match self {
            Level::Unconcentrated => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Level::Unconcentrated => "unconcentrated",
            Level::Moderate => "moderately concentrated",
            Level::High => "highly concentrated",
        }
    }
}

/// One group's part of the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub label: String,
    pub amount: i64,
    /// A whole percentage rounded down, as every share the app shows.
    pub percent: u8,
}

impl Share {
    /// "73 %", or "under 1 %" for a share that rounds down to nothing.
    pub fn percent_words(&self) -> String {
        if self.percent == 0 && self.amount > 0 {
            "under 1 %".to_string()
        } else {
            format!("{} %", self.percent)
        }
    }
}

/// A measure grouped by one dimension: the groups largest first and the index over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Concentration {
    pub measure: Measure,
    pub dimension: Dimension,
    pub total: i64,
    pub shares: Vec<Share>,
    /// The Herfindahl–Hirschman index, 0 to 10,000.
    pub hhi: f64,
    pub level: Level,
    /// The top group's share from which the figure is a dependency (`Thresholds::majority`).
    pub majority: u8,
}

/// Groups `amounts` (label, amount) by label — labels equal but for case and surrounding space
/// are one group, the first spelling kept — and measures their concentration. Amounts below
/// zero (a refund) count as nothing. `None` when there is nothing to share out.
pub fn concentration(
    measure: Measure,
    dimension: Dimension,
    amounts: impl IntoIterator<Item = (String, i64)>,
    thresholds: Thresholds,
) -> Option<Concentration> {
    // (shown label, amount), found by the lower-cased label: one pass however many groups
    // (returns by partner may have a group per partner).
    let mut groups: Vec<(String, i64)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (label, amount) in amounts {
        let amount = amount.max(0);
        let shown = label.trim();
        let shown = if shown.is_empty() {
            dimension.unset()
        } else {
            shown
        };
        match index.entry(shown.to_lowercase()) {
            Entry::Occupied(at) => {
                if let Some(group) = groups.get_mut(*at.get()) {
                    group.1 = group.1.saturating_add(amount);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push((shown.to_string(), amount));
            }
        }
    }
    let total = groups.iter().fold(0i64, |sum, g| sum.saturating_add(g.1));
    if total <= 0 {
        return None;
    }
    groups.retain(|g| g.1 > 0);
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let hhi: f64 = groups
        .iter()
        .map(|g| {
            let percent = g.1 as f64 * 100.0 / total as f64;
            percent * percent
        })
        .sum();
    let level = if hhi > thresholds.high {
        Level::High
    } else if hhi >= thresholds.moderate {
        Level::Moderate
    } else {
        Level::Unconcentrated
    };
    let whole = usize::try_from(total).unwrap_or(usize::MAX);
    let shares = groups
        .into_iter()
        .map(|(label, amount)| Share {
            percent: share_percent(usize::try_from(amount).unwrap_or(0), whole).unwrap_or(0),
            label,
            amount,
        })
        .collect();
    Some(Concentration {
        measure,
        dimension,
        total,
        shares,
        hhi,
        level,
        majority: thresholds.majority,
    })
}

impl Concentration {
    /// The largest group.
    pub fn top(&self) -> Option<&Share> {
        self.shares.first()
    }

    /// One sentence: "Returns by partner: highly concentrated (index 5,523) — Ostrander
    /// Industrial Supply brings 73 % of returns."
    pub fn reading(&self) -> String {
        let head = format!(
            "{} by {}: {} (index {})",
            self.measure.title(),
            self.dimension.word(),
            self.level.words(),
            group_thousands(self.hhi.round() as i64)
        );
        match self.top() {
            Some(top) if self.shares.len() == 1 => format!(
                "{head} — {} {} all {}.",
                top.label,
                self.measure.verb(),
                self.measure.of_what().trim_start_matches("of ")
            ),
            Some(top) => format!(
                "{head} — {} {} {} % {}.",
                top.label,
                self.measure.verb(),
                top.percent,
                self.measure.of_what()
            ),
            None => format!("{head}."),
        }
    }

    /// The reading in a few words, for a panel: "Returns highly concentrated: Ostrander brings
    /// 73 %", "Active partners by region moderately concentrated: Europe holds 48 %".
    pub fn short_reading(&self) -> String {
        let by = match self.dimension {
            Dimension::Partner => String::new(),
            other => format!(" by {}", other.word()),
        };
        let head = format!("{}{by} {}", self.measure.title(), self.level.words());
        match self.top() {
            Some(top) => format!(
                "{head}: {} {} {}",
                top.label,
                self.measure.verb(),
                top.percent_words()
            ),
            None => head,
        }
    }

    /// The reading in fewer words still, for a narrow panel whose title gives the band:
    /// "Returns: Ostrander brings 73 %".
    pub fn shortest_reading(&self) -> String {
        let by = match self.dimension {
            Dimension::Partner => String::new(),
            other => format!(" by {}", other.word()),
        };
        match self.top() {
            Some(top) => format!(
                "{}{by}: {} {} {}",
                self.measure.title(),
                top.label,
                self.measure.verb(),
                top.percent_words()
            ),
            None => format!("{}{by}", self.measure.title()),
        }
    }

    /// Whether it is worth a suggested dependency risk: highly concentrated.
    pub fn is_a_dependency(&self) -> bool {
        self.level == Level::High
    }
}

/// The figure the Overview leads with: the highest band; within it, a figure by partner before
/// one by region, sector or type (one partner walking away is the board's first question), then
/// the highest index. A figure whose largest group is records with the field empty ("no region
/// set") is missing data, not a concentration, and is passed over. Ties keep the earlier figure
/// (returns come first).
pub fn most_concentrated(figures: &[Concentration]) -> Option<&Concentration> {
    let rank = |c: &Concentration| (c.level, c.dimension == Dimension::Partner, c.hhi);
    figures
        .iter()
        .filter(|c| c.top().is_some_and(|t| t.label != c.dimension.unset()))
        .fold(None, |best: Option<&Concentration>, c| match best {
            Some(b) if rank(b) >= rank(c) => Some(b),
            _ => Some(c),
        })
}

/// A figure from (label, amount) pairs under the default thresholds, for tests.
#[cfg(test)]
pub fn figure(measure: Measure, dimension: Dimension, pairs: &[(&str, i64)]) -> Concentration {
    concentration(
        measure,
        dimension,
        pairs.iter().map(|&(l, a)| (l.to_string(), a)),
        Thresholds::default(),
    )
    .expect("something to share")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
        pairs.iter().map(|&(l, a)| (l.to_string(), a)).collect()
    }

    fn returns_by_partner(pairs: &[(&str, i64)]) -> Concentration {
        concentration(
            Measure::Returns,
            Dimension::Partner,
            of(pairs),
            Thresholds::default(),
        )
        .expect("something to share")
    }

    #[test]
    fn one_group_holding_everything_is_ten_thousand() {
        let c = returns_by_partner(&[("Ostrander", 500)]);
        assert_eq!(c.hhi, 10_000.0);
        assert_eq!(c.level, Level::High);
        assert_eq!(
            c.reading(),
            "Returns by partner: highly concentrated (index 10,000) — Ostrander brings all returns."
        );
    }

    #[test]
    fn the_demo_shaped_split_by_hand() {
        // 223 of 305: 73.115 %; 50: 16.393 %; 32: 10.492 %. 5345.77 + 268.75 + 110.08 = 5724.60.
        let c = returns_by_partner(&[("Ostrander", 223), ("Pylon", 50), ("Quill", 32)]);
        assert!((c.hhi - 5_724.6).abs() < 0.01, "{}", c.hhi);
        assert_eq!(c.shares[0].percent, 73);
        assert_eq!(c.shares[1].percent, 16, "rounded down");
        assert!(c.reading().ends_with("Ostrander brings 73 % of returns."));
        assert!(c.is_a_dependency());
    }

    #[test]
    fn an_even_spread_over_ten_is_a_thousand_and_unconcentrated() {
        let pairs: Vec<(String, i64)> = (0..10).map(|i| (format!("P{i}"), 7)).collect();
        let c = concentration(
            Measure::ActivePartners,
            Dimension::Region,
            pairs,
            Thresholds::default(),
        )
        .unwrap();
        assert!((c.hhi - 1_000.0).abs() < 1e-9);
        assert_eq!(c.level, Level::Unconcentrated);
        assert!(!c.is_a_dependency());
    }

    #[test]
    fn the_bands_meet_at_their_thresholds() {
        // Four equal groups: 2,500 exactly is moderate, not high.
        let c = returns_by_partner(&[("a", 1), ("b", 1), ("c", 1), ("d", 1)]);
        assert_eq!(c.hhi, 2_500.0);
        assert_eq!(c.level, Level::Moderate);
        let tight = Thresholds {
            moderate: 1_000.0,
            high: 1_800.0,
            majority: 50,
        };
        let c = concentration(
            Measure::Returns,
            Dimension::Partner,
            of(&[("a", 1), ("b", 1), ("c", 1), ("d", 1)]),
            tight,
        )
        .unwrap();
        assert_eq!(c.level, Level::High, "the bands come from config");
    }

    #[test]
    fn labels_group_ignoring_case_and_space_and_empty_ones_are_named() {
        let c = concentration(
            Measure::ActivePartners,
            Dimension::Region,
            of(&[("Europe", 3), (" europe ", 2), ("", 1), ("Asia", 1)]),
            Thresholds::default(),
        )
        .unwrap();
        let labels: Vec<&str> = c.shares.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Europe", "Asia", "no region set"]);
        assert_eq!(c.shares[0].amount, 5);
        assert!(c.reading().contains("Europe holds 71 % of active partners"));
    }

    #[test]
    fn nothing_or_only_refunds_is_no_figure() {
        let none = concentration(
            Measure::Returns,
            Dimension::Partner,
            Vec::new(),
            Thresholds::default(),
        );
        assert!(none.is_none());
        let refunds = concentration(
            Measure::Returns,
            Dimension::Partner,
            of(&[("a", -5), ("b", 0)]),
            Thresholds::default(),
        );
        assert!(refunds.is_none());
        let c = returns_by_partner(&[("a", -5), ("b", 10)]);
        assert_eq!(c.shares.len(), 1, "a refund shares nothing out");
        assert_eq!(c.total, 10);
    }

    #[test]
    fn the_overview_leads_with_the_most_concentrated_figure_with_data() {
        let returns = returns_by_partner(&[("Ostrander", 223), ("Pylon", 50), ("Quill", 32)]);
        // Regions more concentrated than returns by partner, in the same band: the partner
        // leads all the same.
        let regions = concentration(
            Measure::ActivePartners,
            Dimension::Region,
            of(&[("Europe", 9), ("Asia", 1)]),
            Thresholds::default(),
        )
        .unwrap();
        assert!(regions.hhi > 5_724.6);
        // Sectors mostly unset: a higher index, but missing data.
        let sectors = concentration(
            Measure::ActivePartners,
            Dimension::Sector,
            of(&[("", 9), ("software", 1)]),
            Thresholds::default(),
        )
        .unwrap();
        let figures = [regions.clone(), sectors, returns.clone()];
        assert_eq!(most_concentrated(&figures), Some(&returns));
        assert_eq!(
            returns.short_reading(),
            "Returns highly concentrated: Ostrander brings 73 %"
        );
        assert_eq!(returns.shortest_reading(), "Returns: Ostrander brings 73 %");
        let spread: Vec<(String, i64)> = (0..200).map(|i| (format!("P{i}"), 1)).collect();
        let spread = concentration(
            Measure::Returns,
            Dimension::Partner,
            spread,
            Thresholds::default(),
        )
        .unwrap();
        assert!(
            spread.short_reading().ends_with("brings under 1 %"),
            "{}",
            spread.short_reading()
        );
        assert_eq!(
            regions.short_reading(),
            "Active partners by region highly concentrated: Europe holds 90 %"
        );
        // Equal figures: the first one stays.
        let twin = [returns.clone(), returns.clone()];
        assert!(std::ptr::eq(most_concentrated(&twin).unwrap(), &twin[0]));
        assert_eq!(most_concentrated(&[]), None);
        // A higher band wins over the partner.
        let moderate = returns_by_partner(&[("a", 1), ("b", 1), ("c", 1), ("d", 1)]);
        let pair = [moderate, regions.clone()];
        assert_eq!(most_concentrated(&pair), Some(&regions));
    }
}
