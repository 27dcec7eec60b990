//! The report as one self-contained HTML page: the frame, the cover, readiness and the strategy
//! (the registers' sections are in `html_sections.rs`). Nothing is fetched: no scripts, no links,
//! no fonts or images from elsewhere.

use std::fmt::Write;

use super::audience::Audience;
use super::escape::{html_text, html_wrapping, shown_chars};
use super::html_sections::{coverage, kpis, risks, roster};
use super::model::{ChangesSince, Cover, Readiness, Report, StrategyPart};
use super::print::page_rules;
use super::style::CSS;

/// The linked table of contents: one entry per section in `body`, read from the sections
/// themselves so it never names one that is not there.
fn contents(body: &str) -> String {
    let mut out =
        String::from("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
    let mut rest = body;
    while let Some(start) = rest.find("<section id=\"") {
        rest = &rest[start + "<section id=\"".len()..];
        let Some(id_end) = rest.find('"') else { break };
        let id = &rest[..id_end];
        let heading = rest
            .find("<h2>")
            .and_then(|h| rest[h + 4..].find("</h2>").map(|e| &rest[h + 4..h + 4 + e]))
            .unwrap_or(id);
        // Both were escaped when the section was written.
        let _ = writeln!(out, "<li><a href=\"#{id}\">{heading}</a></li>");
    }
    out.push_str("</ol>\n</nav>\n");
    out
}

/// The whole page.
pub fn write(report: &Report) -> String {
    let mut body = String::with_capacity(64 * 1024);
    body.push_str(&super::summary::html(report));
    if let Some(since) = &report.since {
        body.push_str(&changes_since(since));
    }
    body.push_str(&strategy(&report.strategy));
    body.push_str(&roster(&report.roster));
    body.push_str(&coverage(&report.coverage));
    body.push_str(&super::ecosystem_sections::html(&report.ecosystem));
    body.push_str(&risks(&report.risks));
    body.push_str(&kpis(&report.kpis));
    body.push_str(&super::scenarios::html(&report.scenarios));
    body.push_str(&super::joint_plans::html(&report.joint));
    body.push_str(&super::trends::html(&report.trends, &report.audience));
    // The method's step-by-step list is the planner's working notes: an appendix.
    body.push_str(&readiness(&report.readiness));
    frame(&report.cover, &report.audience, &body)
}

/// The page around `body`: head and print rules, the cover, the contents, the footer.
pub fn frame(cover_part: &Cover, audience: &Audience, body: &str) -> String {
    let title = if cover_part.title.trim().is_empty() {
        "Partner ecosystem plan".to_string()
    } else {
        cover_part.title.clone()
    };
    // The date first, so a long title wraps between words, never inside the date.
    let readers = format!("for {} readers", audience.word());
    let running = [
        cover_part.date.as_str(),
        title.as_str(),
        cover_part.organisation.trim(),
        readers.as_str(),
    ]
    .iter()
    .filter(|part| !part.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" · ");
    let mut page = String::with_capacity(body.len() + 16 * 1024);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"partnerplan {}\">\n<title>{}</title>\n\
         <style>{CSS}{}</style>\n</head>\n<body>\n<main>\n",
        crate::APP_VERSION,
        html_text(&title),
        page_rules(&cover_part.print, &running)
    );
    page.push_str(&cover(cover_part, &title, &audience.describe()));
    page.push_str(&contents(body));
    page.push_str(body);
    let confidential = cover_part.print.confidential.trim();
    let _ = write!(
        page,
        "<footer>{}{} · written by partnerplan {}</footer>\n</main>\n</body>\n</html>\n",
        html_text(&running),
        if confidential.is_empty() {
            String::new()
        } else {
            format!(" · {}", html_text(confidential))
        },
        crate::APP_VERSION
    );
    page
}

/// What changed since a snapshot, area by area.
fn changes_since(since: &ChangesSince) -> String {
    let mut out = open_section("since", &since.heading);
    let _ = writeln!(out, "<p>{}</p>", html_text(&since.summary));
    for (area, lines) in &since.areas {
        let _ = writeln!(out, "<h3>{}</h3>\n<ul>", html_text(area));
        for line in lines {
            let _ = writeln!(out, "<li>{}</li>", html_text(line));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// A table: `head` names the columns, `classes` gives each column's cell class (may be
/// shorter), `rows` hold cells that are already HTML.
pub fn table(head: &[&str], classes: &[&str], rows: &[Vec<String>]) -> String {
    // A column whose every cell is one short token (a number, a date, a code) never wraps.
    let nowrap: Vec<bool> = (0..head.len())
        .map(|i| {
            classes.get(i).is_none_or(|c| c.is_empty())
                && !rows.is_empty()
                && rows
                    .iter()
                    .all(|row| row.get(i).is_some_and(|c| is_short_token(c)))
        })
        .collect();
    let class = |i: usize| match classes.get(i) {
        Some(c) if !c.is_empty() => format!(" class=\"{c}\""),
        _ if nowrap.get(i).copied().unwrap_or(false) => " class=\"nowrap\"".to_string(),
        _ => String::new(),
    };
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, h) in head.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i), html_text(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{cell}</td>", class(i));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Whether a cell's HTML shows one short token with a digit in it (at most 14 characters, no
/// space): the cells of number, date and code columns.
fn is_short_token(html: &str) -> bool {
    let mut shown = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => shown.push(c),
            _ => {}
        }
    }
    let shown = shown.trim();
    !shown.contains(char::is_whitespace)
        && shown.contains(|c: char| c.is_ascii_digit())
        && shown_chars(shown) <= 14
}

/// Escaped text (long tokens allowed to break), or a muted dash when blank.
pub fn cell(text: &str) -> String {
    if text.trim().is_empty() {
        "<span class=\"muted\">–</span>".to_string()
    } else {
        html_wrapping(text)
    }
}

/// A section's opening, with its anchor and heading.
pub fn open_section(id: &str, heading: &str) -> String {
    format!("<section id=\"{id}\">\n<h2>{}</h2>\n", html_text(heading))
}

/// A muted paragraph.
pub fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>\n", html_text(text))
}

