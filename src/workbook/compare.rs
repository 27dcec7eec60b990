//! Two plans side by side: the records that differ, found by walking both tables in UUID order
//! (a merge-join that holds one record of each side at a time), and what each side's own queries
//! say of a changed record — its name, a partner's fit, a role's status, a KPI's status.

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::OptionalExtension;

use super::Workbook;
use super::dump::{Order, Record, read_record, records_sql};
use super::layout::{TABLES, TableLayout};
use crate::plan::changes::FitShown;
use crate::plan::coverage::role_coverage;
use crate::plan::kpi::KpiStatus;
use crate::plan::roles::RoleStatus;

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
        let mut tables = Vec::new();
        for layout in TABLES {
            let mut changes = Vec::new();
            let mut found = |before: Option<Record>, after: Option<Record>| {
                let same = matches!((&before, &after), (Some(b), Some(a)) if b.cells == a.cells);
                if !same {
                    changes.push(RecordChange { before, after });
                }
            };
            if layout.single {
                found(self.only_record(layout)?, after.only_record(layout)?);
            } else {
                self.join_records(after, layout, &mut found)?;
            }
            if !changes.is_empty() {
                tables.push(TableChanges { layout, changes });
            }
        }
        Ok(tables)
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
    /// of records sharing a UUID and with each record only one side has.
    fn join_records(
        &self,
        after: &Workbook,
        layout: &TableLayout,
        found: &mut impl FnMut(Option<Record>, Option<Record>),
    ) -> Result<()> {
        let mut stmt = after.conn.prepare(&records_sql(layout, Order::Uuid))?;
        let mut rows = stmt.query([])?;
        let next_after = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<Record>> {
            rows.next()?.map(|row| read_record(layout, row)).transpose()
        };
        let mut pending = next_after(&mut rows)?;
        self.each_record(layout, Order::Uuid, |old| {
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
            Ok(())
        })?;
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
            "partners" | "selection_criteria" | "roles" | "kpis" | "resources" => "name",
            "goals" | "onboarding_items" => "title",
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
