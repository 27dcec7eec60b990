//! Reading every record of the plan in the exchange layout: references as UUIDs, rows in a stable
//! order (creation time, then UUID), derived columns left out.

use anyhow::Result;
use rusqlite::types::ValueRef;

use super::Workbook;
use super::layout::{ColumnKind, ColumnLayout, TABLES, TableLayout};

/// One value of a record, as the exchange formats carry it. Booleans are integers 0 / 1 and
/// references are the UUID of the record referred to, as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

/// One record: its identity, its cells (in the order of its table's `columns`) and timestamps.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub uuid: String,
    pub cells: Vec<Cell>,
    pub created_at: String,
    pub updated_at: String,
}

/// The order in which `each_record` visits a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the plan was written: creation time, then id (the exchange order).
    Created,
    /// By UUID, to walk two or three copies of a plan side by side.
    Uuid,
}

/// The records of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRecords {
    pub layout: &'static TableLayout,
    pub records: Vec<Record>,
}

/// The expression that reads `column` of `alias` as the exchange layout wants it.
pub(crate) fn column_expr(column: &ColumnLayout, alias: &str) -> String {
    match column.kind {
        ColumnKind::Reference(target) => format!(
            "(SELECT uuid FROM {target} WHERE id = {alias}.{})",
            column.column
        ),
        _ => format!("{alias}.{}", column.column),
    }
}

impl Workbook {
    /// Every record of the plan, table by table in `TABLES` order (empty tables included).
    pub fn dump(&self) -> Result<Vec<TableRecords>> {
        TABLES
            .iter()
            .map(|layout| {
                Ok(TableRecords {
                    layout,
                    records: self.dump_table(layout)?,
                })
            })
            .collect()
    }

    fn dump_table(&self, layout: &TableLayout) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        self.each_record(layout, Order::Created, |record| {
            records.push(record);
            Ok(())
        })?;
        Ok(records)
    }

    /// Calls `visit` with every record of `layout`'s table in `order`, one at a time, so a
    /// comparison of two large plans never holds a whole table in memory.
    pub fn each_record(
        &self,
        layout: &TableLayout,
        order: Order,
        visit: impl FnMut(Record) -> Result<()>,
    ) -> Result<()> {
        each_record_on(&self.conn, layout, order, visit)
    }

    /// Whether the workbook is as `new` made it: nothing edited (an empty journal) and no records
    /// beyond its own meta, strategy, default criteria, checklist and example trends. Only such a workbook may be
    /// replaced by an import.
    pub fn is_untouched(&self) -> Result<bool> {
        let seeded = [
            "workbook_meta",
            "strategy",
            "selection_criteria",
            "onboarding_items",
            "trends",
            "trend_actions",
            "type_programmes",
            "criterion_type_weights",
            "onboarding_item_types",
        ];
        let mut tables: Vec<&str> = TABLES
            .iter()
            .map(|t| t.table)
            .filter(|t| !seeded.contains(t))
            .collect();
        tables.push("change_journal");
        for table in tables {
            let any: bool = self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table})"),
                [],
                |r| r.get(0),
            )?;
            if any {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A stored value as a cell of `kind`. A hand-edited file may hold a value of another type than
/// the column's; it is carried as it is stored (text stays text), so nothing is lost silently.
fn cell(kind: ColumnKind, value: ValueRef<'_>) -> Cell {
    match (kind, value) {
        (_, ValueRef::Null) => Cell::Null,
        (ColumnKind::Text | ColumnKind::Reference(_), ValueRef::Integer(n)) => {
            Cell::Text(n.to_string())
        }
        (ColumnKind::Text | ColumnKind::Reference(_), ValueRef::Real(x)) => {
            Cell::Text(x.to_string())
        }
        (ColumnKind::Real, ValueRef::Integer(n)) => Cell::Real(n as f64),
        (_, ValueRef::Integer(n)) => Cell::Integer(n),
        (_, ValueRef::Real(x)) => Cell::Real(x),
        (_, ValueRef::Text(bytes) | ValueRef::Blob(bytes)) => {
            Cell::Text(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

/// The query that reads every record of `layout`'s table in `order` (see `read_record`).
pub(crate) fn records_sql(layout: &TableLayout, order: Order) -> String {
    let columns: Vec<String> = layout.columns.iter().map(|c| column_expr(c, "t")).collect();
    let order = match order {
        Order::Created => "t.created_at, t.id",
        Order::Uuid => "t.uuid",
    };
    // Table and column names come from the layout, never from the file.
    format!(
        "SELECT t.uuid, t.created_at, t.updated_at, {} FROM {} t ORDER BY {order}",
        columns.join(", "),
        layout.table
    )
}

/// A row of `records_sql` as a record.
pub(crate) fn read_record(layout: &TableLayout, row: &rusqlite::Row<'_>) -> Result<Record> {
    let mut cells = Vec::with_capacity(layout.columns.len());
    for (index, column) in layout.columns.iter().enumerate() {
        cells.push(cell(column.kind, row.get_ref(index + 3)?));
    }
    Ok(Record {
        uuid: super::text(row.get(0)?),
        created_at: super::text(row.get(1)?),
        updated_at: super::text(row.get(2)?),
        cells,
    })
}

/// Visits every record of `layout`'s table through `conn`, in `order`.
pub(crate) fn each_record_on(
    conn: &rusqlite::Connection,
    layout: &TableLayout,
    order: Order,
    mut visit: impl FnMut(Record) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&records_sql(layout, order))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        visit(read_record(layout, row)?)?;
    }
    Ok(())
}
