//! Issue 20: the in-app what-if screen on the demo — the saved scenario beside the plan now,
//! a new one built by typing partners' names (exit, delay, gate-out), saved by name and found in
//! the file, renamed, deleted after a y/n (each undoable), two compared side by side; reached
//! from the Overview and from a partner's line of the concentration list, Esc coming back the
//! way it came; outcomes worked out in the idle pass with a "working…" mark; 80×24, 160×48, 1×1.

mod overview_workbook;
mod screen_harness;

use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, draws_at_tiny_sizes, line_with, screen_with_settings};
use tempfile::TempDir;

use overview_workbook::settings;

fn demo_overview(size: (u16, u16)) -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml"))
        .expect("the demo plan");
    partnerplan::exchange::toml::import(&path, &text, &[]).expect("the demo imports");
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with_settings(wb, dir, size, Theme::dark(), settings(), Vec::new());
    s.key(KeyCode::Char('7'));
    s.settle();
    s
}

fn scenario_names(s: &Screen) -> Vec<String> {
    s.app
        .workbook()
        .connection()
        .prepare("SELECT name FROM scenarios ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn w_shows_the_saved_scenario_beside_the_plan_now_at_both_sizes() {
    let mut s = demo_overview((80, 24));
    s.key(KeyCode::Char('w'));
    assert_shows(&s, "Saved scenarios");
    assert_shows(&s, "Ostrander exits");
    // The outcome is not worked out on the key: the idle pass does it.
    assert_shows(&s, "working…");
    s.settle();
    assert!(!s.text().contains("working…"), "{}", s.text());
    assert_shows(&s, "Now");
    assert_shows(&s, "Scenario");
    assert_shows(&s, "73 %");
    assert_shows(&s, "Overview › What if");
    insta::assert_snapshot!("list_80x24", s.terminal.backend());
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    assert_shows(&s, "Returns, all time");
    assert_shows(&s, "KPI Active partners");
    insta::assert_snapshot!("list_160x48", s.terminal.backend());
    // Esc comes back to the panels.
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Overview);
    assert!(!s.text().contains("Saved scenarios"), "{}", s.text());
    assert_shows(&s, "Concentration");
}

#[test]
fn typed_keys_build_a_scenario_save_it_and_the_file_holds_it() {
    let mut s = demo_overview((160, 48));
    s.key(KeyCode::Char('w')).key(KeyCode::Char('a'));
    assert_shows(&s, "which partner?");
    s.keys("Pylon");
    s.key(KeyCode::Enter);
    assert_shows(&s, "New scenario");
    assert_shows(&s, "exits");
    // t: exit → delay of 3 months; l: one more month.
    s.key(KeyCode::Char('t')).key(KeyCode::Char('l'));
    assert_shows(&s, "is delayed by 4 months");
    s.settle();
    assert_shows(&s, "is delayed by 4 months:");
    // A second partner, gated out.
    s.key(KeyCode::Char('a'));
    s.keys("Ostrander");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Char('t')).key(KeyCode::Char('t'));
    assert_shows(&s, "is gated out");
    s.settle();
    s.key(KeyCode::Char('s'));
    assert_shows(&s, "Save the scenario as");
    // The suggested name is the story; it is replaced by typing.
    for _ in 0..200 {
        s.key(KeyCode::Backspace);
    }
    s.keys("Two at once");
    s.key(KeyCode::Enter);
    assert_eq!(scenario_names(&s), ["Ostrander exits", "Two at once"]);
    let events: i64 = s.count(
        "SELECT count(*) FROM scenario_events e JOIN scenarios s ON s.id = e.scenario_id \
         WHERE s.name = 'Two at once' AND ((e.kind = 'delay' AND e.months = 4) \
         OR e.kind = 'gate-out')",
    );
    assert_eq!(events, 2);
    assert_shows(&s, "Saved the scenario \"Two at once\"");
    assert_shows(&s, "Saved scenarios");
    assert_shows(&s, "▸Two at once");
    // The same name again is refused in the prompt, and what was typed stays.
    s.key(KeyCode::Char('a'));
    s.keys("Quaystone");
    s.key(KeyCode::Enter).key(KeyCode::Char('s'));
    for _ in 0..200 {
        s.key(KeyCode::Backspace);
    }
    s.keys("two at once");
    s.key(KeyCode::Enter);
    assert_shows(&s, "is saved already;");
    assert_shows(&s, "Name: two at once");
    s.key(KeyCode::Esc);
    // The draft is still there; leaving it asks first.
    s.key(KeyCode::Esc);
    assert_shows(&s, "Discard");
    s.key(KeyCode::Char('y'));
    assert_shows(&s, "Saved scenarios");
    // u undoes the save.
    s.key(KeyCode::Char('u'));
    assert_eq!(scenario_names(&s), ["Ostrander exits"]);
}

