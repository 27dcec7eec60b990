//! An editor of a short list kept in order (selection criteria, checklist items, goals, resources,
//! governance rules, protocols, forums): the records with one selected, the keys every such list
//! shares — move, add, edit, delete, reorder, refused when read-only — and its drawing: a summary
//! line, a numbered table and the selected record's detail. The owner gives its records' forms,
//! delete questions and reorder edit (`ListEdits`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::columns::{self, Column, TableCell};
use super::confirm::ConfirmAction;
use super::form::Form;
use super::selectable::render_selected;
use super::wrap::wrap;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean_lines;
use crate::tui::theme::Theme;

/// Rows a page key moves.
const PAGE: usize = 10;

/// What an edit key says in a read-only workbook.
pub const READ_ONLY: &str =
    "Read-only: nothing can be changed (reopen without --read-only to edit).";

/// A record the list can follow across reloads.
pub trait Listed {
    fn list_id(&self) -> i64;
}

/// What a key asks of `edit_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKey {
    /// The selection moved (or the key means nothing to a list).
    Stay,
    /// An edit in a read-only workbook.
    ReadOnly,
    Add,
    /// Edit, delete or move the record at this index.
    Edit(usize),
    Delete(usize),
    Move {
        id: i64,
        up: bool,
    },
    /// A key the list does not know: the owner's own.
    Other(Action),
}

/// How one list's records are edited: the form a record opens in, the question its delete asks,
/// and what moving it does. Every editable list's keys reach these through
/// `OrderedList::edit_key`, so add, edit, delete and reorder work alike in each.
pub struct ListEdits<'a, R> {
    /// The form of `Some(record)`, or of a new record (`None`).
    pub form: &'a dyn Fn(Option<&R>) -> Form,
    /// The question asked before `record` is deleted.
    pub delete: &'a dyn Fn(&R) -> ConfirmAction,
    /// The edit that moves record `id` up (`true`) or down; `Err(sentence)` where the list keeps
    /// an order of its own, the sentence saying which.
    pub reorder: Result<&'a dyn Fn(i64, bool) -> Intent, &'a str>,
}

/// What a key on an edited list leaves to its owner.
#[derive(Debug)]
pub enum ListStep {
    /// Show this: nothing, a delete's question, a reorder, a refusal.
    Intent(Intent),
    /// Open `form` to edit record `id` (`None`: a new one).
    Open { id: Option<i64>, form: Form },
    /// A key the list does not know: the owner's own.
    Other(Action),
}

#[derive(Debug)]
pub struct OrderedList<R> {
    records: Vec<R>,
    selected: usize,
    pub form: Option<Form>,
    /// The record the open form edits; `None` while adding one.
    pub editing: Option<i64>,
}

impl<R> Default for OrderedList<R> {
    fn default() -> Self {
        OrderedList {
            records: Vec::new(),
            selected: 0,
            form: None,
            editing: None,
        }
    }
}

/// A record's detail: its title and lines.
pub type Detail = (String, Vec<Line<'static>>);

/// How a list looks: its words, columns and detail.
pub struct ListLook<'a, R> {
    /// One muted line above the table (counts, totals).
    pub summary: String,
    /// The table's frame title.
    pub title: &'a str,
    /// Shown in the frame while there are no records.
    pub empty: &'a str,
    /// The columns after "#" (the column engine lays them out).
    pub columns: Vec<Column>,
    pub row: &'a dyn Fn(&R) -> Vec<TableCell>,
    /// The selected record's detail for a frame `width` wide: its title and lines.
    pub detail: &'a dyn Fn(&R, u16) -> Detail,
}

impl<R: Listed> OrderedList<R> {
    pub fn records(&self) -> &[R] {
        &self.records
    }

    pub fn get(&self, index: usize) -> Option<&R> {
        self.records.get(index)
    }

    pub fn selected(&self) -> Option<&R> {
        self.records.get(self.selected)
    }

    /// Selects the record `id` if it is listed; `false` when it is not.
    pub fn select(&mut self, id: i64) -> bool {
        match self.records.iter().position(|r| r.list_id() == id) {
            Some(index) => {
                self.selected = index;
                true
            }
            None => false,
        }
    }

