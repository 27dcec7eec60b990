//! Screen tests of the Strategy tab: every section at 80×24 and 200×60, the forms with their
//! validation messages, the decision aid with and without advice, add / edit / delete / undo and
//! reorder through the keys (then the workbook's rows), the protocol's recipient picker, every
//! jump the Guide can make, read-only refusals, the remembered section and tiny terminals.

mod screen_harness;

use std::collections::BTreeMap;

use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::framework::Screen as Place;
use partnerplan::plan::guide::Target;
use partnerplan::plan::risk_suggestions::Sensitivity;
use partnerplan::plan::strategy::{
    AccessLevel, GoalDraft, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceTopic,
    ProtocolDraft, Recipient, ResourceDraft, ResourceKind, ResourceStatus, StrategyDraft,
};
use partnerplan::tui::keymap::Context;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{
    Screen, assert_shows, draws_at_tiny_sizes, id_of, reopened_read_only, screen_with, shows,
    workbook_with_partners,
};
use tempfile::TempDir;

/// The strategy a planner would have written after the first workshop.
fn strategy() -> StrategyDraft {
    let mut answers = BTreeMap::new();
    for (key, answer) in [
        ("offering-defined", Answer::Yes),
        ("innovation", Answer::Yes),
        ("complex-problem", Answer::Yes),
        ("partners-collaborate", Answer::Unsure),
    ] {
        answers.insert(key.to_string(), answer);
    }
    StrategyDraft {
        mission_problem: "Mid-sized manufacturers cannot connect their machines to modern analytics without a team of specialists.".into(),
        mission_value: "One partner network that delivers connected-factory projects end to end.".into(),
        vision: "By 2029, the default way a European plant goes digital.".into(),
        alignment_rating: Some(4),
        alignment_note: "Shared roadmap reviewed each quarter.".into(),
        adaptability_rating: Some(2),
        adaptability_note: "Contracts are rigid; two-year terms.".into(),
        shared_value_rating: None,
        shared_value_note: String::new(),
        value_what: "Connected-factory projects: sensors, integration, analytics, support.".into(),
        value_why: "Plants lose 8% of output to unplanned stops.".into(),
        decision_answers: answers,
        model: Some(Model::Hybrid),
        model_rationale: "Resellers carry today's product; co-development starts next year.".into(),
    }
}

/// A workbook with the partners of the harness and a strategy with every list filled in.
fn strategy_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    wb.save_strategy(&strategy()).unwrap();
    for (title, horizon, status, date, description) in [
        (
            "Win ten plant projects",
            GoalHorizon::Short,
            GoalStatus::InProgress,
            Some("2027-06-30"),
            "Through the three integrators.",
        ),
        (
            "Launch a co-developed analytics module",
            GoalHorizon::Long,
            GoalStatus::Planned,
            Some("2028-12-31"),
            "",
        ),
        (
            "Enter the Nordic market",
            GoalHorizon::Long,
            GoalStatus::Planned,
            None,
            "With one local integrator.",
        ),
    ] {
        wb.add_goal(&GoalDraft {
            title: title.into(),
            horizon,
            description: description.into(),
            target_date: date.map(String::from),
            status,
        })
        .unwrap();
    }
    for (kind, name, cost, status, owner) in [
        (
            ResourceKind::Technology,
            "Partner data-sharing platform",
            Some(4_500_000),
            ResourceStatus::Planned,
            "IT",
        ),
        (
            ResourceKind::Organisation,
            "Partner-management team",
            None,
            ResourceStatus::InPlace,
            "Dana Whitfield",
        ),
        (
            ResourceKind::Budget,
            "Co-marketing fund",
            Some(12_000_000),
            ResourceStatus::Planned,
            "Finance",
        ),
    ] {
        wb.add_resource(&ResourceDraft {
            kind: Some(kind),
            name: name.into(),
            description: String::new(),
            estimated_cost_minor: cost,
            status,
            owner: owner.into(),
        })
        .unwrap();
    }
    for (topic, rule, forum, cadence) in [
        (
            GovernanceTopic::Decision,
            "New partners are approved by the partner board.",
            "Partner board",
            "monthly",
        ),
        (
            GovernanceTopic::ConflictResolution,
            "Disputes go to the account owners, then to the board.",
            "Account owners",
            "",
        ),
    ] {
        wb.add_governance_rule(&GovernanceDraft {
            topic,
            rule: rule.into(),
            forum: forum.into(),
            cadence: cadence.into(),
        })
        .unwrap();
    }
    let helix = id_of(&wb, "partners", "Helix Cloud");
    wb.add_protocol(&ProtocolDraft {
        data_item: "Machine telemetry".into(),
        purpose: "Predictive maintenance models.".into(),
        recipients: vec![Recipient::Partner(helix)],
        access_level: AccessLevel::ChosenFields,
        access_method: "Partner API".into(),
        sensitivity: Sensitivity::Confidential,
        protection_measures: "Pseudonymised; EU hosting.".into(),
        review_date: Some("2027-03-31".into()),
    })
    .unwrap();
    wb
}

