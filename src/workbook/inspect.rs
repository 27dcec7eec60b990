//! Checking a file before use: its schema text compared with ours first, then `quick_check` and
//! every value (`content`), all within a deadline that grows with the file's size.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::Refusal;
use super::connection::{self, Access};
use super::migrate::{self, expected_schema, schema_of};
use super::open::{OpenError, open_failure};
use super::schema::APPLICATION_ID;

/// How much of a file `inspect` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// The header's fields and the schema's text: what a file this app checked whole and left
    /// cleanly, unchanged since (`KnownSound`), still gets.
    Schema,
    /// Also SQLite's `quick_check` over every page and every value read as `check` reads it
    /// (types per column, UTF-8, sizes, the intake rules), so that a file that opens works.
    Whole,
}

/// Opens the file with `access`, compares its schema with ours and, at `Depth::Whole`, reads the
/// whole file, within a deadline that grows with the file's size. Returns the schema version.
/// Nothing is written.
pub(crate) fn inspect(
    path: &Path,
    access: Access,
    steps: &[&str],
    depth: Depth,
) -> Result<i64, OpenError> {
    inspect_within(path, access, steps, depth, check_deadline(path))
}

/// How long checking a file may take: a sound workbook is checked in well under a second per
/// 100 MB, so this only stops files built to keep the app busy.
pub(crate) fn check_deadline(path: &Path) -> Duration {
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Duration::from_secs(5 + 5 * (size / 100_000_000))
}

/// Interrupts every statement on `conn` once it has spent `limit` of processor time.
///
/// Processor time of this thread, not time on the clock: a machine busy with other work (a
/// build, a second app, a CI runner) slows a sound check down but does not make it spend more
/// processor time, while a file built to keep the app busy spends it however busy the machine
/// is. Where the thread's processor time cannot be read, the clock decides.
pub(crate) fn set_deadline(conn: &mut Connection, limit: Duration) -> rusqlite::Result<()> {
    let mut budget = CpuBudget::start(limit);
    conn.progress_handler(1_000, Some(move || budget.spent()))
}

/// A processor-time budget, checked cheaply: the clock is read at each call, the thread's
/// processor time only once the clock says the budget could be spent.
struct CpuBudget {
    limit: Duration,
    /// The thread's processor time at the start, if it can be read.
    started: Option<Duration>,
    /// Before this instant the budget cannot be spent (processor time never runs faster than
    /// the clock).
    next_look: Instant,
}

impl CpuBudget {
    fn start(limit: Duration) -> CpuBudget {
        CpuBudget {
            limit,
            started: thread_cpu_time(),
            next_look: Instant::now() + limit,
        }
    }

    fn spent(&mut self) -> bool {
        let now = Instant::now();
        if now < self.next_look {
            return false;
        }
        let used = match (self.started, thread_cpu_time()) {
            (Some(started), Some(now)) => now.saturating_sub(started),
            _ => return true,
        };
        if used >= self.limit {
            return true;
        }
        self.next_look = now + (self.limit - used);
        false
    }
}

/// The processor time the calling thread has used (Linux: `/proc/thread-self/schedstat`, whose
/// first field is nanoseconds on the processor).
fn thread_cpu_time() -> Option<Duration> {
    let text = fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Whether `err` is a statement stopped by the deadline of `set_deadline`.
pub(crate) fn ran_out_of_time(err: &OpenError) -> bool {
    let OpenError::Failed(err) = err else {
        return false;
    };
    err.chain().any(|cause| {
        cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted)
        })
    })
}

pub(crate) fn inspect_within(
    path: &Path,
    access: Access,
    steps: &[&str],
    depth: Depth,
    limit: Duration,
) -> Result<i64, OpenError> {
    let mut conn =
        connection::open(path, access).map_err(|err| open_failure(path, err, "opening"))?;
    set_deadline(&mut conn, limit).map_err(|err| open_failure(path, err, "opening"))?;
    let result = inspect_connection(path, &conn, steps, depth);
    drop(conn);
    match result {
        Err(err) if ran_out_of_time(&err) => Err(Refusal::TooSlow {
            path: path.to_path_buf(),
            seconds: limit.as_secs(),
        }
        .into()),
        other => other,
    }
}

