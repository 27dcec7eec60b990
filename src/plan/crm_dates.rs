//! Dates and day counts as CRMs and spreadsheets write them: ISO forms and unambiguous others are
//! read as they are, a day and month that could be either need the user's format; a whole number
//! of days may come as `14.0`, `14,0` or `14 days`.

use jiff::civil::Date;

/// Which comes first in a numeric date like `3/1/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayMonth {
    DayFirst,
    MonthFirst,
}

impl DayMonth {
    /// The `--date-format` that says this order with slashes.
    pub fn format(self) -> &'static str {
        match self {
            DayMonth::DayFirst => "%d/%m/%Y",
            DayMonth::MonthFirst => "%m/%d/%Y",
        }
    }
}

/// Why a cell is not read as a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Day and month could be either way round (`3/1/2026`).
    Ambiguous,
    /// Not a date we can read (or not one with the given format).
    NotADate,
}

/// What one cell says about the order of day and month, if anything.
pub fn evidence(text: &str) -> Option<DayMonth> {
    let (a, b, _) = numeric_parts(text)?;
    match (a > 12, b > 12) {
        (true, false) => Some(DayMonth::DayFirst),
        (false, true) => Some(DayMonth::MonthFirst),
        _ => None,
    }
}

/// Reads `text` (trimmed, non-empty) as a date: with `format` (strftime, e.g. `%d/%m/%Y`) when
/// given, else ISO (`2026-03-01`, with any time after it), `2026/03/01`, `1 Mar 2026`,
/// `Mar 1, 2026`, `01-Mar-2026`, day-first dotted `01.03.2026`, and numeric `a/b/yyyy` forms
/// when `order` or the numbers themselves settle which is the day.
pub fn read_date(
    text: &str,
    format: Option<&str>,
    order: Option<DayMonth>,
) -> Result<Date, DateProblem> {
    let text = date_part(text.trim());
    if let Some(format) = format
        && let Ok(date) = Date::strptime(format, text)
    {
        return Ok(date);
    }
    if let Ok(date) = text.parse::<Date>() {
        return Ok(date);
    }
    for named in [
        "%d %b %Y",
        "%d %B %Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d-%b-%Y",
        "%d-%b-%y",
    ] {
        if let Ok(date) = Date::strptime(named, text) {
            return Ok(date);
        }
    }
    if let Some((a, b, year)) = numeric_parts(text) {
        let separator = text.chars().find(|c| !c.is_ascii_digit());
        // Year first (2026/03/01) is always year, month, day.
        if text
            .split(['/', '.', '-'])
            .next()
            .is_some_and(|p| p.len() == 4)
        {
            return civil(year, a, b);
        }
        // Dots are written day first wherever they are used (01.03.2026).
        if separator == Some('.') {
            return civil(year, b, a);
        }
        let order = evidence(text).or(if a == b {
            Some(DayMonth::DayFirst)
        } else {
            order
        });
        return match order {
            Some(DayMonth::DayFirst) => civil(year, b, a),
            Some(DayMonth::MonthFirst) => civil(year, a, b),
            None if format.is_some() => Err(DateProblem::NotADate),
            None => Err(DateProblem::Ambiguous),
        };
    }
    Err(DateProblem::NotADate)
}

