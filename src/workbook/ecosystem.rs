//! Partner↔partner links, joint offerings and their members: reads, and writes as journaled
//! changes (undo and redo bring a link or an offering back with its members). Links here.

mod active_links;
mod elements;
mod network;
mod network_patch;
mod offerings;

/// How SQLite would answer `sql` with `params` in a fresh workbook: the plan's lines.
#[cfg(test)]
fn query_plan(sql: &str, params: impl rusqlite::Params) -> Vec<String> {
    use crate::workbook::{connection, migrate, schema::MIGRATIONS};
    let mut conn = connection::open_in_memory().unwrap();
    migrate(&mut conn, MIGRATIONS).unwrap();
    rusqlite::vtab::array::load_module(&conn).unwrap();
    conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map(params, |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub use elements::NetworkElement;
pub use network::{EcosystemNetwork, FORMER_STAGES};
pub use network_patch::{NetworkChanges, NetworkMark};
pub use offerings::{MemberRecord, OfferingRecord};

use anyhow::{Context, Result, bail};
use rusqlite::{OptionalExtension, Row, ToSql, params};

use super::Workbook;
use crate::plan::ecosystem::{LinkDraft, Problems};
use crate::plan::vocabulary::VocabularyKind;

/// What the hub is called where a member or an end has no partner.
pub const HUB: &str = "the hub";

/// A stored link with its partners' (and role's) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    pub id: i64,
    pub uuid: String,
    pub from_name: String,
    pub to_name: String,
    pub role_name: Option<String>,
    pub link: LinkDraft,
}

impl LinkRecord {
    /// "Brightrail → Nimbus (integrates with)"; a link both ways reads "↔".
    pub fn label(&self) -> String {
        link_label(&self.from_name, &self.to_name, &self.link)
    }
}

fn link_label(from: &str, to: &str, link: &LinkDraft) -> String {
    let arrow = if link.direction == "one way" {
        "→"
    } else {
        "↔"
    };
    format!("{from} {arrow} {to} ({})", link.kind)
}

const LINK_COLUMNS: &str = "l.id, l.uuid, l.from_partner_id, l.to_partner_id, l.kind, l.direction,
    l.status, l.strength, l.note, l.role_id, f.name, t.name, r.name
    FROM partner_links l JOIN partners f ON f.id = l.from_partner_id
    JOIN partners t ON t.id = l.to_partner_id LEFT JOIN roles r ON r.id = l.role_id";

fn link_row(row: &Row) -> rusqlite::Result<LinkRecord> {
    Ok(LinkRecord {
        id: row.get(0)?,
        uuid: row.get(1)?,
        link: LinkDraft {
            from: row.get(2)?,
            to: row.get(3)?,
            kind: row.get(4)?,
            direction: row.get(5)?,
            status: row.get(6)?,
            strength: row.get(7)?,
            note: row.get(8)?,
            role: row.get(9)?,
        },
        from_name: row.get(10)?,
        to_name: row.get(11)?,
        role_name: row.get(12)?,
    })
}

/// Problems of a draft as one message, sentence after sentence.
fn refused(problems: Problems) -> anyhow::Error {
    let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
    anyhow::anyhow!("{}", text.join(" "))
}

impl Workbook {
    /// Every link, by the first partner's name then the second's.
    pub fn links(&self) -> Result<Vec<LinkRecord>> {
        let sql = format!("SELECT {LINK_COLUMNS} ORDER BY f.name, t.name, l.kind, l.id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], link_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The links partner `id` has, either end, by the other partner's name.
    pub fn links_of(&self, id: i64) -> Result<Vec<LinkRecord>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} WHERE l.from_partner_id = ?1 OR l.to_partner_id = ?1
             ORDER BY CASE WHEN l.from_partner_id = ?1 THEN t.name ELSE f.name END, l.kind, l.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], link_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn link(&self, id: i64) -> Result<LinkRecord> {
        let sql = format!("SELECT {LINK_COLUMNS} WHERE l.id = ?1");
        self.conn
            .query_row(&sql, [id], link_row)
            .optional()?
            .context("That link no longer exists; it may have been deleted or undone.")
    }

    /// The partner's name, or why the link cannot point at it.
    fn linked_partner(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT name FROM partners WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .context("That partner no longer exists; choose another one.")
    }

    fn checked_link(&self, draft: &LinkDraft, except: Option<i64>) -> Result<(LinkDraft, String)> {
        let kinds = self.vocabulary(VocabularyKind::LinkKind)?;
        let draft = draft.checked_in(&kinds).map_err(refused)?;
        let from = self.linked_partner(draft.from)?;
        let to = self.linked_partner(draft.to)?;
        if let Some(role) = draft.role {
            let known: Option<i64> = self
                .conn
                .query_row("SELECT id FROM roles WHERE id = ?1", [role], |r| r.get(0))
                .optional()?;
            if known.is_none() {
                bail!("That role no longer exists; choose another role or none.");
            }
        }
        let twin: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM partner_links WHERE kind = ?3 AND id != ?4 AND
                 ((from_partner_id = ?1 AND to_partner_id = ?2)
                  OR (from_partner_id = ?2 AND to_partner_id = ?1))",
                params![draft.from, draft.to, draft.kind, except.unwrap_or(0)],
                |r| r.get(0),
            )
            .optional()?;
        if twin.is_some() {
            bail!(
                "{from} and {to} already have a \"{}\" link; edit that one instead.",
                draft.kind
            );
        }
        let label = link_label(&from, &to, &draft);
        Ok((draft, label))
    }

    /// Adds a link between two partners; returns its id.
    pub fn add_link(&mut self, draft: &LinkDraft) -> Result<i64> {
        let (draft, label) = self.checked_link(draft, None)?;
        let mut change = self.change(format!("add link {label}"))?;
        let id = change.insert("partner_links", &link_columns(&draft))?;
        change.commit()?;
        Ok(id)
    }

    /// Changes link `id`.
    pub fn update_link(&mut self, id: i64, draft: &LinkDraft) -> Result<()> {
        self.link(id)?;
        let (draft, label) = self.checked_link(draft, Some(id))?;
        let mut change = self.change(format!("edit link {label}"))?;
        change.update("partner_links", id, &link_columns(&draft))?;
        change.commit()
    }

    /// Deletes link `id`; returns how it read.
    pub fn delete_link(&mut self, id: i64) -> Result<String> {
        let label = self.link(id)?.label();
        let mut change = self.change(format!("delete link {label}"))?;
        change.delete("partner_links", id)?;
        change.commit()?;
        Ok(label)
    }
}

fn link_columns(draft: &LinkDraft) -> [(&'static str, &dyn ToSql); 8] {
    [
        ("from_partner_id", &draft.from),
        ("to_partner_id", &draft.to),
        ("kind", &draft.kind),
        ("direction", &draft.direction),
        ("status", &draft.status),
        ("strength", &draft.strength),
        ("note", &draft.note),
        ("role_id", &draft.role),
    ]
}
