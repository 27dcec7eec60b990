//! The partners a network export draws: every current partner, and former ones still named by
//! a link, with the fields a map colours and filters by.

use anyhow::Result;

use crate::workbook::Workbook;

/// A partner as a network export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkElement {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub partner_type: String,
    pub stage: String,
    pub sector: String,
    pub tier: String,
    pub region: String,
}

impl Workbook {
    /// The partners a network export draws, by name: one query.
    pub fn network_elements(&self) -> Result<Vec<NetworkElement>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, uuid, name, partner_type, stage, sector, tier, region FROM partners p
             WHERE stage NOT IN ('exited', 'declined')
                OR EXISTS (SELECT 1 FROM partner_links WHERE from_partner_id = p.id)
                OR EXISTS (SELECT 1 FROM partner_links WHERE to_partner_id = p.id)
             ORDER BY name, id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(NetworkElement {
                id: row.get(0)?,
                uuid: row.get(1)?,
                name: row.get(2)?,
                partner_type: row.get(3)?,
                stage: row.get(4)?,
                sector: row.get(5)?,
                tier: row.get(6)?,
                region: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
