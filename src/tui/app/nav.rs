//! The navigation stack: a drill-down, a jump or a palette command that leaves a view keeps where
//! the user stood; `Esc` comes back to it exactly; the breadcrumb says where the user is.

use anyhow::Result;

use super::App;
use crate::tui::keymap::Context;
use crate::tui::tabs::TabId;
use crate::tui::tabs::screen::Place;

/// More levels than anyone walks back through; the oldest are forgotten first.
const DEPTH: usize = 32;

/// A view left for another.
pub(super) struct NavEntry {
    /// The tab to come back to.
    tab: TabId,
    /// What the breadcrumb called the view left.
    crumb: String,
    /// The places of the tabs the drill-down changes: the one left and the one arrived on.
    places: Vec<(TabId, Place)>,
    /// Where the drill-down arrived (tab and context): closing that view comes straight back.
    arrival: Option<(TabId, Context)>,
}

impl App {
    /// Puts back the places `go_back` left for later: every one (`None`), or `tab`'s only.
    /// Whether one was put back.
    pub(super) fn restore_deferred(&mut self, tab: Option<TabId>) -> Result<bool> {
        let (now, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.deferred)
            .into_iter()
            .partition(|(t, _)| tab.is_none_or(|wanted| wanted == *t));
        self.deferred = later;
        let restored = !now.is_empty();
        for (tab, place) in now {
            self.restore_place(tab, place)?;
        }
        Ok(restored)
    }

    /// Keeps the view on screen (and `to`'s, which the drill-down is about to change) so that
    /// `Esc` comes back to both as they are now.
    pub(super) fn push_view(&mut self, to: TabId) {
        // A place still to be put back would be kept as it is now, half-way.
        if let Err(err) = self.restore_deferred(None) {
            self.set_status(format!("{err:#}"), true);
        }
        let mut places = vec![(self.tab, self.place_of(self.tab))];
        if to != self.tab {
            places.push((to, self.place_of(to)));
        }
        let entry = NavEntry {
            tab: self.tab,
            crumb: self.crumb_here(),
            places,
            arrival: None,
        };
        if self.nav.len() == DEPTH {
            self.nav.remove(0);
        }
        self.nav.push(entry);
    }

    /// After a key that pushed: where it arrived.
    pub(super) fn arrived(&mut self) {
        let here = (self.tab, self.screen_context());
        if let Some(entry) = self.nav.last_mut() {
            entry.arrival = Some(here);
        }
    }

    /// Whether the view on screen is the one the last drill-down arrived in.
    pub(super) fn at_arrival(&self) -> bool {
        self.nav.last().and_then(|entry| entry.arrival) == Some((self.tab, self.screen_context()))
    }

    /// Whether `Esc` left a tab not on screen to be put back on the next idle pass (or when
    /// shown); the screen tests check that the key itself did not do it.
    pub fn restoring_later(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Whether there is a view to go back to.
    pub fn can_go_back(&self) -> bool {
        !self.nav.is_empty()
    }

    /// Back to the view the last drill-down left, with its selection, filter and sub-view; the
    /// tab it had changed is put back as it was too — not on this key but on the next idle pass
    /// (or before it is shown or left again, if sooner): it is not on screen, and at 100,000
    /// partners the roster's re-read alone took 52 ms.
    pub(super) fn go_back(&mut self) -> Result<()> {
        let Some(entry) = self.nav.pop() else {
            return Ok(());
        };
        for (tab, place) in entry.places {
            if tab == entry.tab {
                self.deferred.retain(|(t, _)| *t != tab);
                self.restore_place(tab, place)?;
            } else {
                self.deferred.retain(|(t, _)| *t != tab);
                self.deferred.push((tab, place));
            }
        }
        self.tab = entry.tab;
        // What the status line said was about the view left.
        self.status = None;
        Ok(())
    }

    /// Tab keys and clicks start afresh: the way back no longer leads anywhere the user expects.
    pub(super) fn forget_way_back(&mut self) {
        self.nav.clear();
    }

    fn place_of(&self, tab: TabId) -> Place {
        self.screen_of(tab).here()
    }

    fn restore_place(&mut self, tab: TabId, place: Place) -> Result<()> {
        let (screen, wb) = self.screen_mut(tab);
        screen.restore(place, wb)
    }

    /// The view on screen in the breadcrumb's words: "Partners: prospect", "Risks: Heat map";
    /// just "What if" when the crumb before it is its own tab's ("Overview › What if").
    fn crumb_here(&self) -> String {
        let own = self
            .screen()
            .crumb()
            .or_else(|| self.screen_context().view_title().map(str::to_string));
        let tab = self.tab.title();
        let from_own_tab = self.nav.last().is_some_and(|entry| entry.crumb == tab);
        match own {
            Some(words) if from_own_tab => words,
            Some(words) => format!("{tab}: {words}"),
            None => tab.to_string(),
        }
    }

    /// Where the user is, from the first view left ("Overview › Partners: prospect"); `None`
    /// on a tab's own top view, where there is nothing to go back to.
    pub fn breadcrumb(&self) -> Option<String> {
        if self.nav.is_empty() && self.screen_context().view_title().is_none() {
            return None;
        }
        let here = self.crumb_here();
        let mut crumbs: Vec<&str> = self.nav.iter().map(|entry| entry.crumb.as_str()).collect();
        crumbs.push(&here);
        Some(crumbs.join(" › "))
    }
}
