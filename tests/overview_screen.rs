//! Screen tests of the Overview tab: an empty, a small and a 100,000-partner workbook at 80×24
//! and 200×60 (and the small one in the mono theme); every number a key away from its list
//! (Enter on a stage, a fit bucket, a role gap, a top risk, the check-ins, the KPIs and the
//! readiness lands on the list behind it); a re-read after an edit; tiny terminals.

mod overview_workbook;
mod screen_harness;

use std::time::{Duration, Instant};

use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{
    OpenOptions, Workbook, generate_risks, generate_roles, generate_workbook,
};
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, draws_at_tiny_sizes, screen_with_settings};
use tempfile::TempDir;

use overview_workbook::{settings, small_workbook};

fn overview_of(wb: Workbook, dir: TempDir, size: (u16, u16), theme: Theme) -> Screen {
    let mut s = screen_with_settings(wb, dir, size, theme, settings(), Vec::new());
    s.key(KeyCode::Char('7'));
    // As in the terminal: once a frame is up, the idle pass reads the Guide's checks, and the
    // next frame shows readiness (a long reading, as at 100,000 partners in a debug build,
    // runs on a thread of its own and the idle passes wait for it).
    s.app.idle();
    s.draw();
    if s.app.reading_in_background() {
        s.settle();
    }
    s
}

fn small_in(size: (u16, u16), theme: Theme) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = small_workbook(&dir);
    overview_of(wb, dir, size, theme)
}

fn small(size: (u16, u16)) -> Screen {
    small_in(size, Theme::dark())
}

fn empty(size: (u16, u16)) -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.partnerplan");
    Workbook::create(&path, Some("Empty plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    overview_of(wb, dir, size, Theme::dark())
}

fn resize(s: &mut Screen, (width, height): (u16, u16)) {
    s.terminal.backend_mut().resize(width, height);
    s.draw();
}

/// Fails unless the screen does not show `needle`.
#[track_caller]
fn hides(s: &Screen, needle: &str) {
    assert!(
        !s.text().contains(needle),
        "{needle:?} shown:\n{}",
        s.text()
    );
}

#[test]
fn an_empty_workbook_shows_zeros_and_says_where_to_start() {
    let mut s = empty((80, 24));
    assert_shows(&s, "No KPIs yet — add them on");
    assert_shows(&s, "No open risk is rated");
    insta::assert_snapshot!("empty_80x24", s.terminal.backend());
    resize(&mut s, (200, 60));
    assert_shows(&s, "No KPIs yet — add them on the Metrics tab (6).");
    assert_shows(&s, "Add roles on the Roles tab (4).");
    insta::assert_snapshot!("empty_200x60", s.terminal.backend());
}

#[test]
fn a_small_workbook_at_both_sizes_and_in_mono() {
    let mut s = small((80, 24));
    insta::assert_snapshot!("small_80x24", s.terminal.backend());
    resize(&mut s, (200, 60));
    assert_shows(&s, "Residual heat map");
    insta::assert_snapshot!("small_200x60", s.terminal.backend());
    // Mono: the selected number is marked by `▸`, not by colour alone.
    let mono = small_in((80, 24), Theme::mono());
    assert_shows(&mono, "│▸prospect");
    insta::assert_snapshot!("small_80x24_mono", mono.terminal.backend());
}

/// The screen-test's 100,000 partners, 1,000 roles and 100,000 risks, made once (in a debug
/// build this takes a while; the time is printed).
#[test]
fn a_workbook_of_100_000_partners_at_both_sizes() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("large.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, 100_000, 42).unwrap();
    generate_roles(&path, 1_000, 42).unwrap();
    generate_risks(&path, 100_000, 42).unwrap();
    println!(
        "generated the 100,000-partner workbook in {:?}",
        started.elapsed()
    );
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = overview_of(wb, dir, (80, 24), Theme::dark());
    assert_shows(&s, "Partners · 100,000");
    insta::assert_snapshot!("large_80x24", s.terminal.backend());
    resize(&mut s, (200, 60));
    assert_shows(&s, "100,000 partners");
    insta::assert_snapshot!("large_200x60", s.terminal.backend());
    // A long reading is left to the idle pass after a change: the tab is drawn at once with its
    // last figures, and the new ones follow. (Whether 100,000 partners take long depends on the
    // machine; any reading counts as long here.)
    s.app.set_long_reading(Duration::ZERO);
    s.keys("3").keys("d").keys("y");
    let started = Instant::now();
    s.keys("7");
    println!(
        "the Overview's frame after the change: {:?}",
        started.elapsed()
    );
    assert_shows(&s, "100,000 partners");
    s.settle();
    assert_shows(&s, "99,999 partners");
}

#[test]
fn enter_on_a_stage_shows_the_roster_of_that_stage() {
    let mut s = small((80, 24));
    s.keys("jjj").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "stage: active");
    for active in ["Northwind Logistics", "Helix Cloud", "東京 Robotics"] {
        assert_shows(&s, active);
    }
    hides(&s, "Brightpath Analytics");
}

