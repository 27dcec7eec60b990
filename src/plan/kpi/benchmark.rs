//! A KPI's benchmark: how peers do on the same measure, with where that comes from, and where a
//! KPI's latest value stands against it ("vs benchmark", beside "vs target").
//!
//! The rules:
//! - A **band** is low / typical / high, any of them (one value alone is typical); each finite,
//!   and in order (low ≤ typical ≤ high).
//! - A band never stands alone: it needs its **source** (who measured it, or that it is an
//!   example), so no number is presented as truth. Peer group, as-of date (`YYYY-MM-DD`) and the
//!   definition travel with it.
//! - **Standing**: below the low end, in the lower half (low to typical), at typical, in the upper
//!   half, above the high end; with only a typical value, below / at / above it. Whether that is
//!   good follows the KPI's direction.
//! - **Derived bands** (from the consultant's own workbooks): at least `DERIVE_MIN` values, so no
//!   single client can be read back; low and high are the quartiles, typical the median.

use super::Direction;
use crate::plan::shape::parse_iso_date;

/// The fewest workbooks a derived band may come from.
pub const DERIVE_MIN: usize = 3;

/// A KPI's benchmark, as stored beside the KPI.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiBenchmark {
    /// What exactly the KPI measures (numerator, denominator, period): only KPIs of the same
    /// definition compare.
    pub definition: String,
    /// The library entry the band was matched to ("" when typed by hand).
    pub key: String,
    pub low: Option<f64>,
    pub typical: Option<f64>,
    pub high: Option<f64>,
    pub peer_group: String,
    pub source: String,
    /// `YYYY-MM-DD`.
    pub as_of: Option<String>,
}

/// Which field a benchmark problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchmarkField {
    Band,
    Source,
    AsOf,
}

/// Where a value stands against a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Below,
    LowerHalf,
    AtTypical,
    UpperHalf,
    Above,
}

impl Standing {
    /// "below band", "upper half"… as the Metrics table shows it.
    pub fn words(self, typical_only: bool) -> &'static str {
        match (self, typical_only) {
            (Standing::Below, true) => "below typical",
            (Standing::Above, true) => "above typical",
            (Standing::Below, false) => "below band",
            (Standing::LowerHalf, _) => "lower half",
            (Standing::AtTypical, _) => "at typical",
            (Standing::UpperHalf, _) => "upper half",
            (Standing::Above, false) => "above band",
        }
    }

    /// Whether the standing is better than typical (`Some(true)`), worse (`Some(false)`) or level,
    /// for a KPI of `direction`.
    pub fn better(self, direction: Direction) -> Option<bool> {
        let up = match self {
            Standing::Below | Standing::LowerHalf => false,
            Standing::AtTypical => return None,
            Standing::UpperHalf | Standing::Above => true,
        };
        Some(up == (direction == Direction::Higher))
    }
}

