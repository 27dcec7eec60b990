//! The Guide's check of joint plans (step 4): when the model is ecosystem or hybrid, every
//! active strategic partner (a strategic alliance or joint venture) should share at least one
//! joint goal that is neither done nor dropped. The count and the conflicts the joint-plan check
//! finds are notes; a strategic partner without a joint goal is missing.

use super::{Addition, Missing, Sample, Target};
use crate::plan::decision_aid::Model;
use crate::plan::framework::{CheckId, Screen};

/// What the check looks at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JointGoalFacts {
    /// Active strategic alliances and joint ventures.
    pub strategic_partners: usize,
    /// Open joint goals they hold.
    pub joint_goals: usize,
    /// Those of them without an open joint goal, by name.
    pub without_joint_goal: Sample,
    /// The conflict check's sentences, every conflict of every joint plan.
    pub conflicts: Vec<String>,
}

/// What joint plans add to the step checked by `id` under `model`.
pub fn addition(id: CheckId, facts: &JointGoalFacts, model: Option<Model>) -> Addition {
    let mut addition = Addition::default();
    if id != CheckId::GoalsAndValueSet {
        return addition;
    }
    addition.notes.extend(
        facts
            .conflicts
            .iter()
            .map(|c| format!("Joint plans in conflict: {c}")),
    );
    let multilateral = matches!(model, Some(Model::Ecosystem | Model::Hybrid));
    if !multilateral || facts.strategic_partners == 0 {
        return addition;
    }
    addition.started = facts.joint_goals > 0;
    addition.notes.insert(
        0,
        format!(
            "{} with active strategic partners (alliances and joint ventures).",
            match facts.joint_goals {
                1 => "1 open joint goal".to_string(),
                n => format!("{n} open joint goals"),
            }
        ),
    );
    let lacking = &facts.without_joint_goal;
    if let Some(first) = lacking.first().first() {
        let mut names: Vec<String> = lacking.first().iter().map(|n| n.name.clone()).collect();
        if lacking.len() > names.len() {
            names.push(format!("{} more", lacking.len() - names.len()));
        }
        let (count, verb) = match lacking.len() {
            1 => ("1 active strategic partner".to_string(), "has"),
            n => (format!("{n} active strategic partners"), "have"),
        };
        addition.missing.push(Missing {
            text: format!(
                "{count} {verb} no joint goal yet ({}); open the partner's joint plan (J from \
                 its scores, checklist or check-ins) and add what both commit to",
                names.join(", ")
            ),
            target: Target {
                screen: Screen::JointPlan,
                record_id: Some(first.id),
            },
        });
    }
    addition
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::guide::Named;

    fn facts() -> JointGoalFacts {
        JointGoalFacts {
            strategic_partners: 2,
            joint_goals: 1,
            without_joint_goal: vec![Named {
                id: 4,
                name: "Orrin Vel".into(),
            }]
            .into(),
            conflicts: vec!["“A” (X) and “B” (Y) both claim the role R.".into()],
        }
    }

    #[test]
    fn an_ecosystem_asks_a_joint_goal_of_every_active_strategic_partner() {
        let got = addition(CheckId::GoalsAndValueSet, &facts(), Some(Model::Hybrid));
        assert!(got.started);
        assert_eq!(got.missing.len(), 1);
        assert!(
            got.missing[0]
                .text
                .starts_with("1 active strategic partner has no joint goal yet (Orrin Vel)"),
            "{}",
            got.missing[0].text
        );
        assert_eq!(got.missing[0].target.record_id, Some(4));
        assert_eq!(got.missing[0].target.screen, Screen::JointPlan);
        assert_eq!(
            got.notes[0],
            "1 open joint goal with active strategic partners (alliances and joint ventures)."
        );
        assert!(got.notes[1].starts_with("Joint plans in conflict: “A” (X)"));
    }

    #[test]
    fn a_channel_only_hears_of_conflicts_and_other_steps_of_nothing() {
        let channel = addition(CheckId::GoalsAndValueSet, &facts(), Some(Model::Channel));
        assert!(channel.missing.is_empty());
        assert_eq!(channel.notes.len(), 1);
        let other = addition(CheckId::HubAndRoles, &facts(), Some(Model::Ecosystem));
        assert_eq!(other, Addition::default());
        let none = JointGoalFacts {
            strategic_partners: 0,
            ..JointGoalFacts::default()
        };
        let empty = addition(CheckId::GoalsAndValueSet, &none, Some(Model::Ecosystem));
        assert_eq!(empty, Addition::default());
    }
}
