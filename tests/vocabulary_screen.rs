//! Screen tests of the word lists: add a word from the palette and find it offered in the partner
//! form; open the word lists, remove an added word (the question says how many partners keep
//! it), refuse a shipped word, and bring a removed word back with undo.

mod screen_harness;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::vocabulary::VocabularyKind;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen, screen_with, workbook_with_partners};
use tempfile::TempDir;

#[test]
fn an_added_word_is_offered_in_the_partner_form_and_saved() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char(':')).keys("add a word");
    s.key(KeyCode::Enter);
    assert!(s.text().contains("Add a word to a list"), "{}", s.text());
    // The list field starts on "type"; "r" jumps to "region".
    s.keys("r").key(KeyCode::Tab).keys("Nordics");
    insta::assert_snapshot!("add_word_form_80x24", s.terminal.backend());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("Added \"Nordics\" to the region list"),
        "{}",
        s.text()
    );
    assert_eq!(
        s.count("SELECT count(*) FROM vocabulary_terms WHERE kind = 'region' AND term = 'Nordics'"),
        1
    );

    // A new partner: name, then Tab to Region (type, sector, website, stage, tier, region).
    s.keys("a").keys("Fjord Logistics");
    for _ in 0..6 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter);
    assert!(s.text().contains("Nordics"), "{}", s.text());
    // The list does not wrap past its ends: from "—" (none), up stays there. Typing narrows it
    // to the added word.
    s.key(KeyCode::Up);
    assert!(s.text().contains("— (none)"), "{}", s.text());
    s.keys("nordi");
    assert!(!s.text().contains("Europe"), "narrowed: {}", s.text());
    s.key(KeyCode::Enter);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM partners WHERE name = 'Fjord Logistics' AND region = 'Nordics'"
        ),
        1
    );
}

/// A workbook whose stage list has "dormant" added, held by three partners, and whose region list
/// has "Nordics" added, held by none; the word lists open over the roster.
fn word_lists_screen_at(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    wb.add_term(VocabularyKind::Stage, "dormant").unwrap();
    wb.add_term(VocabularyKind::Region, "Nordics").unwrap();
    for name in ["Aster Dormant", "Birch Dormant", "Cedar Dormant"] {
        let draft = PartnerDraft {
            name: name.into(),
            stage: "dormant".into(),
            ..Default::default()
        };
        wb.add_partner(&draft).unwrap();
    }
    let mut s = screen_with(wb, dir, width, height, Theme::dark(), Vec::new());
    s.keys("L");
    s
}

fn word_lists_screen(width: u16, height: u16) -> Screen {
    let s = word_lists_screen_at(width, height);
    assert!(s.text().contains("Word lists"), "{}", s.text());
    s
}

/// Moves the selection down from the top until the selected row shows `word`.
fn select_row(s: &mut Screen, word: &str) {
    s.keys("g");
    for _ in 0..200 {
        let text = s.text();
        let selected = text.lines().find(|l| l.contains('›')).unwrap_or_default();
        if selected.contains(word) {
            return;
        }
        s.keys("j");
    }
    panic!("no row shows {word}:\n{}", s.text());
}

fn listed(s: &Screen, kind: &str, term: &str) -> i64 {
    s.count(&format!(
        "SELECT count(*) FROM vocabulary_terms WHERE kind = '{kind}' AND term = '{term}'"
    ))
}

#[test]
fn removing_an_added_word_says_who_keeps_it_and_undo_brings_it_back() {
    let mut s = word_lists_screen(80, 24);
    // The view opens on the first added word, so `d` has something to remove at once.
    insta::assert_snapshot!("word_lists_80x24", s.terminal.backend());
    s.keys("d");
    let text = s.text();
    // The question wraps inside the dialog: one line each.
    assert!(
        text.contains("Remove \"dormant\" from the stage list? 3 partners keep"),
        "{text}"
    );
    assert!(
        text.contains("\"dormant\"; it will show as not in the list. (u undoes it)"),
        "{text}"
    );
    insta::assert_snapshot!("remove_word_confirm_80x24", s.terminal.backend());

    // "n" keeps it.
    s.keys("n");
    assert_eq!(listed(&s, "stage", "dormant"), 1);

    s.keys("d").keys("y");
    assert!(
        s.text()
            .contains("Removed \"dormant\" from the stage list (u undoes it)."),
        "{}",
        s.text()
    );
    assert_eq!(listed(&s, "stage", "dormant"), 0);
    let rows = s.text();
    assert!(
        !rows
            .lines()
            .any(|l| l.contains("│") && l.contains("dormant")),
        "{rows}"
    );
    // The partners keep the word.
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE stage = 'dormant'"),
        3
    );

    s.keys("u");
    assert_eq!(listed(&s, "stage", "dormant"), 1);
    let text = s.text();
    assert!(
        text.contains("Undid: remove dormant from the stage list"),
        "{text}"
    );
    // Back in the view, selected and marked as added.
    assert!(text.contains("› ") && text.contains("dormant"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("dormant"))
        .unwrap_or_default();
    assert!(row.contains('›') && row.contains("added"), "{text}");
}

