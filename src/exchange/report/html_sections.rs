//! The report's register sections in HTML: partners with the fit chart, role coverage, risks with
//! the heat maps, KPIs with progress charts and ROI.

use std::fmt::Write;

use super::escape::{html_text, html_wrapping};
use super::html::{cell, note, open_section, table};
use super::kpis::{ReportKpis, figure, with_unit};
use super::model::{Coverage, Risks, Roster, left_out_sentence};
use super::svg;
use crate::plan::numbers::count_of;
use crate::plan::risk::Band;

fn counts_table(first: &str, counts: &[(String, i64)]) -> String {
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|(word, n)| {
            let word = if word.trim().is_empty() {
                "(none)"
            } else {
                word
            };
            vec![html_text(word), n.to_string()]
        })
        .collect();
    table(&[first, "Partners"], &["", "num"], &rows)
}

pub fn roster(roster: &Roster) -> String {
    let mut out = open_section("partners", "Partners");
    if roster.total == 0 {
        out.push_str(&note(
            "No partners yet: the Partners tab is where they are added and scored.",
        ));
        out.push_str("</section>\n");
        return out;
    }
    let _ = writeln!(
        out,
        "<p>{} in the roster.</p>\n<div class=\"charts\">\n<div>\n<h3>By stage</h3>\n{}</div>\n\
         <div>\n<h3>By type</h3>\n{}</div>\n</div>",
        count_of(roster.total.unsigned_abs() as usize, "partner", "partners"),
        counts_table("Stage", &roster.by_stage),
        counts_table("Type", &roster.by_type)
    );
    if roster.chart > 0 {
        let bars: Vec<(&str, f64, bool)> = roster
            .shown
            .iter()
            .take(roster.chart)
            .filter_map(|p| p.fit.map(|f| (p.name.as_str(), f, p.gated_out)))
            .collect();
        let _ = writeln!(
            out,
            "<figure>\n<figcaption>Fit (0–100), best {}</figcaption>\n{}\n</figure>",
            bars.len(),
            svg::fit_bars(&bars)
        );
    }
    out.push_str("<h3>Roster by fit</h3>\n");
    let rows: Vec<Vec<String>> = roster
        .shown
        .iter()
        .map(|p| {
            let fit = p.fit_text();
            vec![
                cell(&p.name),
                cell(&p.partner_type),
                cell(&p.stage),
                cell(&p.owner),
                html_text(&fit),
            ]
        })
        .collect();
    out.push_str(&table(
        &["Partner", "Type", "Stage", "Owner", "Fit"],
        &["", "", "", "", "num"],
        &rows,
    ));
    if let Some(sentence) = left_out_sentence(roster.left_out(), "more partner", "more partners") {
        out.push_str(&note(&format!(
            "Only the best {} by fit are listed. {sentence}",
            roster.shown.len()
        )));
    }
    out.push_str("</section>\n");
    out
}

