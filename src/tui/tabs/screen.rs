//! What the App asks of a tab: where its keys, pasted text and mouse go, what it reads before a
//! frame, how it draws, and how it hears that the workbook changed. Every tab answers through
//! this one trait, so the App routes keys, clicks and edits without a tab's name.

use std::any::Any;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::plan::guide::Target;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;
use crate::workbook::Workbook;

/// Where the user stands on a tab (its sub-view, selection, filter), as the tab itself keeps it:
/// the navigation stack holds it while a drill-down or jump is away and hands it back on `Esc`.
pub struct Place(Box<dyn Any>);

impl Place {
    pub fn new<T: Any>(place: T) -> Place {
        Place(Box::new(place))
    }

    /// The place as the tab that made it stored it (`None` from another tab's place).
    pub fn take<T: Any>(self) -> Option<T> {
        self.0.downcast::<T>().ok().map(|place| *place)
    }
}

impl std::fmt::Debug for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Place")
    }
}

pub trait Screen {
    /// Where keys go on this tab now.
    fn context(&self) -> Context;

    /// The context whose actions the palette offers while a form, filter or picker is open.
    fn list_context(&self) -> Context;

    /// Reads what the tab shows, sized for `area` (the tab's body), when the workbook changed.
    /// Drawing never reads.
    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()>;

    /// Draws what `prepare` read; key names in drawn text come from `keymap` (see `spell`).
    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap);

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
    fn paste(&mut self, _text: &str, _wb: &Workbook) -> Result<()> {
        Ok(())
    }

    /// The form whose focused field a plain character key would go to now, if one is open and
    /// nothing over it (a picker, a search) takes keys first: the App types a run of such keys
    /// into it in one go (see `App::handle_typed`).
    fn typing_form(&mut self) -> Option<&mut Form> {
        None
    }

    /// A left click at (`x`, `y`) on the tab's body `area` (e.g. on a row, to select it).
    fn click(&mut self, _area: Rect, _x: u16, _y: u16, _wb: &Workbook) -> Result<Intent> {
        Ok(Intent::Nothing)
    }

    /// The mouse wheel over the tab: one step `down` or up, where a list is on screen.
    fn scroll(&mut self, _down: bool, _wb: &Workbook) -> Result<Intent> {
        Ok(Intent::Nothing)
    }

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

    /// Where the user stands now, to come back to (see `Place`).
    fn here(&self) -> Place {
        Place::new(())
    }

    /// Puts the tab back where `place` says, closing what a jump opened since, and reads again.
    fn restore(&mut self, _place: Place, _wb: &Workbook) -> Result<()> {
        Ok(())
    }

    /// Whether the list on screen has a record selected (`false` when it is empty): the hint
    /// bar greys the keys that act on one (edit, delete, open…). Views without a list: `true`.
    fn has_selection(&self) -> bool {
        true
    }

    /// What the breadcrumb says after the tab's title ("prospect", "Scores: Acme"), if anything.
    fn crumb(&self) -> Option<String> {
        None
    }

    /// Whether `action` here drills down from the view on screen to another one of the tab (the
    /// App keeps the view left on the navigation stack).
    fn drills(&self, _action: Action) -> bool {
        false
    }
}
