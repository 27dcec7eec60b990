//! Opening and creating workbook files: header checks, hardening, integrity, schema comparison,
//! the single-writer lock, WAL conversion and migration with a backup.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rusqlite::Connection;

use super::connection::{self, Access};
use super::header::{self, Header};
use super::inspect::Depth;
pub(crate) use super::inspect::inspect;
use super::journal::ForeignKeys;
use super::known_sound::{FileStamp, KnownSound};
use super::migrate;
use super::schema::{APPLICATION_ID, MIGRATIONS};
use super::{Refusal, Workbook, meta, recovery};
use crate::plan::intake::{FieldValue, field_problem};
use crate::plan::text::clean;

/// How to open a workbook.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    pub read_only: bool,
    /// Create a new workbook when the path does not exist yet.
    pub create_if_missing: bool,
}

/// Why opening failed: a refused file (exit 2), bad input such as a missing folder (exit 1), or
/// something unexpected (exit 3).
#[derive(Debug)]
pub enum OpenError {
    Refused(Refusal),
    BadInput(String),
    Failed(anyhow::Error),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Refused(refusal) => refusal.fmt(f),
            OpenError::BadInput(message) => f.write_str(message),
            OpenError::Failed(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<Refusal> for OpenError {
    fn from(refusal: Refusal) -> Self {
        OpenError::Refused(refusal)
    }
}

impl From<anyhow::Error> for OpenError {
    fn from(err: anyhow::Error) -> Self {
        OpenError::Failed(err)
    }
}

/// Maps SQLite's complaints about a file to the refusal a user understands.
pub(crate) fn refusal_from_sqlite(path: &Path, err: &rusqlite::Error) -> Option<Refusal> {
    let code = err.sqlite_error_code()?;
    let path = path.to_path_buf();
    if let rusqlite::Error::SqliteFailure(failure, _) = err
        && failure.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK
    {
        return Some(Refusal::Damaged {
            path,
            detail: "it holds an unfinished change from a crash (a -journal file lies beside \
                     it), which cannot be rolled back read-only; on a private copy the journal \
                     rolls back into a sound workbook, so open it once without --read-only and \
                     partnerplan restores the last saved state (it replaces the file only with \
                     a copy that passed every check)"
                .into(),
        });
    }
    Some(match code {
        rusqlite::ErrorCode::NotADatabase => Refusal::NotSqlite {
            path,
            detail: "SQLite does not recognise it as a database".into(),
        },
        rusqlite::ErrorCode::DatabaseCorrupt => Refusal::Damaged {
            path,
            detail: format!("SQLite reports corruption ({err})"),
        },
        rusqlite::ErrorCode::PermissionDenied | rusqlite::ErrorCode::CannotOpen => {
            Refusal::NoPermission {
                path,
                detail: format!("SQLite could not open it ({err})"),
            }
        }
        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
            Refusal::Locked { path }
        }
        _ => return None,
    })
}

impl Workbook {
    /// Opens `path` as a workbook, after checking everything that can be checked without changing
    /// a byte. Refused files are never modified.
    pub fn open(path: &Path, options: OpenOptions) -> Result<Workbook, OpenError> {
        Workbook::open_with_steps(path, options, MIGRATIONS, None)
    }

    /// `open`, except that a file `known` remembers — one this app read whole and left cleanly,
    /// unchanged since — is not read whole again: its header and schema are still checked.
    pub fn open_known(
        path: &Path,
        options: OpenOptions,
        known: &KnownSound,
    ) -> Result<Workbook, OpenError> {
        Workbook::open_with_steps(path, options, MIGRATIONS, Some(known))
    }

    /// Closes the workbook and returns the file's stamp for `KnownSound::remember` when nothing
    /// but this workbook wrote to the file since it was checked at opening (SQLite's
    /// `data_version` is unchanged), `None` otherwise.
    pub fn close_known_sound(self) -> Option<FileStamp> {
        let version: Option<i64> = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .ok();
        if version.is_none() || version != Some(self.data_version) {
            return None;
        }
        let path = self.path.clone();
        drop(self);
        FileStamp::of(&path)
    }

