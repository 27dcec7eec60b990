//! Live KPIs' history brought up to today after each change. The facts are read in place on a
//! small plan; on a large one (at a million partners with three million links they take
//! 0.8–0.95 s, every key waiting for them after each edit) on a thread of their own, the
//! history point then written by the app's own connection when they come.

use super::App;
use crate::plan::live_kpi::LiveFacts;
use crate::tui::tabs::screen::Screen;
use crate::workbook::{Background, Heard, LiveContext};

/// Past this size (partners and links together, by the largest ids) the facts are read on a
/// thread: at 100,000 partners with 300,000 links they take 77 ms.
const LARGE_PLAN: usize = 150_000;

pub(super) struct Live {
    /// The history is to be brought up to today at the next idle pass (at open, and after
    /// every change).
    pub(super) due: bool,
    /// The facts being read on a thread, with the day they are for.
    reading: Option<(Background<LiveFacts>, LiveContext)>,
    /// Past this size the facts are read on a thread (tests set a small one).
    pub(super) large_from: usize,
    /// A reading on a thread failed once: read in place from then on.
    in_place: bool,
}

impl Default for Live {
    fn default() -> Live {
        Live {
            due: true,
            reading: None,
            large_from: LARGE_PLAN,
            in_place: false,
        }
    }
}

impl Live {
    /// The plan changed: the history is due again, and a reading under way read it before.
    pub(super) fn changed(&mut self) {
        self.due = true;
        self.reading = None;
    }

    pub(super) fn reading(&self) -> bool {
        self.reading.is_some()
    }
}

impl App {
    /// The idle pass's part for the live KPIs' history: recorded in place, or its facts read
    /// on a thread and recorded once they come. Whether a point changed (the Metrics tab then
    /// reads again, and the screen is drawn again).
    pub(super) fn live_idle(&mut self) -> bool {
        if let Some((running, ctx)) = &self.live.reading {
            let ctx = *ctx;
            match running.heard() {
                Heard::Reading => return false,
                Heard::Read(facts) => {
                    self.live.reading = None;
                    self.record_facts(&ctx, &facts);
                    // The Metrics tab shows them without reading them again (it read none).
                    self.metrics.take_facts(facts);
                    return true;
                }
                // A write of the app stopped it: read again.
                Heard::Stopped => self.live.changed(),
                Heard::Failed(_) => {
                    self.live.changed();
                    self.live.in_place = true;
                }
            }
        }
        if !self.live.due {
            return false;
        }
        let large = !self.live.in_place
            && self
                .workbook
                .network_ceiling()
                .is_ok_and(|size| size > self.live.large_from);
        // On a large plan the Metrics tab takes the facts from here, live KPIs or not yet.
        self.metrics.set_facts_elsewhere(large);
        if large && !matches!(self.workbook.has_live_kpis(), Ok(false)) {
            let ctx = self.metrics.live_context();
            let started = self
                .workbook
                .read_in_background(move |wb| wb.live_facts(&ctx));
            if let Ok(Some(running)) = started {
                self.live.due = false;
                self.live.reading = Some((running, ctx));
                return false;
            }
            self.metrics.set_facts_elsewhere(false);
        }
        self.record_live_history()
    }

    /// Brings every live KPI's history up to today's values: a write, so it is a step of its
    /// own (on idle after opening and after each change, and at quit), never part of preparing
    /// or drawing a frame. Whether a point changed (the Metrics tab then reads again). History
    /// is a convenience: a failure to record it is not shown.
    pub fn record_live_history(&mut self) -> bool {
        self.live.due = false;
        self.live.reading = None;
        let ctx = self.metrics.live_context();
        match self.workbook.has_live_kpis() {
            Ok(true) => match self.workbook.live_facts(&ctx) {
                Ok(facts) => self.record_facts(&ctx, &facts),
                Err(_) => false,
            },
            _ => false,
        }
    }

    /// Records `facts`, read for `ctx`, as today's history point; whether a point changed.
    fn record_facts(&mut self, ctx: &LiveContext, facts: &LiveFacts) -> bool {
        let recorded = self.workbook.record_live_history(ctx, facts);
        let changed = matches!(recorded, Ok(points) if points > 0);
        if changed {
            self.metrics.mark_stale();
        }
        changed
    }
}
