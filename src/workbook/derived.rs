//! Data derived from the records and kept in step inside the same transaction as every edit,
//! undo and redo: the roster's cached fit, gate, onboarding progress and last check-in. The cache
//! is never trusted from a journal image: it is recomputed from its sources.

use std::collections::BTreeSet;

use rusqlite::Connection;
use serde_json::{Map, Value as Json};

/// Which partners' figures of one kind (fit and gate, or onboarding %) an edit made stale.
#[derive(Debug, Default)]
struct Reach {
    all: bool,
    /// Partner types (folded to lower case, as the table compares them) whose programme changed.
    types: BTreeSet<String>,
    partners: BTreeSet<i64>,
}

impl Reach {
    fn is_empty(&self) -> bool {
        !self.all && self.types.is_empty() && self.partners.is_empty()
    }
}

/// What an edit touched: whose fit, onboarding % and check-in dates to work out again, and
/// which risks' link names.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Scores, criteria and a type's own weights: the fit and gate.
    fit: Reach,
    /// Checklist items, their types and partners' statuses: the onboarding %.
    onboarding: Reach,
    /// Partners whose check-ins (or cadence) changed: the last and next check-in.
    checkins: BTreeSet<i64>,
    all_checkins: bool,
    /// Risks whose link name may have changed: their own rows, and those linked to a partner or
    /// role that changed (a rename).
    risks: BTreeSet<i64>,
    link_partners: BTreeSet<i64>,
    link_roles: BTreeSet<i64>,
}

impl Scope {
    /// Every partner's derived data and every risk's link name (a restore, a merge).
    pub(crate) fn everything() -> Scope {
        let mut scope = Scope::default();
        scope.fit.all = true;
        scope.onboarding.all = true;
        scope.all_checkins = true;
        scope
    }

    /// Notes what a changed row of `table` (its before or after image) affects.
    pub(crate) fn note(&mut self, table: &str, image: Option<&Map<String, Json>>) {
        let Some(image) = image else { return };
        let int = |column: &str| image.get(column).and_then(Json::as_i64);
        match table {
            "risks" => self.risks.extend(int("id")),
            "roles" => self.link_roles.extend(int("id")),
            // A partner's type, cadence or very being: all its derived data.
            "partners" => {
                if let Some(id) = int("id") {
                    self.link_partners.insert(id);
                    self.fit.partners.insert(id);
                    self.onboarding.partners.insert(id);
                    self.checkins.insert(id);
                }
            }
            "criterion_scores" => self.fit.partners.extend(int("partner_id")),
            "partner_onboarding" => self.onboarding.partners.extend(int("partner_id")),
            "checkins" => self.checkins.extend(int("partner_id")),
            "selection_criteria" => self.fit.all = true,
            "criterion_type_weights" => {
                if let Some(kind) = image.get("partner_type").and_then(Json::as_str) {
                    self.fit.types.insert(kind.to_lowercase());
                }
            }
            // An item limited to its first type leaves every other type's checklist: a change
            // of an item's types reaches further than the type named.
            "onboarding_items" | "onboarding_item_types" => self.onboarding.all = true,
            _ => {}
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.fit.is_empty()
            && self.onboarding.is_empty()
            && self.checkins.is_empty()
            && !self.all_checkins
            && !self.touches_links()
    }

    fn touches_links(&self) -> bool {
        !(self.risks.is_empty() && self.link_partners.is_empty() && self.link_roles.is_empty())
    }
}

/// The tables of a programme (criteria, a type's own weights, checklist items and their types): a
/// change to any of them reworks a whole type's or the whole roster's figures (see `Scope::note`).
pub(crate) const PROGRAMME_TABLES: [&str; 4] = [
    "selection_criteria",
    "criterion_type_weights",
    "onboarding_items",
    "onboarding_item_types",
];

/// Past this many partners one statement over the whole roster beats one per partner.
const WHOLE_ROSTER_FROM: usize = 2_000;

/// The page cache (KiB) a whole-roster pass may use: with SQLite's default 2 MB, rewriting the
/// figures of most of a 100,000-partner roster spills pages to the journal before the commit
/// (up to a third of its time on a loaded machine). Given back after the pass; 16 MB keeps the
/// app within its 64 MB.
const WHOLE_ROSTER_CACHE_KIB: i64 = 16_384;

/// Brings the derived data of the partners in `scope` up to date. Each figure is worked out by
/// one set-based statement for the whole roster, a type or a partner, and written only where it
/// changed: a new weight that leaves most fits as they were touches only the rows that move.
pub(crate) fn refresh(conn: &Connection, scope: &Scope) -> rusqlite::Result<()> {
    if scope.is_empty() {
        return Ok(());
    }
    refresh_links(conn, scope)?;
    let whole = |reach: &Reach| reach.all || reach.partners.len() >= WHOLE_ROSTER_FROM;
    let all_checkins = scope.all_checkins || scope.checkins.len() >= WHOLE_ROSTER_FROM;
    let cache: Option<i64> = if whole(&scope.fit) || whole(&scope.onboarding) || all_checkins {
        let was = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -WHOLE_ROSTER_CACHE_KIB)?;
        Some(was)
    } else {
        None
    };
    let done = refresh_reach(conn, &scope.fit, fit_sql)
        .and_then(|()| refresh_reach(conn, &scope.onboarding, onboarding_sql))
        .and_then(|()| {
            if all_checkins {
                return conn
                    .prepare_cached(&checkin_sql("1"))?
                    .execute([])
                    .map(|_| ());
            }
            let mut by_id = conn.prepare_cached(&checkin_sql("t.id = ?1"))?;
            for id in &scope.checkins {
                by_id.execute([id])?;
            }
            Ok(())
        });
    if let Some(was) = cache {
        conn.pragma_update(None, "cache_size", was)?;
    }
    done
}