    /// `open` against a given list of schema steps (tests use a longer list to exercise upgrades).
    pub(crate) fn open_with_steps(
        path: &Path,
        options: OpenOptions,
        steps: &[&str],
        known_sound: Option<&KnownSound>,
    ) -> Result<Workbook, OpenError> {
        let known = steps.len() as i64;
        match fs::symlink_metadata(path) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                if options.create_if_missing && !options.read_only {
                    Workbook::create(path, None)?;
                } else {
                    return Err(OpenError::BadInput(format!(
                        "{} does not exist. Check the path, or create it with `partnerplan new {}`.",
                        path.display(),
                        path.display()
                    )));
                }
            }
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                return Err(Refusal::NoPermission {
                    path: path.to_path_buf(),
                    detail: "a folder on its path cannot be entered".into(),
                }
                .into());
            }
            _ => {}
        }
        let mut header = header::read_header(path)?;
        check_header(path, &header, known)?;

        let mut notices = Vec::new();
        let mut read_only = options.read_only;
        if let Some(reason) = (!read_only).then(|| why_not_writable(path)).flatten() {
            notices.push(format!("Opened read-only: {reason}."));
            read_only = true;
        }
        let mut writer_lock = if read_only {
            None
        } else {
            Some(take_writer_lock(path)?)
        };

        // A journal beside the file is never rolled back in place: it may belong to another file.
        // It is tried on a private copy; read-only, a journal that passes is left to SQLite (a
        // writer's transaction in progress is waited for, a crashed one refused below).
        if let Some(journal) = recovery::journal_beside(path)? {
            let recovered = recovery::recover_on_copy(path, &journal, steps)?;
            if !read_only {
                recovery::replace_with(path, &journal, &recovered)?;
                // The lock was on the file that the recovered copy replaced.
                drop(writer_lock.take());
                writer_lock = Some(take_writer_lock(path)?);
                header = header::read_header(path)?;
                check_header(path, &header, known)?;
                notices.push(
                    "An unfinished change from a crash was rolled back (tried on a copy first), \
                     restoring the last saved state."
                        .into(),
                );
            }
        }
        let check_access = if header.wal_mode && !sibling(path, "-wal").exists() {
            Access::Immutable
        } else {
            Access::ReadOnly
        };
        // A file this app read whole and left cleanly, unchanged since, keeps its first frame
        // from waiting for every page of it; any other file is read whole before use.
        let depth = if known_sound.is_some_and(|k| k.knows(path)) {
            Depth::Schema
        } else {
            Depth::Whole
        };
        let version = inspect(path, check_access, steps, depth)?;

        if version < known {
            if read_only {
                return Err(Refusal::NeedsUpgrade {
                    path: path.to_path_buf(),
                    version,
                    known,
                }
                .into());
            }
            let backup = super::backup::backup_before_migration(path, version)?;
            notices.push(format!(
                "Upgraded from schema {version} to {}; the previous file is kept as {}.",
                known,
                backup.display()
            ));
        }

        let access = if !read_only {
            Access::ReadWrite
        } else if header.wal_mode && !sibling(path, "-wal").exists() {
            // A plain read-only connection to a WAL-mode file creates -wal and -shm files beside
            // it and cannot remove them again; read it as the immutable file it is, like `check`.
            Access::Immutable
        } else {
            Access::ReadOnly
        };
        let mut conn =
            connection::open(path, access).map_err(|err| open_failure(path, err, "opening"))?;
        if !read_only {
            migrate::migrate(&mut conn, steps)
                .with_context(|| format!("upgrading {}", path.display()))?;
        }
        connection::configure_for_work(&conn, read_only)
            .map_err(|err| open_failure(path, err, "configuring"))?;
        if !read_only {
            remove_stale_journal(&conn, path)
                .map_err(|err| open_failure(path, err, "cleaning up"))?;
        }
        if header.wal_mode && !read_only {
            notices.push(
                "The file was in WAL mode; it now uses a rollback journal again, so it stays one \
                 portable file."
                    .into(),
            );
        }
        if !read_only {
            meta::record_writer_version(&conn)
                .map_err(|err| open_failure(path, err, "updating"))?;
        }
        let foreign_keys =
            ForeignKeys::read(&conn).map_err(|err| open_failure(path, err, "reading"))?;
        let data_version: i64 = conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(|err| open_failure(path, err, "reading"))?;
        let search = super::search::SearchIndex::new(super::search::PARTNERS);
        let risk_search = super::search::SearchIndex::new(super::search::RISKS);
        search
            .register(&conn)
            .and_then(|()| risk_search.register(&conn))
            .and_then(|()| rusqlite::vtab::array::load_module(&conn))
            .map_err(|err| open_failure(path, err, "preparing"))?;
        Ok(Workbook {
            conn,
            path: path.to_path_buf(),
            read_only,
            notices,
            foreign_keys,
            search,
            risk_search,
            data_version,
            read_whole: depth == Depth::Whole,
            _writer_lock: writer_lock,
        })
    }

    /// Creates a new, empty workbook at `path`, which must not exist. The file is built under a
    /// temporary name and moved into place complete, so a crash never leaves half a workbook.
    pub fn create(path: &Path, title: Option<&str>) -> Result<(), OpenError> {
        Workbook::create_with_weights(path, title, &[])
    }

    /// `create`, with the user's default criteria weights (`criteria key → weight`) from config;
    /// criteria not named keep the weight that ships in assets/defaults.toml.
    pub fn create_with_weights(
        path: &Path,
        title: Option<&str>,
        weights: &[(String, f64)],
    ) -> Result<(), OpenError> {
        if path.exists() {
            return Err(OpenError::BadInput(format!(
                "{} already exists. Choose another name, or open it with `partnerplan {}`.",
                path.display(),
                path.display()
            )));
        }
        let parent = parent_dir(path);
        if !parent.is_dir() {
            return Err(OpenError::BadInput(format!(
                "cannot create {}: the folder {} does not exist. Create it first or choose another place.",
                path.display(),
                parent.display()
            )));
        }
        // The title is held to the rules every stored value meets (a file that opens must pass
        // them); a default taken from the file's name is cleaned of what a title may not hold.
        if let Some(problem) = title.and_then(|t| field_problem("title", FieldValue::Text(t))) {
            return Err(OpenError::BadInput(format!(
                "cannot create {}: the title {}",
                path.display(),
                clean(&problem)
            )));
        }
        let temp = temp_sibling(path, "new");
        let built = (|| -> anyhow::Result<()> {
            let mut conn = connection::open(&temp, Access::Create)?;
            conn.pragma_update(None, "journal_mode", "DELETE")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            migrate::migrate(&mut conn, MIGRATIONS)?;
            let default_title = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .map(|stem| clean(&stem).into_owned())
                .filter(|stem| field_problem("title", FieldValue::Text(stem)).is_none())
                .unwrap_or_else(|| "Partner plan".into());
            meta::initialise(&conn, title.unwrap_or(&default_title), weights)?;
            conn.close().map_err(|(_, err)| err)?;
            File::open(&temp)?.sync_all()?;
            Ok(())
        })();
        if let Err(err) = built {
            let _ = fs::remove_file(&temp);
            let _ = fs::remove_file(sibling(&temp, "-journal"));
            return Err(classify_create_error(path, err));
        }
        move_into_place(&temp, path).map_err(|err| {
            let _ = fs::remove_file(&temp);
            OpenError::Failed(
                anyhow::Error::new(err).context(format!("creating {}", path.display())),
            )
        })?;
        Ok(())
    }
}

