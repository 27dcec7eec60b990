//! The filter typed over a list (the roster, the risk register, the role matrix): one state, one
//! set of keys, one paste rule and one way of showing it, whichever list it narrows.

use ratatui::crossterm::event::KeyEvent;
use ratatui::text::Span;

use super::typed::{pasted_line, typed};
use crate::tui::action::Action;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// A filter longer than this is cut: no name or title needs more to be found.
pub const MAX_FILTER_CHARS: usize = 200;

/// Whether the user is typing into a list's filter. The filter's text lives in the list's query
/// (what the workbook is asked for), so there is one copy of it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FilterInput {
    typing: bool,
}

/// What a key in the filter asks of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterStep {
    /// Nothing for the list to do.
    Stay,
    /// The filter is now this text: count and read the list again from its first row.
    Changed(String),
    /// ↑ or ↓: move the selection while the filter stays open.
    Move(Action),
}

impl FilterInput {
    /// Starts typing (the list's filter key).
    pub fn start(&mut self) {
        self.typing = true;
    }

    /// Stops typing, keeping the filter (another view opened, a jump).
    pub fn stop(&mut self) {
        self.typing = false;
    }

    pub fn is_typing(self) -> bool {
        self.typing
    }

    /// A key while typing: Enter keeps the filter, Esc clears it, ↑/↓ move in the list, and the
    /// rest edits the text as every one-line field does (`typed`: Backspace, Ctrl-w, Ctrl-u).
    pub fn handle(&mut self, filter: &str, action: Option<Action>, key: &KeyEvent) -> FilterStep {
        match action {
            Some(Action::Open) => {
                self.typing = false;
                FilterStep::Stay
            }
            Some(Action::Cancel) => {
                self.typing = false;
                FilterStep::Changed(String::new())
            }
            Some(action @ (Action::Up | Action::Down)) => FilterStep::Move(action),
            _ => match typed(filter, key) {
                Some(text) => FilterStep::Changed(limited(&text)),
                None => FilterStep::Stay,
            },
        }
    }

    /// Pasted text added to the filter while typing (line breaks become spaces); `None` when the
    /// filter is not open, so the paste goes nowhere.
    pub fn paste(self, filter: &str, text: &str) -> Option<String> {
        self.typing
            .then(|| limited(&format!("{filter}{}", pasted_line(text))))
    }

    /// " · filter: text▏" for a list's header line: shown while typing or while a filter
    /// narrows the list, the cursor only while typing.
    pub fn spans(self, filter: &str, theme: &Theme) -> Vec<Span<'static>> {
        self.spans_filtering(filter, false, theme)
    }

    /// `spans`, followed by " filtering…" while the list shown still waits for the matches of
    /// the filter as typed (searched on a thread of its own).
    pub fn spans_filtering(
        self,
        filter: &str,
        filtering: bool,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        if !self.typing && filter.is_empty() {
            return Vec::new();
        }
        let mut spans = vec![
            Span::styled(" · filter: ", theme.muted),
            Span::styled(clean(filter).into_owned(), theme.matched),
        ];
        if self.typing {
            spans.push(Span::styled("▏", theme.key));
        }
        if filtering {
            spans.push(Span::styled(" filtering…", theme.muted));
        }
        spans
    }
}

/// At most `MAX_FILTER_CHARS` characters, none that could not be shown.
fn limited(text: &str) -> String {
    text.chars()
        .filter(|c| !crate::plan::text::is_forbidden(*c))
        .take(MAX_FILTER_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn plain(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn enter_keeps_esc_clears_arrows_move_and_the_rest_types() {
        let mut input = FilterInput::default();
        input.start();
        assert_eq!(
            input.handle("ac", None, &plain('m')),
            FilterStep::Changed("acm".into())
        );
        assert_eq!(
            input.handle(
                "acme",
                Some(Action::Down),
                &key(KeyCode::Down, KeyModifiers::NONE)
            ),
            FilterStep::Move(Action::Down)
        );
        assert!(input.is_typing());
        assert_eq!(
            input.handle(
                "acme",
                Some(Action::Open),
                &key(KeyCode::Enter, KeyModifiers::NONE)
            ),
            FilterStep::Stay
        );
        assert!(!input.is_typing());
        input.start();
        assert_eq!(
            input.handle(
                "acme",
                Some(Action::Cancel),
                &key(KeyCode::Esc, KeyModifiers::NONE)
            ),
            FilterStep::Changed(String::new())
        );
        assert!(!input.is_typing());
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_w_erases_the_last_word() {
        let mut input = FilterInput::default();
        input.start();
        let ctrl = |c| key(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(
            input.handle("north wind", None, &ctrl('u')),
            FilterStep::Changed(String::new())
        );
        assert_eq!(
            input.handle("north wind", None, &ctrl('w')),
            FilterStep::Changed("north ".into())
        );
        assert_eq!(input.handle("north", None, &ctrl('x')), FilterStep::Stay);
        assert!(input.is_typing());
    }

    #[test]
    fn a_filter_is_cut_at_its_limit_and_pastes_only_while_typing() {
        let mut input = FilterInput::default();
        assert_eq!(input.paste("ac", "me"), None);
        input.start();
        assert_eq!(input.paste("ac", "me\nltd").as_deref(), Some("acme ltd"));
        let long = "x".repeat(MAX_FILTER_CHARS);
        assert_eq!(
            input.handle(&long, None, &plain('y')),
            FilterStep::Changed(long.clone())
        );
        assert_eq!(
            input.paste(&long, "more").map(|t| t.chars().count()),
            Some(MAX_FILTER_CHARS)
        );
    }

    #[test]
    fn the_header_shows_the_filter_and_a_cursor_only_while_typing() {
        let theme = Theme::dark();
        let text = |spans: Vec<Span>| {
            spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        let mut input = FilterInput::default();
        assert_eq!(text(input.spans("", &theme)), "");
        assert_eq!(text(input.spans("acme", &theme)), " · filter: acme");
        input.start();
        assert_eq!(text(input.spans("", &theme)), " · filter: ▏");
    }
}
