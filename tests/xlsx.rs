//! The XLSX export read back as a spreadsheet program would (with calamine): one sheet per
//! register, bold headers, numbers as numbers, dates as dates, and workbook text as text even
//! when it looks like a formula.

mod plan_fixture;
mod support;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use jiff::civil::date;
use partnerplan::exchange::xlsx::export_xlsx;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{OpenOptions, Workbook};
use plan_fixture::{HOSTILE_PARTNER, HOSTILE_RISK, HOSTILE_ROLE, build};

fn text(s: &str) -> Data {
    Data::String(s.to_string())
}

/// The Excel serial number of a day (days since 1899-12-30).
fn serial(y: i16, m: i8, d: i8) -> f64 {
    f64::from((date(y, m, d) - date(1899, 12, 30)).get_days())
}

fn cell(range: &Range<Data>, row: usize, column: usize) -> Data {
    range.get((row, column)).cloned().unwrap_or(Data::Empty)
}

fn assert_date(range: &Range<Data>, row: usize, column: usize, day: (i16, i8, i8)) {
    match cell(range, row, column) {
        Data::DateTime(dt) => {
            assert!(dt.is_datetime(), "({row}, {column}) is not a date");
            assert_eq!(dt.as_f64(), serial(day.0, day.1, day.2));
        }
        other => panic!("({row}, {column}) should be a date, is {other:?}"),
    }
}

/// The row whose first cell is `first`.
fn row_of(range: &Range<Data>, first: &str) -> usize {
    range
        .rows()
        .position(|r| r.first() == Some(&text(first)))
        .unwrap_or_else(|| panic!("no row starts with {first:?}"))
}

#[test]
fn every_register_reads_back_with_numbers_dates_and_text_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.partnerplan");
    build(&path, true);
    let wb = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    let out = dir.path().join("plan.xlsx");
    export_xlsx(&wb, &out, &Bands::default(), date(2027, 4, 1)).unwrap();
    assert!(!dir.path().join(".plan.xlsx.partial").exists());

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "About",
            "Partners",
            "Role matrix",
            "Risks",
            "KPIs",
            "KPI measurements",
            "Goals",
            "Resources and infrastructure",
            "Governance rules",
            "Data-sharing protocols",
            "Role assignments"
        ]
    );

    // Partners: by name; fit and criterion scores as numbers; the hostile name as text.
    let partners = book.worksheet_range("Partners").unwrap();
    assert_eq!(cell(&partners, 0, 0), text("Partner"));
    assert_eq!(cell(&partners, 0, 10), text("Fit"));
    assert_eq!(partners.height(), 5, "a header and four partners");
    let birch = row_of(&partners, "Birch Software");
    assert_eq!(cell(&partners, birch, 3), text("active"));
    match cell(&partners, birch, 10) {
        Data::Float(fit) => assert!((0.0..=100.0).contains(&fit) && fit > 50.0, "{fit}"),
        other => panic!("fit should be a number, is {other:?}"),
    }
    assert_eq!(cell(&partners, birch, 11), text("no"));
    // The first three criteria are scored 4, 4, 3 for Birch.
    assert_eq!(cell(&partners, birch, 16), Data::Float(4.0));
    assert_eq!(cell(&partners, birch, 18), Data::Float(3.0));
    assert_eq!(
        cell(&partners, row_of(&partners, HOSTILE_PARTNER), 2),
        Data::Empty
    );

    // Role matrix: partners holding a role × the roles below the hub.
    let matrix = book.worksheet_range("Role matrix").unwrap();
    assert_eq!(cell(&matrix, 0, 0), text("Partner"));
    assert_eq!(cell(&matrix, 0, 1), text(HOSTILE_ROLE));
    assert_eq!(cell(&matrix, 0, 2), text("Ordering platform"));
    let birch = row_of(&matrix, "Birch Software");
    assert_eq!(cell(&matrix, birch, 2), text("L"));
    assert_eq!(
        cell(&matrix, row_of(&matrix, "Delta Freight"), 2),
        text("B")
    );
    assert_eq!(
        cell(&matrix, row_of(&matrix, HOSTILE_PARTNER), 1),
        text("L")
    );

    // Risks: scores as numbers, bands as words, mitigations as text.
    let risks = book.worksheet_range("Risks").unwrap();
    let first = row_of(&risks, "R-001");
    assert_eq!(cell(&risks, first, 1), text(HOSTILE_RISK));
    assert_eq!(cell(&risks, first, 5), Data::Float(4.0));
    assert_eq!(cell(&risks, first, 7), Data::Float(20.0));
    assert_eq!(cell(&risks, first, 8), text("critical"));
    assert_eq!(cell(&risks, first, 11), Data::Float(8.0));
    assert_eq!(cell(&risks, first, 12), text("medium"));
    assert_eq!(
        cell(&risks, first, 17),
        text("dual sourcing: Second carrier on call; SLA")
    );
    let second = row_of(&risks, "R-002");
    assert_eq!(cell(&risks, second, 11), Data::Empty, "no residual rating");

    // KPIs and measurements: dates as dates, values as numbers, a formula-like name as text.
    let kpis = book.worksheet_range("KPIs").unwrap();
    let revenue = row_of(&kpis, "=HYPERLINK(\"x\")");
    assert_eq!(cell(&kpis, revenue, 5), Data::Float(100.0));
    assert_eq!(cell(&kpis, revenue, 6), Data::Float(200.0));
    assert_date(&kpis, revenue, 7, (2027, 12, 31));
    assert_eq!(cell(&kpis, revenue, 9), Data::Float(150.0));
    assert_date(&kpis, revenue, 10, (2027, 3, 1));
    assert_eq!(cell(&kpis, revenue, 11), text("on track"));
    let measurements = book.worksheet_range("KPI measurements").unwrap();
    assert_eq!(measurements.height(), 4, "a header and three measurements");
    assert_date(&measurements, 1, 1, (2027, 2, 1));
    assert_eq!(cell(&measurements, 2, 2), Data::Float(150.0));
    assert_eq!(cell(&measurements, 2, 3), text("good quarter"));

    // No cell anywhere holds a formula.
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} holds a formula"
        );
    }

    // Header rows are bold; data rows are not.
    for sheet in [
        "Partners",
        "Role matrix",
        "Risks",
        "KPIs",
        "KPI measurements",
    ] {
        let styles = book.worksheet_style(sheet).unwrap();
        let bold = |row: u32| {
            styles
                .get((row, 0))
                .and_then(|s| s.font.as_ref())
                .is_some_and(|f| f.is_bold())
        };
        assert!(bold(0), "{sheet}'s header is not bold");
        assert!(!bold(1), "{sheet}'s first row is bold");
    }
}

#[test]
fn export_writes_the_spreadsheet_from_the_command_line_and_refuses_without_a_file() {
    let sb = support::Sandbox::new();
    let path = sb.file("plan.partnerplan");
    build(&path, false);
    let out = sb.file("plan.xlsx");
    let run = sb.run([
        "export".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_code(0);
    let book: Xlsx<_> = open_workbook(&out).unwrap();
    assert!(book.sheet_names().iter().any(|name| name == "Partners"));

    // A spreadsheet is not for the terminal, and it holds every register at once.
    let run = sb.run([
        "export".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
    ]);
    run.expect_code(1);
    assert!(run.stderr.contains("-o plan.xlsx"), "{}", run.stderr);
    let run = sb.run([
        "export".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "xlsx".as_ref(),
        "--table".as_ref(),
        "risks".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_code(1);
    assert!(run.stderr.contains("Leave --table out"), "{}", run.stderr);
}
