//! Applying what a screen asks for: a confirmed question, a saved form, an edit of any tab; each
//! goes through the workbook, then the tabs that show the change read again and the status line
//! says what happened (or why not, in the form that asked when one is open).

use anyhow::Result;

use super::{App, Popup};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::tabs::TabId;
use crate::tui::tabs::risks::RiskEdit;
use crate::tui::tabs::roles::RoleEdit;
use crate::tui::widgets::confirm::{ConfirmAction, ConfirmDialog};

impl App {
    pub(super) fn confirmed(&mut self, action: ConfirmAction) -> Result<()> {
        match action {
            ConfirmAction::DeletePartner { id, .. } => {
                let name = self.workbook.delete_partner(id)?;
                self.partners.reload(&self.workbook)?;
                let undo = self
                    .keymap
                    .keys_for(Action::Undo)
                    .unwrap_or_else(|| "u".into());
                self.roles.mark_stale();
                self.risks.mark_stale();
                self.set_status(format!("Deleted {name}. {undo} brings it back."), false);
            }
            ConfirmAction::DiscardChanges if self.tab == TabId::Roles => self.roles.discard_form(),
            ConfirmAction::DiscardChanges if self.tab == TabId::Risks => self.risks.discard_form(),
            ConfirmAction::DeleteRisk { id, .. } => {
                self.apply(Intent::Risk(RiskEdit::Delete { id }))?
            }
            ConfirmAction::ResidualAboveInherent { .. } => {
                let intent = self.risks.residual_confirmed();
                self.apply(intent)?
            }
            ConfirmAction::DiscardChanges => self.partners.discard_form(),
            ConfirmAction::DeleteRole { id, .. } => {
                self.apply(Intent::Role(RoleEdit::DeleteRole { id }))?
            }
            other => {
                if let Some(edit) = PartnerEdit::confirmed(&other) {
                    self.apply(Intent::Edit(edit))?
                }
            }
        }
        Ok(())
    }

    pub(super) fn apply(&mut self, intent: Intent) -> Result<()> {
        match intent {
            Intent::Nothing => {}
            Intent::Status(text) => self.set_status(text, false),
            Intent::Error(text) => self.set_status(text, true),
            Intent::Confirm(action) => self.popup = Some(Popup::Confirm(ConfirmDialog { action })),
            Intent::SavePartner { id, draft } => {
                let saved = match id {
                    Some(id) => self.workbook.update_partner(id, &draft).map(|()| id),
                    None => self.workbook.add_partner(&draft),
                };
                match saved {
                    Ok(id) => {
                        self.roles.mark_stale();
                        self.risks.mark_stale();
                        self.partners.saved(id, &self.workbook)?;
                        self.set_status(format!("Saved {}.", draft.normalised().name), false);
                    }
                    // The form stays open with everything typed; nothing is lost.
                    Err(err) => self.partners.save_failed(format!("Not saved: {err:#}")),
                }
            }
            Intent::Role(edit) => self.apply_role_edit(edit)?,
            Intent::Risk(edit) => self.apply_risk_edit(edit)?,
            Intent::Edit(edit) => match edit.apply(&mut self.workbook) {
                Ok(done) => {
                    self.roles.mark_stale();
                    self.risks.mark_stale();
                    self.partners.edited(&self.workbook)?;
                    self.set_status(done, false);
                }
                Err(err) => {
                    let message = format!("Not saved: {err:#}");
                    if !self.partners.edit_failed(&message) {
                        self.set_status(message, true);
                    }
                }
            },
        }
        Ok(())
    }

    fn apply_role_edit(&mut self, edit: RoleEdit) -> Result<()> {
        match edit.apply(&mut self.workbook) {
            Ok(done) => {
                self.roles.edited(&self.workbook)?;
                self.risks.mark_stale();
                self.set_status(done, false);
            }
            Err(err) => {
                let message = format!("Not saved: {err:#}");
                if !self.roles.edit_failed(&message) {
                    self.set_status(message, true);
                }
            }
        }
        Ok(())
    }

    fn apply_risk_edit(&mut self, edit: RiskEdit) -> Result<()> {
        let bands = self.risks.bands();
        match edit.apply(&mut self.workbook, &bands) {
            Ok(done) => {
                self.risks.edited(&self.workbook)?;
                self.set_status(done, false);
            }
            Err(err) => {
                let message = format!("Not saved: {err:#}");
                if !self.risks.edit_failed(&message) {
                    self.set_status(message, true);
                }
            }
        }
        Ok(())
    }
}