/// Opens on the Strategy tab, as a planner who left off there would: the roster's wide
/// characters are never drawn, so `TestBackend` keeps none of them in cells it later skips.
fn open_on_strategy(wb: Workbook, dir: TempDir, width: u16, height: u16) -> Screen {
    wb.set_view_state("app.tab", "Strategy").unwrap();
    screen_with(wb, dir, width, height, Theme::dark(), Vec::new())
}

fn strategy_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = strategy_workbook(&dir);
    open_on_strategy(wb, dir, width, height)
}

/// The harness's workbook, nothing of the strategy written yet.
fn empty_strategy_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    open_on_strategy(wb, dir, width, height)
}

/// Draws the whole screen again, as after a terminal clear: `TestBackend` otherwise keeps what
/// earlier frames left in the cells beside a wide character (東京, 🚀), which ratatui skips.
fn redrawn(s: &mut Screen) -> &Screen {
    s.terminal.clear().unwrap();
    s.draw();
    s
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn tab(s: &mut Screen, times: usize) {
    for _ in 0..times {
        s.key(KeyCode::Tab);
    }
}

#[test]
fn every_section_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = strategy_screen(width, height);
        for (key, name, needle) in [
            ("M", "mission", "Mid-sized manufacturers"),
            ("C", "core_elements", "■■■■□  4 strong"),
            ("V", "value_proposition", "What partners gain"),
            ("A", "model_aid", "Chosen: hybrid / transitioning"),
            ("O", "goals", "Win ten plant projects"),
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
fn a_control_character_is_refused_with_a_sentence_and_nothing_typed_is_lost() {
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

#[test]
fn goals_are_added_edited_reordered_deleted_and_undone_with_the_keys() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("O");
    assert_shows(&s, "No goals yet");
    s.keys("a");
    save(&mut s);
    assert_shows(&s, "Title is required.");
    s.keys("Win ten plant projects");
    tab(&mut s, 3);
    s.keys("June");
    save(&mut s);
    assert_shows(&s, "The target date \"June\" is not a date");
    insta::assert_snapshot!("goal_form_with_a_bad_date_80x24", s.terminal.backend());
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("2027-06-30");
    save(&mut s);
    assert_shows(&s, "Added goal Win ten plant projects.");
    s.keys("a").keys("Enter the Nordic market");
    tab(&mut s, 1);
    s.keys("l");
    save(&mut s);
    let titles = |s: &Screen| -> Vec<String> {
        s.app
            .workbook()
            .goals()
            .unwrap()
            .into_iter()
            .map(|g| g.goal.title)
            .collect()
    };
    assert_eq!(
        titles(&s),
        ["Win ten plant projects", "Enter the Nordic market"]
    );
    assert_eq!(
        s.app.workbook().goals().unwrap()[1].goal.horizon,
        GoalHorizon::Long
    );

    // The new goal is selected: K moves it up.
    s.keys("K");
    assert_eq!(
        titles(&s),
        ["Enter the Nordic market", "Win ten plant projects"]
    );
    s.keys("j").keys("e");
    tab(&mut s, 2);
    s.keys("a");
    save(&mut s);
    assert_eq!(
        s.app.workbook().goals().unwrap()[1].goal.status,
        GoalStatus::Achieved
    );

    s.keys("d");
    assert_shows(&s, "Delete goal \"Win ten plant projects\"?");
    s.keys("y");
    assert_eq!(titles(&s), ["Enter the Nordic market"]);
    s.keys("u");
    assert_eq!(
        titles(&s),
        ["Enter the Nordic market", "Win ten plant projects"]
    );
    assert_shows(&s, "Win ten plant projects");
}

#[test]
fn resources_and_rules_are_added_and_deleted_with_the_keys() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("R").keys("a");
    save(&mut s);
    assert_shows(&s, "Choose a kind: technology, organisation or budget.");
    s.keys("t");
    tab(&mut s, 1);
    s.keys("Partner portal");
    tab(&mut s, 2);
    s.keys("lots");
    save(&mut s);
    assert_shows(&s, "enter an amount like 1,250.50");
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("12,500");
    save(&mut s);
    let resources = s.app.workbook().resources().unwrap();
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0].resource.kind, Some(ResourceKind::Technology));
    assert_eq!(resources[0].resource.estimated_cost_minor, Some(1_250_000));
    assert_shows(&s, "12,500.00");

    s.keys("N").keys("a");
    s.keys("c");
    tab(&mut s, 1);
    s.keys("Account owners first, then the partner board.");
    tab(&mut s, 1);
    s.keys("Partner board");
    save(&mut s);
    let rules = s.app.workbook().governance_rules().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].rule.topic, GovernanceTopic::ConflictResolution);
    assert_eq!(rules[0].rule.forum, "Partner board");
    s.keys("d");
    assert_shows(&s, "Delete the governance rule");
    s.keys("n");
    assert_eq!(s.app.workbook().governance_rules().unwrap().len(), 1);
    s.keys("d").keys("y");
    assert!(s.app.workbook().governance_rules().unwrap().is_empty());
    s.keys("R").keys("d").keys("y");
    assert!(s.app.workbook().resources().unwrap().is_empty());
    s.keys("u");
    assert_eq!(s.app.workbook().resources().unwrap().len(), 1);
}

