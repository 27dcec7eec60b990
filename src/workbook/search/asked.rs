//! A filter asked for without waiting: on a large table its search runs on a thread of its own
//! (a newer filter cancels it) and the index is read a slice at a time while the app is idle.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Result;
use rusqlite::Connection;

use super::store::{Base, Found, Job, Store};
use super::{Inner, SearchIndex, Searched, entry_text, folded};
use crate::workbook::Workbook;

/// From this many rows (the table's largest id, before the index is read) a filter is searched
/// on a thread of its own: below, a search takes a few milliseconds and is made on the key.
pub(super) const IN_BACKGROUND_FROM: i64 = 200_000;

/// How many rows a slice reads between looks at the clock (a few dozen microseconds' worth).
const ROWS_PER_LOOK: usize = 64;

/// The index being read a slice at a time: the rows read so far, in id order.
pub(super) struct Building {
    base: Base,
    /// The last id read.
    after: i64,
    inexact: bool,
}

/// A search running on a thread of its own. Dropping it cancels the search.
pub(super) struct Running {
    needle: String,
    cancel: Arc<AtomicBool>,
    answer: Receiver<Option<Found>>,
    /// What the search found, once waited for (`SearchIndex::wait`).
    done: Option<Option<Found>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// Starts `job` on a thread of its own, once the search it replaces (cancelled now) has
    /// stopped, so one search at a time holds memory; `None` when no thread could be started.
    fn start(needle: &str, job: Job, replaced: Option<Running>) -> Option<Running> {
        let before = replaced.and_then(|mut replaced| {
            replaced.cancel.store(true, Ordering::Relaxed);
            replaced.thread.take()
        });
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let (tell, answer) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("filter search".into())
            .spawn(move || {
                // A cancelled search stops at its next block.
                if let Some(before) = before {
                    let _ = before.join();
                }
                // The app may have gone on without this answer: nobody to tell is fine.
                let _ = tell.send(job.run(&stop));
            })
            .ok()?;
        Some(Running {
            needle: needle.to_string(),
            cancel,
            answer,
            done: None,
            thread: Some(thread),
        })
    }

