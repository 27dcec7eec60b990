//! KPIs, measurements, live KPIs, investments and the value log in the workbook, on temporary
//! files: journaled edits that undo, the table's rows (latest value, status, sparkline), live
//! values on a known workbook, their history (one point per day, outside undo), goal status, ROI.

mod support;

use std::path::PathBuf;

use jiff::civil::{Date, date};
use partnerplan::plan::kpi::{Direction, Horizon, Kpi, KpiStatus};
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::plan::money::{Period, Roi, ValueKind};
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::risk::{Bands, Impact, Likelihood, RiskDraft, RiskStatus};
use partnerplan::plan::roles::{AssignmentKind, RoleDraft};
use partnerplan::plan::selection::Assessment;
use partnerplan::plan::strategy::GoalDraft;
use partnerplan::workbook::{InvestmentDraft, LiveContext, OpenOptions, ValueDraft, Workbook};
use support::draft as partner_draft;
use tempfile::TempDir;

const TODAY: Date = date(2026, 3, 1);

fn open_new(dir: &TempDir) -> (PathBuf, Workbook) {
    let path = dir.path().join("kpis.partnerplan");
    Workbook::create(&path, Some("KPI plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    (path, wb)
}

fn revenue() -> Kpi {
    Kpi {
        name: "Partner-sourced revenue".into(),
        category: "financial".into(),
        horizon: Horizon::Short,
        unit: "kEUR".into(),
        direction: Direction::Higher,
        baseline: None,
        target: Some(100.0),
        target_date: Some("2026-12-31".into()),
        owner: "Kim".into(),
        ..Kpi::default()
    }
}

fn live(source: LiveSource) -> Kpi {
    Kpi {
        name: source.name().into(),
        unit: source.unit().into(),
        direction: source.direction(),
        live_source: Some(source),
        ..Kpi::default()
    }
}

fn ctx(today: Date) -> LiveContext {
    LiveContext {
        today,
        bands: Bands::default(),
    }
}

fn journal_entries(wb: &Workbook) -> i64 {
    wb.connection()
        .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_kpi_is_added_edited_deleted_and_each_step_undoes() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    let id = wb.add_kpi(&revenue()).unwrap();
    let stored = wb.kpi(id).unwrap().unwrap();
    assert_eq!(stored.kpi, revenue());

    let mut changed = revenue();
    changed.direction = Direction::Lower;
    changed.baseline = Some(-3.5);
    changed.horizon = Horizon::Long;
    wb.update_kpi(id, &changed).unwrap();
    assert_eq!(wb.kpi(id).unwrap().unwrap().kpi, changed);
    wb.undo().unwrap();
    assert_eq!(wb.kpi(id).unwrap().unwrap().kpi, revenue());

    wb.add_measurement(id, date(2026, 1, 10), 20.0, "Q4 close")
        .unwrap();
    assert_eq!(wb.delete_kpi(id).unwrap(), "Partner-sourced revenue");
    assert!(wb.kpi(id).unwrap().is_none());
    assert_eq!(wb.measurement_count(id).unwrap(), 0);
    wb.undo().unwrap();
    assert_eq!(
        wb.measurement_count(id).unwrap(),
        1,
        "undo brings the log back"
    );
    drop(wb);

    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(
        wb.kpi(id).unwrap().unwrap().kpi.name,
        "Partner-sourced revenue"
    );
}

#[test]
fn measurements_are_logged_edited_deleted_and_rows_show_status_and_sparkline() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let id = wb.add_kpi(&revenue()).unwrap();
    let row = |wb: &Workbook| wb.kpi_rows(0, 10, 3, TODAY, None).unwrap().remove(0);
    assert_eq!(row(&wb).status, KpiStatus::NoData);
    assert!(row(&wb).recent.is_empty());

    wb.add_measurement(id, date(2026, 1, 1), 10.0, "").unwrap();
    let m = wb
        .add_measurement(id, date(2026, 2, 1), 5.0, "slow")
        .unwrap();
    wb.add_measurement(id, date(2026, 1, 15), 12.0, "").unwrap();
    wb.add_measurement(id, date(2025, 12, 1), 2.0, "").unwrap();
    // Sparkline: the latest three by date, oldest first.
    assert_eq!(row(&wb).recent, [10.0, 12.0, 5.0]);
    assert_eq!(row(&wb).latest.unwrap().value, 5.0);
    // The path from 2 (2025-12-01) to 100 (2026-12-31) expects ~18 on 2026-02-01: far behind.
    assert_eq!(row(&wb).status, KpiStatus::OffTrack);

    wb.update_measurement(m, date(2026, 2, 1), 40.0, "big deal")
        .unwrap();
    assert_eq!(row(&wb).status, KpiStatus::OnTrack);
    let log = wb.measurements(id, 0, 10).unwrap();
    assert_eq!(log[0].note, "big deal");
    assert_eq!(log.len(), 4);
    assert_eq!(wb.measurements(id, 1, 2).unwrap().len(), 2, "the log pages");

    wb.delete_measurement(m).unwrap();
    assert_eq!(row(&wb).latest.unwrap().value, 12.0);
    wb.undo().unwrap();
    assert_eq!(row(&wb).latest.unwrap().value, 40.0);
    wb.undo().unwrap();
    assert_eq!(row(&wb).latest.unwrap().value, 5.0);
}

#[test]
fn live_kpis_take_no_manual_measurements() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let id = wb.add_kpi(&live(LiveSource::ActivePartners)).unwrap();
    let err = wb.add_measurement(id, TODAY, 3.0, "").unwrap_err();
    assert!(format!("{err:#}").contains("live KPI"), "{err:#}");
}

