//! A form holding typing not saved yet is never closed by a jump from elsewhere: the mouse can
//! leave a form open behind another tab, and a Guide jump, an Overview number or a palette
//! command for that tab then shows the form as it was, says how to save or discard it, and
//! loses nothing (the Partners tab's own cases are in `partners_popups.rs`).

mod screen_harness;

use partnerplan::tui::keymap::Context;
use partnerplan::tui::tabs::TabId;
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, click_tab, demo_on_guide, enter_step};

/// Opens the "add" form on `tab` (its number key, then `a`) and types `typed` into its first
/// field, then clicks the Guide's tab, leaving the form open behind it.
fn typing_left_behind(tab: char, typed: &str) -> Screen {
    let mut s = demo_on_guide(120, 40);
    s.keys(&tab.to_string());
    s.keys("a");
    assert_eq!(s.app.context(), Context::Form, "{}", s.text());
    s.keys(typed);
    click_tab(&mut s, "Guide");
    assert_eq!(s.app.tab(), TabId::Guide);
    s
}

#[track_caller]
fn kept(s: &Screen, tab: TabId, typed: &str) {
    assert_eq!(s.app.tab(), tab, "{}", s.text());
    assert_eq!(s.app.context(), Context::Form, "{}", s.text());
    assert_shows(s, typed);
    assert_shows(s, "holds changes not saved yet");
}

#[test]
fn a_guide_jump_to_the_risks_keeps_a_risk_form_holding_typing() {
    let mut s = typing_left_behind('5', "Supplier goes bust");
    // Step 11 (risks) jumps to the register and opens a high risk's form.
    enter_step(&mut s, 11);
    kept(&s, TabId::Risks, "Supplier goes bust");
}

#[test]
fn a_guide_jump_to_the_roles_keeps_a_role_form_holding_typing() {
    let mut s = typing_left_behind('4', "Field robotics");
    // Step 5 (roles and structure) jumps to the Roles tab.
    enter_step(&mut s, 5);
    kept(&s, TabId::Roles, "Field robotics");
}

#[test]
fn a_palette_command_for_the_risks_keeps_a_risk_form_holding_typing() {
    let mut s = typing_left_behind('5', "Supplier goes bust");
    s.keys(":heat map");
    s.key(KeyCode::Enter);
    kept(&s, TabId::Risks, "Supplier goes bust");
}

/// Without typing, the jump closes the empty form and goes where it was sent.
#[test]
fn a_form_with_nothing_typed_gives_way_to_the_jump() {
    let mut s = typing_left_behind('5', "");
    enter_step(&mut s, 11);
    assert_eq!(s.app.tab(), TabId::Risks);
    let text = s.text();
    assert!(!text.contains("holds changes not saved yet"), "{text}");
}
