//! Marks in the change journal: where it stood at a moment, and which entries were made, undone
//! or redone since (what screens that keep figures read to follow the changes instead of
//! reading everything again).

use std::collections::BTreeSet;

use anyhow::Result;

use super::super::Workbook;

/// Where the change journal stood at a moment: its newest entry and the entries undone then.
/// Every edit goes through the journal, so two marks tell which edits changed the data between
/// them (see `Workbook::role_changes_since`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalMark {
    newest: i64,
    undone: BTreeSet<i64>,
    /// The newest entry not undone (0 when none). Undone entries are always the newest ones,
    /// so every entry up to this one was in effect at the mark.
    top_done: i64,
}

impl Workbook {
    /// Where the change journal stands now.
    pub fn journal_mark(&self) -> Result<JournalMark> {
        let newest: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM change_journal", [], |r| {
                    r.get(0)
                })?;
        let undone: BTreeSet<i64> = self
            .conn
            .prepare_cached("SELECT id FROM change_journal WHERE undone = 1")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let top_done = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM change_journal WHERE undone = 0")?
            .query_row([], |r| r.get(0))?;
        Ok(JournalMark {
            newest,
            undone,
            top_done,
        })
    }

    /// The journal's mark now and the entries made, undone or redone since `mark`; `None` when
    /// the journal cannot tell.
    pub(crate) fn entries_since(
        &self,
        mark: &JournalMark,
    ) -> Result<Option<(JournalMark, BTreeSet<i64>)>> {
        let now = self.journal_mark()?;
        // Ids only grow (AUTOINCREMENT). Entries cut from the redo branch that were undone
        // before the mark changed nothing by going; but an entry made after the mark may have been pruned
        // already only when a thousand edits came since — then read everything again.
        if now.newest < mark.newest || now.newest - mark.newest >= super::KEEP_ENTRIES {
            return Ok(None);
        }
        // An entry in effect at the mark that was undone and then cut by a new edit changed the
        // data (its undo) and left no trace; undo works from the newest down, so it would have
        // taken the newest one in effect at the mark with it.
        let in_effect_gone = mark.top_done > 0
            && !self
                .conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_journal WHERE id = ?1)")?
                .query_row([mark.top_done], |r| r.get::<_, bool>(0))?;
        if in_effect_gone {
            return Ok(None);
        }
        let mut entries: BTreeSet<i64> = mark
            .undone
            .symmetric_difference(&now.undone)
            .copied()
            .collect();
        let newer: Vec<i64> = self
            .conn
            .prepare_cached("SELECT id FROM change_journal WHERE id > ?1")?
            .query_map([mark.newest], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        entries.extend(newer);
        Ok(Some((now, entries)))
    }
}
