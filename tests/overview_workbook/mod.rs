//! The small workbook the Overview's tests know by heart: the screen harness's seven partners,
//! the technology template's roles with a few holders, scores that put partners in four fit
//! buckets and one gated out, four risks (one closed), one complete checklist, check-ins due
//! and overdue, and three KPIs. Every figure the Overview shows is listed in `EXPECTED`-style
//! assertions in the tests that use it.
#![allow(dead_code)]

use jiff::ToSpan;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft, RiskStatus};
use partnerplan::plan::roles::AssignmentKind;
use partnerplan::plan::selection::Assessment;
use partnerplan::tui::settings::Settings;
use partnerplan::workbook::Workbook;
use tempfile::TempDir;

use crate::screen_harness::{id_of, workbook_with_partners};

pub const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 23);

/// Who holds what in the technology template's roles: (partner, role, kind).
pub const ASSIGNMENTS: &[(&str, &str, AssignmentKind)] = &[
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

/// Likelihood and impact.
type Scores = (i64, i64);

/// (title, inherent, residual, status): current scores 16, 12, 8 open; 25 closed.
pub const RISKS: &[(&str, Scores, Option<Scores>, RiskStatus)] = &[
    (
        "Single cloud provider hosts every region",
        (4, 5),
        Some((2, 4)),
        RiskStatus::Mitigating,
    ),
    (
        "No partner signed for security assessment",
        (4, 4),
        None,
        RiskStatus::Open,
    ),
    (
        "Sensor kits held up by export rules",
        (3, 5),
        Some((3, 4)),
        RiskStatus::Open,
    ),
    (
        "Fintech partner's licence under review",
        (5, 5),
        Some((5, 5)),
        RiskStatus::Closed,
    ),
];

pub fn settings() -> Settings {
    Settings {
        today: Some(TODAY),
        ..Settings::default()
    }
}

fn rating((l, i): (i64, i64)) -> (Option<Likelihood>, Option<Impact>) {
    (Likelihood::from_value(l), Impact::from_value(i))
}

/// Scores `partner` `score` on every weighted criterion (gates passed), or only the first
/// `only` of them.
fn score(wb: &mut Workbook, partner: &str, score: u8, only: Option<usize>) {
    let partner = id_of(wb, "partners", partner);
    let criteria = wb.criteria().unwrap();
    let weighted = criteria.iter().filter(|c| !c.criterion.is_gate);
    for c in weighted.take(only.unwrap_or(usize::MAX)) {
        let assessment = Assessment::Score(score);
        wb.set_score(partner, c.criterion.id, assessment, "", None)
            .unwrap();
    }
}

pub fn small_workbook(dir: &TempDir) -> Workbook {
    let mut wb = workbook_with_partners(dir, false);
    wb.apply_sector_template("technology").unwrap();
    for (partner, role, kind) in ASSIGNMENTS {
        let (partner, role) = (id_of(&wb, "partners", partner), id_of(&wb, "roles", role));
        wb.set_assignment(partner, role, Some(*kind)).unwrap();
    }
    // Fit: Brightpath 100 (80–100), Northwind 75 (60–79), Cobalt 25 on one criterion (20–39),
    // Helix gated out; the other three not scored.
    score(&mut wb, "Brightpath Analytics", 5, None);
    score(&mut wb, "Northwind Logistics", 4, None);
    score(&mut wb, "Cobalt Systems Integration", 2, Some(1));
    let gate = wb
        .criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.is_gate)
        .unwrap()
        .criterion
        .id;
    let helix = id_of(&wb, "partners", "Helix Cloud");
    wb.set_score(helix, gate, Assessment::Gate(false), "", None)
        .unwrap();
    for (title, inherent, residual, status) in RISKS {
        let (inherent_likelihood, inherent_impact) = rating(*inherent);
        let (residual_likelihood, residual_impact) = residual.map_or((None, None), rating);
        let draft = RiskDraft {
            title: (*title).into(),
            inherent_likelihood,
            inherent_impact,
            residual_likelihood,
            residual_impact,
            status: *status,
            ..Default::default()
        };
        let above = residual.is_some_and(|(l, i)| l * i > inherent.0 * inherent.1);
        wb.add_risk(&draft, &Bands::default(), above, None).unwrap();
    }
    // Northwind (active) has finished its checklist.
    let northwind = id_of(&wb, "partners", "Northwind Logistics");
    for item in wb.onboarding_items().unwrap() {
        wb.set_checklist_item(northwind, item.id, ItemStatus::Done, TODAY, "")
            .unwrap();
    }
    // Check-ins: Northwind (every 14 days) 20 days ago: overdue; Helix (every 30 by default)
    // 25 days ago: due in 5 days; Tokyo yesterday: not due.
    for (partner, days_ago) in [
        ("Northwind Logistics", 20),
        ("Helix Cloud", 25),
        ("東京 Robotics 🚀", 1),
    ] {
        let id = id_of(&wb, "partners", partner);
        let held = TODAY.checked_sub(days_ago.days()).unwrap();
        wb.add_checkin(id, held, "Quarterly review").unwrap();
    }
    add_kpis(&wb);
    wb
}

/// Three KPIs written straight into their tables (the Metrics tab's own writes come later):
/// one achieved, one off track (target date passed), one without measurements.
fn add_kpis(wb: &Workbook) {
    let conn = wb.connection();
    let kpis = [
        (
            "Partner-sourced revenue",
            100.0,
            Some("2027-06-30"),
            Some(120.0),
        ),
        ("Joint launches", 4.0, Some("2026-10-01"), Some(1.0)),
        ("Partner satisfaction", 8.0, None, None),
    ];
    for (n, (name, target, date, measured)) in kpis.into_iter().enumerate() {
        conn.execute(
            "INSERT INTO kpis (uuid, name, baseline, target, target_date, created_at, updated_at) \
             VALUES (?1, ?2, 0, ?3, ?4, '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z')",
            rusqlite::params![format!("kpi-{n}"), name, target, date],
        )
        .unwrap();
        let kpi = conn.last_insert_rowid();
        if let Some(value) = measured {
            conn.execute(
                "INSERT INTO kpi_measurements (uuid, kpi_id, measured_on, value, created_at, \
                 updated_at) VALUES (?1, ?2, '2026-11-01', ?3, '2026-11-01T09:00:00.000Z', \
                 '2026-11-01T09:00:00.000Z')",
                rusqlite::params![format!("m-{n}"), kpi, value],
            )
            .unwrap();
        }
    }
}
