//! The executive summary, the report's first page: readiness, the model and why, the three
//! biggest risks and gaps, KPI status and the ROI with its period, drawn from the sections the
//! report already holds so it can never say something they do not.

use std::fmt::Write;

use super::escape::{html_text, markdown_line};
use super::html::{note, open_section};
use super::model::Report;
use crate::plan::figures::{OVERDUE_CHECKINS, ROLE_COVERAGE, share_percent};
use crate::plan::kpi::KpiStatus;
use crate::plan::numbers::count_of;

/// How many risks and gaps the summary names.
const HEADLINES: usize = 3;

/// The summary in sentences and short lists, the same for HTML and Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// "The plan is 72% ready: 7 of 11 steps done. What each step still lacks is in the appendix."
    pub readiness: String,
    /// ("hybrid / transitioning", why), or the sentence that none is chosen yet.
    pub model: (String, String),
    /// "R-006 Radio chip shortage stops sensor production: 20 C (critical) after mitigation".
    pub risks: Vec<String>,
    pub risks_note: Option<String>,
    /// "Content delivery and edge: nobody holds it".
    pub gaps: Vec<String>,
    pub gaps_note: Option<String>,
    /// "9 KPIs: 1 achieved, 1 on track, 2 at risk, 2 off track, 3 no data."
    pub kpis: String,
    /// "Roles: 45% in place (5 of 11). Check-ins: 3 overdue." — the figures of
    /// `plan::figures`, as the Overview shows them.
    pub health: String,
    /// "ROI over this year (2026-01-01 – 2026-12-31): 454.5% (EUR 55,000.00 invested, …)."
    pub roi: String,
}

impl Summary {
    pub fn of(report: &Report) -> Summary {
        let r = &report.readiness;
        let required: Vec<_> = r.steps.iter().filter(|s| !s.optional).collect();
        let done = required.iter().filter(|s| s.symbol == "✓").count();
        let readiness = format!(
            "The plan is {}% ready: {done} of {} required steps done. What each step still \
             lacks is in the appendix.",
            r.percent,
            required.len()
        );
        let s = &report.strategy;
        let model = if s.model.is_empty() {
            (
                "No model chosen yet".to_string(),
                "The Strategy tab's decision aid weighs channel, hybrid and ecosystem models."
                    .to_string(),
            )
        } else {
            (
                s.model.clone(),
                s.statement.model_rationale.trim().to_string(),
            )
        };
        let risks: Vec<String> = report
            .risks
            .top
            .iter()
            .take(HEADLINES)
            .map(|risk| {
                let now = match (risk.residual, risk.inherent) {
                    (Some((score, band)), _) => {
                        format!(
                            "{score} {} ({}) after mitigation",
                            band.letter(),
                            band.word()
                        )
                    }
                    (None, Some((score, band))) => format!(
                        "{score} {} ({}), no residual assessment yet",
                        band.letter(),
                        band.word()
                    ),
                    (None, None) => "not assessed".to_string(),
                };
                format!("{} {}: {now}", risk.code, risk.title)
            })
            .collect();
        let risks_note = (report.risks.total == 0)
            .then(|| "No risks recorded yet.".to_string())
            .or_else(|| {
                let more = report.risks.total - risks.len() as i64;
                (more > 0).then(|| {
                    format!(
                        "{} in the risk section.",
                        count_of(more.unsigned_abs() as usize, "more risk", "more risks")
                    )
                })
            });
        let c = &report.coverage;
        let gaps: Vec<String> = c
            .gaps
            .iter()
            .take(HEADLINES)
            .map(|(role, problem)| format!("{role}: {problem}"))
            .collect();
        let all_gaps = c.gaps.len() + c.gaps_left_out;
        let gaps_note = if c.roles.is_empty() {
            Some("No roles mapped yet.".to_string())
        } else if all_gaps == 0 {
            Some("Every role is covered.".to_string())
        } else {
            (all_gaps > gaps.len()).then(|| {
                format!(
                    "{} in the coverage section.",
                    count_of(all_gaps - gaps.len(), "more weak spot", "more weak spots")
                )
            })
        };
        Summary {
            readiness,
            model,
            risks,
            risks_note,
            gaps,
            gaps_note,
            kpis: kpi_status(report),
            health: health(report),
            roi: roi_sentence(report),
        }
    }
}

