//! Characters typed in a run (see `tui::input::typed`): the focused text field takes them in
//! one go, as it would take each one as a key.

use super::{FieldKind, Form};

impl Form {
    /// Whether a plain character key would now be typed into the focused field's text: a text,
    /// note, number or date field, with no choice list open.
    pub fn takes_typing(&self) -> bool {
        self.choices.is_none()
            && self.fields.get(self.focus).is_some_and(|field| {
                matches!(
                    field.kind,
                    FieldKind::Text | FieldKind::MultiLine | FieldKind::Number | FieldKind::Date
                )
            })
    }

    /// Types `text` (plain characters, no line breaks) into the focused field at its cursor, as
    /// that many keys would, with one measure of the field's text rather than one a character.
    /// Does nothing unless the form `takes_typing`.
    pub fn type_text(&mut self, text: &str) {
        if !self.takes_typing() {
            return;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        // Once the user touches a field, its old message no longer describes what is there.
        field.error = None;
        field.input.insert_str(text);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;

    fn form() -> Form {
        Form::new("Partner")
            .text("name", "Name", "Ac", true)
            .choice("stage", "Stage", &["prospect", "active"], "prospect")
            .multiline("notes", "Notes", "first line\nsecond")
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn a_run_types_what_its_keys_would_at_the_cursor() {
        let text = "me Robotics Ltd. 42 / ünïcødé";
        let mut by_keys = form();
        let mut in_one_go = form();
        for c in text.chars() {
            by_keys.handle(None, &key(c));
        }
        in_one_go.type_text(text);
        assert_eq!(in_one_go.value("name"), "Acme Robotics Ltd. 42 / ünïcødé");
        assert_eq!(in_one_go.value("name"), by_keys.value("name"));

        // In a note, at the end of its last line, then after moving up a line.
        for f in [&mut by_keys, &mut in_one_go] {
            f.handle(Some(Action::NextField), &KeyEvent::from(KeyCode::Tab));
            f.handle(Some(Action::NextField), &KeyEvent::from(KeyCode::Tab));
        }
        for c in " line".chars() {
            by_keys.handle(None, &key(c));
        }
        in_one_go.type_text(" line");
        for f in [&mut by_keys, &mut in_one_go] {
            f.handle(Some(Action::PreviousField), &KeyEvent::from(KeyCode::Up));
        }
        for c in "!!".chars() {
            by_keys.handle(None, &key(c));
        }
        in_one_go.type_text("!!");
        assert_eq!(by_keys.value("notes"), "first line!!\nsecond line");
        assert_eq!(in_one_go.value("notes"), by_keys.value("notes"));
    }

    #[test]
    fn typing_clears_the_fields_message() {
        let mut f = form();
        f.set_error("name", "Name is required.");
        f.type_text("x");
        assert_eq!(f.error("name"), None);
    }

    #[test]
    fn choices_and_open_lists_take_keys_one_by_one() {
        let mut f = form();
        f.handle(Some(Action::NextField), &KeyEvent::from(KeyCode::Tab));
        assert!(!f.takes_typing(), "a choice jumps on each letter");
        f.type_text("a");
        assert_eq!(f.value("stage"), "prospect", "nothing typed into a choice");
        f.handle(Some(Action::Choose), &KeyEvent::from(KeyCode::Enter));
        assert!(!f.takes_typing(), "an open list narrows on each letter");
        let mut empty = Form::new("x");
        assert!(!empty.takes_typing());
        empty.type_text("a");
    }
}
