//! The roster's text filter. Each partner's searchable text (name, owner, sector, region and
//! notes, lower-cased) is held in memory, so each keystroke of a filter tests 100,000 partners in
//! a few milliseconds; SQL then reads only the visible window of the matching partners, in sort
//! order, through a function that asks this index (`partnerplan_match(id)`) or, when few partners
//! match, by their ids.
//!
//! The index is built from the file on first use and kept in step by the journal: every edit,
//! undo and redo notes the partners it touched, which are read again before the next filter.
//! A filter that extends the previous one ("cob" → "coba") only tests the previous matches.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use memchr::memmem::Finder;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde_json::{Map, Value as Json};

/// What an index searches: a table, its text columns, and the SQL function that tells whether a
/// row id matches the current filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Searched {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub function: &'static str,
}

/// The risk register's filter: code, title, cause, event, consequence, category, owner, note.
pub(crate) const RISKS: Searched = Searched {
    table: "risks",
    columns: &[
        "code",
        "title",
        "cause",
        "event",
        "consequence",
        "category",
        "owner",
        "note",
    ],
    function: "partnerplan_risk_match",
};

/// The roster's filter: name, owner, sector, region and notes.
pub(crate) const PARTNERS: Searched = Searched {
    table: "partners",
    columns: &["name", "owner", "sector", "region", "notes"],
    function: "partnerplan_match",
};

/// Separates the fields inside one partner's text, so a filter never matches across two fields.
const FIELD_SEPARATOR: char = '\u{1}';

/// The partner ids matching one filter, ascending.
pub(crate) type MatchIds = Arc<Vec<i64>>;

pub(crate) struct SearchIndex {
    what: Searched,
    inner: RefCell<Inner>,
    /// The ids the SQL function answers for: those of the latest filter, ascending.
    current: Arc<Mutex<Arc<Vec<i64>>>>,
}

#[derive(Default)]
struct Inner {
    /// Every row's text; `None` until first needed.
    entries: Option<Packed>,
    /// Partners changed since they were read.
    stale: BTreeSet<i64>,
    last: Option<Matched>,
}

/// How many bytes of text one block of the store holds. Blocks are allocated at their full
/// size and never grow, so building the index never copies it to a larger allocation (a
/// growing single buffer would hold twice the text at its peak).
const BLOCK: usize = 1 << 20;

/// Every row's folded text packed into large blocks, with the row ids and where each text
/// sits beside them: 20 bytes a row besides the text itself (its id and its span), where an
/// id beside a separate allocation per row cost about 40.
#[derive(Default)]
struct Packed {
    /// Ascending.
    ids: Vec<i64>,
    /// Where the text of `ids[i]` is.
    spans: Vec<Span>,
    blocks: Vec<Vec<u8>>,
    /// Bytes in `blocks` that no row points at any more (left by edits).
    garbage: usize,
}

#[derive(Clone, Copy)]
struct Span {
    block: u32,
    start: u32,
    len: u32,
}

impl Packed {
    fn len(&self) -> usize {
        self.ids.len()
    }

    fn text(&self, at: usize) -> &[u8] {
        let Some(span) = self.spans.get(at) else {
            return &[];
        };
        let start = span.start as usize;
        self.blocks
            .get(span.block as usize)
            .and_then(|block| block.get(start..start + span.len as usize))
            .unwrap_or_default()
    }

    fn total(&self) -> usize {
        self.blocks.iter().map(Vec::len).sum()
    }

    /// Stores `text` after everything stored so far and says where.
    fn store(&mut self, text: &str) -> Span {
        let bytes = text.as_bytes();
        let fits = |block: &Vec<u8>| block.capacity() - block.len() >= bytes.len();
        if !self.blocks.last().is_some_and(fits) {
            self.blocks.push(Vec::with_capacity(BLOCK.max(bytes.len())));
        }
        let block = self.blocks.len() - 1;
        let target = &mut self.blocks[block];
        let start = target.len();
        target.extend_from_slice(bytes);
        // A block holds at most max(BLOCK, one row's text), and a row's text is one SQLite
        // value (at most 1 GB by default), so both fit in 32 bits.
        Span {
            block: block as u32,
            start: start as u32,
            len: bytes.len() as u32,
        }
    }

    fn push(&mut self, id: i64, text: &str) {
        let span = self.store(text);
        self.ids.push(id);
        self.spans.push(span);
    }

