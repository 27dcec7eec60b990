//! What the walk cannot decide record by record: deletions against changes of linked records,
//! and records added apart for the same thing (twins).

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use super::walk::{Walk, next_of};
use super::{Conflict, ConflictKind, apply};
use crate::plan::merge::Side;
use crate::workbook::Workbook;
use crate::workbook::dump::{Cell, Order, Record, records_sql};
use crate::workbook::layout::{ColumnKind, TableLayout};

impl Walk<'_> {
    /// A deletion does not travel while the other copy changed something linked to the deleted
    /// record: it becomes a decision, and what goes or comes back with it follows it.
    pub(super) fn settle_linked(&mut self) -> Result<()> {
        // Theirs deleted, ours changed something linked: keep or delete, decided once.
        loop {
            let mut moved = false;
            for index in 0..self.tables.len() {
                let layout = self.tables[index].layout;
                let deleted = std::mem::take(&mut self.tables[index].deleted);
                for moving in deleted {
                    let uuid = moving.record.uuid.clone();
                    let linked = self
                        .touched_by
                        .get(&(Side::Ours, uuid.clone()))
                        .map(Vec::len);
                    if let Some(linked) = linked {
                        let why = format!(
                            "ours changed {} linked to it",
                            crate::plan::numbers::count_of(linked, "record", "records")
                        );
                        self.touch(Side::Ours, layout, &moving.record);
                        self.conflicts.push(Conflict {
                            layout,
                            uuid,
                            label: String::new(),
                            kind: ConflictKind::Deleted {
                                by: Side::Theirs,
                                kept: moving.record,
                                why,
                                dependents: Vec::new(),
                            },
                        });
                        moved = true;
                    } else {
                        self.tables[index].deleted.push(moving);
                    }
                }
            }
            if !moved {
                break;
            }
        }
        // Ours deleted, theirs changed something linked to it (or added to it).
        let stays = std::mem::take(&mut self.stays_deleted);
        let mut staying: Vec<(&'static TableLayout, Record)> = Vec::new();
        let mut pending = stays;
        loop {
            let mut moved = false;
            for (layout, record) in std::mem::take(&mut pending) {
                let linked = self
                    .touched_by
                    .get(&(Side::Theirs, record.uuid.clone()))
                    .map(Vec::len);
                if let Some(linked) = linked {
                    let why = format!(
                        "theirs changed {} linked to it",
                        crate::plan::numbers::count_of(linked, "record", "records")
                    );
                    self.touch(Side::Theirs, layout, &record);
                    self.conflicts.push(Conflict {
                        layout,
                        uuid: record.uuid.clone(),
                        label: String::new(),
                        kind: ConflictKind::Deleted {
                            by: Side::Ours,
                            kept: record,
                            why,
                            dependents: Vec::new(),
                        },
                    });
                    moved = true;
                } else {
                    staying.push((layout, record));
                }
            }
            if !moved {
                break;
            }
            pending = std::mem::take(&mut staying);
        }
        // Linked records follow their parent's decision: deleted with it, or back with it.
        let deciding: HashMap<String, usize> = self
            .conflicts
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c.kind, ConflictKind::Deleted { .. }))
            .map(|(i, c)| (c.uuid.clone(), i))
            .collect();
        let parent_of = |layout: &TableLayout, record: &Record| -> Option<usize> {
            layout
                .columns
                .iter()
                .zip(&record.cells)
                .find_map(|(column, cell)| match (column.kind, cell) {
                    (ColumnKind::Reference(_), Cell::Text(parent)) => deciding.get(parent).copied(),
                    _ => None,
                })
        };
        let mut follow: Vec<(usize, &'static TableLayout, Record)> = Vec::new();
        for table in &mut self.tables {
            let layout = table.layout;
            table
                .deleted
                .retain(|moving| match parent_of(layout, &moving.record) {
                    Some(at) => {
                        follow.push((at, layout, moving.record.clone()));
                        false
                    }
                    None => true,
                });
        }
        for (layout, record) in staying {
            if let Some(at) = parent_of(layout, &record) {
                follow.push((at, layout, record));
            }
        }
        for (at, layout, record) in follow {
            if let Some(ConflictKind::Deleted { dependents, .. }) =
                self.conflicts.get_mut(at).map(|c| &mut c.kind)
            {
                dependents.push((layout, record));
            }
        }
        Ok(())
    }

    /// A record theirs added for something ours holds a record for already (one score per
    /// partner and criterion, say): the same thing twice. Alike, it is dropped; different, it is
    /// a decision.
    pub(super) fn settle_twins(&mut self) -> Result<()> {
        let deleted: HashSet<String> = self
            .tables
            .iter()
            .flat_map(|t| t.deleted.iter().map(|m| m.record.uuid.clone()))
            .collect();
        for index in 0..self.tables.len() {
            let layout = self.tables[index].layout;
            let added = std::mem::take(&mut self.tables[index].added);
            let key = natural_key(layout.table);
            for mut moving in added {
                relink(layout, &mut moving.record, &self.twins);
                let Some(key) = key else {
                    self.tables[index].added.push(moving);
                    continue;
                };
                match self.ours.record_by_key(layout, key, &moving.record)? {
                    Some(twin) if !deleted.contains(&twin.uuid) => {
                        self.twins
                            .insert(moving.record.uuid.clone(), twin.uuid.clone());
                        // The key matched as the table compares it ("Reseller" is "reseller"
                        // for a partner type): a key column differs in spelling at most, and
                        // ours's spelling stays without a question.
                        let keyed: Vec<usize> = layout
                            .columns
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| key.contains(&c.key))
                            .map(|(at, _)| at)
                            .collect();
                        let columns: Vec<usize> = (0..layout.columns.len())
                            .filter(|c| !keyed.contains(c))
                            .filter(|&c| twin.cells.get(c) != moving.record.cells.get(c))
                            .collect();
                        if !columns.is_empty() {
                            self.conflicts.push(Conflict {
                                layout,
                                uuid: twin.uuid.clone(),
                                label: String::new(),
                                kind: ConflictKind::Twin {
                                    ours: twin,
                                    theirs: moving.record,
                                    columns,
                                },
                            });
                        }
                    }
                    _ => self.tables[index].added.push(moving),
                }
            }
        }
        Ok(())
    }
}

