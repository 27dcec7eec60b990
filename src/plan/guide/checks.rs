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
pub(super) mod tests {
    use super::super::{CoreElement, GovernanceCounts, KpiFacts, Named};
    use super::*;

    fn named(id: i64, name: &str) -> Named {
        Named {
            id,
            name: name.into(),
        }
    }

    /// A workbook in which every check but the optional note is satisfied.
    pub(in crate::plan::guide) fn done_facts() -> GuideFacts {
        let full = CoreElement {
            rated: true,
            noted: true,
        };
        GuideFacts {
            mission_problem_written: true,
            mission_value_written: true,
            vision_written: true,
            alignment: full,
            adaptability: full,
            shared_value: full,
            model_chosen: true,
            model_rationale_written: true,
            decision_answers: 5,
            goals: 2,
            value_what_written: true,
            value_why_written: true,
            active_partners: 3,
            hub_exists: true,
            specialised_roles: 4,
            scored_partners: 3,
            critical_roles: 2,
            technological_resources: 1,
            organisational_resources: 1,
            governance: GovernanceCounts {
                decision: 1,
                conflict_resolution: 1,
                ..GovernanceCounts::default()
            },
            protocols: 1,
            onboarding_items: 4,
            kpis: vec![
                KpiFacts {
                    id: 1,
                    horizon: Horizon::Short,
                    has_target: true,
                },
                KpiFacts {
                    id: 2,
                    horizon: Horizon::Long,
                    has_target: true,
                },
            ],
            risks: 5,
            review_cadence_set: true,
            ..GuideFacts::default()
        }
    }

    /// State and missing texts of one check.
    fn run(id: CheckId, facts: &GuideFacts) -> (StepState, Vec<String>) {
        let status = check(id, facts, "");
        let texts = status.missing.iter().map(|m| m.text.clone()).collect();
        (status.state, texts)
    }

    fn targets(id: CheckId, facts: &GuideFacts) -> Vec<Target> {
        check(id, facts, "")
            .missing
            .iter()
            .map(|m| m.target)
            .collect()
    }

    use StepState::{Done, InProgress, NotStarted};

    #[test]
    fn every_check_but_the_notes_one_is_done_on_a_complete_plan_and_not_started_on_an_empty_one() {
        for id in CheckId::ALL {
            let (empty, missing) = run(id, &GuideFacts::default());
            assert_eq!(empty, NotStarted, "{}", id.word());
            assert!(!missing.is_empty(), "{}", id.word());
            if id != CheckId::FutureReadinessNoted {
                assert_eq!(run(id, &done_facts()), (Done, vec![]), "{}", id.word());
            }
        }
        // Step 12 needs a trend of the plan's own with an action and a review date.
        let ready = GuideFacts {
            trends: crate::plan::trend::TrendFacts::one_ready(),
            ..done_facts()
        };
        let future = check(CheckId::FutureReadinessNoted, &ready, "");
        assert_eq!((future.state, future.missing), (Done, vec![]));
    }

