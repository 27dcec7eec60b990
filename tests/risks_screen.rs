//! Screen tests of the Risks tab: the register with its counts, sort, filter and facets, the risk
//! form with its partner picker and validation, delete with undo, the heat map (inherent,
//! residual, mono) with its cell list and movements, the plan's suggestions, read-only refusals
//! and tiny terminals; each drawn into `TestBackend`, then the workbook's rows checked.

mod screen_harness;

use partnerplan::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskStatus, Treatment, category,
};
use partnerplan::plan::roles::AssignmentKind;
use partnerplan::plan::selection::Assessment;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::style::Color;
use screen_harness::{
    Screen, assert_shows, draws_at_tiny_sizes, id_of, line_with, press_until, reopened_read_only,
    screen_with_settings, selected_line, shows, workbook_with_partners,
};
use tempfile::TempDir;

use MitigationKind::{
    Audit, ContingencyPlan, Contract, DualSourcing, Insurance, Monitoring, Other,
};
use RiskStatus::{Accepted, Closed, Mitigating, Open};

const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 23);

/// Who holds what in the technology template's roles: (partner, role, kind).
const ASSIGNMENTS: &[(&str, &str, AssignmentKind)] = &[
    ("Helix Cloud", "Cloud infrastructure", AssignmentKind::Lead),
    (
        "Brightpath Analytics",
        "Embedded software components",
        AssignmentKind::Lead,
    ),
    (
        "東京 Robotics 🚀",
        "Hardware and devices",
        AssignmentKind::Lead,
    ),
    (
        "Cobalt Systems Integration",
        "Implementation services",
        AssignmentKind::Lead,
    ),
    (
        "Northwind Logistics",
        "Implementation services",
        AssignmentKind::Backup,
    ),
];

/// A risk as a risk officer would write it into the register.
struct Seed {
    title: &'static str,
    cause: &'static str,
    category: &'static str,
    partner: Option<&'static str>,
    role: Option<&'static str>,
    inherent: (i64, i64),
    treatment: Option<Treatment>,
    mitigations: &'static [(MitigationKind, &'static str)],
    residual: Option<(i64, i64)>,
    owner: &'static str,
    status: RiskStatus,
    review: &'static str,
    note: &'static str,
}

const SEED: Seed = Seed {
    title: "",
    cause: "",
    category: category::OPERATIONAL,
    partner: None,
    role: None,
    inherent: (3, 3),
    treatment: None,
    mitigations: &[],
    residual: None,
    owner: "",
    status: Open,
    review: "",
    note: "",
};

