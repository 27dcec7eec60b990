//! The real binary in a pseudo-terminal: export a CSV of partners from the command palette, import
//! a CRM's CSV through the palette (its name completed with Tab), quit, then read file and workbook.
//!
//! Every step waits for what the screen shows (with a deadline), never for a fixed time.

// Only part of the shared pseudo-terminal support is needed here.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{ENTER, Pty, TAB, sealed_command};

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";

fn partner(name: &str) -> PartnerDraft {
    PartnerDraft {
        name: name.into(),
        partner_type: "technology".into(),
        stage: "active".into(),
        ..Default::default()
    }
}

#[test]
fn export_and_import_csv_through_the_palette() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-exchange-")
        .tempdir()
        .expect("a temporary folder");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let workbook = home.path().join("plan.partnerplan");
    Workbook::create(&workbook, Some("Exchange test")).expect("creating the workbook");
    {
        let mut wb = Workbook::open(&workbook, OpenOptions::default()).expect("opening it");
        for name in ["Helix Cloud", "Northwind Logistics", "Quartz Data"] {
            wb.add_partner(&partner(name)).expect("adding a partner");
        }
    }
    std::fs::write(
        home.path().join("crm.csv"),
        "Company name,Lifecycle Stage,Website\nOrbit Payments,prospect,https://orbit.example\n\
         Vega Robotics,evaluating,https://vega.example\n",
    )
    .expect("writing the CRM file");

    // The app starts in the sandbox, so relative file names land there.
    let path = workbook.to_str().expect("a UTF-8 temp path");
    let mut command = sealed_command(BIN, &[path], home.path());
    command.env("PARTNERPLAN_CONFIG", home.path().join("config.toml"));
    let mut app = Pty::spawn("app", command, 100, 30);
    app.wait_for_text("plan.partnerplan");

    app.send(":");
    app.wait_for_text("Command palette");
    app.send("export");
    app.wait_for_text("export to a file");
    app.send(ENTER);
    app.wait_for_text("Format (↑ ↓)");
    app.send(DOWN);
    app.wait_for_text("File: plan-partners.csv");
    app.send(ENTER);
    // A spreadsheet asks who it is for; Enter keeps internal (everything).
    app.wait_for_text("Export options");
    app.send(ENTER);
    app.wait_for_text("Wrote 3 partners to plan-partners.csv.");
    app.send(ESC);
    app.wait_for("the result closed", |s| !s.contents().contains("Exported"));

    app.send(":");
    app.wait_for_text("Command palette");
    app.send("import");
    app.wait_for_text("import a TOML workbook or a CSV of partners");
    app.send(ENTER);
    app.wait_for_text("CSV partners — skip partners already here");
    app.send(&BACKSPACE.repeat(30));
    app.wait_for("the file field empty", |s| {
        s.contents().lines().any(|l| l.contains("File: ▏"))
    });
    app.send("cr");
    app.send(TAB);
    app.wait_for_text("File: crm.csv");
    app.send(ENTER);
    // The preview first: what would be added, nothing written yet.
    app.wait_for_text("Would add 2 partners, update 0, skip 0 already here.");
    app.send(ENTER);
    app.wait_for_text("Added 2 partners, updated 0, skipped 0.");
    app.send(ESC);
    app.wait_for("the result closed", |s| !s.contents().contains("Imported"));
    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());

    let mut reader =
        csv::Reader::from_path(home.path().join("plan-partners.csv")).expect("the exported file");
    let exported: Vec<String> = reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .get(0)
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        exported,
        ["Helix Cloud", "Northwind Logistics", "Quartz Data"]
    );
    let wb = Workbook::open(
        &workbook,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .expect("reopening the workbook");
    let names: Vec<String> = wb
        .connection()
        .prepare("SELECT name FROM partners ORDER BY name")
        .and_then(|mut q| q.query_map([], |r| r.get(0))?.collect())
        .expect("reading the partners");
    assert_eq!(
        names,
        [
            "Helix Cloud",
            "Northwind Logistics",
            "Orbit Payments",
            "Quartz Data",
            "Vega Robotics"
        ]
    );
}
