//! Values that are allowed but unlikely: the form asks before saving them, as it does for a
//! residual risk score above the inherent one. `intake` refuses what can never be right; these
//! rules only question what is probably a slip (a check-in dated next year, a KPI value of 1e23).
//!
//! Each rule returns the question to ask — a sentence saying what looks wrong and why — or
//! `None` when the value is plausible.

use jiff::civil::Date;

use super::numbers::group_thousands;

/// How far back a logged date is still plausible without asking, in years.
const PAST_YEARS: i16 = 10;

/// How many times larger than everything known about a KPI (its baseline, target and recent
/// values) a new value may be before the form asks.
const KPI_SCALE: f64 = 1_000.0;

/// Beyond this size a value is questioned whatever the KPI: no plan counts past a trillion.
const KPI_ABSOLUTE: f64 = 1e12;

/// A check-in, measurement or other record of something that happened, dated `on`.
pub fn logged_date(what: &str, on: Date, today: Date) -> Option<String> {
    if on > today {
        return Some(format!(
            "The {what} is dated {on}, after today ({today}): only what has happened is logged. \
             Save it with this date anyway?"
        ));
    }
    let far_back = today
        .checked_sub(jiff::Span::new().years(PAST_YEARS))
        .unwrap_or(today);
    (on < far_back).then(|| {
        format!(
            "The {what} is dated {on}, more than {PAST_YEARS} years ago. Save it with this date \
             anyway?"
        )
    })
}

/// A date the plan sets or agrees on, rather than logs: each kind has how far back and ahead
/// of today it plausibly lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDate {
    GoalTarget,
    AgreementStart,
    AgreementEnd,
    RiskReview,
}

impl PlanDate {
    fn words(self) -> &'static str {
        match self {
            PlanDate::GoalTarget => "goal's target date",
            PlanDate::AgreementStart => "agreement's start",
            PlanDate::AgreementEnd => "agreement's end",
            PlanDate::RiskReview => "risk's next review",
        }
    }

    /// (years back, years ahead) of today within which the date is not asked about. A goal
    /// aims ahead and a review comes round within months; an agreement may have started
    /// decades ago and run for decades.
    fn window(self) -> (i16, i16) {
        match self {
            PlanDate::GoalTarget => (2, 30),
            PlanDate::AgreementStart => (30, 5),
            PlanDate::AgreementEnd => (PAST_YEARS, 30),
            PlanDate::RiskReview => (2, 5),
        }
    }
}

/// A date of the plan (`kind`) set `on`: further back or ahead of today than such a date goes,
/// probably a slip of a digit ("2062" for "2026").
pub fn plan_date(kind: PlanDate, on: Date, today: Date) -> Option<String> {
    let (back, ahead) = kind.window();
    let what = kind.words();
    let years = |n: i16| jiff::Span::new().years(n);
    let earliest = today.checked_sub(years(back)).unwrap_or(today);
    let latest = today.checked_add(years(ahead)).unwrap_or(today);
    if on < earliest {
        return Some(format!(
            "The {what} is {on}, more than {back} years before today ({today}): probably a \
             slip of a digit. Save it with this date anyway?"
        ));
    }
    (on > latest).then(|| {
        format!(
            "The {what} is {on}, more than {ahead} years after today ({today}): probably a slip \
             of a digit. Save it with this date anyway?"
        )
    })
}

/// What is known about a KPI when a value is logged for it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiScale<'a> {
    pub unit: &'a str,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Its latest logged values (any order).
    pub recent: &'a [f64],
}

