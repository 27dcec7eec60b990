//! The Guide's rules: where each step of the method stands (from the workbook's facts, never only
//! ticked by hand), what is missing and where to fix it, overall readiness, and the next step to do.
//!
//! Readiness: over the steps that apply, done counts 1, in progress ½, not started 0; steps marked
//! not applicable (with a reason) are left out; an optional step counts only once it is done, so
//! skipping it never lowers the figure. Rounded down, so 100 % means every counted step is done;
//! with nothing to count it is 100 %.
//!
//! "Not applicable" is the only state the user sets by hand, and only with a reason: without one
//! the computed state stands and the missing reason is listed. Any other stored word (an old
//! "done" tick included) is ignored.

mod checks;
mod ecosystem;
mod facts;
mod future;
mod joint;

use std::collections::HashMap;

pub use checks::check;
pub use ecosystem::{Addition, CHANNEL_TYPES, EcosystemFacts, addition};
pub use facts::{CoreElement, GovernanceCounts, GuideFacts, Horizon, KpiFacts, Named, Sample};
pub use joint::JointGoalFacts;

use super::framework::{Framework, Screen, Step};
use super::words::worded;

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepState {
    Done,
    InProgress,
    NotStarted,
    NotApplicable,
}

impl StepState {
    /// The mark in the Guide's step list.
    pub fn symbol(self) -> &'static str {
        match self {
            StepState::Done => "✓",
            StepState::InProgress => "◐",
            StepState::NotStarted => "○",
            StepState::NotApplicable => "–",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::InProgress => "in progress",
            StepState::NotStarted => "not started",
            StepState::NotApplicable => "not applicable",
        }
    }

    /// Nothing left to do: done, or not applicable.
    pub fn is_complete(self) -> bool {
        matches!(self, StepState::Done | StepState::NotApplicable)
    }
}

/// Where the app can send the user to fix something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub screen: Screen,
    /// The record to select there, if one is to blame.
    pub record_id: Option<i64>,
}

impl Target {
    /// The screen, nothing selected.
    pub fn screen(screen: Screen) -> Target {
        Target {
            screen,
            record_id: None,
        }
    }
}

/// One thing a step still lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// A sentence, e.g. "3 active partners have no benefit line: Acme, Birch and Cobalt".
    pub text: String,
    pub target: Target,
}

/// A step's state and what it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepStatus {
    pub state: StepState,
    /// In the order to fix them; empty when done. Kept when the step is not applicable, so the
    /// user still sees what was set aside.
    pub missing: Vec<Missing>,
    /// The user's reason, when the step is marked not applicable.
    pub reason: Option<String>,
    /// Sentences to read that are not gaps (e.g. "a channel by choice"), in order.
    pub notes: Vec<String>,
}

worded! {
    /// What the user set by hand on a step (stored in `framework_progress.manual_state`).
    #[derive(Default)]
    pub enum ManualState {
        #[default]
        Unset => "",
        NotApplicable => "not applicable",
    }
}

/// What the workbook keeps per step besides the facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepProgress {
    pub note: String,
    pub manual: ManualState,
    pub reason: String,
}

impl StepProgress {
    /// Reads the stored row; an unknown manual word reads as unset.
    pub fn from_stored(note: &str, manual_state: &str, reason: &str) -> StepProgress {
        StepProgress {
            note: note.to_string(),
            manual: ManualState::from_word(manual_state).unwrap_or_default(),
            reason: reason.to_string(),
        }
    }
}

/// A step's status: the computed one, unless the user marked it not applicable with a reason.
pub fn step_status(step: &Step, facts: &GuideFacts, progress: &StepProgress) -> StepStatus {
    let mut status = check(step.check, facts, &progress.note);
    if progress.manual == ManualState::NotApplicable {
        let reason = progress.reason.trim();
        if reason.is_empty() {
            status.missing.push(Missing {
                text: "Marked not applicable, but no reason is given; write one or unmark it"
                    .into(),
                target: Target::screen(Screen::Guide),
            });
        } else {
            status.state = StepState::NotApplicable;
            status.reason = Some(reason.to_string());
        }
    }
    status
}

