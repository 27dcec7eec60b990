//! The plan's intake rules applied where values are stored: a whole exchange record field by
//! field (TOML import, merge), and every value an edit writes (forms, CSV import, merge), so no
//! way in can store what the rules refuse.

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::dump::{Cell, Record};
use super::layout::TableLayout;
use crate::plan::intake::{FieldValue, field_problem, record_problem, table_field_problem};

/// A value an edit was about to store that the intake rules refuse; the edit is rolled back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstorable {
    pub table: String,
    pub column: String,
    pub problem: String,
}

impl std::fmt::Display for Unstorable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (thing, _) = super::merge::thing(&self.table);
        let field = self.column.replace('_', " ");
        write!(
            f,
            "the {thing}'s {field} {} Nothing was changed.",
            self.problem
        )
    }
}

impl std::error::Error for Unstorable {}

/// Refuses `value` for `table.column` when the intake rules do not allow it. Blobs are never
/// plan values and pass; text that is not UTF-8 is refused.
pub(crate) fn admit(table: &str, column: &str, value: &ToSqlOutput<'_>) -> Result<(), Unstorable> {
    let value = match value {
        ToSqlOutput::Borrowed(value) => *value,
        ToSqlOutput::Owned(value) => ValueRef::from(value),
        _ => return Ok(()),
    };
    let problem = match value {
        ValueRef::Null | ValueRef::Blob(_) => None,
        ValueRef::Integer(n) => table_field_problem(table, column, FieldValue::Integer(n)),
        ValueRef::Real(n) => table_field_problem(table, column, FieldValue::Real(n)),
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => table_field_problem(table, column, FieldValue::Text(text)),
            Err(_) => Some("is not valid UTF-8 text; type it again.".into()),
        },
    };
    match problem {
        Some(problem) => Err(Unstorable {
            table: table.into(),
            column: column.into(),
            problem,
        }),
        None => Ok(()),
    }
}

/// A cell as the plan's rules see it.
pub fn field_value(cell: &Cell) -> FieldValue<'_> {
    match cell {
        Cell::Null => FieldValue::Null,
        Cell::Integer(n) => FieldValue::Integer(*n),
        Cell::Real(n) => FieldValue::Real(*n),
        Cell::Text(text) => FieldValue::Text(text),
    }
}

/// Every field of `record` that may not be stored: its key in the exchange layout and what is
/// wrong, in column order (identity and timestamps first); when each field passes, a rule
/// between its fields (a milestone's done date) it breaks.
pub fn record_problems(layout: &TableLayout, record: &Record) -> Vec<(&'static str, String)> {
    let identity = [
        ("uuid", &record.uuid),
        ("created_at", &record.created_at),
        ("updated_at", &record.updated_at),
    ];
    let identity = identity.into_iter().filter_map(|(key, text)| {
        field_problem(key, FieldValue::Text(text)).map(|problem| (key, problem))
    });
    let cells = layout
        .columns
        .iter()
        .zip(&record.cells)
        .filter_map(|(column, cell)| {
            table_field_problem(layout.table, column.column, field_value(cell))
                .map(|problem| (column.key, problem))
        });
    let mut problems: Vec<(&'static str, String)> = identity.chain(cells).collect();
    if problems.is_empty() {
        let fields: Vec<(&str, FieldValue<'_>)> = layout
            .columns
            .iter()
            .zip(&record.cells)
            .map(|(column, cell)| (column.column, field_value(cell)))
            .collect();
        if let Some((column, problem)) = record_problem(layout.table, &fields) {
            let key = layout
                .columns
                .iter()
                .find(|c| c.column == column)
                .map_or(column, |c| c.key);
            problems.push((key, problem));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::layout::table_by_key;

    #[test]
    fn a_record_is_checked_field_by_field() {
        let layout = table_by_key("risks").unwrap();
        let mut cells: Vec<Cell> = layout
            .columns
            .iter()
            .map(|c| match c.column {
                "number" => Cell::Integer(7),
                "next_review" => Cell::Text("2026-02-30".into()),
                "title" => Cell::Text("Leak\u{1b}[2J".into()),
                _ => Cell::Null,
            })
            .collect();
        let record = Record {
            uuid: "u".into(),
            cells: cells.clone(),
            created_at: "t".into(),
            updated_at: "t".into(),
        };
        let keys: Vec<&str> = record_problems(layout, &record)
            .iter()
            .map(|(key, _)| *key)
            .collect();
        assert_eq!(keys, ["title", "next_review"]);
        for cell in &mut cells {
            if let Cell::Text(text) = cell {
                *text = "2026-02-28".into();
            }
        }
        let fixed = Record { cells, ..record };
        assert!(record_problems(layout, &fixed).is_empty());
    }
}