/// A value logged for a KPI: a share outside 0–100 %, a value far larger than the KPI's
/// baseline, target and recent values, or a negative value where all of those are positive.
pub fn kpi_value(value: f64, kpi: &KpiScale) -> Option<String> {
    let shown = show(value);
    if !value.is_finite() || value.abs() > KPI_ABSOLUTE {
        return Some(format!(
            "{shown} is larger than any figure a plan tracks. Check the digits; save it anyway?"
        ));
    }
    let known: Vec<f64> = kpi
        .baseline
        .iter()
        .chain(kpi.target.iter())
        .chain(kpi.recent.iter())
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    if kpi.unit.trim() == "%" && !(0.0..=100.0).contains(&value) {
        let usual = known.iter().all(|v| (0.0..=100.0).contains(v));
        if usual {
            return Some(format!(
                "{shown} % lies outside 0–100 %, where this KPI's baseline, target and values \
                 lie. Save it anyway?"
            ));
        }
    }
    if known.is_empty() {
        return None;
    }
    let scale = known.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
    if value.abs() > scale * KPI_SCALE {
        return Some(format!(
            "{shown} is over {} times the largest figure this KPI has had ({}): probably a typo. \
             Save it anyway?",
            group_thousands(KPI_SCALE as i64),
            show(scale)
        ));
    }
    if value < 0.0 && known.iter().all(|v| *v >= 0.0) {
        return Some(format!(
            "{shown} is negative, while this KPI's baseline, target and values never were. \
             Save it anyway?"
        ));
    }
    None
}

/// Beyond this many whole units of money (a billion) an investment or a value entry is asked
/// about whatever came before: a partner programme's lines are smaller.
const MONEY_ABSOLUTE: i64 = 1_000_000_000;

/// An amount of money logged as an investment or a value entry: `minor` in the currency's
/// smallest unit (`scale` of them make one), `shown` as the form prints it, `known` the amounts
/// (in minor units) logged before. Asks about nothing at all for an investment, an amount past a
/// billion, or one over 1,000 times the largest logged before — the slip of a few zeros.
pub fn money_amount(
    what: &str,
    minor: i64,
    scale: i64,
    shown: &str,
    known: &[i64],
) -> Option<String> {
    if minor == 0 && what == "investment" {
        return Some(format!(
            "The {what} is {shown}: nothing was spent. Save it anyway?"
        ));
    }
    if minor.unsigned_abs() / scale.max(1).unsigned_abs() > MONEY_ABSOLUTE.unsigned_abs() {
        return Some(format!(
            "{shown} is over a billion, more than a partner programme's {what}s come to. Check \
             the digits; save it anyway?"
        ));
    }
    let largest = known.iter().map(|m| m.unsigned_abs()).max()?;
    (largest > 0 && minor.unsigned_abs() / largest > KPI_SCALE as u64).then(|| {
        format!(
            "{shown} is over {} times the largest {what} logged so far: probably a typo. Save \
             it anyway?",
            group_thousands(KPI_SCALE as i64)
        )
    })
}

