//! The facts the Guide's checks read, gathered with one set-based query each.
//!
//! Lists of records that lack something are read whole: the Guide's sentence counts them ("3 active
//! partners have no benefit line") from the list's length, and an exact count has to visit every
//! candidate row anyway, so capping the names would save little. The partners' lists share one
//! walk of the active partners and the risks' lists one walk of the high-risk index range: a
//! generated workbook of 100,000 partners and 100,000 risks (14,000 active partners and 16,000
//! high risks at fault) gathers in about 0.1 s in a release build (`cargo bench --bench risks`).

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Params};

use crate::plan::decision_aid::read_answers;
use crate::plan::guide::{CoreElement, GuideFacts, Horizon, KpiFacts, Named, Sample};
use crate::plan::risk::Bands;

use super::super::risks::CURRENT_SCORE;

/// "Written": not blank once spaces, tabs and line breaks are set aside.
macro_rules! written {
    ($column:literal) => {
        concat!("(trim(", $column, ", char(32, 9, 10, 13)) != '')")
    };
}

/// A topic word as compared: lower case, with '_' and '-' read as spaces.
const TOPIC: &str = "replace(replace(lower(trim(topic)), '_', ' '), '-', ' ')";

/// A score row that holds an assessment: a criterion scored or a gate decided.
const SCORED: &str = "(s.score IS NOT NULL OR s.passed IS NOT NULL)";

pub(super) fn gather(conn: &Connection, bands: &Bands) -> Result<GuideFacts> {
    let mut facts = GuideFacts::default();
    strategy(conn, &mut facts)?;
    facts.goals = count(conn, "SELECT count(*) FROM goals", [])?;
    partners(conn, &mut facts)?;
    roles(conn, &mut facts)?;
    resources_and_governance(conn, &mut facts)?;
    facts.onboarding_items = count(conn, "SELECT count(*) FROM onboarding_items", [])?;
    facts.kpis = kpis(conn)?;
    risks(conn, bands, &mut facts)?;
    facts.ecosystem = super::ecosystem::gather(conn)?;
    facts.trends = crate::workbook::trends::facts(conn)?;
    Ok(facts)
}

fn count(conn: &Connection, sql: &str, params: impl Params) -> Result<usize> {
    let n: i64 = conn.prepare_cached(sql)?.query_row(params, |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The records `sql` lists (id, name): how many, and the first few by name.
pub(super) fn named(conn: &Connection, sql: &str, params: impl Params) -> Result<Sample> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok(Named {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })?;
    let mut sample = Sample::default();
    for row in rows {
        sample.push(row?);
    }
    Ok(sample)
}

/// The one strategy row; a workbook without it (hand-edited) has written nothing.
fn strategy(conn: &Connection, f: &mut GuideFacts) -> Result<()> {
    let sql = concat!(
        "SELECT ",
        written!("mission_problem"),
        ", ",
        written!("mission_value"),
        ", ",
        written!("vision"),
        ", ",
        written!("value_what"),
        ", ",
        written!("value_why"),
        ", alignment_rating IS NOT NULL, ",
        written!("alignment_note"),
        ", adaptability_rating IS NOT NULL, ",
        written!("adaptability_note"),
        ", shared_value_rating IS NOT NULL, ",
        written!("shared_value_note"),
        ", ",
        written!("model"),
        ", ",
        written!("model_rationale"),
        ", decision_answers FROM strategy WHERE id = 1"
    );
    let row = conn
        .prepare_cached(sql)?
        .query_row([], |r| {
            let element = |rated: usize, noted: usize| -> rusqlite::Result<CoreElement> {
                Ok(CoreElement {
                    rated: r.get(rated)?,
                    noted: r.get(noted)?,
                })
            };
            let answers: String = r.get(13)?;
            Ok(GuideFacts {
                mission_problem_written: r.get(0)?,
                mission_value_written: r.get(1)?,
                vision_written: r.get(2)?,
                value_what_written: r.get(3)?,
                value_why_written: r.get(4)?,
                alignment: element(5, 6)?,
                adaptability: element(7, 8)?,
                shared_value: element(9, 10)?,
                model_chosen: r.get(11)?,
                model_rationale_written: r.get(12)?,
                decision_answers: read_answers(&answers).len(),
                ..GuideFacts::default()
            })
        })
        .optional()?;
    if let Some(row) = row {
        *f = row;
    }
    Ok(())
}

/// Active partners, and those of them without a benefit line, with an unfinished checklist (the
/// cached progress, which is -1 with nothing applicable and 100 only when all is done), or with no
/// check-in logged: every partner has a cadence (its own, else the configured default), but it
/// runs from the last check-in, so without one no check-in is ever due.
///
/// One walk of `partners_by_stage` (so in name order) reads only the active partners at fault;
/// the `+` keeps SQLite off `partners_by_next_checkin`, which would visit every partner.
fn partners(conn: &Connection, f: &mut GuideFacts) -> Result<()> {
    f.active_partners = count(
        conn,
        "SELECT count(*) FROM partners WHERE stage = 'active'",
        [],
    )?;
    let sql = concat!(
        "SELECT id, name, no_benefit, unfinished, no_checkin FROM (SELECT id, name, NOT ",
        written!("gains"),
        " AS no_benefit, onboarding_pct BETWEEN 0 AND 99 AS unfinished, \
         +next_checkin = '' AS no_checkin \
         FROM partners WHERE stage = 'active' ORDER BY name, id) \
         WHERE no_benefit OR unfinished OR no_checkin"
    );
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let partner = Named {
            id: row.get(0)?,
            name: row.get(1)?,
        };
        let lists = [
            &mut f.active_without_benefit,
            &mut f.active_checklist_unfinished,
            &mut f.active_without_checkin,
        ];
        for (column, list) in (2..).zip(lists) {
            if row.get(column)? {
                list.push(partner.clone());
            }
        }
    }
    f.scored_partners = count(
        conn,
        &format!(
            "SELECT count(*) FROM (SELECT DISTINCT s.partner_id FROM criterion_scores s \
             WHERE {SCORED})"
        ),
        [],
    )?;
    Ok(())
}

