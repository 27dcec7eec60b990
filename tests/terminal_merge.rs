//! The real binary in a pseudo-terminal: a copy of the plan comes back with a conflict; the merge
//! review (Ctrl-o) shows ours, theirs and what it was, the conflict is settled with theirs, the
//! merge is undone and redone, and the file then holds their value and the partner they added.
//!
//! Every step waits for what the screen shows (with a deadline), never for a fixed time.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::process::Command;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::risk::{Bands, Likelihood};
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{ENTER, Pty, sealed_command};

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const BACKSPACE: &str = "\x7f";
const CTRL_O: &str = "\x0f";
const CTRL_R: &str = "\x12";

fn cli(home: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(home)
        .env("PARTNERPLAN_CONFIG", home.join("config.toml"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn set_residual_likelihood(path: &Path, value: i64) {
    let mut wb = Workbook::open(path, OpenOptions::default()).expect("opening a copy");
    let id: i64 = wb
        .connection()
        .query_row("SELECT id FROM risks WHERE code = 'R-006'", [], |r| {
            r.get(0)
        })
        .expect("the demo's R-006");
    let mut risk = wb.risk(id).expect("reading R-006").expect("R-006");
    risk.draft.residual_likelihood = Likelihood::from_value(value);
    wb.update_risk(id, &risk.draft, &Bands::default(), true)
        .expect("editing R-006");
}

fn residual_likelihood(wb: &Workbook) -> i64 {
    wb.connection()
        .query_row(
            "SELECT residual_likelihood FROM risks WHERE code = 'R-006'",
            [],
            |r| r.get(0),
        )
        .expect("R-006")
}

#[test]
fn a_returned_copy_is_reviewed_settled_undone_and_redone_in_the_app() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-merge-")
        .tempdir()
        .expect("a temporary folder");
    let dir = home.path();
    std::fs::write(dir.join("config.toml"), "").expect("an empty config");
    cli(dir, &["demo", "ours.partnerplan"]);
    cli(
        dir,
        &[
            "export",
            "ours.partnerplan",
            "--format",
            "toml",
            "-o",
            "sent.toml",
        ],
    );
    cli(dir, &["import", "client.partnerplan", "sent.toml"]);
    set_residual_likelihood(&dir.join("ours.partnerplan"), 2);
    set_residual_likelihood(&dir.join("client.partnerplan"), 3);
    {
        let mut wb = Workbook::open(&dir.join("client.partnerplan"), OpenOptions::default())
            .expect("the client's copy");
        wb.add_partner(&PartnerDraft {
            name: "Client Pick Robotics".into(),
            partner_type: "technology".into(),
            stage: "prospect".into(),
            ..Default::default()
        })
        .expect("adding a partner");
    }
    cli(
        dir,
        &[
            "export",
            "client.partnerplan",
            "--format",
            "toml",
            "-o",
            "back.toml",
        ],
    );

    let mut command = sealed_command(BIN, &["ours.partnerplan"], dir);
    command.env("PARTNERPLAN_CONFIG", dir.join("config.toml"));
    let mut app = Pty::spawn("app", command, 120, 36);
    app.wait_for_text("ours.partnerplan");
    app.send(CTRL_O);
    app.wait_for_text("Format (↑ ↓)");
    app.send(&DOWN.repeat(3));
    app.wait_for_text("› A copy that came back");
    app.send(&BACKSPACE.repeat(40));
    app.send("back.toml");
    app.wait_for_text("File: back.toml");
    app.send(ENTER);
    app.wait_for_text("1 conflict — 1 still to decide");
    app.wait_for_text("ours 2 unlikely · theirs 3 possible · was 4 likely");
    app.wait_for_text("+ partner Client Pick Robotics");
    // Their edit of R-006 also left a line in its score history: it comes too.
    app.wait_for_text("+ risk score record");
    // Merging with the conflict open is refused, with the reason.
    app.send(ENTER);
    app.wait_for_text("still to decide: choose ours or theirs");
    app.send("t");
    app.wait_for_text("[theirs]");
    app.send(ENTER);
    app.wait_for_text("Merged back.toml: 2 added, 1 changed, 0 deleted.");
    app.send(ESC);
    app.wait_for("the result closed", |s| {
        !s.contents().contains("Merged back.toml")
    });
    app.send("u");
    app.wait_for_text("merge back.toml");
    app.send(CTRL_R);
    app.wait_for("redone", |s| s.contents().contains("Redid"));
    app.send("q");
    let status = app.wait_exit();
    assert_eq!(status.exit_code(), 0, "quit exits 0\n{}", app.report());

    let wb = Workbook::open(
        &dir.join("ours.partnerplan"),
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .expect("reopening the workbook");
    assert_eq!(residual_likelihood(&wb), 3, "their value, as decided");
    let added: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE name = 'Client Pick Robotics'",
            [],
            |r| r.get(0),
        )
        .expect("counting");
    assert_eq!(added, 1);
    assert!(wb.can_undo(), "the merge is in the undo history");
}
