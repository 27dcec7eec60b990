//! The navigation stack puts Strategy, Roles and Metrics back exactly: a jump from the Guide that
//! lands on another record of the tab, then `Esc`, and the tab shows the same sub-view with the
//! same record selected as before the jump (found by its id, so a change made meanwhile does not
//! move the selection to a neighbour) — the role matrix and the Ecosystem view (its map, matrix
//! and offerings) with their cell, row, zoom and filters too.

mod screen_harness;

use jiff::civil::date;
use partnerplan::plan::ecosystem::{MemberDraft, OfferingDraft};
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

/// The line of the screen that holds `needle` (for what a view says about its selection).
fn line_holding(s: &Screen, needle: &str) -> String {
    let text = s.text();
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{text}"))
        .to_string()
}

/// The role matrix comes back with its stage limit, the partner row and the role column it had
/// selected: the jump from the Guide to a role closes it on the way.
#[test]
fn the_role_matrix_comes_back_to_its_cell_and_stages() {
    let mut s = app();
    s.key(KeyCode::Char('4')).key(KeyCode::Char('x'));
    s.key(KeyCode::Char('f'));
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Char('l')).key(KeyCode::Char('l'));
    let stages = line_holding(&s, "active and onboarding");
    let cell = line_holding(&s, " in ");
    // Not the first row and column: going back to the start would show another cell.
    s.key(KeyCode::Char('0')).key(KeyCode::Char('k'));
    let start = line_holding(&s, " in ");
    assert_ne!(start, cell);
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Char('l')).key(KeyCode::Char('l'));
    assert_eq!(line_holding(&s, " in "), cell);

    let resellers = id(&s, "roles", "Resellers and marketplaces");
    jump(&mut s, Place::Roles, resellers);
    assert!(!s.text().contains("active and onboarding"), "{}", s.text());
    back_to_guide(&mut s);
    s.key(KeyCode::Char('4'));
    assert_eq!(line_holding(&s, "active and onboarding"), stages);
    assert_eq!(line_holding(&s, " in "), cell);
}

/// The tab's body, drawn whole (the terminal's diff leaves cells under wide characters that
/// the frame never drew); the tab bar aside, whose Guide label gains the readiness once the
/// Guide has been read.
fn body(s: &mut Screen) -> String {
    s.terminal.clear().unwrap();
    s.draw();
    s.text().lines().skip(2).collect::<Vec<_>>().join("\n")
}

/// The cells of the tab's body, styles included, as `body`.
fn cells(s: &mut Screen) -> Vec<ratatui::buffer::Cell> {
    s.terminal.clear().unwrap();
    s.draw();
    let buffer = s.terminal.backend().buffer();
    let skip = usize::from(buffer.area.width) * 2;
    buffer.content[skip..].to_vec()
}

/// The Ecosystem view comes back with its partner, zoom and the partner × partner matrix at
/// the cell it showed.
#[test]
fn the_ecosystem_view_comes_back_to_its_partner_and_matrix_cell() {
    let mut s = app();
    s.key(KeyCode::Char('4')).key(KeyCode::Char('n'));
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    s.key(KeyCode::Char('x'));
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    s.key(KeyCode::Char('l'));
    let before = body(&mut s);
    assert!(before.contains("Links among the"), "{before}");
    assert!(
        selected_line(&before).contains("3 東京 Robotics"),
        "{before}"
    );

    let resellers = id(&s, "roles", "Resellers and marketplaces");
    jump(&mut s, Place::Roles, resellers);
    assert!(!s.text().contains("Links among the"), "{}", s.text());
    back_to_guide(&mut s);
    s.key(KeyCode::Char('4'));
    assert_eq!(body(&mut s), before);
}

/// The offerings of the Ecosystem view come back with the row that was selected, and under
/// them the map of the same partner at the same zoom.
#[test]
fn the_ecosystem_offerings_come_back_to_their_row() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook(&dir);
    let helix = id_of(&wb, "partners", "Helix Cloud");
    for name in ["Portal pilot", "Shared analytics"] {
        let offering = wb
            .add_offering(&OfferingDraft {
                name: name.into(),
                ..OfferingDraft::default()
            })
            .unwrap();
        wb.add_member(
            offering,
            &MemberDraft {
                partner: Some(helix),
                contribution: "hosting".into(),
                ..MemberDraft::default()
            },
        )
        .unwrap();
    }
    let mut s = screen_with(wb, dir, 160, 40, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('4')).key(KeyCode::Char('n'));
    s.key(KeyCode::Char('j'));
    s.key(KeyCode::Char('+'));
    let zoomed_map = body(&mut s);
    s.key(KeyCode::Char('o'));
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));
    let pane = cells(&mut s);
    // The selection is drawn in colour only: the first row selected draws otherwise.
    s.key(KeyCode::Char('g'));
    assert_ne!(cells(&mut s), pane);
    s.key(KeyCode::Char('j')).key(KeyCode::Char('j'));

    let resellers = id(&s, "roles", "Resellers and marketplaces");
    jump(&mut s, Place::Roles, resellers);
    back_to_guide(&mut s);
    s.key(KeyCode::Char('4'));
    assert!(cells(&mut s) == pane, "{}", s.text());
    s.key(KeyCode::Char('o'));
    assert_eq!(
        body(&mut s),
        zoomed_map,
        "the same partner at the same zoom"
    );
}
