//! What an import says about itself, in the lines both the command line and the app show.

use super::{CsvImport, ValueUse};
use crate::plan::numbers::count_of;

impl CsvImport {
    /// "Skipped 2 empty rows and 5 lines of a report's footer.", when there were any.
    pub fn skipped_line(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.empty_rows > 0 {
            parts.push(count_of(self.empty_rows, "empty row", "empty rows"));
        }
        if self.footer_rows > 0 {
            parts.push(format!(
                "{} of a report's footer",
                count_of(self.footer_rows, "line", "lines")
            ));
        }
        (!parts.is_empty()).then(|| format!("Skipped {}.", parts.join(" and ")))
    }

    /// A line per value that did not land on a list word as written.
    pub fn value_lines(&self) -> Vec<String> {
        self.values.iter().map(ValueUse::describe).collect()
    }
}

impl ValueUse {
    /// `Type: "PARTNER" → "strategic alliance" (a known value, 3 rows)`.
    pub fn describe(&self) -> String {
        format!(
            "{}: {:?} → {} ({}, {})",
            self.column,
            self.value,
            self.choice.describe(),
            self.reason.describe(),
            count_of(self.rows, "row", "rows")
        )
    }
}
