//! The values of an import's vocabulary columns: each distinct value's choice settled once (the
//! user's, else one remembered in the workbook, else the proposal) and its rows counted.

use std::collections::HashMap;

use anyhow::Result;

use crate::plan::PartnerField;
use crate::plan::crm_values::{Reason, ValueChoice, ValueMap, kind_of, propose};
use crate::plan::vocabulary::{VocabularyKind, checked_term};
use crate::workbook::{PartnerImport, Remembered, remembered_key};

/// What one distinct value of a column became, and in how many rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueUse {
    pub column: String,
    pub field: PartnerField,
    pub value: String,
    pub choice: ValueChoice,
    pub reason: Reason,
    pub rows: usize,
    /// What the field holds: the word, the new word, or nothing.
    word: String,
}

impl ValueUse {
    pub fn kind(&self) -> VocabularyKind {
        kind_of(self.field).unwrap_or(VocabularyKind::Type)
    }
}

/// Settles and counts the values of the vocabulary columns.
pub struct Values {
    chosen: Remembered,
    remembered: Remembered,
    new_words: bool,
    /// The file is partnerplan's own export: its words are kept as they are.
    own_export: bool,
    /// Per column, each distinct value met (as written) → its entry in `uses`.
    seen: Vec<HashMap<String, usize>>,
    pub uses: Vec<ValueUse>,
}

impl Values {
    pub fn new(
        columns: usize,
        chosen: &[ValueMap],
        remembered: Remembered,
        new_words: bool,
        own_export: bool,
    ) -> Values {
        Values {
            chosen: chosen
                .iter()
                .map(|m| (remembered_key(&m.column, &m.value), m.choice.clone()))
                .collect(),
            remembered,
            new_words,
            own_export,
            seen: vec![HashMap::new(); columns],
            uses: Vec::new(),
        }
    }

    /// The text `cell` of column `column` (headed `header`, filling `field`) puts in the field.
    pub fn map(
        &mut self,
        session: &mut PartnerImport<'_>,
        column: usize,
        header: &str,
        field: PartnerField,
        cell: &str,
    ) -> Result<String> {
        let cell = cell.trim();
        let Some(kind) = kind_of(field).filter(|_| !cell.is_empty()) else {
            return Ok(cell.to_string());
        };
        if let Some(&at) = self.seen[column].get(cell) {
            let found = &mut self.uses[at];
            found.rows += 1;
            return Ok(found.word.clone());
        }
        let words = session.words(kind)?;
        let key = remembered_key(header, cell);
        let in_list = |choice: &ValueChoice| match choice {
            ValueChoice::Word(word) => words.iter().any(|w| w.eq_ignore_ascii_case(word)),
            _ => true,
        };
        let (mut choice, mut reason) = match (self.chosen.get(&key), self.remembered.get(&key)) {
            (Some(choice), _) => (choice.clone(), Reason::Chosen),
            // A remembered word since removed from the list is proposed afresh.
            (None, Some(choice)) if in_list(choice) => (choice.clone(), Reason::Remembered),
            _ => match propose(kind, cell, &words) {
                proposal @ (_, Reason::Exact) => proposal,
                // Another workbook's words come back as they were written.
                _ if self.own_export => (ValueChoice::NewWord, Reason::NoMatch),
                (_, Reason::NoMatch) if self.new_words => (ValueChoice::NewWord, Reason::Chosen),
                proposal => proposal,
            },
        };
        let word = match &choice {
            ValueChoice::Word(word) => words
                .iter()
                .find(|w| w.eq_ignore_ascii_case(word))
                .cloned()
                .unwrap_or_else(|| word.clone()),
            ValueChoice::NewWord if words.iter().any(|w| w.eq_ignore_ascii_case(cell)) => {
                session.add_word(kind, cell)?
            }
            // A value that cannot be a word (too long, two lines) is left out of the list.
            ValueChoice::NewWord if checked_term(cell, &words).is_err() => {
                choice = ValueChoice::Empty;
                reason = Reason::NoMatch;
                String::new()
            }
            // Added to the list at the end, if a partner that is imported holds it.
            ValueChoice::NewWord => cell.to_string(),
            ValueChoice::Empty => String::new(),
        };
        self.seen[column].insert(cell.to_string(), self.uses.len());
        self.uses.push(ValueUse {
            column: header.to_string(),
            field,
            value: cell.to_string(),
            choice,
            reason,
            rows: 1,
            word: word.clone(),
        });
        Ok(word)
    }

    /// Adds the new words that partners of this import hold to their lists (a row left out or
    /// skipped as a duplicate adds none).
    pub fn add_words(&self, session: &mut PartnerImport<'_>) -> Result<()> {
        for used in &self.uses {
            if used.choice == ValueChoice::NewWord && session.holds(used.kind(), &used.word)? {
                session.add_word(used.kind(), &used.word)?;
            }
        }
        Ok(())
    }

    /// Keeps every choice that was not plain for the next import of the same CRM's export.
    pub fn remember(&self, session: &mut PartnerImport<'_>) -> Result<()> {
        for used in &self.uses {
            if !matches!(used.reason, Reason::Exact | Reason::Nothing) {
                session.remember(&used.column, &used.value, &used.choice)?;
            }
        }
        Ok(())
    }

    /// The values that did not land on a list word as they were written, most rows first.
    pub fn mapped(&self) -> Vec<ValueUse> {
        let mut mapped: Vec<ValueUse> = self
            .uses
            .iter()
            .filter(|u| u.reason != Reason::Exact)
            .cloned()
            .collect();
        mapped.sort_by(|a, b| a.column.cmp(&b.column).then(b.rows.cmp(&a.rows)));
        mapped
    }
}
