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
    if inner.height >= 6 {
        let legend = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        inner.height -= 1;
        Line::styled(LEGEND, theme.muted).render(legend, buf);
    }
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
            for pass in [Emphasis::Other, Emphasis::Neighbour, Emphasis::Selected] {
                for dot in scene.dots.iter().filter(|d| d.emphasis == pass) {
                    let style = match pass {
                        Emphasis::Selected => theme.selected,
                        Emphasis::Neighbour => theme.key,
                        Emphasis::Other => theme.muted,
                    };
                    let text = match (pass, dot.label.is_empty()) {
                        (Emphasis::Selected, _) => format!("▶{} {}", dot.mark, dot.label),
                        (_, true) => dot.mark.clone(),
                        (_, false) => format!("{} {}", dot.mark, dot.label),
                    };
                    ctx.print(dot.x, -dot.y, Line::styled(text, style));
                }
            }
            // The hub last: no partner's name hides it.
            if let Some((x, y)) = scene.hub {
                ctx.print(x, -y, Line::styled("◆ hub", theme.title));
            }
        });
    canvas.render(inner, buf);
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
mod tests {
    use super::*;

    fn scene() -> MapScene {
        let dot = |x, y, label: &str, emphasis| MapDot {
            x,
            y,
            mark: "●T".into(),
            label: label.into(),
            emphasis,
        };
        MapScene {
            dots: vec![
                dot(0.0, 0.0, "Corner partner with a long name", Emphasis::Other),
                dot(1.0, 1.0, "Far corner partner", Emphasis::Neighbour),
                dot(0.5, 0.5, "Selected partner", Emphasis::Selected),
            ],
            lines: vec![
                MapLine {
                    from: (0.0, 0.0),
                    to: (1.0, 1.0),
                    look: LinkLook::Active,
                    kind: Some('i'),
                    emphasis: Emphasis::Selected,
                },
                MapLine {
                    from: (1.0, 0.0),
                    to: (0.0, 1.0),
                    look: LinkLook::Planned,
                    kind: None,
                    emphasis: Emphasis::Other,
                },
            ],
            hub: Some((0.9, 0.1)),
            viewport: Viewport::default(),
            title: "Network".into(),
        }
    }

    /// Draws into the middle of a larger buffer: every cell outside the area stays blank.
    #[test]
    fn the_map_never_draws_outside_its_area_at_any_size() {
        for width in [1u16, 2, 3, 5, 9, 20, 41] {
            for height in [1u16, 2, 3, 4, 7, 15] {
                let outer = Rect::new(0, 0, width + 10, height + 10);
                let mut buf = Buffer::empty(outer);
                let area = Rect::new(5, 5, width, height);
                render_map(&scene(), area, &mut buf, &Theme::mono());
                for y in 0..outer.height {
                    for x in 0..outer.width {
                        let inside = x >= 5 && x < 5 + width && y >= 5 && y < 5 + height;
                        if !inside {
                            assert_eq!(buf[(x, y)].symbol(), " ", "{width}×{height} at {x},{y}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_area_past_the_buffer_is_cut_to_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
        render_map(&scene(), Rect::new(6, 2, 30, 30), &mut buf, &Theme::mono());
        assert_eq!(buf[(0, 0)].symbol(), " ");
    }

    #[test]
    fn marks_and_the_hub_read_without_colour() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 20));
        render_map(&scene(), buf.area, &mut buf, &Theme::mono());
        let text: String = (0..20)
            .map(|y| {
                (0..60)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect();
        assert!(text.contains("▶●T Selected partner"), "{text}");
        assert!(text.contains("◆ hub"), "{text}");
        assert!(text.contains('i'), "the link's kind letter:\n{text}");
        assert!(text.contains("Network"), "{text}");
        assert!(text.contains(LEGEND), "the legend:\n{text}");
    }

    /// Each status has its own pattern: the braille cells a line lights differ in number.
    #[test]
    fn active_planned_and_ended_links_draw_different_patterns() {
        let lit = |look| {
            let scene = MapScene {
                lines: vec![MapLine {
                    from: (0.0, 0.5),
                    to: (1.0, 0.5),
                    look,
                    kind: None,
                    emphasis: Emphasis::Other,
                }],
                title: "Network".into(),
                ..MapScene::default()
            };
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
            render_map(&scene, buf.area, &mut buf, &Theme::mono());
            (1..10u16)
                .flat_map(|y| (1..39u16).map(move |x| (x, y)))
                .filter(|&(x, y)| {
                    buf[(x, y)]
                        .symbol()
                        .chars()
                        .any(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
                })
                .count()
        };
        let (active, planned, ended) = (
            lit(LinkLook::Active),
            lit(LinkLook::Planned),
            lit(LinkLook::Ended),
        );
        assert!(
            active > planned && planned > ended && ended > 0,
            "{active} {planned} {ended}"
        );
        assert_eq!(LinkLook::of("active"), LinkLook::Active);
        assert_eq!(LinkLook::of("ended"), LinkLook::Ended);
        assert_eq!(LinkLook::of("planned"), LinkLook::Planned);
    }
}
