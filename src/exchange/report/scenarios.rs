//! The report's "What if" section: each scenario saved in the workbook by name, with its
//! headline worked out on the plan as it stands ("If Ostrander exits: 73 % of returns and the
//! coverage of 1 role at risk."). Left out when none is saved.

use std::fmt::Write;

use anyhow::Result;

use super::escape::{html_text, markdown_line};
use super::html::open_section;
use crate::plan::money::Period;
use crate::workbook::Workbook;

const HEADING: &str = "What if: saved scenarios";
const ABOUT: &str = "Each scenario is worked out on the plan as it stands, returns over all \
                     time; the plan itself is not changed by it.";

/// One saved scenario: its name and headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioLine {
    pub name: String,
    pub headline: String,
}

/// The saved scenarios, by name, and what their figures simplify.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportScenarios {
    pub lines: Vec<ScenarioLine>,
    pub simplified: Vec<&'static str>,
}

impl ReportScenarios {
    pub fn read(wb: &Workbook) -> Result<ReportScenarios> {
        let mut lines = Vec::new();
        let mut kinds = Vec::new();
        for scenario in wb.scenarios()? {
            kinds.extend(scenario.events().iter().map(|e| e.kind));
            let outcome = wb.scenario_outcome(&scenario.events(), Period::default())?;
            lines.push(ScenarioLine {
                headline: outcome.headline_of(&scenario.story()),
                name: scenario.name,
            });
        }
        Ok(ReportScenarios {
            lines,
            simplified: crate::plan::whatif::events::simplifications(kinds),
        })
    }
}

pub fn html(scenarios: &ReportScenarios) -> String {
    if scenarios.lines.is_empty() {
        return String::new();
    }
    let mut out = open_section("scenarios", HEADING);
    let _ = writeln!(out, "<p>{}</p>", html_text(ABOUT));
    for line in &scenarios.lines {
        let _ = writeln!(
            out,
            "<p><strong>{}.</strong> {}</p>",
            html_text(&line.name),
            html_text(&line.headline)
        );
    }
    for note in &scenarios.simplified {
        let _ = writeln!(out, "<p><em>Simplified:</em> {}</p>", html_text(note));
    }
    out.push_str("</section>\n");
    out
}

pub fn markdown(out: &mut String, scenarios: &ReportScenarios) {
    if scenarios.lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {HEADING}\n\n{ABOUT}\n");
    for line in &scenarios.lines {
        let _ = writeln!(
            out,
            "- **{}.** {}",
            markdown_line(&line.name),
            markdown_line(&line.headline)
        );
    }
    if !scenarios.simplified.is_empty() {
        let _ = writeln!(out, "\n*Simplified:* {}", scenarios.simplified.join(" "));
    }
    out.push('\n');
}
