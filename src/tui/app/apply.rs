//! Applying what a screen asks for: a confirmed question, a saved form, an edit of any tab; each
//! goes through the workbook, then the tabs that show the change read again and the status line
//! says what happened (or why not, in the form that asked when one is open).

use anyhow::Result;

use crate::plan::framework::Screen;
use crate::plan::guide::Target;

use super::{App, Popup};
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::tabs::TabId;
use crate::tui::tabs::metrics::MetricsEdit;
use crate::tui::tabs::overview::{Destination, ScenarioEdit};
use crate::tui::tabs::risks::RiskEdit;
use crate::tui::tabs::roles::RoleEdit;
use crate::tui::tabs::strategy::StrategyEdit;
use crate::tui::widgets::confirm::{ConfirmAction, ConfirmDialog};

impl App {
    pub(super) fn confirmed(&mut self, action: ConfirmAction) -> Result<()> {
        match action {
            ConfirmAction::DiscardChanges => self.screen_mut(self.tab).0.discard_form(),
            ConfirmAction::DeleteKpi { .. }
            | ConfirmAction::DeleteMeasurement { .. }
            | ConfirmAction::DeleteInvestment { .. }
            | ConfirmAction::DeleteValueEntry { .. } => {
                if let Some(edit) = MetricsEdit::confirmed(&action) {
                    self.apply(Intent::Metrics(edit))?
                }
            }
            // Strategy tab
            ConfirmAction::DeleteGoal { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteGoal { id }))?
            }
            ConfirmAction::DeleteResource { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteResource { id }))?
            }
            ConfirmAction::DeleteGovernanceRule { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteRule { id }))?
            }
            ConfirmAction::DeleteForum { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteForum { id }))?
            }
            ConfirmAction::DeleteProtocol { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteProtocol { id }))?
            }
            ConfirmAction::DeleteTrend { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteTrend { id }))?
            }
            ConfirmAction::DeleteTrendAction { id, .. } => {
                self.apply(Intent::Strategy(StrategyEdit::DeleteTrendAction { id }))?
            }
            ConfirmAction::DeleteRisk { id, .. } => {
                self.apply(Intent::Risk(RiskEdit::Delete { id }))?
            }
            ConfirmAction::ResidualAboveInherent { .. } => {
                let intent = self.risks.residual_confirmed();
                self.apply(intent)?
            }
            ConfirmAction::SaveAnyway { then, .. } => self.apply(*then)?,
            ConfirmAction::DeleteRole { id, .. } => {
                self.apply(Intent::Role(RoleEdit::DeleteRole { id }))?
            }
            ConfirmAction::DeleteLink { id, .. } => {
                self.apply(Intent::Role(RoleEdit::DeleteLink { id }))?
            }
            ConfirmAction::DeleteOffering { id, .. } => {
                self.apply(Intent::Role(RoleEdit::DeleteOffering { id }))?
            }
            ConfirmAction::DeleteMember { id, .. } => {
                self.apply(Intent::Role(RoleEdit::DeleteMember { id }))?
            }
            ConfirmAction::DeleteScenario { id, .. } => {
                self.apply(Intent::Scenario(ScenarioEdit::Delete { id }))?
            }
            other => {
                if let Some(edit) = PartnerEdit::confirmed(&other) {
                    self.apply(Intent::Partner(edit))?
                }
            }
        }
        Ok(())
    }

    /// Whether `tab` has a form open holding typing not saved yet (the mouse can leave one open
    /// behind another tab): a jump, a number's list or a palette command for that tab then shows
    /// the form, untouched, and says how to go on, instead of closing it and losing the typing.
    pub(super) fn keeps_typing(&mut self, tab: TabId) -> bool {
        let (screen, _) = self.screen_mut(tab);
        if !screen.typing_form().is_some_and(|form| form.is_dirty()) {
            return false;
        }
        self.switch_tab(tab);
        self.set_status(crate::tui::intent::KEEPS_TYPING.into(), true);
        true
    }

    pub(super) fn apply(&mut self, intent: Intent) -> Result<()> {
        match intent {
            Intent::Nothing => {}
            Intent::Status(text) => self.set_status(text, false),
            Intent::Error(text) => self.set_status(text, true),
            Intent::Confirm(action) => self.popup = Some(Popup::Confirm(ConfirmDialog { action })),
            Intent::Partner(edit) => self.apply_partner_edit(edit)?,
            Intent::Role(edit) => {
                let done = edit.apply(&mut self.workbook);
                self.applied(TabId::Roles, done)?
            }
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
            Intent::Scenario(edit) => {
                let done = edit.apply(&mut self.workbook);
                self.applied(TabId::Overview, done)?
            }
            Intent::Go(target) => self.go(target)?,
            Intent::Show(destination) => self.show(destination)?,
            Intent::Risk(edit) => {
                let done = edit.apply(&mut self.workbook, &self.risks.bands());
                self.applied(TabId::Risks, done)?
            }
        }
        Ok(())
    }

    /// After tab `tab`'s edit: on success every tab reads again and `tab` closes what asked;
    /// on failure the open form (or else the status line) says why, and nothing typed is lost.
    pub(super) fn applied(&mut self, tab: TabId, done: Result<String>) -> Result<()> {
        match done {
            Ok(done) => {
                self.changed();
                // A note or mark saved on the Guide shows at once; on a plan whose reading of
                // the checks is long, that reading is the idle pass's, not the key's.
                if tab == TabId::Guide && self.readings.defers(TabId::Guide, true) {
                    self.guide.edited_lightly(&self.workbook)?;
                } else {
                    let (screen, wb) = self.screen_mut(tab);
                    screen.edited(wb)?;
                }
                self.set_status(done, false);
            }
            Err(err) => {
                let message = format!("Not saved: {err:#}");
                if !self.screen_mut(tab).0.edit_failed(&message) {
                    self.set_status(message, true);
                }
            }
        }
        Ok(())
    }

    /// Sends the user to the screen that fixes something, with its record selected (public for
    /// the screen tests, which jump as the Guide will).
    pub fn go(&mut self, target: Target) -> Result<()> {
        let tab = match target.screen {
            Screen::Guide => TabId::Guide,
            Screen::Mission
            | Screen::CoreElements
            | Screen::ModelAid
            | Screen::Goals
            | Screen::ValueProposition
            | Screen::Resources
            | Screen::Governance
            | Screen::Protocols
            | Screen::Forums
            | Screen::Future => TabId::Strategy,
            Screen::Partners
            | Screen::Scoring
            | Screen::Onboarding
            | Screen::CheckIns
            | Screen::JointPlan => TabId::Partners,
            Screen::Roles | Screen::Ecosystem => TabId::Roles,
            Screen::Risks => TabId::Risks,
            Screen::Metrics => TabId::Metrics,
        };
        if self.keeps_typing(tab) {
            return Ok(());
        }
        // A jump within the tab on screen only moves the selection: nothing to come back to.
        if tab != self.tab {
            self.push_view(tab);
        }
        self.switch_tab(tab);
        let (screen, wb) = self.screen_mut(tab);
        let intent = screen.go(target, wb)?;
        self.apply(intent)
    }

    /// Overview tab: shows the list behind one of its numbers, on the tab that keeps it.
    pub(super) fn show(&mut self, destination: Destination) -> Result<()> {
        if self.keeps_typing(destination.tab()) {
            return Ok(());
        }
        let arrival = destination.arrival();
        self.push_view(destination.tab());
        let intent = match destination {
            Destination::Partners(facets) => {
                self.switch_tab(TabId::Partners);
                self.partners.show_facets(*facets, &self.workbook)?
            }
            Destination::CheckinsDue => {
                self.switch_tab(TabId::Partners);
                self.partners.show_due_soon(&self.workbook)?
            }
            Destination::Roles(role) => {
                self.switch_tab(TabId::Roles);
                if let Some(id) = role {
                    self.roles.show_role(id, &self.workbook)?;
                }
                Intent::Nothing
            }
            Destination::Risks(cell) => {
                self.switch_tab(TabId::Risks);
                if let Some(cell) = cell {
                    self.risks.show_cell(cell, &self.workbook)?;
                }
                Intent::Nothing
            }
            Destination::Metrics => {
                self.switch_tab(TabId::Metrics);
                Intent::Nothing
            }
            Destination::Ecosystem => {
                self.switch_tab(TabId::Roles);
                self.roles.open_ecosystem(&self.workbook)?;
                Intent::Nothing
            }
            Destination::Guide => {
                self.switch_tab(TabId::Guide);
                Intent::Nothing
            }
            Destination::Concentration => {
                self.overview.open_concentration(0);
                Intent::Nothing
            }
            Destination::ExitOf(id, name) => {
                self.switch_tab(TabId::Overview);
                self.overview.open_exit_of(id, name, &self.workbook)?;
                Intent::Nothing
            }
        };
        match (intent, arrival) {
            (Intent::Nothing, Some(text)) => self.apply(Intent::Status(text.into())),
            (intent, _) => self.apply(intent),
        }
    }
}
