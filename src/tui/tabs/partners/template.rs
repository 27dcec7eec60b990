//! The onboarding checklist template: the workbook's checklist items in order, each with how
//! many partners have a status recorded for it. Add, edit, delete and reorder go back to the App
//! as `Intent::Edit`; every partner's checklist and onboarding % follow.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::views::{Step, followed, moved, read_only};
use crate::plan::template::{ItemDraft, ItemField};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::{column_width, render_selected};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{TemplateItem, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct TemplateView {
    items: Vec<TemplateItem>,
    selected: usize,
    pub form: Option<Form>,
    /// The item the open form edits; `None` while adding one.
    editing: Option<i64>,
}

impl TemplateView {
    pub fn load(wb: &Workbook) -> Result<TemplateView> {
        let mut view = TemplateView {
            items: Vec::new(),
            selected: 0,
            form: None,
            editing: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Re-reads the items; the selection follows its item, or goes to the one just added.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let before: Vec<i64> = self.items.iter().map(|i| i.id).collect();
        self.items = wb.onboarding_items()?;
        let after: Vec<i64> = self.items.iter().map(|i| i.id).collect();
        self.selected = followed(&before, self.selected, &after);
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool) -> Step {
        if let Some(next) = moved(self.selected, self.items.len(), action, 10) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        let selected = self.items.get(self.selected);
        match (action, selected) {
            (Action::Add | Action::Edit | Action::Delete, _)
            | (Action::MoveUp | Action::MoveDown, _)
                if !writable =>
            {
                read_only()
            }
            (Action::Add, _) => {
                self.editing = None;
                self.form = Some(item_form("New checklist item", &ItemDraft::default()));
                Step::Intent(Intent::Nothing)
            }
            (Action::Edit, Some(item)) => {
                self.editing = Some(item.id);
                let draft = ItemDraft {
                    title: item.title.clone(),
                    description: item.description.clone(),
                };
                let title = format!("Edit {}", clean(&item.title));
                self.form = Some(item_form(&title, &draft));
                Step::Intent(Intent::Nothing)
            }
            (Action::Delete, Some(item)) => {
                Step::Intent(Intent::Confirm(ConfirmAction::DeleteChecklistItem {
                    id: item.id,
                    title: item.title.clone(),
                    partners: item.partners,
                }))
            }
            (Action::MoveUp | Action::MoveDown, Some(item)) => {
                Step::Intent(Intent::Edit(PartnerEdit::MoveChecklistItem {
                    id: item.id,
                    up: action == Action::MoveUp,
                }))
            }
            _ => Step::Intent(Intent::Nothing),
        }
    }

    /// The form as an edit, or the problems shown on their fields.
    pub fn submit(&mut self) -> Intent {
        let Some(form) = self.form.as_mut() else {
            return Intent::Nothing;
        };
        form.clear_errors();
        let draft = ItemDraft {
            title: form.value("title"),
            description: form.value("description"),
        };
        let others: Vec<&str> = self
            .items
            .iter()
            .filter(|i| Some(i.id) != self.editing)
            .map(|i| i.title.as_str())
            .collect();
        match draft.checked(&others) {
            Ok(draft) => Intent::Edit(PartnerEdit::SaveChecklistItem {
                id: self.editing,
                draft,
            }),
            Err(problems) => {
                for (field, message) in problems {
                    let id = match field {
                        ItemField::Title => "title",
                        ItemField::Description => "description",
                    };
                    form.set_error(id, message);
                }
                form.focus_first_error();
                Intent::Nothing
            }
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let table_height = (self.items.len() as u16).saturating_add(3);
        let [summary, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Min(0),
        ])
        .areas(area);
        let count = self.items.len();
        Paragraph::new(Line::styled(
            format!(
                "{count} checklist {} · every partner's checklist follows this template",
                if count == 1 { "item" } else { "items" },
            ),
            theme.muted,
        ))
        .render(summary, buf);
        self.render_table(table, buf, theme);
        self.render_detail(detail, buf, theme);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Checklist items, in order ", theme.title));
        if self.items.is_empty() {
            Paragraph::new(Line::styled(
                "No checklist items: add one to track onboarding.",
                theme.muted,
            ))
            .block(block)
            .render(area, buf);
            return;
        }
        let header = Row::new(["#", "Item", "Partners with a status"]).style(theme.header);
        let rows = self.items.iter().enumerate().map(|(index, item)| {
            Row::new([
                Cell::from((index + 1).to_string()).style(theme.muted),
                Cell::from(clean(&item.title).into_owned()),
                Cell::from(item.partners.to_string()).style(theme.muted),
            ])
        });
        let title_width = column_width(self.items.iter().map(|i| i.title.as_str()), 4, 60);
        let widths = [
            Constraint::Length(2),
            Constraint::Length(title_width),
            Constraint::Fill(1),
        ];
        let table = Table::new(rows, widths).header(header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    /// The selected item's description, wrapped, when there is room.
    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some(item) = self.items.get(self.selected) else {
            return;
        };
        if area.height < 3 {
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(
                format!(" {} ", clean(&item.title)),
                theme.title,
            ));
        let width = block.inner(area).width;
        let mut lines: Vec<Line> = clean_lines(&item.description)
            .iter()
            .flat_map(|l| wrap(l, width))
            .map(Line::from)
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled("No description.", theme.muted));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

fn item_form(title: &str, draft: &ItemDraft) -> Form {
    Form::new(title.to_string())
        .text("title", "Title", &draft.title, true)
        .multiline("description", "Description", &draft.description)
        .rows(4)
}
