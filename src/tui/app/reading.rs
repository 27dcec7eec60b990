//! How long the two tabs that read the whole plan (the Guide, the Overview) took to read it,
//! whether the next reading is left to the idle pass so the tab is drawn at once, and, when it
//! is long, the reading on a thread of its own while the app answers keys.

use std::time::{Duration, Instant};

use super::App;
use crate::tui::tabs::TabId;
use crate::workbook::{Background, GuideReport, Heard, OverviewReading};

/// A reading that took longer than this (a pause anyone notices; 0.1–0.15 s at 100,000
/// partners, seconds at a million) is left to the idle pass next time.
const LONG_READING: Duration = Duration::from_millis(250);

/// Past this many partners a first reading is taken to be long (at 100,000 it takes 0.1–0.15 s).
const LARGE_PLAN: i64 = 200_000;

pub(super) struct Readings {
    guide: Option<Duration>,
    overview: Option<Duration>,
    /// Before any reading: whether the workbook holds so many partners that a reading will be
    /// long (asked once, when first needed).
    large: Option<bool>,
    /// A reading longer than this is long (`LONG_READING` unless set).
    pub(super) long: Duration,
    /// Long readings under way on a thread of their own, with when they started.
    guide_running: Option<(Background<GuideReport>, Instant)>,
    overview_running: Option<(Background<OverviewReading>, Instant)>,
    /// A reading on another thread failed once: read in place from then on, where a failure
    /// is told on the status line as before.
    in_place: bool,
}

impl Default for Readings {
    fn default() -> Readings {
        Readings {
            guide: None,
            overview: None,
            large: None,
            long: LONG_READING,
            guide_running: None,
            overview_running: None,
            in_place: false,
        }
    }
}

impl Readings {
    /// The workbook changed: readings under way read the plan as it was, so they stop.
    pub(super) fn forget(&mut self) {
        self.guide_running = None;
        self.overview_running = None;
    }

    fn running(&self) -> bool {
        self.guide_running.is_some() || self.overview_running.is_some()
    }

    /// Whether the plan's size is still to be told (`sized`) before judging a first reading.
    pub(super) fn size_unknown(&self) -> bool {
        self.large.is_none()
    }

    /// The plan holds partners up to this id (the largest id stands for the count, which would
    /// walk a whole index).
    pub(super) fn sized(&mut self, partner_id_ceiling: i64) {
        self.large = Some(partner_id_ceiling > LARGE_PLAN);
    }

    /// `tab`'s reading just took `took`.
    pub(super) fn took(&mut self, tab: TabId, took: Duration) {
        match tab {
            TabId::Guide => self.guide = Some(took),
            TabId::Overview => self.overview = Some(took),
            _ => {}
        }
    }

    /// Whether `tab`, whose figures are `stale`, shows its last reading and leaves reading the
    /// workbook again to the idle pass: when its last reading was long (the Overview's first one
    /// is judged by the Guide's, which runs right after the first frame, and one before any by
    /// the plan's size). On a smaller workbook the reading is done before the frame, so the
    /// frame is never behind.
    pub(super) fn defers(&self, tab: TabId, stale: bool) -> bool {
        let large = self.large == Some(true);
        let slow = |took: Option<Duration>| took.map_or(large, |t| t > self.long);
        stale
            && match tab {
                TabId::Guide => slow(self.guide),
                TabId::Overview => slow(self.overview.or(self.guide)),
                _ => false,
            }
    }
}

impl App {
    /// Whether a reading of the plan (or a filter index) runs on another thread (the tab shows
    /// its last figures until it ends; tests wait for it as the terminal loop does).
    pub fn reading_in_background(&self) -> bool {
        self.readings.running()
            || self.workbook.filter_index_reading()
            || self.roles.network_working()
            || self.risks.suggestions_reading()
            || self.live.reading()
    }

    /// The idle pass's part for the Guide's and the Overview's readings when they are long:
    /// started on a thread of their own, taken when done. `Some(redraw)` when this pass is
    /// spent here (while a reading runs the pass does nothing else, so a key is answered at
    /// once); `None` when the caller reads in place (a short reading, a read-only workbook) or
    /// nothing is due.
    pub(super) fn background_readings(&mut self) -> Option<bool> {
        if self.readings.in_place {
            return None;
        }
        if let Some(redraw) = self.take_finished_reading() {
            return Some(redraw);
        }
        if self.readings.running() {
            return Some(false);
        }
        let overview_due = self.tab == TabId::Overview && self.overview.is_stale();
        if !self.guide.is_stale() && !overview_due {
            return None;
        }
        if self.readings.size_unknown() {
            self.readings
                .sized(self.workbook.partner_id_ceiling().unwrap_or_default());
        }
        let started = if self.guide.is_stale() {
            if !self.readings.defers(TabId::Guide, true) {
                return None;
            }
            let (framework, bands) = self.guide.reading_inputs()?;
            let started = self
                .workbook
                .read_in_background(move |wb| wb.guide(framework, &bands));
            kept(&mut self.readings.guide_running, started)
        } else {
            if !self.readings.defers(TabId::Overview, true) {
                return None;
            }
            let (query, thresholds) = self.overview.reading_inputs();
            let started = self
                .workbook
                .read_in_background(move |wb| wb.overview_reading(&query, thresholds));
            kept(&mut self.readings.overview_running, started)
        };
        match started {
            Ok(true) => Some(false),
            // A read-only workbook reads in place.
            Ok(false) => None,
            // So does one whose reader could not be opened, from now on.
            Err(err) => {
                self.read_in_place(Some(format!("{err:#}")));
                None
            }
        }
    }

