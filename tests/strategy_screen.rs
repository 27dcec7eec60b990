//! Screen tests of the Strategy tab: every section at 80×24 and 200×60, the written parts' forms,
//! the decision aid with and without advice, every jump the Guide can make, read-only refusals,
//! the remembered section, the palette, the mono theme and tiny terminals (the lists' keys are in
//! `strategy_lists_screen.rs`).

mod screen_harness;
mod strategy_seed;

use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::framework::Screen as Place;
use partnerplan::plan::guide::Target;
use partnerplan::tui::keymap::Context;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::KeyCode;
use screen_harness::{assert_shows, draws_at_tiny_sizes, reopened_read_only, screen_with, shows};
use strategy_seed::{empty_strategy_screen, save, strategy_screen, strategy_workbook, tab};
use tempfile::TempDir;

#[test]
fn every_section_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = strategy_screen(width, height);
        for (key, name, needle) in [
            ("M", "mission", "Mid-sized manufacturers"),
            ("C", "core_elements", "■■■■□  4 strong"),
            ("V", "value_proposition", "What partners gain"),
            ("A", "model_aid", "Chosen: hybrid / transitioning"),
            ("O", "goals", "· no data (2 KPIs)"),
            ("R", "resources", "Partner data-sharing platform"),
            ("N", "governance", "partner board"),
            ("P", "protocols", "Machine telemetry"),
        ] {
            s.keys(key);
            assert_shows(&s, needle);
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), s.terminal.backend());
        }
    }
}

#[test]
fn the_written_parts_are_filled_in_through_their_forms() {
    let mut s = empty_strategy_screen(80, 24);
    assert_shows(&s, "Not written yet.");
    s.keys("e");
    assert_eq!(s.app.context(), Context::Form);
    insta::assert_snapshot!("mission_form_80x24", s.terminal.backend());
    s.keys("Partners cannot reach mid-sized plants.");
    tab(&mut s, 1);
    s.keys("Projects delivered end to end.");
    tab(&mut s, 1);
    s.keys("The default way plants go digital.");
    save(&mut s);
    assert_shows(&s, "Saved the mission.");
    let stored = s.app.workbook().strategy().unwrap();
    assert_eq!(
        stored.mission_problem,
        "Partners cannot reach mid-sized plants."
    );
    assert_eq!(stored.mission_value, "Projects delivered end to end.");
    assert_eq!(stored.vision, "The default way plants go digital.");

    // Core elements: a rating is chosen by its number, the note typed below it.
    s.keys("C").keys("e");
    s.keys("4");
    tab(&mut s, 1);
    s.keys("Quarterly roadmap.");
    tab(&mut s, 1);
    s.keys("2");
    insta::assert_snapshot!("core_elements_form_80x24", s.terminal.backend());
    save(&mut s);
    let stored = s.app.workbook().strategy().unwrap();
    assert_eq!(stored.alignment_rating, Some(4));
    assert_eq!(stored.alignment_note, "Quarterly roadmap.");
    assert_eq!(stored.adaptability_rating, Some(2));
    assert_eq!(stored.shared_value_rating, None);
    assert_eq!(
        stored.mission_value, "Projects delivered end to end.",
        "kept"
    );
    assert_shows(&s, "■■■■□  4 strong");

    s.keys("V").keys("e");
    s.keys("Connected-factory projects.");
    tab(&mut s, 1);
    s.keys("Plants lose output to stops.");
    insta::assert_snapshot!("value_proposition_form_80x24", s.terminal.backend());
    save(&mut s);
    let stored = s.app.workbook().strategy().unwrap();
    assert_eq!(stored.value_what, "Connected-factory projects.");
    assert_eq!(stored.value_why, "Plants lose output to stops.");

    // Each save was one change: undo takes back the value proposition only.
    s.keys("u");
    let stored = s.app.workbook().strategy().unwrap();
    assert!(stored.value_what.is_empty());
    assert_eq!(stored.adaptability_rating, Some(2));
}

#[test]
fn pasted_control_characters_are_dropped_and_the_text_saves() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("e").keys("Buyers cannot find us.");
    s.app
        .handle_event(ratatui::crossterm::event::Event::Paste("\u{7}".into()));
    // Pasting drops control characters, so the text stays clean and saves.
    save(&mut s);
    assert_eq!(
        s.app.workbook().strategy().unwrap().mission_problem,
        "Buyers cannot find us."
    );
}

