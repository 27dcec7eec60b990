//! A form's keys: moving between fields, typing into the focused one, a choice list narrowed as
//! you type, and pastes; the focused field's cursor drawn where the keys go.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;

use super::{FieldKind, Form, FormEvent, OpenChoices};
use crate::tui::action::Action;
use crate::tui::widgets::typed::typed;

impl Form {
    pub(super) fn refresh_styles(&mut self) {
        let focus = self.focus;
        for (index, field) in self.fields.iter_mut().enumerate() {
            let cursor = if index == focus {
                Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
            } else {
                Style::new()
            };
            field.input.set_cursor_style(cursor);
            field.input.set_cursor_line_style(Style::new());
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let count = self.fields.len();
        if count == 0 {
            return;
        }
        self.focus = if forward {
            (self.focus + 1) % count
        } else {
            (self.focus + count - 1) % count
        };
        self.refresh_styles();
    }

    /// Handles one key; `action` is what the keymap says it means in the form context.
    pub fn handle(&mut self, action: Option<Action>, key: &KeyEvent) -> FormEvent {
        if let Some(open) = self.choices.take() {
            self.handle_choices(open, action, key);
            return FormEvent::Continue;
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormEvent::Continue;
        };
        let multiline = field.kind == FieldKind::MultiLine;
        match action {
            Some(Action::Save) => return FormEvent::Save,
            Some(Action::Cancel) => return FormEvent::Cancel,
            Some(Action::NextField)
                if key.code == KeyCode::Down
                    && multiline
                    && field.input.cursor().0 + 1 < field.input.lines().len() =>
            {
                field.input.input(*key);
            }
            Some(Action::PreviousField)
                if key.code == KeyCode::Up && multiline && field.input.cursor().0 > 0 =>
            {
                field.input.input(*key);
            }
            Some(Action::NextField) => self.move_focus(true),
            Some(Action::PreviousField) => self.move_focus(false),
            Some(Action::Choose) => match &field.kind {
                FieldKind::Choice(options) => {
                    let selected = options.iter().position(|o| *o == field.choice).unwrap_or(0);
                    self.choices = Some(OpenChoices {
                        selected,
                        filter: String::new(),
                    });
                }
                FieldKind::Checkbox => field.checked = !field.checked,
                FieldKind::Link => return FormEvent::Pick(field.id),
                FieldKind::MultiLine => field.input.insert_newline(),
                _ => self.move_focus(true),
            },
            _ => self.edit(key),
        }
        FormEvent::Continue
    }

    fn edit(&mut self, key: &KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        // Once the user touches a field, its old message no longer describes what is there.
        field.error = None;
        match &field.kind {
            FieldKind::Checkbox => {
                if key.code == KeyCode::Char(' ') {
                    field.checked = !field.checked;
                }
            }
            FieldKind::Link => {
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                    field.choice.clear();
                }
            }
            FieldKind::Choice(options) => {
                // Backspace or Delete clears a choice that may be empty.
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
                    && options.iter().any(String::is_empty)
                {
                    field.choice.clear();
                }
                // A letter jumps to the next option starting with it.
                if let KeyCode::Char(c) = key.code {
                    let c = c.to_lowercase().to_string();
                    let start = options
                        .iter()
                        .position(|o| *o == field.choice)
                        .map_or(0, |i| i + 1);
                    let found = (0..options.len())
                        .map(|i| &options[(start + i) % options.len()])
                        .find(|o| o.to_lowercase().starts_with(&c));
                    if let Some(option) = found {
                        field.choice = option.clone();
                    }
                }
            }
            _ => {
                let is_control_combo =
                    key.modifiers.contains(KeyModifiers::CONTROL) && key.code != KeyCode::Char('h');
                if matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab)
                    || (is_control_combo
                        && !matches!(key.code, KeyCode::Char('a' | 'e' | 'k' | 'u' | 'w')))
                {
                    return;
                }
                field.input.input(*key);
            }
        }
    }

    /// Keys while a choice list is open: typing narrows it, ↑/↓ (and Tab) move without
    /// wrapping past the ends, Enter chooses, Backspace takes a letter back, Esc closes.
    fn handle_choices(&mut self, mut open: OpenChoices, action: Option<Action>, key: &KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let FieldKind::Choice(options) = &field.kind else {
            return;
        };
        let count = open.matching(options).len();
        // Typing narrows the list as in any search (Backspace, Ctrl-w, Ctrl-u too).
        if !matches!(action, Some(Action::Choose | Action::Cancel))
            && let Some(filter) = typed(&open.filter, key)
        {
            open.filter = filter;
            open.selected = 0;
            self.choices = Some(open);
            return;
        }
        match (action, key.code) {
            (Some(Action::Choose), _) => {
                if let Some(option) = open.matching(options).get(open.selected) {
                    field.choice = (*option).clone();
                    field.error = None;
                    return;
                }
                // Nothing matches: the list stays open for another try.
            }
            (Some(Action::Cancel), _) => return,
            (Some(Action::NextField), _) => {
                open.selected = (open.selected + 1).min(count.saturating_sub(1));
            }
            (Some(Action::PreviousField), _) => open.selected = open.selected.saturating_sub(1),
            _ => {}
        }
        self.choices = Some(open);
    }

    /// Pastes text into the focused field (newlines become spaces in one-line fields).
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let cleaned: String = match field.kind {
            // Terminals send a pasted line break as CR (tmux, xterm), some as CR LF: each is
            // a line break in a note, never lost.
            FieldKind::MultiLine => text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .chars()
                .filter(|c| *c == '\n' || !crate::plan::text::is_forbidden(*c))
                .collect(),
            FieldKind::Text | FieldKind::Number | FieldKind::Date => text
                .chars()
                .map(|c| {
                    if c == '\n' || c == '\r' || c == '\t' {
                        ' '
                    } else {
                        c
                    }
                })
                .filter(|c| !crate::plan::text::is_forbidden(*c))
                .collect(),
            FieldKind::Choice(_) | FieldKind::Checkbox | FieldKind::Link => return,
        };
        field.input.insert_str(cleaned);
    }
}
