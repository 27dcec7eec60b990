//! The demo's KPIs — short and long term, both directions, two live — with thirteen monthly
//! measurements each (November 2025 to November 2026), and the investments and value log that
//! make ROI mean something.

use anyhow::Result;
use jiff::civil::Date;
use partnerplan::plan::kpi::{Direction, Horizon, Kpi};
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::plan::money::ValueKind;
use partnerplan::workbook::{InvestmentDraft, ValueDraft, Workbook};

use super::day;
use super::partners::Ids;
use super::strategy::Goals;

struct KpiSpec {
    name: &'static str,
    category: &'static str,
    horizon: Horizon,
    unit: &'static str,
    direction: Direction,
    baseline: f64,
    target: f64,
    target_date: &'static str,
    owner: &'static str,
    /// Index into the goals.
    goal: usize,
    live: Option<LiveSource>,
    /// On the first of each month from November 2025; empty for none yet.
    values: &'static [f64],
}

use Direction::{Higher, Lower};
use Horizon::{Long, Short};

#[rustfmt::skip]
const KPIS: &[KpiSpec] = &[
    // Behind the path by less than a tenth of the way: at risk.
    KpiSpec { name: "Partner-sourced revenue", category: "financial", horizon: Short, unit: "kEUR a month", direction: Higher,
        baseline: 120.0, target: 400.0, target_date: "2026-12-31", owner: "Mara Lindqvist", goal: 0, live: None,
        values: &[125.0, 131.0, 128.0, 150.0, 162.0, 171.0, 180.0, 205.0, 228.0, 251.0, 276.0, 310.0, 345.0] },
    // Ahead of the path: on track.
    KpiSpec { name: "Joint solutions launched", category: "innovation", horizon: Long, unit: "solutions", direction: Higher,
        baseline: 0.0, target: 6.0, target_date: "2028-06-30", owner: "Ravi Menon", goal: 1, live: None,
        values: &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 3.0, 3.0] },
    // Lower is better, and the target is reached: achieved.
    KpiSpec { name: "Days to onboard a partner", category: "efficiency", horizon: Short, unit: "days", direction: Lower,
        baseline: 90.0, target: 45.0, target_date: "2026-12-31", owner: "Aiyana Cole", goal: 2, live: None,
        values: &[88.0, 85.0, 86.0, 80.0, 74.0, 70.0, 66.0, 61.0, 58.0, 52.0, 49.0, 46.0, 44.0] },
    // Far behind: off track.
    KpiSpec { name: "Partner satisfaction (NPS)", category: "partner health", horizon: Long, unit: "points", direction: Higher,
        baseline: 20.0, target: 50.0, target_date: "2027-12-31", owner: "Mara Lindqvist", goal: 3, live: None,
        values: &[21.0, 22.0, 20.0, 23.0, 25.0, 24.0, 22.0, 25.0, 27.0, 26.0, 24.0, 25.0, 26.0] },
    // The target date has passed without reaching it: off track.
    KpiSpec { name: "Sites meeting the uptime promise", category: "customer", horizon: Short, unit: "%", direction: Higher,
        baseline: 97.0, target: 99.5, target_date: "2026-09-30", owner: "Aiyana Cole", goal: 3, live: None,
        values: &[97.1, 97.4, 97.2, 97.9, 98.1, 98.0, 98.4, 98.6, 98.3, 98.7, 98.9, 98.8, 98.9] },
    // Lower is better, slightly behind: at risk.
    KpiSpec { name: "Escalations caused by partners", category: "efficiency", horizon: Short, unit: "a month", direction: Lower,
        baseline: 30.0, target: 10.0, target_date: "2027-06-30", owner: "Aiyana Cole", goal: 2, live: None,
        values: &[31.0, 29.0, 30.0, 27.0, 26.0, 27.0, 24.0, 23.0, 22.0, 21.0, 20.0, 19.0, 19.0] },
    KpiSpec { name: "Active partners", category: "growth", horizon: Short, unit: "partners", direction: Higher,
        baseline: 8.0, target: 15.0, target_date: "2026-12-31", owner: "Mara Lindqvist", goal: 0, live: Some(LiveSource::ActivePartners),
        values: &[] },
    KpiSpec { name: "Role coverage", category: "partner health", horizon: Long, unit: "%", direction: Higher,
        baseline: 50.0, target: 90.0, target_date: "2027-12-31", owner: "Ravi Menon", goal: 3, live: Some(LiveSource::RoleCoverage),
        values: &[] },
    // Nothing measured yet: no data.
    KpiSpec { name: "Energy saved at customer plants", category: "customer", horizon: Long, unit: "MWh a year", direction: Higher,
        baseline: 0.0, target: 2000.0, target_date: "2028-12-31", owner: "Sofia Duarte", goal: 1, live: None,
        values: &[] },
];

