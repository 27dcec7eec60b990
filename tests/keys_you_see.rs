//! Keys named in sentences come from the keymap in effect: with undo moved to Ctrl-z, the delete
//! question and the status line after it say Ctrl-z, not u.

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

#[test]
fn an_override_changes_the_key_a_confirm_names() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let (keymap, problems) = Keymap::with_overrides(
        &[KeyOverride {
            context: "global".into(),
            action: "undo".into(),
            keys: vec!["ctrl-z".into()],
            line: 1,
        }],
        Path::new("config.toml"),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let app = App::new(wb, keymap, Theme::dark(), Settings::default(), Vec::new()).unwrap();
    let mut s = Screen {
        _dir: dir,
        app,
        terminal: Terminal::new(TestBackend::new(100, 30)).unwrap(),
    };
    s.draw();
    s.key(KeyCode::Char('d'));
    assert_shows(&s, "(Ctrl-z undoes it)");
    assert!(!s.text().contains("(u undoes it)"), "{}", s.text());
    s.key(KeyCode::Char('y'));
    assert_shows(&s, "Deleted Brightpath Analytics. Ctrl-z brings it back.");
    // And the key named does what it says.
    s.key_with(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_shows(&s, "Brightpath Analytics");
}

#[test]
fn the_palette_runs_another_tabs_command_and_esc_comes_back() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let mut s = screen_harness::screen_with(wb, dir, 100, 30, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('1'));
    s.key(KeyCode::Char(':')).keys("governance rule");
    assert_shows(&s, "add a governance rule");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), partnerplan::tui::tabs::TabId::Strategy);
    assert_shows(&s, "New governance rule");
    assert_eq!(s.app.breadcrumb().as_deref(), Some("Guide › Strategy"));
    // Esc closes the form the command opened and comes back to the Guide.
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), partnerplan::tui::tabs::TabId::Guide);
    // The Guide's own commands in the palette show their keys.
    s.key(KeyCode::Char(':')).keys("fix");
    assert_shows(&s, "go fill in what the step lacks");
    let text = s.text();
    let line = screen_harness::line_with(&text, "go fill in what the step lacks");
    assert!(line.contains("Enter"), "{line}");
}
