//! Snapshots in the app (`Ctrl-t`, or "snapshots" in the palette): keep the plan under a label,
//! change it, then see what changed since — read from the snapshot kept inside the workbook.

mod screen_harness;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::*;

fn ctrl(s: &mut Screen, c: char) {
    s.key_with(KeyCode::Char(c), KeyModifiers::CONTROL);
}

#[test]
fn a_snapshot_is_kept_under_a_label_and_shows_what_changed_since() {
    let mut s = screen(80, 24);
    ctrl(&mut s, 't');
    assert_shows(&s, "No snapshot is kept yet.");
    s.key(KeyCode::Char('a'));
    for _ in 0..40 {
        s.key(KeyCode::Backspace);
    }
    s.keys("SteerCo 2026-12");
    assert_shows(&s, "Label: SteerCo 2026-12");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Kept \"SteerCo 2026-12\"");
    insta::assert_snapshot!(
        "snapshots_80x24",
        s.text().replace(|c: char| c.is_ascii_digit(), "9")
    );
    assert_eq!(
        s.count("SELECT count(*) FROM snapshots WHERE label = 'SteerCo 2026-12'"),
        1
    );
    s.key(KeyCode::Esc);

    // A partner goes, through the roster's own delete.
    let partners = s.count("SELECT count(*) FROM partners");
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('y'));
    assert_eq!(s.count("SELECT count(*) FROM partners"), partners - 1);

    ctrl(&mut s, 't');
    s.key(KeyCode::Enter);
    assert_shows(&s, "Changes since \"SteerCo 2026-12\"");
    assert_shows(&s, "1 change in 1 area.");
    assert_shows(&s, "removed");
    s.key(KeyCode::Esc);

    // Removing one asks first, and says undo cannot bring it back.
    ctrl(&mut s, 't');
    s.key(KeyCode::Char('d'));
    assert_shows(&s, "undo cannot bring it back");
    s.key(KeyCode::Char('n'));
    assert_eq!(s.count("SELECT count(*) FROM snapshots"), 1);
    s.key(KeyCode::Char('d'));
    s.key(KeyCode::Char('y'));
    assert_eq!(s.count("SELECT count(*) FROM snapshots"), 0);
    assert_shows(&s, "Removed");
}
