//! The Partners tab's views besides the roster: a partner's scores, onboarding checklist and
//! check-in log, and the ranking of candidates. Opening, switching and closing them, routing
//! keys to the open one, and the frame they share. Views read the workbook; writes go back to
//! the App as `Intent::Partner`.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::PartnersTab;
use super::checkins::CheckinLog;
use super::checklist::ChecklistView;
use super::criteria::CriteriaView;
use super::joint::JointPlanView;
use super::ranking::RankingView;
use super::scoring::ScoringView;
use super::template::TemplateView;
use super::words::WordListView;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::workbook::Workbook;

/// The partner a per-partner view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartnerRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug)]
pub(super) enum PartnerView {
    Scores(ScoringView),
    Checklist(ChecklistView),
    Checkins(CheckinLog),
    Ranking(RankingView),
    Criteria(CriteriaView),
    Template(TemplateView),
    Words(WordListView),
    Joint(JointPlanView),
}

/// What a view asks for after a key.
pub(super) enum Step {
    Intent(Intent),
    /// Show another view (of `partner`, or the ranking).
    Show(Action, Option<PartnerRef>),
    Close,
}

impl PartnerView {
    fn open(
        action: Action,
        partner: Option<PartnerRef>,
        wb: &Workbook,
        settings: &Settings,
    ) -> Result<Option<PartnerView>> {
        Ok(match (action, partner) {
            (Action::Ranking, _) => Some(PartnerView::Ranking(RankingView::load(wb)?)),
            (Action::Criteria, _) => Some(PartnerView::Criteria(CriteriaView::load(wb)?)),
            (Action::Template, _) => Some(PartnerView::Template(TemplateView::load(wb)?)),
            (Action::WordLists, _) => Some(PartnerView::Words(WordListView::load(wb)?)),
            (Action::Scores, Some(p)) => Some(PartnerView::Scores(ScoringView::load(wb, p)?)),
            (Action::Checklist, Some(p)) => {
                Some(PartnerView::Checklist(ChecklistView::load(wb, p)?))
            }
            (Action::Checkins, Some(p)) => {
                Some(PartnerView::Checkins(CheckinLog::load(wb, p, settings)?))
            }
            (Action::JointPlan, Some(p)) => Some(PartnerView::Joint(JointPlanView::load(wb, p)?)),
            _ => None,
        })
    }

    /// The action that opens this view (the navigation stack opens it again with it).
    pub(super) fn opened_by(&self) -> Action {
        match self {
            PartnerView::Scores(_) => Action::Scores,
            PartnerView::Checklist(_) => Action::Checklist,
            PartnerView::Checkins(_) => Action::Checkins,
            PartnerView::Ranking(_) => Action::Ranking,
            PartnerView::Criteria(_) => Action::Criteria,
            PartnerView::Template(_) => Action::Template,
            PartnerView::Words(_) => Action::WordLists,
            PartnerView::Joint(_) => Action::JointPlan,
        }
    }

    /// The breadcrumb's words for the view: "Scores: Acme", "Ranking".
    pub(super) fn crumb(&self) -> String {
        let title = match self {
            PartnerView::Scores(_) => "Scores",
            PartnerView::Checklist(_) => "Checklist",
            PartnerView::Checkins(_) => "Check-ins",
            PartnerView::Ranking(_) => "Ranking",
            PartnerView::Criteria(_) => "Criteria",
            PartnerView::Template(_) => "Checklist template",
            PartnerView::Words(_) => "Word lists",
            PartnerView::Joint(_) => "Joint plan",
        };
        match self.partner() {
            Some(partner) => format!("{title}: {}", clean(&partner.name)),
            None => title.into(),
        }
    }

    /// Whether the view's list has a record selected for the keys that act on one.
    pub(super) fn has_selection(&self) -> bool {
        match self {
            PartnerView::Scores(v) => v.has_selection(),
            PartnerView::Checklist(v) => v.has_selection(),
            PartnerView::Checkins(v) => v.has_selection(),
            PartnerView::Joint(v) => v.has_selection(),
            PartnerView::Criteria(v) => v.list.selected().is_some(),
            PartnerView::Template(v) => v.list.selected().is_some(),
            PartnerView::Words(_) | PartnerView::Ranking(_) => true,
        }
    }

    fn partner(&self) -> Option<&PartnerRef> {
        match self {
            PartnerView::Scores(v) => Some(&v.partner),
            PartnerView::Checklist(v) => Some(&v.partner),
            PartnerView::Checkins(v) => Some(&v.partner),
            PartnerView::Joint(v) => Some(&v.partner),
            PartnerView::Ranking(_)
            | PartnerView::Criteria(_)
            | PartnerView::Template(_)
            | PartnerView::Words(_) => None,
        }
    }

