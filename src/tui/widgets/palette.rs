//! The `:` command palette: fuzzy search over every action, with its key, runs the chosen one.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
    /// The screen under the palette: it offers what that screen's keys can do.
    pub context: Context,
}

impl Palette {
    pub fn over(context: Context) -> Palette {
        Palette {
            context,
            ..Palette::default()
        }
    }
}

/// An entry of the palette: the action, its words and its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub action: Action,
    pub text: String,
    pub keys: String,
}

/// Scores `query` as a subsequence of `text` (case-insensitive); higher is better. Consecutive
/// letters and letters at the start of words count more. `None` when it does not match.
pub fn fuzzy_score(query: &str, text: &str) -> Option<i64> {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let mut score = 0;
    let mut at = 0;
    let mut previous: Option<usize> = None;
    for q in query.to_lowercase().chars().filter(|c| !c.is_whitespace()) {
        let found = (at..text.len()).find(|&i| text[i] == q)?;
        score += 1;
        if previous == Some(found.wrapping_sub(1)) {
            score += 5;
        }
        if found == 0 || !text[found - 1].is_alphanumeric() {
            score += 3;
        }
        score -= (found - at) as i64 / 4;
        previous = Some(found);
        at = found + 1;
    }
    Some(score)
}

impl Palette {
    /// The actions matching the query, best first.
    pub fn entries(&self, keymap: &Keymap) -> Vec<PaletteEntry> {
        // The palette runs actions as if pressed on the screen under it, so it offers what that
        // screen can do.
        let available: Vec<Action> = keymap
            .bindings(self.context)
            .iter()
            .map(|b| b.action)
            .collect();
        let mut scored: Vec<(i64, usize, PaletteEntry)> = Action::ALL
            .iter()
            .filter(|action| available.contains(action))
            .enumerate()
            .filter_map(|(order, action)| {
                let text = action.description();
                let score = fuzzy_score(&self.query, &format!("{text} {}", action.name()))?;
                let keys = keymap.keys_for(*action).unwrap_or_default();
                Some((
                    score,
                    order,
                    PaletteEntry {
                        action: *action,
                        text,
                        keys,
                    },
                ))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, entry)| entry).collect()
    }

    /// Edits the query; returns true if the key was text editing.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.query.push(c);
                self.selected = 0;
                true
            }
            KeyCode::Backspace => {
                self.query.pop();
                self.selected = 0;
                true
            }
            _ => false,
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.query.extend(
            text.chars()
                .filter(|c| !crate::plan::text::is_forbidden(*c)),
        );
        self.selected = 0;
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let entries = self.entries(keymap);
        let popup = centered(area, 64, 16);
        Clear.render(popup, buf);
        let block = popup_block("Command palette", theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        let prompt = Line::from(vec![
            Span::styled(": ", theme.key),
            Span::styled(clean(&self.query).into_owned(), theme.input),
            Span::styled("▏", theme.cursor),
        ]);
        Paragraph::new(prompt).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
        let rows = inner.height.saturating_sub(1) as usize;
        let start = self.selected.saturating_sub(rows.saturating_sub(1));
        if entries.is_empty() {
            let none = Line::styled("no action matches; Backspace to widen", theme.muted);
            Paragraph::new(none).render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
        }
        for (index, entry) in entries.iter().enumerate().skip(start).take(rows) {
            let style = if index == self.selected {
                theme.selected
            } else {
                theme.base
            };
            let keys_width = 14usize;
            let text_width = (inner.width as usize).saturating_sub(keys_width + 1);
            let line = Line::from(vec![
                Span::styled(format!("{:<text_width$.text_width$}", entry.text), style),
                Span::styled(
                    format!(" {:>keys_width$}", entry.keys),
                    theme.key.patch(style),
                ),
            ]);
            let y = inner.y + 1 + (index - start) as u16;
            Paragraph::new(line).render(Rect::new(inner.x, y, inner.width, 1), buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matching_prefers_word_starts_and_runs() {
        assert!(
            fuzzy_score("del", "delete").unwrap()
                > fuzzy_score("del", "go to the delivery tab").unwrap_or(0) - 100
        );
        assert!(fuzzy_score("xyz", "delete").is_none());
        assert!(fuzzy_score("ut", "undo the last change").is_some());
        assert!(fuzzy_score("", "anything").is_some());
    }

    #[test]
    fn palette_lists_every_action_with_its_key_and_filters() {
        let keymap = Keymap::default();
        let mut palette = Palette::default();
        let listed: Vec<Action> = palette.entries(&keymap).iter().map(|e| e.action).collect();
        assert_eq!(listed.len(), keymap.bindings(Context::List).len());
        assert!(listed.contains(&Action::Delete) && listed.contains(&Action::GoToTab(7)));
        assert!(
            !listed.contains(&Action::Save),
            "form-only actions are not offered"
        );
        for c in "undo".chars() {
            palette.edit(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let entries = palette.entries(&keymap);
        assert_eq!(entries[0].action, Action::Undo);
        assert_eq!(entries[0].keys, "u");
    }
}