/// A number without noise: "25", "12.5".
pub fn number_words(x: f64) -> String {
    let text = format!("{x:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl KpiBenchmark {
    /// Whether it holds a band to compare with.
    pub fn has_band(&self) -> bool {
        self.low.is_some() || self.typical.is_some() || self.high.is_some()
    }

    /// "15 / 25 / 40", "25", "15 / – / 40": the band as typed and shown.
    pub fn band_text(&self) -> String {
        match (self.low, self.typical, self.high) {
            (None, None, None) => String::new(),
            (None, Some(t), None) => number_words(t),
            (low, typical, high) => [low, typical, high]
                .iter()
                .map(|x| x.map_or_else(|| "–".to_string(), number_words))
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }

    /// Reads a typed band: empty is none; one number is typical; two are low / high; three are
    /// low / typical / high, separated by "/"; "–" or "-" alone leaves a place empty.
    pub fn parse_band(text: &str) -> Result<[Option<f64>; 3], String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok([None; 3]);
        }
        let parts: Vec<&str> = text.split('/').map(str::trim).collect();
        let read = |part: &str| -> Result<Option<f64>, String> {
            if part.is_empty() || part == "–" || part == "-" {
                return Ok(None);
            }
            let plain: String = part.chars().filter(|&c| c != ',').collect();
            match plain.parse::<f64>() {
                Ok(x) if x.is_finite() && !plain.contains(['e', 'E', 'i', 'I', 'n', 'N']) => {
                    Ok(Some(x))
                }
                _ => Err(format!(
                    "\"{part}\" is not a number; type a band like 15 / 25 / 40 (low / typical / \
                     high) or one typical value like 25."
                )),
            }
        };
        let values: Vec<Option<f64>> = parts.iter().map(|p| read(p)).collect::<Result<_, _>>()?;
        match values.as_slice() {
            [typical] => Ok([None, *typical, None]),
            [low, high] => Ok([*low, None, *high]),
            [low, typical, high] => Ok([*low, *typical, *high]),
            _ => Err(
                "A band has at most three numbers: low / typical / high (e.g. 15 / 25 / 40)."
                    .into(),
            ),
        }
    }

    /// The benchmark as stored (texts trimmed), or every problem with it.
    pub fn checked(&self) -> Result<KpiBenchmark, Vec<(BenchmarkField, String)>> {
        let mut problems = Vec::new();
        let band = [self.low, self.typical, self.high];
        if band.iter().flatten().any(|x| !x.is_finite()) {
            problems.push((
                BenchmarkField::Band,
                "A band holds finite numbers only; type numbers like 15 / 25 / 40.".to_string(),
            ));
        }
        let present: Vec<f64> = band.iter().flatten().copied().collect();
        if present.windows(2).any(|w| w[0] > w[1]) {
            problems.push((
                BenchmarkField::Band,
                format!(
                    "The band {} is not in order; type it low / typical / high, smallest first.",
                    self.band_text()
                ),
            ));
        }
        let source = self.source.trim().to_string();
        if self.has_band() && source.is_empty() {
            problems.push((
                BenchmarkField::Source,
                "A benchmark needs its source (who measured it, or \"example\"), so nobody takes \
                 it for a fact; type one, or clear the band."
                    .to_string(),
            ));
        }
        let as_of = self
            .as_of
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        if let Some(day) = as_of
            && parse_iso_date(day).is_none()
        {
            problems.push((
                BenchmarkField::AsOf,
                format!("The as-of date \"{day}\" is not a date; type one like 2026-06-30."),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(KpiBenchmark {
            definition: self.definition.trim().to_string(),
            key: self.key.trim().to_string(),
            low: self.low,
            typical: self.typical,
            high: self.high,
            peer_group: self.peer_group.trim().to_string(),
            source,
            as_of: as_of.map(String::from),
        })
    }

    /// Where `value` stands against the band; `None` without a band.
    pub fn standing(&self, value: f64) -> Option<Standing> {
        if !self.has_band() {
            return None;
        }
        if self.low.is_some_and(|low| value < low) {
            return Some(Standing::Below);
        }
        if self.high.is_some_and(|high| value > high) {
            return Some(Standing::Above);
        }
        Some(match self.typical {
            Some(t) if value == t => Standing::AtTypical,
            Some(t) if value < t => {
                if self.low.is_some() {
                    Standing::LowerHalf
                } else {
                    Standing::Below
                }
            }
            Some(_) => {
                if self.high.is_some() {
                    Standing::UpperHalf
                } else {
                    Standing::Above
                }
            }
            // Within low..high without a typical value: the nearer end says which half.
            None => match (self.low, self.high) {
                (Some(low), Some(high)) if value - low < high - value => Standing::LowerHalf,
                (Some(low), Some(high)) if value - low > high - value => Standing::UpperHalf,
                (Some(_), Some(_)) => Standing::AtTypical,
                (Some(_), None) => Standing::Above,
                (None, _) => Standing::Below,
            },
        })
    }

    /// "vs benchmark" for a table: "upper half" and whether that is good, or "–".
    pub fn versus(&self, value: Option<f64>, direction: Direction) -> (String, Option<bool>) {
        let typical_only = self.low.is_none() && self.high.is_none();
        match value.and_then(|v| self.standing(v)) {
            Some(s) => (s.words(typical_only).to_string(), s.better(direction)),
            None if self.has_band() => ("no value".to_string(), None),
            None => ("–".to_string(), None),
        }
    }
}

/// The value at quantile `q` (0–1) of sorted `values`, interpolated between neighbours.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = q * (sorted.len() - 1) as f64;
    let (below, above) = (at.floor() as usize, at.ceil() as usize);
    sorted[below] + (sorted[above] - sorted[below]) * (at - below as f64)
}

/// An anonymised band from one value per workbook (quartiles and median), or `None` when there
/// are fewer than `DERIVE_MIN` values or any is not finite.
pub fn derive_band(values: &[f64]) -> Option<[f64; 3]> {
    if values.len() < DERIVE_MIN || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some([
        quantile(&sorted, 0.25),
        quantile(&sorted, 0.5),
        quantile(&sorted, 0.75),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(low: Option<f64>, typical: Option<f64>, high: Option<f64>) -> KpiBenchmark {
        KpiBenchmark {
            low,
            typical,
            high,
            source: "Example".into(),
            ..KpiBenchmark::default()
        }
    }

    #[test]
    fn bands_read_as_typed() {
        assert_eq!(
            KpiBenchmark::parse_band("15 / 25 / 40"),
            Ok([Some(15.0), Some(25.0), Some(40.0)])
        );
        assert_eq!(KpiBenchmark::parse_band("25"), Ok([None, Some(25.0), None]));
        assert_eq!(
            KpiBenchmark::parse_band("1,500 / 3,000"),
            Ok([Some(1500.0), None, Some(3000.0)])
        );
        assert_eq!(
            KpiBenchmark::parse_band("10 / – / 30"),
            Ok([Some(10.0), None, Some(30.0)])
        );
        assert_eq!(KpiBenchmark::parse_band(" "), Ok([None; 3]));
        assert!(
            KpiBenchmark::parse_band("lots")
                .unwrap_err()
                .contains("\"lots\" is not a number")
        );
        assert!(KpiBenchmark::parse_band("inf").is_err());
        assert!(
            KpiBenchmark::parse_band("1/2/3/4")
                .unwrap_err()
                .contains("at most three")
        );
        assert_eq!(
            band(Some(15.0), Some(25.0), Some(40.0)).band_text(),
            "15 / 25 / 40"
        );
        assert_eq!(band(None, Some(12.5), None).band_text(), "12.5");
        assert_eq!(band(Some(1.0), None, Some(3.0)).band_text(), "1 / – / 3");
    }

    #[test]
    fn a_band_needs_order_and_a_source() {
        let unordered = band(Some(40.0), Some(25.0), None).checked().unwrap_err();
        assert_eq!(unordered[0].0, BenchmarkField::Band);
        assert!(unordered[0].1.contains("not in order"), "{unordered:?}");
        let unsourced = KpiBenchmark {
            source: "  ".into(),
            ..band(None, Some(3.0), None)
        };
        let problems = unsourced.checked().unwrap_err();
        assert_eq!(problems[0].0, BenchmarkField::Source);
        assert!(problems[0].1.contains("needs its source"));
        let dated = KpiBenchmark {
            as_of: Some("2026-02-30".into()),
            ..band(None, Some(3.0), None)
        };
        assert_eq!(dated.checked().unwrap_err()[0].0, BenchmarkField::AsOf);
        // No band: nothing is asked.
        assert!(KpiBenchmark::default().checked().is_ok());
    }

    #[test]
    fn standing_against_a_full_band_and_a_single_value() {
        let b = band(Some(15.0), Some(25.0), Some(40.0));
        let seen: Vec<_> = [10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 41.0]
            .iter()
            .map(|&v| b.standing(v).unwrap())
            .collect();
        use Standing::*;
        assert_eq!(
            seen,
            [
                Below, LowerHalf, LowerHalf, AtTypical, UpperHalf, UpperHalf, Above
            ]
        );
        let one = band(None, Some(25.0), None);
        assert_eq!(one.standing(30.0), Some(Above));
        assert_eq!(one.versus(Some(30.0), Direction::Higher).0, "above typical");
        assert_eq!(KpiBenchmark::default().standing(1.0), None);
        assert_eq!(
            KpiBenchmark::default().versus(Some(1.0), Direction::Higher),
            ("–".to_string(), None)
        );
        assert_eq!(b.versus(None, Direction::Higher).0, "no value");
    }

    #[test]
    fn good_or_bad_follows_the_direction() {
        let b = band(Some(15.0), Some(25.0), Some(40.0));
        assert_eq!(
            b.versus(Some(45.0), Direction::Higher),
            ("above band".to_string(), Some(true))
        );
        assert_eq!(
            b.versus(Some(45.0), Direction::Lower),
            ("above band".to_string(), Some(false))
        );
        assert_eq!(b.versus(Some(25.0), Direction::Lower).1, None);
    }

    #[test]
    fn derived_bands_need_three_values_and_are_quartiles() {
        assert_eq!(derive_band(&[1.0, 2.0]), None);
        assert_eq!(derive_band(&[1.0, 2.0, f64::NAN]), None);
        // Sorted 10, 20, 30, 40, 50: quartiles at positions 1 and 3, median at 2.
        assert_eq!(
            derive_band(&[50.0, 10.0, 40.0, 20.0, 30.0]),
            Some([20.0, 30.0, 40.0])
        );
        // Four values: positions 0.75, 1.5, 2.25 interpolate.
        assert_eq!(
            derive_band(&[10.0, 20.0, 30.0, 40.0]),
            Some([17.5, 25.0, 32.5])
        );
    }
}
