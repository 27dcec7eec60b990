//! Data-sharing protocols with whom they share (partners or roles): list, add, edit, delete. A
//! delete takes the protocol's recipients with it, and undo brings them back.

use std::collections::HashMap;

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::super::Workbook;
use super::super::journal::Change;
use super::{as_params, optional_text, refused, text};
use crate::plan::risk_suggestions::Sensitivity;
use crate::plan::strategy::{AccessLevel, ProtocolDraft, Recipient};

/// A partner or role a protocol shares with, and its name for the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedWith {
    pub recipient: Recipient,
    pub name: String,
}

/// A protocol as stored; `protocol.recipients` and `shared_with` list the same recipients in the
/// same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolRecord {
    pub id: i64,
    pub protocol: ProtocolDraft,
    pub shared_with: Vec<SharedWith>,
}

fn protocol_columns(d: &ProtocolDraft) -> Vec<(&'static str, Value)> {
    let t = |s: &str| Value::Text(s.to_string());
    vec![
        ("data_item", t(&d.data_item)),
        ("purpose", t(&d.purpose)),
        ("access_level", t(d.access_level.word())),
        ("access_method", t(&d.access_method)),
        ("sensitivity", t(d.sensitivity.word())),
        ("protection_measures", t(&d.protection_measures)),
        (
            "review_date",
            d.review_date.clone().map_or(Value::Null, Value::Text),
        ),
    ]
}

fn add_recipient(change: &mut Change<'_>, protocol: i64, recipient: Recipient) -> Result<()> {
    insert_recipient(
        change,
        ("data_protocol_recipients", "protocol_id"),
        protocol,
        recipient,
    )
}

/// Inserts a row saying that record `owner` reaches `recipient` into `table`, whose column
/// `owner_column` names the owner (a protocol's recipients, a forum's members).
pub(in crate::workbook) fn insert_recipient(
    change: &mut Change<'_>,
    (table, owner_column): (&str, &str),
    owner: i64,
    recipient: Recipient,
) -> Result<()> {
    let (partner, role) = match recipient {
        Recipient::Partner(id) => (Some(id), None),
        Recipient::Role(id) => (None, Some(id)),
    };
    change.insert(
        table,
        &[
            (owner_column, &owner),
            ("partner_id", &partner),
            ("role_id", &role),
        ],
    )?;
    Ok(())
}

/// A row's partner or role (the partner when another tool set both; none when neither).
pub(in crate::workbook) fn recipient_of(
    partner: Option<i64>,
    role: Option<i64>,
) -> Option<Recipient> {
    match (partner, role) {
        (Some(id), _) => Some(Recipient::Partner(id)),
        (None, Some(id)) => Some(Recipient::Role(id)),
        (None, None) => None,
    }
}

/// Stored rows `(id, partner, role)` against the recipients wanted: those kept, and the rows to
/// delete (unwanted ones, and a recipient listed twice by another tool, kept once).
pub(in crate::workbook) fn reconcile(
    stored: Vec<(i64, Option<i64>, Option<i64>)>,
    wanted: &[Recipient],
) -> (Vec<Recipient>, Vec<i64>) {
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for (row, partner, role) in stored {
        match recipient_of(partner, role) {
            Some(r) if wanted.contains(&r) && !kept.contains(&r) => kept.push(r),
            _ => removed.push(row),
        }
    }
    (kept, removed)
}

/// Rows `(owner, partner, role, name)` read by `sql`, as each owner's recipients in the order
/// read, each once.
pub(in crate::workbook) fn read_recipients(
    conn: &rusqlite::Connection,
    sql: &str,
) -> Result<HashMap<i64, Vec<SharedWith>>> {
    let mut shared: HashMap<i64, Vec<SharedWith>> = HashMap::new();
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
            text(r.get::<_, Value>(3)?),
        ))
    })?;
    for row in rows {
        let (owner, partner, role, name) = row?;
        let Some(recipient) = recipient_of(partner, role) else {
            continue;
        };
        let list = shared.entry(owner).or_default();
        if !list.iter().any(|s| s.recipient == recipient) {
            list.push(SharedWith { recipient, name });
        }
    }
    Ok(shared)
}

