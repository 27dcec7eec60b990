//! Issue 20: the Overview's concentration panel on the demo ("Returns highly concentrated:
//! Ostrander Industrial Supply brings 73 %"), Enter opening the list of every figure, a group's
//! partners a key away and Esc coming back through both; 80×24, 160×48 and tiny terminals.

mod overview_workbook;
mod screen_harness;

use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, draws_at_tiny_sizes, screen_with_settings};
use tempfile::TempDir;

use overview_workbook::settings;

fn demo_overview(size: (u16, u16)) -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml"))
        .expect("the demo plan");
    partnerplan::exchange::toml::import(&path, &text, &[]).expect("the demo imports");
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with_settings(wb, dir, size, Theme::dark(), settings(), Vec::new());
    s.key(KeyCode::Char('7'));
    s.app.idle();
    s.draw();
    s
}

/// Walks to the concentration panel (the last one) and opens its list.
fn open_list(s: &mut Screen) {
    s.key(KeyCode::Char('G')).key(KeyCode::Enter);
}

#[test]
fn the_panel_leads_with_the_demos_returns_at_both_sizes() {
    let mut s = demo_overview((80, 24));
    assert_shows(&s, "Concentration · high");
    assert_shows(&s, "Returns: Ostrander");
    insta::assert_snapshot!("overview_80x24", s.terminal.backend());
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    assert_shows(&s, "Returns highly concentrated:");
    assert_shows(&s, "Ostrander Industrial Supply brings");
    assert_shows(&s, "Active partners by reg… Europe 76 %");
    assert_shows(&s, "Concentration · index 5,");
    insta::assert_snapshot!("overview_160x48", s.terminal.backend());
}

#[test]
fn enter_lists_every_figure_and_esc_comes_back_to_the_panel() {
    let mut s = demo_overview((80, 24));
    open_list(&mut s);
    assert_eq!(s.app.tab(), TabId::Overview);
    for figure in [
        "Returns by partner",
        "Ostrander Industrial Supply",
        "Returns by region",
        "Returns by sector",
    ] {
        assert_shows(&s, figure);
    }
    assert_shows(&s, "highly concentrated");
    assert_shows(&s, "Overview › Concentration");
    insta::assert_snapshot!("list_80x24", s.terminal.backend());
    // Every figure is there further down: active partners and critical roles.
    for _ in 0..40 {
        s.key(KeyCode::Char('j'));
    }
    assert_shows(&s, "Critical roles led by partner");
    s.key(KeyCode::Char('g'));
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    assert_shows(&s, "Active partners by region");
    assert_shows(&s, "Europe");
    assert_shows(&s, "10 of 13");
    insta::assert_snapshot!("list_160x48", s.terminal.backend());
    s.terminal.backend_mut().resize(80, 24);
    s.key(KeyCode::Esc);
    assert_shows(&s, "Returns: Ostrander");
    assert!(!s.text().contains("Returns by region"), "{}", s.text());
}

#[test]
fn a_group_shows_its_partners_and_esc_comes_back_to_the_list() {
    let mut s = demo_overview((160, 48));
    open_list(&mut s);
    // The top group of returns by partner: the partner itself.
    s.key(KeyCode::Char('j')).key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "Ostrander Industrial Supply");
    s.key(KeyCode::Esc);
    // Esc may first close the partner's detail; then the list comes back as it was left.
    if s.app.tab() != TabId::Overview {
        s.key(KeyCode::Esc);
    }
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "Returns by partner");
    assert_shows(&s, "▸   Ostrander Industrial Supply");

    // Active partners by region: the roster of Europe's active partners.
    let text = s.text();
    let lines: Vec<&str> = text.lines().collect();
    let heading = lines
        .iter()
        .position(|l| l.contains("Active partners by region"))
        .expect("the figure is listed");
    let selected = lines.iter().position(|l| l.contains('▸')).unwrap();
    for _ in selected..heading + 1 {
        s.key(KeyCode::Char('j'));
    }
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "region: Europe");
    assert_shows(&s, "stage: active");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "▸   Europe");
}

#[test]
fn the_panel_and_the_list_draw_at_tiny_sizes() {
    let mut s = demo_overview((80, 24));
    draws_at_tiny_sizes(&mut s, "overview with concentration");
    open_list(&mut s);
    draws_at_tiny_sizes(&mut s, "concentration list");
}

#[test]
fn an_empty_workbook_says_what_to_log() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.partnerplan");
    Workbook::create(&path, Some("Empty plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with_settings(wb, dir, (80, 24), Theme::dark(), settings(), Vec::new());
    s.key(KeyCode::Char('7'));
    s.app.idle();
    s.draw();
    assert_shows(&s, "nothing to measure yet");
    open_list(&mut s);
    assert_shows(&s, "Nothing to measure yet: log returns");
}
