//! The network of active links among current partners, read in one query per table, and its
//! figures in names.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use rusqlite::OptionalExtension;

use crate::plan::network::{MAX_PARTNERS, Network};
use crate::plan::network_names::Names;
use crate::plan::network_summary::NetworkSummary;
use crate::workbook::Workbook;

/// The network as `plan::network` counts it, with the workbook's ids and names beside it.
#[derive(Debug, Clone, Default)]
pub struct EcosystemNetwork {
    /// Partner `i` of the network is the workbook's partner `ids[i]`, called `names[i]`. Both
    /// are shared with a thread that works out the figures of a large network (`Arc::make_mut`
    /// copies the network when a link's patch comes meanwhile).
    pub network: Arc<Network>,
    pub ids: Vec<i64>,
    pub names: Arc<Names>,
    /// Active links whose partners are both at stage "active": the multilaterality's links.
    pub active_links: usize,
    /// Partners at stage "active": each one active relationship with the hub.
    pub active_partners: usize,
    /// Whether partner `i` is at stage "active".
    pub active: Vec<bool>,
    /// The network's index of each workbook id.
    index: IdIndex,
}

/// The network's index of each workbook id. Ids are small and dense (AUTOINCREMENT), so a table
/// by id (`u32::MAX` where an id is not a current partner) beats hashing 600,000 look-ups; a
/// file whose ids are far apart (another tool's, or a hostile one: one id of 10^12 asked for a
/// 4 TB table) is hashed instead.
#[derive(Debug, Clone)]
enum IdIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<i64, u32>),
}

/// A table by id is made while the largest id is at most this many times the partners, plus
/// `DENSE_SLACK` (ids left by deleted partners).
const DENSE_RATIO: usize = 4;
const DENSE_SLACK: usize = 4_096;

impl Default for IdIndex {
    fn default() -> IdIndex {
        IdIndex::Dense(Vec::new())
    }
}

impl IdIndex {
    fn of(ids: &[i64]) -> IdIndex {
        let top = ids.iter().copied().max().unwrap_or(0);
        let dense = ids.iter().all(|&id| id >= 0)
            && usize::try_from(top)
                .is_ok_and(|top| top <= ids.len().saturating_mul(DENSE_RATIO) + DENSE_SLACK);
        let places = ids
            .iter()
            .enumerate()
            .filter_map(|(i, &id)| Some((id, u32::try_from(i).ok()?)));
        if dense {
            let mut table = vec![u32::MAX; usize::try_from(top).unwrap_or(0) + 1];
            for (id, i) in places {
                if let Some(slot) = usize::try_from(id).ok().and_then(|id| table.get_mut(id)) {
                    *slot = i;
                }
            }
            IdIndex::Dense(table)
        } else {
            IdIndex::Sparse(places.collect())
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        let found = match self {
            IdIndex::Dense(table) => *table.get(usize::try_from(id).ok()?)?,
            IdIndex::Sparse(map) => *map.get(&id)?,
        };
        (found != u32::MAX).then_some(found as usize)
    }
}

impl EcosystemNetwork {
    /// The network's index of workbook partner `id`, when it is a current partner.
    pub fn at(&self, id: i64) -> Option<usize> {
        self.index.get(id)
    }

    /// The figures in names, keeping the `top` most linked partners and brokers.
    pub fn summary(&self, top: usize) -> NetworkSummary {
        NetworkSummary::of(
            &self.network,
            &self.names,
            self.active_links,
            self.active_partners,
            top,
        )
    }
}

/// The stages of partners the plan no longer counts: the network (and its pickers) leave them
/// out. Its queries spell them out too, as SQL must.
pub const FORMER_STAGES: [&str; 2] = ["exited", "declined"];

const CURRENT_PARTNERS: &str = "SELECT id, name, stage = 'active' FROM partners
    WHERE stage NOT IN ('exited', 'declined') ORDER BY stage, name, id";
/// The most room made ahead: a file whose ids jump (a hostile one) grows its lists as it reads.
const MAX_ROOM: usize = 4_000_000;
const MARK: &str = "SELECT partner_type, stage FROM partners WHERE id = ?1";
/// In the covering index's own order, stated so that a patch can keep it (`plan::network_patch`).
const ACTIVE_LINKS: &str = "SELECT from_partner_id, to_partner_id FROM partner_links
    WHERE status = 'active' ORDER BY from_partner_id, to_partner_id, id";

impl Workbook {
    /// The current partners (neither exited nor declined), by stage then name, and the active
    /// links between them. Planned and ended links, and links to a former partner, are left
    /// out. Both reads are answered from covering indexes (`partners_by_stage`,
    /// `partner_links_by_status`), never visiting the partners' long rows.
    pub fn network(&self) -> Result<EcosystemNetwork> {
        self.read_network(true)
    }

    /// `network` without its partners' names (27 MB at a million partners), for a reader that
    /// names a few partners at most and looks them up (`partner_name`).
    pub fn network_unnamed(&self) -> Result<EcosystemNetwork> {
        self.read_network(false)
    }

