//! A partner's joint plan: its joint goals, the commitments each way and the milestones, one
//! list focused at a time (←/→), with add, edit and delete through the forms of `joint_form`;
//! and the conflicts the check finds with this partner on one side.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

use super::joint_form::{Choices, JointList, commitment_form, goal_form, milestone_form, submit};
use super::joint_links::GoalLinks;
use super::views::{PartnerRef, Step, moved, read_only};
use crate::plan::joint::conflicts::Conflict;
use crate::plan::joint::{
    COMMITMENT_STATUSES, CommitmentDraft, GOAL_STATUSES, JointGoalDraft, MILESTONE_STATUSES,
    MilestoneDraft, SIDES,
};
use crate::plan::shape::show_date;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::render_selected;
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

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        // Three lines a conflict (they are sentences), within a third of the view.
        let wanted = u16::try_from(self.conflicts.len() * 3 + 2).unwrap_or(u16::MAX);
        let conflict_rows = if self.conflicts.is_empty() {
            0
        } else {
            wanted.min(area.height / 3).max(3)
        };
        let [summary, goals, commitments, milestones, conflicts] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(conflict_rows),
        ])
        .areas(area);
        Paragraph::new(Line::styled(self.summary(), theme.muted)).render(summary, buf);
        let fmt = settings.date_format.as_str();
        let date = |d: &Option<String>| d.as_deref().map(|d| show_date(d, fmt)).unwrap_or_default();
        let goal_rows: Vec<Vec<String>> = self
            .plan
            .goals
            .iter()
            .map(|r| {
                let g = &r.goal;
                let kpi = g
                    .kpis
                    .iter()
                    .zip(&r.kpi_names)
                    .map(|(aim, name)| match aim.wants {
                        Some(w) => format!("{name} {}", w.word()),
                        None => name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let about = r
                    .role_name
                    .iter()
                    .chain(&r.offering_names)
                    .cloned()
                    .chain((!g.segment.is_empty()).then(|| g.segment.clone()))
                    .collect::<Vec<_>>()
                    .join(" · ");
                vec![
                    g.title.clone(),
                    date(&g.due_on),
                    g.status.clone(),
                    kpi,
                    about,
                ]
            })
            .collect();
        self.list_block(
            JointList::Goals,
            " Joint goals ",
            ["Goal", "Due", "Status", "KPI", "About"],
            &goal_rows,
            goals,
            buf,
            theme,
        );
        let commitment_rows: Vec<Vec<String>> = self
            .plan
            .commitments
            .iter()
            .map(|r| {
                let c = &r.commitment;
                vec![
                    c.side.clone(),
                    c.what.clone(),
                    date(&c.due_on),
                    c.status.clone(),
                    r.goal_title.clone().unwrap_or_default(),
                ]
            })
            .collect();
        self.list_block(
            JointList::Commitments,
            " Commitments, ours and theirs ",
            ["Whose", "Commitment", "Due", "Status", "Goal"],
            &commitment_rows,
            commitments,
            buf,
            theme,
        );
        let milestone_rows: Vec<Vec<String>> = self
            .plan
            .milestones
            .iter()
            .map(|r| {
                let m = &r.milestone;
                vec![
                    m.title.clone(),
                    date(&m.due_on),
                    m.status.clone(),
                    date(&m.done_on),
                    r.goal_title.clone().unwrap_or_default(),
                ]
            })
            .collect();
        self.list_block(
            JointList::Milestones,
            " Milestones ",
            ["Milestone", "Due", "Status", "Done", "Goal"],
            &milestone_rows,
            milestones,
            buf,
            theme,
        );
        if !self.conflicts.is_empty() {
            let lines: Vec<Line> = self
                .conflicts
                .iter()
                .map(|c| Line::raw(format!("• {}", clean(&c.text))))
                .collect();
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .style(theme.warning)
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme.border)
                        .title(Line::styled(" Conflicts ", theme.title)),
                )
                .render(conflicts, buf);
        }
    }

    fn summary(&self) -> String {
        let ours = self
            .plan
            .commitments
            .iter()
            .filter(|c| c.commitment.side == "ours")
            .count();
        let done = self
            .plan
            .milestones
            .iter()
            .filter(|m| m.milestone.status == "done")
            .count();
        let conflicts = match self.conflicts.len() {
            0 => "no conflict".to_string(),
            1 => "1 conflict".to_string(),
            n => format!("{n} conflicts"),
        };
        format!(
            "{} goals · {} commitments ({ours} ours, {} theirs) · {} milestones, {done} done · \
             {conflicts}",
            self.plan.goals.len(),
            self.plan.commitments.len(),
            self.plan.commitments.len() - ours,
            self.plan.milestones.len(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn list_block(
        &self,
        list: JointList,
        title: &str,
        headings: [&str; 5],
        rows: &[Vec<String>],
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let focused = list == self.list;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused {
                theme.border_focus
            } else {
                theme.border
            })
            .title(Line::styled(title.to_string(), theme.title));
        if rows.is_empty() {
            let hint = if focused {
                format!("No {} yet; add one.", list.noun())
            } else {
                format!("No {} yet.", list.noun())
            };
            Paragraph::new(Line::styled(hint, theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        // The first words column takes what the short columns leave.
        let widths = match list {
            JointList::Commitments => [
                Constraint::Length(6),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(11),
                Constraint::Fill(1),
            ],
            _ => [
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(11),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        };
        let body = rows.iter().map(|cells| {
            Row::new(
                cells
                    .iter()
                    .map(|c| clean(c).into_owned())
                    .collect::<Vec<_>>(),
            )
        });
        let table = Table::new(body, widths)
            .column_spacing(1)
            .header(Row::new(headings.to_vec()).style(theme.header))
            .block(block);
        if focused {
            render_selected(table, self.selected[index(list)], area, buf, theme);
        } else {
            Widget::render(table, area, buf);
        }
    }
}
