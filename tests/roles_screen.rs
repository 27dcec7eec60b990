//! Screen tests of the Roles tab: the role tree with its coverage panel, the partner × role
//! matrix, the role, template and note forms, the move picker, delete with undo, read-only
//! refusals and tiny terminals; each drawn into `TestBackend`, then the workbook's rows checked.

mod screen_harness;

use partnerplan::plan::roles::{AssignmentKind, RoleStatus};
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{
    Screen, assert_shows, draws_at_tiny_sizes, id_of, line_with, partner_draft, press_until,
    reopened_read_only, screen_with_settings, shows, workbook_with_partners,
};
use tempfile::TempDir;

use AssignmentKind::{Backup, Candidate, Lead};

/// Partners beyond the harness's seven, as a technology company would have them.
const MORE_PARTNERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Stratus Edge Networks",
        "technology",
        "active",
        "Priya Raman",
        "CDN and edge compute in 40 regions.",
    ),
    (
        "Keystone Security Audits",
        "integrator",
        "evaluating",
        "Sam Okafor",
        "Penetration tests and ISO 27001 readiness.",
    ),
];

/// Who holds what: (partner, role, kind, note).
const ASSIGNMENTS: &[(&str, &str, AssignmentKind, &str)] = &[
    (
        "Helix Cloud",
        "Cloud infrastructure",
        Lead,
        "Primary region eu-west; 99.95% uptime in the contract.",
    ),
    ("Stratus Edge Networks", "Cloud infrastructure", Backup, ""),
    (
        "Stratus Edge Networks",
        "Content delivery and edge",
        Lead,
        "",
    ),
    (
        "Brightpath Analytics",
        "Embedded software components",
        Lead,
        "",
    ),
    (
        "東京 Robotics 🚀",
        "Hardware and devices",
        Lead,
        "Sensor kits for the warehouse pilot.",
    ),
    ("Brightpath Analytics", "App developers", Candidate, ""),
    (
        "Cobalt Systems Integration",
        "Integration builders",
        Lead,
        "",
    ),
    (
        "Cobalt Systems Integration",
        "Implementation services",
        Lead,
        "",
    ),
    ("Northwind Logistics", "Implementation services", Backup, ""),
    (
        "Meridian Resellers",
        "Resellers and marketplaces",
        Candidate,
        "",
    ),
    (
        "Keystone Security Audits",
        "Security assessment",
        Candidate,
        "Quote received; waiting on references.",
    ),
];

const OVERRIDE_REASON: &str = "Keystone's audit contract is signed; work starts in January.";

/// The harness's partners plus two more, the technology template, assignments with notes, and
/// Security assessment set to "at risk" by hand.
fn roles_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    for row in MORE_PARTNERS {
        wb.add_partner(&partner_draft(row)).unwrap();
    }
    wb.apply_sector_template("technology").unwrap();
    for (partner, role, kind, note) in ASSIGNMENTS {
        let (partner, role) = (id_of(&wb, "partners", partner), id_of(&wb, "roles", role));
        wb.set_assignment(partner, role, Some(*kind)).unwrap();
        if !note.is_empty() {
            wb.set_assignment_note(partner, role, note).unwrap();
        }
    }
    let security = id_of(&wb, "roles", "Security assessment");
    let mut draft = wb
        .roles()
        .unwrap()
        .into_iter()
        .find(|r| r.role.id == security)
        .unwrap()
        .draft();
    draft.status_override = Some(RoleStatus::AtRisk);
    draft.status_reason = OVERRIDE_REASON.into();
    wb.update_role(security, &draft).unwrap();
    wb
}

/// Leading more than one role makes a partner overloaded here, so Cobalt is.
fn settings() -> Settings {
    Settings {
        overload_threshold: 1,
        ..Settings::default()
    }
}

fn open_on_roles(wb: Workbook, dir: TempDir, (width, height): (u16, u16)) -> Screen {
    let mut s = screen_with_settings(
        wb,
        dir,
        (width, height),
        Theme::dark(),
        settings(),
        Vec::new(),
    );
    s.keys("4");
    s
}

/// The realistic workbook on the Roles tab.
fn roles_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = roles_workbook(&dir);
    let s = open_on_roles(wb, dir, (width, height));
    assert_shows(&s, "Cloud infrastructure");
    s
}

