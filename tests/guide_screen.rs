//! The Guide tab on screen: a new workbook opens on it at step 1; steps show their marks from the
//! workbook's checks, what they lack and where it is filled in; `enter` goes there, `n` to the
//! next step to do, `e` writes a note, `x` sets a step aside with a reason; readiness sits in the
//! tab bar. Snapshots at 80×24 and 200×60, then the rows in the file.

mod screen_harness;

use std::collections::BTreeMap;

use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft};
use partnerplan::plan::roles::RoleDraft;
use partnerplan::plan::strategy::StrategyDraft;
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, draws_at_tiny_sizes, line_with, screen_with};
use tempfile::TempDir;

fn new_workbook(dir: &TempDir) -> Workbook {
    let path = dir.path().join("fresh.partnerplan");
    Workbook::create(&path, Some("Fresh plan")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn fresh(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = new_workbook(&dir);
    screen_with(wb, dir, width, height, Theme::dark(), Vec::new())
}

/// A plan part-way through: the mission written, two core elements rated, a hub.
fn part_way(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = new_workbook(&dir);
    wb.save_strategy(&StrategyDraft {
        mission_problem: "Buyers cannot reach specialists.".into(),
        mission_value: "Every buyer finds the right specialist within a day.".into(),
        vision: "One place for the whole job.".into(),
        alignment_rating: Some(4),
        alignment_note: "A shared roadmap with the two largest partners.".into(),
        adaptability_rating: Some(2),
        decision_answers: BTreeMap::new(),
        ..Default::default()
    })
    .unwrap();
    wb.add_role(
        None,
        &RoleDraft {
            name: "Acme (hub)".into(),
            ..Default::default()
        },
    )
    .unwrap();
    screen_with(wb, dir, width, height, Theme::dark(), Vec::new())
}

fn step_row(text: &str, number: usize) -> &str {
    let needle = format!("{number:>2} ");
    text.lines()
        .find(|l| {
            let head: String = l.chars().skip(1).take(8).collect();
            head.starts_with('│') && head.contains(&needle)
        })
        .unwrap_or_else(|| panic!("no step {number} row:\n{text}"))
}

#[test]
fn a_new_workbook_opens_on_the_guide_at_step_one() {
    let mut s = fresh(80, 24);
    assert_eq!(s.app.tab(), TabId::Guide);
    let text = s.text();
    assert_shows(&s, "Step 1 of 12");
    assert_shows(&s, "Mission and vision");
    assert!(
        line_with(&text, "1 Guide").contains("Guide 0%"),
        "readiness in the tab bar (the shipped checklist is not the user's progress):\n{text}"
    );
    assert!(
        step_row(&text, 9).contains('○'),
        "a brand-new workbook has not started onboarding:\n{text}"
    );
    assert!(
        text.contains("optional, counts once done"),
        "the step list marks the optional step:\n{text}"
    );
    insta::assert_snapshot!("guide_new_80x24", s.terminal.backend());
    s.terminal.backend_mut().resize(200, 60);
    s.draw();
    insta::assert_snapshot!("guide_new_200x60", s.terminal.backend());
}

#[test]
fn a_plan_part_way_shows_marks_missing_items_and_where_to_fill_them() {
    let mut s = part_way(80, 24);
    // Never on the Guide before: it opens at the first step still to do.
    assert_shows(&s, "Step 2 of 12");
    let text = s.text();
    assert!(step_row(&text, 1).contains('✓'), "{text}");
    assert!(step_row(&text, 2).contains('◐'), "{text}");
    assert!(step_row(&text, 3).contains('○'), "{text}");
    assert!(step_row(&text, 5).contains('◐'), "the hub alone: {text}");
    assert_shows(&s, "Still missing");
    assert_shows(&s, "Strategy › Core elements");
    insta::assert_snapshot!("guide_part_way_core_elements_80x24", s.terminal.backend());

    s.keys("jjj");
    assert_shows(&s, "Step 5 of 12");
    assert_shows(&s, "Filled in at Roles");
    s.terminal.backend_mut().resize(200, 60);
    s.draw();
    insta::assert_snapshot!("guide_part_way_roles_200x60", s.terminal.backend());
}

#[test]
fn n_goes_to_the_next_step_to_do_and_wraps() {
    let mut s = part_way(80, 24);
    s.keys("k");
    assert_shows(&s, "Step 1 of 12");
    s.keys("n");
    assert_shows(&s, "Step 2 of 12");
    s.keys("n");
    assert_shows(&s, "Step 3 of 12");
    s.keys("G");
    assert_shows(&s, "Step 12 of 12");
    s.keys("n");
    assert_shows(&s, "Step 2 of 12");
}

#[test]
fn enter_goes_where_the_first_missing_item_is_filled_in() {
    let mut s = fresh(80, 24);
    s.key(KeyCode::Enter);
    assert_eq!(
        s.app.tab(),
        TabId::Strategy,
        "step 1 is filled in on Strategy"
    );
    // The mission's form is open, ready for typing; Esc closes it before the tab keys work.
    assert_shows(&s, "Problem we solve");
    s.key(KeyCode::Esc);
    s.keys("1");
    assert_eq!(s.app.tab(), TabId::Guide);
    assert_shows(&s, "Step 1 of 12");
    s.keys("jjjj");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Roles, "step 5 is filled in on Roles");
}

#[test]
fn enter_opens_the_record_to_blame() {
    let dir = TempDir::new().unwrap();
    let mut wb = new_workbook(&dir);
    let bands = Bands::default();
    for (title, likelihood) in [("Minor slip", 1), ("Key supplier fails", 5)] {
        let draft = RiskDraft {
            title: title.into(),
            category: "operational".into(),
            inherent_likelihood: Some(Likelihood::from_value(likelihood).unwrap()),
            inherent_impact: Some(Impact::from_value(5).unwrap()),
            ..Default::default()
        };
        wb.add_risk(&draft, &bands, false, None).unwrap();
    }
    wb.add_role(
        None,
        &RoleDraft {
            name: "Acme (hub)".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut s = screen_with(wb, dir, 120, 40, Theme::dark(), Vec::new());
    // Step 11: the high risk lacks an owner; enter opens its form.
    s.keys("G").keys("k");
    assert_shows(&s, "1 high risk has no owner: R-002 Key supplier fails");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Risks);
    assert_shows(&s, "Edit R-002 Key supplier fails");
    s.key(KeyCode::Esc);
    // Step 5 names no record for the missing roles: the tree with the hub selected.
    s.keys("1").keys("gjjjj");
    s.key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Roles);
    assert_shows(&s, "Acme (hub)");
}

#[test]
fn a_note_is_written_shown_and_undone() {
    let mut s = fresh(80, 24);
    s.keys("e");
    assert_shows(&s, "Note on \"Mission and vision\"");
    s.keys("Ask the board first");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "Note saved.");
    // At 80×24 the note sits below the step's text: PgDn shows it.
    s.key(KeyCode::PageDown);
    assert_shows(&s, "Ask the board first");
    assert_eq!(
        s.count("SELECT COUNT(*) FROM framework_progress WHERE step_key = 'mission' AND note = 'Ask the board first'"),
        1
    );
    s.keys("u");
    s.key(KeyCode::PageDown);
    assert_shows(&s, "No note yet.");
    assert_eq!(
        s.count("SELECT COUNT(*) FROM framework_progress WHERE note <> ''"),
        0
    );
}

