//! What the joint plans' conflict check reads: every joint goal with its partner, the KPIs they
//! move (every link of every goal) with the hub's goals each measures, the offerings with their partner members, the roles.

use std::collections::HashMap;

use anyhow::Result;

use crate::plan::joint::conflicts::{
    Conflict, GoalFacts, JointFacts, KpiFacts, OfferingFacts, conflicts,
};
use crate::plan::kpi::Direction;
use crate::workbook::Workbook;

impl Workbook {
    /// The facts of the conflict check (only what joint goals link to is read).
    pub fn joint_facts(&self) -> Result<JointFacts> {
        let goals: Vec<GoalFacts> = self
            .joint_goals_all()?
            .into_iter()
            .map(|(partner, g)| GoalFacts {
                id: g.id,
                partner_id: g.partner,
                partner,
                title: g.goal.title,
                status: g.goal.status,
                kpis: g.goal.kpis,
                role: g.goal.role,
                segment: g.goal.segment,
                offerings: g.goal.offerings,
            })
            .collect();
        let mut facts = JointFacts {
            goals,
            ..JointFacts::default()
        };
        if facts.goals.is_empty() {
            return Ok(facts);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.id, k.name, k.direction, k.baseline, k.target, g.title FROM kpis k \
             LEFT JOIN goals g ON g.id = k.goal_id \
             WHERE k.id IN (SELECT kpi_id FROM joint_goal_kpis) ORDER BY k.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let direction: String = r.get(2)?;
            Ok(KpiFacts {
                id: r.get(0)?,
                name: r.get(1)?,
                direction: Direction::from_word(&direction).unwrap_or_default(),
                baseline: r.get(3)?,
                target: r.get(4)?,
                hub_goals: r.get::<_, Option<String>>(5)?.into_iter().collect(),
            })
        })?;
        facts.kpis = rows.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name, o.segment FROM offerings o \
             WHERE o.id IN (SELECT offering_id FROM joint_goal_offerings) ORDER BY o.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(OfferingFacts {
                id: r.get(0)?,
                name: r.get(1)?,
                segment: r.get(2)?,
                partners: Vec::new(),
            })
        })?;
        facts.offerings = rows.collect::<rusqlite::Result<_>>()?;
        let at: HashMap<i64, usize> = facts
            .offerings
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT offering_id, partner_id FROM offering_members WHERE partner_id IS NOT NULL \
             AND offering_id IN (SELECT offering_id FROM joint_goal_offerings)",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (offering, partner) = row?;
            if let Some(&i) = at.get(&offering) {
                facts.offerings[i].partners.push(partner);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM roles WHERE id IN (SELECT role_id FROM joint_goals) ORDER BY id",
        )?;
        facts.roles = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(facts)
    }

    /// Every conflict between joint goals and the hub's goals, or between partners' goals.
    pub fn joint_conflicts(&self) -> Result<Vec<Conflict>> {
        Ok(conflicts(&self.joint_facts()?))
    }
}
