//! Issue 20: a live KPI is judged against its benchmark by its value now (active partners
//! counted from the roster), not by its last recorded point; a point logged ahead of today is
//! newer than "now" and stands. The Metrics rows and the Overview's count agree.

mod screen_harness;

use jiff::ToSpan;
use jiff::civil::date;
use partnerplan::plan::kpi::{Kpi, KpiBenchmark};
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{LiveContext, OverviewQuery, Workbook};
use screen_harness::workbook_with_partners;
use tempfile::TempDir;

const TODAY: jiff::civil::Date = date(2026, 12, 7);

fn query() -> OverviewQuery {
    OverviewQuery {
        today: TODAY,
        default_cadence_days: 30,
        bands: Bands::default(),
    }
}

fn on(day: jiff::civil::Date) -> LiveContext {
    LiveContext {
        today: day,
        bands: Bands::default(),
    }
}

/// Records the live KPIs' history point of `day` as the app does on idle, with `active`
/// partners active then.
fn record(wb: &mut Workbook, day: jiff::civil::Date, active: usize) {
    let mut facts = wb.live_facts(&on(TODAY)).unwrap();
    facts.active_partners = active;
    assert_eq!(wb.record_live_history(&on(day), &facts).unwrap(), 1);
}

/// The KPI's value on its Metrics row (live facts as the tab reads them).
fn metrics_value(wb: &Workbook) -> Option<f64> {
    let facts = wb.live_facts(&on(TODAY)).unwrap();
    let rows = wb.kpi_rows(0, 10, 6, TODAY, Some(&facts)).unwrap();
    rows[0].latest.map(|m| m.value)
}

#[test]
fn a_live_kpi_meets_its_benchmark_with_its_value_now() {
    let dir = TempDir::new().unwrap();
    let mut wb = workbook_with_partners(&dir, false);
    let active: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE stage = 'active'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(active >= 2, "the harness has active partners: {active}");
    let kpi = Kpi {
        name: "Active partners".into(),
        unit: "partners".into(),
        live_source: Some(LiveSource::ActivePartners),
        ..Kpi::default()
    };
    // Peers typically have one partner fewer than the roster has now: now is better.
    let band = KpiBenchmark {
        typical: Some(active as f64 - 0.5),
        source: "Example only: a test band".into(),
        ..KpiBenchmark::default()
    };
    wb.save_kpi_with_benchmark(None, &kpi, &band).unwrap();
    // The last recorded point, from a month ago when no partner was active yet, is worse than
    // peers.
    record(&mut wb, TODAY - 30.days(), 0);
    assert_eq!(
        wb.overview(&query()).unwrap().kpis_vs_benchmark,
        (1, 0),
        "judged by the value now, not the recorded 0"
    );

    assert_eq!(metrics_value(&wb), Some(active as f64), "the value now");

    // A point dated after today (a copy from a colleague whose clock ran ahead) is newer than
    // the value now: it stands, on both screens.
    record(&mut wb, TODAY + 2.days(), 1);
    assert_eq!(metrics_value(&wb), Some(1.0));
    assert_eq!(wb.overview(&query()).unwrap().kpis_vs_benchmark, (0, 1));
}
