//! The navigation stack puts Strategy, Roles and Metrics back exactly: a jump from the Guide that
//! lands on another record of the tab, then `Esc`, and the tab shows the same sub-view with the
//! same record selected as before the jump (found by its id, so a change made meanwhile does not
//! move the selection to a neighbour).

mod screen_harness;

use jiff::civil::date;
use partnerplan::plan::framework::Screen as Place;
use partnerplan::plan::guide::Target;
use partnerplan::plan::kpi::Kpi;
use partnerplan::plan::strategy::GoalDraft;
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, id_of, screen_with, selected_line, workbook_with_partners};
use tempfile::TempDir;

fn workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    for title in ["Alpha goal", "Beta goal", "Gamma goal"] {
        wb.add_goal(&GoalDraft {
            title: title.into(),
            horizon: Default::default(),
            description: String::new(),
            target_date: None,
            status: Default::default(),
        })
        .unwrap();
    }
    wb.apply_sector_template("technology").unwrap();
    for name in ["First KPI", "Second KPI"] {
        let id = wb
            .add_kpi(&Kpi {
                name: name.into(),
                unit: "deals".into(),
                target: Some(10.0),
                target_date: Some("2027-12-31".into()),
                ..Kpi::default()
            })
            .unwrap();
        for (month, value) in [(1, 1.0), (2, 2.0), (3, 3.0)] {
            wb.add_measurement(id, date(2026, month, 1), value, &format!("note {month}"))
                .unwrap();
        }
    }
    wb
}

fn app() -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook(&dir);
    screen_with(wb, dir, 160, 40, Theme::dark(), Vec::new())
}

/// From the Guide, a jump as its `Enter` makes.
fn jump(s: &mut Screen, screen: Place, record: i64) {
    s.key(KeyCode::Char('1'));
    s.app
        .go(Target {
            screen,
            record_id: Some(record),
        })
        .unwrap();
    s.draw();
}

/// A jump from the Guide, then `Esc` until the Guide is back.
fn jump_and_back(s: &mut Screen, screen: Place, record: i64) {
    jump(s, screen, record);
    back_to_guide(s);
}

fn back_to_guide(s: &mut Screen) {
    for _ in 0..4 {
        if s.app.tab() == TabId::Guide {
            return;
        }
        s.key(KeyCode::Esc);
    }
    assert_eq!(s.app.tab(), TabId::Guide, "{}", s.text());
}

/// The selected line of the screen shows `needle`.
fn assert_selected(s: &Screen, needle: &str) {
    let text = s.text();
    assert!(selected_line(&text).contains(needle), "{text}");
}

fn id(s: &Screen, table: &str, name: &str) -> i64 {
    id_of(s.app.workbook(), table, name)
}

#[test]
fn strategy_comes_back_to_the_goal_that_was_selected() {
    let mut s = app();
    s.key(KeyCode::Char('2')).key(KeyCode::Char('O'));
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    assert_selected(&s, "Gamma goal");
    let alpha: i64 = s
        .app
        .workbook()
        .connection()
        .query_row("SELECT id FROM goals WHERE title = 'Alpha goal'", [], |r| {
            r.get(0)
        })
        .unwrap();
    jump_and_back(&mut s, Place::Goals, alpha);
    s.key(KeyCode::Char('2'));
    assert_selected(&s, "Gamma goal");
}

#[test]
fn metrics_comes_back_to_the_kpi_detail_and_its_measurement() {
    let mut s = app();
    s.key(KeyCode::Char('6'));
    s.key(KeyCode::Char('j'));
    assert_selected(&s, "Second KPI");
    s.key(KeyCode::Enter);
    s.key(KeyCode::Char('j'));
    let before = s.text();
    assert!(selected_line(&before).contains("note 2"), "{before}");
    let first = id(&s, "kpis", "First KPI");
    jump_and_back(&mut s, Place::Metrics, first);
    s.key(KeyCode::Char('6'));
    let after = s.text();
    assert!(after.contains("Second KPI"), "{after}");
    assert!(selected_line(&after).contains("note 2"), "{after}");
    // And Esc from the detail comes to the table with the same KPI selected.
    s.key(KeyCode::Esc);
    assert_selected(&s, "Second KPI");
}

#[test]
fn roles_come_back_to_the_role_by_its_id() {
    let mut s = app();
    s.key(KeyCode::Char('4'));
    for _ in 0..9 {
        s.key(KeyCode::Char('j'));
    }
    assert_selected(&s, "Security assessment");
    // The jump lands on the role above, which is deleted there: the rows below move up one.
    let resellers = id(&s, "roles", "Resellers and marketplaces");
    jump(&mut s, Place::Roles, resellers);
    assert_selected(&s, "Resellers");
    s.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert!(
        !s.text().contains("│    Resellers and marketplaces"),
        "{}",
        s.text()
    );
    back_to_guide(&mut s);
    s.key(KeyCode::Char('4'));
    assert_selected(&s, "Security assessment");
}

#[test]
fn metrics_comes_back_to_the_roi_period_it_showed() {
    let mut s = app();
    s.key(KeyCode::Char('6')).key(KeyCode::Char('r'));
    s.key(KeyCode::Char('p'));
    assert!(s.text().contains("the last 12 months"), "{}", s.text());
    let first = id(&s, "kpis", "First KPI");
    jump_and_back(&mut s, Place::Metrics, first);
    s.key(KeyCode::Char('6'));
    assert!(s.text().contains("the last 12 months"), "{}", s.text());
}
