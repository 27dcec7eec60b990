//! KPI benchmarks in the workbook: saved with the KPI in one journaled change, applied from a
//! library in one change (so one `u` undoes an import), and read with each KPI's latest value for
//! the library's export and for deriving bands across workbooks.

use anyhow::{Result, bail};
use rusqlite::ToSql;
use rusqlite::types::Value;

use jiff::civil::Date;

use super::{KPI_COLUMNS, KpiRecord, LiveContext, as_params, check_kpi, kpi_columns, read_kpi};
use crate::plan::kpi::{Direction, Kpi, KpiBenchmark};
use crate::plan::live_kpi::{LiveSource, judged_value};
use crate::workbook::Workbook;
use crate::workbook::text;

/// A KPI with its benchmark and its latest measured value, for the library.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiBenchmarkLine {
    pub record: KpiRecord,
    pub latest: Option<f64>,
}

/// The columns a benchmark writes.
fn benchmark_columns(b: &KpiBenchmark) -> Vec<(&'static str, Value)> {
    let optional = |x: Option<f64>| x.map_or(Value::Null, Value::Real);
    vec![
        ("definition", Value::Text(b.definition.clone())),
        ("benchmark_key", Value::Text(b.key.clone())),
        ("benchmark_low", optional(b.low)),
        ("benchmark_typical", optional(b.typical)),
        ("benchmark_high", optional(b.high)),
        ("benchmark_peer_group", Value::Text(b.peer_group.clone())),
        ("benchmark_source", Value::Text(b.source.clone())),
        (
            "benchmark_as_of",
            b.as_of.clone().map_or(Value::Null, Value::Text),
        ),
    ]
}

/// The benchmark as stored, or the first problem with it as an error.
fn checked(b: &KpiBenchmark) -> Result<KpiBenchmark> {
    b.checked().or_else(|problems| {
        let why: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
        bail!(why.join(" "))
    })
}

impl Workbook {
    /// Adds (`id` none) or changes a KPI together with its definition and benchmark, as one
    /// journaled edit.
    pub fn save_kpi_with_benchmark(
        &mut self,
        id: Option<i64>,
        kpi: &Kpi,
        benchmark: &KpiBenchmark,
    ) -> Result<i64> {
        self.refuse_write()?;
        check_kpi(kpi)?;
        let benchmark = checked(benchmark)?;
        let mut columns = kpi_columns(kpi);
        columns.extend(benchmark_columns(&benchmark));
        let params: Vec<(&str, &dyn ToSql)> = as_params(&columns);
        match id {
            None => {
                let mut change = self.change(format!("add KPI {}", kpi.name))?;
                let id = change.insert("kpis", &params)?;
                change.commit()?;
                Ok(id)
            }
            Some(id) => {
                if self.kpi(id)?.is_none() {
                    bail!("That KPI no longer exists (undone or deleted); nothing was changed.");
                }
                let mut change = self.change(format!("edit KPI {}", kpi.name))?;
                change.update("kpis", id, &params)?;
                change.commit()?;
                Ok(id)
            }
        }
    }

    /// Sets the benchmarks of several KPIs as one journaled change called `label` (a library
    /// import). Every benchmark is checked before anything is written.
    pub fn apply_kpi_benchmarks(
        &mut self,
        benchmarks: &[(i64, KpiBenchmark)],
        label: &str,
    ) -> Result<()> {
        self.refuse_write()?;
        let checked: Vec<(i64, KpiBenchmark)> = benchmarks
            .iter()
            .map(|(id, b)| checked(b).map(|b| (*id, b)))
            .collect::<Result<_>>()?;
        let mut change = self.change(label.to_string())?;
        for (id, benchmark) in &checked {
            let columns = benchmark_columns(benchmark);
            change.update("kpis", *id, &as_params(&columns))?;
        }
        change.commit()?;
        Ok(())
    }

    /// Every KPI in name order with its benchmark and latest measured value.
    pub fn kpi_benchmark_lines(&self) -> Result<Vec<KpiBenchmarkLine>> {
        let records: Vec<KpiRecord> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {KPI_COLUMNS} FROM kpis ORDER BY name COLLATE NOCASE, id"
            ))?
            .query_map([], read_kpi)?
            .collect::<rusqlite::Result<_>>()?;
        records
            .into_iter()
            .map(|record| {
                let latest = self
                    .recent_measurements(record.id, 1)?
                    .last()
                    .map(|m| m.value);
                Ok(KpiBenchmarkLine { record, latest })
            })
            .collect()
    }
}

impl Workbook {
    /// KPIs with a benchmark band whose value stands better / worse than typical (the Overview's
    /// count). A live KPI is judged by its value now (`judged_value`), the others by their
    /// latest measurement; the live facts are read only when a live KPI has a band.
    pub(crate) fn kpis_vs_benchmark(&self, ctx: &LiveContext) -> Result<(i64, i64)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.direction, k.benchmark_low, k.benchmark_typical, k.benchmark_high, \
             k.live_source, m.measured_on, m.value FROM kpis k \
             LEFT JOIN kpi_measurements m ON m.id = (SELECT id FROM kpi_measurements \
                 WHERE kpi_id = k.id ORDER BY measured_on DESC, id DESC LIMIT 1) \
             WHERE coalesce(k.benchmark_low, k.benchmark_typical, k.benchmark_high) IS NOT NULL",
        )?;
        type Banded = (
            i64,
            Direction,
            KpiBenchmark,
            Option<LiveSource>,
            Option<(Date, f64)>,
        );
        let banded: Vec<Banded> = stmt
            .query_map([], |r| {
                let band = KpiBenchmark {
                    low: r.get(2)?,
                    typical: r.get(3)?,
                    high: r.get(4)?,
                    ..Default::default()
                };
                let direction = Direction::from_word(&text(r.get(1)?)).unwrap_or_default();
                let source = r
                    .get::<_, Option<String>>(5)?
                    .and_then(|s| LiveSource::from_word(&s));
                let on: Option<String> = r.get(6)?;
                let value: Option<f64> = r.get(7)?;
                let latest = on.and_then(|d| d.parse::<Date>().ok()).zip(value);
                Ok((r.get(0)?, direction, band, source, latest))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let facts = if banded.iter().any(|b| b.3.is_some()) {
            Some(self.live_facts(ctx)?)
        } else {
            None
        };
        let (mut better, mut worse) = (0, 0);
        for (id, direction, band, source, latest) in banded {
            let now = source
                .zip(facts.as_ref())
                .and_then(|(s, f)| s.value_of(id, f));
            let value = match source {
                Some(_) => judged_value(latest, ctx.today, now),
                None => latest.map(|(_, v)| v),
            };
            match band.versus(value, direction).1 {
                Some(true) => better += 1,
                Some(false) => worse += 1,
                None => {}
            }
        }
        Ok((better, worse))
    }
}
