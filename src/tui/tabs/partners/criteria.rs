//! The criteria editor: the selection criteria in order, each with its weight (and share of the
//! total) or "gate", and the rationale for the weight, as every type's programme has them or as
//! one partner type's does (`]`/`[`), where a criterion may carry the type's own weight or gate.
//! Add, edit, delete and reorder go back to the App as `Intent::Partner`; every partner's fit
//! follows.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::views::{Step, opened, read_only};
use crate::plan::criteria::{CriterionDraft, CriterionField, TypeSetting};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListEdits, ListLook, Listed, OrderedList, described};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{TypedCriterion, Workbook};
use ratatui::style::Style;

impl Listed for TypedCriterion {
    fn list_id(&self) -> i64 {
        self.record.criterion.id
    }
}

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct CriteriaView {
    pub list: OrderedList<TypedCriterion>,
    types: TypePicker,
    /// The open form is the shown type's setting of a criterion, not the criterion itself.
    type_form: bool,
}

impl CriteriaView {
    pub fn load(wb: &Workbook) -> Result<CriteriaView> {
        let mut view = CriteriaView {
            list: OrderedList::default(),
            types: TypePicker::default(),
            type_form: false,
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Re-reads the criteria; the selection follows its criterion when it moved, and goes to the
    /// new one when one was added. The type shown stays shown.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.types.refresh(wb)?;
        self.list.set(wb.criteria_for_type(self.kind())?);
        Ok(())
    }

    /// The partner type whose programme is shown; `None` for every type's.
    fn kind(&self) -> Option<&str> {
        self.types.kind()
    }

    /// `]`/`[`: every type's programme, then each type's in the list's order, round again.
    pub fn next_type(&mut self, forward: bool, wb: &Workbook) -> Result<()> {
        self.types.step(forward);
        self.list.set(wb.criteria_for_type(self.kind())?);
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool) -> Step {
        if matches!(action, Action::TypeWeight | Action::EveryTypeWeight) {
            return self.handle_type_setting(action, writable);
        }
        self.type_form = false;
        // A criterion is a question every partner is asked; a type changes only its weight or
        // gate, so one added while a type is shown is every type's, and its form says so.
        let kind = self.types.kind();
        let step = self.list.edit_key(
            action,
            writable,
            &ListEdits {
                form: &|criterion| match criterion.map(|c| &c.record) {
                    Some(record) => {
                        let draft = CriterionDraft {
                            name: record.criterion.name.clone(),
                            description: record.description.clone(),
                            weight: record.criterion.weight,
                            rationale: record.rationale.clone(),
                            is_gate: record.criterion.is_gate,
                        };
                        let title = format!("Edit {}", clean(&record.criterion.name));
                        criterion_form(&title, &draft)
                    }
                    None => match kind {
                        Some(kind) => {
                            let mut form = criterion_form(
                                "New criterion for every type",
                                &CriterionDraft::default(),
                            );
                            form.warning = Some(format!(
                                "Every type's programme gets it, at the weight typed here; then w \
                                 on it gives {} its own weight.",
                                clean(kind)
                            ));
                            form
                        }
                        None => criterion_form("New criterion", &CriterionDraft::default()),
                    },
                },
                delete: &|c| ConfirmAction::DeleteCriterion {
                    id: c.record.criterion.id,
                    name: c.record.criterion.name.clone(),
                },
                reorder: Ok(&|id, up| Intent::Partner(PartnerEdit::MoveCriterion { id, up })),
            },
        );
        opened(&mut self.list, step)
    }

    /// `w` opens the shown type's setting of the selected criterion; `x` takes the criterion
    /// back to every type's weight and gate for that type.
    fn handle_type_setting(&mut self, action: Action, writable: bool) -> Step {
        if !writable {
            return read_only();
        }
        let Some(kind) = self.kind().map(str::to_string) else {
            return Step::Intent(Intent::Status(
                "This is every type's programme: press ] to pick a partner type, then give the \
                 criterion that type's own weight."
                    .into(),
            ));
        };
        let Some(selected) = self.list.selected() else {
            return Step::Intent(Intent::Nothing);
        };
        let id = selected.record.criterion.id;
        if action == Action::EveryTypeWeight {
            return Step::Intent(Intent::Partner(PartnerEdit::CriterionForType {
                id,
                name: selected.record.criterion.name.clone(),
                kind,
                setting: TypeSetting::default(),
            }));
        }
        let weight = selected.setting.weight.map(number).unwrap_or_default();
        let form = Form::new(format!(
            "{} for {}",
            clean(&selected.record.criterion.name),
            clean(&kind)
        ))
        .number(
            "weight",
            "Weight for this type (empty: every type's)",
            &weight,
        )
        .checkbox(
            "gate",
            "Pass/fail gate for this type",
            selected.effective.is_gate,
        );
        self.type_form = true;
        self.list.open(Some(id), form);
        Step::Intent(Intent::Nothing)
    }

    /// The type-setting form as an edit, or its problem shown on the weight.
    fn submit_type_setting(&mut self) -> Intent {
        let (Some(id), Some(kind)) = (self.list.editing, self.kind().map(str::to_string)) else {
            return Intent::Nothing;
        };
        let Some(base) = self
            .list
            .records()
            .iter()
            .find(|c| c.record.criterion.id == id)
            .map(|c| c.record.criterion.clone())
        else {
            return Intent::Nothing;
        };
        let Some(form) = self.list.form.as_mut() else {
            return Intent::Nothing;
        };
        form.clear_errors();
        let weight = match form.value("weight").trim() {
            "" => None,
            text => Some(text.parse::<f64>().unwrap_or(f64::NAN)),
        };
        let setting = TypeSetting {
            weight,
            is_gate: Some(form.value("gate") == "yes"),
        };
        match setting.checked(&base) {
            Ok(setting) => Intent::Partner(PartnerEdit::CriterionForType {
                id,
                name: base.name,
                kind,
                setting,
            }),
            Err(problem) => {
                form.set_error("weight", problem);
                form.focus_first_error();
                Intent::Nothing
            }
        }
    }

    /// The form as an edit, or the problems shown on their fields.
    pub fn submit(&mut self) -> Intent {
        if self.type_form {
            return self.submit_type_setting();
        }
        let editing = self.list.editing;
        let others: Vec<String> = self
            .list
            .records()
            .iter()
            .filter(|c| Some(c.record.criterion.id) != editing)
            .map(|c| c.record.criterion.name.clone())
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
        let gates = criteria.iter().filter(|c| c.effective.is_gate).count();
        let weighted = criteria.len() - gates;
        let total = self.total_weight();
        let warning = theme.warning;
        let base = theme.base;
        let muted = theme.muted;
        let accent = theme.title;
        let row = move |c: &TypedCriterion| {
            let (weight, style) = if c.effective.is_gate {
                ("gate".to_string(), warning)
            } else {
                (weight_label(c.effective.weight, total), base)
            };
            // A type's own setting says so where the rationale (every type's) would mislead.
            let (why, why_style) = if c.setting.is_empty() {
                (clean(&c.record.rationale).into_owned(), muted)
            } else {
                ("this type's own".to_string(), accent)
            };
            vec![
                (
                    clean(&c.record.criterion.name).into_owned(),
                    Style::default(),
                ),
                (weight, style),
                (why, why_style),
            ]
        };
        let kind = self.kind().unwrap_or_default();
        let detail = move |typed: &TypedCriterion, width: u16| {
            let record = &typed.record;
            let mut lines = described(&record.description, width, muted);
            let why = typed
                .setting
                .why(kind, &record.criterion, &record.rationale);
            if !why.is_empty() {
                lines.push(Line::default());
                for part in wrap(&format!("Why this weight: {}", clean(&why)), width) {
                    lines.push(Line::styled(part, muted));
                }
            }
            (clean(&record.criterion.name).into_owned(), lines)
        };
        let look = ListLook {
            summary: format!(
                "{} · {weighted} weighted {} · total weight {} · {gates} pass/fail {}",
                match self.kind() {
                    Some(kind) => format!("For {}", clean(kind)),
                    None => "For every type".to_string(),
                },
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
            .filter(|c| !c.effective.is_gate)
            .map(|c| c.effective.weight)
            .sum()
    }
}

/// Which partner type's programme a view shows: every type's, or one of the types a programme
/// can be set for.
#[derive(Debug, Default)]
pub(super) struct TypePicker {
    types: Vec<String>,
    /// An index into `types`; `None` for every type's.
    shown: Option<usize>,
}

impl TypePicker {
    /// Re-reads the types; the type shown stays shown while it is still one of them.
    pub fn refresh(&mut self, wb: &Workbook) -> Result<()> {
        let kind = self.kind().map(str::to_string);
        self.types = wb.programme_types()?;
        self.shown = kind.and_then(|k| self.types.iter().position(|t| *t == k));
        Ok(())
    }

    pub fn kind(&self) -> Option<&str> {
        self.shown
            .and_then(|at| self.types.get(at))
            .map(String::as_str)
    }

    pub fn step(&mut self, forward: bool) {
        self.shown = next_shown(self.shown, self.types.len(), forward);
    }
}

/// The type shown after `]` (`forward`) or `[` among `count` types: every type's (`None`) comes
/// before the first and after the last.
fn next_shown(shown: Option<usize>, count: usize, forward: bool) -> Option<usize> {
    match (shown, forward) {
        (None, true) => (count > 0).then_some(0),
        (None, false) => count.checked_sub(1),
        (Some(at), true) => (at + 1 < count).then_some(at + 1),
        (Some(at), false) => at.checked_sub(1),
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
    fn types_go_round_through_every_types_programme() {
        assert_eq!(next_shown(None, 3, true), Some(0));
        assert_eq!(next_shown(Some(2), 3, true), None);
        assert_eq!(next_shown(None, 3, false), Some(2));
        assert_eq!(next_shown(Some(0), 3, false), None);
        assert_eq!(next_shown(None, 0, true), None);
    }

    #[test]
    fn weights_show_their_share() {
        assert_eq!(weight_label(30.0, 100.0), "30 · 30%");
        assert_eq!(weight_label(12.5, 50.0), "12.5 · 25%");
        assert_eq!(weight_label(0.0, 0.0), "0 · –");
    }
}