/// A workbook with partners and no roles, on the Roles tab.
fn empty_roles_screen(width: u16, height: u16) -> Screen {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    open_on_roles(wb, dir, (width, height))
}

fn save(s: &mut Screen) {
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
}

/// Selects the role `name` in the tree: its coverage panel then carries its name as title.
fn select_role(s: &mut Screen, name: &str) {
    s.keys("g");
    let title = format!("┌ {name} ─");
    press_until(s, KeyCode::Char('j'), 20, |text| text.contains(&title));
}

/// In the matrix, moves to the cell of `partner` and `role` (the selected-cell line names both).
fn select_cell(s: &mut Screen, partner: &str, role: &str) {
    s.keys("g0");
    let row = format!("{partner} in ");
    press_until(s, KeyCode::Char('j'), 20, |text| text.contains(&row));
    let cell = format!("{partner} in {role} (");
    press_until(s, KeyCode::Char('l'), 20, |text| text.contains(&cell));
}

/// The kind stored for `partner` in `role`, if any.
fn stored_kind(s: &Screen, partner: &str, role: &str) -> Option<String> {
    let wb = s.app.workbook();
    wb.connection()
        .query_row(
            "SELECT kind FROM role_assignments WHERE partner_id = ?1 AND role_id = ?2",
            [id_of(wb, "partners", partner), id_of(wb, "roles", role)],
            |r| r.get(0),
        )
        .ok()
}

/// The name of role `name`'s parent.
fn parent_of(s: &Screen, name: &str) -> Option<String> {
    s.app
        .workbook()
        .connection()
        .query_row(
            "SELECT p.name FROM roles r JOIN roles p ON p.id = r.parent_id WHERE r.name = ?1",
            [name],
            |r| r.get(0),
        )
        .ok()
}

/// The selected-cell line of the matrix, without the padding.
fn cell_line(s: &Screen) -> String {
    let text = s.text();
    let line = text.lines().nth(3).unwrap_or_default();
    line.trim_matches('"').trim_end().to_string()
}

#[test]
fn tree_with_coverage_panel_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = roles_screen(width, height);
        let text = s.text();
        shows(
            &text,
            "10 roles · 4 gaps · 1 single point · 1 overloaded partner · 40% in place",
        );
        select_role(&mut s, "Cloud infrastructure");
        let text = s.text();
        shows(&text, "Helix Cloud");
        shows(&text, "Stratus Edge Networks");
        if height >= 60 {
            shows(&text, "Overloaded (lead more than 1 role):");
            shows(&text, "Cobalt Systems Integration (2)");
        }
        insta::assert_snapshot!(format!("tree_{width}x{height}"), s.terminal.backend());
    }
}

#[test]
fn coverage_panel_flags_gaps_single_points_and_a_status_set_by_hand() {
    let mut s = roles_screen(200, 60);
    select_role(&mut s, "Security assessment");
    let text = s.text();
    shows(
        &text,
        "▲ at risk — set by hand: Keystone's audit contract is signed;",
    );
    shows(&text, "(computed: ✗ missing)");
    shows(&text, "gap: no lead or backup");
    assert!(
        line_with(&text, "│›   Security assessment").contains("▲ at risk*"),
        "the tree marks the override: {text}"
    );
    select_role(&mut s, "Embedded software components");
    assert_shows(&s, "single point of failure");
    select_role(&mut s, "Resellers and marketplaces");
    let text = s.text();
    shows(&text, "under minimum: 0 of 2");
    shows(&text, "Meridian Resellers");
}

#[test]
fn a_new_workbook_says_no_roles_yet() {
    let mut s = empty_roles_screen(80, 24);
    assert_shows(&s, "No roles yet.");
    insta::assert_snapshot!("no_roles_yet_80x24", s.terminal.backend());
    s.keys("e");
    assert_shows(&s, "No roles yet: a adds the hub, t a sector template.");
}

#[test]
fn matrix_at_80x24_and_200x60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut s = roles_screen(width, height);
        s.keys("x");
        let text = s.text();
        shows(&text, "9 partners × 10 roles · all stages");
        shows(&text, "Partner × role");
        insta::assert_snapshot!(format!("matrix_{width}x{height}"), s.terminal.backend());
    }
}

