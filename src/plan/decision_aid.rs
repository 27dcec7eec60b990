//! The model decision aid: from yes / no / unsure answers to channel, ecosystem or hybrid, with
//! the answers that drove it.
//!
//! The rule:
//! - each question leans toward channel or ecosystem and has a weight (1–3);
//! - "yes" gives the question's lean 2 × weight points; "no" gives the *other* model 1 × weight
//!   (a missing reason for one model is weaker evidence for the other than a present one);
//!   "unsure" and unanswered questions give nothing;
//! - score = 100 × (ecosystem points − channel points) / (all points), from −100 (all channel) to
//!   +100 (all ecosystem);
//! - score ≤ −34 → channel, ≥ +34 → ecosystem, in between → hybrid / transitioning;
//! - fewer than [`MIN_ANSWERS`] yes-or-no answers → no recommendation yet.

use std::collections::BTreeMap;

use super::framework::{Lean, Question};
use super::words::worded;

/// Firm answers (yes or no) needed before the aid recommends anything.
pub const MIN_ANSWERS: usize = 3;
/// How far from 0 the score must be for a clear channel or ecosystem.
pub const CLEAR_SCORE: i32 = 34;

worded! {
    /// One answer to a question.
    #[derive(Default)]
    pub enum Answer {
        Yes => "yes",
        No => "no",
        #[default]
        Unsure => "unsure",
    }
}

worded! {
    /// The model stored in the strategy.
    pub enum Model {
        Channel => "channel",
        Ecosystem => "ecosystem",
        Hybrid => "hybrid",
    }
}

impl Model {
    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Model::Channel => "channel",
            Model::Ecosystem => "ecosystem",
            Model::Hybrid => "hybrid / transitioning",
        }
    }
}

/// One answer that moved the score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub question_key: String,
    pub question: String,
    pub answer: Answer,
    pub toward: Lean,
    pub points: u32,
}

/// What the aid advises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Advice {
    /// Too few firm answers; `message` says how many more are needed.
    NotYet {
        firm_answers: usize,
        message: String,
    },
    Recommend(Recommendation),
}

/// A recommended model and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub model: Model,
    /// −100 (all channel) to +100 (all ecosystem).
    pub score: i32,
    /// The answers that moved the score, strongest first.
    pub drivers: Vec<Driver>,
    /// In words, naming the driving answers.
    pub explanation: String,
}

/// The answers by question key, as stored in the strategy (`{"innovation": "yes", …}`); unknown
/// words read as unsure, and text that is not such an object reads as no answers.
pub fn read_answers(json: &str) -> BTreeMap<String, Answer> {
    serde_json::from_str::<BTreeMap<String, String>>(json)
        .unwrap_or_default()
        .into_iter()
        .map(|(key, word)| (key, Answer::from_word(&word).unwrap_or_default()))
        .collect()
}

/// The answers as stored in the strategy.
pub fn write_answers(answers: &BTreeMap<String, Answer>) -> String {
    let words: BTreeMap<&str, &str> = answers
        .iter()
        .map(|(key, answer)| (key.as_str(), answer.word()))
        .collect();
    serde_json::to_string(&words).unwrap_or_else(|_| "{}".to_string())
}

/// The advice for `answers` (by question key) to `questions`; see the module's rule.
pub fn advise(questions: &[Question], answers: &BTreeMap<String, Answer>) -> Advice {
    let mut drivers: Vec<Driver> = questions
        .iter()
        .filter_map(|q| {
            let answer = *answers.get(&q.key)?;
            let (toward, points) = match answer {
                Answer::Yes => (q.lean, 2 * u32::from(q.weight)),
                Answer::No => (q.lean.opposite(), u32::from(q.weight)),
                Answer::Unsure => return None,
            };
            Some(Driver {
                question_key: q.key.clone(),
                question: q.text.clone(),
                answer,
                toward,
                points,
            })
        })
        .collect();
    let firm = drivers.len();
    if firm < MIN_ANSWERS {
        let more = MIN_ANSWERS - firm;
        return Advice::NotYet {
            firm_answers: firm,
            message: format!(
                "Answer {more} more question{} with yes or no to get a recommendation \
                 (unsure answers do not count).",
                if more == 1 { "" } else { "s" }
            ),
        };
    }
    let toward = |lean| -> i64 {
        drivers
            .iter()
            .filter(|d| d.toward == lean)
            .map(|d| i64::from(d.points))
            .sum()
    };
    let (channel, ecosystem) = (toward(Lean::Channel), toward(Lean::Ecosystem));
    let total = channel + ecosystem;
    let score = ((100 * (ecosystem - channel)) as f64 / total as f64).round() as i32;
    let model = if score <= -CLEAR_SCORE {
        Model::Channel
    } else if score >= CLEAR_SCORE {
        Model::Ecosystem
    } else {
        Model::Hybrid
    };
    drivers.sort_by_key(|d| std::cmp::Reverse(d.points));
    let unsure = questions
        .iter()
        .filter(|q| answers.get(&q.key) == Some(&Answer::Unsure))
        .count();
    let explanation = explain(model, score, &drivers, unsure);
    Advice::Recommend(Recommendation {
        model,
        score,
        drivers,
        explanation,
    })
}

