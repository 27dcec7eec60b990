//! The heat-map widget drawn through a real `Terminal<TestBackend>` at the two sizes the app is
//! checked at, with counts like a mid-sized register's, and snapshotted.

use partnerplan::plan::risk::{Bands, HeatMap, Impact, Likelihood, Rating};
use partnerplan::tui::theme::Theme;
use partnerplan::tui::widgets::heat_map::HeatMapView;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

/// 31 risks as (likelihood, impact, how many): most in the middle, a few at the corners.
const REGISTER: [(i64, i64, usize); 12] = [
    (1, 1, 2),
    (1, 4, 1),
    (2, 2, 4),
    (2, 3, 5),
    (2, 5, 1),
    (3, 2, 3),
    (3, 3, 6),
    (3, 4, 3),
    (4, 3, 2),
    (4, 4, 2),
    (5, 2, 1),
    (5, 5, 1),
];

fn register() -> HeatMap {
    HeatMap::new(REGISTER.iter().flat_map(|&(l, i, n)| {
        std::iter::repeat_n(Rating::from_values(Some(l), Some(i)).unwrap(), n)
    }))
}

fn terminal(width: u16, height: u16, residual: bool, theme: &Theme) -> Terminal<TestBackend> {
    let map = register();
    let bands = Bands::default();
    let view = HeatMapView {
        map: &map,
        bands: &bands,
        residual,
        selected: (Likelihood::Possible, Impact::Moderate),
    };
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| view.render(frame.area(), frame.buffer_mut(), theme))
        .unwrap();
    terminal
}

#[test]
fn inherent_heat_map_at_80x24() {
    let terminal = terminal(80, 24, false, &Theme::dark());
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn residual_heat_map_at_200x60() {
    let terminal = terminal(200, 60, true, &Theme::light());
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn mono_heat_map_reads_without_colour() {
    let terminal = terminal(80, 24, false, &Theme::mono());
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );
    // The same words as in colour: the letters carry the bands.
    let colour = terminal_text(&self::terminal(80, 24, false, &Theme::dark()));
    assert_eq!(terminal_text(&terminal), colour);
    assert!(colour.contains("[M 6]"), "{colour}");
    assert!(colour.contains("C 1"), "{colour}");
}

fn terminal_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}
