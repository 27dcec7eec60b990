//! The forms of joint offerings: an offering (name, problem, segment, status, owner, the goals it
//! serves and the KPIs that measure it, each ticked in a pick-list) and a member (what it
//! contributes, of which kind, whether the offering fails without it).

use crate::plan::ecosystem::{EcoField, MemberDraft, OFFERING_STATUSES, OfferingDraft, Problems};
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::tabs::roles::RoleEdit;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::picker::Picker;

/// The goals or the KPIs an offering links to, as its form holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticked {
    /// The link field's id in the form.
    pub field: &'static str,
    /// (id, title) of every goal or KPI there is.
    pub all: Vec<(i64, String)>,
    /// The ticked ones, in the order ticked.
    pub ids: Vec<i64>,
}

impl Ticked {
    fn new(field: &'static str, all: Vec<(i64, String)>, ids: &[i64]) -> Ticked {
        let ids = ids
            .iter()
            .copied()
            .filter(|id| all.iter().any(|(a, _)| a == id))
            .collect();
        Ticked { field, all, ids }
    }

    /// What the link field shows: the ticked titles, comma-separated.
    pub fn names(&self) -> String {
        self.ids
            .iter()
            .filter_map(|id| self.all.iter().find(|(a, _)| a == id))
            .map(|(_, t)| clean(t).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The pick-list's rows: every goal or KPI, the ticked ones marked ✓.
    pub fn choices(&self) -> Vec<(i64, String)> {
        self.all
            .iter()
            .map(|(id, title)| {
                let mark = if self.ids.contains(id) { "✓" } else { " " };
                (*id, format!("{mark} {}", clean(title)))
            })
            .collect()
    }

    /// Ticks `id`, or unticks it when it was ticked.
    pub fn toggle(&mut self, id: i64) {
        if let Some(at) = self.ids.iter().position(|i| *i == id) {
            self.ids.remove(at);
        } else {
            self.ids.push(id);
        }
    }

    /// An emptied link field (Backspace) unticks all.
    fn sync(&mut self, form: &Form) {
        if form.value(self.field).is_empty() {
            self.ids.clear();
        }
    }
}

/// An open offering or member form and what saving it means.
#[derive(Debug)]
pub enum OfferingForm {
    Offering {
        form: Form,
        editing: Option<i64>,
        /// The goals it serves.
        goals: Ticked,
        /// The KPIs that measure it.
        kpis: Ticked,
    },
    Member {
        form: Form,
        offering: i64,
        editing: Option<i64>,
        partner: Option<i64>,
    },
}

impl OfferingForm {
    /// `goals` and `kpis`: (id, title) of every goal and KPI there is.
    pub fn offering(
        title: String,
        draft: &OfferingDraft,
        editing: Option<i64>,
        goals: Vec<(i64, String)>,
        kpis: Vec<(i64, String)>,
    ) -> OfferingForm {
        let goals = Ticked::new("goals", goals, &draft.goals);
        let kpis = Ticked::new("kpis", kpis, &draft.kpis);
        let form = Form::new(title)
            .text("name", "Name", &draft.name, true)
            .placeholder("e.g. Predictive maintenance suite")
            .multiline("problem", "Customer problem", &draft.problem)
            .rows(2)
            .text("segment", "Target segment", &draft.segment, false)
            .choice("status", "Status", &OFFERING_STATUSES, &draft.status)
            .text("owner", "Owner", &draft.owner, false)
            .link("goals", "Serves goals", &goals.names())
            .link("kpis", "Measured by KPIs", &kpis.names());
        OfferingForm::Offering {
            form,
            editing,
            goals,
            kpis,
        }
    }

    /// The pick-list of the offering form's link field `field` (goals or KPIs), or why there
    /// is none.
    pub fn pick_list(&mut self, field: &str) -> Result<Picker, String> {
        let OfferingForm::Offering {
            form, goals, kpis, ..
        } = self
        else {
            return Err(String::new());
        };
        goals.sync(form);
        kpis.sync(form);
        let (ticked, what, title, none) = if field == kpis.field {
            (
                &*kpis,
                "KPIs",
                "KPIs that measure this offering",
                "No KPI yet: add KPIs on the Metrics tab (6), then tick them here.",
            )
        } else {
            (
                &*goals,
                "goals",
                "Goals this offering serves",
                "No goal yet: add goals on the Strategy tab (2), then tick them here.",
            )
        };
        if ticked.all.is_empty() {
            return Err(none.to_string());
        }
        // Spelled when drawn (`Picker::render_keys`), so an override of the keys shows.
        let title =
            format!("{title} (‹picker:open› ticks or unticks, ‹ecosystem:cancel› when done)");
        Ok(Picker::new(title, ticked.choices()).nothing(&format!("No {what} match.")))
    }

    /// Ticks or unticks `id` in link field `field`; the pick-list's rows as they now are.
    pub fn toggle(&mut self, field: &str, id: i64) -> Vec<(i64, String)> {
        let OfferingForm::Offering {
            form, goals, kpis, ..
        } = self
        else {
            return Vec::new();
        };
        let ticked = if field == kpis.field { kpis } else { goals };
        ticked.toggle(id);
        form.set_choice(ticked.field, &ticked.names());
        ticked.choices()
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
                kpis,
            } => {
                form.clear_errors();
                goals.sync(form);
                kpis.sync(form);
                let draft = OfferingDraft {
                    name: form.value("name"),
                    problem: form.value("problem"),
                    segment: form.value("segment"),
                    status: form.value("status"),
                    owner: form.value("owner"),
                    goals: goals.ids.clone(),
                    kpis: kpis.ids.clone(),
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
