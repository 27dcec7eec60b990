//! The `?` overlay: the keys that work in the current view (its own, then the app-wide ones it
//! does not shadow), read from the keymap, as wide as the screen allows; `/` searches them.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::typed::typed;
use super::{centered, popup_block};
use crate::tui::keymap::{Binding, Context, Keymap};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The context the user was in when asking for help.
    pub context: Context,
    pub scroll: u16,
    /// What `/` typed: only keys whose key or words hold it are listed.
    pub query: String,
    /// Typing goes into the search (after `/`, until Enter or Esc).
    pub searching: bool,
}

impl Help {
    pub fn new(context: Context) -> Help {
        Help {
            context,
            scroll: 0,
            query: String::new(),
            searching: false,
        }
    }

    /// A key while searching, or `/` to start: returns whether the help took it.
    pub fn search_key(&mut self, key: &KeyEvent) -> bool {
        let typing = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('/') if !self.searching && typing => self.searching = true,
            _ if !self.searching => return false,
            KeyCode::Enter => self.searching = false,
            KeyCode::Esc => {
                self.searching = false;
                self.query.clear();
            }
            _ => match typed(&self.query, key) {
                Some(query) => self.query = query,
                None => return false,
            },
        }
        self.scroll = 0;
        true
    }

    /// The bindings that work in the view: its own, then the global ones it does not shadow.
    fn working<'a>(&self, keymap: &'a Keymap) -> Vec<(Context, &'a Binding)> {
        let own: Vec<&Binding> = keymap
            .all()
            .iter()
            .filter(|b| b.context == self.context)
            .collect();
        let mut working: Vec<(Context, &Binding)> =
            own.iter().map(|b| (self.context, *b)).collect();
        if self.context.uses_global() {
            for binding in keymap.all().iter().filter(|b| b.context == Context::Global) {
                let shadowed = binding
                    .keys
                    .iter()
                    .all(|k| own.iter().any(|o| o.keys.contains(k)));
                if !shadowed {
                    working.push((Context::Global, binding));
                }
            }
        }
        working
    }

    pub fn lines(&self, keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
        let query = self.query.to_lowercase();
        let mut lines = Vec::new();
        let mut heading = None;
        for (context, binding) in self.working(keymap) {
            let keys = binding.keys_label();
            let words = binding.action.description();
            let found = query.is_empty()
                || keys.to_lowercase().contains(&query)
                || words.to_lowercase().contains(&query);
            if !found {
                continue;
            }
            if heading != Some(context) {
                if heading.is_some() {
                    lines.push(Line::default());
                }
                let title = match context {
                    Context::Global => "Everywhere".to_string(),
                    other => format!("{} keys", capitalised(other.name())),
                };
                lines.push(Line::styled(title, theme.header));
                heading = Some(context);
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.key),
                Span::raw(words),
            ]));
        }
        if lines.is_empty() {
            lines.push(Line::styled(
                "No key matches; Backspace widens the search.",
                theme.muted,
            ));
        }
        lines
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let lines = self.lines(keymap, theme);
        let width = area.width.saturating_sub(4).max(40);
        let popup = centered(area, width, lines.len() as u16 + 3);
        Clear.render(popup, buf);
        let title = keymap.spell("Help — / searches · ‹popup:cancel› closes");
        let block = popup_block(&title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        let search = match (self.searching, self.query.is_empty()) {
            (false, true) => Line::styled("/ to search", theme.muted),
            (searching, _) => Line::from(vec![
                Span::styled("/ ", theme.key),
                Span::styled(self.query.clone(), theme.input),
                Span::styled(if searching { "▏" } else { "" }, theme.cursor),
            ]),
        };
        Paragraph::new(search).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
        let list = Rect::new(inner.x, inner.y + 1, inner.width, inner.height - 1);
        let max_scroll = (lines.len() as u16).saturating_sub(list.height);
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(list, buf);
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
