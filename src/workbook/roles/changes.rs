//! What changed in role coverage since a journal mark: the roles and partners whose
//! assignments changed, whether the catalogue did, read from the journal's rows.

use std::collections::BTreeSet;

use anyhow::Result;

use super::super::{JournalMark, Workbook};

/// What changed since a `JournalMark`, as far as role coverage cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleChanges {
    /// Roles whose assignments changed.
    pub roles: BTreeSet<i64>,
    /// Partners whose assignments changed.
    pub partners: BTreeSet<i64>,
    /// The role catalogue itself changed (a role added, edited, moved or deleted).
    pub catalogue: bool,
    /// Something else changed too (partners, criteria…): rows and names may read differently.
    pub others: bool,
    /// Where the journal stands now.
    pub mark: JournalMark,
}

/// Past this many changed journal rows, reading everything again is as quick as following them.
const MAX_FOLLOWED_ROWS: usize = 2_000;

impl Workbook {
    /// The roles and partners whose assignments changed since `mark`, read from the journal
    /// entries made, undone or redone since then (an edit undone and redone again in between
    /// changed nothing). `None` when the journal cannot tell (entries pruned, too many changes):
    /// then read everything again.
    pub fn role_changes_since(&self, mark: &JournalMark) -> Result<Option<RoleChanges>> {
        let Some((now, entries)) = self.entries_since(mark)? else {
            return Ok(None);
        };
        let mut changes = RoleChanges::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT table_name, before_json, after_json FROM change_journal_rows \
             WHERE entry_id = ?1",
        )?;
        let mut followed = 0;
        for entry in entries {
            let rows = stmt.query_map([entry], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (table, before, after) = row?;
                followed += 1;
                if followed > MAX_FOLLOWED_ROWS {
                    return Ok(None);
                }
                match table.as_str() {
                    "roles" => changes.catalogue = true,
                    "role_assignments" => {
                        for image in [before, after].into_iter().flatten() {
                            let Ok(image) = serde_json::from_str::<serde_json::Value>(&image)
                            else {
                                return Ok(None);
                            };
                            let id = |name: &str| image.get(name).and_then(|v| v.as_i64());
                            match (id("role_id"), id("partner_id")) {
                                (Some(role), Some(partner)) => {
                                    changes.roles.insert(role);
                                    changes.partners.insert(partner);
                                }
                                _ => return Ok(None),
                            }
                        }
                    }
                    _ => changes.others = true,
                }
            }
        }
        changes.mark = now;
        Ok(Some(changes))
    }
}
