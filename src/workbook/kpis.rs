//! KPIs in the workbook: the KPI records (journaled, so `u` undoes them), the table's rows with
//! their latest value, status and recent values, and — in the sub-modules — measurements, live
//! KPIs and their history, and the status of each goal's KPIs.

mod benchmarks;
mod goals;
mod live;
mod measurements;

use anyhow::{Context as _, Result, bail};
use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

pub use benchmarks::KpiBenchmarkLine;
pub use goals::GoalKpiStatus;
pub use live::LiveContext;
pub use measurements::MeasurementRecord;

use super::{Workbook, text};
use crate::plan::kpi::{
    Direction, Horizon, Kpi, KpiBenchmark, KpiStatus, KpiTarget, Measurement, status,
};
use crate::plan::live_kpi::{HistoryStep, LiveFacts, LiveSource, history_step};

/// The most KPIs the table reads at once; it pages beyond.
pub const KPI_WINDOW_MAX: usize = 500;

/// A KPI as stored, with what its status needs besides its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiRecord {
    pub id: i64,
    pub kpi: Kpi,
    /// The day it was created: where its target path starts when it has a baseline.
    pub created_on: Date,
    /// Its definition and how peers do on it.
    pub benchmark: KpiBenchmark,
}

impl KpiRecord {
    /// What the status rule judges the KPI against.
    pub fn target(&self) -> KpiTarget {
        KpiTarget {
            direction: self.kpi.direction,
            baseline: self.kpi.baseline,
            target: self.kpi.target,
            target_date: self.kpi.target_date.as_deref().and_then(|d| d.parse().ok()),
            created_on: self.created_on,
        }
    }
}

/// One line of the KPI table.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiRow {
    pub record: KpiRecord,
    /// The latest measurement (for a live KPI: its value now, when it has one).
    pub latest: Option<Measurement>,
    pub status: KpiStatus,
    /// Up to the requested number of the latest values, oldest first, for the sparkline.
    pub recent: Vec<f64>,
}

const KPI_COLUMNS: &str = "id, name, category, horizon, unit, direction, baseline, target, \
     target_date, owner, goal_id, live_source, created_at, definition, benchmark_key, \
     benchmark_low, benchmark_typical, benchmark_high, benchmark_peer_group, benchmark_source, \
     benchmark_as_of";

fn read_kpi(r: &rusqlite::Row<'_>) -> rusqlite::Result<KpiRecord> {
    let v = |i: usize| r.get::<_, Value>(i);
    let number = |i: usize| -> rusqlite::Result<Option<f64>> {
        Ok(match v(i)? {
            Value::Real(x) if x.is_finite() => Some(x),
            Value::Integer(n) => Some(n as f64),
            _ => None,
        })
    };
    let target_date = Some(text(v(8)?)).filter(|d| !d.is_empty());
    let created = text(v(12)?);
    Ok(KpiRecord {
        id: r.get(0)?,
        kpi: Kpi {
            name: text(v(1)?),
            category: text(v(2)?),
            horizon: Horizon::from_word(&text(v(3)?)).unwrap_or_default(),
            unit: text(v(4)?),
            direction: Direction::from_word(&text(v(5)?)).unwrap_or_default(),
            baseline: number(6)?,
            target: number(7)?,
            target_date,
            owner: text(v(9)?),
            goal_id: r.get::<_, Option<i64>>(10).ok().flatten(),
            live_source: LiveSource::from_word(&text(v(11)?)),
        },
        // A hand-edited file may hold anything here; the path then starts at an early date,
        // which only makes the status lenient.
        created_on: created
            .get(..10)
            .and_then(|d| d.parse().ok())
            .unwrap_or(Date::MIN),
        benchmark: KpiBenchmark {
            definition: text(v(13)?),
            key: text(v(14)?),
            low: number(15)?,
            typical: number(16)?,
            high: number(17)?,
            peer_group: text(v(18)?),
            source: text(v(19)?),
            as_of: Some(text(v(20)?)).filter(|d| !d.is_empty()),
        },
    })
}

/// The columns a KPI writes.
fn kpi_columns(kpi: &Kpi) -> Vec<(&'static str, Value)> {
    let optional = |x: Option<f64>| x.map_or(Value::Null, Value::Real);
    vec![
        ("name", Value::Text(kpi.name.clone())),
        ("category", Value::Text(kpi.category.clone())),
        ("horizon", Value::Text(kpi.horizon.word().into())),
        ("unit", Value::Text(kpi.unit.clone())),
        ("direction", Value::Text(kpi.direction.word().into())),
        ("baseline", optional(kpi.baseline)),
        ("target", optional(kpi.target)),
        (
            "target_date",
            kpi.target_date.clone().map_or(Value::Null, Value::Text),
        ),
        ("owner", Value::Text(kpi.owner.clone())),
        ("goal_id", kpi.goal_id.map_or(Value::Null, Value::Integer)),
        (
            "live_source",
            Value::Text(kpi.live_source.map_or("", LiveSource::word).into()),
        ),
    ]
}

