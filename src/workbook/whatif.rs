//! Reads what a what-if scenario needs — roles, assignments, offering members, returns by
//! partner — and hands it to the plan's rule (`plan::whatif`). Nothing is written.

use std::collections::BTreeSet;

use anyhow::Result;

use super::Workbook;
use super::money::{MONEY_KINDS, period_clause};
use crate::plan::money::Period;
use crate::plan::whatif::events::{
    Event, LiveCount, LiveKpi, RiskLink, ScenarioFacts, weakened_roles, with_events,
};
use crate::plan::whatif::{Contribution, WhatIf, what_if};

/// What `plan::whatif` reads, once per scenario.
struct Inputs {
    roles: Vec<crate::plan::roles::Role>,
    assignments: Vec<crate::plan::coverage::Assignment>,
    contributions: Vec<Contribution>,
    returns: Vec<(Option<i64>, i64)>,
}

impl Workbook {
    fn what_if_inputs(&self, period: Period) -> Result<Inputs> {
        let roles: Vec<_> = self.roles()?.into_iter().map(|r| r.role).collect();
        let assignments = self.assignments()?;
        let contributions: Vec<Contribution> = self
            .offerings()?
            .into_iter()
            .flat_map(|o| {
                let name = o.offering.name.clone();
                o.members.into_iter().map(move |m| Contribution {
                    offering: name.clone(),
                    partner: m.member.partner,
                    contribution: m.member.contribution,
                    critical: m.member.critical,
                })
            })
            .collect();
        let mut params = Vec::new();
        let logged = period_clause("logged_on", &period, &mut params);
        let returns: Vec<(Option<i64>, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT partner_id, sum(amount_minor) FROM value_log \
                 WHERE kind IN {MONEY_KINDS} AND amount_minor IS NOT NULL AND {logged} \
                 GROUP BY partner_id"
            ))?
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Inputs {
            roles,
            assignments,
            contributions,
            returns,
        })
    }

    /// The plan without the partners in `leaving`, returns summed over `period`.
    pub fn what_if(&self, leaving: &BTreeSet<i64>, period: Period) -> Result<WhatIf> {
        let i = self.what_if_inputs(period)?;
        Ok(what_if(
            leaving,
            &i.roles,
            &i.assignments,
            &i.contributions,
            &i.returns,
        ))
    }

    /// A scenario's outcome: the plan without every partner its events name, returns summed
    /// over `period` (a delay stakes its months' share of them), the live KPIs that would move
    /// and the open risks that would rise. Only reads.
    pub fn scenario_outcome(&self, events: &[Event], period: Period) -> Result<WhatIf> {
        let i = self.what_if_inputs(period)?;
        let affected: BTreeSet<i64> = events.iter().map(|e| e.partner).collect();
        let base = what_if(
            &affected,
            &i.roles,
            &i.assignments,
            &i.contributions,
            &i.returns,
        );
        // Counts and the risks that matter only, read by id: a scenario names a few partners,
        // the plan may hold 100,000 partners and risks. The lists are integer ids written here,
        // so nothing typed by a user reaches the SQL text.
        let ids = |set: &BTreeSet<i64>| {
            let list: Vec<String> = set.iter().map(i64::to_string).collect();
            list.join(", ")
        };
        let weakened = weakened_roles(events, &i.roles, &i.assignments);
        let (partners, roles) = (ids(&affected), ids(&weakened));
        let (active, active_affected): (i64, i64) = self.conn.query_row(
            &format!(
                "SELECT count(*), count(*) FILTER (WHERE id IN ({partners})) FROM partners \
                 WHERE stage = 'active'"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let live_kpis: Vec<LiveKpi> = self
            .conn
            .prepare_cached(
                "SELECT name, live_source FROM kpis \
                 WHERE live_source IN ('active_partners', 'role_coverage') ORDER BY name, id",
            )?
            .query_map([], |r| {
                let source: String = r.get(1)?;
                Ok(LiveKpi {
                    name: super::text(r.get(0)?),
                    counts: if source == "active_partners" {
                        LiveCount::ActivePartners
                    } else {
                        LiveCount::RoleCoverage
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let risks: Vec<RiskLink> = self
            .conn
            .prepare(&format!(
                "SELECT code, title, partner_id, role_id FROM risks \
                 WHERE (partner_id IN ({partners}) OR role_id IN ({roles})) \
                 AND status IN ('open', 'mitigating') ORDER BY code"
            ))?
            .query_map([], |r| {
                Ok(RiskLink {
                    code: super::text(r.get(0)?),
                    title: super::text(r.get(1)?),
                    partner: r.get(2)?,
                    role: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let facts = ScenarioFacts {
            active: usize::try_from(active).unwrap_or(0),
            active_affected: usize::try_from(active_affected).unwrap_or(0),
            live_kpis: &live_kpis,
            risks: &risks,
        };
        Ok(with_events(
            base,
            events,
            &i.roles,
            &i.assignments,
            &i.returns,
            &facts,
        ))
    }

    /// The partner called `name` (ignoring case and surrounding space): its id and name as
    /// stored; `Err` with a sentence naming up to three partners whose names hold it otherwise.
    pub fn partner_named(&self, name: &str) -> Result<(i64, String), String> {
        let wanted = name.trim();
        let found: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, name FROM partners WHERE name = ?1 COLLATE NOCASE LIMIT 1")
            .and_then(|mut stmt| {
                let mut rows = stmt.query([wanted])?;
                rows.next()?
                    .map(|r| Ok((r.get(0)?, super::text(r.get(1)?))))
                    .transpose()
            })
            .map_err(|err| format!("the partners could not be read: {err}"))?;
        if let Some(found) = found {
            return Ok(found);
        }
        let like: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT name FROM partners WHERE instr(lower(name), lower(?1)) > 0 \
                 ORDER BY name LIMIT 3",
            )
            .and_then(|mut stmt| {
                stmt.query_map([wanted], |r| Ok(super::text(r.get(0)?)))?
                    .collect()
            })
            .unwrap_or_default();
        let shown = crate::plan::text::clean(wanted);
        Err(if like.is_empty() {
            format!("no partner is called \"{shown}\"; write the name as the roster shows it.")
        } else {
            format!(
                "no partner is called \"{shown}\"; did you mean {}?",
                like.iter()
                    .map(|n| format!("\"{}\"", crate::plan::text::clean(n)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        })
    }
}
