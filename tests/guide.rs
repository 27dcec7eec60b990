//! The Guide in the workbook, on temporary files: a new workbook's step states, then data filled
//! in step by step through the workbook's own edits (SQL where no edit exists yet) moving states,
//! missing items and jump targets; "not applicable" with a reason; notes kept, reopened, undone.

mod support;

use std::path::PathBuf;

use jiff::civil::date;
use partnerplan::plan::ecosystem::LinkDraft;
use partnerplan::plan::framework::{Framework, Screen, shipped};
use partnerplan::plan::guide::{StepState, Target, jump_target};
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskStatus, Treatment,
};
use partnerplan::plan::roles::{AssignmentKind, RoleDraft};
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{GuideReport, OpenOptions, Workbook};
use support::draft as partner_draft;
use tempfile::TempDir;

use StepState::{Done, InProgress, NotApplicable, NotStarted};

// The method's steps, by position.
const MISSION: usize = 0;
const MODEL: usize = 2;
const GOALS: usize = 3;
const ARCHITECTURE: usize = 4;
const SELECTION: usize = 5;
const RESOURCES: usize = 6;
const GOVERNANCE: usize = 7;
const ONBOARDING: usize = 8;
const METRICS: usize = 9;
const RISKS: usize = 10;
const FUTURE: usize = 11;

fn open_new(dir: &TempDir) -> (PathBuf, Workbook) {
    let path = dir.path().join("guide.partnerplan");
    Workbook::create(&path, Some("Guide plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    (path, wb)
}

fn framework() -> &'static Framework {
    shipped().unwrap()
}

fn report(wb: &Workbook) -> GuideReport {
    wb.guide(framework(), &Bands::default()).unwrap()
}

fn states(report: &GuideReport) -> Vec<StepState> {
    report.statuses.iter().map(|s| s.state).collect()
}

fn missing(report: &GuideReport, step: usize) -> Vec<String> {
    support::step_missing(report, step)
}

fn jump(report: &GuideReport, step: usize) -> Target {
    jump_target(&framework().steps[step], &report.statuses[step])
}

fn sql(wb: &Workbook, statement: &str) {
    wb.connection().execute_batch(statement).unwrap();
}

fn key(step: usize) -> &'static str {
    &framework().steps[step].key
}

fn risk(title: &str, likelihood: i64, impact: i64) -> RiskDraft {
    RiskDraft {
        title: title.into(),
        category: "operational".into(),
        inherent_likelihood: Some(Likelihood::from_value(likelihood).unwrap()),
        inherent_impact: Some(Impact::from_value(impact).unwrap()),
        ..Default::default()
    }
}

#[test]
fn a_new_workbook_starts_with_every_step_not_started() {
    let dir = TempDir::new().unwrap();
    let (_, wb) = open_new(&dir);
    let report = report(&wb);
    // New workbooks ship a checklist and criteria, but that is not the user's progress:
    // onboarding starts with an active partner, selection with a score.
    assert_eq!(states(&report), vec![NotStarted; 12]);
    assert_eq!(report.readiness, 0);
    assert_eq!(missing(&report, ONBOARDING), ["No partner is active yet"]);
    assert_eq!(
        missing(&report, SELECTION),
        ["No partner is scored against the selection criteria yet"]
    );
    assert_eq!(report.next_incomplete, Some(MISSION));
    assert!(report.progress.is_empty());
    assert_eq!(jump(&report, MISSION), Target::screen(Screen::Mission));
}