#[test]
fn enter_on_a_type_shows_the_roster_of_that_type() {
    let mut s = small((80, 24));
    s.keys("l").key(KeyCode::Enter);
    assert_shows(&s, "type: technology");
    assert_shows(&s, "Brightpath Analytics");
    hides(&s, "Northwind Logistics");
}

#[test]
fn enter_on_a_fit_bucket_shows_its_partners_and_gated_out_ones_apart() {
    let mut s = small((80, 24));
    s.keys("lljjj").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "fit 60–79");
    assert_shows(&s, "Northwind Logistics");
    hides(&s, "Brightpath Analytics");
    s.keys("7jjj").key(KeyCode::Enter);
    assert_shows(&s, "gated out");
    assert_shows(&s, "Helix Cloud");
    hides(&s, "Northwind Logistics");
    s.keys("7k").key(KeyCode::Enter);
    assert_shows(&s, "not scored");
    assert_shows(&s, "Meridian Resellers");
    hides(&s, "Helix Cloud");
}

#[test]
fn enter_on_a_role_gap_selects_that_role_on_the_roles_tab() {
    let mut s = small((120, 30));
    s.keys("lllj").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Roles);
    assert_shows(&s, "The Roles tab shows that role's coverage.");
    let selected = screen_harness::selected_line(&s.text()).to_string();
    assert!(
        selected.contains("Security assessment"),
        "{selected}\n{}",
        s.text()
    );
}

#[test]
fn enter_on_a_top_risk_shows_the_register_filtered_to_its_cell() {
    let mut s = small((80, 24));
    s.keys("llll").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Risks);
    assert_shows(&s, "R-002");
    hides(&s, "R-001");
    s.keys("7gllllj").key(KeyCode::Enter);
    assert_shows(&s, "R-003");
    hides(&s, "R-002");
}

#[test]
fn enter_on_check_ins_due_shows_the_roster_due_within_a_week() {
    let mut s = small((80, 24));
    assert_shows(&s, "check-ins due ≤ 7 days 2");
    // The Progress panel (the seventh), its fourth number.
    s.keys("gllllll").keys("jjj").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "check-in due ≤ 7 days");
    assert_shows(&s, "Northwind Logistics");
    assert_shows(&s, "Helix Cloud");
    hides(&s, "東京 Robotics");
}

#[test]
fn kpis_open_the_metrics_tab_and_readiness_the_guide() {
    let mut s = small((80, 24));
    s.keys("lllll").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Metrics);
    s.keys("7gllllll").key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Guide);
}

#[test]
fn an_edit_elsewhere_is_read_again_and_undo_brings_the_count_back() {
    let mut s = small((80, 24));
    assert_shows(&s, "Partners · 7");
    s.keys("3dy7");
    assert_shows(&s, "Partners · 6");
    s.keys("u");
    assert_shows(&s, "Partners · 7");
}

#[test]
fn no_terminal_size_or_key_breaks_it() {
    let mut s = small((80, 24));
    draws_at_tiny_sizes(&mut s, "overview");
    for key in "hjklgGhhhhhhhhjjjjjjjjjjjjjjjjjjjjjjjjjkkkkkkkkkkkkkkkkkkkkkkkkkkkk".chars() {
        s.keys(&key.to_string());
    }
    assert_eq!(s.app.tab(), TabId::Overview);
}
