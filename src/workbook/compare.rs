//! Two plans side by side: the records that differ, found by walking both tables in UUID order
//! (a merge-join that holds one record of each side at a time), and what each side's own queries
//! say of a changed record — its name, a partner's fit, a role's status, a KPI's status.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::OptionalExtension;

use super::Workbook;
use super::dump::{Cell, Order, Record, read_record, records_sql};
use super::layout::{ColumnKind, TABLES, TableLayout, is_bookkeeping, is_bookkeeping_table};
use crate::plan::changes::FitShown;
use crate::plan::coverage::role_coverage;
use crate::plan::kpi::KpiStatus;
use crate::plan::roles::RoleStatus;

/// Like `records_sql` in UUID order, but with references as the keys stored in the file.
fn stored_records_sql(layout: &TableLayout) -> String {
    let columns: Vec<String> = layout
        .columns
        .iter()
        .map(|c| format!("t.{}", c.column))
        .collect();
    // Table and column names come from the layout, never from the file.
    format!(
        "SELECT t.uuid, t.created_at, t.updated_at, {} FROM {} t ORDER BY t.uuid",
        columns.join(", "),
        layout.table
    )
}

/// Whether two versions of a record hold the same plan (bookkeeping fields aside).
fn same_plan(layout: &TableLayout, before: &Record, after: &Record) -> bool {
    layout
        .columns
        .iter()
        .zip(before.cells.iter().zip(&after.cells))
        .all(|(column, (b, a))| b == a || is_bookkeeping(layout.table, column.key))
}

/// One record that differs: only `after` for an added record, only `before` for a removed one,
/// both when a field changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordChange {
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// The records of one table that differ.
#[derive(Debug, Clone, PartialEq)]
pub struct TableChanges {
    pub layout: &'static TableLayout,
    pub changes: Vec<RecordChange>,
}

impl Workbook {
    /// Every record that differs between this plan (before) and `after`, table by table in
    /// `TABLES` order, tables without differences left out. Records are matched by UUID; a single
    /// table's one record is matched whatever its UUID. Timestamps alone are not a difference.
    pub fn changed_records(&self, after: &Workbook) -> Result<Vec<TableChanges>> {
        let mut agree: HashMap<&str, bool> = HashMap::new();
        let mut tables = Vec::new();
        for layout in TABLES.iter().filter(|t| !is_bookkeeping_table(t.table)) {
            // References are compared as stored (no lookup per row) when every table they point
            // at gives the same record the same key in both plans, as copies of one plan do.
            let mut stored = true;
            for column in layout.columns {
                if let ColumnKind::Reference(target) = column.kind {
                    let same = match agree.get(target) {
                        Some(same) => *same,
                        None => {
                            let same = self.keys_agree(after, target)?;
                            agree.insert(target, same);
                            same
                        }
                    };
                    stored &= same;
                }
            }
            let mut changes = Vec::new();
            let mut found = |before: Option<Record>, after: Option<Record>| {
                let same =
                    matches!((&before, &after), (Some(b), Some(a)) if same_plan(layout, b, a));
                if !same {
                    changes.push(RecordChange { before, after });
                }
            };
            if layout.single {
                found(self.only_record(layout)?, after.only_record(layout)?);
            } else {
                self.join_records(after, layout, stored, &mut found)?;
            }
            if stored {
                for change in &mut changes {
                    if let Some(record) = &mut change.before {
                        self.resolve_references(layout, record)?;
                    }
                    if let Some(record) = &mut change.after {
                        after.resolve_references(layout, record)?;
                    }
                }
            }
            if !changes.is_empty() {
                tables.push(TableChanges { layout, changes });
            }
        }
        Ok(tables)
    }

