//! The Overview's figures read from the workbook: every count of a known small workbook, an
//! empty one, each number agreeing with the roster count of the list behind it, and coverage
//! agreeing with the Roles tab's rules on a generated catalogue.

mod overview_workbook;
mod screen_harness;

use partnerplan::plan::coverage::{CoverageSummary, overloaded_partners, role_coverage};
use partnerplan::plan::kpi::KpiStatus;
use partnerplan::plan::roles::{Criticality, Role, RoleStatus};
use partnerplan::workbook::{
    FIT_BUCKETS, Facets, OnboardingCounts, OpenOptions, Overview, OverviewQuery, PartnerPageQuery,
    Workbook, generate_roles, generate_workbook,
};
use tempfile::TempDir;

use overview_workbook::{TODAY, settings, small_workbook};

fn query() -> OverviewQuery {
    let settings = settings();
    OverviewQuery {
        today: TODAY,
        default_cadence_days: settings.checkin_cadence_days,
        bands: settings.bands,
    }
}

fn roster_count(wb: &Workbook, facets: Facets) -> i64 {
    let query = PartnerPageQuery {
        facets,
        ..PartnerPageQuery::default()
    };
    wb.partner_matches(&query).unwrap()
}

fn kpi(overview: &Overview, status: KpiStatus) -> i64 {
    overview
        .kpis
        .iter()
        .find(|(s, _)| *s == status)
        .map_or(-1, |(_, n)| *n)
}

#[test]
fn the_small_workbook_adds_up() {
    let dir = TempDir::new().unwrap();
    let wb = small_workbook(&dir);
    let o = wb.overview(&query()).unwrap();
    assert_eq!(o.partners, 7);
    let stages: Vec<(&str, i64)> = o.by_stage.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(
        stages,
        [
            ("prospect", 1),
            ("evaluating", 1),
            ("onboarding", 1),
            ("active", 3),
            ("paused", 1),
            ("exited", 0),
            ("declined", 0)
        ]
    );
    assert_eq!(o.by_type[0], ("technology".to_string(), 2));
    assert_eq!(o.by_type.iter().map(|(_, n)| n).sum::<i64>(), 7);
    assert_eq!(o.fit.buckets, [0, 1, 0, 1, 1]);
    assert_eq!((o.fit.unscored, o.fit.gated_out), (3, 1));

    let c = o.coverage;
    assert_eq!((c.roles, c.in_place, c.at_risk, c.missing), (10, 2, 2, 6));
    assert_eq!(c.percent_in_place(), Some(20));
    let first = &o.worst_gaps[0];
    assert_eq!(first.name, "Security assessment");
    assert_eq!(
        (first.status, first.criticality),
        (RoleStatus::Missing, Criticality::High)
    );
    assert_eq!(o.worst_gaps.len(), 5, "the worst five of eight");

    let top: Vec<(&str, i64, (bool, i64, i64))> = o
        .top_risks
        .iter()
        .map(|r| (r.code.as_str(), r.score, r.cell))
        .collect();
    assert_eq!(
        top,
        [
            ("R-002", 16, (false, 4, 4)),
            ("R-003", 12, (true, 3, 4)),
            ("R-001", 8, (true, 2, 4))
        ],
        "highest current score first; the closed R-004 left out"
    );
    assert_eq!(
        o.residual.total(),
        3,
        "every residually rated risk, closed ones too"
    );

    assert_eq!(o.kpi_total(), 3);
    assert_eq!(kpi(&o, KpiStatus::Achieved), 1);
    assert_eq!(kpi(&o, KpiStatus::OffTrack), 1);
    assert_eq!(kpi(&o, KpiStatus::NoData), 1);
    assert_eq!(
        o.onboarding,
        OnboardingCounts {
            tended: 4,
            onboarded: 1,
            in_onboarding: 1
        },
        "the three active partners and the one in onboarding; one of them onboarded"
    );
    assert_eq!((o.checkins_due, o.checkins_overdue), (2, 1));
}

