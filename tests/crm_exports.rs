//! Real CRM and spreadsheet exports (fixtures in tests/fixtures/crm, each reproducing the shape
//! of one tool's documented default export) import on the first try: the partners, stages and
//! types that land, the encoding read, the rows skipped, and choices remembered for next time.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::exchange::ExchangeError;
use partnerplan::exchange::csv::{CsvImport, ImportOptions, OnDuplicate, import_partners};
use partnerplan::plan::crm_values::{Reason, ValueChoice, ValueMap};
use partnerplan::plan::vocabulary::VocabularyKind;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/crm")
        .join(name)
}

/// A partner as the test looks at it: name, type, stage, region.
type Landed = (String, String, String, String);

fn landed(wb: &Workbook) -> Vec<Landed> {
    wb.connection()
        .prepare("SELECT name, partner_type, stage, region FROM partners ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn workbook(sb: &Sandbox) -> Workbook {
    let path = sb.file("crm.partnerplan");
    let _ = std::fs::remove_file(&path);
    Workbook::create(&path, Some("CRM test")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

/// Imports `name` with `options` into a new workbook: the report and what landed.
fn import(sb: &Sandbox, name: &str, options: &ImportOptions) -> (CsvImport, Vec<Landed>) {
    let mut wb = workbook(sb);
    let report = import_partners(&mut wb, &fixture(name), options)
        .unwrap_or_else(|err| panic!("{name}: {err:?}"));
    (report, landed(&wb))
}

fn row(name: &str, partner_type: &str, stage: &str, region: &str) -> Landed {
    (
        name.into(),
        partner_type.into(),
        stage.into(),
        region.into(),
    )
}

#[test]
fn hubspot_companies_land_with_their_types_and_lifecycle_stages_mapped() {
    // HubSpot companies export: labels as headers, internal values ("PARTNER",
    // "marketingqualifiedlead") as cells, a domain-only company without a name.
    let sb = Sandbox::new();
    let mut wb = workbook(&sb);
    let err = import_partners(
        &mut wb,
        &fixture("hubspot_companies.csv"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    let ExchangeError::Problems(problems) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        problems,
        ["row 8, column \"Company name\": Enter a name: every partner needs one."]
    );
    let skip = ImportOptions {
        skip_invalid: true,
        ..ImportOptions::default()
    };
    let (report, partners) = import(&sb, "hubspot_companies.csv", &skip);
    assert_eq!(report.left_out, 1);
    assert_eq!(report.left_out_rows[0].0, 8);
    assert_eq!(
        partners,
        [
            row(
                "Brightwave Analytics",
                "strategic alliance",
                "active",
                "North America"
            ),
            row("Fjordline Logistics AS", "reseller", "evaluating", "Europe"),
            row("Kestrel Components", "supplier", "prospect", "Europe"),
            row(
                "Aurora Cloud Services",
                "strategic alliance",
                "active",
                "Europe"
            ),
            row("Pinecrest Health Partners", "", "prospect", "North America"),
            row("Meridian Retail Group", "", "prospect", "Europe"),
            row(
                "Tidewater Telecom",
                "reseller",
                "evaluating",
                "Asia-Pacific"
            ),
            row(
                "Northgate Consulting",
                "strategic alliance",
                "prospect",
                "Europe"
            ),
            row("Sable Payments", "supplier", "active", "North America"),
        ]
    );
    // The domain column is empty for Kestrel: its Website URL fills the website instead.
    let website: String = one_text(
        &wb_of(&sb),
        "SELECT website FROM partners WHERE name = 'Kestrel Components'",
    );
    assert_eq!(website, "https://kestrel-components.example/");
    assert!(
        report
            .ignored
            .iter()
            .any(|i| i.starts_with("\"Record ID\" (the CRM's record"))
    );
}

/// The one text `sql` selects.
fn one_text(wb: &Workbook, sql: &str) -> String {
    wb.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn wb_of(sb: &Sandbox) -> Workbook {
    Workbook::open(&sb.file("crm.partnerplan"), OpenOptions::default()).unwrap()
}

#[test]
fn a_salesforce_report_in_latin1_with_its_footer_imports_whole() {
    // Salesforce report, Export > Details Only: ISO-8859-1, all quoted, then the footer.
    let sb = Sandbox::new();
    let (report, partners) = import(
        &sb,
        "salesforce_accounts_report.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        (report.encoding, report.encoding_guessed),
        ("Windows-1252", true)
    );
    assert_eq!(
        (report.rows, report.empty_rows, report.footer_rows),
        (7, 1, 5)
    );
    let types: Vec<(&str, &str)> = partners
        .iter()
        .map(|p| (p.0.as_str(), p.1.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("Crestline Software", "technology"),
            ("Helios Distribution GmbH", "reseller"),
            ("Orbis Installations", "integrator"),
            ("Société Générale d'Équipement", ""),
            ("Juniper & Vale", ""),
            ("Quarry Point Analytics", ""),
            ("Bluefin Systems", ""),
        ]
    );
    assert!(
        partners.iter().all(|p| p.2 == "prospect"),
        "no stage column"
    );
}

#[test]
fn a_salesforce_data_loader_export_is_read_by_its_api_names() {
    // Data Loader: upper-case API names, record and owner ids, ISDELETED flags.
    let sb = Sandbox::new();
    let (report, partners) = import(
        &sb,
        "salesforce_dataloader_accounts.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        partners,
        [
            row(
                "Crestline Software",
                "technology",
                "prospect",
                "North America"
            ),
            row("Helios Distribution GmbH", "reseller", "prospect", "Europe"),
            row("Orbis Installations", "integrator", "prospect", "Europe"),
            row("Nimbus Media", "", "prospect", "Asia-Pacific"),
        ]
    );
    let used: Vec<&str> = report.columns.iter().map(|(h, _)| h.as_str()).collect();
    assert!(
        !used.contains(&"OWNERID"),
        "an owner's user id is no owner's name"
    );
    assert!(!used.contains(&"ISDELETED") && !used.contains(&"ID"));
}

#[test]
fn zoho_account_types_map_and_none_means_nothing() {
    // Zoho CRM Accounts export: zcrm_ ids, the Account Type picklist, "-None-".
    let sb = Sandbox::new();
    let (_, partners) = import(&sb, "zoho_accounts.csv", &ImportOptions::default());
    let types: Vec<&str> = partners.iter().map(|p| p.1.as_str()).collect();
    assert_eq!(
        types,
        [
            "strategic alliance",
            "supplier",
            "",
            "",
            "integrator",
            "distributor",
            "competitor-collaborator",
            ""
        ]
    );
    assert_eq!(partners[3].3, "Latin America", "São Paulo, Brazil");
}

#[test]
fn pipedrive_prefixes_are_stripped_and_labels_become_stages() {
    // Pipedrive organizations export: "Organization - " before every header.
    let sb = Sandbox::new();
    let (report, partners) = import(
        &sb,
        "pipedrive_organizations.csv",
        &ImportOptions::default(),
    );
    let stages: Vec<&str> = partners.iter().map(|p| p.2.as_str()).collect();
    assert_eq!(
        stages,
        ["active", "evaluating", "prospect", "prospect", "prospect"]
    );
    let fields: Vec<&str> = report.columns.iter().map(|(_, f)| f.key()).collect();
    assert!(fields.contains(&"owner") && fields.contains(&"website") && fields.contains(&"sector"));
    let wb = wb_of(&sb);
    let owner: String = one_text(
        &wb,
        "SELECT owner FROM partners WHERE name = 'Blue Heron Logistics'",
    );
    assert_eq!(owner, "Mia Torres");
}

#[test]
fn dynamics_record_status_never_becomes_a_partner_stage() {
    // Dynamics 365 Export to Excel saved as CSV UTF-8: hidden "(Do Not Modify)" columns, every
    // record "Active" in Status and Status Reason.
    let sb = Sandbox::new();
    let (report, partners) = import(&sb, "dynamics365_accounts.csv", &ImportOptions::default());
    assert!(partners.iter().all(|p| p.2 == "prospect"), "{partners:?}");
    let types: Vec<&str> = partners.iter().map(|p| p.1.as_str()).collect();
    assert_eq!(
        types,
        [
            "strategic alliance",
            "",
            "",
            "reseller",
            "competitor-collaborator",
            "service provider"
        ]
    );
    assert!(
        report
            .ignored
            .iter()
            .any(|i| i.starts_with("\"Status\" (the CRM's record"))
    );
    assert!(
        report
            .ignored
            .iter()
            .any(|i| i.starts_with("\"(Do Not Modify) Row Checksum\""))
    );
    // The user may still say a status is the stage.
    let (_, mapped) = import(
        &sb,
        "dynamics365_accounts.csv",
        &ImportOptions {
            maps: vec![partnerplan::plan::crm_headers::parse_map("Status=stage").unwrap()],
            ..ImportOptions::default()
        },
    );
    assert!(mapped.iter().all(|p| p.2 == "active"));
}

#[test]
fn a_google_sheet_with_us_dates_and_trailing_empty_rows_imports() {
    // Google Sheets, Download > CSV: a hand-kept sheet, empty grid rows at the end.
    let sb = Sandbox::new();
    let (report, partners) = import(&sb, "google_sheets_partners.csv", &ImportOptions::default());
    assert_eq!(report.empty_rows, 2);
    assert_eq!(
        partners,
        [
            row("Alder & Finch", "reseller", "active", "Europe"),
            row(
                "Bramble Tech",
                "value-added reseller",
                "evaluating",
                "North America"
            ),
            row("Cobalt Works", "technology", "paused", "Asia-Pacific"),
            row(
                "Driftwood Labs",
                "integrator",
                "onboarding",
                "Latin America"
            ),
        ]
    );
    // "4/1/2026" alone could be either; "3/14/2026" in the same file says month first.
    let wb = wb_of(&sb);
    let starts: Vec<String> = wb
        .connection()
        .prepare("SELECT coalesce(agreement_start, '') FROM partners ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(starts, ["2026-03-14", "2026-04-01", "", "2026-01-02"]);
    assert!(report.dates.is_some());
}

#[test]
fn excel_windows_1252_utf8_and_unicode_text_read_the_same_names() {
    let sb = Sandbox::new();
    // Excel "CSV (Comma delimited)" on Windows: Windows-1252, CRLF, empty rows at the end.
    let (report, ansi) = import(&sb, "excel_csv_windows1252.csv", &ImportOptions::default());
    assert_eq!((report.encoding, report.empty_rows), ("Windows-1252", 2));
    // Excel "CSV UTF-8": a BOM, and a name Windows-1252 cannot hold.
    let (report, utf8) = import(&sb, "excel_csv_utf8.csv", &ImportOptions::default());
    assert_eq!((report.encoding, report.encoding_guessed), ("UTF-8", false));
    assert_eq!(utf8[..4], ansi[..]);
    assert_eq!(
        utf8[4],
        row(
            "東京 Systems K.K.",
            "supplier",
            "evaluating",
            "Asia-Pacific"
        )
    );
    assert_eq!(
        ansi,
        [
            row("Müller Logistik GmbH", "distributor", "active", "Europe"),
            row("Café Systèmes SARL", "reseller", "prospect", "Europe"),
            row("Øresund Data ApS", "technology", "paused", "Europe"),
            row("Señor Software S.L.", "integrator", "active", "Europe"),
        ]
    );
    let notes: String = one_text(
        &wb_of(&sb),
        "SELECT notes FROM partners WHERE name LIKE 'Müller%'",
    );
    assert_eq!(notes, "Rates in € – renegotiate in Q3");
    // Excel "Unicode Text": UTF-16LE with a BOM, tab-separated.
    let (report, text) = import(&sb, "excel_unicode_text.txt", &ImportOptions::default());
    assert_eq!((report.encoding, report.delimiter), ("UTF-16LE", b'\t'));
    assert_eq!(
        text,
        [
            row("Ærø Maritime", "supplier", "active", "Europe"),
            row("Zürich Quant AG", "technology", "evaluating", "Europe"),
            row("Ψ Labs", "service provider", "prospect", "Europe"),
        ]
    );
}

#[test]
fn a_german_excel_file_with_semicolons_and_german_words_imports() {
    // German Excel "CSV (Trennzeichen-getrennt)": `;`, Windows-1252, TT.MM.JJJJ dates.
    let sb = Sandbox::new();
    let (report, partners) = import(&sb, "german_excel_semicolon.csv", &ImportOptions::default());
    assert_eq!(report.delimiter, b';');
    assert_eq!(
        partners,
        [
            row(
                "Bäckerei-Technik Schmid GmbH",
                "reseller",
                "active",
                "Europe"
            ),
            row("Alpen IT Österreich", "technology", "evaluating", "Europe"),
            row("Züri Logistik AG", "supplier", "prospect", "Europe"),
            row("Nordsee Beratung", "service provider", "paused", "Europe"),
        ]
    );
    let start: String = one_text(
        &wb_of(&sb),
        "SELECT agreement_start FROM partners WHERE name LIKE 'Bäckerei%'",
    );
    assert_eq!(start, "2026-03-01");
}

#[test]
fn value_choices_are_remembered_per_column_for_next_months_export() {
    let sb = Sandbox::new();
    let mut wb = workbook(&sb);
    let chosen = ImportOptions {
        value_maps: vec![
            ValueMap {
                column: "Account Type".into(),
                value: "Analyst".into(),
                choice: ValueChoice::NewWord,
            },
            ValueMap {
                column: "Account Type".into(),
                value: "Partner".into(),
                choice: ValueChoice::Word("technology".into()),
            },
        ],
        ..ImportOptions::default()
    };
    import_partners(&mut wb, &fixture("zoho_accounts.csv"), &chosen).unwrap();
    assert!(
        wb.vocabulary(VocabularyKind::Type)
            .unwrap()
            .contains(&"Analyst".to_string())
    );
    let types: Vec<String> = landed(&wb).into_iter().map(|p| p.1).collect();
    assert_eq!(types[..3], ["technology", "supplier", "Analyst"]);
    // Next month: the same export, no choices given, the same answers.
    let report = import_partners(
        &mut wb,
        &fixture("zoho_accounts.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((report.added, report.skipped), (0, 8));
    for value in ["Partner", "Analyst"] {
        let used = report.values.iter().find(|v| v.value == value).unwrap();
        assert_eq!(used.reason, Reason::Remembered, "{value}");
    }
    let partner = report.values.iter().find(|v| v.value == "Partner").unwrap();
    assert_eq!(partner.choice, ValueChoice::Word("technology".into()));
    // The words an import added go with it on undo.
    wb.undo().unwrap().unwrap();
    assert!(
        !wb.vocabulary(VocabularyKind::Type)
            .unwrap()
            .contains(&"Analyst".to_string())
    );
    assert!(landed(&wb).is_empty());
}

#[test]
fn update_says_which_fields_changed_and_never_blanks_one() {
    let sb = Sandbox::new();
    let mut wb = workbook(&sb);
    import_partners(
        &mut wb,
        &fixture("pipedrive_organizations.csv"),
        &ImportOptions::default(),
    )
    .unwrap();
    wb.connection()
        .execute("UPDATE partners SET notes = 'keep me', owner = 'Old Owner' WHERE name = 'Copperleaf Media'", [])
        .unwrap();
    let report = import_partners(
        &mut wb,
        &fixture("pipedrive_organizations.csv"),
        &ImportOptions {
            on_duplicate: OnDuplicate::Update,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert_eq!(report.updated, 5);
    assert_eq!(
        report.changes,
        [("Copperleaf Media".to_string(), vec!["Internal owner"])]
    );
    let notes: String = one_text(
        &wb,
        "SELECT notes FROM partners WHERE name = 'Copperleaf Media'",
    );
    assert_eq!(
        notes, "keep me",
        "the file has no notes column: nothing is blanked"
    );
}

#[test]
fn the_command_line_says_what_it_read_mapped_and_skipped() {
    let sb = Sandbox::new();
    let target = sb.file("cli.partnerplan");
    Workbook::create(&target, None).unwrap();
    let file = fixture("salesforce_accounts_report.csv");
    let args = |extra: &[&str]| -> Vec<std::ffi::OsString> {
        let mut args = vec![
            "import".into(),
            target.clone().into_os_string(),
            file.clone().into_os_string(),
        ];
        args.extend(extra.iter().map(|a| a.into()));
        args
    };
    let dry: Vec<std::ffi::OsString> = args(&["--dry-run"]);
    let dry: Vec<&OsStr> = dry.iter().map(|a| a.as_os_str()).collect();
    sb.run(&dry).expect_code(0).stdout_mentions(&[
        "Windows-1252",
        "read as Windows-1252; use --encoding to choose another",
        "Skipped 1 empty row and 5 lines of a report's footer.",
        "Type: \"Technology Partner\" → \"technology\" (a known value, 1 row)",
        "Type: \"Customer - Direct\" → left empty (no match, 1 row)",
        "would add 7",
    ]);
    let wrong: Vec<std::ffi::OsString> = args(&["--map-value", "Type:Prospect=customer"]);
    let wrong: Vec<&OsStr> = wrong.iter().map(|a| a.as_os_str()).collect();
    sb.run(&wrong)
        .expect_code(1)
        .stderr_mentions(&["\"customer\" is not in the type list", "=+"]);
    let chosen: Vec<std::ffi::OsString> =
        args(&["--map-value", "Type:Prospect=+", "--encoding", "utf-8"]);
    let chosen: Vec<&OsStr> = chosen.iter().map(|a| a.as_os_str()).collect();
    sb.run(&chosen).expect_code(0).stdout_mentions(&[
        "UTF-8",
        "Type: \"Prospect\" → added as a new word (chosen, 1 row)",
        "Added 7 partners",
    ]);
}

#[test]
fn day_counts_as_spreadsheets_write_them_are_whole_days() {
    // Excel writes a number cell as "14.0" in some exports, a German one as "30,0".
    let sb = Sandbox::new();
    let mut wb = workbook(&sb);
    let csv = sb.file("cadence.csv");
    std::fs::write(&csv, "Name;Check-in days\nA;14.0\nB;30,0\nC;7 days\nD;\n").unwrap();
    import_partners(&mut wb, &csv, &ImportOptions::default()).unwrap();
    let days: Vec<Option<i64>> = wb
        .connection()
        .prepare("SELECT checkin_cadence_days FROM partners ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(days, [Some(14), Some(30), Some(7), None]);
    std::fs::write(&csv, "Name;Check-in days\nE;14.5\n").unwrap();
    let err = import_partners(&mut wb, &csv, &ImportOptions::default()).unwrap_err();
    let ExchangeError::Problems(problems) = err else {
        panic!("{err:?}")
    };
    assert!(problems[0].starts_with("row 2, column \"Check-in days\": Enter whole days"));
}

#[test]
fn a_new_word_joins_its_list_only_with_a_partner_that_holds_it() {
    let sb = Sandbox::new();
    let mut wb = workbook(&sb);
    let csv = sb.file("regions.csv");
    std::fs::write(&csv, "Name,Region\nAcme,Europe\n").unwrap();
    import_partners(&mut wb, &csv, &ImportOptions::default()).unwrap();
    // Acme again (skipped as a duplicate) and a row left out: their regions join no list.
    std::fs::write(
        &csv,
        "Name,Region,Email\nAcme,Nordics,\nBeta,Baltics,not-an-address\nGamma,Iberia,\n",
    )
    .unwrap();
    let skip = ImportOptions {
        skip_invalid: true,
        ..ImportOptions::default()
    };
    let report = import_partners(&mut wb, &csv, &skip).unwrap();
    assert_eq!((report.added, report.skipped, report.left_out), (1, 1, 1));
    let regions = wb.vocabulary(VocabularyKind::Region).unwrap();
    assert!(regions.contains(&"Iberia".to_string()));
    assert!(!regions.contains(&"Nordics".to_string()), "{regions:?}");
    assert!(!regions.contains(&"Baltics".to_string()), "{regions:?}");
}
