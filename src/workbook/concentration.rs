//! The sums behind the concentration figures, read in SQL a group at a time; the plan's rule
//! (`plan::concentration`) turns them into shares, indexes and readings.

use anyhow::Result;
use rusqlite::types::Value;

use super::Workbook;
use super::money::{MONEY_KINDS, period_clause};
use crate::plan::concentration::{Concentration, Dimension, Measure, Thresholds, concentration};
use crate::plan::money::Period;

/// The partners' column for each dimension.
fn column(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Partner => "p.name",
        Dimension::Region => "p.region",
        Dimension::Sector => "p.sector",
        Dimension::PartnerType => "p.partner_type",
    }
}

impl Workbook {
    /// Every concentration figure the plan holds data for, in a fixed order: returns over
    /// `period` by partner, region, sector and type; active partners by region, sector and type;
    /// critical (high) roles by the partner that leads them. Figures with nothing to share out
    /// are left out.
    pub fn concentrations(
        &self,
        period: Period,
        thresholds: Thresholds,
    ) -> Result<Vec<Concentration>> {
        let mut out = Vec::new();
        let mut params = Vec::new();
        let logged = period_clause("v.logged_on", &period, &mut params);
        for dimension in [
            Dimension::Partner,
            Dimension::Region,
            Dimension::Sector,
            Dimension::PartnerType,
        ] {
            // Returns tied to no partner are a group of their own ("no partner named").
            let sql = format!(
                "SELECT coalesce({}, ''), sum(v.amount_minor) FROM value_log v \
                 LEFT JOIN partners p ON p.id = v.partner_id \
                 WHERE v.kind IN {MONEY_KINDS} AND v.amount_minor IS NOT NULL AND {logged} \
                 GROUP BY 1",
                column(dimension)
            );
            let sums = self.group_sums(&sql, &params)?;
            out.extend(concentration(Measure::Returns, dimension, sums, thresholds));
        }
        // One pass over the active partners for the three dimensions (three passes took most
        // of the Overview's reading at a million partners): counts by (region, sector, type),
        // summed per dimension as they stream in.
        let mut stmt = self.conn.prepare_cached(
            "SELECT region, sector, partner_type, count(*) FROM partners \
             WHERE stage = 'active' GROUP BY 1, 2, 3",
        )?;
        let mut rows = stmt.query([])?;
        let mut sums: [std::collections::HashMap<String, i64>; 3] = Default::default();
        while let Some(row) = rows.next()? {
            let count: i64 = row.get(3)?;
            for (at, sum) in sums.iter_mut().enumerate() {
                *sum.entry(super::text(row.get(at)?)).or_default() += count;
            }
        }
        for (dimension, sum) in [Dimension::Region, Dimension::Sector, Dimension::PartnerType]
            .into_iter()
            .zip(sums)
        {
            // In the order SQL gave them before (by the bytes of the name), every time.
            let mut counts: Vec<(String, i64)> = sum.into_iter().collect();
            counts.sort_unstable();
            out.extend(concentration(
                Measure::ActivePartners,
                dimension,
                counts,
                thresholds,
            ));
        }
        let leads = self.group_sums(
            "SELECT p.name, count(*) FROM role_assignments a \
             JOIN roles r ON r.id = a.role_id JOIN partners p ON p.id = a.partner_id \
             WHERE a.kind = 'lead' AND r.criticality = 'high' AND r.is_hub = 0 GROUP BY a.partner_id",
            &[],
        )?;
        out.extend(concentration(
            Measure::CriticalRoleLeads,
            Dimension::Partner,
            leads,
            thresholds,
        ));
        Ok(out)
    }

    fn group_sums(&self, sql: &str, params: &[Value]) -> Result<Vec<(String, i64)>> {
        let rows = self
            .conn
            .prepare_cached(sql)?
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((
                    super::text(r.get(0)?),
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
