//! The mouse: a click on a tab label switches tab, a click on a roster row selects it, and the
//! wheel scrolls the list under it.

use anyhow::Result;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

use super::App;
use super::chrome::tab_at;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::tabs::TabId;
use crate::tui::tabs::screen::Screen;

impl App {
    pub(super) fn handle_mouse(&mut self, kind: MouseEventKind, x: u16, y: u16) -> Result<()> {
        if self.popup.is_some() {
            return Ok(());
        }
        match kind {
            MouseEventKind::Down(MouseButton::Left) if y == 1 => {
                let width = self.body.width;
                if let Some(tab) = tab_at(x, width, self.guide.readiness()) {
                    self.forget_way_back();
                    self.switch_tab(tab);
                }
            }
            MouseEventKind::Down(MouseButton::Left)
                if self.tab == TabId::Partners && self.partners.context() == Context::List =>
            {
                if let Some(index) = self.partners.row_at(self.body, x, y) {
                    self.partners.click_row(index, &self.workbook)?;
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                if self.tab == TabId::Roles
                    && matches!(self.roles.context(), Context::Roles | Context::Matrix) =>
            {
                let action = if kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                let intent = self.roles.run(action, &self.workbook)?;
                self.apply(intent)?
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                if self.tab == TabId::Risks && self.risks.context() == Context::Risks =>
            {
                let action = if kind == MouseEventKind::ScrollDown {
                    Action::Down
                } else {
                    Action::Up
                };
                let intent = self.risks.run(action, &self.workbook)?;
                self.apply(intent)?
            }
            MouseEventKind::ScrollDown
                if self.tab == TabId::Partners && self.partners.context() == Context::List =>
            {
                self.run_action(Action::Down)?
            }
            MouseEventKind::ScrollUp
                if self.tab == TabId::Partners && self.partners.context() == Context::List =>
            {
                self.run_action(Action::Up)?
            }
            _ => {}
        }
        Ok(())
    }
}
