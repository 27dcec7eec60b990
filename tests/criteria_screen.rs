//! Screen tests of the criteria editor: open it from the roster, the ranking and the palette;
//! add, edit, reorder and delete criteria with the keys; undo; and check the workbook's rows.

mod screen_harness;

use jiff::civil::date;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

fn criteria_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let settings = Settings {
        today: Some(date(2026, 11, 23)),
        ..Settings::default()
    };
    let mut s = screen_with_settings(
        wb,
        dir,
        (width, height),
        Theme::dark(),
        settings,
        Vec::new(),
    );
    s.keys("C");
    assert!(s.text().contains("Selection criteria"), "{}", s.text());
    s
}

/// The criteria's names in the editor's order.
fn order(s: &Screen) -> Vec<String> {
    s.app
        .workbook()
        .criteria()
        .unwrap()
        .into_iter()
        .map(|c| c.criterion.name)
        .collect()
}

/// (weight, rationale, is_gate) of the criterion called `name`, as stored.
fn stored(s: &Screen, name: &str) -> Option<(f64, String, bool)> {
    s.app
        .workbook()
        .connection()
        .query_row(
            "SELECT weight, weight_rationale, is_gate FROM selection_criteria WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok()
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[test]
fn criteria_view_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let s = criteria_screen(width, height);
        let text = s.text();
        assert!(text.contains("Capabilities"), "{text}");
        assert!(text.contains("gate"), "{text}");
        assert!(text.contains("30 · "), "{text}");
        insta::assert_snapshot!(
            format!("criteria_view_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn add_edit_reorder_delete_and_undo_with_the_keys() {
    let mut s = criteria_screen(100, 30);
    let seeded = order(&s);

    // Add: name, description, weight, rationale.
    s.keys("a").keys("Market reach");
    s.key(KeyCode::Tab).keys("How far their sales reach.");
    s.key(KeyCode::Tab).keys("20");
    s.key(KeyCode::Tab).keys("Our buyers are abroad.");
    save(&mut s);
    assert_eq!(
        stored(&s, "Market reach"),
        Some((20.0, "Our buyers are abroad.".into(), false))
    );
    assert_eq!(order(&s).last().map(String::as_str), Some("Market reach"));
    assert!(s.text().contains("Market reach"), "{}", s.text());

    // A duplicate name stays in the form with the reason, and nothing is written.
    s.keys("a").keys("capabilities");
    save(&mut s);
    assert!(s.text().contains("already a criterion"), "{}", s.text());
    assert_eq!(order(&s).len(), seeded.len() + 1);
    s.key(KeyCode::Esc).keys("y");

    // Edit the new one's weight (the selection went to it).
    s.keys("e").key(KeyCode::Tab).key(KeyCode::Tab);
    s.key(KeyCode::Backspace).key(KeyCode::Backspace).keys("25");
    save(&mut s);
    assert_eq!(stored(&s, "Market reach").map(|r| r.0), Some(25.0));

    // Reorder: up above the gate, then back down.
    s.keys("K");
    let moved = order(&s);
    assert_eq!(
        &moved[moved.len() - 2..],
        ["Market reach", "Security review"]
    );
    s.keys("J");
    assert_eq!(order(&s).last().map(String::as_str), Some("Market reach"));
    s.keys("K");

    // Delete through the confirm step; `n` keeps it, `y` deletes it.
    s.keys("d");
    assert!(s.text().contains("Delete criterion"), "{}", s.text());
    s.keys("n");
    assert!(stored(&s, "Market reach").is_some());
    s.keys("d").keys("y");
    assert_eq!(stored(&s, "Market reach"), None);
    assert!(s.text().contains("5 weighted criteria"), "{}", s.text());
    assert!(
        s.text().contains("Deleted criterion Market reach"),
        "{}",
        s.text()
    );

    // Undo brings it back where it was, and the view shows it again.
    s.keys("u");
    assert_eq!(order(&s), moved);
    assert!(s.text().contains("6 weighted criteria"), "{}", s.text());
    assert!(s.text().contains("│› 6  Market reach"), "{}", s.text());
}

#[test]
fn the_ranking_and_the_palette_open_the_editor() {
    let mut s = criteria_screen(80, 24);
    s.key(KeyCode::Esc).keys("r");
    assert!(s.text().contains("Ranking by fit"), "{}", s.text());
    s.keys("C");
    assert!(s.text().contains("weights and gates"), "{}", s.text());
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char(':')).keys("selection criteria");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("weights and gates"), "{}", s.text());
}

#[test]
fn the_editor_draws_at_the_smallest_size_with_a_form_open() {
    for (width, height) in [(60, 15), (61, 16)] {
        let mut s = criteria_screen(width, height);
        s.keys("e");
        assert!(s.text().contains("Name"), "{}", s.text());
        s.key(KeyCode::Esc).key(KeyCode::Esc);
        assert!(s.text().contains("sorted by"), "{}", s.text());
    }
}
