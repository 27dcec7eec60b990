//! The joint plan's forms: a joint goal (what both commit to, by when, the KPIs it moves and
//! which way, the offerings, role and segment it is about), a commitment (ours or theirs) and a
//! milestone; and turning a filled form into an edit, problems shown on their fields.

use super::joint_links::GoalLinks;
use crate::plan::joint::{
    COMMITMENT_STATUSES, CommitmentDraft, GOAL_STATUSES, JointField, JointGoalDraft,
    MILESTONE_STATUSES, MilestoneDraft, Problems, SIDES,
};
use crate::plan::shape::{parse_typed_date, show_date};
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::widgets::form::Form;

/// Which list of the joint plan a row or form is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JointList {
    Goals,
    Commitments,
    Milestones,
}

impl JointList {
    pub const ALL: [JointList; 3] = [
        JointList::Goals,
        JointList::Commitments,
        JointList::Milestones,
    ];

    pub fn table(self) -> &'static str {
        match self {
            JointList::Goals => "joint_goals",
            JointList::Commitments => "joint_commitments",
            JointList::Milestones => "joint_milestones",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            JointList::Goals => "joint goal",
            JointList::Commitments => "commitment",
            JointList::Milestones => "milestone",
        }
    }
}

/// (id, name) of the roles a joint goal may name, and the partner's own goals (its KPIs and
/// offerings are picked in the link picker).
#[derive(Debug, Clone, Default)]
pub(super) struct Choices {
    pub roles: Vec<(i64, String)>,
    pub goals: Vec<(i64, String)>,
}

fn names(list: &[(i64, String)]) -> Vec<&str> {
    list.iter().map(|(_, n)| n.as_str()).collect()
}

fn name_of(list: &[(i64, String)], id: Option<i64>) -> &str {
    id.and_then(|id| list.iter().find(|(i, _)| *i == id))
        .map_or("", |(_, n)| n.as_str())
}

fn id_of(list: &[(i64, String)], name: &str) -> Option<i64> {
    list.iter().find(|(_, n)| n == name).map(|(id, _)| *id)
}

fn shown(date: &Option<String>, format: &str) -> String {
    date.as_deref()
        .map(|d| show_date(d, format))
        .unwrap_or_default()
}

pub(super) fn goal_form(
    title: String,
    d: &JointGoalDraft,
    c: &Choices,
    links: &GoalLinks,
    format: &str,
) -> Form {
    Form::new(title)
        .text("title", "Joint goal", &d.title, true)
        .placeholder("e.g. Launch the shared analytics offer")
        .multiline("commitment", "Both commit to", &d.commitment)
        .rows(2)
        .date("due", "Due by", &shown(&d.due_on, format))
        .choice("status", "Status", &GOAL_STATUSES, &d.status)
        .link("kpis", "Moves KPIs", &links.kpi_text())
        .link("offerings", "About offerings", &links.offering_text())
        .choice_or_none("role", "Role", &names(&c.roles), name_of(&c.roles, d.role))
        .text("segment", "Segment", &d.segment, false)
}

pub(super) fn commitment_form(
    title: String,
    d: &CommitmentDraft,
    c: &Choices,
    format: &str,
) -> Form {
    Form::new(title)
        .choice("side", "Whose", &SIDES, &d.side)
        .text("what", "Commitment", &d.what, true)
        .placeholder("e.g. Two engineers for the pilot")
        .choice_or_none(
            "goal",
            "For goal",
            &names(&c.goals),
            name_of(&c.goals, d.goal),
        )
        .date("due", "Due by", &shown(&d.due_on, format))
        .choice("status", "Status", &COMMITMENT_STATUSES, &d.status)
}

pub(super) fn milestone_form(title: String, d: &MilestoneDraft, c: &Choices, format: &str) -> Form {
    Form::new(title)
        .text("title", "Milestone", &d.title, true)
        .placeholder("e.g. Pilot live at three sites")
        .choice_or_none(
            "goal",
            "For goal",
            &names(&c.goals),
            name_of(&c.goals, d.goal),
        )
        .date("due", "Due on", &shown(&d.due_on, format))
        .choice("status", "Status", &MILESTONE_STATUSES, &d.status)
        .date("done", "Done on", &shown(&d.done_on, format))
}

fn field_id(field: JointField) -> &'static str {
    match field {
        JointField::Title => "title",
        JointField::Commitment => "commitment",
        JointField::Due => "due",
        JointField::Status => "status",
        JointField::Kpi | JointField::Direction | JointField::Target => "kpis",
        JointField::Offering => "offerings",
        JointField::Segment => "segment",
        JointField::Side => "side",
        JointField::What => "what",
        JointField::Done => "done",
    }
}

/// A typed date as stored, or `None` after marking the field.
fn date(form: &mut Form, id: &str, format: &str) -> Option<Option<String>> {
    match parse_typed_date(&form.value(id), format) {
        Ok(date) => Some(date),
        Err(message) => {
            form.set_error(id, message);
            None
        }
    }
}

fn show_problems(form: &mut Form, problems: Problems) -> Intent {
    for (field, message) in problems {
        form.set_error(field_id(field), message);
    }
    form.focus_first_error();
    Intent::Nothing
}

/// The open form as an edit of `list` (record `id`, or a new one in `partner`'s plan).
pub(super) fn submit(
    form: &mut Form,
    list: JointList,
    partner: i64,
    id: Option<i64>,
    c: &Choices,
    links: &GoalLinks,
    format: &str,
) -> Intent {
    form.clear_errors();
    let due = date(form, "due", format);
    match list {
        JointList::Goals => {
            let Some(due_on) = due else {
                form.focus_first_error();
                return Intent::Nothing;
            };
            let mut draft = JointGoalDraft {
                title: form.value("title"),
                commitment: form.value("commitment"),
                due_on,
                status: form.value("status"),
                role: id_of(&c.roles, &form.value("role")),
                segment: form.value("segment"),
                ..JointGoalDraft::default()
            };
            links.fill(&mut draft);
            match draft.checked() {
                Ok(draft) => Intent::Partner(PartnerEdit::SaveJointGoal {
                    partner,
                    id,
                    draft: Box::new(draft),
                }),
                Err(problems) => show_problems(form, problems),
            }
        }
        JointList::Commitments => {
            let Some(due_on) = due else {
                form.focus_first_error();
                return Intent::Nothing;
            };
            let draft = CommitmentDraft {
                goal: id_of(&c.goals, &form.value("goal")),
                side: form.value("side"),
                what: form.value("what"),
                due_on,
                status: form.value("status"),
            };
            match draft.checked() {
                Ok(draft) => Intent::Partner(PartnerEdit::SaveCommitment { partner, id, draft }),
                Err(problems) => show_problems(form, problems),
            }
        }
        JointList::Milestones => {
            let done = date(form, "done", format);
            let (Some(due_on), Some(done_on)) = (due, done) else {
                form.focus_first_error();
                return Intent::Nothing;
            };
            let draft = MilestoneDraft {
                goal: id_of(&c.goals, &form.value("goal")),
                title: form.value("title"),
                due_on,
                status: form.value("status"),
                done_on,
            };
            match draft.checked() {
                Ok(draft) => Intent::Partner(PartnerEdit::SaveMilestone { partner, id, draft }),
                Err(problems) => show_problems(form, problems),
            }
        }
    }
}
