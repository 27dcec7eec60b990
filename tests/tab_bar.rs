//! The tab bar stays put: the Guide's label keeps room for its readiness from the first frame,
//! so when the figure comes after the first idle pass the other tabs (and the columns a click
//! on them hits) do not move.

mod screen_harness;

use ratatui::crossterm::event::{Event, KeyModifiers};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use screen_harness::screen;

/// The tab bar's line and the column where "2 Strategy" starts on it.
fn strategy_column(s: &screen_harness::Screen) -> (String, usize) {
    let line = s.text().lines().nth(1).unwrap_or_default().to_string();
    let at = line
        .find("2 Strategy")
        .unwrap_or_else(|| panic!("no Strategy tab: {line}"));
    let column = line[..at].chars().count();
    (line, column)
}

#[test]
fn the_tabs_do_not_move_when_the_readiness_comes() {
    for width in [80, 120, 200] {
        let mut s = screen(width, 30);
        let (first, column) = strategy_column(&s);
        assert!(!first.contains('%'), "no readiness read yet: {first}");
        // The idle passes the event loop runs once the first frame is on screen.
        for _ in 0..4 {
            if !s.app.idle() {
                break;
            }
        }
        s.draw();
        let (settled, settled_column) = strategy_column(&s);
        assert!(settled.contains('%'), "the readiness is shown: {settled}");
        assert_eq!(settled_column, column, "\n{first}\n{settled}");

        // A click computed from the first frame lands on the tab it was aimed at.
        let x = u16::try_from(column).unwrap() + 1;
        s.app.handle_event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: 1,
            modifiers: KeyModifiers::NONE,
        }));
        s.draw();
        assert_eq!(s.app.tab().title(), "Strategy", "{}", s.text());
    }
}