    fn read_network(&self, named: bool) -> Result<EcosystemNetwork> {
        // Made at the size of the largest id once (ids are dense: AUTOINCREMENT), so that no list
        // of a million is copied as it grows; counting the current partners first took 0.2 s.
        let room: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM partners", [], |r| {
                    r.get(0)
                })?;
        let room = usize::try_from(room).unwrap_or(0).min(MAX_ROOM);
        let mut ids = Vec::with_capacity(room);
        let mut names = Names::with_capacity(if named { room } else { 0 });
        let mut active = Vec::with_capacity(room);
        let mut stmt = self.conn.prepare(CURRENT_PARTNERS)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if ids.len() == MAX_PARTNERS {
                break;
            }
            ids.push(row.get::<_, i64>(0)?);
            if named {
                names.push(row.get_ref(1)?.as_str()?);
            }
            active.push(row.get::<_, bool>(2)?);
        }
        let index = IdIndex::of(&ids);
        // The links as pairs of network indexes (8 bytes a link, let go once the network is
        // made from them in compressed rows).
        let mut links: Vec<(u32, u32)> = Vec::new();
        let mut active_links = 0;
        let mut stmt = self.conn.prepare(ACTIVE_LINKS)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (from, to): (i64, i64) = (row.get(0)?, row.get(1)?);
            if let (Some(from), Some(to)) = (index.get(from), index.get(to))
                && from != to
            {
                links.push((from as u32, to as u32));
                if active[from] && active[to] {
                    active_links += 1;
                }
            }
        }
        Ok(EcosystemNetwork {
            network: Arc::new(Network::with_links(ids.len(), &links)),
            active_partners: active.iter().filter(|a| **a).count(),
            ids,
            names: Arc::new(names),
            active_links,
            active,
            index,
        })
    }

    /// The largest partner id and link id together: what the network's size is at most (both
    /// by the tables' keys, read at once), to tell a large network before reading it.
    pub fn network_ceiling(&self) -> Result<usize> {
        let (partners, links): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT (SELECT max(id) FROM partners), (SELECT max(id) FROM partner_links)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let size = |id: Option<i64>| usize::try_from(id.unwrap_or(0)).unwrap_or(0);
        Ok(size(partners).saturating_add(size(links)))
    }

    /// The (id, type, stage) of the partners `ids`, for the marks of the few a map shows:
    /// one look-up by id each (a partner not found is left out).
    pub fn partner_marks(&self, ids: &[i64]) -> Result<Vec<(i64, String, String)>> {
        let mut stmt = self.conn.prepare_cached(MARK)?;
        let mut marks = Vec::with_capacity(ids.len());
        for &id in ids {
            let found = stmt
                .query_row([id], |r| Ok((id, r.get(0)?, r.get(1)?)))
                .optional()?;
            marks.extend(found);
        }
        Ok(marks)
    }

    /// The planned and ended links between two of `ids` (partners on the map): (from, to,
    /// status) by id. The network holds the active ones; these are drawn beside them.
    pub fn links_not_active_among(&self, ids: &[i64]) -> Result<Vec<(i64, i64, String)>> {
        if ids.len() < 2 {
            return Ok(Vec::new());
        }
        let values: std::rc::Rc<Vec<rusqlite::types::Value>> =
            std::rc::Rc::new(ids.iter().map(|&id| id.into()).collect());
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_partner_id, to_partner_id, status FROM partner_links \
             WHERE from_partner_id IN rarray(?1) AND to_partner_id IN rarray(?1) \
             AND status != 'active' ORDER BY id",
        )?;
        let rows = stmt.query_map([values], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The network's figures in names, with the `top` most linked partners and brokers.
    pub fn network_summary(&self, top: usize) -> Result<NetworkSummary> {
        Ok(self.network()?.summary(top))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At 100,000 partners, visiting the partners' rows instead of an index costs the budget.
    #[test]
    fn the_network_is_read_from_covering_indexes_only() {
        for sql in [CURRENT_PARTNERS, ACTIVE_LINKS] {
            let plan = super::super::query_plan(sql, []).join("; ");
            assert!(plan.contains("COVERING INDEX"), "{sql}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{sql} sorts: {plan}");
        }
    }

    /// Another tool's ids, or a hostile file's, may be far apart: the index by id is hashed
    /// then, instead of a table as long as the largest id (10^12 asked for 4 TB and aborted).
    #[test]
    fn ids_far_apart_are_found_without_a_table_as_long_as_the_largest() {
        let dense = IdIndex::of(&[3, 1, 2, 7]);
        assert!(matches!(dense, IdIndex::Dense(_)));
        let far = [5, 1_000_000_000_000, -4, i64::MAX];
        let sparse = IdIndex::of(&far);
        assert!(matches!(sparse, IdIndex::Sparse(_)));
        for index in [&dense, &sparse] {
            assert_eq!(index.get(6), None);
            assert_eq!(index.get(i64::MIN), None);
        }
        assert_eq!(dense.get(7), Some(3));
        assert_eq!(dense.get(1), Some(1));
        for (at, id) in far.iter().enumerate() {
            assert_eq!(sparse.get(*id), Some(at), "{id}");
        }
    }
}
