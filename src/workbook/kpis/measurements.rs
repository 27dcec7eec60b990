//! A KPI's measurements: the log (newest first, bounded), the first and latest points its status
//! and sparkline read, and adding, editing and deleting one (journaled).

use anyhow::{Context as _, Result, bail};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, ToSql};

use super::super::{Workbook, text};
use crate::plan::kpi::Measurement;

/// A measurement as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasurementRecord {
    pub id: i64,
    pub kpi_id: i64,
    pub on: Date,
    pub value: f64,
    pub note: String,
}

impl MeasurementRecord {
    pub fn point(&self) -> Measurement {
        Measurement {
            on: self.on,
            value: self.value,
        }
    }
}

fn read_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<MeasurementRecord>> {
    let on = text(r.get(2)?);
    let value: f64 = r.get(3)?;
    Ok(on
        .parse()
        .ok()
        .filter(|_| value.is_finite())
        .map(|on| MeasurementRecord {
            id: r.get(0).unwrap_or_default(),
            kpi_id: r.get(1).unwrap_or_default(),
            on,
            value,
            note: r
                .get::<_, rusqlite::types::Value>(4)
                .map(text)
                .unwrap_or_default(),
        }))
}

const COLUMNS: &str = "id, kpi_id, measured_on, value, note";

impl Workbook {
    /// Up to `limit` measurements of KPI `kpi_id` from position `offset`, newest first. Rows a
    /// hand-edited file broke (no date) are left out.
    pub fn measurements(
        &self,
        kpi_id: i64,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<MeasurementRecord>> {
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM kpi_measurements WHERE kpi_id = ?1 \
                 ORDER BY measured_on DESC, id DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(
                rusqlite::params![kpi_id, limit as i64, offset as i64],
                read_record,
            )?
            .filter_map(|r| r.transpose())
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn measurement_count(&self, kpi_id: i64) -> Result<usize> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM kpi_measurements WHERE kpi_id = ?1")?
            .query_row([kpi_id], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn measurement(&self, id: i64) -> Result<Option<MeasurementRecord>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM kpi_measurements WHERE id = ?1"
            ))?
            .query_row([id], read_record)
            .optional()?
            .flatten())
    }

    /// The earliest measurement by date.
    pub fn first_measurement(&self, kpi_id: i64) -> Result<Option<Measurement>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM kpi_measurements WHERE kpi_id = ?1 \
                 ORDER BY measured_on, id LIMIT 1"
            ))?
            .query_row([kpi_id], read_record)
            .optional()?
            .flatten()
            .map(|m| m.point()))
    }

    /// The latest `count` measurements, oldest first.
    pub(super) fn recent_measurements(
        &self,
        kpi_id: i64,
        count: usize,
    ) -> Result<Vec<Measurement>> {
        let mut points: Vec<Measurement> = self
            .measurements(kpi_id, 0, count)?
            .iter()
            .map(MeasurementRecord::point)
            .collect();
        points.reverse();
        Ok(points)
    }

    /// Logs a measurement of KPI `kpi_id` on `on`; live KPIs keep their own history.
    pub fn add_measurement(
        &mut self,
        kpi_id: i64,
        on: Date,
        value: f64,
        note: &str,
    ) -> Result<i64> {
        self.refuse_write()?;
        let kpi = self.measurable(kpi_id, value)?;
        let day = on.to_string();
        let note = note.trim().to_string();
        let mut change = self.change(format!("log {value} for KPI {kpi}"))?;
        let id = change.insert(
            "kpi_measurements",
            &[
                ("kpi_id", &kpi_id as &dyn ToSql),
                ("measured_on", &day),
                ("value", &value),
                ("note", &note),
            ],
        )?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_measurement(&mut self, id: i64, on: Date, value: f64, note: &str) -> Result<()> {
        self.refuse_write()?;
        let record = self.measurement(id)?.context(
            "That measurement no longer exists (undone or deleted); nothing was changed.",
        )?;
        let kpi = self.measurable(record.kpi_id, value)?;
        let day = on.to_string();
        let note = note.trim().to_string();
        let mut change = self.change(format!("edit a measurement of KPI {kpi}"))?;
        change.update(
            "kpi_measurements",
            id,
            &[
                ("measured_on", &day as &dyn ToSql),
                ("value", &value),
                ("note", &note),
            ],
        )?;
        change.commit()
    }

    pub fn delete_measurement(&mut self, id: i64) -> Result<()> {
        self.refuse_write()?;
        let record = self.measurement(id)?.context(
            "That measurement no longer exists (undone or deleted); nothing was changed.",
        )?;
        let kpi = self
            .kpi(record.kpi_id)?
            .map(|k| k.kpi.name)
            .unwrap_or_default();
        let mut change = self.change(format!("delete a measurement of KPI {kpi}"))?;
        change.delete("kpi_measurements", id)?;
        change.commit()
    }

    /// The name of KPI `kpi_id` when it takes manual measurements, or why not.
    fn measurable(&self, kpi_id: i64, value: f64) -> Result<String> {
        let Some(kpi) = self.kpi(kpi_id)? else {
            bail!("That KPI no longer exists (undone or deleted); nothing was changed.");
        };
        if kpi.kpi.live_source.is_some() {
            bail!(
                "{} is a live KPI: the workbook computes its values, so it takes no measurements.",
                kpi.kpi.name
            );
        }
        if !value.is_finite() {
            bail!("The value is not a number; enter one like 12 or 3.5.");
        }
        Ok(kpi.kpi.name)
    }
}
