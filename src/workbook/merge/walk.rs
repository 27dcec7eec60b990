//! The walk of a merge: ours, theirs and the base side by side in UUID order, table by table,
//! each record sorted by the rules of `plan::merge`.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Rows, Statement};

use super::{
    Conflict, ConflictKind, FieldChange, RecordChange, RecordMove, TablePlan, merged_apart,
    same_content,
};
use crate::plan::merge::{FieldMerge, Presence, RecordMerge, Side, field, record};
use crate::workbook::Workbook;
use crate::workbook::dump::{Cell, Order, Record, read_record, records_sql};
use crate::workbook::layout::{ColumnKind, TableLayout};
use crate::workbook::snapshot::SnapshotCursor;

/// A prepared query over one table of one workbook, in UUID order.
pub(super) struct Cursor<'w> {
    stmt: Statement<'w>,
}

impl<'w> Cursor<'w> {
    pub(super) fn new(workbook: &'w Workbook, layout: &'static TableLayout) -> Result<Cursor<'w>> {
        Ok(Cursor {
            stmt: workbook.conn.prepare(&records_sql(layout, Order::Uuid))?,
        })
    }

    pub(super) fn start(&mut self) -> Result<Rows<'_>> {
        Ok(self.stmt.query([])?)
    }
}

pub(super) fn next_of(layout: &TableLayout, rows: &mut Rows<'_>) -> Result<Option<Record>> {
    match rows.next()? {
        Some(row) => Ok(Some(read_record(layout, row)?)),
        None => Ok(None),
    }
}

pub(super) enum BaseSource<'r, 's, 'w> {
    None,
    Rows(Rows<'r>),
    Snapshot(&'s mut SnapshotCursor<'w>),
}

impl BaseSource<'_, '_, '_> {
    fn next(&mut self, layout: &TableLayout) -> Result<Option<Record>> {
        match self {
            BaseSource::None => Ok(None),
            BaseSource::Rows(rows) => next_of(layout, rows),
            BaseSource::Snapshot(cursor) => cursor.next_in(layout),
        }
    }
}

pub(super) struct Walk<'w> {
    pub(super) ours: &'w Workbook,
    pub(super) theirs: &'w Workbook,
    pub(super) has_base: bool,
    pub(super) tables: Vec<TablePlan>,
    pub(super) conflicts: Vec<Conflict>,
    /// Records that one side changed or added, by the uuid of each record they link to: a record
    /// the other side deleted cannot go silently while something linked to it changed.
    pub(super) touched_by: HashMap<(Side, String), Vec<String>>,
    /// Records ours deleted (and theirs kept unchanged), by uuid: they come back with a parent
    /// whose deletion the user undoes.
    pub(super) stays_deleted: Vec<(&'static TableLayout, Record)>,
    pub(super) next_risk_number: Option<i64>,
    pub(super) twins: HashMap<String, String>,
    pub(super) problems: Vec<String>,
}