    /// Replaces, adds or removes (`None`) the text of row `id`.
    fn set(&mut self, id: i64, text: Option<&str>) {
        let found = self.ids.binary_search(&id);
        if let Ok(at) = found {
            self.garbage += self.spans[at].len as usize;
        }
        match (found, text) {
            (Ok(at), Some(text)) => self.spans[at] = self.store(text),
            (Ok(at), None) => {
                self.ids.remove(at);
                self.spans.remove(at);
            }
            (Err(at), Some(text)) => {
                let span = self.store(text);
                self.ids.insert(at, id);
                self.spans.insert(at, span);
            }
            (Err(_), None) => {}
        }
        // Edits leave the old text behind; once it is half the store, copy the live text
        // into fresh blocks.
        if self.garbage > BLOCK && self.garbage * 2 > self.total() {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let old = std::mem::take(&mut self.blocks);
        self.garbage = 0;
        for at in 0..self.spans.len() {
            let span = self.spans[at];
            let start = span.start as usize;
            let text = old
                .get(span.block as usize)
                .and_then(|block| block.get(start..start + span.len as usize))
                .unwrap_or_default();
            // Stored text was a whole `str`, so this cannot fail; an empty text if it did.
            self.spans[at] = self.store(std::str::from_utf8(text).unwrap_or_default());
        }
    }
}

/// The latest filter's result, kept to narrow the next keystroke's search.
struct Matched {
    needle: String,
    /// Positions in `entries` of the matching partners.
    positions: Vec<usize>,
    ids: MatchIds,
}

/// The text a filter is matched against, or that a filter is turned into: lower-case, without
/// control characters.
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_folded(&mut out, text);
    out
}

fn push_folded(out: &mut String, text: &str) {
    // Most text is plain ASCII, folded byte by byte: building the risks' index folds 800,000
    // fields, and the general path costs several times more.
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_control()) {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(
            text.chars()
                .filter(|c| !c.is_control())
                .flat_map(char::to_lowercase),
        );
    }
}

/// Writes the folded text of `count` columns from `first` into `text` (cleared first).
fn entry_text(
    row: &rusqlite::Row<'_>,
    first: usize,
    count: usize,
    text: &mut String,
) -> rusqlite::Result<()> {
    text.clear();
    for column in first..first + count {
        if column > first {
            text.push(FIELD_SEPARATOR);
        }
        // Read in place, without copying each field out of SQLite first.
        match row.get_ref(column)? {
            ValueRef::Null => {}
            ValueRef::Integer(n) => text.push_str(&n.to_string()),
            ValueRef::Real(x) => text.push_str(&x.to_string()),
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                push_folded(text, &String::from_utf8_lossy(bytes))
            }
        }
    }
    Ok(())
}

impl SearchIndex {
    pub(crate) fn new(what: Searched) -> SearchIndex {
        SearchIndex {
            what,
            inner: RefCell::default(),
            current: Arc::default(),
        }
    }

    /// Registers the match function on `conn`; it reads the ids of the latest filter.
    pub(crate) fn register(&self, conn: &Connection) -> rusqlite::Result<()> {
        let current = Arc::clone(&self.current);
        conn.create_scalar_function(
            self.what.function,
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY,
            move |ctx| {
                let id: i64 = ctx.get(0)?;
                let ids = current.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(ids.binary_search(&id).is_ok())
            },
        )
    }

    /// Notes a changed row (its before or after image) of `table`, so the partner is read again.
    pub(crate) fn note(&self, table: &str, image: Option<&Map<String, Json>>) {
        if table != self.what.table {
            return;
        }
        if let Some(id) = image.and_then(|i| i.get("id")).and_then(Json::as_i64) {
            self.inner.borrow_mut().stale.insert(id);
        }
    }

    /// Builds the index now if it is not built yet (the app calls this when idle, so the first
    /// filter keystroke does not pay for reading every partner).
    pub(crate) fn warm(&self, conn: &Connection) -> rusqlite::Result<()> {
        let mut inner = self.inner.borrow_mut();
        inner.bring_up_to_date(conn, self.what)
    }

    /// The ids of the rows whose text contains `filter` (case-insensitive), ascending; they
    /// are also what the SQL match function answers for until the next call.
    pub(crate) fn matches(&self, conn: &Connection, filter: &str) -> rusqlite::Result<MatchIds> {
        let mut inner = self.inner.borrow_mut();
        inner.bring_up_to_date(conn, self.what)?;
        let ids = inner.search(&folded(filter.trim()));
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if !Arc::ptr_eq(&current, &ids) {
            *current = Arc::clone(&ids);
        }
        Ok(ids)
    }
}

/// Below this many matches a window reads the matching rows by id and sorts them; above it, it
/// walks the sort index and asks the search index about each row until the window is full.
const FEW_MATCHES: usize = 2_000;

