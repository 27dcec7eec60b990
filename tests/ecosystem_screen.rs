//! Screen tests of the Ecosystem view (Roles tab, `n`): the network map with the selected
//! partner's links and the network's figures, partners walked with Tab, zoom, links added,
//! edited and deleted by key with undo, read-only refusals and tiny terminals; each drawn into
//! `TestBackend`, then the workbook's rows checked.

mod screen_harness;

use partnerplan::plan::ecosystem::LinkDraft;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::Workbook;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{
    Screen, assert_shows, draws_at_tiny_sizes, id_of, reopened_read_only, screen_with, shows,
    workbook_with_partners,
};
use tempfile::TempDir;

/// (from, to, kind, status): Helix Cloud in the middle, one planned link, one partner alone.
const LINKS: &[(&str, &str, &str, &str)] = &[
    (
        "Helix Cloud",
        "Brightpath Analytics",
        "integrates with",
        "active",
    ),
    ("Northwind Logistics", "Helix Cloud", "supplies", "active"),
    (
        "Helix Cloud",
        "Cobalt Systems Integration",
        "co-sells with",
        "active",
    ),
    (
        "Cobalt Systems Integration",
        "Northwind Logistics",
        "co-develops",
        "planned",
    ),
];

fn with_links(wb: &mut Workbook) {
    for (from, to, kind, status) in LINKS {
        let draft = LinkDraft {
            from: id_of(wb, "partners", from),
            to: id_of(wb, "partners", to),
            kind: (*kind).into(),
            status: (*status).into(),
            ..LinkDraft::default()
        };
        wb.add_link(&draft).unwrap();
    }
}

/// The app on the harness's partners and `LINKS`, on the Overview as it opens.
fn on_links(width: u16, height: u16, read_only: bool) -> Screen {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    with_links(&mut wb);
    if read_only {
        wb = reopened_read_only(wb);
    }
    screen_with(wb, dir, width, height, Theme::mono(), Vec::new())
}

/// The Roles tab's Ecosystem view on the harness's partners and `LINKS`.
fn ecosystem(width: u16, height: u16, read_only: bool) -> Screen {
    let mut s = on_links(width, height, read_only);
    s.keys("4n");
    s
}

/// The same, every network taken as large: read and worked out on threads (at a million
/// partners and three million links the reading takes 0.5 s and the figures 1.1 s).
fn large_ecosystem(width: u16, height: u16, read_only: bool) -> Screen {
    let mut s = on_links(width, height, read_only);
    s.app.set_large_network(0);
    s.keys("4n");
    s
}

fn links(s: &Screen) -> i64 {
    s.count("SELECT count(*) FROM partner_links")
}

#[test]
fn the_map_names_the_selected_partner_its_links_and_the_network_figures() {
    for (width, height) in [(80, 24), (160, 48)] {
        let s = ecosystem(width, height, false);
        let text = s.text();
        shows(&text, "Network map · all");
        // The most linked partner is selected first, marked without colour.
        shows(&text, "▶●T Helix Cloud");
        shows(&text, "Multilaterality");
        insta::assert_snapshot!(format!("map_{width}x{height}"), s.terminal.backend());
    }
    let s = ecosystem(160, 48, false);
    let text = s.text();
    shows(
        &text,
        "Helix Cloud ↔ Brightpath Analytics (integrates with)",
    );
    shows(&text, "3 active links among");
    shows(&text, "Broker: Helix Cloud");
    shows(&text, "with no partner link: they work with you alone");
    shows(&text, "◆ hub");
}

