//! The XLSX export as a reader meets it: an About sheet first (plan, client, date, audience),
//! and columns as wide as their content up to a cap, long text wrapped inside. calamine reads
//! the cells; the widths are read from the sheet's own XML (`<cols>`), which calamine skips.

mod report_support;
mod support;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use report_support::{demo, export_xlsx};
use support::Sandbox;

/// The widths `<col min=A max=B width=W>` of the sheet at `part`: (first, last 1-based column,
/// width in characters without the writer's padding of under one character).
fn widths(xlsx: &Path, part: &str) -> Vec<(u32, u32, f64)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let attr = |tag: &str, name: &str| -> String {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].to_string()
    };
    xml.split("<col ")
        .skip(1)
        .map(|tag| {
            let tag = format!(" {}", &tag[..tag.find("/>").unwrap()]);
            let width: f64 = attr(&tag, "width").parse().unwrap();
            (
                attr(&tag, "min").parse().unwrap(),
                attr(&tag, "max").parse().unwrap(),
                width.floor(),
            )
        })
        .collect()
}

fn width_of(widths: &[(u32, u32, f64)], column: u32) -> f64 {
    widths
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&column))
        .unwrap_or_else(|| panic!("no width for column {column}: {widths:?}"))
        .2
}

#[test]
fn the_spreadsheet_opens_with_about_and_sizes_its_columns_to_their_content() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let out = export_xlsx(&sb, &wb, "plan.xlsx");

    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names()[0], "About");
    let about = book.worksheet_range("About").unwrap();
    let value = |field: &str| {
        about
            .rows()
            .find(|r| r.first() == Some(&Data::String(field.into())))
            .and_then(|r| r.get(1).cloned())
            .unwrap_or_else(|| panic!("no {field} on the About sheet"))
    };
    assert_eq!(
        value("Plan"),
        Data::String("Demo plan — Veltrane partner ecosystem 2026".into())
    );
    assert!(
        matches!(value("Date"), Data::DateTime(_)),
        "{:?}",
        value("Date")
    );
    assert!(matches!(value("Audience"), Data::String(s) if s.starts_with("internal")));

    // Partners (sheet 2): the name column as wide as the longest name (+2), the capped width
    // never passed anywhere.
    let partners = book.worksheet_range("Partners").unwrap();
    let longest = partners
        .rows()
        .skip(1)
        .filter_map(|r| r.first().map(|c| c.to_string().chars().count()))
        .max()
        .unwrap();
    let partner_widths = widths(&out, "xl/worksheets/sheet2.xml");
    assert_eq!(width_of(&partner_widths, 1), (longest + 2) as f64);
    // Risks (sheet 4): the mitigations column holds text longer than the cap, so it stops at
    // the cap and wraps; the code column stays narrow.
    let risks = book.worksheet_range("Risks").unwrap();
    let head: Vec<String> = risks
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let mitigations = head.iter().position(|h| h == "Mitigations").unwrap() as u32 + 1;
    let longest_note = risks
        .rows()
        .skip(1)
        .filter_map(|r| {
            r.get(mitigations as usize - 1)
                .map(|c| c.to_string().chars().count())
        })
        .max()
        .unwrap();
    assert!(longest_note > 50, "the demo has long mitigation notes");
    let risk_widths = widths(&out, "xl/worksheets/sheet4.xml");
    assert_eq!(width_of(&risk_widths, mitigations), 52.0);
    assert_eq!(
        width_of(&risk_widths, 1),
        10.0,
        "Code: R-001 and the minimum"
    );
    for (column, _, width) in partner_widths.iter().chain(&risk_widths) {
        assert!(
            (10.0..=52.0).contains(width),
            "column {column} is {width} wide"
        );
    }
}

/// Every field a planner fills in the partner and risk registers and the strategy's lists reads
/// back from its sheet: each non-empty value in the workbook is found in its column.
#[test]
fn every_field_a_planner_fills_is_in_its_sheet() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let out = export_xlsx(&sb, &wb, "plan.xlsx");
    let db = rusqlite::Connection::open(&wb).unwrap();
    let values = |sql: &str| -> Vec<String> {
        db.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .filter(|v| !v.trim().is_empty())
            .collect()
    };
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let column = |book: &mut Xlsx<_>, sheet: &str, header: &str| -> Vec<String> {
        let range = book.worksheet_range(sheet).unwrap();
        let mut rows = range.rows();
        let head = rows.next().unwrap();
        let at = head
            .iter()
            .position(|h| matches!(h, Data::String(s) if s == header))
            .unwrap_or_else(|| panic!("no {header:?} column on {sheet}"));
        rows.filter_map(|r| r.get(at).map(|c| c.to_string()))
            .collect()
    };
    for (sheet, header, sql) in [
        (
            "Partners",
            "Contributes",
            "SELECT contributes FROM partners",
        ),
        ("Partners", "Gains", "SELECT gains FROM partners"),
        ("Partners", "Notes", "SELECT notes FROM partners"),
        ("Risks", "Cause", "SELECT cause FROM risks"),
        ("Risks", "Event", "SELECT event FROM risks"),
        ("Risks", "Consequence", "SELECT consequence FROM risks"),
        ("Goals", "Goal", "SELECT title FROM goals"),
        ("Goals", "Description", "SELECT description FROM goals"),
        (
            "Resources and infrastructure",
            "Resource",
            "SELECT name FROM resources",
        ),
        (
            "Governance rules",
            "Rule",
            "SELECT rule FROM governance_rules",
        ),
        (
            "Data-sharing protocols",
            "Data",
            "SELECT data_item FROM data_protocols",
        ),
        (
            "Data-sharing protocols",
            "Protection",
            "SELECT protection_measures FROM data_protocols",
        ),
    ] {
        let expected = values(sql);
        assert!(!expected.is_empty(), "the demo fills {sheet} / {header}");
        let found = column(&mut book, sheet, header);
        for value in &expected {
            assert!(found.contains(value), "{sheet} / {header} lacks {value:?}");
        }
    }
}
