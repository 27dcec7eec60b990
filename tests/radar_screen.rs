//! Issue 23's trend radar on the Strategy tab's Future section: the examples a new workbook
//! starts with, the radar beside the list at 80×24 and 160×48 (and nothing panics down to 1×1),
//! a trend and its actions added, edited, cycled and deleted through the keys and read back from
//! the workbook; an example edited becomes the user's own.

mod screen_harness;
mod strategy_seed;

use partnerplan::plan::ecosystem::OfferingDraft;
use partnerplan::plan::trend::TouchKind;
use partnerplan::plan::trend::{
    ActionDraft, ActionStatus, TrendCategory, TrendDraft, TrendHorizon,
};
use ratatui::crossterm::event::KeyCode;
use screen_harness::workbook_with_partners;
use screen_harness::{Screen, assert_shows, draws_at_tiny_sizes, line_with};
use strategy_seed::{empty_strategy_screen, open_on_strategy, save, tab};

fn trend_names(s: &Screen) -> Vec<(String, bool)> {
    s.app
        .workbook()
        .trends()
        .unwrap()
        .into_iter()
        .map(|t| (t.trend.name, t.example))
        .collect()
}

#[test]
fn the_radar_shows_the_examples_beside_their_list_at_80x24_and_160x48() {
    let mut s = empty_strategy_screen(80, 24);
    s.keys("T");
    assert_shows(&s, "(example)");
    assert_shows(&s, "Radar");
    assert_shows(&s, "Impact");
    insta::assert_snapshot!("future_radar_80x24", s.terminal.backend());
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    let text = s.text();
    for needle in [
        "Technology",
        "Market",
        "Regulation",
        "Society",
        "Rings: now (centre), 1–2 years, 3–5 years",
    ] {
        assert!(text.contains(needle), "{needle}:\n{text}");
    }
    assert_shows(&s, "An example to edit");
    insta::assert_snapshot!("future_radar_160x48", s.terminal.backend());
    draws_at_tiny_sizes(&mut s, "the Future section");
}

#[test]
fn a_trend_and_its_actions_are_added_cycled_and_deleted_with_the_keys() {
    let mut s = empty_strategy_screen(160, 48);
    s.keys("T").keys("a");
    save(&mut s);
    assert_shows(&s, "Name is required.");
    s.keys("Data residency rules");
    // A choice takes the option its first letters name.
    tab(&mut s, 1);
    s.keys("m");
    tab(&mut s, 1);
    s.keys("3");
    tab(&mut s, 6);
    s.keys("June");
    save(&mut s);
    assert_shows(&s, "Enter a date like");
    for _ in 0..4 {
        s.key(KeyCode::Backspace);
    }
    s.keys("2027-06-30");
    save(&mut s);
    assert_shows(&s, "Added trend Data residency rules.");
    let stored = s.app.workbook().trends().unwrap();
    let trend = stored
        .iter()
        .find(|t| t.trend.name == "Data residency rules")
        .unwrap();
    assert_eq!(trend.trend.category, TrendCategory::Market);
    assert_eq!(trend.trend.horizon, TrendHorizon::Far);
    assert_eq!(trend.trend.review_date.as_deref(), Some("2027-06-30"));
    assert!(!trend.example);

    // Its actions: t, then a adds one; space moves its status on; Esc goes back to the trends.
    s.keys("t");
    assert_shows(&s, "No adaptability action yet");
    s.keys("a")
        .keys("Map where each partner keeps customer data");
    tab(&mut s, 1);
    s.keys("Head of partnerships");
    save(&mut s);
    assert_shows(
        &s,
        "Added action Map where each partner keeps customer data.",
    );
    s.keys(" ");
    let actions = |s: &Screen| {
        s.app
            .workbook()
            .trends()
            .unwrap()
            .into_iter()
            .find(|t| t.trend.name == "Data residency rules")
            .unwrap()
            .actions
    };
    assert_eq!(actions(&s)[0].action.status, ActionStatus::InProgress);
    assert_eq!(actions(&s)[0].action.owner, "Head of partnerships");
    assert!(line_with(&s.text(), "Map where each").contains("[in progress]"));
    s.key(KeyCode::Esc);
    assert_eq!(s.app.context(), partnerplan::tui::keymap::Context::Trends);
    assert_eq!(s.app.workbook().trend_facts().unwrap().ready, 1);

    // Undo takes the status back; delete asks first, then takes the trend and its action.
    s.keys("u");
    assert_eq!(actions(&s)[0].action.status, ActionStatus::Planned);
    s.keys("d");
    assert_shows(
        &s,
        "Delete trend \"Data residency rules\" with its 1 action?",
    );
    s.keys("y");
    assert!(
        trend_names(&s)
            .iter()
            .all(|(n, _)| n != "Data residency rules")
    );
}