/// Ten risks: R-001 … R-010 in this order. Current scores: two high and open (R-006, R-009),
/// two reviews overdue (R-002, R-009; R-008's is past but it is closed), R-006's residual above
/// its inherent score with a note.
const RISKS: &[Seed] = &[
    Seed {
        title: "Single cloud provider hosts every region",
        cause: "All production runs on Helix Cloud",
        category: category::DEPENDENCY,
        partner: Some("Helix Cloud"),
        role: Some("Cloud infrastructure"),
        inherent: (4, 5),
        treatment: Some(Treatment::Reduce),
        mitigations: &[
            (DualSourcing, "Stratus Edge as warm standby"),
            (Contract, "exit clause with data export"),
        ],
        residual: Some((2, 4)),
        owner: "Priya Raman",
        status: Mitigating,
        review: "2027-01-15",
        ..SEED
    },
    Seed {
        title: "Warehouse contract renewal lapses",
        cause: "Northwind's agreement ends in February",
        category: category::LEGAL,
        partner: Some("Northwind Logistics"),
        inherent: (3, 4),
        treatment: Some(Treatment::Reduce),
        mitigations: &[(Contract, "renewal talks start in January")],
        residual: Some((2, 3)),
        owner: "Dana Whitfield",
        review: "2026-11-02",
        ..SEED
    },
    Seed {
        title: "Integrator stretched across two roles",
        cause: "Cobalt leads integration and implementation",
        partner: Some("Cobalt Systems Integration"),
        role: Some("Implementation services"),
        inherent: (4, 3),
        treatment: Some(Treatment::Reduce),
        mitigations: &[(Monitoring, "monthly capacity review")],
        residual: Some((3, 3)),
        owner: "Dana Whitfield",
        status: Mitigating,
        review: "2026-12-10",
        ..SEED
    },
    Seed {
        title: "Reseller channel conflict on pricing",
        category: category::FINANCIAL,
        partner: Some("Meridian Resellers"),
        inherent: (3, 2),
        treatment: Some(Treatment::Accept),
        owner: "Sam Okafor",
        status: Accepted,
        review: "2027-03-01",
        note: "The margin difference is small.",
        ..SEED
    },
    Seed {
        title: "Customer data leaves the EU via analytics",
        cause: "Brightpath processes usage data in the US",
        category: category::DATA_PRIVACY,
        partner: Some("Brightpath Analytics"),
        inherent: (2, 5),
        treatment: Some(Treatment::Reduce),
        mitigations: &[
            (Audit, "annual SOC 2 report"),
            (Contract, "EU data processing addendum"),
        ],
        residual: Some((1, 5)),
        owner: "Priya Raman",
        review: "2027-02-01",
        ..SEED
    },
    Seed {
        title: "Sensor kits held up by export rules",
        cause: "Export licences for the sensor kits",
        category: category::REGULATORY,
        partner: Some("東京 Robotics 🚀"),
        role: Some("Hardware and devices"),
        inherent: (3, 3),
        treatment: Some(Treatment::Transfer),
        mitigations: &[(Insurance, "cargo delay cover")],
        residual: Some((3, 4)),
        owner: "Kenji Sato",
        review: "2027-01-20",
        note: "The cover excludes regulatory delays, and the pilot now depends on the kits.",
        ..SEED
    },
    Seed {
        title: "Key contact at Northwind retires",
        category: category::RELATIONSHIP,
        partner: Some("Northwind Logistics"),
        inherent: (2, 3),
        owner: "Dana Whitfield",
        ..SEED
    },
    Seed {
        title: "Fintech partner's licence under review",
        category: category::REGULATORY,
        partner: Some("Zürich Fintech Labs"),
        inherent: (3, 4),
        treatment: Some(Treatment::Avoid),
        mitigations: &[(ContingencyPlan, "joint launch paused until the ruling")],
        residual: Some((1, 2)),
        owner: "Priya Raman",
        status: Closed,
        review: "2026-10-01",
        ..SEED
    },
    Seed {
        title: "No partner signed for security assessment",
        category: category::CYBERSECURITY,
        role: Some("Security assessment"),
        inherent: (4, 4),
        treatment: Some(Treatment::Reduce),
        mitigations: &[(Other, "shortlist two more audit firms")],
        owner: "Sam Okafor",
        review: "2026-11-16",
        ..SEED
    },
    Seed {
        title: "Edge network price rise at renewal",
        category: category::FINANCIAL,
        role: Some("Content delivery and edge"),
        inherent: (2, 2),
        treatment: Some(Treatment::Accept),
        owner: "Priya Raman",
        status: Accepted,
        review: "2027-06-01",
        ..SEED
    },
];

const HEADER: &str = "10 risks · 2 high or critical open · 2 reviews overdue";
const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";

fn scale((likelihood, impact): (i64, i64)) -> (Option<Likelihood>, Option<Impact>) {
    (
        Likelihood::from_value(likelihood),
        Impact::from_value(impact),
    )
}

fn draft(wb: &Workbook, seed: &Seed) -> RiskDraft {
    let (inherent_likelihood, inherent_impact) = scale(seed.inherent);
    let (residual_likelihood, residual_impact) = seed.residual.map_or((None, None), scale);
    RiskDraft {
        title: seed.title.into(),
        cause: seed.cause.into(),
        category: seed.category.into(),
        partner_id: seed.partner.map(|p| id_of(wb, "partners", p)),
        role_id: seed.role.map(|r| id_of(wb, "roles", r)),
        inherent_likelihood,
        inherent_impact,
        treatment: seed.treatment,
        residual_likelihood,
        residual_impact,
        owner: seed.owner.into(),
        status: seed.status,
        next_review: seed.review.into(),
        note: seed.note.into(),
        mitigations: seed
            .mitigations
            .iter()
            .map(|(kind, note)| (*kind, note.to_string()))
            .collect(),
        ..Default::default()
    }
}

