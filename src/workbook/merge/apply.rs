//! Applying a merge plan to ours with the user's decisions: one journalled change, so `u` takes
//! the whole merge back, and the undo history before it stays.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;

use super::{ConflictKind, MergePlan};
use crate::plan::merge::Side;
use crate::plan::risk::code_for;
use crate::workbook::dump::{Cell, Record};
use crate::workbook::journal::Change;
use crate::workbook::layout::{ColumnKind, TABLES, TableLayout};
use crate::workbook::{Workbook, timestamp_now};

/// The user's decisions: one per conflict (by its place in `MergePlan::conflicts`), or one side
/// for every conflict not decided one by one.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub prefer: Option<Side>,
    pub each: HashMap<usize, Side>,
}

impl Choices {
    pub fn prefer(side: Side) -> Choices {
        Choices {
            prefer: Some(side),
            each: HashMap::new(),
        }
    }

    pub fn of(&self, conflict: usize) -> Option<Side> {
        self.each.get(&conflict).copied().or(self.prefer)
    }
}

/// What a merge did to ours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOutcome {
    pub added: usize,
    pub changed: usize,
    pub deleted: usize,
    /// Risks from theirs whose code was taken here: (their code, its code here).
    pub renumbered: Vec<(String, String)>,
    /// Records of theirs left out because what they belong to stays deleted here.
    pub dropped: Vec<String>,
}

impl Workbook {
    /// Applies `plan` with `choices` as one change called `label`. Refused while a conflict is
    /// undecided: nothing is written then.
    pub fn apply_merge(
        &mut self,
        plan: &MergePlan,
        choices: &Choices,
        label: &str,
    ) -> Result<MergeOutcome> {
        if let Some(first) = plan.problems.first() {
            bail!(
                "their copy holds {} that cannot be stored, so nothing was merged; the first: {first}",
                crate::plan::numbers::count_of(plan.problems.len(), "value", "values")
            );
        }
        let open = (0..plan.conflicts.len())
            .filter(|&i| choices.of(i).is_none())
            .count();
        if open > 0 {
            bail!(
                "{} still to decide, so nothing was merged",
                crate::plan::numbers::count_of(open, "conflict is", "conflicts are")
            );
        }
        let mut work = Work::default();
        for table in &plan.tables {
            for moving in &table.added {
                work.insert(table.layout, &moving.record);
            }
            for change in &table.changed {
                for field in &change.fields {
                    work.set(table.layout, &change.uuid, field.column, &field.to);
                }
            }
            for moving in &table.deleted {
                work.delete(table.layout, &moving.record.uuid);
            }
        }
        for (index, conflict) in plan.conflicts.iter().enumerate() {
            let side = choices.of(index).unwrap_or(Side::Ours);
            let layout = conflict.layout;
            match (&conflict.kind, side) {
                (_, Side::Ours) => {
                    if let ConflictKind::Deleted { by: Side::Ours, .. } = &conflict.kind {
                        work.gone.insert(conflict.uuid.clone());
                    }
                }
                (ConflictKind::Field { column, theirs, .. }, Side::Theirs) => {
                    work.set(layout, &conflict.uuid, *column, theirs);
                }
                (
                    ConflictKind::Twin {
                        ours,
                        theirs,
                        columns,
                    },
                    Side::Theirs,
                ) => {
                    for &column in columns {
                        if let Some(cell) = theirs.cells.get(column) {
                            work.set(layout, &ours.uuid, column, cell);
                        }
                    }
                }
                (
                    ConflictKind::Deleted {
                        by: Side::Theirs,
                        dependents,
                        ..
                    },
                    Side::Theirs,
                ) => {
                    work.delete(layout, &conflict.uuid);
                    for (layout, record) in dependents {
                        work.delete(layout, &record.uuid);
                    }
                }
                (
                    ConflictKind::Deleted {
                        by: Side::Ours,
                        kept,
                        dependents,
                        ..
                    },
                    Side::Theirs,
                ) => {
                    work.insert(layout, kept);
                    for (layout, record) in dependents {
                        work.insert(layout, record);
                    }
                }
            }
        }
        let mut change = self.change(label)?;
        let outcome = work.run(&mut change, plan)?;
        change.commit()?;
        Ok(outcome)
    }
}

/// Everything the merge writes, gathered before any write.
#[derive(Default)]
struct Work {
    inserts: BTreeMap<usize, Vec<Record>>,
    updates: BTreeMap<(usize, String), BTreeMap<usize, Cell>>,
    deletes: BTreeMap<usize, Vec<String>>,
    /// Records that stay deleted here by the user's decision: theirs linked to them are left out.
    gone: HashSet<String>,
}

fn table_index(layout: &TableLayout) -> usize {
    TABLES
        .iter()
        .position(|t| t.table == layout.table)
        .unwrap_or(usize::MAX)
}

