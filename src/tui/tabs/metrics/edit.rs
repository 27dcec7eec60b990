//! Workbook edits the Metrics tab asks for, and how the App applies them: each is one journaled change
//! (so `u` undoes it) and comes back as a sentence for the status line.

use anyhow::Result;

use crate::workbook::Workbook;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricsEdit {}

impl MetricsEdit {
    /// Writes the edit; returns what to say on the status line.
    pub fn apply(&self, _wb: &mut Workbook) -> Result<String> {
        match *self {}
    }
}