/// The harness's partners, the technology template's roles, a few assignments, Helix Cloud
/// failing a gate while active, and the ten risks.
fn risks_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    wb.apply_sector_template("technology").unwrap();
    for (partner, role, kind) in ASSIGNMENTS {
        let (partner, role) = (id_of(&wb, "partners", partner), id_of(&wb, "roles", role));
        wb.set_assignment(partner, role, Some(*kind)).unwrap();
    }
    let gate = wb
        .criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.is_gate)
        .unwrap()
        .criterion
        .id;
    let helix = id_of(&wb, "partners", "Helix Cloud");
    wb.set_score(
        helix,
        gate,
        Assessment::Gate(false),
        "No ISO 27001 certificate yet",
        None,
    )
    .unwrap();
    for seed in RISKS {
        let draft = draft(&wb, seed);
        let above = seed
            .residual
            .is_some_and(|(l, i)| l * i > seed.inherent.0 * seed.inherent.1);
        wb.add_risk(&draft, &Bands::default(), above, None).unwrap();
    }
    wb
}

fn settings() -> Settings {
    Settings {
        today: Some(TODAY),
        ..Settings::default()
    }
}

fn open_on_risks(wb: Workbook, dir: TempDir, size: (u16, u16), theme: Theme) -> Screen {
    let mut s = screen_with_settings(wb, dir, size, theme, settings(), Vec::new());
    s.keys("5");
    s
}

/// The realistic workbook on the Risks tab.
fn risks_screen_in(width: u16, height: u16, theme: Theme) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = risks_workbook(&dir);
    let s = open_on_risks(wb, dir, (width, height), theme);
    assert_shows(&s, HEADER);
    s
}

fn risks_screen(width: u16, height: u16) -> Screen {
    risks_screen_in(width, height, Theme::dark())
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

fn tab(s: &mut Screen, times: usize) {
    for _ in 0..times {
        s.key(KeyCode::Tab);
    }
}

/// The risk form's fields in order (Tab moves from one to the next).
const FIELDS: &[&str] = &[
    "title",
    "cause",
    "event",
    "consequence",
    "category",
    "partner",
    "role",
    "inherent_likelihood",
    "inherent_impact",
    "treatment",
    "mitigations",
    "residual_likelihood",
    "residual_impact",
    "owner",
    "status",
    "next_review",
    "note",
];

/// Moves the focus of a just-opened risk form (on Title) to `from` → `to` by Tab.
fn field_to(s: &mut Screen, from: &str, to: &str) {
    let at = |name: &str| FIELDS.iter().position(|f| *f == name).unwrap();
    tab(s, (at(to) + FIELDS.len() - at(from)) % FIELDS.len());
}

/// Selects the register's row with `code` (the table marks the selected row with `›`).
fn select_risk(s: &mut Screen, code: &str) {
    s.keys("g");
    let marker = format!("› {code}");
    press_until(s, KeyCode::Char('j'), 20, |text| text.contains(&marker));
}

/// Fails, showing the screen's `text`, if it holds `needle`.
#[track_caller]
fn hides(text: &str, needle: &str) {
    assert!(
        !text.contains(needle),
        "{needle:?} should not be on the screen:\n{text}"
    );
}

/// The codes of the register's rows, top to bottom.
fn codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let at = line.find("R-0")?;
            Some(line[at..at + 5].to_string())
        })
        .collect()
}

/// Draws the whole screen again rather than what changed: `TestBackend` keeps the right half
/// of a wide character ("東京") that the last frame drew over, which a real terminal erases.
fn redraw_whole(s: &mut Screen) {
    s.terminal.clear().unwrap();
    s.draw();
}

fn risk_count(s: &Screen) -> i64 {
    s.count("SELECT count(*) FROM risks")
}

// ---- the register ----

