//! The Partners tab holds one form at a time over the roster (a partner's, the facet filter's or
//! the "add a word" form): a Guide jump or another tab's palette command that reaches the tab
//! while one is open closes it first — or, when it (or a view's form) holds typing not saved
//! yet, leaves it open and says so — so a key never goes to a form the screen does not show
//! and nothing typed is lost.

mod screen_harness;

use partnerplan::tui::keymap::Context;
use partnerplan::tui::tabs::TabId;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, click_tab, demo_on_guide, enter_step, screen};

/// Clicks the Guide's tab (whatever the roster has open) and presses Enter on step 4, which
/// in the demo opens Pylon Data Studio's form on the roster.
fn jump_to_step_4(s: &mut Screen) {
    click_tab(s, "Guide");
    assert_eq!(s.app.tab(), TabId::Guide);
    enter_step(s, 4);
}

/// Clicks the Roles tab (whatever the roster has open) and runs the Partners tab's "rank the
/// candidates by fit" from its palette.
fn rank_from_the_roles_tab(s: &mut Screen) {
    click_tab(s, "Roles");
    assert_eq!(s.app.tab(), TabId::Roles);
    s.keys(":rank the candidates by fit");
    s.key(KeyCode::Enter);
}

/// Fails unless the Partners tab shows the form `title`, taking keys, with `typed` kept in it and
/// the status line saying why it stayed.
#[track_caller]
fn kept(s: &Screen, title: &str, typed: &str) {
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_eq!(s.app.context(), Context::Form);
    assert_shows(s, title);
    assert_shows(s, typed);
    assert_shows(s, "holds changes not saved yet");
}

fn gains_of(s: &Screen, name: &str) -> String {
    s.app
        .workbook()
        .connection()
        .query_row("SELECT gains FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Step 4 of the demo opens Pylon's form on the roster; a facet or word form left open there
/// (the mouse took the user to the Guide) is closed by the jump, so the typing goes into
/// Pylon's form and saves.
#[test]
fn a_guide_jump_closes_a_facet_or_word_form_left_open_on_the_roster() {
    for (key, title) in [('f', "Filter by"), ('W', "Add a word to a list")] {
        let mut s = demo_on_guide(120, 40);
        s.key(KeyCode::Char('3'));
        s.keys(&key.to_string());
        assert_shows(&s, title);
        jump_to_step_4(&mut s);
        assert_eq!(s.app.tab(), TabId::Partners);
        assert_shows(&s, "Edit Pylon Data Studio");
        assert!(
            !s.text().contains(title),
            "{title} still open:\n{}",
            s.text()
        );
        s.keys("Early access to our device data.");
        s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            gains_of(&s, "Pylon Data Studio"),
            "Early access to our device data.",
            "after {title}:\n{}",
            s.text()
        );
    }
}

/// Another tab's palette command for the roster (here: the ranking) while the partner form is
/// open with a name typed keeps the form and its typing, on screen, and says how to go on;
/// with only the facet form open, the facet form closes and the ranking shows and takes keys.
#[test]
fn another_tab_s_palette_command_never_hides_the_roster_s_open_form() {
    let mut s = screen(120, 30);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Char('a'))
        .keys("Acme");
    rank_from_the_roles_tab(&mut s);
    kept(&s, "New partner", "Acme");
    assert!(!s.text().contains("Ranking of candidates"), "{}", s.text());
    s.keys(" Ltd");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Acme Ltd'"),
        1,
        "{}",
        s.text()
    );

    s.key(KeyCode::Char('f'));
    assert_shows(&s, "Filter by");
    rank_from_the_roles_tab(&mut s);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_eq!(s.app.context(), Context::Ranking, "{}", s.text());
    assert_shows(&s, "Ranking of candidates");
    assert!(!s.text().contains("Filter by"), "{}", s.text());
}

/// A Guide jump to the roster while the partner form holds typing not saved yet keeps that form,
/// on screen, and says how to go on, instead of opening the step's form over the typing's loss.
#[test]
fn a_guide_jump_keeps_a_partner_form_holding_typing() {
    let mut s = demo_on_guide(120, 40);
    s.key(KeyCode::Char('3'))
        .key(KeyCode::Char('a'))
        .keys("Acme");
    jump_to_step_4(&mut s);
    kept(&s, "New partner", "Acme");
    assert!(!s.text().contains("Edit Pylon Data Studio"), "{}", s.text());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Acme'"),
        1,
        "{}",
        s.text()
    );
}

/// A view's form holding typing (here a check-in's) is kept the same way when another tab's
/// palette command comes to the roster.
#[test]
fn another_tab_s_palette_command_keeps_a_view_s_form_holding_typing() {
    let mut s = screen(120, 30);
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('i')).key(KeyCode::Char('a'));
    assert_shows(&s, "Log a check-in");
    s.keys("Met the CTO");
    rank_from_the_roles_tab(&mut s);
    kept(&s, "Log a check-in", "Met the CTO");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM checkins WHERE summary = 'Met the CTO'"),
        1,
        "{}",
        s.text()
    );
}
