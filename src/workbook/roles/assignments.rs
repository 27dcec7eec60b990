//! Partner × role assignments: the matrix's window and cells, a role's holders, a partner's
//! leads; setting a cell (lead, contributor, none) and its note, each one journaled change.

use std::collections::HashMap;
use std::rc::Rc;

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::super::Workbook;
use crate::plan::coverage::Assignment;
use crate::plan::roles::AssignmentKind;

/// One cell of the partner × role matrix that holds something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentCell {
    pub partner_id: i64,
    pub role_id: i64,
    /// `None` for a kind this version does not know (from a hand-edited file): shown, not lost.
    pub kind: Option<AssignmentKind>,
    pub raw_kind: String,
    pub note: String,
}

/// A partner holding a role, for the coverage panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub partner_id: i64,
    pub name: String,
    pub kind: AssignmentKind,
    pub note: String,
}

impl Workbook {
    /// Every assignment of a known kind (for coverage).
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partner_id, role_id, kind FROM role_assignments")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (partner_id, role_id, kind) = row?;
            if let Some(kind) = AssignmentKind::from_word(&kind) {
                out.push(Assignment {
                    partner_id,
                    role_id,
                    kind,
                });
            }
        }
        Ok(out)
    }

    /// entries made, undone or redone since then (an edit undone and redone again in between
    /// changed nothing). `None` when the journal cannot tell (entries pruned, too many changes):
    /// then read everything again.
    /// The assignments of a known kind to role `role_id`.
    pub fn role_assignments(&self, role_id: i64) -> Result<Vec<Assignment>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT partner_id, kind FROM role_assignments WHERE role_id = ?1")?;
        let rows = stmt.query_map([role_id], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (partner_id, kind) = row?;
            if let Some(kind) = AssignmentKind::from_word(&kind) {
                out.push(Assignment {
                    partner_id,
                    role_id,
                    kind,
                });
            }
        }
        Ok(out)
    }

    /// How many roles other than the hub partner `partner_id` leads.
    pub fn partner_leads(&self, partner_id: i64) -> Result<usize> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.kind FROM role_assignments AS a JOIN roles AS r ON r.id = a.role_id \
             WHERE a.partner_id = ?1 AND r.is_hub = 0",
        )?;
        let kinds = stmt.query_map([partner_id], |r| r.get::<_, String>(0))?;
        let mut leads = 0;
        for kind in kinds {
            if AssignmentKind::from_word(&kind?) == Some(AssignmentKind::Lead) {
                leads += 1;
            }
        }
        Ok(leads)
    }

    /// The assignments among the given partners and roles: the visible window of the matrix.
    pub fn assignment_window(
        &self,
        partner_ids: &[i64],
        role_ids: &[i64],
    ) -> Result<Vec<AssignmentCell>> {
        if partner_ids.is_empty() || role_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = |ids: &[i64]| -> Rc<Vec<Value>> {
            Rc::new(ids.iter().map(|&id| Value::Integer(id)).collect())
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.partner_id, a.role_id, a.kind, a.note FROM rarray(?1) AS p \
             CROSS JOIN role_assignments AS a ON a.partner_id = p.value \
             WHERE a.role_id IN rarray(?2)",
        )?;
        let cells = stmt
            .query_map(params![list(partner_ids), list(role_ids)], |r| {
                let raw_kind: String = r.get(2)?;
                Ok(AssignmentCell {
                    partner_id: r.get(0)?,
                    role_id: r.get(1)?,
                    kind: AssignmentKind::from_word(&raw_kind),
                    raw_kind,
                    note: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(cells)
    }

    /// The partners holding role `id`: leads, then backups, then candidates, each by name.
    pub fn role_holders(&self, role_id: i64) -> Result<Vec<Holder>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.partner_id, p.name, a.kind, a.note FROM role_assignments a \
             JOIN partners p ON p.id = a.partner_id WHERE a.role_id = ?1 ORDER BY p.name, p.id",
        )?;
        let mut holders: Vec<Holder> = stmt
            .query_map([role_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?))
            })?
            .filter_map(|row| match row {
                Ok((partner_id, name, kind, note)) => {
                    AssignmentKind::from_word(&kind).map(|kind| {
                        Ok(Holder {
                            partner_id,
                            name,
                            kind,
                            note,
                        })
                    })
                }
                Err(err) => Some(Err(err)),
            })
            .collect::<rusqlite::Result<_>>()?;
        holders.sort_by_key(|h| h.kind);
        Ok(holders)
    }

    /// Names of the given partners (for the overloaded-partner list).
    pub fn partner_names(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM partners WHERE id = ?1")?;
        let mut names = HashMap::new();
        for id in ids {
            if let Some(name) = stmt.query_row([id], |r| r.get::<_, String>(1)).optional()? {
                names.insert(*id, name);
            }
        }
        Ok(names)
    }

    fn assignment_row(&self, partner: i64, role: i64) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, kind FROM role_assignments WHERE partner_id = ?1 AND role_id = ?2",
                [partner, role],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Makes partner `partner` the `kind` of role `role`, or clears the cell (`None`). Returns a
    /// sentence for the status line.
    pub fn set_assignment(
        &mut self,
        partner: i64,
        role: i64,
        kind: Option<AssignmentKind>,
    ) -> Result<String> {
        let role_name = self.role_name(role)?;
        let partner_name: String = self
            .conn
            .query_row("SELECT name FROM partners WHERE id = ?1", [partner], |r| {
                r.get(0)
            })
            .optional()?
            .context("that partner no longer exists")?;
        let existing = self.assignment_row(partner, role)?;
        let done = match kind {
            Some(kind) => format!("{partner_name} is now {} of {role_name}.", kind.word()),
            None => format!("{partner_name} no longer holds {role_name}."),
        };
        match (existing, kind) {
            (None, None) => return Ok(format!("{partner_name} does not hold {role_name}.")),
            (Some((_, old)), Some(kind)) if old == kind.word() => return Ok(done),
            (Some((id, _)), None) => {
                let mut change = self.change(format!("clear {partner_name} from {role_name}"))?;
                change.delete("role_assignments", id)?;
                change.commit()?;
            }
            (Some((id, _)), Some(kind)) => {
                let mut change = self.change(format!(
                    "make {partner_name} {} of {role_name}",
                    kind.word()
                ))?;
                change.update("role_assignments", id, &[("kind", &kind.word())])?;
                change.commit()?;
            }
            (None, Some(kind)) => {
                let mut change = self.change(format!(
                    "make {partner_name} {} of {role_name}",
                    kind.word()
                ))?;
                change.insert(
                    "role_assignments",
                    &[
                        ("partner_id", &partner),
                        ("role_id", &role),
                        ("kind", &kind.word()),
                    ],
                )?;
                change.commit()?;
            }
        }
        Ok(done)
    }

    /// Sets the note of an existing assignment.
    pub fn set_assignment_note(&mut self, partner: i64, role: i64, note: &str) -> Result<()> {
        let note = note.trim();
        let (id, _) = self
            .assignment_row(partner, role)?
            .context("this partner does not hold the role; set L, B or C first, then the note")?;
        let mut change = self.change("edit assignment note")?;
        change.update("role_assignments", id, &[("note", &note)])?;
        change.commit()
    }
}
