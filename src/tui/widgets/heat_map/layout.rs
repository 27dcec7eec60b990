//! Where the heat map's parts go in an area, and which words its axes use there.

use ratatui::layout::{Margin, Rect};
use unicode_width::UnicodeWidthStr;

use crate::plan::risk::{Impact, Likelihood};

/// The widest a cell grows (gap included) and the tallest a row grows, so a huge terminal shows a
/// map rather than five stripes.
const MAX_CELL_WIDTH: u16 = 22;
const MAX_ROW_HEIGHT: u16 = 5;

/// How the axes are labelled, roomiest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Words {
    Full,
    Short,
    /// The scale numbers 1–5, for the smallest grid.
    Numbers,
}

impl Words {
    const ALL: [Words; 3] = [Words::Full, Words::Short, Words::Numbers];

    pub(super) fn likelihood(self, likelihood: Likelihood) -> &'static str {
        match (self, likelihood) {
            (Words::Full, l) => l.word(),
            (Words::Short, Likelihood::AlmostCertain) => "alm. cert.",
            (Words::Short, l) => l.word(),
            (Words::Numbers, l) => NUMBERS[l.value() as usize - 1],
        }
    }

    pub(super) fn impact(self, impact: Impact) -> &'static str {
        match (self, impact) {
            (Words::Full, i) => i.word(),
            (Words::Short, Impact::Negligible) => "neglig.",
            (Words::Short, Impact::Moderate) => "moder.",
            (Words::Short, i) => i.word(),
            (Words::Numbers, i) => NUMBERS[i.value() as usize - 1],
        }
    }

    /// The names of the two axes: rows, then columns.
    pub(super) fn axes(self) -> (&'static str, &'static str) {
        match self {
            Words::Full => ("likelihood ↑", "impact →"),
            Words::Short => ("likelihood", "impact →"),
            Words::Numbers => ("↑", "impact →"),
        }
    }

    /// The width of the row labels: the widest likelihood word.
    fn label_width(self) -> u16 {
        widest(Likelihood::ALL.map(|l| self.likelihood(l)))
    }

    /// The narrowest a cell may be, its gap included: room for the widest impact word and for a
    /// selected cell's `[H 9]` (or `[H9]` with numbers).
    fn min_cell_width(self) -> u16 {
        let content = if self == Words::Numbers { 4 } else { 5 };
        widest(Impact::ALL.map(|i| self.impact(i))).max(content) + 1
    }
}

/// The display width of the widest of `words`.
fn widest(words: [&str; 5]) -> u16 {
    let widest = words.iter().map(|w| w.width()).max().unwrap_or(1);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

const NUMBERS: [&str; 5] = ["1", "2", "3", "4", "5"];

/// `*y` when `used`, moving `*y` down past it.
fn next_line(y: &mut u16, used: bool) -> Option<u16> {
    let at = *y;
    if used {
        *y += 1;
    }
    used.then_some(at)
}

/// Where everything goes in an area: worked out once for drawing and for clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Grid {
    pub(super) framed: bool,
    pub(super) words: Words,
    /// Inside the frame, or the whole area without one.
    pub(super) inner: Rect,
    pub(super) label_x: u16,
    pub(super) label_w: u16,
    /// The left of the first column of cells and the top of the first row.
    pub(super) x: u16,
    pub(super) y: u16,
    pub(super) header_y: u16,
    /// A cell's width with its one-column gap; a row's height with its gap when taller than one.
    pub(super) cell_w: u16,
    pub(super) pitch: u16,
    pub(super) title_y: Option<u16>,
    pub(super) axis_y: Option<u16>,
    pub(super) legend_y: Option<u16>,
    pub(super) summary_y: Option<u16>,
}

impl Grid {
    /// The roomiest layout that fits: framed before unframed, full words before short before
    /// numbers; `None` when not even numbers fit.
    pub(super) fn of(area: Rect) -> Option<Grid> {
        let framings = [(true, area.inner(Margin::new(1, 1))), (false, area)];
        for (framed, inner) in framings {
            for words in Words::ALL {
                if let Some(grid) = Grid::within(inner, framed, words) {
                    return Some(grid);
                }
            }
        }
        None
    }

    fn within(inner: Rect, framed: bool, words: Words) -> Option<Grid> {
        let label_w = words.label_width();
        let cells_w = inner.width.checked_sub(label_w + 1)?;
        let cell_w = (cells_w / 5).min(MAX_CELL_WIDTH);
        // The header line and one line per row are the least a grid needs.
        let mut spare = inner.height.checked_sub(6)?;
        if cell_w < words.min_cell_width() {
            return None;
        }
        let mut take = |lines: u16| {
            let ok = spare >= lines;
            if ok {
                spare -= lines;
            }
            ok
        };
        // What extra height buys, most useful first.
        let title = !framed && take(1);
        let legend = take(1);
        let mut pitch = if take(5) { 2 } else { 1 };
        let axis = take(1);
        let summary = take(1);
        while pitch < MAX_ROW_HEIGHT && take(5) {
            pitch += 1;
        }
        let mut y = inner.y;
        let title_y = next_line(&mut y, title);
        let axis_y = next_line(&mut y, axis);
        let header_y = y;
        let top = y + 1;
        y = top + 5 * pitch;
        let legend_y = next_line(&mut y, legend);
        let summary_y = next_line(&mut y, summary);
        // Centred across, so a wide area frames the map instead of leaving it in a corner.
        let left = inner.x + (inner.width - (label_w + 1 + 5 * cell_w)) / 2;
        Some(Grid {
            framed,
            words,
            inner,
            label_x: left,
            label_w,
            x: left + label_w + 1,
            y: top,
            header_y,
            cell_w,
            pitch,
            title_y,
            axis_y,
            legend_y,
            summary_y,
        })
    }

    /// The coloured part of a cell, gaps left out.
    pub(super) fn cell(&self, likelihood: Likelihood, impact: Impact) -> Rect {
        let column = u16::try_from(impact.value() - 1).unwrap_or(0);
        let row = u16::try_from(5 - likelihood.value()).unwrap_or(0);
        let height = if self.pitch > 1 { self.pitch - 1 } else { 1 };
        Rect::new(
            self.x + column * self.cell_w,
            self.y + row * self.pitch,
            self.cell_w - 1,
            height,
        )
    }

    /// The line a row's words and counts are written on: the middle of its cells.
    pub(super) fn text_y(&self, likelihood: Likelihood) -> u16 {
        let cell = self.cell(likelihood, Impact::Negligible);
        cell.y + (cell.height - 1) / 2
    }
}
