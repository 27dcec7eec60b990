//! Filter, sort and the open tab are remembered per workbook: set them, quit, reopen.

mod screen_harness;

use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{screen_with, workbook_with_partners};
use tempfile::TempDir;

#[test]
fn filter_sort_and_tab_survive_closing_and_reopening_the_workbook() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("acme.partnerplan");
    let wb = workbook_with_partners(&dir, false);
    let mut s = screen_with(
        wb,
        TempDir::new().unwrap(),
        100,
        30,
        Theme::dark(),
        Vec::new(),
    );
    s.key(KeyCode::Char('/')).keys("dana").key(KeyCode::Enter);
    s.key(KeyCode::Char('s'))
        .key_with(KeyCode::Char('S'), KeyModifiers::SHIFT);
    s.key(KeyCode::Char('4')).key(KeyCode::Char('3'));
    assert!(s.text().contains("filter: dana"));
    s.app.remember_view();
    drop(s);

    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let s = screen_with(
        wb,
        TempDir::new().unwrap(),
        100,
        30,
        Theme::dark(),
        Vec::new(),
    );
    let text = s.text();
    assert!(text.contains("filter: dana"), "{text}");
    assert!(text.contains("sorted by type ↓"), "{text}");
    assert!(
        text.contains("Northwind Logistics") && !text.contains("Helix Cloud"),
        "{text}"
    );
}