fn classify_create_error(path: &Path, err: anyhow::Error) -> OpenError {
    let permission = err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::PermissionDenied)
            || cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
                matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                )
            })
    });
    if permission {
        OpenError::BadInput(format!(
            "cannot create {}: the folder is not writable. Choose a folder you can write to.",
            path.display()
        ))
    } else {
        OpenError::Failed(err.context(format!("creating {}", path.display())))
    }
}

/// A crash before a journal's header was complete leaves a journal SQLite rightly ignores (it is
/// not "hot"), but it would stay beside the file until the next edit. Under SQLite's exclusive
/// lock — taken only after any hot journal has been rolled back — it can safely go.
fn remove_stale_journal(conn: &Connection, path: &Path) -> rusqlite::Result<()> {
    let journal = sibling(path, "-journal");
    if !journal.exists() {
        return Ok(());
    }
    conn.execute_batch("BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema;")?;
    let _ = fs::remove_file(&journal);
    conn.execute_batch("COMMIT")
}

/// Checks that the header belongs to a workbook this version can read.
fn check_header(path: &Path, header: &Header, known: i64) -> Result<(), Refusal> {
    if header.application_id != APPLICATION_ID {
        return Err(Refusal::OtherApplication {
            path: path.to_path_buf(),
            application_id: header.application_id,
        });
    }
    if header.user_version > known {
        return Err(Refusal::NewerVersion {
            path: path.to_path_buf(),
            version: header.user_version,
            known,
        });
    }
    Ok(())
}

