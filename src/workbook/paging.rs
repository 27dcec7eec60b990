//! Keyset paging: a list reads only the window it shows, starting from a row's sort key, never
//! with OFFSET over the whole table.

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
