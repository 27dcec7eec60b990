//! Screen tests of programmes per partner type in the Partners tab: `]` shows one type's
//! criteria and checklist, `w` gives a criterion the type's own weight, `x` takes it back, and
//! `Space` puts a checklist item in or out of the type's checklist; each reaches the workbook.

mod screen_harness;

use std::time::Duration;

use jiff::civil::date;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, press_until, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

fn screen(width: u16, height: u16, view: &str) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let settings = Settings {
        today: Some(date(2026, 11, 23)),
        ..Settings::default()
    };
    let mut s = screen_with_settings(
        wb,
        dir,
        (width, height),
        Theme::dark(),
        settings,
        Vec::new(),
    );
    s.keys(view);
    s
}

/// The reseller's own weight of `criterion`, as stored (`None`: as every type's).
fn reseller_weight(s: &Screen, criterion: &str) -> Option<f64> {
    s.app
        .workbook()
        .connection()
        .query_row(
            "SELECT o.weight FROM criterion_type_weights o \
             JOIN selection_criteria c ON c.id = o.criterion_id \
             WHERE c.name = ?1 AND o.partner_type = 'reseller'",
            [criterion],
            |r| r.get(0),
        )
        .ok()
        .flatten()
}

/// Empties the focused field.
fn clear(s: &mut Screen) {
    for _ in 0..6 {
        s.key(KeyCode::Backspace);
    }
}

#[test]
fn the_criteria_of_one_type_show_its_own_weights_and_w_and_x_set_and_clear_them() {
    let mut s = screen(80, 24, "C");
    assert!(s.text().contains("For every type"), "{}", s.text());
    // Every type's programme, then the type list in order: strategic alliance, reseller.
    s.keys("]]");
    let text = s.text();
    assert!(text.contains("For reseller"), "{text}");
    assert!(
        text.contains("35 · 35%"),
        "the reseller's capabilities: {text}"
    );
    assert!(text.contains("this type's own"), "{text}");
    insta::assert_snapshot!("criteria_of_a_reseller_80x24", s.terminal.backend());

    // Cultural fit (second) gets the reseller's own weight of 20 instead of 10.
    s.keys("j").keys("w");
    assert!(
        s.text().contains("Cultural fit for reseller"),
        "{}",
        s.text()
    );
    clear(&mut s);
    s.keys("20");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        reseller_weight(&s, "Cultural fit"),
        Some(20.0),
        "{}",
        s.text()
    );
    assert!(s.text().contains("20 · "), "{}", s.text());
    // A weight that cannot be is refused on its field, and nothing changes.
    s.keys("w");
    clear(&mut s);
    s.keys("500");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.text().contains("Give a weight from 0 to"), "{}", s.text());
    s.key(KeyCode::Esc).keys("y");
    assert_eq!(reseller_weight(&s, "Cultural fit"), Some(20.0));
    // `x` takes it back to every type's; `u` undoes that.
    s.keys("x");
    assert_eq!(reseller_weight(&s, "Cultural fit"), None);
    s.keys("u");
    assert_eq!(reseller_weight(&s, "Cultural fit"), Some(20.0));
    // Back round to every type's programme, where `w` says how to pick a type.
    let types = s.app.workbook().programme_types().unwrap().len();
    for _ in 0..types - 1 {
        s.keys("]");
    }
    assert!(s.text().contains("For every type"), "{}", s.text());
    s.keys("w");
    assert!(
        s.text().contains("press ] to pick a partner type"),
        "{}",
        s.text()
    );
}

