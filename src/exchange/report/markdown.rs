//! The report as Markdown: the same sections as the HTML page, as headings, paragraphs and
//! tables (no HTML), for pasting into documents. Charts become tables and text bars.

use std::fmt::Write;

use super::escape::{markdown_cell as c, markdown_line};
use super::kpis::{figure, with_unit};
use super::model::{Report, left_out_sentence};
use crate::plan::numbers::count_of;
use crate::plan::risk::{Band, Bands, HeatMap, Impact, Likelihood, score};

pub(super) fn table(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn paragraph(out: &mut String, text: &str) {
    let text = markdown_line(text);
    if !text.is_empty() {
        let _ = writeln!(out, "{text}\n");
    }
}

fn labelled(out: &mut String, label: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = writeln!(out, "### {label}\n");
        paragraph(out, text);
    }
}

/// A bar of ten blocks for a share 0–1.
fn text_bar(share: f64) -> String {
    let filled = (share.clamp(0.0, 1.0) * 10.0).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

fn heat_map(out: &mut String, caption: &str, map: &HeatMap, bands: &Bands) {
    let _ = writeln!(
        out,
        "**{caption}** ({})\n",
        count_of(map.total(), "risk", "risks")
    );
    let mut head = vec!["Likelihood \\ impact".to_string()];
    head.extend(
        Impact::ALL
            .iter()
            .map(|i| format!("{} {}", i.value(), i.word())),
    );
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = Likelihood::ALL
        .iter()
        .rev()
        .map(|l| {
            let mut row = vec![format!("{} {}", l.value(), l.word())];
            row.extend(Impact::ALL.iter().map(|i| {
                let band = bands.band(score(*l, *i));
                match map.count(*l, *i) {
                    0 => band.letter().to_string(),
                    n => format!("{} **{n}**", band.letter()),
                }
            }));
            row
        })
        .collect();
    table(out, &head, &rows);
}

/// The title, who it is prepared for, author, date, audience and the confidentiality line.
pub fn cover(out: &mut String, cover: &super::model::Cover, audience: &super::audience::Audience) {
    let title = if cover.title.trim().is_empty() {
        "Partner ecosystem plan"
    } else {
        cover.title.as_str()
    };
    let _ = writeln!(out, "# {}\n", markdown_line(title));
    if !cover.organisation.trim().is_empty() {
        let _ = writeln!(out, "Prepared for {}  ", markdown_line(&cover.organisation));
    }
    if !cover.author.trim().is_empty() {
        let _ = writeln!(out, "Author: {}  ", markdown_line(&cover.author));
    }
    let _ = writeln!(out, "Date: {}  ", markdown_line(&cover.date));
    let _ = writeln!(out, "Audience: {}\n", markdown_line(&audience.describe()));
    if !cover.print.confidential.trim().is_empty() {
        let _ = writeln!(
            out,
            "*{}*\n",
            markdown_line(cover.print.confidential.trim())
        );
    }
}

pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    cover(&mut out, &report.cover, &report.audience);
    super::summary::markdown(&mut out, report);

    if let Some(since) = &report.since {
        let _ = writeln!(out, "## {}\n", markdown_line(&since.heading));
        let _ = writeln!(out, "{}\n", markdown_line(&since.summary));
        for (area, lines) in &since.areas {
            let _ = writeln!(out, "### {}\n", markdown_line(area));
            for line in lines {
                let _ = writeln!(out, "- {}", markdown_line(line));
            }
            out.push('\n');
        }
    }

    strategy(&mut out, report);
    registers(&mut out, report);
    super::scenarios::markdown(&mut out, &report.scenarios);
    super::joint_plans::markdown(&mut out, &report.joint);
    super::trends::markdown(&mut out, &report.trends, &report.audience);

    // The method's step-by-step list is the planner's working notes: an appendix.
    let r = &report.readiness;
    let _ = writeln!(out, "# Appendix\n\n## Readiness by method step\n");
    let _ = writeln!(
        out,
        "The plan is **{}%** ready. Marks: ✓ done · ◐ in progress · ○ not started · – not \
         applicable.\n",
        r.percent
    );
    let rows: Vec<Vec<String>> = r
        .steps
        .iter()
        .map(|s| {
            let title = if s.optional {
                format!("{} (optional)", c(&s.title))
            } else {
                c(&s.title)
            };
            let mut missing: Vec<String> = s.missing.iter().map(|m| c(m)).collect();
            missing.extend(s.notes.iter().map(|n| format!("Note: {}", c(n))));
            vec![
                s.number.to_string(),
                s.symbol.to_string(),
                title,
                s.state.to_string(),
                if missing.is_empty() {
                    "–".into()
                } else {
                    missing.join("; ")
                },
            ]
        })
        .collect();
    table(
        &mut out,
        &["#", "Mark", "Step", "State", "What is missing"],
        &rows,
    );
    out
}

