//! A filter asked for without waiting: on a large table its search runs on a thread of its own
//! (a newer filter cancels it) and the index is read a slice at a time while the app is idle.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Result;
use rusqlite::Connection;

use super::reading::Reading;
use super::store::{Base, Found, Job, Store};
use super::{Inner, SearchIndex, Searched, entry_text, folded};
use crate::workbook::Workbook;

/// From this many rows (the table's largest id, before the index is read) a filter is searched
/// on a thread of its own: below, a search takes a few milliseconds and is made on the key.
pub(super) const IN_BACKGROUND_FROM: i64 = 200_000;

/// How many rows a slice reads between looks at the clock (a few dozen microseconds' worth).
const ROWS_PER_LOOK: i64 = 64;

/// The index being read a slice at a time: the rows read so far, in id order.
#[derive(Default)]
pub(super) struct Building {
    pub(super) base: Base,
    /// The last id read.
    after: Option<i64>,
    pub(super) inexact: bool,
}

/// Where a `Building::read` stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// At the table's end: the index is whole.
    End,
    /// Asked to stop (the slice's time was up).
    Stopped,
    /// After `limit` rows: there may be more.
    Limit,
}

impl Building {
    /// Reads the rows after the last one read, in id order: at most `limit` (all when
    /// negative), until `stop` (asked every `ROWS_PER_LOOK` rows) says so.
    pub(super) fn read(
        &mut self,
        conn: &Connection,
        what: Searched,
        limit: i64,
        mut stop: impl FnMut() -> bool,
    ) -> rusqlite::Result<Read> {
        let (table, columns, count) = (what.table, what.columns.join(", "), what.columns.len());
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, {columns} FROM {table} WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let mut rows = stmt.query([self.after.unwrap_or(i64::MIN), limit])?;
        let mut text = String::new();
        let mut read = 0i64;
        while let Some(row) = rows.next()? {
            self.inexact |= entry_text(row, 1, count, &mut text)?;
            let id = row.get(0)?;
            self.base.push(id, &text);
            self.after = Some(id);
            read += 1;
            if read % ROWS_PER_LOOK == 0 && stop() {
                return Ok(Read::Stopped);
            }
        }
        Ok(if read == limit {
            Read::Limit
        } else {
            Read::End
        })
    }
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
    /// read again once it is whole. With `file` (the workbook's, when it may be read by a
    /// second connection) a large table is read on a thread of its own instead, and this only
    /// looks whether it is done (or, without a budget, waits for it).
    pub(super) fn build_slice(
        &mut self,
        conn: &Connection,
        what: Searched,
        budget: Option<Duration>,
        file: Option<&Path>,
    ) -> rusqlite::Result<bool> {
        if self.entries.is_some() {
            return Ok(true);
        }
        let started = Instant::now();
        if self.building.is_none() && self.reading.is_none() {
            // Rows noted as changed before this point are read now with the rest.
            self.stale.clear();
            self.recent.clear();
            self.running = None;
            if let Some(file) = file.filter(|_| self.in_background(conn, what).unwrap_or(false)) {
                self.reading = Reading::start(file, what);
            }
        }
        if let Some(reading) = &mut self.reading {
            let answer = match budget {
                Some(_) => reading.answer(),
                None => Some(reading.wait()),
            };
            match answer {
                None => return Ok(false),
                Some(Ok(building)) => {
                    self.reading = None;
                    self.whole(building);
                    return Ok(true);
                }
                // Stopped, or the file could not be read there: read here, a slice at a time.
                Some(Err(_)) => self.reading = None,
            }
        }
        let building = self.building.get_or_insert_with(Building::default);
        let stop = || budget.is_some_and(|b| started.elapsed() >= b);
        if building.read(conn, what, -1, stop)? == Read::Stopped {
            return Ok(false);
        }
        if let Some(building) = self.building.take() {
            self.whole(building);
        }
        Ok(true)
    }

