//! The links between partners as `check` reads them, for the findings of
//! `plan::link_findings` (every link with its partners' names, and the plan's list of kinds),
//! and offerings that still name a goal or KPI in the columns schema step 9 retired.

use rusqlite::Connection;

use crate::plan::link_findings::{LinkFacts, link_findings};
use crate::plan::vocabulary::VocabularyKind;

/// The findings on the file's links; none in a file from before links existed.
pub(super) fn link_notes(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    if !has_table(conn, "partner_links")? {
        return Ok(Vec::new());
    }
    let mut notes = retired_offering_links(conn)?;
    let mut kinds = VocabularyKind::LinkKind.defaults().to_vec();
    let mut stmt = conn.prepare("SELECT term FROM vocabulary_terms WHERE kind = ?1")?;
    for term in stmt.query_map([VocabularyKind::LinkKind.word()], |r| r.get(0))? {
        kinds.push(term?);
    }
    let mut stmt = conn.prepare(
        "SELECT l.from_partner_id, l.to_partner_id, f.name, t.name, l.kind, l.direction \
         FROM partner_links l JOIN partners f ON f.id = l.from_partner_id \
         JOIN partners t ON t.id = l.to_partner_id ORDER BY l.id",
    )?;
    let links: Vec<LinkFacts> = stmt
        .query_map([], |r| {
            Ok(LinkFacts {
                from: r.get(0)?,
                to: r.get(1)?,
                from_name: r.get(2)?,
                to_name: r.get(3)?,
                kind: r.get(4)?,
                direction: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    notes.extend(link_findings(&links, &kinds));
    Ok(notes)
}

/// Offerings whose retired `goal_id` / `kpi_id` is set though the file is at step 9 or later:
/// another tool wrote it, and partnerplan reads only the link tables, so say so.
fn retired_offering_links(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    if !has_table(conn, "offering_goals")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT name FROM offerings WHERE goal_id IS NOT NULL OR kpi_id IS NOT NULL \
         ORDER BY name, id",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("\"{n}\"")).collect();
    let more = names.len().saturating_sub(3);
    let list = if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    };
    Ok(vec![format!(
        "{} offering(s) ({list}) name a goal or KPI in the offerings table's old goal_id / \
         kpi_id columns, which partnerplan no longer reads (an offering's goals and KPIs are in \
         offering_goals and offering_kpis); another tool wrote them. Link those goals and KPIs \
         in the offering's form, or they stay unused.",
        names.len()
    )])
}

/// Whether the file has table `name` (an older schema may not).
fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [name],
        |row| row.get(0),
    )
}