fn strategy(out: &mut String, report: &Report) {
    let part = &report.strategy;
    let s = &part.statement;
    let _ = writeln!(out, "## Strategy\n");
    let before = out.len();
    labelled(out, "The problem the ecosystem solves", &s.mission_problem);
    labelled(out, "The value it delivers", &s.mission_value);
    labelled(out, "Vision", &s.vision);
    if let Some(elements) = part.core_elements() {
        let _ = writeln!(out, "### Core elements\n");
        let rows: Vec<Vec<String>> = elements
            .iter()
            .map(|[name, rated, note]| vec![name.clone(), rated.clone(), c(note)])
            .collect();
        table(out, &["Element", "Rating", "Note"], &rows);
    }
    labelled(out, "Value proposition: what", &s.value_what);
    labelled(out, "Value proposition: why it matters", &s.value_why);
    if !part.model.is_empty() || !s.model_rationale.trim().is_empty() {
        let model = if part.model.is_empty() {
            "not chosen yet"
        } else {
            &part.model
        };
        let _ = writeln!(out, "### Model\n\n**{}**\n", markdown_line(model));
        paragraph(out, &s.model_rationale);
    }
    for list in part.lists() {
        if !list.rows.is_empty() {
            let rows: Vec<Vec<String>> = list
                .rows
                .iter()
                .map(|r| r.iter().map(|t| c(t)).collect())
                .collect();
            let _ = writeln!(out, "### {}\n", list.heading);
            table(out, list.head, &rows);
        }
    }
    if out.len() == before {
        let _ = writeln!(out, "*No strategy is written yet.*\n");
    }
}

fn note(out: &mut String, sentence: Option<String>) {
    if let Some(s) = sentence {
        let _ = writeln!(out, "*{s}*\n");
    }
}

