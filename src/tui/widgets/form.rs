//! A form: labelled fields of several kinds, grouped under section headings, with per-field
//! messages. `Ctrl-s` saves, `Esc` cancels (the owner asks before discarding changes),
//! `Tab`/`↑`/`↓` move between fields; the form scrolls to keep the focused field in view.

mod doubt;
mod typing;
mod view;

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

use crate::tui::action::Action;

/// What a field holds and how it is edited.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    MultiLine,
    Number,
    Date,
    /// One of a list; a value from the file that is not in the list is kept and shown as such.
    /// An empty option (shown as "—") lets the user choose none.
    Choice(Vec<String>),
    Checkbox,
    /// A link to a record chosen elsewhere (a searchable picker): shows its label; `Enter` asks
    /// the form's owner to pick (`FormEvent::Pick`), Backspace or Delete unlinks.
    Link,
}

#[derive(Debug)]
struct Field {
    id: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    /// Lines a multi-line field shows.
    rows: u16,
    /// Shown dimmed while the field is empty.
    placeholder: Option<String>,
    input: TextArea<'static>,
    choice: String,
    checked: bool,
    initial: String,
    error: Option<String>,
}

impl Field {
    fn value(&self) -> String {
        match self.kind {
            FieldKind::Choice(_) | FieldKind::Link => self.choice.clone(),
            FieldKind::Checkbox => {
                if self.checked {
                    "yes".into()
                } else {
                    "no".into()
                }
            }
            _ => self.input.lines().join("\n"),
        }
    }

    fn body_height(&self) -> u16 {
        if self.kind == FieldKind::MultiLine {
            self.rows
        } else {
            1
        }
    }

    /// Rows the field takes when its input is `input_width` wide: the body and its message.
    fn height(&self, input_width: u16) -> u16 {
        let message = self.error.as_deref().map_or(0, |error| {
            view::wrapped_height(&format!("⚠ {error}"), input_width)
        });
        self.body_height() + message
    }
}

/// The list of a choice field while it is open: what is typed narrows it, `selected` is a
/// position among the options that match.
#[derive(Debug, Clone, Default)]
struct OpenChoices {
    selected: usize,
    filter: String,
}

impl OpenChoices {
    /// The options that match the filter (any part of the word, case aside; the empty option
    /// answers to "none"), in their order.
    fn matching<'a>(&self, options: &'a [String]) -> Vec<&'a String> {
        let filter = self.filter.to_lowercase();
        options
            .iter()
            .filter(|o| {
                let shown = if o.is_empty() { "none" } else { o.as_str() };
                shown.to_lowercase().contains(&filter)
            })
            .collect()
    }
}

/// What the owner should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Continue,
    Save,
    Cancel,
    /// The owner should let the user pick the record of this link field.
    Pick(&'static str),
}

