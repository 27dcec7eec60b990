//! The batch path of a large CSV import: partner indexes built afresh at the end, added rows
//! journalled without images until undo needs them, and nothing of either visible afterwards —
//! the schema, undo, redo and the connection's settings are as they would be row by row.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use partnerplan::exchange::ExchangeError;
use partnerplan::exchange::csv::{ImportOptions, OnDuplicate, import_partners};
use partnerplan::plan::PartnerField;
use partnerplan::workbook::{OpenOptions, PartnerPageQuery, Workbook, schema_of};
use support::Sandbox;

/// More rows than the import adds one index entry at a time (it switches at 5,000).
const ROWS: usize = 6_000;

/// A CRM-style file of `rows` companies in a scattered name order; `bad_row` (1-based data row)
/// has no name.
fn crm_file(sb: &Sandbox, rows: usize, bad_row: Option<usize>) -> PathBuf {
    let mut text = String::from("Company name,Company Domain Name,Lifecycle Stage,Company owner\n");
    for i in 0..rows {
        let n = (i * 7919) % rows;
        let stage = ["Active", "prospect", "evaluating"][i % 3];
        // A stage no list knows is mapped, not refused; a row without a name cannot be imported.
        let name = if bad_row == Some(i + 1) {
            String::new()
        } else {
            format!("Company {n:05}")
        };
        writeln!(text, "{name},company{n}.example,{stage},Owner {}", i % 7).unwrap();
    }
    let path = sb.file("companies.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn workbook(sb: &Sandbox) -> (PathBuf, Workbook) {
    let path = sb.file("batch.partnerplan");
    Workbook::create(&path, Some("Batch")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    (path, wb)
}

/// Every partner row, every column, in id order.
fn rows(wb: &Workbook) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = wb.connection();
    let mut stmt = conn.prepare("SELECT * FROM partners ORDER BY id").unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |r| (0..width).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn scalar(wb: &Workbook, sql: &str) -> i64 {
    wb.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The schema of `wb`, every object with its SQL, as text to compare.
fn schema(wb: &Workbook) -> String {
    format!("{:#?}", schema_of(wb.connection()).unwrap())
}

/// The schema a fresh workbook has, to compare with one a batch went through.
fn fresh_schema(sb: &Sandbox) -> String {
    let path = sb.file("fresh.partnerplan");
    Workbook::create(&path, None).unwrap();
    schema(&Workbook::open(&path, OpenOptions::default()).unwrap())
}

fn import(wb: &mut Workbook, csv: &Path) -> Result<usize, ExchangeError> {
    import_partners(wb, csv, &ImportOptions::default()).map(|r| r.added)
}

#[test]
fn a_large_import_leaves_the_schema_and_the_settings_as_they_were() {
    let sb = Sandbox::new();
    let (path, mut wb) = workbook(&sb);
    let cache = scalar(&wb, "PRAGMA cache_size");
    assert_eq!(import(&mut wb, &crm_file(&sb, ROWS, None)).unwrap(), ROWS);
    assert_eq!(schema(&wb), fresh_schema(&sb));
    assert_eq!(scalar(&wb, "PRAGMA cache_size"), cache);
    // The indexes built again hold every row, and the roster's name order reads through one.
    assert_eq!(
        scalar(
            &wb,
            "SELECT count(*) FROM partners INDEXED BY partners_by_stage WHERE stage = 'active'"
        ),
        (ROWS / 3) as i64
    );
    drop(wb);
    let report = partnerplan::workbook::check(&path).unwrap();
    assert!(
        report
            .counts
            .contains(&("partners".to_string(), ROWS as i64))
    );
}

#[test]
fn a_failing_large_import_writes_nothing_and_keeps_every_index() {
    let sb = Sandbox::new();
    let (_, mut wb) = workbook(&sb);
    let cache = scalar(&wb, "PRAGMA cache_size");
    // The bad row comes after the import has set the indexes aside.
    let err = import(&mut wb, &crm_file(&sb, ROWS, Some(ROWS - 10))).unwrap_err();
    let ExchangeError::Problems(problems) = err else {
        panic!("expected problems, got {err:?}");
    };
    assert!(
        problems[0].contains(&format!("row {}", ROWS - 10 + 1)),
        "{problems:?}"
    );
    assert_eq!(scalar(&wb, "SELECT count(*) FROM partners"), 0);
    assert_eq!(schema(&wb), fresh_schema(&sb));
    assert_eq!(scalar(&wb, "PRAGMA cache_size"), cache);
    assert!(!wb.can_undo());
}

#[test]
fn undo_keeps_what_redo_needs_of_rows_added_without_images() {
    let sb = Sandbox::new();
    let (path, mut wb) = workbook(&sb);
    import(&mut wb, &crm_file(&sb, ROWS, None)).unwrap();
    // The import journals the added rows by uuid only.
    assert_eq!(
        scalar(
            &wb,
            "SELECT count(*) FROM change_journal_rows WHERE after_json IS NOT NULL"
        ),
        0
    );
    // A later edit, undone: the stack is back at the import's own state.
    let first = scalar(&wb, "SELECT min(id) FROM partners");
    let mut draft = wb.partner(first).unwrap().unwrap();
    let original = draft.clone();
    draft.set(PartnerField::Name, "Renamed".to_string());
    wb.update_partner(first, &draft).unwrap();
    wb.undo().unwrap().unwrap();
    let imported = rows(&wb);

    assert!(wb.undo().unwrap().unwrap().label.contains("companies.csv"));
    assert_eq!(scalar(&wb, "SELECT count(*) FROM partners"), 0);
    assert_eq!(
        scalar(
            &wb,
            "SELECT count(*) FROM change_journal_rows WHERE after_json IS NOT NULL \
             AND entry_id = (SELECT min(id) FROM change_journal)"
        ),
        ROWS as i64
    );
    // Redo across a restart brings back every column of every row, uuids and times included.
    drop(wb);
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.redo().unwrap().unwrap();
    assert_eq!(rows(&wb), imported);
    assert_eq!(wb.partner(first).unwrap().unwrap(), original);
    // And the round goes again.
    wb.undo().unwrap().unwrap();
    assert_eq!(scalar(&wb, "SELECT count(*) FROM partners"), 0);
    wb.redo().unwrap().unwrap();
    assert_eq!(rows(&wb), imported);
    // The rename undone before the import is next to redo, and applies to the row redo restored.
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.partner(first).unwrap().unwrap().name, "Renamed");
    assert!(!wb.can_redo());
}

#[test]
fn new_records_get_time_ordered_uuids() {
    let sb = Sandbox::new();
    let (_, mut wb) = workbook(&sb);
    import(&mut wb, &crm_file(&sb, 50, None)).unwrap();
    let uuids: Vec<String> = wb
        .connection()
        .prepare("SELECT uuid FROM partners ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(uuids.windows(2).all(|w| w[0] < w[1]), "{uuids:?}");
    assert!(uuids.iter().all(|u| u.as_bytes()[14] == b'7'), "{uuids:?}");
}

#[test]
fn undo_and_redo_of_a_large_import_that_also_updated_partners() {
    let sb = Sandbox::new();
    let (_, mut wb) = workbook(&sb);
    let fresh = fresh_schema(&sb);
    // Two partners the file repeats (by name), with an owner the file changes, and one it does not.
    for name in ["Company 00000", "Company 00007", "Elsewhere Ltd"] {
        let mut draft = support::draft(name);
        draft.set(PartnerField::Owner, "Before".to_string());
        wb.add_partner(&draft).unwrap();
    }
    let before = rows(&wb);
    let report = import_partners(
        &mut wb,
        &crm_file(&sb, ROWS, None),
        &ImportOptions {
            on_duplicate: OnDuplicate::Update,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!((report.added, report.updated), (ROWS - 2, 2));
    let after = rows(&wb);
    let owner = |wb: &Workbook, name: &str| -> String {
        wb.connection()
            .query_row("SELECT owner FROM partners WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_ne!(owner(&wb, "Company 00007"), "Before");

    let matches = |wb: &Workbook| {
        let query = PartnerPageQuery {
            filter: "company 01234".into(),
            ..PartnerPageQuery::default()
        };
        wb.partner_matches(&query).unwrap()
    };
    assert_eq!(matches(&wb), 1, "the filter finds an imported partner");

    wb.undo().unwrap().unwrap();
    assert_eq!(
        rows(&wb),
        before,
        "the updated partners are as they were, the added gone"
    );
    assert_eq!(matches(&wb), 0, "the filter follows the undo");
    assert_eq!(schema(&wb), fresh);
    wb.redo().unwrap().unwrap();
    assert_eq!(rows(&wb), after);
    assert_eq!(schema(&wb), fresh);
    assert_eq!(matches(&wb), 1, "the filter follows the redo");
}
