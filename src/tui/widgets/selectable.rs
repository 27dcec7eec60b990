//! Tables with one selected row, drawn alike everywhere: the theme's highlight and the `›` marker.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{StatefulWidget, Table, TableState};

use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// Draws `table` with row `selected` highlighted and marked.
pub fn render_selected(
    table: Table<'_>,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let table = table
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut state = TableState::default().with_selected(Some(selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The display width of the widest of `texts` once cleaned, kept between `min` and `max`.
pub fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>, min: u16, max: u16) -> u16 {
    let widest = texts
        .into_iter()
        .map(|t| Span::raw(clean(t)).width())
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX).clamp(min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_width_measures_display_width_within_bounds() {
        assert_eq!(column_width(["ab", "東京"], 1, 10), 4);
        assert_eq!(column_width(Vec::<&str>::new(), 3, 10), 3);
        assert_eq!(column_width(["a very long name indeed"], 3, 10), 10);
    }
}