/// How a text filter narrows a query, decided by how many rows match it.
pub(crate) enum TextFilter {
    /// No filter: every row.
    All,
    /// The rows whose ids are listed (possibly none).
    Few(MatchIds),
    /// Many rows: the search index answers for each one through its SQL function.
    Many(usize),
}

impl TextFilter {
    /// The FROM clause, its WHERE condition, and the value bound as `?1` (the ids when few).
    pub(crate) fn sql(&self, what: &Searched) -> (String, String, Box<dyn ToSql>) {
        let table = what.table;
        match self {
            TextFilter::All => (table.into(), "?1 IS NULL".into(), Box::new(Value::Null)),
            TextFilter::Few(ids) => (
                // CROSS JOIN keeps the id list as the outer loop: look each one up, then sort.
                format!("rarray(?1) AS matched CROSS JOIN {table} ON {table}.id = matched.value"),
                "1".into(),
                Box::new(Rc::new(
                    ids.iter().map(|&id| Value::Integer(id)).collect::<Vec<_>>(),
                )),
            ),
            TextFilter::Many(_) => (
                table.into(),
                format!("?1 IS NULL AND {}(id)", what.function),
                Box::new(Value::Null),
            ),
        }
    }

    /// Whether nothing can match.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, TextFilter::Few(ids) if ids.is_empty())
    }
}

/// How many rows of `what` pass the text filter and the facet conditions (`facet_sql`, values
/// bound from `?2`).
pub(crate) fn count_matching(
    conn: &Connection,
    text: &TextFilter,
    what: &Searched,
    facet_sql: &str,
    facet_values: Vec<Value>,
) -> rusqlite::Result<i64> {
    let (from, filter_sql, matched) = text.sql(what);
    let sql = format!("SELECT count(*) FROM {from} WHERE {filter_sql}{facet_sql}");
    let mut params = vec![matched];
    params.extend(
        facet_values
            .into_iter()
            .map(|v| Box::new(v) as Box<dyn ToSql>),
    );
    conn.prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(params), |row| row.get(0))
}

impl SearchIndex {
    /// How `filter` narrows a query: every row, the few that match, or many.
    pub(crate) fn plan(&self, conn: &Connection, filter: &str) -> rusqlite::Result<TextFilter> {
        if filter.trim().is_empty() {
            return Ok(TextFilter::All);
        }
        let ids = self.matches(conn, filter)?;
        Ok(if ids.len() <= FEW_MATCHES {
            TextFilter::Few(ids)
        } else {
            TextFilter::Many(ids.len())
        })
    }
}

