//! The forms of joint offerings: an offering (name, problem, segment, status, owner, goal) and a
//! member (what it contributes, of which kind, whether the offering fails without it).

use crate::plan::ecosystem::{EcoField, MemberDraft, OFFERING_STATUSES, OfferingDraft, Problems};
use crate::tui::intent::Intent;
use crate::tui::tabs::roles::RoleEdit;
use crate::tui::widgets::form::Form;

/// An open offering or member form and what saving it means.
#[derive(Debug)]
pub enum OfferingForm {
    Offering {
        form: Form,
        editing: Option<i64>,
        /// (id, title) of every goal the offering may serve.
        goals: Vec<(i64, String)>,
        /// Kept as it was: the form does not edit the linked KPI.
        kpi: Option<i64>,
    },
    Member {
        form: Form,
        offering: i64,
        editing: Option<i64>,
        partner: Option<i64>,
    },
}

impl OfferingForm {
    pub fn offering(
        title: String,
        draft: &OfferingDraft,
        editing: Option<i64>,
        goals: Vec<(i64, String)>,
    ) -> OfferingForm {
        let titles: Vec<&str> = goals.iter().map(|(_, t)| t.as_str()).collect();
        let goal = draft
            .goal
            .and_then(|id| goals.iter().find(|(g, _)| *g == id))
            .map_or("", |(_, t)| t.as_str());
        let form = Form::new(title)
            .text("name", "Name", &draft.name, true)
            .placeholder("e.g. Predictive maintenance suite")
            .multiline("problem", "Customer problem", &draft.problem)
            .rows(2)
            .text("segment", "Target segment", &draft.segment, false)
            .choice("status", "Status", &OFFERING_STATUSES, &draft.status)
            .text("owner", "Owner", &draft.owner, false)
            .choice_or_none("goal", "Serves goal", &titles, goal);
        OfferingForm::Offering {
            form,
            editing,
            goals,
            kpi: draft.kpi,
        }
    }

    pub fn member(
        title: String,
        draft: &MemberDraft,
        offering: i64,
        editing: Option<i64>,
        kinds: &[String],
    ) -> OfferingForm {
        let form = Form::new(title)
            .text("contribution", "Contributes", &draft.contribution, true)
            .placeholder("e.g. Failure-prediction models")
            .choice_or_none("kind", "Kind", kinds, &draft.kind)
            .checkbox("critical", "Critical", draft.critical);
        OfferingForm::Member {
            form,
            offering,
            editing,
            partner: draft.partner,
        }
    }

    pub fn form(&self) -> &Form {
        match self {
            OfferingForm::Offering { form, .. } | OfferingForm::Member { form, .. } => form,
        }
    }

    pub fn form_mut(&mut self) -> &mut Form {
        match self {
            OfferingForm::Offering { form, .. } | OfferingForm::Member { form, .. } => form,
        }
    }

    /// The form as an edit, or its problems shown on their fields. `other_names`: the other
    /// offerings' names.
    pub fn submit(&mut self, other_names: &[&str]) -> Intent {
        match self {
            OfferingForm::Offering {
                form,
                editing,
                goals,
                kpi,
            } => {
                form.clear_errors();
                let goal_title = form.value("goal");
                let draft = OfferingDraft {
                    name: form.value("name"),
                    problem: form.value("problem"),
                    segment: form.value("segment"),
                    status: form.value("status"),
                    owner: form.value("owner"),
                    goal: goals
                        .iter()
                        .find(|(_, t)| *t == goal_title)
                        .map(|(id, _)| *id),
                    kpi: *kpi,
                };
                match draft.checked(other_names) {
                    Ok(draft) => Intent::Role(RoleEdit::SaveOffering {
                        id: *editing,
                        draft,
                    }),
                    Err(problems) => refused(form, problems),
                }
            }
            OfferingForm::Member {
                form,
                offering,
                editing,
                partner,
            } => {
                form.clear_errors();
                let draft = MemberDraft {
                    partner: *partner,
                    contribution: form.value("contribution"),
                    kind: form.value("kind"),
                    critical: form.value("critical") == "yes",
                };
                match draft.checked() {
                    Ok(draft) => Intent::Role(RoleEdit::SaveMember {
                        offering: *offering,
                        id: *editing,
                        draft,
                    }),
                    Err(problems) => refused(form, problems),
                }
            }
        }
    }
}

/// Shows each problem beside its field (a link's or offering's, whichever form is open; one
/// of no field, such as a link's two ends being one partner, beside the first) and keeps the
/// form open.
pub fn refused(form: &mut Form, problems: Problems) -> Intent {
    for (field, message) in problems {
        let id = match field {
            EcoField::Kind => "kind",
            EcoField::Direction => "direction",
            EcoField::Status => "status",
            EcoField::Strength => "strength",
            EcoField::Note => "note",
            EcoField::Problem => "problem",
            EcoField::Segment => "segment",
            EcoField::Owner => "owner",
            EcoField::Contribution => "contribution",
            EcoField::Name => "name",
            EcoField::Partner => "",
        };
        let id = if form.has_field(id) {
            id
        } else {
            form.first_id()
        };
        form.set_error(id, message);
    }
    form.focus_first_error();
    Intent::Nothing
}
