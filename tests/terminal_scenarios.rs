//! The what-if screen in the real binary, in a real pseudo-terminal: on the demo, the Overview's
//! `w` shows the saved scenario beside the plan now; a new one is built by typing a partner's
//! name, made a delay, saved by name; then the app quits and the file, read with plain SQLite,
//! holds it. Every step waits for what the screen shows, never for a fixed time.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{ENTER, app_on};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");
const BACKSPACE: &str = "\x7f";

#[test]
fn a_planner_saves_a_scenario_on_the_what_if_screen_and_finds_it_in_the_file() {
    let home = TempDir::new().expect("a temporary home");
    let path = home.path().join("demo.partnerplan");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml"))
        .expect("the demo plan");
    partnerplan::exchange::toml::import(&path, &text, &[]).expect("the demo imports");
    drop(Workbook::open(&path, OpenOptions::default()).expect("the demo opens"));
    let mut pty = app_on(BIN, "scenarios", &path, home.path(), (120, 36));

    pty.step("7", "Concentration");
    pty.step("w", "Saved scenarios");
    // Worked out between keys: the headline arrives without another key.
    pty.wait_for_text("73 % of returns");
    pty.wait_for_text("KPI Active partners");

    pty.step("a", "which partner?");
    pty.step("Meridel", "Meridel Trade Partners");
    pty.step(ENTER, "New scenario");
    pty.step("t", "is delayed by 3 months");
    pty.step("ll", "is delayed by 5 months");
    pty.step("s", "Save the scenario as");
    pty.send(&BACKSPACE.repeat(120));
    pty.step("Meridel slips", "Name: Meridel slips");
    pty.step(ENTER, "Saved the scenario \"Meridel slips\"");
    pty.wait_for_text("▸Meridel slips");

    // q closes the screen (back to the panels), then quits.
    pty.step("q", "Concentration");
    pty.quits_with("q");
    drop(pty);

    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("opening the workbook with SQLite");
    let saved: (String, String, i64, String) = conn
        .query_row(
            "SELECT s.name, e.kind, e.months, p.name FROM scenarios s \
             JOIN scenario_events e ON e.scenario_id = s.id \
             JOIN partners p ON p.id = e.partner_id WHERE s.name = 'Meridel slips'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the saved scenario and its one event");
    assert_eq!(
        saved,
        (
            "Meridel slips".to_string(),
            "delay".to_string(),
            5,
            "Meridel Trade Partners".to_string()
        )
    );
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}
