//! Issue 20: two keys that were over 16 ms at 100,000 partners, kept quick without losing what
//! they showed. `Esc` back from a concentration group's partner leaves the roster it had opened
//! to be put back on the idle pass (or when shown, if sooner), and it comes back as it was; the
//! ROI view and its periods' figures are read ahead on idle, `r` and `p` only show them, and an
//! edit forgets them so no period shows figures from before it.

mod overview_workbook;
mod screen_harness;

use jiff::civil::date;
use partnerplan::plan::money::ValueKind;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::tabs::TabId;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{InvestmentDraft, OpenOptions, ValueDraft, Workbook};
use ratatui::crossterm::event::KeyCode;
use screen_harness::{Screen, assert_shows, screen_with_settings};
use tempfile::TempDir;

use overview_workbook::settings;

#[test]
fn esc_from_a_groups_partner_puts_the_roster_back_on_idle_as_it_was() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("demo.partnerplan");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml"))
        .expect("the demo plan");
    partnerplan::exchange::toml::import(&path, &text, &[]).expect("the demo imports");
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut s = screen_with_settings(wb, dir, (160, 48), Theme::dark(), settings(), Vec::new());
    // The roster narrowed by a typed filter, then the Overview's concentration list.
    s.key(KeyCode::Char('3')).key(KeyCode::Char('/'));
    s.keys("Kiln");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Kiln Embedded Labs");
    assert!(!s.text().contains("Ostrander"), "{}", s.text());
    s.key(KeyCode::Char('7')).settle();
    s.key(KeyCode::Char('G')).key(KeyCode::Enter);
    s.key(KeyCode::Char('j')).key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    assert_shows(&s, "Ostrander Industrial Supply");
    s.key(KeyCode::Esc);
    if s.app.tab() != TabId::Overview {
        s.key(KeyCode::Esc);
    }
    assert_eq!(s.app.tab(), TabId::Overview);
    assert_shows(&s, "▸   Ostrander Industrial Supply");
    assert!(
        s.app.restoring_later(),
        "the key itself did not read the roster"
    );
    s.settle();
    assert!(!s.app.restoring_later(), "the idle pass put it back");
    s.key(KeyCode::Char('3'));
    assert_shows(&s, "Kiln Embedded Labs");
    assert!(!s.text().contains("Ostrander"), "{}", s.text());

    // Shown before any idle pass: put back on the tab key.
    s.key(KeyCode::Char('7'));
    s.key(KeyCode::Char('j')).key(KeyCode::Enter);
    assert_eq!(s.app.tab(), TabId::Partners);
    s.key(KeyCode::Esc);
    if s.app.tab() != TabId::Overview {
        s.key(KeyCode::Esc);
    }
    assert!(s.app.restoring_later());
    s.key(KeyCode::Char('3'));
    assert!(!s.app.restoring_later());
    assert_shows(&s, "Kiln Embedded Labs");
    assert!(!s.text().contains("Ostrander"), "{}", s.text());
}

fn roi_screen() -> Screen {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("roi.partnerplan");
    Workbook::create(&path, Some("ROI plan")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.save_investment(
        None,
        &InvestmentDraft {
            spent_on: date(2025, 1, 10),
            item: "Enablement".into(),
            amount_minor: 10_000,
            category: String::new(),
            partner_id: None,
        },
    )
    .unwrap();
    // Last year 1,000.00, this year (and this quarter) 500.00.
    for (on, amount) in [(date(2025, 6, 1), 100_000), (date(2026, 11, 1), 50_000)] {
        wb.save_value_entry(
            None,
            &ValueDraft {
                logged_on: on,
                partner_id: None,
                kind: ValueKind::Revenue,
                description: format!("Deals of {on}"),
                amount_minor: Some(amount),
                margin_minor: None,
            },
        )
        .unwrap();
    }
    let settings = Settings {
        today: Some(date(2026, 12, 7)),
        ..Settings::default()
    };
    let mut s = screen_with_settings(wb, dir, (120, 40), Theme::dark(), settings, Vec::new());
    s.key(KeyCode::Char('6')).key(KeyCode::Char('r'));
    s
}

/// Presses `p` and checks the period named and the returns shown.
fn period(s: &mut Screen, name: &str, returned: &str) {
    s.key(KeyCode::Char('p'));
    assert_shows(s, &format!("over {name}"));
    assert_shows(s, &format!("returned {returned}"));
}

#[test]
fn the_roi_periods_read_ahead_show_their_own_figures_and_an_edit_forgets_them() {
    let mut s = roi_screen();
    assert_shows(&s, "over this year");
    assert_shows(&s, "returned EUR 500.00");
    // The idle pass reads the four other periods ahead, one a pass.
    let mut passes = 0;
    while s.app.idle() {
        passes += 1;
        s.draw();
    }
    assert!(passes >= 4, "{passes} passes");
    period(&mut s, "the last 12 months", "EUR 500.00");
    period(&mut s, "this quarter", "EUR 500.00");
    period(&mut s, "last year", "EUR 1,000.00");
    period(&mut s, "all time", "EUR 1,500.00");
    period(&mut s, "this year", "EUR 500.00");
    // The value log in focus; its newest entry (this year's) deleted after a y/n.
    s.key(KeyCode::Char(' '));
    assert_shows(&s, "Deals of 2026-11-01");
    s.key(KeyCode::Char('d')).key(KeyCode::Char('y'));
    assert!(!s.text().contains("Deals of 2026-11-01"), "{}", s.text());
    assert_shows(&s, "returned EUR 0.00");
    period(&mut s, "the last 12 months", "EUR 0.00");
    period(&mut s, "this quarter", "EUR 0.00");
    period(&mut s, "last year", "EUR 1,000.00");
    period(&mut s, "all time", "EUR 1,000.00");
    // Closed, the view stays read for the next r, which opens it at its default period …
    s.key(KeyCode::Esc).settle();
    s.key(KeyCode::Char('r'));
    assert_shows(&s, "over this year");
    assert_shows(&s, "returned EUR 0.00");
    // … until the data changes: undo brings the entry back, and r shows it.
    s.key(KeyCode::Esc).key(KeyCode::Char('u'));
    s.key(KeyCode::Char('r'));
    assert_shows(&s, "over this year");
    assert_shows(&s, "returned EUR 500.00");
}
