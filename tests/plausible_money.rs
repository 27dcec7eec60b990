//! Unlikely investments and value entries are asked about before they are saved, as check-ins
//! and measurements are: an amount past a billion or a few zeros too many, a date after today.
//! "n" leaves the form as typed and writes nothing; "y" saves.

mod screen_harness;

use jiff::civil::{Date, date};
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::InvestmentDraft;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

const TODAY: Date = date(2026, 12, 6);

/// The ROI view of a workbook whose one investment is EUR 12,000.00.
fn roi_screen() -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    wb.save_investment(
        None,
        &InvestmentDraft {
            spent_on: date(2026, 3, 1),
            item: "Partner portal licence".into(),
            amount_minor: 1_200_000,
            category: String::new(),
            partner_id: None,
        },
    )
    .unwrap();
    let settings = Settings {
        today: Some(TODAY),
        ..Settings::default()
    };
    let mut s = screen_with_settings(wb, dir, (160, 40), Theme::dark(), settings, Vec::new());
    s.keys("6r");
    s
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// The new-investment form filled with `item` and `amount`, then saved.
fn add_investment(s: &mut Screen, item: &str, amount: &str) {
    s.keys("a");
    assert_shows(s, "New investment");
    s.key(KeyCode::Tab);
    s.keys(item);
    s.key(KeyCode::Tab);
    s.keys(amount);
    save(s);
}

#[test]
fn an_investment_a_few_zeros_too_large_is_asked_about() {
    let mut s = roi_screen();
    add_investment(&mut s, "Joint campaign", "120,000,000");
    assert_shows(&s, "EUR 120,000,000.00 is over 1,000 times the largest");
    s.key(KeyCode::Char('n'));
    assert_shows(&s, "New investment");
    assert_eq!(
        s.count("SELECT count(*) FROM investments"),
        1,
        "nothing saved"
    );
    // The digits corrected, it saves without a question.
    for _ in 0.."120,000,000".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("12,000");
    save(&mut s);
    assert_shows(&s, "Saved the investment Joint campaign.");
    assert_eq!(
        s.count("SELECT count(*) FROM investments WHERE amount_minor = 1200000"),
        2
    );
}

#[test]
fn an_investment_past_a_billion_saves_only_when_confirmed() {
    let mut s = roi_screen();
    add_investment(&mut s, "Acquisition", "2,000,000,000");
    assert_shows(&s, "is over a billion");
    s.key(KeyCode::Char('y'));
    assert_eq!(
        s.count("SELECT count(*) FROM investments WHERE amount_minor = 200000000000"),
        1
    );
}

#[test]
fn a_value_entry_dated_after_today_is_asked_about() {
    let mut s = roi_screen();
    s.key(KeyCode::Char(' '));
    s.keys("a");
    assert_shows(&s, "New value entry");
    for _ in 0..10 {
        s.key(KeyCode::Backspace);
    }
    s.keys("2027-06-01");
    s.key(KeyCode::Tab);
    s.key(KeyCode::Tab);
    s.keys("First co-sold deal");
    save(&mut s);
    assert_shows(&s, "The value entry is dated 2027-06-01, after today");
    s.key(KeyCode::Char('n'));
    assert_eq!(
        s.count("SELECT count(*) FROM value_log"),
        0,
        "nothing saved"
    );
}
