//! What-if scenarios saved by name (schema step 10): reads, and journaled writes of a scenario
//! with its events. Working a scenario out (`scenario_outcome`) never writes.

use anyhow::{Result, bail};
use rusqlite::OptionalExtension;

use super::Workbook;
use crate::plan::text::clean;
use crate::plan::whatif::events::{Event, EventKind, story};

/// One event as stored, with the partner's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioEvent {
    pub event: Event,
    pub partner: String,
}

/// A saved scenario and its events (by partner name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioRecord {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub note: String,
    pub events: Vec<ScenarioEvent>,
}

impl ScenarioRecord {
    pub fn events(&self) -> Vec<Event> {
        self.events.iter().map(|e| e.event).collect()
    }

    /// "Ostrander exits and Pylon is delayed by 6 months".
    pub fn story(&self) -> String {
        let named: Vec<(String, EventKind)> = self
            .events
            .iter()
            .map(|e| (clean(&e.partner).into_owned(), e.event.kind))
            .collect();
        story(&named)
    }
}

impl Workbook {
    /// Every saved scenario by name, with its events. An event whose kind another tool wrote
    /// wrongly is left out (`check` names it).
    pub fn scenarios(&self) -> Result<Vec<ScenarioRecord>> {
        let mut scenarios: Vec<ScenarioRecord> = self
            .conn
            .prepare_cached(
                "SELECT id, uuid, name, note FROM scenarios ORDER BY name COLLATE NOCASE, id",
            )?
            .query_map([], |r| {
                Ok(ScenarioRecord {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    name: super::text(r.get(2)?),
                    note: super::text(r.get(3)?),
                    events: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.scenario_id, e.partner_id, e.kind, e.months, p.name FROM scenario_events e \
             JOIN partners p ON p.id = e.partner_id ORDER BY p.name COLLATE NOCASE, e.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                super::text(r.get(2)?),
                r.get::<_, Option<i64>>(3)?,
                super::text(r.get(4)?),
            ))
        })?;
        for row in rows {
            let (scenario, partner, kind, months, name) = row?;
            let Ok(kind) = EventKind::from_stored(&kind, months) else {
                continue;
            };
            if let Some(s) = scenarios.iter_mut().find(|s| s.id == scenario) {
                s.events.push(ScenarioEvent {
                    event: Event { partner, kind },
                    partner: name,
                });
            }
        }
        Ok(scenarios)
    }

    /// The scenario called `name` (ignoring case and surrounding space); `Err` a sentence that
    /// names the saved ones.
    pub fn scenario_named(&self, name: &str) -> Result<ScenarioRecord, String> {
        let all = self
            .scenarios()
            .map_err(|err| format!("the scenarios could not be read: {err}"))?;
        let wanted = name.trim().to_lowercase();
        if let Some(found) = all.iter().find(|s| s.name.trim().to_lowercase() == wanted) {
            return Ok(found.clone());
        }
        let shown = clean(name.trim());
        Err(if all.is_empty() {
            format!(
                "no scenario is called \"{shown}\": the workbook has none saved yet. Save one \
                 with --save NAME beside --exit, --delay or --gate-out."
            )
        } else {
            format!(
                "no scenario is called \"{shown}\"; the saved ones are {}.",
                all.iter()
                    .map(|s| format!("\"{}\"", clean(&s.name)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// Saves `events` as the scenario `name` (one change, undoable); refuses an empty name, no
    /// events, or a name already saved.
    pub fn save_scenario(&mut self, name: &str, note: &str, events: &[Event]) -> Result<i64> {
        let name = name.trim();
        if name.is_empty() {
            bail!("a scenario needs a name; write one after --save.");
        }
        if events.is_empty() {
            bail!(
                "the scenario \"{}\" has no events; add --exit, --delay or --gate-out.",
                clean(name)
            );
        }
        self.refuse_taken_name(name, None)?;
        let mut change = self.change(format!("save scenario {name}"))?;
        let id = change.insert("scenarios", &[("name", &name), ("note", &note)])?;
        for event in events {
            let months = match event.kind {
                EventKind::Delay(m) => Some(i64::from(m)),
                _ => None,
            };
            change.insert(
                "scenario_events",
                &[
                    ("scenario_id", &id),
                    ("partner_id", &event.partner),
                    ("kind", &event.kind.word()),
                    ("months", &months),
                ],
            )?;
        }
        change.commit()?;
        Ok(id)
    }

    /// Renames the scenario `id` (one change, undoable); returns its old name. Refuses an empty
    /// name or one another scenario has.
    pub fn rename_scenario(&mut self, id: i64, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            bail!("a scenario needs a name; type one (nothing was written).");
        }
        self.refuse_taken_name(name, Some(id))?;
        let old = self.scenario_name(id)?;
        let mut change = self.change(format!("rename scenario {old} to {name}"))?;
        change.update("scenarios", id, &[("name", &name)])?;
        change.commit()?;
        Ok(old)
    }

    /// Deletes the scenario `id` with its events (undoable); returns its name.
    pub fn delete_scenario(&mut self, id: i64) -> Result<String> {
        let name = self.scenario_name(id)?;
        let mut change = self.change(format!("delete scenario {name}"))?;
        change.delete("scenarios", id)?;
        change.commit()?;
        Ok(name)
    }

    /// The name of the scenario `id`; `Err` a sentence when it is gone.
    fn scenario_name(&self, id: i64) -> Result<String> {
        let name: Option<String> = self
            .conn
            .query_row("SELECT name FROM scenarios WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        match name {
            Some(name) => Ok(name),
            None => bail!("that scenario no longer exists; it may have been deleted or undone."),
        }
    }

    /// Refuses `name` when a scenario other than `except` has it (ignoring case and spaces).
    fn refuse_taken_name(&self, name: &str, except: Option<i64>) -> Result<()> {
        let taken: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM scenarios WHERE trim(name) = ?1 COLLATE NOCASE \
                 AND id IS NOT ?2",
                rusqlite::params![name, except],
                |r| r.get(0),
            )
            .optional()?;
        if taken.is_some() {
            bail!(
                "a scenario called \"{}\" is saved already; choose another name (nothing was \
                 written).",
                clean(name)
            );
        }
        Ok(())
    }
}