fn cover(cover: &Cover, title: &str, audience: &str) -> String {
    let mut out = String::from("<header class=\"cover\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", html_text(title));
    if !cover.organisation.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"client\">Prepared for {}</p>",
            html_text(&cover.organisation)
        );
    }
    out.push_str("<dl>\n");
    let _ = writeln!(out, "<dt>Date</dt><dd>{}</dd>", html_text(&cover.date));
    if !cover.author.trim().is_empty() {
        let _ = writeln!(out, "<dt>Author</dt><dd>{}</dd>", html_text(&cover.author));
    }
    let _ = writeln!(out, "<dt>Audience</dt><dd>{}</dd>", html_text(audience));
    if !cover.print.confidential.trim().is_empty() {
        let _ = writeln!(
            out,
            "<dt>Confidentiality</dt><dd>{}</dd>",
            html_text(cover.print.confidential.trim())
        );
    }
    out.push_str("</dl>\n</header>\n");
    out
}

fn readiness(readiness: &Readiness) -> String {
    let mut out = open_section("readiness", "Readiness by method step").replacen(
        "\">",
        "\" class=\"appendix\">",
        1,
    );
    let _ = writeln!(
        out,
        "<p>The plan is <strong>{}%</strong> ready. Marks: ✓ done · ◐ in progress · ○ not \
         started · – not applicable.</p>",
        readiness.percent
    );
    let rows: Vec<Vec<String>> = readiness
        .steps
        .iter()
        .map(|s| {
            let title = if s.optional {
                format!(
                    "{} <span class=\"muted\">(optional)</span>",
                    html_text(&s.title)
                )
            } else {
                html_text(&s.title)
            };
            let missing = if s.missing.is_empty() {
                String::new()
            } else {
                let items: String = s
                    .missing
                    .iter()
                    .map(|m| format!("<li>{}</li>", html_text(m)))
                    .collect();
                format!("<ul class=\"missing\">{items}</ul>")
            };
            let notes: String = s
                .notes
                .iter()
                .map(|n| format!("<p class=\"note\">{}</p>", html_text(n)))
                .collect();
            vec![
                s.number.to_string(),
                format!("<span class=\"state\">{}</span>", s.symbol),
                format!("{title}{missing}{notes}"),
                html_text(s.state),
            ]
        })
        .collect();
    out.push_str(&table(
        &["#", "Mark", "Step and what is missing", "State"],
        &["num", "mark"],
        &rows,
    ));
    out.push_str("</section>\n");
    out
}

fn paragraph(out: &mut String, label: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p class=\"text\">{}</p>",
            html_text(label),
            html_text(text)
        );
    }
}

fn strategy(part: &StrategyPart) -> String {
    let s = &part.statement;
    let mut out = open_section("strategy", "Strategy");
    let before = out.len();
    paragraph(
        &mut out,
        "The problem the ecosystem solves",
        &s.mission_problem,
    );
    paragraph(&mut out, "The value it delivers", &s.mission_value);
    paragraph(&mut out, "Vision", &s.vision);
    if let Some(elements) = part.core_elements() {
        out.push_str("<h3>Core elements</h3>\n");
        let rows: Vec<Vec<String>> = elements
            .iter()
            .map(|[name, rated, note]| vec![html_text(name), html_text(rated), cell(note)])
            .collect();
        out.push_str(&table(&["Element", "Rating", "Note"], &[], &rows));
    }
    paragraph(&mut out, "Value proposition: what", &s.value_what);
    paragraph(&mut out, "Value proposition: why it matters", &s.value_why);
    if !part.model.is_empty() || !s.model_rationale.trim().is_empty() {
        let model = if part.model.is_empty() {
            "not chosen yet"
        } else {
            &part.model
        };
        let _ = writeln!(
            out,
            "<h3>Model</h3>\n<p><strong>{}</strong></p>",
            html_text(model)
        );
        if !s.model_rationale.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"text\">{}</p>",
                html_text(&s.model_rationale)
            );
        }
    }
    for list in part.lists() {
        if !list.rows.is_empty() {
            let rows: Vec<Vec<String>> = list
                .rows
                .iter()
                .map(|r| r.iter().map(|t| cell(t)).collect())
                .collect();
            let _ = writeln!(out, "<h3>{}</h3>", html_text(list.heading));
            out.push_str(&table(list.head, &[], &rows));
        }
    }
    if out.len() == before {
        out.push_str(&note(
            "No strategy is written yet: the Strategy tab holds the mission, vision, core \
             elements, model, goals, resources, governance and data-sharing protocols.",
        ));
    }
    out.push_str("</section>\n");
    out
}
