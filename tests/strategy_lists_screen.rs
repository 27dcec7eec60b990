//! Screen tests of the Strategy tab's lists: goals added, edited, reordered, deleted and undone
//! through the keys, resources and governance rules with their validation messages, protocols
//! with partner and role recipients from the pickers, and Esc asking before losing a form; each
//! then checked in the workbook's rows.

mod screen_harness;
mod strategy_seed;

use partnerplan::plan::strategy::{
    GoalHorizon, GoalStatus, GovernanceTopic, Recipient, ResourceKind,
};
use partnerplan::tui::keymap::Context;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, id_of, screen_with_settings, workbook_with_partners};
use strategy_seed::{empty_strategy_screen, open_on_strategy, redrawn, save, tab};
use tempfile::TempDir;

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
    assert_shows(&s, "Enter a date like 2026-11-23.");
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

/// Dates are typed and shown in the configured format, and stored as `YYYY-MM-DD`.
#[test]
fn dates_follow_the_configured_format() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    wb.set_view_state("app.tab", "Strategy").unwrap();
    let settings = Settings {
        date_format: "%d/%m/%Y".into(),
        ..Settings::default()
    };
    let mut s = screen_with_settings(wb, dir, (80, 24), Theme::dark(), settings, Vec::new());
    s.keys("O").keys("a").keys("Enter the Nordic market");
    tab(&mut s, 3);
    assert_shows(&s, "e.g. 23/11/2026");
    s.keys("30/06/2027");
    save(&mut s);
    let goals = s.app.workbook().goals().unwrap();
    assert_eq!(goals[0].goal.target_date.as_deref(), Some("2027-06-30"));
    assert_shows(&s, "30/06/2027");
}
