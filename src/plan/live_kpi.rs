//! Live KPIs: values the workbook computes from its own data, and when their history gains a
//! point.
//!
//! The rules:
//! - Shares are percentages (0–100) and have no value when there is nothing to share out (no
//!   partner to onboard, no role to cover); averages have none without anything to average.
//! - **Multilaterality** is `network::multilaterality` (active partner↔partner links against
//!   those plus one hub relationship per active partner) as a percentage; **joint offerings
//!   launched** counts offerings at the "launched" status — for a KPI that offerings link to
//!   (they say it measures them), only those offerings; for one no offering links to, all.
//! - **Stored** values are rounded: counts to whole numbers, shares and averages to one decimal
//!   (33.3 %, not 33.333…), so a history point reads as it is shown and an unchanged plan adds no
//!   point for a difference in the fifteenth digit.
//! - **History**: at most one point per day. A value equal to the latest point adds nothing (the
//!   line carries on); a new value on a day that already has a point replaces that point, so each
//!   day keeps its last value; otherwise it becomes a new point.

use jiff::civil::Date;

use super::figures::{share_percent, stored_value};
use super::kpi::Direction;
use super::network::multilaterality;
use super::words::worded;

worded! {
    /// Where a live KPI's value comes from; the word is the key stored in `kpis.live_source`,
    /// so it never changes.
    pub enum LiveSource {
        ActivePartners => "active_partners",
        OnboardedShare => "onboarded_share",
        RoleCoverage => "role_coverage",
        OpenHighRisks => "open_high_risks",
        AverageFitActive => "average_fit_active",
        OverdueCheckIns => "overdue_check_ins",
        JointOfferingsLaunched => "joint_offerings_launched",
        Multilaterality => "multilaterality",
    }
}

/// The counts and values the workbook gathers for the live KPIs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveFacts {
    /// Partners at the "active" stage.
    pub active_partners: usize,
    /// Partners whose onboarding is in scope (onboarding or active).
    pub onboarding_partners: usize,
    /// Of those, the ones with every checklist item done or skipped.
    pub fully_onboarded: usize,
    /// Roles below the hub.
    pub roles: usize,
    /// Of those, the ones in place (`figures::ROLE_COVERAGE`, as the Roles tab counts them).
    pub roles_in_place: usize,
    /// Open or mitigating risks whose current score is in a high or critical band.
    pub open_high_risks: usize,
    /// The fit (0–100) of each active partner that has one.
    pub active_fits: Vec<f64>,
    /// The overdue check-ins of `figures::OVERDUE_CHECKINS`.
    pub overdue_check_ins: usize,
    /// Joint offerings at the "launched" status.
    pub launched_offerings: usize,
    /// (KPI id, launched offerings that link to it) for every KPI some offering links to,
    /// launched or not, by KPI id.
    pub launched_by_kpi: Vec<(i64, usize)>,
    /// Active links between two active partners (a pair linked twice counts twice, as the
    /// network's figures count it).
    pub active_partner_links: usize,
}

/// A share as the screens show it (`figures::share_percent`), or `None` out of nothing.
fn percent(part: usize, whole: usize) -> Option<f64> {
    share_percent(part, whole).map(f64::from)
}

