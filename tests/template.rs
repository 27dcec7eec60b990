//! The onboarding checklist template in the workbook: add, rename, reorder and delete items, each
//! undoable (a delete's statuses come back with it), and every partner's cached onboarding %
//! following the template.

use jiff::civil::date;
use partnerplan::plan::PartnerDraft;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::template::ItemDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("t.partnerplan");
    Workbook::create(&path, None).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn titles(wb: &Workbook) -> Vec<String> {
    wb.onboarding_items()
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect()
}

fn item(title: &str, description: &str) -> ItemDraft {
    ItemDraft {
        title: title.into(),
        description: description.into(),
    }
}

fn stored_pct(wb: &Workbook, partner: i64) -> Option<i64> {
    wb.connection()
        .query_row(
            "SELECT nullif(onboarding_pct, -1) FROM partners WHERE id = ?1",
            [partner],
            |r| r.get(0),
        )
        .unwrap()
}

fn partner(wb: &mut Workbook, name: &str) -> i64 {
    wb.add_partner(&PartnerDraft {
        name: name.into(),
        stage: "onboarding".into(),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn the_defaults_are_seeded_in_order() {
    let dir = TempDir::new().unwrap();
    let wb = open_new(&dir);
    let items = wb.onboarding_items().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i.partners == 0));
}

#[test]
fn add_rename_and_undo() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let seeded = titles(&wb);
    let id = wb
        .add_onboarding_item(&item("  Sign the NDA ", "Legal sends it.\nThey sign."))
        .unwrap();
    let added = wb.onboarding_items().unwrap().into_iter().last().unwrap();
    assert_eq!(added.id, id);
    assert_eq!(added.title, "Sign the NDA");
    assert_eq!(added.description, "Legal sends it.\nThey sign.");

    wb.update_onboarding_item(id, &item("Sign the mutual NDA", ""))
        .unwrap();
    assert_eq!(titles(&wb).last().unwrap(), "Sign the mutual NDA");
    wb.undo().unwrap();
    assert_eq!(titles(&wb).last().unwrap(), "Sign the NDA");
    wb.undo().unwrap();
    assert_eq!(titles(&wb), seeded);
}

#[test]
fn the_rule_refuses_duplicates_and_bad_titles() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let first = titles(&wb).remove(0);
    let err = wb
        .add_onboarding_item(&item(&first.to_uppercase(), ""))
        .unwrap_err();
    assert!(err.to_string().contains("already an item"), "{err}");
    assert!(wb.add_onboarding_item(&item(" ", "")).is_err());
    assert!(wb.add_onboarding_item(&item(&"x".repeat(121), "")).is_err());
    assert!(wb.add_onboarding_item(&item("A", "bell\u{7}")).is_err());
    // Keeping its own title (in another case) is fine.
    let id = wb.onboarding_items().unwrap()[0].id;
    wb.update_onboarding_item(id, &item(&first.to_lowercase(), ""))
        .unwrap();
}

#[test]
fn reorder_swaps_neighbours_in_one_undoable_change() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let seeded = titles(&wb);
    let items = wb.onboarding_items().unwrap();
    let first = items[0].id;
    assert!(
        !wb.move_onboarding_item(first, true).unwrap(),
        "already first"
    );
    assert!(wb.move_onboarding_item(first, false).unwrap());
    let moved = titles(&wb);
    assert_eq!(moved[0], seeded[1]);
    assert_eq!(moved[1], seeded[0]);
    let positions: Vec<i64> = wb
        .onboarding_items()
        .unwrap()
        .iter()
        .map(|i| i.position)
        .collect();
    let expected: Vec<i64> = (1..=positions.len() as i64).collect();
    assert_eq!(positions, expected, "numbered 1, 2, 3…");
    wb.undo().unwrap();
    assert_eq!(titles(&wb), seeded, "one undo reverts one move");
    let last = items.last().unwrap().id;
    assert!(
        !wb.move_onboarding_item(last, false).unwrap(),
        "already last"
    );
}

#[test]
fn delete_takes_the_statuses_and_undo_brings_them_back_with_the_pct() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let a = partner(&mut wb, "Northwind");
    let b = partner(&mut wb, "Globex");
    let items = wb.onboarding_items().unwrap();
    // The items of an untyped partner's checklist: every type's (the first ones).
    let n = wb.checklist(a).unwrap().len() as i64;
    let (first, second) = (items[0].id, items[1].id);
    let on = date(2026, 11, 2);
    wb.set_checklist_item(a, first, ItemStatus::Done, on, "kick-off held")
        .unwrap();
    wb.set_checklist_item(b, first, ItemStatus::Done, on, "")
        .unwrap();
    wb.set_checklist_item(b, second, ItemStatus::Done, on, "")
        .unwrap();
    assert_eq!(wb.onboarding_item_statuses(first).unwrap(), 2);
    assert_eq!(wb.onboarding_items().unwrap()[0].partners, 2);
    assert_eq!(stored_pct(&wb, a), Some(100 / n));
    assert_eq!(stored_pct(&wb, b), Some(200 / n));

    assert_eq!(
        wb.delete_onboarding_item(first).unwrap(),
        items[0].title.as_str()
    );
    assert_eq!(wb.onboarding_item_statuses(first).unwrap(), 0);
    assert_eq!(stored_pct(&wb, a), Some(0), "its done item went");
    assert_eq!(stored_pct(&wb, b), Some(100 / (n - 1)));

    wb.undo().unwrap();
    assert_eq!(titles(&wb)[0], items[0].title);
    assert_eq!(wb.onboarding_item_statuses(first).unwrap(), 2);
    let line = wb
        .checklist(a)
        .unwrap()
        .into_iter()
        .find(|l| l.item_id == first)
        .unwrap();
    assert_eq!(line.status, ItemStatus::Done);
    assert_eq!(line.note, "kick-off held");
    assert_eq!(stored_pct(&wb, a), Some(100 / n));
    assert_eq!(stored_pct(&wb, b), Some(200 / n));
}

#[test]
fn adding_an_item_recomputes_every_partners_pct_and_an_empty_template_has_none() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let a = partner(&mut wb, "Northwind");
    let items = wb.onboarding_items().unwrap();
    // The items of an untyped partner's checklist: every type's, not those of a type's own.
    let n = wb.checklist(a).unwrap().len() as i64;
    for i in &items {
        wb.set_checklist_item(a, i.id, ItemStatus::Done, date(2026, 11, 2), "")
            .unwrap();
    }
    assert_eq!(stored_pct(&wb, a), Some(100));
    wb.add_onboarding_item(&item("Joint press release", ""))
        .unwrap();
    assert_eq!(stored_pct(&wb, a), Some(n * 100 / (n + 1)));
    wb.undo().unwrap();
    assert_eq!(stored_pct(&wb, a), Some(100));

    for i in &items {
        wb.delete_onboarding_item(i.id).unwrap();
    }
    assert!(titles(&wb).is_empty());
    assert_eq!(stored_pct(&wb, a), None, "no applicable item");
}