#[test]
fn every_count_matches_the_roster_list_behind_it() {
    let dir = TempDir::new().unwrap();
    let wb = small_workbook(&dir);
    let o = wb.overview(&query()).unwrap();
    for (stage, n) in &o.by_stage {
        let facets = Facets {
            stage: Some(stage.clone()),
            ..Facets::default()
        };
        assert_eq!(roster_count(&wb, facets), *n, "stage {stage}");
    }
    for (kind, n) in &o.by_type {
        let facets = Facets {
            partner_type: Some(kind.clone()),
            ..Facets::default()
        };
        assert_eq!(roster_count(&wb, facets), *n, "type {kind}");
    }
    let scored = |from, below| Facets {
        fit_between: Some((from, below)),
        gated_out: Some(false),
        ..Facets::default()
    };
    for ((first, last), n) in FIT_BUCKETS.iter().zip(o.fit.buckets) {
        assert_eq!(
            roster_count(&wb, scored(*first, last + 1)),
            n,
            "fit {first}–{last}"
        );
    }
    assert_eq!(roster_count(&wb, scored(-1, 0)), o.fit.unscored);
    let gated = Facets {
        gated_out: Some(true),
        ..Facets::default()
    };
    assert_eq!(roster_count(&wb, gated), o.fit.gated_out);
}

#[test]
fn an_empty_workbook_counts_nothing() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.partnerplan");
    Workbook::create(&path, Some("Empty")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let o = wb.overview(&query()).unwrap();
    assert_eq!(o.partners, 0);
    assert_eq!(o.by_stage.len(), 7, "the funnel keeps its stages");
    assert!(o.by_stage.iter().all(|(_, n)| *n == 0));
    assert!(o.by_type.is_empty() && o.top_risks.is_empty() && o.worst_gaps.is_empty());
    assert_eq!(o.coverage.percent_in_place(), None);
    assert_eq!(o.kpi_total(), 0);
    assert_eq!(
        o.fit.buckets.iter().sum::<i64>() + o.fit.unscored + o.fit.gated_out,
        0
    );
}

#[test]
fn coverage_counted_in_sql_matches_the_roles_tab_rules() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("generated.partnerplan");
    generate_workbook(&path, 3_000, 7).unwrap();
    generate_roles(&path, 200, 7).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let o = wb.overview(&query()).unwrap();
    let roles: Vec<Role> = wb.roles().unwrap().into_iter().map(|r| r.role).collect();
    let assignments = wb.assignments().unwrap();
    let coverage = role_coverage(&roles, &assignments);
    let overloaded = overloaded_partners(&roles, &assignments, i64::MAX);
    let expected = CoverageSummary::new(&coverage, &overloaded);
    assert_eq!(o.coverage, expected);
    assert!(
        expected.missing > 0 && expected.in_place > 0,
        "{expected:?}"
    );
    assert_eq!(o.by_stage.iter().map(|(_, n)| n).sum::<i64>(), 3_000);
    assert_eq!(o.fit.unscored, 3_000, "generated partners are not scored");
}

/// "Onboarded" is one figure (`plan::figures::ONBOARDED`): the Overview's gauge and the live KPI
/// "Partners fully onboarded" count the same partners out of the same ones, a partner still in
/// onboarding with a complete checklist among them.
#[test]
fn the_overview_and_the_live_kpi_count_onboarded_partners_alike() {
    use partnerplan::plan::live_kpi::LiveSource;
    use partnerplan::plan::risk::Bands;
    use partnerplan::workbook::LiveContext;
    let dir = TempDir::new().unwrap();
    let mut wb = small_workbook(&dir);
    // Every checklist item of the partner in onboarding done: it counts as onboarded too.
    let onboarding: i64 = wb
        .connection()
        .query_row(
            "SELECT id FROM partners WHERE stage = 'onboarding' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let items: Vec<i64> = wb
        .onboarding_items()
        .unwrap()
        .into_iter()
        .map(|item| item.id)
        .collect();
    assert!(!items.is_empty());
    for item in items {
        wb.set_checklist_item(
            onboarding,
            item,
            partnerplan::plan::onboarding::ItemStatus::Done,
            TODAY,
            "",
        )
        .unwrap();
    }
    let o = wb.overview(&query()).unwrap();
    let facts = wb
        .live_facts(&LiveContext {
            today: TODAY,
            bands: Bands::default(),
        })
        .unwrap();
    assert_eq!(o.onboarding.onboarded, 2, "{:?}", o.onboarding);
    assert_eq!(facts.fully_onboarded as i64, o.onboarding.onboarded);
    assert_eq!(facts.onboarding_partners as i64, o.onboarding.tended);
    assert_eq!(LiveSource::OnboardedShare.value(&facts), Some(50.0));
}
