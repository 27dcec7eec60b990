//! What `check` reads beyond SQLite's own checks, so that "ok" means "opens and works": every
//! value has its column's type, text is valid UTF-8 within the app's size, and values meet the
//! plan's intake rules.

use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::Refusal;
use super::open::{OpenError, open_failure};
use crate::plan::intake::{FieldValue, TEXT_MAX_CHARS, field_problem};

/// A value larger than this many bytes cannot be text any field holds (4 bytes a character).
const TEXT_MAX_BYTES: usize = TEXT_MAX_CHARS * 4;

/// The most bytes the app reads in one value (its connections' length limit); the app's own
/// bookkeeping (the undo journal) stays below it.
const VALUE_MAX_BYTES: usize = super::connection::VALUE_MAX_BYTES;

/// One column as the schema declares it.
struct Column {
    name: String,
    declared: String,
    /// A field of the plan (in the exchange layout), held to the plan's intake rules.
    planned: bool,
}

/// Reads every value of every table and refuses the first that the app could not use.
pub(crate) fn check_content(path: &Path, conn: &Connection) -> Result<(), OpenError> {
    let fail = |err: rusqlite::Error| open_failure(path, err, "reading");
    let damaged = |detail: String| -> OpenError {
        Refusal::Damaged {
            path: path.to_path_buf(),
            detail,
        }
        .into()
    };
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
            )
            .map_err(fail)?;
        let rows = stmt.query_map([], |row| row.get(0)).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)?
    };
    for table in &tables {
        let columns = columns_of(conn, table).map_err(fail)?;
        if columns.is_empty() {
            continue;
        }
        // Sizes first, from the record headers: a value too large to read is named, not read.
        let sizes = columns
            .iter()
            .map(|c| format!("max(octet_length({}))", quoted(&c.name)))
            .collect::<Vec<_>>()
            .join(", ");
        let largest: Vec<Option<i64>> = conn
            .query_row(
                &format!("SELECT {sizes} FROM {}", quoted(table)),
                [],
                |row| (0..columns.len()).map(|i| row.get(i)).collect(),
            )
            .map_err(fail)?;
        for (column, size) in columns.iter().zip(largest) {
            let size = size.unwrap_or(0);
            let limit = if column.planned {
                TEXT_MAX_BYTES
            } else {
                VALUE_MAX_BYTES
            };
            if usize::try_from(size).unwrap_or(usize::MAX) > limit {
                return Err(damaged(format!(
                    "{table}.{} holds a value of {} bytes, more than any partnerplan field holds \
                     ({} characters)",
                    column.name,
                    crate::plan::numbers::group_thousands(size),
                    crate::plan::numbers::group_thousands(TEXT_MAX_CHARS as i64)
                )));
            }
        }
        let list = columns
            .iter()
            .map(|c| quoted(&c.name))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {list} FROM {}", quoted(table)))
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let mut number = 0;
        while let Some(row) = rows.next().map_err(fail)? {
            number += 1;
            for (i, column) in columns.iter().enumerate() {
                let value = row.get_ref(i).map_err(fail)?;
                if let Some(problem) = value_problem(column, value) {
                    return Err(damaged(format!(
                        "{table}.{} (record {number} as stored) {problem}",
                        column.name
                    )));
                }
            }
        }
    }
    Ok(())
}

fn columns_of(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Column>> {
    let mut stmt = conn.prepare("SELECT name, type FROM pragma_table_info(?1)")?;
    let layout = super::layout::TABLES.iter().find(|t| t.table == table);
    let rows = stmt.query_map([table], |row| {
        let name: String = row.get(0)?;
        Ok(Column {
            planned: layout.is_some_and(|t| t.columns.iter().any(|c| c.column == name)),
            name,
            declared: row.get::<_, String>(1)?.to_ascii_uppercase(),
        })
    })?;
    rows.collect()
}

/// An identifier from our own (already compared) schema, quoted for SQL.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What is wrong with one stored value, as the end of a sentence.
fn value_problem(column: &Column, value: ValueRef<'_>) -> Option<String> {
    let expected = match column.declared.as_str() {
        "INTEGER" => "a whole number",
        "REAL" => "a number",
        "TEXT" => "text",
        _ => "",
    };
    let fits = match (column.declared.as_str(), value) {
        (_, ValueRef::Null) => true,
        ("INTEGER", v) => matches!(v, ValueRef::Integer(_)),
        ("REAL", v) => matches!(v, ValueRef::Integer(_) | ValueRef::Real(_)),
        ("TEXT", v) => matches!(v, ValueRef::Text(_)),
        _ => true,
    };
    if !fits {
        let found = match value {
            ValueRef::Integer(_) => "a whole number",
            ValueRef::Real(_) => "a number",
            ValueRef::Text(_) => "text",
            _ => "binary data",
        };
        return Some(format!("holds {found} where {expected} belongs"));
    }
    let field = match value {
        ValueRef::Null | ValueRef::Blob(_) => FieldValue::Null,
        ValueRef::Integer(n) => FieldValue::Integer(n),
        ValueRef::Real(n) => FieldValue::Real(n),
        ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => FieldValue::Text(text),
            Err(_) => return Some("holds text that is not valid UTF-8".into()),
        },
    };
    if !column.planned {
        return None;
    }
    field_problem(&column.name, field)
}
