//! The Roles tab's tree keys: add, edit, move and delete a role, apply a sector template, open
//! the matrix or a role's links, each read-only aware; and the choices its forms offer.

use anyhow::Result;

use super::forms::RoleForm;
use super::matrix::Matrix;
use super::{Popup, READ_ONLY, RolesTab};
use crate::plan::roles::RoleDraft;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::picker::Picker;
use crate::workbook::Workbook;

impl RolesTab {
    pub(super) fn catalogue_action(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let writes = matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::MoveRole | Action::ApplyTemplate
        );
        if writes && wb.is_read_only() {
            return Ok(Intent::Error(READ_ONLY.into()));
        }
        let last = self.lines.len().saturating_sub(1);
        let moved = match action {
            Action::Up => Some(self.selected.saturating_sub(1)),
            Action::Down => Some((self.selected + 1).min(last)),
            Action::Top => Some(0),
            Action::Bottom => Some(last),
            Action::PageUp => Some(self.selected.saturating_sub(10)),
            Action::PageDown => Some((self.selected + 10).min(last)),
            _ => None,
        };
        if let Some(next) = moved {
            if next != self.selected {
                self.selected = next;
                self.load_holders(wb)?;
            }
            return Ok(Intent::Nothing);
        }
        let selected = self.selected_role().cloned();
        Ok(match (action, selected) {
            (Action::Add, None) => {
                let draft = RoleDraft {
                    name: wb.meta()?.organisation,
                    min_partners: 0,
                    ..RoleDraft::default()
                };
                self.popup = Popup::Form(RoleForm::role(
                    "New hub: the organisation that coordinates the ecosystem",
                    &draft,
                    None,
                    None,
                ));
                Intent::Nothing
            }
            (Action::Add, Some(parent)) => {
                let draft = RoleDraft {
                    min_partners: 1,
                    ..RoleDraft::default()
                };
                let title = format!(
                    "New role under {}",
                    crate::tui::sanitize::clean(&parent.role.name)
                );
                self.popup = Popup::Form(RoleForm::role(&title, &draft, None, Some(parent.role.id)));
                Intent::Nothing
            }
            (Action::Edit | Action::Open, Some(record)) => {
                let title = format!("Edit {}", crate::tui::sanitize::clean(&record.role.name));
                self.popup = Popup::Form(RoleForm::role(
                    &title,
                    &record.draft(),
                    Some(record.role.id),
                    None,
                ));
                Intent::Nothing
            }
            (Action::Delete, Some(record)) => {
                let impact = wb.role_delete_impact(record.role.id)?;
                Intent::Confirm(ConfirmAction::DeleteRole {
                    id: record.role.id,
                    name: record.role.name.clone(),
                    children: impact.children,
                    assignments: impact.assignments,
                })
            }
            (Action::MoveRole, Some(record)) if record.role.is_hub => Intent::Error(format!(
                "{} is the hub, the root of the tree; it cannot move.",
                crate::tui::sanitize::clean(&record.role.name)
            )),
            (Action::MoveRole, Some(record)) => {
                let choices = self.parent_choices(record.role.id);
                let title = format!(
                    "Move {} under…",
                    crate::tui::sanitize::clean(&record.role.name)
                );
                let picker = Picker::new(title, choices).nothing("No role matches.");
                self.popup = Popup::Moving(record.role.id, picker);
                Intent::Nothing
            }
            (Action::ApplyTemplate, _) => {
                self.popup = Popup::Form(RoleForm::template());
                Intent::Nothing
            }
            (Action::Ecosystem, _) => {
                self.open_ecosystem(wb)?;
                Intent::Nothing
            }
            (Action::Matrix, _) => {
                let mut matrix = Matrix::new(self.columns());
                matrix.reload(self.columns(), wb)?;
                self.matrix = Some(matrix);
                Intent::Nothing
            }
            (Action::Edit | Action::Delete | Action::MoveRole | Action::Open, None) => {
                Intent::Error("No roles yet: ‹roles:add› adds the hub, ‹roles:apply-template› a sector template.".into())
            }
            _ => Intent::Nothing,
        })
    }

    /// The roles a link may serve: every role but the hub, in tree order.
    pub(super) fn link_roles(&self) -> Vec<(i64, String)> {
        self.columns().into_iter().map(|c| (c.id, c.name)).collect()
    }

    /// Every role the role `moving` could hang under: all but itself and its own branch, each
    /// indented by its depth.
    pub(super) fn parent_choices(&self, moving: i64) -> Vec<(i64, String)> {
        let mut choices = Vec::new();
        let mut skipping: Option<usize> = None;
        for line in &self.lines {
            if let Some(depth) = skipping {
                if line.depth > depth {
                    continue;
                }
                skipping = None;
            }
            if line.id == moving {
                skipping = Some(line.depth);
                continue;
            }
            let name = &self.roles[line.index].role.name;
            choices.push((
                line.id,
                format!("{}{name}", "  ".repeat(line.depth.min(12))),
            ));
        }
        choices
    }
}
