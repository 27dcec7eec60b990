//! The network map: partners as labelled marks on a braille canvas, every link as a line whose
//! pattern says its status (solid active, dashed planned, sparse dots ended, faint) so it reads
//! without colour, a legend beneath, the hub marked. It draws a prepared `MapScene`; what the
//! scene holds is decided once per key, never per frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Context, Line as CanvasLine, Points};
use ratatui::widgets::{Block, Borders, Widget};

use unicode_width::UnicodeWidthStr;

use super::columns::cut;
use crate::tui::theme::Theme;

/// How a mark or a line stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Selected,
    /// Linked with the selected partner.
    Neighbour,
    Other,
}

/// A partner on the map; `x`, `y` in the unit square, `y` down.
#[derive(Debug, Clone, PartialEq)]
pub struct MapDot {
    pub x: f64,
    pub y: f64,
    /// A stage symbol and a type letter, readable without colour: "●T".
    pub mark: String,
    /// The name, or empty where names would crowd.
    pub label: String,
    pub emphasis: Emphasis,
}

/// A link's status as its line's pattern shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkLook {
    /// A solid line.
    Active,
    /// Dashes.
    Planned,
    /// Sparse dots, in the faint colour whatever the emphasis.
    Ended,
}

impl LinkLook {
    /// The look of a link at `status` (a word no status list knows reads as planned).
    pub fn of(status: &str) -> LinkLook {
        match status {
            "active" => LinkLook::Active,
            "ended" => LinkLook::Ended,
            _ => LinkLook::Planned,
        }
    }
}

/// The legend beneath the map: each pattern in words, so the map reads without colour.
pub const LEGEND: &str = "── active  ╌╌ planned  ·· ended  a–z kind  ◆ hub";

/// A link on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLine {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub look: LinkLook,
    /// The kind's letter, printed half way (only on the selected partner's links).
    pub kind: Option<char>,
    pub emphasis: Emphasis,
}

/// The part of the unit square the map shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            left: 0.0,
            top: 0.0,
            width: 1.0,
            height: 1.0,
        }
    }
}

/// Everything the map draws.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapScene {
    pub dots: Vec<MapDot>,
    pub lines: Vec<MapLine>,
    pub hub: Option<(f64, f64)>,
    pub viewport: Viewport,
    /// The map's title: what is shown and why.
    pub title: String,
}

/// Draws `scene` into `area` with a border; never touches a cell outside `area`.
pub fn render_map(scene: &MapScene, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {} ", scene.title), theme.title));
    let mut inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 2 || inner.height < 2 {
        return;
    }
    // The legend on the last row when the map keeps at least four rows above it.
    let legend = (inner.height >= 6).then(|| {
        inner.height -= 1;
        Rect {
            y: inner.bottom(),
            height: 1,
            ..inner
        }
    });
    let view = scene.viewport;
    let sane = |v: f64| if v.is_finite() && v > 0.0 { v } else { 1.0 };
    let (width, height) = (sane(view.width), sane(view.height));
    // The canvas's y grows upward: a place at `y` (down) is drawn at `-y`.
    let x_bounds = [view.left, view.left + width];
    let y_bounds = [-(view.top + height), -view.top];
    let colour = |style: Style| style.fg.unwrap_or(Color::Reset);
    let strong = colour(theme.selected);
    let near = colour(theme.key);
    let faint = colour(theme.muted);
    let of = |emphasis: Emphasis| match emphasis {
        Emphasis::Selected => strong,
        Emphasis::Neighbour => near,
        Emphasis::Other => faint,
    };
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds(x_bounds)
        .y_bounds(y_bounds)
        .paint(|ctx: &mut Context| {
            // Faint links first, so emphasised ones are drawn over them.
            for pass in [Emphasis::Other, Emphasis::Neighbour, Emphasis::Selected] {
                for line in scene.lines.iter().filter(|l| l.emphasis == pass) {
                    let colour = match line.look {
                        LinkLook::Ended => faint,
                        _ => of(pass),
                    };
                    draw_link(ctx, line, colour);
                }
            }
            ctx.layer();
            for line in &scene.lines {
                if let Some(kind) = line.kind {
                    let (x, y) = midpoint(line);
                    ctx.print(x, -y, Line::styled(kind.to_string(), theme.warning));
                }
            }
        });
    canvas.render(inner, buf);
    let hidden = place_labels(scene, inner, buf, theme);
    if let Some(legend) = legend {
        Line::styled(legend_text(hidden, legend.width), theme.muted).render(legend, buf);
    }
}