impl Work {
    fn insert(&mut self, layout: &TableLayout, record: &Record) {
        self.inserts
            .entry(table_index(layout))
            .or_default()
            .push(record.clone());
    }

    fn set(&mut self, layout: &TableLayout, uuid: &str, column: usize, cell: &Cell) {
        self.updates
            .entry((table_index(layout), uuid.to_string()))
            .or_default()
            .insert(column, cell.clone());
    }

    fn delete(&mut self, layout: &TableLayout, uuid: &str) {
        self.deletes
            .entry(table_index(layout))
            .or_default()
            .push(uuid.to_string());
    }

    fn run(self, change: &mut Change<'_>, plan: &MergePlan) -> Result<MergeOutcome> {
        let mut outcome = MergeOutcome::default();
        let mut self_links: Vec<(&'static TableLayout, String, usize, String)> = Vec::new();
        // Once, not per link: a merge may bring many thousands of records.
        let coming: HashSet<&str> = self
            .inserts
            .values()
            .flatten()
            .map(|r| r.uuid.as_str())
            .collect();
        for (&index, records) in &self.inserts {
            let Some(layout) = TABLES.get(index) else {
                continue;
            };
            for record in records {
                let mut record = record.clone();
                super::relink(layout, &mut record, &plan.twins);
                if let Some(missing) = self.missing_link(change, layout, &record, &coming)? {
                    outcome.dropped.push(format!(
                        "a {} of theirs: it belongs to {missing}, which stays deleted here",
                        layout.key.trim_end_matches('s')
                    ));
                    continue;
                }
                if layout.table == "risks" {
                    renumber_if_taken(change, layout, &mut record, &mut outcome)?;
                }
                insert(change, layout, &record, &mut self_links)?;
                outcome.added += 1;
            }
        }
        for (layout, uuid, column, target) in self_links {
            let spec = &layout.columns[column];
            let sql = format!(
                "UPDATE {t} SET {c} = (SELECT id FROM {t} WHERE uuid = ?2) WHERE uuid = ?1",
                t = layout.table,
                c = spec.column
            );
            change.write_by_uuid(
                layout.table,
                &uuid,
                &sql,
                &[Value::Text(uuid.clone()), Value::Text(target)],
            )?;
        }
        for ((index, uuid), cells) in &self.updates {
            let Some(layout) = TABLES.get(*index) else {
                continue;
            };
            let uuid = if layout.single {
                // The one record of a single table keeps our uuid.
                match change.conn().query_row(
                    &format!("SELECT uuid FROM {} WHERE id = 1", layout.table),
                    [],
                    |r| r.get::<_, String>(0),
                ) {
                    Ok(uuid) => uuid,
                    Err(_) => continue,
                }
            } else {
                uuid.clone()
            };
            if change.id_of(layout.table, &uuid)?.is_none() {
                continue;
            }
            update(change, layout, &uuid, cells)?;
            outcome.changed += 1;
        }
        for (&index, uuids) in self.deletes.iter().rev() {
            let Some(layout) = TABLES.get(index) else {
                continue;
            };
            for uuid in uuids {
                // Gone already when it went with its parent.
                if let Some(id) = change.id_of(layout.table, uuid)? {
                    if layout.table == "joint_goals" {
                        crate::workbook::joint::unlink_goal_parts(change, id)?;
                    }
                    change.delete(layout.table, id)?;
                    outcome.deleted += 1;
                }
            }
        }
        let lineage_now: String =
            change
                .conn()
                .query_row("SELECT lineage FROM workbook_meta WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        if lineage_now != plan.lineage {
            let uuid: String = change.conn().query_row(
                "SELECT uuid FROM workbook_meta WHERE id = 1",
                [],
                |r| r.get(0),
            )?;
            change.write_by_uuid(
                "workbook_meta",
                &uuid,
                "UPDATE workbook_meta SET lineage = ?2 WHERE uuid = ?1",
                &[Value::Text(uuid.clone()), Value::Text(plan.lineage.clone())],
            )?;
        }
        if let Some(next) = plan.next_risk_number {
            change.execute_unjournaled(
                "UPDATE workbook_meta SET next_risk_number = max(next_risk_number, ?1)",
                &[&next],
            )?;
        }
        Ok(outcome)
    }

    /// The name of a record `record` links to that neither ours has nor the merge brings.
    fn missing_link(
        &self,
        change: &Change<'_>,
        layout: &TableLayout,
        record: &Record,
        coming: &HashSet<&str>,
    ) -> Result<Option<String>> {
        for (column, cell) in layout.columns.iter().zip(&record.cells) {
            let (ColumnKind::Reference(target), Cell::Text(uuid)) = (column.kind, cell) else {
                continue;
            };
            if target == layout.table {
                continue;
            }
            let coming = coming.contains(uuid.as_str());
            let here = change.id_of(target, uuid)?.is_some();
            if self.gone.contains(uuid) || (!coming && !here) {
                return Ok(Some(format!(
                    "{} {uuid}",
                    target.trim_end_matches('s').replace('_', " ")
                )));
            }
        }
        Ok(None)
    }
}

pub(crate) fn cell_value(cell: &Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Integer(n) => Value::Integer(*n),
        Cell::Real(x) => Value::Real(*x),
        Cell::Text(s) => Value::Text(s.clone()),
    }
}