/// Four partners (three active, one onboarding, one prospect), a hub and three roles (two
/// covered), risks of every band, a checklist done by one active partner, check-ins overdue for
/// one, and scores for two active partners.
fn known_workbook(wb: &mut Workbook) -> Vec<i64> {
    let mut ids = Vec::new();
    for (name, stage) in [
        ("Acme", "active"),
        ("Bolt", "active"),
        ("Core", "active"),
        ("Dyna", "onboarding"),
        ("Echo", "prospect"),
    ] {
        let mut d = partner_draft(name);
        d.stage = stage.into();
        ids.push(wb.add_partner(&d).unwrap());
    }
    let items: Vec<i64> = wb
        .onboarding_items()
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert!(!items.is_empty(), "a new workbook has a checklist template");
    for item in &items {
        wb.set_checklist_item(ids[0], *item, ItemStatus::Done, TODAY, "")
            .unwrap();
    }
    wb.set_checklist_item(ids[1], items[0], ItemStatus::Done, TODAY, "")
        .unwrap();

    let role = |name: &str| RoleDraft {
        name: name.into(),
        min_partners: 1,
        ..RoleDraft::default()
    };
    wb.add_role(None, &role("Hub")).unwrap();
    let cloud = wb.add_role(None, &role("Cloud")).unwrap();
    let sales = wb.add_role(None, &role("Sales")).unwrap();
    wb.add_role(None, &role("Support")).unwrap();
    wb.set_assignment(ids[0], cloud, Some(AssignmentKind::Lead))
        .unwrap();
    wb.set_assignment(ids[1], sales, Some(AssignmentKind::Backup))
        .unwrap();
    wb.set_assignment(ids[2], sales, Some(AssignmentKind::Candidate))
        .unwrap();

    let risk = |title: &str, l: i64, i: i64, status: RiskStatus| RiskDraft {
        title: title.into(),
        inherent_likelihood: Likelihood::from_value(l),
        inherent_impact: Impact::from_value(i),
        status,
        ..RiskDraft::default()
    };
    let bands = Bands::default();
    for draft in [
        risk("Critical open", 5, 5, RiskStatus::Open),
        risk("High mitigating", 3, 4, RiskStatus::Mitigating),
        risk("High closed", 4, 4, RiskStatus::Closed),
        risk("Low open", 1, 2, RiskStatus::Open),
    ] {
        wb.add_risk(&draft, &bands, false, None).unwrap();
    }

    // Default cadence 30 days: Acme's check-in of 2026-01-01 is overdue on 2026-03-01.
    wb.add_checkin(ids[0], date(2026, 1, 1), "kick-off")
        .unwrap();
    wb.add_checkin(ids[1], date(2026, 2, 20), "review").unwrap();

    let criteria = wb.criteria().unwrap();
    for c in criteria.iter().map(|c| &c.criterion).filter(|c| !c.is_gate) {
        wb.set_score(ids[0], c.id, Assessment::Score(5), "", None)
            .unwrap();
        wb.set_score(ids[1], c.id, Assessment::Score(3), "", None)
            .unwrap();
    }
    ids
}