#[test]
fn register_at_80x24_and_200x60_adds_columns_with_the_width() {
    for (width, height) in [(80, 24), (200, 60)] {
        let s = risks_screen(width, height);
        let text = s.text();
        shows(&text, "Code ↑");
        shows(&text, "Single cloud provider");
        shows(&text, "2×4=8");
        if width >= 200 {
            shows(&text, "Single cloud provider hosts every region");
            shows(&text, "Inherent");
            shows(&text, "4×5=20");
            shows(&text, "Category");
            shows(&text, "Partner / role");
            shows(&text, "Helix Cloud / Cloud infrastructure");
            shows(&text, "Owner");
            shows(&text, "Kenji Sato");
            assert_eq!(codes(&text).len(), RISKS.len(), "all ten fit");
        } else {
            hides(&text, "Inherent");
            hides(&text, "Category");
            hides(&text, "Partner / role");
            hides(&text, "Priya Raman");
        }
        let overdue = line_with(&text, "Warehouse contract");
        assert!(overdue.contains(" !"), "overdue review flagged: {overdue}");
        let closed = line_with(&text, "Fintech partner");
        assert!(!closed.contains(" !"), "a closed risk is never overdue");
        insta::assert_snapshot!(format!("register_{width}x{height}"), s.terminal.backend());
    }
}

#[test]
fn s_cycles_the_sort_column_and_the_header_arrow_follows() {
    let mut s = risks_screen(200, 60);
    s.keys("s");
    let text = s.text();
    shows(&text, "Sorted by title, ascending");
    shows(&text, "Title ↑");
    hides(&text, "Code ↑");
    let titles: Vec<&str> = RISKS.iter().map(|r| r.title).collect();
    let mut sorted = titles.clone();
    sorted.sort_unstable();
    assert!(
        line_with(&text, "› R-").contains(sorted[0]),
        "the first title comes first: {text}"
    );
    s.keys("S");
    shows(&s.text(), "Title ↓");
    s.keys("S");
    // Category, partner / role, inherent, then residual: the highest residual first when
    // reversed.
    s.keys("s");
    shows(&s.text(), "Category ↑");
    s.keys("s");
    shows(&s.text(), "Partner / role ↑");
    s.keys("ssS");
    let text = s.text();
    shows(&text, "Residual ↓");
    assert_eq!(codes(&text)[0], "R-006", "12 is the highest residual");
}

#[test]
fn the_filter_narrows_as_you_type_and_esc_clears_it() {
    let mut s = risks_screen(80, 24);
    s.keys("/north");
    let text = s.text();
    shows(&text, "2 of 10 risks");
    shows(&text, "filter: north▏");
    assert_eq!(codes(&text), ["R-002", "R-007"], "partner names match");
    s.keys("x");
    let text = s.text();
    shows(&text, "0 of 10 risks");
    shows(&text, "No risk matches the filter; Esc or f changes it.");
    s.key(KeyCode::Backspace);
    s.key(KeyCode::Enter);
    let text = s.text();
    shows(&text, "filter: north");
    hides(&text, "north▏");
    insta::assert_snapshot!("filtered_register_80x24", s.terminal.backend());
    s.keys("/").key(KeyCode::Esc);
    shows(&s.text(), "10 risks ·");
    assert_eq!(codes(&s.text()).len(), 10);
}

#[test]
fn facets_narrow_to_a_band_and_a_status() {
    let mut s = risks_screen(80, 24);
    s.keys("f");
    shows(&s.text(), "Filter risks by");
    tab(&mut s, 1);
    s.keys("o");
    tab(&mut s, 1);
    s.keys("h");
    insta::assert_snapshot!("facet_form_80x24", s.terminal.backend());
    save(&mut s);
    let text = s.text();
    shows(&text, "2 of 10 risks");
    shows(&text, "2 of 10 risks · status open, band high ·");
    assert_eq!(codes(&text), ["R-006", "R-009"]);
}

#[test]
fn w_shows_only_the_overdue_reviews_and_again_shows_all() {
    let mut s = risks_screen(80, 24);
    s.keys("w");
    let text = s.text();
    shows(&text, "2 of 10 risks");
    shows(&text, "review overdue");
    assert_eq!(codes(&text), ["R-002", "R-009"]);
    s.keys("w");
    shows(&s.text(), HEADER);
}

#[test]
fn a_new_workbook_says_how_to_start() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let mut s = open_on_risks(wb, dir, (80, 24), Theme::dark());
    let text = s.text();
    shows(&text, "0 risks");
    shows(
        &text,
        "No risks yet: a adds one, P shows the risks the plan suggests.",
    );
    hides(&text, "overdue");
    insta::assert_snapshot!("no_risks_yet_80x24", s.terminal.backend());
    s.keys("e");
    assert_shows(
        &s,
        "No risks yet: a adds one, P shows the risks the plan suggests.",
    );
}

