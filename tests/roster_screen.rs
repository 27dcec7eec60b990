//! The roster as one tab among the others (the `Screen` trait): the mouse reaches it through the
//! trait's hooks, a partner saved is selected, and a change made on another tab shows when the
//! roster is next drawn, without the App naming the tab.

mod screen_harness;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use screen_harness::{Screen, screen, selected_line};

fn mouse(s: &mut Screen, kind: MouseEventKind, column: u16, row: u16) {
    s.app.handle_event(Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    s.draw();
}

/// The screen row that shows `needle`.
fn row_of(s: &Screen, needle: &str) -> u16 {
    let text = s.text();
    let index = text
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle} is not on screen:\n{text}"));
    u16::try_from(index).unwrap()
}

/// Adds a partner called `name` from the roster's form.
fn add_partner(s: &mut Screen, name: &str) {
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('a'));
    s.keys(name);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[test]
fn the_wheel_and_a_click_move_the_roster_selection() {
    let mut s = screen(120, 30);
    s.key(KeyCode::Char('3'));
    assert!(
        selected_line(&s.text()).contains("Brightpath"),
        "{}",
        s.text()
    );
    mouse(&mut s, MouseEventKind::ScrollDown, 10, 10);
    mouse(&mut s, MouseEventKind::ScrollDown, 10, 10);
    assert!(selected_line(&s.text()).contains("Helix"), "{}", s.text());
    mouse(&mut s, MouseEventKind::ScrollUp, 10, 10);
    assert!(selected_line(&s.text()).contains("Cobalt"), "{}", s.text());
    let row = row_of(&s, "Northwind");
    mouse(&mut s, MouseEventKind::Down(MouseButton::Left), 6, row);
    assert!(
        selected_line(&s.text()).contains("Northwind"),
        "{}",
        s.text()
    );
    // With the partner form open, the wheel and clicks leave the roster alone.
    s.key(KeyCode::Char('e'));
    mouse(&mut s, MouseEventKind::ScrollDown, 10, 10);
    s.key(KeyCode::Esc);
    assert!(
        selected_line(&s.text()).contains("Northwind"),
        "{}",
        s.text()
    );
}

#[test]
fn a_partner_saved_from_the_form_is_selected() {
    // Eight rows do not fit the window: the new partner sorts after all of them.
    let mut s = screen(100, 15);
    add_partner(&mut s, "Zyx Partner");
    assert_eq!(s.count("SELECT COUNT(*) FROM partners"), 8);
    assert!(
        selected_line(&s.text()).contains("Zyx Partner"),
        "{}",
        s.text()
    );
}

#[test]
fn an_undo_on_another_tab_shows_on_the_roster() {
    let mut s = screen(120, 30);
    add_partner(&mut s, "Quill Partners");
    assert!(s.text().contains("│› Quill Partners"), "{}", s.text());
    // Undone from the Risks tab, the roster reads again before it is next shown.
    s.key(KeyCode::Char('5'));
    s.key(KeyCode::Char('u'));
    s.key(KeyCode::Char('3'));
    let rows = s.text();
    assert!(
        !rows.lines().any(|l| l.contains("│  Quill Partners")),
        "{rows}"
    );
    assert!(s.text().contains("7 partners"), "{}", s.text());
}
