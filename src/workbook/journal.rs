//! The change journal: every edit is one transaction that also records before/after images of the
//! rows it touched, so undo and redo replay it — across restarts, since it lives in the file.
//!
//! Batches of many rows (an import) are journalled and replayed in bulk: see `batch`; undo and
//! redo replay entries in `replay`, the schema's foreign keys are read in `foreign_keys`.

use anyhow::{Context, Result, bail};
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql, Transaction, TransactionBehavior, params};
use serde_json::{Map, Value as Json};

use super::{Workbook, new_uuid, timestamp_now};

mod batch;
mod foreign_keys;
mod marks;
mod replay;

pub use foreign_keys::ForeignKeys;
use foreign_keys::OnDelete;
pub use marks::JournalMark;
pub use replay::UndoOutcome;

pub(crate) use batch::{
    BATCH_ROWS, batch_cache, build_indexes, end_batch, image_expr, set_partner_indexes_aside,
    with_wide_functions,
};
use batch::{add_partners_back, added_partners_tail, keep_added_images};

/// How many edits undo can go back; older journal entries are pruned.
pub(in crate::workbook) const KEEP_ENTRIES: i64 = 1_000;

type RowImage = Map<String, Json>;

/// One row's change inside an edit.
#[derive(Debug, Clone)]
struct RowChange {
    table: String,
    uuid: String,
    before: Option<RowImage>,
    after: Option<RowImage>,
}

/// An edit in progress: one SQLite transaction plus the row images undo will need.
pub(crate) struct Change<'w> {
    tx: Transaction<'w>,
    keys: &'w ForeignKeys,
    search: [&'w super::search::SearchIndex; 2],
    label: String,
    rows: Vec<RowChange>,
}

impl Workbook {
    /// Starts an edit called `label` (shown by undo: "Undid: add partner Acme").
    pub(crate) fn change(&mut self, label: impl Into<String>) -> Result<Change<'_>> {
        self.refuse_write()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Change {
            tx,
            keys: &self.foreign_keys,
            search: [&self.search, &self.risk_search],
            label: label.into(),
            rows: Vec::new(),
        })
    }
}

