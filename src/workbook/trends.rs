//! The trend radar's records (schema step 12): trends with what they touch and their
//! adaptability actions; reads, journaled writes, and the examples a new workbook starts with.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, ToSql, params};

use super::{Workbook, new_uuid, timestamp_now};
use crate::plan::defaults::defaults;
use crate::plan::strategy::Problems;
use crate::plan::trend::{
    ActionDraft, ActionStatus, Touch, TouchKind, TrendCategory, TrendDraft, TrendFacts,
    TrendHorizon,
};

/// One role, partner or offering a trend touches, with its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    pub touch: Touch,
    pub name: String,
}

/// An adaptability action as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendActionRecord {
    pub id: i64,
    pub trend_id: i64,
    pub action: ActionDraft,
}

/// A trend as stored, with what it touches and its actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRecord {
    pub id: i64,
    pub uuid: String,
    pub trend: TrendDraft,
    /// One of the examples a new workbook starts with, not edited since.
    pub example: bool,
    pub touches: Vec<Touched>,
    pub actions: Vec<TrendActionRecord>,
}

impl TrendRecord {
    /// Ready for step 12: the user's own, with an action and a review date.
    pub fn is_ready(&self) -> bool {
        !self.example && !self.actions.is_empty() && self.trend.review_date.is_some()
    }
}

fn refused<F>(problems: Problems<F>) -> anyhow::Error {
    let text: Vec<String> = problems.into_iter().map(|(_, m)| m).collect();
    anyhow::anyhow!("{}", text.join(" "))
}

fn text(value: Value) -> String {
    super::text(value)
}

fn optional_date(value: Value) -> Option<String> {
    Some(text(value)).filter(|t| !t.trim().is_empty())
}

fn trend_columns(d: &TrendDraft) -> Vec<(&'static str, Value)> {
    vec![
        ("name", Value::Text(d.name.clone())),
        ("category", Value::Text(d.category.word().into())),
        ("horizon", Value::Text(d.horizon.word().into())),
        ("impact", Value::Integer(d.impact)),
        ("evolution", Value::Text(d.evolution.clone())),
        (
            "review_date",
            d.review_date.clone().map_or(Value::Null, Value::Text),
        ),
        // Saved from a form, a trend is the user's own.
        ("example", Value::Integer(0)),
    ]
}

fn action_columns(d: &ActionDraft) -> Vec<(&'static str, Value)> {
    vec![
        ("title", Value::Text(d.title.clone())),
        ("owner", Value::Text(d.owner.clone())),
        (
            "due_date",
            d.due_date.clone().map_or(Value::Null, Value::Text),
        ),
        ("status", Value::Text(d.status.word().into())),
    ]
}

fn as_params<'a>(columns: &'a [(&'static str, Value)]) -> Vec<(&'static str, &'a dyn ToSql)> {
    columns.iter().map(|(c, v)| (*c, v as &dyn ToSql)).collect()
}

fn link_column(kind: TouchKind) -> &'static str {
    match kind {
        TouchKind::Role => "role_id",
        TouchKind::Partner => "partner_id",
        TouchKind::Offering => "offering_id",
    }
}