    #[test]
    fn mission_needs_problem_and_value() {
        let vision_only = GuideFacts {
            vision_written: true,
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::MissionWritten, &vision_only),
            (
                InProgress,
                vec![
                    "The problem the ecosystem solves is not written".to_string(),
                    "The value the ecosystem delivers is not written".to_string()
                ]
            )
        );
        let problem = GuideFacts {
            mission_problem_written: true,
            ..GuideFacts::default()
        };
        let (state, missing) = run(CheckId::MissionWritten, &problem);
        assert_eq!((state, missing.len()), (InProgress, 1));
        assert_eq!(
            targets(CheckId::MissionWritten, &problem),
            [Target::screen(Screen::Mission)]
        );
    }

    #[test]
    fn core_elements_need_a_rating_and_a_note_each() {
        let facts = GuideFacts {
            alignment: CoreElement {
                rated: true,
                noted: false,
            },
            shared_value: CoreElement {
                rated: true,
                noted: true,
            },
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::CoreElementsRated, &facts),
            (
                InProgress,
                vec![
                    "Alignment is rated but has no note saying why".to_string(),
                    "Adaptability is not rated".to_string()
                ]
            )
        );
    }

    #[test]
    fn model_needs_a_choice_and_a_rationale_and_answers_show_progress() {
        let answered = GuideFacts {
            decision_answers: 2,
            ..GuideFacts::default()
        };
        let (state, missing) = run(CheckId::ModelChosen, &answered);
        assert_eq!(state, InProgress);
        assert_eq!(
            missing,
            [
                "No model is chosen yet; the decision aid can suggest one",
                "The choice of model has no rationale"
            ]
        );
        let chosen = GuideFacts {
            model_chosen: true,
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::ModelChosen, &chosen),
            (
                InProgress,
                vec!["The choice of model has no rationale".into()]
            )
        );
    }

    #[test]
    fn goals_and_value_name_the_partners_without_a_benefit_line() {
        let mut facts = done_facts();
        let five = vec![
            named(7, "Acme"),
            named(3, "Birch"),
            named(9, "Cobalt"),
            named(1, "Delta"),
            named(2, "Ember"),
        ];
        facts.active_without_benefit = five.clone().into();
        let status = check(CheckId::GoalsAndValueSet, &facts, "");
        assert_eq!(status.state, InProgress);
        assert_eq!(
            status.missing,
            [Missing {
                text: "5 active partners have no benefit line: Acme, Birch, Cobalt and 2 more"
                    .into(),
                target: Target {
                    screen: Screen::Partners,
                    record_id: Some(7)
                },
            }]
        );
        facts.active_without_benefit = five[..1].to_vec().into();
        assert_eq!(
            run(CheckId::GoalsAndValueSet, &facts).1,
            ["1 active partner has no benefit line: Acme"]
        );
        facts.active_without_benefit = Sample::default();
        facts.goals = 0;
        facts.value_why_written = false;
        assert_eq!(
            run(CheckId::GoalsAndValueSet, &facts).1,
            [
                "No goal is set yet",
                "The value proposition does not say why it matters"
            ]
        );
        // Active partners who all lack a benefit line, and nothing else: not started.
        let bare = GuideFacts {
            active_partners: 2,
            active_without_benefit: vec![named(1, "Acme"), named(2, "Birch")].into(),
            ..GuideFacts::default()
        };
        let (state, missing) = run(CheckId::GoalsAndValueSet, &bare);
        assert_eq!(state, NotStarted);
        assert_eq!(
            missing.last().map(String::as_str),
            Some("2 active partners have no benefit line: Acme and Birch")
        );
    }

    #[test]
    fn architecture_needs_a_hub_and_a_specialised_role() {
        let hub = GuideFacts {
            hub_exists: true,
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::HubAndRoles, &hub),
            (
                InProgress,
                vec!["No specialised role yet; a sector template can start the list".into()]
            )
        );
    }

    #[test]
    fn selection_names_critical_roles_without_a_scored_candidate() {
        let facts = GuideFacts {
            scored_partners: 2,
            critical_roles: 3,
            critical_without_scored_candidate: vec![named(12, "Payments"), named(4, "Identity")]
                .into(),
            ..GuideFacts::default()
        };
        let status = check(CheckId::CriticalRolesScored, &facts, "");
        assert_eq!(status.state, InProgress);
        assert_eq!(
            status.missing,
            [Missing {
                text: "2 critical roles have no scored candidate: Payments and Identity".into(),
                target: Target {
                    screen: Screen::Roles,
                    record_id: Some(12)
                }
            }]
        );
        // Nobody scored: not started, however many roles wait.
        let unscored = GuideFacts {
            scored_partners: 0,
            ..facts
        };
        assert_eq!(run(CheckId::CriticalRolesScored, &unscored).0, NotStarted);
    }

    #[test]
    fn resources_need_one_of_each_kind() {
        let tech = GuideFacts {
            technological_resources: 2,
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::ResourcesOfBothKinds, &tech),
            (
                InProgress,
                vec!["No organisational resource is planned (a partner team, a budget)".into()]
            )
        );
    }

    #[test]
    fn governance_needs_decision_and_conflict_rules_and_a_protocol() {
        let review_only = GuideFacts {
            governance: GovernanceCounts {
                performance_review: 1,
                ..GovernanceCounts::default()
            },
            ..GuideFacts::default()
        };
        let status = check(CheckId::GovernanceAndProtocols, &review_only, "");
        assert_eq!(status.state, InProgress);
        let screens: Vec<Screen> = status.missing.iter().map(|m| m.target.screen).collect();
        assert_eq!(
            screens,
            [Screen::Governance, Screen::Governance, Screen::Protocols]
        );
        assert_eq!(status.missing[2].text, "No data-sharing protocol yet");
    }

    #[test]
    fn onboarding_names_unfinished_checklists_and_missing_check_ins() {
        let mut facts = done_facts();
        facts.active_checklist_unfinished = vec![named(5, "Acme")].into();
        facts.active_without_checkin = vec![named(6, "Birch"), named(5, "Acme")].into();
        let status = check(CheckId::OnboardingComplete, &facts, "");
        assert_eq!(status.state, InProgress);
        assert_eq!(
            status.missing,
            [
                Missing {
                    text: "1 active partner has an unfinished onboarding checklist: Acme".into(),
                    target: Target {
                        screen: Screen::Onboarding,
                        record_id: Some(5)
                    }
                },
                Missing {
                    text: "2 active partners have no check-in logged, so none is ever due: \
                           Birch and Acme"
                        .into(),
                    target: Target {
                        screen: Screen::CheckIns,
                        record_id: Some(6)
                    }
                },
            ]
        );
        // A brand-new workbook: the shipped checklist alone is not the user's progress.
        let nobody_active = GuideFacts {
            onboarding_items: 3,
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::OnboardingComplete, &nobody_active),
            (NotStarted, vec!["No partner is active yet".into()])
        );
    }

    #[test]
    fn metrics_need_a_targeted_kpi_of_each_horizon_and_point_at_one_to_fix() {
        let facts = GuideFacts {
            kpis: vec![
                KpiFacts {
                    id: 8,
                    horizon: Horizon::Short,
                    has_target: true,
                },
                KpiFacts {
                    id: 9,
                    horizon: Horizon::Long,
                    has_target: false,
                },
            ],
            ..GuideFacts::default()
        };
        let status = check(CheckId::KpisWithTargets, &facts, "");
        assert_eq!(status.state, InProgress);
        assert_eq!(
            status.missing,
            [Missing {
                text: "No long-term KPI has a target".into(),
                target: Target {
                    screen: Screen::Metrics,
                    record_id: Some(9)
                }
            }]
        );
    }

    #[test]
    fn risks_need_one_recorded_and_every_high_one_owned_and_mitigated() {
        let facts = GuideFacts {
            risks: 4,
            high_risks_without_owner: vec![named(2, "R-002 Data leak")].into(),
            high_risks_without_mitigation: vec![
                named(2, "R-002 Data leak"),
                named(3, "R-003 Key supplier fails"),
            ]
            .into(),
            ..GuideFacts::default()
        };
        assert_eq!(
            run(CheckId::HighRisksTreated, &facts),
            (
                InProgress,
                vec![
                    "1 high risk has no owner: R-002 Data leak".into(),
                    "2 high risks have no mitigation: R-002 Data leak and R-003 Key supplier fails"
                        .into()
                ]
            )
        );
        assert_eq!(
            run(CheckId::HighRisksTreated, &GuideFacts::default()).1,
            ["No risk is recorded yet"]
        );
    }

    #[test]
    fn future_readiness_is_started_by_the_note_but_done_only_by_a_ready_trend() {
        let status = check(CheckId::FutureReadinessNoted, &GuideFacts::default(), "AI");
        assert_eq!(status.state, InProgress);
        assert_eq!(status.missing.len(), 1);
        assert_eq!(status.missing[0].target, Target::screen(Screen::Future));
        let blank = check(CheckId::FutureReadinessNoted, &GuideFacts::default(), "  ");
        assert_eq!(blank.state, NotStarted);
    }
}
