//! The grid the Roles tab's matrices share (partner × role, and the Ecosystem view's partner ×
//! partner and partner × offering): a bordered block, row names frozen on the left with the
//! selected row marked, column headers frozen on top with ‹ › saying more lie aside, the
//! selected cell reversed, each cell a short centred text (a letter, never colour alone); and
//! the column cursor with the window of columns that fit, moved by the same keys in all.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// The selected column and the window of columns shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnWindow {
    pub column: usize,
    /// The first column shown.
    pub first: usize,
    /// How many columns fit.
    pub visible: usize,
}

impl Default for ColumnWindow {
    fn default() -> ColumnWindow {
        ColumnWindow {
            column: 0,
            first: 0,
            visible: 1,
        }
    }
}

impl ColumnWindow {
    /// Keeps the selected column among `count` and in view, the window as full as it can be.
    pub fn keep_visible(&mut self, count: usize) {
        self.column = self.column.min(count.saturating_sub(1));
        if self.column < self.first {
            self.first = self.column;
        } else if self.column >= self.first + self.visible {
            self.first = self.column + 1 - self.visible;
        }
        self.first = self.first.min(count.saturating_sub(self.visible));
    }

    /// Moves the column cursor by a column key (left, right, first, last) among `count`
    /// columns; `false` for any other key.
    pub fn step(&mut self, action: Action, count: usize) -> bool {
        let last = count.saturating_sub(1);
        self.column = match action {
            Action::Left => self.column.saturating_sub(1),
            Action::Right => (self.column + 1).min(last),
            Action::FirstColumn => 0,
            Action::LastColumn => last,
            _ => return false,
        };
        self.keep_visible(count);
        true
    }

    /// The columns shown, of `count`.
    pub fn range(&self, count: usize) -> Range<usize> {
        let end = (self.first + self.visible).min(count);
        self.first.min(end)..end
    }
}

/// What one frame of a grid shows.
pub struct Grid<'a> {
    pub title: &'a str,
    /// Above the row names ("Partner").
    pub corner: &'a str,
    pub name_width: u16,
    pub column_width: u16,
    /// The headers of the columns shown, in order.
    pub headers: Vec<String>,
    pub columns: ColumnWindow,
    /// How many columns there are in all.
    pub column_count: usize,
    /// The names of the rows shown, in order, and which of them is selected.
    pub rows: Vec<String>,
    pub selected_row: Option<usize>,
    /// A cell's text and style: (row shown, column index).
    pub cell: &'a dyn Fn(usize, usize) -> (String, Style),
    /// Said under the headers when there is no row.
    pub empty: String,
    /// Lines right under the last row, wrapped (what the selected cell holds, what marks mean).
    pub footer: Vec<Line<'a>>,
}

