//! `partnerplan diff`'s engine on the demo plan: a copy edited as a planner would (a stage move,
//! a score, a coverage change, a heat-map move, a KPI measurement, the vision, a partner and a
//! risk added and removed), compared with the original — and the same through a TOML export.

use jiff::civil::date;
use partnerplan::exchange::diff::{DiffSettings, compare, render_markdown, render_text};
use partnerplan::exchange::plan_file::PlanFile;
use partnerplan::plan::changes::{Area, ChangeReport};
use partnerplan::plan::money::Currency;
use partnerplan::plan::risk::Bands;

const DEMO: &str = include_str!("../assets/demo.toml");

fn settings() -> DiffSettings {
    DiffSettings {
        bands: Bands::default(),
        currency: Currency::or_default("EUR"),
        // The day the demo's dates were written around.
        today: date(2026, 11, 24),
    }
}

fn demo() -> PlanFile {
    PlanFile::from_text(DEMO, std::path::Path::new("demo.toml")).unwrap()
}

/// The demo with one edit of each kind the change list words specially.
fn edited() -> PlanFile {
    let plan = demo();
    plan.workbook
        .connection()
        .execute_batch(
            "UPDATE partners SET stage = 'active' WHERE name = 'Cinder & Vale Robotics';
             UPDATE criterion_scores SET score = 1
              WHERE partner_id = (SELECT id FROM partners WHERE name = 'Nimbus Forge Cloud')
                AND criterion_id = (SELECT id FROM selection_criteria WHERE name = 'Capabilities');
             DELETE FROM role_assignments
              WHERE partner_id = (SELECT id FROM partners
                                  WHERE name = 'Copperleaf Systems Integration')
                AND role_id = (SELECT id FROM roles WHERE name = 'Implementation services');
             UPDATE role_assignments SET kind = 'lead'
              WHERE partner_id = (SELECT id FROM partners WHERE name = 'Auditrix Security');
             UPDATE risks SET residual_likelihood = 1 WHERE code = 'R-003';
             UPDATE risks SET status = 'closed' WHERE code = 'R-007';
             INSERT INTO kpi_measurements (uuid, kpi_id, measured_on, value, note, created_at,
                                           updated_at)
             SELECT '01900000-0000-7000-8000-000000000001', id, '2026-11-20', 1, '',
                    '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z'
               FROM kpis WHERE name = 'Partner-sourced revenue';
             UPDATE strategy SET vision = 'Plants that never stop unexpectedly.';
             INSERT INTO partners (uuid, name, stage, created_at, updated_at)
             VALUES ('01900000-0000-7000-8000-000000000002', 'Quillon Analytics', 'prospect',
                     '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
             DELETE FROM partners WHERE name = 'Edgewise Relay';
             INSERT INTO risks (uuid, number, code, title, residual_likelihood, residual_impact,
                                created_at, updated_at)
             VALUES ('01900000-0000-7000-8000-000000000003', 16, 'R-016',
                     'Analytics partner leaves', 3, 4, '2026-11-20T09:00:00Z',
                     '2026-11-20T09:00:00Z');
             UPDATE workbook_meta SET next_risk_number = 17;
             DELETE FROM risks WHERE code = 'R-010';",
        )
        .unwrap();
    plan
}

fn lines(report: &ChangeReport, area: Area) -> Vec<String> {
    report
        .sections
        .iter()
        .find(|s| s.area == area)
        .map(|s| s.lines.clone())
        .unwrap_or_default()
}

fn assert_has(report: &ChangeReport, area: Area, expected: &[&str]) {
    let got = lines(report, area);
    for line in expected {
        assert!(
            got.iter().any(|l| l == line),
            "{area:?} lacks {line:?}; it has:\n{}",
            got.join("\n")
        );
    }
}

#[test]
fn a_plan_compared_with_itself_or_its_own_export_has_no_differences() {
    let (a, b) = (demo(), demo());
    let report = compare(&a.workbook, &b.workbook, &settings()).unwrap();
    assert!(report.is_empty(), "{report:?}");
    assert_eq!(report.summary(), "No differences.");
    assert!(render_text(&report).contains("\nNo differences.\n"));
}

#[test]
fn stage_moves_and_partners_added_and_removed() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Partners,
        &[
            "Cinder & Vale Robotics: evaluating → active",
            "Quillon Analytics: added (prospect)",
            // Its check-in, checklist and scores go with it: said once, not line by line.
            "Edgewise Relay: removed with 1 check-in, 3 onboarding items and 6 scores",
        ],
    );
}

