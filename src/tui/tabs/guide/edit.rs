//! Workbook edits the Guide asks for (a step's note, "not applicable" with its reason), and how
//! the App applies them: each is one journaled change and comes back as a status-line sentence.

use anyhow::Result;

use crate::workbook::Workbook;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuideEdit {
    /// A step's note (blank clears it).
    Note { step: String, note: String },
    /// Sets a step aside, for a reason.
    NotApplicable { step: String, reason: String },
    /// Takes the "not applicable" mark off.
    Applicable { step: String },
}

impl GuideEdit {
    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        Ok(match self {
            GuideEdit::Note { step, note } => {
                wb.set_step_note(step, note)?;
                if note.trim().is_empty() {
                    "Note cleared.".into()
                } else {
                    "Note saved.".into()
                }
            }
            GuideEdit::NotApplicable { step, reason } => {
                wb.mark_step_not_applicable(step, reason)?;
                "Step marked not applicable.".into()
            }
            GuideEdit::Applicable { step } => {
                wb.clear_step_not_applicable(step)?;
                "Step applies again.".into()
            }
        })
    }
}
