//! The periods an ROI covers: the choices the Metrics tab steps through (its default is this
//! year), a calendar year, or any days between two dates; each as whole days, both ends
//! included, and each with a name a reader can check.

use jiff::civil::Date;

use super::roi::Period;

/// The periods the ROI can cover, in the order the Metrics tab's `p` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodChoice {
    AllTime,
    ThisYear,
    Last12Months,
    ThisQuarter,
    LastYear,
}

impl PeriodChoice {
    /// What the Metrics tab opens on, and so what the report and the spreadsheet use unless
    /// told otherwise.
    pub const DEFAULT: PeriodChoice = PeriodChoice::ThisYear;

    pub fn next(self) -> PeriodChoice {
        match self {
            PeriodChoice::AllTime => PeriodChoice::ThisYear,
            PeriodChoice::ThisYear => PeriodChoice::Last12Months,
            PeriodChoice::Last12Months => PeriodChoice::ThisQuarter,
            PeriodChoice::ThisQuarter => PeriodChoice::LastYear,
            PeriodChoice::LastYear => PeriodChoice::AllTime,
        }
    }

    /// "this year", "all time".
    pub fn name(self) -> &'static str {
        match self {
            PeriodChoice::AllTime => "all time",
            PeriodChoice::ThisYear => "this year",
            PeriodChoice::Last12Months => "the last 12 months",
            PeriodChoice::ThisQuarter => "this quarter",
            PeriodChoice::LastYear => "last year",
        }
    }

    /// The days covered on `today`.
    pub fn period(self, today: Date) -> Period {
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
}

fn year(y: i16) -> (Option<Date>, Option<Date>) {
    (Date::new(y, 1, 1).ok(), Date::new(y, 12, 31).ok())
}

/// The period a deliverable's ROI covers: one of the app's choices (counted from the
/// deliverable's date), a calendar year (`--period 2026`), or the days between two dates
/// (`--from`/`--to`, either end may stay open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoiPeriod {
    Choice(PeriodChoice),
    Year(i16),
    Between(Option<Date>, Option<Date>),
}

impl Default for RoiPeriod {
    fn default() -> RoiPeriod {
        RoiPeriod::Choice(PeriodChoice::DEFAULT)
    }
}

impl RoiPeriod {
    /// `--period WORD`: a year ("2026") or a choice ("all", "this-year", "last-12-months",
    /// "this-quarter", "last-year"); anything else is refused with the words understood.
    pub fn parse(word: &str) -> Result<RoiPeriod, String> {
        let word = word.trim().to_ascii_lowercase();
        if let Ok(y) = word.parse::<i16>()
            && (1900..=9999).contains(&y)
        {
            return Ok(RoiPeriod::Year(y));
        }
        let choice = match word.replace([' ', '_'], "-").as_str() {
            "all" | "all-time" => PeriodChoice::AllTime,
            "this-year" => PeriodChoice::ThisYear,
            "last-12-months" => PeriodChoice::Last12Months,
            "this-quarter" => PeriodChoice::ThisQuarter,
            "last-year" => PeriodChoice::LastYear,
            _ => {
                return Err(format!(
                    "\"{word}\" is not a period partnerplan knows; use a year (--period 2026), \
                     all, this-year, last-12-months, this-quarter or last-year, or give the \
                     days with --from YYYY-MM-DD and --to YYYY-MM-DD."
                ));
            }
        };
        Ok(RoiPeriod::Choice(choice))
    }

    /// The days covered, counted from `today` for a choice.
    pub fn period(self, today: Date) -> Period {
        match self {
            RoiPeriod::Choice(choice) => choice.period(today),
            RoiPeriod::Year(y) => {
                let (from, to) = year(y);
                Period { from, to }
            }
            RoiPeriod::Between(from, to) => Period { from, to },
        }
    }

    /// The period named for a reader: "this year (2026-01-01 – 2026-12-31)", "2026",
    /// "from 2026-03-01", "all time".
    pub fn describe(self, today: Date) -> String {
        let p = self.period(today);
        let days = match (p.from, p.to) {
            (Some(from), Some(to)) => format!("{from} – {to}"),
            (Some(from), None) => format!("from {from}"),
            (None, Some(to)) => format!("up to {to}"),
            (None, None) => "all time".to_string(),
        };
        match self {
            RoiPeriod::Choice(PeriodChoice::AllTime) | RoiPeriod::Between(..) => days,
            RoiPeriod::Choice(choice) => format!("{} ({days})", choice.name()),
            RoiPeriod::Year(y) => format!("{y} ({days})"),
        }
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

    #[test]
    fn a_deliverable_names_its_period() {
        let today = date(2026, 11, 24);
        assert_eq!(
            RoiPeriod::default().describe(today),
            "this year (2026-01-01 – 2026-12-31)"
        );
        assert_eq!(
            RoiPeriod::parse("2025").unwrap().describe(today),
            "2025 (2025-01-01 – 2025-12-31)"
        );
        assert_eq!(RoiPeriod::parse("all").unwrap().describe(today), "all time");
        assert_eq!(
            RoiPeriod::Between(Some(date(2026, 3, 1)), None).describe(today),
            "from 2026-03-01"
        );
        let refusal = RoiPeriod::parse("fortnight").unwrap_err();
        assert!(
            refusal.contains("--period 2026") && refusal.contains("--from"),
            "{refusal}"
        );
    }
}
