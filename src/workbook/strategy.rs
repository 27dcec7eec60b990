//! The Strategy tab's reads and writes: the strategy row (here), goals, resources and governance
//! rules (`strategy/lists.rs`) and data-sharing protocols with their recipients
//! (`strategy/protocols.rs`). Every save is one journaled change, so `u` undoes it.

mod gains;
mod lists;
mod protocols;

pub use gains::{PartnerGain, PartnerGains};

pub use lists::{GoalRecord, GovernanceRecord, ResourceRecord};
pub use protocols::{ProtocolRecord, SharedWith};
pub(super) use protocols::{insert_recipient, read_recipients, reconcile};

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::{Workbook, text};
use crate::plan::decision_aid::{Model, read_answers, write_answers};
use crate::plan::strategy::{Problems, StrategyDraft, StrategySection};
use crate::plan::text::plan_title;

/// A refused draft as one sentence per problem, so the status line can show them all.
pub(crate) fn refused<F>(problems: Problems<F>) -> anyhow::Error {
    let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
    anyhow::anyhow!("{}", text.join(" "))
}

/// A stored optional text (a date): blank and NULL are none.
pub(super) fn optional_text(value: Value) -> Option<String> {
    Some(text(value)).filter(|t| !t.trim().is_empty())
}

/// A stored 1–5 rating; anything else reads as unrated.
fn rating(value: Value) -> Option<i64> {
    match value {
        Value::Integer(n) if (1..=5).contains(&n) => Some(n),
        _ => None,
    }
}

fn optional_integer(value: Option<i64>) -> Value {
    value.map_or(Value::Null, Value::Integer)
}

/// Column values as the journal's `insert` / `update` take them.
pub(super) fn as_params<'a>(
    columns: &'a [(&'static str, Value)],
) -> Vec<(&'static str, &'a dyn ToSql)> {
    columns
        .iter()
        .map(|(name, value)| (*name, value as &dyn ToSql))
        .collect()
}

/// Every column of the strategy row a draft sets, as stored.
fn strategy_columns(d: &StrategyDraft) -> Vec<(&'static str, Value)> {
    let t = |s: &str| Value::Text(s.to_string());
    vec![
        ("mission_problem", t(&d.mission_problem)),
        ("mission_value", t(&d.mission_value)),
        ("vision", t(&d.vision)),
        ("alignment_rating", optional_integer(d.alignment_rating)),
        ("alignment_note", t(&d.alignment_note)),
        (
            "adaptability_rating",
            optional_integer(d.adaptability_rating),
        ),
        ("adaptability_note", t(&d.adaptability_note)),
        (
            "shared_value_rating",
            optional_integer(d.shared_value_rating),
        ),
        ("shared_value_note", t(&d.shared_value_note)),
        ("value_what", t(&d.value_what)),
        ("value_why", t(&d.value_why)),
        ("decision_answers", t(&write_answers(&d.decision_answers))),
        ("model", t(d.model.map_or("", Model::word))),
        ("model_rationale", t(&d.model_rationale)),
    ]
}

impl Workbook {
    /// Column `column` of row `id` in `table` as text, naming the row in a sentence (`what`:
    /// "goal") when it is gone.
    pub(super) fn listed_name(
        &self,
        table: &str,
        column: &str,
        id: i64,
        what: &str,
    ) -> Result<String> {
        self.conn
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get::<_, Value>(0),
            )
            .optional()?
            .map(text)
            .with_context(|| format!("that {what} no longer exists"))
    }

    /// Deletes row `id` of `table` as one journaled change called `label`, with what cascades.
    pub(super) fn delete_listed(&mut self, table: &str, id: i64, label: String) -> Result<()> {
        let mut change = self.change(label)?;
        change.delete(table, id)?;
        change.commit()
    }

    /// The strategy as stored; a workbook without its strategy row reads as blank (reading creates
    /// nothing). Values another tool wrote that this version cannot read (an unknown model, a
    /// rating outside 1–5, answers that are not an object) read as unset.
    pub fn strategy(&self) -> Result<StrategyDraft> {
        Ok(self.strategy_row()?.unwrap_or_default())
    }

    fn strategy_row(&self) -> Result<Option<StrategyDraft>> {
        let row = self
            .conn
            .query_row(
                "SELECT mission_problem, mission_value, vision, alignment_rating, alignment_note, \
                 adaptability_rating, adaptability_note, shared_value_rating, shared_value_note, \
                 value_what, value_why, decision_answers, model, model_rationale \
                 FROM strategy WHERE id = 1",
                [],
                |r| {
                    let v = |i: usize| r.get::<_, Value>(i);
                    Ok(StrategyDraft {
                        mission_problem: text(v(0)?),
                        mission_value: text(v(1)?),
                        vision: text(v(2)?),
                        alignment_rating: rating(v(3)?),
                        alignment_note: text(v(4)?),
                        adaptability_rating: rating(v(5)?),
                        adaptability_note: text(v(6)?),
                        shared_value_rating: rating(v(7)?),
                        shared_value_note: text(v(8)?),
                        value_what: text(v(9)?),
                        value_why: text(v(10)?),
                        decision_answers: read_answers(&text(v(11)?)),
                        model: Model::from_word(&text(v(12)?)),
                        model_rationale: text(v(13)?),
                    })
                },
            )
            .optional()?;
        Ok(row)
    }

    /// Saves the strategy: one journaled change named after the sections it touches ("edit
    /// strategy: mission, model"), writing only the columns that changed; creates the row on the
    /// first save. `false` when nothing differed, and then nothing is written.
    pub fn save_strategy(&mut self, draft: &StrategyDraft) -> Result<bool> {
        self.save_statement(draft, None)
    }

    /// Saves the strategy as `save_strategy` does and, with `title`, renames the plan (the title
    /// on the report's cover and the app's top line) in the same journaled change, so one `u`
    /// undoes both. `false` when nothing differed.
    pub fn save_statement(&mut self, draft: &StrategyDraft, title: Option<&str>) -> Result<bool> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let title = match title {
            Some(raw) => Some(plan_title(raw).map_err(|m| anyhow::anyhow!(m))?),
            None => None,
        }
        .filter(|t| self.meta().map_or(true, |m| m.title != *t));
        let stored = self.strategy_row()?;
        let current = stored.clone().unwrap_or_default();
        let sections = draft.sections_changed(&current);
        if sections.is_empty() && title.is_none() {
            return Ok(false);
        }
        let mut labels: Vec<&str> = sections
            .iter()
            .map(|s| StrategySection::label(*s))
            .collect();
        if title.is_some() {
            labels.insert(0, "title");
        }
        let new = strategy_columns(&draft);
        let old = strategy_columns(&current);
        let mut change = self.change(format!("edit strategy: {}", labels.join(", ")))?;
        if let Some(title) = &title {
            change.update("workbook_meta", 1, &[("title", title as &dyn ToSql)])?;
        }
        if !sections.is_empty() {
            if stored.is_some() {
                let changed: Vec<(&'static str, Value)> = new
                    .into_iter()
                    .zip(old)
                    .filter(|(n, o)| n.1 != o.1)
                    .map(|(n, _)| n)
                    .collect();
                change.update("strategy", 1, &as_params(&changed))?;
            } else {
                let mut columns = vec![("id", Value::Integer(1))];
                columns.extend(new);
                change.insert("strategy", &as_params(&columns))?;
            }
        }
        change.commit()?;
        Ok(true)
    }
}