impl LiveSource {
    /// The name a live KPI is created with.
    pub fn name(self) -> &'static str {
        match self {
            LiveSource::ActivePartners => "Active partners",
            LiveSource::OnboardedShare => "Partners fully onboarded",
            LiveSource::RoleCoverage => "Roles in place",
            LiveSource::OpenHighRisks => "Open high or critical risks",
            LiveSource::AverageFitActive => "Average fit of active partners",
            LiveSource::OverdueCheckIns => "Overdue check-ins",
            LiveSource::JointOfferingsLaunched => "Joint offerings launched",
            LiveSource::Multilaterality => "Multilaterality (relationships between partners)",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            LiveSource::ActivePartners => "partners",
            LiveSource::OnboardedShare | LiveSource::RoleCoverage | LiveSource::Multilaterality => {
                "%"
            }
            LiveSource::OpenHighRisks => "risks",
            LiveSource::AverageFitActive => "fit (0–100)",
            LiveSource::OverdueCheckIns => "check-ins",
            LiveSource::JointOfferingsLaunched => "offerings",
        }
    }

    /// The category a live KPI is created in: the two ecosystem figures measure innovation
    /// and growth, the rest the partners' health.
    pub fn category(self) -> &'static str {
        match self {
            LiveSource::JointOfferingsLaunched => super::kpi::category::INNOVATION,
            LiveSource::Multilaterality => super::kpi::category::GROWTH,
            _ => super::kpi::category::PARTNER_HEALTH,
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            LiveSource::OpenHighRisks | LiveSource::OverdueCheckIns => Direction::Lower,
            _ => Direction::Higher,
        }
    }

    /// The value now, or `None` when there is nothing to compute it from.
    pub fn value(self, facts: &LiveFacts) -> Option<f64> {
        match self {
            LiveSource::ActivePartners => Some(facts.active_partners as f64),
            LiveSource::OnboardedShare => percent(facts.fully_onboarded, facts.onboarding_partners),
            LiveSource::RoleCoverage => percent(facts.roles_in_place, facts.roles),
            LiveSource::OpenHighRisks => Some(facts.open_high_risks as f64),
            LiveSource::AverageFitActive => {
                let fits = &facts.active_fits;
                (!fits.is_empty())
                    .then(|| stored_value(fits.iter().sum::<f64>() / fits.len() as f64))
            }
            LiveSource::OverdueCheckIns => Some(facts.overdue_check_ins as f64),
            LiveSource::JointOfferingsLaunched => Some(facts.launched_offerings as f64),
            LiveSource::Multilaterality => {
                multilaterality(facts.active_partner_links, facts.active_partners)
                    .map(|share| share * 100.0)
            }
        }
    }

    /// The value now of live KPI `kpi` of this source: `value`, except that "joint offerings
    /// launched" counts only the offerings that link to `kpi` when any do.
    pub fn value_of(self, kpi: i64, facts: &LiveFacts) -> Option<f64> {
        if self == LiveSource::JointOfferingsLaunched
            && let Ok(at) = facts
                .launched_by_kpi
                .binary_search_by_key(&kpi, |(k, _)| *k)
        {
            return Some(facts.launched_by_kpi[at].1 as f64);
        }
        self.value(facts)
    }

    /// `value` as stored in the history: see the module's rule.
    pub fn stored(self, value: f64) -> f64 {
        match self {
            LiveSource::OnboardedShare
            | LiveSource::RoleCoverage
            | LiveSource::AverageFitActive
            | LiveSource::Multilaterality => (value * 10.0).round() / 10.0,
            _ => value.round(),
        }
    }
}

/// What to do with a freshly computed live value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HistoryStep {
    /// Nothing to record: no value, or the same as the latest point.
    Keep,
    /// Change today's point to the new value.
    ReplaceToday,
    /// Add a point for today.
    Record,
}

/// Whether `value` becomes a history point on `today`, given the latest point (date, value).
pub fn history_step(latest: Option<(Date, f64)>, today: Date, value: Option<f64>) -> HistoryStep {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return HistoryStep::Keep;
    };
    match latest {
        Some((_, last)) if last == value => HistoryStep::Keep,
        Some((on, _)) if on >= today => HistoryStep::ReplaceToday,
        _ => HistoryStep::Record,
    }
}

