//! The Ecosystem view in the real binary, in a real pseudo-terminal: a planner opens it from the
//! Roles tab, links two partners through the picker and the form, adds a joint offering with a
//! critical member, and quits; then the workbook file is opened and the link, the offering and
//! the member are found in it. Every step waits for what the screen shows, never for a fixed time.

// This test uses part of the pseudo-terminal support; the rest serves tests/terminal.rs.
#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use pty::{CTRL_S, ENTER, TAB, app_on};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// A workbook with three active partners, in a sealed-off home.
fn workbook_with_partners(home: &Path) -> (PathBuf, Vec<i64>) {
    let path = home.join("plan.partnerplan");
    Workbook::create(&path, Some("Connected factories")).expect("creating the workbook");
    let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening it");
    let ids = ["Helix Cloud", "Northwind Logistics", "Pylon Data Studio"]
        .iter()
        .map(|name| {
            wb.add_partner(&PartnerDraft {
                name: (*name).into(),
                partner_type: "technology".into(),
                stage: "active".into(),
                ..Default::default()
            })
            .expect("adding a partner")
        })
        .collect();
    (path, ids)
}

#[test]
fn a_planner_links_two_partners_and_adds_an_offering_and_finds_them_in_the_file() {
    let home = TempDir::new().expect("a temporary home");
    let (path, ids) = workbook_with_partners(home.path());
    let mut pty = app_on(BIN, "ecosystem", &path, home.path(), (120, 36));

    pty.step("4", "x matrix");
    pty.step("n", "Network map · all 3 partners");
    // The first partner in the view's order is selected: link it with Pylon Data Studio.
    pty.step("a", "with…");
    pty.step("pylon", "Pylon Data Studio");
    pty.step(ENTER, "New link:");
    // Kind (the first word), direction, status: "active" by its first letter.
    pty.send(&format!("{TAB}{TAB}a"));
    pty.step(CTRL_S, "Added the link");
    pty.wait_for_text("1 active link among");

    pty.step("o", "No joint offering yet");
    pty.step("a", "New joint offering");
    pty.step(
        &format!("Factory data hub{CTRL_S}"),
        "Added the offering Factory data hub",
    );
    pty.step("m", "Who joins Factory data hub?");
    pty.step("northwind", "Northwind Logistics");
    pty.step(ENTER, "Northwind Logistics joins the offering");
    pty.send(&format!("Line sensors{TAB}{TAB} "));
    pty.step(CTRL_S, "Added a member to Factory data hub.");
    pty.wait_for_text("Northwind Logistics: Line sensors · critical");

    pty.step("o", "Network map");
    // q goes back to the role tree, whose hints offer the view again; q there quits.
    pty.step("q", "n ecosystem");
    pty.quits_with("q");

    let wb = Workbook::open(&path, OpenOptions::default()).expect("reopening the workbook");
    let links = wb.links().expect("reading the links");
    assert_eq!(links.len(), 1, "{links:?}");
    let link = &links[0].link;
    let ends = [link.from, link.to];
    assert!(ends.contains(&ids[2]), "Pylon is one end: {links:?}");
    assert_eq!(link.status, "active");
    let offerings = wb.offerings().expect("reading the offerings");
    assert_eq!(offerings.len(), 1);
    assert_eq!(offerings[0].offering.name, "Factory data hub");
    let members = &offerings[0].members;
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].member.partner, Some(ids[1]));
    assert_eq!(members[0].member.contribution, "Line sensors");
    assert!(members[0].member.critical);
}