#[test]
fn matrix_moves_with_hjkl_and_arrows_naming_partner_and_role() {
    let mut s = roles_screen(120, 30);
    s.keys("x");
    let start = cell_line(&s);
    assert!(
        start.starts_with("Brightpath Analytics in Cloud infrastructure (high)"),
        "{start}"
    );
    s.keys("l");
    let right = cell_line(&s);
    assert!(
        right.starts_with("Brightpath Analytics in Content delivery and edge"),
        "{right}"
    );
    s.keys("h");
    assert_eq!(cell_line(&s), start, "h moves back");
    s.key(KeyCode::Right);
    assert_eq!(cell_line(&s), right, "→ is l");
    s.key(KeyCode::Left).keys("j");
    let down = cell_line(&s);
    assert!(
        down.starts_with("Cobalt Systems Integration in Cloud infrastructure"),
        "{down}"
    );
    s.keys("k");
    assert_eq!(cell_line(&s), start, "k moves back up");
    s.key(KeyCode::Down);
    assert_eq!(cell_line(&s), down, "↓ is j");
    s.key(KeyCode::Up);
    assert_eq!(cell_line(&s), start, "↑ is k");

    select_cell(&mut s, "Helix Cloud", "Cloud infrastructure");
    assert_shows(
        &s,
        "Helix Cloud in Cloud infrastructure (high): lead · Primary region eu-west; 99.95% uptime in the contract.",
    );
    select_cell(&mut s, "Meridian Resellers", "Training providers");
    assert_shows(
        &s,
        "Meridian Resellers in Training providers (low): not assigned",
    );
}

#[test]
fn space_cycles_a_cell_letters_set_and_clear_and_undo_restores() {
    let mut s = roles_screen(120, 30);
    s.keys("x");
    let (partner, role) = ("Northwind Logistics", "Training providers");
    select_cell(&mut s, partner, role);
    assert_eq!(stored_kind(&s, partner, role), None);
    for (expected, said) in [
        (
            Some("lead"),
            "Northwind Logistics is now lead of Training providers.",
        ),
        (
            Some("backup"),
            "Northwind Logistics is now backup of Training providers.",
        ),
        (
            Some("candidate"),
            "Northwind Logistics is now candidate of Training providers.",
        ),
        (
            None,
            "Northwind Logistics no longer holds Training providers.",
        ),
    ] {
        s.key(KeyCode::Char(' '));
        assert_eq!(stored_kind(&s, partner, role).as_deref(), expected);
        assert_shows(&s, said);
    }
    assert!(
        cell_line(&s).ends_with("(low): not assigned"),
        "{}",
        s.text()
    );

    s.keys("B");
    assert_eq!(stored_kind(&s, partner, role).as_deref(), Some("backup"));
    assert_shows(&s, "(low): backup");
    s.keys("C");
    assert_eq!(stored_kind(&s, partner, role).as_deref(), Some("candidate"));
    s.keys("L");
    assert_eq!(stored_kind(&s, partner, role).as_deref(), Some("lead"));
    s.keys("x");
    assert_eq!(stored_kind(&s, partner, role), None);
    assert_shows(&s, "(low): not assigned");

    // Undo works in the matrix, one change at a time, and the cell shows it at once.
    s.keys("u");
    assert_eq!(stored_kind(&s, partner, role).as_deref(), Some("lead"));
    assert_shows(&s, "(low): lead");
    assert_shows(
        &s,
        "Undid: clear Northwind Logistics from Training providers",
    );
    s.keys("u");
    assert_eq!(stored_kind(&s, partner, role).as_deref(), Some("candidate"));
    assert!(s.text().contains("Partner × role"), "still in the matrix");
}

