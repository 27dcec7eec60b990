//! One-line text typed into a filter, a search or a picker: printable characters add, Backspace
//! removes a character, Ctrl-w a word and Ctrl-u the whole line, as in a form's text field.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::plan::text::is_forbidden;

/// The text after `key`, or `None` when the key does not edit text. Characters that could not
/// be shown safely (controls, bidi overrides…) are refused.
pub fn typed(text: &str, key: &KeyEvent) -> Option<String> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if !control && !key.modifiers.contains(KeyModifiers::ALT) => {
            (!is_forbidden(c)).then(|| format!("{text}{c}"))
        }
        // Ctrl-h is Backspace on terminals that send it so.
        KeyCode::Backspace => Some(without_last_char(text).to_string()),
        KeyCode::Char('h') if control => Some(without_last_char(text).to_string()),
        KeyCode::Char('u') if control => Some(String::new()),
        KeyCode::Char('w') if control => Some(without_last_word(text).to_string()),
        _ => None,
    }
}

fn without_last_char(text: &str) -> &str {
    text.char_indices().last().map_or("", |(i, _)| &text[..i])
}

/// `text` without its last word and the spaces after it (what Ctrl-w erases in a shell).
fn without_last_word(text: &str) -> &str {
    let trimmed = text.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &trimmed[..start]
}

/// Pasted text as one line: line breaks and tabs become spaces, characters that could not be
/// shown safely are dropped.
pub fn pasted_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !is_forbidden(*c))
        .collect()
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

    #[test]
    fn ctrl_u_clears_ctrl_w_erases_a_word_and_ctrl_h_a_character() {
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(
            typed("north wind", &key(KeyCode::Char('u'), ctrl)).as_deref(),
            Some("")
        );
        assert_eq!(
            typed("north  wind  ", &key(KeyCode::Char('w'), ctrl)).as_deref(),
            Some("north  ")
        );
        assert_eq!(
            typed("Zürich", &key(KeyCode::Char('w'), ctrl)).as_deref(),
            Some("")
        );
        assert_eq!(
            typed("", &key(KeyCode::Char('w'), ctrl)).as_deref(),
            Some("")
        );
        assert_eq!(
            typed("ab", &key(KeyCode::Char('h'), ctrl)).as_deref(),
            Some("a")
        );
        // Plain letters u, w and h are typed, never taken as the keys above.
        assert_eq!(
            typed("a", &key(KeyCode::Char('w'), KeyModifiers::NONE)).as_deref(),
            Some("aw")
        );
    }

    #[test]
    fn a_paste_is_one_line_of_showable_characters() {
        assert_eq!(pasted_line("Acme\r\nLtd\tUK\u{202e}"), "Acme  Ltd UK");
    }
}
