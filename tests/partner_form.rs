//! Screen tests of the partner form and detail pane: every field in its section, scrolling at
//! 80×24, dates in the configured format, duplicate warnings; then the file is checked.

mod screen_harness;

use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, screen, screen_with_settings, workbook_with_partners};
use tempfile::TempDir;

/// Selects Northwind Logistics (fifth by name) and opens it in the form.
fn edit_northwind(s: &mut Screen) {
    for _ in 0..4 {
        s.key(KeyCode::Char('j'));
    }
    s.key(KeyCode::Char('e'));
    assert!(
        s.text().contains("Edit Northwind Logistics"),
        "{}",
        s.text()
    );
}

fn tabs(s: &mut Screen, n: usize) {
    for _ in 0..n {
        s.key(KeyCode::Tab);
    }
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn with_day_first_dates(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let settings = Settings {
        date_format: "%d.%m.%Y".into(),
        checkin_cadence_days: 45,
        today: None,
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

#[test]
fn grouped_form_at_80x24_scrolls_to_the_focused_section() {
    let mut s = screen(80, 24);
    edit_northwind(&mut s);
    insta::assert_snapshot!("form_grouped_top_80x24", s.terminal.backend());
    // Agreement start (eleven fields down) is still in view; "They gain" (three more) is not.
    tabs(&mut s, 11);
    assert!(s.text().contains("›Agreement start  2026-03-01"));
    assert!(s.text().contains("─ Identity"), "no need to scroll yet");
    tabs(&mut s, 3);
    insta::assert_snapshot!("form_grouped_agreement_80x24", s.terminal.backend());
    assert!(s.text().contains("›They gain        A steady share"));
    assert!(s.text().contains("─ Agreement"));
    assert!(!s.text().contains("─ Identity"), "scrolled past the top");
    // Back up to the top: the view follows the focus and shows the Identity heading again.
    for _ in 0..14 {
        s.key(KeyCode::BackTab);
    }
    assert!(s.text().contains("─ Identity"), "{}", s.text());
    assert!(s.text().contains("›Name*"));
}

#[test]
fn grouped_form_at_200x60_shows_every_field_at_once() {
    let mut s = screen(200, 60);
    edit_northwind(&mut s);
    insta::assert_snapshot!("form_grouped_200x60", s.terminal.backend());
    assert!(!s.text().contains("more"), "nothing to scroll to");
}

#[test]
fn detail_pane_shows_every_field_grouped() {
    let mut s = screen(160, 40);
    for _ in 0..4 {
        s.key(KeyCode::Char('j'));
    }
    insta::assert_snapshot!(s.terminal.backend());
    let text = s.text();
    for expected in [
        "Sector    logistics",
        "Website   https://www.northwind.example/",
        "Check-ins every 14 days",
        "E-mail    jo.berger@northwind.example",
        "Runs      2026-03-01 → 2027-02-28",
        "First call on new regions.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
}

#[test]
fn dates_are_typed_and_shown_in_the_configured_format_and_stored_iso() {
    let mut s = with_day_first_dates(80, 24);
    s.key(KeyCode::Char('a')).keys("Orbital Payments");
    tabs(&mut s, 3);
    s.keys("orbital.example");
    tabs(&mut s, 5);
    assert!(s.text().contains("45 (default)"), "{}", s.text());
    s.keys("21");
    tabs(&mut s, 2);
    s.keys("ops at orbital");
    tabs(&mut s, 1);
    assert!(s.text().contains("e.g. 23.11.2026"), "{}", s.text());
    s.keys("01.04.2026");
    tabs(&mut s, 1);
    s.keys("31.03.2026");
    save(&mut s);
    insta::assert_snapshot!("form_field_messages_80x24", s.terminal.backend());
    assert!(s.text().contains("Enter an e-mail like name@example.com."));
    assert_eq!(s.count("SELECT count(*) FROM partners"), 7, "nothing saved");
    // The focus went to the first problem, the e-mail: fix it, then the end date.
    assert!(s.text().contains("›Contact e-mail"));
    for _ in 0.."ops at orbital".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("ops@orbital.example");
    tabs(&mut s, 2);
    s.key(KeyCode::Backspace).keys("7");
    save(&mut s);
    assert!(s.text().contains("Saved Orbital Payments."), "{}", s.text());
    assert_eq!(
        s.count(
            "SELECT count(*) FROM partners WHERE name = 'Orbital Payments' \
             AND website = 'orbital.example' AND checkin_cadence_days = 21 \
             AND contact_email = 'ops@orbital.example' \
             AND agreement_start = '2026-04-01' AND agreement_end = '2027-03-31' \
             AND tier = '' AND contributes = ''"
        ),
        1
    );
    s.key(KeyCode::Char('e'));
    assert!(s.text().contains("01.04.2026"), "{}", s.text());
    assert!(s.text().contains("31.03.2027"));
}

#[test]
fn unreadable_dates_and_cadences_are_refused_with_the_way_out() {
    let mut s = with_day_first_dates(200, 60);
    s.key(KeyCode::Char('a')).keys("Orbital Payments");
    tabs(&mut s, 8);
    s.keys("weekly");
    tabs(&mut s, 3);
    s.keys("30.02.2026");
    save(&mut s);
    let text = s.text();
    assert!(text.contains("Enter whole days from 1 to 3650"), "{text}");
    assert!(text.contains("Enter a date like 23.11.2026."), "{text}");
    assert_eq!(s.count("SELECT count(*) FROM partners"), 7);
}

#[test]
fn a_duplicate_name_or_website_warns_and_a_second_save_goes_ahead() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('a')).keys(" northwind LOGISTICS ");
    save(&mut s);
    insta::assert_snapshot!("form_duplicate_warning_80x24", s.terminal.backend());
    assert!(
        s.text()
            .contains("Another partner is called Northwind Logistics"),
        "{}",
        s.text()
    );
    assert_eq!(s.count("SELECT count(*) FROM partners"), 7);
    save(&mut s);
    assert!(
        s.text().contains("Saved northwind LOGISTICS."),
        "{}",
        s.text()
    );
    assert_eq!(s.count("SELECT count(*) FROM partners"), 8);

    // The same site under another spelling; changing a value after the warning warns again.
    s.key(KeyCode::Char('a')).keys("Westwind");
    tabs(&mut s, 3);
    s.keys("HTTP://northwind.example");
    save(&mut s);
    assert!(
        s.text()
            .contains("Northwind Logistics has the same website"),
        "{}",
        s.text()
    );
    for _ in 0..3 {
        s.key(KeyCode::BackTab);
    }
    s.keys(" Ltd");
    save(&mut s);
    assert!(s.text().contains("has the same website"), "{}", s.text());
    assert_eq!(s.count("SELECT count(*) FROM partners"), 8);
    save(&mut s);
    assert_eq!(
        s.count("SELECT count(*) FROM partners WHERE name = 'Westwind Ltd'"),
        1
    );
}

#[test]
fn optional_choices_can_be_set_back_to_none() {
    let mut s = screen(80, 24);
    edit_northwind(&mut s);
    // Tier: open the list, go up to "none", choose it.
    tabs(&mut s, 5);
    s.key(KeyCode::Enter).key(KeyCode::Up).key(KeyCode::Enter);
    assert!(s.text().contains("›Tier             —"), "{}", s.text());
    // Region: Backspace clears it.
    tabs(&mut s, 1);
    s.key(KeyCode::Backspace);
    // Stage has no "none": Backspace leaves it.
    s.key(KeyCode::BackTab).key(KeyCode::BackTab);
    s.key(KeyCode::Backspace);
    save(&mut s);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM partners WHERE name = 'Northwind Logistics' \
             AND tier = '' AND region = '' AND stage = 'active' AND sector = 'logistics'"
        ),
        1
    );
}