impl Workbook {
    /// Every trend by name, with what it touches and its actions (by due date, undated last).
    /// A word another tool stored that this version does not know reads as the list's default.
    pub fn trends(&self) -> Result<Vec<TrendRecord>> {
        let mut trends: Vec<TrendRecord> = self
            .conn
            .prepare_cached(
                "SELECT id, uuid, name, category, horizon, impact, evolution, review_date, \
                 example FROM trends ORDER BY name COLLATE NOCASE, id",
            )?
            .query_map([], |r| {
                Ok(TrendRecord {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    trend: TrendDraft {
                        name: text(r.get(2)?),
                        category: TrendCategory::from_word(&text(r.get(3)?)).unwrap_or_default(),
                        horizon: TrendHorizon::from_word(&text(r.get(4)?)).unwrap_or_default(),
                        impact: r.get::<_, Option<i64>>(5)?.unwrap_or(3).clamp(1, 5),
                        evolution: text(r.get(6)?),
                        review_date: optional_date(r.get(7)?),
                    },
                    example: r.get::<_, Option<i64>>(8)?.unwrap_or(0) != 0,
                    touches: Vec::new(),
                    actions: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut links = self.conn.prepare_cached(
            "SELECT l.trend_id, l.role_id, l.partner_id, l.offering_id, \
             coalesce(r.name, p.name, o.name, '') FROM trend_links l \
             LEFT JOIN roles r ON r.id = l.role_id \
             LEFT JOIN partners p ON p.id = l.partner_id \
             LEFT JOIN offerings o ON o.id = l.offering_id \
             ORDER BY l.role_id IS NULL, l.partner_id IS NULL, 5 COLLATE NOCASE, l.id",
        )?;
        let rows = links.query_map([], |r| {
            let ids: [Option<i64>; 3] = [r.get(1)?, r.get(2)?, r.get(3)?];
            Ok((r.get::<_, i64>(0)?, ids, text(r.get(4)?)))
        })?;
        for row in rows {
            let (trend, ids, name) = row?;
            let touch = touch_of(ids);
            if let (Some(touch), Some(t)) = (touch, trends.iter_mut().find(|t| t.id == trend)) {
                t.touches.push(Touched { touch, name });
            }
        }
        let mut actions = self.conn.prepare_cached(
            "SELECT id, trend_id, title, owner, due_date, status FROM trend_actions \
             ORDER BY due_date IS NULL, due_date, id",
        )?;
        let rows = actions.query_map([], |r| {
            Ok(TrendActionRecord {
                id: r.get(0)?,
                trend_id: r.get(1)?,
                action: ActionDraft {
                    title: text(r.get(2)?),
                    owner: text(r.get(3)?),
                    due_date: optional_date(r.get(4)?),
                    status: ActionStatus::from_word(&text(r.get(5)?)).unwrap_or_default(),
                },
            })
        })?;
        for row in rows {
            let action = row?;
            if let Some(t) = trends.iter_mut().find(|t| t.id == action.trend_id) {
                t.actions.push(action);
            }
        }
        Ok(trends)
    }

    /// How far step 12 has come: the user's own trends, those ready, untouched examples.
    pub fn trend_facts(&self) -> Result<TrendFacts> {
        facts(&self.conn)
    }

    /// Adds a trend touching `touches` (one change, undoable); returns its id.
    pub fn add_trend(&mut self, draft: &TrendDraft, touches: &[Touch]) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let mut change = self.change(format!("add trend {}", draft.name))?;
        let id = change.insert("trends", &as_params(&trend_columns(&draft)))?;
        for touch in touches {
            change.insert(
                "trend_links",
                &[("trend_id", &id), (link_column(touch.kind), &touch.id)],
            )?;
        }
        change.commit()?;
        Ok(id)
    }

    /// Saves trend `id` from `draft`, touching exactly `touches` from now on (one change). An
    /// example edited becomes the user's own.
    pub fn update_trend(&mut self, id: i64, draft: &TrendDraft, touches: &[Touch]) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        self.trend_name(id)?;
        let stored = self.touches_of(id)?;
        let mut change = self.change(format!("edit trend {}", draft.name))?;
        change.update("trends", id, &as_params(&trend_columns(&draft)))?;
        for (link, touch) in &stored {
            if !touches.contains(touch) {
                change.delete("trend_links", *link)?;
            }
        }
        for touch in touches {
            if !stored.iter().any(|(_, t)| t == touch) {
                change.insert(
                    "trend_links",
                    &[("trend_id", &id), (link_column(touch.kind), &touch.id)],
                )?;
            }
        }
        change.commit()
    }

    /// Deletes trend `id` with its links and actions (undoable); returns its name.
    pub fn delete_trend(&mut self, id: i64) -> Result<String> {
        self.refuse_write()?;
        let name = self.trend_name(id)?;
        let mut change = self.change(format!("delete trend {name}"))?;
        change.delete("trends", id)?;
        change.commit()?;
        Ok(name)
    }

    /// Adds an adaptability action to trend `trend` (one change); an example becomes the
    /// user's own. Returns the action's id.
    pub fn add_trend_action(&mut self, trend: i64, draft: &ActionDraft) -> Result<i64> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let name = self.trend_name(trend)?;
        let mut change = self.change(format!("add action to trend {name}"))?;
        let mut columns = action_columns(&draft);
        columns.push(("trend_id", Value::Integer(trend)));
        let id = change.insert("trend_actions", &as_params(&columns))?;
        own(&mut change, trend)?;
        change.commit()?;
        Ok(id)
    }

    /// Saves action `id` from `draft` (one change).
    pub fn update_trend_action(&mut self, id: i64, draft: &ActionDraft) -> Result<()> {
        self.refuse_write()?;
        let draft = draft.checked().map_err(refused)?;
        let trend = self.action_trend(id)?;
        let mut change = self.change(format!("edit action {}", draft.title))?;
        change.update("trend_actions", id, &as_params(&action_columns(&draft)))?;
        own(&mut change, trend)?;
        change.commit()
    }

    /// Deletes action `id` (undoable); returns its title.
    pub fn delete_trend_action(&mut self, id: i64) -> Result<String> {
        self.refuse_write()?;
        self.action_trend(id)?;
        let title: String =
            self.conn
                .query_row("SELECT title FROM trend_actions WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        let mut change = self.change(format!("delete action {title}"))?;
        change.delete("trend_actions", id)?;
        change.commit()?;
        Ok(title)
    }

    fn trend_name(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT name FROM trends WHERE id = ?1", [id], |r| {
                r.get::<_, Value>(0)
            })
            .optional()?
            .map(text)
            .context("that trend no longer exists; it may have been deleted or undone")
    }

