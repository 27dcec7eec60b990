//! How long the two tabs that read the whole plan (the Guide, the Overview) took to read it, and
//! whether the next reading is left to the idle pass so the tab is drawn at once.

use std::time::Duration;

use crate::tui::tabs::TabId;

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
}

impl Default for Readings {
    fn default() -> Readings {
        Readings {
            guide: None,
            overview: None,
            large: None,
            long: LONG_READING,
        }
    }
}

impl Readings {
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
