//! `q` in a sub-view goes back to where it was opened from, as `Esc` does; only from a top-level
//! list does it quit the app.

mod screen_harness;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
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

mod overview_workbook;

use overview_workbook::{settings, small_workbook};
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use tempfile::TempDir;

/// The small plan of the Overview tests, on the Overview.
fn overview(size: (u16, u16)) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = small_workbook(&dir);
    let mut s = screen_with_settings(wb, dir, size, Theme::dark(), settings(), Vec::new());
    s.key(KeyCode::Char('7'));
    s.app.idle();
    s.draw();
    s
}

/// The screen above the status line (what the status line says fades anyway), without the test
/// backend's notes on cells under wide characters.
fn view(s: &Screen) -> String {
    let text = s.text();
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.split("\" Hidden by").next().unwrap_or(line))
        .collect();
    lines[..lines.len() - 1].join("\n")
}

/// The breadcrumb the title line shows, or "" when there is none.
fn breadcrumb(s: &Screen) -> String {
    s.app.breadcrumb().unwrap_or_default()
}

#[test]
fn esc_after_an_overview_drill_down_restores_the_overview_and_the_roster() {
    let mut s = overview((100, 30));
    s.key(KeyCode::Char('j')).key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "stage: evaluating");
    assert_eq!(breadcrumb(&s), "Overview › Partners: evaluating");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "│▸evaluating");
    assert_eq!(breadcrumb(&s), "");
    assert!(!s.app.can_go_back());
    // The roster the drill-down filtered is as it was before: every partner.
    s.key(KeyCode::Char('3'));
    assert_shows(&s, "7 partners ·");
    assert!(!s.text().contains("stage: evaluating"), "{}", s.text());
}

#[test]
fn esc_from_the_register_of_a_heat_map_cell_reopens_the_map_on_that_cell() {
    let mut s = overview((100, 30));
    s.key(KeyCode::Char('5')).key(KeyCode::Char('m'));
    assert_eq!(breadcrumb(&s), "Risks: Heat map");
    // The residual map, from the middle cell (possible × moderate) to possible × major, where
    // R-003 sits.
    s.key(KeyCode::Char('r')).key(KeyCode::Char('l'));
    let map = view(&s);
    s.key(KeyCode::Enter);
    assert_shows(&s, "R-003");
    assert!(!s.text().contains("R-002"), "{}", s.text());
    assert_eq!(breadcrumb(&s), "Risks: Heat map › Risks: residual 3×4");
    s.key(KeyCode::Esc);
    assert_eq!(
        view(&s),
        map,
        "Esc did not bring the heat map back as it was"
    );
    // Esc (or q) on the map closes it: the register as it was, every risk.
    s.key(KeyCode::Char('q'));
    assert!(!s.app.should_quit());
    assert_shows(&s, "R-001");
    assert_shows(&s, "R-002");
    assert_eq!(breadcrumb(&s), "");
}

#[test]
fn three_levels_down_and_back_restore_selection_and_filter() {
    let mut s = overview((100, 30));
    // The roster narrowed by a typed filter, its second row selected.
    s.key(KeyCode::Char('3')).key(KeyCode::Char('/')).keys("an");
    s.key(KeyCode::Enter).key(KeyCode::Char('j'));
    let roster = view(&s);
    // Level 1: the Overview's top risks, R-003 selected.
    s.key(KeyCode::Char('7')).keys("llllj");
    let overview = view(&s);
    // Level 2: the register of R-003's cell.
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Risks);
    assert_shows(&s, "R-003");
    let register = view(&s);
    // Level 3: the residual heat map, a cell right; level 4: that cell's register.
    s.key(KeyCode::Char('m')).keys("rl");
    let map = view(&s);
    s.key(KeyCode::Enter);
    insta::assert_snapshot!("four_views_deep", s.terminal.backend());
    assert_eq!(
        breadcrumb(&s),
        "Overview › Risks: Heat map › Risks: residual 3×4",
        "{}",
        s.text()
    );
    s.key(KeyCode::Esc);
    assert_eq!(view(&s), map);
    s.key(KeyCode::Esc);
    assert_eq!(view(&s), register);
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_eq!(view(&s), overview);
    // The register the Overview filtered is back to every risk.
    s.key(KeyCode::Char('5'));
    assert_shows(&s, "R-001");
    assert_shows(&s, "R-002");
    // The roster kept its own filter and selection throughout.
    s.key(KeyCode::Char('3'));
    assert_eq!(view(&s), roster);
}

#[test]
fn q_after_a_drill_down_goes_back_and_ctrl_c_always_quits() {
    let mut s = overview((100, 30));
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    s.key(KeyCode::Char('q'));
    assert!(!s.app.should_quit(), "q after a drill-down quit the app");
    assert_eq!(s.app.tab(), TabId::Overview);
    s.key(KeyCode::Enter);
    s.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(s.app.should_quit(), "Ctrl-c did not quit");
}

#[test]
fn a_drill_down_into_the_roster_gives_back_its_own_filter_and_selection() {
    let mut s = overview((100, 30));
    s.key(KeyCode::Char('3')).key(KeyCode::Char('/')).keys("an");
    s.key(KeyCode::Enter).key(KeyCode::Char('j'));
    let roster = view(&s);
    s.key(KeyCode::Char('7')).key(KeyCode::Enter);
    assert_shows(&s, "stage: prospect");
    s.key(KeyCode::Esc).key(KeyCode::Char('3'));
    assert_eq!(view(&s), roster);
}