#[test]
fn live_values_on_a_known_workbook() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let ids = known_workbook(&mut wb);
    let facts = wb.live_facts(&ctx(TODAY)).unwrap();
    let fits: Vec<f64> = ids[..2]
        .iter()
        .map(|id| wb.partner_fit(*id).unwrap().score.unwrap())
        .collect();
    let value = |s: LiveSource| s.value(&facts);
    assert_eq!(value(LiveSource::ActivePartners), Some(3.0));
    // Acme of the four onboarding or active partners has everything done.
    assert_eq!(value(LiveSource::OnboardedShare), Some(25.0));
    // Cloud (lead) and Sales (backup) of three roles are in place; a candidate does not cover.
    // A whole percentage rounded down, as the Roles tab and the Overview show it.
    assert_eq!(value(LiveSource::RoleCoverage), Some(66.0));
    // Critical open and high mitigating; the closed and the low one do not count.
    assert_eq!(value(LiveSource::OpenHighRisks), Some(2.0));
    // Stored with one decimal, not 72.72727272727273.
    let average = value(LiveSource::AverageFitActive).unwrap();
    assert_eq!(average, ((fits[0] + fits[1]) / 2.0 * 10.0).round() / 10.0);
    assert_eq!(average, (average * 10.0).round() / 10.0);
    assert_eq!(value(LiveSource::OverdueCheckIns), Some(1.0));
}

fn history(wb: &Workbook, kpi: i64) -> Vec<(Date, f64)> {
    let mut points: Vec<_> = wb
        .measurements(kpi, 0, 100)
        .unwrap()
        .iter()
        .map(|m| (m.on, m.value))
        .collect();
    points.reverse();
    points
}

#[test]
fn live_history_keeps_one_point_per_day_and_stays_out_of_undo() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let active = wb.add_kpi(&live(LiveSource::ActivePartners)).unwrap();
    let record = |wb: &mut Workbook, day: Date| {
        let facts = wb.live_facts(&ctx(day)).unwrap();
        wb.record_live_history(&ctx(day), &facts).unwrap()
    };
    assert_eq!(record(&mut wb, TODAY), 1);
    assert_eq!(record(&mut wb, TODAY), 0, "the same value adds nothing");
    wb.add_partner(&partner_draft("Acme")).unwrap();
    wb.add_partner(&partner_draft("Bolt")).unwrap();
    assert_eq!(record(&mut wb, TODAY), 1);
    assert_eq!(
        history(&wb, active),
        [(TODAY, 2.0)],
        "today's point changed"
    );
    let tomorrow = TODAY.tomorrow().unwrap();
    wb.add_partner(&partner_draft("Core")).unwrap();
    record(&mut wb, tomorrow);
    assert_eq!(history(&wb, active), [(TODAY, 2.0), (tomorrow, 3.0)]);

    // The table shows the value now even before it is recorded.
    wb.add_partner(&partner_draft("Dyna")).unwrap();
    let facts = wb.live_facts(&ctx(tomorrow)).unwrap();
    let row = wb
        .kpi_rows(0, 10, 8, tomorrow, Some(&facts))
        .unwrap()
        .remove(0);
    assert_eq!(row.latest.unwrap().value, 4.0);
    assert_eq!(row.recent, [2.0, 4.0]);

    // Recording writes no journal entry and keeps redo.
    let entries = journal_entries(&wb);
    wb.undo().unwrap();
    assert!(wb.can_redo());
    assert_eq!(
        record(&mut wb, tomorrow),
        0,
        "3 partners again: tomorrow's point holds 3"
    );
    wb.redo().unwrap();
    assert_eq!(record(&mut wb, tomorrow), 1);
    assert_eq!(journal_entries(&wb), entries);
    assert!(!wb.can_redo() && wb.can_undo());
    // Undo goes back through the partners, never through history points.
    assert_eq!(wb.undo().unwrap().unwrap().label, "add partner Dyna");
}

