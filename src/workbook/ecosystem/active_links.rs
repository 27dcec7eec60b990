//! The active links as the report's map draws them: the two partners' ids and the kind, among
//! the partners the map shows only, read straight from the table (no names).

use std::rc::Rc;

use anyhow::Result;
use rusqlite::types::Value;

use crate::workbook::Workbook;

/// In the covering index's order (status, from, to, then the link's id), as the map lists them.
/// Each partner's links are sought by its id: at three million links, reading every active
/// link's kind to keep those among a hundred partners held 167 MB.
const AMONG: &str = "SELECT from_partner_id, to_partner_id, kind FROM partner_links
    WHERE status = 'active' AND from_partner_id IN rarray(?1) AND to_partner_id IN rarray(?1)
    ORDER BY from_partner_id, to_partner_id, id";

impl Workbook {
    /// The active links between two of the partners `ids`, as (from id, to id, kind), by their
    /// ends' ids.
    pub fn active_link_kinds_among(&self, ids: &[i64]) -> Result<Vec<(i64, i64, String)>> {
        let ids: Rc<Vec<Value>> = Rc::new(ids.iter().map(|&id| Value::from(id)).collect());
        let mut stmt = self.conn.prepare(AMONG)?;
        let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_links_among_a_few_partners_are_sought_by_their_ids() {
        let ids: Rc<Vec<Value>> = Rc::new(vec![Value::from(1), Value::from(2)]);
        let plan = super::super::query_plan(AMONG, [ids]);
        assert!(
            plan.iter()
                .any(|p| p.starts_with("SEARCH partner_links") && p.contains("from_partner_id=?")),
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|p| p.contains("SCAN partner_links")),
            "{plan:?}"
        );
    }
}
