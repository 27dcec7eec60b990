//! The trend radar as one inline SVG: rings by horizon (now innermost), a quarter per category,
//! each trend a numbered dot sized and coloured by impact (the heat map's band colours, the
//! number for black and white). Placed by `plan::trend_radar`, as the terminal's radar is.

use std::f64::consts::FRAC_PI_2;
use std::fmt::Write;

use super::escape::html_text;
use crate::plan::trend::{TrendCategory, TrendHorizon};
use crate::plan::trend_radar::{RING_EDGES, marker, place};

const SIZE: f64 = 330.0;
const RADIUS: f64 = 134.0;
const INK: &str = "#1f2430";
const RULE: &str = "#9aa3ad";

/// One trend as the radar draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RadarDot {
    pub category: TrendCategory,
    pub horizon: TrendHorizon,
    pub impact: i64,
}

/// The heat map's band class for an impact: 1–2 low, 3 medium, 4 high, 5 critical.
pub fn impact_band(impact: i64) -> &'static str {
    match impact {
        ..=2 => "low",
        3 => "medium",
        4 => "high",
        _ => "critical",
    }
}

/// The radar of `dots` (numbered 1… in their order), captioned `caption`.
pub fn radar(dots: &[RadarDot], caption: &str) -> String {
    let centre = SIZE / 2.0;
    let mut svg = format!(
        "<svg width=\"{SIZE}\" height=\"{SIZE}\" viewBox=\"0 0 {SIZE} {SIZE}\" role=\"img\" \
         aria-label=\"{0}\"><title>{0}</title>",
        html_text(caption)
    );
    // Quarters, shaded alternately so the sectors read apart in print.
    for (index, shade) in ["#f4f6f8", "#ffffff", "#f4f6f8", "#ffffff"]
        .iter()
        .enumerate()
    {
        let start = index as f64 * FRAC_PI_2;
        let (x1, y1) = point(centre, RADIUS, start);
        let (x2, y2) = point(centre, RADIUS, start + FRAC_PI_2);
        let _ = write!(
            svg,
            "<path d=\"M{centre:.1},{centre:.1} L{x1:.1},{y1:.1} A{RADIUS},{RADIUS} 0 0 0 \
             {x2:.1},{y2:.1} Z\" fill=\"{shade}\"/>"
        );
    }
    for (edge, horizon) in RING_EDGES.iter().zip(TrendHorizon::ALL) {
        let r = edge * RADIUS;
        let _ = write!(
            svg,
            "<circle cx=\"{centre}\" cy=\"{centre}\" r=\"{r:.1}\" fill=\"none\" \
             stroke=\"{RULE}\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"{RULE}\">{}</text>",
            // Each ring's name just inside its top, beside the axis: stacked, never crossing.
            centre + 3.0,
            centre - r + 10.0,
            html_text(horizon.label())
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{0}\" y1=\"{1:.1}\" x2=\"{0}\" y2=\"{2:.1}\" stroke=\"{RULE}\"/>\
         <line x1=\"{1:.1}\" y1=\"{0}\" x2=\"{2:.1}\" y2=\"{0}\" stroke=\"{RULE}\"/>",
        centre,
        centre - RADIUS,
        centre + RADIUS
    );
    for (category, x, y, anchor) in [
        (TrendCategory::Technology, SIZE - 6.0, 16.0, "end"),
        (TrendCategory::Market, 6.0, 16.0, "start"),
        (TrendCategory::Regulation, 6.0, SIZE - 8.0, "start"),
        (TrendCategory::Society, SIZE - 6.0, SIZE - 8.0, "end"),
    ] {
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"13\" font-weight=\"700\" fill=\"{INK}\" \
             text-anchor=\"{anchor}\">{}</text>",
            html_text(category.label())
        );
    }
    let placed: Vec<(TrendCategory, TrendHorizon)> =
        dots.iter().map(|d| (d.category, d.horizon)).collect();
    for dot in place(&placed) {
        let Some(trend) = dots.get(dot.index) else {
            continue;
        };
        let (x, y) = (centre + dot.x * RADIUS, centre - dot.y * RADIUS);
        let r = 6.0 + 1.5 * trend.impact.clamp(1, 5) as f64;
        let _ = write!(
            svg,
            "<circle class=\"band-{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" \
             stroke=\"{INK}\" stroke-width=\"1\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" font-weight=\"700\" \
             fill=\"{INK}\" text-anchor=\"middle\">{}</text>",
            impact_band(trend.impact),
            y + 3.5,
            html_text(&marker(dot.index).to_string())
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Where angle `angle` (counter-clockwise from east) meets radius `r`, y growing downward.
fn point(centre: f64, r: f64, angle: f64) -> (f64, f64) {
    (centre + r * angle.cos(), centre - r * angle.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trend_is_a_numbered_dot_in_its_band_and_names_are_escaped() {
        let dots = [
            RadarDot {
                category: TrendCategory::Technology,
                horizon: TrendHorizon::Now,
                impact: 5,
            },
            RadarDot {
                category: TrendCategory::Society,
                horizon: TrendHorizon::Far,
                impact: 1,
            },
        ];
        let svg = radar(&dots, "Trend <radar>");
        assert!(svg.contains("aria-label=\"Trend &lt;radar&gt;\""), "{svg}");
        assert_eq!(svg.matches("class=\"band-critical\"").count(), 1);
        assert_eq!(svg.matches("class=\"band-low\"").count(), 1);
        assert!(svg.contains(">1</text>") && svg.contains(">2</text>"));
        for word in ["Technology", "Market", "Regulation", "Society", "3–5 years"] {
            assert!(svg.contains(word), "{word}");
        }
        assert!(svg.ends_with("</svg>"));
    }
}
