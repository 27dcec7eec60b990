//! The form's part in asking about unlikely values (`plan::plausible`): a date the user changed,
//! asked about before saving; one the record already had is saved again without a question.

use jiff::civil::Date;

use super::Form;
use crate::plan::plausible::{PlanDate, plan_date};

impl Form {
    /// Whether field `id` holds something other than what the form opened with.
    pub fn changed(&self, id: &str) -> bool {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .is_some_and(|f| f.value() != f.initial)
    }

    /// The question to ask before saving the date of field `id` (`iso`, as read from it), when
    /// the user changed it and it is unlikely for a date of `kind`.
    pub fn doubt_about_date(
        &self,
        id: &str,
        iso: &str,
        kind: PlanDate,
        today: Date,
    ) -> Option<String> {
        if !self.changed(id) {
            return None;
        }
        let on: Date = iso.parse().ok()?;
        plan_date(kind, on, today)
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn only_a_changed_unlikely_date_is_asked_about() {
        let today = date(2026, 12, 6);
        let form = Form::new("Goal")
            .date("target", "Target", "2062-01-31")
            .date("other", "Other", "");
        // Opened with it: saved again without a question.
        assert!(!form.changed("target"));
        assert_eq!(
            form.doubt_about_date("target", "2062-01-31", PlanDate::GoalTarget, today),
            None
        );
        let mut form = form.focused("other");
        form.type_text("2063-01-31");
        assert!(form.changed("other"));
        let doubt = form.doubt_about_date("other", "2063-01-31", PlanDate::GoalTarget, today);
        assert!(doubt.is_some_and(|q| q.contains("2063-01-31")));
        assert_eq!(
            form.doubt_about_date("other", "not a date", PlanDate::GoalTarget, today),
            None
        );
    }
}
