//! The form that adds or edits a link between two partners: kind from its word list, direction,
//! status, strength 1–3, note and the role it serves.

use super::offering_form::refused;
use crate::plan::ecosystem::{DIRECTIONS, LINK_STATUSES, LinkDraft};
use crate::tui::intent::Intent;
use crate::tui::tabs::roles::RoleEdit;
use crate::tui::widgets::form::Form;

/// What the role field says when the link serves no role.
const NO_ROLE: &str = "no role";

/// An open link form: the link edited (`None` while adding) and its two partners.
#[derive(Debug)]
pub struct LinkForm {
    pub form: Form,
    editing: Option<i64>,
    from: i64,
    to: i64,
    /// (id, name) of every role a link may serve.
    roles: Vec<(i64, String)>,
}

impl LinkForm {
    /// The form for `draft` between the partners named; `kinds` the link kinds' word list.
    pub fn new(
        title: String,
        draft: &LinkDraft,
        editing: Option<i64>,
        kinds: &[String],
        roles: Vec<(i64, String)>,
    ) -> LinkForm {
        let strengths = ["1", "2", "3"];
        let role_names: Vec<&str> = std::iter::once(NO_ROLE)
            .chain(roles.iter().map(|(_, name)| name.as_str()))
            .collect();
        let role = draft
            .role
            .and_then(|id| roles.iter().find(|(r, _)| *r == id))
            .map_or(NO_ROLE, |(_, name)| name.as_str());
        let strength = draft.strength.clamp(1, 3).to_string();
        let form = Form::new(title)
            .choice("kind", "Kind", kinds, &draft.kind)
            .choice("direction", "Direction", &DIRECTIONS, &draft.direction)
            .choice("status", "Status", &LINK_STATUSES, &draft.status)
            .choice("strength", "Strength (1–3)", &strengths, &strength)
            .choice("role", "Serves role", &role_names, role)
            .multiline("note", "Note", &draft.note)
            .rows(3);
        LinkForm {
            form,
            editing,
            from: draft.from,
            to: draft.to,
            roles,
        }
    }

    /// The form as an edit, or its problems shown on their fields.
    pub fn submit(&mut self) -> Intent {
        let form = &mut self.form;
        form.clear_errors();
        let role_name = form.value("role");
        let draft = LinkDraft {
            from: self.from,
            to: self.to,
            kind: form.value("kind"),
            direction: form.value("direction"),
            status: form.value("status"),
            strength: form.value("strength").trim().parse().unwrap_or(0),
            note: form.value("note"),
            role: self
                .roles
                .iter()
                .find(|(_, name)| *name == role_name)
                .map(|(id, _)| *id),
        };
        match draft.checked() {
            Ok(draft) => Intent::Role(RoleEdit::SaveLink {
                id: self.editing,
                draft,
            }),
            Err(problems) => refused(form, problems),
        }
    }
}
