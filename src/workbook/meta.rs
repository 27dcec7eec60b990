//! The workbook's own record: title, client, author and which partnerplan wrote it.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Workbook, new_uuid, timestamp_now};
use crate::APP_VERSION;
use crate::plan::defaults::{DefaultOnboardingItem, defaults};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkbookMeta {
    pub title: String,
    pub organisation: String,
    pub author: String,
    pub created_by_version: String,
    pub written_by_version: String,
    pub created_at: String,
}

/// Fills a freshly migrated workbook: its meta and strategy rows, the method's selection criteria
/// and gate, the onboarding checklist and the example trends (not journaled: a new workbook has nothing to undo).
pub(crate) fn initialise(
    conn: &Connection,
    title: &str,
    weights: &[(String, f64)],
) -> rusqlite::Result<()> {
    let now = timestamp_now();
    conn.execute(
        "INSERT INTO workbook_meta (id, uuid, title, created_by_version, written_by_version, \
         created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?3, ?4, ?4)",
        params![new_uuid(), title, APP_VERSION, now],
    )?;
    conn.execute(
        "INSERT INTO strategy (id, uuid, created_at, updated_at) VALUES (1, ?1, ?2, ?2)",
        params![new_uuid(), now],
    )?;
    let seeds = defaults();
    let mut position = 0i64;
    let mut criterion_ids = Vec::new();
    for criterion in &seeds.criteria {
        let weight = weights
            .iter()
            .find(|(key, _)| *key == criterion.key)
            .map_or(criterion.weight, |(_, w)| *w);
        position += 1;
        conn.execute(
            "INSERT INTO selection_criteria (uuid, name, description, weight, weight_rationale, is_gate, \
             position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?7)",
            params![new_uuid(), criterion.name, criterion.description, weight, criterion.rationale, position, now],
        )?;
        criterion_ids.push((criterion.key.as_str(), conn.last_insert_rowid(), weight));
    }
    for gate in &seeds.gates {
        position += 1;
        conn.execute(
            "INSERT INTO selection_criteria (uuid, name, description, weight, is_gate, position, \
             created_at, updated_at) VALUES (?1, ?2, ?3, 0, 1, ?4, ?5, ?5)",
            params![new_uuid(), gate.name, gate.description, position, now],
        )?;
    }
    let add_item = |item: &DefaultOnboardingItem, position: i64| -> rusqlite::Result<i64> {
        conn.execute(
            "INSERT INTO onboarding_items (uuid, title, description, position, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![new_uuid(), item.title, item.description, position, now],
        )?;
        Ok(conn.last_insert_rowid())
    };
    let mut position = 0i64;
    for item in &seeds.onboarding {
        position += 1;
        add_item(item, position)?;
    }
    // A file held at an older schema step (as the upgrade tests make them) has no programmes.
    let programmes: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'criterion_type_weights'",
        [],
        |r| r.get(0),
    )?;
    for programme in seeds.programmes.iter().filter(|_| programmes) {
        for kind in &programme.types {
            for (key, id, every_type) in &criterion_ids {
                // A programme's weight equal to every type's (shipped or from the config) adds
                // nothing: the type follows every type's.
                let own = programme.weights.get(*key).copied();
                if let Some(weight) = own.filter(|w| w != every_type) {
                    conn.execute(
                        "INSERT INTO criterion_type_weights (uuid, criterion_id, partner_type, \
                         weight, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                        params![new_uuid(), id, kind, weight, now],
                    )?;
                }
            }
        }
        for item in &programme.onboarding {
            position += 1;
            let id = add_item(item, position)?;
            for kind in &programme.types {
                conn.execute(
                    "INSERT INTO onboarding_item_types (uuid, item_id, partner_type, created_at, \
                     updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![new_uuid(), id, kind, now],
                )?;
            }
        }
    }
    super::trends::seed_examples(conn)
}

/// Notes which version last wrote the file (only when it changed, to avoid a write per open).
pub(crate) fn record_writer_version(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE workbook_meta SET written_by_version = ?1 WHERE id = 1 AND written_by_version <> ?1",
        [APP_VERSION],
    )?;
    Ok(())
}

impl Workbook {
    pub fn meta(&self) -> anyhow::Result<WorkbookMeta> {
        let meta = self
            .conn
            .query_row(
                "SELECT title, organisation, author, created_by_version, written_by_version, \
                 created_at FROM workbook_meta WHERE id = 1",
                [],
                |row| {
                    Ok(WorkbookMeta {
                        title: row.get(0)?,
                        organisation: row.get(1)?,
                        author: row.get(2)?,
                        created_by_version: row.get(3)?,
                        written_by_version: row.get(4)?,
                        created_at: row.get(5)?,
                    })
                },
            )
            .optional()?;
        Ok(meta.unwrap_or_default())
    }
}
