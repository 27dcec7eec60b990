//! Workbook edits the Roles tab asks for, and how the App applies them: each is one journaled
//! change (so `u` undoes it) and comes back as a sentence for the status line.

use anyhow::Result;

use crate::plan::ecosystem::{LinkDraft, MemberDraft, OfferingDraft};
use crate::plan::numbers::count_of;
use crate::plan::roles::{AssignmentKind, RoleDraft};
use crate::workbook::Workbook;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleEdit {
    /// Adds a role under `parent` (`id: None`; the hub when the workbook has none) or changes one.
    SaveRole {
        id: Option<i64>,
        parent: Option<i64>,
        draft: RoleDraft,
    },
    /// Hangs a role under another parent.
    MoveRole { id: i64, parent: i64 },
    /// Deletes a role with its assignments (after the confirm step).
    DeleteRole { id: i64 },
    /// Adds a sector template's roles that are not there yet.
    ApplyTemplate { name: String },
    /// Sets (or clears) one cell of the matrix.
    SetCell {
        partner: i64,
        role: i64,
        kind: Option<AssignmentKind>,
    },
    /// Adds a link between two partners (`id: None`) or changes one.
    SaveLink { id: Option<i64>, draft: LinkDraft },
    /// Deletes a link (after the confirm step).
    DeleteLink { id: i64 },
    /// Adds a joint offering (`id: None`) or changes one.
    SaveOffering {
        id: Option<i64>,
        draft: OfferingDraft,
    },
    /// Deletes an offering with its members (after the confirm step).
    DeleteOffering { id: i64 },
    /// Adds a member to `offering` (`id: None`) or changes one.
    SaveMember {
        offering: i64,
        id: Option<i64>,
        draft: MemberDraft,
    },
    /// Removes a member from its offering (after the confirm step).
    DeleteMember { id: i64 },
    /// The note of an assignment.
    CellNote {
        partner: i64,
        role: i64,
        note: String,
    },
}

impl RoleEdit {
    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        Ok(match self {
            RoleEdit::SaveRole {
                id: Some(id),
                draft,
                ..
            } => {
                wb.update_role(*id, draft)?;
                format!("Saved {}.", draft.name.trim())
            }
            RoleEdit::SaveRole {
                id: None,
                parent,
                draft,
            } => {
                wb.add_role(*parent, draft)?;
                format!("Added {}.", draft.name.trim())
            }
            RoleEdit::MoveRole { id, parent } => wb.move_role(*id, *parent)?,
            RoleEdit::DeleteRole { id } => {
                let name = wb.delete_role(*id)?;
                format!("Deleted {name} with its assignments.")
            }
            RoleEdit::ApplyTemplate { name } => {
                let report = wb.apply_sector_template(name)?;
                let mut text = format!(
                    "{} template: added {}",
                    report.title,
                    count_of(report.added.len(), "role", "roles")
                );
                if let Some(hub) = report.hub_created {
                    text.push_str(&format!(" and the hub \"{hub}\""));
                }
                if !report.existing.is_empty() {
                    text.push_str(&format!("; {} already there", report.existing.len()));
                }
                text.push('.');
                text
            }
            RoleEdit::SetCell {
                partner,
                role,
                kind,
            } => wb.set_assignment(*partner, *role, *kind)?,
            RoleEdit::SaveLink {
                id: Some(id),
                draft,
            } => {
                wb.update_link(*id, draft)?;
                format!("Saved the link {}.", wb.link(*id)?.label())
            }
            RoleEdit::SaveLink { id: None, draft } => {
                let id = wb.add_link(draft)?;
                format!("Added the link {}.", wb.link(id)?.label())
            }
            RoleEdit::DeleteLink { id } => {
                let label = wb.delete_link(*id)?;
                format!("Deleted the link {label}.")
            }
            RoleEdit::SaveOffering {
                id: Some(id),
                draft,
            } => {
                wb.update_offering(*id, draft)?;
                format!("Saved the offering {}.", draft.name.trim())
            }
            RoleEdit::SaveOffering { id: None, draft } => {
                wb.add_offering(draft)?;
                format!(
                    "Added the offering {}; m adds its members.",
                    draft.name.trim()
                )
            }
            RoleEdit::DeleteOffering { id } => {
                let name = wb.delete_offering(*id)?;
                format!("Deleted the offering {name} with its members.")
            }
            RoleEdit::SaveMember {
                id: Some(id),
                draft,
                ..
            } => {
                wb.update_member(*id, draft)?;
                "Saved the member.".to_string()
            }
            RoleEdit::SaveMember {
                offering,
                id: None,
                draft,
            } => {
                wb.add_member(*offering, draft)?;
                format!(
                    "Added a member to {}.",
                    wb.offering(*offering)?.offering.name
                )
            }
            RoleEdit::DeleteMember { id } => {
                let name = wb.delete_member(*id)?;
                format!("Removed {name} from the offering.")
            }
            RoleEdit::CellNote {
                partner,
                role,
                note,
            } => {
                wb.set_assignment_note(*partner, *role, note)?;
                "Saved the note.".to_string()
            }
        })
    }
}
