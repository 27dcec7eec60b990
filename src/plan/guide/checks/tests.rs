//! The Guide's checks proven one by one on hand-made facts, and a complete plan's facts
//! (`done_facts`) that the Guide's other tests start from.

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
            text: "5 active partners have no benefit line: Acme, Birch, Cobalt and 2 more".into(),
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
        critical_without_scored_candidate: vec![named(12, "Payments"), named(4, "Identity")].into(),
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
