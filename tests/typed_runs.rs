//! Runs of typed characters (issue 17): keys a terminal sends one per character, handed to the
//! App as one run, do on screen and in the file exactly what the same keys one by one do — the
//! focused text field takes its stretch in one go, and whatever would not be typing there (a key
//! that opens the form, a letter on a choice field, a search, a letter that quits) acts as a
//! key, in order.

mod screen_harness;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use screen_harness::{Screen, assert_shows, screen};

/// The keys a terminal sends for `text`, as the harness types them one by one.
fn keys_of(text: &str) -> Vec<KeyEvent> {
    text.chars()
        .map(|c| {
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), modifiers)
        })
        .collect()
}

/// Hands `text` to the App as one run, then draws.
fn typed(s: &mut Screen, text: &str) {
    s.app.handle_typed(&keys_of(text));
    s.draw();
}

/// The same keys to two apps on equal workbooks: one key at a time, and as one run.
fn both(one_by_one: &mut Screen, in_runs: &mut Screen, text: &str) {
    one_by_one.keys(text);
    typed(in_runs, text);
    // Whole frames compared: the terminal's diff of the frames drawn between the keys one by
    // one can leave cells the run never drew.
    for s in [&mut *one_by_one, &mut *in_runs] {
        s.terminal.clear().unwrap();
        s.draw();
    }
    assert_eq!(
        in_runs.text(),
        one_by_one.text(),
        "typing {text:?} as a run drew something else than key by key"
    );
}

#[test]
fn a_run_does_what_its_keys_do_one_by_one() {
    let (mut one_by_one, mut in_runs) = (screen(120, 40), screen(120, 40));
    // "3" shows the roster and "a" opens the new-partner form: keys, not typing; the rest of
    // the run is the name.
    both(&mut one_by_one, &mut in_runs, "3aAcme Robotics 42");
    assert_shows(&in_runs, "Acme Robotics 42");
    // On to the Type field, a choice: each letter jumps to the next option starting with it.
    for s in [&mut one_by_one, &mut in_runs] {
        s.key(KeyCode::Tab);
    }
    both(&mut one_by_one, &mut in_runs, "sv");
    // Past Sector, another choice, to Website, a text field again.
    for s in [&mut one_by_one, &mut in_runs] {
        s.key(KeyCode::Tab);
        s.key(KeyCode::Tab);
    }
    both(&mut one_by_one, &mut in_runs, "acme.example/ünïcødé-東京");
    for s in [&mut one_by_one, &mut in_runs] {
        s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }
    assert_eq!(in_runs.text(), one_by_one.text());
    let saved = "SELECT count(*) FROM partners WHERE name = 'Acme Robotics 42'";
    assert_eq!(in_runs.count(saved), 1);
    assert_eq!(one_by_one.count(saved), 1);
}

/// A search takes its keys one by one, as before: the roster's filter narrows on each.
#[test]
fn a_run_into_a_search_is_keys() {
    let (mut one_by_one, mut in_runs) = (screen(120, 40), screen(120, 40));
    both(&mut one_by_one, &mut in_runs, "3/Helix");
    assert_shows(&in_runs, "Helix Cloud");
    assert!(!in_runs.text().contains("Northwind"), "{}", in_runs.text());
}

/// Outside any form a run is keys: "q" on the roster quits, and nothing after it is handled.
#[test]
fn outside_a_form_a_run_is_keys_and_stops_at_quit() {
    let mut s = screen(120, 40);
    typed(&mut s, "3q2");
    assert!(s.app.should_quit());
    assert_eq!(s.app.tab().title(), "Partners");
}

/// The Ecosystem view's forms take runs too: "4n" opens the view, "o" the offerings, "a" a new
/// offering, and the rest of the run is its name — in the field in one go, as key by key.
#[test]
fn the_ecosystem_views_offering_form_takes_a_run() {
    let (mut one_by_one, mut in_runs) = (screen(120, 40), screen(120, 40));
    both(&mut one_by_one, &mut in_runs, "4noaEdge analytics bundle");
    assert_shows(&in_runs, "Edge analytics bundle");
    for s in [&mut one_by_one, &mut in_runs] {
        s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    }
    let saved = "SELECT count(*) FROM offerings WHERE name = 'Edge analytics bundle'";
    assert_eq!(in_runs.count(saved), 1, "{}", in_runs.text());
    assert_eq!(one_by_one.count(saved), 1);
}
