//! Where a plan came from: the hand-offs it descends from (`workbook_meta.lineage`) and the
//! tombstones its deletions leave, which let a copy that comes back be merged three-way.

use anyhow::Result;
use rusqlite::Connection;

use super::layout::TABLES;
use super::snapshot::SnapshotKind;
use super::{Workbook, timestamp_now};

/// How many hand-offs a plan remembers descending from; older ones are dropped from the list.
const LINEAGE_KEPT: usize = 32;

/// Whether deleting a record of `table` leaves a tombstone: every table of the plan that travels
/// as text, but the single ones (never deleted) and the tombstones themselves.
fn leaves_tombstone(table: &str) -> bool {
    table != "tombstones"
        && TABLES
            .iter()
            .any(|layout| layout.table == table && !layout.single)
}

/// Records that `uuid` of `table` was deleted (in the same transaction as the deletion).
pub(crate) fn mark_deleted(conn: &Connection, table: &str, uuid: &str) -> rusqlite::Result<()> {
    if !leaves_tombstone(table) {
        return Ok(());
    }
    let now = timestamp_now();
    conn.prepare_cached(
        "INSERT INTO tombstones (uuid, table_name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3) \
         ON CONFLICT (uuid) DO UPDATE SET table_name = excluded.table_name, \
         updated_at = excluded.updated_at",
    )?
    .execute(rusqlite::params![uuid, table, now])?;
    Ok(())
}

/// Forgets the tombstone of `uuid`: the record exists again (an undone deletion).
pub(crate) fn mark_present(conn: &Connection, table: &str, uuid: &str) -> rusqlite::Result<()> {
    if !leaves_tombstone(table) {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM tombstones WHERE uuid = ?1")?
        .execute([uuid])?;
    Ok(())
}

/// The ids in a lineage text (space-separated, newest first).
pub fn lineage_ids(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// `first` followed by `rest`, each id once, at most `LINEAGE_KEPT`.
pub fn lineage_text<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for id in ids {
        if !id.is_empty() && !kept.contains(&id) && kept.len() < LINEAGE_KEPT {
            kept.push(id);
        }
    }
    kept.join(" ")
}

impl Workbook {
    /// The hand-offs this plan descends from, newest first.
    pub fn lineage(&self) -> Result<Vec<String>> {
        let text: String =
            self.conn
                .query_row("SELECT lineage FROM workbook_meta WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        Ok(lineage_ids(&text))
    }

    /// Whether `uuid` was deleted here (a tombstone says so).
    pub fn has_tombstone(&self, uuid: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM tombstones WHERE uuid = ?1)",
            [uuid],
            |r| r.get(0),
        )?)
    }

    /// Records that a copy of the plan as it is now leaves: a hand-off snapshot is kept here (or
    /// the latest identical snapshot reused) and the copy's lineage, which starts with its id, is
    /// returned, so the copy can be merged back three-way. A workbook that cannot be written
    /// keeps no snapshot: `None`.
    pub fn hand_off(&mut self) -> Result<Option<String>> {
        if self.is_read_only() {
            return Ok(None);
        }
        let id = self.take_snapshot(SnapshotKind::HandOff, "")?.uuid;
        let lineage = self.lineage()?;
        Ok(Some(lineage_text(
            std::iter::once(id.as_str()).chain(lineage.iter().map(String::as_str)),
        )))
    }

    /// After a copy was received (rebuilt from text into this new workbook): keeps the plan as
    /// received, named after the hand-off it came from, so a later copy from the same sender
    /// merges into it three-way.
    pub fn keep_received(&mut self) -> Result<()> {
        if let Some(first) = self.lineage()?.first().cloned() {
            self.take_snapshot_as(SnapshotKind::Received, "", Some(&first))?;
        }
        Ok(())
    }
}

/// Why a copy of a read-only workbook will merge back with questions.
pub fn no_hand_off(file: &str) -> String {
    format!(
        "{file} is open read-only, so no hand-off was recorded: when this copy comes back, a \
         merge cannot tell who changed what and will ask about every difference."
    )
}

impl Workbook {
    /// Writes a copy of the plan to `target` (which must not exist) for someone else: made through
    /// SQLite, with a hand-off recorded here and named first in the copy's lineage. The copy keeps
    /// that hand-off's snapshot (so later copies from here merge into it three-way) but neither
    /// the undo history nor any other snapshot. Returns the hand-off's id.
    pub fn send_copy(&mut self, target: &std::path::Path) -> Result<String> {
        if std::fs::symlink_metadata(target).is_ok() {
            anyhow::bail!("it exists already; choose a name that does not");
        }
        let hand_off = self.take_snapshot(SnapshotKind::HandOff, "")?.uuid;
        let lineage = lineage_text(
            std::iter::once(hand_off.as_str()).chain(self.lineage()?.iter().map(String::as_str)),
        );
        let temp = super::open::temp_sibling(target, "send");
        let result = (|| -> Result<()> {
            super::backup::copy_through_sqlite(&self.path, &temp)?;
            let mut copy = Workbook::open(&temp, super::OpenOptions::default())?;
            let tx = copy
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute("UPDATE workbook_meta SET lineage = ?1", [&lineage])?;
            tx.execute("DELETE FROM change_journal", [])?;
            tx.execute("DELETE FROM snapshots WHERE uuid != ?1", [&hand_off])?;
            tx.commit()?;
            drop(copy);
            std::fs::File::open(&temp)?.sync_all()?;
            super::open::move_into_place(&temp, target)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result.map(|()| hand_off)
    }
}