    /// Takes the records read again; the selection follows its record when it moved, and goes to
    /// the new one when one was added.
    pub fn set(&mut self, records: Vec<R>) {
        let before: Vec<i64> = self.records.iter().map(Listed::list_id).collect();
        let after: Vec<i64> = records.iter().map(Listed::list_id).collect();
        self.selected = followed(&before, self.selected, &after);
        self.records = records;
    }

    /// Opens `form` to edit record `editing` (`None`: a new one).
    pub fn open(&mut self, editing: Option<i64>, form: Form) {
        self.editing = editing;
        self.form = Some(form);
    }

    pub fn close(&mut self) {
        self.form = None;
        self.editing = None;
    }

    /// What `action` means for the list; moves are done here.
    fn key(&mut self, action: Action, writable: bool) -> ListKey {
        if let Some(next) = moved(self.selected, self.records.len(), action, PAGE) {
            self.selected = next;
            return ListKey::Stay;
        }
        let writes = matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::MoveUp | Action::MoveDown
        );
        if writes && !writable {
            return ListKey::ReadOnly;
        }
        let selected = self.records.get(self.selected).map(|_| self.selected);
        match (action, selected) {
            (Action::Add, _) => ListKey::Add,
            (Action::Edit, Some(index)) => ListKey::Edit(index),
            (Action::Delete, Some(index)) => ListKey::Delete(index),
            (Action::MoveUp | Action::MoveDown, Some(index)) => ListKey::Move {
                id: self.records[index].list_id(),
                up: action == Action::MoveUp,
            },
            (Action::Edit | Action::Delete | Action::MoveUp | Action::MoveDown, None) => {
                ListKey::Stay
            }
            (other, _) => ListKey::Other(other),
        }
    }

    /// What `action` does to the list: moves are done here, edits are asked of `edits`.
    pub fn edit_key(
        &mut self,
        action: Action,
        writable: bool,
        edits: &ListEdits<'_, R>,
    ) -> ListStep {
        let nothing = ListStep::Intent(Intent::Nothing);
        match self.key(action, writable) {
            ListKey::ReadOnly => ListStep::Intent(Intent::Error(READ_ONLY.into())),
            ListKey::Add => ListStep::Open {
                id: None,
                form: (edits.form)(None),
            },
            ListKey::Edit(index) => match self.records.get(index) {
                Some(record) => ListStep::Open {
                    id: Some(record.list_id()),
                    form: (edits.form)(Some(record)),
                },
                None => nothing,
            },
            ListKey::Delete(index) => match self.records.get(index) {
                Some(record) => ListStep::Intent(Intent::Confirm((edits.delete)(record))),
                None => nothing,
            },
            ListKey::Move { id, up } => ListStep::Intent(match edits.reorder {
                Ok(reorder) => reorder(id, up),
                Err(sentence) => Intent::Status(sentence.into()),
            }),
            ListKey::Stay => nothing,
            ListKey::Other(action) => ListStep::Other(action),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, look: &ListLook<'_, R>) {
        let table_height = (self.records.len() as u16).saturating_add(3);
        let [summary, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Min(0),
        ])
        .areas(area);
        Paragraph::new(Line::styled(look.summary.clone(), theme.muted)).render(summary, buf);
        self.render_table(table, buf, theme, look);
        self.render_detail(detail, buf, theme, look);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme, look: &ListLook<'_, R>) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(look.title.to_string(), theme.title));
        if self.records.is_empty() {
            Paragraph::new(Line::styled(look.empty.to_string(), theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        let columns: Vec<Column> = std::iter::once(Column::new("#", 0).min(2).max(6))
            .chain(look.columns.iter().cloned())
            .collect();
        let rows: Vec<Vec<TableCell>> = self
            .records
            .iter()
            .enumerate()
            .map(|(index, record)| {
                std::iter::once(((index + 1).to_string(), theme.muted))
                    .chain((look.row)(record))
                    .collect()
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    /// The selected record's detail, wrapped, when there is room.
    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme, look: &ListLook<'_, R>) {
        let Some(record) = self.selected() else {
            return;
        };
        if area.height < 3 {
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border);
        let (title, lines) = (look.detail)(record, block.inner(area).width);
        let block = block.title(Line::styled(format!(" {title} "), theme.title));
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// A record's description wrapped to `width`, or "No description." when there is none.
pub fn described(text: &str, width: u16, muted: Style) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = clean_lines(text)
        .iter()
        .flat_map(|l| wrap(l, width))
        .map(Line::from)
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("No description.", muted));
    }
    lines
}

/// The row selected after `action` in a list of `len` rows (`page` rows a page).
pub fn moved(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let next = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => selected.saturating_sub(page.max(1)),
        Action::PageDown => (selected + page.max(1)).min(last),
        _ => return None,
    };
    Some(next)
}

/// The row selected after a reload from `before` to `after` (ids, or rows, in order): the one just
/// added when exactly one was, else the one selected before wherever it moved, kept inside the list.
pub fn followed<T: PartialEq>(before: &[T], selected: usize, after: &[T]) -> usize {
    let selected_id = before.get(selected);
    let added: Vec<usize> = (0..after.len())
        .filter(|i| after.get(*i).is_some_and(|id| !before.contains(id)))
        .collect();
    let follow = match added.as_slice() {
        [one] if !before.is_empty() => Some(*one),
        _ => after.iter().position(|id| Some(id) == selected_id),
    };
    follow
        .unwrap_or(selected)
        .min(after.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Item(i64);

    impl Listed for Item {
        fn list_id(&self) -> i64 {
            self.0
        }
    }

    #[test]
    fn keys_move_then_ask_the_owner() {
        let mut list = OrderedList::default();
        assert_eq!(list.key(Action::Edit, true), ListKey::Stay);
        assert_eq!(list.key(Action::Add, true), ListKey::Add);
        list.set(vec![Item(4), Item(7)]);
        assert_eq!(list.key(Action::Down, true), ListKey::Stay);
        assert_eq!(list.key(Action::Edit, true), ListKey::Edit(1));
        assert_eq!(
            list.key(Action::MoveUp, true),
            ListKey::Move { id: 7, up: true }
        );
        assert_eq!(list.key(Action::Delete, false), ListKey::ReadOnly);
        assert_eq!(
            list.key(Action::Filter, true),
            ListKey::Other(Action::Filter)
        );
        list.set(vec![Item(7), Item(4)]);
        assert_eq!(list.selected().map(|i| i.0), Some(7));
        assert!(list.select(4));
        assert!(!list.select(9));
    }

    #[test]
    fn one_editor_opens_forms_asks_deletes_and_reorders_or_says_why_not() {
        let form =
            |item: Option<&Item>| Form::new(item.map_or("New".into(), |i| format!("Edit {}", i.0)));
        let delete = |item: &Item| ConfirmAction::DeleteGoal {
            id: item.0,
            title: String::new(),
        };
        let reorder = |id, up| Intent::Status(format!("move {id} {up}"));
        let ordered = ListEdits {
            form: &form,
            delete: &delete,
            reorder: Ok(&reorder),
        };
        let mut list = OrderedList::default();
        list.set(vec![Item(4), Item(7)]);
        assert!(matches!(
            list.edit_key(Action::Add, true, &ordered),
            ListStep::Open { id: None, .. }
        ));
        assert!(matches!(
            list.edit_key(Action::Edit, true, &ordered),
            ListStep::Open { id: Some(4), .. }
        ));
        assert!(matches!(
            list.edit_key(Action::Delete, true, &ordered),
            ListStep::Intent(Intent::Confirm(ConfirmAction::DeleteGoal { id: 4, .. }))
        ));
        assert!(matches!(
            list.edit_key(Action::MoveDown, true, &ordered),
            ListStep::Intent(Intent::Status(s)) if s == "move 4 false"
        ));
        assert!(matches!(
            list.edit_key(Action::Add, false, &ordered),
            ListStep::Intent(Intent::Error(e)) if e == READ_ONLY
        ));
        let kept = ListEdits {
            reorder: Err("Kept in the order added."),
            ..ordered
        };
        assert!(matches!(
            list.edit_key(Action::MoveUp, true, &kept),
            ListStep::Intent(Intent::Status(s)) if s == "Kept in the order added."
        ));
        assert!(matches!(
            list.edit_key(Action::Filter, true, &kept),
            ListStep::Other(Action::Filter)
        ));
    }
}
