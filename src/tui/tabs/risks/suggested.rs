//! The risks the plan suggests (coverage gaps, single points of failure, gated-out active
//! partners, overdue check-ins, unprotected sensitive data, roles held only by partners still
//! onboarding): accept one to open a pre-filled risk form, dismiss one to stop seeing it.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::edit::RiskEdit;
use crate::plan::numbers::count_of;
use crate::plan::risk_suggestions::Suggestion;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::{Background, Heard, Workbook};

/// A plan whose partners and links together may pass this (by the largest ids) has its
/// suggestions read on a thread: at a million partners with three million links they take
/// 2.9–3.9 s (the network's brokers among them), at 100,000 partners with 300,000 links 0.2 s,
/// at 100,000 partners without links 0.1 s.
pub(super) const LARGE_PLAN: usize = 150_000;

pub(super) struct SuggestedView {
    suggestions: Vec<Suggestion>,
    selected: usize,
    /// Past this size the suggestions are read on a thread (tests set a small one).
    large_from: usize,
    reading: Reading,
}

/// The suggestions' reading on a thread, when the plan is large.
#[derive(Default)]
enum Reading {
    #[default]
    Done,
    /// To be started by the next idle pass, which holds the workbook as a thread needs it.
    Due,
    Running(Background<Vec<Suggestion>>),
}

impl std::fmt::Debug for SuggestedView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SuggestedView")
            .field("suggestions", &self.suggestions.len())
            .field("selected", &self.selected)
            .field("reading", &self.reading())
            .finish()
    }
}

/// What a key in the view asks for.
pub(super) enum SuggestedStep {
    Stay,
    Close,
    Intent(Intent),
    Accept(Box<Suggestion>),
}

impl SuggestedView {
    /// The view, its suggestions read now, or (a large plan) on a thread from the next idle
    /// pass, the view saying so meanwhile.
    pub fn load(wb: &Workbook, settings: &Settings, large_from: usize) -> Result<SuggestedView> {
        let mut view = SuggestedView {
            suggestions: Vec::new(),
            selected: 0,
            large_from,
            reading: Reading::Done,
        };
        view.reload(wb, settings)?;
        Ok(view)
    }

    /// Reads the suggestions again after a change: now, or on a thread for a large plan (the
    /// list shown stays, said to be updating, until they come).
    pub fn reload(&mut self, wb: &Workbook, settings: &Settings) -> Result<()> {
        if wb.network_ceiling()? > self.large_from {
            self.reading = Reading::Due;
            return Ok(());
        }
        self.read_in_place(wb, settings)
    }

    fn read_in_place(&mut self, wb: &Workbook, settings: &Settings) -> Result<()> {
        let (today, cadence, thresholds) = inputs(settings);
        let suggestions = wb.risk_suggestions_within(&today, cadence, thresholds)?;
        self.take(suggestions);
        Ok(())
    }

    fn take(&mut self, suggestions: Vec<Suggestion>) {
        self.suggestions = suggestions;
        self.selected = self.selected.min(self.suggestions.len().saturating_sub(1));
        self.reading = Reading::Done;
    }

    /// Whether the suggestions are being read on a thread (or are about to be).
    pub fn reading(&self) -> bool {
        !matches!(self.reading, Reading::Done)
    }

    /// Starts the reading on a thread, or takes its suggestions once read; whether there is a
    /// frame to draw. A write of the app stops the reading, which starts again; one that
    /// cannot run on a thread (a read-only workbook) or failed there is read in place.
    pub fn idle(&mut self, wb: &mut Workbook, settings: &Settings) -> Result<bool> {
        match &self.reading {
            Reading::Done => Ok(false),
            Reading::Due => {
                let (today, cadence, thresholds) = inputs(settings);
                let started = wb.read_in_background(move |wb| {
                    wb.risk_suggestions_within(&today, cadence, thresholds)
                });
                match started {
                    Ok(Some(running)) => {
                        self.reading = Reading::Running(running);
                        Ok(false)
                    }
                    Ok(None) | Err(_) => self.read_in_place(wb, settings).map(|()| true),
                }
            }
            Reading::Running(running) => match running.heard() {
                Heard::Reading => Ok(false),
                Heard::Read(suggestions) => {
                    self.take(suggestions);
                    Ok(true)
                }
                Heard::Stopped => {
                    self.reading = Reading::Due;
                    Ok(false)
                }
                Heard::Failed(_) => self.read_in_place(wb, settings).map(|()| true),
            },
        }
    }

