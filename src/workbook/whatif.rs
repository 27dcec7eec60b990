//! Reads what a what-if scenario needs — roles, assignments, offering members, returns by
//! partner — and hands it to the plan's rule (`plan::whatif`). Nothing is written.

use std::collections::BTreeSet;

use anyhow::Result;

use super::Workbook;
use super::money::{MONEY_KINDS, period_clause};
use crate::plan::money::Period;
use crate::plan::whatif::{Contribution, WhatIf, what_if};

impl Workbook {
    /// The plan without the partners in `leaving`, returns summed over `period`.
    pub fn what_if(&self, leaving: &BTreeSet<i64>, period: Period) -> Result<WhatIf> {
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
        Ok(what_if(
            leaving,
            &roles,
            &assignments,
            &contributions,
            &returns,
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