#[test]
fn the_stage_limit_and_the_filter_change_the_rows() {
    let mut s = roles_screen(120, 30);
    s.keys("x");
    assert_shows(&s, "Meridian Resellers");
    s.keys("f");
    let text = s.text();
    shows(&text, "5 partners × 10 roles · active and onboarding");
    assert!(!text.contains("Meridian Resellers"), "a prospect: {text}");
    assert!(!text.contains("Zürich Fintech Labs"), "paused: {text}");
    shows(&text, "Cobalt Systems Integration");
    s.keys("f");
    let text = s.text();
    shows(&text, "3 partners × 10 roles · prospects and evaluating");
    shows(&text, "Keystone Security Audits");
    assert!(!text.contains("Helix Cloud"), "{text}");
    s.keys("f");
    assert!(s.text().contains("9 partners × 10 roles · all stages"));

    // The filter narrows as each letter is typed.
    s.keys("/");
    s.keys("c");
    let after_c = s.text();
    s.keys("lou");
    let text = s.text();
    shows(&text, "filter: clou");
    shows(&text, "1 partner × 10 roles");
    shows(&text, "Helix Cloud");
    assert!(!text.contains("Northwind Logistics"), "{text}");
    assert_ne!(after_c, text);
    // Enter keeps the filter and gives the keys back to the grid; Space then edits the cell.
    s.key(KeyCode::Enter);
    assert_shows(&s, "filter: clou");
    assert_shows(&s, "Helix Cloud in ");
    // Esc in the filter clears it.
    s.keys("/").key(KeyCode::Esc);
    assert_shows(&s, "9 partners × 10 roles");
    assert!(!s.text().contains("filter:"), "{}", s.text());
}

#[test]
fn columns_scroll_right_past_the_edge_and_the_names_stay() {
    let mut s = roles_screen(80, 24);
    s.keys("x");
    let text = s.text();
    assert!(!text.contains("Training"), "{text}");
    assert!(
        line_with(&text, "│Partner ").ends_with("›│\""),
        "a mark says more roles lie right: {text}"
    );
    select_cell(&mut s, "Helix Cloud", "Training providers");
    let text = s.text();
    assert!(
        line_with(&text, "│Partner ").contains("Training"),
        "the last role's column is in view: {text}"
    );
    assert!(
        !line_with(&text, "│Partner ").contains("Cloud inf"),
        "{text}"
    );
    assert!(
        text.contains("‹"),
        "a mark says more roles lie left: {text}"
    );
    shows(&text, "Northwind Logistics");
    shows(&text, "│›Helix Cloud");
    insta::assert_snapshot!("matrix_scrolled_right_80x24", s.terminal.backend());
    s.keys("0");
    assert!(
        line_with(&s.text(), "│Partner ").contains("Cloud inf"),
        "{}",
        s.text()
    );
}

#[test]
fn notes_open_on_a_held_cell_and_are_refused_on_an_empty_one() {
    let mut s = roles_screen(80, 24);
    s.keys("x");
    select_cell(&mut s, "Stratus Edge Networks", "Cloud infrastructure");
    s.keys("n");
    assert_shows(
        &s,
        "Note: Stratus Edge Networks as backup of Cloud infrastructure",
    );
    s.keys("Takes over if eu-west fails; tested twice a year.");
    insta::assert_snapshot!("note_form_80x24", s.terminal.backend());
    save(&mut s);
    assert_shows(&s, "Saved the note.");
    let note: String = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT note FROM role_assignments a JOIN partners p ON p.id = a.partner_id \
             WHERE p.name = 'Stratus Edge Networks' AND a.kind = 'backup'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "Takes over if eu-west fails; tested twice a year.");
    assert!(
        cell_line(&s).ends_with("(high): backup · Takes over if eu-"),
        "{}",
        s.text()
    );

    // An empty cell has nothing to note yet.
    select_cell(&mut s, "Northwind Logistics", "Cloud infrastructure");
    s.keys("n");
    assert_shows(
        &s,
        "Set L, B or C first, then the note: Northwind Logistics does not hold",
    );
    assert!(!s.text().contains("Note:"), "{}", s.text());
}

#[test]
fn escape_goes_back_to_the_tree_with_coverage_updated() {
    let mut s = roles_screen(200, 60);
    select_role(&mut s, "Training providers");
    assert_shows(&s, "gap: no lead or backup");
    assert_shows(&s, "4 gaps");
    s.keys("x");
    select_cell(&mut s, "Northwind Logistics", "Training providers");
    s.keys("L");
    s.key(KeyCode::Esc);
    let text = s.text();
    assert!(!text.contains("Partner × role"), "{text}");
    shows(&text, "3 gaps");
    assert!(!text.contains("gap: no lead or backup"), "{text}");
    assert!(
        line_with(&text, "Leads (L)").contains("Northwind Logistics"),
        "{text}"
    );
    assert!(
        line_with(&text, "│›   Training providers").contains("✓ in place"),
        "{text}"
    );
}

