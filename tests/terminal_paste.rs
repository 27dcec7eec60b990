//! The real binary in a pseudo-terminal: a multi-line bracketed paste into a partner's notes
//! keeps its line breaks as the terminal sends them (CR, as tmux and xterm do), then the file is
//! read.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{Pty, TAB, sealed_command};

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const CTRL_S: &str = "\x13";

#[test]
fn a_pasted_note_keeps_its_lines() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-paste-")
        .tempdir()
        .expect("a temporary folder");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let workbook = home.path().join("plan.partnerplan");
    Workbook::create(&workbook, Some("Paste test")).expect("creating the workbook");
    Workbook::open(&workbook, OpenOptions::default())
        .expect("opening it")
        .add_partner(&PartnerDraft {
            name: "Helix Cloud".into(),
            partner_type: "technology".into(),
            stage: "active".into(),
            ..Default::default()
        })
        .expect("adding a partner");
    let path = workbook.to_str().expect("a UTF-8 temp path");
    let mut command = sealed_command(BIN, &[path], home.path());
    command.env("PARTNERPLAN_CONFIG", home.path().join("config.toml"));
    let mut app = Pty::spawn("app", command, 100, 30);
    app.wait_for_text("plan.partnerplan");
    app.send("3");
    app.wait_for_text("Helix Cloud");
    app.send("e");
    app.wait_for_text("Edit Helix Cloud");
    // Name → … → Notes, the sixteenth field.
    app.send(&TAB.repeat(15));
    app.wait_for("the notes field focused", |s| {
        s.contents().lines().any(|l| l.contains("›Notes"))
    });
    app.send("\x1b[200~Line one of the note\rLine two of the note\x1b[201~");
    app.wait_for_text("Line two of the note");
    app.send(CTRL_S);
    app.wait_for("the form closed", |s| {
        !s.contents().contains("Edit Helix Cloud")
    });
    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());

    let wb = Workbook::open(
        &workbook,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .expect("reopening the workbook");
    let notes: String = wb
        .connection()
        .query_row(
            "SELECT notes FROM partners WHERE name = 'Helix Cloud'",
            [],
            |r| r.get(0),
        )
        .expect("the partner");
    assert_eq!(notes, "Line one of the note\nLine two of the note");
}
