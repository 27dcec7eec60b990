//! The workbook as TOML text: a `format` key, then one table (or array of tables) per kind of
//! record, keys in the layout's order, empty text and missing values left out.

use std::fmt::Write as _;

use crate::workbook::Workbook;
use crate::workbook::dump::{Cell, Order, Record, TableRecords};
use crate::workbook::layout::{ColumnKind, ColumnLayout, TABLES, TableLayout};

use super::FORMAT;

/// Renders `tables` (as `Workbook::dump` returns them). The same records always give the same
/// bytes.
pub fn render(tables: &[TableRecords]) -> Result<String, ::toml::ser::Error> {
    let mut out = String::new();
    preamble(&mut out);
    for table in tables {
        for record in &table.records {
            record_text(&mut out, table.layout, record)?;
        }
    }
    Ok(out)
}

/// Writes the workbook as TOML text to `out` a record at a time, read straight from the file:
/// the same bytes `render` gives for its dump, in the memory of one record. `lineage`, when
/// given, replaces the workbook's lineage (a copy handed out names its hand-off first).
/// Returns how many records were written.
pub fn write_plan(
    workbook: &Workbook,
    lineage: Option<&str>,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<usize> {
    let mut text = String::new();
    preamble(&mut text);
    out.write_all(text.as_bytes())?;
    let mut records = 0;
    for layout in TABLES {
        let lineage_at = lineage
            .filter(|_| layout.table == "workbook_meta")
            .and_then(|_| layout.columns.iter().position(|c| c.key == "lineage"));
        workbook.each_record(layout, Order::Created, |mut record| {
            if let (Some(at), Some(lineage)) = (lineage_at, lineage)
                && let Some(cell) = record.cells.get_mut(at)
            {
                *cell = Cell::Text(lineage.to_string());
            }
            text.clear();
            record_text(&mut text, layout, &record)?;
            out.write_all(text.as_bytes())?;
            records += 1;
            Ok(())
        })?;
    }
    out.flush()?;
    Ok(records)
}

fn preamble(out: &mut String) {
    out.push_str("# A partnerplan workbook as text: every record with its UUID and timestamps.\n");
    out.push_str("# Rebuild it with: partnerplan import NEW.partnerplan THIS-FILE.toml\n");
    let _ = writeln!(out, "format = {FORMAT}");
}

/// One record with its header line, as `[workbook]` or `[[partners]]`.
fn record_text(
    out: &mut String,
    layout: &TableLayout,
    record: &Record,
) -> Result<(), ::toml::ser::Error> {
    out.push('\n');
    if layout.single {
        let _ = writeln!(out, "[{}]", layout.key);
    } else {
        let _ = writeln!(out, "[[{}]]", layout.key);
    }
    render_record(out, layout.columns, record)
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
