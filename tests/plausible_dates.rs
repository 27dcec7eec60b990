//! Unlikely dates of the plan are asked about before they are saved, as check-ins and money
//! are: a goal's target, a partner agreement's start or end, a risk's next review far back or
//! ahead of today (a slip of a digit: "2062" for "2026"). "n" leaves the form as typed and
//! writes nothing; "y" saves. A date the record already had is saved again without a question.

mod screen_harness;

use jiff::civil::{Date, date};
use partnerplan::plan::strategy::GoalDraft;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{
    Screen, assert_shows, press_until, screen_with_settings, workbook_with_partners,
};
use tempfile::TempDir;

const TODAY: Date = date(2026, 12, 6);

/// The app on a workbook with partners and, when `goal_target` is given, one goal of that date.
fn app(goal_target: Option<&str>) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    if let Some(target) = goal_target {
        wb.add_goal(&GoalDraft {
            title: "Old far goal".into(),
            horizon: Default::default(),
            description: String::new(),
            target_date: Some(target.into()),
            status: Default::default(),
        })
        .unwrap();
    }
    let settings = Settings {
        today: Some(TODAY),
        ..Settings::default()
    };
    screen_with_settings(wb, dir, (160, 40), Theme::dark(), settings, Vec::new())
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// Moves the focus of the open form to the field labelled `label`.
fn focus(s: &mut Screen, label: &str) {
    let marker = format!("›{label}");
    press_until(s, KeyCode::Tab, 40, |text| text.contains(&marker));
}

/// Opens the first partner's form, types `date` into the field labelled `label`, saves.
fn save_first_partner_with(s: &mut Screen, label: &str, date: &str) {
    s.keys("3");
    s.keys("e");
    focus(s, label);
    s.keys(date);
    save(s);
}

#[test]
fn a_goal_target_decades_ahead_is_asked_about() {
    let mut s = app(None);
    s.keys("2O");
    s.keys("a");
    s.keys("Grow co-selling");
    focus(&mut s, "Target date");
    s.keys("2062-06-30");
    save(&mut s);
    assert_shows(
        &s,
        "The goal's target date is 2062-06-30, more than 30 years",
    );
    s.key(KeyCode::Char('n'));
    assert_shows(&s, "Grow co-selling");
    assert_eq!(s.count("SELECT count(*) FROM goals"), 0, "nothing saved");
    save(&mut s);
    s.key(KeyCode::Char('y'));
    assert_eq!(
        s.count("SELECT count(*) FROM goals WHERE target_date = '2062-06-30'"),
        1
    );
}

#[test]
fn a_goal_saved_again_with_the_date_it_had_is_not_asked_about() {
    let mut s = app(Some("2070-01-31"));
    s.keys("2O");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Old far goal");
    s.keys(" again");
    save(&mut s);
    assert!(!s.text().contains("anyway?"), "{}", s.text());
    assert_eq!(
        s.count("SELECT count(*) FROM goals WHERE title = 'Old far goal again'"),
        1
    );
}

#[test]
fn an_agreement_ending_two_centuries_ahead_is_asked_about() {
    let mut s = app(None);
    save_first_partner_with(&mut s, "Agreement end", "2206-03-31");
    assert_shows(&s, "The agreement's end is 2206-03-31, more than 30 years");
    s.key(KeyCode::Char('n'));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE agreement_end = '2206-03-31'"),
        0,
        "nothing saved"
    );
    // The digits corrected, it saves without a question.
    for _ in 0.."2206-03-31".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("2028-03-31");
    save(&mut s);
    assert!(!s.text().contains("anyway?"), "{}", s.text());
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE agreement_end = '2028-03-31'"),
        1
    );
}

#[test]
fn an_agreement_starting_a_century_ago_is_asked_about() {
    let mut s = app(None);
    save_first_partner_with(&mut s, "Agreement start", "1926-04-01");
    assert_shows(
        &s,
        "The agreement's start is 1926-04-01, more than 30 years",
    );
    s.key(KeyCode::Char('y'));
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE agreement_start = '1926-04-01'"),
        1
    );
}

#[test]
fn a_risk_review_years_ahead_is_asked_about() {
    let mut s = app(None);
    s.keys("5");
    s.keys("a");
    s.keys("Portal outage");
    // Rated "2", as a letter on a choice picks the option it starts.
    focus(&mut s, "Likelihood");
    s.keys("2");
    s.key(KeyCode::Tab);
    s.keys("2");
    focus(&mut s, "Next review");
    s.keys("2036-03-01");
    save(&mut s);
    assert_shows(
        &s,
        "The risk's next review is 2036-03-01, more than 5 years",
    );
    s.key(KeyCode::Char('n'));
    assert_eq!(s.count("SELECT count(*) FROM risks"), 0, "nothing saved");
    save(&mut s);
    s.key(KeyCode::Char('y'));
    assert_eq!(
        s.count("SELECT count(*) FROM risks WHERE next_review = '2036-03-01'"),
        1
    );
}
