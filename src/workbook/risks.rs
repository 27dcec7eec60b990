//! The risk register's records: add, edit and delete with mitigations (journaled); a score
//! history row for every change of likelihood or impact; codes that are never reused. The
//! register's window (`register`), the heat map's counts, the plan's suggestions with their
//! dismissals and the structure's risks are beside it.

mod register;
mod structure;
mod suggested;
mod summary;

pub(super) use register::CURRENT_SCORE;
use register::rating_columns;
pub use register::{RiskCounts, RiskFacets, RiskPageQuery, RiskRow, RiskSort};

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::{Workbook, text};
use crate::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskStatus, Treatment, code_for,
};

/// A stored risk as its form edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRecord {
    pub id: i64,
    pub code: String,
    pub draft: RiskDraft,
    pub suggestion_key: String,
}

impl Workbook {
    /// Every field of risk `id`, or `None` if it is gone.
    pub fn risk(&self, id: i64) -> Result<Option<RiskRecord>> {
        let found = self
            .conn
            .query_row(
                "SELECT code, title, cause, event, consequence, category, partner_id, role_id, \
                 inherent_likelihood, inherent_impact, treatment, residual_likelihood, \
                 residual_impact, owner, status, next_review, note, suggestion_key \
                 FROM risks WHERE id = ?1",
                [id],
                |r| {
                    let value = |i: usize| r.get::<_, Option<i64>>(i).ok().flatten();
                    Ok(RiskRecord {
                        id,
                        code: text(r.get(0)?),
                        suggestion_key: text(r.get(17)?),
                        draft: RiskDraft {
                            title: text(r.get(1)?),
                            cause: text(r.get(2)?),
                            event: text(r.get(3)?),
                            consequence: text(r.get(4)?),
                            category: text(r.get(5)?),
                            partner_id: r.get(6)?,
                            role_id: r.get(7)?,
                            inherent_likelihood: value(8).and_then(Likelihood::from_value),
                            inherent_impact: value(9).and_then(Impact::from_value),
                            treatment: Treatment::from_word(&text(r.get(10)?)),
                            residual_likelihood: value(11).and_then(Likelihood::from_value),
                            residual_impact: value(12).and_then(Impact::from_value),
                            owner: text(r.get(13)?),
                            status: RiskStatus::from_word(&text(r.get(14)?)).unwrap_or_default(),
                            next_review: text(r.get(15)?),
                            note: text(r.get(16)?),
                            mitigations: Vec::new(),
                        },
                    })
                },
            )
            .optional()?;
        let Some(mut record) = found else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, note FROM risk_mitigations WHERE risk_id = ?1 ORDER BY position, id",
        )?;
        record.draft.mitigations = stmt
            .query_map([id], |r| Ok((text(r.get(0)?), text(r.get(1)?))))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(kind, note)| {
                (
                    MitigationKind::from_word(&kind).unwrap_or(MitigationKind::Other),
                    note,
                )
            })
            .collect();
        Ok(Some(record))
    }

    /// Checks `draft`; the problems become one message (the form shows them per field itself).
    fn checked_risk(&self, draft: &RiskDraft, bands: &Bands, confirmed: bool) -> Result<RiskDraft> {
        draft.checked(bands, confirmed).map_err(|problems| {
            let text: Vec<String> = problems.iter().map(|p| p.message()).collect();
            anyhow::anyhow!("{}", text.join(" "))
        })
    }

    /// Adds a risk with the next number (never reused, even after undo); returns its id and code.
    /// `suggestion_key`: the plan's suggestion it answers, if any.
    pub fn add_risk(
        &mut self,
        draft: &RiskDraft,
        bands: &Bands,
        residual_above_confirmed: bool,
        suggestion_key: Option<&str>,
    ) -> Result<(i64, String)> {
        let draft = self.checked_risk(draft, bands, residual_above_confirmed)?;
        let number: i64 = self.conn.query_row(
            "SELECT max(next_risk_number, coalesce((SELECT max(number) + 1 FROM risks), 1)) \
             FROM workbook_meta WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        let code = code_for(number);
        let mut change = self.change(format!("add risk {code} {}", draft.title))?;
        change.execute_unjournaled(
            "UPDATE workbook_meta SET next_risk_number = ?1 WHERE id = 1",
            &[&(number + 1)],
        )?;
        let values = risk_values(&draft);
        let suggestion_key = suggestion_key.unwrap_or("").trim().to_string();
        let mut columns: Vec<(&str, &dyn ToSql)> = vec![
            ("number", &number),
            ("code", &code),
            ("suggestion_key", &suggestion_key),
        ];
        columns.extend(values.iter().map(|(c, v)| (*c, v as &dyn ToSql)));
        let id = change.insert("risks", &columns)?;
        for (position, (kind, note)) in draft.mitigations.iter().enumerate() {
            let position = position as i64;
            change.insert(
                "risk_mitigations",
                &[
                    ("risk_id", &id),
                    ("kind", &kind.word()),
                    ("note", note),
                    ("position", &position),
                ],
            )?;
        }
        record_scores(&mut change, id, &draft)?;
        change.commit()?;
        Ok((id, code))
    }

    /// Changes risk `id`; its mitigations become the draft's; a change of likelihood or impact
    /// adds a point to its score history.
    pub fn update_risk(
        &mut self,
        id: i64,
        draft: &RiskDraft,
        bands: &Bands,
        residual_above_confirmed: bool,
    ) -> Result<()> {
        let before = self.risk(id)?.context("that risk no longer exists")?;
        let draft = self.checked_risk(draft, bands, residual_above_confirmed)?;
        let mitigation_ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM risk_mitigations WHERE risk_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let scores_changed = (before.draft.inherent(), before.draft.residual())
            != (draft.inherent(), draft.residual());
        let mut change = self.change(format!("edit risk {} {}", before.code, draft.title))?;
        let values = risk_values(&draft);
        let columns: Vec<(&str, &dyn ToSql)> =
            values.iter().map(|(c, v)| (*c, v as &dyn ToSql)).collect();
        change.update("risks", id, &columns)?;
        if before.draft.mitigations != draft.mitigations {
            for mitigation in mitigation_ids {
                change.delete("risk_mitigations", mitigation)?;
            }
            for (position, (kind, note)) in draft.mitigations.iter().enumerate() {
                let position = position as i64;
                change.insert(
                    "risk_mitigations",
                    &[
                        ("risk_id", &id),
                        ("kind", &kind.word()),
                        ("note", note),
                        ("position", &position),
                    ],
                )?;
            }
        }
        if scores_changed {
            record_scores(&mut change, id, &draft)?;
        }
        change.commit()
    }

    /// Deletes risk `id` with its mitigations and history; returns its code. Its number is not
    /// given out again.
    pub fn delete_risk(&mut self, id: i64) -> Result<String> {
        let code: String = self
            .conn
            .query_row("SELECT code FROM risks WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .context("that risk no longer exists")?;
        let mut change = self.change(format!("delete risk {code}"))?;
        change.delete("risks", id)?;
        change.commit()?;
        Ok(code)
    }
}

/// The editable columns of a risk, from a checked draft.
fn risk_values(draft: &RiskDraft) -> Vec<(&'static str, Value)> {
    let text = |s: &str| Value::Text(s.to_string());
    let number = |n: Option<i64>| n.map_or(Value::Null, Value::Integer);
    vec![
        ("title", text(&draft.title)),
        ("cause", text(&draft.cause)),
        ("event", text(&draft.event)),
        ("consequence", text(&draft.consequence)),
        ("category", text(&draft.category)),
        ("partner_id", number(draft.partner_id)),
        ("role_id", number(draft.role_id)),
        (
            "inherent_likelihood",
            number(draft.inherent_likelihood.map(Likelihood::value)),
        ),
        (
            "inherent_impact",
            number(draft.inherent_impact.map(Impact::value)),
        ),
        (
            "treatment",
            text(draft.treatment.map_or("", Treatment::word)),
        ),
        (
            "residual_likelihood",
            number(draft.residual_likelihood.map(Likelihood::value)),
        ),
        (
            "residual_impact",
            number(draft.residual_impact.map(Impact::value)),
        ),
        ("owner", text(&draft.owner)),
        ("status", text(draft.status.word())),
        (
            "next_review",
            if draft.next_review.trim().is_empty() {
                Value::Null
            } else {
                text(draft.next_review.trim())
            },
        ),
        ("note", text(&draft.note)),
    ]
}

/// Adds the draft's likelihoods and impacts to risk `id`'s score history.
fn record_scores(
    change: &mut super::journal::Change<'_>,
    id: i64,
    draft: &RiskDraft,
) -> Result<()> {
    let now = super::timestamp_now();
    let value = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    change.insert(
        "risk_score_history",
        &[
            ("risk_id", &id),
            ("recorded_at", &now),
            (
                "inherent_likelihood",
                &value(draft.inherent_likelihood.map(Likelihood::value)),
            ),
            (
                "inherent_impact",
                &value(draft.inherent_impact.map(Impact::value)),
            ),
            (
                "residual_likelihood",
                &value(draft.residual_likelihood.map(Likelihood::value)),
            ),
            (
                "residual_impact",
                &value(draft.residual_impact.map(Impact::value)),
            ),
        ],
    )?;
    Ok(())
}