#[test]
fn a_fit_change_names_the_criterion_whose_score_moved_it() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Partners,
        &["Nimbus Forge Cloud: fit 82 → 52 (Capabilities 5 → 1)"],
    );
}

#[test]
fn a_criterion_reweighted_says_every_fit_is_worked_out_again_once() {
    let after = demo();
    after
        .workbook
        .connection()
        .execute(
            "UPDATE selection_criteria SET weight = weight + 1 WHERE name = 'Shared vision'",
            [],
        )
        .unwrap();
    let report = compare(&demo().workbook, &after.workbook, &settings()).unwrap();
    // Every scored partner's fit moves; the list says so once, not partner by partner.
    assert_eq!(report.sections.len(), 1, "{report:?}");
    let lines = lines(&report, Area::Selection);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("Shared vision: the fit of every partner scored on it"));
    assert!(lines[1].starts_with("Shared vision: weight: "), "{lines:?}");
}

#[test]
fn roles_that_gained_or_lost_coverage_and_their_status() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Roles,
        &[
            "Implementation services: lost backup Copperleaf Systems Integration",
            "Implementation services: status in place → at risk",
            "Security assessment: Auditrix Security candidate → lead",
            "Security assessment: status missing → at risk",
            // The removed partner's candidacy goes with it.
            "Content delivery and edge: lost candidate Edgewise Relay",
        ],
    );
}

#[test]
fn risks_opened_closed_removed_and_moved_on_the_heat_map() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Risks,
        &[
            "R-003 Gateway vulnerability exploited at a customer plant: residual heat-map cell \
             unlikely × severe (2×5) → rare × severe (1×5), band high → medium",
            "R-007 Resellers and direct sales chase the same accounts: closed (was mitigating)",
            "R-016 Analytics partner leaves: opened (residual possible × major (3×4), high)",
            "R-010 Competitor-collaborator learns our roadmap: removed with 1 mitigation and 2 \
             score history entries",
        ],
    );
    // The risk counter is bookkeeping, not a change the planner made.
    assert!(lines(&report, Area::Workbook).is_empty(), "{report:?}");
}

#[test]
fn a_new_measurement_and_the_kpi_status_it_changes() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Kpis,
        &[
            "Partner-sourced revenue: new measurement 1 on 2026-11-20",
            "Partner-sourced revenue: status at risk → off track",
        ],
    );
}

#[test]
fn a_strategy_change_names_its_section() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    assert_eq!(
        lines(&report, Area::Strategy),
        [
            "Vision changed: “Every machine in a mid-sized plant tells its operator befor…” → \
          “Plants that never stop unexpectedly.”"
        ]
    );
}

#[test]
fn the_same_plan_as_toml_gives_the_same_change_list() {
    let before = demo();
    let after = edited();
    let from_workbook = compare(&before.workbook, &after.workbook, &settings()).unwrap();
    let text = partnerplan::exchange::toml::export(&after.workbook).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("after.toml");
    std::fs::write(&file, text).unwrap();
    let after_toml = PlanFile::open(&file).unwrap();
    assert!(after_toml.from_text);
    let from_toml = compare(&before.workbook, &after_toml.workbook, &settings()).unwrap();
    assert_eq!(from_workbook.sections, from_toml.sections);
    assert!(from_workbook.len() >= 15, "{from_workbook:?}");
}