#[test]
fn filling_the_plan_moves_each_step_and_its_missing_items() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);

    // 1. Mission: the vision alone is progress; problem and value finish it.
    sql(
        &wb,
        "UPDATE strategy SET vision = 'A region of connected clinics'",
    );
    let r = report(&wb);
    assert_eq!(r.statuses[MISSION].state, InProgress);
    assert_eq!(r.statuses[MISSION].missing.len(), 2);
    sql(
        &wb,
        "UPDATE strategy SET mission_problem = 'Care is scattered', \
         mission_value = ' \n One record per patient '",
    );
    let r = report(&wb);
    assert_eq!(r.statuses[MISSION].state, Done);
    assert_eq!(r.next_incomplete, Some(1));

    // 3. Model: answers show progress; a model and a blank rationale do not finish it.
    sql(
        &wb,
        "UPDATE strategy SET decision_answers = '{\"innovation\": \"yes\", \"scale\": \"unsure\"}'",
    );
    assert_eq!(report(&wb).statuses[MODEL].state, InProgress);
    sql(
        &wb,
        "UPDATE strategy SET model = 'ecosystem', model_rationale = '  '",
    );
    assert_eq!(
        missing(&report(&wb), MODEL),
        ["The choice of model has no rationale"]
    );
    sql(
        &wb,
        "UPDATE strategy SET model_rationale = 'Partners build with each other'",
    );
    assert_eq!(report(&wb).statuses[MODEL].state, Done);

    // 5. Architecture: the first role is the hub; a template adds the specialised roles.
    let hub = RoleDraft {
        name: "Northwind Health".into(),
        min_partners: 1,
        ..Default::default()
    };
    wb.add_role(None, &hub).unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[ARCHITECTURE].state, InProgress);
    // The chosen model is an ecosystem, so partners must also work with each other.
    let together = "The chosen model is ecosystem, yet no two partners work together: add an \
                    active link between two partners, or a joint offering with two partner \
                    members, in the Ecosystem view of Roles";
    assert_eq!(
        missing(&r, ARCHITECTURE),
        [
            "No specialised role yet; a sector template can start the list",
            together
        ]
    );
    wb.apply_sector_template("technology").unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[ARCHITECTURE].state, InProgress);
    assert_eq!(missing(&r, ARCHITECTURE), [together]);
    let role_id = |wb: &Workbook, name: &str| -> i64 {
        wb.connection()
            .query_row("SELECT id FROM roles WHERE name = ?1", [name], |r| r.get(0))
            .unwrap()
    };
    let cloud = role_id(&wb, "Cloud infrastructure");
    assert_eq!(
        missing(&r, SELECTION),
        [
            "No partner is scored against the selection criteria yet",
            "4 critical roles have no scored candidate: Cloud infrastructure, \
             Embedded software components, Implementation services and 1 more"
        ]
    );
    assert_eq!(r.statuses[SELECTION].state, NotStarted);

    // 4 and 9. Two active partners, one with a benefit line; a prospect is not asked for one.
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    let mut birch = partner_draft("Birch");
    birch.gains = "Access to our clinics".into();
    birch.checkin_cadence_days = "14".into();
    let birch = wb.add_partner(&birch).unwrap();
    let mut prospect = partner_draft("Cobalt");
    prospect.stage = "prospect".into();
    wb.add_partner(&prospect).unwrap();
    // Acme and Birch work together: the architecture is done.
    let link = LinkDraft {
        from: acme,
        to: birch,
        status: "active".into(),
        ..LinkDraft::default()
    };
    wb.add_link(&link).unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[ARCHITECTURE].state, Done);
    assert_eq!(r.statuses[GOALS].state, InProgress, "Birch's benefit line");
    assert_eq!(
        missing(&r, GOALS),
        [
            "No goal is set yet",
            "The value proposition does not say what the ecosystem offers",
            "The value proposition does not say why it matters",
            "1 active partner has no benefit line: Acme"
        ]
    );
    assert_eq!(
        missing(&r, ONBOARDING),
        [
            "2 active partners have an unfinished onboarding checklist: Acme and Birch",
            // Birch has a cadence of its own: what both lack is a check-in for it to run from.
            "2 active partners have no check-in logged, so none is ever due: Acme and Birch"
        ]
    );
    assert_eq!(
        r.statuses[ONBOARDING].missing[0].target,
        Target {
            screen: Screen::Onboarding,
            record_id: Some(acme)
        }
    );
    sql(
        &wb,
        "INSERT INTO goals (uuid, title, created_at, updated_at) VALUES ('g1', 'Ten clinics', '', ''); \
         UPDATE strategy SET value_what = 'Shared records', value_why = 'Fewer repeated tests'",
    );
    let mut acme_draft = wb.partner(acme).unwrap().unwrap();
    acme_draft.gains = "Referrals".into();
    wb.update_partner(acme, &acme_draft).unwrap();
    assert_eq!(report(&wb).statuses[GOALS].state, Done);

    // 6. Selection: a scored candidate covers its role; an unscored one does not.
    let criterion = wb.criteria().unwrap()[0].criterion.id;
    wb.set_assignment(acme, cloud, Some(AssignmentKind::Candidate))
        .unwrap();
    wb.set_assignment(
        birch,
        role_id(&wb, "Security assessment"),
        Some(AssignmentKind::Lead),
    )
    .unwrap();
    wb.set_score(acme, criterion, Assessment::Score(4), "", None)
        .unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[SELECTION].state, InProgress);
    let embedded = role_id(&wb, "Embedded software components");
    assert_eq!(
        missing(&r, SELECTION),
        [
            "3 critical roles have no scored candidate: Embedded software components, \
          Implementation services and Security assessment"
        ]
    );
    assert_eq!(
        jump(&r, SELECTION),
        Target {
            screen: Screen::Roles,
            record_id: Some(embedded)
        }
    );

    // 9. Onboarding: Acme's checklist done (one item skipped) and a check-in logged.
    let items = wb.onboarding_items().unwrap();
    for (i, item) in items.iter().enumerate() {
        let status = if i == 0 {
            ItemStatus::Skipped
        } else {
            ItemStatus::Done
        };
        wb.set_checklist_item(acme, item.id, status, date(2026, 3, 2), "")
            .unwrap();
    }
    wb.add_checkin(acme, date(2026, 3, 3), "Kick-off").unwrap();
    let r = report(&wb);
    assert_eq!(
        missing(&r, ONBOARDING),
        [
            "1 active partner has an unfinished onboarding checklist: Birch",
            "1 active partner has no check-in logged, so none is ever due: Birch"
        ]
    );
    assert_eq!(r.statuses[ONBOARDING].state, InProgress);

    // 11. Risks: a high one lacks owner and mitigation; low, treated and closed ones are fine.
    let bands = Bands::default();
    let (_, leak) = wb
        .add_risk(&risk("Data leak", 4, 4), &bands, false, None)
        .unwrap();
    wb.add_risk(&risk("Late invoices", 1, 2), &bands, false, None)
        .unwrap();
    let mut treated = risk("Key supplier fails", 5, 4);
    treated.owner = "Kim".into();
    treated.mitigations = vec![(MitigationKind::ContingencyPlan, "Second supplier".into())];
    wb.add_risk(&treated, &bands, false, None).unwrap();
    // Rated down to low once treated; closed; accepted (owned, so only no mitigation is asked).
    let mut reduced = risk("Outage", 5, 5);
    reduced.treatment = Some(Treatment::Reduce);
    (reduced.residual_likelihood, reduced.residual_impact) = (
        Some(Likelihood::from_value(1).unwrap()),
        Some(Impact::from_value(2).unwrap()),
    );
    wb.add_risk(&reduced, &bands, false, None).unwrap();
    let mut closed = risk("Old contract", 5, 5);
    closed.status = RiskStatus::Closed;
    wb.add_risk(&closed, &bands, false, None).unwrap();
    let mut accepted = risk("Currency swings", 4, 3);
    accepted.status = RiskStatus::Accepted;
    accepted.owner = "Finance".into();
    accepted.note = "Too small to hedge".into();
    wb.add_risk(&accepted, &bands, false, None).unwrap();
    let r = report(&wb);
    assert_eq!(leak, "R-001");
    assert_eq!(
        missing(&r, RISKS),
        [
            "1 high risk has no owner: R-001 Data leak",
            "1 high risk has no mitigation: R-001 Data leak"
        ]
    );
    assert_eq!(r.statuses[RISKS].state, InProgress);
    assert_eq!(jump(&r, RISKS).screen, Screen::Risks);
    // Stricter bands make the late invoices (inherent 2) and the outage (residual 2) high too;
    // worst first.
    let strict = Bands {
        medium: 2,
        high: 2,
        critical: 3,
    };
    let facts = wb.guide_facts(&strict).unwrap();
    let names: Vec<&str> = facts
        .high_risks_without_owner
        .first()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["R-001 Data leak", "R-002 Late invoices", "R-004 Outage"]
    );

    // 7, 8, 10: resources, governance, protocols and KPIs have no edits yet.
    sql(
        &wb,
        "INSERT INTO resources (uuid, kind, name, created_at, updated_at) \
           VALUES ('r1', 'Technology', 'Shared API', '', '');",
    );
    assert_eq!(
        missing(&report(&wb), RESOURCES),
        ["No organisational resource is planned (a partner team, a budget)"]
    );
    sql(
        &wb,
        "INSERT INTO resources (uuid, kind, name, created_at, updated_at) \
           VALUES ('r2', 'budget', 'Partner fund', '', ''); \
         INSERT INTO governance_rules (uuid, topic, rule, created_at, updated_at) \
           VALUES ('d1', 'decision', 'The board decides', '', ''), \
                  ('d2', 'performance review', 'Quarterly review', '', '');",
    );
    let r = report(&wb);
    assert_eq!(r.statuses[RESOURCES].state, Done);
    assert_eq!(
        missing(&r, GOVERNANCE),
        [
            "No rule says how conflicts between partners are settled",
            "No data-sharing protocol yet"
        ]
    );
    // Step 12 (issue 23): the trends, not the note or a cadence, decide; a new workbook's
    // examples count for nothing.
    assert_eq!(
        missing(&r, FUTURE),
        [
            "The radar holds only examples: edit one to fit the plan (or add your own trend) and \
          give it an adaptability action and a review date"
        ]
    );
    assert_eq!(r.statuses[FUTURE].state, NotStarted);
    sql(
        &wb,
        "INSERT INTO governance_rules (uuid, topic, rule, cadence, created_at, updated_at) \
           VALUES ('d3', 'conflict resolution', 'Mediation first', '', '', ''), \
                  ('d4', 'meeting_cadence', 'Partner forum', 'quarterly', '', ''); \
         INSERT INTO data_protocols (uuid, data_item, created_at, updated_at) \
           VALUES ('p1', 'Referrals', '', ''); \
         INSERT INTO kpis (uuid, name, horizon, target, created_at, updated_at) \
           VALUES ('k1', 'Revenue growth', 'short', 10, '', ''), \
                  ('k2', 'Joint products', 'long', NULL, '', '');",
    );
    let r = report(&wb);
    assert_eq!(r.statuses[GOVERNANCE].state, Done);
    assert_eq!(missing(&r, METRICS), ["No long-term KPI has a target"]);
    let k2: i64 = wb
        .connection()
        .query_row("SELECT id FROM kpis WHERE uuid = 'k2'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        jump(&r, METRICS),
        Target {
            screen: Screen::Metrics,
            record_id: Some(k2)
        }
    );
    assert_eq!(
        missing(&r, FUTURE).len(),
        1,
        "still no trend of the plan's own"
    );
    assert_eq!(
        r.statuses[FUTURE].state, InProgress,
        "a review cadence is a start"
    );

    // Where it stands: mission, model, goals, architecture, resources, governance done (6);
    // core elements not started; selection, onboarding, metrics, risks in progress (4 halves):
    // 16 of 22 halves = 72 %.
    assert_eq!(
        states(&r),
        [
            Done, NotStarted, Done, Done, Done, InProgress, Done, Done, InProgress, InProgress,
            InProgress, InProgress
        ]
    );
    assert_eq!(r.readiness, 72);
    assert_eq!(r.next_incomplete, Some(1));
}

