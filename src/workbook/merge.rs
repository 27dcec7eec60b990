//! The three-way merge of two copies of a plan: walking ours, theirs and their common base side by
//! side in UUID order, table by table, to a plan of what changes in ours and what the user decides.
//! Applying it is in `merge/apply.rs`; the rules record by record and field by field in `plan::merge`.

mod apply;
mod describe;

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::{Rows, Statement};

use super::Workbook;
use super::dump::{Cell, Order, Record, record_from_row, records_sql};
use super::layout::{ColumnKind, TABLES, TableLayout};
use super::snapshot::SnapshotCursor;
use crate::plan::merge::{FieldMerge, Presence, RecordMerge, Side, field, record};

pub use apply::{Choices, MergeOutcome};
pub use describe::{change_lines, conflict_words, plan_lines};

/// Where the common base of two copies is kept.
pub enum Base<'a> {
    /// No common base is known: every difference is a conflict.
    None,
    /// A snapshot (a hand-off) kept in one of the two workbooks.
    Snapshot {
        holder: &'a Workbook,
        uuid: String,
        created_at: String,
    },
    /// A whole workbook (git's common ancestor of a merge, rebuilt from text).
    Plan(&'a Workbook),
}

impl Base<'_> {
    /// In words, for the merge's report.
    pub fn describe(&self) -> String {
        match self {
            Base::None => "no common base: the two files share no hand-off, so every difference \
                           is a conflict to decide"
                .into(),
            Base::Snapshot { created_at, .. } => {
                format!("common base: the copy handed out on {}", day(created_at))
            }
            Base::Plan(_) => "common base: the ancestor given".into(),
        }
    }
}

fn day(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Finds the newest hand-off both copies descend from: the first id of their lineage that one
/// of the two keeps as a snapshot.
pub fn find_base<'a>(ours: &'a Workbook, theirs: &'a Workbook) -> Result<Base<'a>> {
    let mut candidates = theirs.lineage()?;
    candidates.extend(ours.lineage()?);
    for uuid in candidates {
        for holder in [ours, theirs] {
            if let Some(found) = holder.snapshot(&uuid)? {
                return Ok(Base::Snapshot {
                    holder,
                    uuid,
                    created_at: found.created_at,
                });
            }
        }
    }
    Ok(Base::None)
}

/// One field's value change in ours.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub column: usize,
    pub from: Cell,
    pub to: Cell,
}

/// A record of ours whose fields change.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChange {
    pub uuid: String,
    pub label: String,
    pub fields: Vec<FieldChange>,
}

/// A record of theirs that ours gains, or one of ours that goes.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordMove {
    pub record: Record,
    pub label: String,
}

/// What the merge does to one table of ours, conflicts aside.
#[derive(Debug, Clone)]
pub struct TablePlan {
    pub layout: &'static TableLayout,
    pub added: Vec<RecordMove>,
    pub changed: Vec<RecordChange>,
    pub deleted: Vec<RecordMove>,
}

impl TablePlan {
    fn new(layout: &'static TableLayout) -> TablePlan {
        TablePlan {
            layout,
            added: Vec::new(),
            changed: Vec::new(),
            deleted: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.deleted.is_empty()
    }
}

/// What the two copies disagree on.
#[derive(Debug, Clone, PartialEq)]
pub enum ConflictKind {
    /// Both changed one field differently (or there is no base to tell).
    Field {
        column: usize,
        base: Option<Cell>,
        ours: Cell,
        theirs: Cell,
    },
    /// One copy deleted the record; the other changed it (or something linked to it). `kept` is
    /// the record as the copy that kept it has it; `dependents` are linked records that go or
    /// come back with it.
    Deleted {
        by: Side,
        kept: Record,
        why: String,
        dependents: Vec<(&'static TableLayout, Record)>,
    },
    /// Both added a record for the same thing (the same partner's score on one criterion, say)
    /// with different values. `ours` is our record's uuid.
    Twin {
        ours: Record,
        theirs: Record,
        columns: Vec<usize>,
    },
}

/// One decision the user makes: `Side::Ours` keeps ours, `Side::Theirs` takes theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub layout: &'static TableLayout,
    pub uuid: String,
    pub label: String,
    pub kind: ConflictKind,
}

/// Everything a merge would do to ours, and what it needs decided.
#[derive(Debug)]
pub struct MergePlan {
    pub base: String,
    pub has_base: bool,
    pub tables: Vec<TablePlan>,
    pub conflicts: Vec<Conflict>,
    /// Our lineage after the merge: ours, then theirs.
    pub lineage: String,
    /// Their next risk number, when it is higher than ours.
    pub next_risk_number: Option<i64>,
    /// Records theirs added that ours holds already under another uuid (a criterion of the same
    /// name, say): their uuid → ours. What of theirs links to them links to ours.
    pub twins: HashMap<String, String>,
}

impl MergePlan {
    /// Whether the merge changes nothing and asks nothing.
    pub fn is_empty(&self) -> bool {
        self.conflicts.is_empty() && self.tables.iter().all(TablePlan::is_empty)
    }