impl Walk<'_> {
    pub(super) fn table(
        &mut self,
        layout: &'static TableLayout,
        base: &mut BaseSource<'_, '_, '_>,
    ) -> Result<()> {
        let mut plan = TablePlan::new(layout);
        let mut ours_cursor = Cursor::new(self.ours, layout)?;
        let mut theirs_cursor = Cursor::new(self.theirs, layout)?;
        let mut ours_rows = ours_cursor.start()?;
        let mut theirs_rows = theirs_cursor.start()?;
        if layout.single {
            let o = next_of(layout, &mut ours_rows)?;
            let t = next_of(layout, &mut theirs_rows)?;
            let b = base.next(layout)?;
            if let (Some(o), Some(t)) = (o, t) {
                self.single(layout, &mut plan, b.as_ref(), &o, &t);
            }
            self.tables.push(plan);
            return Ok(());
        }
        let mut o = next_of(layout, &mut ours_rows)?;
        let mut t = next_of(layout, &mut theirs_rows)?;
        let mut b = base.next(layout)?;
        loop {
            let least = [&o, &t, &b]
                .into_iter()
                .flatten()
                .map(|r| r.uuid.as_str())
                .min()
                .map(str::to_owned);
            let Some(uuid) = least else { break };
            let take = |slot: &mut Option<Record>| {
                if slot.as_ref().is_some_and(|r| r.uuid == uuid) {
                    slot.take()
                } else {
                    None
                }
            };
            let (oo, tt, bb) = (take(&mut o), take(&mut t), take(&mut b));
            self.one(layout, &mut plan, &uuid, bb, oo, tt)?;
            if o.is_none() {
                o = next_of(layout, &mut ours_rows)?;
            }
            if t.is_none() {
                t = next_of(layout, &mut theirs_rows)?;
            }
            if b.is_none() {
                b = base.next(layout)?;
            }
        }
        self.tables.push(plan);
        Ok(())
    }

    /// Their record is written here only if every field meets the rules every way of entering
    /// data meets (a workbook file of theirs was not read through the TOML reader's checks).
    fn check_theirs(&mut self, layout: &TableLayout, theirs: &Record) {
        for (key, problem) in crate::workbook::intake::record_problems(layout, theirs) {
            self.problems
                .push(format!("{} {}: {key}: {problem}", layout.key, theirs.uuid));
        }
    }

    fn single(
        &mut self,
        layout: &'static TableLayout,
        plan: &mut TablePlan,
        base: Option<&Record>,
        ours: &Record,
        theirs: &Record,
    ) {
        self.check_theirs(layout, theirs);
        if layout.table == "workbook_meta"
            && let Some(at) = layout
                .columns
                .iter()
                .position(|c| c.key == "next_risk_number")
            && let (Some(Cell::Integer(o)), Some(Cell::Integer(t))) =
                (ours.cells.get(at), theirs.cells.get(at))
            && t > o
        {
            self.next_risk_number = Some(*t);
        }
        self.fields(layout, plan, base, ours, theirs);
    }

    /// Both copies hold the record: field by field.
    fn fields(
        &mut self,
        layout: &'static TableLayout,
        plan: &mut TablePlan,
        base: Option<&Record>,
        ours: &Record,
        theirs: &Record,
    ) {
        let mut change = RecordChange {
            uuid: ours.uuid.clone(),
            label: String::new(),
            fields: Vec::new(),
        };
        for (column, (o, t)) in ours.cells.iter().zip(&theirs.cells).enumerate() {
            if merged_apart(layout, column) {
                continue;
            }
            let b = base.and_then(|b| b.cells.get(column));
            match field(
                if self.has_base {
                    Some(b.unwrap_or(&Cell::Null))
                } else {
                    None
                },
                o,
                t,
            ) {
                FieldMerge::Same | FieldMerge::KeepOurs => {}
                FieldMerge::TakeTheirs => change.fields.push(FieldChange {
                    column,
                    from: o.clone(),
                    to: t.clone(),
                }),
                FieldMerge::Conflict => self.conflicts.push(Conflict {
                    layout,
                    uuid: ours.uuid.clone(),
                    label: String::new(),
                    kind: ConflictKind::Field {
                        column,
                        base: if self.has_base { b.cloned() } else { None },
                        ours: o.clone(),
                        theirs: t.clone(),
                    },
                }),
            }
        }
        let changed_ours = base.is_none_or(|b| !same_content(layout, b, ours));
        let changed_theirs = base.is_none_or(|b| !same_content(layout, b, theirs));
        if self.has_base {
            if changed_ours {
                self.touch(Side::Ours, layout, ours);
            }
            if changed_theirs {
                self.touch(Side::Theirs, layout, theirs);
            }
        }
        if !change.fields.is_empty() {
            plan.changed.push(change);
        }
    }

    /// Notes that `side` changed or added `record`, under every record it links to.
    pub(super) fn touch(&mut self, side: Side, layout: &TableLayout, record: &Record) {
        for (column, cell) in layout.columns.iter().zip(&record.cells) {
            if let (ColumnKind::Reference(_), Cell::Text(parent)) = (column.kind, cell) {
                self.touched_by
                    .entry((side, parent.clone()))
                    .or_default()
                    .push(record.uuid.clone());
            }
        }
    }

    fn one(
        &mut self,
        layout: &'static TableLayout,
        plan: &mut TablePlan,
        uuid: &str,
        base: Option<Record>,
        ours: Option<Record>,
        theirs: Option<Record>,
    ) -> Result<()> {
        let presence = |present: bool, workbook: &Workbook| -> Result<Presence> {
            Ok(if present {
                Presence::Present
            } else if base.is_some() || workbook.has_tombstone(uuid)? {
                Presence::Deleted
            } else {
                Presence::Unknown
            })
        };
        let p_ours = presence(ours.is_some(), self.ours)?;
        let p_theirs = presence(theirs.is_some(), self.theirs)?;
        let changed = |r: &Option<Record>| match (&base, r) {
            (Some(b), Some(r)) => !same_content(layout, b, r),
            _ => true,
        };
        let (changed_ours, changed_theirs) = (changed(&ours), changed(&theirs));
        if changed_theirs && let Some(t) = &theirs {
            self.check_theirs(layout, t);
        }
        match record(p_ours, p_theirs, changed_ours, changed_theirs) {
            RecordMerge::Fields => {
                if let (Some(o), Some(t)) = (&ours, &theirs) {
                    self.fields(layout, plan, base.as_ref(), o, t);
                }
            }
            RecordMerge::Keep => {
                if let Some(o) = &ours {
                    self.touch(Side::Ours, layout, o);
                }
            }
            RecordMerge::Add => {
                if let Some(t) = theirs {
                    self.touch(Side::Theirs, layout, &t);
                    plan.added.push(RecordMove {
                        record: t,
                        label: String::new(),
                    });
                }
            }
            RecordMerge::Delete => {
                if let Some(o) = ours {
                    plan.deleted.push(RecordMove {
                        record: o,
                        label: String::new(),
                    });
                }
            }
            RecordMerge::StaysDeleted => {
                if let Some(t) = theirs {
                    self.stays_deleted.push((layout, t));
                }
            }
            RecordMerge::DeleteOrKeep(by) => {
                let (kept, changer) = match by {
                    Side::Theirs => (ours, Side::Ours),
                    Side::Ours => (theirs, Side::Theirs),
                };
                if let Some(kept) = kept {
                    self.touch(changer, layout, &kept);
                    self.conflicts.push(Conflict {
                        layout,
                        uuid: uuid.to_string(),
                        label: String::new(),
                        kind: ConflictKind::Deleted {
                            by,
                            why: format!("{} changed it", changer.word()),
                            kept,
                            dependents: Vec::new(),
                        },
                    });
                }
            }
        }
        Ok(())
    }
}
