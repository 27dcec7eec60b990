//! Data derived from the records and kept in step inside the same transaction as every edit,
//! undo and redo: the roster's cached fit, gate, onboarding progress and last check-in. The cache
//! is never trusted from a journal image: it is recomputed from its sources.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value as Json};

use crate::plan::onboarding::{ItemStatus, progress};
use crate::plan::selection::{Assessment, Criterion, fit};

/// Which partners an edit touched, or all of them (criteria or the checklist changed).
#[derive(Debug, Default)]
pub(crate) struct Scope {
    partners: BTreeSet<i64>,
    all: bool,
    /// Risks whose link name may have changed: their own rows, and those linked to a partner or
    /// role that changed (a rename).
    risks: BTreeSet<i64>,
    link_partners: BTreeSet<i64>,
    link_roles: BTreeSet<i64>,
}

impl Scope {
    /// Notes what a changed row of `table` (its before or after image) affects.
    pub(crate) fn note(&mut self, table: &str, image: Option<&Map<String, Json>>) {
        let Some(image) = image else { return };
        let id = image.get("id").and_then(Json::as_i64);
        match (table, id) {
            ("risks", Some(id)) => {
                self.risks.insert(id);
            }
            ("partners", Some(id)) => {
                self.link_partners.insert(id);
            }
            ("roles", Some(id)) => {
                self.link_roles.insert(id);
            }
            _ => {}
        }
        let column = match table {
            "partners" => "id",
            "criterion_scores" | "partner_onboarding" | "checkins" => "partner_id",
            "selection_criteria" | "onboarding_items" => {
                self.all = true;
                return;
            }
            _ => return,
        };
        if let Some(id) = image.get(column).and_then(Json::as_i64) {
            self.partners.insert(id);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        !self.all && self.partners.is_empty() && !self.touches_links()
    }

    fn touches_links(&self) -> bool {
        !(self.risks.is_empty() && self.link_partners.is_empty() && self.link_roles.is_empty())
    }
}

/// Brings the derived data of the partners in `scope` up to date.
pub(crate) fn refresh(conn: &Connection, scope: &Scope) -> rusqlite::Result<()> {
    if scope.is_empty() {
        return Ok(());
    }
    refresh_links(conn, scope)?;
    if !scope.all && scope.partners.is_empty() {
        return Ok(());
    }
    let criteria = criteria(conn)?;
    let items: i64 = conn.query_row("SELECT count(*) FROM onboarding_items", [], |r| r.get(0))?;
    if scope.all {
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM partners")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in ids {
            refresh_partner(conn, id, &criteria, items)?;
        }
    } else {
        for id in &scope.partners {
            refresh_partner(conn, *id, &criteria, items)?;
        }
    }
    Ok(())
}

/// What a risk's link name says: "partner / role", either alone, or '' when it has neither.
pub(crate) const LINK_NAME: &str = "coalesce(\
     (SELECT name FROM partners WHERE id = risks.partner_id) \
       || coalesce(' / ' || (SELECT name FROM roles WHERE id = risks.role_id), ''), \
     (SELECT name FROM roles WHERE id = risks.role_id), '')";

/// Brings the link names of the risks in `scope` up to date.
fn refresh_links(conn: &Connection, scope: &Scope) -> rusqlite::Result<()> {
    let update = |sql: &str, ids: &BTreeSet<i64>| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare_cached(&format!(
            "UPDATE risks SET link_name = {LINK_NAME} WHERE {sql} = ?1"
        ))?;
        for id in ids {
            stmt.execute([id])?;
        }
        Ok(())
    };
    update("id", &scope.risks)?;
    update("partner_id", &scope.link_partners)?;
    update("role_id", &scope.link_roles)
}

fn criteria(conn: &Connection) -> rusqlite::Result<Vec<Criterion>> {
    conn.prepare_cached("SELECT id, name, weight, is_gate FROM selection_criteria")?
        .query_map([], |r| {
            Ok(Criterion {
                id: r.get(0)?,
                name: r.get(1)?,
                weight: r.get(2)?,
                is_gate: r.get(3)?,
            })
        })?
        .collect()
}

fn refresh_partner(
    conn: &Connection,
    id: i64,
    criteria: &[Criterion],
    items: i64,
) -> rusqlite::Result<()> {
    let exists: bool = conn
        .prepare_cached("SELECT count(*) > 0 FROM partners WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    if !exists {
        return Ok(());
    }
    let assessments: Vec<(i64, Assessment)> = conn
        .prepare_cached(
            "SELECT s.criterion_id, s.score, s.passed, c.is_gate FROM criterion_scores s \
             JOIN selection_criteria c ON c.id = s.criterion_id WHERE s.partner_id = ?1",
        )?
        .query_map([id], |r| {
            let (criterion, score, passed, gate): (i64, Option<i64>, Option<bool>, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(match (gate, score, passed) {
                (false, Some(s), _) if (1..=5).contains(&s) => {
                    Some((criterion, Assessment::Score(s as u8)))
                }
                (true, _, Some(p)) => Some((criterion, Assessment::Gate(p))),
                _ => None,
            })
        })?
        .filter_map(|r| r.transpose())
        .collect::<Result<_, _>>()?;
    let partner_fit = fit(criteria, &assessments);
    // Items without a status row are pending; only stored statuses are read.
    let mut statuses: Vec<ItemStatus> = conn
        .prepare_cached("SELECT status FROM partner_onboarding WHERE partner_id = ?1")?
        .query_map([id], |r| Ok(ItemStatus::from_word(&r.get::<_, String>(0)?)))?
        .collect::<Result<_, _>>()?;
    statuses.resize(
        usize::try_from(items).unwrap_or(0).max(statuses.len()),
        ItemStatus::Pending,
    );
    let last: Option<String> = conn
        .prepare_cached("SELECT max(held_on) FROM checkins WHERE partner_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    conn.prepare_cached(
        "UPDATE partners SET fit_score = ?2, gated_out = ?3, onboarding_pct = ?4, last_checkin = ?5, \
         next_checkin = coalesce(date(?5, '+' || coalesce(checkin_cadence_days, \
         (SELECT checkin_cadence_days FROM workbook_meta)) || ' days'), '') WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id,
        partner_fit.score.unwrap_or(-1.0),
        partner_fit.gated_out,
        progress(&statuses).map_or(-1, i64::from),
        last
    ])?;
    Ok(())
}

/// Records `days` as the default check-in cadence and recomputes the next check-in of every
/// partner without a cadence of their own (one statement; derived data, so not journaled).
pub(crate) fn use_default_cadence(conn: &Connection, days: i64) -> rusqlite::Result<bool> {
    let stored: i64 =
        conn.query_row("SELECT checkin_cadence_days FROM workbook_meta", [], |r| {
            r.get(0)
        })?;
    if stored == days {
        return Ok(false);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = conn
        .execute(
            "UPDATE workbook_meta SET checkin_cadence_days = ?1",
            [days],
        )
        .and_then(|_| {
            conn.execute(
                "UPDATE partners SET next_checkin = coalesce(date(last_checkin, '+' || ?1 || ' days'), '') \
                 WHERE checkin_cadence_days IS NULL AND last_checkin IS NOT NULL",
                [days],
            )
        });
    match result {
        Ok(_) => conn.execute_batch("COMMIT")?,
        Err(err) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(err);
        }
    }
    Ok(true)
}