#[test]
fn deleting_a_live_kpi_takes_its_history_and_undo_brings_it_back() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let id = wb.add_kpi(&live(LiveSource::ActivePartners)).unwrap();
    let facts = wb.live_facts(&ctx(TODAY)).unwrap();
    wb.record_live_history(&ctx(TODAY), &facts).unwrap();
    wb.delete_kpi(id).unwrap();
    assert_eq!(wb.measurement_count(id).unwrap(), 0);
    wb.undo().unwrap();
    assert_eq!(history(&wb, id), [(TODAY, 0.0)]);
}

#[test]
fn a_read_only_workbook_records_no_history() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = open_new(&dir);
    let id = wb.add_kpi(&live(LiveSource::ActivePartners)).unwrap();
    drop(wb);
    let options = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let mut wb = Workbook::open(&path, options).unwrap();
    let facts = wb.live_facts(&ctx(TODAY)).unwrap();
    assert_eq!(wb.record_live_history(&ctx(TODAY), &facts).unwrap(), 0);
    assert_eq!(wb.measurement_count(id).unwrap(), 0);
}

#[test]
fn goals_show_the_status_of_their_kpis() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let goal = |title: &str| GoalDraft {
        title: title.into(),
        horizon: Default::default(),
        description: String::new(),
        target_date: None,
        status: Default::default(),
    };
    let grow = wb.add_goal(&goal("Grow")).unwrap();
    let lonely = wb.add_goal(&goal("Nothing measured")).unwrap();
    let on_goal = |name: &str| Kpi {
        name: name.into(),
        goal_id: Some(grow),
        baseline: Some(0.0),
        target: Some(10.0),
        ..Kpi::default()
    };
    let done = wb.add_kpi(&on_goal("Done")).unwrap();
    wb.add_measurement(done, date(2026, 2, 1), 12.0, "")
        .unwrap();
    let behind = wb.add_kpi(&on_goal("Behind")).unwrap();
    wb.add_measurement(behind, date(2026, 2, 1), -5.0, "")
        .unwrap();
    wb.add_kpi(&on_goal("Unmeasured")).unwrap();
    wb.add_kpi(&revenue()).unwrap();

    let by_goal = wb.kpi_status_by_goal(TODAY).unwrap();
    assert!(!by_goal.contains_key(&lonely));
    let grow_status = &by_goal[&grow];
    assert_eq!(grow_status.total(), 3);
    assert_eq!(grow_status.count(KpiStatus::Achieved), 1);
    assert_eq!(grow_status.count(KpiStatus::OffTrack), 1);
    assert_eq!(grow_status.count(KpiStatus::NoData), 1);
    assert_eq!(grow_status.worst(), Some(KpiStatus::OffTrack));
    assert_eq!(
        grow_status.summary(),
        "3 KPIs: 1 off track, 1 no data, 1 achieved"
    );
}

fn spent(on: Date, item: &str, amount_minor: i64, partner_id: Option<i64>) -> InvestmentDraft {
    InvestmentDraft {
        spent_on: on,
        item: item.into(),
        amount_minor,
        category: "enablement".into(),
        partner_id,
    }
}

fn value(on: Date, kind: ValueKind, amount: Option<i64>, partner_id: Option<i64>) -> ValueDraft {
    ValueDraft {
        logged_on: on,
        partner_id,
        kind,
        description: format!("{} gained", kind.word()),
        amount_minor: amount,
        margin_minor: None,
    }
}

