//! A partner's joint plan (schema steps 13 and 16): journaled writes of its goals (with the KPIs
//! and offerings each links), commitments and milestones; a check-in that records a milestone's
//! progress is one change. What is stored is read in `records.rs`.

mod check;
mod facts;
mod links;
mod records;

pub(crate) use check::joint_notes;
pub use records::{CommitmentRecord, JointGoalRecord, JointPlan, MilestoneRecord};

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, ToSql};

use super::Workbook;
use super::journal::Change;
use super::strategy::refused;
use crate::plan::joint::{CommitmentDraft, JointGoalDraft, MilestoneDraft, MilestoneProgress};

impl Workbook {
    fn partner_name_of(&self, partner: i64) -> Result<String> {
        self.conn
            .query_row("SELECT name FROM partners WHERE id = ?1", [partner], |r| {
                r.get(0)
            })
            .optional()?
            .context("That partner no longer exists; it may have been deleted or undone.")
    }

    /// Refuses a link to a record that is gone, and a goal of another partner.
    fn check_links(&self, partner: i64, links: &[(&str, &str, Option<i64>)]) -> Result<()> {
        for (table, what, id) in links {
            let Some(id) = id else { continue };
            // `table` is one of ours, never text from a file.
            let found: Option<i64> = if *table == "joint_goals" {
                self.conn
                    .query_row(
                        "SELECT id FROM joint_goals WHERE id = ?1 AND partner_id = ?2",
                        [*id, partner],
                        |r| r.get(0),
                    )
                    .optional()?
            } else {
                self.conn
                    .query_row(
                        &format!("SELECT id FROM {table} WHERE id = ?1"),
                        [*id],
                        |r| r.get(0),
                    )
                    .optional()?
            };
            if found.is_none() {
                bail!(
                    "The {what} chosen no longer exists in this partner's plan (it may have been \
                     deleted or undone); choose it again."
                );
            }
        }
        Ok(())
    }

    /// Adds a joint goal to partner `partner`'s plan; returns its id.
    pub fn add_joint_goal(&mut self, partner: i64, draft: &JointGoalDraft) -> Result<i64> {
        let draft = self.checked_goal(partner, draft)?;
        let name = self.partner_name_of(partner)?;
        let mut change = self.change(format!("add joint goal {} with {name}", draft.title))?;
        let mut columns = goal_columns(&draft);
        let partner_column: (&str, &dyn ToSql) = ("partner_id", &partner);
        columns.insert(0, partner_column);
        let id = change.insert("joint_goals", &columns)?;
        links::write_links(&mut change, partner, id, &draft)?;
        change.commit()?;
        Ok(id)
    }

    fn checked_goal(&self, partner: i64, draft: &JointGoalDraft) -> Result<JointGoalDraft> {
        let draft = draft.checked().map_err(refused)?;
        let mut links = vec![("roles", "role", draft.role)];
        links.extend(draft.kpis.iter().map(|k| ("kpis", "KPI", Some(k.kpi))));
        links.extend(
            draft
                .offerings
                .iter()
                .map(|o| ("offerings", "offering", Some(*o))),
        );
        self.check_links(partner, &links)?;
        Ok(draft)
    }

    /// Changes joint goal `id`.
    pub fn update_joint_goal(&mut self, id: i64, draft: &JointGoalDraft) -> Result<()> {
        let partner = self.joint_owner("joint_goals", id)?;
        let draft = self.checked_goal(partner, draft)?;
        let mut change = self.change(format!("edit joint goal {}", draft.title))?;
        change.update("joint_goals", id, &goal_columns(&draft))?;
        links::write_links(&mut change, partner, id, &draft)?;
        change.commit()
    }

