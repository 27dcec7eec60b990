//! Role mapping's reads and writes: the role catalogue (hub at the root), sector templates, and
//! partner × role assignments. Every write is one journaled change, so `u` undoes it; deleting a
//! role takes its assignments along and undo brings them back.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use anyhow::{Context, Result, bail};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::coverage::Assignment;
use crate::plan::roles::{
    AssignmentKind, Criticality, Role, RoleDraft, RoleStatus, would_create_cycle,
};
use crate::plan::sector_template::{self, plan_apply};

/// The hub's name when the workbook names no organisation.
const DEFAULT_HUB_NAME: &str = "Our organisation";

/// A role with everything the screens show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRecord {
    pub role: Role,
    pub description: String,
}

impl RoleRecord {
    /// The role as its form edits it.
    pub fn draft(&self) -> RoleDraft {
        RoleDraft {
            name: self.role.name.clone(),
            description: self.description.clone(),
            criticality: self.role.criticality,
            min_partners: self.role.min_partners,
            status_override: self.role.status_override,
            status_reason: self.role.status_reason.clone(),
        }
    }
}

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

/// Where the change journal stood at a moment: its newest entry and the entries undone then.
/// Every edit goes through the journal, so two marks tell which edits changed the data between
/// them (see `Workbook::role_changes_since`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalMark {
    newest: i64,
    undone: BTreeSet<i64>,
    /// The newest entry not undone (0 when none). Undone entries are always the newest ones,
    /// so every entry up to this one was in effect at the mark.
    top_done: i64,
}

/// What changed since a `JournalMark`, as far as role coverage cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleChanges {
    /// Roles whose assignments changed.
    pub roles: BTreeSet<i64>,
    /// Partners whose assignments changed.
    pub partners: BTreeSet<i64>,
    /// The role catalogue itself changed (a role added, edited, moved or deleted).
    pub catalogue: bool,
    /// Something else changed too (partners, criteria…): rows and names may read differently.
    pub others: bool,
    /// Where the journal stands now.
    pub mark: JournalMark,
}

/// Past this many changed journal rows, reading everything again is as quick as following them.
const MAX_FOLLOWED_ROWS: usize = 2_000;

/// What applying a sector template did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateReport {
    pub title: String,
    pub added: Vec<String>,
    pub existing: Vec<String>,
    /// The hub's name, when the template had to create it.
    pub hub_created: Option<String>,
}

/// What deleting a role takes with it, for the question before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleDeleteImpact {
    pub children: usize,
    pub assignments: usize,
}

fn role_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RoleRecord> {
    let criticality: String = row.get(5)?;
    let status: String = row.get(7)?;
    Ok(RoleRecord {
        role: Role {
            id: row.get(0)?,
            parent_id: row.get(1)?,
            is_hub: row.get(2)?,
            name: row.get(3)?,
            // A word this version does not know counts as medium (the form shows the stored one).
            criticality: Criticality::from_word(&criticality).unwrap_or_default(),
            min_partners: row.get(6)?,
            status_override: RoleStatus::from_word(&status),
            status_reason: row.get(8)?,
            position: row.get(9)?,
        },
        description: row.get(4)?,
    })
}