#[test]
fn the_role_form_adds_under_the_selected_role_and_explains_refusals() {
    let mut s = roles_screen(80, 24);
    select_role(&mut s, "Cloud infrastructure");
    s.keys("a");
    assert_shows(&s, "New role under Cloud infrastructure");
    save(&mut s);
    assert_shows(&s, "Name is required.");
    s.keys("content delivery AND edge");
    save(&mut s);
    assert_shows(&s, "There is already a role called");
    for _ in 0.."content delivery AND edge".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("Managed Kubernetes");
    s.key(KeyCode::Tab).keys("Runs our container clusters.");
    // Criticality, minimum, then the status: a letter picks "at risk".
    s.key(KeyCode::Tab).keys("h");
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("a");
    save(&mut s);
    assert_shows(&s, "Say why the status is set by hand, or let it be");
    insta::assert_snapshot!(
        "role_form_refuses_override_without_reason_80x24",
        s.terminal.backend()
    );
    assert_eq!(parent_of(&s, "Managed Kubernetes"), None);

    s.keys("Only one region runs it so far.");
    save(&mut s);
    assert_shows(&s, "Added Managed Kubernetes.");
    assert_eq!(
        parent_of(&s, "Managed Kubernetes").as_deref(),
        Some("Cloud infrastructure")
    );
    assert_eq!(
        s.count(
            "SELECT count(*) FROM roles WHERE name = 'Managed Kubernetes' AND criticality = 'high' \
             AND status_override = 'at risk' AND status_reason = 'Only one region runs it so far.'"
        ),
        1
    );
    assert_shows(&s, "11 roles");
}

#[test]
fn the_template_form_applies_a_sector_and_says_how_many_were_added() {
    let mut s = empty_roles_screen(80, 24);
    s.keys("t");
    s.key(KeyCode::Enter);
    insta::assert_snapshot!("template_form_80x24", s.terminal.backend());
    // The list opens on the first template, technology: Enter takes it, then save.
    s.key(KeyCode::Enter);
    assert_shows(&s, "technology  ▾");
    save(&mut s);
    assert_shows(&s, "Technology template: added 10 roles and the hub");
    assert_shows(&s, "10 roles · 10 gaps");
    assert_eq!(s.count("SELECT count(*) FROM roles"), 11);

    // A second time adds nothing and says so.
    s.keys("t").keys("t");
    save(&mut s);
    assert_shows(&s, "Technology template: added 0 roles; 10 already there.");
    assert_eq!(s.count("SELECT count(*) FROM roles"), 11);
}

#[test]
fn the_move_picker_filters_hides_the_branch_and_refuses_the_hub() {
    let mut s = roles_screen(80, 24);
    select_role(&mut s, "Cloud infrastructure");
    s.keys("m");
    let text = s.text();
    shows(&text, "Move Cloud infrastructure under…");
    assert!(
        !text.contains("Content delivery and edge"),
        "its own sub-role is not offered: {text}"
    );
    insta::assert_snapshot!("move_picker_80x24", s.terminal.backend());
    s.keys("app");
    let text = s.text();
    assert!(
        line_with(&text, "App developers").contains("›   App developers"),
        "{text}"
    );
    assert!(!text.contains("Training providers"), "{text}");
    s.keys("zzz");
    assert_shows(&s, "No role matches.");
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.key(KeyCode::Enter);
    assert_shows(&s, "Moved Cloud infrastructure under App developers.");
    assert_eq!(
        parent_of(&s, "Cloud infrastructure").as_deref(),
        Some("App developers")
    );

    // Its sub-role cannot become its parent: the branch is not offered at all.
    select_role(&mut s, "Cloud infrastructure");
    s.keys("m").keys("content");
    assert_shows(&s, "No role matches.");
    s.key(KeyCode::Esc);
    assert!(!s.text().contains("Move Cloud"), "{}", s.text());

    // The hub cannot move.
    s.keys("g").keys("m");
    assert_shows(
        &s,
        "Our organisation is the hub, the root of the tree; it cannot move.",
    );
    assert!(!s.text().contains("under…"), "{}", s.text());
}