#[test]
fn a_protocol_shares_with_partners_and_roles_chosen_in_pickers() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    wb.apply_sector_template("technology").unwrap();
    let mut s = open_on_strategy(wb, dir, 80, 24);
    s.keys("P").keys("a").keys("Machine telemetry");
    tab(&mut s, 2);
    s.key(KeyCode::Enter);
    assert_eq!(s.app.context(), Context::Picker);
    s.keys("helix");
    insta::assert_snapshot!(
        "protocol_partner_picker_80x24",
        redrawn(&mut s).terminal.backend()
    );
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter).keys("cobalt").key(KeyCode::Enter);
    assert_shows(&s, "Helix Cloud, Cobalt Systems Integration");
    // Choosing a listed partner again takes it away.
    s.key(KeyCode::Enter).keys("cobalt").key(KeyCode::Enter);
    insta::assert_snapshot!("protocol_form_80x24", redrawn(&mut s).terminal.backend());
    // Roles come from their own picker, the hub left out.
    tab(&mut s, 1);
    s.key(KeyCode::Enter);
    assert_shows(&s, "Add a role");
    s.keys("cloud").key(KeyCode::Enter);
    assert_shows(&s, "Cloud infrastructure");
    save(&mut s);
    let protocols = s.app.workbook().protocols().unwrap();
    assert_eq!(protocols.len(), 1);
    let helix = id_of(s.app.workbook(), "partners", "Helix Cloud");
    let cloud = id_of(s.app.workbook(), "roles", "Cloud infrastructure");
    assert_eq!(
        protocols[0].protocol.recipients,
        [Recipient::Partner(helix), Recipient::Role(cloud)]
    );
    assert_shows(&s, "Shared with: Helix Cloud, Cloud infrastructure (role)");

    // Edit: Backspace on a link clears that kind only.
    s.keys("e");
    tab(&mut s, 2);
    s.key(KeyCode::Backspace);
    save(&mut s);
    assert_eq!(
        s.app.workbook().protocols().unwrap()[0].protocol.recipients,
        [Recipient::Role(cloud)]
    );
    s.keys("u");
    assert_eq!(
        s.app.workbook().protocols().unwrap()[0].shared_with.len(),
        2
    );
    s.keys("d");
    assert_shows(&s, "(2 recipients)? (u undoes it)");
    s.keys("y");
    assert!(s.app.workbook().protocols().unwrap().is_empty());
    assert_eq!(s.count("SELECT count(*) FROM data_protocol_recipients"), 0);
    s.keys("u");
    assert_eq!(s.count("SELECT count(*) FROM data_protocol_recipients"), 2);
}

#[test]
fn escape_asks_before_losing_what_was_typed() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("O").keys("a").keys("Half a title");
    s.key(KeyCode::Esc);
    assert_shows(&s, "Discard the changes in this form?");
    s.keys("n");
    assert_shows(&s, "Half a title");
    s.key(KeyCode::Esc).keys("y");
    assert_eq!(s.app.context(), Context::StrategyList);
    assert!(s.app.workbook().goals().unwrap().is_empty());
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
        screen_harness::line_with(&s.text(), "›"),
        "Enter the Nordic market",
    );
    for (place, needle) in [
        (Place::Resources, "Resources and infrastructure"),
        (Place::Governance, "Governance rules"),
        (Place::Protocols, "Data-sharing protocols"),
    ] {
        s.app.go(Target::screen(place)).unwrap();
        s.draw();
        assert_eq!(s.app.context(), Context::StrategyList, "{place:?}");
        assert_shows(&s, needle);
    }
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
