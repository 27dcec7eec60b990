//! The three-way merge of two copies of a plan: walking ours, theirs and their common base side by
//! side in UUID order, table by table, to a plan of what changes in ours and what the user decides.
//! Applying it is in `merge/apply.rs`; the rules record by record and field by field in `plan::merge`.

mod apply;
mod describe;
mod settle;
mod walk;

use std::collections::HashMap;

use anyhow::Result;

use super::Workbook;
use super::dump::{Cell, Record};
use super::layout::{TABLES, TableLayout, is_bookkeeping, is_bookkeeping_table};
use super::snapshot::SnapshotCursor;
use crate::plan::merge::Side;

pub use apply::{Choices, MergeOutcome};
pub(crate) use describe::thing;
pub use describe::{change_lines, conflict_words, plan_lines};
use settle::relink;
use walk::{BaseSource, Cursor, Walk, next_of};

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
    /// Values of theirs that may not be stored (an impossible date, a control character…): while
    /// there is one, nothing is merged.
    pub problems: Vec<String>,
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
    layout.columns.get(column).is_some_and(|c| {
        is_bookkeeping(layout.table, c.key)
            || (layout.table == "workbook_meta" && c.key == "next_risk_number")
    })
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
        problems: Vec::new(),
    };
    let mut snapshot = match base {
        Base::Snapshot { holder, uuid, .. } => SnapshotCursor::open(holder, uuid)?,
        _ => None,
    };
    // Tombstones are how deletions are known, not plan data: each side keeps its own (a merged
    // deletion leaves one here as any deletion does).
    for layout in TABLES.iter().filter(|t| !is_bookkeeping_table(t.table)) {
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
        problems: walk.problems,
    };
    describe::label_everything(ours, theirs, &mut plan)?;
    Ok(plan)
}