#[test]
fn space_puts_a_checklist_item_in_or_out_of_a_types_checklist() {
    let mut s = screen(100, 30, "T");
    let kickoff_reach = |s: &Screen| {
        let wb = s.app.workbook();
        let id = wb
            .onboarding_items()
            .unwrap()
            .into_iter()
            .find(|i| i.title == "Kick-off held")
            .unwrap()
            .id;
        wb.item_reach(id).unwrap().label()
    };
    assert!(
        s.text().contains("Sales certification passed"),
        "{}",
        s.text()
    );
    // Space in every type's list says how to pick a type and changes nothing.
    s.keys(" ");
    assert!(
        s.text().contains("press ] to pick a partner type"),
        "{}",
        s.text()
    );
    // In the supplier's checklist (after the types before it), Kick-off held (4th) goes out of
    // every type's into the supplier's only, then back.
    let types = s.app.workbook().programme_types().unwrap();
    let supplier = types.iter().position(|t| t == "supplier").unwrap();
    for _ in 0..=supplier {
        s.keys("]");
    }
    let text = s.text();
    assert!(
        text.contains("Checklist of supplier: 6 of 10 items"),
        "{text}"
    );
    insta::assert_snapshot!("checklist_of_a_supplier_100x30", s.terminal.backend());
    s.keys("jjj ");
    assert_eq!(kickoff_reach(&s), "supplier");
    s.keys(" ");
    assert_eq!(kickoff_reach(&s), "every type");
    s.keys("u");
    assert_eq!(kickoff_reach(&s), "supplier");
}

#[test]
fn a_criterion_added_while_a_type_is_shown_is_every_types_and_the_form_says_so() {
    let mut s = screen(100, 30, "C");
    s.keys("]]");
    assert!(s.text().contains("For reseller"), "{}", s.text());
    s.keys("a");
    let text = s.text();
    assert!(text.contains("New criterion for every type"), "{text}");
    assert!(
        text.contains("Every type's programme gets it"),
        "the form does not say whose it is: {text}"
    );
    insta::assert_snapshot!("new_criterion_for_a_reseller_100x30", s.terminal.backend());
    s.keys("Local presence");
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("10");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let wb = s.app.workbook();
    let added = wb
        .criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.name == "Local presence")
        .expect("the criterion was added");
    assert_eq!(added.criterion.weight, 10.0);
    assert_eq!(reseller_weight(&s, "Local presence"), None);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM criterion_type_weights o JOIN selection_criteria c \
             ON c.id = o.criterion_id WHERE c.name = 'Local presence'"
        ),
        0,
        "every type weighs it alike"
    );
}

#[test]
fn a_checklist_item_added_while_a_type_is_shown_is_that_types_only_in_one_undo() {
    let mut s = screen(100, 30, "T");
    let types = s.app.workbook().programme_types().unwrap();
    let supplier = types.iter().position(|t| t == "supplier").unwrap();
    for _ in 0..=supplier {
        s.keys("]");
    }
    s.keys("a");
    let text = s.text();
    assert!(text.contains("New checklist item for supplier"), "{text}");
    assert!(
        text.contains("Only the checklist of supplier will hold it"),
        "{text}"
    );
    s.keys("Customs papers checked");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let reach = |s: &Screen| {
        let wb = s.app.workbook();
        wb.onboarding_items()
            .unwrap()
            .into_iter()
            .find(|i| i.title == "Customs papers checked")
            .map(|i| wb.item_reach(i.id).unwrap().label())
    };
    assert_eq!(reach(&s).as_deref(), Some("supplier"), "{}", s.text());
    assert!(
        s.text().contains("Checklist of supplier: 7 of 11 items"),
        "{}",
        s.text()
    );
    // Northwind, the supplier, has one more item to do; a reseller's checklist is as it was.
    let items_of = |s: &Screen, name: &str| {
        let wb = s.app.workbook();
        let id = screen_harness::id_of(wb, "partners", name);
        wb.checklist(id).unwrap().len()
    };
    assert_eq!(items_of(&s, "Northwind Logistics"), 7);
    // One undo takes back the item and its type together.
    s.keys("u");
    assert_eq!(reach(&s), None);
    assert_eq!(s.count("SELECT count(*) FROM onboarding_item_types WHERE partner_type = 'supplier' AND item_id NOT IN (SELECT id FROM onboarding_items)"), 0);
    assert_eq!(items_of(&s, "Northwind Logistics"), 6);
}