#[derive(Debug)]
pub struct Form {
    title: String,
    fields: Vec<Field>,
    /// Section headings: (index of the first field under it, heading).
    sections: Vec<(usize, &'static str)>,
    focus: usize,
    choices: Option<OpenChoices>,
    /// The first row drawn (of headings and fields), kept between frames so the view scrolls only
    /// when the focus leaves it.
    scroll: Cell<usize>,
    /// A message for the whole form (e.g. why saving failed).
    pub message: Option<String>,
    /// A warning for the whole form (e.g. a likely duplicate), shown until the next save.
    pub warning: Option<String>,
}

/// The narrowest label column; it widens to fit the longest label.
const MIN_LABEL_WIDTH: u16 = 12;
/// Lines a multi-line field shows unless told otherwise.
const MULTILINE_ROWS: u16 = 4;

impl Form {
    pub fn new(title: impl Into<String>) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            sections: Vec::new(),
            focus: 0,
            choices: None,
            scroll: Cell::new(0),
            message: None,
            warning: None,
        }
    }

    /// Starts a section: a heading line above the fields that follow (focus skips it).
    pub fn section(mut self, heading: &'static str) -> Form {
        self.sections.push((self.fields.len(), heading));
        self
    }

    /// Sets how many lines the last multi-line field shows.
    pub fn rows(mut self, rows: u16) -> Form {
        if let Some(field) = self.fields.last_mut() {
            field.rows = rows.max(1);
        }
        self
    }

    /// Text shown dimmed in the last text field while it is empty (a default, an example).
    pub fn placeholder(mut self, text: impl Into<String>) -> Form {
        if let Some(field) = self.fields.last_mut() {
            field.placeholder = Some(text.into());
        }
        self
    }

    /// Starts with the focus on field `id`, for a form whose earlier fields come already chosen.
    pub fn focused(mut self, id: &str) -> Form {
        if let Some(index) = self.fields.iter().position(|f| f.id == id) {
            self.focus = index;
            self.refresh_styles();
        }
        self
    }

    /// Width of the label column: the longest label with the focus marker and required star.
    fn label_width(&self) -> u16 {
        let longest = self
            .fields
            .iter()
            .map(|f| unicode_width::UnicodeWidthStr::width(f.label) as u16 + 3)
            .max()
            .unwrap_or(0);
        longest.max(MIN_LABEL_WIDTH)
    }

    fn push(
        mut self,
        id: &'static str,
        label: &'static str,
        kind: FieldKind,
        required: bool,
        value: &str,
    ) -> Form {
        let lines: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(str::to_owned).collect()
        };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        let field = Field {
            id,
            label,
            kind,
            required,
            rows: MULTILINE_ROWS,
            placeholder: None,
            input,
            choice: value.to_string(),
            checked: value == "yes",
            initial: value.to_string(),
            error: None,
        };
        self.fields.push(field);
        self.refresh_styles();
        self
    }

    pub fn text(self, id: &'static str, label: &'static str, value: &str, required: bool) -> Form {
        self.push(id, label, FieldKind::Text, required, value)
    }

    pub fn multiline(self, id: &'static str, label: &'static str, value: &str) -> Form {
        self.push(id, label, FieldKind::MultiLine, false, value)
    }

    /// Marks field `id` as one that must be filled: its label carries the star, and an empty
    /// value is refused with a reason.
    pub fn required(mut self, id: &str) -> Form {
        if let Some(field) = self.fields.iter_mut().find(|f| f.id == id) {
            field.required = true;
        }
        self
    }

    pub fn number(self, id: &'static str, label: &'static str, value: &str) -> Form {
        self.push(id, label, FieldKind::Number, false, value)
    }

    pub fn date(self, id: &'static str, label: &'static str, value: &str) -> Form {
        self.push(id, label, FieldKind::Date, false, value)
    }

    pub fn choice<S: AsRef<str>>(
        self,
        id: &'static str,
        label: &'static str,
        options: &[S],
        value: &str,
    ) -> Form {
        let options = options.iter().map(|o| o.as_ref().to_string()).collect();
        self.push(id, label, FieldKind::Choice(options), false, value)
    }

    /// A choice that may be left empty: the list starts with "none" (shown as "—").
    pub fn choice_or_none<S: AsRef<str>>(
        self,
        id: &'static str,
        label: &'static str,
        options: &[S],
        value: &str,
    ) -> Form {
        let options = std::iter::once(String::new())
            .chain(options.iter().map(|o| o.as_ref().to_string()))
            .collect();
        self.push(id, label, FieldKind::Choice(options), false, value)
    }

    /// A link field showing `value` (the linked record's label, empty for none).
    pub fn link(self, id: &'static str, label: &'static str, value: &str) -> Form {
        self.push(id, label, FieldKind::Link, false, value)
    }

    /// Sets a choice or link field's value (e.g. what a picker chose).
    pub fn set_choice(&mut self, id: &str, value: &str) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.id == id) {
            field.choice = value.to_string();
            field.error = None;
        }
    }

    pub fn checkbox(self, id: &'static str, label: &'static str, checked: bool) -> Form {
        self.push(
            id,
            label,
            FieldKind::Checkbox,
            false,
            if checked { "yes" } else { "no" },
        )
    }

    /// The field's current value ("yes"/"no" for a checkbox, lines joined by `\n`).
    pub fn value(&self, id: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .map(Field::value)
            .unwrap_or_default()
    }

    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value() != f.initial)
    }

    /// Whether the form has a field `id`.
    pub fn has_field(&self, id: &str) -> bool {
        self.fields.iter().any(|f| f.id == id)
    }

    /// The first field's id ("" for a form without fields).
    pub fn first_id(&self) -> &'static str {
        self.fields.first().map_or("", |f| f.id)
    }

    pub fn focused_id(&self) -> &'static str {
        self.fields.get(self.focus).map(|f| f.id).unwrap_or("")
    }

    pub fn set_error(&mut self, id: &str, message: impl Into<String>) {
        if let Some(field) = self.fields.iter_mut().find(|f| f.id == id) {
            field.error = Some(message.into());
        }
    }

    pub fn error(&self, id: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.error.as_deref())
    }

    pub fn clear_errors(&mut self) {
        self.message = None;
        self.warning = None;
        for field in &mut self.fields {
            field.error = None;
        }
    }

    /// Checks what the form itself knows: required fields, numbers and dates. Moves the focus to
    /// the first field with a problem. Returns whether all is well.
    pub fn check_fields(&mut self, date_format: &str) -> bool {
        for field in &mut self.fields {
            let value = field.value();
            let value = value.trim();
            field.error = if field.required && value.is_empty() {
                Some(format!("{} is required.", field.label))
            } else if value.is_empty() {
                None
            } else if field.kind == FieldKind::Number
                && value.parse::<f64>().map_or(true, |n| !n.is_finite())
            {
                Some("Enter a number, e.g. 12 or 3.5.".into())
            } else if field.kind == FieldKind::Date
                && jiff::civil::Date::strptime(date_format, value).is_err()
            {
                let example =
                    jiff::fmt::strtime::format(date_format, jiff::civil::date(2026, 11, 23))
                        .unwrap_or_default();
                Some(format!("Enter a date like {example}."))
            } else {
                None
            };
        }
        self.focus_first_error()
    }

    /// Puts the focus on the first empty field among `ids` (in their order; none named: in the
    /// form's order), where a jump lands to fill in what is missing; `false` when none is empty.
    pub fn focus_first_empty(&mut self, ids: &[&str]) -> bool {
        let empty = |f: &Field| f.value().trim().is_empty();
        let index = match ids {
            [] => self.fields.iter().position(empty),
            ids => ids
                .iter()
                .find_map(|id| self.fields.iter().position(|f| f.id == *id && empty(f))),
        };
        if let Some(index) = index {
            self.focus = index;
            self.refresh_styles();
        }
        index.is_some()
    }

    /// Puts the focus on the first field with a message; returns true when there is none.
    pub fn focus_first_error(&mut self) -> bool {
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(index) => {
                self.focus = index;
                self.refresh_styles();
                false
            }
            None => true,
        }
    }

    fn refresh_styles(&mut self) {
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
            (_, KeyCode::Backspace) => {
                open.filter.pop();
                open.selected = 0;
            }
            (_, KeyCode::Char(c)) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                open.filter.push(c);
                open.selected = 0;
            }
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

    /// The height the form needs to show everything at `width` (borders included).
    pub fn height(&self, width: u16) -> u16 {
        let inner = width.saturating_sub(2);
        let input_width = inner.saturating_sub(self.label_width());
        let fields: u16 = self.fields.iter().map(|f| f.height(input_width)).sum();
        let notes: u16 = self
            .notices()
            .map(|(text, _)| view::wrapped_height(text, inner))
            .sum();
        fields + self.sections.len() as u16 + notes + 2
    }

    /// The form-wide message and warning, with whether each is an error.
    fn notices(&self) -> impl Iterator<Item = (&str, bool)> {
        self.message
            .as_deref()
            .map(|m| (m, true))
            .into_iter()
            .chain(self.warning.as_deref().map(|w| (w, false)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn form() -> Form {
        Form::new("Partner")
            .text("name", "Name", "", true)
            .choice("stage", "Stage", &["prospect", "active"], "prospect")
            .date("since", "Since", "")
            .number("cadence", "Cadence", "")
            .multiline("notes", "Notes", "")
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.handle(None, &key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn typing_moving_and_choosing() {
        let mut f = form();
        assert!(!f.is_dirty());
        type_text(&mut f, "Acme");
        assert_eq!(f.value("name"), "Acme");
        f.handle(Some(Action::NextField), &key(KeyCode::Tab));
        f.handle(Some(Action::Choose), &key(KeyCode::Enter));
        f.handle(Some(Action::NextField), &key(KeyCode::Down));
        f.handle(Some(Action::Choose), &key(KeyCode::Enter));
        assert_eq!(f.value("stage"), "active");
        assert!(f.is_dirty());
        assert_eq!(
            f.handle(Some(Action::Save), &key(KeyCode::Char('s'))),
            FormEvent::Save
        );
    }

    #[test]
    fn checks_required_numbers_and_dates() {
        let mut f = form();
        f.focus = 2;
        type_text(&mut f, "2026-13-01");
        f.focus = 3;
        type_text(&mut f, "abc");
        assert!(!f.check_fields("%Y-%m-%d"));
        assert_eq!(f.error("name"), Some("Name is required."));
        assert!(f.error("since").unwrap().contains("2026-11-23"));
        assert!(f.error("cadence").is_some());
        assert_eq!(f.focused_id(), "name");
    }

    #[test]
    fn paste_cleans_control_characters_and_keeps_note_lines() {
        let mut f = form();
        f.paste("Ac\u{1b}[31mme\u{202E}\nLtd");
        assert_eq!(f.value("name"), "Ac[31mme Ltd");
        f.focus = 4;
        f.paste("one\r\ntwo");
        assert_eq!(f.value("notes"), "one\ntwo");
        f.paste("\rthree\rfour");
        assert_eq!(f.value("notes"), "one\ntwo\nthree\nfour");
    }

    #[test]
    fn values_outside_the_list_are_kept() {
        let f = Form::new("x").choice("stage", "Stage", &["prospect"], "legacy-stage");
        assert_eq!(f.value("stage"), "legacy-stage");
        assert!(!f.is_dirty());
    }
}
