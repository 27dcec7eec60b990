//! Step 12's check, future readiness: done once a trend of the user's own (not an untouched
//! example) has an adaptability action and a review date. The step stays optional.

use super::{GuideFacts, Missing, Target};
use crate::plan::framework::Screen;

/// Whether anything toward the step exists, and what is still missing for it to be done.
pub(super) fn check(f: &GuideFacts, note: &str) -> (bool, Vec<Missing>) {
    let trends = f.trends;
    let started = trends.own > 0 || !note.trim().is_empty() || f.review_cadence_set;
    let text = if trends.ready > 0 {
        return (true, Vec::new());
    } else if trends.own == 0 && trends.examples > 0 {
        "The radar holds only examples: edit one to fit the plan (or add your own trend) and give \
         it an adaptability action and a review date"
    } else if trends.own == 0 {
        "No trend is on the radar yet: add one with an adaptability action and a review date"
    } else {
        "No trend has both an adaptability action and a review date yet: add them to one"
    };
    let missing = Missing {
        text: text.to_string(),
        target: Target::screen(Screen::Future),
    };
    (started, vec![missing])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::trend::TrendFacts;

    fn facts(own: usize, ready: usize, examples: usize) -> GuideFacts {
        GuideFacts {
            trends: TrendFacts {
                own,
                ready,
                examples,
            },
            ..GuideFacts::default()
        }
    }

    #[test]
    fn a_trend_of_ones_own_with_an_action_and_a_review_date_makes_the_step_done() {
        assert_eq!(check(&facts(1, 1, 3), ""), (true, Vec::new()));
    }

    #[test]
    fn untouched_examples_count_for_nothing() {
        let (started, missing) = check(&facts(0, 0, 3), "");
        assert!(!started);
        assert!(missing[0].text.starts_with("The radar holds only examples"));
        assert_eq!(missing[0].target, Target::screen(Screen::Future));
    }

    #[test]
    fn an_own_trend_without_its_action_or_date_is_in_progress() {
        let (started, missing) = check(&facts(2, 0, 0), "");
        assert!(started);
        assert!(
            missing[0]
                .text
                .contains("both an adaptability action and a review date")
        );
        let (started, missing) = check(&facts(0, 0, 0), "we watch AI");
        assert!(started, "the step's note is a start");
        assert!(missing[0].text.starts_with("No trend is on the radar yet"));
    }
}