/// Points `record`'s links at ours where theirs linked to a twin.
pub(crate) fn relink(layout: &TableLayout, record: &mut Record, twins: &HashMap<String, String>) {
    for (column, cell) in layout.columns.iter().zip(record.cells.iter_mut()) {
        if let (ColumnKind::Reference(_), Cell::Text(uuid)) = (column.kind, &*cell)
            && let Some(ours) = twins.get(uuid)
        {
            *cell = Cell::Text(ours.clone());
        }
    }
}

/// The columns that make a record of `table` the same thing besides its uuid: a second record
/// with them would break a rule of the workbook, or (criteria, checklist items) repeat one.
fn natural_key(table: &str) -> Option<&'static [&'static str]> {
    Some(match table {
        "selection_criteria" => &["name"],
        "onboarding_items" => &["title"],
        "criterion_scores" => &["partner", "criterion"],
        "partner_onboarding" => &["partner", "item"],
        "role_assignments" => &["partner", "role"],
        "framework_progress" => &["step_key"],
        "vocabulary_terms" => &["kind", "term"],
        "risk_dismissals" => &["suggestion_key"],
        "partner_links" => &["from_partner", "to_partner", "kind"],
        "offerings" => &["name"],
        "offering_members" => &["offering", "partner"],
        "offering_goals" => &["offering", "goal"],
        "offering_kpis" => &["offering", "kpi"],
        "scenarios" => &["name"],
        "forums" => &["name"],
        "forum_members" => &["forum", "partner", "role"],
        "forum_rules" => &["rule"],
        "trends" => &["name"],
        "trend_links" => &["trend", "role", "partner", "offering"],
        "joint_goal_kpis" => &["joint_goal", "kpi"],
        "joint_goal_offerings" => &["joint_goal", "offering"],
        "trend_actions" => &["trend", "title"],
        "type_programmes" => &["partner_type"],
        "criterion_type_weights" => &["criterion", "partner_type"],
        "onboarding_item_types" => &["item", "partner_type"],
        _ => return None,
    })
}

impl Workbook {
    /// The record of `layout`'s table whose `key` columns hold what `like`'s do.
    fn record_by_key(
        &self,
        layout: &TableLayout,
        key: &[&str],
        like: &Record,
    ) -> Result<Option<Record>> {
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        for name in key {
            let Some(at) = layout.columns.iter().position(|c| c.key == *name) else {
                return Ok(None);
            };
            let column = &layout.columns[at];
            params.push(apply::cell_value(&like.cells[at]));
            let n = params.len();
            conditions.push(match column.kind {
                // IS, not =: an empty link is part of the key too (the hub as an offering's
                // member has no partner).
                ColumnKind::Reference(target) => format!(
                    "t.{} IS (SELECT id FROM {target} WHERE uuid = ?{n})",
                    column.column
                ),
                _ => format!("t.{} IS ?{n}", column.column),
            });
        }
        let sql = records_sql(layout, Order::Uuid).replace(
            " ORDER BY ",
            &format!(" WHERE {} ORDER BY ", conditions.join(" AND ")),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        next_of(layout, &mut rows)
    }
}
