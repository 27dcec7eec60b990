//! Undo and redo: the journal's latest (or earliest undone) entry replayed, each row put back to
//! its before or after image.

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value as Json;

use super::{
    BATCH_ROWS, ForeignKeys, RowImage, add_partners_back, added_partners_tail, batch_cache,
    build_indexes, end_batch, keep_added_images, set_partner_indexes_aside,
};
use crate::workbook::Workbook;

/// What an undo or redo did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    pub label: String,
}

/// Makes the row with `uuid` look like `image`, or removes it when `image` is `None`.
fn apply_image(
    conn: &Connection,
    keys: &ForeignKeys,
    table: &str,
    uuid: &str,
    image: Option<&RowImage>,
) -> Result<()> {
    keys.check_columns(table, std::iter::empty())?;
    let Some(image) = image else {
        conn.prepare_cached(&format!("DELETE FROM \"{table}\" WHERE uuid = ?1"))?
            .execute([uuid])?;
        return Ok(());
    };
    keys.check_columns(table, image.keys())?;
    let names: Vec<&String> = image.keys().collect();
    let values: Vec<Value> = image.values().map(json_to_sql).collect::<Result<_>>()?;
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let placeholders = (1..=names.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let updates = quoted
        .iter()
        .filter(|q| q.as_str() != "\"id\"")
        .map(|q| format!("{q} = excluded.{q}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO \"{table}\" ({}) VALUES ({placeholders}) ON CONFLICT (id) DO UPDATE SET {updates}",
        quoted.join(", ")
    );
    // Cached: a batch replays thousands of rows of one table with the same columns.
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

fn json_to_sql(value: &Json) -> Result<Value> {
    Ok(match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(
                n.as_f64()
                    .context("a number in the change journal is out of range")?,
            ),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(_) | Json::Object(_) => {
            bail!("the change journal holds a value of an unknown shape")
        }
    })
}
impl Workbook {
    pub fn can_undo(&self) -> bool {
        self.journal_entry(false).ok().flatten().is_some()
    }

    pub fn can_redo(&self) -> bool {
        self.journal_entry(true).ok().flatten().is_some()
    }

    fn journal_entry(&self, undone: bool) -> Result<Option<(i64, String)>> {
        let order = if undone { "ASC" } else { "DESC" };
        Ok(self
            .conn
            .query_row(
                &format!("SELECT id, label FROM change_journal WHERE undone = ?1 ORDER BY id {order} LIMIT 1"),
                [undone],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Whether the next undo (`undo`) or redo changes a programme, so that replaying it reworks
    /// a whole type's or the whole roster's cached figures (long on a large roster).
    pub fn replay_reworks_roster(&self, undo: bool) -> Result<bool> {
        let Some((entry, _)) = self.journal_entry(!undo)? else {
            return Ok(false);
        };
        // The table names are ours, never text from a file.
        let tables = crate::workbook::derived::PROGRAMME_TABLES.map(|t| format!("'{t}'"));
        Ok(self.conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM change_journal_rows \
                 WHERE entry_id = ?1 AND table_name IN ({}))",
                tables.join(", ")
            ),
            [entry],
            |r| r.get(0),
        )?)
    }

    /// Reverts the latest edit that is not undone yet. `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<UndoOutcome>> {
        self.replay(true)
    }

    /// Re-applies the earliest undone edit. `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Result<Option<UndoOutcome>> {
        self.replay(false)
    }

    fn replay(&mut self, undo: bool) -> Result<Option<UndoOutcome>> {
        self.refuse_write()?;
        let Some((entry, label)) = self.journal_entry(!undo)? else {
            return Ok(None);
        };
        let rows: i64 = self.conn.query_row(
            "SELECT count(*) FROM change_journal_rows WHERE entry_id = ?1",
            [entry],
            |r| r.get(0),
        )?;
        if rows < BATCH_ROWS {
            return self.replay_entry(entry, label, undo, None);
        }
        // A batch (an import) touches every index of its tables at scattered places: keep the
        // pages in memory rather than write them out and read them back.
        let before = batch_cache(&self.conn)?;
        let result = added_partners_tail(&self.conn, entry)
            .and_then(|tail| self.replay_entry(entry, label, undo, tail));
        end_batch(&self.conn, before)?;
        result
    }

    /// Replays `entry`; the rows from position `tail` on, partners it added (an import's), go in
    /// or out in one statement (see `added_partners_tail`).
    fn replay_entry(
        &mut self,
        entry: i64,
        label: String,
        undo: bool,
        tail: Option<i64>,
    ) -> Result<Option<UndoOutcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Moving more partners than stay (or than were there) goes faster with the partner
        // indexes built afresh at the end.
        let set_aside = match tail {
            Some(tail) => {
                let (moved, stored): (i64, i64) = tx.query_row(
                    "SELECT (SELECT count(*) FROM change_journal_rows \
                     WHERE entry_id = ?1 AND position >= ?2), (SELECT count(*) FROM partners)",
                    [entry, tail],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                let staying = if undo { stored - moved } else { stored };
                if moved >= staying {
                    set_partner_indexes_aside(&tx)?
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        };
        if undo {
            keep_added_images(&tx, &self.foreign_keys, entry)?;
            if let Some(tail) = tail {
                tx.execute(
                    "DELETE FROM partners WHERE uuid IN (SELECT row_uuid FROM change_journal_rows \
                     WHERE entry_id = ?1 AND position >= ?2)",
                    [entry, tail],
                )
                .with_context(|| format!("could not undo \"{label}\""))?;
            }
        }
        let order = if undo { "DESC" } else { "ASC" };
        let mut stmt = tx.prepare(&format!(
            "SELECT table_name, row_uuid, before_json, after_json FROM change_journal_rows \
             WHERE entry_id = ?1 AND position < ?2 ORDER BY position {order}"
        ))?;
        // Read one row at a time: an import's entry holds 100,000 images.
        let mut rows = stmt.query([entry, tail.unwrap_or(i64::MAX)])?;
        let mut scope = crate::workbook::derived::Scope::default();
        let parse = |table: &str, text: Option<String>| -> Result<Option<RowImage>> {
            text.map(|text| {
                serde_json::from_str::<RowImage>(&text)
                    .with_context(|| format!("reading the change journal for {table}"))
            })
            .transpose()
        };
        while let Some(row) = rows.next()? {
            let (table, uuid): (String, String) = (row.get(0)?, row.get(1)?);
            let before = parse(&table, row.get(2)?)?;
            let after = parse(&table, row.get(3)?)?;
            for image in [&before, &after] {
                scope.note(&table, image.as_ref());
                self.search.note(&table, image.as_ref());
                self.risk_search.note(&table, image.as_ref());
            }
            // Only a deletion leaves a tombstone: taking back an addition does not (the record
            // goes as if it had never been).
            let deletion = before.is_some() && after.is_none();
            let image = if undo { before } else { after };
            match &image {
                Some(_) => crate::workbook::lineage::mark_present(&tx, &table, &uuid)?,
                None if deletion => crate::workbook::lineage::mark_deleted(&tx, &table, &uuid)?,
                None => {}
            }
            apply_image(&tx, &self.foreign_keys, &table, &uuid, image.as_ref()).with_context(
                || {
                    format!(
                        "could not {} \"{label}\"",
                        if undo { "undo" } else { "redo" }
                    )
                },
            )?;
        }
        drop(rows);
        drop(stmt);
        if let (Some(tail), false) = (tail, undo) {
            add_partners_back(&tx, &self.foreign_keys, entry, tail)
                .with_context(|| format!("could not redo \"{label}\""))?;
        }
        build_indexes(&tx, &set_aside)?;
        crate::workbook::derived::refresh(&tx, &scope)?;
        tx.execute(
            "UPDATE change_journal SET undone = ?1 WHERE id = ?2",
            params![undo, entry],
        )?;
        tx.commit()?;
        if tail.is_some() {
            // The added partners' text went in or out wholesale: read it all again when needed.
            self.reset_search()?;
        }
        Ok(Some(UndoOutcome { label }))
    }
}
