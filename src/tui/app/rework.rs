//! Edits that rework the whole roster's cached figures (a criterion's weight, a type's
//! programme, a checklist item), and the undo or redo of one: on a large roster they are written
//! in the idle pass, after a frame that says "working…", so the key that asked for one returns at
//! once; any next event waits for it first, so nothing is seen or undone out of order.

use std::time::{Duration, Instant};

use anyhow::Result;

use super::App;
use crate::tui::edits::PartnerEdit;
use crate::tui::tabs::TabId;

/// A rework that took longer than this (a pause anyone notices) is left to the idle pass next
/// time.
const LONG_REWORK: Duration = Duration::from_millis(250);

/// Before any rework: past this many partners one is taken to be long (at 100,000 partners a
/// weight for every type takes one to two seconds on a loaded machine).
const LARGE_ROSTER: i64 = 20_000;

/// A rework waiting for the idle pass.
#[derive(Debug)]
enum Rework {
    Edit(PartnerEdit),
    /// An undo (`true`) or redo of a programme's change.
    Replay(bool),
}

#[derive(Debug)]
pub(super) struct Reworks {
    /// The rework waiting for the idle pass.
    pending: Option<Rework>,
    /// How long the last rework took (`None`: none yet, the roster's size decides).
    took: Option<Duration>,
    /// A rework longer than this is long (`LONG_REWORK` unless set).
    long: Duration,
}

impl Default for Reworks {
    fn default() -> Reworks {
        Reworks {
            pending: None,
            took: None,
            long: LONG_REWORK,
        }
    }
}

impl Reworks {
    /// Whether a rework is to wait for the idle pass: the last one was long, or, before any, the
    /// roster is large (`ceiling`, the largest partner id, asked only then).
    fn defers(&self, ceiling: impl FnOnce() -> i64) -> bool {
        match self.took {
            Some(took) => took > self.long,
            None => ceiling() > LARGE_ROSTER,
        }
    }
}

impl App {
    /// Writes a partner edit: one that reworks the whole roster waits for the idle pass when it
    /// would be long, the status line saying so meanwhile.
    pub(super) fn apply_partner_edit(&mut self, edit: PartnerEdit) -> Result<()> {
        let workbook = &self.workbook;
        if edit.reworks_roster()
            && self
                .reworks
                .defers(|| workbook.partner_id_ceiling().unwrap_or_default())
        {
            self.reworks.pending = Some(Rework::Edit(edit));
            self.say_working();
            return Ok(());
        }
        self.write_partner_edit(edit)
    }

    /// An undo (`undo`) or redo: one that reworks the whole roster waits for the idle pass, as
    /// the edit it takes back or makes again did.
    pub(super) fn apply_replay(&mut self, undo: bool) -> Result<()> {
        let workbook = &self.workbook;
        let reworks = workbook.replay_reworks_roster(undo)?;
        if reworks
            && self
                .reworks
                .defers(|| workbook.partner_id_ceiling().unwrap_or_default())
        {
            self.reworks.pending = Some(Rework::Replay(undo));
            self.say_working();
            return Ok(());
        }
        self.write_replay(undo, reworks)
    }

    /// Replays now; `reworks`: it reworks a programme, so how long it took is kept.
    fn write_replay(&mut self, undo: bool, reworks: bool) -> Result<()> {
        let started = Instant::now();
        self.replay(undo)?;
        if reworks {
            self.reworks.took = Some(started.elapsed());
        }
        Ok(())
    }

    pub(super) fn say_working(&mut self) {
        self.set_status(
            "Working out every partner's fit and onboarding for this change…".into(),
            false,
        );
    }

    fn write_partner_edit(&mut self, edit: PartnerEdit) -> Result<()> {
        let started = Instant::now();
        let done = edit.apply(&mut self.workbook);
        if edit.reworks_roster() {
            self.reworks.took = Some(started.elapsed());
        }
        self.applied(TabId::Partners, done)
    }

    /// Writes the edit waiting for the idle pass, if any; whether there was one (a frame is
    /// owed then).
    pub(super) fn flush_rework(&mut self) -> Result<bool> {
        match self.reworks.pending.take() {
            Some(Rework::Edit(edit)) => self.write_partner_edit(edit).map(|()| true),
            Some(Rework::Replay(undo)) => self.write_replay(undo, true).map(|()| true),
            None => Ok(false),
        }
    }

    /// Sets what counts as a long rework, so tests can take either path for certain
    /// (`Duration::ZERO`: every rework after the first waits for the idle pass).
    pub fn set_long_rework(&mut self, threshold: Duration, last: Option<Duration>) {
        self.reworks.long = threshold;
        self.reworks.took = last;
    }

    /// Whether an edit is waiting for the idle pass.
    pub fn rework_pending(&self) -> bool {
        self.reworks.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_rework_or_a_large_roster_waits_for_the_idle_pass() {
        let mut reworks = Reworks::default();
        assert!(!reworks.defers(|| 5_000));
        assert!(reworks.defers(|| 100_000));
        reworks.took = Some(Duration::from_millis(40));
        assert!(!reworks.defers(|| unreachable!("the last rework decides")));
        reworks.took = Some(Duration::from_millis(900));
        assert!(reworks.defers(|| 10));
    }
}
