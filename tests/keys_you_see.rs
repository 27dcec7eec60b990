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
        terminal: Terminal::new(screen_harness::TerminalLike::new(100, 30)).unwrap(),
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

#[test]
fn help_is_wide_searchable_and_lists_only_keys_that_work_here() {
    let mut s = screen_harness::screen(160, 40);
    // A partner's scores: 1–5 score there, so the tab keys 1–5 are not listed as working.
    s.key(KeyCode::Char('c')).key(KeyCode::Char('?'));
    assert_shows(&s, "Help — / searches");
    assert_shows(&s, "score the criterion 3");
    assert!(!s.text().contains("go to the Guide tab"), "{}", s.text());
    assert_shows(&s, "go to the Metrics tab");
    // As wide as the screen allows: a 156-column box on 160 columns.
    let text = s.text();
    let top = screen_harness::line_with(&text, "Help — / searches");
    let width = top
        .chars()
        .skip_while(|c| *c != '╭')
        .take_while(|c| *c != '╮')
        .count()
        + 1;
    assert_eq!(width, 156, "{top}");
    // `/` searches; q types into the search rather than closing.
    s.key(KeyCode::Char('/')).keys("quit");
    assert_shows(&s, "quit at once");
    assert!(!s.text().contains("score the criterion 3"), "{}", s.text());
    s.key(KeyCode::Esc);
    assert_shows(&s, "score the criterion 3");
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("Help — / searches"), "{}", s.text());
}