#[test]
fn tab_walks_the_partners_and_shift_tab_walks_back() {
    let mut s = ecosystem(160, 48, false);
    let first = s.text();
    s.key(KeyCode::Tab);
    assert_ne!(s.text(), first, "Tab selects another partner");
    s.key_with(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(s.text(), first, "Shift-Tab comes back");
    // Past the last partner, Tab comes round to the first.
    for _ in 0..20 {
        s.key(KeyCode::Tab);
    }
    assert_shows(&s, "Network map");
}

#[test]
fn zoom_and_pan_move_the_map_and_zero_fits_it_again() {
    let mut s = ecosystem(160, 48, false);
    let fitted = s.text();
    s.keys("+");
    assert_ne!(s.text(), fitted, "zooming in changes the map");
    assert_shows(&s, "▶●T Helix Cloud");
    let zoomed = s.text();
    s.keys("l");
    assert_ne!(s.text(), zoomed, "panning moves the map");
    s.keys("0");
    assert_eq!(s.text(), fitted);
}

#[test]
fn a_link_is_added_from_the_keyboard_and_undone() {
    let mut s = ecosystem(80, 24, false);
    assert_eq!(links(&s), 4);
    s.keys("a");
    assert_shows(&s, "Link Helix Cloud with");
    s.keys("Meridian");
    s.key(KeyCode::Enter);
    assert_shows(&s, "New link: Helix Cloud ↔ Meridian Resellers");
    insta::assert_snapshot!("link_form_80x24", s.terminal.backend());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(links(&s), 5);
    assert_shows(&s, "Added the link Helix Cloud ↔ Meridian Resellers");
    let kind: String = s
        .app
        .workbook()
        .connection()
        .query_row(
            "SELECT kind FROM partner_links ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "integrates with");
    s.keys("u");
    assert_eq!(links(&s), 4);
}

/// The link picker lists the current partners but the selected one, and searches the
/// workbook as typed (an owner's name finds their partners), as the roster's filter does: it
/// holds no list of every partner's name, which at a million partners took 83 ms to open.
#[test]
fn the_link_picker_searches_the_current_partners_but_the_selected_one() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    with_links(&mut wb);
    wb.connection()
        .execute(
            "UPDATE partners SET stage = 'exited' WHERE name = 'Meridian Resellers'",
            [],
        )
        .unwrap();
    let mut s = screen_with(wb, dir, 160, 48, Theme::mono(), Vec::new());
    s.keys("4n").keys("a");
    assert_shows(&s, "Link Helix Cloud with");
    let listed = |s: &Screen| -> Vec<String> {
        let text = s.text();
        [
            "Helix Cloud",
            "Meridian Resellers",
            "Brightpath Analytics",
            "Northwind Logistics",
        ]
        .iter()
        .filter(|name| {
            text.lines()
                .any(|l| l.contains(&format!("│› {name}")) || l.contains(&format!("│  {name}")))
        })
        .map(|name| name.to_string())
        .collect()
    };
    assert_eq!(listed(&s), ["Brightpath Analytics", "Northwind Logistics"]);
    // Dana Whitfield owns Northwind and Cobalt: no name holds the word.
    s.keys("whitfield");
    let text = s.text();
    shows(&text, "› Cobalt Systems Integration");
    shows(&text, "  Northwind Logistics");
    assert_eq!(listed(&s), ["Northwind Logistics"]);
    s.key(KeyCode::Enter);
    assert_shows(&s, "New link: Helix Cloud ↔ Cobalt Systems Integration");
}

#[test]
fn a_link_is_edited_and_deleted_after_a_yes_and_undo_brings_it_back() {
    let mut s = ecosystem(80, 24, false);
    s.keys("e");
    assert_shows(&s, "Edit which link of Helix Cloud?");
    s.key(KeyCode::Enter);
    // Kind is the first field: move to status (third) and type e for "ended".
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("e");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "Saved the link");
    // The idle step (no key waiting) works out the figures before the next key.
    s.settle();
    assert_eq!(
        s.count("SELECT count(*) FROM partner_links WHERE status <> 'active'"),
        2,
        "one more link is no longer active:\n{}",
        s.text()
    );
    s.keys("d");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Delete the link");
    insta::assert_snapshot!("delete_link_question_80x24", s.terminal.backend());
    s.keys("n");
    assert_eq!(links(&s), 4, "no deletes without a yes");
    s.keys("d");
    s.key(KeyCode::Enter);
    s.keys("y");
    assert_eq!(links(&s), 3);
    s.keys("u");
    assert_eq!(links(&s), 4);
}

