//! Onboarding checklists and check-ins in the workbook (journaled like every edit).

use anyhow::{Result, bail};
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::Workbook;
use crate::plan::onboarding::{CheckinDue, ItemStatus, checkin_due, progress};

/// One checklist line for one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    pub item_id: i64,
    pub title: String,
    pub status: ItemStatus,
    /// ISO date of the last status change, when known.
    pub date: Option<String>,
    pub note: String,
}

/// One logged check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkin {
    pub id: i64,
    pub held_on: String,
    pub summary: String,
}

fn iso(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

impl Workbook {
    /// Partner `partner_id`'s checklist — the items of its type's programme (those limited to
    /// no type or to its type) — with its state of each item.
    pub fn checklist(&self, partner_id: i64) -> Result<Vec<ChecklistLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.title, o.status, o.status_date, o.note FROM onboarding_items i \
             LEFT JOIN partner_onboarding o ON o.item_id = i.id AND o.partner_id = ?1 \
             WHERE NOT EXISTS (SELECT 1 FROM onboarding_item_types x WHERE x.item_id = i.id) \
                OR EXISTS (SELECT 1 FROM onboarding_item_types x WHERE x.item_id = i.id \
                    AND x.partner_type = (SELECT partner_type FROM partners WHERE id = ?1)) \
             ORDER BY i.position, i.id",
        )?;
        let rows = stmt.query_map([partner_id], |row| {
            let status: Option<String> = row.get(2)?;
            Ok(ChecklistLine {
                item_id: row.get(0)?,
                title: row.get(1)?,
                status: status
                    .as_deref()
                    .map(ItemStatus::from_word)
                    .unwrap_or_default(),
                date: row.get(3)?,
                note: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Percent of partner `partner_id`'s applicable checklist done.
    pub fn onboarding_progress(&self, partner_id: i64) -> Result<Option<u8>> {
        let statuses: Vec<ItemStatus> = self
            .checklist(partner_id)?
            .iter()
            .map(|l| l.status)
            .collect();
        Ok(progress(&statuses))
    }

    /// Sets one item's status (dated `on`) and note for a partner.
    pub fn set_checklist_item(
        &mut self,
        partner_id: i64,
        item_id: i64,
        status: ItemStatus,
        on: Date,
        note: &str,
    ) -> Result<()> {
        let title: Option<String> = self
            .conn
            .query_row(
                "SELECT title FROM onboarding_items WHERE id = ?1",
                [item_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(title) = title else {
            bail!("that checklist item no longer exists")
        };
        let existing: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM partner_onboarding WHERE partner_id = ?1 AND item_id = ?2",
                params![partner_id, item_id],
                |r| r.get(0),
            )
            .optional()?;
        let (word, date, note) = (status.word(), iso(on), note.trim().to_string());
        let mut change = self.change(format!("mark \"{title}\" {word}"))?;
        match existing {
            Some(id) => change.update(
                "partner_onboarding",
                id,
                &[("status", &word), ("status_date", &date), ("note", &note)],
            )?,
            None => {
                change.insert(
                    "partner_onboarding",
                    &[
                        ("partner_id", &partner_id),
                        ("item_id", &item_id),
                        ("status", &word),
                        ("status_date", &date),
                        ("note", &note),
                    ],
                )?;
            }
        }
        change.commit()
    }

    /// What `Space` does on a checklist line: done ↔ pending, keeping the note.
    pub fn toggle_checklist_item(
        &mut self,
        partner_id: i64,
        item_id: i64,
        on: Date,
    ) -> Result<ItemStatus> {
        let line = self
            .checklist(partner_id)?
            .into_iter()
            .find(|l| l.item_id == item_id);
        let Some(line) = line else {
            bail!("that checklist item no longer exists")
        };
        let status = line.status.toggled();
        self.set_checklist_item(partner_id, item_id, status, on, &line.note)?;
        Ok(status)
    }

    /// Logs a check-in with a partner.
    pub fn add_checkin(&mut self, partner_id: i64, held_on: Date, summary: &str) -> Result<i64> {
        let (date, summary) = (iso(held_on), summary.trim().to_string());
        let mut change = self.change(format!("log check-in on {date}"))?;
        let id = change.insert(
            "checkins",
            &[
                ("partner_id", &partner_id),
                ("held_on", &date),
                ("summary", &summary),
            ],
        )?;
        change.commit()?;
        Ok(id)
    }

    /// A partner's check-ins, newest first.
    pub fn checkins(&self, partner_id: i64) -> Result<Vec<Checkin>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, held_on, summary FROM checkins WHERE partner_id = ?1 ORDER BY held_on DESC, id DESC",
        )?;
        let rows = stmt.query_map([partner_id], |r| {
            Ok(Checkin {
                id: r.get(0)?,
                held_on: r.get(1)?,
                summary: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// When the partner's next check-in is due, using its own cadence or `default_cadence_days`.
    pub fn checkin_due(
        &self,
        partner_id: i64,
        default_cadence_days: i64,
        today: Date,
    ) -> Result<CheckinDue> {
        let (cadence, last, stage): (Option<i64>, Option<String>, String) = self.conn.query_row(
            "SELECT checkin_cadence_days, (SELECT max(held_on) FROM checkins WHERE partner_id = p.id), \
             stage FROM partners p WHERE id = ?1",
            [partner_id],
            |r| Ok((r.get(0)?, r.get(1)?, super::text(r.get(2)?))),
        )?;
        // A date another tool wrote in some other shape counts as no check-in rather than failing.
        let last = last.and_then(|d| d.parse::<Date>().ok());
        Ok(checkin_due(
            &stage,
            last,
            cadence.unwrap_or(default_cadence_days),
            today,
        ))
    }
}
