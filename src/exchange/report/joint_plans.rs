//! The report's "Joint plans" section: per partner with a joint plan, its joint goals (status,
//! due date) and how far its commitments and milestones are, then the conflicts the joint-plan
//! check finds, both sides named. Left out when no partner has a joint plan.

use std::fmt::Write;

use anyhow::Result;

use super::escape::{html_text, markdown_line};
use super::html::open_section;
use crate::workbook::Workbook;

const HEADING: &str = "Joint plans";
const ABOUT: &str = "What the hub and its strategic partners committed to together, partner by \
                     partner, and where their goals pull against the hub's or each other's.";
/// Partners shown at the most, so the section stays readable.
const PARTNERS_MAX: usize = 30;

/// One partner's joint plan in a few lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JointPlanLine {
    pub partner: String,
    /// "2 joint goals · 4 commitments (2 ours, 2 theirs) · 3 milestones, 1 done".
    pub summary: String,
    /// "Energy monitoring in 20 member plants — on track, due 2027-06-30".
    pub goals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportJointPlans {
    pub plans: Vec<JointPlanLine>,
    /// Partners with a joint plan beyond `PARTNERS_MAX`.
    pub more: usize,
    pub conflicts: Vec<String>,
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl ReportJointPlans {
    pub fn read(wb: &Workbook) -> Result<ReportJointPlans> {
        let mut partners: Vec<(i64, String)> = Vec::new();
        for (name, goal) in wb.joint_goals_all()? {
            if partners.last().map(|(id, _)| *id) != Some(goal.partner) {
                partners.push((goal.partner, name));
            }
        }
        let more = partners.len().saturating_sub(PARTNERS_MAX);
        let mut plans = Vec::new();
        for (id, partner) in partners.into_iter().take(PARTNERS_MAX) {
            let plan = wb.joint_plan(id)?;
            let ours = plan
                .commitments
                .iter()
                .filter(|c| c.commitment.side == "ours")
                .count();
            let done = plan
                .milestones
                .iter()
                .filter(|m| m.milestone.status == "done")
                .count();
            let summary = format!(
                "{} · {} ({ours} ours, {} theirs) · {}, {done} done",
                count(plan.goals.len(), "joint goal", "joint goals"),
                count(plan.commitments.len(), "commitment", "commitments"),
                plan.commitments.len() - ours,
                count(plan.milestones.len(), "milestone", "milestones"),
            );
            let goals = plan
                .goals
                .iter()
                .map(|g| {
                    let due = g
                        .goal
                        .due_on
                        .as_deref()
                        .map(|d| format!(", due {d}"))
                        .unwrap_or_default();
                    format!("{} — {}{due}", g.goal.title, g.goal.status)
                })
                .collect();
            plans.push(JointPlanLine {
                partner,
                summary,
                goals,
            });
        }
        let conflicts = wb.joint_conflicts()?.into_iter().map(|c| c.text).collect();
        Ok(ReportJointPlans {
            plans,
            more,
            conflicts,
        })
    }
}

pub fn html(joint: &ReportJointPlans) -> String {
    if joint.plans.is_empty() {
        return String::new();
    }
    let mut out = open_section("joint-plans", HEADING);
    // A paragraph a partner, its goals run in, and no preamble: the section adds little to a
    // printed report (the demo's stays within its pages).
    for plan in &joint.plans {
        let goals: Vec<String> = plan.goals.iter().map(|g| html_text(g)).collect();
        let _ = writeln!(
            out,
            "<p><strong>{}</strong> — {}. Goals: {}.</p>",
            html_text(&plan.partner),
            html_text(&plan.summary),
            goals.join("; ")
        );
    }
    if joint.more > 0 {
        out.push_str(&super::html::note(&format!(
            "And {} more partners with a joint plan.",
            joint.more
        )));
    }
    if !joint.conflicts.is_empty() {
        out.push_str("<p>Conflicts:</p>\n<ul>\n");
        for conflict in &joint.conflicts {
            let _ = writeln!(out, "<li>{}</li>", html_text(conflict));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

pub fn markdown(out: &mut String, joint: &ReportJointPlans) {
    if joint.plans.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {HEADING}\n\n{ABOUT}\n");
    for plan in &joint.plans {
        let _ = writeln!(
            out,
            "**{}** — {}\n",
            markdown_line(&plan.partner),
            markdown_line(&plan.summary)
        );
        for goal in &plan.goals {
            let _ = writeln!(out, "- {}", markdown_line(goal));
        }
        out.push('\n');
    }
    if joint.more > 0 {
        let _ = writeln!(out, "And {} more partners with a joint plan.\n", joint.more);
    }
    if !joint.conflicts.is_empty() {
        out.push_str("### Conflicts\n\n");
        for conflict in &joint.conflicts {
            let _ = writeln!(out, "- {}", markdown_line(conflict));
        }
        out.push('\n');
    }
}