impl Workbook {
    /// Every role, by id (the tree order comes from `plan::roles::display_order`).
    pub fn roles(&self) -> Result<Vec<RoleRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, parent_id, is_hub, name, description, criticality, min_partners, \
             status_override, status_reason, position FROM roles ORDER BY id",
        )?;
        let roles = stmt
            .query_map([], role_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(roles)
    }

    fn hub_id(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM roles WHERE is_hub = 1 ORDER BY position, id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn role_name(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT name FROM roles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .context("that role no longer exists")
    }

    fn checked_role(&self, draft: &RoleDraft, except: Option<i64>) -> Result<RoleDraft> {
        let names: Vec<String> = self
            .roles()?
            .into_iter()
            .filter(|r| Some(r.role.id) != except)
            .map(|r| r.role.name)
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        draft.checked(&names).map_err(|problems| {
            let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
            anyhow::anyhow!("{}", text.join(" "))
        })
    }

    fn next_position(&self, parent: Option<i64>) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM roles WHERE parent_id IS ?1",
            [parent],
            |r| r.get(0),
        )?)
    }

    /// Adds a role under `parent` (the hub when `None`); the first role of a workbook becomes the
    /// hub. Returns its id.
    pub fn add_role(&mut self, parent: Option<i64>, draft: &RoleDraft) -> Result<i64> {
        let draft = self.checked_role(draft, None)?;
        let hub = self.hub_id()?;
        let parent = match (hub, parent) {
            (None, _) => None,
            (Some(hub), None) => Some(hub),
            (Some(_), Some(parent)) => {
                self.role_name(parent)?;
                Some(parent)
            }
        };
        let position = self.next_position(parent)?;
        let is_hub = hub.is_none();
        let label = if is_hub {
            format!("add hub {}", draft.name)
        } else {
            format!("add role {}", draft.name)
        };
        let mut change = self.change(label)?;
        let id = change.insert(
            "roles",
            &[
                ("parent_id", &parent),
                ("is_hub", &is_hub),
                ("name", &draft.name),
                ("description", &draft.description),
                ("criticality", &draft.criticality.word()),
                ("min_partners", &draft.min_partners),
                (
                    "status_override",
                    &draft.status_override.map_or("", RoleStatus::word),
                ),
                ("status_reason", &draft.status_reason),
                ("position", &position),
            ],
        )?;
        change.commit()?;
        Ok(id)
    }

    /// Changes role `id`'s name, description, criticality, minimum or status override.
    pub fn update_role(&mut self, id: i64, draft: &RoleDraft) -> Result<()> {
        self.role_name(id)?;
        let draft = self.checked_role(draft, Some(id))?;
        let mut change = self.change(format!("edit role {}", draft.name))?;
        change.update(
            "roles",
            id,
            &[
                ("name", &draft.name),
                ("description", &draft.description),
                ("criticality", &draft.criticality.word()),
                ("min_partners", &draft.min_partners),
                (
                    "status_override",
                    &draft.status_override.map_or("", RoleStatus::word),
                ),
                ("status_reason", &draft.status_reason),
            ],
        )?;
        change.commit()
    }

    /// Hangs role `id` under `new_parent` (last among its new siblings). Refused for the hub and
    /// for a parent inside the role's own branch.
    pub fn move_role(&mut self, id: i64, new_parent: i64) -> Result<String> {
        let roles: Vec<Role> = self.roles()?.into_iter().map(|r| r.role).collect();
        let role = roles
            .iter()
            .find(|r| r.id == id)
            .context("that role no longer exists")?;
        let parent = roles
            .iter()
            .find(|r| r.id == new_parent)
            .context("the chosen parent no longer exists")?;
        if role.is_hub {
            bail!(
                "\"{}\" is the hub, the root of the tree; it cannot move.",
                role.name
            );
        }
        if let Some(refusal) = would_create_cycle(&roles, id, new_parent) {
            bail!("{refusal}");
        }
        let done = format!("Moved {} under {}.", role.name, parent.name);
        if role.parent_id == Some(new_parent) {
            return Ok(format!("{} is already under {}.", role.name, parent.name));
        }
        let position = self.next_position(Some(new_parent))?;
        let mut change = self.change(format!("move role {} under {}", role.name, parent.name))?;
        change.update(
            "roles",
            id,
            &[("parent_id", &new_parent), ("position", &position)],
        )?;
        change.commit()?;
        Ok(done)
    }

    /// What deleting role `id` would take with it.
    pub fn role_delete_impact(&self, id: i64) -> Result<RoleDeleteImpact> {
        let count = |sql: &str| -> Result<usize> {
            Ok(self.conn.query_row(sql, [id], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(RoleDeleteImpact {
            children: count("SELECT count(*) FROM roles WHERE parent_id = ?1")?,
            assignments: count("SELECT count(*) FROM role_assignments WHERE role_id = ?1")?,
        })
    }

    /// Deletes role `id` with its assignments; its sub-roles move up to its parent. The hub can
    /// only go when nothing hangs beneath it. Returns the role's name.
    pub fn delete_role(&mut self, id: i64) -> Result<String> {
        let roles = self.roles()?;
        let record = roles
            .iter()
            .find(|r| r.role.id == id)
            .context("that role no longer exists")?;
        let mut children: Vec<&RoleRecord> = roles
            .iter()
            .filter(|r| r.role.parent_id == Some(id) && r.role.id != id)
            .collect();
        children.sort_by_key(|r| (r.role.position, r.role.id));
        let children: Vec<i64> = children.iter().map(|r| r.role.id).collect();
        if record.role.is_hub && !children.is_empty() {
            bail!(
                "\"{}\" is the hub and {} hang beneath it; delete or move them first.",
                record.role.name,
                crate::plan::numbers::count_of(children.len(), "role", "roles")
            );
        }
        let name = record.role.name.clone();
        let parent = record.role.parent_id.filter(|p| *p != id);
        // The sub-roles join their new siblings after the last of them, in their own order.
        let after = self.next_position(parent)?;
        let mut change = self.change(format!("delete role {name}"))?;
        for (offset, child) in children.into_iter().enumerate() {
            let position = after + offset as i64;
            change.update(
                "roles",
                child,
                &[("parent_id", &parent), ("position", &position)],
            )?;
        }
        change.delete("roles", id)?;
        change.commit()?;
        Ok(name)
    }

    /// Adds the roles of sector template `name` that the workbook does not have yet (by name,
    /// ignoring case), creating the hub first if there is none. One change: `u` takes it back.
    pub fn apply_sector_template(&mut self, name: &str) -> Result<TemplateReport> {
        let template = sector_template::by_name(name).map_err(anyhow::Error::msg)?;
        let roles = self.roles()?;
        let hub = self.hub_id()?;
        // The hub this application would create; its name counts as taken, so an organisation
        // named like one of the template's roles does not end up with that name twice.
        let new_hub_name = match hub {
            Some(_) => None,
            None => {
                let organisation = self.meta()?.organisation;
                Some(if organisation.trim().is_empty() {
                    DEFAULT_HUB_NAME.to_string()
                } else {
                    organisation.trim().to_string()
                })
            }
        };
        let names: Vec<String> = roles
            .iter()
            .map(|r| r.role.name.clone())
            .chain(new_hub_name.clone())
            .collect();
        let plan = plan_apply(&template, &names);
        let mut report = TemplateReport {
            title: template.title.clone(),
            added: plan.to_add.iter().map(|r| r.name.clone()).collect(),
            existing: plan.existing.iter().map(|r| r.name.clone()).collect(),
            hub_created: None,
        };
        if plan.to_add.is_empty() {
            return Ok(report);
        }
        let mut ids: HashMap<String, i64> = roles
            .iter()
            .map(|r| (r.role.name.trim().to_lowercase(), r.role.id))
            .collect();
        // The last position under each parent, so new roles go after the existing ones.
        let mut last_position: HashMap<Option<i64>, i64> = self
            .conn
            .prepare("SELECT parent_id, max(position) FROM roles GROUP BY parent_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut next_position = |parent: Option<i64>| -> i64 {
            let next = last_position.get(&parent).copied().unwrap_or(0) + 1;
            last_position.insert(parent, next);
            next
        };
        let mut change = self.change(format!("apply the {} template", template.title))?;
        let hub = match hub {
            Some(hub) => hub,
            None => {
                let hub_name = new_hub_name.unwrap_or_else(|| DEFAULT_HUB_NAME.to_string());
                let id = change.insert(
                    "roles",
                    &[
                        ("is_hub", &true),
                        ("name", &hub_name),
                        (
                            "description",
                            &"Coordinates the ecosystem: sets direction, brings partners together.",
                        ),
                        ("criticality", &Criticality::High.word()),
                        ("min_partners", &0i64),
                        ("position", &next_position(None)),
                    ],
                )?;
                ids.insert(hub_name.to_lowercase(), id);
                report.hub_created = Some(hub_name);
                id
            }
        };
        for role in &plan.to_add {
            let parent = role
                .parent
                .as_ref()
                .and_then(|p| ids.get(&p.trim().to_lowercase()).copied())
                .unwrap_or(hub);
            let position = next_position(Some(parent));
            let id = change.insert(
                "roles",
                &[
                    ("parent_id", &parent),
                    ("is_hub", &false),
                    ("name", &role.name),
                    ("description", &role.description),
                    ("criticality", &role.criticality.word()),
                    ("min_partners", &role.min_partners),
                    ("position", &position),
                ],
            )?;
            ids.insert(role.name.trim().to_lowercase(), id);
        }
        change.commit()?;
        Ok(report)
    }

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

    /// Where the change journal stands now.
    pub fn journal_mark(&self) -> Result<JournalMark> {
        let newest: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                    r.get(0)
                })?;
        let undone: BTreeSet<i64> = self
            .conn
            .prepare_cached("SELECT id FROM change_journal WHERE undone = 1")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let top_done = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM change_journal WHERE undone = 0")?
            .query_row([], |r| r.get(0))?;
        Ok(JournalMark {
            newest,
            undone,
            top_done,
        })
    }

    /// The journal's mark now and the entries made, undone or redone since `mark`; `None` when
    /// the journal cannot tell.
    pub(crate) fn entries_since(
        &self,
        mark: &JournalMark,
    ) -> Result<Option<(JournalMark, BTreeSet<i64>)>> {
        let now = self.journal_mark()?;
        // Ids only grow (AUTOINCREMENT). Entries cut from the redo branch that were undone
        // before the mark changed nothing by going; but an entry made after the mark may have been pruned
        // already only when a thousand edits came since — then read everything again.
        if now.newest < mark.newest || now.newest - mark.newest >= super::journal::KEEP_ENTRIES {
            return Ok(None);
        }
        // An entry in effect at the mark that was undone and then cut by a new edit changed the
        // data (its undo) and left no trace; undo works from the newest down, so it would have
        // taken the newest one in effect at the mark with it.
        let in_effect_gone = mark.top_done > 0
            && !self
                .conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_journal WHERE id = ?1)")?
                .query_row([mark.top_done], |r| r.get::<_, bool>(0))?;
        if in_effect_gone {
            return Ok(None);
        }
        let mut entries: BTreeSet<i64> = mark
            .undone
            .symmetric_difference(&now.undone)
            .copied()
            .collect();
        let newer: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM change_journal WHERE id > ?1")?
            .query_map([mark.newest], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        entries.extend(newer);
        Ok(Some((now, entries)))
    }

    /// The roles and partners whose assignments changed since `mark`, read from the journal
    /// entries made, undone or redone since then (an edit undone and redone again in between
    /// changed nothing). `None` when the journal cannot tell (entries pruned, too many changes):
    /// then read everything again.
    pub fn role_changes_since(&self, mark: &JournalMark) -> Result<Option<RoleChanges>> {
        let Some((now, entries)) = self.entries_since(mark)? else {
            return Ok(None);
        };
        let mut changes = RoleChanges::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT table_name, before_json, after_json FROM change_journal_rows \
             WHERE entry_id = ?1",
        )?;
        let mut followed = 0;
        for entry in entries {
            let rows = stmt.query_map([entry], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (table, before, after) = row?;
                followed += 1;
                if followed > MAX_FOLLOWED_ROWS {
                    return Ok(None);
                }
                match table.as_str() {
                    "roles" => changes.catalogue = true,
                    "role_assignments" => {
                        for image in [before, after].into_iter().flatten() {
                            let Ok(image) = serde_json::from_str::<serde_json::Value>(&image)
                            else {
                                return Ok(None);
                            };
                            let id = |name: &str| image.get(name).and_then(|v| v.as_i64());
                            match (id("role_id"), id("partner_id")) {
                                (Some(role), Some(partner)) => {
                                    changes.roles.insert(role);
                                    changes.partners.insert(partner);
                                }
                                _ => return Ok(None),
                            }
                        }
                    }
                    _ => changes.others = true,
                }
            }
        }
        changes.mark = now;
        Ok(Some(changes))
    }

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
