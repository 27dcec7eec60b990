//! The `?` overlay: the keys of the current context and the global ones, read from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The context the user was in when asking for help.
    pub context: Context,
    pub scroll: u16,
}

impl Help {
    pub fn lines(&self, keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let mut sections = vec![self.context];
        if self.context != Context::Global {
            sections.push(Context::Global);
        }
        for context in sections {
            lines.push(Line::styled(
                format!("{} keys", capitalised(context.name())),
                theme.header,
            ));
            for binding in keymap.all().iter().filter(|b| b.context == context) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {:<16}", binding.keys_label()), theme.key),
                    Span::raw(binding.action.description()),
                ]));
            }
            lines.push(Line::default());
        }
        lines
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let lines = self.lines(keymap, theme);
        let popup = centered(area, 64, lines.len() as u16 + 2);
        Clear.render(popup, buf);
        let block = popup_block("Help — Esc closes", theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let max_scroll = (lines.len() as u16).saturating_sub(inner.height);
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .render(inner, buf);
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
