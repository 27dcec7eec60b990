//! Screen test of "add a word to a list": run it from the palette, then find the word offered in
//! the partner form's choice list and save a partner with it.

mod screen_harness;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::screen;

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
    // From "—" (none), up wraps to the last entry: the added word.
    s.keys("k").key(KeyCode::Enter);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM partners WHERE name = 'Fjord Logistics' AND region = 'Nordics'"
        ),
        1
    );
}