impl Change<'_> {
    /// Inserts a row with a new uuid and timestamps; returns its integer id.
    pub(crate) fn insert(&mut self, table: &str, columns: &[(&str, &dyn ToSql)]) -> Result<i64> {
        admit_all(table, columns)?;
        let now = timestamp_now();
        let uuid = new_uuid();
        let mut names = vec!["uuid", "created_at", "updated_at"];
        let mut values: Vec<&dyn ToSql> = vec![&uuid, &now, &now];
        for (name, value) in columns {
            names.push(name);
            values.push(*value);
        }
        let placeholders = (1..=names.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({placeholders})",
            names.join(", ")
        );
        self.tx.execute(&sql, values.as_slice())?;
        let id = self.tx.last_insert_rowid();
        let after = read_image(&self.tx, table, id)?;
        self.rows.push(RowChange {
            table: table.into(),
            uuid,
            before: None,
            after,
        });
        Ok(id)
    }

    /// Runs `sql` (an insert or update of the one record with `uuid`) and records the record's
    /// images before and after, for a change whose shape the typed methods do not cover (a merge).
    pub(crate) fn write_by_uuid(
        &mut self,
        table: &str,
        uuid: &str,
        sql: &str,
        params: &[Value],
    ) -> Result<()> {
        let id_of = |tx: &Connection| -> Result<Option<i64>> {
            Ok(tx
                .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
                .query_row([uuid], |r| r.get(0))
                .optional()?)
        };
        let before = match id_of(&self.tx)? {
            Some(id) => read_image(&self.tx, table, id)?,
            None => None,
        };
        self.tx
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(params))?;
        let id = id_of(&self.tx)?.with_context(|| format!("{table} {uuid} was not written"))?;
        let after = read_image(&self.tx, table, id)?;
        self.rows.push(RowChange {
            table: table.into(),
            uuid: uuid.to_string(),
            before,
            after,
        });
        Ok(())
    }

    /// The record of `table` with `uuid`, if it is still there.
    pub(crate) fn id_of(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// Read access inside the edit's transaction.
    pub(crate) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Runs a statement in the edit's transaction without recording it, for counters that must
    /// not go back on undo (a risk number is never reused).
    pub(crate) fn execute_unjournaled(&self, sql: &str, params: &[&dyn ToSql]) -> Result<usize> {
        Ok(self.tx.execute(sql, params)?)
    }

    /// Updates columns of row `id` and stamps `updated_at`.
    pub(crate) fn update(
        &mut self,
        table: &str,
        id: i64,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        admit_all(table, columns)?;
        let before = read_image(&self.tx, table, id)?
            .with_context(|| format!("that record no longer exists in {table}"))?;
        let now = timestamp_now();
        let mut sets: Vec<String> = Vec::new();
        let mut values: Vec<&dyn ToSql> = Vec::new();
        for (index, (name, value)) in columns.iter().enumerate() {
            sets.push(format!("{name} = ?{}", index + 1));
            values.push(*value);
        }
        sets.push(format!("updated_at = ?{}", values.len() + 1));
        values.push(&now);
        values.push(&id);
        let sql = format!(
            "UPDATE {table} SET {} WHERE id = ?{}",
            sets.join(", "),
            values.len()
        );
        self.tx.execute(&sql, values.as_slice())?;
        let after = read_image(&self.tx, table, id)?;
        let uuid = image_uuid(&before)?;
        self.rows.push(RowChange {
            table: table.into(),
            uuid,
            before: Some(before),
            after,
        });
        Ok(())
    }

    /// Deletes row `id`, first recording every row the foreign keys will delete or unlink with it.
    pub(crate) fn delete(&mut self, table: &str, id: i64) -> Result<()> {
        self.record_cascade(table, id, 0)?;
        let before = read_image(&self.tx, table, id)?
            .with_context(|| format!("that record no longer exists in {table}"))?;
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        let uuid = image_uuid(&before)?;
        self.rows.push(RowChange {
            table: table.into(),
            uuid,
            before: Some(before),
            after: None,
        });
        Ok(())
    }

    fn record_cascade(&mut self, table: &str, id: i64, depth: usize) -> Result<()> {
        if depth > 32 {
            bail!("records are linked too deeply to delete safely");
        }
        let links = self.keys.children.get(table).cloned().unwrap_or_default();
        for link in links {
            let child_ids: Vec<i64> = self
                .tx
                .prepare(&format!(
                    "SELECT id FROM {} WHERE {} = ?1 ORDER BY id",
                    link.table, link.column
                ))?
                .query_map([id], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            for child in child_ids {
                match link.on_delete {
                    OnDelete::Cascade => {
                        self.record_cascade(&link.table, child, depth + 1)?;
                        let before = read_image(&self.tx, &link.table, child)?
                            .context("a linked record vanished during delete")?;
                        let uuid = image_uuid(&before)?;
                        self.rows.push(RowChange {
                            table: link.table.clone(),
                            uuid,
                            before: Some(before),
                            after: None,
                        });
                    }
                    OnDelete::SetNull => {
                        let before = read_image(&self.tx, &link.table, child)?
                            .context("a linked record vanished during delete")?;
                        let mut after = before.clone();
                        after.insert(link.column.clone(), Json::Null);
                        let uuid = image_uuid(&before)?;
                        self.rows.push(RowChange {
                            table: link.table.clone(),
                            uuid,
                            before: Some(before),
                            after: Some(after),
                        });
                    }
                    OnDelete::Restrict => {}
                }
            }
        }
        Ok(())
    }

    /// Writes the journal entry and commits everything as one transaction.
    pub(crate) fn commit(self) -> Result<()> {
        let Change {
            tx,
            search,
            label,
            rows,
            ..
        } = self;
        let mut scope = super::derived::Scope::default();
        for row in &rows {
            for image in [row.before.as_ref(), row.after.as_ref()] {
                scope.note(&row.table, image);
                for index in search {
                    index.note(&row.table, image);
                }
            }
        }
        super::derived::refresh(&tx, &scope)?;
        for row in &rows {
            match row.after {
                None => super::lineage::mark_deleted(&tx, &row.table, &row.uuid)?,
                Some(_) if row.before.is_none() => {
                    super::lineage::mark_present(&tx, &row.table, &row.uuid)?
                }
                Some(_) => {}
            }
        }
        if !rows.is_empty() {
            // A new edit ends the redo history, as in every editor.
            tx.execute("DELETE FROM change_journal WHERE undone = 1", [])?;
            tx.execute(
                "INSERT INTO change_journal (uuid, label, created_at) VALUES (?1, ?2, ?3)",
                params![new_uuid(), label, timestamp_now()],
            )?;
            let entry = tx.last_insert_rowid();
            let mut stmt = tx.prepare(
                "INSERT INTO change_journal_rows (entry_id, position, table_name, row_uuid, \
                 before_json, after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (position, row) in rows.iter().enumerate() {
                let before = row
                    .before
                    .as_ref()
                    .map(|image| Json::Object(image.clone()).to_string());
                let after = row
                    .after
                    .as_ref()
                    .map(|image| Json::Object(image.clone()).to_string());
                stmt.execute(params![
                    entry,
                    position as i64,
                    row.table,
                    row.uuid,
                    before,
                    after
                ])?;
            }
            drop(stmt);
            tx.execute(
                "DELETE FROM change_journal WHERE id <= ?1 - ?2",
                params![entry, KEEP_ENTRIES],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Every value an edit is about to write, held to the plan's intake rules.
fn admit_all(table: &str, columns: &[(&str, &dyn ToSql)]) -> Result<()> {
    for (column, value) in columns {
        super::intake::admit(table, column, &value.to_sql()?)?;
    }
    Ok(())
}

fn image_uuid(image: &RowImage) -> Result<String> {
    image
        .get("uuid")
        .and_then(Json::as_str)
        .map(str::to_owned)
        .context("a record has no uuid")
}

/// Reads row `id` of `table` as column → value.
fn read_image(conn: &Connection, table: &str, id: i64) -> Result<Option<RowImage>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let image = stmt
        .query_row([id], |row| {
            let mut image = RowImage::new();
            for (index, name) in names.iter().enumerate() {
                let value = match row.get_ref(index)? {
                    ValueRef::Null => Json::Null,
                    ValueRef::Integer(i) => Json::from(i),
                    ValueRef::Real(f) => Json::from(f),
                    ValueRef::Text(t) => Json::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(_) => Json::Null,
                };
                image.insert(name.clone(), value);
            }
            Ok(image)
        })
        .optional()?;
    Ok(image)
}
