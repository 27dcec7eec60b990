//! The resize race of issue 15: the terminal changes size between the app's `prepare` (which
//! sizes each tab's windows) and the frame being drawn. Drawing must use only the frame's own
//! size, whatever the tab was prepared for — no panic ("index outside of buffer").

mod screen_harness;

use partnerplan::tui::render_frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use screen_harness::screen;

#[test]
fn every_tab_draws_into_a_frame_smaller_or_larger_than_it_was_prepared_for() {
    let mut s = screen(120, 40);
    let sizes = [
        (300, 100),
        (60, 15),
        (61, 16),
        (200, 20),
        (60, 80),
        (1, 1),
        (80, 24),
    ];
    for tab in '1'..='7' {
        s.key(KeyCode::Char(tab));
        for &(prepared_w, prepared_h) in &sizes {
            for &(drawn_w, drawn_h) in &sizes {
                s.app.prepare(Rect::new(0, 0, prepared_w, prepared_h));
                s.terminal.backend_mut().resize(drawn_w, drawn_h);
                let app = &s.app;
                let frame = s.terminal.draw(|frame| render_frame(app, frame)).unwrap();
                // The frame is the size it was drawn at, whatever size was prepared …
                assert_eq!(
                    (frame.area.width, frame.area.height),
                    (drawn_w, drawn_h),
                    "tab {tab}, prepared {prepared_w}×{prepared_h}"
                );
                // … and shows something there: the tab, or a word that the screen is too small.
                if drawn_w >= 20 && drawn_h >= 5 {
                    assert!(
                        s.text().chars().any(|c| !c.is_whitespace()),
                        "tab {tab} drawn blank at {drawn_w}×{drawn_h} (prepared \
                         {prepared_w}×{prepared_h})"
                    );
                }
            }
        }
        s.terminal.backend_mut().resize(120, 40);
        s.draw();
    }
}