#[test]
fn a_step_set_aside_needs_a_reason_and_leaves_readiness() {
    let mut s = fresh(80, 24);
    let before = line_with(&s.text(), "1 Guide").to_string();
    s.keys("G");
    assert_shows(&s, "Step 12 of 12");
    s.keys("x");
    assert_shows(&s, "does not apply");
    // Saving without a reason is refused, in the form, and nothing is written.
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "write the reason");
    assert_eq!(s.count("SELECT COUNT(*) FROM framework_progress"), 0);
    s.keys("A one-year plan");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "Step marked not applicable.");
    assert_shows(&s, "A one-year plan");
    let text = s.text();
    assert!(step_row(&text, 12).contains('–'), "{text}");
    insta::assert_snapshot!("guide_not_applicable_80x24", s.terminal.backend());
    assert_eq!(
        s.count("SELECT COUNT(*) FROM framework_progress WHERE manual_state = 'not applicable' AND reason = 'A one-year plan'"),
        1
    );
    // The optional step never counted, so readiness does not move.
    assert_eq!(line_with(&s.text(), "1 Guide"), before);

    s.keys("x");
    assert_shows(&s, "Step applies again.");
    assert!(step_row(&s.text(), 12).contains('○'));
}

#[test]
fn a_read_only_workbook_refuses_notes() {
    let dir = TempDir::new().unwrap();
    let wb = new_workbook(&dir);
    let path = wb.path().to_path_buf();
    drop(wb);
    let wb = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.keys("e");
    assert_shows(&s, "Read-only");
    s.keys("x");
    assert_shows(&s, "Read-only");
}

