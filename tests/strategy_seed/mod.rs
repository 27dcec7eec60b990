//! What the Strategy tab's screen tests start from: a workbook with a strategy and every list
//! filled in as a planner would after the first workshop, or none of it yet; opened on the tab.
#![allow(dead_code)]

use std::collections::BTreeMap;

use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::kpi::{Direction, Kpi};
use partnerplan::plan::risk_suggestions::Sensitivity;
use partnerplan::plan::strategy::{
    AccessLevel, GoalDraft, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceTopic,
    ProtocolDraft, Recipient, ResourceDraft, ResourceKind, ResourceStatus, StrategyDraft,
};
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tempfile::TempDir;

use crate::screen_harness::{Screen, id_of, screen_with, workbook_with_partners};

/// The strategy a planner would have written after the first workshop.
pub fn strategy() -> StrategyDraft {
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
pub fn strategy_workbook(dir: &TempDir) -> Workbook {
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
            invested_on: None,
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
    // Two KPIs measure the first goal: one achieved, one without a measurement yet.
    let first_goal = wb.goals().unwrap()[0].id;
    for (name, measured) in [("Plant projects won", Some(12.0)), ("Project margin", None)] {
        let kpi = wb
            .add_kpi(&Kpi {
                name: name.into(),
                category: "growth".into(),
                unit: "projects".into(),
                direction: Direction::Higher,
                target: Some(10.0),
                target_date: Some("2027-06-30".into()),
                goal_id: Some(first_goal),
                ..Kpi::default()
            })
            .unwrap();
        if let Some(value) = measured {
            wb.add_measurement(kpi, jiff::civil::date(2026, 1, 15), value, "")
                .unwrap();
        }
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
pub fn open_on_strategy(wb: Workbook, dir: TempDir, width: u16, height: u16) -> Screen {
    wb.set_view_state("app.tab", "Strategy").unwrap();
    screen_with(wb, dir, width, height, Theme::dark(), Vec::new())
}

pub fn strategy_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = strategy_workbook(&dir);
    open_on_strategy(wb, dir, width, height)
}

/// The harness's workbook, nothing of the strategy written yet.
pub fn empty_strategy_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    open_on_strategy(wb, dir, width, height)
}

/// Draws the whole screen again, as after a terminal clear: `TestBackend` otherwise keeps what
/// earlier frames left in the cells beside a wide character (東京, 🚀), which ratatui skips.
pub fn redrawn(s: &mut Screen) -> &Screen {
    s.terminal.clear().unwrap();
    s.draw();
    s
}

pub fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

pub fn tab(s: &mut Screen, times: usize) {
    for _ in 0..times {
        s.key(KeyCode::Tab);
    }
}
