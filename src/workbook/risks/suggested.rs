//! The risks the plan suggests: the facts the rules need, read from the workbook (only the
//! partners a rule may look at, never the whole roster), and the remembered dismissals.

use std::collections::{HashMap, HashSet};

use anyhow::{Result, bail};
use rusqlite::params;

use crate::plan::concentration::Thresholds;
use crate::plan::coverage::role_coverage;
use crate::plan::risk_suggestions::{
    PartnerFacts, PlanFacts, ProtocolFacts, RoleFacts, Sensitivity, Suggestion, suggestions,
};
use crate::plan::roles::Role;
use crate::workbook::partners::checkin_due_sql;
use crate::workbook::{Workbook, text};

impl Workbook {
    /// The plan's current risk suggestions, without dismissed ones and ones already taken up,
    /// concentration judged by the default thresholds.
    pub fn risk_suggestions(
        &self,
        today: &str,
        default_cadence_days: i64,
    ) -> Result<Vec<Suggestion>> {
        self.risk_suggestions_within(today, default_cadence_days, Thresholds::default())
    }

    /// As `risk_suggestions`, concentration judged by `thresholds` (the config's).
    pub fn risk_suggestions_within(
        &self,
        today: &str,
        default_cadence_days: i64,
        thresholds: Thresholds,
    ) -> Result<Vec<Suggestion>> {
        let roles: Vec<Role> = self.roles()?.into_iter().map(|r| r.role).collect();
        let assignments = self.assignments()?;
        let coverage = role_coverage(&roles, &assignments);
        let by_id: HashMap<i64, &Role> = roles.iter().map(|r| (r.id, r)).collect();
        let role_facts: Vec<RoleFacts> = coverage
            .into_iter()
            .filter_map(|c| {
                let role = by_id.get(&c.role_id)?;
                Some(RoleFacts {
                    name: role.name.clone(),
                    criticality: role.criticality,
                    coverage: c,
                })
            })
            .collect();
        // Partners a rule may look at: holders of roles, and active partners that are gated out
        // or overdue for a check-in. Not the whole roster.
        let overdue = checkin_due_sql("stage", "?1", "<", "?2");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, name, stage, gated_out, ({overdue}) FROM partners \
             WHERE id IN (SELECT partner_id FROM role_assignments) \
             OR (stage = 'active' AND gated_out = 1) OR ({overdue})"
        ))?;
        let partners: Vec<PartnerFacts> = stmt
            .query_map(params![default_cadence_days, today], |r| {
                Ok(PartnerFacts {
                    id: r.get(0)?,
                    name: text(r.get(1)?),
                    stage: text(r.get(2)?),
                    gated_out: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
                    checkins_overdue: r.get::<_, Option<bool>>(4)?.unwrap_or(false),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let protocols: Vec<ProtocolFacts> = self
            .conn
            .prepare_cached(
                "SELECT id, data_item, sensitivity, protection_measures FROM data_protocols",
            )?
            .query_map([], |r| {
                Ok(ProtocolFacts {
                    id: r.get(0)?,
                    data_item: text(r.get(1)?),
                    sensitivity: Sensitivity::from_word(&text(r.get(2)?)).unwrap_or_default(),
                    protection_measures: text(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let keys = |sql: &str| -> Result<HashSet<String>> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        let dismissed = keys("SELECT suggestion_key FROM risk_dismissals")?;
        let accepted = keys("SELECT suggestion_key FROM risks WHERE suggestion_key != ''")?;
        let structure = self.structure_facts()?;
        let concentrations =
            self.concentrations(crate::plan::money::Period::default(), thresholds)?;
        let facts = PlanFacts {
            partners: &partners,
            roles: &role_facts,
            protocols: &protocols,
            offerings: &structure.offerings,
            brokers: &structure.brokers,
            rivals: &structure.rivals,
            concentrations: &concentrations,
        };
        Ok(suggestions(&facts, &dismissed, &accepted))
    }

    /// Remembers that the suggestion `key` is not wanted (journaled: `u` brings it back).
    pub fn dismiss_suggestion(&mut self, key: &str) -> Result<()> {
        let key = key.trim();
        if key.is_empty() {
            bail!("that suggestion has no key");
        }
        let known: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM risk_dismissals WHERE suggestion_key = ?1",
            [key],
            |r| r.get(0),
        )?;
        if known {
            return Ok(());
        }
        let mut change = self.change("dismiss a suggested risk")?;
        change.insert("risk_dismissals", &[("suggestion_key", &key)])?;
        change.commit()
    }
}