#[test]
fn roi_overall_and_per_partner_over_a_period_with_intangibles_apart() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    let bolt = wb.add_partner(&partner_draft("Bolt")).unwrap();
    // Nothing invested: n/a, never a division error.
    wb.save_value_entry(
        None,
        &value(TODAY, ValueKind::Revenue, Some(5_000), Some(acme)),
    )
    .unwrap();
    let summary = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(summary.overall.roi, Roi::NotApplicable);
    assert_eq!(summary.overall.roi.to_string(), "n/a");

    wb.save_investment(
        None,
        &spent(date(2026, 1, 5), "Training", 10_000, Some(acme)),
    )
    .unwrap();
    wb.save_investment(
        None,
        &spent(date(2026, 2, 5), "Co-marketing", 20_000, Some(bolt)),
    )
    .unwrap();
    wb.save_investment(None, &spent(date(2025, 6, 1), "Old spend", 99_000, None))
        .unwrap();
    wb.save_value_entry(
        None,
        &value(TODAY, ValueKind::CostSaving, Some(10_000), Some(bolt)),
    )
    .unwrap();
    wb.save_value_entry(
        None,
        &value(TODAY, ValueKind::Innovation, Some(1_000_000), Some(bolt)),
    )
    .unwrap();
    wb.save_value_entry(None, &value(TODAY, ValueKind::Revenue, None, None))
        .unwrap();

    let period = Period {
        from: Some(date(2026, 1, 1)),
        to: Some(date(2026, 12, 31)),
    };
    let summary = wb.roi_summary(period).unwrap();
    assert_eq!(summary.overall.invested_minor, 30_000);
    assert_eq!(summary.overall.returns_minor, 15_000);
    assert_eq!(summary.overall.roi.to_string(), "-50.0%");
    assert_eq!(
        summary.intangible, 2,
        "innovation, and revenue without an amount"
    );
    let by_name: Vec<(String, String, usize)> = summary
        .partners
        .iter()
        .map(|p| (p.partner.clone(), p.report.roi.to_string(), p.intangible))
        .collect();
    assert_eq!(
        by_name,
        [
            ("Bolt".to_string(), "-50.0%".to_string(), 1),
            ("Acme".to_string(), "-50.0%".to_string(), 0),
            ("(no partner)".to_string(), "n/a".to_string(), 1),
        ]
    );
    // All time takes the old spend in.
    let all = wb.roi_summary(Period::default()).unwrap();
    assert_eq!(all.overall.invested_minor, 129_000);
}

#[test]
fn investments_and_value_entries_are_edited_deleted_and_undone() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    let i = wb
        .save_investment(None, &spent(TODAY, "Portal", 125_050, Some(acme)))
        .unwrap();
    let record = wb.investment(i).unwrap().unwrap();
    assert_eq!(
        (record.draft.amount_minor, record.partner.as_str()),
        (125_050, "Acme")
    );
    wb.save_investment(Some(i), &spent(TODAY, "Portal v2", 1, None))
        .unwrap();
    assert_eq!(wb.investments(0, 10).unwrap()[0].draft.item, "Portal v2");
    wb.undo().unwrap();
    assert_eq!(wb.investments(0, 10).unwrap()[0].draft.item, "Portal");
    assert_eq!(wb.delete_investment(i).unwrap(), "Portal");
    assert_eq!(wb.investment_count().unwrap(), 0);
    wb.undo().unwrap();
    assert_eq!(wb.investment_count().unwrap(), 1);

    let v = wb
        .save_value_entry(
            None,
            &value(TODAY, ValueKind::MarketReach, None, Some(acme)),
        )
        .unwrap();
    assert_eq!(
        wb.value_entries(0, 10).unwrap()[0].draft.kind,
        ValueKind::MarketReach
    );
    let blank = ValueDraft {
        description: " ".into(),
        ..value(TODAY, ValueKind::Revenue, None, None)
    };
    let err = wb.save_value_entry(Some(v), &blank).unwrap_err();
    assert!(format!("{err}").contains("needs a description"));
    wb.delete_value_entry(v).unwrap();
    assert_eq!(wb.value_count().unwrap(), 0);
    // Deleting the partner keeps the money, unlinked.
    wb.delete_partner(acme).unwrap();
    assert_eq!(wb.investments(0, 10).unwrap()[0].draft.partner_id, None);
}

