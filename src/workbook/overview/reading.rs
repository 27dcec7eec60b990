//! Everything the Overview tab reads in one go, so the reading can run on another thread.

use anyhow::Result;

use super::{Overview, OverviewQuery};
use crate::plan::concentration::{Concentration, Thresholds};
use crate::plan::money::Period;
use crate::workbook::{ForumRecord, Workbook};

/// The Overview's figures, concentrations (returns over all time) and governance forums.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewReading {
    pub overview: Overview,
    pub concentrations: Vec<Concentration>,
    pub forums: Vec<ForumRecord>,
}

impl Workbook {
    /// Reads what the Overview tab shows, but the method's readiness (the Guide's).
    pub fn overview_reading(
        &self,
        query: &OverviewQuery,
        thresholds: Thresholds,
    ) -> Result<OverviewReading> {
        Ok(OverviewReading {
            overview: self.overview(query)?,
            concentrations: self.concentrations(Period::default(), thresholds)?,
            forums: self.forums()?,
        })
    }
}