/// A whole number as spreadsheets write one: `14`, `14.0`, `14,00` (a decimal comma), with a unit
/// word after it (`14 days`, `14 Tage`); `None` for anything else (`14.5`, `two weeks`).
pub fn whole_number(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = text
        .split_once(char::is_whitespace)
        .filter(|(_, unit)| unit.trim().chars().all(char::is_alphabetic))
        .map_or(text, |(number, _)| number);
    let whole = match number.split_once(['.', ',']) {
        Some((whole, fraction)) if !fraction.is_empty() && fraction.bytes().all(|b| b == b'0') => {
            whole
        }
        Some(_) => return None,
        None => number,
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    whole.parse().ok()
}

/// The date in a date-and-time ("2026-03-01T10:00:00Z", "3/1/2026 9:14 AM").
fn date_part(text: &str) -> &str {
    let text = text.split('T').next().unwrap_or(text);
    if text.chars().filter(|c| *c == ' ').count() >= 1
        && text
            .split(' ')
            .next()
            .is_some_and(|p| p.contains(['/', '.', '-']))
    {
        text.split(' ').next().unwrap_or(text)
    } else {
        text
    }
}

/// The three numbers of `a/b/yyyy`, `a.b.yyyy`, `a-b-yy` or `yyyy/a/b` (as first, second and
/// year; a two-digit year is this century's).
fn numeric_parts(text: &str) -> Option<(i16, i16, i16)> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [p, q, r] = parts.as_slice() else {
        return None;
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |s: &str| s.parse::<i16>().ok();
    if p.len() == 4 {
        return Some((number(q)?, number(r)?, number(p)?));
    }
    let year = match r.len() {
        2 => 2000 + number(r)?,
        4 => number(r)?,
        _ => return None,
    };
    Some((number(p)?, number(q)?, year))
}

fn civil(year: i16, month: i16, day: i16) -> Result<Date, DateProblem> {
    let month = i8::try_from(month).map_err(|_| DateProblem::NotADate)?;
    let day = i8::try_from(day).map_err(|_| DateProblem::NotADate)?;
    Date::new(year, month, day).map_err(|_| DateProblem::NotADate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Result<String, DateProblem> {
        read_date(text, None, None).map(|d| d.to_string())
    }

    #[test]
    fn iso_and_unambiguous_forms_are_read() {
        for (text, expected) in [
            ("2026-03-01", "2026-03-01"),
            ("2026-03-01T09:14:00Z", "2026-03-01"),
            ("2026/3/1", "2026-03-01"),
            ("1 Mar 2026", "2026-03-01"),
            ("March 1, 2026", "2026-03-01"),
            ("01-Mar-2026", "2026-03-01"),
            ("01.03.2026", "2026-03-01"),
            ("25/03/2026", "2026-03-25"),
            ("3/25/2026", "2026-03-25"),
            ("3/25/2026 9:14 AM", "2026-03-25"),
            ("4/4/26", "2026-04-04"),
        ] {
            assert_eq!(iso(text), Ok(expected.into()), "{text}");
        }
    }

    #[test]
    fn whole_numbers_come_with_zero_fractions_and_units() {
        for (text, days) in [
            ("14", 14),
            (" 14.0 ", 14),
            ("30,00", 30),
            ("14 days", 14),
            ("7 Tage", 7),
        ] {
            assert_eq!(whole_number(text), Some(days), "{text}");
        }
        for text in ["14.5", "two weeks", "", "-3", "14 days 2", "1e3"] {
            assert_eq!(whole_number(text), None, "{text}");
        }
    }

    #[test]
    fn ambiguous_day_and_month_need_a_format_or_an_order() {
        assert_eq!(iso("3/1/2026"), Err(DateProblem::Ambiguous));
        assert_eq!(iso("01/03/2026"), Err(DateProblem::Ambiguous));
        assert_eq!(
            read_date("3/1/2026", Some("%d/%m/%Y"), None).map(|d| d.to_string()),
            Ok("2026-01-03".into())
        );
        assert_eq!(
            read_date("3/1/2026", None, Some(DayMonth::MonthFirst)).map(|d| d.to_string()),
            Ok("2026-03-01".into())
        );
        assert_eq!(iso("31/02/2026"), Err(DateProblem::NotADate));
        assert_eq!(iso("soon"), Err(DateProblem::NotADate));
        assert_eq!(evidence("25/03/2026"), Some(DayMonth::DayFirst));
        assert_eq!(evidence("3/25/2026"), Some(DayMonth::MonthFirst));
        assert_eq!(evidence("3/1/2026"), None);
    }
}
