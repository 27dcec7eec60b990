//! Where the user stands on the roster, for the navigation stack: the filter, the facets, the
//! selected partner and the view open over the list; and the breadcrumb words that name it.

use anyhow::Result;

use super::facets;
use super::views::PartnerView;
use super::{PartnersTab, Popup};
use crate::tui::action::Action;
use crate::tui::tabs::screen::Place;
use crate::workbook::{Facets, PartnerPageQuery, Workbook};

/// The roster as the user left it.
struct RosterPlace {
    query: PartnerPageQuery,
    selected: Option<i64>,
    /// The view open over the roster (the action that opens it), if one was.
    view: Option<Action>,
}

impl PartnersTab {
    pub(super) fn nav_here(&self) -> Place {
        Place::new(RosterPlace {
            query: self.query.clone(),
            selected: self.window.selected().map(|row| row.id),
            view: self.view.as_ref().map(PartnerView::opened_by),
        })
    }

    /// Back to `place`: what a jump opened is closed, the filter and facets are as they were, the
    /// same partner is selected (if it still exists) and the same view is open again.
    pub(super) fn nav_restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<RosterPlace>() else {
            return Ok(());
        };
        self.popup = Popup::None;
        self.filter.stop();
        self.pending_filter = None;
        self.view = None;
        self.query = place.query;
        self.reload(wb)?;
        if let Some(id) = place.selected
            && let Some(key) = wb.partner_row_key(id, &self.query)?
        {
            self.window
                .focus(key, &mut super::fetcher(wb, &self.query))?;
        }
        self.load_detail(wb)?;
        if let Some(action) = place.view {
            self.show_view(action, wb)?;
        }
        Ok(())
    }

    /// The view open ("Scores: Acme") or what narrows the roster ("prospect", "“north”").
    pub(super) fn nav_crumb(&self) -> Option<String> {
        if let Some(view) = &self.view {
            return Some(view.crumb());
        }
        let words = narrowed_by(&self.query);
        (!words.is_empty()).then(|| words.join(", "))
    }
}

/// The facets' values and the typed filter, in the words the roster's header uses.
fn narrowed_by(query: &PartnerPageQuery) -> Vec<String> {
    let f = &query.facets;
    let mut words: Vec<String> = [&f.stage, &f.partner_type, &f.tier]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let rest = facets::describe(&Facets {
        stage: None,
        partner_type: None,
        tier: None,
        ..f.clone()
    });
    if !rest.is_empty() {
        words.push(rest);
    }
    if !query.filter.trim().is_empty() {
        words.push(format!("“{}”", query.filter.trim()));
    }
    words
}
