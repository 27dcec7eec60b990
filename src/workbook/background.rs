//! Readings of the whole plan on a thread and a read-only connection of their own.
//!
//! The app answers keys while a million partners are counted; its next write stops them first.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Weak};
use std::time::Duration;

use anyhow::{Result, anyhow};
use rusqlite::InterruptHandle;

use super::Workbook;
use super::connection::{self, Access};
use super::search::{PARTNERS, RISKS, SearchIndex};

/// A reading under way, and how to stop it.
struct Reader {
    interrupt: InterruptHandle,
    /// Set when a write of the app stopped the reading: what it read, if anything, is not kept.
    stopped: AtomicBool,
}

impl Reader {
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.interrupt.interrupt();
    }
}

thread_local! {
    /// The readings this thread started; its workbook's busy handler stops them (SQLite calls
    /// the handler on the thread that wants to write, the one that started them).
    static READERS: RefCell<Vec<Weak<Reader>>> = const { RefCell::new(Vec::new()) };
}

/// How often, and how many times, a write waiting for a lock tries again: about the two
/// seconds of `busy_timeout` the connection had, in steps of a millisecond.
const RETRY_EVERY: Duration = Duration::from_millis(1);
const RETRIES: i32 = 2_000;

/// The busy handler of a workbook that starts background readings: a write waiting for the
/// file stops this thread's readings (a reader's lock is what it waits for), then waits as
/// `busy_timeout` would.
fn stop_readings_then_wait(attempt: i32) -> bool {
    READERS.with(|readers| {
        let mut readers = readers.borrow_mut();
        readers.retain(|reader| reader.strong_count() > 0);
        readers
            .iter()
            .filter_map(Weak::upgrade)
            .for_each(|reader| reader.stop());
    });
    std::thread::sleep(RETRY_EVERY);
    attempt < RETRIES
}

/// A reading of the plan on a thread of its own. Dropping it stops the reading.
pub struct Background<T> {
    answer: Receiver<Result<T>>,
    reader: Arc<Reader>,
}

/// What a background reading has to say when asked.
#[derive(Debug)]
pub enum Heard<T> {
    /// Still reading.
    Reading,
    /// Read to the end, with nothing written meanwhile.
    Read(T),
    /// A write of the app stopped it: the plan is to be read again.
    Stopped,
    Failed(anyhow::Error),
}

impl<T> Background<T> {
    /// What the reading came to, without waiting.
    pub fn heard(&self) -> Heard<T> {
        let answer = match self.answer.try_recv() {
            Err(TryRecvError::Empty) => return Heard::Reading,
            Err(TryRecvError::Disconnected) => Err(anyhow!(
                "A reading of the plan ended before it finished; it is tried again when the app \
                 is next idle."
            )),
            Ok(answer) => answer,
        };
        if self.reader.stopped.load(Ordering::SeqCst) {
            return Heard::Stopped;
        }
        match answer {
            Ok(read) => Heard::Read(read),
            Err(err) => Heard::Failed(err),
        }
    }

    /// Waits for the reading to end (tests and benches).
    pub fn wait(self) -> Heard<T> {
        let answer = self.answer.recv();
        if self.reader.stopped.load(Ordering::SeqCst) {
            return Heard::Stopped;
        }
        match answer {
            Ok(Ok(read)) => Heard::Read(read),
            Ok(Err(err)) => Heard::Failed(err),
            Err(_) => Heard::Failed(anyhow!("A reading of the plan ended before it finished.")),
        }
    }
}

impl<T> Drop for Background<T> {
    fn drop(&mut self) {
        self.reader.stop();
    }
}

impl Workbook {
    /// Runs `read` on a thread of its own against this workbook's file as it is now (one read
    /// transaction), through a read-only connection of its own; `None` for a read-only
    /// workbook, which reads in place (its file may be one SQLite must not add side files to).
    /// Any write of this workbook stops the reading first, so it never waits for one.
    pub fn read_in_background<T, F>(&mut self, read: F) -> Result<Option<Background<T>>>
    where
        T: Send + 'static,
        F: FnOnce(&Workbook) -> Result<T> + Send + 'static,
    {
        if self.read_only {
            return Ok(None);
        }
        let reader = self.reader()?;
        let stop = Arc::new(Reader {
            interrupt: reader.conn.get_interrupt_handle(),
            stopped: AtomicBool::new(false),
        });
        READERS.with(|readers| readers.borrow_mut().push(Arc::downgrade(&stop)));
        self.conn.busy_handler(Some(stop_readings_then_wait))?;
        let (tx, answer) = mpsc::channel();
        std::thread::Builder::new()
            .name("plan reading".into())
            .spawn(move || {
                let read = reader
                    .conn
                    .execute_batch("BEGIN")
                    .map_err(anyhow::Error::from)
                    .and_then(|()| read(&reader));
                // The read transaction ends with the connection, releasing the file at once.
                drop(reader);
                let _ = tx.send(read);
            })?;
        Ok(Some(Background {
            answer,
            reader: stop,
        }))
    }

    /// A read-only workbook on the same file, for a reading on another thread: the file was
    /// checked when this one opened it, so only the connection is made.
    fn reader(&self) -> Result<Workbook> {
        let conn = connection::open(&self.path, Access::ReadOnly)?;
        connection::configure_for_work(&conn, true)?;
        let search = SearchIndex::new(PARTNERS);
        let risk_search = SearchIndex::new(RISKS);
        search.register(&conn)?;
        risk_search.register(&conn)?;
        rusqlite::vtab::array::load_module(&conn)?;
        let data_version = conn.pragma_query_value(None, "data_version", |row| row.get(0))?;
        Ok(Workbook {
            conn,
            path: self.path.clone(),
            read_only: true,
            notices: Vec::new(),
            foreign_keys: self.foreign_keys.clone(),
            search,
            risk_search,
            data_version,
            read_whole: false,
            _writer_lock: None,
        })
    }
}