// ---- the form ----

#[test]
fn the_form_scrolls_at_80x24_and_refuses_an_empty_title() {
    let mut s = risks_screen(80, 24);
    s.keys("a");
    let text = s.text();
    shows(&text, "New risk");
    shows(&text, "Title");
    save(&mut s);
    insta::assert_snapshot!("form_empty_title_80x24", s.terminal.backend());
    assert_eq!(risk_count(&s), 10);
    field_to(&mut s, "title", "note");
    let text = s.text();
    shows(&text, "Next review");
    shows(&text, "Note");
    insta::assert_snapshot!("form_scrolled_to_note_80x24", s.terminal.backend());
}

#[test]
fn the_form_at_200x60_shows_every_field_of_a_risk() {
    let mut s = risks_screen(200, 60);
    s.keys("e");
    let text = s.text();
    shows(&text, "Edit R-001 Single cloud provider hosts every region");
    shows(&text, "dual sourcing: Stratus Edge as warm standby");
    shows(&text, "4 likely");
    shows(&text, "Helix Cloud");
    insta::assert_snapshot!("form_edit_200x60", s.terminal.backend());
}

#[test]
fn a_mitigation_line_of_no_known_kind_is_refused_on_its_field() {
    let mut s = risks_screen(80, 24);
    s.keys("a").keys("Payment provider outage");
    field_to(&mut s, "title", "inherent_likelihood");
    s.keys("2");
    tab(&mut s, 1);
    s.keys("5");
    field_to(&mut s, "inherent_impact", "mitigations");
    s.keys("SLA: 99.9% monthly").key(KeyCode::Enter);
    s.keys("insurnce: cyber cover");
    save(&mut s);
    let text = s.text();
    shows(&text, "Line 2: \"insurnce\" is not a kind of mitigation");
    insta::assert_snapshot!("form_unknown_mitigation_80x24", s.terminal.backend());
    assert_eq!(risk_count(&s), 10);
}

/// A paste into the partner picker searches the workbook as typing does: before, the picker kept
/// its first list and Enter linked whichever partner came first.
#[test]
fn a_paste_into_the_partner_picker_searches_like_typing() {
    let mut s = risks_screen(80, 24);
    s.keys("a").keys("Portal outage during peak season");
    field_to(&mut s, "title", "partner");
    s.key(KeyCode::Enter);
    shows(&s.text(), "Northwind Logistics");
    s.app.handle_event(Event::Paste("hel".into()));
    s.draw();
    let text = s.text();
    shows(&text, "Helix Cloud");
    hides(&text, "Northwind Logistics");
    s.key(KeyCode::Enter);
    shows(line_with(&s.text(), "Partner  "), "Helix Cloud");
}

