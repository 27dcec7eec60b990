//! Applying what a screen asks for: a confirmed question, a saved form, an edit of any tab; each
//! goes through the workbook, then the tabs that show the change read again and the status line
//! says what happened (or why not, in the form that asked when one is open).

use anyhow::Result;

use crate::plan::framework::Screen;
use crate::plan::guide::Target;

use super::{App, Popup};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::tabs::TabId;
use crate::tui::tabs::metrics::MetricsEdit;
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
            // Metrics tab
            ConfirmAction::DiscardChanges if self.tab == TabId::Metrics => {
                crate::tui::tabs::screen::Screen::discard_form(&mut self.metrics)
            }
            ConfirmAction::DeleteKpi { .. }
            | ConfirmAction::DeleteMeasurement { .. }
            | ConfirmAction::DeleteInvestment { .. }
            | ConfirmAction::DeleteValueEntry { .. } => {
                if let Some(edit) = MetricsEdit::confirmed(&action) {
                    self.apply(Intent::Metrics(edit))?
                }
            }
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
            Intent::Strategy(edit) => {
                let done = edit.apply(&mut self.workbook);
                self.applied(TabId::Strategy, done)?
            }
            Intent::Guide(edit) => {
                let done = edit.apply(&mut self.workbook);
                self.applied(TabId::Guide, done)?
            }
            Intent::Metrics(edit) => {
                let done = edit.apply(&mut self.workbook);
                self.applied(TabId::Metrics, done)?
            }
            Intent::Go(target) => self.go(target)?,
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

    /// After tab `tab`'s edit: on success every tab reads again and `tab` closes what asked;
    /// on failure the open form (or else the status line) says why, and nothing typed is lost.
    fn applied(&mut self, tab: TabId, done: Result<String>) -> Result<()> {
        match done {
            Ok(done) => {
                self.changed();
                self.partners.reload(&self.workbook)?;
                if let (Some(screen), wb) = self.screen_mut(tab) {
                    screen.edited(wb)?;
                }
                self.set_status(done, false);
            }
            Err(err) => {
                let message = format!("Not saved: {err:#}");
                let shown = match self.screen_mut(tab) {
                    (Some(screen), _) => screen.edit_failed(&message),
                    (None, _) => false,
                };
                if !shown {
                    self.set_status(message, true);
                }
            }
        }
        Ok(())
    }

    /// Sends the user to the screen that fixes something, with its record selected.
    pub(super) fn go(&mut self, target: Target) -> Result<()> {
        let tab = match target.screen {
            Screen::Guide => TabId::Guide,
            Screen::Mission
            | Screen::CoreElements
            | Screen::ModelAid
            | Screen::Goals
            | Screen::ValueProposition
            | Screen::Resources
            | Screen::Governance
            | Screen::Protocols => TabId::Strategy,
            Screen::Partners | Screen::Scoring | Screen::Onboarding => TabId::Partners,
            Screen::Roles => TabId::Roles,
            Screen::Risks => TabId::Risks,
            Screen::Metrics => TabId::Metrics,
        };
        self.switch_tab(tab);
        let intent = match self.screen_mut(tab) {
            (Some(screen), wb) => screen.go(target, wb)?,
            (None, _) => self.partners.go(target, &self.workbook)?,
        };
        self.apply(intent)
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