#[test]
fn rename_delete_and_compare_through_the_workbook() {
    let mut s = demo_overview((160, 48));
    s.key(KeyCode::Char('w'));
    // Nothing to compare with yet.
    s.key(KeyCode::Char('c'));
    assert_shows(&s, "Comparing needs two saved scenarios");
    // A second one: Pylon exits.
    s.key(KeyCode::Char('a'));
    s.keys("Pylon");
    s.key(KeyCode::Enter).key(KeyCode::Char('s'));
    for _ in 0..200 {
        s.key(KeyCode::Backspace);
    }
    s.keys("Pylon leaves");
    s.key(KeyCode::Enter);
    assert_eq!(scenario_names(&s), ["Ostrander exits", "Pylon leaves"]);
    // Compare the selected one with the other.
    s.key(KeyCode::Char('c'));
    s.key(KeyCode::Enter);
    s.settle();
    assert_shows(&s, "beside Ostrander exits");
    assert_shows(&s, "Returns at stake");
    assert_shows(&s, "Roles nobody would hold");
    assert_shows(&s, "Overview › What if: compare");
    insta::assert_snapshot!("compare_160x48", s.terminal.backend());
    s.key(KeyCode::Esc);
    // Rename it.
    s.key(KeyCode::Char('e'));
    assert_shows(&s, "Rename the scenario");
    for _ in 0..20 {
        s.key(KeyCode::Backspace);
    }
    s.keys("Pylon walks");
    s.key(KeyCode::Enter);
    assert_eq!(scenario_names(&s), ["Ostrander exits", "Pylon walks"]);
    assert_shows(&s, "▸Pylon walks");
    // Delete it after a y/n; n keeps it, y deletes, u brings it back.
    s.key(KeyCode::Char('d'));
    assert_shows(&s, "Delete the scenario \"Pylon walks\"?");
    s.key(KeyCode::Char('n'));
    assert_eq!(scenario_names(&s).len(), 2);
    s.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert_eq!(scenario_names(&s), ["Ostrander exits"]);
    s.key(KeyCode::Char('u'));
    assert_eq!(scenario_names(&s), ["Ostrander exits", "Pylon walks"]);
}

#[test]
fn from_the_concentration_list_a_partner_exits_and_esc_comes_back_to_the_list() {
    let mut s = demo_overview((160, 48));
    // The concentration panel (the last one), its list, the top partner of returns.
    s.key(KeyCode::Char('G')).key(KeyCode::Enter);
    s.key(KeyCode::Char('j'));
    assert_shows(&s, "▸   Ostrander Industrial Supply");
    s.key(KeyCode::Char('w'));
    assert_shows(&s, "New scenario");
    assert_shows(&s, "If Ostrander Industrial Supply exits");
    s.settle();
    assert_shows(&s, "73 %");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "▸   Ostrander Industrial Supply");
    assert!(!s.text().contains("New scenario"), "{}", s.text());
    // A region's line names no partner: the screen says so rather than guess.
    s.key(KeyCode::Char('g'));
    s.key(KeyCode::Char('w'));
    assert_shows(&s, "New scenario");
}

#[test]
fn a_jump_away_and_back_restores_the_draft() {
    let mut s = demo_overview((160, 48));
    s.key(KeyCode::Char('w')).key(KeyCode::Char('a'));
    s.keys("Quaystone");
    s.key(KeyCode::Enter).key(KeyCode::Char('t'));
    assert_shows(&s, "is delayed by 3 months");
    // Away to the Partners tab and back: the draft is as it was left.
    s.key(KeyCode::Char('3')).key(KeyCode::Char('7'));
    assert_shows(&s, "New scenario");
    assert_shows(&s, "is delayed by 3 months");
}

#[test]
fn the_screen_draws_at_tiny_sizes() {
    let mut s = demo_overview((80, 24));
    s.key(KeyCode::Char('w'));
    s.settle();
    draws_at_tiny_sizes(&mut s, "what-if list");
    s.key(KeyCode::Char('a'));
    s.keys("Pylon");
    s.key(KeyCode::Enter);
    s.settle();
    draws_at_tiny_sizes(&mut s, "what-if draft");
}

/// The demo on the Partners tab with the roster's filter narrowed to `name`.
fn demo_roster_at(size: (u16, u16), name: &str) -> Screen {
    let mut s = demo_overview(size);
    s.key(KeyCode::Char('3'));
    s.key(KeyCode::Char('/'));
    s.keys(name);
    s.key(KeyCode::Enter);
    s
}

