//! The XLSX and CSV exports follow the report's audiences (one set of rules,
//! `exchange::report::disclosure`): a client's file has no fit or score of a declined partner
//! and no partner named in its risks (short forms included); a partner's file has its own rows
//! and what its protocols share, and no other partner's name or note. The XLSX also lists every
//! role assignment with its note. Read back with calamine.

mod audience_seed;
mod report_support;
mod support;

use std::path::{Path, PathBuf};

use audience_seed::{
    NOTE, OTHER_ASSIGNMENT_NOTE, OWN_ASSIGNMENT_NOTE, PARTNER, SHORT_FORM_NOTE, SHORT_FORM_REDACTED,
};
use calamine::{Reader, Xlsx, open_workbook};
use support::Sandbox;

fn export(sb: &Sandbox, wb: &Path, out: &str, flags: &[&str]) -> PathBuf {
    let path = sb.file(out);
    let mut args: Vec<std::ffi::OsString> =
        vec!["export".into(), wb.into(), "-o".into(), path.clone().into()];
    args.extend(flags.iter().map(Into::into));
    sb.run(args).expect_code(0);
    path
}

/// Every sheet as (name, rows of cell text).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

fn sheet<'a>(book: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The cell of `row` under `header` on a sheet whose first row is its header.
fn cell<'a>(rows: &'a [Vec<String>], row: &'a [String], header: &str) -> &'a str {
    let at = rows[0].iter().position(|h| h == header).unwrap();
    row.get(at).map_or("", String::as_str)
}

fn all_text(book: &[(String, Vec<Vec<String>>)]) -> String {
    book.iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

fn xlsx(sb: &Sandbox, wb: &Path, out: &str, audience: &[&str]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut flags = vec!["--format", "xlsx"];
    flags.extend(audience);
    sheets(&export(sb, wb, out, &flags))
}

fn csv(sb: &Sandbox, wb: &Path, out: &str, table: &str, audience: &[&str]) -> String {
    let mut flags = vec!["--format", "csv", "--table", table];
    flags.extend(audience);
    std::fs::read_to_string(export(sb, wb, out, &flags)).unwrap()
}

const CLIENT: &[&str] = &["--audience", "client"];
const FOR_PARTNER: &[&str] = &["--audience", "partner", "--partner", PARTNER];

#[test]
fn the_spreadsheet_lists_role_assignments_with_their_notes() {
    let sb = Sandbox::new();
    let wb = audience_seed::seeded(&sb);
    let book = xlsx(&sb, &wb, "internal.xlsx", &[]);
    let rows = sheet(&book, "Role assignments");
    assert_eq!(rows[0], ["Role", "Criticality", "Partner", "Part", "Note"]);
    let conn = rusqlite::Connection::open(&wb).unwrap();
    let held: i64 = conn
        .query_row(
            "SELECT count(*) FROM role_assignments a JOIN roles r ON r.id = a.role_id \
             WHERE NOT r.is_hub",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows.len() as i64 - 1, held, "one row per assignment");
    for (partner, note) in [
        (PARTNER, OWN_ASSIGNMENT_NOTE),
        ("Kiln Embedded Labs", OTHER_ASSIGNMENT_NOTE),
    ] {
        assert!(
            rows.iter()
                .any(|r| cell(rows, r, "Partner") == partner && cell(rows, r, "Note") == note),
            "{partner}'s note: {rows:?}"
        );
    }
    // The sheets before it keep their places.
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[..4], ["About", "Partners", "Role matrix", "Risks"]);
    assert_eq!(names.last(), Some(&"Role assignments"));
}