    /// Whether `table` gives each UUID the same integer key here and in `after`, and no key is
    /// used for different records on the two sides. Read from the UUID index alone.
    fn keys_agree(&self, after: &Workbook, table: &str) -> Result<bool> {
        /// Past this many records on one side only, the plans are not copies of one another.
        const ONE_SIDED_MAX: usize = 20_000;
        // `table` is one of the layout's names, never text from a file.
        let sql = format!("SELECT uuid, id FROM {table} ORDER BY uuid");
        let mut ours = self.conn.prepare(&sql)?;
        let mut theirs = after.conn.prepare(&sql)?;
        let mut ours = ours.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let mut theirs =
            theirs.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        let (mut only_ours, mut only_theirs) = (BTreeSet::new(), BTreeSet::new());
        let (mut a, mut b) = (ours.next().transpose()?, theirs.next().transpose()?);
        loop {
            match (&a, &b) {
                (None, None) => break,
                (Some((ua, ia)), Some((ub, ib))) if ua == ub => {
                    if ia != ib {
                        return Ok(false);
                    }
                    a = ours.next().transpose()?;
                    b = theirs.next().transpose()?;
                }
                (Some((ua, ia)), Some((ub, _))) if ua < ub => {
                    only_ours.insert(*ia);
                    a = ours.next().transpose()?;
                }
                (Some((_, ia)), None) => {
                    only_ours.insert(*ia);
                    a = ours.next().transpose()?;
                }
                (_, Some((_, ib))) => {
                    only_theirs.insert(*ib);
                    b = theirs.next().transpose()?;
                }
            }
            if only_ours.len() + only_theirs.len() > ONE_SIDED_MAX {
                return Ok(false);
            }
        }
        Ok(only_ours.is_disjoint(&only_theirs))
    }

    /// Turns the stored keys in `record`'s references into the UUIDs they stand for.
    fn resolve_references(&self, layout: &TableLayout, record: &mut Record) -> Result<()> {
        for (column, value) in layout.columns.iter().zip(record.cells.iter_mut()) {
            let ColumnKind::Reference(target) = column.kind else {
                continue;
            };
            let Cell::Text(key) = value else { continue };
            let Ok(id) = key.parse::<i64>() else { continue };
            let uuid: Option<String> = self
                .conn
                .prepare_cached(&format!("SELECT uuid FROM {target} WHERE id = ?1"))?
                .query_row([id], |r| r.get(0))
                .optional()?;
            *value = uuid.map_or(Cell::Null, Cell::Text);
        }
        Ok(())
    }

    /// The first record of a single table (there is one, but a damaged copy may have none).
    fn only_record(&self, layout: &TableLayout) -> Result<Option<Record>> {
        let mut first = None;
        self.each_record(layout, Order::Uuid, |record| {
            first.get_or_insert(record);
            Ok(())
        })?;
        Ok(first)
    }

    /// Walks `layout`'s table here and in `after` in UUID order, calling `found` with each pair
    /// of records sharing a UUID and with each record only one side has. With `stored`,
    /// references are read as the keys in the file (see `keys_agree`), else as UUIDs.
    fn join_records(
        &self,
        after: &Workbook,
        layout: &TableLayout,
        stored: bool,
        found: &mut impl FnMut(Option<Record>, Option<Record>),
    ) -> Result<()> {
        let sql = if stored {
            stored_records_sql(layout)
        } else {
            records_sql(layout, Order::Uuid)
        };
        let mut stmt = after.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let next_after = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<Record>> {
            rows.next()?.map(|row| read_record(layout, row)).transpose()
        };
        let mut pending = next_after(&mut rows)?;
        let mut ours = self.conn.prepare(&sql)?;
        let mut our_rows = ours.query([])?;
        while let Some(row) = our_rows.next()? {
            let old = read_record(layout, row)?;
            while let Some(new) = pending.take_if(|new| new.uuid < old.uuid) {
                found(None, Some(new));
                pending = next_after(&mut rows)?;
            }
            match pending.take_if(|new| new.uuid == old.uuid) {
                Some(new) => {
                    found(Some(old), Some(new));
                    pending = next_after(&mut rows)?;
                }
                None => found(Some(old), None),
            }
        }
        while let Some(new) = pending {
            found(None, Some(new));
            pending = next_after(&mut rows)?;
        }
        Ok(())
    }

