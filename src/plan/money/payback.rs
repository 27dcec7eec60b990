//! Cumulative ROI month by month, and the payback period: how many months from the first
//! investment until the returns counted (on the ROI's basis) cover everything invested so far,
//! for good.
//!
//! The rules:
//! - A month's point holds the sums of every investment and counted return up to the end of that
//!   month; months without records repeat the sums before them, so the line has no gaps.
//! - The series covers at most `MONTHS_MAX` months, the latest: older records are folded into
//!   the first point (a hand-typed year 1900 does not draw a century of flat line).
//! - **Payback** is reached in the first month from which the cumulative returns stay at or above
//!   the cumulative investment up to the last month; counted inclusively from the month of the
//!   first investment (invest in January, covered at the end of March: 3 months). Not covered at
//!   the last month: not paid back yet.

use jiff::civil::Date;

use super::roi::{Investment, Roi, RoiBasis, ValueEntry};

/// The most months the series holds.
pub const MONTHS_MAX: usize = 120;

/// The cumulative figures at the end of one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoiMonth {
    pub year: i16,
    pub month: i8,
    pub invested_minor: i128,
    pub counted_minor: i128,
    pub roi: Roi,
}

impl RoiMonth {
    /// "2026-03".
    pub fn label(&self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// When the investment was paid back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payback {
    /// Months from the first investment's month, both counted.
    pub months: i64,
    pub year: i16,
    pub month: i8,
}

impl Payback {
    /// "paid back in 3 months (2026-03)".
    pub fn describe(payback: Option<Payback>) -> String {
        match payback {
            Some(p) => format!(
                "paid back in {} ({:04}-{:02})",
                if p.months == 1 {
                    "1 month".to_string()
                } else {
                    format!("{} months", p.months)
                },
                p.year,
                p.month
            ),
            None => "not paid back yet".to_string(),
        }
    }
}

fn month_index(day: Date) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month()) - 1
}

fn year_month(index: i64) -> (i16, i8) {
    (
        i16::try_from(index.div_euclid(12)).unwrap_or(i16::MAX),
        i8::try_from(index.rem_euclid(12) + 1).unwrap_or(12),
    )
}

/// The cumulative ROI on `basis` at the end of every month from the first record to the last
/// (the latest `MONTHS_MAX` of them).
pub fn cumulative(
    investments: &[Investment],
    entries: &[ValueEntry],
    basis: RoiBasis,
) -> Vec<RoiMonth> {
    let counted = |e: &ValueEntry| match basis {
        RoiBasis::Gross => e.money(),
        RoiBasis::Margin => e.margin().or_else(|| e.money()),
    };
    let mut changes: Vec<(i64, i128, i128)> = investments
        .iter()
        .map(|i| (month_index(i.spent_on), i128::from(i.amount_minor), 0))
        .chain(
            entries
                .iter()
                .filter_map(|e| counted(e).map(|c| (month_index(e.logged_on), 0, i128::from(c)))),
        )
        .collect();
    if changes.is_empty() {
        return Vec::new();
    }
    changes.sort_by_key(|c| c.0);
    let last = changes[changes.len() - 1].0;
    let first = changes[0].0.max(last - MONTHS_MAX as i64 + 1);
    let mut points = Vec::new();
    let (mut invested, mut returned) = (0_i128, 0_i128);
    let mut next = changes.iter().peekable();
    for index in first..=last {
        while let Some(&&(at, spent, back)) = next.peek() {
            if at > index {
                break;
            }
            invested += spent;
            returned += back;
            next.next();
        }
        let (year, month) = year_month(index);
        points.push(RoiMonth {
            year,
            month,
            invested_minor: invested,
            counted_minor: returned,
            roi: Roi::of(returned, invested),
        });
    }
    points
}

