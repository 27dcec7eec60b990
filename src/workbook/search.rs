//! The roster's text filter. Each partner's searchable text (name, owner, sector, region and
//! notes, lower-cased) is held in memory, so each keystroke of a filter tests 100,000 partners in
//! a few milliseconds; SQL then reads only the visible window of the matching partners, in sort
//! order, through a function that asks this index (`partnerplan_match(id)`) or, when few partners
//! match, by their ids.
//!
//! The index is built from the file on first use (or a slice at a time while the app is idle)
//! and kept in step by the journal: every edit, undo and redo notes the partners it touched,
//! which are read again before the next filter. A filter that extends the previous one ("cob" →
//! "coba") only tests the previous matches. On a large table the roster's filter is searched on a
//! thread of its own (`asked.rs`), so a key never waits for it.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde_json::{Map, Value as Json};

mod asked;
mod floor;
mod matches;
mod reading;
mod store;

use asked::{Building, Running};
pub(crate) use matches::Matches;
use store::Store;

/// What an index searches: a table, its text columns, and the SQL function that tells whether a
/// row id matches the current filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Searched {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub function: &'static str,
}

impl Searched {
    /// The first text column, which orders rows of equal sort values (a name or a title).
    fn name(&self) -> &'static str {
        self.columns.first().copied().unwrap_or("id")
    }
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

/// The partners matching one filter.
pub(crate) type MatchIds = Arc<Matches>;

pub(crate) struct SearchIndex {
    what: Searched,
    inner: RefCell<Inner>,
    /// What the SQL function answers for: the latest filter's matches.
    current: Arc<Mutex<MatchIds>>,
}

#[derive(Default)]
struct Inner {
    /// Every row's text; `None` until first needed.
    entries: Option<Store>,
    /// Partners changed since they were read.
    stale: BTreeSet<i64>,
    /// The latest filters' results, newest last: a longer filter is searched among the matches
    /// of the longest one it contains, and erasing a letter finds its answer here.
    recent: Vec<(String, MatchIds)>,
    /// Some row's first column held a control character, which folding drops: its folded text
    /// may sort after the stored value, so no least name is told (`SearchIndex::floor`).
    names_inexact: bool,
    /// The index read a slice at a time, while `entries` is `None`.
    building: Option<Building>,
    /// The index read on a thread of its own, while `entries` is `None` (a large table's).
    reading: Option<reading::Reading>,
    /// The search running on a thread of its own, if any.
    running: Option<Running>,
    /// Whether filters are searched on a thread of their own: `None` decides by the table's
    /// size (`asked::IN_BACKGROUND_FROM`); tests set it.
    in_background: Option<bool>,
}

/// How many recent results are kept (a million partners' result takes 125 KB).
const RECENT: usize = 24;

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

