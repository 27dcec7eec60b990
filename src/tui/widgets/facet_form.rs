//! The form that narrows a list by facets (the roster's and the risk register's `f`): choices
//! that may be left at "none", checkboxes, one set of keys, and its answers read back as options.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::form::{Form, FormEvent};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

#[derive(Debug)]
pub struct FacetForm {
    form: Form,
    /// How wide the popup is drawn.
    width: u16,
}

/// What a key in the facet form asks of its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetStep {
    /// Still choosing.
    Stay,
    /// Esc: the form closes, the facets stay as they were.
    Closed,
    /// The save key: read the answers (`chosen`, `checked`), then close the form.
    Chosen,
}

impl FacetForm {
    /// An empty form titled `title`, drawn `width` columns wide.
    pub fn new(title: &str, width: u16) -> FacetForm {
        FacetForm {
            form: Form::new(title),
            width,
        }
    }

    /// A choice among `options` or none (no narrowing), `chosen` selected.
    pub fn choice<S: AsRef<str>>(
        mut self,
        id: &'static str,
        label: &'static str,
        options: &[S],
        chosen: Option<&str>,
    ) -> FacetForm {
        self.form = self
            .form
            .choice_or_none(id, label, options, chosen.unwrap_or(""));
        self
    }

    /// A yes/no narrowing ("check-in due in 7 days").
    pub fn check(mut self, id: &'static str, label: &'static str, checked: bool) -> FacetForm {
        self.form = self.form.checkbox(id, label, checked);
        self
    }

    pub fn handle(&mut self, action: Option<Action>, key: &KeyEvent) -> FacetStep {
        match self.form.handle(action, key) {
            FormEvent::Continue | FormEvent::Pick(_) => FacetStep::Stay,
            FormEvent::Cancel => FacetStep::Closed,
            FormEvent::Save => FacetStep::Chosen,
        }
    }

    /// The option chosen for `id`, or `None` when none is.
    pub fn chosen(&self, id: &str) -> Option<String> {
        let value = self.form.value(id).trim().to_string();
        (!value.is_empty()).then_some(value)
    }

    pub fn checked(&self, id: &str) -> bool {
        self.form.value(id) == "yes"
    }

    /// The form keys and pastes go to.
    pub fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        self.form.render_popup(area, self.width, buf, theme, keymap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn answers_read_back_as_options_and_the_keys_close_or_choose() {
        let mut form = FacetForm::new("Filter by", 60)
            .choice("stage", "Stage", &["active", "paused"], Some("paused"))
            .choice("tier", "Tier", &["gold"], None)
            .check("due", "Due soon", true);
        assert_eq!(form.chosen("stage").as_deref(), Some("paused"));
        assert_eq!(form.chosen("tier"), None);
        assert!(form.checked("due"));
        assert!(!form.checked("stage"));
        assert_eq!(
            form.handle(Some(Action::Save), &key(KeyCode::Null)),
            FacetStep::Chosen
        );
        assert_eq!(
            form.handle(Some(Action::Cancel), &key(KeyCode::Esc)),
            FacetStep::Closed
        );
        assert_eq!(
            form.handle(Some(Action::NextField), &key(KeyCode::Tab)),
            FacetStep::Stay
        );
    }
}
