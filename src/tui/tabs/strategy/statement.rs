//! The forms of the strategy's written parts — mission, core elements, value proposition and the
//! chosen model — and how a saved form becomes the stored strategy: only its own part changes, so
//! two parts edited one after the other never undo each other.

use crate::plan::decision_aid::{Advice, Model};
use crate::plan::strategy::{StrategyDraft, StrategyField, rating_word};
use crate::tui::widgets::form::Form;

/// A part of the strategy edited through one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Mission,
    CoreElements,
    ValueProposition,
    Model,
}

/// "3 fair": a rating as its choice shows it.
pub(super) fn rating_label(rating: Option<i64>) -> String {
    rating
        .and_then(|r| rating_word(r).map(|w| format!("{r} {w}")))
        .unwrap_or_default()
}

fn rating_options() -> Vec<String> {
    (1..=5).map(|r| rating_label(Some(r))).collect()
}

/// The rating a "3 fair" choice stands for.
fn rating_of(label: &str) -> Option<i64> {
    label.split_whitespace().next()?.parse().ok()
}

fn model_of(label: &str) -> Option<Model> {
    Model::ALL.into_iter().find(|m| m.label() == label)
}

/// The form of `part` filled from `draft`; the model's form says what the aid advises. The
/// mission's form ends with the plan's `title` (it heads the report's cover).
pub(super) fn form(part: Part, draft: &StrategyDraft, advice: &Advice, title: &str) -> Form {
    match part {
        Part::Mission => Form::new("Mission and vision")
            .multiline("problem", "Problem we solve", &draft.mission_problem)
            .rows(3)
            .placeholder("What problem does the ecosystem solve, and for whom?")
            .multiline("value", "Value delivered", &draft.mission_value)
            .rows(3)
            .placeholder("What value does it deliver?")
            .multiline("vision", "Vision", &draft.vision)
            .rows(3)
            .placeholder("Where should it be in a few years?")
            .text("title", "Plan title", title, true)
            .placeholder("the name on the report's cover"),
        Part::CoreElements => {
            let options = rating_options();
            let elements = [
                (
                    "Alignment: everyone works toward a common purpose",
                    ("alignment", "alignment_note"),
                    draft.alignment_rating,
                    &draft.alignment_note,
                ),
                (
                    "Adaptability: can absorb market, technology and rule changes",
                    ("adaptability", "adaptability_note"),
                    draft.adaptability_rating,
                    &draft.adaptability_note,
                ),
                (
                    "Shared value: every participant gains something tangible",
                    ("shared_value", "shared_value_note"),
                    draft.shared_value_rating,
                    &draft.shared_value_note,
                ),
            ];
            let mut form = Form::new("Core elements: rate each 1 (very weak) to 5 (very strong)");
            for (heading, (rating_id, note_id), rating, note) in elements {
                form = form
                    .section(heading)
                    .choice_or_none(rating_id, "Rating", &options, &rating_label(rating))
                    .multiline(note_id, "Note", note)
                    .rows(2);
            }
            form
        }
        Part::ValueProposition => Form::new("Value proposition")
            .multiline("what", "What we offer", &draft.value_what)
            .rows(4)
            .placeholder("What does the ecosystem offer its customers?")
            .multiline("why", "Why it matters", &draft.value_why)
            .rows(4)
            .placeholder("Why does it matter to them, and why now?"),
        Part::Model => {
            let labels: Vec<&str> = Model::ALL.iter().map(|m| m.label()).collect();
            let mut form = Form::new("Choose the model")
                .choice_or_none(
                    "model",
                    "Model",
                    &labels,
                    draft.model.map_or("", Model::label),
                )
                .multiline("rationale", "Why this model", &draft.model_rationale)
                .rows(4)
                .placeholder("Why this model fits us now.");
            form.warning = Some(match advice {
                Advice::Recommend(r) => format!("The decision aid advises {}.", r.model.label()),
                Advice::NotYet { message, .. } => message.clone(),
            });
            form
        }
    }
}

