//! A popup with lines to read (config problems at start, notices from opening the workbook).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{centered, popup_block};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: u16,
}

impl Notice {
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> Notice {
        Notice {
            title: title.into(),
            lines,
            scroll: 0,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let height = (self.lines.len() as u16)
            .saturating_mul(2)
            .saturating_add(4);
        let popup = centered(area, 76, height);
        Clear.render(popup, buf);
        let block = popup_block(&self.title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut text: Vec<Line> = self
            .lines
            .iter()
            .map(|l| Line::from(clean(l).into_owned()))
            .collect();
        text.push(Line::default());
        text.push(Line::styled(
            keymap.spell("‹popup:cancel› closes this."),
            theme.muted,
        ));
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .render(inner, buf);
    }
}
