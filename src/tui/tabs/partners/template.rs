//! The onboarding checklist template: the workbook's checklist items in order, each with how
//! many partners have a status recorded for it and which partner types it is for; `]`/`[` show
//! one type's checklist, where `Space` puts an item in or out of it. Add, edit, delete and
//! reorder go back to the App as `Intent::Partner`; every partner's checklist and onboarding %
//! follow.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::criteria::TypePicker;
use super::views::{Step, opened, read_only};
use crate::plan::template::{ItemDraft, ItemField};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Column;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListEdits, ListLook, Listed, OrderedList, described};
use crate::workbook::{ItemReach, TemplateItem, Workbook};
use ratatui::style::Style;

impl Listed for TemplateItem {
    fn list_id(&self) -> i64 {
        self.id
    }
}

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct TemplateView {
    pub list: OrderedList<TemplateItem>,
    /// Which types each item is for, by item id.
    reach: Vec<(i64, ItemReach)>,
    types: TypePicker,
}

impl TemplateView {
    pub fn load(wb: &Workbook) -> Result<TemplateView> {
        let mut view = TemplateView {
            list: OrderedList::default(),
            reach: Vec::new(),
            types: TypePicker::default(),
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Re-reads the items; the selection follows its item, or goes to the one just added. The
    /// type shown stays shown.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.types.refresh(wb)?;
        let items = wb.onboarding_items()?;
        self.reach = items
            .iter()
            .map(|i| Ok((i.id, wb.item_reach(i.id)?)))
            .collect::<Result<_>>()?;
        self.list.set(items);
        Ok(())
    }

    /// The partner type whose checklist is shown; `None` for every item.
    fn kind(&self) -> Option<&str> {
        self.types.kind()
    }

    /// `]`/`[`: every item, then each type's checklist in the list's order, round again.
    pub fn next_type(&mut self, forward: bool) {
        self.types.step(forward);
    }

    pub fn handle(&mut self, action: Action, writable: bool) -> Step {
        if action == Action::Toggle {
            return self.toggle_for_type(writable);
        }
        // Added while one type's checklist is shown, it is that type's item.
        let kind = self.types.kind();
        let step = self.list.edit_key(
            action,
            writable,
            &ListEdits {
                form: &|item| match item {
                    Some(item) => {
                        let draft = ItemDraft {
                            title: item.title.clone(),
                            description: item.description.clone(),
                        };
                        item_form(&format!("Edit {}", clean(&item.title)), &draft)
                    }
                    None => match kind {
                        Some(kind) => {
                            let mut form = item_form(
                                &format!("New checklist item for {}", clean(kind)),
                                &ItemDraft::default(),
                            );
                            form.warning = Some(format!(
                                "Only the checklist of {} will hold it (] to every type's items \
                                 first for an item every partner has).",
                                clean(kind)
                            ));
                            form
                        }
                        None => item_form("New checklist item", &ItemDraft::default()),
                    },
                },
                delete: &|item| ConfirmAction::DeleteChecklistItem {
                    id: item.id,
                    title: item.title.clone(),
                    partners: item.partners,
                },
                reorder: Ok(&|id, up| Intent::Partner(PartnerEdit::MoveChecklistItem { id, up })),
            },
        );
        opened(&mut self.list, step)
    }

    /// `Space`: the selected item in or out of the shown type's checklist.
    fn toggle_for_type(&self, writable: bool) -> Step {
        if !writable {
            return read_only();
        }
        let Some(kind) = self.kind() else {
            return Step::Intent(Intent::Status(
                "These are every type's items: press ] to pick a partner type, then Space puts \
                 an item in or out of that type's checklist."
                    .into(),
            ));
        };
        match self.list.selected() {
            Some(item) => Step::Intent(Intent::Partner(PartnerEdit::ToggleItemForType {
                id: item.id,
                kind: kind.to_string(),
            })),
            None => Step::Intent(Intent::Nothing),
        }
    }

    /// The form as an edit, or the problems shown on their fields.
    pub fn submit(&mut self) -> Intent {
        let editing = self.list.editing;
        let others: Vec<String> = self
            .list
            .records()
            .iter()
            .filter(|i| Some(i.id) != editing)
            .map(|i| i.title.clone())
            .collect();
        let Some(form) = self.list.form.as_mut() else {
            return Intent::Nothing;
        };
        form.clear_errors();
        let draft = ItemDraft {
            title: form.value("title"),
            description: form.value("description"),
        };
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        match draft.checked(&others) {
            Ok(draft) => match (editing, self.types.kind()) {
                (None, Some(kind)) => Intent::Partner(PartnerEdit::AddChecklistItemForType {
                    draft,
                    kind: kind.to_string(),
                }),
                _ => Intent::Partner(PartnerEdit::SaveChecklistItem { id: editing, draft }),
            },
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
        let items = self.list.records();
        let count = items.len();
        let muted = theme.muted;
        let kind = self.kind();
        let reach = |id: i64| {
            self.reach
                .iter()
                .find(|(item, _)| *item == id)
                .map_or(ItemReach::EveryType, |(_, r)| r.clone())
        };
        let row = |item: &TemplateItem| {
            let reach = reach(item.id);
            // In one type's checklist, an item that is not in it is shown greyed.
            let style = match kind {
                Some(kind) if !reach.includes(kind) => muted,
                _ => Style::default(),
            };
            vec![
                (clean(&item.title).into_owned(), style),
                (clean(&reach.label()).into_owned(), muted),
                (item.partners.to_string(), muted),
            ]
        };
        let summary = match kind {
            Some(kind) => {
                let held = items.iter().filter(|i| reach(i.id).includes(kind)).count();
                format!(
                    "Checklist of {}: {held} of {count} items · greyed items are for other types",
                    clean(kind)
                )
            }
            None => format!(
                "{count} checklist {} · a partner's checklist holds the items for its type",
                if count == 1 { "item" } else { "items" },
            ),
        };
        let detail = move |item: &TemplateItem, width: u16| {
            let lines = described(&item.description, width, muted);
            (clean(&item.title).into_owned(), lines)
        };
        let look = ListLook {
            summary,
            title: " Checklist items, in order ",
            empty: "No checklist items: add one to track onboarding.",
            columns: vec![
                Column::new("Item", 1).min(12).max(60),
                Column::new("For", 3).min(8).max(30),
                Column::new("Partners with a status", 2).min(8).grow(),
            ],
            row: &row,
            detail: &detail,
        };
        self.list.render(area, buf, theme, &look);
    }
}

fn item_form(title: &str, draft: &ItemDraft) -> Form {
    Form::new(title.to_string())
        .text("title", "Title", &draft.title, true)
        .multiline("description", "Description", &draft.description)
        .rows(4)
}
