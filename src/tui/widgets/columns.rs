//! The one column engine every table uses: widths from the visible rows, "…" wherever text is cut.
//!
//! Each column has a priority (0 is the most important), a minimum and a maximum width. The rule:
//! - a column wants the width of its heading and of its widest visible cell, within min..=max;
//! - when even the minimums do not fit, the least important column goes first (the rightmost of
//!   equals), until they fit — one column always stays;
//! - the columns kept get their minimum, then, most important first, what they want; what is
//!   left over goes to the columns marked `grow`;
//! - a cell wider than its column is cut with "…", so no text is ever cut silently.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The gap between two columns.
pub const GAP: u16 = 1;

/// What `render_selected` puts before every row ("› " and its blank).
pub const MARK_WIDTH: u16 = 2;

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub heading: String,
    /// 0 is the most important; higher numbers are dropped first on narrow screens.
    pub priority: u8,
    pub min: u16,
    pub max: u16,
    /// Takes a share of the room left once every column has what it wants.
    pub grow: bool,
    /// Numbers read better against the right edge.
    pub right: bool,
}

impl Column {
    pub fn new(heading: impl Into<String>, priority: u8) -> Column {
        Column {
            heading: heading.into(),
            priority,
            min: 3,
            max: 60,
            grow: false,
            right: false,
        }
    }

    pub fn min(mut self, min: u16) -> Column {
        self.min = min;
        self.max = self.max.max(min);
        self
    }

    pub fn max(mut self, max: u16) -> Column {
        self.max = max.max(self.min);
        self
    }

    pub fn grow(mut self) -> Column {
        self.grow = true;
        self
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// Which columns are shown, with their widths, in the columns' order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    /// (column index, width) of every column kept.
    pub shown: Vec<(usize, u16)>,
}

impl Fitted {
    pub fn width_of(&self, column: usize) -> Option<u16> {
        self.shown
            .iter()
            .find_map(|(i, w)| (*i == column).then_some(*w))
    }
}

fn text_width(text: &str) -> u16 {
    u16::try_from(text.width()).unwrap_or(u16::MAX)
}

/// The columns that fit in `width` (gaps included) and their widths, given the texts of the
/// visible rows (`rows[r][c]`, one text per column).
pub fn fit(columns: &[Column], rows: &[Vec<String>], width: u16) -> Fitted {
    let wanted: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let widest = rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|t| text_width(t))
                .chain([text_width(&column.heading)])
                .max()
                .unwrap_or(0);
            widest.clamp(column.min, column.max)
        })
        .collect();
    let mut kept: Vec<usize> = (0..columns.len()).collect();
    let needed = |kept: &[usize]| -> u32 {
        let gaps = u32::from(GAP) * kept.len().saturating_sub(1) as u32;
        kept.iter().map(|&c| u32::from(columns[c].min)).sum::<u32>() + gaps
    };
    while kept.len() > 1 && needed(&kept) > u32::from(width) {
        // The least important column, the rightmost of equals.
        if let Some(at) = (0..kept.len()).max_by_key(|&k| (columns[kept[k]].priority, k)) {
            kept.remove(at);
        }
    }
    let mut widths: Vec<u16> = kept.iter().map(|&c| columns[c].min.min(width)).collect();
    let gaps = GAP.saturating_mul(u16::try_from(kept.len().saturating_sub(1)).unwrap_or(0));
    let mut left = width.saturating_sub(widths.iter().sum::<u16>().saturating_add(gaps));
    let mut by_importance: Vec<usize> = (0..kept.len()).collect();
    by_importance.sort_by_key(|&k| (columns[kept[k]].priority, k));
    for &k in &by_importance {
        let more = wanted[kept[k]].saturating_sub(widths[k]).min(left);
        widths[k] += more;
        left -= more;
    }
    let growing: Vec<usize> = (0..kept.len()).filter(|&k| columns[kept[k]].grow).collect();
    if !growing.is_empty() {
        let share = left / u16::try_from(growing.len()).unwrap_or(1);
        for (n, &k) in growing.iter().enumerate() {
            // The first growing column takes the remainder of the division.
            let extra = if n == 0 {
                left - share * (growing.len() as u16 - 1)
            } else {
                share
            };
            widths[k] += extra;
        }
    }
    Fitted {
        shown: kept.into_iter().zip(widths).collect(),
    }
}

