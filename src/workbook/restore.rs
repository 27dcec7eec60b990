//! Writing a whole plan read from text into the workbook, in one transaction: either replacing an
//! untouched workbook's content, or merging records into it matched by UUID.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension};

use super::Workbook;
use super::dump::{Cell, Record, TableRecords};
use super::journal::{batch_cache, build_indexes, end_batch, set_partner_indexes_aside};
use super::layout::{ColumnKind, TABLES, TableLayout};

/// What an import did to one table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoredTable {
    pub key: &'static str,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// What an import did, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoreReport {
    pub tables: Vec<RestoredTable>,
    /// Risks added by a merge whose code was taken in the workbook: (old code, new code).
    pub renumbered: Vec<(String, String)>,
    /// Single records (workbook, strategy) of another workbook, left as the workbook has them.
    pub kept: Vec<&'static str>,
}

impl RestoreReport {
    pub fn totals(&self) -> (usize, usize, usize) {
        self.tables.iter().fold((0, 0, 0), |(a, u, n), t| {
            (a + t.added, u + t.updated, n + t.unchanged)
        })
    }
}

impl Workbook {
    /// Writes `tables` (already checked: types, references, unique UUIDs) into an untouched
    /// workbook in one transaction, replacing its seeded records. The undo journal is emptied:
    /// an import is a new starting point. (A copy that came back is merged by `merge`, not here.)
    pub fn restore(&mut self, tables: &[TableRecords]) -> Result<RestoreReport> {
        let mut restoring = self.begin_restore()?;
        for given in tables {
            for record in &given.records {
                let broken = restoring.write(given.layout, record, 0)?;
                if let Some(key) = broken.first() {
                    bail!(
                        "{} {} refers to a record that is not there ({key})",
                        given.layout.key,
                        record.uuid
                    );
                }
            }
        }
        if !restoring.broken_self_links()?.is_empty() {
            bail!("the imported records do not fit together (a reference is broken)");
        }
        restoring.finish()
    }

    /// Starts writing a whole plan into this untouched workbook, record by record, in one
    /// transaction (see `Restoring`): what a streaming import writes through.
    pub fn begin_restore(&mut self) -> Result<Restoring<'_>> {
        self.refuse_write()?;
        if !self.is_untouched()? {
            bail!(
                "{} already holds a plan; import into a new workbook, or merge a copy that came \
                 back with `partnerplan merge`.",
                self.file_name()
            );
        }
        let cache_before = batch_cache(&self.conn)?;
        if let Err(err) = self.conn.execute_batch("BEGIN IMMEDIATE") {
            end_batch(&self.conn, cache_before)?;
            return Err(err.into());
        }
        let mut restoring = Restoring {
            workbook: self,
            open: true,
            report: RestoreReport {
                tables: TABLES
                    .iter()
                    .map(|layout| RestoredTable {
                        key: layout.key,
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
            self_links: Vec::new(),
            set_aside: Vec::new(),
            cache_before,
            statements: HashMap::new(),
        };
        restoring.clear()?;
        Ok(restoring)
    }

    /// Forgets what the search indexes have read, after an import changed records wholesale.
    pub(crate) fn reset_search(&mut self) -> Result<()> {
        self.search = super::search::SearchIndex::new(super::search::PARTNERS);
        self.risk_search = super::search::SearchIndex::new(super::search::RISKS);
        self.search.register(&self.conn)?;
        self.risk_search.register(&self.conn)?;
        Ok(())
    }
}

/// A whole plan being written into an untouched workbook: one transaction, the seeded records
/// gone, the partner indexes set aside until the end (built once, sorted, instead of row by row).
/// Records go in table by table in `TABLES` order, so every reference leads to a record written
/// before it (a table's references to itself are set at the end). Nothing is visible until
/// `finish`; dropping it rolls everything back.
pub struct Restoring<'w> {
    workbook: &'w mut Workbook,
    open: bool,
    report: RestoreReport,
    self_links: Vec<SelfLink>,
    set_aside: Vec<String>,
    cache_before: i64,
    /// Each table's `insert_sql`, built at its first record.
    statements: HashMap<&'static str, String>,
}

impl Restoring<'_> {
    fn clear(&mut self) -> Result<()> {
        let conn = &self.workbook.conn;
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for layout in TABLES.iter().rev() {
            conn.execute(&format!("DELETE FROM {}", layout.table), [])?;
        }
        self.set_aside = set_partner_indexes_aside(conn)?;
        Ok(())
    }

