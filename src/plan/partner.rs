//! A partner as the planner edits it, its vocabularies, and the rules a draft must pass.

use super::text::{describe_char, first_forbidden_char};

/// The default choice lists, from `assets/vocabularies.toml` (compiled in).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    pub partner_types: Vec<String>,
    pub partner_stages: Vec<String>,
}

/// The vocabularies shipped with this build. The asset is ours and parsed by a test, so a broken
/// edit fails the build's tests rather than a user's session; should it ever fail, lists are empty
/// and every stored value is still shown.
pub fn vocabularies() -> &'static Vocabularies {
    static VOCABULARIES: std::sync::OnceLock<Vocabularies> = std::sync::OnceLock::new();
    VOCABULARIES.get_or_init(|| {
        toml::from_str(include_str!("../../assets/vocabularies.toml")).unwrap_or(Vocabularies {
            partner_types: Vec::new(),
            partner_stages: Vec::new(),
        })
    })
}

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
    fn shipped_vocabularies_parse_and_hold_the_method_words() {
        let parsed: Vocabularies =
            toml::from_str(include_str!("../../assets/vocabularies.toml")).unwrap();
        assert!(
            parsed
                .partner_types
                .iter()
                .any(|t| t == "strategic alliance")
        );
        assert_eq!(
            parsed.partner_stages.first().map(String::as_str),
            Some("prospect")
        );
        assert!(parsed.partner_stages.iter().any(|s| s == "active"));
        assert_eq!(vocabularies().partner_types, parsed.partner_types);
    }

    #[test]
    fn overlong_name_is_refused() {
        let errors = draft(&"x".repeat(NAME_MAX_CHARS + 1)).validate();
        assert!(errors[0].message.contains("longer than"));
    }
}
