//! Key names drawn on the tabs come from the keymap in effect: with the keys of the roles tree,
//! the Strategy boxes, the decision aid, the risk register, the heat map, the KPI catalogue, the
//! roster and the start-up notice moved to function keys, each sentence names the new key.

mod screen_harness;

use std::path::Path;

use partnerplan::config::KeyOverride;
use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, workbook_with_partners};
use tempfile::TempDir;

/// (context, action, key) moved away from its default.
const MOVED: &[(&str, &str, &str)] = &[
    ("roles", "add", "f2"),
    ("roles", "apply-template", "f3"),
    ("strategy", "edit", "f4"),
    ("global", "help", "f1"),
    ("decision-aid", "answer-yes", "f5"),
    ("risks", "add", "f6"),
    ("risks", "suggestions", "f7"),
    ("risks", "facets", "f8"),
    ("kpis", "add", "f9"),
    ("picker", "open", "f10"),
    ("popup", "cancel", "f11"),
    ("list", "add", "f12"),
    ("global", "tab-6", "alt-6"),
    ("global", "tab-4", "alt-4"),
    ("roi", "add", "alt-a"),
    ("kpi-detail", "add", "alt-l"),
];

fn moved_keys() -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let overrides: Vec<KeyOverride> = MOVED
        .iter()
        .enumerate()
        .map(|(line, (context, action, key))| KeyOverride {
            context: (*context).into(),
            action: (*action).into(),
            keys: vec![(*key).into()],
            line: line + 1,
        })
        .collect();
    let (keymap, problems) = Keymap::with_overrides(&overrides, Path::new("config.toml"));
    assert!(problems.is_empty(), "{problems:?}");
    let notices = vec!["A notice to close.".to_string()];
    let app = App::new(wb, keymap, Theme::dark(), Settings::default(), notices).unwrap();
    let mut s = Screen {
        _dir: dir,
        app,
        terminal: Terminal::new(TestBackend::new(140, 40)).unwrap(),
    };
    s.draw();
    s.draw();
    s
}

fn not_shown(s: &Screen, needle: &str) {
    assert!(
        !s.text().contains(needle),
        "{needle:?} still drawn:\n{}",
        s.text()
    );
}

#[test]
fn the_keys_drawn_on_every_tab_follow_an_override() {
    let mut s = moved_keys();
    assert_shows(&s, "F11 closes this.");
    not_shown(&s, "Esc closes this.");
    s.key(KeyCode::F(11));

    // Roles: an empty tree says how to start.
    s.key_with(KeyCode::Char('4'), KeyModifiers::ALT);
    assert_shows(&s, "Press F2 to add the hub");
    assert_shows(&s, "press F3 to start from a sector's roles");
    not_shown(&s, "Press a to add");

    // Strategy: the boxes name the edit key; the decision aid its answers.
    s.key(KeyCode::Char('2'));
    assert_shows(&s, "Mission and vision · F4 edits");
    assert_shows(&s, "F1 lists each section's");
    s.key(KeyCode::Char('A'));
    assert_shows(&s, "Questions: F5 yes");

    // Risks: the empty register.
    s.key(KeyCode::Char('5'));
    assert_shows(&s, "No risks yet: F6 adds one, F7 shows");

    // Metrics: the empty KPI table, the ROI view's empty lists, the catalogue of common KPIs.
    s.key_with(KeyCode::Char('6'), KeyModifiers::ALT);
    assert_shows(&s, "No KPIs yet: F9 adds one");
    s.key(KeyCode::Char('r'));
    assert_shows(&s, "None yet: Alt-a adds one.");
    s.key(KeyCode::Esc);
    s.key(KeyCode::F(9));
    s.keys("Deals");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.key(KeyCode::Enter);
    assert_shows(&s, "measured: Alt-l logs a value");
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char('p'));
    assert_shows(&s, "type to narrow, F10 adds");
    s.keys("zzzz no such kpi");
    assert_shows(&s, "No common KPI matches; F9 adds one of your own.");
}

#[test]
fn the_overview_and_the_roster_name_the_keys_in_effect() {
    let mut s = moved_keys();
    s.key(KeyCode::F(11));
    s.key(KeyCode::Char('7'));
    assert_shows(&s, "Add roles on the Roles tab (Alt-4).");
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('/'));
    s.keys("zzzz nobody");
    assert_shows(&s, "No partner matches the filter. Esc clears it.");
    // With every partner deleted the empty roster names the moved add key.
    s.key(KeyCode::Esc);
    for _ in 0..7 {
        s.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    }
    assert_shows(&s, "No partners yet. Press F12 to add the first one.");
}
