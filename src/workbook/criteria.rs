//! The criteria editor's writes: add, change, delete and reorder selection criteria, each one
//! journaled change (a delete takes the criterion's scores with it, and undo brings them back).
//! Every partner's cached fit follows through `derived`.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::criteria::CriterionDraft;

impl Workbook {
    /// Checks `draft` against the rule and the other criteria's names (all but `except`).
    fn checked_criterion(
        &self,
        draft: &CriterionDraft,
        except: Option<i64>,
    ) -> Result<CriterionDraft> {
        let names: Vec<String> = self
            .criteria()?
            .into_iter()
            .filter(|c| Some(c.criterion.id) != except)
            .map(|c| c.criterion.name)
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match draft.checked(&names) {
            Ok(draft) => Ok(draft),
            Err(problems) => {
                let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
                bail!("{}", text.join(" "))
            }
        }
    }

    /// Adds a criterion after the last one; returns its id.
    pub fn add_criterion(&mut self, draft: &CriterionDraft) -> Result<i64> {
        let draft = self.checked_criterion(draft, None)?;
        let position: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM selection_criteria",
            [],
            |r| r.get(0),
        )?;
        let mut change = self.change(format!("add criterion {}", draft.name))?;
        let id = change.insert(
            "selection_criteria",
            &[
                ("name", &draft.name),
                ("description", &draft.description),
                ("weight", &draft.weight),
                ("weight_rationale", &draft.rationale),
                ("is_gate", &draft.is_gate),
                ("position", &position),
            ],
        )?;
        change.commit()?;
        Ok(id)
    }

    /// Changes criterion `id`'s name, description, weight, rationale or kind.
    pub fn update_criterion(&mut self, id: i64, draft: &CriterionDraft) -> Result<()> {
        let draft = self.checked_criterion(draft, Some(id))?;
        let mut change = self.change(format!("edit criterion {}", draft.name))?;
        change.update(
            "selection_criteria",
            id,
            &[
                ("name", &draft.name),
                ("description", &draft.description),
                ("weight", &draft.weight),
                ("weight_rationale", &draft.rationale),
                ("is_gate", &draft.is_gate),
            ],
        )?;
        change.commit()
    }

    /// Deletes criterion `id` with every partner's score on it; returns its name.
    pub fn delete_criterion(&mut self, id: i64) -> Result<String> {
        let name = self.criterion_name(id)?;
        let mut change = self.change(format!("delete criterion {name}"))?;
        change.delete("selection_criteria", id)?;
        change.commit()?;
        Ok(name)
    }

    /// Swaps criterion `id` with its neighbour above (`up`) or below; `false` when it is already
    /// first or last.
    pub fn move_criterion(&mut self, id: i64, up: bool) -> Result<bool> {
        let order: Vec<(i64, i64)> = self
            .criteria()?
            .into_iter()
            .map(|c| (c.criterion.id, c.position))
            .collect();
        if !order.iter().any(|(cid, _)| *cid == id) {
            bail!("that criterion no longer exists");
        }
        let name = self.criterion_name(id)?;
        self.swap_positions("selection_criteria", &order, id, up, &name)
    }

    fn criterion_name(&self, id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT name FROM selection_criteria WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()?
            .context("that criterion no longer exists")
    }
}
