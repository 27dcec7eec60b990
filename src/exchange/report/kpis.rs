//! The report's KPI and ROI section: a small struct the writers draw from, filled from the KPI
//! and money tables through `Workbook::kpi_sheets` and `money_records`, judged by the plan's own
//! rules (`plan::kpi::status`, `plan::money::roi`). When the Metrics tab's workbook layer lands,
//! only `ReportKpis::read` needs to change.

use anyhow::Result;
use jiff::civil::Date;

use crate::plan::kpi::{
    Direction, Horizon, KpiStatus, KpiTarget, Measurement, status, target_path,
};
use crate::plan::money::{Currency, RoiBasis, RoiPeriod};
use crate::plan::numbers::group_thousands;
use crate::plan::shape::parse_iso_date;
use crate::workbook::{KpiSheet, LiveContext, Workbook};

/// One KPI as the report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiLine {
    pub name: String,
    pub category: String,
    /// "short term"
    pub horizon: String,
    pub unit: String,
    /// "higher is better"
    pub direction: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_date: Option<String>,
    /// (date, value) of the latest measurement.
    pub latest: Option<(String, f64)>,
    pub status: KpiStatus,
    /// How far from the path's baseline to the target the latest value got, 0–1.
    pub progress: Option<f64>,
    /// Where the target path expects the KPI on the report's date, on the same 0–1 scale.
    pub expected: Option<f64>,
    /// "vs benchmark: upper half (band 15 / 25 / 40 %; source: …)", or empty without a band.
    pub benchmark: String,
}

impl KpiLine {
    /// The status (vs target), and beside it where the KPI stands against its benchmark.
    pub fn status_text(&self) -> String {
        if self.benchmark.is_empty() {
            self.status.label()
        } else {
            format!("{} · {}", self.status.label(), self.benchmark)
        }
    }
}

/// The overall return on investment over a named period, in the workbook's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiLine {
    /// "this year (2026-01-01 – 2026-12-31)".
    pub period: String,
    pub invested: String,
    pub returns: String,
    /// "12.5%" or "n/a".
    pub roi: String,
    /// Value-log entries counted beside the ROI, not in it.
    pub intangible: usize,
    /// Records that could not be placed (a date or kind this version cannot read).
    pub unreadable: usize,
}

/// What the KPI section shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportKpis {
    pub total: i64,
    pub lines: Vec<KpiLine>,
    /// `None` when there is neither an investment nor a value-log entry.
    pub roi: Option<RoiLine>,
}

impl ReportKpis {
    /// The first `limit` KPIs (live ones read now) judged on `today`, and the ROI over
    /// `period` as the Metrics tab works it out (`Workbook::roi_summary`).
    pub fn read(
        wb: &Workbook,
        limit: usize,
        live: &LiveContext,
        currency: &Currency,
        period: RoiPeriod,
    ) -> Result<ReportKpis> {
        let today = live.today;
        let (total, sheets) = wb.kpi_sheets(limit, Some(live))?;
        let lines = sheets.iter().map(|k| kpi_line(k, today)).collect();
        let (investments, entries, unreadable) = wb.money_records()?;
        let any = !investments.is_empty() || !entries.is_empty() || unreadable > 0;
        let summary = if any {
            Some(wb.roi_summary(period.period(today))?)
        } else {
            None
        };
        let roi = summary.map(|summary| {
            let report = summary.overall;
            let money = |minor: i128| {
                i64::try_from(minor)
                    .map(|m| currency.format(m))
                    .unwrap_or_else(|_| format!("{} {minor} (minor units)", currency.code()))
            };
            RoiLine {
                period: period.describe(today),
                invested: money(report.invested_minor),
                // The ROI says what it counts: on margin when margins exist, else on gross
                // revenue; margin returns show the gross beside them.
                returns: match report.basis {
                    RoiBasis::Margin => format!(
                        "{} margin ({} gross)",
                        money(report.margin_minor),
                        money(report.returns_minor)
                    ),
                    RoiBasis::Gross => money(report.returns_minor),
                },
                roi: format!("{} {}", report.roi, report.basis.words()),
                intangible: summary.intangible,
                unreadable,
            }
        });
        Ok(ReportKpis { total, lines, roi })
    }

    pub fn left_out(&self) -> i64 {
        self.total - self.lines.len() as i64
    }
}

/// A KPI judged on `today`: its latest value, status and progress toward the target.
pub fn kpi_line(kpi: &KpiSheet, today: Date) -> KpiLine {
    let direction = Direction::from_word(&kpi.direction).unwrap_or_default();
    let target = KpiTarget {
        direction,
        baseline: kpi.baseline,
        target: kpi.target,
        target_date: kpi.target_date.as_deref().and_then(parse_iso_date),
        created_on: parse_iso_date(&kpi.created_on).unwrap_or(today),
    };
    let measurements: Vec<Measurement> = kpi
        .measurements
        .iter()
        .filter_map(|(on, value, _)| parse_iso_date(on).map(|on| Measurement { on, value: *value }))
        .collect();
    let latest = kpi
        .measurements
        .iter()
        .filter(|(on, _, _)| parse_iso_date(on).is_some())
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(on, value, _)| (on.clone(), *value));
    let path = target_path(&target, &measurements);
    let share = |value: f64| {
        path.and_then(|p| {
            let span = p.target - p.baseline;
            (span != 0.0).then(|| ((value - p.baseline) / span).clamp(0.0, 1.0))
        })
    };
    KpiLine {
        name: kpi.name.clone(),
        category: kpi.category.clone(),
        horizon: Horizon::from_word(&kpi.horizon)
            .map_or(kpi.horizon.clone(), |h| h.describe().to_string()),
        unit: kpi.unit.clone(),
        direction: direction.describe().to_string(),
        baseline: kpi.baseline,
        target: kpi.target,
        target_date: kpi.target_date.clone(),
        status: status(&target, &measurements, today),
        progress: latest.as_ref().and_then(|(_, v)| share(*v)),
        expected: path.and_then(|p| share(p.expected_on(today))),
        benchmark: if kpi.benchmark.has_band() {
            let (versus, _) = kpi
                .benchmark
                .versus(latest.as_ref().map(|(_, v)| *v), direction);
            format!(
                "vs benchmark: {versus} (band {} {}; source: {})",
                kpi.benchmark.band_text(),
                kpi.unit.trim(),
                kpi.benchmark.source
            )
        } else {
            String::new()
        },
        latest,
    }
}

/// A figure for people: whole numbers with thousands grouped, others with up to two decimals.
pub fn figure(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        return group_thousands(value as i64);
    }
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A figure with its unit: "1,250 EUR", "12.5 %".
pub fn with_unit(value: f64, unit: &str) -> String {
    if unit.trim().is_empty() {
        figure(value)
    } else {
        format!("{} {}", figure(value), unit.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_group_thousands_and_trim_decimals() {
        assert_eq!(figure(1250.0), "1,250");
        assert_eq!(figure(12.5), "12.5");
        assert_eq!(figure(0.126), "0.13");
        assert_eq!(figure(-3.0), "-3");
        assert_eq!(with_unit(40.0, " % "), "40 %");
        assert_eq!(with_unit(40.0, ""), "40");
    }
}
