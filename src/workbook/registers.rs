//! The registers as flat tables for CSV: partners, risks and KPIs, one row per record, in a
//! stable order, each column with a readable header.

use anyhow::Result;
use rusqlite::types::ValueRef;

use super::Workbook;

/// A register that can leave the workbook as a flat table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Partners,
    Risks,
    Kpis,
}

/// One column: its header, and whether it holds text (numbers and dates we write ourselves
/// cannot be read as formulas; text typed by people can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterColumn {
    pub header: &'static str,
    pub text: bool,
}

/// Each column with the SQL expression that reads it from the register's table (alias `t`).
type Spec = &'static [(RegisterColumn, &'static str)];

const fn number(header: &'static str, expr: &'static str) -> (RegisterColumn, &'static str) {
    (
        RegisterColumn {
            header,
            text: false,
        },
        expr,
    )
}

const fn text_expr(header: &'static str, expr: &'static str) -> (RegisterColumn, &'static str) {
    (RegisterColumn { header, text: true }, expr)
}

const PARTNERS: Spec = &[
    text_expr("Name", "name"),
    text_expr("Type", "partner_type"),
    text_expr("Sector", "sector"),
    text_expr("Website", "website"),
    text_expr("Stage", "stage"),
    text_expr("Tier", "tier"),
    text_expr("Region", "region"),
    text_expr("Internal owner", "owner"),
    number("Check-in days", "checkin_cadence_days"),
    text_expr("Contact name", "contact_name"),
    text_expr("Contact e-mail", "contact_email"),
    number("Agreement start", "agreement_start"),
    number("Agreement end", "agreement_end"),
    text_expr("They contribute", "contributes"),
    text_expr("They gain", "gains"),
    text_expr("Notes", "notes"),
    number(
        "Fit",
        "CASE WHEN fit_score >= 0 THEN round(fit_score, 1) END",
    ),
    number("Gated out", "CASE WHEN gated_out THEN 'yes' ELSE 'no' END"),
    number(
        "Onboarding %",
        "CASE WHEN onboarding_pct >= 0 THEN onboarding_pct END",
    ),
    number("Last check-in", "last_checkin"),
    number("Next check-in", "nullif(next_checkin, '')"),
];

const RISKS: Spec = &[
    number("Code", "code"),
    text_expr("Title", "title"),
    text_expr("Category", "category"),
    text_expr("Partner / role", "link_name"),
    text_expr("Cause", "cause"),
    text_expr("Event", "event"),
    text_expr("Consequence", "consequence"),
    number("Inherent likelihood", "inherent_likelihood"),
    number("Inherent impact", "inherent_impact"),
    number("Inherent score", "inherent_likelihood * inherent_impact"),
    text_expr("Treatment", "treatment"),
    text_expr(
        "Mitigations",
        "(SELECT group_concat(line, '; ') FROM (SELECT CASE WHEN trim(note) = '' THEN kind \
         ELSE kind || ': ' || note END AS line FROM risk_mitigations m \
         WHERE m.risk_id = t.id ORDER BY position, id))",
    ),
    number("Residual likelihood", "residual_likelihood"),
    number("Residual impact", "residual_impact"),
    number("Residual score", "residual_likelihood * residual_impact"),
    text_expr("Owner", "owner"),
    text_expr("Status", "status"),
    number("Next review", "next_review"),
    text_expr("Note", "note"),
];

const KPIS: Spec = &[
    text_expr("Name", "name"),
    text_expr("Category", "category"),
    text_expr("Horizon", "horizon"),
    text_expr("Unit", "unit"),
    text_expr("Direction", "direction"),
    number("Baseline", "baseline"),
    number("Target", "target"),
    number("Target date", "target_date"),
    text_expr("Owner", "owner"),
    text_expr("Goal", "(SELECT title FROM goals g WHERE g.id = t.goal_id)"),
    text_expr("Live source", "live_source"),
    number(
        "Latest value",
        "(SELECT value FROM kpi_measurements m WHERE m.kpi_id = t.id \
         ORDER BY measured_on DESC, id DESC LIMIT 1)",
    ),
    number(
        "Measured on",
        "(SELECT max(measured_on) FROM kpi_measurements m WHERE m.kpi_id = t.id)",
    ),
    number(
        "Measurements",
        "(SELECT count(*) FROM kpi_measurements m WHERE m.kpi_id = t.id)",
    ),
];

impl Register {
    fn spec(self) -> (Spec, &'static str, &'static str) {
        match self {
            Register::Partners => (PARTNERS, "partners", "t.name, t.uuid"),
            Register::Risks => (RISKS, "risks", "t.number, t.uuid"),
            Register::Kpis => (KPIS, "kpis", "t.name COLLATE NOCASE, t.uuid"),
        }
    }

    /// The register's columns, in the order of every row.
    pub fn columns(self) -> Vec<RegisterColumn> {
        self.spec().0.iter().map(|(column, _)| *column).collect()
    }
}

impl Workbook {
    /// How many rows `register` has (for progress).
    pub fn register_len(&self, register: Register) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM {}", register.spec().1),
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Calls `each` with every row of `register` as text cells (empty for none), in order.
    pub fn register_rows(
        &self,
        register: Register,
        mut each: impl FnMut(&[String]) -> Result<()>,
    ) -> Result<()> {
        let (spec, table, order) = register.spec();
        let exprs: Vec<&str> = spec.iter().map(|(_, expr)| *expr).collect();
        let sql = format!(
            "SELECT {} FROM {table} t ORDER BY {order}",
            exprs.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut cells = vec![String::new(); spec.len()];
        while let Some(row) = rows.next()? {
            for (index, cell) in cells.iter_mut().enumerate() {
                cell.clear();
                match row.get_ref(index)? {
                    ValueRef::Null => {}
                    ValueRef::Integer(n) => cell.push_str(&n.to_string()),
                    ValueRef::Real(x) => cell.push_str(&x.to_string()),
                    ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                        cell.push_str(&String::from_utf8_lossy(bytes))
                    }
                }
            }
            each(&cells)?;
        }
        Ok(())
    }
}
