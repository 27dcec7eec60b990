//! A form: labelled fields of several kinds, grouped under section headings, with per-field
//! messages. `Ctrl-s` saves, `Esc` cancels (the owner asks before discarding changes),
//! `Tab`/`↑`/`↓` move between fields; the form scrolls to keep the focused field in view.

mod checks;
mod doubt;
mod keys;
mod typing;
mod view;

use std::cell::Cell;

use ratatui_textarea::TextArea;

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
    use crate::tui::action::Action;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
