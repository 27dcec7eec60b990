//! Makes the dump repeatable: the workbook API stamps records with random UUIDs and the time of
//! day, so here every UUID is replaced by one from a seeded generator (references follow), every
//! record gets a timestamp from a fixed clock, and each risk-history point the date it stands for.

use std::collections::HashMap;

use anyhow::{Context as _, Result, ensure};
use jiff::{SignedDuration, Timestamp};
use partnerplan::workbook::dump::{Cell, TableRecords};
use partnerplan::workbook::layout::ColumnKind;

/// Where the clock starts: the plan was begun at the start of October 2025; one record a second.
const CLOCK_START: &str = "2025-10-01T08:00:00Z";
const SEED: u64 = 0x5eed_2026_de40;

/// Rewrites `tables` in place. `history_dates`: the day of each risk-score-history point, in the
/// order the points were recorded.
pub fn fix(tables: &mut [TableRecords], history_dates: &[String]) -> Result<()> {
    let mut ids = SeededIds(SEED);
    let start: Timestamp = CLOCK_START.parse()?;
    let mut uuids: HashMap<String, String> = HashMap::new();
    let mut second = 0i64;
    for table in tables.iter_mut() {
        for record in &mut table.records {
            let uuid = ids.next_uuid();
            uuids.insert(std::mem::replace(&mut record.uuid, uuid.clone()), uuid);
            let stamp = (start + SignedDuration::from_secs(second))
                .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string();
            second += 1;
            record.created_at = stamp.clone();
            record.updated_at = stamp;
        }
    }
    for table in tables.iter_mut() {
        let columns = table.layout.columns;
        for record in &mut table.records {
            for (column, cell) in columns.iter().zip(record.cells.iter_mut()) {
                if let (ColumnKind::Reference(_), Cell::Text(uuid)) = (column.kind, &mut *cell) {
                    *uuid = uuids
                        .get(uuid.as_str())
                        .cloned()
                        .with_context(|| format!("{} refers to no record", column.key))?;
                }
            }
        }
    }
    // The workbook API has no setter for the client and author (`new` leaves them empty).
    set_text(tables, "workbook", "organisation", |_| super::CLIENT.into())?;
    set_text(tables, "workbook", "author", |_| super::AUTHOR.into())?;
    let points = tables
        .iter()
        .find(|t| t.layout.key == "risk_score_history")
        .map_or(0, |t| t.records.len());
    ensure!(
        points == history_dates.len(),
        "{points} risk-history points were recorded but {} dates given",
        history_dates.len()
    );
    set_text(tables, "risk_score_history", "recorded_at", |n| {
        format!("{}T09:00:00.000Z", history_dates[n])
    })
}

/// Sets column `key` of every record of table `table` to `value(record index)`.
fn set_text(
    tables: &mut [TableRecords],
    table: &str,
    key: &str,
    value: impl Fn(usize) -> String,
) -> Result<()> {
    let table = tables
        .iter_mut()
        .find(|t| t.layout.key == table)
        .with_context(|| format!("no table {table}"))?;
    let at = table
        .layout
        .columns
        .iter()
        .position(|c| c.key == key)
        .with_context(|| format!("no column {key}"))?;
    for (n, record) in table.records.iter_mut().enumerate() {
        record.cells[at] = Cell::Text(value(n));
    }
    Ok(())
}

/// SplitMix64: a tiny, well-known generator; enough for ids that only need to be fixed and unique.
struct SeededIds(u64);

impl SeededIds {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A UUID of version 4's shape (random, RFC 4122 variant).
    fn next_uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        uuid::Uuid::from_bytes(bytes).to_string()
    }
}
