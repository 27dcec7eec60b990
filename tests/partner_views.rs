//! Screen tests of the Partners tab's views: a partner's scores, onboarding checklist and
//! check-in log, and the ranking of candidates. Keys are pressed, the screen is snapshotted, and
//! the workbook's rows are checked.

mod screen_harness;

use jiff::civil::{Date, date};
use partnerplan::plan::PartnerDraft;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::selection::Assessment;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

const TODAY: Date = date(2026, 11, 23);

fn partner_id(wb: &Workbook, name: &str) -> i64 {
    wb.connection()
        .query_row("SELECT id FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

fn criterion_id(wb: &Workbook, name: &str) -> i64 {
    wb.criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.name == name)
        .map(|c| c.criterion.id)
        .unwrap()
}

fn score(wb: &mut Workbook, partner: &str, criterion: &str, value: u8, evidence: &str) {
    let (p, c) = (partner_id(wb, partner), criterion_id(wb, criterion));
    wb.set_score(p, c, Assessment::Score(value), evidence, Some("2026-11-02"))
        .unwrap();
}

/// The harness's partners, with Northwind part-scored, part-onboarded and checked in with, and
/// a field of candidates to rank.
fn realistic_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    // These views' figures are worked out by hand on every type's criteria and checklist: the
    // shipped supplier programme (Northwind's type) is taken out here; tests/programmes.rs and
    // tests/programmes_screen.rs prove the programmes.
    wb.connection()
        .execute_batch(
            "DELETE FROM criterion_type_weights WHERE partner_type = 'supplier'; \
             DELETE FROM onboarding_items WHERE id IN \
               (SELECT item_id FROM onboarding_item_types WHERE partner_type = 'supplier');",
        )
        .unwrap();
    let n = "Northwind Logistics";
    score(
        &mut wb,
        n,
        "Capabilities",
        5,
        "Runs 4 EU warehouses; 99.2% on-time in the 2026 audit.",
    );
    score(
        &mut wb,
        n,
        "Cultural fit",
        3,
        "Formal, slow to decide; workshops went well.",
    );
    score(&mut wb, n, "Shared vision", 4, "");
    let id = partner_id(&wb, n);
    let items = wb.checklist(id).unwrap();
    wb.set_checklist_item(
        id,
        items[0].item_id,
        ItemStatus::Done,
        date(2026, 10, 2),
        "Sent the partner handbook v3.",
    )
    .unwrap();
    wb.set_checklist_item(
        id,
        items[1].item_id,
        ItemStatus::Done,
        date(2026, 10, 9),
        "",
    )
    .unwrap();
    wb.set_checklist_item(
        id,
        items[2].item_id,
        ItemStatus::Blocked,
        date(2026, 10, 20),
        "Waiting for their IT to approve SSO.",
    )
    .unwrap();
    wb.add_checkin(
        id,
        date(2026, 10, 14),
        "Kick-off: agreed the returns process.\nNext: SSO for the portal.",
    )
    .unwrap();
    wb.add_checkin(
        id,
        date(2026, 10, 28),
        "Volumes on plan; SSO still blocked by their IT.",
    )
    .unwrap();
    for (name, stage) in [
        ("Orbital Payments", "prospect"),
        ("Lumen Security", "evaluating"),
        ("Quarry Data Co", "prospect"),
    ] {
        wb.add_partner(&PartnerDraft {
            name: name.into(),
            stage: stage.into(),
            ..Default::default()
        })
        .unwrap();
    }
    let full = |wb: &mut Workbook, name: &str, values: [u8; 5]| {
        let names = [
            "Capabilities",
            "Cultural fit",
            "Willingness to collaborate",
            "Shared vision",
            "Complementary strengths",
        ];
        for (criterion, value) in names.iter().zip(values) {
            score(wb, name, criterion, value, "");
        }
    };
    full(&mut wb, "Brightpath Analytics", [5, 3, 4, 4, 4]);
    full(&mut wb, "Orbital Payments", [4, 4, 5, 4, 4]);
    full(&mut wb, "Lumen Security", [3, 5, 4, 3, 3]);
    score(&mut wb, "Quarry Data Co", "Capabilities", 2, "");
    let (lumen, gate) = (
        partner_id(&wb, "Lumen Security"),
        criterion_id(&wb, "Security review"),
    );
    wb.set_score(
        lumen,
        gate,
        Assessment::Gate(false),
        "Pen test found open S3 buckets.",
        None,
    )
    .unwrap();
    wb
}