/// The one link picker: a trend's form picks offerings as it picks roles and partners, and
/// choosing a listed one again takes it away.
#[test]
fn a_trend_touches_an_offering_picked_in_its_form() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    for name in ["Shared analytics", "Edge retrofit kit"] {
        wb.add_offering(&OfferingDraft {
            name: name.into(),
            ..OfferingDraft::default()
        })
        .unwrap();
    }
    let mut s = open_on_strategy(wb, dir, 120, 40);
    s.keys("T").keys("a").keys("Edge AI in machines");
    // Name, category, horizon, impact, roles, partners: the offerings' field is next.
    tab(&mut s, 6);
    s.key(KeyCode::Enter);
    assert_shows(&s, "Add an offering (a listed one: remove it)");
    s.keys("retro");
    assert_shows(&s, "Edge retrofit kit");
    assert!(!s.text().contains("Shared analytics"), "{}", s.text());
    s.key(KeyCode::Enter);
    s.key(KeyCode::Enter);
    s.keys("shared");
    s.key(KeyCode::Enter);
    assert!(
        line_with(&s.text(), "Touches offerings").contains("Edge retrofit kit, Shared analytics")
    );
    // Chosen again, a listed offering is taken away.
    s.key(KeyCode::Enter);
    s.keys("edge");
    s.key(KeyCode::Enter);
    assert!(line_with(&s.text(), "Touches offerings").contains("Shared analytics"));
    assert!(!line_with(&s.text(), "Touches offerings").contains("Edge"));
    save(&mut s);
    assert_shows(&s, "Added trend Edge AI in machines.");
    let trends = s.app.workbook().trends().unwrap();
    let trend = trends
        .iter()
        .find(|t| t.trend.name == "Edge AI in machines")
        .unwrap();
    let touched: Vec<(TouchKind, &str)> = trend
        .touches
        .iter()
        .map(|t| (t.touch.kind, t.name.as_str()))
        .collect();
    assert_eq!(touched, [(TouchKind::Offering, "Shared analytics")]);
    // Edited, the form shows the offering and keeps it when something else changes.
    s.keys("e");
    assert!(line_with(&s.text(), "Touches offerings").contains("Shared analytics"));
    tab(&mut s, 7);
    s.keys("How edge boxes spread.");
    save(&mut s);
    let trends = s.app.workbook().trends().unwrap();
    let trend = trends
        .iter()
        .find(|t| t.trend.name == "Edge AI in machines")
        .unwrap();
    assert_eq!(trend.touches.len(), 1, "{:?}", trend.touches);
    assert_eq!(trend.trend.evolution, "How edge boxes spread.");
}

#[test]
fn an_example_edited_becomes_the_users_own() {
    let mut s = empty_strategy_screen(160, 48);
    s.keys("T");
    assert!(trend_names(&s).iter().all(|(_, example)| *example));
    s.keys("e");
    tab(&mut s, 8);
    s.keys("2027-01-15");
    save(&mut s);
    assert_shows(&s, "it is yours now, no longer an example.");
    let own: Vec<(String, bool)> = trend_names(&s).into_iter().filter(|t| !t.1).collect();
    assert_eq!(own.len(), 1);
    assert_eq!(
        s.app.workbook().trend_facts().unwrap().ready,
        1,
        "its example action and the new review date make step 12 done"
    );
}

