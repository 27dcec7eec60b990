//! Money, exactly: amounts in whole minor units (cents), typed and shown with the workbook's
//! currency, and the return on investment from investments and the value log.
//!
//! The rules:
//! - Amounts are `i64` minor units, never floats. A currency has 2 decimals unless it is one of
//!   the few with 0 (JPY, KRW…) or 3 (BHD, KWD…).
//! - Typed amounts: an optional sign, digits with commas grouping thousands ("1,250") or none,
//!   and at most the currency's decimals after a point ("1250.5" is 1250.50). The currency code
//!   may come before or after ("EUR 1,250.50"). Anything else is refused with a sentence.
//! - ROI: see `roi`.

mod margin;
mod payback;
mod period;
mod roi;

pub use margin::{
    RateFrom, margin_counted, margin_problem, margin_rate_problem, parse_margin, parse_margin_rate,
    rate_used,
};
pub use payback::{MONTHS_MAX, Payback, RoiMonth, cumulative, payback};
pub use period::{PeriodChoice, RoiPeriod};
pub use roi::{
    Investment, Period, Roi, RoiBasis, RoiReport, RoiSums, ValueEntry, ValueKind, roi,
    roi_by_partner,
};

use super::numbers::group_thousands;

/// A currency: its code and how many decimals its minor unit has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    code: String,
    decimals: u32,
}

/// The euro, as the config's `currency` defaults to it.
impl Default for Currency {
    fn default() -> Currency {
        Currency {
            code: "EUR".into(),
            decimals: 2,
        }
    }
}

/// Currencies without a minor unit in everyday use.
const NO_DECIMALS: [&str; 9] = [
    "JPY", "KRW", "ISK", "CLP", "VND", "PYG", "UGX", "XAF", "XOF",
];
/// Currencies with thousandths.
const THREE_DECIMALS: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

impl Currency {
    /// The currency with this three-letter code (any case), or a sentence saying what is wrong.
    pub fn from_code(code: &str) -> Result<Currency, String> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!(
                "\"{code}\" is not a currency code; use three letters like EUR, USD or GBP."
            ));
        }
        let decimals = if NO_DECIMALS.contains(&code.as_str()) {
            0
        } else if THREE_DECIMALS.contains(&code.as_str()) {
            3
        } else {
            2
        };
        Ok(Currency { code, decimals })
    }

    /// The currency with this code; one the config would have refused reads as the default.
    /// For settings the config has already checked.
    pub fn or_default(code: &str) -> Currency {
        Currency::from_code(code).unwrap_or_default()
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn decimals(&self) -> u32 {
        self.decimals
    }

    fn scale(&self) -> i64 {
        10_i64.pow(self.decimals)
    }

    /// "1,250.50" for 125050 cents: the amount without the code, as a form shows it for editing.
    pub fn format_bare(&self, minor: i64) -> String {
        let scale = self.scale().unsigned_abs();
        let whole = minor.unsigned_abs() / scale;
        let fraction = minor.unsigned_abs() % scale;
        let sign = if minor < 0 { "-" } else { "" };
        // `whole` fits in i64 once divided by at least 1, except i64::MIN with no decimals.
        let grouped = i64::try_from(whole)
            .map(group_thousands)
            .unwrap_or_else(|_| whole.to_string());
        if self.decimals == 0 {
            format!("{sign}{grouped}")
        } else {
            let width = self.decimals as usize;
            format!("{sign}{grouped}.{fraction:0width$}")
        }
    }

    /// "EUR 1,250.50".
    pub fn format(&self, minor: i64) -> String {
        format!("{} {}", self.code, self.format_bare(minor))
    }

    /// A typed amount in minor units, or a sentence saying what to type instead.
    pub fn parse(&self, text: &str) -> Result<i64, String> {
        let example = self.format_bare(125_050 * self.scale() / 100);
        let refuse = |why: &str| format!("{why}; enter an amount like {example}.");
        let mut rest = text.trim();
        if let Some(after) = strip_code(rest, &self.code, true) {
            rest = after;
        } else if let Some(before) = strip_code(rest, &self.code, false) {
            rest = before;
        }
        if rest.is_empty() {
            return Err(refuse("There is no amount"));
        }
        let (negative, unsigned) = match rest.as_bytes()[0] {
            b'-' => (true, &rest[1..]),
            b'+' => (false, &rest[1..]),
            _ => (false, rest),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        if unsigned.contains('.') && fraction.is_empty() || whole.is_empty() {
            return Err(refuse(&format!("\"{}\" is not an amount", text.trim())));
        }
        if !whole.chars().all(|c| c.is_ascii_digit() || c == ',')
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return Err(refuse(&format!("\"{}\" is not an amount", text.trim())));
        }
        if whole.contains(',') {
            let mut groups = whole.split(',');
            let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
            if !first_ok || !groups.all(|g| g.len() == 3) {
                return Err(refuse(
                    "Commas only group thousands (1,250) and a point starts the decimals",
                ));
            }
        }
        if fraction.len() > self.decimals as usize {
            return Err(if self.decimals == 0 {
                refuse(&format!("{} has no decimals", self.code))
            } else {
                refuse(&format!(
                    "{} has {} decimals at most",
                    self.code, self.decimals
                ))
            });
        }
        let digits: String = whole.chars().filter(|&c| c != ',').collect();
        let too_large = || refuse("The amount is too large");
        let whole: i64 = digits.parse().map_err(|_| too_large())?;
        let padded = format!("{fraction:0<width$}", width = self.decimals as usize);
        let fraction: i64 = if padded.is_empty() {
            0
        } else {
            padded.parse().map_err(|_| too_large())?
        };
        let magnitude = whole
            .checked_mul(self.scale())
            .and_then(|m| m.checked_add(fraction))
            .ok_or_else(too_large)?;
        Ok(if negative { -magnitude } else { magnitude })
    }
}

