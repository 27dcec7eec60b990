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

/// Interrupts every statement on `conn` once `limit` has passed.
pub(crate) fn set_deadline(conn: &mut Connection, limit: Duration) -> rusqlite::Result<()> {
    let deadline = Instant::now() + limit;
    conn.progress_handler(1_000, Some(move || Instant::now() >= deadline))
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
    fn the_deadline_grows_with_the_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("big");
        let file = std::fs::File::create(&path).unwrap();
        assert_eq!(check_deadline(&path), Duration::from_secs(5));
        file.set_len(300_000_000).unwrap();
        assert_eq!(check_deadline(&path), Duration::from_secs(20));
    }
}
