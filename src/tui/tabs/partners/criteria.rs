//! The criteria editor: the selection criteria in order, each with its weight (and share of the
//! total) or "gate", and the rationale for the weight. Add, edit, delete and reorder go back to
//! the App as `Intent::Edit`; every partner's fit follows.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget};

use super::views::{Step, followed, moved, read_only};
use crate::plan::criteria::{CriterionDraft, CriterionField};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::{column_width, render_selected};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{CriterionRecord, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct CriteriaView {
    criteria: Vec<CriterionRecord>,
    selected: usize,
    pub form: Option<Form>,
    /// The criterion the open form edits; `None` while adding one.
    editing: Option<i64>,
}

impl CriteriaView {
    pub fn load(wb: &Workbook) -> Result<CriteriaView> {
        let mut view = CriteriaView {
            criteria: Vec::new(),
            selected: 0,
            form: None,
            editing: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Re-reads the criteria; the selection follows its criterion when it moved, and goes to the
    /// new one when one was added.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let before: Vec<i64> = self.criteria.iter().map(|c| c.criterion.id).collect();
        self.criteria = wb.criteria()?;
        let after: Vec<i64> = self.criteria.iter().map(|c| c.criterion.id).collect();
        self.selected = followed(&before, self.selected, &after);
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool) -> Step {
        if let Some(next) = moved(self.selected, self.criteria.len(), action, 10) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        let selected = self.criteria.get(self.selected);
        match (action, selected) {
            (Action::Add | Action::Edit | Action::Delete, _)
            | (Action::MoveUp | Action::MoveDown, _)
                if !writable =>
            {
                read_only()
            }
            (Action::Add, _) => {
                self.editing = None;
                self.form = Some(criterion_form("New criterion", &CriterionDraft::default()));
                Step::Intent(Intent::Nothing)
            }
            (Action::Edit, Some(record)) => {
                self.editing = Some(record.criterion.id);
                let draft = CriterionDraft {
                    name: record.criterion.name.clone(),
                    description: record.description.clone(),
                    weight: record.criterion.weight,
                    rationale: record.rationale.clone(),
                    is_gate: record.criterion.is_gate,
                };
                let title = format!("Edit {}", clean(&record.criterion.name));
                self.form = Some(criterion_form(&title, &draft));
                Step::Intent(Intent::Nothing)
            }
            (Action::Delete, Some(record)) => {
                Step::Intent(Intent::Confirm(ConfirmAction::DeleteCriterion {
                    id: record.criterion.id,
                    name: record.criterion.name.clone(),
                }))
            }
            (Action::MoveUp | Action::MoveDown, Some(record)) => {
                Step::Intent(Intent::Edit(PartnerEdit::MoveCriterion {
                    id: record.criterion.id,
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
        let is_gate = form.value("gate") == "yes";
        let weight_text = form.value("weight");
        let weight = match weight_text.trim() {
            "" if is_gate => 0.0,
            text => text.parse::<f64>().unwrap_or(f64::NAN),
        };
        let draft = CriterionDraft {
            name: form.value("name"),
            description: form.value("description"),
            weight,
            rationale: form.value("rationale"),
            is_gate,
        };
        let others: Vec<&str> = self
            .criteria
            .iter()
            .filter(|c| Some(c.criterion.id) != self.editing)
            .map(|c| c.criterion.name.as_str())
            .collect();
        match draft.checked(&others) {
            Ok(draft) => Intent::Edit(PartnerEdit::SaveCriterion {
                id: self.editing,
                draft,
            }),
            Err(problems) => {
                for (field, message) in problems {
                    let id = match field {
                        CriterionField::Name => "name",
                        CriterionField::Description => "description",
                        CriterionField::Weight => "weight",
                        CriterionField::Rationale => "rationale",
                    };
                    form.set_error(id, message);
                }
                form.focus_first_error();
                Intent::Nothing
            }
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let table_height = (self.criteria.len() as u16).saturating_add(3);
        let [summary, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Min(0),
        ])
        .areas(area);
        let gates = self.criteria.iter().filter(|c| c.criterion.is_gate).count();
        let weighted = self.criteria.len() - gates;
        Paragraph::new(Line::styled(
            format!(
                "{weighted} weighted {} · total weight {} · {gates} pass/fail {}",
                if weighted == 1 {
                    "criterion"
                } else {
                    "criteria"
                },
                number(self.total_weight()),
                if gates == 1 { "gate" } else { "gates" },
            ),
            theme.muted,
        ))
        .render(summary, buf);
        self.render_table(table, buf, theme);
        self.render_detail(detail, buf, theme);
    }

    fn total_weight(&self) -> f64 {
        self.criteria
            .iter()
            .filter(|c| !c.criterion.is_gate)
            .map(|c| c.criterion.weight)
            .sum()
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Criteria, in order ", theme.title));
        if self.criteria.is_empty() {
            Paragraph::new(Line::styled(
                "No criteria yet: add one to start scoring partners.",
                theme.muted,
            ))
            .block(block)
            .render(area, buf);
            return;
        }
        let total = self.total_weight();
        let header = Row::new(["#", "Criterion", "Weight", "Rationale"]).style(theme.header);
        let rows = self.criteria.iter().enumerate().map(|(index, c)| {
            let (weight, style) = if c.criterion.is_gate {
                ("gate".to_string(), theme.warning)
            } else {
                (weight_label(c.criterion.weight, total), theme.base)
            };
            Row::new([
                Cell::from((index + 1).to_string()).style(theme.muted),
                Cell::from(clean(&c.criterion.name).into_owned()),
                Cell::from(weight).style(style),
                Cell::from(clean(&c.rationale).into_owned()).style(theme.muted),
            ])
        });
        let name_width = column_width(
            self.criteria.iter().map(|c| c.criterion.name.as_str()),
            9,
            40,
        );
        let widths = [
            Constraint::Length(2),
            Constraint::Length(name_width),
            Constraint::Length(11),
            Constraint::Fill(1),
        ];
        let table = Table::new(rows, widths).header(header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    /// The selected criterion's description and rationale, wrapped, when there is room.
    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some(record) = self.criteria.get(self.selected) else {
            return;
        };
        if area.height < 3 {
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(
                format!(" {} ", clean(&record.criterion.name)),
                theme.title,
            ));
        let width = block.inner(area).width;
        let mut lines: Vec<Line> = clean_lines(&record.description)
            .iter()
            .flat_map(|l| wrap(l, width))
            .map(Line::from)
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled("No description.", theme.muted));
        }
        if !record.rationale.trim().is_empty() {
            lines.push(Line::default());
            for part in wrap(
                &format!("Why this weight: {}", clean(&record.rationale)),
                width,
            ) {
                lines.push(Line::styled(part, theme.muted));
            }
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

fn criterion_form(title: &str, draft: &CriterionDraft) -> Form {
    let weight = if draft.is_gate {
        String::new()
    } else {
        number(draft.weight)
    };
    Form::new(title.to_string())
        .text("name", "Name", &draft.name, true)
        .multiline("description", "Description", &draft.description)
        .rows(3)
        .number("weight", "Weight (0–100)", &weight)
        .text("rationale", "Why this weight", &draft.rationale, false)
        .checkbox("gate", "Pass/fail gate", draft.is_gate)
}

/// A weight without needless decimals: "30", "12.5".
fn number(weight: f64) -> String {
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight:.1}")
    }
}

/// "30 · 30%": the weight and its share of the total weight.
fn weight_label(weight: f64, total: f64) -> String {
    if total > 0.0 {
        format!("{} · {:.0}%", number(weight), weight / total * 100.0)
    } else {
        format!("{} · –", number(weight))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_show_their_share() {
        assert_eq!(weight_label(30.0, 100.0), "30 · 30%");
        assert_eq!(weight_label(12.5, 50.0), "12.5 · 25%");
        assert_eq!(weight_label(0.0, 0.0), "0 · –");
    }
}