/// `text` cut to `width` display columns, ending in "…" when anything was cut.
pub fn cut(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// One cell: its text (already cleaned) and style.
pub type TableCell = (String, Style);

/// A table laid out by `fit` for an area `width` columns wide inside its block, to be drawn by
/// `render_selected` (the selection mark's room is taken off here): headings in `header`, every
/// cell cut with "…" to its column.
pub fn table<'a>(
    columns: &[Column],
    rows: Vec<Vec<TableCell>>,
    width: u16,
    header: Style,
) -> Table<'a> {
    laid_out(columns, rows, width.saturating_sub(MARK_WIDTH), header)
}

/// The same for a table without a selection (drawn as a plain widget).
pub fn plain_table<'a>(
    columns: &[Column],
    rows: Vec<Vec<TableCell>>,
    width: u16,
    header: Style,
) -> Table<'a> {
    laid_out(columns, rows, width, header)
}

fn laid_out<'a>(
    columns: &[Column],
    rows: Vec<Vec<TableCell>>,
    width: u16,
    header: Style,
) -> Table<'a> {
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|(t, _)| t.clone()).collect())
        .collect();
    let fitted = fit(columns, &texts, width);
    let cell = |column: &Column, text: &str, style: Style, width: u16| {
        let text = cut(text, width);
        let line = Line::from(Span::styled(text, style));
        Cell::from(if column.right {
            line.right_aligned()
        } else {
            line
        })
    };
    let heading_row = Row::new(
        fitted
            .shown
            .iter()
            .map(|&(c, w)| cell(&columns[c], &columns[c].heading, Style::default(), w)),
    )
    .style(header);
    let body: Vec<Row> = rows
        .into_iter()
        .map(|row| {
            Row::new(fitted.shown.iter().map(|&(c, w)| {
                let (text, style) = row.get(c).cloned().unwrap_or_default();
                cell(&columns[c], &text, style, w)
            }))
        })
        .collect();
    let widths: Vec<Constraint> = fitted
        .shown
        .iter()
        .map(|&(_, w)| Constraint::Length(w))
        .collect();
    Table::new(body, widths)
        .header(heading_row)
        .column_spacing(GAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column> {
        vec![
            Column::new("Name", 0).min(8).grow(),
            Column::new("Type", 3).min(6),
            Column::new("Stage", 1).min(6),
            Column::new("Owner", 2).min(5),
        ]
    }

    fn rows() -> Vec<Vec<String>> {
        [
            [
                "Copperleaf Systems Integration",
                "system integrator",
                "active",
                "Dana",
            ],
            ["Ostrander Networks", "reseller", "paused", "Kim Lee"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
    }

    fn total(f: &Fitted) -> u16 {
        f.shown.iter().map(|(_, w)| w).sum::<u16>() + GAP * (f.shown.len() as u16 - 1)
    }

    #[test]
    fn with_room_every_column_gets_its_widest_cell_and_grow_takes_the_rest() {
        let f = fit(&columns(), &rows(), 100);
        assert_eq!(f.width_of(1), Some(17));
        assert_eq!(f.width_of(2), Some(6));
        assert_eq!(f.width_of(3), Some(7));
        assert_eq!(total(&f), 100);
        assert_eq!(f.width_of(0), Some(100 - 17 - 6 - 7 - 3));
    }

    #[test]
    fn narrow_screens_drop_the_least_important_column_first_and_feed_the_name() {
        // Minimums 8 + 6 + 6 + 5 and three gaps: 28 — at 27 the type goes.
        let f = fit(&columns(), &rows(), 27);
        assert_eq!(f.width_of(1), None);
        assert!(f.width_of(0).is_some() && f.width_of(3).is_some());
        let f = fit(&columns(), &rows(), 14);
        assert_eq!(f.shown.iter().map(|(c, _)| *c).collect::<Vec<_>>(), [0]);
        // The name is served before the less important columns get past their minimum.
        let f = fit(&columns(), &rows(), 50);
        assert_eq!(f.width_of(0), Some(30));
    }

    #[test]
    fn cut_ends_in_an_ellipsis_and_keeps_within_width() {
        assert_eq!(cut("Ostrander", 9), "Ostrander");
        assert_eq!(cut("Ostrander", 6), "Ostra…");
        assert_eq!(cut("東京都", 4), "東…");
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 1), "…");
    }
}
