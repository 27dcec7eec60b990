//! CSV: partners out and back in unchanged, CRM exports recognised, hostile files refused with
//! row and column, and an import that is all or nothing (and one undoable step).

mod support;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Run, Sandbox, assert_unchanged, snapshot};

fn run(sb: &Sandbox, args: &[&OsStr]) -> Run {
    sb.run(args)
}

fn import(sb: &Sandbox, workbook: &Path, csv: &Path, extra: &[&str]) -> Run {
    let mut args = vec![OsStr::new("import"), workbook.as_os_str(), csv.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    run(sb, &args)
}

fn new_workbook(sb: &Sandbox, name: &str) -> std::path::PathBuf {
    let path = sb.file(name);
    Workbook::create(&path, Some("CSV test")).unwrap();
    path
}

/// Every partner as its fields, by name.
fn partners(path: &Path) -> Vec<PartnerDraft> {
    let wb = Workbook::open(path, OpenOptions::default()).unwrap();
    let ids: Vec<i64> = wb
        .connection()
        .prepare("SELECT id FROM partners ORDER BY name, id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    ids.into_iter()
        .map(|id| wb.partner(id).unwrap().unwrap())
        .collect()
}

fn write_csv(sb: &Sandbox, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = sb.file(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn partners_exported_and_imported_into_an_empty_workbook_are_the_same() {
    let sb = Sandbox::new();
    let source = new_workbook(&sb, "source.partnerplan");
    let mut wb = Workbook::open(&source, OpenOptions::default()).unwrap();
    let full = PartnerDraft {
        name: "Nordlicht GmbH".into(),
        partner_type: "reseller".into(),
        sector: "software".into(),
        website: "https://nordlicht.example/".into(),
        stage: "active".into(),
        tier: "gold".into(),
        region: "Europe".into(),
        owner: "Dana, the \"owner\"".into(),
        checkin_cadence_days: "14".into(),
        contact_name: "Jo Berger".into(),
        contact_email: "jo@nordlicht.example".into(),
        agreement_start: "2026-01-01".into(),
        agreement_end: "2027-12-31".into(),
        contributes: "EU warehousing\nreturns, handling".into(),
        gains: "ünïcode 日本 😀".into(),
        notes: "line one; two\nline \"three\"".into(),
    };
    wb.add_partner(&full).unwrap();
    for name in [
        "=HYPERLINK(\"http://evil\")",
        "-minus",
        "@at",
        "+plus",
        "Plain",
    ] {
        wb.add_partner(&support::draft(name)).unwrap();
    }
    drop(wb);
    let csv = sb.file("partners.csv");
    run(
        &sb,
        &[
            OsStr::new("export"),
            source.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("csv"),
            OsStr::new("--table"),
            OsStr::new("partners"),
            OsStr::new("-o"),
            csv.as_os_str(),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&["6 rows"]);
    let text = fs::read_to_string(&csv).unwrap();
    assert!(
        text.starts_with("Name,Type,Sector,Website,Stage,"),
        "{text}"
    );
    for escaped in [
        "\"'=HYPERLINK(\"\"http://evil\"\")\"",
        "'-minus",
        "'@at",
        "'+plus",
    ] {
        assert!(text.contains(escaped), "{escaped} not escaped in:\n{text}");
    }

    let target = new_workbook(&sb, "target.partnerplan");
    import(&sb, &target, &csv, &[])
        .expect_code(0)
        .stdout_mentions(&["Added 6 partners", "Ignored columns", "\"Fit\""]);
    assert_eq!(partners(&target), partners(&source));
    run(&sb, &[OsStr::new("check"), target.as_os_str()]).expect_code(0);

    // One undoable step: undo takes every partner back out, redo brings them back.
    let mut wb = Workbook::open(&target, OpenOptions::default()).unwrap();
    assert!(wb.undo().unwrap().unwrap().label.contains("partners.csv"));
    drop(wb);
    assert!(partners(&target).is_empty());
    let mut wb = Workbook::open(&target, OpenOptions::default()).unwrap();
    wb.redo().unwrap().unwrap();
    drop(wb);
    assert_eq!(partners(&target), partners(&source));
}

#[test]
fn a_crm_export_with_bom_semicolons_and_quoted_newlines_is_recognised() {
    let sb = Sandbox::new();
    let target = new_workbook(&sb, "target.partnerplan");
    let csv = write_csv(
        &sb,
        "hubspot.csv",
        "\u{feff}Company name;Company Domain Name;Lifecycle Stage;Industry;Company owner;\
         Number of Employees;Description\n\
         Acme;acme.example;Active;software;Kim;12;\"one; two\nthree\"\n\
         Beta;;;;;;\n"
            .as_bytes(),
    );
    import(&sb, &target, &csv, &[])
        .expect_code(0)
        .stdout_mentions(&[
            "Read 2 rows",
            "semicolon",
            "\"Company name\" → Name",
            "\"Company Domain Name\" → Website",
            "\"Lifecycle Stage\" → Stage",
            "Ignored columns: \"Number of Employees\"",
            "Added 2 partners",
        ]);
    let list = partners(&target);
    assert_eq!(list[0].name, "Acme");
    assert_eq!(
        list[0].stage, "active",
        "stage words are stored as the list spells them"
    );
    assert_eq!(list[0].website, "acme.example");
    assert_eq!(list[0].owner, "Kim");
    assert_eq!(list[0].notes, "one; two\nthree");
    assert_eq!(
        list[1].stage, "prospect",
        "an empty stage starts at the first one"
    );
}

#[test]
fn map_overrides_a_header_and_names_columns_to_leave_out() {
    let sb = Sandbox::new();
    let target = new_workbook(&sb, "target.partnerplan");
    let csv = write_csv(&sb, "m.csv", b"Firm,Status,Boss\nAcme,Customer,Kim\n");
    // "Status" holds CRM words: left out; "Firm" is the name; "Boss" the owner.
    import(
        &sb,
        &target,
        &csv,
        &[
            "--map",
            "Firm=name",
            "--map",
            "status=",
            "--map",
            "Boss=owner",
        ],
    )
    .expect_code(0)
    .stdout_mentions(&["\"Firm\" → Name", "\"Boss\" → Internal owner", "\"Status\""]);
    assert_eq!(partners(&target)[0].owner, "Kim");
    let before = snapshot(&sb.files());
    import(&sb, &target, &csv, &["--map", "Missing=name"])
        .expect_code(1)
        .stderr_mentions(&["does not have", "Firm, Status, Boss"]);
    import(&sb, &target, &csv, &["--map", "Firm=shoe size"])
        .expect_code(1)
        .stderr_mentions(&["not a partner field"]);
    let no_name = write_csv(&sb, "n.csv", b"Boss\nKim\n");
    import(&sb, &target, &no_name, &[])
        .expect_code(1)
        .stderr_mentions(&["no column holds the partner's name", "--map"]);
    fs::remove_file(&no_name).unwrap();
    assert_unchanged(&before, &snapshot(&sb.files()), "refused maps");
}

#[test]
fn bad_rows_are_listed_by_row_and_column_and_nothing_is_imported() {
    let sb = Sandbox::new();
    let target = new_workbook(&sb, "target.partnerplan");
    // A CRM's own stage and an unknown type are mapped, not refused (see tests/crm_exports.rs);
    // what no mapping can mend stops the import.
    let csv = write_csv(
        &sb,
        "bad.csv",
        b"Name,Stage,Type,Agreement start,Email\n\
          Good,active,reseller,2026-01-01,a@b.example\n\
          Bad date,active,,03/04/2024,\n\
          Mapped stage,Customer,,,\n\
          Unknown type,,spaceship,,\n\
          Ragged,active\n\
          ,active,,,\n\
          Bad mail,,,,not-an-email\n\
          Not a date,,,soon,\n",
    );
    let before = snapshot(&sb.files());
    import(&sb, &target, &csv, &[])
        .expect_code(1)
        .stderr_mentions(&[
            "nothing was imported",
            "row 3, column \"Agreement start\": \"03/04/2024\" could be day/month or month/day",
            "--date-format \"%d/%m/%Y\"",
            "row 6: has 2 fields, but the header has 5",
            "row 7, column \"Name\": Enter a name",
            "row 8, column \"Email\"",
            "row 9, column \"Agreement start\": \"soon\" is not a date",
            "--skip-invalid",
        ]);
    assert_unchanged(&before, &snapshot(&sb.files()), "refused import");

    import(&sb, &target, &csv, &["--skip-invalid"])
        .expect_code(0)
        .stdout_mentions(&[
            "Added 3 partners",
            "Left out 5 rows with problems:",
            "row 3: column \"Agreement start\"",
            "row 6: has 2 fields",
            "row 7: column \"Name\": Enter a name",
        ]);
    let list = partners(&target);
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Good", "Mapped stage", "Unknown type"]);
    assert_eq!(
        list[1].stage, "active",
        "a CRM's \"Customer\" is an active partner"
    );
    assert_eq!(
        list[2].partner_type, "",
        "a type no word matches is left empty"
    );
}

#[test]
fn an_oversized_field_is_refused_without_reading_the_rest() {
    let sb = Sandbox::new();
    let target = new_workbook(&sb, "target.partnerplan");
    let mut bytes = b"Name,Notes\nAcme,\"".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 3 << 20));
    bytes.extend(b"\"\nBeta,ok\n");
    let csv = write_csv(&sb, "huge.csv", &bytes);
    let before = snapshot(&sb.files());
    import(&sb, &target, &csv, &[])
        .expect_code(1)
        .stderr_mentions(&["row 2", "larger than 1 MB", "not read further"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "oversized field");

    // Under the record cap but over a field's own limit: the field's rule says so.
    let mut bytes = b"Name,Notes\nAcme,".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 20_001));
    bytes.push(b'\n');
    let csv = write_csv(&sb, "long.csv", &bytes);
    import(&sb, &target, &csv, &[])
        .expect_code(1)
        .stderr_mentions(&["row 2, column \"Notes\": Notes is longer than 20000 characters"]);
}

#[test]
fn dry_run_writes_nothing_and_duplicates_follow_on_duplicate() {
    let sb = Sandbox::new();
    let target = new_workbook(&sb, "target.partnerplan");
    let mut wb = Workbook::open(&target, OpenOptions::default()).unwrap();
    let mut acme = support::draft("Acme");
    acme.website = "https://www.acme.example/".into();
    acme.region = "Europe".into();
    wb.add_partner(&acme).unwrap();
    drop(wb);
    // "ACME " is the same name; "Other" has Acme's website; "New" is new.
    let csv = write_csv(
        &sb,
        "dupes.csv",
        b"Name,Website,Region\nACME ,,Asia\nOther,acme.example,\nNew,new.example,\n",
    );

    let before = snapshot(&sb.files());
    import(&sb, &target, &csv, &["--dry-run"])
        .expect_code(0)
        .stdout_mentions(&["Dry run", "would add 1, update 0, skip 2", "--on-duplicate"]);
    import(
        &sb,
        &target,
        &csv,
        &["--dry-run", "--on-duplicate", "update"],
    )
    .expect_code(0)
    .stdout_mentions(&["would add 1, update 2, skip 0"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "dry runs");

    import(&sb, &target, &csv, &[])
        .expect_code(0)
        .stdout_mentions(&[
            "Added 1 partner,",
            "skipped 2",
            "--on-duplicate skip is the default",
            "row 2: Acme",
        ]);
    assert_eq!(partners(&target).len(), 2);

    import(&sb, &target, &csv, &["--on-duplicate", "update"])
        .expect_code(0)
        .stdout_mentions(&["Added 0 partners, updated 3"]);
    let list = partners(&target);
    let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["New", "Other"],
        "the website match took the row's name"
    );
    assert_eq!(
        list[1].region, "Asia",
        "the name match filled the region first"
    );
    assert_eq!(
        list[1].partner_type, "reseller",
        "empty cells keep what is there"
    );

    import(&sb, &target, &csv, &["--on-duplicate", "add"])
        .expect_code(0)
        .stdout_mentions(&["Added 3 partners"]);
    assert_eq!(partners(&target).len(), 5);
    run(&sb, &[OsStr::new("check"), target.as_os_str()]).expect_code(0);
}

#[test]
fn risks_and_kpis_export_with_headers_and_escaped_text() {
    let sb = Sandbox::new();
    let path = new_workbook(&sb, "plan.partnerplan");
    let conn = support::plain(&path);
    conn.execute(
        "INSERT INTO risks (uuid, number, code, title, owner, inherent_likelihood, inherent_impact, \
         created_at, updated_at) VALUES ('r1', 1, 'R-001', '=cmd|/C calc', '@owner', 3, 4, 'x', 'x')",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO kpis (uuid, name, baseline, target, created_at, updated_at) \
         VALUES ('k1', 'Revenue', -5, 10.5, 'x', 'x')",
        [],
    )
    .unwrap();
    drop(conn);
    let export = |table: &str| {
        let run = run(
            &sb,
            &[
                OsStr::new("export"),
                path.as_os_str(),
                OsStr::new("--format"),
                OsStr::new("csv"),
                OsStr::new("--table"),
                OsStr::new(table),
            ],
        );
        run.expect_code(0);
        run.stdout
    };
    let risks = export("risks");
    assert!(
        risks.starts_with("Code,Title,Category,Partner / role,"),
        "{risks}"
    );
    assert!(risks.contains("R-001,'=cmd|/C calc,"), "{risks}");
    assert!(risks.contains(",3,4,12,"), "scores as numbers: {risks}");
    assert!(risks.contains(",'@owner,"), "{risks}");
    let kpis = export("kpis");
    assert!(
        kpis.starts_with("Name,Category,Horizon,Unit,Direction,Baseline,Target"),
        "{kpis}"
    );
    assert!(
        kpis.contains(",-5,10.5,"),
        "numbers stay numbers, unescaped: {kpis}"
    );
    run(
        &sb,
        &[
            OsStr::new("export"),
            path.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("csv"),
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["--table"]);
}
