//! One-line text typed into a filter or a picker: printable characters add, Backspace removes.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::plan::text::is_forbidden;

/// The text after `key`, or `None` when the key does not edit text. Characters that could not
/// be shown safely (controls, bidi overrides…) are refused.
pub fn typed(text: &str, key: &KeyEvent) -> Option<String> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            (!is_forbidden(c)).then(|| format!("{text}{c}"))
        }
        KeyCode::Backspace => {
            let mut text = text.to_string();
            text.pop();
            Some(text)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn characters_add_backspace_removes_and_controls_do_nothing() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            typed("ab", &key(KeyCode::Char('ü'), none)).as_deref(),
            Some("abü")
        );
        assert_eq!(
            typed("ab", &key(KeyCode::Backspace, none)).as_deref(),
            Some("a")
        );
        assert_eq!(
            typed("", &key(KeyCode::Backspace, none)).as_deref(),
            Some("")
        );
        assert_eq!(
            typed("ab", &key(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(typed("ab", &key(KeyCode::Char('\u{202e}'), none)), None);
        assert_eq!(typed("ab", &key(KeyCode::Enter, none)), None);
    }
}
