//! The Roles tab's forms: a role, a sector template to apply, an assignment's note.

use super::edit::RoleEdit;
use crate::plan::roles::{Criticality, RoleDraft, RoleField, RoleStatus};
use crate::plan::sector_template;
use crate::tui::intent::Intent;
use crate::tui::widgets::form::Form;

/// The status choice that leaves the status to coverage.
const COMPUTED: &str = "computed from coverage";

/// An open form and what saving it means.
#[derive(Debug)]
pub(super) enum RoleForm {
    Role {
        form: Form,
        /// The role edited; `None` while adding.
        editing: Option<i64>,
        /// Where a new role goes.
        parent: Option<i64>,
    },
    Template(Form),
    Note {
        form: Form,
        partner: i64,
        role: i64,
    },
}

impl RoleForm {
    pub fn form(&self) -> &Form {
        match self {
            RoleForm::Role { form, .. }
            | RoleForm::Template(form)
            | RoleForm::Note { form, .. } => form,
        }
    }

    pub fn form_mut(&mut self) -> &mut Form {
        match self {
            RoleForm::Role { form, .. }
            | RoleForm::Template(form)
            | RoleForm::Note { form, .. } => form,
        }
    }

    /// How tall the form's popup is at `width`. The template form has one field, and its list
    /// of templates opens inside the popup: it gets the room to show every template at once.
    pub fn popup_height(&self, width: u16) -> u16 {
        let height = self.form().height(width);
        match self {
            RoleForm::Template(_) => height + sector_template::names().len() as u16 + 1,
            _ => height,
        }
    }

    /// The role form for `draft`; `hub` when the role is (or will be) the hub.
    pub fn role(
        title: &str,
        draft: &RoleDraft,
        editing: Option<i64>,
        parent: Option<i64>,
    ) -> RoleForm {
        let criticalities: Vec<&str> = Criticality::ALL.iter().map(|c| c.word()).collect();
        let statuses: Vec<&str> = std::iter::once(COMPUTED)
            .chain(RoleStatus::ALL.iter().map(|s| s.word()))
            .collect();
        let form = Form::new(title.to_string())
            .text("name", "Name", &draft.name, true)
            .placeholder("e.g. Cloud infrastructure")
            .multiline("description", "Description", &draft.description)
            .rows(3)
            .choice(
                "criticality",
                "Criticality",
                &criticalities,
                draft.criticality.word(),
            )
            .number("min", "Min. partners", &draft.min_partners.to_string())
            .choice(
                "status",
                "Status",
                &statuses,
                draft.status_override.map_or(COMPUTED, RoleStatus::word),
            )
            .text("reason", "Why set by hand", &draft.status_reason, false)
            .placeholder("only when the status is set by hand");
        RoleForm::Role {
            form,
            editing,
            parent,
        }
    }

    pub fn template() -> RoleForm {
        let names = sector_template::names();
        RoleForm::Template(
            Form::new("Add a sector template's roles")
                .choice("template", "Template", &names, names[0]),
        )
    }

    pub fn note(title: &str, note: &str, partner: i64, role: i64) -> RoleForm {
        RoleForm::Note {
            form: Form::new(title.to_string())
                .multiline("note", "Note", note)
                .rows(4),
            partner,
            role,
        }
    }

    /// The form as an edit, or the problems shown on their fields. `other_names`: the names of
    /// the roles other than the one edited.
    pub fn submit(&mut self, other_names: &[&str]) -> Intent {
        match self {
            RoleForm::Role {
                form,
                editing,
                parent,
            } => {
                form.clear_errors();
                let min = form.value("min");
                let Ok(min_partners) = min.trim().parse::<i64>() else {
                    form.set_error("min", "Give a whole number of partners, e.g. 1.");
                    form.focus_first_error();
                    return Intent::Nothing;
                };
                let draft = RoleDraft {
                    name: form.value("name"),
                    description: form.value("description"),
                    criticality: Criticality::from_word(&form.value("criticality"))
                        .unwrap_or_default(),
                    min_partners,
                    status_override: RoleStatus::from_word(&form.value("status")),
                    status_reason: form.value("reason"),
                };
                match draft.checked(other_names) {
                    Ok(draft) => Intent::Role(RoleEdit::SaveRole {
                        id: *editing,
                        parent: *parent,
                        draft,
                    }),
                    Err(problems) => {
                        for (field, message) in problems {
                            let id = match field {
                                RoleField::Name => "name",
                                RoleField::Description => "description",
                                RoleField::MinPartners => "min",
                                RoleField::StatusReason => "reason",
                            };
                            form.set_error(id, message);
                        }
                        form.focus_first_error();
                        Intent::Nothing
                    }
                }
            }
            RoleForm::Template(form) => Intent::Role(RoleEdit::ApplyTemplate {
                name: form.value("template"),
            }),
            RoleForm::Note {
                form,
                partner,
                role,
            } => Intent::Role(RoleEdit::CellNote {
                partner: *partner,
                role: *role,
                note: form.value("note"),
            }),
        }
    }
}
