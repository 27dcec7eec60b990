//! A partner's joint plan in the real binary, in a real pseudo-terminal: the planner opens the
//! partner's scores, then its joint plan (J), adds a joint goal through the form and a
//! milestone, and quits; the workbook file is then read with rusqlite and the goal is in it,
//! the milestone linked to it. Every step waits for what the screen shows, never for a time.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, Pty, TAB, sealed_command};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// A workbook with one strategic alliance, in a sealed-off home.
fn workbook_with_an_alliance(home: &Path) -> PathBuf {
    let path = home.join("plan.partnerplan");
    Workbook::create(&path, Some("Joint plans")).expect("creating the workbook");
    let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening it");
    wb.add_partner(&PartnerDraft {
        name: "Granary Works Alliance".into(),
        partner_type: "strategic alliance".into(),
        stage: "active".into(),
        ..Default::default()
    })
    .expect("adding a partner");
    path
}

fn step(pty: &mut Pty, keys: &str, shown: &str) {
    pty.send(keys);
    pty.wait_for_text(shown);
}

#[test]
fn a_joint_goal_added_through_the_keys_is_in_the_file() {
    let home = TempDir::new().expect("a temporary home");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let path = workbook_with_an_alliance(home.path());
    let mut command = sealed_command(
        BIN,
        &[path.to_str().expect("a UTF-8 temp path")],
        home.path(),
    );
    command.env("PARTNERPLAN_CONFIG", home.path().join("config.toml"));
    let mut pty = Pty::spawn("joint", command, 120, 36);
    pty.wait_for_text("1 Guide");

    step(&mut pty, "3", "Granary Works Alliance");
    step(&mut pty, "c", "Joint plan");
    step(&mut pty, "J", "No joint goal yet; add one.");
    step(&mut pty, "a", "New joint goal with Granary Works Alliance");
    pty.send(&format!(
        "Energy monitoring in 20 plants{TAB}Both staff the rollout.{TAB}2027-06-30"
    ));
    step(
        &mut pty,
        CTRL_S,
        "Saved joint goal Energy monitoring in 20 plants.",
    );
    // → → to the milestones; the goal field jumps to the goal by its first letter.
    step(&mut pty, "ll", "No milestone yet; add one.");
    step(&mut pty, "a", "New milestone with Granary Works Alliance");
    pty.send(&format!("First five plants metered{TAB}E{TAB}2026-12-15"));
    step(
        &mut pty,
        CTRL_S,
        "Saved milestone First five plants metered.",
    );

    // q closes the view (back on the roster), q again quits.
    pty.send("q");
    pty.wait_for("back on the roster", |s| {
        s.contents().contains("sorted by name")
    });
    pty.send("q");
    let status = pty.wait_exit();
    assert!(
        status.success(),
        "the app ended with {status:?}\n{}",
        pty.report()
    );

    let conn = rusqlite::Connection::open(&path).expect("the file opens in rusqlite");
    let (title, commitment, due, status, partner): (String, String, String, String, String) = conn
        .query_row(
            "SELECT g.title, g.commitment, g.due_on, g.status, p.name FROM joint_goals g \
             JOIN partners p ON p.id = g.partner_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .expect("one joint goal in the file");
    assert_eq!(title, "Energy monitoring in 20 plants");
    assert_eq!(commitment, "Both staff the rollout.");
    assert_eq!(due, "2027-06-30");
    assert_eq!(status, "planned");
    assert_eq!(partner, "Granary Works Alliance");
    let (milestone, goal, milestone_due): (String, String, String) = conn
        .query_row(
            "SELECT m.title, g.title, m.due_on FROM joint_milestones m \
             JOIN joint_goals g ON g.id = m.joint_goal_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("one milestone linked to the goal");
    assert_eq!(milestone, "First five plants metered");
    assert_eq!(goal, title);
    assert_eq!(milestone_due, "2026-12-15");
}