    fn action_trend(&self, id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT trend_id FROM trend_actions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .context("that action no longer exists; it may have been deleted or undone")
    }

    /// The links of trend `id`: (link id, what it touches).
    fn touches_of(&self, id: i64) -> Result<Vec<(i64, Touch)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, role_id, partner_id, offering_id FROM trend_links WHERE trend_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| {
            let ids: [Option<i64>; 3] = [r.get(1)?, r.get(2)?, r.get(3)?];
            Ok((r.get::<_, i64>(0)?, ids))
        })?;
        let mut links = Vec::new();
        for row in rows {
            let (link, ids) = row?;
            if let Some(touch) = touch_of(ids) {
                links.push((link, touch));
            }
        }
        Ok(links)
    }
}

/// How far step 12 has come, for the Guide.
pub(crate) fn facts(conn: &Connection) -> Result<TrendFacts> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE example = 0), \
             count(*) FILTER (WHERE example = 0 AND coalesce(review_date, '') <> '' \
               AND EXISTS (SELECT 1 FROM trend_actions a WHERE a.trend_id = t.id)), \
             count(*) FILTER (WHERE example <> 0) FROM trends t",
        )?
        .query_row([], |r| {
            Ok(TrendFacts {
                own: r.get::<_, i64>(0)? as usize,
                ready: r.get::<_, i64>(1)? as usize,
                examples: r.get::<_, i64>(2)? as usize,
            })
        })?)
}

/// What a link touches, from its role, partner and offering columns (one of them set).
fn touch_of(ids: [Option<i64>; 3]) -> Option<Touch> {
    TouchKind::ALL
        .into_iter()
        .zip(ids)
        .find_map(|(kind, id)| id.map(|id| Touch { kind, id }))
}

/// Marks trend `id` as the user's own, in `change`, if it was an example.
fn own(change: &mut super::journal::Change<'_>, id: i64) -> Result<()> {
    let example: i64 =
        change
            .conn()
            .query_row("SELECT example FROM trends WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
    if example != 0 {
        change.update("trends", id, &[("example", &0i64)])?;
    }
    Ok(())
}

/// Writes the example trends a new workbook starts with, each with one illustrative action
/// (not journaled: a new workbook has nothing to undo).
pub(crate) fn seed_examples(conn: &Connection) -> rusqlite::Result<()> {
    // Tests build files of older schema steps the same way; those have no radar to fill.
    let radar: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'trends')",
        [],
        |r| r.get(0),
    )?;
    if !radar {
        return Ok(());
    }
    let now = timestamp_now();
    for trend in &defaults().trends {
        conn.execute(
            "INSERT INTO trends (uuid, name, category, horizon, impact, evolution, example, \
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)",
            params![
                new_uuid(),
                trend.name,
                trend.category,
                trend.horizon,
                trend.impact,
                trend.evolution,
                now
            ],
        )?;
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO trend_actions (uuid, trend_id, title, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![new_uuid(), id, trend.action, now],
        )?;
    }
    Ok(())
}
