//! The workbook as TOML text: a `format` key, then one table (or array of tables) per kind of
//! record, keys in the layout's order, empty text and missing values left out.

use std::fmt::Write as _;

use crate::workbook::dump::{Cell, Record, TableRecords};
use crate::workbook::layout::{ColumnKind, ColumnLayout};

use super::FORMAT;

/// Renders `tables` (as `Workbook::dump` returns them). The same records always give the same
/// bytes.
pub fn render(tables: &[TableRecords]) -> Result<String, ::toml::ser::Error> {
    let mut out = String::new();
    out.push_str("# A partnerplan workbook as text: every record with its UUID and timestamps.\n");
    out.push_str("# Rebuild it with: partnerplan import NEW.partnerplan THIS-FILE.toml\n");
    let _ = writeln!(out, "format = {FORMAT}");
    for table in tables {
        for record in &table.records {
            out.push('\n');
            if table.layout.single {
                let _ = writeln!(out, "[{}]", table.layout.key);
            } else {
                let _ = writeln!(out, "[[{}]]", table.layout.key);
            }
            render_record(&mut out, table.layout.columns, record)?;
        }
    }
    Ok(out)
}

fn render_record(
    out: &mut String,
    columns: &[ColumnLayout],
    record: &Record,
) -> Result<(), ::toml::ser::Error> {
    line(out, "uuid", ::toml::Value::String(record.uuid.clone()))?;
    for (column, cell) in columns.iter().zip(&record.cells) {
        if let Some(value) = value(column, cell) {
            line(out, column.key, value)?;
        }
    }
    line(
        out,
        "created_at",
        ::toml::Value::String(record.created_at.clone()),
    )?;
    line(
        out,
        "updated_at",
        ::toml::Value::String(record.updated_at.clone()),
    )
}

/// The TOML value of a cell; `None` when the key is left out (NULL, or empty required text).
fn value(column: &ColumnLayout, cell: &Cell) -> Option<::toml::Value> {
    use ::toml::Value;
    Some(match (column.kind, cell) {
        (_, Cell::Null) => return None,
        (ColumnKind::Text, Cell::Text(text)) if text.is_empty() && !column.optional => {
            return None;
        }
        (ColumnKind::Bool, Cell::Integer(n)) => Value::Boolean(*n != 0),
        (_, Cell::Integer(n)) => Value::Integer(*n),
        (_, Cell::Real(x)) => Value::Float(*x),
        (_, Cell::Text(text)) => Value::String(text.clone()),
    })
}

/// `key = value` as the toml crate writes it: multi-line text as a multi-line string, so notes
/// stay readable in diffs.
fn line(out: &mut String, key: &str, value: ::toml::Value) -> Result<(), ::toml::ser::Error> {
    let mut one = ::toml::Table::new();
    one.insert(key.to_string(), value);
    out.push_str(&::toml::to_string_pretty(&one)?);
    Ok(())
}