impl Inner {
    fn bring_up_to_date(&mut self, conn: &Connection, what: Searched) -> rusqlite::Result<()> {
        let (table, columns, count) = (what.table, what.columns.join(", "), what.columns.len());
        let mut text = String::new();
        let Some(entries) = &mut self.entries else {
            let mut stmt =
                conn.prepare(&format!("SELECT id, {columns} FROM {table} ORDER BY id"))?;
            let mut packed = Packed::default();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                entry_text(row, 1, count, &mut text)?;
                packed.push(row.get(0)?, &text);
            }
            packed.ids.shrink_to_fit();
            packed.spans.shrink_to_fit();
            self.entries = Some(packed);
            self.stale.clear();
            self.last = None;
            return Ok(());
        };
        if self.stale.is_empty() {
            return Ok(());
        }
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {columns} FROM {table} WHERE id = ?1"))?;
        for id in std::mem::take(&mut self.stale) {
            let found = stmt
                .query_row([id], |row| entry_text(row, 0, count, &mut text))
                .optional()?;
            entries.set(id, found.map(|()| text.as_str()));
        }
        self.last = None;
        Ok(())
    }

    fn search(&mut self, needle: &str) -> MatchIds {
        let empty = Packed::default();
        let entries = self.entries.as_ref().unwrap_or(&empty);
        if let Some(last) = &self.last
            && last.needle == needle
        {
            return Arc::clone(&last.ids);
        }
        let finder = Finder::new(needle.as_bytes());
        let test = |&at: &usize| finder.find(entries.text(at)).is_some();
        // A longer filter containing the previous one can only match a subset of its matches.
        let positions: Vec<usize> = match &self.last {
            Some(last) if needle.contains(last.needle.as_str()) => {
                last.positions.iter().copied().filter(test).collect()
            }
            _ => (0..entries.len()).filter(test).collect(),
        };
        let ids: MatchIds = Arc::new(positions.iter().map(|&at| entries.ids[at]).collect());
        self.last = Some(Matched {
            needle: needle.to_string(),
            positions,
            ids: Arc::clone(&ids),
        });
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index_of(rows: &[(i64, &str, &str)]) -> (Connection, SearchIndex) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE partners (id INTEGER PRIMARY KEY, name TEXT, owner TEXT, sector TEXT, \
             region TEXT, notes TEXT)",
        )
        .unwrap();
        for (id, name, notes) in rows {
            conn.execute(
                "INSERT INTO partners (id, name, owner, notes) VALUES (?1, ?2, 'Dana', ?3)",
                rusqlite::params![id, name, notes],
            )
            .unwrap();
        }
        let index = SearchIndex::new(PARTNERS);
        index.register(&conn).unwrap();
        (conn, index)
    }

    fn image(id: i64) -> Map<String, Json> {
        let mut map = Map::new();
        map.insert("id".into(), Json::from(id));
        map
    }

    #[test]
    fn matches_any_field_case_insensitively_but_not_across_fields() {
        let (conn, index) = index_of(&[
            (1, "Cobalt Labs", "ZÜRICH office"),
            (2, "Helix", "reseller"),
        ]);
        assert_eq!(*index.matches(&conn, "cobalt").unwrap(), vec![1]);
        assert_eq!(*index.matches(&conn, "zürich").unwrap(), vec![1]);
        assert_eq!(*index.matches(&conn, "dana").unwrap(), vec![1, 2]);
        // "labs" ends the name and "dana" starts the owner: no match across the two fields.
        assert!(index.matches(&conn, "labsdana").unwrap().is_empty());
        assert!(index.matches(&conn, "nothing").unwrap().is_empty());
    }

    #[test]
    fn narrowing_and_widening_give_the_same_answers_as_a_fresh_search() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (2, "Cobra", ""), (3, "Helix", "")]);
        for (filter, expected) in [
            ("c", vec![1, 2]),
            ("co", vec![1, 2]),
            ("cob", vec![1, 2]),
            ("coba", vec![1]),
            ("cob", vec![1, 2]),
            ("x", vec![3]),
            ("", vec![1, 2, 3]),
        ] {
            assert_eq!(*index.matches(&conn, filter).unwrap(), expected, "{filter}");
        }
    }

    #[test]
    fn noted_changes_are_read_again_before_the_next_filter() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (3, "Helix", "")]);
        assert_eq!(*index.matches(&conn, "cob").unwrap(), vec![1]);
        conn.execute_batch(
            "UPDATE partners SET name = 'Helix Two' WHERE id = 1; DELETE FROM partners WHERE id = 3;
             INSERT INTO partners (id, name) VALUES (2, 'Cobra')",
        )
        .unwrap();
        for id in [1, 2, 3] {
            index.note("partners", Some(&image(id)));
        }
        index.note("checkins", Some(&image(2)));
        assert_eq!(*index.matches(&conn, "cob").unwrap(), vec![2]);
        assert_eq!(*index.matches(&conn, "helix").unwrap(), vec![1]);
    }

    #[test]
    fn the_packed_store_keeps_every_text_through_edits_and_compaction() {
        let mut packed = Packed::default();
        let long = "x".repeat(BLOCK + 10);
        for id in 0..100 {
            packed.push(id * 2, &format!("row {id}"));
        }
        // A text longer than a block gets a block of its own.
        packed.set(1, Some(&long));
        assert_eq!(packed.text(1), long.as_bytes());
        // Rewrite every row many times: the old text is garbage, compacted away.
        for round in 0..300 {
            for id in 0..100 {
                packed.set(
                    id * 2,
                    Some(&format!("row {id} round {round} {}", "y".repeat(100))),
                );
            }
        }
        assert!(
            packed.total() < 4 * BLOCK,
            "compacted: {} bytes",
            packed.total()
        );
        packed.set(4, None);
        packed.set(5, None);
        assert_eq!(packed.len(), 100);
        for at in 0..packed.len() {
            let id = packed.ids[at];
            let text = std::str::from_utf8(packed.text(at)).unwrap();
            if id == 1 {
                assert_eq!(text, long);
            } else {
                assert!(
                    text.starts_with(&format!("row {} round 299 ", id / 2)),
                    "{id}: {text}"
                );
            }
        }
        assert!(packed.ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_sql_function_answers_for_the_latest_filter() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (2, "Helix", "")]);
        index.matches(&conn, "helix").unwrap();
        let found: Vec<i64> = conn
            .prepare(&format!(
                "SELECT id FROM partners WHERE {}(id) ORDER BY id",
                PARTNERS.function
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(found, vec![2]);
    }
}
