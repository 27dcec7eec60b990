//! The app between keys: status messages fading, the idle pass's work, a frame's preparation,
//! the live KPIs' history recorded as a step of its own, and the view remembered at quit.

use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::{App, LAST_TAB_KEY, STATUS_FADE, chrome};

/// How long one idle pass reads the filter indexes before a key typed meanwhile is let in.
const INDEX_SLICE: Duration = Duration::from_millis(3);
use crate::tui::tabs::TabId;

impl App {
    /// Called when no event came for a while: lets status messages fade.
    pub fn tick(&mut self) {
        if self
            .status
            .as_ref()
            .is_some_and(|s| s.at.elapsed() > STATUS_FADE)
        {
            self.status = None;
        }
    }

    /// Called once a frame is on screen and no key is waiting: does work that would otherwise
    /// slow the next keystroke (reading every partner's text for the filter, and every risk's
    /// while the Risks tab is shown: a slice a pass, or a large table's on a thread of its
    /// own), and reads the Guide's checks after a
    /// change. Returns whether the screen should be drawn again now (the readiness figure moved,
    /// the first frame was drawn before its tab had read the workbook, a typed filter's matches
    /// came) or the pass is to come back at once (more of the filter index to read).
    pub fn idle(&mut self) -> bool {
        let redraw = std::mem::take(&mut self.light);
        // A filter typed on a large roster, whose matches were searched on a thread of their own.
        match self.partners.filter_idle(&self.workbook) {
            Ok(true) => return true,
            Ok(false) => {}
            Err(err) => self.set_status(format!("{err:#}"), true),
        }
        // A change of the whole roster's figures, after the frame that said "working…".
        match self.flush_rework() {
            Ok(true) => return true,
            Ok(false) => {}
            Err(err) => self.set_status(format!("{err:#}"), true),
        }
        // A tab `Esc` left to put back (`go_back`); not on screen, so no frame is owed.
        if let Err(err) = self.restore_deferred(None) {
            self.set_status(format!("{err:#}"), true);
        }
        if self.live_idle() {
            return true;
        }
        // A what-if scenario on screen waits for its outcome: one per pass, before the Guide.
        if self.tab == TabId::Overview && self.overview.scenario_idle(&self.workbook) {
            return true;
        }
        // The ROI view reads its other periods ahead, one per pass.
        if self.tab == TabId::Metrics {
            match self.metrics.idle(&self.workbook) {
                Ok(true) => return true,
                Ok(false) => {}
                Err(err) => self.set_status(format!("{err:#}"), true),
            }
        }
        // A large plan's risk suggestions, read on a thread (taken on any tab once read).
        match self.risks.idle(&mut self.workbook) {
            Ok(true) => return true,
            Ok(false) => {}
            Err(err) => self.set_status(format!("{err:#}"), true),
        }
        // The Ecosystem view's figures after a link's edit, before the Guide's slower checks.
        match self.roles.network_idle(&mut self.workbook) {
            Ok(true) => return true,
            Ok(false) => {}
            Err(err) => self.set_status(format!("{err:#}"), true),
        }
        // The tab bar's readiness figure follows every change (about 0.1 s on a 100,000-partner
        // workbook, so here rather than before the frame). A new reading is drawn before the
        // search indexes are built, in the next pass.
        // A long reading runs on a thread of its own instead (`reading.rs`).
        if let Some(redraw) = self.background_readings() {
            // Meanwhile the filter index is read: a slice a pass, or on its own thread.
            return self.index_slice() || redraw;
        }
        if self.guide.is_stale() {
            let started = Instant::now();
            let refreshed = self.guide.refresh(&self.workbook);
            self.readings.took(TabId::Guide, started.elapsed());
            self.overview.set_readiness(self.guide.report());
            match refreshed {
                Ok(()) => return true,
                // Not a reason to draw again: a failing read would fail on every pass.
                Err(err) => self.set_status(format!("{err:#}"), true),
            }
        }
        // The Overview's figures, when its frame left them to this pass (see `defers`).
        if self.tab == TabId::Overview && self.overview.is_stale() {
            let started = Instant::now();
            self.overview.set_readiness(self.guide.report());
            let reloaded = self.overview.reload(&self.workbook);
            self.readings.took(TabId::Overview, started.elapsed());
            match reloaded {
                Ok(()) => return true,
                Err(err) => self.set_status(format!("{err:#}"), true),
            }
        }
        self.index_slice() || redraw
    }

