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
