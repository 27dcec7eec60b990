//! Screen tests of a partner's Joint plan view: reached with J from its scores, shown at 80×24
//! and 160×48 with a conflict named on both sides, a joint goal added through its form, a
//! delete confirmed, Esc back to where it was opened from, and a check-in that marks a milestone
//! done — each checked in the workbook's rows too.

mod screen_harness;

use jiff::civil::{Date, date};
use partnerplan::plan::ecosystem::OfferingDraft;
use partnerplan::plan::joint::{CommitmentDraft, GoalKpi, JointGoalDraft, MilestoneDraft};
use partnerplan::plan::kpi::{Direction, Kpi};
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{
    Screen, draws_at_tiny_sizes, press_until, screen_with_settings, selected_line,
    workbook_with_partners,
};
use tempfile::TempDir;

const TODAY: Date = date(2026, 11, 23);

fn partner_id(wb: &Workbook, name: &str) -> i64 {
    wb.connection()
        .query_row("SELECT id FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

/// Northwind with a joint plan (two goals, a commitment each way, two milestones) and Brightpath
/// with a goal after the same segment: one conflict.
fn joint_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    let n = partner_id(&wb, "Northwind Logistics");
    let goal = wb
        .add_joint_goal(
            n,
            &JointGoalDraft {
                title: "Same-day delivery in the Nordics".into(),
                commitment: "Both staff a launch team.".into(),
                due_on: Some("2027-06-30".into()),
                status: "on track".into(),
                segment: "Nordic retail".into(),
                ..JointGoalDraft::default()
            },
        )
        .unwrap();
    wb.add_joint_goal(
        n,
        &JointGoalDraft {
            title: "Shared returns desk".into(),
            status: "planned".into(),
            ..JointGoalDraft::default()
        },
    )
    .unwrap();
    for (side, what) in [
        ("ours", "Route planning software"),
        ("theirs", "Two hubs near Oslo"),
    ] {
        wb.save_commitment(
            n,
            None,
            &CommitmentDraft {
                goal: Some(goal),
                side: side.into(),
                what: what.into(),
                due_on: Some("2027-01-15".into()),
                status: "open".into(),
            },
        )
        .unwrap();
    }
    for (title, due) in [
        ("Pilot live", "2027-02-01"),
        ("Ten stores served", "2027-05-01"),
    ] {
        wb.save_milestone(
            n,
            None,
            &MilestoneDraft {
                goal: Some(goal),
                title: title.into(),
                due_on: Some(due.into()),
                status: "planned".into(),
                done_on: None,
            },
        )
        .unwrap();
    }
    let c = partner_id(&wb, "Brightpath Analytics");
    wb.add_joint_goal(
        c,
        &JointGoalDraft {
            title: "Nordic retail insights".into(),
            status: "planned".into(),
            segment: "nordic retail".into(),
            ..JointGoalDraft::default()
        },
    )
    .unwrap();
    let settings = Settings {
        today: Some(TODAY),
        ..Settings::default()
    };
    screen_with_settings(
        wb,
        dir,
        (width, height),
        Theme::dark(),
        settings,
        Vec::new(),
    )
}

/// Northwind's scores, then its joint plan.
fn open_joint_plan(s: &mut Screen) {
    press_until(s, KeyCode::Char('j'), 20, |t| {
        selected_line(t).contains("Northwind Logistics")
    });
    s.key(KeyCode::Char('c'));
    assert!(s.text().contains("Joint plan"), "{}", s.text());
    s.key(KeyCode::Char('J'));
    assert!(
        s.text().contains("Northwind Logistics  Scores"),
        "{}",
        s.text()
    );
}

#[test]
fn the_joint_plan_at_80x24_and_160x48_names_the_conflict_on_both_sides() {
    for (width, height) in [(80, 24), (160, 48)] {
        let mut s = joint_screen(width, height);
        open_joint_plan(&mut s);
        let text = s.text();
        assert!(text.contains("Same-day delivery"), "{text}");
        assert!(text.contains("1 conflict"), "{text}");
        if width == 160 {
            assert!(text.contains("(Northwind Logistics)"), "{text}");
            assert!(text.contains("(Brightpath Analytics)"), "{text}");
            assert!(
                text.contains("J joint plan") || text.contains("a add"),
                "{text}"
            );
        }
        insta::assert_snapshot!(format!("joint_plan_{width}x{height}"), s.terminal.backend());
    }
}

#[test]
fn a_joint_goal_is_added_through_its_form_and_a_milestone_deleted_after_yes() {
    let mut s = joint_screen(160, 48);
    open_joint_plan(&mut s);
    s.key(KeyCode::Char('a'));
    assert!(
        s.text().contains("New joint goal with Northwind Logistics"),
        "{}",
        s.text()
    );
    // A bad date is refused on its field; nothing is written.
    s.keys("Cross-dock in Gothenburg")
        .key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("2027-02-30")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(s.text().contains("Enter a date like"), "{}", s.text());
    for _ in 0.."2027-02-30".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("2027-09-30")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (due, status): (String, String) = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT due_on, status FROM joint_goals WHERE title = 'Cross-dock in Gothenburg'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((due.as_str(), status.as_str()), ("2027-09-30", "planned"));
    assert!(
        s.text()
            .contains("Saved joint goal Cross-dock in Gothenburg."),
        "{}",
        s.text()
    );

    // → to the commitments, → to the milestones; d asks, y deletes the selected one.
    s.key(KeyCode::Char('l')).key(KeyCode::Char('l'));
    let before = s.count("SELECT count(*) FROM joint_milestones");
    s.key(KeyCode::Char('d'));
    assert!(
        s.text().contains("Delete the milestone “Pilot live”"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Char('y'));
    assert_eq!(s.count("SELECT count(*) FROM joint_milestones"), before - 1);
    // u brings it back.
    s.key(KeyCode::Char('u'));
    assert_eq!(s.count("SELECT count(*) FROM joint_milestones"), before);

    // Esc goes back to the roster the view was opened over.
    s.key(KeyCode::Esc);
    assert!(
        !s.text().contains("Commitments, ours and theirs"),
        "{}",
        s.text()
    );
    draws_at_tiny_sizes(&mut s, "joint plan");
}

#[test]
fn a_checkin_marks_one_of_the_partners_milestones_done() {
    let mut s = joint_screen(160, 48);
    open_joint_plan(&mut s);
    s.key(KeyCode::Char('i')).key(KeyCode::Char('a'));
    s.keys("Pilot went live on Friday.")
        .key(KeyCode::Tab)
        .keys("P")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("the milestone is marked done"),
        "{}",
        s.text()
    );
    let (status, done): (String, String) = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT status, done_on FROM joint_milestones WHERE title = 'Pilot live'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((status.as_str(), done.as_str()), ("done", "2026-11-23"));
}

/// `J` on the roster opens the selected partner's joint plan; the roster's hint bar shows it
/// when it has room (not at 80 columns), and help and the palette always list it.
#[test]
fn j_on_the_roster_opens_the_partners_joint_plan_and_help_and_the_palette_name_it() {
    let mut s = joint_screen(160, 48);
    press_until(&mut s, KeyCode::Char('j'), 20, |t| {
        selected_line(t).contains("Northwind Logistics")
    });
    let bar = |s: &Screen| {
        let text = s.text();
        text.lines().last().unwrap_or_default().to_string()
    };
    s.terminal.backend_mut().resize(80, 48);
    s.draw();
    assert!(!bar(&s).contains("J joint"), "full at 80: {}", bar(&s));
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    s.key(KeyCode::Char('?'));
    assert!(s.text().contains("joint plan"), "help: {}", s.text());
    s.key(KeyCode::Esc);
    s.key(KeyCode::Char(':')).keys("joint plan");
    assert!(line_with_j(&s.text()), "palette: {}", s.text());
    s.key(KeyCode::Esc);
    s.terminal.backend_mut().resize(320, 48);
    s.draw();
    assert!(bar(&s).contains("J joint"), "room at 320: {}", bar(&s));
    s.terminal.backend_mut().resize(160, 48);
    s.draw();
    s.key(KeyCode::Char('J'));
    let text = s.text();
    assert!(text.contains("Northwind Logistics  Scores"), "{text}");
    assert!(text.contains("Same-day delivery in the Nordics"), "{text}");
    assert!(text.contains("Commitments, ours and theirs"), "{text}");
}

/// Whether a line names the joint plan with its key, J.
fn line_with_j(text: &str) -> bool {
    text.lines()
        .any(|l| l.to_lowercase().contains("joint plan") && l.contains('J'))
}

/// The one link picker on a joint goal's form: two KPIs (each with the way the goal wants it and
/// a target, asked when picked) and an offering, read back from the file; a KPI picked again
/// and unticked is taken away.
#[test]
fn a_joint_goal_links_two_kpis_and_an_offering_through_the_picker() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    for (name, direction) in [
        ("Nordic revenue", Direction::Higher),
        ("Late deliveries", Direction::Lower),
    ] {
        wb.add_kpi(&Kpi {
            name: name.into(),
            category: "growth".into(),
            direction,
            ..Kpi::default()
        })
        .unwrap();
    }
    wb.add_offering(&OfferingDraft {
        name: "Same-day kit".into(),
        ..OfferingDraft::default()
    })
    .unwrap();
    let settings = Settings {
        today: Some(TODAY),
        ..Settings::default()
    };
    let mut s = screen_with_settings(wb, dir, (160, 48), Theme::dark(), settings, Vec::new());
    open_joint_plan(&mut s);
    s.key(KeyCode::Char('a')).keys("Nordic launch");
    // Title, commitment, due, status: the KPIs' field is next.
    for _ in 0..4 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter);
    assert!(
        s.text()
            .contains("Choose a KPI, then how the goal moves it"),
        "{}",
        s.text()
    );
    s.keys("revenue").key(KeyCode::Enter);
    assert!(
        s.text().contains("How the goal moves Nordic revenue"),
        "{}",
        s.text()
    );
    s.keys("h").key(KeyCode::Tab).keys("abc");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("Enter the target as a number"),
        "{}",
        s.text()
    );
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.keys("1200")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("Nordic revenue (higher, to 1200)"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Enter).keys("late").key(KeyCode::Enter);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text()
            .contains("Nordic revenue (higher, to 1200), Late deliveries"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Tab).key(KeyCode::Enter);
    assert!(s.text().contains("Add an offering"), "{}", s.text());
    s.keys("same").key(KeyCode::Enter);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("Saved joint goal Nordic launch."),
        "{}",
        s.text()
    );
    let goal = |s: &Screen| {
        let wb = s.app.workbook();
        let n = partner_id(wb, "Northwind Logistics");
        wb.joint_plan(n)
            .unwrap()
            .goals
            .into_iter()
            .find(|g| g.goal.title == "Nordic launch")
            .unwrap()
    };
    let saved = goal(&s);
    assert_eq!(saved.kpi_names, ["Nordic revenue", "Late deliveries"]);
    assert_eq!(saved.offering_names, ["Same-day kit"]);
    assert_eq!(
        saved.goal.kpis[0],
        GoalKpi {
            kpi: saved.goal.kpis[0].kpi,
            wants: Some(Direction::Higher),
            target: Some(1200.0)
        }
    );
    assert_eq!(
        (saved.goal.kpis[1].wants, saved.goal.kpis[1].target),
        (None, None)
    );
    assert!(
        s.text().contains("Nordic revenue higher, Late deli"),
        "the goals' list names both: {}",
        s.text()
    );

    // Edited: the revenue KPI picked again, unticked, is taken away.
    press_until(&mut s, KeyCode::Char('j'), 5, |t| {
        selected_line(t).contains("Nordic launch")
    });
    s.key(KeyCode::Char('e'));
    for _ in 0..4 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter).keys("revenue").key(KeyCode::Enter);
    s.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Char(' '));
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(goal(&s).kpi_names, ["Late deliveries"]);
    assert_eq!(goal(&s).offering_names, ["Same-day kit"]);
}