/// The value a live KPI is judged by (against its benchmark, its target): its value now, unless
/// a recorded point is dated after `today` (logged ahead by hand: newer than "now"), or there is
/// no value now; `latest` is the latest recorded point (date, value).
pub fn judged_value(latest: Option<(Date, f64)>, today: Date, now: Option<f64>) -> Option<f64> {
    match (latest, now.filter(|v| v.is_finite())) {
        (Some((on, recorded)), _) if on > today => Some(recorded),
        (_, Some(now)) => Some(now),
        (latest, None) => latest.map(|(_, recorded)| recorded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_live_kpi_is_judged_by_its_value_now_unless_a_newer_point_was_logged() {
        let today = date(2026, 12, 7);
        let yesterday = Some((date(2026, 12, 6), 4.0));
        assert_eq!(judged_value(yesterday, today, Some(9.0)), Some(9.0));
        assert_eq!(
            judged_value(Some((today, 4.0)), today, Some(9.0)),
            Some(9.0),
            "today's point is the value now"
        );
        let ahead = Some((date(2026, 12, 8), 4.0));
        assert_eq!(judged_value(ahead, today, Some(9.0)), Some(4.0));
        assert_eq!(judged_value(yesterday, today, None), Some(4.0));
        assert_eq!(judged_value(yesterday, today, Some(f64::NAN)), Some(4.0));
        assert_eq!(judged_value(None, today, None), None);
    }

    fn facts() -> LiveFacts {
        LiveFacts {
            active_partners: 4,
            onboarding_partners: 5,
            fully_onboarded: 2,
            roles: 8,
            roles_in_place: 6,
            open_high_risks: 3,
            active_fits: vec![80.0, 60.0, 70.0],
            overdue_check_ins: 1,
            launched_offerings: 3,
            launched_by_kpi: vec![(2, 1), (5, 0)],
            active_partner_links: 3,
        }
    }

    #[test]
    fn a_kpi_that_offerings_link_to_counts_only_those_launched() {
        let f = facts();
        let launched = LiveSource::JointOfferingsLaunched;
        assert_eq!(launched.value_of(2, &f), Some(1.0));
        assert_eq!(launched.value_of(5, &f), Some(0.0), "linked, none launched");
        assert_eq!(launched.value_of(9, &f), Some(3.0), "linked by none: all");
        assert_eq!(LiveSource::ActivePartners.value_of(2, &f), Some(4.0));
    }

    #[test]
    fn values_on_a_known_workbook() {
        let f = facts();
        let values: Vec<_> = LiveSource::ALL.iter().map(|s| s.value(&f)).collect();
        assert_eq!(
            values,
            [
                Some(4.0),
                Some(40.0),
                Some(75.0),
                Some(3.0),
                Some(70.0),
                Some(1.0),
                Some(3.0),
                // 3 links between partners of 3 + 4 relationships.
                Some(300.0 / 7.0),
            ]
        );
    }

    #[test]
    fn multilaterality_is_the_networks_share_as_a_percentage() {
        let of = |links, partners| {
            let facts = LiveFacts {
                active_partner_links: links,
                active_partners: partners,
                ..LiveFacts::default()
            };
            LiveSource::Multilaterality.value(&facts)
        };
        assert_eq!(of(0, 0), None, "no relationship at all");
        assert_eq!(of(0, 5), Some(0.0), "a pure channel");
        assert_eq!(of(5, 5), Some(50.0));
        assert_eq!(
            of(12, 20).map(|v| LiveSource::Multilaterality.stored(v)),
            Some(37.5)
        );
        assert_eq!(LiveSource::Multilaterality.unit(), "%");
        assert_eq!(
            LiveSource::JointOfferingsLaunched.direction(),
            Direction::Higher
        );
        assert_eq!(LiveSource::JointOfferingsLaunched.category(), "innovation");
        assert_eq!(LiveSource::ActivePartners.category(), "partner health");
    }

    #[test]
    fn stored_values_are_rounded_to_what_is_shown() {
        assert_eq!(LiveSource::Multilaterality.stored(300.0 / 7.0), 42.9);
        assert_eq!(LiveSource::OnboardedShare.stored(200.0 / 3.0), 66.7);
        assert_eq!(LiveSource::AverageFitActive.stored(71.25), 71.3);
        assert_eq!(LiveSource::JointOfferingsLaunched.stored(3.0), 3.0);
        assert_eq!(LiveSource::ActivePartners.stored(4.0), 4.0);
        assert_eq!(LiveSource::RoleCoverage.stored(100.0), 100.0);
    }

    #[test]
    fn shares_are_whole_percentages_and_averages_keep_one_decimal() {
        let f = LiveFacts {
            roles: 11,
            roles_in_place: 8,
            active_fits: vec![70.0, 72.0, 76.0],
            ..LiveFacts::default()
        };
        assert_eq!(LiveSource::RoleCoverage.value(&f), Some(72.0));
        assert_eq!(LiveSource::AverageFitActive.value(&f), Some(72.7));
    }

    #[test]
    fn shares_and_averages_of_nothing_have_no_value() {
        let empty = LiveFacts::default();
        assert_eq!(LiveSource::OnboardedShare.value(&empty), None);
        assert_eq!(LiveSource::RoleCoverage.value(&empty), None);
        assert_eq!(LiveSource::AverageFitActive.value(&empty), None);
        assert_eq!(LiveSource::ActivePartners.value(&empty), Some(0.0));
    }

    #[test]
    fn keys_are_stable_and_names_distinct() {
        assert_eq!(
            LiveSource::from_word("role_coverage"),
            Some(LiveSource::RoleCoverage)
        );
        assert_eq!(LiveSource::OpenHighRisks.direction(), Direction::Lower);
        assert_eq!(LiveSource::RoleCoverage.unit(), "%");
        let names: std::collections::HashSet<_> =
            LiveSource::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(names.len(), LiveSource::ALL.len());
    }

    #[test]
    fn at_most_one_point_per_day() {
        let today = date(2026, 11, 24);
        let yesterday = date(2026, 11, 23);
        assert_eq!(history_step(None, today, Some(3.0)), HistoryStep::Record);
        assert_eq!(history_step(None, today, None), HistoryStep::Keep);
        assert_eq!(
            history_step(Some((yesterday, 3.0)), today, Some(4.0)),
            HistoryStep::Record
        );
        assert_eq!(
            history_step(Some((today, 3.0)), today, Some(4.0)),
            HistoryStep::ReplaceToday
        );
        assert_eq!(
            history_step(Some((today, 3.0)), today, Some(3.0)),
            HistoryStep::Keep
        );
        assert_eq!(
            history_step(Some((yesterday, 3.0)), today, Some(3.0)),
            HistoryStep::Keep
        );
    }
}
