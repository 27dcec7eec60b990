//! The Guide in the real binary, in a real pseudo-terminal: a planner opens a new workbook, lands
//! on step 1, and walks the first five steps of the method going only where the Guide's `Enter`
//! sends them (and `n` to the next step to do) — mission, core elements, the model, a goal and the
//! value proposition, the hub and a first role. Then the readiness shown and the file's contents
//! are checked. Every step waits for what the screen shows, never for a fixed time.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::plan::decision_aid::Model;
use partnerplan::plan::framework::shipped;
use partnerplan::plan::guide::StepState;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, ENTER, Pty, TAB, sealed_command};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// Types `keys`, then waits until the screen shows `shown`.
fn step(pty: &mut Pty, keys: &str, shown: &str) {
    pty.send(keys);
    pty.wait_for_text(shown);
}

/// Back on the Guide, then on to the next step still to do.
fn next_step(pty: &mut Pty, number: usize) {
    step(pty, "1", "Readiness");
    step(pty, "n", &format!("Step {number} of 12"));
}

#[test]
fn a_new_workbook_is_walked_through_five_steps_from_the_guide() {
    let home = TempDir::new().expect("a temporary home");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let path = home.path().join("fresh.partnerplan");
    let mut command = sealed_command(BIN, &[path.to_str().expect("a UTF-8 path")], home.path());
    command.env("PARTNERPLAN_CONFIG", home.path().join("config.toml"));
    let mut pty = Pty::spawn("guide", command, 100, 32);

    // A new workbook opens on the Guide, at step 1.
    pty.wait_for_text("Step 1 of 12");
    pty.wait_for_text("Mission and vision");

    // 1 — Enter opens the mission's form on the Strategy tab.
    step(&mut pty, ENTER, "Problem we solve");
    pty.send(&format!(
        "Small workshops cannot buy automation.{TAB}Automation sized and financed for them.{TAB}"
    ));
    step(
        &mut pty,
        &format!("Every workshop automated by 2030.{CTRL_S}"),
        "Saved the mission.",
    );

    // 2 — the core elements, each rated with a reason.
    next_step(&mut pty, 2);
    step(&mut pty, ENTER, "Core elements: rate each");
    pty.send(&format!(
        "4{TAB}One roadmap with the integrators.{TAB}3{TAB}Two suppliers could switch.{TAB}\
         5{TAB}Each partner earns on every cell sold."
    ));
    step(&mut pty, CTRL_S, "Saved the core elements.");

    // 3 — the decision aid: answers first, then the model and why.
    next_step(&mut pty, 3);
    step(&mut pty, ENTER, "Answer at least 3 questions first");
    step(&mut pty, "yyn", "Advice:");
    step(&mut pty, "y", "Answered yes.");
    step(&mut pty, "m", "Choose the model");
    // A channel: with an ecosystem or hybrid model, step 5 would also need two partners working
    // together, which this walk through the first five steps does not reach.
    pty.send(&format!(
        "c{TAB}Integrators resell our cells; they need not work with each other."
    ));
    step(&mut pty, CTRL_S, "Saved the model.");

    // 4 — goals and the value proposition: Enter goes to what is missing first, each time (with
    // no goal yet, the new-goal form itself).
    next_step(&mut pty, 4);
    step(&mut pty, ENTER, "New goal");
    step(
        &mut pty,
        &format!("Forty workshops automated{CTRL_S}"),
        "Added goal Forty workshops automated.",
    );
    step(&mut pty, "1", "Step 4 of 12");
    step(&mut pty, ENTER, "What we offer");
    pty.send(&format!(
        "A robot cell, installed and financed.{TAB}Labour is short and wages rise."
    ));
    step(&mut pty, CTRL_S, "Saved the value proposition.");

    // 5 — roles: the hub, then a role beneath it.
    next_step(&mut pty, 5);
    step(&mut pty, ENTER, "No roles yet.");
    step(&mut pty, "a", "New hub");
    step(
        &mut pty,
        &format!("Cellworks (hub){CTRL_S}"),
        "Added Cellworks (hub).",
    );
    step(&mut pty, "a", "New role under Cellworks (hub)");
    step(
        &mut pty,
        &format!("Installers{CTRL_S}"),
        "Added Installers.",
    );

    // The Guide: the first five of the eleven required steps done (10 of 22 halves; the
    // shipped checklist alone no longer starts step 9), readiness in the tab bar.
    step(&mut pty, "1", "Readiness");
    pty.wait_for("five steps done and readiness 45% in the tab bar", |s| {
        let text = s.contents();
        text.contains("1 Guide 45%") && text.contains("5 of 11 required done")
    });
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
        "Small workshops cannot buy automation."
    );
    assert_eq!(strategy.vision, "Every workshop automated by 2030.");
    assert_eq!(
        (
            strategy.alignment_rating,
            strategy.adaptability_rating,
            strategy.shared_value_rating
        ),
        (Some(4), Some(3), Some(5))
    );
    assert_eq!(strategy.adaptability_note, "Two suppliers could switch.");
    assert_eq!(strategy.model, Some(Model::Channel));
    assert_eq!(strategy.value_why, "Labour is short and wages rise.");
    let goals = wb.goals().expect("reading the goals");
    assert_eq!(goals.len(), 1);
    let roles: Vec<(String, Option<i64>)> = {
        let mut stmt = wb
            .connection()
            .prepare("SELECT name, parent_id FROM roles ORDER BY id")
            .expect("a query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("roles")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0], ("Cellworks (hub)".to_string(), None));
    assert_eq!(roles[1].0, "Installers");

    // The file agrees with the screen: steps 1–5 done, readiness 45%.
    let report = wb
        .guide(shipped().expect("the method"), &Bands::default())
        .expect("the Guide's report");
    let first_five: Vec<StepState> = report.statuses[..5].iter().map(|s| s.state).collect();
    assert_eq!(first_five, [StepState::Done; 5]);
    // Step 5 says the channel is a choice, not a gap.
    assert!(
        report.statuses[4]
            .notes
            .iter()
            .any(|n| n.contains("a channel by choice, not a gap")),
        "{:?}",
        report.statuses[4]
    );
    // Five of the eleven required steps.
    assert_eq!(report.readiness, 45);
}
