//! The ROI figure: what it counts as the return (gross or margin), its exact ratio, how it reads.

use std::fmt;

use super::ValueEntry;

/// What an ROI counts as the return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoiBasis {
    /// Gross revenue and cost savings: no entry carries a margin.
    #[default]
    Gross,
    /// The margins earned (revenue without a margin at its gross amount, counted).
    Margin,
}

impl RoiBasis {
    /// Margin when any money entry carries a margin of its own, else gross.
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a ValueEntry>) -> RoiBasis {
        if entries
            .into_iter()
            .any(|e| e.money().is_some() && e.margin_minor.is_some())
        {
            RoiBasis::Margin
        } else {
            RoiBasis::Gross
        }
    }

    /// "ROI on margin" / "ROI on gross revenue": the label every ROI figure carries.
    pub fn label(self) -> &'static str {
        match self {
            RoiBasis::Gross => "ROI on gross revenue",
            RoiBasis::Margin => "ROI on margin",
        }
    }

    /// "on margin" / "on gross revenue", after a figure.
    pub fn words(self) -> &'static str {
        match self {
            RoiBasis::Gross => "on gross revenue",
            RoiBasis::Margin => "on margin",
        }
    }
}

/// The ROI figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roi {
    /// Nothing (or less than nothing) invested: no ratio to show.
    NotApplicable,
    /// (returns − invested) / invested, kept as its exact parts.
    Ratio {
        net_minor: i128,
        invested_minor: i128,
    },
}

impl Roi {
    pub(in crate::plan::money) fn of(returns: i128, invested: i128) -> Roi {
        if invested <= 0 {
            Roi::NotApplicable
        } else {
            Roi::Ratio {
                net_minor: returns - invested,
                invested_minor: invested,
            }
        }
    }

    /// The ratio for display and charts (0.125 for 12.5%).
    pub fn ratio(self) -> Option<f64> {
        match self {
            Roi::NotApplicable => None,
            Roi::Ratio { invested_minor, .. } if invested_minor <= 0 => None,
            Roi::Ratio {
                net_minor,
                invested_minor,
            } => Some(net_minor as f64 / invested_minor as f64),
        }
    }

    /// The ratio in tenths of a percent, rounded half away from zero, in whole numbers.
    fn per_mille(net: i128, invested: i128) -> i128 {
        if invested <= 0 {
            return 0;
        }
        let scaled = net.saturating_mul(1000);
        let (q, r) = (scaled / invested, scaled % invested);
        if 2 * r.abs() >= invested {
            q + scaled.signum()
        } else {
            q
        }
    }
}

/// "12.5%", "-40.0%", or "n/a".
impl fmt::Display for Roi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Roi::Ratio { invested_minor, .. } if invested_minor <= 0 => f.write_str("n/a"),
            Roi::NotApplicable => f.write_str("n/a"),
            Roi::Ratio {
                net_minor,
                invested_minor,
            } => {
                let tenths = Roi::per_mille(net_minor, invested_minor);
                let sign = if tenths < 0 { "-" } else { "" };
                let tenths = tenths.unsigned_abs();
                write!(f, "{sign}{}.{}%", tenths / 10, tenths % 10)
            }
        }
    }
}
