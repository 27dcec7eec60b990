//! The Strategy tab in the real binary, in a real pseudo-terminal: a planner fills in the mission,
//! rates the core elements, answers the decision aid and chooses a model, adds a goal and a
//! data-sharing protocol with a recipient, and quits; then the workbook file is opened and every
//! answer is found in it. Every step waits for what the screen shows, never for a fixed time.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::strategy::Recipient;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, ENTER, Pty, TAB, sealed_command};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// A workbook with one partner to share data with, in a sealed-off home.
fn workbook_with_a_partner(home: &Path) -> (PathBuf, i64) {
    let path = home.join("plan.partnerplan");
    Workbook::create(&path, Some("Connected factories")).expect("creating the workbook");
    let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening it");
    let id = wb
        .add_partner(&PartnerDraft {
            name: "Northwind Logistics".into(),
            stage: "active".into(),
            ..Default::default()
        })
        .expect("adding a partner");
    (path, id)
}

/// Types `keys`, then waits until the screen shows `shown`.
fn step(pty: &mut Pty, keys: &str, shown: &str) {
    pty.send(keys);
    pty.wait_for_text(shown);
}

#[test]
fn a_planner_writes_the_strategy_through_the_keys_and_finds_it_in_the_file() {
    let home = TempDir::new().expect("a temporary home");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let (path, northwind) = workbook_with_a_partner(home.path());
    let mut command = sealed_command(
        BIN,
        &[path.to_str().expect("a UTF-8 temp path")],
        home.path(),
    );
    command.env("PARTNERPLAN_CONFIG", home.path().join("config.toml"));
    let mut pty = Pty::spawn("strategy", command, 100, 30);
    pty.wait_for_text("1 Guide");

    step(&mut pty, "2", "[Mission]");
    step(&mut pty, "e", "Problem we solve");
    pty.send("Plants cannot connect their machines.");
    pty.send(TAB);
    pty.send("Projects delivered end to end.");
    pty.send(TAB);
    step(
        &mut pty,
        &format!("The default way plants go digital.{CTRL_S}"),
        "Saved the mission.",
    );

    step(&mut pty, "Ce", "Core elements: rate each");
    pty.send(&format!("4{TAB}Quarterly roadmap.{TAB}2{TAB}{TAB}5"));
    step(&mut pty, CTRL_S, "Saved the core elements.");

    step(&mut pty, "A", "Questions: y yes");
    step(&mut pty, "yyn", "Advice: channel");
    step(&mut pty, "y", "Answered yes.");
    step(&mut pty, "m", "Choose the model");
    pty.send(&format!("h{TAB}Resellers now, co-development next year."));
    step(&mut pty, CTRL_S, "Saved the model.");

    step(&mut pty, "Oa", "New goal");
    step(
        &mut pty,
        &format!("Win ten plant projects{CTRL_S}"),
        "Added goal Win ten plant projects.",
    );

    step(&mut pty, "Pa", "New data-sharing protocol");
    pty.send(&format!("Machine telemetry{TAB}{TAB}"));
    step(&mut pty, ENTER, "Add a partner");
    step(&mut pty, "north", "Northwind Logistics");
    pty.send(ENTER);
    pty.wait_for("the picker closed and the partner linked", |s| {
        !s.contents().contains("Add a partner") && s.contents().contains("Northwind Logistics")
    });
    step(&mut pty, CTRL_S, "Added protocol Machine telemetry.");

    pty.send("q");
    let status = pty.wait_exit();
    assert!(
        status.success(),
        "the app ended with {status:?}\n{}",
        pty.report()
    );

    let wb = Workbook::open(&path, OpenOptions::default()).expect("reopening the workbook");
    let strategy = wb.strategy().expect("reading the strategy");
    assert_eq!(
        strategy.mission_problem,
        "Plants cannot connect their machines."
    );
    assert_eq!(strategy.mission_value, "Projects delivered end to end.");
    assert_eq!(strategy.vision, "The default way plants go digital.");
    assert_eq!(strategy.alignment_rating, Some(4));
    assert_eq!(strategy.alignment_note, "Quarterly roadmap.");
    assert_eq!(strategy.adaptability_rating, Some(2));
    assert_eq!(strategy.shared_value_rating, Some(5));
    let answers = &strategy.decision_answers;
    assert_eq!(answers.get("offering-defined"), Some(&Answer::Yes));
    assert_eq!(answers.get("scale-distribution"), Some(&Answer::Yes));
    assert_eq!(answers.get("transactional"), Some(&Answer::No));
    assert_eq!(answers.get("innovation"), Some(&Answer::Yes));
    assert_eq!(strategy.model, Some(Model::Hybrid));
    assert_eq!(
        strategy.model_rationale,
        "Resellers now, co-development next year."
    );
    let goals = wb.goals().expect("reading the goals");
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].goal.title, "Win ten plant projects");
    let protocols = wb.protocols().expect("reading the protocols");
    assert_eq!(protocols.len(), 1);
    assert_eq!(protocols[0].protocol.data_item, "Machine telemetry");
    assert_eq!(
        protocols[0].protocol.recipients,
        [Recipient::Partner(northwind)]
    );
    // Every edit was its own journaled change, so each can be undone.
    let changes: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
        .expect("counting the journal");
    assert!(changes >= 9, "{changes} changes journaled");
}