    pub(super) fn form(&self) -> Option<&Form> {
        match self {
            PartnerView::Scores(v) => v.form.as_ref(),
            PartnerView::Checklist(v) => v.form.as_ref(),
            PartnerView::Checkins(v) => v.form.as_ref(),
            PartnerView::Joint(v) => v.top_form(),
            PartnerView::Criteria(v) => v.list.form.as_ref(),
            PartnerView::Template(v) => v.list.form.as_ref(),
            PartnerView::Words(v) => v.form.as_ref(),
            PartnerView::Ranking(_) => None,
        }
    }

    pub(super) fn form_mut(&mut self) -> Option<&mut Form> {
        match self {
            PartnerView::Scores(v) => v.form.as_mut(),
            PartnerView::Checklist(v) => v.form.as_mut(),
            PartnerView::Checkins(v) => v.form.as_mut(),
            PartnerView::Joint(v) => v.top_form_mut(),
            PartnerView::Criteria(v) => v.list.form.as_mut(),
            PartnerView::Template(v) => v.list.form.as_mut(),
            PartnerView::Words(v) => v.form.as_mut(),
            PartnerView::Ranking(_) => None,
        }
    }

    fn close_form(&mut self) {
        match self {
            PartnerView::Scores(v) => v.form = None,
            PartnerView::Checklist(v) => v.form = None,
            PartnerView::Checkins(v) => v.form = None,
            PartnerView::Joint(v) => v.close_form(),
            PartnerView::Criteria(v) => v.list.close(),
            PartnerView::Template(v) => v.list.close(),
            PartnerView::Words(v) => v.form = None,
            PartnerView::Ranking(_) => {}
        }
    }

    fn context(&self) -> Context {
        if let PartnerView::Joint(v) = self
            && v.links.picking()
        {
            return Context::Picker;
        }
        if self.form().is_some() {
            return Context::Form;
        }
        match self {
            PartnerView::Scores(_) => Context::Scores,
            PartnerView::Checklist(_) => Context::Checklist,
            PartnerView::Checkins(_) => Context::Checkins,
            PartnerView::Joint(_) => Context::JointPlan,
            PartnerView::Ranking(_) => Context::Ranking,
            PartnerView::Criteria(_) => Context::Criteria,
            PartnerView::Template(_) => Context::Template,
            PartnerView::Words(_) => Context::WordLists,
        }
    }

    fn reload(&mut self, wb: &Workbook, settings: &Settings) -> Result<()> {
        match self {
            PartnerView::Scores(v) => v.reload(wb),
            PartnerView::Checklist(v) => v.reload(wb),
            PartnerView::Checkins(v) => v.reload(wb, settings),
            PartnerView::Joint(v) => v.reload(wb),
            PartnerView::Ranking(v) => v.reload(wb),
            PartnerView::Criteria(v) => v.reload(wb),
            PartnerView::Template(v) => v.reload(wb),
            PartnerView::Words(v) => v.reload(wb),
        }
    }
}

impl PartnersTab {
    /// Opens a view from the list (or the palette): the per-partner ones for the selected row.
    pub(super) fn show_view(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let partner = self.window.selected().map(|row| PartnerRef {
            id: row.id,
            name: row.name.clone(),
        });
        if partner.is_none()
            && !matches!(
                action,
                Action::Ranking | Action::Criteria | Action::Template | Action::WordLists
            )
        {
            return Ok(Intent::Status("Select a partner first.".into()));
        }
        self.view = PartnerView::open(action, partner, wb, &self.settings)?;
        Ok(Intent::Nothing)
    }

    /// In an open check-in log, opens the form that logs one (a Guide jump asks for it).
    pub(super) fn start_checkin(&mut self, wb: &Workbook) {
        if let Some(PartnerView::Checkins(log)) = &mut self.view {
            let _ = log.handle(Action::Add, !wb.is_read_only(), &self.settings);
        }
    }

    pub(super) fn view_context(&self) -> Option<Context> {
        self.view.as_ref().map(PartnerView::context)
    }

    pub(super) fn reload_view(&mut self, wb: &Workbook) -> Result<()> {
        if let Some(view) = &mut self.view {
            view.reload(wb, &self.settings)?;
        }
        Ok(())
    }

