//! A partner as the planner edits it, its vocabularies, and the rules a draft must pass.

use super::text::{describe_char, first_forbidden_char};

/// Partner types (DESIGN §4); channel partners come as their usual kinds.
pub const PARTNER_TYPES: &[&str] = &[
    "strategic alliance",
    "reseller",
    "value-added reseller",
    "distributor",
    "agent",
    "joint venture",
    "technology",
    "supplier",
    "service provider",
    "integrator",
    "competitor-collaborator",
];

/// The partner lifecycle, in order; "declined" ends it from any step.
pub const PARTNER_STAGES: &[&str] = &[
    "prospect",
    "evaluating",
    "onboarding",
    "active",
    "paused",
    "exited",
    "declined",
];

/// The longest name we accept; longer text is almost always a paste gone wrong.
pub const NAME_MAX_CHARS: usize = 200;
/// The longest single-line field (owner, sector…).
pub const LINE_MAX_CHARS: usize = 200;
/// The longest note.
pub const NOTES_MAX_CHARS: usize = 20_000;

/// The fields of the first Partners slice, for attaching validation messages to the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartnerField {
    Name,
    Type,
    Stage,
    Owner,
    Notes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: PartnerField,
    pub message: String,
}

/// A partner as typed into the form, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartnerDraft {
    pub name: String,
    pub partner_type: String,
    pub stage: String,
    pub owner: String,
    pub notes: String,
}

impl PartnerDraft {
    /// The draft as it will be stored: single-line fields trimmed, notes with trailing space removed.
    pub fn normalised(&self) -> PartnerDraft {
        PartnerDraft {
            name: self.name.trim().to_string(),
            partner_type: self.partner_type.trim().to_string(),
            stage: self.stage.trim().to_string(),
            owner: self.owner.trim().to_string(),
            notes: self.notes.trim_end().to_string(),
        }
    }

    /// Every problem, per field, in form order. Empty when the draft can be saved.
    pub fn validate(&self) -> Vec<FieldError> {
        let draft = self.normalised();
        let mut errors = Vec::new();
        let mut push = |field, message: String| errors.push(FieldError { field, message });
        if draft.name.is_empty() {
            push(PartnerField::Name, "A partner needs a name.".into());
        }
        let lines = [
            (PartnerField::Name, "Name", &draft.name, NAME_MAX_CHARS),
            (
                PartnerField::Type,
                "Type",
                &draft.partner_type,
                LINE_MAX_CHARS,
            ),
            (PartnerField::Stage, "Stage", &draft.stage, LINE_MAX_CHARS),
            (PartnerField::Owner, "Owner", &draft.owner, LINE_MAX_CHARS),
        ];
        for (field, label, value, max) in lines {
            if let Some(c) = first_forbidden_char(value, false) {
                push(
                    field,
                    format!("{label} contains {}; remove it.", describe_char(c)),
                );
            } else if value.chars().count() > max {
                push(
                    field,
                    format!("{label} is longer than {max} characters; shorten it."),
                );
            }
        }
        if let Some(c) = first_forbidden_char(&draft.notes, true) {
            push(
                PartnerField::Notes,
                format!("Notes contain {}; remove it.", describe_char(c)),
            );
        } else if draft.notes.chars().count() > NOTES_MAX_CHARS {
            push(
                PartnerField::Notes,
                format!("Notes are longer than {NOTES_MAX_CHARS} characters."),
            );
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> PartnerDraft {
        PartnerDraft {
            name: name.into(),
            stage: "prospect".into(),
            ..Default::default()
        }
    }

    #[test]
    fn name_is_required_after_trimming() {
        let errors = draft("   ").validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, PartnerField::Name);
        assert!(draft("  Acme  ").validate().is_empty());
        assert_eq!(draft("  Acme  ").normalised().name, "Acme");
    }

    #[test]
    fn control_and_bidi_characters_are_refused_with_their_code() {
        let errors = draft("Acme\u{1b}]52;c;ZXZpbA==\u{7}").validate();
        assert!(errors[0].message.contains("U+001B"), "{errors:?}");
        let errors = draft("evil\u{202E}gnp.exe").validate();
        assert!(errors[0].message.contains("U+202E"));
    }

    #[test]
    fn notes_may_hold_lines_but_not_escapes() {
        let mut d = draft("Acme");
        d.notes = "first\nsecond\n".into();
        assert!(d.validate().is_empty());
        d.notes = "bad \u{9b}31m".into();
        assert_eq!(d.validate()[0].field, PartnerField::Notes);
    }

    #[test]
    fn overlong_name_is_refused() {
        let errors = draft(&"x".repeat(NAME_MAX_CHARS + 1)).validate();
        assert!(errors[0].message.contains("longer than"));
    }
}