#[test]
fn a_partner_without_links_says_how_to_add_one() {
    let mut s = ecosystem(160, 48, false);
    for _ in 0..10 {
        if s.text().contains("No link with another partner yet") {
            break;
        }
        s.key(KeyCode::Tab);
    }
    assert_shows(&s, "No link with another partner yet: a adds one.");
    s.keys("d");
    assert_shows(&s, "has no link to edit or delete; a adds one.");
}

#[test]
fn a_read_only_workbook_refuses_link_edits_with_the_way_out() {
    let mut s = ecosystem(80, 24, true);
    s.keys("a");
    assert_shows(&s, "Read-only: nothing can be changed");
    assert_eq!(links(&s), 4);
}

#[test]
fn the_palette_and_ctrl_w_open_the_view_from_any_tab() {
    let dir = TempDir::new().unwrap();
    let wb = workbook_with_partners(&dir, false);
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    s.key_with(KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_shows(&s, "Network map");
    s.key(KeyCode::Esc);
    assert_shows(&s, "Role");
    s.keys("3:");
    s.keys("ecosystem");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Network map");
}

#[test]
fn the_view_draws_at_tiny_sizes() {
    let mut s = ecosystem(80, 24, false);
    draws_at_tiny_sizes(&mut s, "ecosystem");
    insta::assert_snapshot!("map_after_tiny_80x24", s.terminal.backend());
    s.terminal.backend_mut().resize(20, 6);
    s.draw();
    insta::assert_snapshot!("map_20x6", s.terminal.backend());
}

#[test]
fn the_overview_panel_reads_the_figure_and_enter_opens_the_view() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    with_links(&mut wb);
    let mut s = screen_with(wb, dir, 160, 48, Theme::mono(), Vec::new());
    s.keys("7");
    let text = s.text();
    shows(&text, "Ecosystem ·");
    shows(&text, "multilateral");
    shows(&text, "offerings launched");
    shows(&text, "broker Helix Cloud");
    // The Ecosystem panel is the last: l walks there from the first.
    s.keys("glllllll");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Network map · all");
    assert_shows(&s, "▶●T Helix Cloud");
}

fn offerings(s: &Screen) -> i64 {
    s.count("SELECT count(*) FROM offerings")
}

fn members(s: &Screen) -> i64 {
    s.count("SELECT count(*) FROM offering_members")
}

/// Who may join an offering: the hub while it is not in, then the current partners who are not
/// in, searched for in the workbook as typed (an owner's name finds their partners).
#[test]
fn the_member_picker_searches_those_not_in_the_offering_yet() {
    let mut s = ecosystem(160, 48, false);
    s.keys("o").keys("a").keys("Edge analytics bundle");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.keys("m");
    assert_shows(&s, "› the hub");
    s.key(KeyCode::Enter).keys("Sensors");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.keys("m")
        .keys("Helix")
        .key(KeyCode::Enter)
        .keys("Hosting");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(members(&s), 2, "{}", s.text());
    s.keys("m");
    let text = s.text();
    assert_shows(&s, "Who joins Edge analytics bundle?");
    assert!(
        !text.contains("│› the hub") && !text.contains("│  the hub"),
        "{text}"
    );
    assert!(!text.contains("│  Helix Cloud"), "{text}");
    // Dana Whitfield owns Northwind and Cobalt: no name holds the word.
    s.keys("whitfield");
    let text = s.text();
    shows(&text, "› Cobalt Systems Integration");
    shows(&text, "  Northwind Logistics");
    s.key(KeyCode::Enter);
    assert_shows(&s, "Cobalt Systems Integration joins the offering");
}

