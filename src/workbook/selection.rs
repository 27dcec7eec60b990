//! Selection criteria and scores in the workbook, feeding the pure rules of `plan::selection`.

use anyhow::{Result, bail};
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::selection::{
    Assessment, Candidate, Criterion, Fit, Ranked, fit, rank_by_programme,
};

/// A criterion with what the editor shows beside the rules' view of it.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionRecord {
    pub criterion: Criterion,
    pub description: String,
    pub rationale: String,
    pub position: i64,
}

/// One stored score with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRecord {
    pub criterion_id: i64,
    pub assessment: Assessment,
    pub evidence: String,
    /// ISO date, when given.
    pub scored_on: Option<String>,
}

impl Workbook {
    /// Every criterion in the editor's order (weighted ones and gates).
    pub fn criteria(&self) -> Result<Vec<CriterionRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, weight, is_gate, description, weight_rationale, position \
             FROM selection_criteria ORDER BY position, id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(CriterionRecord {
                criterion: Criterion {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    weight: row.get(2)?,
                    is_gate: row.get(3)?,
                },
                description: row.get(4)?,
                rationale: row.get(5)?,
                position: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored assessments of partner `partner_id`, each of the kind its type's programme
    /// asks for (a score kept from a time the criterion was of the other kind is not one).
    pub fn scores(&self, partner_id: i64) -> Result<Vec<ScoreRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.criterion_id, s.score, s.passed, s.evidence, s.scored_on, \
             coalesce(o.is_gate, c.is_gate) \
             FROM criterion_scores s JOIN selection_criteria c ON c.id = s.criterion_id \
             JOIN partners p ON p.id = s.partner_id \
             LEFT JOIN criterion_type_weights o \
               ON o.criterion_id = c.id AND o.partner_type = p.partner_type \
             WHERE s.partner_id = ?1 ORDER BY c.position, c.id",
        )?;
        let rows = stmt.query_map([partner_id], |row| {
            let score: Option<i64> = row.get(1)?;
            let passed: Option<bool> = row.get(2)?;
            let is_gate: bool = row.get(5)?;
            Ok((
                row.get(0)?,
                score,
                passed,
                is_gate,
                row.get(3)?,
                row.get(4)?,
            ))
        })?;
        let mut records = Vec::new();
        for row in rows {
            let (criterion_id, score, passed, is_gate, evidence, scored_on) = row?;
            // A value of the wrong kind (e.g. from another tool) is not an assessment: skip it.
            let assessment = match (is_gate, score, passed) {
                (false, Some(s), _) if (1..=5).contains(&s) => Assessment::Score(s as u8),
                (true, _, Some(p)) => Assessment::Gate(p),
                _ => continue,
            };
            records.push(ScoreRecord {
                criterion_id,
                assessment,
                evidence,
                scored_on,
            });
        }
        Ok(records)
    }

    /// Partner `partner_id`'s fit under its type's programme.
    pub fn partner_fit(&self, partner_id: i64) -> Result<Fit> {
        let criteria = self.partner_criteria(partner_id)?;
        let assessments: Vec<(i64, Assessment)> = self
            .scores(partner_id)?
            .into_iter()
            .map(|s| (s.criterion_id, s.assessment))
            .collect();
        Ok(fit(&criteria, &assessments))
    }

    /// Records (or replaces) one assessment, journaled so undo restores the previous one.
    pub fn set_score(
        &mut self,
        partner_id: i64,
        criterion_id: i64,
        assessment: Assessment,
        evidence: &str,
        scored_on: Option<&str>,
    ) -> Result<()> {
        let is_gate: Option<bool> = self
            .partner_criteria(partner_id)?
            .into_iter()
            .find(|c| c.id == criterion_id)
            .map(|c| c.is_gate);
        let (score, passed): (Option<i64>, Option<bool>) = match (is_gate, assessment) {
            (None, _) => bail!("that criterion no longer exists"),
            (Some(false), Assessment::Score(s)) if (1..=5).contains(&s) => {
                (Some(i64::from(s)), None)
            }
            (Some(false), Assessment::Score(_)) => bail!("a score runs from 1 to 5"),
            (Some(true), Assessment::Gate(p)) => (None, Some(p)),
            (Some(false), Assessment::Gate(_)) => {
                bail!("this criterion is scored 1–5, not pass/fail")
            }
            (Some(true), Assessment::Score(_)) => {
                bail!("this criterion is a pass/fail gate, not a 1–5 score")
            }
        };
        let name: String = self
            .conn
            .query_row(
                "SELECT name FROM partners WHERE id = ?1",
                [partner_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        let existing: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM criterion_scores WHERE partner_id = ?1 AND criterion_id = ?2",
                params![partner_id, criterion_id],
                |r| r.get(0),
            )
            .optional()?;
        let evidence = evidence.trim().to_string();
        let scored_on = scored_on.map(str::to_string);
        let mut change = self.change(format!("score {name}"))?;
        match existing {
            Some(id) => change.update(
                "criterion_scores",
                id,
                &[
                    ("score", &score),
                    ("passed", &passed),
                    ("evidence", &evidence),
                    ("scored_on", &scored_on),
                ],
            )?,
            None => {
                change.insert(
                    "criterion_scores",
                    &[
                        ("partner_id", &partner_id),
                        ("criterion_id", &criterion_id),
                        ("score", &score),
                        ("passed", &passed),
                        ("evidence", &evidence),
                        ("scored_on", &scored_on),
                    ],
                )?;
            }
        }
        change.commit()
    }

    /// The ranking of partners in `stages` (e.g. prospect and evaluating) by fit, with ties and
    /// rank stability, each partner judged by its type's programme. Reads only those partners'
    /// scores.
    pub fn ranking(&self, stages: &[&str]) -> Result<Vec<Ranked>> {
        let mut programmes: Vec<(String, Vec<Criterion>)> = Vec::new();
        let mut candidates = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, partner_type FROM partners WHERE stage = ?1 ORDER BY name, id",
        )?;
        for stage in stages {
            let rows: Vec<(i64, String, String)> = stmt
                .query_map([stage], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            for (id, name, kind) in rows {
                let kind = kind.to_lowercase();
                let programme = match programmes.iter().position(|(k, _)| *k == kind) {
                    Some(at) => at,
                    None => {
                        let criteria = self
                            .criteria_for_type(Some(&kind))?
                            .into_iter()
                            .map(|c| c.effective)
                            .collect();
                        programmes.push((kind, criteria));
                        programmes.len() - 1
                    }
                };
                let assessments = self
                    .scores(id)?
                    .into_iter()
                    .map(|s| (s.criterion_id, s.assessment))
                    .collect();
                candidates.push((
                    Candidate {
                        id,
                        name,
                        assessments,
                    },
                    programme,
                ));
            }
        }
        let judged: Vec<(&Candidate, &[Criterion])> = candidates
            .iter()
            .map(|(c, at)| (c, programmes[*at].1.as_slice()))
            .collect();
        Ok(rank_by_programme(&judged))
    }
}