    /// A key in an open view (or its form).
    pub(super) fn handle_view(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let settings = self.settings.clone();
        let Some(view) = &mut self.view else {
            return Ok(Intent::Nothing);
        };
        if let PartnerView::Joint(v) = view
            && v.links.picking()
        {
            return v.picker_key(action, key, wb);
        }
        if let Some(form) = view.form_mut() {
            return Ok(match form.handle(action, key) {
                FormEvent::Pick(field) => {
                    if let PartnerView::Joint(v) = view {
                        v.pick(field, wb)?;
                    }
                    Intent::Nothing
                }
                FormEvent::Continue => Intent::Nothing,
                FormEvent::Cancel if form.is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    view.close_form();
                    Intent::Nothing
                }
                FormEvent::Save => match view {
                    PartnerView::Scores(v) => v.submit(&settings),
                    PartnerView::Checklist(v) => v.submit(&settings),
                    PartnerView::Checkins(v) => v.submit(&settings),
                    PartnerView::Joint(v) => v.submit(&settings),
                    PartnerView::Criteria(v) => v.submit(),
                    PartnerView::Template(v) => v.submit(),
                    PartnerView::Words(v) => v.submit(),
                    PartnerView::Ranking(_) => Intent::Nothing,
                },
            });
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        let writable = !wb.is_read_only();
        let step = match action {
            Action::Cancel => Step::Close,
            Action::NextPartner | Action::PreviousPartner => {
                return self.next_partner(action == Action::NextPartner, wb);
            }
            Action::NextProgramme | Action::PreviousProgramme => {
                let forward = action == Action::NextProgramme;
                match view {
                    PartnerView::Criteria(v) => v.next_type(forward, wb)?,
                    PartnerView::Template(v) => v.next_type(forward),
                    _ => {}
                }
                Step::Intent(Intent::Nothing)
            }
            action if opens_view(action) => Step::Show(action, view.partner().cloned()),
            // What if this partner exits: the Overview's what-if screen, which only reads.
            Action::WhatIf => Step::Intent(match view.partner() {
                Some(p) => Intent::Show(crate::tui::tabs::overview::Destination::ExitOf(
                    p.id,
                    p.name.clone(),
                )),
                None => Intent::Nothing,
            }),
            _ => match view {
                PartnerView::Scores(v) => v.handle(action, writable, &settings),
                PartnerView::Checklist(v) => v.handle(action, writable, &settings),
                PartnerView::Checkins(v) => v.handle(action, writable, &settings),
                PartnerView::Joint(v) => v.handle(action, writable, &settings),
                PartnerView::Ranking(v) => v.handle(action),
                PartnerView::Criteria(v) => v.handle(action, writable),
                PartnerView::Template(v) => v.handle(action, writable),
                PartnerView::Words(v) => v.handle(action, wb)?,
            },
        };
        match step {
            Step::Intent(intent) => Ok(intent),
            Step::Close => {
                self.view = None;
                Ok(Intent::Nothing)
            }
            Step::Show(action, partner) => {
                self.view = PartnerView::open(action, partner, wb, &self.settings)?;
                Ok(Intent::Nothing)
            }
        }
    }

    /// `]`/`[`: the same view (scores, checklist, check-ins) of the next or previous partner on
    /// the roster as it is filtered and sorted, so a run of partners needs no trip back.
    fn next_partner(&mut self, forward: bool, wb: &Workbook) -> Result<Intent> {
        let Some(action) = self.view.as_ref().filter(|v| v.partner().is_some()) else {
            return Ok(Intent::Nothing);
        };
        let action = action.opened_by();
        let before = self.window.selected().map(|row| row.id);
        let query = self.query.clone();
        let mut fetch = super::fetcher(wb, &query);
        if forward {
            self.window.down(&mut fetch)?;
        } else {
            self.window.up(&mut fetch)?;
        }
        self.load_detail(wb)?;
        if self.window.selected().map(|row| row.id) == before {
            let end = if forward { "last" } else { "first" };
            return Ok(Intent::Status(format!(
                "This is the {end} partner of the roster as it is filtered."
            )));
        }
        self.show_view(action, wb)
    }

    /// After the App wrote an edit: close the form that asked and show the new state, with a
    /// partner just saved selected.
    pub(super) fn after_edit(&mut self, wb: &Workbook) -> Result<()> {
        let saved = self.close_edit_popup();
        if let Some(view) = &mut self.view {
            view.close_form();
        }
        self.reload(wb)?;
        if let Some(id) = saved
            && let Some(key) = wb.partner_row_key(id, &self.query)?
        {
            self.window
                .focus(key, &mut super::fetcher(wb, &self.query))?;
            self.load_detail(wb)?;
        }
        Ok(())
    }