#[test]
fn an_offering_and_its_members_are_added_from_the_keyboard_and_removed_after_a_yes() {
    let mut s = ecosystem(80, 24, false);
    s.keys("o");
    assert_shows(&s, "No joint offering yet: a adds one");
    s.keys("a");
    assert_shows(&s, "New joint offering");
    // Saving with no name is refused beside the field, and nothing is written.
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(offerings(&s), 0);
    s.keys("Edge analytics bundle");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(offerings(&s), 1, "{}", s.text());
    assert_shows(
        &s,
        "Added the offering Edge analytics bundle; m adds its members.",
    );
    // The hub joins first, then Helix Cloud with a critical contribution.
    s.keys("m");
    assert_shows(&s, "Who joins Edge analytics bundle?");
    s.keys("the hub");
    s.key(KeyCode::Enter);
    assert_shows(&s, "the hub joins the offering");
    s.keys("Sensors");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    s.keys("m").keys("Helix");
    s.key(KeyCode::Enter);
    s.keys("Hosting");
    // Contributes, kind, critical: to the checkbox and tick it.
    s.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .key(KeyCode::Char(' '));
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(members(&s), 2, "{}", s.text());
    assert_eq!(
        s.count("SELECT count(*) FROM offering_members WHERE critical AND partner_id IS NOT NULL"),
        1
    );
    assert_shows(&s, "Helix Cloud: Hosting");
    insta::assert_snapshot!("offerings_80x24", s.terminal.backend());
    // The selected row is the offering: down to its last member, delete after a yes.
    s.keys("G").keys("d");
    assert_shows(&s, "Remove Helix Cloud from Edge analytics bundle?");
    s.keys("y");
    assert_eq!(members(&s), 1);
    s.keys("u");
    assert_eq!(members(&s), 2);
    // Deleting the offering takes its members; undo brings both back.
    s.keys("g").keys("d");
    assert_shows(&s, "Delete the offering \"Edge analytics bundle\"");
    s.keys("y");
    assert_eq!((offerings(&s), members(&s)), (0, 0));
    s.keys("u");
    assert_eq!((offerings(&s), members(&s)), (1, 2));
    s.keys("o");
    assert_shows(&s, "Network map");
}

#[test]
fn the_offerings_and_their_matrix_at_both_sizes_and_tiny_ones() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    with_links(&mut wb);
    let draft = partnerplan::plan::ecosystem::OfferingDraft {
        name: "Cold-chain visibility".into(),
        segment: "food distributors".into(),
        status: "pilot".into(),
        ..Default::default()
    };
    let offering = wb.add_offering(&draft).unwrap();
    for (partner, contribution, critical) in [
        (None, "Portal and contracts", false),
        (Some("Helix Cloud"), "Hosting", true),
        (Some("Northwind Logistics"), "Sensors on the trucks", false),
    ] {
        let member = partnerplan::plan::ecosystem::MemberDraft {
            partner: partner.map(|name| id_of(&wb, "partners", name)),
            contribution: contribution.into(),
            kind: String::new(),
            critical,
        };
        wb.add_member(offering, &member).unwrap();
    }
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    s.keys("4no");
    for (width, height) in [(80, 24), (160, 48)] {
        s.terminal.backend_mut().resize(width, height);
        s.draw();
        assert_shows(&s, "Cold-chain visibility · pilot · for food distributors");
        assert_shows(&s, "Partner × offering");
        insta::assert_snapshot!(
            format!("offerings_{width}x{height}_matrix"),
            s.terminal.backend()
        );
    }
    // The matrix follows the list: a member's row is selected and its cell said in words.
    s.keys("jj");
    assert_shows(
        &s,
        "Helix Cloud brings Hosting, critical to Cold-chain visibility.",
    );
    assert_shows(&s, "›Helix Cloud");
    draws_at_tiny_sizes(&mut s, "offerings");
    assert_shows(&s, "Joint offerings");
    // The selected partner's offerings show beside the map.
    s.terminal.backend_mut().resize(160, 48);
    s.keys("o");
    assert_shows(&s, "Cold-chain visibility · pilot: brings Hosting");
}

