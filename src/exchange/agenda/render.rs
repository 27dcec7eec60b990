//! An agenda as Markdown or HTML: its parts are laid out once (headings, items with a lead in
//! bold, plain lines) and written by either format, every text from the workbook escaped.

use std::fmt::Write as _;

use super::{Agenda, AgendaFormat, SinceLast};
use crate::exchange::report::escape::{html_text, markdown_line};
use crate::plan::changes::number_words;
use crate::plan::forum::schedule_words;
use crate::plan::strategy::Recipient;

/// One line of a part: a lead shown in bold (may be empty) and the rest.
struct Item {
    lead: String,
    rest: String,
}

fn item(lead: impl Into<String>, rest: impl Into<String>) -> Item {
    Item {
        lead: lead.into(),
        rest: rest.into(),
    }
}

/// A numbered part of the agenda: its heading, what to say when it is empty, its items.
struct Part {
    heading: String,
    empty: String,
    items: Vec<Item>,
    /// Plain sentences before the items.
    lines: Vec<String>,
}

fn part(heading: impl Into<String>, empty: impl Into<String>, items: Vec<Item>) -> Part {
    Part {
        heading: heading.into(),
        empty: empty.into(),
        items,
        lines: Vec::new(),
    }
}

/// " · owner Dana Whit" when there is an owner.
fn owner(name: &str) -> String {
    if name.trim().is_empty() {
        " · no owner".into()
    } else {
        format!(" · owner {}", name.trim())
    }
}

fn value(value: Option<f64>, unit: &str) -> String {
    match value {
        Some(v) if unit.trim().is_empty() => number_words(v),
        Some(v) if unit.trim() == "%" => format!("{} %", number_words(v)),
        Some(v) => format!("{} {}", number_words(v), unit.trim()),
        None => "no value".into(),
    }
}

/// The agenda's header lines: when the forum meets, its purpose and members.
fn header(agenda: &Agenda) -> Vec<Item> {
    let forum = &agenda.forum;
    let mut meets = schedule_words(forum.forum.cadence);
    if let Some(previous) = agenda.previous {
        let _ = write!(meets, " (previous meeting {previous})");
    }
    let mut items = vec![item("Meets", meets)];
    if !forum.forum.purpose.trim().is_empty() {
        items.push(item("Purpose", forum.forum.purpose.trim()));
    }
    let members: Vec<String> = forum
        .members
        .iter()
        .map(|m| match m.recipient {
            Recipient::Partner(_) => m.name.clone(),
            Recipient::Role(_) => format!("{} (role)", m.name),
        })
        .collect();
    items.push(item(
        "Members",
        if members.is_empty() {
            "none named yet".to_string()
        } else {
            members.join(", ")
        },
    ));
    items
}