fn inspect_connection(
    path: &Path,
    conn: &Connection,
    steps: &[&str],
    depth: Depth,
) -> Result<i64, OpenError> {
    let known = steps.len() as i64;
    let fail = |err: rusqlite::Error| open_failure(path, err, "checking");
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(fail)?;
    if application_id != APPLICATION_ID {
        return Err(Refusal::OtherApplication {
            path: path.to_path_buf(),
            application_id,
        }
        .into());
    }
    let version = migrate::user_version(conn).map_err(fail)?;
    if version > known {
        return Err(Refusal::NewerVersion {
            path: path.to_path_buf(),
            version,
            known,
        }
        .into());
    }
    // The schema first: reading its text evaluates nothing, while quick_check computes CHECK
    // constraints and generated columns for every row, which a hostile schema makes expensive.
    compare_schema(path, conn, steps, version)?;
    if depth == Depth::Schema {
        return Ok(version);
    }
    let problems: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA quick_check(5)").map_err(fail)?;
        let rows = stmt
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)?
    };
    if problems.first().map(String::as_str) != Some("ok") {
        return Err(Refusal::Damaged {
            path: path.to_path_buf(),
            detail: format!("SQLite's integrity check found: {}", problems.join("; ")),
        }
        .into());
    }
    // Only a file of the current schema is read value by value: an older one is upgraded (on a
    // checked copy kept as its backup) and its values are those of its own time.
    if version == known {
        super::content::check_content(path, conn)?;
    }
    Ok(version)
}

/// Compares the file's schema text with what the first `version` steps produce.
fn compare_schema(
    path: &Path,
    conn: &Connection,
    steps: &[&str],
    version: i64,
) -> Result<(), OpenError> {
    let actual = schema_of(conn).map_err(|err| open_failure(path, err, "checking"))?;
    let expected = expected_schema(steps, usize::try_from(version).unwrap_or(0))?;
    let foreign: Vec<String> = actual
        .iter()
        .filter(|object| {
            !expected
                .iter()
                .any(|e| e.kind == object.kind && e.name == object.name)
        })
        .map(|object| format!("{} {}", object.kind, object.name))
        .collect();
    if !foreign.is_empty() {
        return Err(Refusal::ForeignSchema {
            path: path.to_path_buf(),
            objects: foreign,
        }
        .into());
    }
    if let Some(differs) = expected.iter().find(|e| !actual.contains(e)) {
        let how = if actual
            .iter()
            .any(|a| a.kind == differs.kind && a.name == differs.name)
        {
            "was altered"
        } else {
            "is missing"
        };
        return Err(Refusal::Damaged {
            path: path.to_path_buf(),
            detail: format!("its {} {} {how}", differs.kind, differs.name),
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::Workbook;
    use crate::workbook::schema::MIGRATIONS;

    #[test]
    fn a_check_past_its_deadline_is_refused_as_too_slow() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        Workbook::create(&path, None).unwrap();
        assert!(
            inspect_within(
                &path,
                Access::ReadOnly,
                MIGRATIONS,
                Depth::Whole,
                Duration::from_secs(60)
            )
            .is_ok()
        );
        match inspect_within(
            &path,
            Access::ReadOnly,
            MIGRATIONS,
            Depth::Whole,
            Duration::ZERO,
        ) {
            Err(OpenError::Refused(refusal @ Refusal::TooSlow { .. })) => {
                assert!(
                    refusal.to_string().contains("took too long to check"),
                    "{refusal}"
                );
            }
            other => panic!(
                "expected a refusal as too slow, got {:?}",
                other.map(|_| ())
            ),
        }
    }

    #[test]
    fn the_budget_counts_processor_time_not_time_waiting() {
        let mut budget = CpuBudget::start(Duration::from_millis(50));
        // Asleep for four times the budget: no processor time spent, so not spent.
        std::thread::sleep(Duration::from_millis(200));
        if thread_cpu_time().is_some() {
            assert!(!budget.spent());
        }
        // Busy for twice the budget of processor time (or of the clock where that cannot be
        // read): spent.
        let (clock, cpu) = (Instant::now(), thread_cpu_time());
        let used = || match (cpu, thread_cpu_time()) {
            (Some(start), Some(now)) => now.saturating_sub(start),
            _ => clock.elapsed(),
        };
        let mut x = 0u64;
        while used() < Duration::from_millis(100) {
            for _ in 0..10_000 {
                x = std::hint::black_box(x.wrapping_add(1));
            }
        }
        assert!(budget.spent());
    }

    #[test]
    fn the_deadline_grows_with_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("big");
        let file = std::fs::File::create(&path).unwrap();
        assert_eq!(check_deadline(&path), Duration::from_secs(5));
        file.set_len(300_000_000).unwrap();
        assert_eq!(check_deadline(&path), Duration::from_secs(20));
    }
}
