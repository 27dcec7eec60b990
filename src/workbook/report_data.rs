//! The reads behind the client report and the XLSX export that no tab needs: the roster by stage
//! and type, mitigations of chosen risks, KPIs with their measurements, the money records ROI is
//! worked out from, and whole registers one page at a time (keyset, never OFFSET).

use std::collections::BTreeMap;
use std::rc::Rc;

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::params;
use rusqlite::types::Value;

use super::{LiveContext, Workbook, text};
use crate::plan::live_kpi::{HistoryStep, LiveSource, history_step};
use crate::plan::money::{Investment, ValueEntry, ValueKind};
use crate::plan::shape::parse_iso_date;

/// How many partners there are, by stage and by type (most common first, then by word).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RosterBreakdown {
    pub total: i64,
    pub by_stage: Vec<(String, i64)>,
    pub by_type: Vec<(String, i64)>,
}

/// A KPI as the report and the export show it, with its measurements in date order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiSheet {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub horizon: String,
    pub unit: String,
    pub direction: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub target_date: Option<String>,
    pub owner: String,
    /// The day part of `created_at` (where the target path starts).
    pub created_on: String,
    /// (date, value, note), oldest first.
    pub measurements: Vec<(String, f64, String)>,
    /// The live source's word (`plan::live_kpi::LiveSource`), or empty for a measured KPI.
    pub live_source: String,
    /// Its definition and peers' band.
    pub benchmark: crate::plan::kpi::KpiBenchmark,
}

/// One partner as the partners sheet lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PartnerSheetRow {
    pub id: i64,
    pub name: String,
    pub partner_type: String,
    pub sector: String,
    pub stage: String,
    pub tier: String,
    pub region: String,
    pub owner: String,
    pub contact_name: String,
    pub contact_email: String,
    pub website: String,
    /// 0–100, `None` until something weighted is scored.
    pub fit: Option<f64>,
    pub gated_out: bool,
    pub onboarding_pct: Option<i64>,
    pub agreement_start: Option<String>,
    pub agreement_end: Option<String>,
    pub last_checkin: Option<String>,
    /// Criterion id → 1–5 score, or 1/0 for a passed/failed gate.
    pub scores: BTreeMap<i64, i64>,
    /// What the partner brings, what it gains, and the planner's notes.
    pub contributes: String,
    pub gains: String,
    pub notes: String,
}

/// One risk as the risks sheet lists it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskSheetRow {
    pub id: i64,
    pub number: i64,
    pub code: String,
    pub title: String,
    pub category: String,
    pub partner: String,
    pub role: String,
    pub inherent: (Option<i64>, Option<i64>),
    pub residual: (Option<i64>, Option<i64>),
    pub treatment: String,
    pub owner: String,
    pub status: String,
    pub next_review: Option<String>,
    /// (kind, note) in the form's order.
    pub mitigations: Vec<(String, String)>,
    /// The risk's cause, event and consequence as the planner wrote them.
    pub cause: String,
    pub event: String,
    pub consequence: String,
}

/// A stored number of any type as a float; text, blobs and NULL are none.
fn number(value: Value) -> Option<f64> {
    match value {
        Value::Integer(n) => Some(n as f64),
        Value::Real(x) if x.is_finite() => Some(x),
        _ => None,
    }
}

/// A stored optional text: blank and NULL are none.
fn optional(value: Value) -> Option<String> {
    Some(text(value)).filter(|t| !t.trim().is_empty())
}

fn ids(list: &[i64]) -> Rc<Vec<Value>> {
    Rc::new(list.iter().map(|&id| Value::Integer(id)).collect())
}