#[test]
fn the_partner_matrix_links_a_pair_by_key_and_unlinks_it_after_a_yes() {
    let mut s = ecosystem(80, 24, false);
    s.keys("x");
    assert_shows(&s, "Links among the 7 partners on the map");
    // The first row is the first partner on the map; its own cell is the diagonal.
    s.keys("a");
    assert_shows(&s, "A partner is not linked with itself");
    assert_eq!(links(&s), 4);
    insta::assert_snapshot!("link_matrix_80x24", s.terminal.backend());
    // Walk right until a cell without a link, then link it.
    let mut moved = 0;
    while !s.text().contains("no link; Enter or a links them.") && moved < 7 {
        s.keys("l");
        moved += 1;
    }
    assert_shows(&s, "no link; Enter or a links them.");
    s.key(KeyCode::Enter);
    assert_shows(&s, "New link:");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(links(&s), 5, "{}", s.text());
    assert_shows(&s, "Links among the 7 partners on the map");
    assert_shows(&s, "· planned · strength 2");
    s.keys("d");
    assert_shows(&s, "Delete the link");
    s.keys("y");
    assert_eq!(links(&s), 4);
    s.keys("u");
    assert_eq!(links(&s), 5);
    draws_at_tiny_sizes(&mut s, "link matrix");
    s.keys("x");
    assert_shows(&s, "Network map");
}

/// The Ecosystem view's new offering "Edge bundle" on a plan with these goals and KPIs, its
/// goals' pick-list open.
fn goals_list_of_a_new_offering(goals: &[&str], kpis: &[&str]) -> Screen {
    use partnerplan::plan::kpi::Kpi;
    use partnerplan::plan::strategy::GoalDraft;
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    for title in goals {
        wb.add_goal(&GoalDraft {
            title: (*title).into(),
            ..GoalDraft::default()
        })
        .unwrap();
    }
    for name in kpis {
        wb.add_kpi(&Kpi {
            name: (*name).into(),
            category: "growth".into(),
            ..Kpi::default()
        })
        .unwrap();
    }
    let mut s = screen_with(wb, dir, 100, 30, Theme::mono(), Vec::new());
    s.keys("4n").keys("o").keys("a").keys("Edge bundle");
    // Name, problem, segment, status, owner, then the goals' field: Enter opens its list.
    for _ in 0..5 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter);
    assert_shows(&s, "Goals this offering serves");
    s
}

/// The offering form ticks several goals and several KPIs in pick-lists (Enter ticks or
/// unticks, Esc closes the list), shows them in its fields, and saves them as links; editing
/// unticks one; Backspace on a field unticks all.
#[test]
fn an_offering_form_ticks_several_goals_and_kpis_in_pick_lists() {
    let mut s = goals_list_of_a_new_offering(
        &[
            "Grow recurring revenue",
            "Launch joint solutions",
            "Enter Asia",
        ],
        &["Joint solutions launched", "Partner revenue"],
    );
    // The list's keys are spelled from the keymap when drawn, never left as placeholders.
    assert_shows(&s, "(Enter ticks or unticks");
    assert!(!s.text().contains('‹'), "{}", s.text());
    s.keys("joint");
    s.key(KeyCode::Enter);
    assert_shows(&s, "✓ Launch joint solutions");
    for _ in 0.."joint".len() {
        s.key(KeyCode::Backspace);
    }
    s.keys("asia");
    s.key(KeyCode::Enter).key(KeyCode::Esc);
    assert_shows(&s, "Launch joint solutions, Enter Asia");
    // The KPIs' field, both ticked.
    s.key(KeyCode::Tab).key(KeyCode::Enter);
    assert_shows(&s, "KPIs that measure this offering");
    s.key(KeyCode::Enter).key(KeyCode::Down).key(KeyCode::Enter);
    s.key(KeyCode::Esc);
    assert_shows(&s, "Joint solutions launched, Partner revenue");
    insta::assert_snapshot!("offering_form_goals_kpis_100x30", s.terminal.backend());
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(offerings(&s), 1, "{}", s.text());
    assert_eq!(s.count("SELECT count(*) FROM offering_goals"), 2);
    assert_eq!(s.count("SELECT count(*) FROM offering_kpis"), 2);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM offering_goals l JOIN goals g ON g.id = l.goal_id \
             WHERE g.title IN ('Launch joint solutions', 'Enter Asia')"
        ),
        2
    );
    // Edit: untick a goal in the list; Backspace on the KPIs' field unticks both.
    s.keys("e");
    for _ in 0..5 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter).keys("asia");
    s.key(KeyCode::Enter).key(KeyCode::Esc);
    s.key(KeyCode::Tab).key(KeyCode::Backspace);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        s.count("SELECT count(*) FROM offering_goals"),
        1,
        "{}",
        s.text()
    );
    assert_eq!(s.count("SELECT count(*) FROM offering_kpis"), 0);
    // One edit: undo brings both KPIs and the goal back.
    s.keys("u");
    assert_eq!(s.count("SELECT count(*) FROM offering_goals"), 2);
    assert_eq!(s.count("SELECT count(*) FROM offering_kpis"), 2);
}