    /// The index read whole.
    fn whole(&mut self, building: Building) {
        self.names_inexact = building.inexact;
        self.entries = Some(Store::new(building.base));
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

    /// Reads a slice of the index for at most `budget`, or (given the workbook's `file`, on a
    /// large table) looks whether its reading on a thread of its own is done; whether it is
    /// whole.
    pub(crate) fn build_slice(
        &self,
        conn: &Connection,
        budget: Duration,
        file: Option<&Path>,
    ) -> rusqlite::Result<bool> {
        self.inner
            .borrow_mut()
            .build_slice(conn, self.what, Some(budget), file)
    }

    /// Searches filters on a thread of their own (`Some(true)`), always on the key
    /// (`Some(false)`), or by the table's size (`None`).
    pub(crate) fn set_in_background(&self, on: Option<bool>) {
        self.inner.borrow_mut().in_background = on;
    }

    /// Whether the index is being read on a thread of its own.
    pub(crate) fn reading(&self) -> bool {
        self.inner.borrow().reading.is_some()
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

    /// Reads the filter indexes (the risks' first when `risks`, then the partners'): a large
    /// table's on a thread and a read-only connection of its own, a small one (or any, when
    /// the file must not be opened twice) a slice of about `budget` at a time; whether both
    /// are whole. The app calls this while idle, so a key typed meanwhile waits for one slice
    /// at most.
    pub fn prepare_searches(&self, risks: bool, budget: Duration) -> Result<bool> {
        let file = (!self.read_only).then_some(self.path.as_path());
        // A risks' reading begun on the Risks tab is taken when done wherever the app is, or it
        // would be waited for by nobody.
        if risks || self.risk_search.reading() {
            let whole = self.risk_search.build_slice(&self.conn, budget, file)?;
            if risks && !whole {
                return Ok(false);
            }
        }
        Ok(self.search.build_slice(&self.conn, budget, file)?)
    }

    /// Whether a filter index is being read on a thread of its own (the idle pass then need not
    /// come back at once: it takes the index when the reading is done).
    pub fn filter_index_reading(&self) -> bool {
        self.search.reading() || self.risk_search.reading()
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
            while !index
                .build_slice(conn, std::time::Duration::ZERO, None)
                .unwrap()
            {}
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
        while !index
            .build_slice(&conn, std::time::Duration::ZERO, None)
            .unwrap()
        {}
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
        while !index
            .build_slice(&conn, std::time::Duration::ZERO, None)
            .unwrap()
        {
            slices += 1;
            if slices == 2 {
                edit_while_reading(&conn, &index, 2_000);
            }
        }
        assert!(slices >= 4, "{slices} slices");
        assert_edits_taken_in(&conn, &index, 2_000);
    }

    /// One row read early, one late, one deleted and one added, noted as the journal would.
    fn edit_while_reading(conn: &Connection, index: &SearchIndex, rows: i64) {
        let sql = format!(
            "UPDATE partners SET name = 'Zephyr early' WHERE id = 5;
             UPDATE partners SET name = 'Zephyr late' WHERE id = {late};
             DELETE FROM partners WHERE id = 7;
             INSERT INTO partners (id, name) VALUES ({new}, 'Zephyr new')",
            late = rows - 10,
            new = rows + 1
        );
        edit(conn, index, &sql, &[5, rows - 10, 7, rows + 1]);
    }

    /// The index answers for `edit_while_reading`'s edits of a table of `rows` partners.
    fn assert_edits_taken_in(conn: &Connection, index: &SearchIndex, rows: i64) {
        ask_until_ready(conn, index, "zephyr");
        assert_eq!(
            index.matches(conn, "zephyr").unwrap().ids(),
            vec![5, rows - 10, rows + 1]
        );
        // The ids written with a leading 7 (7, 70–79, 700–799 …), but 7 itself, deleted.
        let sevens = (1..=rows)
            .filter(|id| id.to_string().starts_with('7'))
            .count();
        assert_eq!(index.matches(conn, "partner 7").unwrap().len(), sevens - 1);
        assert_eq!(index.matches(conn, "").unwrap().len(), rows as usize);
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

    /// A file, its connection and its partners' index.
    type OnFile = (
        tempfile::TempDir,
        std::path::PathBuf,
        Connection,
        SearchIndex,
    );

    /// A workbook file of `rows` partners "Partner N", and an index of it.
    fn file_of(rows: i64) -> OnFile {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE partners (id INTEGER PRIMARY KEY, name TEXT, owner TEXT, sector TEXT, \
             region TEXT, notes TEXT)",
        )
        .unwrap();
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO partners (id, name, owner) SELECT i, 'Partner ' || i, 'Dana' FROM n",
            [rows],
        )
        .unwrap();
        let index = SearchIndex::new(super::super::PARTNERS);
        index.register(&conn).unwrap();
        index.set_in_background(Some(true));
        (dir, path, conn, index)
    }

    /// `file_of`, its index's reading started by a first look, which does not wait for it.
    fn reading_started(rows: i64) -> OnFile {
        let (dir, path, conn, index) = file_of(rows);
        let whole = index
            .build_slice(&conn, Duration::ZERO, Some(&path))
            .unwrap();
        assert!(!whole, "the first look waited for the reading");
        (dir, path, conn, index)
    }

    #[test]
    fn an_index_read_on_its_own_thread_takes_in_rows_changed_meanwhile() {
        let (_dir, path, conn, index) = reading_started(20_000);
        edit_while_reading(&conn, &index, 20_000);
        let mut looks = 0;
        while !index
            .build_slice(&conn, Duration::ZERO, Some(&path))
            .unwrap()
        {
            looks += 1;
            assert!(looks < 10_000, "the reading never ended");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_edits_taken_in(&conn, &index, 20_000);
    }

    #[test]
    fn a_search_that_cannot_wait_waits_for_the_reading_under_way() {
        let (_dir, path, conn, index) = reading_started(20_000);
        // `matches` needs the whole index now: it takes the reading's, whole.
        assert_eq!(
            index.matches(&conn, "partner 12345").unwrap().ids(),
            vec![12345]
        );
        assert!(
            index
                .build_slice(&conn, Duration::ZERO, Some(&path))
                .unwrap()
        );
    }

    #[test]
    fn a_file_that_cannot_be_opened_again_is_read_in_slices() {
        let (_dir, _path, conn, index) = file_of(3_000);
        let missing = std::path::Path::new("/nonexistent/folder/plan.partnerplan");
        let mut looks = 0;
        while !index
            .build_slice(&conn, Duration::ZERO, Some(missing))
            .unwrap()
        {
            looks += 1;
            assert!(looks < 10_000, "never whole");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(
            index.matches(&conn, "partner 2999").unwrap().ids(),
            vec![2999]
        );
    }

    /// A risks' index read on its thread, begun on the Risks tab, is taken by the idle passes of
    /// any tab once it is done: nothing is left waiting for a tab the user may not come back to.
    #[test]
    fn a_risks_reading_begun_on_their_tab_is_taken_on_any_tab() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        crate::workbook::generate_workbook(&path, 50, 1).unwrap();
        crate::workbook::generate_risks(&path, 3_000, 1).unwrap();
        let wb = Workbook::open(&path, crate::workbook::OpenOptions::default()).unwrap();
        wb.risk_search.set_in_background(Some(true));
        assert!(!wb.prepare_searches(true, Duration::ZERO).unwrap());
        assert!(
            wb.filter_index_reading(),
            "the risks' reading was not begun"
        );
        let mut passes = 0;
        while wb.filter_index_reading() {
            passes += 1;
            assert!(passes < 10_000, "the risks' reading was never taken");
            std::thread::sleep(Duration::from_millis(1));
            // Another tab's passes: the risks' index is not theirs to read.
            wb.prepare_searches(false, Duration::ZERO).unwrap();
        }
        assert!(wb.risk_search.ask(&wb.conn, "").unwrap());
        assert!(wb.prepare_searches(true, Duration::ZERO).unwrap());
    }
}