#[test]
fn delete_asks_naming_assignments_and_sub_roles_then_undo_brings_it_back() {
    let mut s = roles_screen(80, 24);
    select_role(&mut s, "Cloud infrastructure");
    s.keys("d");
    let text = s.text();
    shows(
        &text,
        "Delete role \"Cloud infrastructure\" and its 2 assignments?",
    );
    shows(&text, "Its sub-role moves up a level.");
    insta::assert_snapshot!("delete_role_question_80x24", s.terminal.backend());
    s.keys("n");
    assert_eq!(
        s.count("SELECT count(*) FROM roles WHERE name = 'Cloud infrastructure'"),
        1
    );
    let assignments = s.count("SELECT count(*) FROM role_assignments");

    s.keys("d").keys("y");
    assert_shows(&s, "Deleted Cloud infrastructure with its assignments.");
    assert_eq!(
        s.count("SELECT count(*) FROM roles WHERE name = 'Cloud infrastructure'"),
        0
    );
    assert_eq!(
        s.count("SELECT count(*) FROM role_assignments"),
        assignments - 2
    );
    assert_eq!(
        parent_of(&s, "Content delivery and edge").as_deref(),
        Some("Our organisation")
    );
    assert_shows(&s, "9 roles");

    s.keys("u");
    assert_shows(&s, "Undid: delete role Cloud infrastructure");
    assert_eq!(
        s.count("SELECT count(*) FROM role_assignments"),
        assignments
    );
    assert_eq!(
        parent_of(&s, "Content delivery and edge").as_deref(),
        Some("Cloud infrastructure")
    );
    assert_eq!(
        stored_kind(&s, "Helix Cloud", "Cloud infrastructure").as_deref(),
        Some("lead")
    );
    assert_shows(&s, "10 roles");
}

#[test]
fn a_read_only_workbook_refuses_role_and_cell_edits() {
    let dir = TempDir::new().unwrap();
    let wb = reopened_read_only(roles_workbook(&dir));
    let mut s = open_on_roles(wb, dir, (80, 24));
    let refusal = "Read-only: nothing can be changed (reopen without --read-only to edit).";
    for key in ["a", "e", "d", "m", "t"] {
        s.keys(key);
        assert!(s.text().contains(refusal), "{key}: {}", s.text());
        assert!(!s.text().contains("New role"), "{}", s.text());
    }
    s.keys("x");
    assert!(s.text().contains("Partner × role"), "reading is fine");
    for key in [" ", "L", "x", "n"] {
        s.keys(key);
        assert!(s.text().contains(refusal), "{key:?}: {}", s.text());
    }
    s.keys("u");
    assert_shows(
        &s,
        "This workbook is open read-only; there is nothing to undo.",
    );
    assert_eq!(
        s.count("SELECT count(*) FROM role_assignments"),
        ASSIGNMENTS.len() as i64
    );
}

#[test]
fn the_palette_on_the_roles_tab_offers_the_roles_actions() {
    let mut s = roles_screen(80, 24);
    s.keys(":").keys("matrix");
    let text = s.text();
    shows(&text, "matrix");
    insta::assert_snapshot!("palette_matrix_80x24", s.terminal.backend());
    s.key(KeyCode::Enter);
    assert_shows(&s, "Partner × role");
    s.key(KeyCode::Esc);
    s.keys(":").keys("template");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Add a sector template's roles");
}

/// Each Roles screen, reached from a fresh tab by these keys.
const SCREENS: &[(&str, &str)] = &[
    ("tree", ""),
    ("matrix", "x"),
    ("matrix filter", "x/clou"),
    ("note form", "xjjn"),
    ("picker", "jm"),
    ("role form", "ja"),
    ("template form", "t"),
    ("delete question", "jd"),
];

#[test]
fn every_roles_screen_draws_at_tiny_sizes_without_panicking() {
    for (name, keys) in SCREENS {
        let mut s = roles_screen(80, 24);
        s.keys(keys);
        draws_at_tiny_sizes(&mut s, name);
    }
}