/// The SQL expression and parameter that store `cell` in `column` (a reference by its uuid).
fn column_value(
    layout: &TableLayout,
    column: usize,
    cell: &Cell,
    at: usize,
) -> (String, Option<Value>) {
    match layout.columns[column].kind {
        ColumnKind::Reference(target) if target != layout.table => (
            format!("(SELECT id FROM {target} WHERE uuid = ?{at})"),
            Some(cell_value(cell)),
        ),
        ColumnKind::Reference(_) => ("NULL".into(), None),
        _ => (format!("?{at}"), Some(cell_value(cell))),
    }
}

fn insert(
    change: &mut Change<'_>,
    layout: &'static TableLayout,
    record: &Record,
    self_links: &mut Vec<(&'static TableLayout, String, usize, String)>,
) -> Result<()> {
    let mut names = vec!["uuid", "created_at", "updated_at"];
    let mut values = vec!["?1".to_string(), "?2".into(), "?3".into()];
    let mut params = vec![
        Value::Text(record.uuid.clone()),
        Value::Text(record.created_at.clone()),
        Value::Text(record.updated_at.clone()),
    ];
    for (index, cell) in record.cells.iter().enumerate() {
        let spec = &layout.columns[index];
        names.push(spec.column);
        if let (ColumnKind::Reference(target), Cell::Text(uuid)) = (spec.kind, cell)
            && target == layout.table
        {
            self_links.push((layout, record.uuid.clone(), index, uuid.clone()));
        }
        let (expr, param) = column_value(layout, index, cell, params.len() + 1);
        values.push(expr);
        params.extend(param);
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        layout.table,
        names.join(", "),
        values.join(", ")
    );
    change
        .write_by_uuid(layout.table, &record.uuid, &sql, &params)
        .with_context(|| {
            format!(
                "{} {} breaks a rule of the workbook",
                layout.key, record.uuid
            )
        })
}

fn update(
    change: &mut Change<'_>,
    layout: &TableLayout,
    uuid: &str,
    cells: &BTreeMap<usize, Cell>,
) -> Result<()> {
    let mut sets = Vec::new();
    let mut params = vec![Value::Text(uuid.to_string())];
    for (&column, cell) in cells {
        let (expr, param) = column_value(layout, column, cell, params.len() + 1);
        sets.push(format!("{} = {expr}", layout.columns[column].column));
        params.extend(param);
    }
    params.push(Value::Text(timestamp_now()));
    sets.push(format!("updated_at = ?{}", params.len()));
    let sql = format!(
        "UPDATE {} SET {} WHERE uuid = ?1",
        layout.table,
        sets.join(", ")
    );
    change
        .write_by_uuid(layout.table, uuid, &sql, &params)
        .with_context(|| format!("{} {uuid} breaks a rule of the workbook", layout.key))
}

/// A risk of theirs may carry a number ours has given already: it takes the next free one.
fn renumber_if_taken(
    change: &mut Change<'_>,
    layout: &TableLayout,
    record: &mut Record,
    outcome: &mut MergeOutcome,
) -> Result<()> {
    let at = |key: &str| layout.columns.iter().position(|c| c.key == key);
    let (Some(number_at), Some(code_at)) = (at("number"), at("code")) else {
        return Ok(());
    };
    let taken: bool = change.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM risks WHERE number = ?1 OR code = ?2)",
        rusqlite::params![
            cell_value(&record.cells[number_at]),
            cell_value(&record.cells[code_at])
        ],
        |r| r.get(0),
    )?;
    if !taken {
        return Ok(());
    }
    let number: i64 = change.conn().query_row(
        "SELECT max((SELECT next_risk_number FROM workbook_meta), \
         (SELECT coalesce(max(number), 0) + 1 FROM risks))",
        [],
        |r| r.get(0),
    )?;
    let old = match &record.cells[code_at] {
        Cell::Text(code) => code.clone(),
        _ => String::new(),
    };
    let new = code_for(number);
    record.cells[number_at] = Cell::Integer(number);
    record.cells[code_at] = Cell::Text(new.clone());
    change.execute_unjournaled(
        "UPDATE workbook_meta SET next_risk_number = ?1 + 1",
        &[&number],
    )?;
    outcome.renumbered.push((old, new));
    Ok(())
}
