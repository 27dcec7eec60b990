//! The Overview's lines of numbers: counts beside horizontal bars (ratatui's `BarChart`), and
//! shares as line gauges. Every number is written out, and the selected line is marked with `▸`
//! as well as reversed, so nothing depends on colour.

use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, LineGauge, Widget};
use unicode_width::UnicodeWidthStr;

use super::panels::Item;
use crate::plan::numbers::group_thousands;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// The mark of the selected line, and the blank that keeps the others aligned with it.
pub const MARK: &str = "▸";
const NO_MARK: &str = " ";

/// `text` cut to `width` columns, ending in `…` when cut (the column engine's rule).
pub fn cut(text: &str, width: usize) -> String {
    crate::tui::widgets::columns::cut(text, u16::try_from(width).unwrap_or(u16::MAX))
}

/// The style of a line: reversed when selected.
pub fn line_style(selected: bool, theme: &Theme) -> Style {
    if selected {
        theme.selected.add_modifier(Modifier::REVERSED)
    } else {
        theme.base
    }
}

pub fn mark(selected: bool) -> &'static str {
    if selected { MARK } else { NO_MARK }
}

/// The first item to show so that `selected` is visible among `rows` lines.
pub fn first_shown(selected: Option<usize>, rows: usize) -> usize {
    match selected {
        Some(s) if rows > 0 && s >= rows => s + 1 - rows,
        _ => 0,
    }
}

/// Items as "▸label  1,204 ████", one a line, bars scaled to the largest of all `items`.
pub fn render_bars(
    items: &[Item],
    selected: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if area.is_empty() || items.is_empty() {
        return;
    }
    let rows = usize::from(area.height);
    // `items` is not empty (checked above), so the last index exists.
    let first = first_shown(selected, rows).min(items.len() - 1);
    let shown = &items[first..items.len().min(first + rows)];
    let numbers: Vec<String> = shown.iter().map(|i| group_thousands(i.value)).collect();
    let number_w = numbers.iter().map(|n| n.width()).max().unwrap_or(1);
    let names: Vec<String> = shown.iter().map(|i| clean(&i.label).into_owned()).collect();
    let widest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    // Long names are cut so that a bar keeps a few columns beside them.
    let room = usize::from(area.width).saturating_sub(number_w + 2);
    let name_w = widest.min(room.saturating_sub(4).max(room / 2));
    let max = items.iter().map(|i| i.value).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = shown
        .iter()
        .zip(names.iter().zip(&numbers))
        .enumerate()
        .map(|(n, (item, (name, number)))| {
            let is_selected = selected == Some(first + n);
            let label = format!(
                "{}{} {number:>number_w$}",
                mark(is_selected),
                pad(&cut(name, name_w), name_w),
            );
            Bar::default()
                .value(u64::try_from(item.value).unwrap_or(0))
                .label(Line::styled(label, line_style(is_selected, theme)))
                .text_value(String::new())
        })
        .collect();
    BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.border_focus)
        .max(u64::try_from(max).unwrap_or(1))
        .data(BarGroup::default().bars(&bars))
        .render(area, buf);
}

/// `text` padded with spaces to `width` columns (wide characters counted as two).
fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    for _ in text.width()..width {
        out.push(' ');
    }
    out
}

/// A share as a line gauge: "▸label ███████░░░", the label holding the numbers.
pub fn render_gauge(
    label: &str,
    ratio: f64,
    selected: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if area.is_empty() {
        return;
    }
    let text = cut(
        &format!("{}{label}", mark(selected)),
        usize::from(area.width),
    );
    LineGauge::default()
        .ratio(ratio.clamp(0.0, 1.0))
        .label(Line::styled(text, line_style(selected, theme)))
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.border_focus)
        .unfilled_style(theme.muted)
        .render(area, buf);
}

/// One line of text with a number at its right edge: "▸name ……… 0/1 high".
pub fn render_pair(
    left: &str,
    right: Span<'_>,
    selected: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    if area.is_empty() {
        return;
    }
    let style = line_style(selected, theme);
    let width = usize::from(area.width);
    let right_w = right.width().min(width);
    let left_w = width.saturating_sub(right_w + 1);
    let left = pad(&cut(&format!("{}{left}", mark(selected)), left_w), left_w);
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::styled(" ", style),
        right,
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// The ratio `part / whole`, 0 when there is no whole.
pub fn ratio(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// "3 of 10 (30%)"; rounded down so 100% means all.
pub fn share(part: i64, whole: i64) -> String {
    let percent = crate::plan::figures::share_percent(
        usize::try_from(part).unwrap_or(0),
        usize::try_from(whole).unwrap_or(0),
    )
    .unwrap_or(0);
    format!(
        "{} of {} ({percent}%)",
        group_thousands(part),
        group_thousands(whole)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_keeps_wide_characters_whole_and_says_so() {
        assert_eq!(cut("supplier", 10), "supplier");
        assert_eq!(cut("value-added reseller", 8), "value-a…");
        assert_eq!(cut("東京 Robotics", 5), "東京…");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn the_selected_line_stays_in_view() {
        assert_eq!(first_shown(Some(2), 5), 0);
        assert_eq!(first_shown(Some(7), 5), 3);
        assert_eq!(first_shown(Some(7), 0), 0);
        assert_eq!(first_shown(None, 5), 0);
    }

    #[test]
    fn shares_round_down() {
        assert_eq!(share(2, 3), "2 of 3 (66%)");
        assert_eq!(share(0, 0), "0 of 0 (0%)");
        assert_eq!(share(100_000, 100_000), "100,000 of 100,000 (100%)");
    }
}
