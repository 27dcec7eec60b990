//! The facts of the structural risk suggestions: joint offerings with their seats, rivals linked
//! by `competes with`, and the network's brokers.

use std::collections::HashMap;

use anyhow::Result;

use crate::plan::risk_suggestions::{
    BROKERS_SUGGESTED, BrokerFacts, COMPETES_WITH, MemberFacts, OfferingFacts, PartnerFacts,
    Rivals, brokers_of,
};
use crate::workbook::{Workbook, text};

/// What the structural rules look at.
pub(super) struct StructureFacts {
    pub offerings: Vec<OfferingFacts>,
    pub brokers: Vec<BrokerFacts>,
    pub rivals: Vec<Rivals>,
}

impl Workbook {
    pub(super) fn structure_facts(&self) -> Result<StructureFacts> {
        let mut offerings: Vec<OfferingFacts> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name, o.status, p.id, p.name, p.stage, p.gated_out, \
                    m.contribution, m.contribution_kind, m.critical \
             FROM offerings o JOIN offering_members m ON m.offering_id = o.id \
             LEFT JOIN partners p ON p.id = m.partner_id \
             WHERE lower(trim(o.status)) != 'retired' ORDER BY o.name, o.id, m.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let partner = match r.get::<_, Option<i64>>(3)? {
                Some(partner_id) => Some(PartnerFacts {
                    id: partner_id,
                    name: text(r.get(4)?),
                    stage: text(r.get(5)?),
                    gated_out: r.get::<_, Option<bool>>(6)?.unwrap_or(false),
                    checkins_overdue: false,
                }),
                None => None,
            };
            let member = MemberFacts {
                partner,
                contribution: text(r.get(7)?),
                kind: text(r.get(8)?),
                critical: r.get(9)?,
            };
            let index = *at.entry(id).or_insert_with(|| offerings.len());
            if index == offerings.len() {
                offerings.push(OfferingFacts {
                    id,
                    name: text(r.get(1)?),
                    status: text(r.get(2)?),
                    members: Vec::new(),
                });
            }
            offerings[index].members.push(member);
        }
        let rivals = self
            .conn
            .prepare_cached(
                "SELECT from_partner_id, to_partner_id FROM partner_links \
                 WHERE lower(trim(kind)) = ?1 AND lower(trim(status)) != 'ended'",
            )?
            .query_map([COMPETES_WITH], |r| {
                Ok(Rivals {
                    from: r.get(0)?,
                    to: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let network = self.network()?;
        let brokers = brokers_of(
            &network.network,
            &network.ids,
            &network.names,
            BROKERS_SUGGESTED,
        );
        Ok(StructureFacts {
            offerings,
            brokers,
            rivals,
        })
    }
}