fn as_params<'a>(columns: &'a [(&'static str, Value)]) -> Vec<(&'static str, &'a dyn ToSql)> {
    columns.iter().map(|(c, v)| (*c, v as &dyn ToSql)).collect()
}

impl Workbook {
    /// The KPI added last, to select it after an add.
    pub fn newest_kpi_id(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT max(id) FROM kpis")?
            .query_row([], |r| r.get(0))?)
    }

    pub fn kpi_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM kpis")?
            .query_row([], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn kpi(&self, id: i64) -> Result<Option<KpiRecord>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {KPI_COLUMNS} FROM kpis WHERE id = ?1"))?
            .query_row([id], read_kpi)
            .optional()?)
    }

    /// Where KPI `id` sits in the table's order (name, then id), for selecting it.
    pub fn kpi_position(&self, id: i64) -> Result<Option<usize>> {
        let Some(record) = self.kpi(id)? else {
            return Ok(None);
        };
        let before: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM kpis WHERE name COLLATE NOCASE < ?1 \
                 OR (name COLLATE NOCASE = ?1 AND id < ?2)",
            )?
            .query_row(rusqlite::params![record.kpi.name, id], |r| r.get(0))?;
        Ok(usize::try_from(before).ok())
    }

    /// Up to `limit` KPIs from position `offset` in name order, each with its latest value,
    /// status on `today` and its last `spark` values. Reads two bounded queries per KPI; live
    /// KPIs take their value now from `facts` (without facts, their recorded history).
    pub fn kpi_rows(
        &self,
        offset: usize,
        limit: usize,
        spark: usize,
        today: Date,
        facts: Option<&LiveFacts>,
    ) -> Result<Vec<KpiRow>> {
        let limit = limit.min(KPI_WINDOW_MAX) as i64;
        let records: Vec<KpiRecord> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {KPI_COLUMNS} FROM kpis ORDER BY name COLLATE NOCASE, id LIMIT ?1 OFFSET ?2"
            ))?
            .query_map(rusqlite::params![limit, offset as i64], read_kpi)?
            .collect::<rusqlite::Result<_>>()?;
        records
            .into_iter()
            .map(|record| self.kpi_row(record, spark, today, facts))
            .collect()
    }

    /// The row of one KPI (see `kpi_rows`).
    pub fn kpi_row(
        &self,
        record: KpiRecord,
        spark: usize,
        today: Date,
        facts: Option<&LiveFacts>,
    ) -> Result<KpiRow> {
        let first = self.first_measurement(record.id)?;
        let mut recent = self.recent_measurements(record.id, spark.max(1))?;
        // A point logged ahead of today is newer than the value now: it stands (`judged_value`).
        let ahead = recent.last().is_some_and(|m| m.on > today);
        if let (Some(source), Some(facts), false) = (record.kpi.live_source, facts, ahead) {
            let latest = recent.last().map(|m| (m.on, m.value));
            match history_step(latest, today, source.value_of(record.id, facts)) {
                HistoryStep::Keep => {}
                HistoryStep::ReplaceToday => {
                    if let (Some(last), Some(value)) =
                        (recent.last_mut(), source.value_of(record.id, facts))
                    {
                        last.value = value;
                    }
                }
                HistoryStep::Record => {
                    if let Some(value) = source.value_of(record.id, facts) {
                        recent.push(Measurement { on: today, value });
                        if recent.len() > spark.max(1) {
                            recent.remove(0);
                        }
                    }
                }
            }
        }
        // The status rule reads only the first and the latest measurement by date.
        let judged: Vec<Measurement> = first.into_iter().chain(recent.last().copied()).collect();
        let kpi_status = status(&record.target(), &judged, today);
        let latest = recent.last().copied();
        let recent = recent
            .iter()
            .rev()
            .take(spark)
            .rev()
            .map(|m| m.value)
            .collect();
        Ok(KpiRow {
            record,
            latest,
            status: kpi_status,
            recent,
        })
    }

    pub fn add_kpi(&mut self, kpi: &Kpi) -> Result<i64> {
        self.refuse_write()?;
        check_kpi(kpi)?;
        let columns = kpi_columns(kpi);
        let mut change = self.change(format!("add KPI {}", kpi.name))?;
        let id = change.insert("kpis", &as_params(&columns))?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_kpi(&mut self, id: i64, kpi: &Kpi) -> Result<()> {
        self.refuse_write()?;
        check_kpi(kpi)?;
        if self.kpi(id)?.is_none() {
            bail!("That KPI no longer exists (undone or deleted); nothing was changed.");
        }
        let columns = kpi_columns(kpi);
        let mut change = self.change(format!("edit KPI {}", kpi.name))?;
        change.update("kpis", id, &as_params(&columns))?;
        change.commit()
    }

    /// Deletes KPI `id` with its measurements; returns its name.
    pub fn delete_kpi(&mut self, id: i64) -> Result<String> {
        self.refuse_write()?;
        let record = self
            .kpi(id)?
            .context("That KPI no longer exists (undone or deleted); nothing was changed.")?;
        let mut change = self.change(format!("delete KPI {}", record.kpi.name))?;
        change.delete("kpis", id)?;
        change.commit()?;
        Ok(record.kpi.name)
    }
}

/// What the form already checked, checked again where the file's integrity depends on it.
fn check_kpi(kpi: &Kpi) -> Result<()> {
    if kpi.name.trim().is_empty() {
        bail!("A KPI needs a name; type one.");
    }
    for x in [kpi.baseline, kpi.target].into_iter().flatten() {
        if !x.is_finite() {
            bail!("Baseline and target must be numbers.");
        }
    }
    Ok(())
}
