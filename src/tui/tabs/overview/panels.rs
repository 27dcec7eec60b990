//! The Overview's panels and the selectable items in each: a label, the number shown, and the
//! list that Enter opens behind it.

use crate::plan::concentration::Concentration;
use crate::plan::figures::{CHECKIN_STAGES, ONBOARDED, OVERDUE_CHECKINS};
use crate::plan::guide::StepState;
use crate::plan::kpi::KpiStatus;
use crate::plan::numbers::group_thousands;
use crate::plan::roles::RoleStatus;
use crate::workbook::{DUE_WITHIN_DAYS, FIT_BUCKETS, Facets, Overview};

use super::destination::Destination;

/// A panel, in the order `h`/`l` (and `j`/`k` past a panel's ends) walk them: the reading order
/// of both layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Stages,
    Types,
    Fit,
    Roles,
    Risks,
    Kpis,
    Progress,
    Ecosystem,
    Concentration,
}

impl Panel {
    pub const ALL: [Panel; 9] = [
        Panel::Stages,
        Panel::Types,
        Panel::Fit,
        Panel::Roles,
        Panel::Risks,
        Panel::Kpis,
        Panel::Progress,
        Panel::Ecosystem,
        Panel::Concentration,
    ];

    pub fn index(self) -> usize {
        Panel::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The title on a roomy panel.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Stages => "Partners by stage",
            Panel::Types => "Partners by type",
            Panel::Fit => "Fit",
            Panel::Roles => "Role coverage",
            Panel::Risks => "Residual risk",
            Panel::Kpis => "KPI status",
            Panel::Progress => "Progress",
            Panel::Ecosystem => "Ecosystem",
            Panel::Concentration => "Concentration",
        }
    }

    /// The title on a narrow panel.
    pub fn short_title(self) -> &'static str {
        match self {
            Panel::Stages => "Partners",
            Panel::Types => "By type",
            Panel::Roles => "Roles",
            Panel::Risks => "Top risks",
            Panel::Kpis => "KPIs",
            other => other.title(),
        }
    }
}

/// One selectable number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub value: i64,
    pub destination: Destination,
}

fn item(label: impl Into<String>, value: i64, destination: Destination) -> Item {
    Item {
        label: label.into(),
        value,
        destination,
    }
}

/// Where the method stands: readiness and how many steps are in each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Readiness {
    pub percent: u8,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
}

impl Readiness {
    pub fn of(percent: u8, states: impl IntoIterator<Item = StepState>) -> Readiness {
        let mut readiness = Readiness {
            percent,
            ..Readiness::default()
        };
        for state in states {
            match state {
                StepState::Done | StepState::NotApplicable => readiness.done += 1,
                StepState::InProgress => readiness.in_progress += 1,
                StepState::NotStarted => readiness.not_started += 1,
            }
        }
        readiness
    }
}

fn roster(facets: Facets) -> Destination {
    Destination::Partners(Box::new(facets))
}

