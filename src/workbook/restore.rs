//! Writing a whole plan read from text into the workbook, in one transaction: either replacing an
//! untouched workbook's content, or merging records into it matched by UUID.

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{Connection, TransactionBehavior};

use super::Workbook;
use super::dump::{Cell, Record, TableRecords};
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
        self.refuse_write()?;
        if !self.is_untouched()? {
            bail!(
                "{} already holds a plan; import into a new workbook, or merge a copy that came \
                 back with `partnerplan merge`.",
                self.file_name()
            );
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for layout in TABLES.iter().rev() {
            tx.execute(&format!("DELETE FROM {}", layout.table), [])?;
        }
        let mut report = RestoreReport::default();
        let mut self_links: Vec<SelfLink> = Vec::new();
        for given in tables {
            let layout = given.layout;
            let how = if layout.single {
                Write::InsertSingle
            } else {
                Write::Insert
            };
            for record in &given.records {
                write_record(&tx, layout, record, how, &mut self_links)?;
            }
            report.tables.push(RestoredTable {
                key: layout.key,
                added: given.records.len(),
                ..Default::default()
            });
        }
        for link in &self_links {
            tx.execute(
                &format!(
                    "UPDATE {t} SET {c} = (SELECT id FROM {t} WHERE uuid = ?1) WHERE uuid = ?2",
                    t = link.table,
                    c = link.column
                ),
                [&link.target, &link.uuid],
            )?;
        }
        refresh_everything(&tx)?;
        tx.execute("DELETE FROM change_journal", [])?;
        tx.commit()
            .context("the imported records do not fit together (a reference is broken)")?;
        self.reset_search()?;
        Ok(report)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Insert,
    /// The one record of a single table, which always has id 1.
    InsertSingle,
}

/// A reference to a record of the same table, set once every record of it exists.
struct SelfLink {
    table: &'static str,
    column: &'static str,
    uuid: String,
    target: String,
}

fn write_record(
    conn: &Connection,
    layout: &'static TableLayout,
    record: &Record,
    how: Write,
    self_links: &mut Vec<SelfLink>,
) -> Result<()> {
    let mut names: Vec<&str> = vec!["uuid", "created_at", "updated_at"];
    let mut values: Vec<String> = vec!["?1".into(), "?2".into(), "?3".into()];
    let mut params: Vec<Value> = vec![
        Value::Text(record.uuid.clone()),
        Value::Text(record.created_at.clone()),
        Value::Text(record.updated_at.clone()),
    ];
    for (column, cell) in layout.columns.iter().zip(&record.cells) {
        names.push(column.column);
        let at = params.len() + 1;
        match column.kind {
            ColumnKind::Reference(target) if target == layout.table => {
                if let Cell::Text(uuid) = cell {
                    self_links.push(SelfLink {
                        table: layout.table,
                        column: column.column,
                        uuid: record.uuid.clone(),
                        target: uuid.clone(),
                    });
                }
                values.push("NULL".into());
                continue;
            }
            ColumnKind::Reference(target) => {
                values.push(format!("(SELECT id FROM {target} WHERE uuid = ?{at})"))
            }
            _ => values.push(format!("?{at}")),
        }
        params.push(cell_value(cell));
    }
    if how == Write::InsertSingle {
        names.push("id");
        values.push("1".into());
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        layout.table,
        names.join(", "),
        values.join(", ")
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))
        .with_context(|| {
            format!(
                "{} {} breaks a rule of the workbook",
                layout.key, record.uuid
            )
        })?;
    Ok(())
}

fn cell_value(cell: &Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Integer(n) => Value::Integer(*n),
        Cell::Real(x) => Value::Real(*x),
        Cell::Text(s) => Value::Text(s.clone()),
    }
}

/// Recomputes every partner's cached fit, onboarding and check-in dates and every risk's link
/// name, as the app keeps them after each edit.
fn refresh_everything(conn: &Connection) -> Result<()> {
    let mut scope = super::derived::Scope::default();
    // A criteria change is what makes every partner's derived data stale.
    scope.note("selection_criteria", Some(&serde_json::Map::new()));
    super::derived::refresh(conn, &scope)?;
    conn.execute(
        &format!("UPDATE risks SET link_name = {}", super::derived::LINK_NAME),
        [],
    )?;
    Ok(())
}