/// A number as the question quotes it: grouped, without noise.
fn show(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        group_thousands(value as i64)
    } else if value.is_finite() && value.abs() < 1e15 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 12, 6);

    #[test]
    fn an_amount_of_nothing_a_billion_or_a_few_zeros_too_many_is_asked_about() {
        // Euros: 100 cents to the euro.
        let ask = |minor, known: &[i64]| money_amount("investment", minor, 100, "EUR x", known);
        assert!(ask(0, &[]).unwrap().contains("nothing was spent"));
        assert!(money_amount("value entry", 0, 100, "EUR 0.00", &[]).is_none());
        assert!(
            ask(100_000_000_001 * 100, &[])
                .unwrap()
                .contains("over a billion")
        );
        assert!(
            ask(1_000_000_000 * 100, &[]).is_none(),
            "a billion itself may be"
        );
        // 12,000 euros logged before: 12 million is a slip of three zeros, 12,000 is not.
        let before = [1_200_000];
        assert!(
            ask(1_200_000 * 1_001, &before)
                .unwrap()
                .contains("over 1,000 times")
        );
        assert!(ask(1_200_000 * 1_000, &before).is_none());
        assert!(ask(1_200_000, &before).is_none());
        assert!(ask(500_000_000, &[]).is_none(), "nothing to compare with");
    }

    #[test]
    fn a_date_after_today_or_long_ago_is_asked_about() {
        let ahead = logged_date("check-in", date(2027, 1, 6), TODAY).unwrap();
        assert!(
            ahead.contains("2027-01-06, after today (2026-12-06)"),
            "{ahead}"
        );
        assert!(ahead.ends_with("anyway?"));
        assert!(logged_date("check-in", TODAY, TODAY).is_none());
        assert!(logged_date("check-in", date(2017, 1, 1), TODAY).is_none());
        let old = logged_date("measurement", date(2015, 1, 1), TODAY).unwrap();
        assert!(old.contains("more than 10 years ago"), "{old}");
    }

    #[test]
    fn a_plan_date_far_back_or_ahead_for_its_kind_is_asked_about() {
        let goal = |on| plan_date(PlanDate::GoalTarget, on, TODAY);
        assert!(goal(date(2027, 6, 30)).is_none());
        assert!(goal(date(2026, 1, 1)).is_none(), "a target just past");
        assert!(goal(date(2050, 12, 31)).is_none(), "a long-term goal");
        let slip = goal(date(2062, 6, 30)).unwrap();
        assert!(
            slip.contains("The goal's target date is 2062-06-30, more than 30 years after today"),
            "{slip}"
        );
        assert!(slip.ends_with("anyway?"));
        let past = goal(date(2016, 6, 30)).unwrap();
        assert!(past.contains("more than 2 years before today"), "{past}");

        // An agreement may have started long ago, but not start decades ahead.
        let start = |on| plan_date(PlanDate::AgreementStart, on, TODAY);
        assert!(start(date(2001, 4, 1)).is_none());
        assert!(start(date(2028, 4, 1)).is_none());
        assert!(
            start(date(1926, 4, 1))
                .unwrap()
                .contains("agreement's start")
        );
        assert!(start(date(2062, 4, 1)).is_some());
        let end = |on| plan_date(PlanDate::AgreementEnd, on, TODAY);
        assert!(end(date(2040, 3, 31)).is_none());
        assert!(end(date(2020, 3, 31)).is_none(), "an agreement that ended");
        assert!(end(date(2206, 3, 31)).unwrap().contains("agreement's end"));
        assert!(end(date(2010, 3, 31)).is_some());

        // A review comes round within months: years ahead or long overdue is a slip.
        let review = |on| plan_date(PlanDate::RiskReview, on, TODAY);
        assert!(review(date(2027, 3, 1)).is_none());
        assert!(review(date(2026, 6, 1)).is_none(), "an overdue review");
        assert!(
            review(date(2036, 3, 1))
                .unwrap()
                .contains("risk's next review")
        );
        assert!(review(date(2021, 3, 1)).is_some());
    }

    #[test]
    fn a_value_far_beyond_what_the_kpi_has_had_is_asked_about() {
        let revenue = KpiScale {
            unit: "kEUR",
            baseline: Some(100.0),
            target: Some(400.0),
            recent: &[180.0, 220.0],
        };
        assert!(kpi_value(350.0, &revenue).is_none());
        assert!(
            kpi_value(40_000.0, &revenue).is_none(),
            "100 × is a big month"
        );
        let typo = kpi_value(4_000_000.0, &revenue).unwrap();
        assert!(typo.contains("4,000,000 is over 1,000 times"), "{typo}");
        let huge = kpi_value(1e23, &revenue).unwrap();
        assert!(huge.contains("1e23 is larger than any figure"), "{huge}");
        // Nothing known yet: only the absolute limit applies.
        let fresh = KpiScale::default();
        assert!(kpi_value(5e9, &fresh).is_none());
        assert!(kpi_value(2e12, &fresh).is_some());
    }

    #[test]
    fn shares_outside_0_to_100_and_unexpected_negatives_are_asked_about() {
        let share = KpiScale {
            unit: "%",
            baseline: Some(20.0),
            target: Some(60.0),
            recent: &[35.0],
        };
        assert!(kpi_value(100.0, &share).is_none());
        assert!(kpi_value(0.0, &share).is_none());
        let over = kpi_value(350.0, &share).unwrap();
        assert!(over.contains("outside 0–100 %"), "{over}");
        let negative = kpi_value(-5.0, &share).unwrap();
        assert!(negative.contains("outside 0–100 %"), "{negative}");
        let margin = KpiScale {
            unit: "kEUR",
            baseline: Some(-20.0),
            target: Some(50.0),
            recent: &[],
        };
        assert!(kpi_value(-10.0, &margin).is_none(), "it has been negative");
        let count = KpiScale {
            unit: "partners",
            baseline: Some(3.0),
            target: Some(12.0),
            recent: &[5.0],
        };
        assert!(kpi_value(-1.0, &count).unwrap().contains("negative"));
    }
}