/// The items of `panel` for these figures; every panel has at least one, so Enter always leads
/// somewhere. `lead` is the most concentrated figure, if the plan has any.
pub fn items(
    panel: Panel,
    overview: &Overview,
    readiness: Option<&Readiness>,
    lead: Option<&Concentration>,
) -> Vec<Item> {
    match panel {
        Panel::Concentration => vec![match lead {
            Some(c) => item(
                c.short_reading(),
                c.hhi.round() as i64,
                Destination::Concentration,
            ),
            None => item("nothing to measure yet", 0, Destination::Concentration),
        }],
        Panel::Stages => overview
            .by_stage
            .iter()
            .map(|(stage, n)| {
                let facets = Facets {
                    stage: Some(stage.clone()),
                    ..Facets::default()
                };
                item(stage.clone(), *n, roster(facets))
            })
            .collect(),
        Panel::Types if overview.by_type.is_empty() => {
            vec![item("no partners yet", 0, roster(Facets::default()))]
        }
        Panel::Types => overview
            .by_type
            .iter()
            .map(|(kind, n)| {
                let facets = Facets {
                    partner_type: Some(kind.clone()),
                    ..Facets::default()
                };
                let label = if kind.is_empty() { "(no type)" } else { kind };
                item(label, *n, roster(facets))
            })
            .collect(),
        Panel::Fit => fit_items(overview),
        Panel::Roles => {
            let summary = &overview.coverage;
            let mut items = vec![item(
                "in place",
                summary.in_place as i64,
                Destination::Roles(None),
            )];
            items.extend(overview.worst_gaps.iter().map(|gap| {
                item(
                    gap.name.clone(),
                    gap.holders,
                    Destination::Roles(Some(gap.role_id)),
                )
            }));
            items
        }
        Panel::Risks => {
            if overview.top_risks.is_empty() {
                return vec![item("risks", 0, Destination::Risks(None))];
            }
            overview
                .top_risks
                .iter()
                .map(|risk| {
                    item(
                        risk.code.clone(),
                        risk.score,
                        Destination::Risks(Some(risk.cell)),
                    )
                })
                .collect()
        }
        Panel::Kpis => {
            if overview.kpi_total() == 0 {
                return vec![item("KPIs", 0, Destination::Metrics)];
            }
            overview
                .kpis
                .iter()
                .map(|(status, n)| item(kpi_label(*status), *n, Destination::Metrics))
                .collect()
        }
        Panel::Ecosystem => ecosystem_items(overview),
        Panel::Progress => {
            let onboarding = &overview.onboarding;
            let tended = Facets {
                stages: CHECKIN_STAGES.iter().map(|s| s.to_string()).collect(),
                ..Facets::default()
            };
            let onboarding_stage = Facets {
                stage: Some("onboarding".into()),
                ..Facets::default()
            };
            vec![
                item(
                    "method readiness",
                    readiness.map_or(0, |r| i64::from(r.percent)),
                    Destination::Guide,
                ),
                item(
                    format!("partners {}", ONBOARDED.label),
                    onboarding.onboarded,
                    roster(tended),
                ),
                item(
                    "in onboarding",
                    onboarding.in_onboarding,
                    roster(onboarding_stage),
                ),
                item(
                    format!("check-ins due ≤ {DUE_WITHIN_DAYS} days"),
                    overview.checkins_due,
                    Destination::CheckinsDue,
                ),
                item(
                    OVERDUE_CHECKINS.label,
                    overview.checkins_overdue,
                    Destination::CheckinsDue,
                ),
            ]
        }
    }
}

/// Multilaterality (in percent), offerings by status and the top broker: Enter on any opens
/// the Ecosystem view.
fn ecosystem_items(overview: &Overview) -> Vec<Item> {
    let figures = &overview.ecosystem;
    let percent = figures
        .multilaterality
        .map_or(0, |share| (share * 100.0).round() as i64);
    let mut items = vec![item("multilaterality", percent, Destination::Ecosystem)];
    // Retired offerings (and words no longer in the list) only when there are any.
    items.extend(
        figures
            .offerings
            .iter()
            .filter(|(status, n)| {
                *n > 0 || ["idea", "pilot", "launched"].contains(&status.as_str())
            })
            .map(|(status, n)| item(format!("offerings {status}"), *n, Destination::Ecosystem)),
    );
    items.push(match &figures.top_broker {
        Some(broker) => item(
            format!("broker {}", broker.name),
            broker.cut_off as i64,
            Destination::Ecosystem,
        ),
        None => item("no broker", 0, Destination::Ecosystem),
    });
    items
}

fn fit_items(overview: &Overview) -> Vec<Item> {
    let scored = |from: i64, below: i64| Facets {
        fit_between: Some((from, below)),
        gated_out: Some(false),
        ..Facets::default()
    };
    let mut items: Vec<Item> = FIT_BUCKETS
        .iter()
        .zip(overview.fit.buckets)
        .map(|(&(first, last), n)| {
            item(
                format!("{first}–{last}"),
                n,
                roster(scored(first, last + 1)),
            )
        })
        .collect();
    items.push(item(
        "not scored",
        overview.fit.unscored,
        roster(scored(-1, 0)),
    ));
    let gated = Facets {
        gated_out: Some(true),
        ..Facets::default()
    };
    items.push(item("gated out", overview.fit.gated_out, roster(gated)));
    items
}

/// "✓ achieved": the mark tells the statuses apart without colour.
pub fn kpi_label(status: KpiStatus) -> String {
    status.label()
}

/// The role-status words with a mark, for the list of gaps.
pub fn role_mark(status: RoleStatus) -> &'static str {
    match status {
        RoleStatus::InPlace => "✓",
        RoleStatus::AtRisk => "!",
        RoleStatus::Missing => "✗",
    }
}

/// "1,204 partners" or "1 partner".
pub fn partners_label(n: i64) -> String {
    if n == 1 {
        "1 partner".into()
    } else {
        format!("{} partners", group_thousands(n))
    }
}