#[test]
fn the_partner_picker_narrows_links_and_backspace_unlinks() {
    let mut s = risks_screen(80, 24);
    s.keys("a").keys("Portal outage during peak season");
    field_to(&mut s, "title", "partner");
    s.key(KeyCode::Enter);
    let text = s.text();
    shows(&text, "Link a partner");
    shows(&text, "Northwind Logistics");
    s.keys("hel");
    let text = s.text();
    shows(&text, "Helix Cloud");
    hides(&text, "Northwind Logistics");
    redraw_whole(&mut s);
    insta::assert_snapshot!("partner_picker_80x24", s.terminal.backend());
    s.key(KeyCode::Enter);
    let text = s.text();
    hides(&text, "Link a partner");
    shows(line_with(&text, "Partner  "), "Helix Cloud");
    s.key(KeyCode::Backspace);
    assert!(
        !line_with(&s.text(), "Partner  ").contains("Helix Cloud"),
        "{}",
        s.text()
    );
    s.key(KeyCode::Enter).keys("meri").key(KeyCode::Enter);
    field_to(&mut s, "partner", "inherent_likelihood");
    s.keys("2");
    tab(&mut s, 1);
    s.keys("4");
    save(&mut s);
    assert_shows(&s, "Added R-011 Portal outage during peak season.");
    let linked: String = s.app.workbook().connection()
        .query_row(
            "SELECT p.name FROM risks r JOIN partners p ON p.id = r.partner_id WHERE r.code = 'R-011'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, "Meridian Resellers");
}

#[test]
fn a_residual_above_inherent_asks_then_needs_a_note() {
    let mut s = risks_screen(80, 24);
    s.keys("a").keys("Analytics SDK slows the app");
    field_to(&mut s, "title", "inherent_likelihood");
    s.keys("2");
    tab(&mut s, 1);
    s.keys("2");
    field_to(&mut s, "inherent_impact", "residual_likelihood");
    s.keys("3");
    tab(&mut s, 1);
    s.keys("3");
    save(&mut s);
    let text = s.text();
    shows(
        &text,
        "The residual score (9) is above the inherent one (4)",
    );
    insta::assert_snapshot!(
        "residual_above_inherent_question_80x24",
        s.terminal.backend()
    );
    s.keys("y");
    let text = s.text();
    shows(
        &text,
        "Say in the note why the residual score (9) is above the",
    );
    assert_eq!(risk_count(&s), 10, "not saved without a note");
    assert!(line_with(&text, "⚠ Say").starts_with("\"│ │   "), "{text}");
    // The focus is on the note, the field with the problem.
    s.keys("The SDK update doubled start-up time.");
    save(&mut s);
    // The yes stands while the scores stay as they were: no second question.
    assert!(!s.text().contains("Save it anyway?"), "{}", s.text());
    let text = s.text();
    shows(&text, "Added R-011 Analytics SDK slows the app.");
    shows(&text, "11 risks");
    let note: String = s
        .app
        .workbook()
        .connection()
        .query_row("SELECT note FROM risks WHERE code = 'R-011'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(note, "The SDK update doubled start-up time.");
}

#[test]
fn editing_the_residual_score_shows_the_trend() {
    let mut s = risks_screen(80, 24);
    let before = line_with(&s.text(), "Warehouse contract").to_string();
    assert!(before.contains("2×3=6"), "{before}");
    select_risk(&mut s, "R-002");
    s.keys("e");
    field_to(&mut s, "title", "residual_impact");
    s.keys("2");
    save(&mut s);
    let text = s.text();
    shows(&text, "Saved Warehouse contract renewal lapses.");
    let row = line_with(&text, "Warehouse contract");
    assert!(row.contains("2×2=4 ↓"), "the score fell: {row}");
    assert!(row.contains("L low"), "{row}");
    shows(&text, "10 risks · 2 high or critical open");
}

#[test]
fn delete_asks_then_u_brings_the_risk_back() {
    let mut s = risks_screen(80, 24);
    select_risk(&mut s, "R-003");
    s.keys("d");
    let text = s.text();
    shows(
        &text,
        "Delete risk R-003 \"Integrator stretched across two roles\"",
    );
    shows(
        &text,
        "with its mitigations and score history? (u undoes it)",
    );
    insta::assert_snapshot!("delete_question_80x24", s.terminal.backend());
    s.keys("n");
    assert_eq!(risk_count(&s), 10);
    s.keys("d").keys("y");
    let text = s.text();
    shows(&text, "Deleted R-003 with its mitigations and history.");
    shows(&text, "9 risks");
    hides(&text, "Integrator stretched");
    assert_eq!(risk_count(&s), 9);
    s.keys("u");
    let text = s.text();
    shows(&text, "Integrator stretched");
    shows(&text, "10 risks");
    assert_eq!(
        s.count(
            "SELECT count(*) FROM risk_mitigations m JOIN risks r ON r.id = m.risk_id \
             WHERE r.code = 'R-003'"
        ),
        1
    );
}

// ---- the heat map ----

/// Moves the heat map's selection to `likelihood` × `impact`: to rare × negligible first (moves
/// stop at the edges), then up and right.
fn select_cell(s: &mut Screen, likelihood: usize, impact: usize) {
    s.keys("jjjjhhhh");
    s.keys(&"k".repeat(likelihood - 1));
    s.keys(&"l".repeat(impact - 1));
}

#[test]
fn the_heat_map_inherent_and_residual_with_the_cell_list() {
    let mut s = risks_screen(200, 60);
    s.keys("m");
    let text = s.text();
    shows(&text, "Inherent · 3 possible × 3 moderate: 1");
    shows(&text, "R-006 Sensor kits held up by export rules");
    // Drawn again from blank: `TestBackend` keeps what the register left beside a wide character.
    s.terminal.clear().unwrap();
    s.draw();
    insta::assert_snapshot!("heat_map_inherent_200x60", s.terminal.backend());
    select_cell(&mut s, 4, 5);
    let text = s.text();
    shows(&text, "Inherent · 4 likely × 5 severe: 1");
    shows(&text, "R-001 Single cloud provider hosts every region");
    hides(&text, "R-006");
    s.keys("r");
    let text = s.text();
    shows(&text, "Residual · 4 likely × 5 severe: 0");
    shows(&text, "No risk in this cell.");
    s.terminal.backend_mut().resize(80, 24);
    select_cell(&mut s, 3, 4);
    let text = s.text();
    shows(&text, "Residual · 3 possible × 4 major: 1");
    shows(&text, "R-006 Sensor kits held up by export rules");
    insta::assert_snapshot!("heat_map_residual_80x24", s.terminal.backend());
}

#[test]
fn the_mono_heat_map_reads_without_colour() {
    let mut s = risks_screen_in(80, 24, Theme::mono());
    s.keys("m");
    insta::assert_snapshot!("heat_map_inherent_mono_80x24", s.terminal.backend());
    let buffer = s.terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset),
        "no colour in mono"
    );
    let mut dark = risks_screen(80, 24);
    dark.keys("m");
    assert_eq!(
        dark.text(),
        s.text(),
        "the letters carry the bands, so the text is the same"
    );
    assert!(
        dark.terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|cell| cell.bg != Color::Reset || cell.fg != Color::Reset),
        "the dark theme colours the bands"
    );
}