fn views_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = realistic_workbook(&dir);
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

/// Selects Northwind in the roster (sorted by name) and presses `key`.
fn open_northwind(s: &mut Screen, key: char) {
    // Brightpath, Cobalt, Helix, Lumen, Meridian, Northwind… (moving, not filtering: rows that
    // shift under wide characters leave stale cells in the TestBackend).
    s.keys("jjjjj").key(KeyCode::Char(key));
    assert!(
        s.text().contains("Northwind Logistics  Scores"),
        "{}",
        s.text()
    );
}

/// (score, passed, evidence, scored_on) as stored.
type StoredScore = (Option<i64>, Option<bool>, String, Option<String>);

fn northwind_score(s: &Screen, criterion: &str) -> Option<StoredScore> {
    s.app
        .workbook()
        .connection()
        .query_row(
            "SELECT s.score, s.passed, s.evidence, s.scored_on FROM criterion_scores s \
             JOIN partners p ON p.id = s.partner_id JOIN selection_criteria c ON c.id = s.criterion_id \
             WHERE p.name = 'Northwind Logistics' AND c.name = ?1",
            [criterion],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .ok()
}

#[test]
fn scoring_view_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = views_screen(width, height);
        open_northwind(&mut s, 'c');
        let text = s.text();
        assert!(
            text.contains("Fit 81 · incomplete (3 of 5 scored)"),
            "{text}"
        );
        assert!(text.contains("5 excellent"), "{text}");
        insta::assert_snapshot!(
            format!("scoring_view_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn scoring_keys_store_a_score_with_evidence_and_undo_reverts_it() {
    let mut s = views_screen(80, 24);
    open_northwind(&mut s, 'c');
    // Willingness to collaborate is the third criterion and not scored yet.
    s.key(KeyCode::Char('j'))
        .key(KeyCode::Char('j'))
        .key(KeyCode::Char('4'));
    assert_eq!(
        northwind_score(&s, "Willingness to collaborate"),
        Some((Some(4), None, String::new(), Some("2026-11-23".into())))
    );
    assert!(
        s.text().contains("Fit 80 · incomplete (4 of 5 scored)"),
        "{}",
        s.text()
    );
    // A score moves on to the next criterion; back up to add its evidence.
    assert!(
        !screen_harness::selected_line(&s.text()).contains("Willingness"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Char('k'))
        .key(KeyCode::Char('e'))
        .keys("Co-funded two pilots.")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        northwind_score(&s, "Willingness to collaborate").map(|r| r.2),
        Some("Co-funded two pilots.".into())
    );
    assert!(
        s.text().contains("Co-funded two pilots."),
        "the view shows it"
    );
    // Undo the evidence, then the score: the view follows the workbook.
    s.key(KeyCode::Char('u'));
    assert_eq!(
        northwind_score(&s, "Willingness to collaborate").map(|r| r.2),
        Some(String::new())
    );
    s.key(KeyCode::Char('u'));
    assert_eq!(northwind_score(&s, "Willingness to collaborate"), None);
    assert!(
        s.text().contains("Fit 81 · incomplete (3 of 5 scored)"),
        "{}",
        s.text()
    );
    assert!(
        s.text().contains("Northwind Logistics  Scores"),
        "still in the view"
    );
}

#[test]
fn a_failed_gate_marks_the_partner_gated_out_and_scores_refuse_gates() {
    let mut s = views_screen(80, 24);
    open_northwind(&mut s, 'c');
    s.key(KeyCode::Char('G')).key(KeyCode::Char('3'));
    assert!(
        s.text().contains("is a pass/fail gate: press p or f"),
        "{}",
        s.text()
    );
    assert_eq!(northwind_score(&s, "Security review"), None);
    s.key(KeyCode::Char('f'));
    assert_eq!(
        northwind_score(&s, "Security review").map(|r| r.1),
        Some(Some(false))
    );
    assert!(s.text().contains("Gated out"), "{}", s.text());
    s.key(KeyCode::Char('p'));
    assert!(s.text().contains("Fit 81 · incomplete"), "{}", s.text());
    s.key(KeyCode::Esc);
    assert!(s.text().contains("sorted by"), "Esc returns to the roster");
}

#[test]
fn checklist_view_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = views_screen(width, height);
        open_northwind(&mut s, 'o');
        assert!(s.text().contains("Onboarding 40%"), "{}", s.text());
        insta::assert_snapshot!(
            format!("checklist_view_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn checklist_keys_tick_skip_and_block_items() {
    let mut s = views_screen(80, 24);
    open_northwind(&mut s, 'o');
    let status = |s: &Screen, index: i64| -> (String, String) {
        s.app
            .workbook()
            .connection()
            .query_row(
                "SELECT o.status, o.status_date FROM partner_onboarding o \
                 JOIN onboarding_items i ON i.id = o.item_id JOIN partners p ON p.id = o.partner_id \
                 WHERE p.name = 'Northwind Logistics' ORDER BY i.position, i.id LIMIT 1 OFFSET ?1",
                [index],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    // Rows exist for the first three items; the fifth gets the fourth row.
    s.key(KeyCode::Char('G')).key(KeyCode::Char(' '));
    assert_eq!(status(&s, 3), ("done".into(), "2026-11-23".into()));
    assert!(s.text().contains("Onboarding 60%"), "{}", s.text());
    s.key(KeyCode::Char(' '));
    assert_eq!(status(&s, 3).0, "pending");
    s.key(KeyCode::Char('s'));
    assert_eq!(status(&s, 3).0, "skipped");
    assert!(
        s.text().contains("Onboarding 50%"),
        "skipped items do not count"
    );
    // G went to the fifth item; the third ("Tool access granted") is blocked.
    s.keys("kk").key(KeyCode::Char('b'));
    assert_eq!(
        status(&s, 2).0,
        "pending",
        "b on a blocked item unblocks it"
    );
    s.key(KeyCode::Char('e'))
        .keys("IT approved SSO.")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let note: String = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT note FROM partner_onboarding WHERE note LIKE '%IT approved%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(note.ends_with("IT approved SSO."), "{note}");
    s.key(KeyCode::Char('u'));
    assert!(
        !s.text().contains("IT approved SSO."),
        "undo refreshes the view"
    );
}

#[test]
fn checkin_log_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = views_screen(width, height);
        open_northwind(&mut s, 'i');
        assert!(
            s.text()
                .contains("Every 14 days · next due 2026-11-11 · overdue by 12 days"),
            "{}",
            s.text()
        );
        insta::assert_snapshot!(
            format!("checkin_log_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn logging_a_checkin_stores_it_and_clears_the_overdue_flag() {
    let mut s = views_screen(80, 24);
    open_northwind(&mut s, 'i');
    s.key(KeyCode::Char('a'));
    assert!(
        s.text().contains("2026-11-23"),
        "the date defaults to today"
    );
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        s.text().contains("Write a line on what was discussed."),
        "{}",
        s.text()
    );
    s.keys("SSO live; first joint campaign planned.")
        .key(KeyCode::Enter)
        .keys("Next: Q1 volumes.")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (held_on, summary): (String, String) = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT held_on, summary FROM checkins ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(held_on, "2026-11-23");
    assert_eq!(
        summary,
        "SSO live; first joint campaign planned.\nNext: Q1 volumes."
    );
    assert!(
        s.text().contains("next due 2026-12-07 · in 14 days"),
        "{}",
        s.text()
    );
}

#[test]
fn ranking_view_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = views_screen(width, height);
        s.key(KeyCode::Char('r'));
        let text = s.text();
        assert!(text.contains("Ranking by fit"), "{text}");
        assert!(text.contains("gated out"), "{text}");
        insta::assert_snapshot!(
            format!("ranking_view_{width}x{height}"),
            s.terminal.backend()
        );
    }
}

#[test]
fn the_palette_opens_the_ranking_and_enter_scores_the_candidate() {
    let mut s = views_screen(80, 24);
    s.key(KeyCode::Char(':')).keys("rank").key(KeyCode::Enter);
    assert!(s.text().contains("Ranking by fit"), "{}", s.text());
    s.key(KeyCode::Enter);
    assert!(
        s.text().contains("Orbital Payments  Scores"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Esc);
    assert!(s.text().contains("sorted by"), "{}", s.text());
}

#[test]
fn every_view_draws_at_the_smallest_and_a_large_size_without_panicking() {
    for (width, height) in [(60, 15), (200, 60), (61, 16)] {
        let mut s = views_screen(width, height);
        s.keys("jjjjj");
        for key in ['c', 'e', 'o', 'i', 'a', 'r'] {
            s.key(KeyCode::Char(key));
            if key == 'e' || key == 'a' {
                s.key(KeyCode::Esc);
            }
        }
        s.key(KeyCode::Esc);
        assert!(s.text().contains("sorted by"), "{}", s.text());
    }
}

#[test]
fn a_check_in_without_a_summary_is_refused_with_the_reason_on_screen() {
    let mut s = screen_harness::screen(80, 24);
    s.key(KeyCode::Char('i'));
    s.key(KeyCode::Char('a'));
    screen_harness::assert_shows(&s, "Log a check-in");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = s.text();
    assert!(
        text.contains("Log a check-in"),
        "the form stays open:\n{text}"
    );
    assert!(
        text.contains("⚠ Write a line on what was discussed."),
        "the reason is shown:\n{text}"
    );
    assert!(
        text.contains("Summary*"),
        "the label says the field is required:\n{text}"
    );
    assert!(
        text.contains("Not saved yet"),
        "the status line says so:\n{text}"
    );
    // A check-in that is logged, then a second one refused: the status line does not keep
    // saying the first was logged.
    s.keys("Quarterly review");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    screen_harness::assert_shows(&s, "Quarterly review");
    s.key(KeyCode::Char('a'));
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = s.text();
    assert!(text.contains("Not saved yet"), "{text}");
    assert!(!text.to_lowercase().contains("check-in logged"), "{text}");
}

/// Fails unless the breadcrumb names this view of this partner ("Scores: Acme").
#[track_caller]
fn shows_view(s: &Screen, view: &str) {
    assert_eq!(
        s.app.breadcrumb(),
        Some(format!("Partners: {view}")),
        "{}",
        s.text()
    );
}

#[test]
fn a_rating_moves_on_and_brackets_go_to_the_next_partner() {
    let mut s = views_screen(100, 30);
    open_northwind(&mut s, 'c');
    let first = screen_harness::selected_line(&s.text()).to_string();
    s.key(KeyCode::Char('3'));
    let second = screen_harness::selected_line(&s.text()).to_string();
    assert_ne!(first, second, "a score did not move on:\n{}", s.text());
    // The same view of the next partner on the roster, and back.
    s.key(KeyCode::Char(']'));
    shows_view(&s, "Scores: Orbital Payments");
    s.key(KeyCode::Char('['));
    shows_view(&s, "Scores: Northwind Logistics");
    // The checklist and the check-ins keep the view while walking the roster.
    s.key(KeyCode::Char('o')).key(KeyCode::Char('['));
    shows_view(&s, "Checklist: Meridian Resellers");
    let item = screen_harness::selected_line(&s.text()).to_string();
    s.key(KeyCode::Char(' '));
    assert_ne!(
        item,
        screen_harness::selected_line(&s.text()),
        "a tick did not move on"
    );
    s.key(KeyCode::Char('i')).key(KeyCode::Char(']'));
    shows_view(&s, "Check-ins: Northwind Logistics");
    // At the top of the roster there is no previous partner, and it says so.
    s.key(KeyCode::Char('g'));
    for _ in 0..8 {
        s.key(KeyCode::Char('['));
    }
    shows_view(&s, "Check-ins: Brightpath Analytics");
    assert!(
        s.text().contains("This is the first partner"),
        "{}",
        s.text()
    );
}

/// A check-in dated after today is asked about (`plan::plausible`), as a residual risk score
/// above the inherent one is: "n" keeps the form as typed, "y" logs it.
#[test]
fn a_check_in_dated_in_the_future_is_asked_about_before_it_is_logged() {
    let mut s = views_screen(80, 24);
    open_northwind(&mut s, 'i');
    s.key(KeyCode::Char('a'));
    s.keys("Planning call").key(KeyCode::BackTab);
    for _ in 0.."2026-11-23".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("2027-03-01")
        .key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let logged = |s: &Screen| -> i64 {
        s.app
            .workbook()
            .connection()
            .query_row(
                "SELECT count(*) FROM checkins WHERE summary = 'Planning call'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let text = s.text();
    assert!(
        text.contains("after today") && text.contains("2027-03-01"),
        "the question says what looks wrong:\n{text}"
    );
    assert_eq!(logged(&s), 0, "nothing is logged before the answer");
    s.key(KeyCode::Char('n'));
    let text = s.text();
    assert!(text.contains("Log a check-in"), "the form stays:\n{text}");
    assert!(
        text.contains("Planning call"),
        "with what was typed:\n{text}"
    );
    assert_eq!(logged(&s), 0);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL)
        .key(KeyCode::Char('y'));
    assert_eq!(logged(&s), 1, "{}", s.text());
    assert!(!s.text().contains("Log a check-in"), "{}", s.text());
}