#[test]
fn the_detail_pane_shows_a_saved_edit_at_once_when_the_row_does_not_move() {
    let mut s = screen(160, 40);
    edit_northwind(&mut s);
    tabs(&mut s, 7);
    s.keys(" and Kim");
    save(&mut s);
    let owner: String = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT owner FROM partners WHERE name = 'Northwind Logistics'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(owner.ends_with(" and Kim"), "{owner}");
    // Still the selected row (sorted by name, it did not move): the pane shows the saved value.
    let text = s.text();
    assert!(
        text.contains(&format!("Owner     {owner}")),
        "the detail pane does not show {owner:?}:\n{text}"
    );
}

/// A field that is not being edited shows the start of its text, cut with "…" (it showed the
/// end, where the cursor was left, mid-word); the field being edited keeps its cursor in view.
#[test]
fn a_field_left_shows_the_start_of_its_text() {
    let mut s = screen(80, 24);
    s.key(KeyCode::Char('a'));
    let name = "Copperleaf Systems Integration and Managed Services for Mid-sized Plants";
    s.keys(name);
    let typing = s.text();
    let row = typing
        .lines()
        .find(|l| l.contains("Name"))
        .unwrap_or_default()
        .to_string();
    assert!(
        row.contains("Plants"),
        "the cursor's end while typing: {row}"
    );
    tabs(&mut s, 1);
    let text = s.text();
    let row = text
        .lines()
        .find(|l| l.contains("Name"))
        .unwrap_or_default();
    assert!(
        row.contains("Copperleaf Systems Integration") && row.contains('…'),
        "the start, cut visibly: {row}\n{text}"
    );
    assert!(!row.contains("Plants"), "{row}");
}
