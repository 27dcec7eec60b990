//! Meeting cadences — every N weeks or N months from an anchor date — and the dates they give.

use jiff::Span;
use jiff::civil::Date;

/// The longest gap a cadence may have between two meetings, in its unit.
pub const MAX_EVERY: u32 = 99;

/// The unit a cadence counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CadenceUnit {
    Weeks,
    Months,
}

impl CadenceUnit {
    /// How the unit is stored.
    pub fn word(self) -> &'static str {
        match self {
            CadenceUnit::Weeks => "weeks",
            CadenceUnit::Months => "months",
        }
    }

    pub fn from_word(word: &str) -> Option<CadenceUnit> {
        match word.trim().to_lowercase().as_str() {
            "week" | "weeks" => Some(CadenceUnit::Weeks),
            "month" | "months" => Some(CadenceUnit::Months),
            _ => None,
        }
    }
}

/// A forum meets every `every` weeks or months. Meeting `k` falls on the anchor plus `k` times
/// the gap, counted from the anchor each time: a monthly forum anchored on 31 January meets on
/// 28 (or 29) February and then on 31 March, never drifting to the 28th.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cadence {
    pub every: u32,
    pub unit: CadenceUnit,
}

impl Cadence {
    pub const fn weeks(every: u32) -> Cadence {
        Cadence {
            every,
            unit: CadenceUnit::Weeks,
        }
    }

    pub const fn months(every: u32) -> Cadence {
        Cadence {
            every,
            unit: CadenceUnit::Months,
        }
    }

    /// A cadence from the words people write: "monthly", "quarterly", "every 2 weeks",
    /// "fortnightly", "every 6 months", "annually"; `None` for anything else ("ad hoc", "as
    /// needed", "bi-monthly" — which means both twice a month and every two months).
    pub fn from_words(text: &str) -> Option<Cadence> {
        let text = text.trim().to_lowercase();
        let text = text.trim_end_matches('.');
        let named = match text {
            "weekly" | "every week" => Some(Cadence::weeks(1)),
            "fortnightly" | "biweekly" | "bi-weekly" | "every fortnight" | "every other week" => {
                Some(Cadence::weeks(2))
            }
            "monthly" | "every month" => Some(Cadence::months(1)),
            "quarterly" | "every quarter" => Some(Cadence::months(3)),
            "half-yearly" | "half yearly" | "semi-annually" | "semiannually" | "twice a year"
            | "twice yearly" | "every half year" => Some(Cadence::months(6)),
            "yearly" | "annually" | "annual" | "every year" | "once a year" => {
                Some(Cadence::months(12))
            }
            _ => None,
        };
        if named.is_some() {
            return named;
        }
        let rest = text.strip_prefix("every ")?;
        let mut words = rest.split_whitespace();
        let every: u32 = words.next()?.parse().ok()?;
        let unit = CadenceUnit::from_word(words.next()?)?;
        if words.next().is_some() || !(1..=MAX_EVERY).contains(&every) {
            return None;
        }
        Some(Cadence { every, unit })
    }

    /// The cadence in words, as `from_words` reads it back: "monthly", "every 2 weeks".
    pub fn words(self) -> String {
        match (self.every, self.unit) {
            (1, CadenceUnit::Weeks) => "weekly".into(),
            (1, CadenceUnit::Months) => "monthly".into(),
            (3, CadenceUnit::Months) => "quarterly".into(),
            (12, CadenceUnit::Months) => "yearly".into(),
            (n, unit) => format!("every {n} {}", unit.word()),
        }
    }

    /// Meeting `k` counted from the anchor (0 is the anchor; negative counts go back).
    pub fn nth(self, anchor: Date, k: i64) -> Option<Date> {
        let steps = k.checked_mul(i64::from(self.every.max(1)))?;
        let span = match self.unit {
            CadenceUnit::Weeks => Span::new().try_weeks(steps).ok()?,
            CadenceUnit::Months => Span::new().try_months(steps).ok()?,
        };
        anchor.checked_add(span).ok()
    }

    /// A count whose meeting falls before `day`, a step or two short of the first on or after
    /// it: the whole gap in the cadence's unit, rounded down, less one step.
    fn estimate(self, anchor: Date, day: Date) -> i64 {
        let every = i64::from(self.every.max(1));
        let gap = match self.unit {
            CadenceUnit::Weeks => i64::from((day - anchor).get_days()) / 7,
            CadenceUnit::Months => {
                (i64::from(day.year()) - i64::from(anchor.year())) * 12 + i64::from(day.month())
                    - i64::from(anchor.month())
            }
        };
        gap.div_euclid(every) - 1
    }

    /// The count of the first meeting on or after `day`.
    fn first_count(self, anchor: Date, day: Date) -> Option<i64> {
        let start = self.estimate(anchor, day);
        (start..start + 8).find(|k| self.nth(anchor, *k).is_some_and(|m| m >= day))
    }

    /// The first meeting on or after `day`: a next date in the past rolls forward; one in the
    /// future is the next meeting (none is assumed before it).
    pub fn on_or_after(self, anchor: Date, day: Date) -> Option<Date> {
        self.nth(anchor, self.first_count(anchor, day)?.max(0))
    }

    /// The last meeting strictly before `day` (the forum's previous meeting, before one on `day`).
    pub fn before(self, anchor: Date, day: Date) -> Option<Date> {
        self.nth(anchor, self.first_count(anchor, day)? - 1)
    }

    /// The next `count` meetings on or after `day`.
    pub fn upcoming(self, anchor: Date, day: Date, count: usize) -> Vec<Date> {
        let Some(k) = self.first_count(anchor, day).map(|k| k.max(0)) else {
            return Vec::new();
        };
        (0..count as i64)
            .map_while(|i| self.nth(anchor, k + i))
            .collect()
    }
}