#[test]
fn a_clients_spreadsheet_and_csv_withhold_declined_fits_and_name_no_partner_in_risks() {
    let sb = Sandbox::new();
    let wb = audience_seed::seeded(&sb);
    let names = audience_seed::partner_names(&wb);
    let internal = xlsx(&sb, &wb, "internal.xlsx", &[]);
    let client = xlsx(&sb, &wb, "client.xlsx", CLIENT);
    let about = sheet(&client, "About");
    assert!(
        about
            .iter()
            .any(|r| r[0] == "Audience" && r[1].starts_with("Client: ")),
        "{about:?}"
    );

    // A declined partner's row stays, without fit, gate or a criterion's score.
    for (book, withheld) in [(&internal, false), (&client, true)] {
        let rows = sheet(book, "Partners");
        let holloway = rows
            .iter()
            .find(|r| r[0] == "Holloway Sensing")
            .expect("the declined partner's row");
        let fixed = rows[0].iter().position(|h| h == "Last check-in").unwrap() + 1;
        let contributes = rows[0].iter().position(|h| h == "Contributes").unwrap();
        let judged: Vec<&String> = std::iter::once(&holloway[10])
            .chain(&holloway[fixed..contributes])
            .collect();
        assert_eq!(rows[0][10], "Fit");
        if withheld {
            assert!(judged.iter().all(|c| c.is_empty()), "{judged:?}");
        } else {
            assert!(judged.iter().any(|c| !c.is_empty()), "{judged:?}");
        }
        // Notes are the client's own planner's: kept.
        assert!(all_text(std::slice::from_ref(&book[1])).contains(NOTE));
    }

    // The risks sheet and CSV name no partner, short forms included.
    let risks_sheet = sheet(&client, "Risks")
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let risks_csv = csv(&sb, &wb, "risks.csv", "risks", CLIENT);
    let internal_csv = csv(&sb, &wb, "risks-internal.csv", "risks", &[]);
    assert!(internal_csv.contains(SHORT_FORM_NOTE));
    assert!(names.iter().any(|n| internal_csv.contains(n.as_str())));
    for text in [&risks_sheet, &risks_csv] {
        assert!(text.contains(SHORT_FORM_REDACTED), "{text}");
        assert!(!text.contains("Ostrander"), "{text}");
        for name in &names {
            assert!(!text.contains(name.as_str()), "{name} in a client's risks");
        }
    }
    // The partners CSV: the declined partner's fit left empty.
    let partners_csv = csv(&sb, &wb, "partners.csv", "partners", CLIENT);
    let mut reader = ::csv::Reader::from_reader(partners_csv.as_bytes());
    let head = reader.headers().unwrap().clone();
    let fit = head.iter().position(|h| h == "Fit").unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "Holloway Sensing")
        .unwrap();
    assert_eq!(&row[fit], "");
}

#[test]
fn a_partners_spreadsheet_and_csv_hold_its_own_rows_and_what_its_protocols_share() {
    let sb = Sandbox::new();
    let wb = audience_seed::seeded(&sb);
    let names = audience_seed::partner_names(&wb);
    let others: Vec<&String> = names.iter().filter(|n| n.as_str() != PARTNER).collect();
    let book = xlsx(&sb, &wb, "partner.xlsx", FOR_PARTNER);
    let texts = [
        all_text(&book),
        csv(&sb, &wb, "partners.csv", "partners", FOR_PARTNER),
        csv(&sb, &wb, "risks.csv", "risks", FOR_PARTNER),
        csv(&sb, &wb, "kpis.csv", "kpis", FOR_PARTNER),
    ];
    for text in &texts {
        for name in &others {
            assert!(!text.contains(name.as_str()), "{name} in a partner's file");
        }
        for hidden in [NOTE, OWN_ASSIGNMENT_NOTE, OTHER_ASSIGNMENT_NOTE] {
            assert!(!text.contains(hidden), "{hidden:?} in a partner's file");
        }
    }
    // Its own record, without fit or scores.
    let partners = sheet(&book, "Partners");
    assert_eq!(
        partners.len(),
        2,
        "the header and its own row: {partners:?}"
    );
    assert_eq!(partners[1][0], PARTNER);
    assert_eq!(cell(partners, &partners[1], "Fit"), "");
    assert_eq!(cell(partners, &partners[1], "Region"), "Europe");
    // Its role, by itself; no goals, resources or governance rules.
    let assignments = sheet(&book, "Role assignments");
    assert_eq!(assignments.len(), 2, "{assignments:?}");
    assert_eq!(cell(assignments, &assignments[1], "Partner"), PARTNER);
    let sheet_names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    for absent in ["Goals", "Resources and infrastructure", "Governance rules"] {
        assert!(!sheet_names.contains(&absent), "{sheet_names:?}");
    }
    // The register's list through the role it leads (chosen fields): codes and titles, no
    // causes or mitigations of risks that do not name it.
    let risks = sheet(&book, "Risks");
    let total: i64 = rusqlite::Connection::open(&wb)
        .unwrap()
        .query_row("SELECT count(*) FROM risks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(risks.len() as i64 - 1, total, "every risk listed");
    for row in &risks[1..] {
        assert!(!cell(risks, row, "Code").is_empty());
        assert_eq!(cell(risks, row, "Owner"), "", "{row:?}");
    }
    // KPIs by count only: its own offering's KPI and no other.
    let kpis = sheet(&book, "KPIs");
    let listed: Vec<&str> = kpis[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(listed, ["Joint solutions launched"], "{kpis:?}");
}
