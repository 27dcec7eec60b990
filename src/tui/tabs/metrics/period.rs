//! The periods the ROI view can cover: all time, this year, the last 12 months, this quarter,
//! last year — each as whole days, both ends included, counted from today.

use jiff::civil::Date;

use super::forms::typed_date;
use crate::plan::money::Period;

/// The periods the ROI can cover, in the order `p` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PeriodChoice {
    AllTime,
    ThisYear,
    Last12Months,
    ThisQuarter,
    LastYear,
}

impl PeriodChoice {
    pub fn next(self) -> PeriodChoice {
        match self {
            PeriodChoice::AllTime => PeriodChoice::ThisYear,
            PeriodChoice::ThisYear => PeriodChoice::Last12Months,
            PeriodChoice::Last12Months => PeriodChoice::ThisQuarter,
            PeriodChoice::ThisQuarter => PeriodChoice::LastYear,
            PeriodChoice::LastYear => PeriodChoice::AllTime,
        }
    }

    /// The days covered on `today`.
    pub fn period(self, today: Date) -> Period {
        let year = |y: i16| (Date::new(y, 1, 1).ok(), Date::new(y, 12, 31).ok());
        let (from, to) = match self {
            PeriodChoice::AllTime => (None, None),
            PeriodChoice::ThisYear => year(today.year()),
            PeriodChoice::LastYear => year(today.year() - 1),
            PeriodChoice::Last12Months => (
                today
                    .checked_sub(jiff::Span::new().years(1))
                    .ok()
                    .and_then(|d| d.tomorrow().ok()),
                Some(today),
            ),
            PeriodChoice::ThisQuarter => {
                let first_month = (today.month() - 1) / 3 * 3 + 1;
                let start = Date::new(today.year(), first_month, 1).ok();
                let end = start
                    .and_then(|s| s.checked_add(jiff::Span::new().months(3)).ok())
                    .and_then(|d| d.yesterday().ok());
                (start, end)
            }
        };
        Period { from, to }
    }

    /// "this year (01.01.2026 – 31.12.2026)".
    pub fn describe(self, today: Date, format: &str) -> String {
        let name = match self {
            PeriodChoice::AllTime => return "all time".into(),
            PeriodChoice::ThisYear => "this year",
            PeriodChoice::Last12Months => "the last 12 months",
            PeriodChoice::ThisQuarter => "this quarter",
            PeriodChoice::LastYear => "last year",
        };
        let period = self.period(today);
        let show = |d: Option<Date>| d.map(|d| typed_date(d, format)).unwrap_or_default();
        format!("{name} ({} – {})", show(period.from), show(period.to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_cover_whole_days_both_ends() {
        let today = date(2026, 5, 17);
        let p = PeriodChoice::ThisQuarter.period(today);
        assert_eq!(
            (p.from, p.to),
            (Some(date(2026, 4, 1)), Some(date(2026, 6, 30)))
        );
        let p = PeriodChoice::Last12Months.period(today);
        assert_eq!((p.from, p.to), (Some(date(2025, 5, 18)), Some(today)));
        let p = PeriodChoice::LastYear.period(today);
        assert_eq!(
            (p.from, p.to),
            (Some(date(2025, 1, 1)), Some(date(2025, 12, 31)))
        );
        assert_eq!(PeriodChoice::AllTime.period(today), Period::default());
        let mut choice = PeriodChoice::AllTime;
        for _ in 0..5 {
            choice = choice.next();
        }
        assert_eq!(choice, PeriodChoice::AllTime);
    }
}
