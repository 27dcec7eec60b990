//! A run of plain character keys (see `tui::input::typed`): the open form's focused text field
//! takes it in one go; whatever would not be typing there goes as keys, in order.

use ratatui::crossterm::event::{Event, KeyEvent};

use super::App;
use crate::tui::input::typed::text_of;
use crate::tui::keymap::Context;

impl App {
    /// Handles plain character keys that came one after another, as that many keys would be
    /// handled: where the focused form field takes them as typing, they go in at once (the
    /// keymap binds no plain character in forms: `Keymap::with_overrides` refuses one); else
    /// the first is handled as a key (a letter outside a form, on a choice field, in a search)
    /// before the rest.
    pub fn handle_typed(&mut self, keys: &[KeyEvent]) {
        let mut rest = keys;
        while let Some((first, after)) = rest.split_first() {
            if self.quit {
                return;
            }
            if self.type_into_form(rest) {
                return;
            }
            self.handle_event(Event::Key(*first));
            rest = after;
        }
    }

    /// Types `keys` into the focused form field when it takes them as typing; whether it did.
    fn type_into_form(&mut self, keys: &[KeyEvent]) -> bool {
        if self.popup.is_some() || self.context() != Context::Form {
            return false;
        }
        let (screen, _) = self.screen_mut(self.tab);
        match screen.typing_form() {
            Some(form) if form.takes_typing() => {
                form.type_text(&text_of(keys));
                true
            }
            _ => false,
        }
    }
}