/// "today", "tomorrow", "in 5 days", "in 3 weeks": how far off a meeting is.
pub fn how_soon(day: Date, today: Date) -> String {
    let days = (day - today).get_days();
    match days {
        i32::MIN..=-2 => format!("{} days ago", -days),
        -1 => "yesterday".into(),
        0 => "today".into(),
        1 => "tomorrow".into(),
        2..=20 => format!("in {days} days"),
        _ => format!("in {} weeks", (days + 3) / 7),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn words_people_write_read_as_cadences() {
        assert_eq!(Cadence::from_words("Monthly"), Some(Cadence::months(1)));
        assert_eq!(Cadence::from_words(" quarterly "), Some(Cadence::months(3)));
        assert_eq!(
            Cadence::from_words("every 2 weeks"),
            Some(Cadence::weeks(2))
        );
        assert_eq!(Cadence::from_words("Every 1 week"), Some(Cadence::weeks(1)));
        assert_eq!(Cadence::from_words("fortnightly"), Some(Cadence::weeks(2)));
        assert_eq!(
            Cadence::from_words("every 6 months"),
            Some(Cadence::months(6))
        );
        assert_eq!(Cadence::from_words("annually"), Some(Cadence::months(12)));
        for vague in [
            "ad hoc",
            "as needed",
            "bi-monthly",
            "every 0 weeks",
            "every 100 months",
            "every 2 weeks or so",
            "every two weeks",
            "",
        ] {
            assert_eq!(Cadence::from_words(vague), None, "{vague}");
        }
        for cadence in [
            Cadence::weeks(1),
            Cadence::weeks(6),
            Cadence::months(1),
            Cadence::months(3),
            Cadence::months(12),
            Cadence::months(18),
        ] {
            assert_eq!(Cadence::from_words(&cadence.words()), Some(cadence));
        }
    }

    #[test]
    fn a_monthly_forum_on_the_31st_meets_on_month_ends_without_drifting() {
        let monthly = Cadence::months(1);
        let anchor = date(2027, 1, 31);
        let meetings = monthly.upcoming(anchor, anchor, 4);
        assert_eq!(
            meetings,
            [
                date(2027, 1, 31),
                date(2027, 2, 28),
                date(2027, 3, 31),
                date(2027, 4, 30)
            ]
        );
        // A leap year's February has its 29th.
        let leap = monthly.upcoming(date(2028, 1, 31), date(2028, 2, 1), 2);
        assert_eq!(leap, [date(2028, 2, 29), date(2028, 3, 31)]);
        // A yearly forum on 29 February meets on the 28th in common years and the 29th again.
        let yearly = Cadence::months(12);
        assert_eq!(
            yearly.upcoming(date(2028, 2, 29), date(2028, 3, 1), 4),
            [
                date(2029, 2, 28),
                date(2030, 2, 28),
                date(2031, 2, 28),
                date(2032, 2, 29)
            ]
        );
    }

    #[test]
    fn a_next_date_in_the_past_rolls_forward_to_the_first_on_or_after_today() {
        let today = date(2026, 12, 7);
        let quarterly = Cadence::months(3);
        assert_eq!(
            quarterly.on_or_after(date(2025, 11, 30), today),
            Some(date(2027, 2, 28))
        );
        assert_eq!(
            quarterly.on_or_after(date(2026, 12, 7), today),
            Some(today),
            "a meeting today is today's"
        );
        assert_eq!(
            quarterly.on_or_after(date(2027, 5, 1), today),
            Some(date(2027, 5, 1)),
            "a future anchor is the next meeting"
        );
        let fortnightly = Cadence::weeks(2);
        assert_eq!(
            fortnightly.on_or_after(date(2026, 11, 2), today),
            Some(date(2026, 12, 14))
        );
        assert_eq!(
            fortnightly.on_or_after(date(2026, 11, 2), date(2026, 11, 30)),
            Some(date(2026, 11, 30))
        );
        // Far in the past or the future, the answer is still exact.
        // 1 January 2001 and 7 December 2026 are Mondays.
        assert_eq!(
            Cadence::weeks(1).on_or_after(date(2001, 1, 1), date(2026, 12, 7)),
            Some(date(2026, 12, 7))
        );
        assert_eq!(
            Cadence::weeks(1).on_or_after(date(2001, 1, 1), date(2026, 12, 8)),
            Some(date(2026, 12, 14))
        );
        assert_eq!(
            Cadence::months(1).on_or_after(date(2031, 3, 31), date(2026, 12, 7)),
            Some(date(2031, 3, 31))
        );
    }

    #[test]
    fn the_previous_meeting_is_the_one_before_the_day() {
        let monthly = Cadence::months(1);
        let anchor = date(2027, 1, 31);
        assert_eq!(
            monthly.before(anchor, date(2027, 3, 31)),
            Some(date(2027, 2, 28))
        );
        assert_eq!(
            monthly.before(anchor, date(2027, 1, 31)),
            Some(date(2026, 12, 31)),
            "before the anchor too"
        );
        assert_eq!(
            Cadence::weeks(2).before(date(2026, 12, 10), date(2026, 12, 10)),
            Some(date(2026, 11, 26))
        );
    }

    #[test]
    fn how_soon_reads_as_words() {
        let today = date(2026, 12, 7);
        assert_eq!(how_soon(today, today), "today");
        assert_eq!(how_soon(date(2026, 12, 8), today), "tomorrow");
        assert_eq!(how_soon(date(2026, 12, 12), today), "in 5 days");
        assert_eq!(how_soon(date(2027, 1, 4), today), "in 4 weeks");
        assert_eq!(how_soon(date(2026, 12, 1), today), "6 days ago");
    }
}
