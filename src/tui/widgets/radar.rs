//! The trend radar on a braille canvas: rings by horizon (now innermost), a quarter per category,
//! each trend its mark coloured by impact, the selected one pointed at; a legend below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Circle, Context, Line as CanvasLine};

use crate::plan::trend::{TrendCategory, TrendHorizon};
use crate::plan::trend_radar::{RING_EDGES, marker, place};
use crate::tui::theme::Theme;

/// One trend as the radar draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RadarTrend {
    pub category: TrendCategory,
    pub horizon: TrendHorizon,
    pub impact: i64,
}

/// The style a trend's mark takes for its impact: the risk bands' colours, so "5" reads as the
/// heat map's critical does (and the mono theme's bold and underline say it without colour).
pub fn impact_style(impact: i64, theme: &Theme) -> Style {
    match impact {
        ..=2 => theme.band_low,
        3 => theme.band_medium,
        4 => theme.band_high,
        _ => theme.band_critical,
    }
}

/// The radar of `trends` in `area`, `selected` pointed at. Draws nothing where there is no room
/// for a radar (under 12 × 6 cells) but the legend, as far as it fits.
pub fn render_radar(
    trends: &[RadarTrend],
    selected: Option<usize>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let legend = legend_lines(theme);
    let legend_rows = if area.height >= 10 {
        legend.len() as u16
    } else {
        0
    };
    let room = Rect {
        height: area.height.saturating_sub(legend_rows),
        ..area
    };
    for (i, line) in legend.into_iter().take(legend_rows as usize).enumerate() {
        let row = Rect {
            y: room.bottom() + i as u16,
            height: 1,
            ..area
        };
        line.render(row, buf);
    }
    if room.width < 12 || room.height < 6 {
        return;
    }
    // A cell is about twice as tall as it is wide: the radar is twice as many columns as rows,
    // so its rings are round.
    let rows = room.height.min(room.width / 2);
    let columns = (rows * 2).min(room.width);
    let square = Rect {
        x: room.x + (room.width - columns) / 2,
        y: room.y + (room.height - rows) / 2,
        width: columns,
        height: rows,
    };
    let placed: Vec<(TrendCategory, TrendHorizon)> =
        trends.iter().map(|t| (t.category, t.horizon)).collect();
    let dots = place(&placed);
    let faint = theme.muted.fg.unwrap_or(Color::Reset);
    let bound = 1.05;
    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-bound, bound])
        .y_bounds([-bound, bound])
        .paint(|ctx: &mut Context| {
            for radius in RING_EDGES {
                ctx.draw(&Circle {
                    x: 0.0,
                    y: 0.0,
                    radius,
                    color: faint,
                });
            }
            for (x1, y1, x2, y2) in [(-1.0, 0.0, 1.0, 0.0), (0.0, -1.0, 0.0, 1.0)] {
                ctx.draw(&CanvasLine {
                    x1,
                    y1,
                    x2,
                    y2,
                    color: faint,
                });
            }
            ctx.layer();
            if rows >= 10 {
                for (x, y, category) in [
                    (0.45, 1.0, TrendCategory::Technology),
                    (-1.0, 1.0, TrendCategory::Market),
                    (-1.0, -0.95, TrendCategory::Regulation),
                    (0.55, -0.95, TrendCategory::Society),
                ] {
                    ctx.print(x, y, Line::styled(category.label(), theme.header));
                }
            }
            for dot in &dots {
                let Some(trend) = trends.get(dot.index) else {
                    continue;
                };
                let mark = marker(dot.index).to_string();
                let line = if selected == Some(dot.index) {
                    Line::from(vec![
                        Span::styled("▶", theme.selected),
                        Span::styled(mark, impact_style(trend.impact, theme)),
                    ])
                } else {
                    Line::styled(mark, impact_style(trend.impact, theme))
                };
                ctx.print(dot.x, dot.y, line);
            }
        })
        .render(square, buf);
}

/// What the rings and colours mean.
fn legend_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut impact = vec![Span::styled("Impact ", theme.muted)];
    for (label, level) in [("1–2", 2), ("3", 3), ("4", 4), ("5", 5)] {
        impact.push(Span::styled(
            format!(" {label} "),
            impact_style(level, theme),
        ));
        impact.push(Span::raw(" "));
    }
    let rings = format!(
        "Rings: {} (centre), {}, {}",
        TrendHorizon::Now.label(),
        TrendHorizon::Near.label(),
        TrendHorizon::Far.label()
    );
    vec![Line::from(impact), Line::styled(rings, theme.muted)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(width: u16, height: u16, trends: &[RadarTrend]) -> String {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        render_radar(trends, Some(0), area, &mut buf, &Theme::dark());
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_trend_is_drawn_by_its_mark_and_the_legend_says_what_rings_mean() {
        let trends = [
            RadarTrend {
                category: TrendCategory::Technology,
                horizon: TrendHorizon::Now,
                impact: 5,
            },
            RadarTrend {
                category: TrendCategory::Regulation,
                horizon: TrendHorizon::Far,
                impact: 2,
            },
        ];
        let text = drawn(60, 24, &trends);
        assert!(text.contains("▶1"), "{text}");
        assert!(text.contains('2'), "{text}");
        assert!(
            text.contains("Technology") && text.contains("Society"),
            "{text}"
        );
        assert!(text.contains("Rings: now (centre)"), "{text}");
        // Technology's trend sits right of centre and above it; regulation's left and below.
        let lines: Vec<&str> = text.lines().collect();
        let at = |mark: &str| {
            lines
                .iter()
                .enumerate()
                .find_map(|(y, l)| l.find(mark).map(|x| (l[..x].chars().count(), y)))
                .unwrap()
        };
        let (x1, y1) = at("▶1");
        assert!(x1 > 30 && y1 < 11, "{x1},{y1}");
    }

    #[test]
    fn no_size_is_too_small_to_draw_into() {
        let trends = [RadarTrend {
            category: TrendCategory::Market,
            horizon: TrendHorizon::Near,
            impact: 3,
        }];
        for (w, h) in [(1, 1), (2, 1), (1, 5), (11, 5), (12, 6), (13, 9), (200, 3)] {
            drawn(w, h, &trends);
        }
    }
}
