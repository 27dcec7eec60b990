//! Programmes per partner type: which types there are to plan for, a type's own weight or gate for
//! a criterion (journaled; the type's partners' fit follows through `derived`), and the criteria
//! a partner is judged by.

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use super::selection::CriterionRecord;
use crate::plan::criteria::TypeSetting;
use crate::plan::selection::Criterion;
use crate::plan::vocabulary::VocabularyKind;

/// A criterion as one type's programme has it: every type's record, the type's own setting and
/// what a partner of the type is judged by.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedCriterion {
    pub record: CriterionRecord,
    pub setting: TypeSetting,
    pub effective: Criterion,
}

impl Workbook {
    /// The partner types a programme can be set for: the type list (shipped words and this
    /// workbook's), then any other type a partner, a criterion's setting or a checklist item
    /// names, each once whatever its case.
    pub fn programme_types(&self) -> Result<Vec<String>> {
        let mut kinds = self.vocabulary(VocabularyKind::Type)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT partner_type FROM partners WHERE partner_type <> '' \
             UNION SELECT partner_type FROM criterion_type_weights \
             UNION SELECT partner_type FROM onboarding_item_types \
             UNION SELECT partner_type FROM type_programmes ORDER BY 1",
        )?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for kind in found {
            if !kinds
                .iter()
                .any(|k| k.to_lowercase() == kind.to_lowercase())
            {
                kinds.push(kind);
            }
        }
        Ok(kinds)
    }

    /// Every criterion as `kind`'s programme has it (`None`: every type's, no settings).
    pub fn criteria_for_type(&self, kind: Option<&str>) -> Result<Vec<TypedCriterion>> {
        let settings: Vec<(i64, Option<f64>, Option<bool>)> = match kind {
            None => Vec::new(),
            Some(kind) => self
                .conn
                .prepare_cached(
                    "SELECT criterion_id, weight, is_gate FROM criterion_type_weights \
                     WHERE partner_type = ?1",
                )?
                .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?,
        };
        Ok(self
            .criteria()?
            .into_iter()
            .map(|record| {
                let setting = settings
                    .iter()
                    .find(|(id, _, _)| *id == record.criterion.id)
                    .map(|(_, weight, is_gate)| TypeSetting {
                        weight: *weight,
                        is_gate: *is_gate,
                    })
                    .unwrap_or_default();
                let effective = setting.applied(&record.criterion);
                TypedCriterion {
                    record,
                    setting,
                    effective,
                }
            })
            .collect())
    }

    /// Partner `partner_id`'s type ('' when it has none or no longer exists).
    pub fn partner_type_of(&self, partner_id: i64) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT partner_type FROM partners WHERE id = ?1")?
            .query_row([partner_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// The criteria partner `partner_id` is judged by: its type's programme.
    pub fn partner_criteria(&self, partner_id: i64) -> Result<Vec<Criterion>> {
        let kind = self.partner_type_of(partner_id)?;
        Ok(self
            .criteria_for_type(Some(&kind))?
            .into_iter()
            .map(|c| c.effective)
            .collect())
    }

    /// Gives criterion `criterion_id` `kind`'s own weight and gate flag (an empty setting, or
    /// one equal to every type's, takes the type back to every type's). One journaled change.
    pub fn set_criterion_for_type(
        &mut self,
        criterion_id: i64,
        kind: &str,
        setting: TypeSetting,
    ) -> Result<()> {
        let kind = kind.trim();
        if kind.is_empty() {
            bail!("Pick a partner type first; every type's weights are edited as they are.");
        }
        let base = self
            .criteria()?
            .into_iter()
            .find(|c| c.criterion.id == criterion_id)
            .context("that criterion no longer exists")?
            .criterion;
        let setting = match setting.checked(&base) {
            Ok(setting) => setting,
            Err(problem) => bail!("{problem}"),
        };
        let existing: Option<(i64, Option<f64>, Option<bool>)> = self
            .conn
            .query_row(
                "SELECT id, weight, is_gate FROM criterion_type_weights \
                 WHERE criterion_id = ?1 AND partner_type = ?2",
                params![criterion_id, kind],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if existing.map(|(_, weight, is_gate)| TypeSetting { weight, is_gate })
            == Some(setting).filter(|s| !s.is_empty())
            || (existing.is_none() && setting.is_empty())
        {
            return Ok(());
        }
        let mut change = self.change(format!("set {} for {kind}", base.name))?;
        match (existing, setting.is_empty()) {
            (Some((id, _, _)), true) => change.delete("criterion_type_weights", id)?,
            (Some((id, _, _)), false) => change.update(
                "criterion_type_weights",
                id,
                &[("weight", &setting.weight), ("is_gate", &setting.is_gate)],
            )?,
            (None, _) => {
                change.insert(
                    "criterion_type_weights",
                    &[
                        ("criterion_id", &criterion_id),
                        ("partner_type", &kind),
                        ("weight", &setting.weight),
                        ("is_gate", &setting.is_gate),
                    ],
                )?;
            }
        }
        change.commit()
    }
}
