//! What the report says, gathered once and then written as HTML or Markdown, so both formats
//! carry the same content. Text here is the workbook's own, not yet escaped.

use crate::plan::numbers::count_of;
use crate::plan::risk::{Band, Bands, HeatMap};
use crate::plan::strategy::{StrategyDraft, rating_word};

use super::ecosystem::ReportEcosystem;
use super::kpis::ReportKpis;

/// The whole report, section by section.
#[derive(Debug, Clone)]
pub struct Report {
    pub cover: Cover,
    pub readiness: Readiness,
    pub strategy: StrategyPart,
    pub roster: Roster,
    pub coverage: Coverage,
    pub risks: Risks,
    pub kpis: ReportKpis,
    /// Links between partners, joint offerings, brokers and the network map.
    pub ecosystem: ReportEcosystem,
    /// What changed since a snapshot (`report --since LABEL`).
    pub since: Option<ChangesSince>,
    /// The what-if scenarios saved in the workbook, each with its headline.
    pub scenarios: super::scenarios::ReportScenarios,
    /// Partners' joint plans and the conflicts between them and the hub's goals.
    pub joint: super::joint_plans::ReportJointPlans,
    /// The trend radar's trends (step 12), with their actions.
    pub trends: super::trends::ReportTrends,
    /// The plan's live figures on the report's date (coverage, overdue check-ins…), read with
    /// the same queries the app's screens and live KPIs use.
    pub facts: crate::plan::live_kpi::LiveFacts,
    /// Who it is written for; the audience's rules are already applied.
    pub audience: super::audience::Audience,
}

/// "Changes since the snapshot "SteerCo 2026-12" of 2026-12-01", area by area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesSince {
    pub heading: String,
    /// "12 changes in 4 areas."
    pub summary: String,
    /// (area, the changes in it).
    pub areas: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub title: String,
    pub organisation: String,
    pub author: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub print: super::PrintSetup,
}

/// Where each of the method's steps stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    pub percent: u8,
    pub steps: Vec<StepLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepLine {
    pub number: usize,
    pub title: String,
    /// ✓ ◐ ○ –
    pub symbol: &'static str,
    pub state: &'static str,
    pub optional: bool,
    /// What the step still lacks; for a step set aside, the user's reason first.
    pub missing: Vec<String>,
    /// Sentences to read that are not gaps ("a channel by choice").
    pub notes: Vec<String>,
}

/// The strategy as the Strategy tab holds it, each list already in words.
#[derive(Debug, Clone, Default)]
pub struct StrategyPart {
    pub statement: StrategyDraft,
    /// "channel", "hybrid / transitioning", or empty when no model is chosen.
    pub model: String,
    /// (title, horizon, status, target date, description)
    pub goals: Vec<[String; 5]>,
    /// (kind, name, status, owner, description)
    pub resources: Vec<[String; 5]>,
    /// (topic, rule, forum, cadence)
    pub governance: Vec<[String; 4]>,
    /// (data item, shared with, access, sensitivity, protection, review date)
    pub protocols: Vec<[String; 6]>,
}

/// One of the strategy's lists as a table: its heading, column names and rows of raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyList<'a> {
    pub heading: &'static str,
    pub head: &'static [&'static str],
    pub rows: Vec<&'a [String]>,
}

impl StrategyPart {
    /// The three core elements as (element, "4/5 strong", note), or `None` when none is rated
    /// or noted.
    pub fn core_elements(&self) -> Option<[[String; 3]; 3]> {
        let s = &self.statement;
        let ratings = [
            ("Alignment", s.alignment_rating, &s.alignment_note),
            ("Adaptability", s.adaptability_rating, &s.adaptability_note),
            ("Shared value", s.shared_value_rating, &s.shared_value_note),
        ];
        let any = ratings
            .iter()
            .any(|(_, r, n)| r.is_some() || !n.trim().is_empty());
        any.then(|| {
            ratings.map(|(name, rating, note)| {
                let rated = rating.map_or("not rated".to_string(), |r| {
                    format!("{r}/5 {}", rating_word(r).unwrap_or_default())
                });
                [name.to_string(), rated, note.clone()]
            })
        })
    }

