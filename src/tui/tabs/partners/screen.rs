//! The roster on the `Screen` trait: the App routes its keys, paste, clicks, edits, navigation
//! and refresh after a change exactly as it does every other tab's.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::PartnersTab;
use crate::plan::guide::Target;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::tabs::screen::{Place, Screen};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;
use crate::workbook::Workbook;

impl PartnersTab {
    /// Reads again if the workbook changed since the roster last read it.
    pub(super) fn fresh(&mut self, wb: &Workbook) -> Result<()> {
        if self.stale {
            self.reload(wb)?;
        }
        Ok(())
    }
}

impl Screen for PartnersTab {
    fn context(&self) -> Context {
        self.tab_context()
    }

    fn list_context(&self) -> Context {
        Context::List
    }

    /// Sizes the roster's window for `area`, reading again if the workbook changed.
    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        self.fresh(wb)?;
        self.set_height(Self::visible_rows(area), wb)
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        self.draw_tab(area, buf, theme, keymap);
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        self.fresh(wb)?;
        self.handle_key(action, key, wb)
    }

    /// An action from the palette (or the wheel), as if pressed on the roster: an open view
    /// closes first.
    fn run(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        self.fresh(wb)?;
        self.list_action(action, wb)
    }

    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        self.fresh(wb)?;
        self.paste_text(text, wb)
    }

    /// The form keys go to, in the order `handle_key` tries them.
    fn typing_form(&mut self) -> Option<&mut Form> {
        match self.popup.form_mut() {
            Some(form) => Some(form),
            None => self
                .view
                .as_mut()
                .and_then(super::views::PartnerView::form_mut),
        }
    }

    /// A click on a roster row selects it.
    fn click(&mut self, area: Rect, x: u16, y: u16, wb: &Workbook) -> Result<Intent> {
        if self.tab_context() == Context::List
            && let Some(index) = self.row_at(area, x, y)
        {
            self.click_row(index, wb)?;
        }
        Ok(Intent::Nothing)
    }

    /// The wheel moves the roster's selection.
    fn scroll(&mut self, down: bool, wb: &Workbook) -> Result<Intent> {
        if self.tab_context() != Context::List {
            return Ok(Intent::Nothing);
        }
        self.run(if down { Action::Down } else { Action::Up }, wb)
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.after_edit(wb)
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        self.form_edit_failed(message)
    }

    fn discard_form(&mut self) {
        self.close_forms();
    }

    fn save_view(&self, wb: &Workbook) {
        self.store_view(wb);
    }

    fn go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        self.fresh(wb)?;
        self.go_to(target, wb)
    }

    fn here(&self) -> Place {
        self.nav_here()
    }

    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        self.nav_restore(place, wb)
    }

    fn crumb(&self) -> Option<String> {
        self.nav_crumb()
    }

    fn has_selection(&self) -> bool {
        match self.tab_context() {
            Context::List => self.window.selected().is_some(),
            Context::Form | Context::Filter => true,
            _ => self
                .view
                .as_ref()
                .is_none_or(super::views::PartnerView::has_selection),
        }
    }
}