#[test]
fn the_guides_step_12_leads_to_the_radar_and_esc_comes_back() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("fresh.partnerplan");
    partnerplan::workbook::Workbook::create(&path, Some("Fresh plan")).unwrap();
    let wb = partnerplan::workbook::Workbook::open(&path, Default::default()).unwrap();
    let mut s = screen_harness::screen_with(
        wb,
        dir,
        120,
        40,
        partnerplan::tui::theme::Theme::dark(),
        Vec::new(),
    );
    s.app.idle();
    s.draw();
    s.key(KeyCode::Char('g'));
    for _ in 1..12 {
        s.key(KeyCode::Char('j'));
    }
    assert_shows(&s, "The radar holds only examples");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), partnerplan::tui::tabs::TabId::Strategy);
    assert_shows(&s, "Future: trend radar");
    assert_shows(&s, "(example)");
    s.key(KeyCode::Esc);
    assert_eq!(s.app.tab(), partnerplan::tui::tabs::TabId::Guide);
}

/// The trend list answers its keys as every other list does (the one list editor): in a
/// read-only workbook add, edit and delete are refused with the same sentence and no form
/// opens; the actions' key still opens them.
#[test]
fn a_read_only_workbook_refuses_the_trend_lists_edits() {
    let dir = tempfile::TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, true);
    let mut s = open_on_strategy(wb, dir, 120, 40);
    s.keys("2").keys("T");
    assert_shows(&s, "(example)");
    for key in ["a", "e", "d"] {
        s.keys(key);
        assert_shows(&s, "Read-only: nothing can be changed");
        assert_eq!(
            s.app.context(),
            partnerplan::tui::keymap::Context::Trends,
            "{key}"
        );
    }
    s.keys("t");
    assert_ne!(s.app.context(), partnerplan::tui::keymap::Context::Trends);
}

/// A trend's actions are a list like any other: the arrows move, Edit and Delete take the one
/// selected, space moves its status on, Esc goes back to the trends.
#[test]
fn a_trends_actions_answer_the_list_keys_on_the_selected_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    let trend = wb
        .add_trend(
            &TrendDraft {
                name: "Aaa first trend".into(),
                impact: 3,
                ..TrendDraft::default()
            },
            &[],
        )
        .unwrap();
    for (title, due) in [
        ("Map the data", "2027-01-31"),
        ("Ask the partners", "2027-03-31"),
    ] {
        wb.add_trend_action(
            trend,
            &ActionDraft {
                title: title.into(),
                due_date: Some(due.into()),
                ..ActionDraft::default()
            },
        )
        .unwrap();
    }
    let mut s = open_on_strategy(wb, dir, 120, 40);
    s.keys("T").keys("t");
    let chosen =
        |s: &Screen, title: &str| line_with(&s.text(), title).contains(&format!("› {title}"));
    assert!(chosen(&s, "Map the data"), "{}", s.text());
    s.keys("j");
    assert!(chosen(&s, "Ask the partners"), "{}", s.text());
    assert!(!chosen(&s, "Map the data"), "{}", s.text());
    s.keys("e");
    assert_shows(&s, "Edit Ask the partners");
    s.key(KeyCode::Esc);
    s.keys("d");
    assert_shows(&s, "Delete action \"Ask the partners\"?");
    s.keys("n");
    s.keys("k").keys(" ");
    let actions = &s.app.workbook().trends().unwrap()[0].actions;
    assert_eq!(actions[0].action.status, ActionStatus::InProgress);
    assert_eq!(actions[1].action.status, ActionStatus::Planned);
    s.key(KeyCode::Esc);
    assert_eq!(s.app.context(), partnerplan::tui::keymap::Context::Trends);
}
