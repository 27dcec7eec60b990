//! What a form checks itself before its owner reads it: required fields, numbers and dates, each
//! problem shown beside its field, and where the focus goes to fix one or fill one in.

use super::{Field, FieldKind, Form};

impl Form {
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
}
