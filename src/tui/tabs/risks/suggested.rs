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
use crate::workbook::Workbook;

#[derive(Debug)]
pub(super) struct SuggestedView {
    suggestions: Vec<Suggestion>,
    selected: usize,
}

/// What a key in the view asks for.
pub(super) enum SuggestedStep {
    Stay,
    Close,
    Intent(Intent),
    Accept(Box<Suggestion>),
}

impl SuggestedView {
    pub fn load(wb: &Workbook, settings: &Settings) -> Result<SuggestedView> {
        let mut view = SuggestedView {
            suggestions: Vec::new(),
            selected: 0,
        };
        view.reload(wb, settings)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook, settings: &Settings) -> Result<()> {
        let today = settings.today().strftime("%Y-%m-%d").to_string();
        self.suggestions = wb.risk_suggestions_within(
            &today,
            settings.checkin_cadence_days,
            settings.concentration,
        )?;
        self.selected = self.selected.min(self.suggestions.len().saturating_sub(1));
        Ok(())
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
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Suggested risks ", theme.title));
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
