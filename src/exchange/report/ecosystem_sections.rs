//! The ecosystem section written as HTML (with the SVG network map) and as Markdown (the same
//! figures and tables; the map is said to be in the HTML report).

use std::fmt::Write;

use super::ecosystem::ReportEcosystem;
use super::escape::{html_text, markdown_cell as c, markdown_line};
use super::html::{cell, note, open_section, table};
use super::model::left_out_sentence;
use super::network_map::network_map;

const HEADING: &str = "The ecosystem: partners working together";
const EMPTY: &str = "No current partners and no joint offerings yet: the Ecosystem view of Roles \
                     links partners with each other and builds joint offerings.";
const NO_OFFERINGS: &str = "No joint offerings yet: the Ecosystem view of Roles builds them, with \
                            what each member contributes.";
const NO_BROKERS: &str = "No broker: no single partner's exit would cut others off.";

fn offerings_left_out(eco: &ReportEcosystem) -> Option<String> {
    left_out_sentence(
        (eco.offerings_total - eco.offerings.len()) as i64,
        "more offering",
        "more offerings",
    )
}

/// One offering's row as plain text for either format.
struct OfferingRow {
    name: String,
    about: String,
    status: String,
    owner: String,
    /// The goals it serves and the KPIs that measure it, "; "-separated.
    goals: String,
    kpis: String,
    members: Vec<String>,
}

/// Offering, status, owner, goals, KPIs and the members' lines, as plain text for either format.
fn offering_rows(eco: &ReportEcosystem) -> Vec<OfferingRow> {
    eco.offerings
        .iter()
        .map(|o| {
            let about = match (o.segment.trim(), o.problem.trim()) {
                ("", problem) => problem.to_string(),
                (segment, "") => format!("For {segment}."),
                (segment, problem) => format!("For {segment}: {problem}"),
            };
            OfferingRow {
                name: o.name.clone(),
                about,
                status: o.status.clone(),
                owner: o.owner.clone(),
                goals: o.goals.join("; "),
                kpis: o.kpis.join("; "),
                members: o.members.iter().map(ReportEcosystem::member_text).collect(),
            }
        })
        .collect()
}

pub fn html(eco: &ReportEcosystem) -> String {
    let mut out = open_section("ecosystem", HEADING);
    if eco.is_empty() {
        out.push_str(&note(EMPTY));
        out.push_str("</section>\n");
        return out;
    }
    let _ = writeln!(
        out,
        "<p><strong>{}</strong> {}</p>",
        html_text(&eco.multilaterality_line()),
        html_text(&eco.figures_line())
    );
    let caption = "Network map: partners and the active links between them";
    let _ = writeln!(
        out,
        "<figure class=\"network\"><figcaption>{}</figcaption>{}</figure>",
        html_text(caption),
        network_map(&eco.map, caption)
    );
    if let Some(s) = eco.map_left_out() {
        out.push_str(&note(&s));
    }

    out.push_str("<h3>Joint offerings</h3>\n");
    if eco.offerings.is_empty() {
        out.push_str(&note(NO_OFFERINGS));
    } else {
        let rows: Vec<Vec<String>> = offering_rows(eco)
            .into_iter()
            .map(|row| {
                // What it is for and how it is measured sit under its name, as the risk table
                // keeps a risk's links under its title: four columns fit the printed page.
                let mut about = String::new();
                for (label, text) in [
                    ("", &row.about),
                    ("Serves: ", &row.goals),
                    ("Measured by: ", &row.kpis),
                ] {
                    if !text.is_empty() {
                        about.push_str(&format!(
                            "<br><span class=\"muted\">{label}{}</span>",
                            html_text(text)
                        ));
                    }
                }
                let members: String = row
                    .members
                    .iter()
                    .map(|m| format!("<li>{}</li>", html_text(m)))
                    .collect();
                vec![
                    format!("{}{about}", cell(&row.name)),
                    cell(&row.status),
                    cell(&row.owner),
                    format!("<ul class=\"members\">{members}</ul>"),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "Offering (goals it serves, KPIs that measure it)",
                "Status",
                "Owner",
                "Members and what they contribute",
            ],
            &["", "nowrap"],
            &rows,
        ));
        if let Some(s) = offerings_left_out(eco) {
            out.push_str(&note(&s));
        }
    }

    out.push_str("<h3>Brokers</h3>\n");
    if eco.brokers().is_empty() {
        out.push_str(&note(NO_BROKERS));
    } else {
        let rows: Vec<Vec<String>> = eco
            .brokers()
            .iter()
            .map(|b| {
                vec![
                    cell(&b.name),
                    b.cut_off.to_string(),
                    html_text(&ReportEcosystem::cut_off_text(b)),
                ]
            })
            .collect();
        out.push_str(&table(
            &["Broker", "Would cut off", "Who would be cut off"],
            &["", "num"],
            &rows,
        ));
    }
    out.push_str("<h3>Partners with no partner link</h3>\n");
    let _ = writeln!(out, "<p>{}</p>", html_text(&eco.isolated_line()));
    out.push_str("</section>\n");
    out
}

pub fn markdown(out: &mut String, eco: &ReportEcosystem) {
    let _ = writeln!(out, "## {HEADING}\n");
    if eco.is_empty() {
        let _ = writeln!(out, "{}\n", markdown_line(EMPTY));
        return;
    }
    let _ = writeln!(
        out,
        "**{}** {}\n",
        markdown_line(&eco.multilaterality_line()),
        markdown_line(&eco.figures_line())
    );
    let _ = writeln!(
        out,
        "{}\n",
        markdown_line("The network map is drawn in the HTML report.")
    );
    let _ = writeln!(out, "### Joint offerings\n");
    if eco.offerings.is_empty() {
        let _ = writeln!(out, "{}\n", markdown_line(NO_OFFERINGS));
    } else {
        let _ = writeln!(
            out,
            "| Offering | Status | Owner | Serves goals | Measured by KPIs | Members and what they \
             contribute |\n|---|---|---|---|---|---|"
        );
        for row in offering_rows(eco) {
            let name = if row.about.is_empty() {
                c(&row.name)
            } else {
                format!("{} ({})", c(&row.name), c(&row.about))
            };
            let members: Vec<String> = row.members.iter().map(|m| c(m)).collect();
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} |",
                c(&row.status),
                c(&row.owner),
                c(&row.goals),
                c(&row.kpis),
                members.join("; ")
            );
        }
        out.push('\n');
        if let Some(s) = offerings_left_out(eco) {
            let _ = writeln!(out, "{}\n", markdown_line(&s));
        }
    }
    let _ = writeln!(out, "### Brokers\n");
    if eco.brokers().is_empty() {
        let _ = writeln!(out, "{}\n", markdown_line(NO_BROKERS));
    } else {
        let _ = writeln!(
            out,
            "| Broker | Would cut off | Who would be cut off |\n|---|---|---|"
        );
        for b in eco.brokers() {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                c(&b.name),
                b.cut_off,
                c(&ReportEcosystem::cut_off_text(b))
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "### Partners with no partner link\n");
    let _ = writeln!(out, "{}\n", markdown_line(&eco.isolated_line()));
}