#[test]
fn enter_on_a_cell_shows_the_register_filtered_to_it() {
    let mut s = risks_screen(80, 24);
    s.keys("m");
    select_cell(&mut s, 3, 4);
    shows(&s.text(), "Inherent · 3 possible × 4 major: 2");
    s.key(KeyCode::Enter);
    let text = s.text();
    shows(&text, "2 of 10 risks");
    shows(&text, "inherent cell 3×4");
    shows(
        &text,
        "The register shows the risks of that cell; f changes it.",
    );
    assert_eq!(codes(&text), ["R-002", "R-008"]);
}

/// At 80×24 and 60×20 the movement itself shows on every line; the title gives way with "…".
#[test]
fn the_movement_shows_on_narrow_screens() {
    for (width, height) in [(80, 24), (60, 20)] {
        let mut s = risks_screen(width, height);
        s.keys("m").keys("v");
        let text = s.text();
        let fintech = line_with(&text, "R-008");
        assert!(fintech.contains("↓10"), "{width}: {fintech}\n{text}");
        assert!(
            fintech.contains("Fintech partner's licence under review") || fintech.contains('…'),
            "{width}: a title that does not fit is cut visibly: {fintech}"
        );
        let cloud = line_with(&text, "R-001");
        assert!(cloud.contains("↓12"), "{width}: {cloud}");
    }
}

#[test]
fn v_lists_how_each_risk_moved() {
    let mut s = risks_screen(200, 60);
    s.keys("m").keys("v");
    let text = s.text();
    shows(&text, "Inherent → residual, biggest falls first");
    let fintech = line_with(&text, "R-008");
    assert!(fintech.contains("↓10"), "{fintech}");
    let sensors = line_with(&text, "R-006");
    assert!(sensors.contains("↑3"), "{sensors}");
    insta::assert_snapshot!("movements_200x60", s.terminal.backend());
    s.key(KeyCode::Esc);
    hides(&s.text(), "biggest falls first");
    shows(&s.text(), "Inherent · ");
    s.key(KeyCode::Esc);
    shows(&s.text(), HEADER);
}

// ---- suggestions ----

