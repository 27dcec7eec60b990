//! Per-workbook memory of the view (last tab, filters): not part of the plan, so never journaled.

use rusqlite::OptionalExtension;

use super::Workbook;

impl Workbook {
    pub fn view_state(&self, key: &str) -> Option<String> {
        self.conn
            .query_row(
                "SELECT value FROM view_state WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()
            .ok()
            .flatten()
    }

    /// Remembers a view setting; silently skipped when the workbook is read-only.
    pub fn set_view_state(&self, key: &str, value: &str) -> anyhow::Result<()> {
        if self.read_only {
            return Ok(());
        }
        self.conn.execute(
            "INSERT INTO view_state (key, value) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}
