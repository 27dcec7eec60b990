//! Screen tests of the onboarding checklist template: open it from the roster, a partner's
//! checklist and the palette; add, edit, reorder and delete items with the keys; undo; and check
//! the workbook's rows.

mod screen_harness;

use jiff::civil::date;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

fn roster(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let settings = Settings {
        today: Some(date(2026, 11, 23)),
        ..Settings::default()
    };
    screen_with_settings(
        wb,
        dir,
        (width, height),
        Theme::dark(),
        settings,
        Vec::new(),
    )
}

fn template_screen(width: u16, height: u16) -> Screen {
    let mut s = roster(width, height);
    s.keys("T");
    assert!(s.text().contains("checklist template"), "{}", s.text());
    s
}

/// The items' titles in the template's order.
fn order(s: &Screen) -> Vec<String> {
    s.app
        .workbook()
        .onboarding_items()
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect()
}

/// The description of the item titled `title`, as stored.
fn stored(s: &Screen, title: &str) -> Option<String> {
    s.app
        .workbook()
        .connection()
        .query_row(
            "SELECT description FROM onboarding_items WHERE title = ?1",
            [title],
            |r| r.get(0),
        )
        .ok()
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[test]
fn template_view_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let s = template_screen(width, height);
        let text = s.text();
        let first = order(&s).remove(0);
        assert!(text.contains(&first), "{text}");
        assert!(text.contains("Partners with a status"), "{text}");
        insta::assert_snapshot!(
            format!("template_view_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn add_edit_reorder_delete_and_undo_with_the_keys() {
    let mut s = template_screen(100, 30);
    let seeded = order(&s);

    // Add: title, description.
    s.keys("a").keys("Joint press release");
    s.key(KeyCode::Tab).keys("Marketing drafts it.");
    save(&mut s);
    assert_eq!(
        stored(&s, "Joint press release"),
        Some("Marketing drafts it.".into())
    );
    assert_eq!(
        order(&s).last().map(String::as_str),
        Some("Joint press release")
    );
    assert!(s.text().contains("Joint press release"), "{}", s.text());

    // A duplicate title stays in the form with the reason, and nothing is written.
    s.keys("a").keys(&seeded[0].to_uppercase());
    save(&mut s);
    assert!(s.text().contains("already an item"), "{}", s.text());
    assert_eq!(order(&s).len(), seeded.len() + 1);
    s.key(KeyCode::Esc).keys("y");

    // Edit the new one's title (the selection went to it).
    s.key(KeyCode::Enter);
    for _ in 0.."release".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("announcement");
    save(&mut s);
    assert!(stored(&s, "Joint press announcement").is_some());
    assert_eq!(stored(&s, "Joint press release"), None);

    // Reorder: up one, then back down, then up again.
    s.keys("K");
    let moved = order(&s);
    assert_eq!(moved[moved.len() - 2], "Joint press announcement");
    s.keys("J");
    assert_eq!(
        order(&s).last().map(String::as_str),
        Some("Joint press announcement")
    );
    s.keys("K");

    // Delete through the confirm step; `n` keeps it, `y` deletes it.
    s.keys("d");
    assert!(s.text().contains("Delete checklist item"), "{}", s.text());
    assert!(s.text().contains("announcement\"? No"), "{}", s.text());
    s.keys("n");
    assert!(stored(&s, "Joint press announcement").is_some());
    s.keys("d").keys("y");
    assert_eq!(stored(&s, "Joint press announcement"), None);
    assert_eq!(order(&s), seeded);
    assert!(
        s.text()
            .contains("Deleted checklist item Joint press announcement"),
        "{}",
        s.text()
    );

    // Undo brings it back where it was, and the view shows it again.
    s.keys("u");
    assert_eq!(order(&s), moved);
    assert!(
        s.text()
            .contains(&format!("{} checklist items", moved.len())),
        "{}",
        s.text()
    );
    assert!(
        s.text().contains("Joint press announcement"),
        "{}",
        s.text()
    );
}

#[test]
fn a_partners_checklist_opens_it_and_the_delete_question_counts_statuses() {
    let mut s = roster(100, 30);
    s.keys("o");
    let first = order(&s).remove(0);
    assert!(s.text().contains(&first), "{}", s.text());
    s.keys(" ");
    s.keys("T");
    assert!(s.text().contains("checklist template"), "{}", s.text());
    assert!(s.text().contains("│› 1  "), "{}", s.text());
    s.keys("d");
    assert!(s.text().contains("1 partner has a"), "{}", s.text());
    s.keys("y");
    assert_eq!(s.count("SELECT count(*) FROM partner_onboarding"), 0);
    s.keys("u");
    assert_eq!(s.count("SELECT count(*) FROM partner_onboarding"), 1);
    assert_eq!(order(&s)[0], first);
}

#[test]
fn the_palette_opens_it_and_esc_goes_back_to_the_roster() {
    let mut s = roster(80, 24);
    s.key(KeyCode::Char(':')).keys("checklist template");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("checklist template"), "{}", s.text());
    s.key(KeyCode::Esc);
    assert!(s.text().contains("sorted by"), "{}", s.text());
}

#[test]
fn the_editor_draws_at_the_smallest_size_with_a_form_open() {
    for (width, height) in [(60, 15), (61, 16)] {
        let mut s = template_screen(width, height);
        s.keys("e");
        assert!(s.text().contains("Title"), "{}", s.text());
        s.key(KeyCode::Esc).key(KeyCode::Esc);
        assert!(s.text().contains("sorted by"), "{}", s.text());
    }
}