#[test]
fn not_applicable_needs_a_reason_and_can_be_taken_back() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let refused = wb
        .mark_step_not_applicable(key(ONBOARDING), " \n ")
        .unwrap_err()
        .to_string();
    assert!(refused.contains("write the reason"), "{refused}");
    assert!(!wb.can_undo(), "a refusal changes nothing");
    assert_eq!(report(&wb).statuses[ONBOARDING].state, NotStarted);
    // An active partner starts onboarding: half a step of readiness.
    wb.add_partner(&partner_draft("Acme")).unwrap();
    assert_eq!(report(&wb).statuses[ONBOARDING].state, InProgress);
    assert_eq!(report(&wb).readiness, 4);

    wb.mark_step_not_applicable(key(ONBOARDING), " We resell only ")
        .unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[ONBOARDING].state, NotApplicable);
    assert_eq!(
        r.statuses[ONBOARDING].reason.as_deref(),
        Some("We resell only")
    );
    assert_eq!(r.readiness, 0, "the half point of onboarding is left out");
    assert_eq!(
        wb.connection()
            .query_row(
                "SELECT manual_state FROM framework_progress WHERE step_key = ?1",
                [key(ONBOARDING)],
                |r| r.get::<_, String>(0)
            )
            .unwrap(),
        "not applicable"
    );

    wb.clear_step_not_applicable(key(ONBOARDING)).unwrap();
    let r = report(&wb);
    assert_eq!(r.statuses[ONBOARDING].state, InProgress);
    assert_eq!(r.statuses[ONBOARDING].reason, None);
    let undone = wb.undo().unwrap().unwrap().label;
    let title = &framework().steps[ONBOARDING].title;
    assert_eq!(undone, format!("mark \"{title}\" applicable again"));
    assert_eq!(report(&wb).statuses[ONBOARDING].state, NotApplicable);

    let unknown = wb.set_step_note("no-such-step", "x").unwrap_err();
    assert!(unknown.to_string().contains("no step called"), "{unknown}");
}