#[test]
fn the_scores_of_a_partner_whose_type_has_its_own_weight_say_why_it_weighs_that() {
    let mut s = screen(100, 40, "");
    // Meridian Resellers is a value-added reseller: a channel partner's programme.
    let own = s
        .app
        .workbook()
        .criteria_for_type(Some("value-added reseller"))
        .unwrap()
        .into_iter()
        .find(|c| c.setting.weight.is_some())
        .expect("the channel partners' programme weighs a criterion its own way");
    press_until(&mut s, KeyCode::Char('j'), 20, |text| {
        screen_harness::selected_line(text).contains("Meridian Resellers")
    });
    s.keys("c");
    // Down to that criterion: its reason is in the detail pane.
    press_until(&mut s, KeyCode::Char('j'), 10, |text| {
        screen_harness::selected_line(text).contains(&own.record.criterion.name)
    });
    // The detail pane wraps: the sentence is read back across its lines.
    let text = s.text();
    let words: Vec<&str> = text
        .lines()
        .flat_map(|l| l.split(['│', ' ']))
        .filter(|w| !w.is_empty())
        .collect();
    let said = format!(
        "The programme of value-added reseller gives it its own weight, {} (every type's: weight {}).",
        own.effective.weight, own.record.criterion.weight
    );
    assert!(
        words.join(" ").contains(&said),
        "the scores do not say the type's own weight ({said}): {text}"
    );
    insta::assert_snapshot!(
        "scores_of_a_value_added_reseller_100x40",
        s.terminal.backend()
    );
}

#[test]
fn a_roster_wide_change_waits_for_the_idle_pass_behind_a_working_mark_and_keys_wait_for_it() {
    let mut s = screen(100, 30, "C");
    // As on a large roster: the last rework was long, so the next waits for the idle pass.
    s.app
        .set_long_rework(Duration::ZERO, Some(Duration::from_millis(1)));
    s.keys("]]j").keys("w");
    clear(&mut s);
    s.keys("20");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.app.rework_pending());
    assert!(
        s.text()
            .contains("Working out every partner's fit and onboarding"),
        "{}",
        s.text()
    );
    assert_eq!(
        reseller_weight(&s, "Cultural fit"),
        Some(10.0),
        "written on the key"
    );
    s.settle();
    assert!(!s.app.rework_pending());
    assert_eq!(reseller_weight(&s, "Cultural fit"), Some(20.0));
    assert!(s.text().contains("20 · "), "{}", s.text());
    // Every partner's cached fit is the rules' once written.
    let wb = s.app.workbook();
    let ids: Vec<i64> = wb
        .connection()
        .prepare("SELECT id FROM partners")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for id in ids {
        let cached: f64 = wb
            .connection()
            .query_row("SELECT fit_score FROM partners WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        let rules = wb.partner_fit(id).unwrap().score.unwrap_or(-1.0);
        assert!(
            (cached - rules).abs() < 1e-9,
            "partner {id}: {cached} vs {rules}"
        );
    }
    // A key pressed before the idle pass waits for the change: `x` (back to every type's)
    // waits, `u` writes it first; its undo, a programme's change too, waits for the idle pass
    // in turn, as does the redo.
    s.keys("x");
    assert!(s.app.rework_pending());
    assert_eq!(reseller_weight(&s, "Cultural fit"), Some(20.0));
    s.keys("u");
    assert_eq!(
        reseller_weight(&s, "Cultural fit"),
        None,
        "x written before the undo"
    );
    assert!(s.app.rework_pending(), "the undo waits for the idle pass");
    assert!(s.text().contains("Working out every partner's fit"));
    s.settle();
    assert!(!s.app.rework_pending());
    assert_eq!(
        reseller_weight(&s, "Cultural fit"),
        Some(20.0),
        "undone in order"
    );
    assert!(s.text().contains("Undid: "), "{}", s.text());
    s.key_with(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(s.app.rework_pending(), "the redo waits for the idle pass");
    s.settle();
    assert_eq!(reseller_weight(&s, "Cultural fit"), None, "redone");
}