/// Draws `grid` in `area`: the block, the frozen headers and names, the cells.
pub fn render_grid(grid: &Grid, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(grid.title.to_string(), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (x0, right, name_width) = (inner.x, inner.right(), grid.name_width);
    let column_x = |offset: usize| x0 + name_width + 1 + offset as u16 * grid.column_width;
    let room_at = |x: u16| usize::from((right - x).min(grid.column_width.saturating_sub(1)));
    // Header: the column names, frozen at the top.
    buf.set_stringn(
        x0,
        inner.y,
        grid.corner,
        usize::from(name_width),
        theme.header,
    );
    let shown = grid.columns.range(grid.column_count);
    for (offset, header) in grid.headers.iter().enumerate() {
        let x = column_x(offset);
        if x >= right {
            break;
        }
        let style = if shown.start + offset == grid.columns.column {
            theme.header.add_modifier(Modifier::REVERSED)
        } else {
            theme.header
        };
        let room = room_at(x);
        buf.set_stringn(x, inner.y, fitted(header, room), room, style);
    }
    if shown.start > 0 {
        buf.set_string(x0 + name_width, inner.y, "‹", theme.muted);
    }
    if shown.end < grid.column_count && right > x0 {
        buf.set_string(right - 1, inner.y, "›", theme.muted);
    }
    // Body: one row per line, its name frozen on the left.
    for (row, name) in grid.rows.iter().enumerate() {
        let y = inner.y + 1 + row as u16;
        if y >= inner.bottom() {
            break;
        }
        let selected_row = grid.selected_row == Some(row);
        let name_style = if selected_row {
            theme.selected
        } else {
            theme.base
        };
        let marker = if selected_row { "›" } else { " " };
        buf.set_stringn(x0, y, marker, 1, name_style);
        let room = usize::from(name_width.saturating_sub(1));
        buf.set_stringn(x0 + 1, y, fitted(name, room), room, name_style);
        for (offset, column) in shown.clone().enumerate() {
            let x = column_x(offset);
            if x >= right {
                break;
            }
            let (text, style) = (grid.cell)(row, column);
            let style = if selected_row && column == grid.columns.column {
                style.patch(theme.selected).add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            let room = room_at(x);
            let padded = format!("{:^width$}", text, width = room);
            buf.set_stringn(x, y, padded, room, style);
        }
    }
    if grid.rows.is_empty() && inner.height > 1 {
        buf.set_stringn(
            x0,
            inner.y + 1,
            &grid.empty,
            usize::from(inner.width),
            theme.muted,
        );
    }
    let below = (inner.y + 1 + grid.rows.len().max(1) as u16).min(inner.bottom());
    if !grid.footer.is_empty() && below < inner.bottom() {
        let footer = Rect {
            y: below,
            height: inner.bottom() - below,
            ..inner
        };
        Paragraph::new(grid.footer.clone())
            .wrap(Wrap { trim: false })
            .render(footer, buf);
    }
}

/// `name` cleaned and cut to `width` columns, with "…" saying when something was cut.
pub fn fitted(name: &str, width: usize) -> String {
    crate::tui::widgets::columns::cut(&clean(name), u16::try_from(width).unwrap_or(u16::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_window_follows_the_cursor_and_stays_full() {
        let mut w = ColumnWindow {
            visible: 3,
            ..ColumnWindow::default()
        };
        for _ in 0..4 {
            assert!(w.step(Action::Right, 10));
        }
        assert_eq!((w.column, w.first, w.range(10)), (4, 2, 2..5));
        assert!(w.step(Action::LastColumn, 10));
        assert_eq!((w.column, w.first), (9, 7));
        assert!(w.step(Action::FirstColumn, 10));
        assert_eq!((w.column, w.first), (0, 0));
        assert!(!w.step(Action::Up, 10));
        // Fewer columns than fit: all shown from the first.
        w.column = 1;
        w.keep_visible(2);
        assert_eq!(w.range(2), 0..2);
        w.keep_visible(0);
        assert_eq!((w.column, w.range(0)), (0, 0..0));
    }

    #[test]
    fn the_selected_cell_is_reversed_and_names_are_frozen() {
        let cell = |r: usize, c: usize| (format!("{r}{c}"), Style::default());
        let grid = Grid {
            title: " T ",
            corner: "Who",
            name_width: 6,
            column_width: 4,
            headers: vec!["a".into(), "b".into()],
            columns: ColumnWindow {
                column: 1,
                first: 0,
                visible: 2,
            },
            column_count: 3,
            rows: vec!["one".into(), "two".into()],
            selected_row: Some(1),
            cell: &cell,
            empty: String::new(),
            footer: Vec::new(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 5));
        render_grid(&grid, buf.area, &mut buf, &Theme::mono());
        let row = |y: u16| (0..20).map(|x| buf[(x, y)].symbol()).collect::<String>();
        assert!(row(1).starts_with("│Who    a   b"), "{:?}", row(1));
        assert_eq!(
            buf[(18, 1)].symbol(),
            "›",
            "more columns aside: {:?}",
            row(1)
        );
        assert!(row(3).starts_with("│›two   10  11"), "{:?}", row(3));
        assert!(
            buf[(12, 3)].modifier.contains(Modifier::REVERSED),
            "the selected cell"
        );
        assert!(!buf[(8, 3)].modifier.contains(Modifier::REVERSED));
    }
}