    /// Writes one record (its fields already checked). Returns the keys of its references that
    /// lead to no record written so far, and then writes nothing. `tag` comes back from
    /// `broken_self_links` for a reference to its own table that leads nowhere.
    pub fn write(
        &mut self,
        layout: &'static TableLayout,
        record: &Record,
        tag: usize,
    ) -> Result<Vec<&'static str>> {
        let conn = &self.workbook.conn;
        let mut broken = Vec::new();
        for (column, cell) in layout.columns.iter().zip(&record.cells) {
            if let (ColumnKind::Reference(target), Cell::Text(uuid)) = (column.kind, cell)
                && target != layout.table
                && conn
                    .prepare_cached(&format!("SELECT 1 FROM {target} WHERE uuid = ?1"))?
                    .query_row([uuid], |_| Ok(()))
                    .optional()?
                    .is_none()
            {
                broken.push(column.key);
            }
        }
        if !broken.is_empty() {
            return Ok(broken);
        }
        let sql = self
            .statements
            .entry(layout.table)
            .or_insert_with(|| insert_sql(layout));
        write_record(conn, layout, record, sql, tag, &mut self.self_links)?;
        if let Some(table) = self.report.tables.iter_mut().find(|t| t.key == layout.key) {
            table.added += 1;
        }
        Ok(Vec::new())
    }

    /// The tags of records whose reference to a record of their own table leads nowhere.
    pub fn broken_self_links(&self) -> Result<Vec<usize>> {
        let conn = &self.workbook.conn;
        let mut broken = Vec::new();
        for link in &self.self_links {
            let found = conn
                .prepare_cached(&format!("SELECT 1 FROM {} WHERE uuid = ?1", link.table))?
                .query_row([&link.target], |_| Ok(()))
                .optional()?;
            if found.is_none() {
                broken.push(link.tag);
            }
        }
        Ok(broken)
    }

    /// Sets the references within tables, builds the indexes, refreshes every derived column,
    /// empties the undo journal and commits.
    pub fn finish(mut self) -> Result<RestoreReport> {
        self.open = false;
        let result = self.complete();
        let conn = &self.workbook.conn;
        let ended = match result {
            Ok(()) => conn
                .execute_batch("COMMIT")
                .context("the imported records do not fit together (a reference is broken)"),
            Err(err) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(err)
            }
        };
        let cache = end_batch(conn, self.cache_before);
        ended?;
        cache?;
        self.workbook.reset_search()?;
        Ok(std::mem::take(&mut self.report))
    }

    fn complete(&mut self) -> Result<()> {
        let conn = &self.workbook.conn;
        for link in &self.self_links {
            conn.prepare_cached(&format!(
                "UPDATE {t} SET {c} = (SELECT id FROM {t} WHERE uuid = ?1) WHERE uuid = ?2",
                t = link.table,
                c = link.column
            ))?
            .execute([&link.target, &link.uuid])?;
        }
        // An older plan's governance rules name forums it does not have yet.
        let (forums, links) = super::forums::forums_from_older_rules(conn)?;
        for (key, made) in [("forums", forums), ("forum_rules", links)] {
            if let Some(table) = self.report.tables.iter_mut().find(|t| t.key == key) {
                table.added += made;
            }
        }
        // Derived columns first, while the partner indexes are still aside: refreshing a
        // million partners' onboarding % after the build rewrote two indexes at a scattered
        // place per partner (14 s of CPU at 1M, against 2 s without them).
        refresh_everything(conn)?;
        build_indexes(conn, &self.set_aside)?;
        conn.execute("DELETE FROM change_journal", [])?;
        Ok(())
    }
}

