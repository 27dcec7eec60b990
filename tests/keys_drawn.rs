//! Key names drawn on the tabs come from the keymap in effect: with the keys of the roles tree,
//! the Strategy boxes, the decision aid, the risk register, the heat map, the KPI catalogue, the
//! roster and the start-up notice moved to function keys, each sentence names the new key; so do
//! the forms' choice, link and list hints and placeholders, the path prompt, the decision aid's
//! advice and the empty role matrix.

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

/// Keys the forms, the path prompt, the decision aid and the role matrix name, moved.
const MOVED_IN_FORMS: &[(&str, &str, &str)] = &[
    ("form", "choose", "ctrl-l"),
    ("form", "cancel", "ctrl-q"),
    ("path-prompt", "complete", "ctrl-n"),
    ("path-prompt", "up", "alt-k"),
    ("path-prompt", "down", "alt-j"),
    ("decision-aid", "choose-model", "f6"),
    ("matrix", "cancel", "f7"),
];

fn moved_keys() -> Screen {
    app_with(MOVED)
}

fn app_with(moved: &[(&str, &str, &str)]) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let overrides: Vec<KeyOverride> = moved
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
        terminal: Terminal::new(screen_harness::TerminalLike::new(140, 40)).unwrap(),
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

#[test]
fn forms_the_path_prompt_the_aid_and_the_matrix_name_the_keys_in_effect() {
    let mut s = app_with(MOVED_IN_FORMS);
    s.key(KeyCode::Esc);

    // A choice field names the key that opens its list, and the list its own keys.
    s.key(KeyCode::Char('3')).key(KeyCode::Char('a'));
    s.key(KeyCode::Tab);
    assert_shows(&s, "▾ Ctrl-l");
    not_shown(&s, "▾ Enter");
    s.key_with(KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert_shows(&s, "Ctrl-l choose · Ctrl-q back");
    not_shown(&s, "Enter choose");
    s.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);
    s.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);

    // A link field names the key that picks.
    s.key(KeyCode::Char('5')).key(KeyCode::Char('a'));
    for _ in 0..5 {
        s.key(KeyCode::Tab);
    }
    assert_shows(&s, "⌕ Ctrl-l picks · ⌫ unlinks");
    not_shown(&s, "Enter picks");
    s.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);

    // The KPI form's placeholders.
    s.key(KeyCode::Char('6')).key(KeyCode::Char('a'));
    assert_shows(&s, "Ctrl-l chooses one of the strategy's goals");
    not_shown(&s, "Enter chooses");
    s.key_with(KeyCode::Char('q'), KeyModifiers::CONTROL);

    // The decision aid with no model chosen.
    s.key(KeyCode::Char('2')).key(KeyCode::Char('A'));
    assert_shows(&s, "No model chosen yet: F6 chooses one");

    // The role matrix with no roles yet.
    s.key(KeyCode::Char('4')).key(KeyCode::Char('x'));
    assert_shows(
        &s,
        "No roles yet: add roles under the hub first (F7, then a or t).",
    );
    s.key(KeyCode::F(7));

    // The path prompt: the format list's keys, and a path that does not exist.
    s.key_with(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_shows(&s, "Format (Alt-k Alt-j)");
    not_shown(&s, "Format (↑ ↓)");
    s.keys("no-such-file.csv");
    s.key(KeyCode::Enter);
    assert_shows(&s, "(Ctrl-n completes it).");
}

/// The export options popup names the keys the path prompt's context binds.
#[test]
fn the_export_options_name_the_keys_in_effect() {
    let mut s = app_with(MOVED_IN_FORMS);
    s.key(KeyCode::Esc); // the start-up notice
    s.key_with(KeyCode::Char('e'), KeyModifiers::CONTROL);
    // Down the format list (moved to Alt-j) to the partners' CSV, then Enter: its options.
    s.key_with(KeyCode::Char('j'), KeyModifiers::ALT);
    assert_shows(&s, "partners.csv");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Export options");
    assert_shows(&s, "Alt-k Alt-j a field");
    not_shown(&s, "↑ ↓ a field");
}
