//! A link's edit (or its undo or redo) patched into a network already read, from the change
//! journal's images, instead of reading 300,000 links again.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use anyhow::Result;
use rusqlite::params;
use rusqlite::types::Value;

use super::network::EcosystemNetwork;
use crate::workbook::journal::KEEP_ENTRIES;
use crate::workbook::{JournalMark, Workbook};

/// The active links between two partners, either way round, in a fresh read's order: two
/// searches of the covering index by (status, from, to). Written with `OR` it walked every
/// active link (3,000,000: 150–220 ms a patch).
const PAIR_LINKS: &str = "SELECT from_partner_id, to_partner_id, id FROM partner_links
    WHERE status = 'active' AND from_partner_id = ?1 AND to_partner_id = ?2
    UNION ALL SELECT from_partner_id, to_partner_id, id FROM partner_links
    WHERE status = 'active' AND from_partner_id = ?2 AND to_partner_id = ?1
    ORDER BY 1, 2, 3";

/// Past this many journal rows a patch is no cheaper than a fresh read.
const MAX_PATCHED_ROWS: usize = 2_000;

/// Where the change journal stood when a network was read: its mark, and the entries applied
/// then. An entry applied then, undone since and cut from the journal by a newer edit (undo,
/// undo, then a new edit, all between two frames) leaves no other trace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkMark {
    journal: JournalMark,
    applied: BTreeSet<i64>,
}

/// What the journal says changed since a mark, as far as the network cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkChanges {
    /// The journal's mark now.
    pub mark: NetworkMark,
    /// The tables any change touched.
    pub tables: BTreeSet<String>,
    /// The links changed, each with the (from, to) partner ids its images name: where it may
    /// sit in a network read before the change.
    links: BTreeMap<i64, BTreeSet<(i64, i64)>>,
}

impl NetworkChanges {
    /// Whether every change touched only links and `others` (tables that leave the network
    /// as it is): then `patch_network` brings a network up to date.
    pub fn links_and(&self, others: &[&str]) -> bool {
        self.tables
            .iter()
            .all(|t| t == "partner_links" || others.contains(&t.as_str()))
    }

    /// Whether any link changed.
    pub fn touches_links(&self) -> bool {
        !self.links.is_empty()
    }
}

impl Workbook {
    /// Where the change journal stands now, for `network_changes_since`.
    pub fn network_mark(&self) -> Result<NetworkMark> {
        Ok(NetworkMark {
            journal: self.journal_mark()?,
            applied: self.applied_entries()?,
        })
    }

    fn applied_entries(&self) -> Result<BTreeSet<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM change_journal WHERE undone = 0")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// The tables and links the journal entries made, undone or redone since `mark` touched;
    /// `None` when the journal cannot tell (or too much changed): then read everything again.
    pub fn network_changes_since(&self, mark: &NetworkMark) -> Result<Option<NetworkChanges>> {
        let Some((now, entries)) = self.entries_since(&mark.journal)? else {
            return Ok(None);
        };
        let applied = self.applied_entries()?;
        // Entries gone since are either pruned (the oldest, applied for good: nothing changed)
        // or cut from the redo branch; one applied at the mark and cut was undone unseen.
        let newest: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                    r.get(0)
                })?;
        let pruned_below = newest - KEEP_ENTRIES;
        let mut entries_now = self
            .conn
            .prepare_cached("SELECT 1 FROM change_journal WHERE id = ?1")?;
        for &entry in mark.applied.iter().filter(|&&e| e > pruned_below) {
            if !applied.contains(&entry) && !entries_now.exists([entry])? {
                return Ok(None);
            }
        }
        let mut changes = NetworkChanges {
            mark: NetworkMark {
                journal: now,
                applied,
            },
            ..NetworkChanges::default()
        };
        // One query over every entry, its rows' images parsed only for links; one row past
        // the limit says a fresh read is cheaper.
        let entries: Rc<Vec<Value>> = Rc::new(entries.into_iter().map(Value::from).collect());
        let mut stmt = self.conn.prepare_cached(
            "SELECT table_name, \
             CASE WHEN table_name = 'partner_links' THEN before_json END, \
             CASE WHEN table_name = 'partner_links' THEN after_json END \
             FROM change_journal_rows WHERE entry_id IN rarray(?1) LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![entries, MAX_PATCHED_ROWS as i64 + 1])?;
        let mut followed = 0;
        while let Some(row) = rows.next()? {
            followed += 1;
            if followed > MAX_PATCHED_ROWS {
                return Ok(None);
            }
            let images: [Option<String>; 2] = [row.get(1)?, row.get(2)?];
            for image in images.iter().flatten() {
                let Some((id, ends)) = link_ends(image) else {
                    return Ok(None);
                };
                changes.links.entry(id).or_default().insert(ends);
            }
            changes.tables.insert(row.get(0)?);
        }
        Ok(Some(changes))
    }

    /// Brings `net` (read before `changes`) up to what a fresh read gives now, when only links
    /// changed among its partners (`NetworkChanges::links_and`): for each pair of partners a
    /// changed link joined (before or after the change), the links between the two are taken
    /// out and the active ones between them now put back where a fresh read lists them.
    pub fn patch_network(
        &self,
        net: &mut EcosystemNetwork,
        changes: &NetworkChanges,
    ) -> Result<()> {
        let pairs: BTreeSet<(usize, usize)> = changes
            .links
            .values()
            .flatten()
            .filter_map(|&(from, to)| {
                let (a, b) = (net.at(from)?, net.at(to)?);
                (a != b).then_some((a.min(b), a.max(b)))
            })
            .collect();
        let mut stmt = self.conn.prepare_cached(PAIR_LINKS)?;
        for (a, b) in pairs {
            let (Some(&id_a), Some(&id_b)) = (net.ids.get(a), net.ids.get(b)) else {
                continue;
            };
            let now = stmt
                .query_map(params![id_a, id_b], |r| r.get::<_, i64>(0))?
                .map(|from| Ok(if from? == id_a { (a, b) } else { (b, a) }))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let relinked = Arc::make_mut(&mut net.network).relink_pair(a, b, &now, &net.ids);
            if net.active[a] && net.active[b] {
                net.active_links = net.active_links + relinked.added - relinked.removed;
            }
        }
        Ok(())
    }
}

/// A link image's id and (from, to) partner ids.
fn link_ends(image: &str) -> Option<(i64, (i64, i64))> {
    let image: serde_json::Value = serde_json::from_str(image).ok()?;
    let field = |name: &str| image.get(name).and_then(serde_json::Value::as_i64);
    Some((
        field("id")?,
        (field("from_partner_id")?, field("to_partner_id")?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pair's links are found by both ends, never by walking every active link.
    #[test]
    fn a_pair_s_links_are_searched_by_both_ends() {
        let plan = super::super::query_plan(PAIR_LINKS, params![1, 2]);
        let searches: Vec<&String> = plan.iter().filter(|p| p.starts_with("SEARCH")).collect();
        assert_eq!(searches.len(), 2, "{plan:?}");
        for search in searches {
            assert!(
                search.contains("from_partner_id=? AND to_partner_id=?"),
                "{plan:?}"
            );
        }
        assert!(!plan.iter().any(|p| p.contains("SCAN")), "{plan:?}");
    }
}
