//! What partners gain, as the value proposition shows it: counts of the current partners with and
//! without a "what they gain" line, the first few of each (active ones first among those without),
//! exited and declined partners left out, and the journal position that says when to read again.

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn workbook(dir: &TempDir) -> Workbook {
    let path = dir.path().join("gains.partnerplan");
    Workbook::create(&path, Some("Gains")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn add(wb: &mut Workbook, name: &str, stage: &str, gains: &str) -> i64 {
    wb.add_partner(&PartnerDraft {
        name: name.into(),
        stage: stage.into(),
        gains: gains.into(),
        ..Default::default()
    })
    .unwrap()
}

fn names(list: &[partnerplan::workbook::PartnerGain]) -> Vec<&str> {
    list.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn counts_and_windows_of_the_current_partners() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook(&dir);
    assert_eq!(wb.partner_gains(10).unwrap(), Default::default());
    add(&mut wb, "Cobalt", "active", "Our EU volume.");
    add(&mut wb, "acme", "prospect", "A reference customer.");
    add(&mut wb, "Birch", "evaluating", "");
    add(&mut wb, "Delta", "active", " \n ");
    add(&mut wb, "Echo", "exited", "");
    add(&mut wb, "Foxtrot", "declined", "Nothing now.");
    add(&mut wb, "Alder", "onboarding", "");
    let gains = wb.partner_gains(10).unwrap();
    assert_eq!((gains.with_gains, gains.without_gains), (2, 3));
    assert_eq!(
        names(&gains.listed),
        ["acme", "Cobalt"],
        "by name, any case"
    );
    assert_eq!(
        names(&gains.missing),
        ["Delta", "Alder", "Birch"],
        "a blank line is none; active partners come first"
    );
    assert_eq!(gains.listed[1].gains, "Our EU volume.");

    let first = wb.partner_gains(1).unwrap();
    assert_eq!(names(&first.listed), ["acme"]);
    assert_eq!(names(&first.missing), ["Delta"]);
    assert_eq!(
        (first.with_gains, first.without_gains),
        (2, 3),
        "counts stay whole"
    );
}

/// Few partners on one side and many on the other: both are read in name order, whichever way
/// the query walks.
#[test]
fn sparse_and_dense_sides_read_in_name_order() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook(&dir);
    for n in (0..60).rev() {
        add(&mut wb, &format!("Partner {n:02}"), "evaluating", "");
    }
    add(&mut wb, "Zeta", "evaluating", "Reach.");
    add(&mut wb, "Kappa", "evaluating", "Volume.");
    let gains = wb.partner_gains(3).unwrap();
    assert_eq!((gains.with_gains, gains.without_gains), (2, 60));
    assert_eq!(names(&gains.listed), ["Kappa", "Zeta"]);
    assert_eq!(
        names(&gains.missing),
        ["Partner 00", "Partner 01", "Partner 02"]
    );
}

#[test]
fn the_journal_position_moves_with_every_change_undo_and_redo() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook(&dir);
    let start = wb.journal_position().unwrap();
    add(&mut wb, "Acme", "active", "");
    let added = wb.journal_position().unwrap();
    assert_ne!(added, start);
    wb.undo().unwrap();
    let undone = wb.journal_position().unwrap();
    assert_ne!(undone, added);
    wb.redo().unwrap();
    assert_ne!(wb.journal_position().unwrap(), undone);
    assert_eq!(
        wb.journal_position().unwrap(),
        wb.journal_position().unwrap()
    );
}
