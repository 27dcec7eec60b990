//! The Guide's checks that follow the chosen model: partners working with each other (step 5),
//! alliances and joint ventures left idle (step 6), goals served by joint offerings (step 4).
//!
//! They add to the steps' own checks and never replace them:
//! - architecture (step 5): with an ecosystem or hybrid model, at least one active link between
//!   two partners or one joint offering (not retired) with two partner members is needed; with a
//!   channel model the Guide says, as a note, that this is a channel by choice, and asks for no
//!   link or offering; a channel or hybrid plan without a current channel partner (reseller,
//!   value-added reseller, distributor, agent) is told so in a note — an ecosystem is not, and a
//!   hybrid hears both;
//! - selection (step 6): active strategic alliances and joint ventures that hold no role and sit
//!   in no offering are named, whatever the model (the method calls them ecosystem-defining);
//! - goals (step 4): how many goals a joint offering serves, as a note — linking is a help, not
//!   a requirement.

use super::{Missing, Sample, Target};
use crate::plan::decision_aid::Model;
use crate::plan::framework::{CheckId, Screen};

/// What the model-dependent checks look at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EcosystemFacts {
    /// The chosen model, when one is chosen and known.
    pub model: Option<Model>,
    /// Active links whose two partners are both current (neither exited nor declined).
    pub active_partner_links: usize,
    /// Offerings, retired ones aside, with at least two different partners among their members.
    pub joint_offerings: usize,
    /// Offerings, retired ones aside.
    pub offerings: usize,
    /// Goals that at least one offering serves.
    pub goals_with_offering: usize,
    /// Active strategic alliances and joint ventures that hold no role and sit in no offering,
    /// by name.
    pub idle_alliances: Sample,
    /// Current partners (neither exited nor declined) of a channel type: `CHANNEL_TYPES`.
    pub channel_partners: usize,
}

/// The partner types a channel runs through (compared without case): the types of the shipped
/// channel partner programme, and the words "channel partner" themselves.
pub const CHANNEL_TYPES: [&str; 5] = [
    "channel partner",
    "reseller",
    "value-added reseller",
    "distributor",
    "agent",
];

/// What the model adds to one step: missing items, notes to read, and whether anything toward
/// the step exists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Addition {
    pub missing: Vec<Missing>,
    pub notes: Vec<String>,
    pub started: bool,
}

/// Where links and offerings are kept, for the sentences.
const WHERE: &str = "in the Ecosystem view of Roles";

/// What the chosen model adds to the step checked by `id`; `goals` is the number of goals.
pub fn addition(id: CheckId, facts: &EcosystemFacts, goals: usize) -> Addition {
    match id {
        CheckId::GoalsAndValueSet => goals_served(facts, goals),
        CheckId::HubAndRoles => partners_together(facts),
        CheckId::CriticalRolesScored => idle_alliances(facts),
        _ => Addition::default(),
    }
}

