//! The links between partners as `check` reads them, for the findings of
//! `plan::link_findings`: every link with its partners' names, and the plan's list of kinds.

use rusqlite::Connection;

use crate::plan::link_findings::{LinkFacts, link_findings};
use crate::plan::vocabulary::VocabularyKind;

/// The findings on the file's links; none in a file from before links existed.
pub(super) fn link_notes(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let present: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'partner_links'",
        [],
        |row| row.get(0),
    )?;
    if !present {
        return Ok(Vec::new());
    }
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
    Ok(link_findings(&links, &kinds))
}