    /// Before a key: the Guide and the Overview act on the figures they show, without reading
    /// first, when their reading is long and made on another thread (it follows in the idle
    /// pass); otherwise a key on a tab whose figures are out of date reads them first.
    pub(super) fn keys_act_on_shown_figures(&mut self) {
        let elsewhere = !self.readings.in_place && !self.workbook.is_read_only();
        let guide = elsewhere && self.readings.defers(TabId::Guide, true);
        let overview = elsewhere && self.readings.defers(TabId::Overview, true);
        self.guide.set_read_elsewhere(guide);
        self.overview.set_read_elsewhere(overview);
    }

    /// From now on the readings are made in place, where a failure is told as before.
    fn read_in_place(&mut self, why: Option<String>) {
        self.readings.in_place = true;
        self.guide.set_read_elsewhere(false);
        self.overview.set_read_elsewhere(false);
        if let Some(why) = why {
            self.set_status(why, true);
        }
    }

    /// A reading that ended: its figures taken (`Some(true)`, a frame to draw), or dropped
    /// when a write stopped it, or read in place from now on when it failed.
    fn take_finished_reading(&mut self) -> Option<bool> {
        let readings = &mut self.readings;
        if let Some((report, took)) = ended(&mut readings.guide_running, &mut readings.in_place) {
            self.readings.took(TabId::Guide, took);
            self.guide.accept(report);
            self.overview.set_readiness(self.guide.report());
            return Some(true);
        }
        let readings = &mut self.readings;
        if let Some((reading, took)) = ended(&mut readings.overview_running, &mut readings.in_place)
        {
            self.readings.took(TabId::Overview, took);
            self.overview.set_readiness(self.guide.report());
            if let Err(err) = self.overview.accept(reading, &self.workbook) {
                self.set_status(format!("{err:#}"), true);
            }
            return Some(true);
        }
        if self.readings.in_place {
            // A reading failed: read again in place, where a failure is told as before.
            self.read_in_place(None);
        }
        None
    }
}

/// What the reading in `slot` came to: its figures and how long it took when it read them;
/// the slot is emptied once it ended in any way, and a failure sets `in_place`.
fn ended<T>(
    slot: &mut Option<(Background<T>, Instant)>,
    in_place: &mut bool,
) -> Option<(T, Duration)> {
    let (running, started) = slot.as_ref()?;
    let took = started.elapsed();
    let read = match running.heard() {
        Heard::Reading => return None,
        Heard::Read(read) => Some((read, took)),
        Heard::Stopped => None,
        Heard::Failed(_) => {
            *in_place = true;
            None
        }
    };
    *slot = None;
    read
}

/// Keeps a reading that started in `slot`; whether one did.
fn kept<T>(
    slot: &mut Option<(Background<T>, Instant)>,
    started: anyhow::Result<Option<Background<T>>>,
) -> anyhow::Result<bool> {
    let running = started?;
    let started = running.is_some();
    *slot = running.map(|running| (running, Instant::now()));
    Ok(started)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_or_unknown_reading_on_a_large_plan_waits_for_the_idle_pass() {
        let mut readings = Readings::default();
        readings.sized(1_000);
        // Small plan, nothing read yet: read before the frame.
        assert!(!readings.defers(TabId::Guide, true));
        readings.sized(1_000_000);
        assert!(readings.defers(TabId::Guide, true));
        assert!(readings.defers(TabId::Overview, true));
        assert!(!readings.defers(TabId::Guide, false), "nothing to read");
        assert!(!readings.defers(TabId::Partners, true));
        // Once read, the time it took decides; the Overview follows the Guide until its own.
        readings.took(TabId::Guide, Duration::from_millis(40));
        assert!(!readings.defers(TabId::Guide, true));
        assert!(!readings.defers(TabId::Overview, true));
        readings.took(TabId::Overview, Duration::from_secs(3));
        assert!(readings.defers(TabId::Overview, true));
        readings.long = Duration::from_secs(5);
        assert!(!readings.defers(TabId::Overview, true));
    }
}