fn registers(out: &mut String, report: &Report) {
    let roster = &report.roster;
    let _ = writeln!(out, "## Partners\n");
    if roster.total == 0 {
        let _ = writeln!(out, "*No partners yet.*\n");
    } else {
        let _ = writeln!(
            out,
            "{} in the roster.\n",
            count_of(roster.total.unsigned_abs() as usize, "partner", "partners")
        );
        for (label, counts) in [("Stage", &roster.by_stage), ("Type", &roster.by_type)] {
            let rows: Vec<Vec<String>> = counts
                .iter()
                .map(|(w, n)| {
                    vec![
                        if w.trim().is_empty() {
                            "(none)".into()
                        } else {
                            c(w)
                        },
                        n.to_string(),
                    ]
                })
                .collect();
            table(out, &[label, "Partners"], &rows);
        }
        let _ = writeln!(out, "### Roster by fit\n");
        let rows: Vec<Vec<String>> = roster
            .shown
            .iter()
            .map(|p| {
                let fit = match p.fit.filter(|_| !p.gated_out) {
                    Some(f) => format!("{} {}", p.fit_text(), text_bar(f / 100.0)),
                    None => p.fit_text(),
                };
                vec![
                    c(&p.name),
                    c(&p.partner_type),
                    c(&p.stage),
                    c(&p.owner),
                    fit,
                ]
            })
            .collect();
        table(out, &["Partner", "Type", "Stage", "Owner", "Fit"], &rows);
        note(
            out,
            left_out_sentence(roster.left_out(), "more partner", "more partners"),
        );
    }

    let cov = &report.coverage;
    let _ = writeln!(out, "## Roles and coverage\n");
    if cov.roles.is_empty() {
        let _ = writeln!(out, "*No roles below the hub yet.*\n");
    } else {
        let _ = writeln!(
            out,
            "{}\n\nL lead · B backup · C candidate\n",
            c(&cov.summary)
        );
        let mut head = vec!["Partner".to_string()];
        head.extend(cov.roles.iter().map(|r| c(&r.name)));
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = cov
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![c(&row.partner)];
                cells.extend(
                    row.cells
                        .iter()
                        .map(|l| l.map_or(" ".into(), |l| l.to_string())),
                );
                cells
            })
            .collect();
        table(out, &head, &rows);
        if cov.roles_left_out + cov.partners_left_out > 0 {
            let _ = writeln!(
                out,
                "*The matrix leaves out {} and {}.*\n",
                count_of(cov.roles_left_out, "role", "roles"),
                count_of(cov.partners_left_out, "partner", "partners")
            );
        }
        let _ = writeln!(out, "### Gaps and weak spots\n");
        paragraph(out, &cov.weak_spots);
        if !cov.gaps.is_empty() {
            let rows: Vec<Vec<String>> = cov.gaps.iter().map(|(r, p)| vec![c(r), c(p)]).collect();
            table(out, &["Role", "What is wrong"], &rows);
            note(
                out,
                left_out_sentence(cov.gaps_left_out as i64, "more role", "more roles"),
            );
        }
    }

    super::ecosystem_sections::markdown(out, &report.ecosystem);

    let risks = &report.risks;
    let _ = writeln!(out, "## Risks\n");
    if risks.total == 0 {
        let _ = writeln!(out, "*No risks recorded yet.*\n");
    } else {
        let b = &risks.bands;
        let _ = writeln!(
            out,
            "{} in the register. Bands by score: L low below {}, M medium from {}, H high from \
             {}, C critical from {}.\n",
            count_of(risks.total.unsigned_abs() as usize, "risk", "risks"),
            b.medium,
            b.medium,
            b.high,
            b.critical
        );
        heat_map(out, "Inherent risk (before mitigation)", &risks.inherent, b);
        heat_map(out, "Residual risk (after mitigation)", &risks.residual, b);
        for residual in [false, true] {
            note(out, risks.unassessed(residual));
        }
        let _ = writeln!(out, "### Top risks and their mitigations\n");
        let band =
            |s: Option<(i64, Band)>| s.map_or("–".into(), |(n, b)| format!("{n} {}", b.letter()));
        let rows: Vec<Vec<String>> = risks
            .top
            .iter()
            .map(|r| {
                let mitigations: Vec<String> = r
                    .mitigations
                    .iter()
                    .map(|(k, n)| {
                        if n.trim().is_empty() {
                            c(k)
                        } else {
                            format!("{}: {}", c(k), c(n))
                        }
                    })
                    .collect();
                vec![
                    c(&r.code),
                    c(&r.title),
                    c(&r.link),
                    band(r.inherent),
                    band(r.residual),
                    c(&r.owner),
                    c(&r.status),
                    if mitigations.is_empty() {
                        "none recorded".into()
                    } else {
                        mitigations.join("; ")
                    },
                ]
            })
            .collect();
        table(
            out,
            &[
                "Code",
                "Risk",
                "Linked to",
                "Inherent",
                "Residual",
                "Owner",
                "Status",
                "Mitigations",
            ],
            &rows,
        );
        note(
            out,
            left_out_sentence(risks.left_out(), "lower risk", "lower risks"),
        );
    }

    let kpis = &report.kpis;
    let _ = writeln!(out, "## KPIs and return on investment\n");
    if kpis.lines.is_empty() {
        let _ = writeln!(out, "*No KPIs yet.*\n");
    } else {
        let rows: Vec<Vec<String>> = kpis
            .lines
            .iter()
            .map(|k| {
                let v = |x: Option<f64>| x.map_or("–".into(), |x| c(&with_unit(x, &k.unit)));
                let latest = k.latest.as_ref().map_or("–".into(), |(on, x)| {
                    format!("{} on {}", c(&with_unit(*x, &k.unit)), c(on))
                });
                let progress = k.progress.map_or("–".into(), |p| {
                    format!("{} {}%", text_bar(p), figure((p * 100.0).round()))
                });
                vec![
                    c(&k.name),
                    c(&k.horizon),
                    v(k.baseline),
                    v(k.target),
                    k.target_date.as_deref().map_or("–".into(), c),
                    latest,
                    c(&k.status_text()),
                    progress,
                ]
            })
            .collect();
        table(
            out,
            &[
                "KPI", "Horizon", "Baseline", "Target", "By", "Latest", "Status", "Progress",
            ],
            &rows,
        );
        note(
            out,
            left_out_sentence(kpis.left_out(), "more KPI", "more KPIs"),
        );
    }
    let _ = writeln!(out, "### Return on investment\n");
    match &kpis.roi {
        None => {
            let _ = writeln!(out, "*No investments or value-log entries yet.*\n");
        }
        Some(roi) => {
            let _ = writeln!(out, "Over {}.\n", markdown_line(&roi.period));
            table(
                out,
                &[
                    "Invested",
                    "Money returned",
                    "ROI",
                    "Intangible benefits logged",
                ],
                &[vec![
                    c(&roi.invested),
                    c(&roi.returns),
                    c(&roi.roi),
                    roi.intangible.to_string(),
                ]],
            )
        }
    }
}