#[test]
fn a_word_nobody_uses_is_removed_with_a_question_that_says_so() {
    let mut s = word_lists_screen(80, 24);
    select_row(&mut s, "Nordics");
    s.keys("d");
    assert!(
        s.text()
            .contains("Remove \"Nordics\" from the region list? No partner uses it."),
        "{}",
        s.text()
    );
    s.keys("y");
    assert_eq!(listed(&s, "region", "Nordics"), 0);
    assert_eq!(listed(&s, "stage", "dormant"), 1);
}

#[test]
fn a_shipped_word_is_refused_with_a_message_and_no_question() {
    let mut s = word_lists_screen(80, 24);
    let before = s.count("SELECT count(*) FROM vocabulary_terms");
    // The first row: the type list's first shipped word.
    s.keys("g").keys("d");
    let text = s.text();
    assert!(
        text.contains(
            "\"strategic alliance\" ships with partnerplan; only added words can be removed."
        ),
        "{text}"
    );
    assert!(!text.contains("Confirm"), "{text}");
    // "y" now answers nothing.
    s.keys("y");
    assert_eq!(s.count("SELECT count(*) FROM vocabulary_terms"), before);
}

#[test]
fn with_no_added_words_the_view_and_the_refusal_say_so() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char(':')).keys("word lists");
    s.key(KeyCode::Enter);
    let text = s.text();
    assert!(text.contains("No words added yet"), "{text}");
    s.keys("d");
    assert!(
        s.text()
            .contains("\"strategic alliance\" ships with partnerplan; no word has been added yet."),
        "{}",
        s.text()
    );
    assert!(!s.text().contains("Confirm"), "{}", s.text());
}

#[test]
fn adding_from_the_word_lists_starts_on_the_selected_list_and_selects_the_new_word() {
    let mut s = word_lists_screen(80, 24);
    // The region list's "Nordics".
    select_row(&mut s, "Nordics");
    s.keys("a");
    assert!(s.text().contains("Add a word to a list"), "{}", s.text());
    s.keys("Baltics");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(listed(&s, "region", "Baltics"), 1);
    let text = s.text();
    let row = text
        .lines()
        .find(|l| l.contains("Baltics"))
        .unwrap_or_default();
    assert!(row.contains('›') && row.contains("added"), "{text}");
    // `d` now asks about the new word.
    s.keys("d");
    assert!(
        s.text()
            .contains("Remove \"Baltics\" from the region list?"),
        "{}",
        s.text()
    );
}

#[test]
fn a_read_only_workbook_refuses_to_remove() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, true);
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.keys("L").keys("d");
    assert!(s.text().contains("Read-only"), "{}", s.text());
    assert!(!s.text().contains("Confirm"), "{}", s.text());
}

#[test]
fn the_word_lists_and_the_question_draw_at_any_size() {
    for (width, height) in [(1, 1), (12, 4), (40, 10)] {
        let mut s = word_lists_screen_at(width, height);
        s.keys("d");
        s.keys("n").keys("a");
        assert_eq!(s.count("SELECT count(*) FROM vocabulary_terms"), 2);
    }
}

/// A short form's choice list reaches past the form's own box, so every list can be seen.
#[test]
fn the_list_choice_of_a_short_form_shows_every_list() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char(':')).keys("add a word");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    let text = s.text();
    for list in ["type", "stage", "sector", "tier", "region", "risk category"] {
        assert!(
            text.lines().any(|l| l.contains(&format!("│{list}"))
                || l.contains(&format!("│ {list}"))
                || l.contains(&format!("› {list}"))),
            "{list} is not listed:\n{text}"
        );
    }
}

/// A word pasted into the add-a-word form lands in its Word field (it used to go nowhere).
#[test]
fn a_pasted_word_lands_in_the_add_word_form() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('W'));
    assert!(s.text().contains("Add a word to a list"), "{}", s.text());
    s.key(KeyCode::Tab);
    s.app
        .handle_event(ratatui::crossterm::event::Event::Paste("Benelux".into()));
    s.draw();
    assert!(s.text().contains("Benelux"), "{}", s.text());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM vocabulary_terms WHERE term = 'Benelux'"),
        1
    );
}
