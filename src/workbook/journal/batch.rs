//! Batches: edits of many rows, such as a CSV import. A batch works with a larger page cache,
//! may build the partner indexes afresh instead of updating them row by row, and records each
//! row it added with neither image: the row as it stands is its after image. Undo is a stack, so
//! when that edit is undone every later edit has been undone first and the rows are as the batch
//! left them; undo then reads their images into the journal before it removes them, and redo has
//! what it needs. The import pays for no image, and the file holds none until someone undoes it.

use anyhow::{Context, Result};
use rusqlite::{Connection, params};

use super::{ForeignKeys, RowImage};

/// An edit of this many rows (an import) is a batch: it works with a larger page cache.
pub(crate) const BATCH_ROWS: i64 = 5_000;

/// Pages a batch may keep in memory (negative: KiB): 24 MiB, inside the 64 MB the app may use.
const BATCH_CACHE: i64 = -8 * 1024;

/// Raises the connection's page cache for a batch; returns what `end_batch` puts back.
pub(crate) fn batch_cache(conn: &Connection) -> rusqlite::Result<i64> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", BATCH_CACHE)?;
    Ok(cache)
}

/// Puts back the cache size `batch_cache` changed.
pub(crate) fn end_batch(conn: &Connection, cache: i64) -> rusqlite::Result<()> {
    conn.pragma_update(None, "cache_size", cache)
}

/// Drops the partner indexes (all but the uuid's, which keeps uuids unique) for the rest of a
/// batch, and returns their SQL for `build_indexes`. Adding or removing many rows in the order an
/// import met them touches every index at a scattered place per row; building an index afresh
/// sorts its entries once. The drop belongs to the batch's transaction, so a batch that fails
/// gets the indexes back with its rollback.
pub(crate) fn set_partner_indexes_aside(conn: &Connection) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema \
             WHERE type = 'index' AND tbl_name = 'partners' AND sql IS NOT NULL ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut set_aside = Vec::with_capacity(indexes.len());
    for (name, sql) in indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        set_aside.push(sql);
    }
    Ok(set_aside)
}

/// Builds the indexes `set_partner_indexes_aside` dropped.
pub(crate) fn build_indexes(conn: &Connection, set_aside: &[String]) -> Result<()> {
    for sql in set_aside {
        conn.execute_batch(sql)
            .context("building the partner indexes again")?;
    }
    Ok(())
}

/// Where the partners that entry `entry` added begin, when they are a batch's many rows and come
/// after all its other rows (an import's entry: the partners it updated, then those it added).
/// Those rows need no derived data brought up to date and no links followed, one by one: undo
/// runs when every later edit has been undone, so nothing refers to them yet, and redo runs when
/// nothing has been edited since the undo, so their images, derived columns included, are as
/// they were.
pub(super) fn added_partners_tail(conn: &Connection, entry: i64) -> Result<Option<i64>> {
    let (first, added): (Option<i64>, i64) = conn.query_row(
        "SELECT min(position), count(*) FROM change_journal_rows \
         WHERE entry_id = ?1 AND table_name = 'partners' AND before_json IS NULL",
        [entry],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let others: Option<i64> = conn.query_row(
        "SELECT max(position) FROM change_journal_rows \
         WHERE entry_id = ?1 AND NOT (table_name = 'partners' AND before_json IS NULL)",
        [entry],
        |r| r.get(0),
    )?;
    Ok(first.filter(|first| added >= BATCH_ROWS && others.is_none_or(|last| last < *first)))
}

/// Redo of the added partners from position `tail` on: each row back from its image, in one
/// statement, in the order they were added.
pub(super) fn add_partners_back(
    conn: &Connection,
    keys: &ForeignKeys,
    entry: i64,
    tail: i64,
) -> Result<()> {
    let first: String = conn.query_row(
        "SELECT after_json FROM change_journal_rows WHERE entry_id = ?1 AND position = ?2",
        [entry, tail],
        |r| r.get(0),
    )?;
    let image: RowImage =
        serde_json::from_str(&first).context("reading the change journal for partners")?;
    keys.check_columns("partners", image.keys())?;
    let columns: Vec<String> = image.keys().map(|c| format!("\"{c}\"")).collect();
    let values: Vec<String> = image
        .keys()
        .map(|c| format!("json_extract(after_json, '$.\"{c}\"')"))
        .collect();
    conn.execute(
        &format!(
            "INSERT INTO partners ({}) SELECT {} FROM change_journal_rows \
             WHERE entry_id = ?1 AND position >= ?2 ORDER BY position",
            columns.join(", "),
            values.join(", ")
        ),
        [entry, tail],
    )?;
    conn.execute(
        "DELETE FROM tombstones WHERE uuid IN (SELECT row_uuid FROM change_journal_rows \
         WHERE entry_id = ?1 AND position >= ?2)",
        [entry, tail],
    )?;
    Ok(())
}

/// Stores the image of every row journal entry `entry` added without one (see the module
/// comment), read from the row as it stands, so that redo can add it again.
pub(super) fn keep_added_images(conn: &Connection, keys: &ForeignKeys, entry: i64) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT table_name FROM change_journal_rows \
             WHERE entry_id = ?1 AND before_json IS NULL AND after_json IS NULL",
        )?
        .query_map([entry], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        keys.check_columns(&table, std::iter::empty())?;
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([&table], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let sql = format!(
            "UPDATE change_journal_rows SET after_json = \
             (SELECT {} FROM \"{table}\" AS t WHERE t.uuid = change_journal_rows.row_uuid) \
             WHERE entry_id = ?1 AND table_name = ?2 AND before_json IS NULL AND after_json IS NULL",
            image_expr(&columns, "t.")
        );
        with_wide_functions(conn, || Ok(conn.execute(&sql, params![entry, table])?))
            .with_context(|| format!("keeping the added {table} for redo"))?;
    }
    Ok(())
}

/// Runs `work` with room for a function of 64 arguments. The hardened connection allows 16; a
/// row image names every column and its value. Only our own statements run meanwhile, and the
/// limit is back before anything else does.
pub(crate) fn with_wide_functions<T>(
    conn: &Connection,
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let limit = rusqlite::limits::Limit::SQLITE_LIMIT_FUNCTION_ARG;
    let before = conn.set_limit(limit, 64)?;
    let result = work();
    conn.set_limit(limit, before)?;
    result
}

/// A row image of `columns` (each read as `{prefix}column`) as a JSON object, built inside SQLite
/// in one call (see `with_wide_functions`).
pub(crate) fn image_expr(columns: &[String], prefix: &str) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {prefix}\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}
