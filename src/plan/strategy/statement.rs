//! The strategy statement, one per workbook: mission and vision, the three core elements rated
//! 1–5 with a note each, the value proposition, the decision aid's answers and the chosen model.

use std::collections::BTreeMap;

use super::super::decision_aid::{Answer, Model};
use super::super::text::{describe_char, first_forbidden_char};
use super::{Problems, keep, many_lines};

/// The strategy as its sections edit it (and as the workbook reads it; a workbook without a
/// strategy row reads as the default, all blank).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StrategyDraft {
    pub mission_problem: String,
    pub mission_value: String,
    pub vision: String,
    /// 1–5, or `None` while unrated.
    pub alignment_rating: Option<i64>,
    pub alignment_note: String,
    pub adaptability_rating: Option<i64>,
    pub adaptability_note: String,
    pub shared_value_rating: Option<i64>,
    pub shared_value_note: String,
    pub value_what: String,
    pub value_why: String,
    /// By question key; stored with `decision_aid::write_answers`.
    pub decision_answers: BTreeMap<String, Answer>,
    /// `None` until chosen (a stored word this version does not know reads as `None` too, and is
    /// left as it is until the user chooses).
    pub model: Option<Model>,
    pub model_rationale: String,
}

/// Which field a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyField {
    MissionProblem,
    MissionValue,
    Vision,
    AlignmentRating,
    AlignmentNote,
    AdaptabilityRating,
    AdaptabilityNote,
    SharedValueRating,
    SharedValueNote,
    ValueWhat,
    ValueWhy,
    DecisionAnswers,
    ModelRationale,
}

/// The Strategy tab's sections that edit the statement; names a save in the undo history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StrategySection {
    Mission,
    CoreElements,
    ValueProposition,
    DecisionAid,
    Model,
}

impl StrategySection {
    /// For people: "core elements".
    pub fn label(self) -> &'static str {
        match self {
            StrategySection::Mission => "mission",
            StrategySection::CoreElements => "core elements",
            StrategySection::ValueProposition => "value proposition",
            StrategySection::DecisionAid => "decision aid",
            StrategySection::Model => "model",
        }
    }
}

/// The words beside a core-element rating: 1 "very weak" to 5 "very strong".
pub fn rating_word(rating: i64) -> Option<&'static str> {
    match rating {
        1 => Some("very weak"),
        2 => Some("weak"),
        3 => Some("fair"),
        4 => Some("strong"),
        5 => Some("very strong"),
        _ => None,
    }
}

fn rating(value: Option<i64>, what: &str) -> Result<Option<i64>, String> {
    match value {
        Some(r) if rating_word(r).is_none() => Err(format!(
            "Rate {what} from 1 (very weak) to 5 (very strong), or leave it unrated ({r} given)."
        )),
        _ => Ok(value),
    }
}

impl StrategyDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<StrategyDraft, Problems<StrategyField>> {
        use StrategyField as F;
        let mut p = Vec::new();
        let text = |t: &str, what: &str| many_lines(t, what, false);
        let checked = StrategyDraft {
            mission_problem: keep(
                &mut p,
                F::MissionProblem,
                text(&self.mission_problem, "problem"),
            ),
            mission_value: keep(&mut p, F::MissionValue, text(&self.mission_value, "value")),
            vision: keep(&mut p, F::Vision, text(&self.vision, "vision")),
            alignment_rating: keep(
                &mut p,
                F::AlignmentRating,
                rating(self.alignment_rating, "alignment"),
            ),
            alignment_note: keep(&mut p, F::AlignmentNote, text(&self.alignment_note, "note")),
            adaptability_rating: keep(
                &mut p,
                F::AdaptabilityRating,
                rating(self.adaptability_rating, "adaptability"),
            ),
            adaptability_note: keep(
                &mut p,
                F::AdaptabilityNote,
                text(&self.adaptability_note, "note"),
            ),
            shared_value_rating: keep(
                &mut p,
                F::SharedValueRating,
                rating(self.shared_value_rating, "shared value"),
            ),
            shared_value_note: keep(
                &mut p,
                F::SharedValueNote,
                text(&self.shared_value_note, "note"),
            ),
            value_what: keep(
                &mut p,
                F::ValueWhat,
                text(&self.value_what, "value proposition"),
            ),
            value_why: keep(
                &mut p,
                F::ValueWhy,
                text(&self.value_why, "reason it matters"),
            ),
            decision_answers: keep(&mut p, F::DecisionAnswers, answers(&self.decision_answers)),
            model: self.model,
            model_rationale: keep(
                &mut p,
                F::ModelRationale,
                text(&self.model_rationale, "rationale"),
            ),
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }

    /// The sections whose fields differ between `self` and `other`, in the tab's order.
    pub fn sections_changed(&self, other: &StrategyDraft) -> Vec<StrategySection> {
        let mut sections = Vec::new();
        if (&self.mission_problem, &self.mission_value, &self.vision)
            != (&other.mission_problem, &other.mission_value, &other.vision)
        {
            sections.push(StrategySection::Mission);
        }
        let core = |d: &StrategyDraft| {
            (
                d.alignment_rating,
                d.alignment_note.clone(),
                d.adaptability_rating,
                d.adaptability_note.clone(),
                d.shared_value_rating,
                d.shared_value_note.clone(),
            )
        };
        if core(self) != core(other) {
            sections.push(StrategySection::CoreElements);
        }
        if (&self.value_what, &self.value_why) != (&other.value_what, &other.value_why) {
            sections.push(StrategySection::ValueProposition);
        }
        if self.decision_answers != other.decision_answers {
            sections.push(StrategySection::DecisionAid);
        }
        if (self.model, &self.model_rationale) != (other.model, &other.model_rationale) {
            sections.push(StrategySection::Model);
        }
        sections
    }
}

/// Answers keyed by clean question keys (trimmed; blank keys dropped).
fn answers(answers: &BTreeMap<String, Answer>) -> Result<BTreeMap<String, Answer>, String> {
    let mut clean = BTreeMap::new();
    for (key, answer) in answers {
        let key = key.trim();
        if let Some(c) = first_forbidden_char(key, false) {
            return Err(format!(
                "A decision-aid question key holds {}; the answers were not saved.",
                describe_char(c)
            ));
        }
        if !key.is_empty() {
            clean.insert(key.to_string(), *answer);
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::super::problem_fields;
    use super::*;

    fn fields(draft: &StrategyDraft) -> Vec<StrategyField> {
        problem_fields(draft.checked())
    }

    #[test]
    fn ratings_run_from_1_to_5_or_none() {
        for (rating, ok) in [
            (None, true),
            (Some(0), false),
            (Some(1), true),
            (Some(5), true),
            (Some(6), false),
        ] {
            let draft = StrategyDraft {
                shared_value_rating: rating,
                ..Default::default()
            };
            let expected: &[StrategyField] = if ok {
                &[]
            } else {
                &[StrategyField::SharedValueRating]
            };
            assert_eq!(fields(&draft), expected, "{rating:?}");
        }
        assert_eq!(rating_word(4), Some("strong"));
    }

    #[test]
    fn texts_are_trimmed_and_may_hold_lines_but_no_controls() {
        let draft = StrategyDraft {
            mission_problem: "  Buyers cannot find us.\nNor trust us.  ".into(),
            vision: "bell\u{7}".into(),
            ..Default::default()
        };
        assert_eq!(fields(&draft), [StrategyField::Vision]);
        let draft = StrategyDraft {
            vision: String::new(),
            ..draft
        };
        assert_eq!(
            draft.checked().unwrap().mission_problem,
            "Buyers cannot find us.\nNor trust us."
        );
    }

    #[test]
    fn answer_keys_are_trimmed_and_blank_ones_dropped() {
        let mut answers = BTreeMap::new();
        answers.insert(" innovation ".to_string(), Answer::Yes);
        answers.insert(" ".to_string(), Answer::No);
        let draft = StrategyDraft {
            decision_answers: answers,
            ..Default::default()
        };
        let checked = draft.checked().unwrap();
        assert_eq!(checked.decision_answers.len(), 1);
        assert_eq!(checked.decision_answers["innovation"], Answer::Yes);
        let mut bad = BTreeMap::new();
        bad.insert("key\u{1b}".to_string(), Answer::Yes);
        let draft = StrategyDraft {
            decision_answers: bad,
            ..Default::default()
        };
        assert_eq!(fields(&draft), [StrategyField::DecisionAnswers]);
    }

    #[test]
    fn sections_changed_names_what_a_save_touches() {
        let before = StrategyDraft::default();
        let after = StrategyDraft {
            vision: "A".into(),
            adaptability_rating: Some(3),
            model: Some(Model::Hybrid),
            ..Default::default()
        };
        assert_eq!(
            after.sections_changed(&before),
            [
                StrategySection::Mission,
                StrategySection::CoreElements,
                StrategySection::Model
            ]
        );
        assert!(before.sections_changed(&before).is_empty());
    }
}