impl Workbook {
    /// The roster counted by stage and by type: two grouped scans, however many partners.
    pub fn roster_breakdown(&self) -> Result<RosterBreakdown> {
        let grouped = |column: &str| -> Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {column}, count(*) FROM partners GROUP BY {column} \
                 ORDER BY count(*) DESC, {column}"
            ))?;
            let rows = stmt.query_map([], |r| Ok((text(r.get(0)?), r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let by_stage = grouped("stage")?;
        let total = by_stage.iter().map(|(_, n)| n).sum();
        Ok(RosterBreakdown {
            total,
            by_stage,
            by_type: grouped("partner_type")?,
        })
    }

    /// The mitigations of the risks `risk_ids`, by risk, each list in the form's order.
    pub fn mitigations_of(&self, risk_ids: &[i64]) -> Result<BTreeMap<i64, Vec<(String, String)>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT risk_id, kind, note FROM risk_mitigations WHERE risk_id IN rarray(?1) \
             ORDER BY risk_id, position, id",
        )?;
        let rows = stmt.query_map([ids(risk_ids)], |r| {
            Ok((r.get::<_, i64>(0)?, text(r.get(1)?), text(r.get(2)?)))
        })?;
        let mut out: BTreeMap<i64, Vec<(String, String)>> = BTreeMap::new();
        for row in rows {
            let (risk, kind, note) = row?;
            out.entry(risk).or_default().push((kind, note));
        }
        Ok(out)
    }

    /// How many KPIs there are, and the first `limit` (in the order they were added) with all
    /// their measurements.
    pub fn kpi_sheets(
        &self,
        limit: usize,
        live: Option<&LiveContext>,
    ) -> Result<(i64, Vec<KpiSheet>)> {
        let total: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM kpis")?
            .query_row([], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, category, horizon, unit, direction, baseline, target, target_date, \
             owner, substr(created_at, 1, 10), live_source, definition, benchmark_key, \
             benchmark_low, benchmark_typical, benchmark_high, benchmark_peer_group, \
             benchmark_source, benchmark_as_of FROM kpis ORDER BY id LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut kpis: Vec<KpiSheet> = stmt
            .query_map([limit], |r| {
                Ok(KpiSheet {
                    id: r.get(0)?,
                    name: text(r.get(1)?),
                    category: text(r.get(2)?),
                    horizon: text(r.get(3)?),
                    unit: text(r.get(4)?),
                    direction: text(r.get(5)?),
                    baseline: number(r.get(6)?),
                    target: number(r.get(7)?),
                    target_date: optional(r.get(8)?),
                    owner: text(r.get(9)?),
                    created_on: text(r.get(10)?),
                    measurements: Vec::new(),
                    live_source: text(r.get(11)?),
                    benchmark: crate::plan::kpi::KpiBenchmark {
                        definition: text(r.get(12)?),
                        key: text(r.get(13)?),
                        low: number(r.get(14)?),
                        typical: number(r.get(15)?),
                        high: number(r.get(16)?),
                        peer_group: text(r.get(17)?),
                        source: text(r.get(18)?),
                        as_of: optional(r.get(19)?),
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let kept: Vec<i64> = kpis.iter().map(|k| k.id).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT kpi_id, measured_on, value, note FROM kpi_measurements \
             WHERE kpi_id IN rarray(?1) ORDER BY kpi_id, measured_on, id",
        )?;
        let rows = stmt.query_map([ids(&kept)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                text(r.get(1)?),
                number(r.get(2)?),
                text(r.get(3)?),
            ))
        })?;
        let mut by_kpi: BTreeMap<i64, Vec<(String, f64, String)>> = BTreeMap::new();
        for row in rows {
            let (kpi, on, value, note) = row?;
            // A value another tool stored as text is no measurement.
            if let Some(value) = value {
                by_kpi.entry(kpi).or_default().push((on, value, note));
            }
        }
        for kpi in &mut kpis {
            kpi.measurements = by_kpi.remove(&kpi.id).unwrap_or_default();
        }
        if let Some(ctx) = live
            && kpis.iter().any(|k| !k.live_source.is_empty())
        {
            let facts = self.live_facts(ctx)?;
            for kpi in &mut kpis {
                if let Some(source) = LiveSource::from_word(&kpi.live_source) {
                    let value = source.value(&facts).map(|v| source.stored(v));
                    with_live_reading(&mut kpi.measurements, ctx.today, value);
                }
            }
        }
        Ok((total, kpis))
    }

    /// Every investment (Strategy resources marked as investments among them, with their ids
    /// negated) and value-log entry, as the ROI rules take them. Records whose date is not an
    /// ISO date, or whose kind this version does not know, cannot be placed and are left out
    /// (the count of those comes back too, so the report can say so).
    pub fn money_records(&self) -> Result<(Vec<Investment>, Vec<ValueEntry>, usize)> {
        let mut skipped = 0;
        let mut investments = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, spent_on, amount_minor, partner_id FROM investments \
             UNION ALL SELECT -id, invested_on, estimated_cost_minor, NULL FROM resources \
             WHERE invested_on IS NOT NULL AND estimated_cost_minor IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                text(r.get(1)?),
                r.get::<_, Option<i64>>(2).ok().flatten(),
                r.get::<_, Option<i64>>(3).ok().flatten(),
            ))
        })?;
        for row in rows {
            let (id, on, amount, partner_id) = row?;
            match (parse_iso_date(&on), amount) {
                (Some(spent_on), Some(amount_minor)) => investments.push(Investment {
                    id,
                    spent_on,
                    amount_minor,
                    partner_id,
                }),
                _ => skipped += 1,
            }
        }
        let mut entries = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, logged_on, partner_id, kind, amount_minor, margin_minor FROM value_log",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                text(r.get(1)?),
                r.get::<_, Option<i64>>(2).ok().flatten(),
                text(r.get(3)?),
                r.get::<_, Option<i64>>(4).ok().flatten(),
                r.get::<_, Option<i64>>(5).ok().flatten(),
            ))
        })?;
        for row in rows {
            let (id, on, partner_id, kind, amount_minor, margin_minor) = row?;
            match (parse_iso_date(&on), ValueKind::from_word(&kind)) {
                (Some(logged_on), Some(kind)) => entries.push(ValueEntry {
                    id,
                    logged_on,
                    partner_id,
                    kind,
                    amount_minor,
                    margin_minor,
                }),
                _ => skipped += 1,
            }
        }
        Ok((investments, entries, skipped))
    }

    /// Up to `limit` partners after `after` (name, id) in name order, with their scores.
    pub fn partner_sheet_page(
        &self,
        after: Option<(&str, i64)>,
        limit: usize,
    ) -> Result<Vec<PartnerSheetRow>> {
        const COLUMNS: &str = "id, name, partner_type, sector, stage, tier, region, owner, \
             contact_name, contact_email, website, fit_score, gated_out, onboarding_pct, \
             agreement_start, agreement_end, last_checkin, contributes, gains, notes";
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<PartnerSheetRow> {
            Ok(PartnerSheetRow {
                id: r.get(0)?,
                name: text(r.get(1)?),
                partner_type: text(r.get(2)?),
                sector: text(r.get(3)?),
                stage: text(r.get(4)?),
                tier: text(r.get(5)?),
                region: text(r.get(6)?),
                owner: text(r.get(7)?),
                contact_name: text(r.get(8)?),
                contact_email: text(r.get(9)?),
                website: text(r.get(10)?),
                fit: number(r.get(11)?).filter(|f| *f >= 0.0),
                gated_out: r.get::<_, i64>(12).unwrap_or(0) == 1,
                onboarding_pct: r.get::<_, i64>(13).ok().filter(|p| *p >= 0),
                agreement_start: optional(r.get(14)?),
                agreement_end: optional(r.get(15)?),
                last_checkin: optional(r.get(16)?),
                scores: BTreeMap::new(),
                contributes: text(r.get(17)?),
                gains: text(r.get(18)?),
                notes: text(r.get(19)?),
            })
        };
        let mut rows: Vec<PartnerSheetRow> = match after {
            None => self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM partners ORDER BY name, id LIMIT ?1"
                ))?
                .query_map([limit], read)?
                .collect::<rusqlite::Result<_>>()?,
            Some((name, id)) => self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM partners WHERE (name, id) > (?1, ?2) \
                     ORDER BY name, id LIMIT ?3"
                ))?
                .query_map(params![name, id, limit], read)?
                .collect::<rusqlite::Result<_>>()?,
        };
        let kept: Vec<i64> = rows.iter().map(|p| p.id).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.partner_id, s.criterion_id, CASE WHEN c.is_gate = 1 THEN s.passed \
             ELSE s.score END FROM criterion_scores s JOIN selection_criteria c \
             ON c.id = s.criterion_id WHERE s.partner_id IN rarray(?1)",
        )?;
        let scores = stmt.query_map([ids(&kept)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2).ok().flatten(),
            ))
        })?;
        let mut by_partner: BTreeMap<i64, BTreeMap<i64, i64>> = BTreeMap::new();
        for score in scores {
            if let (partner, criterion, Some(value)) = score? {
                by_partner
                    .entry(partner)
                    .or_default()
                    .insert(criterion, value);
            }
        }
        for row in &mut rows {
            row.scores = by_partner.remove(&row.id).unwrap_or_default();
        }
        Ok(rows)
    }

    /// Up to `limit` risks numbered after `after_number`, in code order, with the names they
    /// are linked to and their mitigations.
    pub fn risk_sheet_page(&self, after_number: i64, limit: usize) -> Result<Vec<RiskSheetRow>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.number, r.code, r.title, r.category, coalesce(p.name, ''), \
             coalesce(o.name, ''), r.inherent_likelihood, r.inherent_impact, \
             r.residual_likelihood, r.residual_impact, r.treatment, r.owner, r.status, \
             r.next_review, r.cause, r.event, r.consequence FROM risks r LEFT JOIN partners p ON p.id = r.partner_id \
             LEFT JOIN roles o ON o.id = r.role_id WHERE r.number > ?1 ORDER BY r.number LIMIT ?2",
        )?;
        let scale = |v: Value| match v {
            Value::Integer(n) if (1..=5).contains(&n) => Some(n),
            _ => None,
        };
        let mut rows: Vec<RiskSheetRow> = stmt
            .query_map(params![after_number, limit], |r| {
                Ok(RiskSheetRow {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    code: text(r.get(2)?),
                    title: text(r.get(3)?),
                    category: text(r.get(4)?),
                    partner: text(r.get(5)?),
                    role: text(r.get(6)?),
                    inherent: (scale(r.get(7)?), scale(r.get(8)?)),
                    residual: (scale(r.get(9)?), scale(r.get(10)?)),
                    treatment: text(r.get(11)?),
                    owner: text(r.get(12)?),
                    status: text(r.get(13)?),
                    next_review: optional(r.get(14)?),
                    mitigations: Vec::new(),
                    cause: text(r.get(15)?),
                    event: text(r.get(16)?),
                    consequence: text(r.get(17)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let kept: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut mitigations = self.mitigations_of(&kept)?;
        for row in &mut rows {
            row.mitigations = mitigations.remove(&row.id).unwrap_or_default();
        }
        Ok(rows)
    }

    /// The partners who hold, back up or are candidates for any role, by name.
    pub fn assigned_partners(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM partners WHERE id IN (SELECT partner_id FROM role_assignments) \
             ORDER BY name, id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, text(r.get(1)?))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Workbook {
    /// Every partner's (name, type), for taking names out of a client's deliverable.
    pub fn partner_names_and_types(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT name, partner_type FROM partners")?
            .query_map([], |r| Ok((text(r.get(0)?), text(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// A live KPI's value read now, added to its history as the app would record it on `today`
/// (`plan::live_kpi::history_step`): a new point, today's point changed, or nothing when the
/// value has not moved. A history that already runs past `today` (a report dated back) is left
/// as it is.
fn with_live_reading(history: &mut Vec<(String, f64, String)>, today: Date, value: Option<f64>) {
    let latest = history
        .last()
        .and_then(|(on, v, _)| parse_iso_date(on).map(|on| (on, *v)));
    if latest.is_some_and(|(on, _)| on > today) {
        return;
    }
    match history_step(latest, today, value) {
        HistoryStep::Keep => {}
        HistoryStep::ReplaceToday => {
            if let (Some(point), Some(value)) = (history.last_mut(), value) {
                point.1 = value;
            }
        }
        HistoryStep::Record => {
            if let Some(value) = value {
                history.push((today.to_string(), value, LIVE_NOTE.to_string()));
            }
        }
    }
}

/// The note on a live KPI's value read when a deliverable was written.
pub const LIVE_NOTE: &str = "computed from the plan when this was written";

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn point(on: &str, value: f64) -> (String, f64, String) {
        (on.to_string(), value, String::new())
    }

    #[test]
    fn a_live_reading_joins_the_history_as_the_app_would_record_it() {
        let today = date(2026, 11, 24);
        // Never measured: today's value is the history.
        let mut history = Vec::new();
        with_live_reading(&mut history, today, Some(13.0));
        assert_eq!(history.len(), 1);
        assert_eq!((history[0].0.as_str(), history[0].1), ("2026-11-24", 13.0));
        assert_eq!(history[0].2, LIVE_NOTE);
        // Moved since the last point: a new point.
        let mut history = vec![point("2026-10-01", 8.0)];
        with_live_reading(&mut history, today, Some(13.0));
        assert_eq!(history.len(), 2);
        // Unmoved: the line carries on.
        let mut history = vec![point("2026-10-01", 13.0)];
        with_live_reading(&mut history, today, Some(13.0));
        assert_eq!(history.len(), 1);
        // Already read today: today's point changes.
        let mut history = vec![point("2026-11-24", 12.0)];
        with_live_reading(&mut history, today, Some(13.0));
        assert_eq!(history, vec![point("2026-11-24", 13.0)]);
        // A report dated before the latest point leaves the history alone.
        let mut history = vec![point("2026-12-01", 12.0)];
        with_live_reading(&mut history, today, Some(13.0));
        assert_eq!(history, vec![point("2026-12-01", 12.0)]);
        // No value (nothing to share out): nothing added.
        let mut history = Vec::new();
        with_live_reading(&mut history, today, None);
        assert!(history.is_empty());
    }
}