    pub fn handle(&mut self, action: Action, read_only: bool) -> SuggestedStep {
        let last = self.suggestions.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Cancel => return SuggestedStep::Close,
            Action::Open | Action::Delete if read_only => {
                return SuggestedStep::Intent(Intent::Error(super::READ_ONLY.into()));
            }
            Action::Open => {
                if let Some(suggestion) = self.suggestions.get(self.selected) {
                    return SuggestedStep::Accept(Box::new(suggestion.clone()));
                }
            }
            Action::Delete => {
                if let Some(suggestion) = self.suggestions.get(self.selected) {
                    return SuggestedStep::Intent(Intent::Risk(RiskEdit::Dismiss {
                        key: suggestion.key.clone(),
                        title: suggestion.title.clone(),
                    }));
                }
            }
            _ => {}
        }
        SuggestedStep::Stay
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if self.reading() && self.suggestions.is_empty() {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus)
                .title(Line::styled(" Suggested risks · reading… ", theme.title));
            Paragraph::new(vec![
                Line::default(),
                Line::styled(
                    "Reading what the plan suggests… a large plan's partners, roles and links \
                     are read while you work; the suggestions follow in a moment.",
                    theme.muted,
                ),
            ])
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
            return;
        }
        let [summary, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(5.min(area.height / 3)),
        ])
        .areas(area);
        Paragraph::new(Line::styled(
            format!(
                "The plan suggests {} · accept one into the register or dismiss it",
                count_of(self.suggestions.len(), "risk", "risks")
            ),
            theme.header,
        ))
        .render(summary, buf);
        let title = if self.reading() {
            " Suggested risks · updating… "
        } else {
            " Suggested risks "
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(title, theme.title));
        if self.suggestions.is_empty() {
            Paragraph::new(vec![
                Line::default(),
                Line::styled(
                    "Nothing to suggest: no coverage gaps, single points of failure, gated-out \
                     active partners, overdue check-ins or unprotected sensitive data.",
                    theme.muted,
                ),
            ])
            .wrap(Wrap { trim: true })
            .block(block)
            .render(table, buf);
            return;
        }
        let columns = [
            Column::new("Category", 1).min(10).max(26),
            Column::new("Suggested risk", 0).min(20).grow(),
        ];
        let rows: Vec<Vec<TableCell>> = self
            .suggestions
            .iter()
            .map(|s| {
                vec![
                    (s.category.to_string(), theme.muted),
                    (clean(&s.title).into_owned(), theme.base),
                ]
            })
            .collect();
        let inner = block.inner(table).width;
        let widget = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(widget, self.selected, table, buf, theme);
        if let Some(suggestion) = self.suggestions.get(self.selected) {
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(Line::styled(" Why ", theme.title));
            Paragraph::new(Line::raw(clean(&suggestion.reason).into_owned()))
                .wrap(Wrap { trim: true })
                .block(block)
                .render(detail, buf);
        }
    }
}

/// What the suggestions are read with: today, the default check-in cadence, the concentration
/// thresholds (owned, for a thread).
fn inputs(settings: &Settings) -> (String, i64, crate::plan::concentration::Thresholds) {
    (
        settings.today().strftime("%Y-%m-%d").to_string(),
        settings.checkin_cadence_days,
        settings.concentration,
    )
}
