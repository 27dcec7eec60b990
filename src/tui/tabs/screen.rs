//! What the App asks of a tab: where its keys go, what it reads before a frame, how it draws, and
//! how it hears that the workbook changed. Every tab but the roster (older, with its own mouse and
//! form handling) answers through this one trait, so the App routes keys without a tab's name.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::plan::guide::Target;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use crate::workbook::Workbook;

pub trait Screen {
    /// Where keys go on this tab now.
    fn context(&self) -> Context;

    /// The context whose actions the palette offers while a form, filter or picker is open.
    fn list_context(&self) -> Context;

    /// Reads what the tab shows, sized for `area` (the tab's body), when the workbook changed.
    /// Drawing never reads.
    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()>;

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme);

    /// A key (its action from the keymap, and the key itself for typing).
    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent>;

    /// An action from the palette, as if its key had been pressed on the tab's list.
    fn run(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        self.discard_form();
        self.handle(
            Some(action),
            &KeyEvent::new(KeyCode::Null, KeyModifiers::NONE),
            wb,
        )
    }

    /// Pasted text, for the open form or search.
    fn paste(&mut self, _text: &str) {}

    /// The workbook changed somewhere: read again before the next frame that shows the tab.
    fn mark_stale(&mut self);

    /// An edit this tab asked for went through: close what asked and read again.
    fn edited(&mut self, wb: &Workbook) -> Result<()>;

    /// An edit was refused: an open form shows why (`true`), else the status line does.
    fn edit_failed(&mut self, _message: &str) -> bool {
        false
    }

    /// The user chose to lose what the open form holds.
    fn discard_form(&mut self) {}

    /// Remembers what the user would expect to find again (at quit; each write costs an fsync).
    fn save_view(&self, _wb: &Workbook) {}

    /// The App brought the user here to fix something: select the section or record named.
    fn go(&mut self, _target: Target, _wb: &Workbook) -> Result<Intent> {
        Ok(Intent::Nothing)
    }
}