/// The hub, the other roles, and the critical ones (high criticality; the hub is ours, so never
/// counted) none of whose lead, backup or candidate partners is scored.
fn roles(conn: &Connection, f: &mut GuideFacts) -> Result<()> {
    f.hub_exists = count(
        conn,
        "SELECT EXISTS (SELECT 1 FROM roles WHERE is_hub = 1)",
        [],
    )? > 0;
    f.specialised_roles = count(conn, "SELECT count(*) FROM roles WHERE is_hub = 0", [])?;
    const CRITICAL: &str = "r.is_hub = 0 AND lower(trim(r.criticality)) = 'high'";
    f.critical_roles = count(
        conn,
        &format!("SELECT count(*) FROM roles r WHERE {CRITICAL}"),
        [],
    )?;
    f.critical_without_scored_candidate = named(
        conn,
        &format!(
            "SELECT r.id, r.name FROM roles r WHERE {CRITICAL} AND NOT EXISTS ( \
               SELECT 1 FROM role_assignments a WHERE a.role_id = r.id \
               AND lower(trim(a.kind)) IN ('lead', 'backup', 'candidate') \
               AND EXISTS (SELECT 1 FROM criterion_scores s \
                           WHERE s.partner_id = a.partner_id AND {SCORED})) \
             ORDER BY r.id"
        ),
        [],
    )?;
    Ok(())
}

/// Resources by kind ("technology"; "organisation" or "budget") and governance rules by topic;
/// a rule whose topic is none of the four counts as other.
fn resources_and_governance(conn: &Connection, f: &mut GuideFacts) -> Result<()> {
    let (tech, org): (Option<i64>, Option<i64>) = conn
        .prepare_cached(
            "SELECT sum(k IN ('technology', 'technological', 'tech')), \
                    sum(k IN ('organisation', 'organisational', 'organization', \
                              'organizational', 'budget')) \
             FROM (SELECT lower(trim(kind)) AS k FROM resources)",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let to_count = |n: Option<i64>| usize::try_from(n.unwrap_or(0)).unwrap_or(0);
    f.technological_resources = to_count(tech);
    f.organisational_resources = to_count(org);

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TOPIC} AS t, count(*) FROM governance_rules GROUP BY t"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (topic, n): (String, i64) = (row.get(0)?, row.get(1)?);
        let n = usize::try_from(n).unwrap_or(0);
        let slot = match topic.as_str() {
            "decision" => &mut f.governance.decision,
            "conflict resolution" => &mut f.governance.conflict_resolution,
            "performance review" => &mut f.governance.performance_review,
            "meeting cadence" => &mut f.governance.meeting_cadence,
            _ => &mut f.governance.other,
        };
        *slot += n;
    }
    f.review_cadence_set = count(
        conn,
        &format!(
            concat!(
                "SELECT EXISTS (SELECT 1 FROM governance_rules WHERE {TOPIC} \
                 IN ('performance review', 'meeting cadence') AND ",
                written!("cadence"),
                ")"
            ),
            TOPIC = TOPIC
        ),
        [],
    )? > 0;
    f.protocols = count(conn, "SELECT count(*) FROM data_protocols", [])?;
    Ok(())
}

/// Every KPI of a known horizon ("short…" or "long…"), in the order they were added.
fn kpis(conn: &Connection) -> Result<Vec<KpiFacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, lower(trim(horizon)), target IS NOT NULL FROM kpis ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let (id, horizon, has_target): (i64, String, bool) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let horizon = if horizon.starts_with("short") {
            Some(Horizon::Short)
        } else if horizon.starts_with("long") {
            Some(Horizon::Long)
        } else {
            None
        };
        Ok(horizon.map(|horizon| KpiFacts {
            id,
            horizon,
            has_target,
        }))
    })?;
    let mut kpis = Vec::new();
    for kpi in rows {
        kpis.extend(kpi?);
    }
    Ok(kpis)
}

/// High risks (current score — residual when rated, else inherent — at or above the high band)
/// that still need treating: closed ones do not; an accepted one needs an owner but, having been
/// accepted as it is, no mitigation. Worst first; one walk of the `risks_by_current` range.
fn risks(conn: &Connection, bands: &Bands, f: &mut GuideFacts) -> Result<()> {
    f.risks = count(conn, "SELECT count(*) FROM risks", [])?;
    let sql = format!(
        concat!(
            "SELECT id, label, no_owner, no_mitigation FROM (SELECT id, number, \
             code || ' ' || title AS label, {score} AS score, NOT ",
            written!("owner"),
            " AS no_owner, status != 'accepted' AND NOT EXISTS \
             (SELECT 1 FROM risk_mitigations m WHERE m.risk_id = risks.id) AS no_mitigation \
             FROM risks WHERE {score} >= ?1 AND status != 'closed') \
             WHERE no_owner OR no_mitigation ORDER BY score DESC, number"
        ),
        score = CURRENT_SCORE
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([bands.high])?;
    while let Some(row) = rows.next()? {
        let risk = Named {
            id: row.get(0)?,
            name: row.get(1)?,
        };
        if row.get(2)? {
            f.high_risks_without_owner.push(risk.clone());
        }
        if row.get(3)? {
            f.high_risks_without_mitigation.push(risk);
        }
    }
    Ok(())
}
