//! A partner's onboarding checklist: each item pending, done, skipped or blocked, with its date
//! and note, and the progress it adds up to.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::views::{PartnerRef, Step, moved, read_only};
use crate::plan::onboarding::{ItemStatus, progress};
use crate::plan::shape::{parse_iso_date, show_date};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::render_selected;
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{ChecklistLine, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct ChecklistView {
    pub partner: PartnerRef,
    lines: Vec<ChecklistLine>,
    selected: usize,
    pub form: Option<Form>,
}

impl ChecklistView {
    /// Whether an item is selected to tick (none when the checklist template is empty).
    pub fn has_selection(&self) -> bool {
        self.selected < self.lines.len()
    }

    pub fn load(wb: &Workbook, partner: PartnerRef) -> Result<ChecklistView> {
        let mut view = ChecklistView {
            partner,
            lines: Vec::new(),
            selected: 0,
            form: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.lines = wb.checklist(self.partner.id)?;
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool, settings: &Settings) -> Step {
        if let Some(next) = moved(self.selected, self.lines.len(), action, 10) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        let Some(line) = self.lines.get(self.selected) else {
            return Step::Intent(Intent::Nothing);
        };
        let (partner, item, today) = (self.partner.id, line.item_id, settings.today());
        let set = |status: ItemStatus| {
            // Pressing an item's own status again sets it back to pending.
            let status = if line.status == status {
                ItemStatus::Pending
            } else {
                status
            };
            Step::Intent(Intent::Partner(PartnerEdit::ChecklistItem {
                partner,
                item,
                status,
                on: today,
                note: line.note.clone(),
            }))
        };
        // A tick, skip or block moves on to the next item, so a checklist is a run of keys.
        let ticks = matches!(action, Action::Toggle | Action::Skip | Action::Block);
        if ticks && writable {
            self.selected = (self.selected + 1).min(self.lines.len().saturating_sub(1));
        }
        match action {
            Action::Toggle | Action::Skip | Action::Block | Action::Edit if !writable => {
                read_only()
            }
            Action::Toggle => Step::Intent(Intent::Partner(PartnerEdit::ToggleChecklistItem {
                partner,
                item,
                on: today,
            })),
            Action::Skip => set(ItemStatus::Skipped),
            Action::Block => set(ItemStatus::Blocked),
            Action::Edit => {
                self.form = Some(
                    Form::new(format!("Note — {}", clean(&line.title)))
                        .multiline("note", "Note", &line.note)
                        .rows(4),
                );
                Step::Intent(Intent::Nothing)
            }
            _ => Step::Intent(Intent::Nothing),
        }
    }

    /// The note form as an edit: the status and its date stay as they are.
    pub fn submit(&mut self, settings: &Settings) -> Intent {
        let (Some(form), Some(line)) = (self.form.as_ref(), self.lines.get(self.selected)) else {
            return Intent::Nothing;
        };
        let on = line
            .date
            .as_deref()
            .and_then(parse_iso_date)
            .unwrap_or_else(|| settings.today());
        Intent::Partner(PartnerEdit::ChecklistItem {
            partner: self.partner.id,
            item: line.item_id,
            status: line.status,
            on,
            note: form.value("note"),
        })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let table_height = (self.lines.len() as u16).saturating_add(3);
        let [summary, table, note] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Min(0),
        ])
        .areas(area);
        let statuses: Vec<ItemStatus> = self.lines.iter().map(|l| l.status).collect();
        let count = |s: ItemStatus| statuses.iter().filter(|x| **x == s).count();
        let summary_text = match progress(&statuses) {
            Some(percent) => format!(
                "Onboarding {percent}% · {} done · {} pending · {} blocked · {} skipped",
                count(ItemStatus::Done),
                count(ItemStatus::Pending),
                count(ItemStatus::Blocked),
                count(ItemStatus::Skipped)
            ),
            None => "Onboarding: nothing applicable".into(),
        };
        let style = if progress(&statuses) == Some(100) {
            theme.ok
        } else {
            theme.base
        };
        Paragraph::new(Line::styled(summary_text, style)).render(summary, buf);
        self.render_table(table, buf, theme, settings);
        self.render_note(note, buf, theme);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Onboarding checklist ", theme.title));
        if self.lines.is_empty() {
            Paragraph::new(Line::styled(
                "The workbook's checklist has no items yet.",
                theme.muted,
            ))
            .block(block)
            .render(area, buf);
            return;
        }
        let columns = [
            Column::new("Item", 0).min(8).max(48),
            Column::new("Status", 1).min(6).max(11),
            Column::new("Date", 2).min(10).max(14),
            Column::new("Note", 3).min(8).grow(),
        ];
        let rows = self
            .lines
            .iter()
            .map(|line| {
                let (mark, style) = status_look(line.status, theme);
                let date = line
                    .date
                    .as_deref()
                    .map(|d| clean(&show_date(d, &settings.date_format)).into_owned())
                    .unwrap_or_default();
                let note = line
                    .note
                    .lines()
                    .next()
                    .map(|l| clean(l).into_owned())
                    .unwrap_or_default();
                vec![
                    (clean(&line.title).into_owned(), theme.base),
                    (format!("{mark}{}", line.status.word()), style),
                    (date, theme.base),
                    (note, theme.base),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    fn render_note(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some(line) = self.lines.get(self.selected) else {
            return;
        };
        if area.height < 3 || line.note.trim().is_empty() {
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(" Note ", theme.title));
        let width = block.inner(area).width;
        let lines: Vec<Line> = clean_lines(&line.note)
            .iter()
            .flat_map(|l| wrap(l, width))
            .map(Line::from)
            .collect();
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// The status's mark and style: done reads as good news, blocked as a problem.
fn status_look(status: ItemStatus, theme: &Theme) -> (&'static str, Style) {
    match status {
        ItemStatus::Done => ("✓ ", theme.ok),
        ItemStatus::Pending => ("○ ", theme.base),
        ItemStatus::Skipped => ("– ", theme.muted),
        ItemStatus::Blocked => ("! ", theme.error),
    }
}
