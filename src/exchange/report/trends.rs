//! The report's "Future readiness: trend radar" section: the radar drawn as SVG, and each trend
//! with its horizon, impact, review date and adaptability actions; an untouched example is said
//! to be one. What a trend touches is named for the internal audience only. Left out when the
//! plan holds no trend.

use std::fmt::Write;

use anyhow::Result;

use super::audience::Audience;
use super::escape::{html_text, markdown_cell};
use super::html::open_section;
use super::radar_svg::{RadarDot, impact_band, radar};
use crate::plan::trend::impact_word;
use crate::plan::trend_radar::marker;
use crate::workbook::{TrendRecord, Workbook};

const HEADING: &str = "Future readiness: trend radar";
const ABOUT: &str = "Trends that could reshape the ecosystem: rings by when they matter (now at \
                     the centre), quarters by kind of change, each dot's size and colour its \
                     likely impact (1 slight to 5 transforming).";

/// The plan's trends, in the order the radar numbers them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportTrends {
    pub trends: Vec<TrendRecord>,
}

impl ReportTrends {
    pub fn read(wb: &Workbook) -> Result<ReportTrends> {
        Ok(ReportTrends {
            trends: wb.trends()?,
        })
    }
}

/// "market · 1–2 years · impact 4 major · review 2027-03-31".
fn facts(t: &TrendRecord) -> String {
    let review = t
        .trend
        .review_date
        .as_deref()
        .map_or("no review date".to_string(), |d| format!("review {d}"));
    format!(
        "{} · {} · impact {} {} · {review}",
        t.trend.category.word(),
        t.trend.horizon.label(),
        t.trend.impact,
        impact_word(t.trend.impact)
    )
}

fn name(t: &TrendRecord) -> String {
    if t.example {
        format!("{} (example)", t.trend.name)
    } else {
        t.trend.name.clone()
    }
}

/// "Map where partners keep data — Ravi Menon, due 2027-03-31 (planned)".
fn action_line(a: &crate::workbook::TrendActionRecord) -> String {
    let mut line = a.action.title.clone();
    let who: Vec<String> = [
        (!a.action.owner.is_empty()).then(|| a.action.owner.clone()),
        a.action.due_date.as_ref().map(|d| format!("due {d}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !who.is_empty() {
        let _ = write!(line, " — {}", who.join(", "));
    }
    let _ = write!(line, " ({})", a.action.status.word());
    line
}

fn touches(t: &TrendRecord, audience: &Audience) -> Option<String> {
    (*audience == Audience::Internal && !t.touches.is_empty()).then(|| {
        t.touches
            .iter()
            .map(|x| format!("{} {}", x.touch.kind.word(), x.name))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

pub fn html(trends: &ReportTrends, audience: &Audience) -> String {
    if trends.trends.is_empty() {
        return String::new();
    }
    let mut out = open_section("trends", HEADING);
    let dots: Vec<RadarDot> = trends
        .trends
        .iter()
        .map(|t| RadarDot {
            category: t.trend.category,
            horizon: t.trend.horizon,
            impact: t.trend.impact,
        })
        .collect();
    let caption = "Trend radar";
    // The radar beside its list (a narrow page puts the list below), so the section takes
    // about the radar's height; the words in the figure, which is never split, so the heading
    // (kept with what follows) never ends a page alone.
    let _ = writeln!(
        out,
        "<div class=\"charts\"><figure class=\"radar\"><p>{}</p><figcaption>{}</figcaption>{}</figure>",
        html_text(ABOUT),
        html_text(caption),
        radar(&dots, caption)
    );
    out.push_str("<ul class=\"trends\">\n");
    for (index, t) in trends.trends.iter().enumerate() {
        let _ = write!(
            out,
            "<li><span class=\"swatch {}\"></span><strong>{}. {}</strong> <span class=\"note\">{}</span>",
            impact_band(t.trend.impact),
            marker(index),
            html_text(&name(t)),
            html_text(&facts(t))
        );
        if !t.trend.evolution.trim().is_empty() {
            let _ = write!(out, "<br>{}", html_text(&t.trend.evolution));
        }
        if let Some(touched) = touches(t, audience) {
            let _ = write!(out, "<br>Touches: {}", html_text(&touched));
        }
        if t.actions.is_empty() {
            out.push_str("<br><em>No adaptability action yet.</em>");
        } else {
            out.push_str("<ul>");
            for a in &t.actions {
                let _ = write!(out, "<li>{}</li>", html_text(&action_line(a)));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul></div>\n</section>\n");
    out
}

pub fn markdown(out: &mut String, trends: &ReportTrends, audience: &Audience) {
    if trends.trends.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## {HEADING}\n\n{ABOUT} The HTML report draws the radar.\n"
    );
    let _ = writeln!(
        out,
        "| # | Trend | Where it stands | Actions |\n|---|---|---|---|"
    );
    for (index, t) in trends.trends.iter().enumerate() {
        let mut stands = facts(t);
        if let Some(touched) = touches(t, audience) {
            let _ = write!(stands, " · touches {touched}");
        }
        let actions: Vec<String> = t.actions.iter().map(action_line).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            marker(index),
            markdown_cell(&name(t)),
            markdown_cell(&stands),
            markdown_cell(&if actions.is_empty() {
                "none yet".to_string()
            } else {
                actions.join("; ")
            })
        );
    }
    out.push('\n');
}