/// The payback of a cumulative series (see the module's rules).
pub fn payback(points: &[RoiMonth]) -> Option<Payback> {
    let start = points.iter().position(|p| p.invested_minor > 0)?;
    let covered = |p: &RoiMonth| p.invested_minor > 0 && p.counted_minor >= p.invested_minor;
    if !covered(points.last()?) {
        return None;
    }
    // The first month of the covered run that reaches the end.
    let mut from = points.len() - 1;
    while from > start && covered(&points[from - 1]) {
        from -= 1;
    }
    let p = points[from];
    Some(Payback {
        months: i64::try_from(from - start + 1).unwrap_or(i64::MAX),
        year: p.year,
        month: p.month,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::money::ValueKind;
    use jiff::civil::date;

    fn spent(on: Date, amount: i64) -> Investment {
        Investment {
            id: 0,
            spent_on: on,
            amount_minor: amount,
            partner_id: None,
        }
    }

    fn back(on: Date, amount: i64, margin: Option<i64>) -> ValueEntry {
        ValueEntry {
            id: 0,
            logged_on: on,
            partner_id: None,
            kind: ValueKind::Revenue,
            amount_minor: Some(amount),
            margin_minor: margin,
        }
    }

    #[test]
    fn months_accumulate_without_gaps_and_pay_back_inclusively() {
        // January: 1,000 invested. February: 400 back. March: nothing. April: 700 back.
        // Cumulative: Jan -100%, Feb -60%, Mar -60%, Apr +10% → paid back in April, the 4th month.
        let investments = [spent(date(2026, 1, 15), 1_000)];
        let entries = [
            back(date(2026, 2, 1), 400, None),
            back(date(2026, 4, 30), 700, None),
        ];
        let points = cumulative(&investments, &entries, RoiBasis::Gross);
        let seen: Vec<_> = points
            .iter()
            .map(|p| (p.label(), p.roi.to_string()))
            .collect();
        assert_eq!(
            seen,
            [
                ("2026-01".to_string(), "-100.0%".to_string()),
                ("2026-02".to_string(), "-60.0%".to_string()),
                ("2026-03".to_string(), "-60.0%".to_string()),
                ("2026-04".to_string(), "10.0%".to_string()),
            ]
        );
        let payback = payback(&points);
        assert_eq!(
            payback,
            Some(Payback {
                months: 4,
                year: 2026,
                month: 4
            })
        );
        assert_eq!(
            Payback::describe(payback),
            "paid back in 4 months (2026-04)"
        );
    }

    #[test]
    fn on_margin_the_same_revenue_has_not_paid_back() {
        // 1,100 of revenue carrying 330 of margin does not cover 1,000.
        let investments = [spent(date(2026, 1, 15), 1_000)];
        let entries = [back(date(2026, 2, 1), 1_100, Some(330))];
        let points = cumulative(&investments, &entries, RoiBasis::Margin);
        assert_eq!(points.last().unwrap().roi.to_string(), "-67.0%");
        assert_eq!(payback(&points), None);
        assert_eq!(Payback::describe(None), "not paid back yet");
        let gross = cumulative(&investments, &entries, RoiBasis::Gross);
        assert_eq!(payback(&gross).unwrap().months, 2);
    }

    #[test]
    fn a_later_investment_restarts_the_count_of_the_covered_run() {
        // Covered in February, then a new investment in March uncovers it; covered again in May.
        let investments = [spent(date(2026, 1, 1), 100), spent(date(2026, 3, 1), 500)];
        let entries = [
            back(date(2026, 2, 1), 150, None),
            back(date(2026, 5, 1), 500, None),
        ];
        let points = cumulative(&investments, &entries, RoiBasis::Gross);
        let p = payback(&points).unwrap();
        assert_eq!((p.months, p.month), (5, 5));
        // Returns before any investment: no payback to speak of until something is invested.
        assert_eq!(payback(&cumulative(&[], &entries, RoiBasis::Gross)), None);
    }

    #[test]
    fn the_series_keeps_the_latest_months_and_folds_older_ones_in() {
        let investments = [spent(date(1900, 1, 1), 1_000)];
        let entries = [back(date(2026, 12, 1), 2_000, None)];
        let points = cumulative(&investments, &entries, RoiBasis::Gross);
        assert_eq!(points.len(), MONTHS_MAX);
        assert_eq!(points[0].invested_minor, 1_000);
        assert_eq!(points[0].label(), "2017-01");
        assert_eq!(points.last().unwrap().roi.to_string(), "100.0%");
        assert!(cumulative(&[], &[], RoiBasis::Gross).is_empty());
    }
}