    /// Reads a slice of the filter indexes (the risks' too on the Risks tab), so a key typed
    /// meanwhile waits for one slice at most, or takes a large one read on a thread of its
    /// own once it is done; whether to come back at once (more slices left to read: a reading
    /// on a thread is looked at again by the next pass, not waited for).
    fn index_slice(&mut self) -> bool {
        match self
            .workbook
            .prepare_searches(self.tab == TabId::Risks, INDEX_SLICE)
        {
            Ok(whole) => !whole && !self.workbook.filter_index_reading(),
            Err(err) => {
                self.set_status(format!("{err:#}"), true);
                false
            }
        }
    }

    /// Whether a filter typed on the roster waits for its matches (the terminal loop then
    /// comes back to the idle pass soon, to show them).
    pub fn filter_pending(&self) -> bool {
        self.partners.filter_pending()
    }

    /// Searches the roster's filters on a thread of their own whatever its size (`true`), or as
    /// its size says (`false`): tests take the background path for certain.
    pub fn search_filters_in_background(&mut self, on: bool) {
        self.workbook.search_filters_in_background(on);
    }

    /// Waits for the roster's filter search under way, if any (tests and benches); the next
    /// idle pass shows its matches.
    pub fn wait_for_filter(&self) {
        self.workbook.wait_for_filter();
    }

    /// Sizes the visible windows for a terminal of `area` (may read rows; drawing never does).
    pub fn prepare(&mut self, area: Rect) {
        self.poll_export();
        self.body = chrome::body_area(area);
        let body = self.body;
        // Opening a large workbook already spends most of the first frame's time on SQLite's
        // check of the file; the Guide's checks and the Overview's figures (0.1–0.15 s each at
        // 100,000 partners) come in the idle pass right after, so the app is on screen at once.
        if std::mem::take(&mut self.first_frame)
            && matches!(self.tab, TabId::Guide | TabId::Overview)
        {
            self.light = true;
            return;
        }
        let stale = match self.tab {
            TabId::Guide => self.guide.is_stale(),
            TabId::Overview => self.overview.is_stale(),
            _ => false,
        };
        if stale && self.readings.size_unknown() {
            self.readings
                .sized(self.workbook.partner_id_ceiling().unwrap_or_default());
        }
        if self.readings.defers(self.tab, stale) {
            self.light = true;
            return;
        }
        self.light = false;
        if self.tab == TabId::Overview {
            // The Guide's last reading; after a change the idle pass brings both up to date.
            self.overview.set_readiness(self.guide.report());
        }
        let started = Instant::now();
        let (screen, wb) = self.screen_mut(self.tab);
        let prepared = screen.prepare(body, wb);
        if stale {
            self.readings.took(self.tab, started.elapsed());
        }
        if let Err(err) = prepared {
            self.set_status(format!("{err:#}"), true);
        }
    }

    /// The size of network (partners and links) past which the Ecosystem view reads it and
    /// works out its figures, the Risks tab its suggestions and the app the live KPIs' facts,
    /// on threads (tests try a small one).
    pub fn set_large_network(&mut self, from: usize) {
        self.roles.set_large_network(from);
        self.risks.set_large_plan(from);
        self.live.large_from = from;
    }

    /// Sets how long a reading may take before the next one is left to the idle pass
    /// (a quarter second unless set): tests and benches set it to take either path for certain.
    pub fn set_long_reading(&mut self, threshold: Duration) {
        self.readings.long = threshold;
    }

    /// Remembers view settings before the app closes; the day's last live values become its
    /// history point.
    pub fn remember_view(&mut self) {
        // A tab still to be put back is remembered as the user left it, not as a jump left it.
        let _ = self.restore_deferred(None);
        self.record_live_history();
        let _ = self.workbook.set_view_state(LAST_TAB_KEY, self.tab.title());
        for tab in TabId::ALL {
            self.screen_of(tab).save_view(&self.workbook);
        }
    }
}