#[test]
fn text_and_markdown_show_every_area_and_line() {
    let report = compare(&demo().workbook, &edited().workbook, &settings()).unwrap();
    let text = render_text(&report);
    let markdown = render_markdown(&report);
    assert!(text.starts_with("Changes from "), "{text}");
    assert!(
        text.contains(&format!("\n{}\n", report.summary())),
        "{text}"
    );
    assert!(text.contains("\nPartners\n  Cinder & Vale Robotics: evaluating → active\n"));
    assert!(markdown.contains("\n## Roles\n\n"), "{markdown}");
    // Markdown's special characters in plan text are escaped, so a name never becomes markup.
    assert!(
        markdown.contains("\n- Cinder \\& Vale Robotics: evaluating → active\n"),
        "{markdown}"
    );
    // A reverse comparison tells the same story the other way round.
    let back = compare(&edited().workbook, &demo().workbook, &settings()).unwrap();
    assert_has(
        &back,
        Area::Partners,
        &[
            "Cinder & Vale Robotics: active → evaluating",
            "Quillon Analytics: removed",
        ],
    );
    assert_eq!(back.len(), report.len(), "{back:?}\n{report:?}");
}

#[test]
fn records_are_matched_by_uuid_and_timestamps_alone_are_no_change() {
    let before = demo();
    let after = demo();
    after
        .workbook
        .connection()
        .execute_batch(
            "UPDATE partners SET updated_at = '2027-01-01T00:00:00Z';
             UPDATE partners SET notes = 'Met at the fair.' WHERE name = 'Ferrule Devices';
             DELETE FROM checkins WHERE id = (SELECT min(id) FROM checkins);",
        )
        .unwrap();
    let tables = before.workbook.changed_records(&after.workbook).unwrap();
    let counts: Vec<(&str, usize, usize, usize)> = tables
        .iter()
        .map(|t| {
            let count = |f: fn(&partnerplan::workbook::RecordChange) -> bool| {
                t.changes.iter().filter(|c| f(c)).count()
            };
            (
                t.layout.table,
                count(|c| c.before.is_none()),
                count(|c| c.after.is_none()),
                count(|c| c.before.is_some() && c.after.is_some()),
            )
        })
        .collect();
    assert_eq!(counts, [("partners", 0, 0, 1), ("checkins", 0, 1, 0)]);
    let report = compare(&before.workbook, &after.workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Partners,
        &["Ferrule Devices: notes: (none) → “Met at the fair.”"],
    );
}

#[test]
fn a_key_used_for_different_partners_in_the_two_copies_is_still_told_apart() {
    // Each copy adds its own partner after they parted, so both get the same integer key; a
    // risk linked to "the new partner" on each side must still show the partner changed.
    let link = |name: &str, uuid: &str| {
        let plan = demo();
        plan.workbook
            .connection()
            .execute_batch(&format!(
                "INSERT INTO partners (uuid, name, created_at, updated_at)
                 VALUES ('{uuid}', '{name}', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z');
                 UPDATE risks SET partner_id = (SELECT id FROM partners WHERE uuid = '{uuid}')
                  WHERE code = 'R-001';"
            ))
            .unwrap();
        plan
    };
    let ours = link("Ours Ltd", "01900000-0000-7000-8000-00000000000a");
    let theirs = link("Theirs Ltd", "01900000-0000-7000-8000-00000000000b");
    let key = |plan: &PlanFile| -> i64 {
        plan.workbook
            .connection()
            .query_row(
                "SELECT partner_id FROM risks WHERE code = 'R-001'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        key(&ours),
        key(&theirs),
        "the case needs the same key on both sides"
    );
    let report = compare(&ours.workbook, &theirs.workbook, &settings()).unwrap();
    assert_has(
        &report,
        Area::Risks,
        &["R-001 Platform hosted by a single cloud provider: partner: Ours Ltd → Theirs Ltd"],
    );
    assert_has(
        &report,
        Area::Partners,
        &["Ours Ltd: removed", "Theirs Ltd: added (prospect)"],
    );
}