/// The legend under the map in `width` columns, with how many marks were left out: after the
/// legend when all fits, else first (what to do about it matters more than the patterns), the
/// rest cut with "…".
fn legend_text(hidden: usize, width: u16) -> String {
    let text = match hidden {
        0 => LEGEND.to_string(),
        n => format!("{LEGEND}  · {n} hidden: zoom in"),
    };
    if text.width() <= usize::from(width) || hidden == 0 {
        return cut(&text, width);
    }
    cut(&format!("{hidden} hidden: zoom in · {LEGEND}"), width)
}

/// The hub's mark and each partner's mark and name, written over the drawn links so that no
/// two overlap: the hub first, then the selected partner, its neighbours, the rest. A name that
/// would run into one already written is cut with "…" where at least three letters fit, else
/// left out (the mark stays); a mark that would land on one written already is left out (its
/// lines still lead there). A blank cell stays between two, so neighbours do not run together.
/// Returns how many partners' marks were left out (the legend counts them).
fn place_labels(scene: &MapScene, inner: Rect, buf: &mut Buffer, theme: &Theme) -> usize {
    let view = scene.viewport;
    let sane = |v: f64| if v.is_finite() && v > 0.0 { v } else { 1.0 };
    let (width, height) = (sane(view.width), sane(view.height));
    // The cell a place in the unit square falls in, as the canvas places its points.
    let cell = |x: f64, y: f64| -> Option<(u16, u16)> {
        let (dx, dy) = ((x - view.left) / width, (y - view.top) / height);
        if !(0.0..=1.0).contains(&dx) || !(0.0..=1.0).contains(&dy) {
            return None;
        }
        let col = (dx * f64::from(inner.width.saturating_sub(1))) as u16;
        let row = (dy * f64::from(inner.height.saturating_sub(1))) as u16;
        Some((inner.x + col, inner.y + row))
    };
    let mut taken = Taken::new(inner);
    let mut wanted: Vec<(f64, f64, String, String, Style)> = Vec::new();
    if let Some((x, y)) = scene.hub {
        wanted.push((x, y, "◆".into(), "hub".into(), theme.title));
    }
    for pass in [Emphasis::Selected, Emphasis::Neighbour, Emphasis::Other] {
        for dot in scene.dots.iter().filter(|d| d.emphasis == pass) {
            let (mark, style) = match pass {
                Emphasis::Selected => (format!("▶{}", dot.mark), theme.selected),
                Emphasis::Neighbour => (dot.mark.clone(), theme.key),
                Emphasis::Other => (dot.mark.clone(), theme.muted),
            };
            wanted.push((dot.x, dot.y, mark, dot.label.clone(), style));
        }
    }
    let mut hidden = 0;
    let right_edge = inner.right();
    for (n, (x, y, mark, label, style)) in wanted.into_iter().enumerate() {
        let Some((col, row)) = cell(x, y) else {
            continue;
        };
        let mark_width = u16::try_from(mark.width()).unwrap_or(u16::MAX);
        // A mark at the right edge is drawn just inside it.
        let col = col.min(right_edge.saturating_sub(mark_width)).max(inner.x);
        if taken.free_run(col, row) < mark_width || !taken.free_before(col, row) {
            if n >= usize::from(scene.hub.is_some()) {
                hidden += 1;
            }
            continue;
        }
        let name_width = u16::try_from(label.width()).unwrap_or(u16::MAX);
        let right = taken.free_run(col, row).saturating_sub(mark_width + 1);
        // A name that fits whole only on the left of its mark goes there ("Name ●T").
        let left = taken.free_run_left(col, row).saturating_sub(1);
        let (start, text) = if name_width == 0 {
            (col, mark)
        } else if name_width <= right {
            (col, format!("{mark} {label}"))
        } else if name_width <= left {
            (col - name_width - 1, format!("{label} {mark}"))
        } else if right >= 4 {
            (col, format!("{mark} {}", cut(&label, right)))
        } else {
            (col, mark)
        };
        let used = u16::try_from(text.width()).unwrap_or(u16::MAX);
        Line::styled(text, style).render(Rect::new(start, row, used, 1), buf);
        taken.take(start, row, used);
    }
    hidden
}