/// Every step's status, in the method's order; `progress` by step key (a step without a row has
/// no note and no manual state).
pub fn statuses(
    framework: &Framework,
    facts: &GuideFacts,
    progress: &HashMap<String, StepProgress>,
) -> Vec<StepStatus> {
    let none = StepProgress::default();
    framework
        .steps
        .iter()
        .map(|step| step_status(step, facts, progress.get(&step.key).unwrap_or(&none)))
        .collect()
}

/// Overall readiness in percent; see the module's rule. `steps` and `statuses` pair up in order.
pub fn readiness(steps: &[Step], statuses: &[StepStatus]) -> u8 {
    let (mut halves, mut counted) = (0usize, 0usize);
    for (step, status) in steps.iter().zip(statuses) {
        let points = match status.state {
            StepState::NotApplicable => continue,
            StepState::Done => 2,
            _ if step.optional => continue,
            StepState::InProgress => 1,
            StepState::NotStarted => 0,
        };
        halves += points;
        counted += 2;
    }
    (halves * 100)
        .checked_div(counted)
        .map_or(100, |percent| percent as u8)
}

/// The next step after `from` that is neither done nor not applicable, wrapping round to the
/// start (and back to `from` itself last); `None` when every step is complete.
pub fn next_incomplete(statuses: &[StepStatus], from: usize) -> Option<usize> {
    let n = statuses.len();
    (1..=n)
        .map(|offset| (from + offset) % n)
        .find(|&i| !statuses[i].state.is_complete())
}

/// Where the step's jump key goes: the first missing item's place, else the step's own screen.
pub fn jump_target(step: &Step, status: &StepStatus) -> Target {
    status
        .missing
        .first()
        .map_or(Target::screen(step.fixed_on), |m| m.target)
}

#[cfg(test)]
mod tests {
    use super::super::framework::shipped;
    use super::*;

    fn all_done() -> GuideFacts {
        checks::tests::done_facts()
    }

    fn not_applicable(reason: &str) -> StepProgress {
        StepProgress::from_stored("", "Not Applicable", reason)
    }

    #[test]
    fn not_applicable_with_a_reason_overrides_the_computed_state() {
        let framework = shipped().unwrap();
        let step = &framework.steps[8];
        let empty = GuideFacts::default();
        let status = step_status(step, &empty, &not_applicable(" We resell only. "));
        assert_eq!(status.state, StepState::NotApplicable);
        assert_eq!(status.reason.as_deref(), Some("We resell only."));
        assert!(
            !status.missing.is_empty(),
            "what was set aside stays visible"
        );
        assert_eq!(status.state.symbol(), "–");
    }

    #[test]
    fn not_applicable_without_a_reason_does_not_count() {
        let framework = shipped().unwrap();
        let step = &framework.steps[0];
        let status = step_status(step, &GuideFacts::default(), &not_applicable("  "));
        assert_eq!(status.state, StepState::NotStarted);
        assert_eq!(
            status.missing.last().map(|m| m.text.as_str()),
            Some("Marked not applicable, but no reason is given; write one or unmark it")
        );
        // A stored "done" tick is not a state the user can set.
        let ticked = StepProgress::from_stored("", "done", "");
        assert_eq!(ticked.manual, ManualState::Unset);
        assert_eq!(
            step_status(step, &GuideFacts::default(), &ticked).state,
            StepState::NotStarted
        );
    }

    #[test]
    fn readiness_counts_done_whole_and_in_progress_half_leaving_out_not_applicable() {
        let framework = shipped().unwrap();
        let none = HashMap::new();
        let empty = statuses(framework, &GuideFacts::default(), &none);
        assert_eq!(readiness(&framework.steps, &empty), 0);
        assert!(empty.iter().all(|s| s.state == StepState::NotStarted));

        let mut progress = HashMap::new();
        progress.insert(
            "future-readiness".to_string(),
            StepProgress::from_stored("AI agents; review yearly", "", ""),
        );
        let ready = GuideFacts {
            trends: crate::plan::trend::TrendFacts::one_ready(),
            ..all_done()
        };
        let done = statuses(framework, &ready, &progress);
        assert!(done.iter().all(|s| s.state == StepState::Done), "{done:?}");
        assert_eq!(readiness(&framework.steps, &done), 100);
        // The optional step left undone does not lower it.
        let without_future = statuses(framework, &all_done(), &none);
        assert_eq!(without_future[11].state, StepState::InProgress);
        assert_eq!(readiness(&framework.steps, &without_future), 100);

        // Mission done, core elements in progress, onboarding not applicable: 1.5 of 10 = 15 %.
        let mut facts = GuideFacts {
            mission_problem_written: true,
            mission_value_written: true,
            ..GuideFacts::default()
        };
        facts.alignment.rated = true;
        let mut progress = HashMap::new();
        progress.insert("onboarding".to_string(), not_applicable("No partners yet"));
        let some = statuses(framework, &facts, &progress);
        assert_eq!(some[8].state, StepState::NotApplicable);
        assert_eq!(readiness(&framework.steps, &some), 15);
        // Everything not applicable: nothing left to do.
        let all_na: HashMap<String, StepProgress> = framework
            .steps
            .iter()
            .map(|s| (s.key.clone(), not_applicable("n/a")))
            .collect();
        let none_apply = statuses(framework, &GuideFacts::default(), &all_na);
        assert_eq!(readiness(&framework.steps, &none_apply), 100);
    }

