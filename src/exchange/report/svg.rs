//! The report's charts as inline SVG: the 5×5 heat maps (band colour and band letter in every
//! cell, so they read in black and white), the fit bars and a KPI's progress toward its target.
//! Every label passes through `html_text`.

use std::fmt::Write;

use super::escape::html_text;
use crate::plan::risk::{Bands, HeatMap, Impact, Likelihood, score};

const CELL: i64 = 56;
const LEFT: i64 = 96;
const TOP: i64 = 8;

/// A heat map: likelihood upward (5 at the top), impact to the right; each cell its band's
/// colour and letter, and its count when not empty.
pub fn heat_map(map: &HeatMap, bands: &Bands, caption: &str) -> String {
    let width = LEFT + 5 * CELL + 8;
    let height = TOP + 5 * CELL + 52;
    let mut svg = format!(
        "<svg width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        html_text(caption),
        html_text(caption)
    );
    for (row, likelihood) in Likelihood::ALL.iter().rev().enumerate() {
        let y = TOP + row as i64 * CELL;
        let _ = write!(
            svg,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{} {}</text>",
            LEFT - 6,
            y + CELL / 2 + 4,
            likelihood.value(),
            html_text(likelihood.word())
        );
        for (column, impact) in Impact::ALL.iter().enumerate() {
            let x = LEFT + column as i64 * CELL;
            let band = bands.band(score(*likelihood, *impact));
            let count = map.count(*likelihood, *impact);
            let _ = write!(
                svg,
                "<rect class=\"cell band-{}\" x=\"{x}\" y=\"{y}\" width=\"{CELL}\" \
                 height=\"{CELL}\"/><text class=\"letter\" x=\"{}\" y=\"{}\">{}</text>",
                band.word(),
                x + 5,
                y + 13,
                band.letter()
            );
            if count > 0 {
                let _ = write!(
                    svg,
                    "<text class=\"count\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>",
                    x + CELL / 2,
                    y + CELL / 2 + 7
                );
            }
        }
    }
    let bottom = TOP + 5 * CELL;
    for (column, impact) in Impact::ALL.iter().enumerate() {
        let _ = write!(
            svg,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\
             <text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            LEFT + column as i64 * CELL + CELL / 2,
            bottom + 14,
            impact.value(),
            LEFT + column as i64 * CELL + CELL / 2,
            bottom + 27,
            html_text(impact.word())
        );
    }
    let _ = write!(
        svg,
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">impact →</text>\
         <text class=\"axis\" x=\"4\" y=\"{}\">likelihood ↑</text></svg>",
        LEFT + 5 * CELL / 2,
        bottom + 44,
        bottom + 44
    );
    svg
}

/// The most characters of a partner's name the fit chart shows.
pub const FIT_LABEL: usize = 26;

/// Horizontal bars of fit (0–100), one per (name, fit, gated out), in the order given.
pub fn fit_bars(bars: &[(&str, f64, bool)]) -> String {
    const LABEL: i64 = 230;
    const SCALE: f64 = 3.6;
    const ROW: i64 = 24;
    let width = LABEL + (100.0 * SCALE) as i64 + 120;
    let height = ROW * bars.len() as i64 + 24;
    let mut svg = format!(
        "<svg width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Fit by partner\">\
         <title>Fit by partner (0–100)</title>"
    );
    for (i, (name, fit, gated_out)) in bars.iter().enumerate() {
        let y = i as i64 * ROW;
        let length = (fit.clamp(0.0, 100.0) * SCALE).round();
        // 12px labels, at most FIT_LABEL characters: even wide letters stay inside the
        // label column; the roster table below gives the full name.
        let label = shortened(name, FIT_LABEL);
        let note = if *gated_out { " gated out" } else { "" };
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"track\" x=\"{LABEL}\" y=\"{}\" width=\"{}\" height=\"16\"/>\
             <rect class=\"bar\" x=\"{LABEL}\" y=\"{}\" width=\"{length}\" height=\"16\"/>\
             <text x=\"{}\" y=\"{}\">{:.0}{note}</text>",
            LABEL - 8,
            y + 13,
            html_text(&label),
            y + 1,
            100.0 * SCALE,
            y + 1,
            LABEL as f64 + 100.0 * SCALE + 6.0,
            y + 13,
            fit
        );
    }
    let axis = ROW * bars.len() as i64 + 14;
    for tick in [0, 25, 50, 75, 100] {
        let _ = write!(
            svg,
            "<text class=\"axis\" x=\"{}\" y=\"{axis}\" text-anchor=\"middle\">{tick}</text>",
            LABEL as f64 + f64::from(tick) * SCALE
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A KPI's way from baseline (left) to target (right): the bar is where the latest value got,
/// the upright line where the target path expects it on the report's date.
pub fn progress(progress: f64, expected: Option<f64>) -> String {
    const WIDTH: f64 = 200.0;
    let mut svg = format!(
        "<svg width=\"{}\" height=\"18\" viewBox=\"0 0 {} 18\" \
         role=\"img\" aria-label=\"{:.0}% of the way to target\">\
         <rect class=\"track\" x=\"1\" y=\"3\" width=\"{WIDTH}\" height=\"12\"/>\
         <rect class=\"bar\" x=\"1\" y=\"3\" width=\"{:.1}\" height=\"12\"/>",
        WIDTH + 2.0,
        WIDTH + 2.0,
        progress * 100.0,
        progress.clamp(0.0, 1.0) * WIDTH
    );
    if let Some(expected) = expected {
        let x = 1.0 + expected.clamp(0.0, 1.0) * WIDTH;
        let _ = write!(
            svg,
            "<line class=\"expected\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"0\" y2=\"18\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

/// At most `max` characters, with an ellipsis when cut.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
