//! `q` in a sub-view goes back to where it was opened from, as `Esc` does; only from a top-level
//! list does it quit the app.

mod screen_harness;

use ratatui::crossterm::event::KeyCode;
use screen_harness::*;

#[test]
fn q_in_a_sub_view_goes_back_and_quits_only_from_the_top() {
    let mut s = screen(100, 30);
    // The roster, then a partner's scores, check-ins and the ranking.
    for (key, shown) in [('c', "Scores"), ('i', "Check-ins"), ('r', "Ranking")] {
        s.key(KeyCode::Char(key));
        assert_shows(&s, shown);
        s.key(KeyCode::Char('q'));
        assert!(!s.app.should_quit(), "q in {shown} quit the app");
        assert_shows(&s, "sorted by name");
    }
    // The role matrix and the risk heat map.
    s.key(KeyCode::Char('4'));
    s.key(KeyCode::Char('x'));
    s.key(KeyCode::Char('q'));
    assert!(!s.app.should_quit(), "q in the matrix quit the app");
    s.key(KeyCode::Char('5'));
    s.key(KeyCode::Char('m'));
    s.key(KeyCode::Char('q'));
    assert!(!s.app.should_quit(), "q in the heat map quit the app");
    // From a top-level list it quits.
    s.key(KeyCode::Char('q'));
    assert!(s.app.should_quit(), "q on the register should quit");
}