/// With no goal or KPI in the plan, the field says where to add them instead of an empty list.
#[test]
fn an_offering_form_with_no_goals_says_where_to_add_them() {
    let mut s = ecosystem(100, 30, false);
    s.keys("o").keys("a");
    for _ in 0..5 {
        s.key(KeyCode::Tab);
    }
    s.key(KeyCode::Enter);
    assert_shows(&s, "No goal yet: add goals on the Strategy tab (2)");
    s.key(KeyCode::Tab).key(KeyCode::Enter);
    assert_shows(&s, "No KPI yet: add KPIs on the Metrics tab (6)");
}

/// Every link is drawn, not only the selected partner's: the planned link between Cobalt and
/// Northwind (neither selected) shows as dashes beside the active lines, and the legend under
/// the map says what each pattern means, without colour.
#[test]
fn every_link_is_drawn_with_a_legend_that_reads_without_colour() {
    let s = ecosystem(80, 24, false);
    assert_shows(&s, "── active  ╌╌ planned  ·· ended  a–z kind  ◆ hub");
    let text = s.text();
    let dashed = text.lines().filter(|l| l.contains("⠁ ⠈⠈⠈  ⠁⠉")).count();
    assert_eq!(dashed, 1, "the planned link's dashes:\n{text}");
}

/// The screen between the tab bar and the hint line: the map and the panel.
fn body(s: &Screen) -> String {
    let text = s.text();
    let lines: Vec<&str> = text.lines().collect();
    lines[2..lines.len() - 1].join("\n")
}

#[test]
fn a_link_s_figures_follow_in_the_idle_step_and_undo_brings_map_and_figures_back() {
    let mut s = ecosystem(160, 48, false);
    s.settle();
    let before = body(&s);
    shows(&before, "3 active links among 7 current partners");
    shows(&before, "3 partners with no partner link");
    assert!(!before.contains("updating"), "{before}");
    // An active link from Helix Cloud to Meridian Resellers, who worked with the hub alone.
    s.keys("a").keys("Meridian").key(KeyCode::Enter);
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("a");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(&s, "Added the link Helix Cloud ↔ Meridian Resellers");
    let edited = body(&s);
    // On the key: the link is on the map and counted; the figures wait, and say so.
    shows(&edited, "4 active links among 7 current partners");
    shows(&edited, "The network · updating…");
    shows(
        &edited,
        "Updating… these figures are from before the last change",
    );
    shows(&edited, "3 partners with no partner link");
    s.settle();
    let figured = body(&s);
    assert!(!figured.contains("pdating"), "{figured}");
    shows(&figured, "4 active links among 7 current partners");
    shows(&figured, "2 partners with no partner link");
    assert_ne!(figured, before);
    s.keys("u");
    assert_eq!(links(&s), 4);
    shows(&body(&s), "The network · updating…");
    s.settle();
    assert_eq!(
        body(&s),
        before,
        "undo brings back the same map and figures"
    );
}

#[test]
fn the_offering_matrix_scrolls_to_the_selected_offering_s_column_and_says_more_lie_aside() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    let helix = id_of(&wb, "partners", "Helix Cloud");
    for n in 1..=6 {
        let draft = partnerplan::plan::ecosystem::OfferingDraft {
            name: format!("Offering number {n}"),
            ..Default::default()
        };
        let offering = wb.add_offering(&draft).unwrap();
        let member = partnerplan::plan::ecosystem::MemberDraft {
            partner: (n % 2 == 0).then_some(helix),
            contribution: format!("Part {n}"),
            kind: String::new(),
            critical: n == 6,
        };
        wb.add_member(offering, &member).unwrap();
    }
    let mut s = screen_with(wb, dir, 80, 24, Theme::mono(), Vec::new());
    s.keys("4no");
    let header = |s: &Screen| screen_harness::line_with(&s.text(), "Member").to_string();
    assert!(header(&s).contains("1 Offering number 1"), "{}", header(&s));
    assert!(
        header(&s).contains('›'),
        "more columns aside: {}",
        header(&s)
    );
    assert!(!header(&s).contains('‹'), "{}", header(&s));
    s.keys("G");
    let last = header(&s);
    assert!(
        last.contains("6 Offering number 6") && last.contains('‹'),
        "{last}"
    );
    assert!(!last.contains("1 Offering number 1"), "{last}");
    assert_shows(
        &s,
        "Helix Cloud brings Part 6, critical to Offering number 6.",
    );
    insta::assert_snapshot!("offering_matrix_scrolled_80x24", s.terminal.backend());
}

