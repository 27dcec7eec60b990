//! One check per step of the method: from the workbook's facts to done / in progress / not
//! started and what is missing, each missing item with the place that fixes it.
//!
//! A step is done when nothing is missing; not started when nothing toward it exists yet; in
//! progress in between. What "done" needs, per check:
//! - mission-written: the problem and the value are written (the vision only shows progress);
//! - core-elements-rated: alignment, adaptability and shared value each rated and noted;
//! - model-chosen: a model and its rationale (decision-aid answers only show progress);
//! - goals-and-value-set: a goal, the proposition's what and why, a benefit line for every active
//!   partner;
//! - hub-and-roles: a hub and at least one specialised role;
//! - critical-roles-scored: at least one partner scored, and a scored candidate for every critical
//!   role;
//! - resources-of-both-kinds: a technological and an organisational resource;
//! - governance-and-protocols: a decision rule, a conflict rule and a data-sharing protocol;
//! - onboarding-complete: a checklist with items, an active partner, and every active partner's
//!   checklist finished and a check-in logged (the cadence runs from it); started only once a
//!   partner is active, since every new workbook comes with a checklist;
//! - kpis-with-targets: a short-term and a long-term KPI with targets;
//! - high-risks-treated: at least one risk recorded, and every high risk with an owner and a
//!   mitigation;
//! - future-readiness-noted: a trend of the user's own (not an untouched example) with an
//!   adaptability action and a review date (`guide/future.rs`).

use super::{GuideFacts, Horizon, Missing, Sample, StepState, StepStatus, Target};
use crate::plan::framework::{CheckId, Screen};

/// The computed status of the step checked by `id`; `note` is that step's own note.
pub fn check(id: CheckId, facts: &GuideFacts, note: &str) -> StepStatus {
    let mut found = Found::default();
    let started = match id {
        CheckId::MissionWritten => mission(facts, &mut found),
        CheckId::CoreElementsRated => core_elements(facts, &mut found),
        CheckId::ModelChosen => model(facts, &mut found),
        CheckId::GoalsAndValueSet => goals_and_value(facts, &mut found),
        CheckId::HubAndRoles => architecture(facts, &mut found),
        CheckId::CriticalRolesScored => selection(facts, &mut found),
        CheckId::ResourcesOfBothKinds => resources(facts, &mut found),
        CheckId::GovernanceAndProtocols => governance(facts, &mut found),
        CheckId::OnboardingComplete => onboarding(facts, &mut found),
        CheckId::KpisWithTargets => metrics(facts, &mut found),
        CheckId::HighRisksTreated => risks(facts, &mut found),
        CheckId::FutureReadinessNoted => future(facts, note, &mut found),
    };
    let by_model = super::ecosystem::addition(id, &facts.ecosystem, facts.goals);
    found.0.extend(by_model.missing);
    let joint = super::joint::addition(id, &facts.joint, facts.ecosystem.model);
    found.0.extend(joint.missing);
    let started = started || by_model.started || joint.started;
    let state = if found.0.is_empty() {
        StepState::Done
    } else if started {
        StepState::InProgress
    } else {
        StepState::NotStarted
    };
    StepStatus {
        state,
        missing: found.0,
        reason: None,
        notes: by_model.notes.into_iter().chain(joint.notes).collect(),
    }
}

/// The missing items a check gathers.
#[derive(Default)]
struct Found(Vec<Missing>);

impl Found {
    fn unless(&mut self, present: bool, text: &str, screen: Screen) {
        if !present {
            self.0.push(Missing {
                text: text.to_string(),
                target: Target::screen(screen),
            });
        }
    }

    /// "1 active partner has …" / "3 active partners have …", naming them, aimed at the first.
    fn records(&mut self, records: &Sample, one: &str, many: &str, lack: &str, screen: Screen) {
        let Some(first) = records.first().first() else {
            return;
        };
        let (noun, verb) = match records.len() {
            1 => (one, "has"),
            _ => (many, "have"),
        };
        self.0.push(Missing {
            text: format!("{} {noun} {verb} {lack}: {}", records.len(), names(records)),
            target: Target {
                screen,
                record_id: Some(first.id),
            },
        });
    }
}

/// "A", "A and B", "A, B and C", "A, B, C and 2 more".
pub(super) fn names(records: &Sample) -> String {
    let shown: Vec<&str> = records.first().iter().map(|r| r.name.as_str()).collect();
    let rest = records.len().saturating_sub(shown.len());
    match (shown.split_last(), rest) {
        (Some((last, init)), 0) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        (Some((last, _)), 0) => (*last).to_string(),
        _ => format!("{} and {rest} more", shown.join(", ")),
    }
}

// Each check pushes what is missing and returns whether anything toward the step exists.

fn mission(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.mission_problem_written,
        "The problem the ecosystem solves is not written",
        Screen::Mission,
    );
    found.unless(
        f.mission_value_written,
        "The value the ecosystem delivers is not written",
        Screen::Mission,
    );
    f.mission_problem_written || f.mission_value_written || f.vision_written
}

