//! Live KPIs: the facts they are computed from, read set-based (one aggregate query each, through
//! indexes where the 100,000-partner workbook needs them), and their history, recorded at most
//! once per day outside the change journal.
//!
//! Why outside the journal: a history point is a reading of the plan, not an edit of it. Were it
//! journaled, every open of the app would push an entry that `u` undoes and would end the redo
//! history. It is written in its own small transaction and never touches `change_journal`; undoing
//! an edit that adds or deletes a live KPI still takes its history with it (the foreign key), and
//! undoing the delete brings the recorded points back from the journal's images.

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::params;

use super::super::partners::checkin_due_sql;
use super::super::risks::CURRENT_SCORE;
use super::super::{Workbook, new_uuid, timestamp_now};
use crate::plan::live_kpi::{HistoryStep, LiveFacts, LiveSource, history_step};
use crate::plan::risk::Bands;

/// What the live values depend on besides the workbook.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveContext {
    pub today: Date,
    /// Which current risk scores count as high or critical.
    pub bands: Bands,
}

impl Workbook {
    /// The counts and values live KPIs are computed from.
    pub fn live_facts(&self, ctx: &LiveContext) -> Result<LiveFacts> {
        let today = ctx.today.to_string();
        let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<usize> {
            let n: i64 = self.conn.prepare_cached(sql)?.query_row(p, |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        // `figures::ONBOARDED`, as the Overview counts it.
        let (onboarding, fully): (i64, i64) = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FILTER (WHERE {}), count(*) FILTER (WHERE {}) FROM partners",
                crate::workbook::partners::tended_sql("stage"),
                crate::workbook::partners::onboarded_sql()
            ))?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        // Coverage as the Roles tab and the Overview count it (one definition of "in place").
        let (coverage, _) = self.coverage_overview()?;
        // Averaged in SQL rather than read partner by partner (100,000 of them may be active):
        // the mean of the one average is the mean of all fits, which is all the rule reads.
        let average_fit: Option<f64> = self
            .conn
            .prepare_cached(
                "SELECT avg(fit_score) FROM partners WHERE stage = 'active' AND fit_score >= 0",
            )?
            .query_row([], |r| r.get(0))?;
        Ok(LiveFacts {
            active_partners: count("SELECT count(*) FROM partners WHERE stage = 'active'", &[])?,
            onboarding_partners: usize::try_from(onboarding).unwrap_or(0),
            fully_onboarded: usize::try_from(fully).unwrap_or(0),
            roles: coverage.roles,
            roles_in_place: coverage.in_place,
            open_high_risks: count(
                &format!(
                    "SELECT count(*) FROM risks WHERE status IN ('open', 'mitigating') \
                     AND {CURRENT_SCORE} >= ?1"
                ),
                &[&ctx.bands.high],
            )?,
            active_fits: average_fit.into_iter().collect(),
            // The roster's own rule; the default cadence is the one the file records.
            overdue_check_ins: count(
                &format!(
                    "SELECT count(*) FROM partners WHERE {}",
                    checkin_due_sql(
                        "stage",
                        "(SELECT checkin_cadence_days FROM workbook_meta)",
                        "<",
                        "?1"
                    )
                ),
                &[&today],
            )?,
            launched_offerings: count(
                "SELECT count(*) FROM offerings WHERE lower(trim(status)) = 'launched'",
                &[],
            )?,
            launched_by_kpi: self
                .conn
                .prepare_cached(
                    "SELECT l.kpi_id, coalesce(sum(lower(trim(o.status)) = 'launched'), 0) \
                     FROM offering_kpis l JOIN offerings o ON o.id = l.offering_id \
                     GROUP BY l.kpi_id ORDER BY l.kpi_id",
                )?
                .query_map([], |r| {
                    Ok((r.get(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
                })?
                .collect::<rusqlite::Result<_>>()?,
            active_partner_links: count(
                "SELECT count(*) FROM partner_links l \
                 JOIN partners a ON a.id = l.from_partner_id AND a.stage = 'active' \
                 JOIN partners b ON b.id = l.to_partner_id AND b.stage = 'active' \
                 WHERE l.status = 'active'",
                &[],
            )?,
        })
    }

    /// Whether the workbook has any live KPI (so the facts are worth reading).
    pub fn has_live_kpis(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM kpis WHERE live_source != '')")?
            .query_row([], |r| r.get(0))?)
    }

    /// Brings every live KPI's history up to `facts` on `ctx.today`: a new point, today's point
    /// changed, or nothing (see `plan::live_kpi::history_step`). Not journaled (see the module's
    /// note); nothing is written to a read-only workbook. Returns how many points changed.
    pub fn record_live_history(&mut self, ctx: &LiveContext, facts: &LiveFacts) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        let live: Vec<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, live_source FROM kpis WHERE live_source != ''")?
            .query_map([], |r| Ok((r.get(0)?, super::super::text(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let mut steps = Vec::new();
        for (kpi_id, source) in live {
            let Some(source) = LiveSource::from_word(&source) else {
                continue;
            };
            let latest = self.latest_point(kpi_id)?;
            let value = source.value_of(kpi_id, facts).map(|v| source.stored(v));
            let step = history_step(latest.map(|(_, on, v)| (on, v)), ctx.today, value);
            if let (Some(value), false) = (value, step == HistoryStep::Keep) {
                steps.push((kpi_id, step, latest.map(|(id, _, _)| id), value));
            }
        }
        if steps.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.unchecked_transaction()?;
        let (now, day) = (timestamp_now(), ctx.today.to_string());
        for (kpi_id, step, latest_id, value) in &steps {
            match (step, latest_id) {
                (HistoryStep::ReplaceToday, Some(id)) => tx.execute(
                    "UPDATE kpi_measurements SET value = ?2, updated_at = ?3 WHERE id = ?1",
                    params![id, value, now],
                )?,
                _ => tx.execute(
                    "INSERT INTO kpi_measurements (uuid, kpi_id, measured_on, value, note, \
                     created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '', ?5, ?5)",
                    params![new_uuid(), kpi_id, day, value, now],
                )?,
            };
        }
        tx.commit()?;
        Ok(steps.len())
    }

    /// The latest point of a KPI's history: (row id, date, value).
    fn latest_point(&self, kpi_id: i64) -> Result<Option<(i64, Date, f64)>> {
        Ok(self
            .measurements(kpi_id, 0, 1)?
            .into_iter()
            .next()
            .map(|m| (m.id, m.on, m.value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::connection::{self, Access};
    use crate::workbook::schema::MIGRATIONS;
    use crate::workbook::{OpenOptions, meta, migrate};

    fn plan_of(wb: &Workbook, sql: &str) -> String {
        wb.conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap()
            .join("; ")
    }

    /// Schema 4 adds the indexes the live facts and the ROI read through: a schema-3 file with
    /// partners and money upgrades, keeps them, and the live queries read indexes only.
    #[test]
    fn schema_3_files_upgrade_to_the_metrics_indexes() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("v3.partnerplan");
        {
            let mut conn = connection::open(&path, Access::Create).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            migrate::migrate(&mut conn, &MIGRATIONS[..3]).unwrap();
            meta::initialise(&conn, "Old", &[]).unwrap();
            conn.execute_batch(
                "INSERT INTO partners (uuid, name, stage, onboarding_pct, fit_score, created_at, \
                 updated_at) VALUES ('p1', 'Acme', 'active', 100, 80, 't', 't'), \
                 ('p2', 'Bolt', 'onboarding', 50, -1, 't', 't'); \
                 INSERT INTO investments (uuid, spent_on, item, amount_minor, created_at, \
                 updated_at) VALUES ('i1', '2026-01-01', 'Portal', 1000, 't', 't');",
            )
            .unwrap();
        }
        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        assert_eq!(
            migrate::user_version(&wb.conn).unwrap(),
            MIGRATIONS.len() as i64
        );
        let ctx = LiveContext {
            today: jiff::civil::date(2026, 3, 1),
            bands: Bands::default(),
        };
        let facts = wb.live_facts(&ctx).unwrap();
        assert_eq!(
            (
                facts.active_partners,
                facts.onboarding_partners,
                facts.fully_onboarded
            ),
            (1, 2, 1)
        );
        assert_eq!(facts.active_fits, [80.0]);
        assert_eq!(wb.investment_count().unwrap(), 1);
        let onboarding = plan_of(
            &wb,
            "SELECT count(*), sum(onboarding_pct = 100) FROM partners \
             WHERE stage IN ('onboarding', 'active')",
        );
        assert!(
            onboarding.contains("COVERING INDEX partners_by_stage_onboarding"),
            "{onboarding}"
        );
        let fit = plan_of(
            &wb,
            "SELECT avg(fit_score) FROM partners WHERE stage = 'active' AND fit_score >= 0",
        );
        assert!(
            fit.contains("COVERING INDEX partners_by_stage_fit"),
            "{fit}"
        );
    }
}