    /// When a view's edit failed: keep its form (and what was typed) and say why; `false` when
    /// no form is open, so the App shows the message in the status line instead.
    pub(super) fn view_edit_failed(&mut self, message: &str) -> bool {
        match self.view.as_mut().and_then(PartnerView::form_mut) {
            Some(form) => {
                form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    pub(super) fn discard_view_form(&mut self) {
        if let Some(view) = &mut self.view {
            view.close_form();
        }
    }

    /// Draws the tab: the open view, or the roster.
    pub(super) fn draw_tab(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let Some(view) = &self.view else {
            self.render(area, buf, theme, keymap);
            return;
        };
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        render_header(view, header, buf, theme);
        let settings = &self.settings;
        match view {
            PartnerView::Scores(v) => v.render(body, buf, theme, settings),
            PartnerView::Checklist(v) => v.render(body, buf, theme, settings),
            PartnerView::Checkins(v) => v.render(body, buf, theme, settings, keymap),
            PartnerView::Joint(v) => v.render(body, buf, theme, settings),
            PartnerView::Ranking(v) => v.render(body, buf, theme),
            PartnerView::Criteria(v) => v.render(body, buf, theme),
            PartnerView::Template(v) => v.render(body, buf, theme),
            PartnerView::Words(v) => v.render(body, buf, theme),
        }
        if let PartnerView::Joint(v) = view {
            v.render_overlays(area, buf, theme, keymap);
        } else if let Some(form) = view.form() {
            form.render_popup(area, 72, buf, theme, keymap);
        }
    }
}

/// The partner's name and the per-partner views as tabs, the open one highlighted.
fn render_header(view: &PartnerView, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut spans = Vec::new();
    match view.partner() {
        Some(partner) => {
            spans.push(Span::styled(
                format!("{} ", clean(&partner.name)),
                theme.title,
            ));
            let open = view.context();
            for (context, label) in [
                (Context::Scores, "Scores"),
                (Context::Checklist, "Checklist"),
                (Context::Checkins, "Check-ins"),
                (Context::JointPlan, "Joint plan"),
            ] {
                let active = open == context
                    || (open == Context::Form
                        && matches!(
                            (view, context),
                            (PartnerView::Scores(_), Context::Scores)
                                | (PartnerView::Checklist(_), Context::Checklist)
                                | (PartnerView::Checkins(_), Context::Checkins)
                                | (PartnerView::Joint(_), Context::JointPlan)
                        ));
                let style = if active { theme.tab_active } else { theme.tab };
                spans.push(Span::styled(format!(" {label} "), style));
                spans.push(Span::raw(" "));
            }
        }
        None => {
            let title = match view {
                PartnerView::Criteria(_) => "Selection criteria · weights and gates",
                PartnerView::Template(_) => {
                    "Onboarding checklist template · every partner's checklist"
                }
                PartnerView::Words(_) => {
                    "Word lists · the choices of the partner and risk forms and filters"
                }
                _ => "Ranking of candidates",
            };
            spans.push(Span::styled(title, theme.title));
        }
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// Whether `action` opens one of these views.
pub(super) fn opens_view(action: Action) -> bool {
    matches!(
        action,
        Action::Scores
            | Action::Checklist
            | Action::Checkins
            | Action::Ranking
            | Action::Criteria
            | Action::Template
            | Action::WordLists
            | Action::JointPlan
    )
}

// The partner views move and follow rows as every ordered list does.
use crate::tui::widgets::ordered_list::{ListStep, Listed, OrderedList};
pub(super) use crate::tui::widgets::ordered_list::{followed, moved};

/// What an edited list's key left to its view: a form opens in the list, the rest is shown.
pub(super) fn opened<R: Listed>(list: &mut OrderedList<R>, step: ListStep) -> Step {
    match step {
        ListStep::Intent(intent) => Step::Intent(intent),
        ListStep::Open { id, form } => {
            list.open(id, form);
            Step::Intent(Intent::Nothing)
        }
        ListStep::Other(_) => Step::Intent(Intent::Nothing),
    }
}

/// Refuses an edit in a read-only workbook.
pub(super) fn read_only() -> Step {
    Step::Intent(Intent::Error(super::read_only_message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_stays_inside_the_list() {
        assert_eq!(moved(0, 0, Action::Down, 5), Some(0));
        assert_eq!(moved(0, 3, Action::Up, 5), Some(0));
        assert_eq!(moved(2, 3, Action::Down, 5), Some(2));
        assert_eq!(moved(1, 10, Action::PageDown, 5), Some(6));
        assert_eq!(moved(1, 10, Action::Bottom, 5), Some(9));
        assert_eq!(moved(1, 10, Action::Edit, 5), None);
    }

    #[test]
    fn the_selection_follows_its_row_or_the_one_added() {
        assert_eq!(followed(&[1, 2, 3], 0, &[2, 1, 3]), 1);
        assert_eq!(followed(&[1, 2, 3], 0, &[1, 2, 3, 4]), 3);
        assert_eq!(followed(&[1, 2, 3], 2, &[1, 2]), 1);
        assert_eq!(followed(&[], 0, &[1, 2]), 0);
    }
}
