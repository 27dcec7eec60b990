//! "Add a word to a list" (from the palette): a small form that names the list and the word,
//! saved as a journaled workbook edit so the partner and filter forms offer it from then on.

use crate::plan::vocabulary::VocabularyKind;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::widgets::form::Form;

/// The form: which list (type by default) and the word.
pub fn form() -> Form {
    let kinds: Vec<&str> = VocabularyKind::ALL.iter().map(|k| k.word()).collect();
    Form::new("Add a word to a list")
        .choice("list", "List", &kinds, VocabularyKind::Type.word())
        .text("word", "Word", "", true)
        .placeholder("e.g. dormant")
}

/// What saving the form asks for; the workbook checks the word (the form keeps it on a refusal).
pub fn submit(form: &Form) -> Intent {
    match VocabularyKind::from_word(&form.value("list")) {
        Some(kind) => Intent::Edit(PartnerEdit::AddWord {
            kind,
            word: form.value("word"),
        }),
        None => Intent::Error("Choose one of the lists.".into()),
    }
}
