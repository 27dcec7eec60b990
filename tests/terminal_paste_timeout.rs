//! The real binary in a pseudo-terminal (issue 15): a bracketed paste whose end marker never
//! comes ends after a second without input; what came is pasted, the status line says so, and
//! the keys typed afterwards act as keys again.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use std::time::{Duration, Instant};

use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, app_on};

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

fn name_line(screen: &vt100::Screen, name: &str) -> bool {
    screen
        .contents()
        .lines()
        .any(|l| l.contains("›Name*") && l.contains(name))
}

#[test]
fn a_paste_without_its_end_marker_is_taken_as_text_and_keys_work_again() {
    let home = tempfile::Builder::new()
        .prefix("partnerplan-pty-unfinished-paste-")
        .tempdir()
        .expect("a temporary folder");
    let workbook = home.path().join("plan.partnerplan");
    Workbook::create(&workbook, Some("Unfinished paste")).expect("creating the workbook");
    let mut app = app_on(BIN, "unfinished-paste", &workbook, home.path(), (100, 30));
    app.step("3", "No partners yet");
    app.send("a");
    app.wait_for("the new-partner form with the focus on Name", |s| {
        s.contents().contains("New partner") && s.contents().contains("›Name*")
    });

    // The paste's start marker and half a name, then nothing: no end marker ever comes.
    let sent = Instant::now();
    app.send("\x1b[200~Acme Robo");
    // A status message too long for the key hints' row stands on the row above.
    app.wait_for("the status line saying the paste had no end", |s| {
        s.contents().contains("The paste had no end marker")
    });
    let waited = sent.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "the paste ended after {waited:?}, before a second without input\n{}",
        app.report()
    );
    app.wait_for("what came pasted into Name", |s| name_line(s, "Acme Robo"));

    // Keys are keys again: typing goes on in the field, Ctrl-s saves, q quits.
    app.send("tics");
    app.wait_for("the rest of the name typed", |s| {
        name_line(s, "Acme Robotics")
    });
    app.send(CTRL_S);
    app.wait_for("the partner saved and listed", |s| {
        !s.contents().contains("New partner") && s.contents().contains("Acme Robotics")
    });
    app.quits_with("q");

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
        .prepare("SELECT name FROM partners")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .expect("reading partners");
    assert_eq!(names, ["Acme Robotics"]);
}
