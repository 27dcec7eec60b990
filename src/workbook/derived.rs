//! Data derived from the records and kept in step inside the same transaction as every edit,
//! undo and redo: the roster's cached fit, gate, onboarding progress and last check-in. The cache
//! is never trusted from a journal image: it is recomputed from its sources.

use std::collections::BTreeSet;

use rusqlite::Connection;
use serde_json::{Map, Value as Json};

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
    /// Partner types whose programme changed (a criterion's weight or gate for that type).
    types: BTreeSet<String>,
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
        if table == "criterion_type_weights" {
            if let Some(kind) = image.get("partner_type").and_then(Json::as_str) {
                self.types.insert(kind.to_string());
            }
            return;
        }
        let column = match table {
            "partners" => "id",
            "criterion_scores" | "partner_onboarding" | "checkins" => "partner_id",
            "selection_criteria" | "onboarding_items" | "onboarding_item_types" => {
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
        !self.all && self.partners.is_empty() && self.types.is_empty() && !self.touches_links()
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
    // Past this many partners one statement over the whole roster beats one per partner.
    const WHOLE_ROSTER_FROM: usize = 2_000;
    if scope.all || scope.partners.len() >= WHOLE_ROSTER_FROM {
        return conn
            .prepare_cached(&refresh_sql("1"))?
            .execute([])
            .map(|_| ());
    }
    let mut by_type = conn.prepare_cached(&refresh_sql("partner_type = ?1"))?;
    for kind in &scope.types {
        by_type.execute([kind])?;
    }
    let mut by_id = conn.prepare_cached(&refresh_sql("id = ?1"))?;
    for id in &scope.partners {
        by_id.execute([id])?;
    }
    Ok(())
}

/// One statement that works out the fit, gate, onboarding progress and check-in dates of the
/// partners matching `condition`, each by its type's programme: a criterion's weight and gate
/// flag are the type's own where it has them, else every type's; a checklist item counts for a
/// type when it is limited to none or to that type. Set-based, so a change to one type's
/// programme reworks only that type's partners in one pass. The rules are those of
/// `plan::selection::fit` (weighted mean of the weighted criteria scored, 1–5 mapped to 0–100;
/// a failed gate is out; a score of the wrong kind for the criterion is no assessment) and
/// `plan::onboarding::progress` (done over applicable, skipped items not applicable; items
/// without a status are pending); tests/programmes.rs holds them to the same answers.
fn refresh_sql(condition: &str) -> String {
    format!(
        "WITH target AS (SELECT id, partner_type FROM partners WHERE {condition}), \
         judged AS (SELECT s.partner_id, s.score, s.passed, \
             coalesce(o.is_gate, c.is_gate) AS gate, coalesce(o.weight, c.weight) AS weight \
           FROM target t JOIN criterion_scores s ON s.partner_id = t.id \
           JOIN selection_criteria c ON c.id = s.criterion_id \
           LEFT JOIN criterion_type_weights o \
             ON o.criterion_id = c.id AND o.partner_type = t.partner_type), \
         fits AS (SELECT partner_id, \
             sum(CASE WHEN NOT gate AND score BETWEEN 1 AND 5 THEN max(weight, 0) END) AS total, \
             sum(CASE WHEN NOT gate AND score BETWEEN 1 AND 5 \
                 THEN max(weight, 0) * (score - 1) * 25.0 END) AS points, \
             max(gate AND passed = 0) AS out \
           FROM judged GROUP BY partner_id), \
         kinds AS (SELECT DISTINCT partner_type FROM target), \
         items AS (SELECT k.partner_type, i.id AS item_id FROM kinds k, onboarding_items i \
           WHERE NOT EXISTS (SELECT 1 FROM onboarding_item_types x WHERE x.item_id = i.id) \
              OR EXISTS (SELECT 1 FROM onboarding_item_types x \
                         WHERE x.item_id = i.id AND x.partner_type = k.partner_type)), \
         counted AS (SELECT partner_type, count(*) AS n FROM items GROUP BY partner_type), \
         ticks AS (SELECT t.id AS partner_id, \
             sum(trim(po.status) = 'done') AS done, sum(trim(po.status) = 'skipped') AS skipped \
           FROM target t JOIN partner_onboarding po ON po.partner_id = t.id \
           JOIN items ON items.partner_type = t.partner_type AND items.item_id = po.item_id \
           GROUP BY t.id), \
         checked AS (SELECT c.partner_id, max(c.held_on) AS last \
           FROM target t JOIN checkins c ON c.partner_id = t.id GROUP BY c.partner_id), \
         worked AS (SELECT t.id, \
             CASE WHEN f.total > 0 THEN f.points / f.total ELSE -1 END AS fit, \
             coalesce(f.out, 0) AS out, \
             CASE WHEN coalesce(n.n, 0) - coalesce(k.skipped, 0) > 0 \
                 THEN coalesce(k.done, 0) * 100 / (n.n - coalesce(k.skipped, 0)) ELSE -1 END AS pct, \
             ch.last \
           FROM target t LEFT JOIN fits f ON f.partner_id = t.id \
           LEFT JOIN counted n ON n.partner_type = t.partner_type \
           LEFT JOIN ticks k ON k.partner_id = t.id LEFT JOIN checked ch ON ch.partner_id = t.id) \
         UPDATE partners SET fit_score = w.fit, gated_out = w.out, onboarding_pct = w.pct, \
             last_checkin = w.last, \
             next_checkin = coalesce(date(w.last, '+' || coalesce(partners.checkin_cadence_days, \
               (SELECT checkin_cadence_days FROM workbook_meta)) || ' days'), '') \
         FROM worked w WHERE partners.id = w.id"
    )
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