/// Runs `sql` (built for a condition on the partners, named `t`) over the partners `reach`
/// names: the whole roster at once, else each type, then each partner.
fn refresh_reach(
    conn: &Connection,
    reach: &Reach,
    sql: fn(&str) -> String,
) -> rusqlite::Result<()> {
    if reach.all || reach.partners.len() >= WHOLE_ROSTER_FROM {
        conn.prepare_cached(&sql("1"))?.execute([])?;
        return Ok(());
    }
    let mut by_type = conn.prepare_cached(&sql("t.partner_type = ?1"))?;
    for kind in &reach.types {
        by_type.execute([kind])?;
    }
    let mut by_id = conn.prepare_cached(&sql("t.id = ?1"))?;
    for id in &reach.partners {
        by_id.execute([id])?;
    }
    Ok(())
}

/// One statement that works out the fit and gate of the partners `t` matching `condition`, each
/// by its type's programme: a criterion's weight and gate flag are the type's own where it has
/// them, else every type's. The rules are those of `plan::selection::fit` (weighted mean of the
/// weighted criteria scored, 1–5 mapped to 0–100; a failed gate is out; a score of the wrong kind
/// for the criterion is no assessment); tests/programmes.rs and tests/programmes_roster.rs hold
/// them to the same answers. The scores are read in partner order through their (partner,
/// criterion) index, so the sums stream without a sort; partners with no score at all come from
/// a second, index-only pass. Only rows whose figures change are written (each write moves two
/// index entries and, on a large roster, most of the cost).
fn fit_sql(condition: &str) -> String {
    format!(
        "WITH judged AS (SELECT s.partner_id AS id, s.score, s.passed, \
             coalesce(o.is_gate, c.is_gate) AS gate, coalesce(o.weight, c.weight) AS weight \
           FROM partners t JOIN criterion_scores s ON s.partner_id = t.id \
           JOIN selection_criteria c ON c.id = s.criterion_id \
           LEFT JOIN criterion_type_weights o \
             ON o.criterion_id = c.id AND o.partner_type = t.partner_type \
           WHERE {condition}), \
         fits AS (SELECT id, \
             sum(CASE WHEN NOT gate AND score BETWEEN 1 AND 5 THEN max(weight, 0) END) AS total, \
             sum(CASE WHEN NOT gate AND score BETWEEN 1 AND 5 \
                 THEN max(weight, 0) * (score - 1) * 25.0 END) AS points, \
             max(gate AND passed = 0) AS out \
           FROM judged GROUP BY id), \
         worked AS (SELECT id, CASE WHEN total > 0 THEN points / total ELSE -1 END AS fit, out \
             FROM fits \
           UNION ALL SELECT t.id, -1, 0 FROM partners t WHERE {condition} \
             AND NOT EXISTS (SELECT 1 FROM criterion_scores s WHERE s.partner_id = t.id)) \
         UPDATE partners SET fit_score = w.fit, gated_out = w.out \
         FROM worked w WHERE partners.id = w.id \
           AND (partners.fit_score IS NOT w.fit OR partners.gated_out IS NOT w.out)"
    )
}

