//! The rule for an onboarding checklist item as the template editor saves it: a short, unique
//! title and a free description.

use super::text::{describe_char, description_problem, first_forbidden_char, is_taken};

/// The longest title: one line, read in every partner's checklist.
pub const MAX_TITLE: usize = 120;

/// A checklist item as typed into the editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemDraft {
    pub title: String,
    pub description: String,
}

/// Which field a problem belongs to, so the form can show it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    Title,
    Description,
}

impl ItemDraft {
    /// The draft as it is stored (trimmed), or every problem with it. `other_titles` are the
    /// other items' titles: a title must differ from each of them, whatever its case.
    pub fn checked(&self, other_titles: &[&str]) -> Result<ItemDraft, Vec<(ItemField, String)>> {
        let mut problems = Vec::new();
        let title = self.title.trim().to_string();
        let length = title.chars().count();
        if title.is_empty() {
            problems.push((ItemField::Title, "Title is required.".to_string()));
        } else if let Some(c) = first_forbidden_char(&title, false) {
            problems.push((
                ItemField::Title,
                format!("The title is one line; it holds {}.", describe_char(c)),
            ));
        } else if length > MAX_TITLE {
            problems.push((
                ItemField::Title,
                format!("Keep the title to {MAX_TITLE} characters ({length} now)."),
            ));
        } else if is_taken(&title, other_titles) {
            problems.push((
                ItemField::Title,
                format!("There is already an item called \"{title}\"; choose another title."),
            ));
        }
        let description = self.description.trim().to_string();
        if let Some(problem) = description_problem(&description) {
            problems.push((ItemField::Description, problem));
        }
        if problems.is_empty() {
            Ok(ItemDraft { title, description })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, description: &str) -> ItemDraft {
        ItemDraft {
            title: title.into(),
            description: description.into(),
        }
    }

    fn fields(result: Result<ItemDraft, Vec<(ItemField, String)>>) -> Vec<ItemField> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_good_draft_is_trimmed() {
        let ok = draft("  Sign the NDA ", "Legal sends it.\nThey sign.\n")
            .checked(&["Kick-off call"])
            .unwrap();
        assert_eq!(ok.title, "Sign the NDA");
        assert_eq!(ok.description, "Legal sends it.\nThey sign.");
    }

    #[test]
    fn titles_are_required_one_line_short_and_unique_whatever_the_case() {
        assert_eq!(fields(draft("  ", "").checked(&[])), [ItemField::Title]);
        assert_eq!(fields(draft("a\nb", "").checked(&[])), [ItemField::Title]);
        assert_eq!(
            fields(draft("NDA\u{202E}", "").checked(&[])),
            [ItemField::Title]
        );
        assert_eq!(
            fields(draft("kick-off CALL", "").checked(&["Kick-off call"])),
            [ItemField::Title]
        );
        assert_eq!(
            fields(draft(&"x".repeat(121), "").checked(&[])),
            [ItemField::Title]
        );
        assert!(draft(&"é".repeat(120), "").checked(&[]).is_ok());
    }

    #[test]
    fn descriptions_span_lines_but_hold_no_control_characters() {
        assert!(draft("A", "one\ntwo").checked(&[]).is_ok());
        assert_eq!(
            fields(draft("A", "bell\u{7}").checked(&[])),
            [ItemField::Description]
        );
        assert_eq!(
            fields(draft("", "bell\u{7}").checked(&[])),
            [ItemField::Title, ItemField::Description]
        );
    }
}