    /// The partner whose plan record `id` of `table` is in.
    fn joint_owner(&self, table: &str, id: i64) -> Result<i64> {
        // `table` is one of the three joint tables, never text from a file.
        self.conn
            .query_row(
                &format!("SELECT partner_id FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .context(
                "That part of the joint plan no longer exists; it may have been deleted or undone.",
            )
    }

    /// Deletes record `id` of a joint table (`joint_goals`, `joint_commitments`,
    /// `joint_milestones`); a goal's commitments and milestones stay, unlinked, in the same
    /// change. Returns its words.
    pub fn delete_joint(&mut self, table: &'static str, id: i64) -> Result<String> {
        self.joint_owner(table, id)?;
        let column = if table == "joint_commitments" {
            "what"
        } else {
            "title"
        };
        let name: String = self.conn.query_row(
            &format!("SELECT {column} FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        let noun = match table {
            "joint_goals" => "joint goal",
            "joint_commitments" => "commitment",
            _ => "milestone",
        };
        let mut change = self.change(format!("delete {noun} {name}"))?;
        if table == "joint_goals" {
            unlink_goal_parts(&mut change, id)?;
        }
        change.delete(table, id)?;
        change.commit()?;
        Ok(name)
    }

    /// Adds a commitment (`id` None) to partner `partner`'s plan or changes one; returns its id.
    pub fn save_commitment(
        &mut self,
        partner: i64,
        id: Option<i64>,
        draft: &CommitmentDraft,
    ) -> Result<i64> {
        let draft = draft.checked().map_err(refused)?;
        let columns: [(&str, &dyn ToSql); 5] = [
            ("joint_goal_id", &draft.goal),
            ("side", &draft.side),
            ("what", &draft.what),
            ("due_on", &draft.due_on),
            ("status", &draft.status),
        ];
        let label = format!("save commitment {}", draft.what);
        self.save_goal_part(
            "joint_commitments",
            partner,
            id,
            draft.goal,
            label,
            &columns,
        )
    }

    /// Adds a milestone (`id` None) to partner `partner`'s plan or changes one; returns its id.
    pub fn save_milestone(
        &mut self,
        partner: i64,
        id: Option<i64>,
        draft: &MilestoneDraft,
    ) -> Result<i64> {
        let draft = draft.checked().map_err(refused)?;
        let label = format!("save milestone {}", draft.title);
        let columns = milestone_columns(&draft);
        self.save_goal_part("joint_milestones", partner, id, draft.goal, label, &columns)
    }

    /// Writes a checked commitment or milestone (`table`): added to `partner`'s plan, or record
    /// `id` changed in its own partner's plan; `goal` must be a joint goal of that plan.
    fn save_goal_part(
        &mut self,
        table: &'static str,
        partner: i64,
        id: Option<i64>,
        goal: Option<i64>,
        label: String,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<i64> {
        let partner = match id {
            Some(id) => self.joint_owner(table, id)?,
            None => partner,
        };
        self.partner_name_of(partner)?;
        self.check_links(partner, &[("joint_goals", "joint goal", goal)])?;
        let mut change = self.change(label)?;
        let id = match id {
            Some(id) => {
                change.update(table, id, columns)?;
                id
            }
            None => {
                let mut with_partner = vec![("partner_id", &partner as &dyn ToSql)];
                with_partner.extend_from_slice(columns);
                change.insert(table, &with_partner)?
            }
        };
        change.commit()?;
        Ok(id)
    }

    /// Logs a check-in and, in the same change, what it says of milestone `progress.0` (done
    /// that day, or moved to another); `u` undoes both at once.
    pub fn add_checkin_with_progress(
        &mut self,
        partner: i64,
        held_on: Date,
        summary: &str,
        progress: Option<(i64, MilestoneProgress)>,
    ) -> Result<i64> {
        let Some((milestone, progress)) = progress else {
            return self.add_checkin(partner, held_on, summary);
        };
        let record = self.milestone(milestone)?;
        if record.partner != partner {
            bail!("That milestone belongs to another partner's plan; choose one of this plan's.");
        }
        let next = record
            .milestone
            .progressed(&progress)
            .checked()
            .map_err(refused)?;
        let date = held_on.to_string();
        let summary = summary.trim().to_string();
        let mut change = self.change(format!(
            "log check-in on {date} and milestone {}",
            next.title
        ))?;
        let id = change.insert(
            "checkins",
            &[
                ("partner_id", &partner),
                ("held_on", &date),
                ("summary", &summary),
            ],
        )?;
        change.update("joint_milestones", milestone, &milestone_columns(&next))?;
        change.commit()?;
        Ok(id)
    }
}

/// Unlinks joint goal `goal`'s commitments and milestones and deletes its KPI and offering
/// links in `change`, before the goal is deleted (those references have no `ON DELETE` action:
/// see schema steps 13 and 16). Every delete of a joint goal goes through here: the app's and a
/// merge's.
pub(crate) fn unlink_goal_parts(change: &mut Change<'_>, goal: i64) -> Result<()> {
    links::delete_links(change, goal)?;
    for table in ["joint_commitments", "joint_milestones"] {
        for part in links::goal_parts(change, table, goal)? {
            change.update(table, part, &[("joint_goal_id", &None::<i64>)])?;
        }
    }
    Ok(())
}

fn goal_columns(draft: &JointGoalDraft) -> Vec<(&'static str, &dyn ToSql)> {
    vec![
        ("title", &draft.title),
        ("commitment", &draft.commitment),
        ("due_on", &draft.due_on),
        ("status", &draft.status),
        ("role_id", &draft.role),
        ("segment", &draft.segment),
    ]
}

fn milestone_columns(draft: &MilestoneDraft) -> [(&'static str, &dyn ToSql); 5] {
    [
        ("joint_goal_id", &draft.goal),
        ("title", &draft.title),
        ("due_on", &draft.due_on),
        ("status", &draft.status),
        ("done_on", &draft.done_on),
    ]
}