    /// `None` while the search runs; then what it found (`Some(None)`: it found nothing usable,
    /// as when its thread ended early).
    fn answer(&mut self) -> Option<Option<Found>> {
        if let Some(done) = self.done.take() {
            return Some(done);
        }
        match self.answer.try_recv() {
            Ok(found) => Some(found),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }

    fn wait(&mut self) {
        if self.done.is_none() {
            self.done = Some(self.answer.recv().ok().flatten());
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Inner {
    /// Reads the next rows of the index being built, for at most `budget` (all of them when
    /// `None`); whether the index is whole. Rows changed meanwhile are noted by the journal and
    /// read again once it is whole.
    pub(super) fn build_slice(
        &mut self,
        conn: &Connection,
        what: Searched,
        budget: Option<Duration>,
    ) -> rusqlite::Result<bool> {
        if self.entries.is_some() {
            return Ok(true);
        }
        let started = Instant::now();
        if self.building.is_none() {
            // Rows noted as changed before this point are read now with the rest.
            self.stale.clear();
            self.recent.clear();
            self.running = None;
        }
        let building = self.building.get_or_insert_with(|| Building {
            base: Base::default(),
            after: i64::MIN,
            inexact: false,
        });
        let (table, columns, count) = (what.table, what.columns.join(", "), what.columns.len());
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, {columns} FROM {table} WHERE id > ?1 ORDER BY id"
        ))?;
        let mut rows = stmt.query([building.after])?;
        let mut text = String::new();
        let mut read = 0usize;
        while let Some(row) = rows.next()? {
            building.inexact |= entry_text(row, 1, count, &mut text)?;
            let id = row.get(0)?;
            building.base.push(id, &text);
            building.after = id;
            read += 1;
            if read.is_multiple_of(ROWS_PER_LOOK) && budget.is_some_and(|b| started.elapsed() >= b)
            {
                return Ok(false);
            }
        }
        if let Some(building) = self.building.take() {
            self.names_inexact = building.inexact;
            self.entries = Some(Store::new(building.base));
        }
        Ok(true)
    }

    /// Whether filters are searched on a thread of their own (see `IN_BACKGROUND_FROM`).
    fn in_background(&self, conn: &Connection, what: Searched) -> rusqlite::Result<bool> {
        if let Some(on) = self.in_background {
            return Ok(on);
        }
        let rows = match &self.entries {
            Some(entries) => i64::try_from(entries.len()).unwrap_or(i64::MAX),
            None => conn
                .prepare_cached(&format!("SELECT coalesce(max(id), 0) FROM {}", what.table))?
                .query_row([], |row| row.get(0))?,
        };
        Ok(rows >= IN_BACKGROUND_FROM)
    }

    /// Whether `needle`'s result is known (kept from before, or just found); if not, its search
    /// is started on a thread of its own, or left running, or waits for the index to be read.
    fn ask(&mut self, conn: &Connection, what: Searched, needle: &str) -> rusqlite::Result<bool> {
        if needle.is_empty() {
            self.running = None;
            return Ok(true);
        }
        if !self.in_background(conn, what)? {
            self.bring_up_to_date(conn, what)?;
            self.search(needle);
            return Ok(true);
        }
        self.drop_if_worn();
        if self.entries.is_none() {
            // Read a slice at a time by the idle pass (`SearchIndex::build_slice`).
            return Ok(false);
        }
        self.read_stale(conn, what)?;
        if self.kept(needle).is_some() {
            return Ok(true);
        }
        if let Some(running) = self.running.as_mut().filter(|r| r.needle == needle) {
            let Some(found) = running.answer() else {
                return Ok(false);
            };
            self.running = None;
            let matches = found.and_then(|found| {
                let entries = self.entries.as_ref()?;
                entries.complete(needle, found)
            });
            if let Some(matches) = matches {
                self.remember(needle, Arc::new(matches));
                return Ok(true);
            }
        }
        let within = self.within(needle);
        let Some(entries) = &self.entries else {
            return Ok(false);
        };
        // Replacing the search under way cancels it.
        self.running = Running::start(
            needle,
            entries.job(needle, within.as_deref()),
            self.running.take(),
        );
        if self.running.is_none() {
            // No thread to be had: searched here, as on a small table.
            self.search(needle);
            return Ok(true);
        }
        Ok(false)
    }
}

impl SearchIndex {
    /// Whether the result of `filter` is known, so that `matches` answers at once; if not, it is
    /// being searched on a thread of its own: ask again later (the idle pass does).
    pub(crate) fn ask(&self, conn: &Connection, filter: &str) -> rusqlite::Result<bool> {
        let needle = folded(filter.trim());
        self.inner.borrow_mut().ask(conn, self.what, &needle)
    }

    /// Reads a slice of the index for at most `budget`; whether it is whole.
    pub(crate) fn build_slice(
        &self,
        conn: &Connection,
        budget: Duration,
    ) -> rusqlite::Result<bool> {
        self.inner
            .borrow_mut()
            .build_slice(conn, self.what, Some(budget))
    }

    /// Searches filters on a thread of their own (`Some(true)`), always on the key
    /// (`Some(false)`), or by the table's size (`None`).
    pub(crate) fn set_in_background(&self, on: Option<bool>) {
        self.inner.borrow_mut().in_background = on;
    }

    /// Waits for the search under way to end (tests and benches).
    pub(crate) fn wait(&self) {
        if let Some(running) = &mut self.inner.borrow_mut().running {
            running.wait();
        }
    }
}

impl Workbook {
    /// Whether the roster's result for `filter` is known, so that reading the roster with it
    /// answers at once. If not, it is being searched on a thread of its own (on a large
    /// roster), or waits for the filter index to be read (`prepare_searches`): ask again when
    /// idle. A newer filter asked for cancels the older one's search.
    pub fn partner_filter_ready(&self, filter: &str) -> Result<bool> {
        Ok(self.search.ask(&self.conn, filter)?)
    }

    /// Reads a slice of the filter indexes (the risks' first when `risks`, then the
    /// partners'), for about `budget`; whether both are whole. The app calls this while idle,
    /// so a key typed meanwhile waits for one slice at most.
    pub fn prepare_searches(&self, risks: bool, budget: Duration) -> Result<bool> {
        if risks && !self.risk_search.build_slice(&self.conn, budget)? {
            return Ok(false);
        }
        Ok(self.search.build_slice(&self.conn, budget)?)
    }

    /// Searches the roster's filters on a thread of their own whatever the roster's size
    /// (`true`), or as its size says (`false`): tests take the background path for certain.
    pub fn search_filters_in_background(&self, on: bool) {
        self.search.set_in_background(on.then_some(true));
    }

    /// Waits for the roster's filter search under way, if any (tests and benches).
    pub fn wait_for_filter(&self) {
        self.search.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{edit, index_of};
    use super::*;

    /// Asks for `filter` in the background until its result is known, reading the index a
    /// slice at a time and waiting for each search, as the idle pass would; how many asks.
    fn ask_until_ready(conn: &Connection, index: &SearchIndex, filter: &str) -> usize {
        let mut asks = 1;
        while !index.ask(conn, filter).unwrap() {
            while !index.build_slice(conn, std::time::Duration::ZERO).unwrap() {}
            index.wait();
            asks += 1;
            assert!(asks < 10, "{filter} never became ready");
        }
        asks
    }

    #[test]
    fn a_search_in_the_background_takes_in_an_edit_made_while_it_ran() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (2, "Helix", ""), (3, "North", "")]);
        index.set_in_background(Some(true));
        // The index is not read yet: nothing is known until the idle pass reads it.
        assert!(!index.ask(&conn, "cob").unwrap());
        while !index.build_slice(&conn, std::time::Duration::ZERO).unwrap() {}
        // Now a search starts on its own thread; the answer is taken when asked again.
        assert!(!index.ask(&conn, "cob").unwrap());
        edit(
            &conn,
            &index,
            "UPDATE partners SET name = 'Cobra' WHERE id = 3",
            &[3],
        );
        index.wait();
        assert!(index.ask(&conn, "cob").unwrap());
        assert_eq!(index.matches(&conn, "cob").unwrap().ids(), vec![1, 3]);
        // And the other way: a match edited away while its search ran.
        assert!(!index.ask(&conn, "o").unwrap());
        edit(
            &conn,
            &index,
            "UPDATE partners SET name = 'Helix' WHERE id = 1",
            &[1],
        );
        ask_until_ready(&conn, &index, "o");
        assert_eq!(index.matches(&conn, "o").unwrap().ids(), vec![3]);
    }

