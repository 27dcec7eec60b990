//! The hint bar greys what would do nothing now: the keys that act on the selected record (edit,
//! delete, scores…) while the list on screen is empty, on every tab that has a list; they come
//! back as soon as there is a record to act on.

mod screen_harness;

use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use screen_harness::{Screen, screen};

/// The colour the hint bar (the last line) draws the key of the entry whose words are `words`.
fn key_colour(s: &Screen, words: &str) -> Color {
    let buf = s.terminal.backend().buffer();
    let y = buf.area.bottom() - 1;
    let cells: Vec<_> = (buf.area.left()..buf.area.right())
        .map(|x| &buf[(x, y)])
        .collect();
    let line: String = cells.iter().map(|c| c.symbol()).collect();
    let at = line
        .find(&format!(" {words}"))
        .unwrap_or_else(|| panic!("no {words:?} in the hint bar: {line:?}"));
    // The key sits before its words, parted by one space: step back over it.
    let before = line[..at].chars().count();
    cells[before - 1].fg
}

fn muted() -> Color {
    Theme::dark().muted.fg.unwrap()
}

#[test]
fn an_empty_list_greys_the_keys_that_need_a_selection() {
    let mut s = screen(200, 30);
    // The roster: a filter that hides every partner.
    s.key(KeyCode::Char('3'));
    assert_ne!(key_colour(&s, "delete"), muted());
    assert_ne!(key_colour(&s, "scores"), muted());
    s.key(KeyCode::Char('/')).keys("nobody here");
    s.key(KeyCode::Enter);
    assert_eq!(key_colour(&s, "delete"), muted(), "{}", s.text());
    assert_eq!(key_colour(&s, "scores"), muted());
    assert_ne!(key_colour(&s, "add"), muted(), "adding needs no selection");
    // The filter cleared, there is a partner to act on again.
    s.key(KeyCode::Char('/'));
    s.key(KeyCode::Esc);
    assert_ne!(key_colour(&s, "delete"), muted(), "{}", s.text());

    // The empty risk register, the empty role tree, the empty KPI table.
    for tab in ['5', '4', '6'] {
        s.key(KeyCode::Char(tab));
        assert_eq!(
            key_colour(&s, "delete"),
            muted(),
            "tab {tab}:\n{}",
            s.text()
        );
        assert_ne!(key_colour(&s, "add"), muted(), "tab {tab}");
    }
}

#[test]
fn a_list_with_records_keeps_its_keys() {
    let mut s = screen(200, 30);
    s.key(KeyCode::Char('4'));
    assert_eq!(key_colour(&s, "delete"), muted());
    // The first role (the hub), from the form the add key opens.
    s.key(KeyCode::Char('a'));
    s.keys("Acme hub");
    s.key_with(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert!(s.text().contains("Acme hub"), "{}", s.text());
    assert_ne!(key_colour(&s, "delete"), muted(), "{}", s.text());
}