/// What the form of `part` holds, over `draft`.
pub(super) fn read(part: Part, form: &Form, draft: &StrategyDraft) -> StrategyDraft {
    let mut draft = draft.clone();
    match part {
        Part::Mission => {
            draft.mission_problem = form.value("problem");
            draft.mission_value = form.value("value");
            draft.vision = form.value("vision");
        }
        Part::CoreElements => {
            draft.alignment_rating = rating_of(&form.value("alignment"));
            draft.alignment_note = form.value("alignment_note");
            draft.adaptability_rating = rating_of(&form.value("adaptability"));
            draft.adaptability_note = form.value("adaptability_note");
            draft.shared_value_rating = rating_of(&form.value("shared_value"));
            draft.shared_value_note = form.value("shared_value_note");
        }
        Part::ValueProposition => {
            draft.value_what = form.value("what");
            draft.value_why = form.value("why");
        }
        Part::Model => {
            draft.model = model_of(&form.value("model"));
            draft.model_rationale = form.value("rationale");
        }
    }
    draft
}

/// `stored` with `part` taken from `edited`.
pub fn merged(part: Part, edited: &StrategyDraft, stored: &StrategyDraft) -> StrategyDraft {
    let mut out = stored.clone();
    match part {
        Part::Mission => {
            out.mission_problem = edited.mission_problem.clone();
            out.mission_value = edited.mission_value.clone();
            out.vision = edited.vision.clone();
        }
        Part::CoreElements => {
            out.alignment_rating = edited.alignment_rating;
            out.alignment_note = edited.alignment_note.clone();
            out.adaptability_rating = edited.adaptability_rating;
            out.adaptability_note = edited.adaptability_note.clone();
            out.shared_value_rating = edited.shared_value_rating;
            out.shared_value_note = edited.shared_value_note.clone();
        }
        Part::ValueProposition => {
            out.value_what = edited.value_what.clone();
            out.value_why = edited.value_why.clone();
        }
        Part::Model => {
            out.model = edited.model;
            out.model_rationale = edited.model_rationale.clone();
        }
    }
    out
}

/// The form field that shows `field`'s problem.
pub(super) fn field_id(field: StrategyField) -> &'static str {
    match field {
        StrategyField::MissionProblem => "problem",
        StrategyField::MissionValue => "value",
        StrategyField::Vision => "vision",
        StrategyField::AlignmentRating => "alignment",
        StrategyField::AlignmentNote => "alignment_note",
        StrategyField::AdaptabilityRating => "adaptability",
        StrategyField::AdaptabilityNote => "adaptability_note",
        StrategyField::SharedValueRating => "shared_value",
        StrategyField::SharedValueNote => "shared_value_note",
        StrategyField::ValueWhat => "what",
        StrategyField::ValueWhy => "why",
        StrategyField::DecisionAnswers => "model",
        StrategyField::ModelRationale => "rationale",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_reads_back_what_it_was_given() {
        let draft = StrategyDraft {
            mission_problem: "Buyers cannot find us.".into(),
            alignment_rating: Some(4),
            shared_value_note: "Uneven.\nWork on it.".into(),
            model: Some(Model::Hybrid),
            model_rationale: "Resellers today, co-creation tomorrow.".into(),
            ..Default::default()
        };
        let advice = Advice::NotYet {
            firm_answers: 0,
            message: String::new(),
        };
        for part in [
            Part::Mission,
            Part::CoreElements,
            Part::ValueProposition,
            Part::Model,
        ] {
            let f = form(part, &draft, &advice, "Plan");
            assert_eq!(
                read(part, &f, &StrategyDraft::default()),
                merged(part, &draft, &StrategyDraft::default()),
                "{part:?}"
            );
        }
        assert_eq!(rating_label(Some(3)), "3 fair");
        assert_eq!(rating_of("5 very strong"), Some(5));
        assert_eq!(rating_of(""), None);
    }

    #[test]
    fn merging_takes_only_the_part_edited() {
        let stored = StrategyDraft {
            vision: "Stored vision".into(),
            value_what: "Stored offer".into(),
            ..Default::default()
        };
        let edited = StrategyDraft {
            vision: "New vision".into(),
            value_what: "Stale offer".into(),
            ..Default::default()
        };
        let out = merged(Part::Mission, &edited, &stored);
        assert_eq!(out.vision, "New vision");
        assert_eq!(out.value_what, "Stored offer");
    }
}
