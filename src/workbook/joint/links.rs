//! The KPIs a joint goal moves and the offerings it is about (schema step 16): read beside the
//! goals, and written as link records in the goal's own change — kept, changed, added or deleted
//! one by one, so undo and a merge see each link.

use anyhow::Result;
use rusqlite::ToSql;

use super::JointGoalRecord;
use crate::plan::joint::{GoalKpi, JointGoalDraft};
use crate::plan::kpi::Direction;
use crate::workbook::Workbook;
use crate::workbook::journal::Change;

fn direction_word(wants: Option<Direction>) -> &'static str {
    wants.map_or("", Direction::word)
}

impl Workbook {
    /// Fills `goals`' KPI and offering links (of `partner`'s plan, or of every plan), in the
    /// order they were linked.
    pub(super) fn attach_links<'g>(
        &self,
        goals: impl Iterator<Item = &'g mut JointGoalRecord>,
        partner: Option<i64>,
    ) -> Result<()> {
        let mut by_id: std::collections::HashMap<i64, &mut JointGoalRecord> =
            goals.map(|g| (g.id, g)).collect();
        if by_id.is_empty() {
            return Ok(());
        }
        let filter = if partner.is_some() {
            "WHERE l.partner_id = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT l.joint_goal_id, l.kpi_id, l.kpi_direction, l.kpi_target, k.name \
             FROM joint_goal_kpis l JOIN kpis k ON k.id = l.kpi_id {filter} ORDER BY l.id"
        ))?;
        let rows = stmt.query_map([partner], |r| {
            let wants: String = r.get(2)?;
            Ok((
                r.get::<_, i64>(0)?,
                GoalKpi {
                    kpi: r.get(1)?,
                    wants: Direction::from_word(&wants),
                    target: r.get(3)?,
                },
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (goal, link, name) = row?;
            if let Some(g) = by_id.get_mut(&goal) {
                g.goal.kpis.push(link);
                g.kpi_names.push(name);
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT l.joint_goal_id, l.offering_id, o.name FROM joint_goal_offerings l \
             JOIN offerings o ON o.id = l.offering_id {filter} ORDER BY l.id"
        ))?;
        let rows = stmt.query_map([partner], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (goal, offering, name) = row?;
            if let Some(g) = by_id.get_mut(&goal) {
                g.goal.offerings.push(offering);
                g.offering_names.push(name);
            }
        }
        Ok(())
    }
}

/// Makes goal `goal`'s links those of `draft` in `change`: a link that stays is kept (changed
/// when its way or target did), one no longer there is deleted, a new one added.
pub(super) fn write_links(
    change: &mut Change<'_>,
    partner: i64,
    goal: i64,
    draft: &JointGoalDraft,
) -> Result<()> {
    let stored: Vec<(i64, i64, String, Option<f64>)> = change
        .conn()
        .prepare_cached(
            "SELECT id, kpi_id, kpi_direction, kpi_target FROM joint_goal_kpis \
             WHERE joint_goal_id = ?1 ORDER BY id",
        )?
        .query_map([goal], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kpi, wants, target) in &stored {
        match draft.kpis.iter().find(|k| k.kpi == *kpi) {
            None => change.delete("joint_goal_kpis", *id)?,
            Some(link) => {
                let word = direction_word(link.wants);
                if word != wants || link.target != *target {
                    change.update(
                        "joint_goal_kpis",
                        *id,
                        &[("kpi_direction", &word), ("kpi_target", &link.target)],
                    )?;
                }
            }
        }
    }
    for link in &draft.kpis {
        if stored.iter().all(|(_, kpi, _, _)| *kpi != link.kpi) {
            let word = direction_word(link.wants);
            let columns: [(&str, &dyn ToSql); 5] = [
                ("joint_goal_id", &goal),
                ("kpi_id", &link.kpi),
                ("partner_id", &partner),
                ("kpi_direction", &word),
                ("kpi_target", &link.target),
            ];
            change.insert("joint_goal_kpis", &columns)?;
        }
    }
    let stored: Vec<(i64, i64)> = change
        .conn()
        .prepare_cached(
            "SELECT id, offering_id FROM joint_goal_offerings WHERE joint_goal_id = ?1 \
             ORDER BY id",
        )?
        .query_map([goal], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, offering) in &stored {
        if !draft.offerings.contains(offering) {
            change.delete("joint_goal_offerings", *id)?;
        }
    }
    for offering in &draft.offerings {
        if stored.iter().all(|(_, o)| o != offering) {
            change.insert(
                "joint_goal_offerings",
                &[
                    ("joint_goal_id", &goal),
                    ("offering_id", offering),
                    ("partner_id", &partner),
                ],
            )?;
        }
    }
    Ok(())
}

/// Deletes goal `goal`'s KPI and offering links in `change` (before the goal goes).
pub(super) fn delete_links(change: &mut Change<'_>, goal: i64) -> Result<()> {
    for table in ["joint_goal_kpis", "joint_goal_offerings"] {
        for link in goal_parts(change, table, goal)? {
            change.delete(table, link)?;
        }
    }
    Ok(())
}

/// The ids of `table`'s records that belong to joint goal `goal`, in order. `table` is one of
/// ours, never text from a file.
pub(super) fn goal_parts(change: &Change<'_>, table: &str, goal: i64) -> Result<Vec<i64>> {
    Ok(change
        .conn()
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE joint_goal_id = ?1 ORDER BY id"
        ))?
        .query_map([goal], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
