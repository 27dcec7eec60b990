//! The facts of the Guide's model-dependent checks: the chosen model, links between partners,
//! joint offerings, goals they serve, alliances and joint ventures left idle, and the channel
//! partners a channel sells through.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

use crate::plan::decision_aid::Model;
use crate::plan::guide::{CHANNEL_TYPES, EcosystemFacts};

/// A partner neither exited nor declined (`stage` compares without case).
const CURRENT: &str = "stage NOT IN ('exited', 'declined')";

fn count(conn: &Connection, sql: &str) -> Result<usize> {
    let n: i64 = conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

pub(super) fn gather(conn: &Connection) -> Result<EcosystemFacts> {
    let model: Option<String> = conn
        .prepare_cached("SELECT model FROM strategy WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let active_partner_links = count(
        conn,
        &format!(
            "SELECT count(*) FROM partner_links l \
             JOIN partners a ON a.id = l.from_partner_id AND a.{CURRENT} \
             JOIN partners b ON b.id = l.to_partner_id AND b.{CURRENT} \
             WHERE l.status = 'active'"
        ),
    )?;
    let offerings = count(
        conn,
        "SELECT count(*) FROM offerings WHERE lower(trim(status)) != 'retired'",
    )?;
    let joint_offerings = count(
        conn,
        "SELECT count(*) FROM offerings o WHERE lower(trim(o.status)) != 'retired' AND \
         (SELECT count(DISTINCT m.partner_id) FROM offering_members m \
          WHERE m.offering_id = o.id AND m.partner_id IS NOT NULL) >= 2",
    )?;
    let goals_with_offering = count(
        conn,
        "SELECT count(DISTINCT l.goal_id) FROM offering_goals l \
         JOIN offerings o ON o.id = l.offering_id WHERE lower(trim(o.status)) != 'retired'",
    )?;
    let idle_alliances = super::facts::named(
        conn,
        "SELECT p.id, p.name FROM partners p WHERE p.stage = 'active' \
         AND lower(trim(p.partner_type)) IN ('strategic alliance', 'joint venture') \
         AND NOT EXISTS (SELECT 1 FROM role_assignments a WHERE a.partner_id = p.id \
                         AND lower(trim(a.kind)) IN ('lead', 'backup')) \
         AND NOT EXISTS (SELECT 1 FROM offering_members m WHERE m.partner_id = p.id) \
         ORDER BY p.name, p.id",
        [],
    )?;
    let channel_partners: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM partners WHERE {CURRENT} \
             AND lower(trim(partner_type)) IN (SELECT value FROM json_each(?1))"
        ))?
        .query_row([serde_json::to_string(&CHANNEL_TYPES)?], |r| r.get(0))?;
    Ok(EcosystemFacts {
        model: model.as_deref().and_then(Model::from_word),
        active_partner_links,
        joint_offerings,
        offerings,
        goals_with_offering,
        idle_alliances,
        channel_partners: usize::try_from(channel_partners).unwrap_or(0),
    })
}
