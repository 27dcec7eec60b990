//! The layout proven against the migrated schema: no column lost, keys unique, references back.

use std::collections::BTreeSet;

use super::*;
use crate::workbook::connection;
use crate::workbook::schema::MIGRATIONS;

/// A new column or table in a migration must be placed here (exported or named as derived),
/// or the text would silently lose it.
#[test]
fn every_column_of_every_table_is_exported_or_named_as_derived() {
    let mut conn = connection::open_in_memory().unwrap();
    crate::workbook::migrate(&mut conn, MIGRATIONS).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for name in &tables {
        if NOT_EXPORTED.contains(&name.as_str()) {
            continue;
        }
        let layout = TABLES
            .iter()
            .find(|t| t.table == name)
            .unwrap_or_else(|| panic!("table {name} is neither exported nor left out"));
        let actual: BTreeSet<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([name], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut covered: BTreeSet<String> = ["id", "uuid", "created_at", "updated_at"]
            .into_iter()
            .map(String::from)
            .collect();
        covered.extend(layout.columns.iter().map(|c| c.column.to_string()));
        covered.extend(
            DERIVED
                .iter()
                .chain(RETIRED_COLUMNS)
                .chain(RETIRED_JOINT_COLUMNS)
                .filter(|(t, _)| t == name)
                .map(|(_, c)| c.to_string()),
        );
        assert_eq!(actual, covered, "columns of {name}");
    }
    assert_eq!(TABLES.len() + NOT_EXPORTED.len(), tables.len());
}

#[test]
fn keys_are_unique_and_references_point_backwards_or_to_themselves() {
    let keys: BTreeSet<_> = TABLES.iter().map(|t| t.key).collect();
    assert_eq!(keys.len(), TABLES.len());
    for (index, layout) in TABLES.iter().enumerate() {
        let column_keys: BTreeSet<_> = layout.columns.iter().map(|c| c.key).collect();
        assert_eq!(column_keys.len(), layout.columns.len(), "{}", layout.table);
        for column in layout.columns {
            if let ColumnKind::Reference(target) = column.kind {
                let at = TABLES.iter().position(|t| t.table == target).unwrap();
                assert!(at <= index, "{} refers forward to {target}", layout.table);
            }
        }
    }
}