/// A paste while the goals' pick-list is open over the offering form searches the list, as
/// typing does: the list is on top, so the paste does not go to the form beneath it.
#[test]
fn a_paste_searches_the_pick_list_open_over_the_offering_form() {
    use ratatui::crossterm::event::Event;
    let mut s = goals_list_of_a_new_offering(&["Grow recurring revenue", "Enter Asia"], &[]);
    s.app.handle_event(Event::Paste("asia".into()));
    s.draw();
    s.key(KeyCode::Enter).key(KeyCode::Esc);
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(offerings(&s), 1, "{}", s.text());
    assert_eq!(
        s.count(
            "SELECT count(*) FROM offering_goals l JOIN goals g ON g.id = l.goal_id \
             WHERE g.title = 'Enter Asia'"
        ),
        1,
        "{}",
        s.text()
    );
    assert_eq!(s.count("SELECT count(*) FROM offering_goals"), 1);
}

/// Adds the active link Helix Cloud ↔ Meridian Resellers by key, as a user does.
fn add_meridian_link(s: &mut Screen) {
    s.keys("a").keys("Meridian").key(KeyCode::Enter);
    s.key(KeyCode::Tab).key(KeyCode::Tab).keys("a");
    s.key_with(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_shows(s, "Added the link Helix Cloud ↔ Meridian Resellers");
}

#[test]
fn a_large_network_is_read_and_figured_on_threads_and_ends_as_read_in_place() {
    let mut in_place = ecosystem(160, 48, false);
    in_place.settle();
    let opened = body(&in_place);
    add_meridian_link(&mut in_place);
    in_place.settle();
    let linked = body(&in_place);

    let mut s = large_ecosystem(160, 48, false);
    let first = body(&s);
    shows(&first, "Network map · reading the network…");
    shows(&first, "The network · reading…");
    shows(&first, "the map and these figures follow in a moment");
    shows(
        &first,
        "The most linked partner is selected once the network is read",
    );
    for empty_plan in ["No current partners", "no current partners"] {
        assert!(!first.contains(empty_plan), "{first}");
    }
    // Keys work meanwhile, on no partner.
    s.key(KeyCode::Tab).keys("+-0");
    shows(&body(&s), "Network map · reading the network…");
    s.settle();
    assert_eq!(body(&s), opened, "read on a thread, shown as read in place");
    add_meridian_link(&mut s);
    let edited = body(&s);
    shows(&edited, "4 active links among 7 current partners");
    shows(&edited, "The network · updating…");
    s.settle();
    assert_eq!(body(&s), linked, "figured on a thread, as in place");
}

#[test]
fn the_view_reading_a_large_network_draws_at_tiny_sizes() {
    let mut s = large_ecosystem(100, 30, false);
    shows(&body(&s), "reading the network…");
    draws_at_tiny_sizes(&mut s, "the Ecosystem view while its network is read");
}

#[test]
fn a_large_network_of_a_read_only_workbook_is_read_in_the_idle_pass_instead() {
    let mut in_place = ecosystem(100, 30, true);
    in_place.settle();
    let want = body(&in_place);
    let mut s = large_ecosystem(100, 30, true);
    // No second connection reads a read-only file: the first idle pass reads it in place.
    shows(&body(&s), "Network map · reading the network…");
    s.settle();
    assert_eq!(body(&s), want);
}