#[test]
fn the_guide_remembers_its_step_and_opens_there() {
    let dir = TempDir::new().unwrap();
    let wb = new_workbook(&dir);
    let path = wb.path().to_path_buf();
    let mut s = screen_with(wb, dir, 80, 24, Theme::dark(), Vec::new());
    s.keys("e");
    s.keys("started");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.keys("jjj");
    assert_shows(&s, "Step 4 of 12");
    s.app.remember_view();
    let Screen { _dir, app, .. } = s;
    drop(app);
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let s = screen_with(wb, _dir, 80, 24, Theme::dark(), Vec::new());
    assert_eq!(s.app.tab(), TabId::Guide);
    assert_shows(&s, "Step 4 of 12");
}

#[test]
fn the_guide_draws_at_every_size_and_in_mono() {
    let dir = TempDir::new().unwrap();
    let wb = new_workbook(&dir);
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    draws_at_tiny_sizes(&mut s, "guide");
    s.terminal.backend_mut().resize(60, 15);
    s.draw();
    insta::assert_snapshot!("guide_smallest_mono", s.terminal.backend());
    s.keys("e");
    s.terminal.backend_mut().resize(60, 15);
    s.draw();
    assert_shows(&s, "Note on");
}

#[test]
fn the_palette_and_help_offer_the_guides_keys() {
    let mut s = part_way(80, 24);
    s.keys("k");
    assert_shows(&s, "Step 1 of 12");
    s.keys(":");
    s.keys("next step");
    assert_shows(&s, "the next step still to do");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Step 2 of 12");
    s.keys("?");
    assert_shows(&s, "go fill in what the step lacks");
    assert_shows(&s, "set the step aside (with a reason), or back");
}

#[test]
fn a_channel_plan_reads_as_a_channel_by_choice_on_the_architecture_step() {
    let dir = TempDir::new().unwrap();
    let mut wb = new_workbook(&dir);
    wb.save_strategy(&StrategyDraft {
        model: Some(partnerplan::plan::decision_aid::Model::Channel),
        model_rationale: "Resellers carry the product; they need not work together.".into(),
        ..Default::default()
    })
    .unwrap();
    let hub = wb
        .add_role(
            None,
            &RoleDraft {
                name: "Acme (hub)".into(),
                ..Default::default()
            },
        )
        .unwrap();
    wb.add_role(
        Some(hub),
        &RoleDraft {
            name: "Resellers".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut s = screen_with(wb, dir, 100, 30, Theme::dark(), Vec::new());
    screen_harness::press_until(&mut s, KeyCode::Char('j'), 12, |t| {
        t.contains("Step 5 of 12")
    });
    assert_shows(&s, "✓ Nothing missing.");
    // The note, as the pane wraps it, under the step's state: read, not a gap.
    for part in [
        "· The chosen model is channel: partners work through you",
        "rather than with each other. That is a channel by",
        "choice, not a gap; links between partners are optional.",
    ] {
        assert_shows(&s, part);
    }
    insta::assert_snapshot!("guide_channel_by_choice_100x30", s.terminal.backend());
}

/// On a plan whose checks take long to read, saving a note shows it at once and leaves the
/// checks to the idle pass (on a thread of their own), rather than reading them on the key.
#[test]
fn a_note_saved_on_a_plan_slow_to_read_shows_at_once_and_the_checks_follow_on_idle() {
    let mut s = fresh(80, 24);
    s.settle();
    s.app.set_long_reading(std::time::Duration::ZERO);
    s.keys("e");
    s.keys("Ask the board first");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "Note saved.");
    s.key(KeyCode::PageDown);
    assert_shows(&s, "Ask the board first");
    assert!(!s.app.reading_in_background());
    s.app.idle();
    assert!(
        s.app.reading_in_background(),
        "the checks are read in the idle pass, not on the key"
    );
    s.settle();
    assert_shows(&s, "Ask the board first");
}