fn explain(model: Model, score: i32, drivers: &[Driver], unsure: usize) -> String {
    let listed = |lean: Lean| -> Option<String> {
        let said: Vec<String> = drivers
            .iter()
            .filter(|d| d.toward == lean)
            .map(|d| format!("{} to \"{}\"", d.answer.word(), d.question))
            .collect();
        (!said.is_empty()).then(|| said.join("; "))
    };
    let mut text = match model {
        Model::Channel | Model::Ecosystem => {
            let lean = if model == Model::Channel {
                Lean::Channel
            } else {
                Lean::Ecosystem
            };
            let mut text = format!(
                "Leans {} (score {score:+}). Driven by: {}.",
                model.label(),
                listed(lean).unwrap_or_default()
            );
            if let Some(against) = listed(lean.opposite()) {
                text.push_str(&format!(" Pointing the other way: {against}."));
            }
            text
        }
        Model::Hybrid => format!(
            "The answers pull both ways (score {score:+}), so a hybrid, or a channel on its way \
             to an ecosystem, fits best. Toward channel: {}. Toward ecosystem: {}.",
            listed(Lean::Channel).unwrap_or_else(|| "nothing".into()),
            listed(Lean::Ecosystem).unwrap_or_else(|| "nothing".into()),
        ),
    };
    if unsure > 0 {
        text.push_str(&format!(
            " {unsure} unsure answer{} did not count.",
            if unsure == 1 { "" } else { "s" }
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(key: &str, lean: Lean, weight: u8) -> Question {
        Question {
            key: key.into(),
            text: format!("{key}?"),
            lean,
            weight,
        }
    }

    fn questions() -> Vec<Question> {
        vec![
            question("defined", Lean::Channel, 3),
            question("scale", Lean::Channel, 3),
            question("resell", Lean::Channel, 2),
            question("innovate", Lean::Ecosystem, 3),
            question("complex", Lean::Ecosystem, 3),
            question("markets", Lean::Ecosystem, 2),
        ]
    }

    fn answers(pairs: &[(&str, Answer)]) -> BTreeMap<String, Answer> {
        pairs.iter().map(|(k, a)| (k.to_string(), *a)).collect()
    }

    fn recommend(pairs: &[(&str, Answer)]) -> Recommendation {
        match advise(&questions(), &answers(pairs)) {
            Advice::Recommend(r) => r,
            other => panic!("no recommendation: {other:?}"),
        }
    }

    use Answer::{No, Unsure, Yes};

    #[test]
    fn channel_answers_give_a_channel_with_the_drivers_named() {
        let r = recommend(&[
            ("defined", Yes),
            ("scale", Yes),
            ("innovate", No),
            ("complex", No),
        ]);
        assert_eq!(r.model, Model::Channel);
        assert_eq!(r.score, -100);
        assert_eq!(r.drivers[0].question_key, "defined");
        assert_eq!(r.drivers[0].points, 6);
        assert!(
            r.explanation.starts_with(
                "Leans channel (score -100). Driven by: yes to \"defined?\"; yes to \"scale?\""
            ),
            "{}",
            r.explanation
        );
        assert!(r.explanation.contains("no to \"innovate?\""));
        assert!(!r.explanation.contains("Pointing the other way"));
    }

    #[test]
    fn ecosystem_answers_give_an_ecosystem_and_name_what_pointed_the_other_way() {
        let r = recommend(&[
            ("innovate", Yes),
            ("complex", Yes),
            ("markets", Yes),
            ("defined", Yes),
        ]);
        // Ecosystem 6 + 6 + 4 = 16, channel 6: 100 × 10 / 22 = 45.
        assert_eq!((r.model, r.score), (Model::Ecosystem, 45));
        assert!(
            r.explanation
                .contains("Pointing the other way: yes to \"defined?\".")
        );
        assert!(r.explanation.contains("yes to \"markets?\""));
    }

    #[test]
    fn balanced_answers_fall_in_the_hybrid_band() {
        let r = recommend(&[
            ("defined", Yes),
            ("scale", Yes),
            ("innovate", Yes),
            ("complex", Yes),
        ]);
        assert_eq!((r.model, r.score), (Model::Hybrid, 0));
        assert!(
            r.explanation
                .contains("Toward channel: yes to \"defined?\"; yes to \"scale?\"")
        );
        assert!(
            r.explanation
                .contains("Toward ecosystem: yes to \"innovate?\"")
        );
        // Just inside the band: channel 6 + 6, ecosystem 6 + 4 → 100 × −2 / 22 = −9.
        let near = recommend(&[
            ("defined", Yes),
            ("scale", Yes),
            ("innovate", Yes),
            ("markets", Yes),
        ]);
        assert_eq!((near.model, near.score), (Model::Hybrid, -9));
        // The band's edge: channel 12, ecosystem 6 → −33 stays hybrid; ecosystem 4 → −50 channel.
        let edge = recommend(&[("defined", Yes), ("scale", Yes), ("innovate", Yes)]);
        assert_eq!((edge.model, edge.score), (Model::Hybrid, -33));
        let over = recommend(&[("defined", Yes), ("scale", Yes), ("markets", Yes)]);
        assert_eq!((over.model, over.score), (Model::Channel, -50));
    }

    #[test]
    fn unsure_answers_count_nothing_and_are_mentioned() {
        let with = recommend(&[
            ("defined", Yes),
            ("scale", Yes),
            ("resell", Yes),
            ("innovate", Unsure),
            ("complex", Unsure),
        ]);
        let without = recommend(&[("defined", Yes), ("scale", Yes), ("resell", Yes)]);
        assert_eq!(with.score, without.score);
        assert_eq!(with.drivers, without.drivers);
        assert!(
            with.explanation
                .ends_with(" 2 unsure answers did not count.")
        );
        assert!(!without.explanation.contains("unsure"));
    }

    #[test]
    fn too_few_firm_answers_give_no_recommendation_yet() {
        let advice = advise(
            &questions(),
            &answers(&[
                ("defined", Yes),
                ("innovate", Unsure),
                ("complex", Unsure),
                ("x", Yes),
            ]),
        );
        assert_eq!(
            advice,
            Advice::NotYet {
                firm_answers: 1,
                message: "Answer 2 more questions with yes or no to get a recommendation \
                          (unsure answers do not count)."
                    .into()
            }
        );
        assert!(matches!(
            advise(&questions(), &BTreeMap::new()),
            Advice::NotYet {
                firm_answers: 0,
                ..
            }
        ));
    }

    #[test]
    fn answers_round_trip_through_the_stored_text() {
        let given = answers(&[("defined", Yes), ("innovate", No), ("complex", Unsure)]);
        let text = write_answers(&given);
        assert_eq!(
            text,
            r#"{"complex":"unsure","defined":"yes","innovate":"no"}"#
        );
        assert_eq!(read_answers(&text), given);
        assert_eq!(read_answers(r#"{"a":"maybe"}"#), answers(&[("a", Unsure)]));
        assert!(read_answers("not json").is_empty());
        assert!(read_answers("{}").is_empty());
    }

    #[test]
    fn the_shipped_questions_can_give_every_model() {
        let framework = super::super::framework::shipped().unwrap();
        let all = |lean: Lean| -> BTreeMap<String, Answer> {
            framework
                .questions
                .iter()
                .map(|q| (q.key.clone(), if q.lean == lean { Yes } else { No }))
                .collect()
        };
        for (lean, model) in [
            (Lean::Channel, Model::Channel),
            (Lean::Ecosystem, Model::Ecosystem),
        ] {
            match advise(&framework.questions, &all(lean)) {
                Advice::Recommend(r) => assert_eq!(r.model, model),
                other => panic!("{other:?}"),
            }
        }
        let yes_to_all = framework
            .questions
            .iter()
            .map(|q| (q.key.clone(), Yes))
            .collect();
        match advise(&framework.questions, &yes_to_all) {
            Advice::Recommend(r) => assert_eq!(r.model, Model::Hybrid),
            other => panic!("{other:?}"),
        }
    }
}
