//! Generated partner↔partner links for benchmarks: mostly between neighbours in id order (so
//! clusters and brokers form), some across the whole roster, in one transaction.

use std::path::Path;

use anyhow::Result;
use rusqlite::params;

use super::{Rng, open_for_generating};
use crate::plan::ecosystem::{DIRECTIONS, LINK_STATUSES};
use crate::plan::vocabularies;
use crate::workbook::{new_uuid, timestamp_now};

/// Adds `links` links among the workbook's partners; returns how many were written (none when
/// there are fewer than two partners).
pub fn generate_links(path: &Path, links: usize, seed: u64) -> Result<usize> {
    let wb = open_for_generating(path)?;
    let ids: Vec<i64> = wb
        .conn
        .prepare("SELECT id FROM partners ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if ids.len() < 2 {
        return Ok(0);
    }
    let kinds: Vec<&str> = vocabularies()
        .link_kinds
        .iter()
        .map(String::as_str)
        .collect();
    let mut rng = Rng(seed.max(1) ^ 0x51ED_1175_0000_0001);
    let now = timestamp_now();
    let tx = wb.conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO partner_links (uuid, from_partner_id, to_partner_id, kind, direction, \
             status, strength, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        let n = ids.len() as u64;
        let mut written = 0;
        while written < links {
            let a = rng.next() % n;
            let b = if rng.one_in(10) {
                rng.next() % n
            } else {
                (a + 1 + rng.next() % 20) % n
            };
            if a == b {
                continue;
            }
            let status = match rng.next() % 20 {
                0..=15 => LINK_STATUSES[1],
                16..=18 => LINK_STATUSES[0],
                _ => LINK_STATUSES[2],
            };
            insert.execute(params![
                new_uuid(),
                ids[a as usize],
                ids[b as usize],
                rng.pick(&kinds),
                rng.pick(&DIRECTIONS),
                status,
                (1 + rng.next() % 3) as i64,
                now
            ])?;
            written += 1;
        }
    }
    tx.commit()?;
    Ok(links)
}