    /// 100 % only when every required step that applies is done, whatever the optional ones do;
    /// over many generated combinations of states (a small LCG, so the run is repeatable).
    #[test]
    fn readiness_is_100_only_when_every_required_step_is_complete() {
        let framework = shipped().unwrap();
        let all = [
            StepState::Done,
            StepState::InProgress,
            StepState::NotStarted,
            StepState::NotApplicable,
        ];
        let mut seed: u64 = 20_261_206;
        for round in 0..20_000 {
            let states: Vec<StepState> = framework
                .steps
                .iter()
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    // Mostly done, so that nearly-finished plans are well represented.
                    let pick = (seed >> 33) % 10;
                    all[if pick < 7 { 0 } else { (pick - 6) as usize }]
                })
                .collect();
            let required_open = framework
                .steps
                .iter()
                .zip(&states)
                .any(|(step, state)| !step.optional && !state.is_complete());
            let percent = readiness(&framework.steps, &with_states(&states));
            assert_eq!(percent == 100, !required_open, "round {round}: {states:?}");
        }
        // The demo's case: step 12 (optional) open and everything else done reads 100 %, and
        // the step list says step 12 is optional.
        let mut states = vec![StepState::Done; framework.steps.len()];
        states[11] = StepState::InProgress;
        assert!(framework.steps[11].optional);
        assert_eq!(readiness(&framework.steps, &with_states(&states)), 100);
        states[10] = StepState::InProgress;
        assert!(readiness(&framework.steps, &with_states(&states)) < 100);
    }

    fn with_states(states: &[StepState]) -> Vec<StepStatus> {
        states
            .iter()
            .map(|&state| StepStatus {
                state,
                missing: Vec::new(),
                reason: None,
                notes: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn next_incomplete_step_skips_complete_ones_and_wraps_around() {
        use StepState::*;
        let steps = with_states(&[NotStarted, Done, NotApplicable, InProgress, Done]);
        assert_eq!(next_incomplete(&steps, 0), Some(3));
        assert_eq!(next_incomplete(&steps, 3), Some(0), "wraps past the end");
        assert_eq!(next_incomplete(&steps, 4), Some(0));
        let one_left = with_states(&[Done, InProgress, Done]);
        assert_eq!(
            next_incomplete(&one_left, 1),
            Some(1),
            "back to itself last"
        );
        assert_eq!(
            next_incomplete(&with_states(&[Done, NotApplicable]), 0),
            None
        );
        assert_eq!(next_incomplete(&[], 0), None);
    }

    #[test]
    fn the_jump_goes_to_the_first_missing_item_else_the_steps_screen() {
        let framework = shipped().unwrap();
        let step = &framework.steps[3];
        let facts = GuideFacts {
            goals: 1,
            value_what_written: true,
            value_why_written: true,
            active_partners: 2,
            active_without_benefit: vec![Named {
                id: 42,
                name: "Acme".into(),
            }]
            .into(),
            ..GuideFacts::default()
        };
        let status = step_status(step, &facts, &StepProgress::default());
        assert_eq!(
            jump_target(step, &status),
            Target {
                screen: Screen::Partners,
                record_id: Some(42)
            }
        );
        let done = step_status(step, &all_done(), &StepProgress::default());
        assert_eq!(jump_target(step, &done), Target::screen(Screen::Goals));
    }
}
