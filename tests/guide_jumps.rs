//! The Guide's `Enter` lands on the missing field itself: step 4 of a fresh plan opens the
//! new-goal form; step 4 of the demo opens Pylon's form on "They gain"; step 11 a high risk's
//! form on its Mitigations; step 12 the step's note. `Esc` comes back to the Guide.

mod screen_harness;

use partnerplan::tui::keymap::Context;
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, enter_step, screen_with};
use tempfile::TempDir;

/// The demo plan, made as `partnerplan demo` makes it.
fn demo(width: u16, height: u16) -> Screen {
    screen_harness::demo_on_guide(width, height)
}

fn fresh(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("fresh.partnerplan");
    Workbook::create(&path, Some("Fresh plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with(wb, dir, width, height, Theme::dark(), Vec::new());
    s.app.idle();
    s.draw();
    s
}

/// Fails unless the open form's cursor (the marker "›" before a label) is on `label`.
#[track_caller]
fn focused_on(s: &Screen, label: &str) {
    let text = s.text();
    assert!(
        text.contains(&format!("│›{label} ")),
        "the cursor is not on {label:?}:\n{text}"
    );
}

#[test]
fn step_4_of_a_fresh_plan_opens_the_new_goal_form() {
    let mut s = fresh(100, 30);
    enter_step(&mut s, 4);
    assert_eq!(s.app.tab(), TabId::Strategy);
    assert_eq!(s.app.context(), Context::Form);
    assert_shows(&s, "New goal");
    // Esc closes the form the jump opened and comes straight back to the step.
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Guide);
    assert_shows(&s, "Step 4 of 12");
}

#[test]
fn step_4_of_the_demo_opens_pylons_form_on_what_they_gain() {
    let mut s = demo(120, 40);
    enter_step(&mut s, 4);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "Edit Pylon Data Studio");
    focused_on(&s, "They gain");
    s.keys("Early access to our device data.");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Pylon Data Studio' AND gains <> ''"),
        1
    );
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Guide);
}

#[test]
fn step_11_of_the_demo_opens_the_high_risk_on_its_mitigations() {
    let mut s = demo(120, 40);
    enter_step(&mut s, 11);
    assert_eq!(s.app.tab(), TabId::Risks);
    assert_shows(&s, "Edit R-004");
    focused_on(&s, "Mitigations");
}

#[test]
fn step_12_opens_the_steps_note() {
    let mut s = demo(120, 40);
    enter_step(&mut s, 12);
    assert_eq!(s.app.tab(), TabId::Guide);
    assert_shows(&s, "Note on \"Ready for what comes next\"");
    focused_on(&s, "Note");
}

#[test]
fn step_5_of_a_hybrid_plan_without_partners_working_together_opens_the_ecosystem_view() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    partnerplan::exchange::toml::import(&path, include_str!("../assets/demo.toml"), &[]).unwrap();
    // The demo is hybrid; without its links and joint offerings, step 5 misses two partners
    // working together.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DELETE FROM offering_members; DELETE FROM offerings; DELETE FROM partner_links;",
        )
        .unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with(wb, dir, 120, 40, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('1'));
    s.app.idle();
    s.draw();
    s.key(KeyCode::Char('g')).keys("jjjj");
    assert_shows(&s, "yet no two partners work");
    assert_shows(&s, "Filled in at Roles › Ecosystem");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Roles);
    assert_shows(&s, "Network map");
    assert_shows(&s, "a add link");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Guide, "Esc comes back to the Guide");
}
