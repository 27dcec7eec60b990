//! The roster's facets and the check-in and onboarding rules as SQL conditions.

use rusqlite::types::Value;

use crate::plan::figures::{CHECKIN_STAGES, ONBOARDED_PCT};
use crate::workbook::paging::FacetUse;

/// Narrowing by exact values, on top of the text filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Facets {
    pub stage: Option<String>,
    /// Any of these stages (empty: any stage); the role matrix limits its rows with it.
    pub stages: Vec<String>,
    pub partner_type: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    pub sector: Option<String>,
    /// `Some(true)`: only partners that failed a gate; `Some(false)`: only those that did not.
    pub gated_out: Option<bool>,
    /// Only partners whose next check-in falls on or before this day (overdue ones included).
    pub due_by: Option<DueBy>,
    /// Only partners whose fit, rounded as the roster shows it, lies in `from..below` (the
    /// Overview's fit buckets; `(-1, 0)` is "not scored").
    pub fit_between: Option<(i64, i64)>,
}

/// "Check-in due by": an ISO date, and the cadence for partners without their own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DueBy {
    pub date: String,
    pub default_cadence_days: i64,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }

    /// Conditions for the facets set, with parameters numbered from `?first` on, and the values
    /// to bind to them in order (values are bound, never spliced into SQL).
    pub(super) fn conditions(&self, first: usize, purpose: FacetUse) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values: Vec<Value> = Vec::new();
        for (column, value) in [
            ("stage", &self.stage),
            ("partner_type", &self.partner_type),
            ("tier", &self.tier),
            ("region", &self.region),
            ("sector", &self.sector),
        ] {
            if let Some(value) = value {
                sql.push_str(&format!(" AND {column} = ?{}", first + values.len()));
                values.push(Value::Text(value.clone()));
            }
        }
        if !self.stages.is_empty() {
            let marks: Vec<String> = (0..self.stages.len())
                .map(|i| format!("?{}", first + values.len() + i))
                .collect();
            // In a window, `+stage` keeps SQLite walking the sort index and stopping once the
            // window is full; answered from a stage index it would read and sort every match
            // (20 ms rather than 0.1 ms for a quarter of 100,000 partners).
            let column = match purpose {
                FacetUse::Count => "stage",
                FacetUse::Window => "+stage",
            };
            sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
            values.extend(self.stages.iter().cloned().map(Value::Text));
        }
        if let Some(gated) = self.gated_out {
            sql.push_str(&format!(" AND gated_out = ?{}", first + values.len()));
            values.push(Value::Integer(i64::from(gated)));
        }
        if let Some((from, below)) = self.fit_between {
            let (low, high) = (first + values.len(), first + values.len() + 1);
            sql.push_str(&format!(
                " AND fit_score + 0.5 >= ?{low} AND fit_score + 0.5 < ?{high}"
            ));
            values.push(Value::Integer(from));
            values.push(Value::Integer(below));
        }
        if let Some(due) = &self.due_by {
            let (cadence, date) = (first + values.len(), first + values.len() + 1);
            let stage = match purpose {
                FacetUse::Count => "stage",
                FacetUse::Window => "+stage",
            };
            sql.push_str(" AND ");
            sql.push_str(&checkin_due_sql(
                stage,
                &format!("?{cadence}"),
                "<=",
                &format!("?{date}"),
            ));
            values.push(Value::Integer(due.default_cadence_days));
            values.push(Value::Text(due.date.clone()));
        }
        (sql, values)
    }
}

/// The rule of `figures::OVERDUE_CHECKINS` as an SQL condition: a partner at the tended stage
/// whose next check-in (last + own cadence, else `cadence`) compares with `date` by `compare`
/// (`<` overdue, `<=` due by). Every count and filter of due or overdue check-ins uses it.
/// `stage` is the column as the caller needs it (`+stage` keeps SQLite on a sort index).
pub(crate) fn checkin_due_sql(stage: &str, cadence: &str, compare: &str, date: &str) -> String {
    format!(
        "{} AND last_checkin >= '0' AND \
         date(last_checkin, '+' || coalesce(checkin_cadence_days, {cadence}) || ' days') {compare} {date}",
        tended_sql(stage)
    )
}

/// `stage` (the column as the caller needs it) is one of `figures::CHECKIN_STAGES`.
pub(crate) fn tended_sql(stage: &str) -> String {
    // The stages are the plan's own constant words, never user text.
    let stages: Vec<String> = CHECKIN_STAGES.iter().map(|s| format!("'{s}'")).collect();
    format!("{stage} IN ({})", stages.join(", "))
}

/// The rule of `figures::ONBOARDED` as an SQL condition on a partner row (the Overview's gauge
/// and the live KPI both count with it).
pub(crate) fn onboarded_sql() -> String {
    format!(
        "{} AND onboarding_pct >= {ONBOARDED_PCT}",
        tended_sql("stage")
    )
}