fn multilateral(model: Option<Model>) -> bool {
    matches!(model, Some(Model::Ecosystem | Model::Hybrid))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn goals_served(f: &EcosystemFacts, goals: usize) -> Addition {
    let mut addition = Addition::default();
    if goals == 0 || (f.offerings == 0 && !multilateral(f.model)) {
        return addition;
    }
    let served = f.goals_with_offering.min(goals);
    addition.notes.push(if served == 0 {
        format!(
            "No goal is served by a joint offering yet; an offering's form links it to the \
             goal it serves, {WHERE}."
        )
    } else {
        format!(
            "{served} of {goals} {} {} served by a joint offering.",
            if goals == 1 { "goal" } else { "goals" },
            if served == 1 { "is" } else { "are" }
        )
    });
    addition
}

fn partners_together(f: &EcosystemFacts) -> Addition {
    let mut addition = Addition {
        started: f.active_partner_links > 0 || f.joint_offerings > 0,
        ..Addition::default()
    };
    // A note, not a gap: the method does not make channel partners a condition of the step.
    if let Some(model @ (Model::Channel | Model::Hybrid)) = f.model
        && f.channel_partners == 0
    {
        addition.notes.push(format!(
            "The chosen model is {}, yet no current partner is a reseller, value-added \
             reseller, distributor or agent: add the channel partners the plan sells through \
             in Partners.",
            model.label()
        ));
    }
    match f.model {
        Some(model @ (Model::Ecosystem | Model::Hybrid)) => {
            if addition.started {
                addition.notes.push(format!(
                    "Partners work with each other: {} and {}.",
                    plural(
                        f.active_partner_links,
                        "active link between partners",
                        "active links between partners"
                    ),
                    plural(
                        f.joint_offerings,
                        "joint offering with two or more partners",
                        "joint offerings with two or more partners"
                    ),
                ));
            } else {
                addition.missing.push(Missing {
                    text: format!(
                        "The chosen model is {}, yet no two partners work together: add an \
                         active link between two partners, or a joint offering with two \
                         partner members, {WHERE}",
                        model.label()
                    ),
                    target: Target::screen(Screen::Ecosystem),
                });
            }
        }
        Some(Model::Channel) => addition.notes.push(
            "The chosen model is channel: partners work through you rather than with each \
             other. That is a channel by choice, not a gap; links between partners are optional."
                .to_string(),
        ),
        None => {}
    }
    addition
}

fn idle_alliances(f: &EcosystemFacts) -> Addition {
    let mut addition = Addition::default();
    let Some(first) = f.idle_alliances.first().first() else {
        return addition;
    };
    let (noun, verb) = match f.idle_alliances.len() {
        1 => ("active strategic alliance or joint venture", "holds"),
        _ => ("active strategic alliances or joint ventures", "hold"),
    };
    addition.missing.push(Missing {
        text: format!(
            "{} {noun} {verb} no role and {} in no offering: {}; give each a role in Roles or a \
             seat in a joint offering {WHERE}",
            f.idle_alliances.len(),
            if verb == "holds" { "sits" } else { "sit" },
            super::checks::names(&f.idle_alliances),
        ),
        target: Target {
            screen: Screen::Partners,
            record_id: Some(first.id),
        },
    });
    addition
}

#[cfg(test)]
mod tests {
    use super::super::{GuideFacts, Named, StepState, check};
    use super::*;

    fn alliance(id: i64, name: &str) -> Named {
        Named {
            id,
            name: name.into(),
        }
    }

    /// A plan of `model` with one channel partner and nothing else the model looks at.
    fn facts(model: Option<Model>) -> EcosystemFacts {
        EcosystemFacts {
            model,
            channel_partners: 1,
            ..EcosystemFacts::default()
        }
    }

    /// The architecture step on a plan with a hub and roles, and `eco` for the rest.
    fn architecture(eco: EcosystemFacts) -> (StepState, Vec<String>, Vec<String>) {
        let facts = GuideFacts {
            hub_exists: true,
            specialised_roles: 3,
            ecosystem: eco,
            ..GuideFacts::default()
        };
        let status = check(CheckId::HubAndRoles, &facts, "");
        let missing = status.missing.iter().map(|m| m.text.clone()).collect();
        (status.state, missing, status.notes)
    }

    #[test]
    fn an_ecosystem_or_hybrid_needs_partners_working_together() {
        for model in [Model::Ecosystem, Model::Hybrid] {
            let (state, missing, notes) = architecture(facts(Some(model)));
            assert_eq!(state, StepState::InProgress, "{model:?}");
            assert_eq!(missing.len(), 1);
            assert!(
                missing[0].starts_with(&format!(
                    "The chosen model is {}, yet no two partners work together",
                    model.label()
                )),
                "{missing:?}"
            );
            assert!(missing[0].contains("Ecosystem view"), "says where");
            assert!(notes.is_empty());
        }
        // One active link is enough; so is one joint offering.
        let linked = EcosystemFacts {
            active_partner_links: 1,
            ..facts(Some(Model::Ecosystem))
        };
        let (state, missing, notes) = architecture(linked);
        assert_eq!((state, missing), (StepState::Done, vec![]));
        assert_eq!(
            notes,
            [
                "Partners work with each other: 1 active link between partners and 0 joint \
              offerings with two or more partners."
            ]
        );
        let joint = EcosystemFacts {
            joint_offerings: 2,
            ..facts(Some(Model::Hybrid))
        };
        assert_eq!(architecture(joint).0, StepState::Done);
        // Offerings without two partner members do not count.
        let lone = EcosystemFacts {
            offerings: 4,
            ..facts(Some(Model::Hybrid))
        };
        assert_eq!(architecture(lone).0, StepState::InProgress);
    }

    #[test]
    fn each_model_is_asked_what_it_plans_for() {
        let no_channel = |model: Model| {
            format!(
                "The chosen model is {}, yet no current partner is a reseller",
                model.label()
            )
        };
        let without = |model| EcosystemFacts {
            channel_partners: 0,
            ..facts(Some(model))
        };
        let linked = EcosystemFacts {
            active_partner_links: 1,
            ..without(Model::Ecosystem)
        };
        // An ecosystem: links or joint offerings, and no word of channel partners.
        let (state, missing, notes) = architecture(linked.clone());
        assert_eq!((state, missing), (StepState::Done, vec![]));
        assert!(!notes.iter().any(|n| n.contains("reseller")), "{notes:?}");
        // A channel: channel partners (a note while it has none), never links or offerings.
        let (state, missing, notes) = architecture(without(Model::Channel));
        assert_eq!((state, missing), (StepState::Done, vec![]));
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with(&no_channel(Model::Channel)))
        );
        let channel = EcosystemFacts {
            channel_partners: 3,
            ..facts(Some(Model::Channel))
        };
        let (_, _, notes) = architecture(channel);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("links between partners are optional"));
        // A hybrid hears both: partners working together, and its channel partners.
        let hybrid = architecture(without(Model::Hybrid));
        assert_eq!(hybrid.0, StepState::InProgress);
        assert!(hybrid.1[0].contains("no two partners work together"));
        assert!(
            hybrid
                .2
                .iter()
                .any(|n| n.starts_with(&no_channel(Model::Hybrid)))
        );
        let both = EcosystemFacts {
            channel_partners: 2,
            model: Some(Model::Hybrid),
            ..linked
        };
        let (state, missing, notes) = architecture(both);
        assert_eq!((state, missing), (StepState::Done, vec![]));
        assert!(!notes.iter().any(|n| n.contains("reseller")), "{notes:?}");
    }

    #[test]
    fn a_channel_is_a_choice_not_a_gap_and_no_model_asks_nothing() {
        let (state, missing, notes) = architecture(facts(Some(Model::Channel)));
        assert_eq!((state, missing), (StepState::Done, vec![]));
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("a channel by choice, not a gap"),
            "{notes:?}"
        );
        assert_eq!(architecture(facts(None)), (StepState::Done, vec![], vec![]));
    }

    #[test]
    fn links_alone_start_the_architecture_step() {
        let facts = GuideFacts {
            ecosystem: EcosystemFacts {
                active_partner_links: 2,
                ..facts(Some(Model::Ecosystem))
            },
            ..GuideFacts::default()
        };
        let status = check(CheckId::HubAndRoles, &facts, "");
        assert_eq!(status.state, StepState::InProgress);
        assert_eq!(status.missing.len(), 2, "hub and roles still missing");
    }

    #[test]
    fn idle_alliances_and_joint_ventures_are_named_in_selection_whatever_the_model() {
        for model in [None, Some(Model::Channel), Some(Model::Ecosystem)] {
            let eco = EcosystemFacts {
                idle_alliances: vec![alliance(7, "Orbit JV"), alliance(3, "Nimbus")].into(),
                ..facts(model)
            };
            let facts = GuideFacts {
                scored_partners: 2,
                ecosystem: eco,
                ..GuideFacts::default()
            };
            let status = check(CheckId::CriticalRolesScored, &facts, "");
            assert_eq!(status.state, StepState::InProgress);
            assert_eq!(
                status.missing,
                [Missing {
                    text: "2 active strategic alliances or joint ventures hold no role and sit \
                           in no offering: Orbit JV and Nimbus; give each a role in Roles or a \
                           seat in a joint offering in the Ecosystem view of Roles"
                        .into(),
                    target: Target {
                        screen: Screen::Partners,
                        record_id: Some(7)
                    }
                }]
            );
        }
        let one = EcosystemFacts {
            idle_alliances: vec![alliance(3, "Nimbus")].into(),
            ..EcosystemFacts::default()
        };
        let added = addition(CheckId::CriticalRolesScored, &one, 0);
        assert!(
            added.missing[0]
                .text
                .starts_with("1 active strategic alliance or joint venture holds no role and sits in no offering: Nimbus;"),
            "{:?}",
            added.missing
        );
    }

    #[test]
    fn goals_served_by_offerings_are_counted_as_a_note_never_a_gap() {
        let served = EcosystemFacts {
            offerings: 6,
            goals_with_offering: 1,
            ..facts(Some(Model::Hybrid))
        };
        let added = addition(CheckId::GoalsAndValueSet, &served, 3);
        assert!(added.missing.is_empty());
        assert_eq!(added.notes, ["1 of 3 goals is served by a joint offering."]);
        let two = EcosystemFacts {
            goals_with_offering: 2,
            ..served.clone()
        };
        assert_eq!(
            addition(CheckId::GoalsAndValueSet, &two, 2).notes,
            ["2 of 2 goals are served by a joint offering."]
        );
        let none = EcosystemFacts {
            goals_with_offering: 0,
            ..served
        };
        let notes = addition(CheckId::GoalsAndValueSet, &none, 1).notes;
        assert!(
            notes[0].starts_with("No goal is served by a joint offering yet"),
            "{notes:?}"
        );
        // No goals, or a channel with no offerings: nothing to say.
        assert_eq!(
            addition(CheckId::GoalsAndValueSet, &none, 0),
            Addition::default()
        );
        assert_eq!(
            addition(CheckId::GoalsAndValueSet, &facts(Some(Model::Channel)), 2),
            Addition::default()
        );
        // Other steps get nothing from the model.
        assert_eq!(
            addition(CheckId::KpisWithTargets, &facts(Some(Model::Hybrid)), 2),
            Addition::default()
        );
    }
}