/// Writes the folded text of `count` columns from `first` into `text` (cleared first); whether
/// the first column held a control character (which folding drops).
fn entry_text(
    row: &rusqlite::Row<'_>,
    first: usize,
    count: usize,
    text: &mut String,
) -> rusqlite::Result<bool> {
    let mut inexact = false;
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
                if column == first {
                    inexact = bytes.iter().any(u8::is_ascii_control)
                        || String::from_utf8_lossy(bytes).chars().any(char::is_control);
                }
                push_folded(text, &String::from_utf8_lossy(bytes))
            }
        }
    }
    Ok(inexact)
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
                let matches = current.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(matches.contains(id))
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
        self.sql_seeking(what, None)
    }

    /// `sql`, for a window in name order: when many rows match and `floor` is the least name
    /// they can have (`SearchIndex::floor`), the walk of the name index starts there rather
    /// than at the first name (a filter whose matches sort late, "meridian", walked most of a
    /// million names).
    pub(crate) fn sql_seeking(
        &self,
        what: &Searched,
        floor: Option<&str>,
    ) -> (String, String, Box<dyn ToSql>) {
        let table = what.table;
        if let (TextFilter::Many(_), Some(floor)) = (self, floor) {
            return (
                table.into(),
                format!("{} >= ?1 AND {}(id)", what.name(), what.function),
                Box::new(Value::Text(floor.to_string())),
            );
        }
        match self {
            TextFilter::All => (table.into(), "?1 IS NULL".into(), Box::new(Value::Null)),
            TextFilter::Few(ids) => (
                // CROSS JOIN keeps the id list as the outer loop: look each one up, then sort.
                format!("rarray(?1) AS matched CROSS JOIN {table} ON {table}.id = matched.value"),
                "1".into(),
                Box::new(Rc::new(
                    ids.ids()
                        .into_iter()
                        .map(Value::Integer)
                        .collect::<Vec<_>>(),
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
    /// The least name the latest filter's matches can have (folded, so it sorts at or before
    /// each of their names under NOCASE), when the search saw them all.
    pub(crate) fn floor(&self) -> Option<String> {
        if self.inner.borrow().names_inexact {
            return None;
        }
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current.floor()
    }

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

/// Past this many partners changed since the index was read (and a quarter of them all),
/// reading the whole table again is cheaper than reading each one.
const MANY_STALE: usize = 20_000;

impl Inner {
    fn bring_up_to_date(&mut self, conn: &Connection, what: Searched) -> rusqlite::Result<()> {
        self.drop_if_worn();
        while !self.build_slice(conn, what, None, None)? {}
        self.read_stale(conn, what)
    }

    /// Drops the index when so many rows changed that reading it again is cheaper.
    fn drop_if_worn(&mut self) {
        let worn = self.entries.as_ref().is_some_and(|entries| {
            entries.worn()
                || (self.stale.len() > MANY_STALE && self.stale.len() * 4 > entries.len())
        });
        if worn {
            self.entries = None;
        }
    }

    /// Reads the rows changed since they were read.
    fn read_stale(&mut self, conn: &Connection, what: Searched) -> rusqlite::Result<()> {
        let Some(entries) = &mut self.entries else {
            return Ok(());
        };
        if self.stale.is_empty() {
            return Ok(());
        }
        let (table, columns, count) = (what.table, what.columns.join(", "), what.columns.len());
        let mut text = String::new();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {columns} FROM {table} WHERE id = ?1"))?;
        for id in std::mem::take(&mut self.stale) {
            let found = stmt
                .query_row([id], |row| entry_text(row, 0, count, &mut text))
                .optional()?;
            self.names_inexact |= found == Some(true);
            entries.set(id, found.map(|_| text.as_str()));
        }
        // Kept results stay, brought up to date (an edit would otherwise cost the filter shown
        // a whole search when the roster is read again).
        self.recent = std::mem::take(&mut self.recent)
            .into_iter()
            .filter_map(|(needle, matches)| {
                let matches = entries.refreshed(&needle, &matches)?;
                Some((needle, Arc::new(matches)))
            })
            .collect();
        Ok(())
    }

    fn search(&mut self, needle: &str) -> MatchIds {
        if let Some(matches) = self.kept(needle) {
            return matches;
        }
        let within = self.within(needle);
        let empty = Store::default();
        let entries = self.entries.as_ref().unwrap_or(&empty);
        let matches = Arc::new(entries.search(needle, within.as_deref()));
        self.remember(needle, Arc::clone(&matches));
        matches
    }

    /// A kept result of `needle`, made the most recent.
    fn kept(&mut self, needle: &str) -> Option<MatchIds> {
        let at = self.recent.iter().position(|(n, _)| n == needle)?;
        let found = self.recent.remove(at);
        let matches = Arc::clone(&found.1);
        self.recent.push(found);
        Some(matches)
    }

    /// The kept result of the longest earlier filter that `needle` contains: a longer filter
    /// containing an earlier one can only match a subset of its matches.
    fn within(&self, needle: &str) -> Option<MatchIds> {
        self.recent
            .iter()
            .filter(|(earlier, _)| needle.contains(earlier.as_str()))
            .max_by_key(|(earlier, _)| earlier.len())
            .map(|(_, matches)| Arc::clone(matches))
    }

    fn remember(&mut self, needle: &str, matches: MatchIds) {
        if self.recent.len() >= RECENT {
            self.recent.remove(0);
        }
        self.recent.push((needle.to_string(), matches));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn index_of(rows: &[(i64, &str, &str)]) -> (Connection, SearchIndex) {
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

    /// Runs `sql` on the file and notes the partners it touched, as the journal would.
    pub(super) fn edit(conn: &Connection, index: &SearchIndex, sql: &str, ids: &[i64]) {
        conn.execute_batch(sql).unwrap();
        for &id in ids {
            index.note("partners", Some(&image(id)));
        }
    }

    pub(super) fn image(id: i64) -> Map<String, Json> {
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
        assert_eq!(index.matches(&conn, "cobalt").unwrap().ids(), vec![1]);
        assert_eq!(index.matches(&conn, "zürich").unwrap().ids(), vec![1]);
        assert_eq!(index.matches(&conn, "dana").unwrap().ids(), vec![1, 2]);
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
            assert_eq!(
                index.matches(&conn, filter).unwrap().ids(),
                expected,
                "{filter}"
            );
        }
    }

    #[test]
    fn noted_changes_are_read_again_before_the_next_filter() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (3, "Helix", "")]);
        assert_eq!(index.matches(&conn, "cob").unwrap().ids(), vec![1]);
        edit(
            &conn,
            &index,
            "UPDATE partners SET name = 'Helix Two' WHERE id = 1; DELETE FROM partners WHERE id = 3;
             INSERT INTO partners (id, name) VALUES (2, 'Cobra')",
            &[1, 2, 3],
        );
        index.note("checkins", Some(&image(2)));
        assert_eq!(index.matches(&conn, "cob").unwrap().ids(), vec![2]);
        assert_eq!(index.matches(&conn, "helix").unwrap().ids(), vec![1]);
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