#[test]
fn notes_survive_reopening_and_undo_takes_them_back() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    wb.set_step_note(key(FUTURE), "AI agents; review yearly")
        .unwrap();
    wb.set_step_note(key(MISSION), "Ask the board").unwrap();
    wb.set_step_note(key(FUTURE), "AI agents; review twice a year")
        .unwrap();
    assert_eq!(report(&wb).statuses[FUTURE].state, InProgress);
    drop(wb);

    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let r = report(&wb);
    assert_eq!(
        r.progress[key(FUTURE)].note,
        "AI agents; review twice a year"
    );
    assert_eq!(r.progress[key(MISSION)].note, "Ask the board");
    let rows: i64 = wb
        .connection()
        .query_row("SELECT count(*) FROM framework_progress", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2, "one row per step, created on first write");

    let undone = wb.undo().unwrap().unwrap();
    assert!(undone.label.contains("note on"), "{}", undone.label);
    assert_eq!(
        wb.step_progress().unwrap()[key(FUTURE)].note,
        "AI agents; review yearly"
    );
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert!(
        wb.step_progress().unwrap().is_empty(),
        "the rows go with the first write"
    );
    assert_eq!(report(&wb).statuses[FUTURE].state, NotStarted);
    // Writing what is already stored is no edit.
    wb.redo().unwrap();
    let entries = |wb: &Workbook| -> i64 {
        wb.connection()
            .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
            .unwrap()
    };
    let before = entries(&wb);
    wb.set_step_note(key(FUTURE), " AI agents; review yearly ")
        .unwrap();
    assert_eq!(entries(&wb), before);
}