/// "9 KPIs: 1 achieved, 2 at risk, 3 no data." (statuses in their order, empty ones left out).
fn kpi_status(report: &Report) -> String {
    let k = &report.kpis;
    if k.total == 0 {
        return "No KPIs set yet.".to_string();
    }
    let counts: Vec<String> = [
        KpiStatus::Achieved,
        KpiStatus::OnTrack,
        KpiStatus::AtRisk,
        KpiStatus::OffTrack,
        KpiStatus::NoData,
    ]
    .iter()
    .filter_map(|status| {
        let n = k.lines.iter().filter(|l| l.status == *status).count();
        (n > 0).then(|| format!("{n} {}", status.word()))
    })
    .collect();
    let judged = if k.left_out() > 0 {
        format!(" (the first {} judged)", k.lines.len())
    } else {
        String::new()
    };
    format!(
        "{}{judged}: {}.",
        count_of(k.total.unsigned_abs() as usize, "KPI", "KPIs"),
        counts.join(", ")
    )
}

fn health(report: &Report) -> String {
    let f = &report.facts;
    let roles = match share_percent(f.roles_in_place, f.roles) {
        Some(percent) => format!(
            "Roles: {percent}% {} ({} of {}).",
            ROLE_COVERAGE.label, f.roles_in_place, f.roles
        ),
        None => "Roles: none mapped yet.".to_string(),
    };
    format!(
        "{roles} Partners: {} active, {} {}.",
        f.active_partners, f.overdue_check_ins, OVERDUE_CHECKINS.label
    )
}

fn roi_sentence(report: &Report) -> String {
    match &report.kpis.roi {
        None => "No investments or value-log entries yet, so there is no ROI.".to_string(),
        Some(roi) => format!(
            "ROI over {}: {} ({} invested, {} returned).",
            roi.period, roi.roi, roi.invested, roi.returns
        ),
    }
}

/// The summary as the report's first section.
pub fn html(report: &Report) -> String {
    let s = Summary::of(report);
    let mut out = open_section("summary", "Executive summary");
    let _ = writeln!(out, "<p>{}</p>", html_text(&s.readiness));
    let _ = writeln!(
        out,
        "<h3>Model</h3>\n<p><strong>{}</strong>{}</p>",
        html_text(&s.model.0),
        if s.model.1.is_empty() {
            String::new()
        } else {
            format!(" — {}", html_text(&s.model.1))
        }
    );
    for (heading, items, more) in [
        ("The biggest risks", &s.risks, &s.risks_note),
        ("The biggest gaps", &s.gaps, &s.gaps_note),
    ] {
        let _ = writeln!(out, "<h3>{heading}</h3>");
        if !items.is_empty() {
            out.push_str("<ol>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", html_text(item));
            }
            out.push_str("</ol>\n");
        }
        if let Some(more) = more {
            out.push_str(&note(more));
        }
    }
    let _ = writeln!(
        out,
        "<h3>Figures on the day</h3>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>",
        html_text(&s.health),
        html_text(&s.kpis),
        html_text(&s.roi)
    );
    out.push_str("</section>\n");
    out
}

/// The summary as Markdown.
pub fn markdown(out: &mut String, report: &Report) {
    let s = Summary::of(report);
    let _ = writeln!(
        out,
        "## Executive summary\n\n{}\n",
        markdown_line(&s.readiness)
    );
    let _ = writeln!(out, "### Model\n\n**{}**", markdown_line(&s.model.0));
    if !s.model.1.is_empty() {
        let _ = writeln!(out, "{}", markdown_line(&s.model.1));
    }
    out.push('\n');
    for (heading, items, more) in [
        ("The biggest risks", &s.risks, &s.risks_note),
        ("The biggest gaps", &s.gaps, &s.gaps_note),
    ] {
        let _ = writeln!(out, "### {heading}\n");
        for (i, item) in items.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, markdown_line(item));
        }
        if !items.is_empty() {
            out.push('\n');
        }
        if let Some(more) = more {
            let _ = writeln!(out, "_{}_\n", markdown_line(more));
        }
    }
    let _ = writeln!(
        out,
        "### Figures on the day\n\n{}\n\n{}\n\n{}\n",
        markdown_line(&s.health),
        markdown_line(&s.kpis),
        markdown_line(&s.roi)
    );
}
