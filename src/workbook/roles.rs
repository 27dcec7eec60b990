//! Role mapping's reads and writes: the role catalogue (hub at the root) and sector templates,
//! with the assignments and what changed since a mark beside it. Every write is one journaled
//! change, so `u` undoes it; deleting a role takes its assignments along and undo brings them
//! back.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use rusqlite::OptionalExtension;

use super::Workbook;

mod assignments;
mod changes;

pub use assignments::{AssignmentCell, Holder};

use crate::plan::roles::{Criticality, Role, RoleDraft, RoleStatus, would_create_cycle};
use crate::plan::sector_template::{self, plan_apply};
pub use changes::RoleChanges;

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
}