pub(crate) fn open_failure(path: &Path, err: rusqlite::Error, doing: &str) -> OpenError {
    match refusal_from_sqlite(path, &err) {
        Some(refusal) => OpenError::Refused(refusal),
        None => OpenError::Failed(
            anyhow::Error::new(err).context(format!("{doing} {}", path.display())),
        ),
    }
}

/// How long a lock held elsewhere is waited for before the file counts as open elsewhere: a
/// process that is just closing the file (or a child process that inherited the handle for the
/// moment between fork and exec) lets go within this time.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(300);

/// Takes the advisory lock that makes us the only writer. The lock lives on its own file handle
/// (an OS `flock`, separate from SQLite's byte-range locks) and is released when the process ends,
/// even by SIGKILL, so no stale lock can remain.
fn take_writer_lock(path: &Path) -> Result<File, OpenError> {
    let file = File::open(path).map_err(|err| {
        OpenError::Refused(Refusal::NoPermission {
            path: path.to_path_buf(),
            detail: err.to_string(),
        })
    })?;
    let started = std::time::Instant::now();
    let mut attempt = file.try_lock();
    while matches!(attempt, Err(TryLockError::WouldBlock)) && started.elapsed() < LOCK_PATIENCE {
        std::thread::sleep(std::time::Duration::from_millis(15));
        attempt = file.try_lock();
    }
    match attempt {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Refusal::Locked {
            path: path.to_path_buf(),
        }
        .into()),
        // File systems without locks (some network shares): go on; SQLite's own locks remain.
        Err(TryLockError::Error(err)) if err.kind() == io::ErrorKind::Unsupported => Ok(file),
        Err(TryLockError::Error(err)) => Err(OpenError::Failed(
            anyhow::Error::new(err).context(format!("locking {}", path.display())),
        )),
    }
}

/// Why we may not write: the file or its folder (where SQLite writes its rollback journal).
fn why_not_writable(path: &Path) -> Option<String> {
    if let Err(err) = fs::OpenOptions::new().read(true).write(true).open(path) {
        return Some(match err.kind() {
            io::ErrorKind::PermissionDenied => "you have no write permission for the file".into(),
            io::ErrorKind::ReadOnlyFilesystem => "the file is on a read-only file system".into(),
            _ => format!("the file cannot be opened for writing ({err})"),
        });
    }
    let probe = temp_sibling(path, "probe");
    match File::create_new(&probe) {
        Ok(_) => {
            let _ = fs::remove_file(&probe);
            None
        }
        Err(_) => Some(
            "its folder is not writable, so SQLite could not keep the journal that protects edits"
                .into(),
        ),
    }
}

pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` with `suffix` appended to its file name (SQLite's side files: `-journal`, `-wal`).
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A hidden, unique name beside `path` for building a file before it is moved into place.
pub(crate) fn temp_sibling(path: &Path, purpose: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_dir(path).join(format!(".{name}.{purpose}-{}", &super::new_uuid()[..8]))
}

/// Moves a finished file into place without ever replacing an existing one where the file system
/// allows it (a hard link fails if the target exists); FAT and some shares fall back to rename.
pub(crate) fn move_into_place(temp: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(temp, target) {
        Ok(()) => fs::remove_file(temp)?,
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => return Err(err),
        Err(_) => fs::rename(temp, target)?,
    }
    if let Ok(dir) = File::open(parent_dir(target)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PartnerDraft;

    /// The real schema plus one more step, as the next release would ship it.
    fn next_release() -> Vec<&'static str> {
        let mut steps = MIGRATIONS.to_vec();
        steps.push("CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY);");
        steps
    }

    #[test]
    fn upgrading_keeps_a_backup_made_through_sqlite_and_keeps_the_data() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        Workbook::create(&path, Some("Plan")).unwrap();
        let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        let draft = PartnerDraft {
            name: "Kept".into(),
            ..Default::default()
        };
        wb.add_partner(&draft).unwrap();
        drop(wb);

        let wb = Workbook::open_with_steps(&path, OpenOptions::default(), &next_release(), None)
            .unwrap();
        let version: i64 = wb
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        // Written for any schema: the probe step is always one past the real ones.
        let current = MIGRATIONS.len() as i64;
        assert_eq!(version, current + 1);
        let upgraded = format!("Upgraded from schema {current} to {}", current + 1);
        assert!(
            wb.notices().iter().any(|n| n.contains(&upgraded)),
            "{:?}",
            wb.notices()
        );
        let backup = dir
            .path()
            .join(format!("plan.schema{current}-backup.partnerplan"));
        assert!(backup.exists());
        drop(wb);

        // The backup is a complete workbook of the current schema that the current build opens as it was.
        let old = Workbook::open(&backup, OpenOptions::default()).unwrap();
        let names: i64 = old
            .conn
            .query_row(
                "SELECT count(*) FROM partners WHERE name = 'Kept'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(names, 1);
        assert!(
            !dir.path().read_dir().unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.'))
        );
    }

    #[test]
    fn an_old_workbook_opened_read_only_is_refused_not_upgraded() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plan.partnerplan");
        Workbook::create(&path, None).unwrap();
        let before = std::fs::read(&path).unwrap();
        let options = OpenOptions {
            read_only: true,
            create_if_missing: false,
        };
        match Workbook::open_with_steps(&path, options, &next_release(), None) {
            Err(OpenError::Refused(Refusal::NeedsUpgrade { version, known, .. }))
                if version == MIGRATIONS.len() as i64 && known == version + 1 => {}
            other => panic!("expected NeedsUpgrade, got {:?}", other.map(|_| ())),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// Schema 2 adds the stored next check-in: a schema-1 file with check-ins gets it computed
    /// from each partner's own cadence or the default, and a new default recomputes only those
    /// without their own.
    #[test]
    fn schema_1_files_get_their_next_check_in_dates() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("v1.partnerplan");
        {
            let mut conn = connection::open(&path, Access::Create).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            migrate::migrate(&mut conn, &MIGRATIONS[..1]).unwrap();
            meta::initialise(&conn, "Old", &[]).unwrap();
            conn.execute_batch(
                "INSERT INTO partners (uuid, name, partner_type, stage, last_checkin, \
                 checkin_cadence_days, created_at, updated_at) VALUES \
                 ('u1', 'Own cadence', 'supplier', 'active', '2026-11-01', 10, 't', 't'), \
                 ('u2', 'Default cadence', 'supplier', 'active', '2026-11-01', NULL, 't', 't'), \
                 ('u3', 'Never', 'supplier', 'active', NULL, NULL, 't', 't');",
            )
            .unwrap();
        }
        let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        let next = |wb: &Workbook| -> Vec<String> {
            wb.conn
                .prepare("SELECT next_checkin FROM partners ORDER BY uuid")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(next(&wb), ["2026-11-11", "2026-12-01", ""]);
        wb.use_default_cadence(14).unwrap();
        assert_eq!(next(&wb), ["2026-11-11", "2026-11-15", ""]);
        drop(wb);
        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        assert_eq!(
            next(&wb),
            ["2026-11-11", "2026-11-15", ""],
            "kept in the file"
        );
    }
}