    /// The integer key of the record of `table` with `uuid`.
    fn id_by_uuid(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        // `table` is one of the layout's names, never text from a file.
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// What the screens call each record of `table` among `uuids` (a partner's name, a risk's
    /// code and title …); tables whose records have no name of their own give an empty map.
    pub fn names_by_uuid(
        &self,
        table: &str,
        uuids: &BTreeSet<String>,
    ) -> Result<HashMap<String, String>> {
        let expr = match table {
            "partners" | "selection_criteria" | "roles" | "kpis" | "resources" | "offerings"
            | "scenarios" | "forums" | "trends" => "name",
            "partner_links" => {
                "(SELECT name FROM partners WHERE id = from_partner_id) || ' → ' || \
                 (SELECT name FROM partners WHERE id = to_partner_id) || ' (' || kind || ')'"
            }
            "goals" | "onboarding_items" | "joint_goals" | "joint_milestones" => "title",
            "joint_commitments" => "what",
            "type_programmes" => "'the ' || partner_type || ' programme'",
            "risks" => "code || ' ' || title",
            "data_protocols" => "data_item",
            "governance_rules" => "topic || ' rule'",
            _ => return Ok(HashMap::new()),
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {expr} FROM {table} WHERE uuid = ?1"))?;
        let mut names = HashMap::new();
        for uuid in uuids {
            if let Some(name) = stmt
                .query_row([uuid], |r| r.get::<_, String>(0))
                .optional()?
            {
                names.insert(uuid.clone(), name);
            }
        }
        Ok(names)
    }

    /// Each partner's fit among `uuids`, as this plan's own selection rules give it.
    pub fn fits_by_uuid(&self, uuids: &BTreeSet<String>) -> Result<HashMap<String, FitShown>> {
        let mut fits = HashMap::new();
        for uuid in uuids {
            if let Some(id) = self.id_by_uuid("partners", uuid)? {
                let fit = self.partner_fit(id)?;
                fits.insert(
                    uuid.clone(),
                    FitShown {
                        score: fit.score,
                        gated_out: fit.gated_out,
                    },
                );
            }
        }
        Ok(fits)
    }

    /// Each role's effective status among `uuids` (override or computed from its coverage).
    pub fn role_statuses_by_uuid(
        &self,
        uuids: &BTreeSet<String>,
    ) -> Result<HashMap<String, RoleStatus>> {
        let mut statuses = HashMap::new();
        if uuids.is_empty() {
            return Ok(statuses);
        }
        let roles = self.roles()?;
        for uuid in uuids {
            let Some(id) = self.id_by_uuid("roles", uuid)? else {
                continue;
            };
            let Some(record) = roles.iter().find(|r| r.role.id == id) else {
                continue;
            };
            let assignments = self.role_assignments(id)?;
            let coverage = role_coverage(std::slice::from_ref(&record.role), &assignments);
            if let Some(role) = coverage.first() {
                statuses.insert(uuid.clone(), role.effective);
            }
        }
        Ok(statuses)
    }

    /// Each KPI's status on `today` among `uuids`, judged as the Metrics tab judges it.
    pub fn kpi_statuses_by_uuid(
        &self,
        uuids: &BTreeSet<String>,
        today: Date,
    ) -> Result<HashMap<String, KpiStatus>> {
        let mut statuses = HashMap::new();
        for uuid in uuids {
            let Some(id) = self.id_by_uuid("kpis", uuid)? else {
                continue;
            };
            if let Some(record) = self.kpi(id)? {
                statuses.insert(uuid.clone(), self.kpi_row(record, 1, today, None)?.status);
            }
        }
        Ok(statuses)
    }
}