    /// Goals, resources, governance rules and protocols, in that order; empty lists included.
    pub fn lists(&self) -> [StrategyList<'_>; 4] {
        fn rows<const N: usize>(rows: &[[String; N]]) -> Vec<&[String]> {
            rows.iter().map(|r| r.as_slice()).collect()
        }
        [
            StrategyList {
                heading: "Goals",
                head: &["Goal", "Horizon", "Status", "Target date", "Description"],
                rows: rows(&self.goals),
            },
            StrategyList {
                heading: "Resources and infrastructure",
                head: &["Kind", "Resource", "Status", "Owner", "Description"],
                rows: rows(&self.resources),
            },
            StrategyList {
                heading: "Governance rules",
                head: &["Topic", "Rule", "Forum or decider", "Cadence"],
                rows: rows(&self.governance),
            },
            StrategyList {
                heading: "Data-sharing protocols",
                head: &[
                    "Data",
                    "Shared with",
                    "Access",
                    "Sensitivity",
                    "Protection",
                    "Review",
                ],
                rows: rows(&self.protocols),
            },
        ]
    }
}

/// One partner line of the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerLine {
    pub name: String,
    pub partner_type: String,
    pub stage: String,
    pub owner: String,
    pub fit: Option<f64>,
    pub gated_out: bool,
    /// The fit is not for this audience (a declined or gated-out partner in a client's pack).
    pub withheld: bool,
}

impl PartnerLine {
    /// "72", "gated out", "not scored" or "not shared".
    pub fn fit_text(&self) -> String {
        if self.withheld {
            return "not shared".to_string();
        }
        match (self.fit, self.gated_out) {
            (_, true) => "gated out".to_string(),
            (Some(f), false) => format!("{f:.0}"),
            (None, false) => "not scored".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Roster {
    pub total: i64,
    pub by_stage: Vec<(String, i64)>,
    pub by_type: Vec<(String, i64)>,
    /// The best fits first (then by name); partners without a fit last.
    pub shown: Vec<PartnerLine>,
    /// How many of the bars in the fit chart: the first of `shown` that have a fit.
    pub chart: usize,
}

impl Roster {
    /// Partners not listed.
    pub fn left_out(&self) -> i64 {
        self.total - self.shown.len() as i64
    }
}

/// A role column of the coverage matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleColumn {
    pub name: String,
    pub criticality: &'static str,
    pub status: &'static str,
}

/// A partner row of the coverage matrix: one letter (L, B, C) or none per role column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub partner: String,
    pub cells: Vec<Option<char>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    /// "31 roles · 4 gaps · 2 single points · 1 overloaded partner".
    pub summary: String,
    pub roles: Vec<RoleColumn>,
    pub rows: Vec<MatrixRow>,
    pub roles_left_out: usize,
    pub partners_left_out: usize,
    /// (role, what is wrong), roles with a problem only.
    pub gaps: Vec<(String, String)>,
    /// What the weak-spot table holds, counted from it: "6 roles need attention: 3 nobody
    /// holds, 2 held by fewer partners than their minimum, 1 single point of failure."
    pub weak_spots: String,
    pub gaps_left_out: usize,
    /// (partner, roles led).
    pub overloaded: Vec<(String, usize)>,
}

/// One of the top risks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskLine {
    pub code: String,
    pub title: String,
    pub category: String,
    /// "partner / role", or empty.
    pub link: String,
    /// (score, band) of each assessment that is set.
    pub inherent: Option<(i64, Band)>,
    pub residual: Option<(i64, Band)>,
    pub owner: String,
    pub status: String,
    /// (kind, note)
    pub mitigations: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Risks {
    pub bands: Bands,
    pub total: i64,
    pub inherent: HeatMap,
    pub residual: HeatMap,
    /// Highest current score first.
    pub top: Vec<RiskLine>,
}

impl Risks {
    pub fn left_out(&self) -> i64 {
        self.total - self.top.len() as i64
    }

    /// What a heat map leaves out: "6 of the 15 risks have no residual assessment yet, so this
    /// map leaves them out."
    pub fn unassessed(&self, residual: bool) -> Option<String> {
        let map = if residual {
            &self.residual
        } else {
            &self.inherent
        };
        let missing = (self.total.max(0) as usize).saturating_sub(map.total());
        (missing > 0).then(|| {
            format!(
                "{} of the {} {} no {} assessment yet, so this map leaves {} out.",
                missing,
                count_of(self.total.unsigned_abs() as usize, "risk", "risks"),
                if missing == 1 { "has" } else { "have" },
                if residual { "residual" } else { "inherent" },
                if missing == 1 { "it" } else { "them" }
            )
        })
    }
}

/// "3 left out" style phrases, shared by both formats.
pub fn left_out_sentence(left_out: i64, singular: &str, plural: &str) -> Option<String> {
    (left_out > 0).then(|| {
        format!(
            "{} not shown here; the workbook holds them all.",
            crate::plan::numbers::count_of(left_out.unsigned_abs() as usize, singular, plural)
        )
    })
}