    #[test]
    fn a_newer_filter_replaces_the_search_under_way() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (2, "Cobra", ""), (3, "Helix", "")]);
        index.set_in_background(Some(true));
        index.warm(&conn).unwrap();
        assert!(!index.ask(&conn, "co").unwrap());
        assert!(!index.ask(&conn, "cob").unwrap());
        index.wait();
        assert!(index.ask(&conn, "cob").unwrap());
        // "co" was cancelled when "cob" was asked for: it is searched again.
        assert!(!index.ask(&conn, "co").unwrap());
        assert_eq!(ask_until_ready(&conn, &index, "coba"), 2);
        assert_eq!(index.matches(&conn, "coba").unwrap().ids(), vec![1]);
        assert!(index.ask(&conn, "").unwrap());
    }

    #[test]
    fn an_index_read_in_slices_takes_in_rows_changed_between_slices() {
        let rows: Vec<(i64, String, &str)> = (1..=2_000)
            .map(|id| (id, format!("Partner {id}"), ""))
            .collect();
        let borrowed: Vec<(i64, &str, &str)> = rows
            .iter()
            .map(|(id, n, x)| (*id, n.as_str(), *x))
            .collect();
        let (conn, index) = index_of(&borrowed);
        index.set_in_background(Some(true));
        let mut slices = 0;
        while !index.build_slice(&conn, std::time::Duration::ZERO).unwrap() {
            slices += 1;
            if slices == 2 {
                // One row already read, one not yet read, one deleted, one added.
                edit(
                    &conn,
                    &index,
                    "UPDATE partners SET name = 'Zephyr early' WHERE id = 5;
                     UPDATE partners SET name = 'Zephyr late' WHERE id = 1990;
                     DELETE FROM partners WHERE id = 7;
                     INSERT INTO partners (id, name) VALUES (2001, 'Zephyr new')",
                    &[5, 1990, 7, 2001],
                );
            }
        }
        assert!(slices >= 4, "{slices} slices");
        ask_until_ready(&conn, &index, "zephyr");
        assert_eq!(
            index.matches(&conn, "zephyr").unwrap().ids(),
            vec![5, 1990, 2001]
        );
        // 70–79 and 700–799; 7 itself was deleted.
        assert_eq!(index.matches(&conn, "partner 7").unwrap().len(), 110);
        assert_eq!(index.matches(&conn, "").unwrap().len(), 2_000);
    }

    #[test]
    fn kept_results_are_brought_up_to_date_by_an_edit_without_a_search() {
        let (conn, index) = index_of(&[(1, "Cobalt", ""), (2, "Helix", ""), (3, "North", "")]);
        index.set_in_background(Some(true));
        ask_until_ready(&conn, &index, "co");
        ask_until_ready(&conn, &index, "");
        edit(
            &conn,
            &index,
            "UPDATE partners SET name = 'Cobra' WHERE id = 2; DELETE FROM partners WHERE id = 1;
             INSERT INTO partners (id, name) VALUES (4, 'Coast')",
            &[1, 2, 4],
        );
        // Known at once, on the thread that asks: no search had to run.
        assert!(index.ask(&conn, "co").unwrap());
        assert_eq!(index.matches(&conn, "co").unwrap().ids(), vec![2, 4]);
        assert_eq!(index.matches(&conn, "").unwrap().ids(), vec![2, 3, 4]);
        // A longer filter is searched within the result brought up to date.
        assert_eq!(ask_until_ready(&conn, &index, "cob"), 2);
        assert_eq!(index.matches(&conn, "cob").unwrap().ids(), vec![2]);
    }
}
