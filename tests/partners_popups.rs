//! The Partners tab holds one form at a time over the roster (a partner's, the facet filter's or
//! the "add a word" form): a Guide jump or another tab's palette command that reaches the tab
//! while one is open closes it first — or, when it holds typing not saved yet, leaves it open
//! and says so — so a key never goes to a form the screen does not show.

mod screen_harness;

use partnerplan::tui::keymap::Context;
use partnerplan::tui::tabs::TabId;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use screen_harness::{Screen, assert_shows, demo_on_guide, screen};

/// Clicks the tab bar's label `title` (the mouse switches tabs whatever a tab has open).
fn click_tab(s: &mut Screen, title: &str) {
    let text = s.text();
    let bar = text.lines().nth(1).unwrap_or_default();
    let at = bar
        .find(title)
        .unwrap_or_else(|| panic!("no tab {title} in the tab bar:\n{text}"));
    // Each line of the backend's text starts with a quote mark.
    let column = bar[..at].chars().count() - 1;
    s.app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: u16::try_from(column).unwrap(),
        row: 1,
        modifiers: KeyModifiers::NONE,
    }));
    s.draw();
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
        click_tab(&mut s, "Guide");
        assert_eq!(s.app.tab(), TabId::Guide);
        s.key(KeyCode::Char('g'));
        for _ in 1..4 {
            s.key(KeyCode::Char('j'));
        }
        s.key(KeyCode::Enter);
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
    click_tab(&mut s, "Roles");
    assert_eq!(s.app.tab(), TabId::Roles);
    s.keys(":rank the candidates by fit");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_eq!(s.app.context(), Context::Form);
    assert_shows(&s, "New partner");
    assert_shows(&s, "Acme");
    assert!(!s.text().contains("Ranking of candidates"), "{}", s.text());
    assert_shows(&s, "holds changes not saved yet");
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
    click_tab(&mut s, "Roles");
    s.keys(":rank the candidates by fit");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_eq!(s.app.context(), Context::Ranking, "{}", s.text());
    assert_shows(&s, "Ranking of candidates");
    assert!(!s.text().contains("Filter by"), "{}", s.text());
}
