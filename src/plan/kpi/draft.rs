//! The rules for a KPI as the KPI form saves it.
//!
//! - A name is required; name, category, unit and owner are one line each, the name, category
//!   and owner up to 200 characters, the unit up to 40.
//! - Baseline and target are empty or numbers ("1250", "1,250.5", "-3", "12.5"); infinities and
//!   "NaN" are refused.
//! - The target date is empty or a date in the user's format (or `YYYY-MM-DD`); a target date
//!   without a target is refused, since there is nothing to reach by then.

use super::{Direction, Horizon};
use crate::plan::live_kpi::LiveSource;
use crate::plan::shape::parse_typed_date;
use crate::plan::text::{describe_char, first_forbidden_char};

/// The longest name, category or owner.
pub const NAME_MAX_CHARS: usize = 200;
/// The longest unit ("%", "EUR", "days", "partners").
pub const UNIT_MAX_CHARS: usize = 40;

/// A KPI as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KpiDraft {
    pub name: String,
    pub category: String,
    pub horizon: Horizon,
    pub unit: String,
    pub direction: Direction,
    pub baseline: String,
    pub target: String,
    /// In the user's date format or `YYYY-MM-DD`; empty for none.
    pub target_date: String,
    pub owner: String,
    pub goal_id: Option<i64>,
    pub live_source: Option<LiveSource>,
}

/// A checked KPI, as the workbook stores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kpi {
    pub name: String,
    pub category: String,
    pub horizon: Horizon,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// `YYYY-MM-DD`.
    pub target_date: Option<String>,
    pub owner: String,
    pub goal_id: Option<i64>,
    pub live_source: Option<LiveSource>,
}

/// Which field a problem belongs to, so the form can show it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiField {
    Name,
    Category,
    Unit,
    Baseline,
    Target,
    TargetDate,
    Owner,
}

/// What stops a draft from being saved: the field and a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiProblem {
    pub field: KpiField,
    pub message: String,
}

/// A number as typed: empty is none; commas may group thousands.
fn parse_number(text: &str, what: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    let looks_numeric = plain
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'));
    match plain.parse::<f64>() {
        Ok(n) if looks_numeric && n.is_finite() => Ok(Some(n)),
        _ => Err(format!(
            "The {what} is not a number; enter one like 1250, 1,250.5 or -3, or leave it empty."
        )),
    }
}

impl KpiDraft {
    /// The draft as stored (texts trimmed, numbers and date read), or every problem with it.
    /// `date_format` is the user's date format from config.
    pub fn checked(&self, date_format: &str) -> Result<Kpi, Vec<KpiProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(KpiProblem { field, message });
        let name = self.name.trim();
        if name.is_empty() {
            problem(KpiField::Name, "A KPI needs a name; type one.".into());
        }
        for (field, label, text, max) in [
            (KpiField::Name, "name", name, NAME_MAX_CHARS),
            (
                KpiField::Category,
                "category",
                self.category.trim(),
                NAME_MAX_CHARS,
            ),
            (KpiField::Unit, "unit", self.unit.trim(), UNIT_MAX_CHARS),
            (KpiField::Owner, "owner", self.owner.trim(), NAME_MAX_CHARS),
        ] {
            if let Some(c) = first_forbidden_char(text, false) {
                problem(
                    field,
                    format!(
                        "The {label} cannot contain {}; remove it.",
                        describe_char(c)
                    ),
                );
            } else if text.chars().count() > max {
                problem(
                    field,
                    format!("The {label} is longer than {max} characters; shorten it."),
                );
            }
        }
        let baseline = parse_number(&self.baseline, "baseline").unwrap_or_else(|message| {
            problem(KpiField::Baseline, message);
            None
        });
        let target = parse_number(&self.target, "target").unwrap_or_else(|message| {
            problem(KpiField::Target, message);
            None
        });
        let target_date = parse_typed_date(&self.target_date, date_format).unwrap_or_else(|m| {
            problem(
                KpiField::TargetDate,
                format!("The target date is not a date. {m}"),
            );
            None
        });
        if target_date.is_some() && self.target.trim().is_empty() {
            problem(
                KpiField::Target,
                "A target date needs a target to reach by then; enter the target, or clear the date."
                    .into(),
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Kpi {
            name: name.to_string(),
            category: self.category.trim().to_string(),
            horizon: self.horizon,
            unit: self.unit.trim().to_string(),
            direction: self.direction,
            baseline,
            target,
            target_date,
            owner: self.owner.trim().to_string(),
            goal_id: self.goal_id,
            live_source: self.live_source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(problems: &[KpiProblem]) -> Vec<KpiField> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_good_draft_is_trimmed_and_read() {
        let draft = KpiDraft {
            name: "  Partner-sourced revenue ".into(),
            unit: "EUR".into(),
            baseline: "1,250.5".into(),
            target: "-3".into(),
            target_date: "31/12/2026".into(),
            ..KpiDraft::default()
        };
        let kpi = draft.checked("%d/%m/%Y").unwrap();
        assert_eq!(kpi.name, "Partner-sourced revenue");
        assert_eq!(kpi.baseline, Some(1250.5));
        assert_eq!(kpi.target, Some(-3.0));
        assert_eq!(kpi.target_date.as_deref(), Some("2026-12-31"));
        assert_eq!(kpi.horizon, Horizon::Short);
    }

    #[test]
    fn bad_drafts_say_where() {
        let draft = KpiDraft {
            name: " ".into(),
            unit: "x".repeat(41),
            baseline: "lots".into(),
            target: "inf".into(),
            target_date: "soon".into(),
            ..KpiDraft::default()
        };
        let problems = draft.checked("%Y-%m-%d").unwrap_err();
        assert_eq!(
            fields(&problems),
            [
                KpiField::Name,
                KpiField::Unit,
                KpiField::Baseline,
                KpiField::Target,
                KpiField::TargetDate
            ]
        );
        assert!(problems[2].message.contains("not a number"));
    }

    #[test]
    fn a_target_date_needs_a_target() {
        let draft = KpiDraft {
            name: "Churn".into(),
            target_date: "2026-12-31".into(),
            ..KpiDraft::default()
        };
        let problems = draft.checked("%Y-%m-%d").unwrap_err();
        assert_eq!(fields(&problems), [KpiField::Target]);
        let empty = KpiDraft {
            name: "Churn".into(),
            ..KpiDraft::default()
        };
        assert_eq!(empty.checked("%Y-%m-%d").unwrap().target, None);
    }
}