/// One statement that works out the onboarding % of the partners `t` matching `condition`: a
/// checklist item counts for a type when it is limited to none or to that type; the rule is
/// `plan::onboarding::progress` (done over applicable, skipped items not applicable; items
/// without a status are pending). The statuses are read from their own table (most partners
/// have few or none), not item by item. Only rows whose % changes are written.
fn onboarding_sql(condition: &str) -> String {
    format!(
        "WITH kinds AS (SELECT DISTINCT t.partner_type FROM partners t WHERE {condition}), \
         items AS (SELECT k.partner_type, i.id AS item_id FROM kinds k, onboarding_items i \
           WHERE NOT EXISTS (SELECT 1 FROM onboarding_item_types x WHERE x.item_id = i.id) \
              OR EXISTS (SELECT 1 FROM onboarding_item_types x \
                         WHERE x.item_id = i.id AND x.partner_type = k.partner_type)), \
         counted AS (SELECT partner_type, count(*) AS n FROM items GROUP BY partner_type), \
         ticks AS (SELECT po.partner_id AS id, \
             sum(trim(po.status) = 'done') AS done, sum(trim(po.status) = 'skipped') AS skipped \
           FROM partners t JOIN partner_onboarding po ON po.partner_id = t.id \
           JOIN items ON items.partner_type = t.partner_type AND items.item_id = po.item_id \
           WHERE {condition} GROUP BY po.partner_id), \
         worked AS (SELECT t.id, \
             CASE WHEN coalesce(n.n, 0) - coalesce(k.skipped, 0) > 0 \
                 THEN coalesce(k.done, 0) * 100 / (n.n - coalesce(k.skipped, 0)) ELSE -1 END AS pct \
           FROM partners t LEFT JOIN counted n ON n.partner_type = t.partner_type \
           LEFT JOIN ticks k ON k.id = t.id WHERE {condition}) \
         UPDATE partners SET onboarding_pct = w.pct FROM worked w \
         WHERE partners.id = w.id AND partners.onboarding_pct IS NOT w.pct"
    )
}

/// One statement that works out the last and next check-in of the partners `t` matching
/// `condition` (the next one by the partner's cadence, else the workbook's); only rows whose
/// dates change are written.
fn checkin_sql(condition: &str) -> String {
    format!(
        "WITH last AS (SELECT t.id, t.checkin_cadence_days AS cadence, \
             (SELECT max(c.held_on) FROM checkins c WHERE c.partner_id = t.id) AS last \
           FROM partners t WHERE {condition}), \
         worked AS (SELECT id, last, coalesce(date(last, '+' || coalesce(cadence, \
             (SELECT checkin_cadence_days FROM workbook_meta)) || ' days'), '') AS next \
           FROM last) \
         UPDATE partners SET last_checkin = w.last, next_checkin = w.next FROM worked w \
         WHERE partners.id = w.id \
           AND (partners.last_checkin IS NOT w.last OR partners.next_checkin IS NOT w.next)"
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