/// `text` without the currency code at its start (`leading`) or end, any case, when it is there.
fn strip_code<'a>(text: &'a str, code: &str, leading: bool) -> Option<&'a str> {
    let n = code.len();
    if text.len() < n {
        return None;
    }
    let (part, rest) = if leading {
        (text.get(..n)?, text.get(n..)?)
    } else {
        (text.get(text.len() - n..)?, text.get(..text.len() - n)?)
    };
    part.eq_ignore_ascii_case(code).then(|| rest.trim())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_checked_code_reads_as_itself_anything_else_as_the_euro() {
        assert_eq!(Currency::or_default("jpy").code(), "JPY");
        assert_eq!(Currency::or_default("jpy").decimals(), 0);
        assert_eq!(Currency::or_default("euro"), Currency::default());
        assert_eq!(Currency::default(), Currency::from_code("EUR").unwrap());
    }

    use super::*;

    fn eur() -> Currency {
        Currency::from_code("eur").unwrap()
    }

    #[test]
    fn typed_amounts_become_minor_units() {
        let eur = eur();
        for (typed, minor) in [
            ("1,250.50", 125_050),
            ("1250.5", 125_050),
            ("-30", -3_000),
            ("+7.05", 705),
            ("0.99", 99),
            ("EUR 1,250.50", 125_050),
            ("12 eur", 1_200),
            ("1,000,000", 100_000_000),
        ] {
            assert_eq!(eur.parse(typed), Ok(minor), "{typed}");
        }
    }

    #[test]
    fn junk_and_extra_decimals_are_refused_with_a_sentence() {
        let eur = eur();
        for junk in [
            "",
            "EUR",
            "abc",
            "1.234",
            "12,50",
            "1,2345",
            "1.",
            ".5",
            "1e3",
            "--3",
            "1 250",
            "USD 3",
            "99999999999999999999",
        ] {
            let message = eur.parse(junk).unwrap_err();
            assert!(
                message.contains("enter an amount like 1,250.50"),
                "{junk}: {message}"
            );
        }
        assert!(
            eur.parse("1.234")
                .unwrap_err()
                .contains("2 decimals at most")
        );
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.parse("1,250"), Ok(1_250));
        assert!(jpy.parse("1.5").unwrap_err().contains("no decimals"));
        let kwd = Currency::from_code("KWD").unwrap();
        assert_eq!(kwd.parse("1.234"), Ok(1_234));
    }

    #[test]
    fn formatting_round_trips() {
        let eur = eur();
        assert_eq!(eur.format(125_050), "EUR 1,250.50");
        assert_eq!(eur.format(-3_000), "EUR -30.00");
        assert_eq!(eur.format(5), "EUR 0.05");
        assert_eq!(
            Currency::from_code("JPY").unwrap().format(1_250),
            "JPY 1,250"
        );
        assert_eq!(
            Currency::from_code("KWD").unwrap().format(-1_005),
            "KWD -1.005"
        );
        for minor in [
            0,
            1,
            -1,
            99,
            100,
            125_050,
            -987_654_321,
            i64::MAX,
            i64::MIN + 1,
        ] {
            assert_eq!(eur.parse(&eur.format(minor)), Ok(minor), "{minor}");
            assert_eq!(eur.parse(&eur.format_bare(minor)), Ok(minor), "{minor}");
        }
    }

    #[test]
    fn currency_codes_are_three_letters() {
        assert_eq!(eur().code(), "EUR");
        assert_eq!(eur().decimals(), 2);
        assert!(Currency::from_code("EURO").is_err());
        assert!(Currency::from_code("€").is_err());
    }
}
