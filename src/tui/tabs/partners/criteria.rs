//! The criteria editor: the selection criteria in order, each with its weight (and share of the
//! total) or "gate", and the rationale for the weight. Add, edit, delete and reorder go back to
//! the App as `Intent::Partner`; every partner's fit follows.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::views::{Step, read_only};
use crate::plan::criteria::{CriterionDraft, CriterionField};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListKey, ListLook, Listed, OrderedList, described};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{CriterionRecord, Workbook};
use ratatui::style::Style;

impl Listed for CriterionRecord {
    fn list_id(&self) -> i64 {
        self.criterion.id
    }
}

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct CriteriaView {
    pub list: OrderedList<CriterionRecord>,
}

impl CriteriaView {
    pub fn load(wb: &Workbook) -> Result<CriteriaView> {
        let mut view = CriteriaView {
            list: OrderedList::default(),
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Re-reads the criteria; the selection follows its criterion when it moved, and goes to the
    /// new one when one was added.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.list.set(wb.criteria()?);
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool) -> Step {
        match self.list.key(action, writable) {
            ListKey::ReadOnly => read_only(),
            ListKey::Add => {
                self.list.open(
                    None,
                    criterion_form("New criterion", &CriterionDraft::default()),
                );
                Step::Intent(Intent::Nothing)
            }
            ListKey::Edit(index) => {
                let Some(record) = self.list.get(index) else {
                    return Step::Intent(Intent::Nothing);
                };
                let draft = CriterionDraft {
                    name: record.criterion.name.clone(),
                    description: record.description.clone(),
                    weight: record.criterion.weight,
                    rationale: record.rationale.clone(),
                    is_gate: record.criterion.is_gate,
                };
                let title = format!("Edit {}", clean(&record.criterion.name));
                let id = record.criterion.id;
                self.list.open(Some(id), criterion_form(&title, &draft));
                Step::Intent(Intent::Nothing)
            }
            ListKey::Delete(index) => match self.list.get(index) {
                Some(record) => Step::Intent(Intent::Confirm(ConfirmAction::DeleteCriterion {
                    id: record.criterion.id,
                    name: record.criterion.name.clone(),
                })),
                None => Step::Intent(Intent::Nothing),
            },
            ListKey::Move { id, up } => {
                Step::Intent(Intent::Partner(PartnerEdit::MoveCriterion { id, up }))
            }
            ListKey::Stay | ListKey::Other(_) => Step::Intent(Intent::Nothing),
        }
    }

    /// The form as an edit, or the problems shown on their fields.
    pub fn submit(&mut self) -> Intent {
        let editing = self.list.editing;
        let others: Vec<String> = self
            .list
            .records()
            .iter()
            .filter(|c| Some(c.criterion.id) != editing)
            .map(|c| c.criterion.name.clone())
            .collect();
        let Some(form) = self.list.form.as_mut() else {
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
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        match draft.checked(&others) {
            Ok(draft) => Intent::Partner(PartnerEdit::SaveCriterion { id: editing, draft }),
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
        let criteria = self.list.records();
        let gates = criteria.iter().filter(|c| c.criterion.is_gate).count();
        let weighted = criteria.len() - gates;
        let total = self.total_weight();
        let warning = theme.warning;
        let base = theme.base;
        let muted = theme.muted;
        let row = move |c: &CriterionRecord| {
            let (weight, style) = if c.criterion.is_gate {
                ("gate".to_string(), warning)
            } else {
                (weight_label(c.criterion.weight, total), base)
            };
            vec![
                (clean(&c.criterion.name).into_owned(), Style::default()),
                (weight, style),
                (clean(&c.rationale).into_owned(), muted),
            ]
        };
        let detail = move |record: &CriterionRecord, width: u16| {
            let mut lines = described(&record.description, width, muted);
            if !record.rationale.trim().is_empty() {
                lines.push(Line::default());
                for part in wrap(
                    &format!("Why this weight: {}", clean(&record.rationale)),
                    width,
                ) {
                    lines.push(Line::styled(part, muted));
                }
            }
            (clean(&record.criterion.name).into_owned(), lines)
        };
        let look = ListLook {
            summary: format!(
                "{weighted} weighted {} · total weight {} · {gates} pass/fail {}",
                if weighted == 1 {
                    "criterion"
                } else {
                    "criteria"
                },
                number(total),
                if gates == 1 { "gate" } else { "gates" },
            ),
            title: " Criteria, in order ",
            empty: "No criteria yet: add one to start scoring partners.",
            columns: vec![
                Column::new("Criterion", 1).min(12).max(40),
                Column::new("Weight", 2).min(6).max(11),
                Column::new("Rationale", 3).min(10).grow(),
            ],
            row: &row,
            detail: &detail,
        };
        self.list.render(area, buf, theme, &look);
    }

    fn total_weight(&self) -> f64 {
        self.list
            .records()
            .iter()
            .filter(|c| !c.criterion.is_gate)
            .map(|c| c.criterion.weight)
            .sum()
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
