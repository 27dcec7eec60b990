//! The schema's foreign keys as the journal needs them: which rows a delete cascades to or sets
//! to NULL, and which tables and columns a journal entry may name.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use rusqlite::Connection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OnDelete {
    Cascade,
    SetNull,
    Restrict,
}

#[derive(Debug, Clone)]
pub(super) struct ChildLink {
    pub(super) table: String,
    pub(super) column: String,
    pub(super) on_delete: OnDelete,
}

/// The schema's foreign keys, read once at open, so a delete can record every row that SQLite's
/// cascades will remove or change — which is what lets undo bring a record back with its links.
#[derive(Debug, Clone, Default)]
pub struct ForeignKeys {
    pub(super) children: BTreeMap<String, Vec<ChildLink>>,
    columns: BTreeMap<String, BTreeSet<String>>,
}

impl ForeignKeys {
    pub(crate) fn read(conn: &Connection) -> rusqlite::Result<ForeignKeys> {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut keys = ForeignKeys::default();
        for table in &tables {
            let columns = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")?
                .query_map([table], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            keys.columns.insert(table.clone(), columns);
            let mut stmt = conn.prepare(
                "SELECT \"table\", \"from\", on_delete FROM pragma_foreign_key_list(?1)",
            )?;
            let links = stmt.query_map([table], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?;
            for link in links {
                let (parent, column, on_delete) = link?;
                let on_delete = match on_delete.as_str() {
                    "CASCADE" => OnDelete::Cascade,
                    "SET NULL" => OnDelete::SetNull,
                    _ => OnDelete::Restrict,
                };
                keys.children.entry(parent).or_default().push(ChildLink {
                    table: table.clone(),
                    column,
                    on_delete,
                });
            }
        }
        Ok(keys)
    }

    /// Checks that a table and its columns, as named in the (untrusted) journal, are really ours.
    pub(super) fn check_columns<'a>(
        &self,
        table: &str,
        columns: impl IntoIterator<Item = &'a String>,
    ) -> Result<()> {
        let Some(known) = self.columns.get(table) else {
            bail!("the change journal names an unknown table {table:?}");
        };
        for column in columns {
            if !known.contains(column) {
                bail!("the change journal names an unknown column {column:?} of {table}");
            }
        }
        Ok(())
    }
}
