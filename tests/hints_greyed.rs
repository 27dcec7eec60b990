//! The hint bar greys what would do nothing now: the keys that act on the selected record (edit,
//! delete, scores…) while the list on screen is empty, on every tab that has a list, in a
//! partner's scores and checklist, and in the role matrix; they come back as soon as there is a
//! record to act on.

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

/// A workbook whose plan has no selection criteria and an empty checklist template: a
/// partner's scores and checklist have nothing to act on.
fn screen_without_criteria_or_checklist() -> Screen {
    let dir = tempfile::TempDir::new().unwrap();
    let mut wb = screen_harness::workbook_with_partners(&dir, false);
    for criterion in wb.criteria().unwrap() {
        wb.delete_criterion(criterion.criterion.id).unwrap();
    }
    for item in wb.onboarding_items().unwrap() {
        wb.delete_onboarding_item(item.id).unwrap();
    }
    screen_harness::screen_with(wb, dir, 200, 30, Theme::dark(), Vec::new())
}

#[test]
fn a_partners_empty_scores_and_checklist_grey_what_acts_on_an_item() {
    // With criteria and checklist items, every key is live.
    let mut s = screen(200, 30);
    s.key(KeyCode::Char('3')).key(KeyCode::Char('c'));
    assert_ne!(key_colour(&s, "score 1–5"), muted(), "{}", s.text());
    assert_ne!(key_colour(&s, "pass"), muted());
    s.key(KeyCode::Char('o'));
    assert_ne!(key_colour(&s, "skip"), muted(), "{}", s.text());

    let mut s = screen_without_criteria_or_checklist();
    s.key(KeyCode::Char('3')).key(KeyCode::Char('c'));
    assert_eq!(key_colour(&s, "score 1–5"), muted(), "{}", s.text());
    assert_eq!(key_colour(&s, "pass"), muted());
    assert_eq!(key_colour(&s, "fail"), muted());
    // The partner is there: the keys to its other views and to the next partner stay live.
    assert_ne!(key_colour(&s, "checklist"), muted());
    assert_ne!(key_colour(&s, "next/previous partner"), muted());
    s.key(KeyCode::Char('o'));
    assert_eq!(key_colour(&s, "skip"), muted(), "{}", s.text());
    assert_eq!(key_colour(&s, "block"), muted());
    assert_ne!(key_colour(&s, "scores"), muted());
    // The check-in log acts on the partner only: logging one stays live with none yet.
    s.key(KeyCode::Char('i'));
    assert_ne!(key_colour(&s, "log check-in"), muted(), "{}", s.text());
}

#[test]
fn an_empty_role_matrix_greys_the_keys_that_set_a_cell() {
    let mut s = screen(200, 30);
    // A sector's roles, then the matrix: a cell is selected.
    s.key(KeyCode::Char('4')).key(KeyCode::Char('t'));
    s.key(KeyCode::Enter).key(KeyCode::Enter);
    s.key_with(
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    s.key(KeyCode::Char('x'));
    assert_ne!(key_colour(&s, "lead"), muted(), "{}", s.text());
    assert_ne!(key_colour(&s, "clear"), muted());
    // A filter that matches no partner leaves no cell to set.
    s.key(KeyCode::Char('/')).keys("nobody here");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("No partner in this view"), "{}", s.text());
    assert_eq!(key_colour(&s, "lead"), muted(), "{}", s.text());
    assert_eq!(key_colour(&s, "clear"), muted());
    assert_ne!(key_colour(&s, "filter"), muted(), "filtering needs no cell");
}