/// One definition of "overdue check-ins" (`plan::figures::OVERDUE_CHECKINS`): the roster's
/// header, the Overview, the live KPI and the suggested risks count the same partners — paused
/// and exited partners with an old check-in are not overdue (they were counted on the roster and
/// the Overview but not by the suggestions).
#[test]
fn overdue_check_ins_are_counted_alike_everywhere() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let mut ids = Vec::new();
    for (name, stage) in [
        ("Acme", "active"),
        ("Bolt", "paused"),
        ("Core", "exited"),
        ("Dyna", "active"),
        ("Echo", "onboarding"),
    ] {
        let mut d = partner_draft(name);
        d.stage = stage.into();
        let id = wb.add_partner(&d).unwrap();
        ids.push(id);
    }
    // Default cadence 30 days: all but Dyna are a month late on TODAY; Dyna is on time.
    for id in ids[..3].iter().chain(&ids[4..]) {
        wb.add_checkin(*id, date(2026, 1, 1), "kick-off").unwrap();
    }
    wb.add_checkin(ids[3], date(2026, 2, 20), "review").unwrap();
    let cadence = 30;
    wb.use_default_cadence(cadence).unwrap();
    let today = TODAY.to_string();

    let roster = wb.roster_counts(cadence, &today).unwrap().overdue_checkins;
    let live = wb.live_facts(&ctx(TODAY)).unwrap().overdue_check_ins;
    let overview = wb
        .overview(&partnerplan::workbook::OverviewQuery {
            today: TODAY,
            default_cadence_days: cadence,
            bands: Bands::default(),
        })
        .unwrap()
        .checkins_overdue;
    let suggested: Vec<_> = wb
        .risk_suggestions(&today, cadence)
        .unwrap()
        .into_iter()
        .filter(|s| s.key.starts_with("checkins-overdue"))
        .map(|s| s.partner_id)
        .collect();
    assert_eq!(roster, 2, "Acme (active) and Echo (onboarding), late");
    assert_eq!(overview, roster);
    assert_eq!(live as i64, roster);
    assert_eq!(suggested, [Some(ids[0]), Some(ids[4])]);
    // The partner's own due date agrees: Bolt (paused) is not overdue.
    assert!(wb.checkin_due(ids[0], cadence, TODAY).unwrap().overdue);
    assert!(!wb.checkin_due(ids[1], cadence, TODAY).unwrap().overdue);

    // The roster counts from the next check-in kept in the file when the cadence asked for is
    // the one recorded there, and partner by partner otherwise: both agree with the Overview.
    let overview_at = |wb: &partnerplan::workbook::Workbook, cadence: i64| {
        wb.overview(&partnerplan::workbook::OverviewQuery {
            today: TODAY,
            default_cadence_days: cadence,
            bands: Bands::default(),
        })
        .unwrap()
        .checkins_overdue
    };
    for asked in [7, 45, 400] {
        let roster = wb.roster_counts(asked, &today).unwrap().overdue_checkins;
        assert_eq!(
            roster,
            overview_at(&wb, asked),
            "recorded 30, asked {asked}"
        );
        wb.use_default_cadence(asked).unwrap();
        let recorded = wb.roster_counts(asked, &today).unwrap().overdue_checkins;
        assert_eq!(recorded, roster, "recorded and asked {asked}");
    }
}

/// One definition of role coverage (`plan::figures::ROLE_COVERAGE`): the live KPI reads what the
/// Roles tab and the Overview show (45 % in place against 72.73 % "covered" before).
#[test]
fn the_live_role_coverage_is_the_share_in_place() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb) = open_new(&dir);
    let partner = wb.add_partner(&partner_draft("Acme")).unwrap();
    let role = |name: &str, min_partners: i64| RoleDraft {
        name: name.into(),
        min_partners,
        ..RoleDraft::default()
    };
    wb.add_role(None, &role("Hub", 1)).unwrap();
    // Held, but by fewer partners than it needs: covered, yet at risk, not in place.
    let needs_two = wb.add_role(None, &role("Resale", 2)).unwrap();
    let held = wb.add_role(None, &role("Cloud", 1)).unwrap();
    wb.add_role(None, &role("Support", 1)).unwrap();
    for role in [needs_two, held] {
        wb.set_assignment(partner, role, Some(AssignmentKind::Lead))
            .unwrap();
    }
    let facts = wb.live_facts(&ctx(TODAY)).unwrap();
    let shown = wb
        .overview(&partnerplan::workbook::OverviewQuery {
            today: TODAY,
            default_cadence_days: 30,
            bands: Bands::default(),
        })
        .unwrap()
        .coverage
        .percent_in_place()
        .map(f64::from);
    assert_eq!(shown, Some(33.0));
    assert_eq!(LiveSource::RoleCoverage.value(&facts), shown);
}
