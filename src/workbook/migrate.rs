//! The migrator: ordered SQL steps, each applied in one transaction that also sets `user_version`.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use super::schema::APPLICATION_ID;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings `conn` from its `user_version` up to `steps.len()`. A crash between steps leaves the file
/// at the last completed step, never half-way through one.
pub fn migrate(conn: &mut Connection, steps: &[&str]) -> Result<()> {
    let current = usize::try_from(user_version(conn)?).unwrap_or(0);
    for (index, step) in steps.iter().enumerate().skip(current) {
        let version = index + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(step)
            .with_context(|| format!("applying schema step {version}"))?;
        if index == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.pragma_update(None, "user_version", version as i64)?;
        tx.commit()
            .with_context(|| format!("committing schema step {version}"))?;
    }
    Ok(())
}

/// One schema object as SQLite records it, for comparing a file with what our steps produce.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchemaObject {
    pub kind: String,
    pub name: String,
    pub sql: Option<String>,
}

/// The schema of `conn`, sorted, without tables SQLite itself may add (`sqlite_stat1` from ANALYZE).
pub fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema \
         WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat4') ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(SchemaObject {
            kind: row.get(0)?,
            name: row.get(1)?,
            sql: row.get(2)?,
        })
    })?;
    rows.collect()
}

/// The schema that the first `version` steps produce, built in a private in-memory database.
pub fn expected_schema(steps: &[&str], version: usize) -> Result<Vec<SchemaObject>> {
    let mut conn = super::connection::open_in_memory()?;
    migrate(&mut conn, &steps[..version.min(steps.len())])?;
    Ok(schema_of(&conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::schema::MIGRATIONS;

    const STEPS: &[&str] = &[
        "CREATE TABLE a (x);",
        "CREATE TABLE b (y);",
        "CREATE INDEX b_y ON b (y);",
    ];

    #[test]
    fn applies_each_step_once_and_sets_user_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &STEPS[..1]).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 1);
        migrate(&mut conn, STEPS).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3);
        migrate(&mut conn, STEPS).unwrap();
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(app_id, APPLICATION_ID);
        assert_eq!(schema_of(&conn).unwrap().len(), 3);
    }

    #[test]
    fn failing_step_rolls_back_and_keeps_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let steps = [
            "CREATE TABLE a (x);",
            "CREATE TABLE b (y); CREATE TABLE a (z);",
        ];
        assert!(migrate(&mut conn, &steps).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let names: Vec<String> = schema_of(&conn)
            .unwrap()
            .into_iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn real_schema_builds_and_has_every_entity() {
        let schema = expected_schema(MIGRATIONS, MIGRATIONS.len()).unwrap();
        let tables: Vec<&str> = schema
            .iter()
            .filter(|o| o.kind == "table")
            .map(|o| o.name.as_str())
            .collect();
        for table in [
            "workbook_meta",
            "strategy",
            "goals",
            "resources",
            "governance_rules",
            "data_protocols",
            "data_protocol_recipients",
            "partners",
            "selection_criteria",
            "criterion_scores",
            "onboarding_items",
            "partner_onboarding",
            "checkins",
            "roles",
            "role_assignments",
            "risks",
            "risk_mitigations",
            "risk_score_history",
            "risk_dismissals",
            "kpis",
            "kpi_measurements",
            "investments",
            "value_log",
            "framework_progress",
            "vocabulary_terms",
            "change_journal",
            "change_journal_rows",
            "view_state",
        ] {
            assert!(tables.contains(&table), "missing table {table}");
        }
        assert!(
            schema
                .iter()
                .all(|o| o.kind != "trigger" && o.kind != "view")
        );
    }
}
