//! Snapshots: a whole plan kept inside the workbook as compressed chunks of records (each table in
//! UUID order, one JSON line a record), written and read back one chunk at a time.

use std::collections::VecDeque;
use std::io::{Read, Write};

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::dump::{Cell, Order, Record, TableRecords, each_record_on};
use super::layout::{ColumnKind, TABLES, TableLayout, is_bookkeeping, table_by_key};
use super::{Workbook, new_uuid, timestamp_now};

/// Records a chunk holds at most, and its uncompressed size at most: a chunk must stay well under
/// the workbook's 4 MB limit on one value.
const CHUNK_RECORDS: usize = 2_000;
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_LIMIT: usize = 3_500_000;

/// Why a snapshot was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotKind {
    /// Taken by the user, with a label ("SteerCo 2026-12").
    Labelled,
    /// Taken when a copy was handed to someone: the base a merge of that copy starts from.
    HandOff,
    /// The plan as it was received from someone else's hand-off.
    Received,
}

impl SnapshotKind {
    pub fn word(self) -> &'static str {
        match self {
            SnapshotKind::Labelled => "snapshot",
            SnapshotKind::HandOff => "hand-off",
            SnapshotKind::Received => "received",
        }
    }

    fn from_word(word: &str) -> SnapshotKind {
        match word {
            "hand-off" => SnapshotKind::HandOff,
            "received" => SnapshotKind::Received,
            _ => SnapshotKind::Labelled,
        }
    }
}

/// A snapshot as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotInfo {
    pub uuid: String,
    pub kind: SnapshotKind,
    pub label: String,
    pub created_at: String,
    pub records: i64,
    /// Compressed size in the workbook.
    pub bytes: i64,
}

impl Workbook {
    /// Keeps the plan as it is now. A hand-off or received snapshot of a plan identical to one
    /// kept already reuses that one (same content, same id); `uuid` names a received snapshot
    /// after the hand-off it came from.
    pub fn take_snapshot(&mut self, kind: SnapshotKind, label: &str) -> Result<SnapshotInfo> {
        self.take_snapshot_as(kind, label, None)
    }