fn parts(agenda: &Agenda) -> Vec<Part> {
    let facts = &agenda.facts;
    let day = agenda.meeting;
    let mut parts = vec![
        part(
            "Decisions due",
            "No governance rule is decided in this forum yet: name this forum on a rule \
             (Strategy › Governance rules) to bring its decisions here.",
            facts
                .rules
                .iter()
                .map(|r| {
                    let mut rest = r.rule.rule.trim().to_string();
                    if !r.rule.cadence.trim().is_empty() {
                        let _ = write!(rest, " ({})", r.rule.cadence.trim());
                    }
                    item(capitalised(r.rule.topic.word()), rest)
                })
                .collect(),
        ),
        part(
            format!("Risk reviews due by {day}"),
            "No open risk is due for review by the meeting.",
            facts
                .reviews
                .iter()
                .map(|r| {
                    item(
                        r.code.clone(),
                        format!(
                            "{} — review due {} · {}{}",
                            r.title.trim(),
                            r.review,
                            r.status,
                            owner(&r.owner)
                        ),
                    )
                })
                .collect(),
        ),
        part(
            "KPIs off track or at risk",
            "No KPI is off track or at risk on the meeting day.",
            facts
                .kpis
                .iter()
                .map(|k| {
                    item(
                        k.name.trim(),
                        format!(
                            "{}: {} against a target of {}{}",
                            k.status.word(),
                            value(k.latest, &k.unit),
                            value(k.target, &k.unit),
                            owner(&k.owner)
                        ),
                    )
                })
                .collect(),
        ),
        part(
            if facts.members_only {
                format!("Lapsed check-ins of the members by {day}")
            } else {
                format!("Lapsed check-ins by {day}")
            },
            "Every check-in is on time for the meeting.",
            facts
                .checkins
                .iter()
                .map(|c| {
                    item(
                        c.partner.trim(),
                        format!("check-in was due {}{}", c.due, owner(&c.owner)),
                    )
                })
                .collect(),
        ),
    ];
    if !agenda.milestones.is_empty() {
        parts.push(part(
            format!("Joint-plan milestones due by {day}"),
            "",
            agenda.milestones.iter().map(|m| item("", m)).collect(),
        ));
    }
    match &agenda.since {
        SinceLast::NoSnapshots => {}
        SinceLast::NoPreviousMeeting => parts.push(part(
            "Changes since the last meeting",
            "The forum has no cadence, so there is no previous meeting to compare with; set its \
             cadence and next date to see what changed since it last met.",
            Vec::new(),
        )),
        SinceLast::NoneThatOld { previous, oldest } => parts.push(part(
            format!("Changes since the previous meeting ({previous})"),
            format!(
                "No snapshot was kept on or before {previous} (the oldest is of {oldest}), so \
                 what changed cannot be told; keep one after each meeting with `partnerplan \
                 snapshot`."
            ),
            Vec::new(),
        )),
        SinceLast::Changes {
            previous,
            snapshot,
            summary,
            areas,
        } => {
            let mut since = part(
                format!("Changes since the previous meeting ({previous})"),
                "",
                areas
                    .iter()
                    .flat_map(|(area, lines)| lines.iter().map(move |l| item(area.clone(), l)))
                    .collect(),
            );
            since
                .lines
                .push(format!("Compared with {snapshot}: {summary}"));
            parts.push(since);
        }
    }
    parts
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The agenda written in `format`.
pub fn render(agenda: &Agenda, format: AgendaFormat) -> String {
    let title = format!(
        "{} — agenda for {}",
        agenda.forum.forum.name.trim(),
        agenda.meeting
    );
    let plan = [agenda.title.trim(), agenda.organisation.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    match format {
        AgendaFormat::Markdown => markdown(&title, &plan, agenda),
        AgendaFormat::Html => html(&title, &plan, agenda),
    }
}

fn markdown(title: &str, plan: &str, agenda: &Agenda) -> String {
    let md_item = |i: &Item| {
        if i.lead.is_empty() {
            format!("- {}\n", markdown_line(&i.rest))
        } else {
            format!(
                "- **{}**: {}\n",
                markdown_line(&i.lead),
                markdown_line(&i.rest)
            )
        }
    };
    let mut out = format!("# {}\n\n", markdown_line(title));
    if !plan.is_empty() {
        let _ = writeln!(out, "{}\n", markdown_line(plan));
    }
    for i in header(agenda) {
        out.push_str(&md_item(&i));
    }
    for (n, part) in parts(agenda).iter().enumerate() {
        let _ = write!(out, "\n## {}. {}\n\n", n + 1, markdown_line(&part.heading));
        for line in &part.lines {
            let _ = writeln!(out, "{}\n", markdown_line(line));
        }
        if part.items.is_empty() && !part.empty.is_empty() {
            let _ = writeln!(out, "{}", markdown_line(&part.empty));
        }
        for i in &part.items {
            out.push_str(&md_item(i));
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;\
padding:0 1rem;line-height:1.45;color:#1d232b}h1{font-size:1.5rem;margin-bottom:.2rem}\
h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #c9d1db}\
.plan{color:#5a6572;margin-top:0}li{margin:.2rem 0;white-space:pre-line}\
.empty{color:#5a6572}";

fn html(title: &str, plan: &str, agenda: &Agenda) -> String {
    let li = |i: &Item| {
        if i.lead.is_empty() {
            format!("<li>{}</li>\n", html_text(&i.rest))
        } else {
            format!(
                "<li><strong>{}</strong>: {}</li>\n",
                html_text(&i.lead),
                html_text(&i.rest)
            )
        }
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        html_text(title),
        html_text(title)
    );
    if !plan.is_empty() {
        let _ = writeln!(out, "<p class=\"plan\">{}</p>", html_text(plan));
    }
    out.push_str("<ul>\n");
    for i in header(agenda) {
        out.push_str(&li(&i));
    }
    out.push_str("</ul>\n");
    for (n, part) in parts(agenda).iter().enumerate() {
        let _ = writeln!(out, "<h2>{}. {}</h2>", n + 1, html_text(&part.heading));
        for line in &part.lines {
            let _ = writeln!(out, "<p>{}</p>", html_text(line));
        }
        if part.items.is_empty() {
            if !part.empty.is_empty() {
                let _ = writeln!(out, "<p class=\"empty\">{}</p>", html_text(&part.empty));
            }
            continue;
        }
        out.push_str("<ul>\n");
        for i in &part.items {
            out.push_str(&li(i));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
