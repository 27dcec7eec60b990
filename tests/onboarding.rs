//! Onboarding checklists and check-ins in the workbook: toggling, progress, undo, due dates.

use jiff::civil::date;
use partnerplan::plan::PartnerDraft;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn setup() -> (TempDir, Workbook, i64) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("o.partnerplan");
    Workbook::create(&path, None).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let draft = PartnerDraft {
        name: "Northwind".into(),
        stage: "onboarding".into(),
        ..Default::default()
    };
    let id = wb.add_partner(&draft).unwrap();
    (dir, wb, id)
}

#[test]
fn space_toggles_items_and_progress_counts_applicable_ones() {
    let (_dir, mut wb, id) = setup();
    let lines = wb.checklist(id).unwrap();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.status == ItemStatus::Pending));
    assert_eq!(wb.onboarding_progress(id).unwrap(), Some(0));
    let today = date(2026, 11, 23);
    assert_eq!(
        wb.toggle_checklist_item(id, lines[0].item_id, today)
            .unwrap(),
        ItemStatus::Done
    );
    assert_eq!(
        wb.toggle_checklist_item(id, lines[1].item_id, today)
            .unwrap(),
        ItemStatus::Done
    );
    wb.set_checklist_item(
        id,
        lines[4].item_id,
        ItemStatus::Skipped,
        today,
        "not needed for resellers",
    )
    .unwrap();
    assert_eq!(
        wb.onboarding_progress(id).unwrap(),
        Some(50),
        "2 of 4 applicable items"
    );
    let line = &wb.checklist(id).unwrap()[4];
    assert_eq!(
        (line.status, line.note.as_str(), line.date.as_deref()),
        (
            ItemStatus::Skipped,
            "not needed for resellers",
            Some("2026-11-23")
        )
    );
    assert_eq!(
        wb.toggle_checklist_item(id, lines[0].item_id, today)
            .unwrap(),
        ItemStatus::Pending
    );
    wb.undo().unwrap();
    assert_eq!(
        wb.checklist(id).unwrap()[0].status,
        ItemStatus::Done,
        "undo brings the tick back"
    );
}

#[test]
fn check_ins_set_the_next_due_date_from_the_cadence() {
    let (_dir, mut wb, id) = setup();
    let today = date(2026, 11, 23);
    let none = wb.checkin_due(id, 30, today).unwrap();
    assert_eq!(none.next_due, None);
    wb.add_checkin(id, date(2026, 10, 1), "Kick-off call")
        .unwrap();
    wb.add_checkin(id, date(2026, 9, 1), "Intro").unwrap();
    let due = wb.checkin_due(id, 30, today).unwrap();
    assert_eq!(due.next_due, Some(date(2026, 10, 31)));
    assert!(due.overdue);
    let log = wb.checkins(id).unwrap();
    assert_eq!(
        log.iter().map(|c| c.held_on.as_str()).collect::<Vec<_>>(),
        ["2026-10-01", "2026-09-01"]
    );
    wb.connection()
        .execute(
            "UPDATE partners SET checkin_cadence_days = 60 WHERE id = ?1",
            [id],
        )
        .unwrap();
    let due = wb.checkin_due(id, 30, today).unwrap();
    assert_eq!(
        (due.next_due, due.overdue, due.due_this_week),
        (Some(date(2026, 11, 30)), false, true)
    );
    assert!(wb.add_checkin(id, today, "bad \u{1b}[2J").is_err());
    wb.undo().unwrap();
    assert_eq!(
        wb.checkins(id).unwrap().len(),
        1,
        "undo removes the last check-in"
    );
}
