//! A partner's check-in log: every check-in (date, summary), the cadence, when the next one is
//! due and whether it is overdue, and a small form to log one — which can also record progress
//! on one of the partner's joint-plan milestones (done that day, or moved to a new date).

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget, Wrap};

use super::views::{PartnerRef, Step, moved, read_only};
use crate::plan::joint::MilestoneProgress;
use crate::plan::onboarding::CheckinDue;
use crate::plan::plausible;
use crate::plan::shape::{ISO_DATE, parse_iso_date, parse_typed_date, show_date};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::{Intent, ask_first};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::render_selected;
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{Checkin, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct CheckinLog {
    pub partner: PartnerRef,
    checkins: Vec<Checkin>,
    cadence_days: i64,
    own_cadence: bool,
    due: CheckinDue,
    today: jiff::civil::Date,
    selected: usize,
    pub form: Option<Form>,
    /// (id, title) of the partner's milestones not done yet, which a check-in may move on.
    milestones: Vec<(i64, String)>,
}

/// What a check-in says of the milestone chosen in its form.
const PROGRESS: [&str; 2] = ["done on the check-in day", "moved to a new due date"];

/// The lines a check-in's summary takes in the log at the most.
const SUMMARY_LINES: usize = 6;

impl CheckinLog {
    /// Whether a check-in is selected (none before the first is logged).
    pub fn has_selection(&self) -> bool {
        self.selected < self.checkins.len()
    }

    pub fn load(wb: &Workbook, partner: PartnerRef, settings: &Settings) -> Result<CheckinLog> {
        let today = settings.today();
        let mut log = CheckinLog {
            partner,
            checkins: Vec::new(),
            cadence_days: settings.checkin_cadence_days,
            own_cadence: false,
            due: crate::plan::onboarding::checkin_due("", None, 1, today),
            today,
            selected: 0,
            form: None,
            milestones: Vec::new(),
        };
        log.reload(wb, settings)?;
        Ok(log)
    }

    pub fn reload(&mut self, wb: &Workbook, settings: &Settings) -> Result<()> {
        self.today = settings.today();
        self.checkins = wb.checkins(self.partner.id)?;
        let own = wb
            .partner(self.partner.id)?
            .and_then(|p| p.checkin_cadence_days.trim().parse::<i64>().ok());
        self.own_cadence = own.is_some();
        self.cadence_days = own.unwrap_or(settings.checkin_cadence_days);
        // A partner deleted meanwhile has no due date; the log then shows what it has.
        self.due = wb
            .checkin_due(self.partner.id, settings.checkin_cadence_days, self.today)
            .unwrap_or(self.due);
        self.selected = self.selected.min(self.checkins.len().saturating_sub(1));
        self.milestones = wb
            .joint_plan(self.partner.id)?
            .milestones
            .into_iter()
            .filter(|m| m.milestone.status != "done")
            .map(|m| (m.id, m.milestone.title))
            .collect();
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool, settings: &Settings) -> Step {
        if let Some(next) = moved(self.selected, self.checkins.len(), action, 5) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        match action {
            Action::Add if !writable => read_only(),
            Action::Add => {
                let today = jiff::fmt::strtime::format(&settings.date_format, settings.today())
                    .or_else(|_| jiff::fmt::strtime::format(ISO_DATE, settings.today()))
                    .unwrap_or_default();
                let mut form = Form::new("Log a check-in")
                    .date("date", "Date", &today)
                    .multiline("summary", "Summary", "")
                    .required("summary")
                    .rows(5);
                if !self.milestones.is_empty() {
                    let titles: Vec<&str> =
                        self.milestones.iter().map(|(_, t)| t.as_str()).collect();
                    form = form
                        .choice_or_none("milestone", "Milestone", &titles, "")
                        .choice("progress", "Progress", &PROGRESS, PROGRESS[0])
                        .date("moved_to", "New due date", "");
                }
                self.form = Some(form);
                self.form_focus_summary();
                Step::Intent(Intent::Nothing)
            }
            _ => Step::Intent(Intent::Nothing),
        }
    }

    /// The date is usually today, so typing starts in the summary.
    fn form_focus_summary(&mut self) {
        if let Some(form) = &mut self.form {
            form.handle(
                Some(Action::NextField),
                &ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Tab),
            );
        }
    }

    /// The form's values as an edit, or `Nothing` after marking what is wrong.
    pub fn submit(&mut self, settings: &Settings) -> Intent {
        let Some(form) = self.form.as_mut() else {
            return Intent::Nothing;
        };
        form.clear_errors();
        let date = parse_typed_date(&form.value("date"), &settings.date_format);
        let held_on = match date {
            Ok(Some(iso)) => parse_iso_date(&iso),
            Ok(None) => {
                form.set_error("date", "Enter the day the check-in was held.");
                None
            }
            Err(message) => {
                form.set_error("date", message);
                None
            }
        };
        let summary = form.value("summary");
        if summary.trim().is_empty() {
            form.set_error("summary", "Write a line on what was discussed.");
        }
        let progress = milestone_progress(form, &self.milestones, held_on, settings);
        match (held_on, progress) {
            (Some(held_on), Some(progress)) if form.focus_first_error() => ask_first(
                plausible::logged_date("check-in", held_on, settings.today()),
                Intent::Partner(PartnerEdit::Checkin {
                    partner: self.partner.id,
                    held_on,
                    summary,
                    progress,
                }),
            ),
            _ => {
                form.focus_first_error();
                Intent::Nothing
            }
        }
    }

    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        settings: &Settings,
        keymap: &Keymap,
    ) {
        let [due, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_due(due, buf, theme, settings);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Check-ins, newest first ", theme.title));
        if self.checkins.is_empty() {
            let add = keymap
                .bindings(Context::Checkins)
                .iter()
                .find(|b| b.action == Action::Add)
                .map_or_else(|| "a".to_string(), |b| b.keys_label());
            Paragraph::new(Line::styled(
                format!("No check-in logged yet. Press {add} to log the first one."),
                theme.muted,
            ))
            .block(block)
            .wrap(Wrap { trim: true })
            .render(table, buf);
            return;
        }
        // The column engine sizes the date and the summary; a summary wraps inside its column,
        // up to six lines, the last ending in "…" when there was more.
        let columns = [
            Column::new("Date", 0).min(10).max(20),
            Column::new("Summary", 1).min(10).grow(),
        ];
        let dates: Vec<String> = self
            .checkins
            .iter()
            .map(|c| clean(&show_date(&c.held_on, &settings.date_format)).into_owned())
            .collect();
        let texts: Vec<Vec<String>> = dates.iter().map(|d| vec![d.clone()]).collect();
        let inner = block.inner(table).width.saturating_sub(columns::MARK_WIDTH);
        let fitted = columns::fit(&columns, &texts, inner);
        let date_width = fitted.width_of(0).unwrap_or(0);
        let summary_width = fitted.width_of(1);
        let rows = self.checkins.iter().zip(&dates).map(|(checkin, date)| {
            let mut cells = vec![Cell::from(columns::cut(date, date_width))];
            let mut height = 1;
            if let Some(width) = summary_width {
                let mut lines: Vec<String> = clean_lines(&checkin.summary)
                    .iter()
                    .flat_map(|l| wrap(l, width))
                    .collect();
                if lines.len() > SUMMARY_LINES {
                    lines.truncate(SUMMARY_LINES);
                    if let Some(last) = lines.last_mut() {
                        *last = columns::cut(&format!("{last}…"), width);
                    }
                }
                height = lines.len().max(1) as u16;
                cells.push(Cell::from(Text::from(
                    lines.into_iter().map(Line::from).collect::<Vec<_>>(),
                )));
            }
            Row::new(cells).height(height)
        });
        let widths: Vec<Constraint> = fitted
            .shown
            .iter()
            .map(|(_, w)| Constraint::Length(*w))
            .collect();
        let headings: Vec<&str> = fitted
            .shown
            .iter()
            .map(|(c, _)| columns[*c].heading.as_str())
            .collect();
        let header = Row::new(headings).style(theme.header);
        let table_widget = Table::new(rows, widths)
            .column_spacing(columns::GAP)
            .header(header)
            .block(block);
        render_selected(table_widget, self.selected, table, buf, theme);
    }

    fn render_due(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let cadence = if self.own_cadence {
            format!("Every {} days", self.cadence_days)
        } else {
            format!("Every {} days (default)", self.cadence_days)
        };
        let (text, style) = match self.due.next_due {
            None => (format!("{cadence} · no check-in yet"), theme.muted),
            Some(due) => {
                let shown = jiff::fmt::strtime::format(&settings.date_format, due)
                    .unwrap_or_else(|_| due.to_string());
                let days = self.today.until(due).map_or(0, |s| s.get_days());
                if self.due.overdue {
                    let late = -days;
                    let noun = if late == 1 { "day" } else { "days" };
                    (
                        format!("{cadence} · next due {shown} · overdue by {late} {noun}"),
                        theme.error,
                    )
                } else if days == 0 {
                    (
                        format!("{cadence} · next due today ({shown})"),
                        theme.warning,
                    )
                } else {
                    let noun = if days == 1 { "day" } else { "days" };
                    let style = if self.due.due_this_week {
                        theme.warning
                    } else {
                        theme.ok
                    };
                    (
                        format!("{cadence} · next due {shown} · in {days} {noun}"),
                        style,
                    )
                }
            }
        };
        Paragraph::new(Line::styled(text, style)).render(area, buf);
    }
}

/// What the form says of a milestone: none chosen, done on the check-in's day, or moved to the
/// new due date typed; `None` after marking a field that is wrong.
fn milestone_progress(
    form: &mut Form,
    milestones: &[(i64, String)],
    held_on: Option<jiff::civil::Date>,
    settings: &Settings,
) -> Option<Option<(i64, MilestoneProgress)>> {
    if !form.has_field("milestone") {
        return Some(None);
    }
    let chosen = form.value("milestone");
    let Some(&(id, _)) = milestones.iter().find(|(_, t)| *t == chosen) else {
        return Some(None);
    };
    if form.value("progress") == PROGRESS[0] {
        return Some(held_on.map(|day| (id, MilestoneProgress::Done(day.to_string()))));
    }
    match parse_typed_date(&form.value("moved_to"), &settings.date_format) {
        Ok(Some(to)) => Some(Some((id, MilestoneProgress::Moved(to)))),
        Ok(None) => {
            form.set_error(
                "moved_to",
                "Enter the milestone's new due date, or choose that it was done.",
            );
            None
        }
        Err(message) => {
            form.set_error("moved_to", message);
            None
        }
    }
}
