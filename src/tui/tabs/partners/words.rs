//! The partner choice lists of this workbook: the "add a word" form (from the roster, the palette
//! or the word lists) and the word lists view, which shows every list with the words the user
//! added marked and removes a selected added word after a confirm step. Both write through
//! journaled workbook edits, so `u` undoes them.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::views::{Step, followed, moved, read_only};
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::Workbook;

/// The form: which list (`kind` to start with) and the word.
pub fn form(kind: VocabularyKind) -> Form {
    let kinds: Vec<&str> = VocabularyKind::ALL.iter().map(|k| k.word()).collect();
    Form::new("Add a word to a list")
        .choice("list", "List", &kinds, kind.word())
        .text("word", "Word", "", true)
        .placeholder("e.g. dormant")
}

/// What saving the form asks for; the workbook checks the word (the form keeps it on a refusal).
pub fn submit(form: &Form) -> Intent {
    match VocabularyKind::from_word(&form.value("list")) {
        Some(kind) => Intent::Partner(PartnerEdit::AddWord {
            kind,
            word: form.value("word"),
        }),
        None => Intent::Error("Choose one of the lists.".into()),
    }
}

/// One word of one list, as the view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ListedWord {
    kind: VocabularyKind,
    word: String,
    /// Added to this workbook by the user (and so removable), not shipped with partnerplan.
    added: bool,
}

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct WordListView {
    words: Vec<ListedWord>,
    selected: usize,
    /// The "add a word" form, while open.
    pub form: Option<Form>,
}

impl WordListView {
    /// Opens on the first added word, where `d` has something to remove.
    pub fn load(wb: &Workbook) -> Result<WordListView> {
        let mut view = WordListView {
            words: Vec::new(),
            selected: 0,
            form: None,
        };
        view.reload(wb)?;
        view.selected = view.words.iter().position(|w| w.added).unwrap_or(0);
        Ok(view)
    }

    /// Re-reads the lists; the selection follows its word, or goes to the one just added (or
    /// brought back by undo).
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let mut words = Vec::new();
        for kind in VocabularyKind::ALL {
            let defaults = kind.defaults();
            for word in wb.vocabulary(kind)? {
                let added = !defaults
                    .iter()
                    .any(|d| d.to_lowercase() == word.to_lowercase());
                words.push(ListedWord { kind, word, added });
            }
        }
        self.selected = followed(&self.words, self.selected, &words);
        self.words = words;
        Ok(())
    }

    fn added_count(&self) -> usize {
        self.words.iter().filter(|w| w.added).count()
    }

    pub fn handle(&mut self, action: Action, wb: &Workbook) -> Result<Step> {
        if let Some(next) = moved(self.selected, self.words.len(), action, 10) {
            self.selected = next;
            return Ok(Step::Intent(Intent::Nothing));
        }
        let selected = self.words.get(self.selected);
        Ok(match (action, selected) {
            (Action::Add | Action::Delete, _) if wb.is_read_only() => read_only(),
            (Action::Add, _) => {
                // The selected word's list comes chosen, so typing goes into the word.
                let kind = selected.map_or(VocabularyKind::Type, |w| w.kind);
                self.form = Some(form(kind).focused("word"));
                Step::Intent(Intent::Nothing)
            }
            (Action::Delete, Some(listed)) if !listed.added => {
                // Short enough for the status line of an 80-column terminal.
                let why = if self.added_count() == 0 {
                    "no word has been added yet"
                } else {
                    "only added words can be removed"
                };
                Step::Intent(Intent::Error(format!(
                    "\"{}\" ships with partnerplan; {why}.",
                    listed.word
                )))
            }
            (Action::Delete, Some(listed)) => {
                let partners = wb.partners_using_term(listed.kind, &listed.word)?;
                Step::Intent(Intent::Confirm(ConfirmAction::RemoveWord {
                    kind: listed.kind,
                    word: listed.word.clone(),
                    partners,
                }))
            }
            _ => Step::Intent(Intent::Nothing),
        })
    }

    /// The open form as an edit.
    pub fn submit(&mut self) -> Intent {
        match self.form.as_mut() {
            Some(form) => {
                form.message = None;
                submit(form)
            }
            None => Intent::Nothing,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let [summary, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let summary_text = match self.added_count() {
            0 => "No words added yet · the lists hold the words partnerplan ships with".into(),
            1 => "1 word added to this workbook's lists · the shipped words stay".into(),
            n => format!("{n} words added to this workbook's lists · the shipped words stay"),
        };
        Paragraph::new(Line::styled(summary_text, theme.muted)).render(summary, buf);
        self.render_table(table, buf, theme);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Words of each list ", theme.title));
        let columns = [
            Column::new("List", 1).min(6).max(8),
            Column::new("Word", 0).min(8).max(40),
            Column::new("Source", 2).min(7).grow(),
        ];
        let rows: Vec<Vec<TableCell>> = self
            .words
            .iter()
            .map(|listed| {
                // The list on every row: the table scrolls, and a word must say whose it is.
                let (source, style) = if listed.added {
                    ("added", theme.warning)
                } else {
                    ("shipped", theme.muted)
                };
                vec![
                    (listed.kind.word().to_string(), theme.muted),
                    (clean(&listed.word).into_owned(), theme.base),
                    (source.to_string(), style),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }
}