#[test]
fn x_on_a_partners_page_asks_what_if_it_exits_and_esc_comes_back_to_it() {
    let mut s = demo_roster_at((80, 24), "Ostrander");
    assert_eq!(s.app.tab(), TabId::Partners);
    // The roster line's scores page (`c`), then `X`.
    s.key(KeyCode::Char('c'));
    assert_shows(&s, "Ostrander Industrial Supply");
    s.key(KeyCode::Char('X'));
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "New scenario");
    assert_shows(&s, "If Ostrander Industrial Supply exits");
    s.settle();
    assert_shows(&s, "73 %");
    insta::assert_snapshot!("exit_from_a_partners_page_80x24", s.terminal.backend());
    // Nothing was written: the scenario is a question until saved.
    assert_eq!(scenario_names(&s), ["Ostrander exits"]);
    // Esc goes back the way it came: out of the scenario, then to the partner's page.
    for _ in 0..3 {
        if s.app.tab() == TabId::Partners {
            break;
        }
        s.key(KeyCode::Esc);
    }
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "Ostrander Industrial Supply");
    // The key is in the page's help and its palette, named for what it does.
    s.key(KeyCode::Char('?')).key(KeyCode::Char('/'));
    s.keys("exits");
    assert!(
        line_with(&s.text(), "what if partners exit").contains(" X "),
        "{}",
        s.text()
    );
    s.key(KeyCode::Esc).key(KeyCode::Esc);
    s.key(KeyCode::Char(':'));
    s.keys("what if");
    assert!(
        line_with(&s.text(), "what if partners exit").contains('X'),
        "{}",
        s.text()
    );
}

#[test]
fn the_screen_says_what_a_delay_and_a_gate_out_simplify() {
    let mut s = demo_overview((120, 40));
    s.key(KeyCode::Char('w')).key(KeyCode::Char('a'));
    s.keys("Pylon");
    s.key(KeyCode::Enter);
    s.settle();
    // An exit simplifies nothing.
    assert!(!s.text().contains("counted as"), "{}", s.text());
    s.key(KeyCode::Char('t'));
    s.settle();
    assert_shows(&s, "is delayed by 3 months");
    assert_shows(&s, "A delayed partner is counted as absent from its roles");
    s.key(KeyCode::Char('t'));
    s.settle();
    assert_shows(&s, "is gated out");
    assert_shows(&s, "A partner gated out is counted as gone at once");
    assert!(!s.text().contains("A delayed partner"), "{}", s.text());
    insta::assert_snapshot!("gate_out_said_120x40", s.terminal.backend());
}

#[test]
fn a_comparison_taller_than_the_screen_scrolls_to_its_last_row() {
    let mut s = demo_overview((80, 24));
    let names: Vec<String> = s
        .app
        .workbook()
        .connection()
        .prepare("SELECT name FROM partners WHERE stage = 'active' ORDER BY name LIMIT 6")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // A second scenario, built with the keys: six active partners gated out.
    s.key(KeyCode::Char('w'));
    for name in &names {
        s.key(KeyCode::Char('a'));
        s.keys(name);
        s.key(KeyCode::Enter);
        s.keys("tt");
    }
    s.key(KeyCode::Char('s'));
    for _ in 0..300 {
        s.key(KeyCode::Backspace);
    }
    s.keys("Six gated out");
    s.key(KeyCode::Enter);
    assert_eq!(scenario_names(&s), ["Ostrander exits", "Six gated out"]);
    // "Ostrander exits" compared with "Six gated out", on a short terminal.
    s.terminal.backend_mut().resize(80, 16);
    s.draw();
    s.key(KeyCode::Char('g'));
    s.key(KeyCode::Char('c')).key(KeyCode::Enter);
    s.settle();
    assert_shows(&s, "beside Six gated out");
    let text = s.text();
    let first = line_with(&text, "rows 1–").to_string();
    let total: usize = first
        .split(" of ")
        .nth(1)
        .and_then(|t| t.split(':').next())
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or_else(|| panic!("no row count: {text}"));
    assert_shows(&s, "A partner gated out is counted as gone at once");
    insta::assert_snapshot!("compare_scrolls_80x16", s.terminal.backend());
    s.key(KeyCode::Char('j'));
    assert_shows(&s, "rows 2–");
    // To the bottom: the last row is in sight, and no further.
    s.key(KeyCode::Char('G'));
    assert_shows(&s, &format!("of {total}"));
    let text = s.text();
    let bottom = line_with(&text, " of ");
    assert!(bottom.contains(&format!("–{total} of {total}")), "{text}");
    s.key(KeyCode::Char('j'));
    assert_eq!(s.text(), text, "scrolled past the last row");
    s.key(KeyCode::Char('g'));
    assert_shows(&s, "rows 1–");
}