/// The cells of the map's area that a mark or a name holds.
struct Taken {
    area: Rect,
    cells: Vec<bool>,
}

impl Taken {
    fn new(area: Rect) -> Taken {
        Taken {
            area,
            cells: vec![false; usize::from(area.width) * usize::from(area.height)],
        }
    }

    fn at(&self, col: u16, row: u16) -> Option<usize> {
        let (x, y) = (col.checked_sub(self.area.x)?, row.checked_sub(self.area.y)?);
        (x < self.area.width && y < self.area.height)
            .then(|| usize::from(y) * usize::from(self.area.width) + usize::from(x))
    }

    /// How many cells from (`col`, `row`) rightwards a text may use: the free run up to the
    /// area's edge, less one blank cell before a text written already.
    fn free_run(&self, col: u16, row: u16) -> u16 {
        let mut run = 0;
        loop {
            let Some(i) = self.at(col.saturating_add(run), row) else {
                return run;
            };
            if self.cells.get(i).copied().unwrap_or(true) || col.saturating_add(run) == u16::MAX {
                return run.saturating_sub(1);
            }
            run += 1;
        }
    }

    /// How many cells left of (`col`, `row`) a text may use: the free run back to the area's
    /// edge, less one blank cell after a text written already.
    fn free_run_left(&self, col: u16, row: u16) -> u16 {
        let mut run = 0;
        loop {
            let Some(x) = col.checked_sub(run + 1) else {
                return run;
            };
            let Some(i) = self.at(x, row) else {
                return run;
            };
            if self.cells.get(i).copied().unwrap_or(true) {
                return run.saturating_sub(1);
            }
            run += 1;
        }
    }

    /// Whether the cell just left of (`col`, `row`) is free or the area's edge: a text starting
    /// at `col` would not touch one written already.
    fn free_before(&self, col: u16, row: u16) -> bool {
        col.checked_sub(1)
            .and_then(|x| self.at(x, row))
            .is_none_or(|i| !self.cells.get(i).copied().unwrap_or(false))
    }

    fn take(&mut self, col: u16, row: u16, width: u16) {
        for x in col..col.saturating_add(width) {
            if let Some(i) = self.at(x, row)
                && let Some(cell) = self.cells.get_mut(i)
            {
                *cell = true;
            }
        }
    }
}

fn midpoint(line: &MapLine) -> (f64, f64) {
    (
        (line.from.0 + line.to.0) / 2.0,
        (line.from.1 + line.to.1) / 2.0,
    )
}

/// A solid braille line for an active link; dashes (three points on, two off) for a planned
/// one; a point every sixth step for an ended one.
fn draw_link(ctx: &mut Context, line: &MapLine, color: Color) {
    let (x1, y1) = line.from;
    let (x2, y2) = line.to;
    let on: fn(usize) -> bool = match line.look {
        LinkLook::Active => {
            ctx.draw(&CanvasLine {
                x1,
                y1: -y1,
                x2,
                y2: -y2,
                color,
            });
            return;
        }
        LinkLook::Planned => |i| i % 5 < 3,
        LinkLook::Ended => |i| i % 6 == 0,
    };
    const STEPS: usize = 60;
    let coords: Vec<(f64, f64)> = (0..=STEPS)
        .filter(|&i| on(i))
        .map(|i| {
            let t = i as f64 / STEPS as f64;
            (x1 + (x2 - x1) * t, -(y1 + (y2 - y1) * t))
        })
        .collect();
    ctx.draw(&Points {
        coords: &coords,
        color,
    });
}

#[cfg(test)]
mod tests;