#[test]
fn the_decision_aid_advises_once_three_answers_are_firm() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("A");
    assert_eq!(s.app.context(), Context::StrategyAid);
    assert_shows(&s, "Answer 3 more questions");
    insta::assert_snapshot!("model_aid_without_advice_80x24", s.terminal.backend());
    // Each answer moves on to the next question.
    s.keys("yyn");
    let answers = s.app.workbook().strategy().unwrap().decision_answers;
    assert_eq!(answers["offering-defined"], Answer::Yes);
    assert_eq!(answers["scale-distribution"], Answer::Yes);
    assert_eq!(answers["transactional"], Answer::No);
    assert_shows(&s, "Advice: channel");
    s.keys("nx");
    assert_eq!(
        s.app.workbook().strategy().unwrap().decision_answers["complex-problem"],
        Answer::Unsure
    );
    s.keys("k");
    s.key(KeyCode::Char(' '));
    assert_eq!(
        s.app.workbook().strategy().unwrap().decision_answers["complex-problem"],
        Answer::Yes,
        "space turns not sure into yes"
    );
    assert_shows(&s, "Advice: ");
    insta::assert_snapshot!("model_aid_with_advice_80x24", s.terminal.backend());

    // The user may choose differently from the advice, and says why.
    s.keys("m");
    insta::assert_snapshot!("model_form_80x24", s.terminal.backend());
    s.keys("e");
    tab(&mut s, 1);
    s.keys("We co-develop with two partners from day one.");
    save(&mut s);
    let stored = s.app.workbook().strategy().unwrap();
    assert_eq!(stored.model, Some(Model::Ecosystem));
    assert_eq!(
        stored.model_rationale,
        "We co-develop with two partners from day one."
    );
    assert_shows(&s, "Chosen: ecosystem");
}

/// Where each of the Guide's jumps lands: the section, and a form open or a record selected.
#[test]
fn every_jump_of_the_guide_lands_where_it_should() {
    let mut s = strategy_screen(80, 24);
    s.keys("1");
    for (place, title) in [
        (Place::Mission, "Mission and vision"),
        (Place::CoreElements, "Core elements: rate each"),
        (Place::ValueProposition, "Value proposition"),
        (Place::ModelAid, "Choose the model"),
    ] {
        s.app.go(Target::screen(place)).unwrap();
        s.draw();
        assert_eq!(s.app.context(), Context::Form, "{place:?}");
        assert_shows(&s, title);
        s.key(KeyCode::Esc);
    }
    // The typing can start at once.
    s.app.go(Target::screen(Place::Mission)).unwrap();
    s.draw();
    s.keys(" More.");
    save(&mut s);
    assert!(
        s.app
            .workbook()
            .strategy()
            .unwrap()
            .mission_problem
            .ends_with("specialists. More.")
    );

    let nordic = id_of_goal(s.app.workbook(), "Enter the Nordic market");
    s.app
        .go(Target {
            screen: Place::Goals,
            record_id: Some(nordic),
        })
        .unwrap();
    s.draw();
    assert_eq!(s.app.context(), Context::StrategyList);
    shows(
        screen_harness::selected_line(&s.text()),
        "Enter the Nordic market",
    );
    for (place, needle) in [
        (Place::Resources, "Resources and infrastructure"),
        (Place::Protocols, "Data-sharing protocols"),
    ] {
        s.app.go(Target::screen(place)).unwrap();
        s.draw();
        assert_eq!(s.app.context(), Context::StrategyList, "{place:?}");
        assert_shows(&s, needle);
    }
    // No rule reviews the partners with a cadence (what step 12 asks): a new performance-review
    // rule opens, on its text.
    s.app.go(Target::screen(Place::Governance)).unwrap();
    s.draw();
    assert_eq!(s.app.context(), Context::Form);
    assert_shows(&s, "New governance rule");
    assert_shows(&s, "performance review");
    assert_shows(&s, "│›Rule ");
    // The jump's topic is a change not saved yet: Esc asks, and `y` lets it go (a jump from
    // elsewhere would keep the form and say so; see `jump_keeps_typing.rs`).
    s.key(KeyCode::Esc);
    assert_shows(&s, "Discard the changes in this form?");
    s.key(KeyCode::Char('y'));
    s.app
        .go(Target {
            screen: Place::Goals,
            record_id: Some(9_999),
        })
        .unwrap();
    s.draw();
    assert_shows(&s, "That goal no longer exists");
}

fn id_of_goal(wb: &Workbook, title: &str) -> i64 {
    wb.goals()
        .unwrap()
        .into_iter()
        .find(|g| g.goal.title == title)
        .map(|g| g.id)
        .unwrap()
}

#[test]
fn the_model_jump_asks_for_answers_first_when_there_is_no_advice() {
    let mut s = empty_strategy_screen(80, 24);
    s.app.go(Target::screen(Place::ModelAid)).unwrap();
    s.draw();
    assert_eq!(s.app.context(), Context::StrategyAid);
    assert_shows(&s, "Answer at least 3 questions first");
    s.keys("yyy");
    s.app.go(Target::screen(Place::ModelAid)).unwrap();
    s.draw();
    assert_eq!(s.app.context(), Context::Form);
    assert_shows(&s, "The decision aid advises channel.");
}

#[test]
fn a_read_only_workbook_refuses_every_edit() {
    let dir = TempDir::new().unwrap();
    let wb = reopened_read_only(strategy_workbook(&dir));
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.keys("2");
    let refused = "Read-only: nothing can be changed";
    for keys in [
        "Me", "Ce", "Ve", "Ay", "Am", "Oa", "Oe", "Od", "OK", "Ra", "Nd", "Pa",
    ] {
        s.keys(keys);
        assert_shows(&s, refused);
        assert_ne!(s.app.context(), Context::Form, "{keys}");
    }
    s.app.go(Target::screen(Place::Mission)).unwrap();
    s.draw();
    assert_shows(&s, refused);
    assert_ne!(s.app.context(), Context::Form);
}

