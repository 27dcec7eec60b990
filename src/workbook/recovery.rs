//! A hot `-journal` beside a workbook is rolled back on a private copy first; only a copy that
//! passes every check replaces the file, so a journal that belongs elsewhere can never damage it.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::Refusal;
use super::connection::{self, Access};
use super::header;
use super::inspect::Depth;
use super::open::{OpenError, inspect, parent_dir, sibling, temp_sibling};

/// The journal beside `path`, if there is one. A journal that is a folder, not a regular file, or
/// cannot be read is refused: SQLite would fail on it with a bare "disk I/O error".
pub(crate) fn journal_beside(path: &Path) -> Result<Option<PathBuf>, Refusal> {
    let journal = sibling(path, "-journal");
    let unusable = |detail: String| Refusal::JournalUnusable {
        path: path.to_path_buf(),
        detail,
    };
    let metadata = match fs::symlink_metadata(&journal) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(unusable(format!("cannot be looked at ({err})"))),
        Ok(metadata) => metadata,
    };
    if metadata.is_dir() {
        return Err(unusable("is a folder, not a journal file".into()));
    }
    if !metadata.is_file() {
        return Err(unusable(
            "is not a regular file (a link, device, pipe or socket)".into(),
        ));
    }
    let mut probe = [0u8; 1];
    if let Err(err) = File::open(&journal).and_then(|mut file| file.read(&mut probe)) {
        return Err(unusable(match err.kind() {
            io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".into(),
            _ => format!("cannot be read ({err})"),
        }));
    }
    Ok(Some(journal))
}

/// A copy of a workbook and some of its side files in a folder only this process uses, removed
/// when dropped.
pub(crate) struct PrivateCopy {
    _dir: tempfile::TempDir,
    pub(crate) file: PathBuf,
}

/// Copies `path` and those of its side files (`-journal`, `-wal`) named in `sides` that exist
/// into a private folder, through the file system (SQLite never opens the originals).
pub(crate) fn private_copy(path: &Path, sides: &[&str]) -> io::Result<PrivateCopy> {
    // A random name, made only if it did not exist, readable by this user alone (0700); the
    // first bits of a time-ordered uuid, as before, were the same for two opens in one
    // millisecond ("File exists").
    let dir = tempfile::Builder::new()
        .prefix("partnerplan-recover-")
        .tempdir()?;
    let file = dir.path().join("workbook.partnerplan");
    fs::copy(path, &file)?;
    for side in sides {
        let original = sibling(path, side);
        if original.exists() {
            fs::copy(&original, sibling(&file, side))?;
        }
    }
    Ok(PrivateCopy { _dir: dir, file })
}

/// Copies the workbook and its journal into a private folder, lets SQLite roll the journal back
/// there, and checks the result as a received file (header, schema, `quick_check`). The original
/// and its journal are only read.
pub(crate) fn recover_on_copy(
    path: &Path,
    journal: &Path,
    steps: &[&str],
) -> Result<PrivateCopy, OpenError> {
    debug_assert_eq!(journal, sibling(path, "-journal"));
    let copy = private_copy(path, &["-journal"]).map_err(|err| {
        OpenError::Failed(anyhow::Error::new(err).context(format!(
            "copying {} and its journal to a private folder to roll the journal back there",
            path.display()
        )))
    })?;
    let file = copy.file.clone();
    let stray = |detail: String| Refusal::StrayJournal {
        path: path.to_path_buf(),
        detail,
    };
    // The first read on a writable connection rolls a hot journal back.
    let rolled_back = connection::open(&file, Access::ReadWrite).and_then(|conn| {
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
            row.get::<_, i64>(0)
        })
    });
    if let Err(err) = rolled_back {
        return Err(stray(format!("SQLite could not roll it back ({err})")).into());
    }
    let checked = header::read_header(&file)
        .map_err(OpenError::from)
        .and_then(|_| inspect(&file, Access::ReadOnly, steps, Depth::Whole));
    match checked {
        Ok(_) => Ok(copy),
        Err(OpenError::Refused(refusal)) => Err(stray(finding(&refusal)).into()),
        Err(other) => Err(other),
    }
}

/// What a check found in the rolled-back copy, without the copy's private path.
fn finding(refusal: &Refusal) -> String {
    match refusal {
        Refusal::Damaged { detail, .. } | Refusal::NotSqlite { detail, .. } => {
            format!("the result would be damaged: {detail}")
        }
        Refusal::ForeignSchema { objects, .. } => format!(
            "the result would hold schema objects partnerplan did not create ({})",
            objects.join(", ")
        ),
        other => format!("the result would be refused as {}", other.kind()),
    }
}

/// Puts the recovered copy in place of `path` (written beside it, synced, renamed over it) and
/// then removes the journal. A crash in between leaves the recovered file with the same journal,
/// whose second rollback writes the same pages again.
pub(crate) fn replace_with(
    path: &Path,
    journal: &Path,
    recovered: &PrivateCopy,
) -> Result<(), OpenError> {
    let temp = temp_sibling(path, "recovered");
    let done = (|| -> io::Result<()> {
        fs::copy(&recovered.file, &temp)?;
        File::open(&temp)?.sync_all()?;
        fs::rename(&temp, path)?;
        sync_folder(path);
        fs::remove_file(journal)?;
        sync_folder(path);
        Ok(())
    })();
    done.map_err(|err| {
        let _ = fs::remove_file(&temp);
        OpenError::Failed(anyhow::Error::new(err).context(format!(
            "putting the recovered copy of {} in its place",
            path.display()
        )))
    })
}

fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(parent_dir(path)) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two private copies made in the same millisecond get folders of their own.
    #[test]
    fn private_copies_made_at_once_each_get_their_own_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.partnerplan");
        fs::write(&path, b"not really a workbook").unwrap();
        let copies: Vec<PrivateCopy> = (0..20).map(|_| private_copy(&path, &[]).unwrap()).collect();
        let folders: std::collections::HashSet<&Path> =
            copies.iter().filter_map(|c| c.file.parent()).collect();
        assert_eq!(folders.len(), 20);
    }
}
