//! Governance forums in the real binary, in a real pseudo-terminal (issue 23): a planner adds the
//! partner council with a cadence, a next date and a partner member picked by typing, writes its
//! agenda with `w` (Markdown, the prompt's first choice) and `Ctrl-s`, and quits; then the forum
//! is found in the workbook, linked to the rule that names it, and the agenda beside the
//! workbook. Every step waits for what the screen shows.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::cadence::Cadence;
use partnerplan::plan::strategy::{GovernanceDraft, GovernanceTopic, Recipient};
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, ENTER, TAB, app_on};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

#[test]
fn a_planner_adds_a_forum_writes_its_agenda_and_finds_both_on_disk() {
    let home = TempDir::new().expect("a temporary home");
    let path = home.path().join("plan.partnerplan");
    Workbook::create(&path, Some("Connected factories")).expect("creating the workbook");
    let northwind = {
        let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening it");
        wb.add_governance_rule(&GovernanceDraft {
            topic: GovernanceTopic::Decision,
            rule: "New partners are approved by the partner council.".into(),
            forum: "Partner council".into(),
            cadence: "monthly".into(),
        })
        .expect("adding a rule");
        wb.add_partner(&PartnerDraft {
            name: "Northwind Logistics".into(),
            stage: "active".into(),
            ..Default::default()
        })
        .expect("adding a partner")
    };
    let mut pty = app_on(BIN, "forums", &path, home.path(), (100, 30));

    pty.step("2", "[Mission]");
    pty.step("N", "[Governance]");
    pty.step("F", "No forums yet");
    pty.step("a", "New governance forum");
    // Name, purpose, cadence, next meeting (far ahead, so today never passes it), members.
    pty.send(&format!(
        "Partner council{TAB}{TAB}monthly{TAB}2099-01-15{TAB}"
    ));
    pty.step(ENTER, "Add a partner");
    pty.step("north", "Northwind Logistics");
    pty.send(ENTER);
    pty.wait_for("the picker closed and the partner linked", |s| {
        !s.contents().contains("Add a partner") && s.contents().contains("Northwind Logistics")
    });
    pty.step(CTRL_S, "Added forum Partner council.");
    pty.step("w", "Markdown (.md)");
    pty.step(CTRL_S, "Wrote the agenda of Partner council for 2099-01-15");
    pty.quits_with("q");

    let wb = Workbook::open(&path, OpenOptions::default()).expect("reopening the workbook");
    let forum = wb.forum_named("Partner council").expect("the forum");
    assert_eq!(forum.forum.cadence, Some(Cadence::months(1)));
    assert_eq!(forum.forum.next_date.as_deref(), Some("2099-01-15"));
    assert_eq!(forum.forum.members, [Recipient::Partner(northwind)]);
    assert_eq!(forum.rules, 1, "the rule naming it is linked");
    let agenda = std::fs::read_to_string(home.path().join("agenda-partner-council-2099-01-15.md"))
        .expect("the agenda beside the workbook");
    assert!(agenda.starts_with("# Partner council — agenda for 2099-01-15"));
    assert!(agenda.contains("New partners are approved by the partner council."));
    assert!(agenda.contains("- **Members**: Northwind Logistics"));
}