impl Drop for Restoring<'_> {
    fn drop(&mut self) {
        if self.open {
            let conn = &self.workbook.conn;
            let _ = conn.execute_batch("ROLLBACK");
            let _ = end_batch(conn, self.cache_before);
        }
    }
}

/// A reference to a record of the same table, set once every record of it exists.
struct SelfLink {
    table: &'static str,
    column: &'static str,
    uuid: String,
    target: String,
    tag: usize,
}

/// The statement that adds a record of `layout`: its uuid and times, then every column, a
/// reference as the id of the record whose uuid it names; a reference to its own table is NULL
/// until `complete` sets it. Built once per table, not per record (a million partners).
fn insert_sql(layout: &TableLayout) -> String {
    let mut names: Vec<&str> = vec!["uuid", "created_at", "updated_at"];
    let mut values: Vec<String> = vec!["?1".into(), "?2".into(), "?3".into()];
    // The parameters are numbered as `write_record` gives them: none for a self-reference.
    let mut at = 3;
    for column in layout.columns {
        names.push(column.column);
        values.push(match column.kind {
            ColumnKind::Reference(target) if target == layout.table => "NULL".into(),
            ColumnKind::Reference(target) => {
                at += 1;
                format!("(SELECT id FROM {target} WHERE uuid = ?{at})")
            }
            _ => {
                at += 1;
                format!("?{at}")
            }
        });
    }
    if layout.single {
        names.push("id");
        values.push("1".into());
    }
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        layout.table,
        names.join(", "),
        values.join(", ")
    )
}

fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

/// Adds `record` with `sql` (`insert_sql` of its table), its values borrowed from it.
fn write_record(
    conn: &Connection,
    layout: &'static TableLayout,
    record: &Record,
    sql: &str,
    tag: usize,
    self_links: &mut Vec<SelfLink>,
) -> Result<()> {
    let mut params: Vec<ToSqlOutput<'_>> = vec![
        text(&record.uuid),
        text(&record.created_at),
        text(&record.updated_at),
    ];
    for (column, cell) in layout.columns.iter().zip(&record.cells) {
        match (column.kind, cell) {
            (ColumnKind::Reference(target), _) if target == layout.table => {
                if let Cell::Text(uuid) = cell {
                    self_links.push(SelfLink {
                        table: layout.table,
                        column: column.column,
                        uuid: record.uuid.clone(),
                        target: uuid.clone(),
                        tag,
                    });
                }
            }
            (_, Cell::Null) => params.push(ToSqlOutput::Owned(Value::Null)),
            (_, Cell::Integer(n)) => params.push(ToSqlOutput::Owned(Value::Integer(*n))),
            (_, Cell::Real(x)) => params.push(ToSqlOutput::Owned(Value::Real(*x))),
            (_, Cell::Text(s)) => params.push(text(s)),
        }
    }
    conn.prepare_cached(sql)?
        .execute(rusqlite::params_from_iter(params))
        .with_context(|| {
            format!(
                "{} {} breaks a rule of the workbook",
                layout.key, record.uuid
            )
        })?;
    Ok(())
}

/// Recomputes every partner's cached fit, onboarding and check-in dates and every risk's link
/// name, as the app keeps them after each edit.
fn refresh_everything(conn: &Connection) -> Result<()> {
    super::derived::refresh(conn, &super::derived::Scope::everything())?;
    conn.execute(
        &format!("UPDATE risks SET link_name = {}", super::derived::LINK_NAME),
        [],
    )?;
    Ok(())
}