impl Workbook {
    /// Every protocol, in the order they were added, with whom it shares. An unknown access level
    /// reads as hidden and an unknown sensitivity as internal (as the risk rules read it).
    pub fn protocols(&self) -> Result<Vec<ProtocolRecord>> {
        let mut shared = read_recipients(
            &self.conn,
            "SELECT r.protocol_id, r.partner_id, r.role_id, \
             coalesce(p.name, ro.name, '') \
             FROM data_protocol_recipients r \
             LEFT JOIN partners p ON p.id = r.partner_id \
             LEFT JOIN roles ro ON ro.id = r.role_id",
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, data_item, purpose, access_level, access_method, sensitivity, \
             protection_measures, review_date FROM data_protocols ORDER BY id",
        )?;
        let protocols = stmt
            .query_map([], |r| {
                let v = |i: usize| r.get::<_, Value>(i);
                let id: i64 = r.get(0)?;
                let mut shared_with = shared.remove(&id).unwrap_or_default();
                shared_with.sort_by_key(|s| s.recipient);
                shared_with.dedup_by_key(|s| s.recipient);
                Ok(ProtocolRecord {
                    id,
                    protocol: ProtocolDraft {
                        data_item: text(v(1)?),
                        purpose: text(v(2)?),
                        recipients: shared_with.iter().map(|s| s.recipient).collect(),
                        access_level: AccessLevel::from_word(&text(v(3)?)).unwrap_or_default(),
                        access_method: text(v(4)?),
                        sensitivity: Sensitivity::from_word(&text(v(5)?)).unwrap_or_default(),
                        protection_measures: text(v(6)?),
                        review_date: optional_text(v(7)?),
                    },
                    shared_with,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(protocols)
    }

    /// Adds a protocol with its recipients; returns its id.
    pub fn add_protocol(&mut self, draft: &ProtocolDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.check_recipients(&draft.recipients)?;
        let mut change = self.change(format!("add protocol {}", draft.data_item))?;
        let id = change.insert("data_protocols", &as_params(&protocol_columns(&draft)))?;
        for recipient in &draft.recipients {
            add_recipient(&mut change, id, *recipient)?;
        }
        change.commit()?;
        Ok(id)
    }

    /// Changes protocol `id`, adding and removing recipients to match the draft.
    pub fn update_protocol(&mut self, id: i64, draft: &ProtocolDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.protocol_item(id)?;
        self.check_recipients(&draft.recipients)?;
        let stored: Vec<(i64, Option<i64>, Option<i64>)> = self
            .conn
            .prepare(
                "SELECT id, partner_id, role_id FROM data_protocol_recipients \
                 WHERE protocol_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let (kept, removed) = reconcile(stored, &draft.recipients);
        let mut change = self.change(format!("edit protocol {}", draft.data_item))?;
        change.update("data_protocols", id, &as_params(&protocol_columns(&draft)))?;
        for row in removed {
            change.delete("data_protocol_recipients", row)?;
        }
        for recipient in draft.recipients.iter().filter(|r| !kept.contains(r)) {
            add_recipient(&mut change, id, *recipient)?;
        }
        change.commit()
    }

    /// Deletes protocol `id` with its recipients; returns its data item.
    pub fn delete_protocol(&mut self, id: i64) -> Result<String> {
        let item = self.protocol_item(id)?;
        self.delete_listed("data_protocols", id, format!("delete protocol {item}"))?;
        Ok(item)
    }

    fn protocol_item(&self, id: i64) -> Result<String> {
        self.listed_name("data_protocols", "data_item", id, "protocol")
    }

    /// Refuses recipients that are gone (deleted elsewhere while the form was open).
    fn check_recipients(&self, recipients: &[Recipient]) -> Result<()> {
        for recipient in recipients {
            let (sql, id, what) = match *recipient {
                Recipient::Partner(id) => ("SELECT 1 FROM partners WHERE id = ?1", id, "partner"),
                Recipient::Role(id) => ("SELECT 1 FROM roles WHERE id = ?1", id, "role"),
            };
            let exists = self
                .conn
                .query_row(sql, [id], |_| Ok(()))
                .optional()?
                .is_some();
            if !exists {
                bail!(
                    "A {what} this protocol shares with no longer exists, so nothing was saved; \
                     choose whom it shares with again."
                );
            }
        }
        Ok(())
    }
}
