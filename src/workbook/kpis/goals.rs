//! The status of each goal's linked KPIs, for the Strategy tab.

use std::collections::BTreeMap;

use anyhow::Result;
use jiff::civil::Date;

use super::super::Workbook;
use super::{KPI_COLUMNS, read_kpi};
use crate::plan::kpi::KpiStatus;

/// How a goal's KPIs stand: how many are in each status, and the worst of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoalKpiStatus {
    /// Counts in the order of `KpiStatus::ALL` (achieved, on track, at risk, off track, no data).
    pub counts: [usize; 5],
}

/// From worst to best: what a goal shows when its KPIs disagree. "No data" sits between the
/// troubled and the healthy: it needs attention, but is no sign of trouble yet.
const WORST_FIRST: [KpiStatus; 5] = [
    KpiStatus::OffTrack,
    KpiStatus::AtRisk,
    KpiStatus::NoData,
    KpiStatus::OnTrack,
    KpiStatus::Achieved,
];

impl GoalKpiStatus {
    pub fn count(&self, status: KpiStatus) -> usize {
        KpiStatus::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.counts[i])
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The worst status among the goal's KPIs.
    pub fn worst(&self) -> Option<KpiStatus> {
        WORST_FIRST.into_iter().find(|s| self.count(*s) > 0)
    }

    /// "3 KPIs: 1 off track, 2 on track" — worst first, for a goal's line.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = WORST_FIRST
            .iter()
            .filter(|s| self.count(**s) > 0)
            .map(|s| format!("{} {}", self.count(*s), s.word()))
            .collect();
        let total = self.total();
        let noun = if total == 1 { "KPI" } else { "KPIs" };
        format!("{total} {noun}: {}", parts.join(", "))
    }
}

impl Workbook {
    /// Goal id → the status of its linked KPIs on `today`; goals without KPIs are absent. Live
    /// KPIs are judged by their recorded history (brought up to date when the app opens, when the
    /// Metrics tab reads, and at quit).
    pub fn kpi_status_by_goal(&self, today: Date) -> Result<BTreeMap<i64, GoalKpiStatus>> {
        let records: Vec<_> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {KPI_COLUMNS} FROM kpis WHERE goal_id IS NOT NULL ORDER BY goal_id, id"
            ))?
            .query_map([], read_kpi)?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_goal: BTreeMap<i64, GoalKpiStatus> = BTreeMap::new();
        for record in records {
            let Some(goal) = record.kpi.goal_id else {
                continue;
            };
            let row = self.kpi_row(record, 1, today, None)?;
            let index = KpiStatus::ALL
                .iter()
                .position(|s| *s == row.status)
                .unwrap_or(4);
            by_goal.entry(goal).or_default().counts[index] += 1;
        }
        Ok(by_goal)
    }
}