/// Step 4 of the hybrid demo, once every active partner has a benefit line and the joint
/// venture's goal is gone, lacks only that goal: Enter opens the venture's joint plan, and a goal
/// added there completes the step.
#[test]
fn the_guides_step_4_opens_the_joint_plan_of_the_strategic_partner_without_a_goal() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    partnerplan::exchange::toml::import(&path, include_str!("../assets/demo.toml"), &[]).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "UPDATE partners SET gains = 'A share of the work.' WHERE gains = ''; \
             DELETE FROM joint_goal_offerings WHERE partner_id = \
               (SELECT id FROM partners WHERE name = 'Orrin Vel Analytics'); \
             DELETE FROM joint_goals WHERE partner_id = \
               (SELECT id FROM partners WHERE name = 'Orrin Vel Analytics');",
        )
        .unwrap();
    let wb = Workbook::open(&path, partnerplan::workbook::OpenOptions::default()).unwrap();
    let mut s = screen_harness::screen_with(wb, dir, 160, 48, Theme::dark(), Vec::new());
    s.key(KeyCode::Char('1'));
    s.app.idle();
    s.draw();
    s.key(KeyCode::Char('g')).keys("jjj");
    assert!(
        s.text()
            .contains("1 active strategic partner has no joint goal yet (Orrin Vel"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Enter);
    assert!(
        s.text().contains("Orrin Vel Analytics  Scores"),
        "{}",
        s.text()
    );
    assert!(
        s.text().contains("No joint goal yet; add one."),
        "{}",
        s.text()
    );
    s.key(KeyCode::Char('a'))
        .keys("Models for every suite customer")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM joint_goals g JOIN partners p ON p.id = g.partner_id \
                 WHERE p.name = 'Orrin Vel Analytics'"
        ),
        1
    );
    let facts = s
        .app
        .workbook()
        .guide_facts(&partnerplan::plan::risk::Bands::default())
        .unwrap();
    assert!(facts.joint.without_joint_goal.is_empty());
}