    pub(crate) fn take_snapshot_as(
        &mut self,
        kind: SnapshotKind,
        label: &str,
        uuid: Option<&str>,
    ) -> Result<SnapshotInfo> {
        self.refuse_write()?;
        if let Some(uuid) = uuid
            && let Some(found) = self.snapshot(uuid)?
        {
            return Ok(found);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = timestamp_now();
        let uuid = uuid.map_or_else(new_uuid, str::to_owned);
        tx.execute(
            "INSERT INTO snapshots (uuid, kind, label, content_hash, records, created_at, updated_at) \
             VALUES (?1, ?2, ?3, '', 0, ?4, ?4)",
            params![uuid, kind.word(), label, now],
        )?;
        let id = tx.last_insert_rowid();
        let mut writer = ChunkWriter::new(id);
        for layout in TABLES {
            each_record_on(&tx, layout, Order::Uuid, |record| {
                writer.push(&tx, layout, &record)
            })?;
        }
        let (hash, records) = writer.finish(&tx)?;
        if kind != SnapshotKind::Labelled {
            let same: Option<String> = tx
                .query_row(
                    "SELECT uuid FROM snapshots WHERE content_hash = ?1 AND id != ?2 \
                     ORDER BY id DESC LIMIT 1",
                    params![hash, id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(same) = same {
                drop(tx);
                return self
                    .snapshot(&same)?
                    .context("a snapshot vanished while it was reused");
            }
        }
        tx.execute(
            "UPDATE snapshots SET content_hash = ?1, records = ?2 WHERE id = ?3",
            params![hash, records as i64, id],
        )?;
        tx.commit()?;
        self.snapshot(&uuid)?
            .context("the new snapshot could not be read back")
    }

    /// Every snapshot kept, oldest first.
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SNAPSHOT_QUERY} ORDER BY s.id"))?;
        let rows = stmt.query_map([], snapshot_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The snapshot with `uuid`.
    pub fn snapshot(&self, uuid: &str) -> Result<Option<SnapshotInfo>> {
        Ok(self
            .conn
            .query_row(
                &format!("{SNAPSHOT_QUERY} WHERE s.uuid = ?1"),
                [uuid],
                snapshot_row,
            )
            .optional()?)
    }

    /// The newest snapshot whose label is `label` (or whose id starts with it).
    pub fn find_snapshot(&self, label: &str) -> Result<Option<SnapshotInfo>> {
        Ok(self
            .snapshots()?
            .into_iter()
            .rev()
            .find(|s| s.label == label || (label.len() >= 8 && s.uuid.starts_with(label))))
    }

    /// Removes a snapshot for good (it is not part of the plan, so not part of undo).
    pub fn remove_snapshot(&mut self, uuid: &str) -> Result<bool> {
        self.refuse_write()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let removed = tx.execute("DELETE FROM snapshots WHERE uuid = ?1", [uuid])?;
        tx.commit()?;
        Ok(removed > 0)
    }

    /// Writes the snapshot `uuid` into `target` (an untouched workbook), record by record as it is
    /// read: memory stays that of a record or so, whatever the plan's size.
    pub fn restore_snapshot_into(&self, uuid: &str, target: &mut Workbook) -> Result<()> {
        let mut cursor = SnapshotCursor::open(self, uuid)?.context("no such snapshot")?;
        let mut restoring = target.begin_restore()?;
        for layout in TABLES {
            while let Some(record) = cursor.next_in(layout)? {
                if let Some(key) = restoring.write(layout, &record, 0)?.first() {
                    bail!(
                        "the snapshot's {} {} refers to a record it does not hold ({key})",
                        layout.key,
                        record.uuid
                    );
                }
            }
        }
        if !restoring.broken_self_links()?.is_empty() {
            bail!("the snapshot's records do not fit together (a reference is broken)");
        }
        restoring.finish().map(drop)
    }

    /// Reads a snapshot back whole, table by table in exchange order, to rebuild it elsewhere.
    pub fn snapshot_tables(&self, uuid: &str) -> Result<Vec<TableRecords>> {
        let mut cursor = SnapshotCursor::open(self, uuid)?.context("no such snapshot")?;
        let mut tables = Vec::new();
        for layout in TABLES {
            let mut records = Vec::new();
            while let Some(record) = cursor.next_in(layout)? {
                records.push(record);
            }
            records.sort_by(|a, b| (&a.created_at, &a.uuid).cmp(&(&b.created_at, &b.uuid)));
            tables.push(TableRecords { layout, records });
        }
        Ok(tables)
    }
}

const SNAPSHOT_QUERY: &str = "SELECT s.uuid, s.kind, s.label, s.created_at, s.records, \
     (SELECT coalesce(sum(length(data)), 0) FROM snapshot_chunks WHERE snapshot_id = s.id) \
     FROM snapshots s";

fn snapshot_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SnapshotInfo> {
    Ok(SnapshotInfo {
        uuid: row.get(0)?,
        kind: SnapshotKind::from_word(&row.get::<_, String>(1)?),
        label: row.get(2)?,
        created_at: row.get(3)?,
        records: row.get(4)?,
        bytes: row.get(5)?,
    })
}

/// The workbook record's fields that say who wrote the file and where it came from, not what
/// the plan holds: left out of a snapshot's hash, so that an unchanged plan hashes the same.
fn blank_volatile_meta(layout: &TableLayout, record: &mut Record) {
    for (column, cell) in layout.columns.iter().zip(record.cells.iter_mut()) {
        if is_bookkeeping(layout.table, column.key) {
            *cell = Cell::Text(String::new());
        }
    }
    record.updated_at = String::new();
}

/// A record as one JSON line: table, uuid, timestamps, then its cells.
fn line(layout: &TableLayout, record: &Record) -> Result<String> {
    let mut line = vec![
        Json::from(layout.key),
        Json::from(record.uuid.as_str()),
        Json::from(record.created_at.as_str()),
        Json::from(record.updated_at.as_str()),
    ];
    line.extend(record.cells.iter().map(cell_json));
    Ok(serde_json::to_string(&line)?)
}

/// Compresses records into chunks as they come, and hashes them (the workbook record without
/// who wrote it and where it came from, so an unchanged plan hashes the same).
struct ChunkWriter {
    snapshot: i64,
    seq: i64,
    lines: Vec<u8>,
    in_chunk: usize,
    records: usize,
    hash: Sha256,
}

impl ChunkWriter {
    fn new(snapshot: i64) -> ChunkWriter {
        ChunkWriter {
            snapshot,
            seq: 0,
            lines: Vec::new(),
            in_chunk: 0,
            records: 0,
            hash: Sha256::new(),
        }
    }

    fn push(
        &mut self,
        conn: &rusqlite::Connection,
        layout: &TableLayout,
        record: &Record,
    ) -> Result<()> {
        let text = line(layout, record)?;
        if layout.table == "workbook_meta" {
            let mut plan_only = record.clone();
            blank_volatile_meta(layout, &mut plan_only);
            self.hash.update(line(layout, &plan_only)?.as_bytes());
        } else {
            self.hash.update(text.as_bytes());
        }
        self.hash.update(b"\n");
        self.lines.extend_from_slice(text.as_bytes());
        self.lines.push(b'\n');
        self.in_chunk += 1;
        self.records += 1;
        if self.in_chunk >= CHUNK_RECORDS || self.lines.len() >= CHUNK_BYTES {
            self.flush(conn)?;
        }
        Ok(())
    }

    fn flush(&mut self, conn: &rusqlite::Connection) -> Result<()> {
        if self.lines.is_empty() {
            return Ok(());
        }
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&self.lines)?;
        let data = encoder.finish()?;
        if data.len() > CHUNK_LIMIT {
            bail!(
                "a record is too large to keep in a snapshot ({} bytes compressed)",
                data.len()
            );
        }
        conn.prepare_cached(
            "INSERT INTO snapshot_chunks (snapshot_id, seq, data) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![self.snapshot, self.seq, data])?;
        self.seq += 1;
        self.lines.clear();
        self.in_chunk = 0;
        Ok(())
    }

    fn finish(mut self, conn: &rusqlite::Connection) -> Result<(String, usize)> {
        self.flush(conn)?;
        let digest = self.hash.finalize();
        let hash = digest.iter().map(|b| format!("{b:02x}")).collect();
        Ok((hash, self.records))
    }
}

fn cell_json(cell: &Cell) -> Json {
    match cell {
        Cell::Null => Json::Null,
        Cell::Integer(n) => Json::from(*n),
        Cell::Real(x) => Json::from(*x),
        Cell::Text(s) => Json::from(s.as_str()),
    }
}

fn json_cell(kind: ColumnKind, value: &Json) -> Result<Cell> {
    Ok(match (kind, value) {
        (_, Json::Null) => Cell::Null,
        (ColumnKind::Real, Json::Number(n)) => Cell::Real(
            n.as_f64()
                .context("a number in a snapshot is out of range")?,
        ),
        (_, Json::Number(n)) => match n.as_i64() {
            Some(i) => Cell::Integer(i),
            None => Cell::Real(
                n.as_f64()
                    .context("a number in a snapshot is out of range")?,
            ),
        },
        (_, Json::String(s)) => Cell::Text(s.clone()),
        (_, Json::Bool(b)) => Cell::Integer(i64::from(*b)),
        _ => bail!("a snapshot holds a value of an unknown shape"),
    })
}

/// Reads a snapshot's records table by table (each in UUID order), one chunk in memory at a time.
pub(crate) struct SnapshotCursor<'w> {
    workbook: &'w Workbook,
    snapshot: i64,
    next_seq: i64,
    lines: VecDeque<(&'static TableLayout, Record)>,
    done: bool,
}

impl<'w> SnapshotCursor<'w> {
    pub(crate) fn open(workbook: &'w Workbook, uuid: &str) -> Result<Option<SnapshotCursor<'w>>> {
        let id: Option<i64> = workbook
            .conn
            .query_row("SELECT id FROM snapshots WHERE uuid = ?1", [uuid], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(id.map(|snapshot| SnapshotCursor {
            workbook,
            snapshot,
            next_seq: 0,
            lines: VecDeque::new(),
            done: false,
        }))
    }

    /// The next record if it belongs to `layout`'s table; `None` once that table's records end.
    /// Tables must be asked for in `TABLES` order.
    pub(crate) fn next_in(&mut self, layout: &TableLayout) -> Result<Option<Record>> {
        loop {
            if let Some((table, _)) = self.lines.front() {
                if table.table != layout.table {
                    let ahead = TABLES.iter().position(|t| t.table == table.table);
                    let asked = TABLES.iter().position(|t| t.table == layout.table);
                    if ahead < asked {
                        // A table the caller did not ask for (or skipped): pass over it.
                        self.lines.pop_front();
                        continue;
                    }
                    return Ok(None);
                }
                return Ok(self.lines.pop_front().map(|(_, record)| record));
            }
            if self.done || !self.read_chunk()? {
                self.done = true;
                return Ok(None);
            }
        }
    }

    fn read_chunk(&mut self) -> Result<bool> {
        let data: Option<Vec<u8>> = self
            .workbook
            .conn
            .query_row(
                "SELECT data FROM snapshot_chunks WHERE snapshot_id = ?1 AND seq = ?2",
                params![self.snapshot, self.next_seq],
                |r| r.get(0),
            )
            .optional()?;
        let Some(data) = data else {
            return Ok(false);
        };
        self.next_seq += 1;
        let mut text = String::new();
        DeflateDecoder::new(data.as_slice())
            .take(64 << 20)
            .read_to_string(&mut text)
            .context("a snapshot chunk does not decompress")?;
        for line in text.lines() {
            let values: Vec<Json> =
                serde_json::from_str(line).context("a snapshot line does not read")?;
            let (Some(Json::String(key)), Some(Json::String(uuid))) =
                (values.first(), values.get(1))
            else {
                bail!("a snapshot line has no table or uuid");
            };
            let layout = table_by_key(key)
                .with_context(|| format!("a snapshot names an unknown table {key:?}"))?;
            let text_at = |i: usize| match values.get(i) {
                Some(Json::String(s)) => s.clone(),
                _ => String::new(),
            };
            let mut cells = Vec::with_capacity(layout.columns.len());
            for (index, column) in layout.columns.iter().enumerate() {
                cells.push(json_cell(
                    column.kind,
                    values.get(index + 4).unwrap_or(&Json::Null),
                )?);
            }
            self.lines.push_back((
                layout,
                Record {
                    uuid: uuid.clone(),
                    created_at: text_at(2),
                    updated_at: text_at(3),
                    cells,
                },
            ));
        }
        Ok(true)
    }
}
