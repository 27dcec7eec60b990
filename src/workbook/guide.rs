//! The Guide in the workbook: the facts its checks read, each step's note and "not applicable"
//! mark (journaled like every edit), and the report the Guide tab draws.

mod ecosystem;
mod facts;
mod joint;

use std::collections::HashMap;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;

use super::Workbook;
use crate::plan::framework::{Framework, Step, shipped};
use crate::plan::guide::{
    GuideFacts, ManualState, StepProgress, StepStatus, next_incomplete, readiness, statuses,
};
use crate::plan::risk::Bands;

/// Where the whole method stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideReport {
    /// One per step, in the method's order.
    pub statuses: Vec<StepStatus>,
    /// What the user keeps per step, by step key (steps without a row are absent).
    pub progress: HashMap<String, StepProgress>,
    /// Percent, by `plan::guide::readiness`.
    pub readiness: u8,
    /// The first step, from the start, that is neither done nor not applicable.
    pub next_incomplete: Option<usize>,
}

impl Workbook {
    /// What the Guide's checks look at; "high" risks follow `bands`.
    pub fn guide_facts(&self, bands: &Bands) -> Result<GuideFacts> {
        let mut facts = facts::gather(&self.conn, bands)?;
        facts.joint = self.joint_goal_facts()?;
        Ok(facts)
    }

    /// Whether anything of a plan has been written: a partner, role, risk, KPI, goal, strategy
    /// text or step note. The criteria and checklist a new workbook starts with do not count.
    /// Cheap at any size (each `EXISTS` stops at the first row).
    pub fn holds_plan(&self) -> Result<bool> {
        let sql = "SELECT EXISTS (SELECT 1 FROM partners) OR EXISTS (SELECT 1 FROM roles) \
                   OR EXISTS (SELECT 1 FROM risks) OR EXISTS (SELECT 1 FROM kpis) \
                   OR EXISTS (SELECT 1 FROM goals) OR EXISTS (SELECT 1 FROM strategy) \
                   OR EXISTS (SELECT 1 FROM framework_progress)";
        Ok(self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
    }

    /// Every stored step row, by step key (rows of steps the method no longer has included).
    pub fn step_progress(&self) -> Result<HashMap<String, StepProgress>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT step_key, note, manual_state, reason FROM framework_progress",
        )?;
        let rows = stmt.query_map([], |r| {
            let (key, note, manual, reason): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok((key, StepProgress::from_stored(&note, &manual, &reason)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The statuses of `framework`'s steps, readiness and the first incomplete step.
    pub fn guide(&self, framework: &Framework, bands: &Bands) -> Result<GuideReport> {
        let facts = self.guide_facts(bands)?;
        let progress = self.step_progress()?;
        let statuses = statuses(framework, &facts, &progress);
        let readiness = readiness(&framework.steps, &statuses);
        // Starting "after the last step" wraps to the first, so this is the first from the start.
        let next_incomplete = next_incomplete(&statuses, statuses.len().saturating_sub(1));
        Ok(GuideReport {
            statuses,
            progress,
            readiness,
            next_incomplete,
        })
    }

    /// Writes step `step_key`'s note (blank clears it).
    pub fn set_step_note(&mut self, step_key: &str, note: &str) -> Result<()> {
        let step = known_step(step_key)?;
        // What it may hold is the intake rules' to say, as for every stored value.
        let note = note.trim();
        let label = if note.is_empty() {
            format!("clear the note on \"{}\"", step.title)
        } else {
            format!("note on \"{}\"", step.title)
        };
        self.write_step(step, &label, &[("note", note)])
    }

    /// Marks step `step_key` not applicable, for `reason` (required: the Guide shows it, and a
    /// step set aside without one would hide why).
    pub fn mark_step_not_applicable(&mut self, step_key: &str, reason: &str) -> Result<()> {
        let step = known_step(step_key)?;
        let reason = reason.trim();
        if reason.is_empty() {
            bail!(
                "\"{}\" was not marked not applicable: write the reason it does not apply to \
                 this plan, so whoever reads the plan knows why it was set aside.",
                step.title
            );
        }
        let label = format!("mark \"{}\" not applicable", step.title);
        let manual = ManualState::NotApplicable.word();
        self.write_step(
            step,
            &label,
            &[("manual_state", manual), ("reason", reason)],
        )
    }

    /// Takes the "not applicable" mark and its reason off step `step_key`.
    pub fn clear_step_not_applicable(&mut self, step_key: &str) -> Result<()> {
        let step = known_step(step_key)?;
        let label = format!("mark \"{}\" applicable again", step.title);
        let unset = ManualState::Unset.word();
        self.write_step(step, &label, &[("manual_state", unset), ("reason", "")])
    }

    /// One journaled edit of the step's row, created on first write; nothing when nothing changes.
    fn write_step(&mut self, step: &Step, label: &str, values: &[(&str, &str)]) -> Result<()> {
        let existing: Option<(i64, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, note, manual_state, reason FROM framework_progress WHERE step_key = ?1",
                [&step.key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let columns: Vec<(&str, &dyn rusqlite::ToSql)> = values
            .iter()
            .map(|(column, value)| (*column, value as &dyn rusqlite::ToSql))
            .collect();
        match existing {
            Some((id, note, manual, reason)) => {
                let stored = |column: &str| match column {
                    "note" => note.as_str(),
                    "manual_state" => manual.as_str(),
                    _ => reason.as_str(),
                };
                if values
                    .iter()
                    .all(|(column, value)| stored(column) == *value)
                {
                    return Ok(());
                }
                let mut change = self.change(label)?;
                change.update("framework_progress", id, &columns)?;
                change.commit()
            }
            None => {
                if values.iter().all(|(_, value)| value.is_empty()) {
                    return Ok(());
                }
                let mut change = self.change(label)?;
                let mut columns = columns;
                columns.push(("step_key", &step.key));
                change.insert("framework_progress", &columns)?;
                change.commit()
            }
        }
    }
}

/// The shipped method's step called `key`, or why there is none.
fn known_step(key: &str) -> Result<&'static Step> {
    let framework = shipped().map_err(anyhow::Error::msg)?;
    match framework.step_index(key) {
        Some(index) => Ok(&framework.steps[index]),
        None => {
            bail!("The method has no step called \"{key}\"; the Guide lists the steps it knows.")
        }
    }
}