fn core_elements(f: &GuideFacts, found: &mut Found) -> bool {
    let elements = [
        ("Alignment", f.alignment),
        ("Adaptability", f.adaptability),
        ("Shared value", f.shared_value),
    ];
    for (name, element) in elements {
        if !element.rated {
            found.unless(false, &format!("{name} is not rated"), Screen::CoreElements);
        } else if !element.noted {
            found.unless(
                false,
                &format!("{name} is rated but has no note saying why"),
                Screen::CoreElements,
            );
        }
    }
    elements.iter().any(|(_, e)| e.rated || e.noted)
}

fn model(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.model_chosen,
        "No model is chosen yet; the decision aid can suggest one",
        Screen::ModelAid,
    );
    found.unless(
        f.model_rationale_written,
        "The choice of model has no rationale",
        Screen::ModelAid,
    );
    f.model_chosen || f.model_rationale_written || f.decision_answers > 0
}

fn goals_and_value(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(f.goals > 0, "No goal is set yet", Screen::Goals);
    found.unless(
        f.value_what_written,
        "The value proposition does not say what the ecosystem offers",
        Screen::ValueProposition,
    );
    found.unless(
        f.value_why_written,
        "The value proposition does not say why it matters",
        Screen::ValueProposition,
    );
    found.records(
        &f.active_without_benefit,
        "active partner",
        "active partners",
        "no benefit line",
        Screen::Partners,
    );
    let some_benefit = f.active_partners > f.active_without_benefit.len();
    f.goals > 0 || f.value_what_written || f.value_why_written || some_benefit
}

fn architecture(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(f.hub_exists, "There is no hub role", Screen::Roles);
    found.unless(
        f.specialised_roles > 0,
        "No specialised role yet; a sector template can start the list",
        Screen::Roles,
    );
    f.hub_exists || f.specialised_roles > 0
}

fn selection(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.scored_partners > 0,
        "No partner is scored against the selection criteria yet",
        Screen::Scoring,
    );
    found.records(
        &f.critical_without_scored_candidate,
        "critical role",
        "critical roles",
        "no scored candidate",
        Screen::Roles,
    );
    f.scored_partners > 0
}

fn resources(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.technological_resources > 0,
        "No technological resource is planned (platforms, APIs, cloud, automation)",
        Screen::Resources,
    );
    found.unless(
        f.organisational_resources > 0,
        "No organisational resource is planned (a partner team, a budget)",
        Screen::Resources,
    );
    f.technological_resources > 0 || f.organisational_resources > 0
}

fn governance(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.governance.decision > 0,
        "No decision rule says who decides what, and where",
        Screen::Governance,
    );
    found.unless(
        f.governance.conflict_resolution > 0,
        "No rule says how conflicts between partners are settled",
        Screen::Governance,
    );
    found.unless(
        f.protocols > 0,
        "No data-sharing protocol yet",
        Screen::Protocols,
    );
    f.governance.total() > 0 || f.protocols > 0
}

fn onboarding(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(
        f.onboarding_items > 0,
        "The onboarding checklist has no items",
        Screen::Onboarding,
    );
    found.unless(
        f.active_partners > 0,
        "No partner is active yet",
        Screen::Partners,
    );
    found.records(
        &f.active_checklist_unfinished,
        "active partner",
        "active partners",
        "an unfinished onboarding checklist",
        Screen::Onboarding,
    );
    // Every partner has a cadence (its own or the default); what it can lack is a check-in for
    // the cadence to run from.
    found.records(
        &f.active_without_checkin,
        "active partner",
        "active partners",
        "no check-in logged, so none is ever due",
        Screen::CheckIns,
    );
    // The checklist every new workbook starts with is not progress of the user's.
    f.active_partners > 0
}

fn metrics(f: &GuideFacts, found: &mut Found) -> bool {
    for (horizon, text) in [
        (Horizon::Short, "No short-term KPI has a target"),
        (Horizon::Long, "No long-term KPI has a target"),
    ] {
        let of_horizon = || f.kpis.iter().filter(move |k| k.horizon == horizon);
        if !of_horizon().any(|k| k.has_target) {
            found.0.push(Missing {
                text: text.to_string(),
                target: Target {
                    screen: Screen::Metrics,
                    record_id: of_horizon().next().map(|k| k.id),
                },
            });
        }
    }
    !f.kpis.is_empty()
}

fn risks(f: &GuideFacts, found: &mut Found) -> bool {
    found.unless(f.risks > 0, "No risk is recorded yet", Screen::Risks);
    found.records(
        &f.high_risks_without_owner,
        "high risk",
        "high risks",
        "no owner",
        Screen::Risks,
    );
    found.records(
        &f.high_risks_without_mitigation,
        "high risk",
        "high risks",
        "no mitigation",
        Screen::Risks,
    );
    f.risks > 0
}

fn future(f: &GuideFacts, note: &str, found: &mut Found) -> bool {
    let (started, missing) = super::future::check(f, note);
    found.0.extend(missing);
    started
}

#[cfg(test)]
pub(super) mod tests;