/// The first of the `n`th month from November 2025.
fn month(n: usize) -> Result<Date> {
    let first = jiff::civil::date(2025, 11, 1);
    Ok(first.checked_add(jiff::Span::new().months(n as i64))?)
}

pub fn add(wb: &mut Workbook, partners: &Ids, goals: &Goals) -> Result<()> {
    for spec in KPIS {
        let id = wb.add_kpi(&Kpi {
            name: spec.name.into(),
            category: spec.category.into(),
            horizon: spec.horizon,
            unit: spec.unit.into(),
            direction: spec.direction,
            baseline: Some(spec.baseline),
            target: Some(spec.target),
            target_date: Some(spec.target_date.into()),
            owner: spec.owner.into(),
            goal_id: goals.get(spec.goal).copied(),
            live_source: spec.live,
        })?;
        for (n, value) in spec.values.iter().enumerate() {
            wb.add_measurement(id, month(n)?, *value, "")?;
        }
    }
    let partner = |name: &str| partners.get(name).copied();
    // The partner portal (2025-11-15, EUR 85,000) is a Strategy resource marked as an
    // investment, so it is not entered here a second time.
    let investments = [
        (
            "2025-12-01",
            "Seed capital for the joint venture",
            12_000_000,
            "joint venture",
            partner("Orrin Vel Analytics"),
        ),
        (
            "2026-01-20",
            "Installer certification programme",
            4_000_000,
            "enablement",
            partner("Brightrail Integration"),
        ),
        (
            "2026-03-01",
            "Co-marketing fund, first half",
            1_500_000,
            "marketing",
            partner("Meridel Trade Partners"),
        ),
    ];
    for (on, item, amount, category, partner_id) in investments {
        wb.save_investment(
            None,
            &InvestmentDraft {
                spent_on: day(on)?,
                item: item.into(),
                amount_minor: amount,
                category: category.into(),
                partner_id,
            },
        )?;
    }
    let values = [
        (
            "2026-03-31",
            "Ostrander Industrial Supply",
            ValueKind::Revenue,
            "Kit sales through the branches, first quarter",
            Some(6_800_000),
        ),
        (
            "2026-05-15",
            "Nimbus Forge Cloud",
            ValueKind::CostSaving,
            "Hosting costs cut by moving to reserved capacity",
            Some(3_000_000),
        ),
        (
            "2026-06-30",
            "Ostrander Industrial Supply",
            ValueKind::Revenue,
            "Kit sales through the branches, second quarter",
            Some(7_400_000),
        ),
        (
            "2026-06-30",
            "Meridel Trade Partners",
            ValueKind::Revenue,
            "Kits and services, first half",
            Some(5_200_000),
        ),
        (
            "2026-07-22",
            "Granary Works Alliance",
            ValueKind::CustomerLoyalty,
            "Pilot plants renewed for three years",
            None,
        ),
        (
            "2026-08-15",
            "Granary Works Alliance",
            ValueKind::Societal,
            "Pilot plants use 6% less energy",
            None,
        ),
        (
            "2026-09-30",
            "Ostrander Industrial Supply",
            ValueKind::Revenue,
            "Kit sales through the branches, third quarter",
            Some(8_100_000),
        ),
        (
            "2026-10-29",
            "Orrin Vel Analytics",
            ValueKind::Innovation,
            "Pump-bearing failure model beats our own baseline",
            None,
        ),
        (
            "2026-11-02",
            "Sandpiper Controls",
            ValueKind::MarketReach,
            "First quotes to plants in the US Midwest",
            None,
        ),
    ];
    for (on, name, kind, description, amount) in values {
        wb.save_value_entry(
            None,
            &ValueDraft {
                logged_on: day(on)?,
                partner_id: partner(name),
                kind,
                description: description.into(),
                amount_minor: amount,
                margin_minor: None,
            },
        )?;
    }
    // What the hub keeps of the revenue each reseller brings (fictional rates), so the ROI is on
    // margin, as a CFO reads it.
    for (name, rate) in [
        ("Ostrander Industrial Supply", 32.0),
        ("Meridel Trade Partners", 30.0),
    ] {
        if let Some(id) = partner(name) {
            wb.set_partner_margin_rate(id, Some(rate))?;
        }
    }
    Ok(())
}