pub fn coverage(coverage: &Coverage) -> String {
    let mut out = open_section("roles", "Roles and coverage");
    if coverage.roles.is_empty() {
        out.push_str(&note(
            "No roles below the hub yet: the Roles tab maps the ecosystem's roles and who fills them.",
        ));
        out.push_str("</section>\n");
        return out;
    }
    let _ = writeln!(out, "<p>{}</p>", html_text(&coverage.summary));
    out.push_str(
        "<h3>Who holds which role</h3>\n<p class=\"muted\">L lead · B backup · C candidate</p>\n",
    );
    if coverage.rows.is_empty() {
        out.push_str(&note("No partner holds a role yet."));
    } else {
        out.push_str("<table class=\"matrix\">\n<thead><tr><th>Partner</th>");
        for role in &coverage.roles {
            let _ = write!(
                out,
                "<th class=\"role\" title=\"{}\"><span>{}</span></th>",
                html_text(&format!(
                    "{} criticality, {}",
                    role.criticality, role.status
                )),
                html_text(&svg::shortened(&role.name, 28))
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &coverage.rows {
            let _ = write!(out, "<tr><td>{}</td>", cell(&row.partner));
            for letter in &row.cells {
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    letter.map_or(String::new(), |l| l.to_string())
                );
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let mut left = Vec::new();
    if coverage.roles_left_out > 0 {
        left.push(count_of(coverage.roles_left_out, "role", "roles"));
    }
    if coverage.partners_left_out > 0 {
        left.push(count_of(coverage.partners_left_out, "partner", "partners"));
    }
    if !left.is_empty() {
        out.push_str(&note(&format!(
            "The matrix leaves out {} so that it fits a page; the partners with the most roles \
             are shown first.",
            left.join(" and ")
        )));
    }
    out.push_str("<h3>Gaps and weak spots</h3>\n");
    let _ = writeln!(out, "<p>{}</p>", html_text(&coverage.weak_spots));
    if !coverage.gaps.is_empty() {
        let rows: Vec<Vec<String>> = coverage
            .gaps
            .iter()
            .map(|(role, problem)| vec![cell(role), html_text(problem)])
            .collect();
        out.push_str(&table(&["Role", "What is wrong"], &[], &rows));
        if let Some(s) = left_out_sentence(coverage.gaps_left_out as i64, "more role", "more roles")
        {
            out.push_str(&note(&s));
        }
    }
    if !coverage.overloaded.is_empty() {
        let rows: Vec<Vec<String>> = coverage
            .overloaded
            .iter()
            .map(|(name, leads)| vec![cell(name), leads.to_string()])
            .collect();
        out.push_str("<h3>Overloaded partners</h3>\n");
        out.push_str(&table(&["Partner", "Roles led"], &["", "num"], &rows));
    }
    out.push_str("</section>\n");
    out
}

fn band_text(scored: Option<(i64, Band)>) -> String {
    scored.map_or("–".to_string(), |(score, band)| {
        format!("{score} {} ({})", band.letter(), band.word())
    })
}

pub fn risks(risks: &Risks) -> String {
    let mut out = open_section("risks", "Risks");
    if risks.total == 0 {
        out.push_str(&note(
            "No risks recorded yet: the Risks tab holds the register.",
        ));
        out.push_str("</section>\n");
        return out;
    }
    let b = &risks.bands;
    let _ = writeln!(
        out,
        "<p>{} in the register. Bands by score (likelihood × impact): L low below {}, M medium \
         from {}, H high from {}, C critical from {}.</p>",
        count_of(risks.total.unsigned_abs() as usize, "risk", "risks"),
        b.medium,
        b.medium,
        b.high,
        b.critical
    );
    out.push_str("<p class=\"legend\">");
    for band in Band::ALL {
        let _ = write!(
            out,
            "<span><span class=\"swatch {}\"></span>{} {}</span>",
            band.word(),
            band.letter(),
            band.word()
        );
    }
    out.push_str("</p>\n<div class=\"charts\">\n");
    for (caption, map) in [
        ("Inherent risk (before mitigation)", &risks.inherent),
        ("Residual risk (after mitigation)", &risks.residual),
    ] {
        let _ = writeln!(
            out,
            "<figure>\n<figcaption>{} · {}</figcaption>\n{}\n</figure>",
            html_text(caption),
            count_of(map.total(), "risk", "risks"),
            svg::heat_map(map, b, caption)
        );
    }
    out.push_str("</div>\n");
    for residual in [false, true] {
        if let Some(sentence) = risks.unassessed(residual) {
            out.push_str(&note(&sentence));
        }
    }
    out.push_str("<h3>Top risks and their mitigations</h3>\n");
    let rows: Vec<Vec<String>> = risks
        .top
        .iter()
        .map(|r| {
            let mitigations = if r.mitigations.is_empty() {
                "<span class=\"muted\">none recorded</span>".to_string()
            } else {
                let items: String = r
                    .mitigations
                    .iter()
                    .map(|(kind, note)| {
                        if note.trim().is_empty() {
                            format!("<li>{}</li>", html_text(kind))
                        } else {
                            format!("<li>{}: {}</li>", html_text(kind), html_text(note))
                        }
                    })
                    .collect();
                format!("<ul class=\"missing\">{items}</ul>")
            };
            // The category and what the risk is linked to go under its title, so the table
            // keeps to the page's width.
            let mut title = cell(&r.title);
            let under: Vec<&str> = [r.category.as_str(), r.link.as_str()]
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect();
            if !under.is_empty() {
                let _ = write!(
                    title,
                    "<br><span class=\"muted\">{}</span>",
                    html_wrapping(&under.join(" · "))
                );
            }
            vec![
                html_text(&r.code),
                title,
                html_text(&band_text(r.inherent)),
                html_text(&band_text(r.residual)),
                cell(&r.owner),
                cell(&r.status),
                mitigations,
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "Code",
            "Risk (category · partner / role)",
            "Inherent",
            "Residual",
            "Owner",
            "Status",
            "Mitigations",
        ],
        &[],
        &rows,
    ));
    if let Some(s) = left_out_sentence(risks.left_out(), "lower risk", "lower risks") {
        out.push_str(&note(&s));
    }
    out.push_str("</section>\n");
    out
}

pub fn kpis(kpis: &ReportKpis) -> String {
    let mut out = open_section("kpis", "KPIs and return on investment");
    if kpis.lines.is_empty() {
        out.push_str(&note(
            "No KPIs yet: the Metrics tab sets short- and long-term KPIs with targets.",
        ));
    } else {
        out.push_str(
            "<p class=\"muted\">Bars: how far from baseline to target the latest value got; the \
             upright line marks where the target path expects it today. Status: ✓ achieved · ↗ \
             on track · ! at risk · ✗ off track · · no data.</p>\n",
        );
        let rows: Vec<Vec<String>> = kpis
            .lines
            .iter()
            .map(|k| {
                // A figure with its unit, and its date, each kept on one line.
                let value = |v: Option<f64>| v.map_or(String::new(), |v| with_unit(v, &k.unit));
                let together = |text: &str| {
                    if text.is_empty() {
                        cell(text)
                    } else {
                        format!("<span class=\"nowrap\">{}</span>", html_text(text))
                    }
                };
                let latest = k.latest.as_ref().map_or(cell(""), |(on, v)| {
                    format!(
                        "{} {}",
                        together(&with_unit(*v, &k.unit)),
                        together(&format!("on {on}"))
                    )
                });
                let chart = k.progress.map_or(String::new(), |p| {
                    format!(
                        "{} {}%",
                        svg::progress(p, k.expected),
                        figure((p * 100.0).round())
                    )
                });
                let target = match (&k.target_date, value(k.target)) {
                    (Some(date), t) if !t.is_empty() => {
                        format!("{} {}", together(&t), together(&format!("by {date}")))
                    }
                    (_, t) => together(&t),
                };
                vec![
                    format!(
                        "{}<br><span class=\"muted\">{}</span>",
                        cell(&k.name),
                        html_text(&format!("{} · {} · {}", k.category, k.horizon, k.direction))
                    ),
                    together(&value(k.baseline)),
                    target,
                    latest,
                    html_text(&k.status_text()),
                    chart,
                ]
            })
            .collect();
        out.push_str(&table(
            &["KPI", "Baseline", "Target", "Latest", "Status", "Progress"],
            &["name", "figure", "figure", "figure", "nowrap", "progress"],
            &rows,
        ));
        if let Some(s) = left_out_sentence(kpis.left_out(), "more KPI", "more KPIs") {
            out.push_str(&note(&s));
        }
    }
    let _ = writeln!(
        out,
        "<h3>Return on investment{}</h3>",
        kpis.roi
            .as_ref()
            .map_or(String::new(), |roi| format!(": {}", html_text(&roi.period)))
    );
    match &kpis.roi {
        None => out.push_str(&note(
            "No investments or value-log entries yet, so there is no ROI to show.",
        )),
        Some(roi) => {
            let rows = vec![vec![
                html_text(&roi.invested),
                html_text(&roi.returns),
                html_text(&roi.roi),
                roi.intangible.to_string(),
            ]];
            out.push_str(&table(
                &[
                    "Invested",
                    "Money returned",
                    "ROI",
                    "Intangible benefits logged",
                ],
                &["num", "num", "num", "num"],
                &rows,
            ));
            out.push_str(&note(
                "ROI = (money returned − invested) ÷ invested. Intangible benefits (innovation, \
                 market reach, loyalty…) are counted beside it, never added to it.",
            ));
            if roi.unreadable > 0 {
                out.push_str(&note(&format!(
                    "{} could not be read (a date or kind this version does not know) and {} \
                     left out.",
                    count_of(roi.unreadable, "record", "records"),
                    if roi.unreadable == 1 { "is" } else { "are" }
                )));
            }
        }
    }
    out.push_str("</section>\n");
    out
}
