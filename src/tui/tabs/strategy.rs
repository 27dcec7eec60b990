//! The Strategy tab (being built: until then it shows what it will hold).

mod edit;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use edit::StrategyEdit;

use super::screen::Screen;
use super::{TabId, planned};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use crate::workbook::Workbook;

#[derive(Debug, Default)]
pub struct StrategyTab {
    stale: bool,
}

impl StrategyTab {
    pub fn new() -> StrategyTab {
        StrategyTab { stale: true }
    }
}

impl Screen for StrategyTab {
    fn context(&self) -> Context {
        Context::List
    }

    fn list_context(&self) -> Context {
        Context::List
    }

    fn prepare(&mut self, _area: Rect, _wb: &Workbook) -> Result<()> {
        self.stale = false;
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        planned::render(TabId::Strategy, area, buf, theme);
    }

    fn handle(
        &mut self,
        _action: Option<Action>,
        _key: &KeyEvent,
        _wb: &Workbook,
    ) -> Result<Intent> {
        Ok(Intent::Nothing)
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn edited(&mut self, _wb: &Workbook) -> Result<()> {
        self.stale = true;
        Ok(())
    }
}
