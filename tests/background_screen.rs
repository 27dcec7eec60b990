//! The Overview's and the Guide's long readings on a thread of their own, through the app: the
//! tab shows its last figures and answers keys while the plan is read; a change made meanwhile
//! drops the reading under way, and the figures shown are those of the plan after the change.

mod overview_workbook;
mod screen_harness;

use std::time::Duration;

use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook, generate_risks, generate_workbook};
use ratatui::crossterm::event::KeyCode;
use screen_harness::{assert_shows, screen_with_settings};
use tempfile::TempDir;

#[test]
fn keys_are_answered_while_the_figures_are_read_and_a_change_meanwhile_is_counted() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("plan.partnerplan");
    generate_workbook(&path, 3_000, 42).unwrap();
    generate_risks(&path, 100, 42).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let settings = overview_workbook::settings();
    let mut s = screen_with_settings(wb, dir, (200, 60), Theme::dark(), settings, Vec::new());
    s.key(KeyCode::Char('7')).settle();
    assert_shows(&s, "3,000 partners");
    assert!(!s.app.reading_in_background());

    // Every reading counts as long from here: it runs on its own thread.
    s.app.set_long_reading(Duration::ZERO);
    s.keys("3d").key(KeyCode::Char('y'));
    s.key(KeyCode::Char('7'));
    assert_shows(&s, "3,000 partners");
    while s.app.idle() {
        s.draw();
    }
    assert!(
        s.app.reading_in_background(),
        "the idle pass left the reading to its own thread"
    );
    // A key is answered at once, the last figures still shown until the reading is taken.
    let before = s.text();
    s.key(KeyCode::Char('l'));
    assert_ne!(s.text(), before, "the selection moved");
    assert_shows(&s, "3,000 partners");

    // A change while the reading runs: the reading (of 2,999) is dropped, not shown.
    s.keys("3d").key(KeyCode::Char('y'));
    assert!(!s.app.reading_in_background());
    s.key(KeyCode::Char('7')).settle();
    assert_shows(&s, "2,998 partners");
    assert_eq!(s.count("SELECT count(*) FROM partners"), 2_998);
}
