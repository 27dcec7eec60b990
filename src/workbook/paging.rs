//! Keyset paging: a list reads only the window it shows, starting from a row's sort key, never
//! with OFFSET over the whole table.

use rusqlite::ToSql;
use rusqlite::types::Value;

/// Where a window of rows starts, relative to a row's key in the current sort order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page<K> {
    First,
    Last,
    /// Rows after this key, in display order.
    After(K),
    /// Rows before this key (returned in display order).
    Before(K),
    /// The row with this key (or the next one) and those after it.
    From(K),
}

/// A row that knows its place in the sort order.
pub trait Keyed {
    type Key: Clone + PartialEq + std::fmt::Debug;
    fn key(&self) -> Self::Key;
}

/// A row's position in the sort order, so the next window starts right after it (keyset paging).
#[derive(Debug, Clone, PartialEq)]
pub struct PageKey {
    /// The sort column's value: text for names and words, a number for scores.
    pub(crate) primary: Value,
    /// The text that orders rows with equal sort values (a name or title).
    pub(crate) name: String,
    pub(crate) id: i64,
}

/// What facet conditions are for: a count may use any index; a window must keep walking its sort
/// index, so there a condition that an index would answer is written to stay out of the planner's
/// way (see each list's `conditions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FacetUse {
    Count,
    Window,
}

/// How a list is ordered: an optional sort expression, then a text column, then the id, so
/// every row has its own place. Each must be what an index is built on, so the window is a seek.
pub(crate) struct Order<'a> {
    pub primary: Option<&'a str>,
    pub name: &'a str,
    pub descending: bool,
}

/// The SQL of one window: the key comparison (anchor bound as ?2, ?3, ?4), the ORDER BY, and
/// whether the rows come back reversed (reading "before" a key walks the index backwards).
pub(crate) struct Window {
    pub comparison: String,
    pub order_by: String,
    pub backwards: bool,
    anchor: Option<PageKey>,
}

impl Window {
    pub fn new(order: &Order<'_>, direction: &Page<PageKey>) -> Window {
        let mut columns: Vec<&str> = order.primary.into_iter().collect();
        columns.extend([order.name, "id"]);
        let values = if order.primary.is_some() {
            "(?2, ?3, ?4)"
        } else {
            "(?3, ?4)"
        };
        let key = format!("({})", columns.join(", "));
        let backwards = matches!(direction, Page::Last | Page::Before(_));
        let walk_descending = order.descending != backwards;
        // SQLite cannot seek an index on an expression with a row value, only with the expression
        // alone: so a sort expression is also bounded by itself, and the window seeks to the
        // anchor's value instead of walking the index from its start.
        let seek = match order.primary {
            Some(primary) if primary.contains('(') => {
                let op = if walk_descending { "<=" } else { ">=" };
                format!("AND {primary} {op} ?2 ")
            }
            _ => String::new(),
        };
        let (comparison, anchor) = match direction {
            Page::First | Page::Last => (String::new(), None),
            Page::After(anchor) | Page::Before(anchor) => {
                let op = if walk_descending { "<" } else { ">" };
                (
                    format!("{seek}AND {key} {op} {values}"),
                    Some(anchor.clone()),
                )
            }
            Page::From(anchor) => {
                let op = if walk_descending { "<=" } else { ">=" };
                (
                    format!("{seek}AND {key} {op} {values}"),
                    Some(anchor.clone()),
                )
            }
        };
        let direction = if walk_descending { "DESC" } else { "ASC" };
        let order_by = columns
            .iter()
            .map(|c| format!("{c} {direction}"))
            .collect::<Vec<_>>()
            .join(", ");
        Window {
            comparison,
            order_by,
            backwards,
            anchor,
        }
    }

    /// The parameters ?1 (`first`, the text filter's) to ?5 (the limit).
    pub fn params(&self, first: Box<dyn ToSql>, limit: usize) -> Vec<Box<dyn ToSql>> {
        let (primary, name, id) = match &self.anchor {
            Some(k) => (k.primary.clone(), k.name.clone(), k.id),
            None => (Value::Null, String::new(), 0),
        };
        vec![
            first,
            Box::new(primary),
            Box::new(name),
            Box::new(id),
            Box::new(i64::try_from(limit).unwrap_or(i64::MAX)),
        ]
    }
}
