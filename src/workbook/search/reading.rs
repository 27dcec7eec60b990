//! A large table's filter index read on a thread and a read-only connection of its own, so the
//! app's keys never wait for it (read a 3 ms slice per idle pass on the app's thread, a key typed
//! on a busy machine waited up to 73 ms for a slice).
//!
//! The rows are read a few thousand at a time, each batch its own short read, so a write of the
//! app waits at most for one batch (its busy timeout covers that) and never stops the reading.
//! Rows changed after the reading began are noted by the journal, as for a reading in slices,
//! and read again once the index is whole.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::Searched;
use super::asked::{Building, Read};
use crate::workbook::connection::{self, Access};

/// Rows read per batch: about 10 ms at a million partners.
const BATCH: i64 = 4_096;

/// The reading connection's page cache, in pages (256 KiB of 4 KiB pages).
const READER_CACHE_PAGES: i64 = 64;

/// A reading under way. Dropping it stops the reading at its next batch.
pub(super) struct Reading {
    stop: Arc<AtomicBool>,
    answer: Receiver<rusqlite::Result<Building>>,
}

impl Reading {
    /// Starts reading `what` of the workbook at `file`; `None` when no thread could be started.
    pub(super) fn start(file: &Path, what: Searched) -> Option<Reading> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let file = file.to_path_buf();
        let (tell, answer) = mpsc::channel();
        std::thread::Builder::new()
            .name("filter index".into())
            .spawn(move || {
                // Nobody left to tell (the index was dropped) is fine.
                let _ = tell.send(read_whole(&file, what, &stopped));
            })
            .ok()?;
        Some(Reading { stop, answer })
    }

    /// `None` while the reading runs; then the index read, or why it was not.
    pub(super) fn answer(&mut self) -> Option<rusqlite::Result<Building>> {
        match self.answer.try_recv() {
            Ok(read) => Some(read),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(ended())),
        }
    }

    /// Waits for the reading to end.
    pub(super) fn wait(&mut self) -> rusqlite::Result<Building> {
        self.answer.recv().unwrap_or_else(|_| Err(ended()))
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// The error of a reading whose thread ended without an answer, or that was stopped.
fn ended() -> rusqlite::Error {
    rusqlite::Error::InvalidQuery
}

fn read_whole(file: &Path, what: Searched, stop: &AtomicBool) -> rusqlite::Result<Building> {
    let conn = connection::open(file, Access::ReadOnly)?;
    connection::configure_for_work(&conn, true)?;
    // The rows are read once, in order: a page cache would only hold memory.
    conn.pragma_update(None, "cache_size", READER_CACHE_PAGES)?;
    let mut building = Building::default();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Err(ended());
        }
        let stopped = || stop.load(Ordering::Relaxed);
        match building.read(&conn, what, BATCH, stopped)? {
            Read::End => return Ok(building),
            Read::Limit | Read::Stopped => {}
        }
    }
}
