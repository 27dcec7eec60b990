//! The shapes of the text layout: a column's kind, a column, a table, and the short constructors
//! `TABLES` is written with.

/// How a column's value is written out and read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Integer,
    Real,
    /// Stored as 0 / 1.
    Bool,
    /// An integer id in the file, the UUID of a record of the named table outside it.
    Reference(&'static str),
}

/// One exported column. `optional` columns may be NULL (absent from the text); a text column that
/// is not optional is absent from the text when it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnLayout {
    /// The column in the workbook.
    pub column: &'static str,
    /// The key in the text.
    pub key: &'static str,
    pub kind: ColumnKind,
    pub optional: bool,
}

/// One exported table. Every record also has `uuid`, `created_at` and `updated_at`, written
/// around `columns`. A `single` table holds exactly one record (id 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    pub table: &'static str,
    /// The table's name in the text.
    pub key: &'static str,
    pub single: bool,
    pub columns: &'static [ColumnLayout],
}

impl TableLayout {
    pub fn column(&self, key: &str) -> Option<&ColumnLayout> {
        self.columns.iter().find(|c| c.key == key)
    }
}

pub(super) const fn text(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        column,
        key: column,
        kind: ColumnKind::Text,
        optional: false,
    }
}

pub(super) const fn opt_text(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        optional: true,
        ..text(column)
    }
}

pub(super) const fn int(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        kind: ColumnKind::Integer,
        ..text(column)
    }
}

pub(super) const fn opt_int(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        optional: true,
        ..int(column)
    }
}

pub(super) const fn real(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        kind: ColumnKind::Real,
        ..text(column)
    }
}

pub(super) const fn opt_real(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        optional: true,
        ..real(column)
    }
}

pub(super) const fn boolean(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        kind: ColumnKind::Bool,
        ..text(column)
    }
}

pub(super) const fn opt_bool(column: &'static str) -> ColumnLayout {
    ColumnLayout {
        optional: true,
        ..boolean(column)
    }
}

pub(super) const fn link(
    column: &'static str,
    key: &'static str,
    table: &'static str,
) -> ColumnLayout {
    ColumnLayout {
        column,
        key,
        kind: ColumnKind::Reference(table),
        optional: false,
    }
}

pub(super) const fn opt_link(
    column: &'static str,
    key: &'static str,
    table: &'static str,
) -> ColumnLayout {
    ColumnLayout {
        optional: true,
        ..link(column, key, table)
    }
}

pub(super) const fn table(table: &'static str, columns: &'static [ColumnLayout]) -> TableLayout {
    TableLayout {
        table,
        key: table,
        single: false,
        columns,
    }
}