#[test]
fn suggestions_accept_into_a_prefilled_form_and_dismiss_with_undo() {
    let mut s = risks_screen(80, 24);
    s.keys("P");
    let text = s.text();
    shows(&text, "Suggested risks");
    shows(&text, "Helix Cloud");
    insta::assert_snapshot!("suggestions_80x24", s.terminal.backend());
    let before = s.text();
    let suggested = |text: &str| -> usize {
        let line = line_with(text, "The plan suggests ");
        line["The plan suggests ".len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let total = suggested(&before);
    press_until(&mut s, KeyCode::Char('j'), 20, |text| {
        selected_line(text).contains("Helix Cloud")
    });
    s.keys("a");
    let text = s.text();
    shows(&text, "New risk: ");
    shows(line_with(&text, "Partner  "), "Helix Cloud");
    shows(&text, category::STRATEGIC_MISALIGNMENT);
    insta::assert_snapshot!("suggestion_form_80x24", s.terminal.backend());
    save(&mut s);
    shows(
        &s.text(),
        "Rate the inherent likelihood and impact: without them the",
    );
    // The focus went to the first problem, the inherent likelihood.
    s.keys("3");
    tab(&mut s, 1);
    s.keys("4");
    save(&mut s);
    let text = s.text();
    shows(&text, "Added R-011");
    assert_eq!(suggested(&text), total - 1, "the accepted one is gone");
    assert_eq!(
        s.count("SELECT count(*) FROM risks WHERE suggestion_key LIKE 'gated-out:%'"),
        1
    );
    s.keys("g");
    let first = selected_line(&s.text()).to_string();
    s.keys("d");
    let text = s.text();
    shows(
        &text,
        "Dismissed \"Cloud infrastructure rests on one partner\"",
    );
    assert_eq!(suggested(&text), total - 2);
    s.keys("u");
    let text = s.text();
    assert_eq!(suggested(&text), total - 1, "undo brings it back");
    shows(
        &text,
        first.trim_matches(|c: char| c == '│' || c == '›' || c.is_whitespace()),
    );
}

/// A large plan's suggestions are read on a thread: the view opens at once saying so, and
/// shows what reading in place shows; a dismissal reads them again the same way, the list
/// shown marked as updating meanwhile.
#[test]
fn a_large_plan_s_suggestions_are_read_on_a_thread_and_end_as_read_in_place() {
    let mut in_place = risks_screen(100, 30);
    in_place.keys("P").settle();
    let want = in_place.text();
    in_place.keys("gd").settle();
    let dismissed = in_place.text();

    let mut s = risks_screen(100, 30);
    // Every plan taken as large (at a million partners and three million links the
    // suggestions take 3.9 s).
    s.app.set_large_network(0);
    s.keys("P");
    let first = s.text();
    shows(&first, "Suggested risks · reading…");
    shows(&first, "Reading what the plan suggests…");
    s.keys("jk");
    s.settle();
    assert_eq!(s.text(), want, "read on a thread, shown as read in place");
    s.keys("gd");
    shows(&s.text(), "Suggested risks · updating…");
    s.settle();
    assert_eq!(s.text(), dismissed);
}

// ---- read-only and tiny terminals ----

#[test]
fn a_read_only_workbook_refuses_every_change() {
    let dir = TempDir::new().unwrap();
    let wb = reopened_read_only(risks_workbook(&dir));
    let mut s = open_on_risks(wb, dir, (80, 24), Theme::dark());
    for key in ["a", "e", "d"] {
        s.keys(key);
        let text = s.text();
        shows(&text, READ_ONLY);
        hides(&text, "New risk");
        hides(&text, "Delete risk");
    }
    s.keys("P");
    for key in ["a", "d"] {
        s.keys(key);
        let text = s.text();
        shows(&text, READ_ONLY);
        hides(&text, "New risk");
        hides(&text, "Dismissed");
    }
    assert_eq!(risk_count(&s), 10);
    assert_eq!(s.count("SELECT count(*) FROM risk_dismissals"), 0);
}

/// Each Risks screen, reached from a fresh tab by these keys.
const SCREENS: &[(&str, &str)] = &[
    ("register", ""),
    ("filter", "/north"),
    ("facet form", "f"),
    ("form", "a"),
    ("picker", "a\t\t\t\t\t\n"),
    ("heat map", "m"),
    ("residual heat map", "mr"),
    ("movements", "mv"),
    ("suggestions", "P"),
    ("suggestion form", "Pa"),
    ("delete question", "d"),
];

#[test]
fn every_risks_screen_draws_at_tiny_sizes_without_panicking() {
    for (name, keys) in SCREENS {
        let mut s = risks_screen(80, 24);
        for c in keys.chars() {
            match c {
                '\t' => s.key(KeyCode::Tab),
                '\n' => s.key(KeyCode::Enter),
                c => s.keys(&c.to_string()),
            };
        }
        draws_at_tiny_sizes(&mut s, name);
    }
}
