//! The popup with a progress gauge shown while an export or import runs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Gauge, Paragraph, Widget, Wrap};

use super::{centered, popup_block};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressPopup {
    pub title: String,
    /// What is being done, e.g. "Writing the partners to acme-partners.csv".
    pub doing: String,
    pub done: u64,
    pub total: u64,
}

impl ProgressPopup {
    pub fn new(title: impl Into<String>, doing: impl Into<String>) -> ProgressPopup {
        ProgressPopup {
            title: title.into(),
            doing: doing.into(),
            done: 0,
            total: 0,
        }
    }

    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let popup = centered(area, 64, 8);
        Clear.render(popup, buf);
        let block = popup_block(&self.title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height == 0 {
            return;
        }
        let doing = Line::from(format!("{}…", clean(&self.doing)));
        let text_height = inner.height.min(2);
        Paragraph::new(doing).wrap(Wrap { trim: true }).render(
            Rect {
                height: text_height,
                ..inner
            },
            buf,
        );
        let gauge_y = inner.y + text_height + 1;
        if gauge_y < inner.bottom() {
            let percent = (self.ratio() * 100.0).round();
            Gauge::default()
                .gauge_style(theme.ok)
                .ratio(self.ratio())
                .label(format!("{percent:.0}%"))
                .render(Rect::new(inner.x, gauge_y, inner.width, 1), buf);
        }
        let note_y = gauge_y + 2;
        if note_y < inner.bottom() {
            let note = keymap.spell("‹working:force-quit› quits at once.");
            Paragraph::new(Line::styled(note, theme.muted))
                .render(Rect::new(inner.x, note_y, inner.width, 1), buf);
        }
    }
}
