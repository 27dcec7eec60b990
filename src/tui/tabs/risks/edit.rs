//! Workbook edits the Risks tab asks for, and how the App applies them: each is one journaled
//! change (so `u` undoes it) and comes back as a sentence for the status line.

use anyhow::Result;

use crate::plan::risk::{Bands, RiskDraft};
use crate::workbook::Workbook;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RiskEdit {
    /// Adds a risk (`id: None`) or changes one. `confirmed`: the user said yes to a residual
    /// score above the inherent one. `suggestion`: the plan's suggestion a new risk answers.
    Save {
        id: Option<i64>,
        draft: Box<RiskDraft>,
        confirmed: bool,
        suggestion: Option<String>,
    },
    /// Deletes a risk with its mitigations and history (after the confirm step).
    Delete { id: i64 },
    /// Remembers that a suggestion is not wanted.
    Dismiss { key: String, title: String },
}

impl RiskEdit {
    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, wb: &mut Workbook, bands: &Bands) -> Result<String> {
        Ok(match self {
            RiskEdit::Save {
                id: Some(id),
                draft,
                confirmed,
                ..
            } => {
                wb.update_risk(*id, draft, bands, *confirmed)?;
                format!("Saved {}.", draft.title.trim())
            }
            RiskEdit::Save {
                id: None,
                draft,
                confirmed,
                suggestion,
            } => {
                let (_, code) = wb.add_risk(draft, bands, *confirmed, suggestion.as_deref())?;
                format!("Added {code} {}.", draft.title.trim())
            }
            RiskEdit::Delete { id } => {
                let code = wb.delete_risk(*id)?;
                format!("Deleted {code} with its mitigations and history.")
            }
            RiskEdit::Dismiss { key, title } => {
                wb.dismiss_suggestion(key)?;
                format!("Dismissed \"{title}\"; it will not be suggested again.")
            }
        })
    }
}
