//! The seven tabs of DESIGN §3: their order and titles, the trait every screen answers through,
//! and the list views each remembers between sessions.

pub mod guide;
pub mod metrics;
pub mod overview;
pub mod partners;
pub mod risks;
pub mod roles;
pub mod screen;
pub mod strategy;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::workbook::Workbook;

/// A list's filter, sort (by its label) and facets, as remembered in the workbook between
/// sessions. Written at quit, not per keystroke: each write costs an fsync.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct SavedView<F> {
    pub filter: String,
    pub sort: String,
    pub descending: bool,
    pub facets: F,
}

impl<F: DeserializeOwned + Default> SavedView<F> {
    /// The view stored under `key`; the defaults when there is none or it no longer reads.
    pub fn load(wb: &Workbook, key: &str) -> SavedView<F> {
        wb.view_state(key)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }
}

impl<F: Serialize> SavedView<F> {
    pub fn store(&self, wb: &Workbook, key: &str) {
        if let Ok(json) = serde_json::to_string(self) {
            let _ = wb.set_view_state(key, &json);
        }
    }
}

/// A tab, in the order of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TabId {
    Guide,
    Strategy,
    Partners,
    Roles,
    Risks,
    Metrics,
    Overview,
}

impl TabId {
    pub const ALL: [TabId; 7] = [
        TabId::Guide,
        TabId::Strategy,
        TabId::Partners,
        TabId::Roles,
        TabId::Risks,
        TabId::Metrics,
        TabId::Overview,
    ];

    pub fn title(self) -> &'static str {
        match self {
            TabId::Guide => "Guide",
            TabId::Strategy => "Strategy",
            TabId::Partners => "Partners",
            TabId::Roles => "Roles",
            TabId::Risks => "Risks",
            TabId::Metrics => "Metrics",
            TabId::Overview => "Overview",
        }
    }

    /// 1-based, as on the keys `1`–`7`.
    pub fn number(self) -> u8 {
        TabId::ALL
            .iter()
            .position(|t| *t == self)
            .map_or(1, |i| i as u8 + 1)
    }

    pub fn from_number(number: u8) -> TabId {
        TabId::ALL[usize::from(number.clamp(1, 7) - 1)]
    }

    pub fn next(self) -> TabId {
        TabId::from_number(self.number() % 7 + 1)
    }

    pub fn previous(self) -> TabId {
        TabId::from_number((self.number() + 5) % 7 + 1)
    }

    pub fn from_title(title: &str) -> Option<TabId> {
        TabId::ALL.iter().copied().find(|t| t.title() == title)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_cycle_both_ways() {
        assert_eq!(TabId::Overview.next(), TabId::Guide);
        assert_eq!(TabId::Guide.previous(), TabId::Overview);
        assert_eq!(TabId::Partners.next().previous(), TabId::Partners);
        assert_eq!(TabId::from_number(3), TabId::Partners);
    }
}
