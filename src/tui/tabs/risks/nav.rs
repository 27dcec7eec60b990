//! Where the user stands on the Risks tab, for the navigation stack: the register's filter and
//! facets, the selected risk, and the heat map or suggestions open over it.

use anyhow::Result;

use super::map::{MapSpot, MapView};
use super::suggested::SuggestedView;
use super::{Popup, RisksTab, Shown, fetcher};
use crate::tui::action::Action;
use crate::tui::tabs::screen::Place;
use crate::workbook::{RiskPageQuery, Workbook};

struct RiskPlace {
    query: RiskPageQuery,
    selected: Option<i64>,
    map: Option<MapSpot>,
    suggested: bool,
}

impl RisksTab {
    pub(super) fn nav_here(&self) -> Place {
        Place::new(RiskPlace {
            query: self.query.clone(),
            selected: self.window.selected().map(|row| row.id),
            map: match &self.shown {
                Shown::Map(map) => Some(map.spot()),
                _ => None,
            },
            suggested: matches!(self.shown, Shown::Suggested(_)),
        })
    }

    pub(super) fn nav_restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<RiskPlace>() else {
            return Ok(());
        };
        self.discard_views();
        self.query = place.query;
        self.reload(wb)?;
        if let Some(id) = place.selected
            && let Some(key) = wb.risk_row_key(id, self.query.sort)?
        {
            let query = self.query.clone();
            self.window.focus(key, &mut fetcher(wb, &query))?;
        }
        if let Some(spot) = place.map {
            self.shown = Shown::Map(Box::new(MapView::reopen(wb, self.settings.bands, spot)?));
        }
        if place.suggested {
            self.shown =
                Shown::Suggested(SuggestedView::load(wb, &self.settings, self.large_plan)?);
        }
        Ok(())
    }

    /// The heat map's Enter leaves it for the register filtered to its cell.
    pub(super) fn nav_drills(&self, action: Action) -> bool {
        matches!((&self.shown, &self.popup), (Shown::Map(_), Popup::None)) && action == Action::Open
    }

    /// What narrows the register, in the breadcrumb: a heat-map cell ("residual 3×4"), the
    /// typed filter ("“supplier”").
    pub(super) fn nav_crumb(&self) -> Option<String> {
        if !matches!(self.shown, Shown::Register) {
            return None;
        }
        let mut words = Vec::new();
        if let Some((residual, likelihood, impact)) = self.query.facets.cell {
            let map = if residual { "residual" } else { "inherent" };
            words.push(format!("{map} {likelihood}×{impact}"));
        }
        let filter = self.query.filter.trim();
        if !filter.is_empty() {
            words.push(format!("“{filter}”"));
        }
        (!words.is_empty()).then(|| words.join(", "))
    }
}
