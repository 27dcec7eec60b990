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
        for dimension in [Dimension::Region, Dimension::Sector, Dimension::PartnerType] {
            let sql = format!(
                "SELECT {}, count(*) FROM partners p WHERE p.stage = 'active' GROUP BY 1",
                column(dimension)
            );
            let counts = self.group_sums(&sql, &[])?;
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