    pub fn counts(&self) -> (usize, usize, usize) {
        self.tables.iter().fold((0, 0, 0), |(a, c, d), t| {
            (a + t.added.len(), c + t.changed.len(), d + t.deleted.len())
        })
    }
}

/// Columns a merge leaves as ours has them: who wrote the file, and where it came from (merged
/// apart); the risk counter is taken as the higher of the two.
fn merged_apart(layout: &TableLayout, column: usize) -> bool {
    layout.table == "workbook_meta"
        && matches!(
            layout.columns.get(column).map(|c| c.key),
            Some("created_by_version" | "written_by_version" | "lineage" | "next_risk_number")
        )
}

fn same_content(layout: &TableLayout, a: &Record, b: &Record) -> bool {
    a.cells
        .iter()
        .zip(&b.cells)
        .enumerate()
        .all(|(i, (x, y))| merged_apart(layout, i) || x == y)
}

/// Plans the merge of `theirs` into `ours` from `base`.
pub fn plan_merge(ours: &Workbook, theirs: &Workbook, base: &Base<'_>) -> Result<MergePlan> {
    let mut walk = Walk {
        ours,
        theirs,
        has_base: !matches!(base, Base::None),
        tables: Vec::new(),
        conflicts: Vec::new(),
        touched_by: HashMap::new(),
        stays_deleted: Vec::new(),
        next_risk_number: None,
        twins: HashMap::new(),
    };
    let mut snapshot = match base {
        Base::Snapshot { holder, uuid, .. } => SnapshotCursor::open(holder, uuid)?,
        _ => None,
    };
    // Tombstones are how deletions are known, not plan data: each side keeps its own (a merged
    // deletion leaves one here as any deletion does).
    for layout in TABLES.iter().filter(|t| t.table != "tombstones") {
        let mut base_rows = match base {
            Base::Plan(plan) => Some(Cursor::new(plan, layout)?),
            _ => None,
        };
        let mut base_source = match (&mut base_rows, &mut snapshot) {
            (Some(rows), _) => BaseSource::Rows(rows.start()?),
            (None, Some(snapshot)) => BaseSource::Snapshot(snapshot),
            (None, None) => BaseSource::None,
        };
        walk.table(layout, &mut base_source)?;
    }
    walk.settle_linked()?;
    walk.settle_twins()?;
    let lineage = super::lineage::lineage_text(
        ours.lineage()?
            .iter()
            .chain(theirs.lineage()?.iter())
            .map(String::as_str),
    );
    let mut plan = MergePlan {
        base: base.describe(),
        has_base: walk.has_base,
        tables: walk.tables,
        conflicts: walk.conflicts,
        lineage,
        next_risk_number: walk.next_risk_number,
        twins: walk.twins,
    };
    describe::label_everything(ours, theirs, &mut plan)?;
    Ok(plan)
}

/// A prepared query over one table of one workbook, in UUID order.
struct Cursor<'w> {
    stmt: Statement<'w>,
}

impl<'w> Cursor<'w> {
    fn new(workbook: &'w Workbook, layout: &'static TableLayout) -> Result<Cursor<'w>> {
        Ok(Cursor {
            stmt: workbook.conn.prepare(&records_sql(layout, Order::Uuid))?,
        })
    }

    fn start(&mut self) -> Result<Rows<'_>> {
        Ok(self.stmt.query([])?)
    }
}

fn next_of(layout: &TableLayout, rows: &mut Rows<'_>) -> Result<Option<Record>> {
    match rows.next()? {
        Some(row) => Ok(Some(record_from_row(layout, row)?)),
        None => Ok(None),
    }
}

enum BaseSource<'r, 's, 'w> {
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

struct Walk<'w> {
    ours: &'w Workbook,
    theirs: &'w Workbook,
    has_base: bool,
    tables: Vec<TablePlan>,
    conflicts: Vec<Conflict>,
    /// Records that one side changed or added, by the uuid of each record they link to: a record
    /// the other side deleted cannot go silently while something linked to it changed.
    touched_by: HashMap<(Side, String), Vec<String>>,
    /// Records ours deleted (and theirs kept unchanged), by uuid: they come back with a parent
    /// whose deletion the user undoes.
    stays_deleted: Vec<(&'static TableLayout, Record)>,
    next_risk_number: Option<i64>,
    twins: HashMap<String, String>,
}

impl Walk<'_> {
    fn table(
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

    fn single(
        &mut self,
        layout: &'static TableLayout,
        plan: &mut TablePlan,
        base: Option<&Record>,
        ours: &Record,
        theirs: &Record,
    ) {
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
    fn touch(&mut self, side: Side, layout: &TableLayout, record: &Record) {
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

    /// A deletion does not travel while the other copy changed something linked to the deleted
    /// record: it becomes a decision, and what goes or comes back with it follows it.
    fn settle_linked(&mut self) -> Result<()> {
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
    fn settle_twins(&mut self) -> Result<()> {
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
                        let columns: Vec<usize> = (0..layout.columns.len())
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
                ColumnKind::Reference(target) => format!(
                    "t.{} = (SELECT id FROM {target} WHERE uuid = ?{n})",
                    column.column
                ),
                _ => format!("t.{} = ?{n}", column.column),
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
