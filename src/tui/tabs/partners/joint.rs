//! A partner's joint plan: its joint goals, the commitments each way and the milestones, one
//! list focused at a time (←/→), with add, edit and delete through the forms of `joint_form`;
//! and the conflicts the check finds with this partner on one side (drawn by `draw`).

mod draw;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::joint_form::{Choices, JointList, commitment_form, goal_form, milestone_form, submit};
use super::joint_links::GoalLinks;
use super::views::{PartnerRef, Step, moved, read_only};
use crate::plan::joint::conflicts::Conflict;
use crate::plan::joint::{
    COMMITMENT_STATUSES, CommitmentDraft, GOAL_STATUSES, JointGoalDraft, MILESTONE_STATUSES,
    MilestoneDraft, SIDES,
};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::workbook::{JointPlan, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct JointPlanView {
    pub partner: PartnerRef,
    plan: JointPlan,
    /// The conflicts with this partner on one side.
    conflicts: Vec<Conflict>,
    choices: Choices,
    list: JointList,
    /// The selected row of each list.
    selected: [usize; 3],
    pub form: Option<Form>,
    /// The list the open form is of, and the record it edits (none: a new one).
    editing: (JointList, Option<i64>),
    /// The open goal form's KPI and offering links, with their picker and the KPI's form.
    pub links: GoalLinks,
}

fn index(list: JointList) -> usize {
    JointList::ALL.iter().position(|l| *l == list).unwrap_or(0)
}

impl JointPlanView {
    pub fn load(wb: &Workbook, partner: PartnerRef) -> Result<JointPlanView> {
        let mut view = JointPlanView {
            partner,
            plan: JointPlan::default(),
            conflicts: Vec::new(),
            choices: Choices::default(),
            list: JointList::Goals,
            selected: [0; 3],
            form: None,
            editing: (JointList::Goals, None),
            links: GoalLinks::default(),
        };
        view.reload(wb)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.plan = wb.joint_plan(self.partner.id)?;
        let partner = self.partner.id;
        self.conflicts = wb
            .joint_conflicts()?
            .into_iter()
            .filter(|c| c.involves(partner))
            .collect();
        self.choices = Choices {
            roles: wb
                .roles()?
                .into_iter()
                .filter(|r| !r.role.is_hub)
                .map(|r| (r.role.id, r.role.name))
                .collect(),
            goals: self
                .plan
                .goals
                .iter()
                .map(|g| (g.id, g.goal.title.clone()))
                .collect(),
        };
        for list in JointList::ALL {
            let len = self.len(list);
            let at = &mut self.selected[index(list)];
            *at = (*at).min(len.saturating_sub(1));
        }
        Ok(())
    }

    fn len(&self, list: JointList) -> usize {
        match list {
            JointList::Goals => self.plan.goals.len(),
            JointList::Commitments => self.plan.commitments.len(),
            JointList::Milestones => self.plan.milestones.len(),
        }
    }

    pub fn has_selection(&self) -> bool {
        self.len(self.list) > 0
    }

    /// The selected record of the focused list: (id, its words).
    fn selected_record(&self) -> Option<(i64, String)> {
        let at = self.selected[index(self.list)];
        match self.list {
            JointList::Goals => self
                .plan
                .goals
                .get(at)
                .map(|r| (r.id, r.goal.title.clone())),
            JointList::Commitments => self
                .plan
                .commitments
                .get(at)
                .map(|r| (r.id, r.commitment.what.clone())),
            JointList::Milestones => self
                .plan
                .milestones
                .get(at)
                .map(|r| (r.id, r.milestone.title.clone())),
        }
    }

    pub fn handle(&mut self, action: Action, writable: bool, settings: &Settings) -> Step {
        let at = index(self.list);
        if let Some(next) = moved(self.selected[at], self.len(self.list), action, 5) {
            self.selected[at] = next;
            return Step::Intent(Intent::Nothing);
        }
        let format = settings.date_format.as_str();
        match action {
            Action::Left | Action::Right => {
                let step = if action == Action::Right { 1 } else { 2 };
                self.list = JointList::ALL[(at + step) % 3];
            }
            Action::Add | Action::Edit | Action::Delete if !writable => return read_only(),
            Action::Add => self.open(None, format),
            Action::Edit => {
                if let Some((id, _)) = self.selected_record() {
                    self.open(Some(id), format);
                }
            }
            Action::Delete => {
                if let Some((id, words)) = self.selected_record() {
                    return Step::Intent(Intent::Confirm(ConfirmAction::DeleteJoint {
                        table: self.list.table(),
                        id,
                        what: format!("the {} “{}”", self.list.noun(), clean(&words)),
                    }));
                }
            }
            _ => {}
        }
        Step::Intent(Intent::Nothing)
    }

    /// Opens the form of the focused list: a new record, or record `id`.
    fn open(&mut self, id: Option<i64>, format: &str) {
        let c = &self.choices;
        let name = clean(&self.partner.name).into_owned();
        let verb = if id.is_some() { "Edit" } else { "New" };
        let form = match self.list {
            JointList::Goals => {
                let record = id.and_then(|id| self.plan.goals.iter().find(|r| r.id == id));
                let draft = record.map_or_else(
                    || JointGoalDraft {
                        status: GOAL_STATUSES[0].into(),
                        ..JointGoalDraft::default()
                    },
                    |r| r.goal.clone(),
                );
                self.links = GoalLinks::of(record);
                let title = format!("{verb} joint goal with {name}");
                goal_form(title, &draft, c, &self.links, format)
            }
            JointList::Commitments => {
                let draft = id
                    .and_then(|id| self.plan.commitments.iter().find(|r| r.id == id))
                    .map_or_else(
                        || CommitmentDraft {
                            side: SIDES[0].into(),
                            status: COMMITMENT_STATUSES[0].into(),
                            ..CommitmentDraft::default()
                        },
                        |r| r.commitment.clone(),
                    );
                commitment_form(format!("{verb} commitment with {name}"), &draft, c, format)
            }
            JointList::Milestones => {
                let draft = id
                    .and_then(|id| self.plan.milestones.iter().find(|r| r.id == id))
                    .map_or_else(
                        || MilestoneDraft {
                            status: MILESTONE_STATUSES[0].into(),
                            ..MilestoneDraft::default()
                        },
                        |r| r.milestone.clone(),
                    );
                milestone_form(format!("{verb} milestone with {name}"), &draft, c, format)
            }
        };
        self.form = Some(form);
        self.editing = (self.list, id);
    }

    /// Saves the open form: the KPI's form into the goal form's links, or the record.
    pub fn submit(&mut self, settings: &Settings) -> Intent {
        let Some(form) = self.form.as_mut() else {
            return Intent::Nothing;
        };
        if self.links.aim_form().is_some() {
            self.links.save_aim(form);
            return Intent::Nothing;
        }
        self.links.sync(form);
        let (list, id) = self.editing;
        submit(
            form,
            list,
            self.partner.id,
            id,
            &self.choices,
            &self.links,
            &settings.date_format,
        )
    }

    /// The form keys go to: the KPI's form over the goal form, else the open form.
    pub fn top_form(&self) -> Option<&Form> {
        self.links.aim_form().or(self.form.as_ref())
    }

    pub fn top_form_mut(&mut self) -> Option<&mut Form> {
        match self.links.aim_form_mut() {
            Some(form) => Some(form),
            None => self.form.as_mut(),
        }
    }

    /// Closes the KPI's form or picker when open, else the form.
    pub fn close_form(&mut self) {
        if !self.links.close_top() {
            self.form = None;
        }
    }

    /// A link field of the goal form asks for its picker.
    pub fn pick(&mut self, field: &str, wb: &Workbook) -> Result<()> {
        match &self.form {
            Some(form) => self.links.pick(field, form, wb),
            None => Ok(()),
        }
    }

    /// A key while the link picker is open.
    pub fn picker_key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        if let Some(form) = self.form.as_mut() {
            self.links.picker_key(action, key, wb, form)?;
        }
        Ok(Intent::Nothing)
    }

    /// The goal form's overlays: the KPI's form and the link picker.
    pub fn render_overlays(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        if let Some(form) = &self.form {
            form.render_popup(area, 72, buf, theme, keymap);
        }
        self.links.render(area, buf, theme, keymap);
    }
}