#[test]
fn the_section_is_remembered_between_sessions() {
    let dir = TempDir::new().unwrap();
    let path = {
        let wb = strategy_workbook(&dir);
        let mut s = screen_with(
            wb,
            TempDir::new().unwrap(),
            80,
            24,
            Theme::dark(),
            Vec::new(),
        );
        s.keys("2").keys("N");
        s.app.remember_view();
        s.app.workbook().path().to_path_buf()
    };
    let wb = Workbook::open(&path, Default::default()).unwrap();
    let s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    assert_shows(&s, "[Governance]");
}

#[test]
fn the_palette_reaches_every_section() {
    let mut s = strategy_screen(80, 24);
    s.key(KeyCode::Char(':')).keys("data-sharing");
    s.key(KeyCode::Enter);
    assert_shows(&s, "[Data sharing]");
    s.key(KeyCode::Char(':')).keys("core elements");
    s.key(KeyCode::Enter);
    assert_shows(&s, "[Core]");
    s.keys("]");
    s.keys("]");
    assert_shows(&s, "[Model]");
    for _ in 0..3 {
        s.keys("[");
    }
    assert_shows(&s, "[Mission]");
    s.keys("[");
    assert_shows(&s, "[Future]");
    s.keys("[");
    assert_shows(&s, "[Data sharing]");
    // The help lists every section's key, from the keymap.
    s.keys("?");
    assert_shows(&s, "strategy: governance rules");
    shows(
        screen_harness::line_with(&s.text(), "strategy: governance rules"),
        "N",
    );
}

#[test]
fn the_mono_theme_reads_without_colour() {
    let dir = TempDir::new().unwrap();
    let wb = strategy_workbook(&dir);
    wb.set_view_state("app.tab", "Strategy").unwrap();
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    s.keys("A");
    // The answers are words and the selection a marker, not colours.
    assert_shows(&s, "› yes       Is what we offer");
    assert_shows(&s, "  not sure  Must partners");
    insta::assert_snapshot!("model_aid_mono_80x24", s.terminal.backend());
}

#[test]
fn tiny_terminals_draw_without_panicking() {
    let mut s = strategy_screen(80, 24);
    for section in ["M", "C", "V", "A", "O", "R", "N", "P"] {
        s.keys(section);
        draws_at_tiny_sizes(&mut s, section);
    }
    s.keys("P").keys("e");
    draws_at_tiny_sizes(&mut s, "protocol form");
    s.terminal.backend_mut().resize(59, 14);
    s.draw();
    assert_shows(&s, "terminal too small");
    insta::assert_snapshot!("too_small_59x14", s.terminal.backend());
    s.terminal.backend_mut().resize(60, 15);
    s.key(KeyCode::Esc).keys("y").keys("A");
    insta::assert_snapshot!("model_aid_60x15", s.terminal.backend());
}

/// The plan's title (the report's cover, the top line) is edited at the end of the mission's
/// form: saved in one journaled change, shown at once, undone by `u`; an empty title is refused
/// with the reason on the field.
#[test]
fn the_plan_title_is_edited_with_the_mission_and_undone() {
    let mut s = empty_strategy_screen(80, 24);
    let before = s.app.workbook().meta().unwrap().title;
    assert!(
        s.text().lines().next().unwrap().contains(&before),
        "{}",
        s.text()
    );
    s.keys("e");
    tab(&mut s, 3);
    for _ in 0..before.chars().count() {
        s.key(KeyCode::Backspace);
    }
    save(&mut s);
    assert_shows(&s, "The plan needs a title");
    assert_eq!(s.app.context(), Context::Form, "the form stays open");
    s.keys("Northwind partner plan 2027");
    save(&mut s);
    assert_shows(&s, "Saved the plan's title.");
    assert_eq!(
        s.app.workbook().meta().unwrap().title,
        "Northwind partner plan 2027"
    );
    let top = s.text().lines().next().unwrap().to_string();
    assert!(top.contains("Northwind partner plan 2027"), "{top}");
    s.keys("u");
    assert_eq!(s.app.workbook().meta().unwrap().title, before);
    let top = s.text().lines().next().unwrap().to_string();
    assert!(top.contains(&before), "the top line follows undo: {top}");
}

/// Between the widths where the names fit only one space apart and where they move into a column
/// of their own, each name has a space either side (they ran together at 100 columns).
#[test]
fn the_section_row_keeps_its_names_apart_at_100_columns() {
    let mut s = strategy_screen(100, 30);
    s.keys("M");
    let text = s.text();
    let row = text
        .lines()
        .find(|line| line.contains("[Mission]"))
        .unwrap_or_else(|| panic!("the section row is drawn:\n{text}"));
    for pair in [
        "[Mission] Core ",
        " Core  Value ",
        " Governance  Forums ",
        " Data sharing  Future ",
    ] {
        assert!(row.contains(pair), "{pair:?} in the section row: {row:?}");
    }
    insta::assert_snapshot!("mission_100x30", s.terminal.backend());
}
