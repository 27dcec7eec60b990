//! Opening and creating workbook files: header checks, hardening, integrity, schema comparison,
//! the single-writer lock, WAL conversion and migration with a backup. Why opening failed is told
//! in `error.rs`, the lock and the side files beside a workbook in `files.rs`.

mod error;
mod files;

pub use error::OpenError;
use error::classify_create_error;
pub(crate) use error::open_failure;
pub(crate) use files::{move_into_place, parent_dir, sibling, temp_sibling};
use files::{take_writer_lock, why_not_writable};

use std::fs::{self, File};
use std::io;
use std::path::Path;

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
        if !self.written_by_none_else() {
            return None;
        }
        let path = self.path.clone();
        drop(self);
        FileStamp::of(&path)
    }

    /// The file's stamp as it is now, when nothing but this workbook wrote to it since it was
    /// checked at opening: a second reader of the app's own (an export) opened with
    /// `KnownSound::only` of it reads the header and schema alone, and the whole file again
    /// if anything changed it since this stamp.
    pub fn sound_stamp(&self) -> Option<FileStamp> {
        self.written_by_none_else()
            .then(|| FileStamp::of(&self.path))
            .flatten()
    }

    /// Whether SQLite's `data_version` is as it was at opening: no other connection committed.
    fn written_by_none_else(&self) -> bool {
        let version: Option<i64> = self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .ok();
        version == Some(self.data_version)
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
            // The file is built under a temporary name, synced once whole and only then moved
            // into place: a crash meanwhile leaves no workbook, so the steps need neither a
            // journal on disk nor a sync each (342 syncs made `new` take 1.3-1.5 s on a busy
            // disk, 0.04 s of it work). A failing step still rolls back in memory.
            conn.pragma_update(None, "journal_mode", "MEMORY")?;
            conn.pragma_update(None, "synchronous", "OFF")?;
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
