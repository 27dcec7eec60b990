//! The roster's filter as typed: applied on the key when its result is known; on a large roster
//! the list shown stays (marked "filtering…") while a thread searches, and the idle pass puts
//! the result in its place.

use anyhow::Result;

use super::{PartnersTab, fetcher};
use crate::workbook::Workbook;

impl PartnersTab {
    /// The filter as typed: the one waiting for its result, else the one shown.
    pub(super) fn typed_filter(&self) -> &str {
        self.pending_filter.as_deref().unwrap_or(&self.query.filter)
    }

    /// The filter is now `filter`: the roster shows its matches from the first row, at once when
    /// they are known, else once found (`filter_idle`). Keys act on the list shown meanwhile.
    pub(super) fn set_filter(&mut self, filter: String, wb: &Workbook) -> Result<()> {
        if !wb.partner_filter_ready(&filter)? {
            self.pending_filter = Some(filter);
            return Ok(());
        }
        self.pending_filter = None;
        self.show_filtered(filter, wb)
    }

    fn show_filtered(&mut self, filter: String, wb: &Workbook) -> Result<()> {
        self.query.filter = filter;
        self.matching = self.count_matching(wb)?;
        self.window.top(&mut fetcher(wb, &self.query))?;
        self.load_detail(wb)
    }

    /// The idle pass's part: a typed filter whose matches are now known replaces the list shown.
    /// Whether the screen is to be drawn again.
    pub fn filter_idle(&mut self, wb: &Workbook) -> Result<bool> {
        let Some(filter) = &self.pending_filter else {
            return Ok(false);
        };
        if !wb.partner_filter_ready(filter)? {
            return Ok(false);
        }
        let filter = std::mem::take(&mut self.pending_filter).unwrap_or_default();
        self.show_filtered(filter, wb)?;
        Ok(true)
    }

    /// Whether a typed filter waits for its matches.
    pub fn filter_pending(&self) -> bool {
        self.pending_filter.is_some()
    }
}
