//! The file system around a workbook: the single-writer lock, whether the file and its folder may
//! be written, SQLite's side files and moving a finished file into place.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::OpenError;
use crate::workbook::{Refusal, new_uuid};

/// How long a lock held elsewhere is waited for before the file counts as open elsewhere: a
/// process that is just closing the file (or a child process that inherited the handle for the
/// moment between fork and exec) lets go within this time.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(300);

/// Takes the advisory lock that makes us the only writer. The lock lives on its own file handle
/// (an OS `flock`, separate from SQLite's byte-range locks) and is released when the process ends,
/// even by SIGKILL, so no stale lock can remain.
pub(super) fn take_writer_lock(path: &Path) -> Result<File, OpenError> {
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
pub(super) fn why_not_writable(path: &Path) -> Option<String> {
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
    // The uuid's last twelve digits are random; its first ones are the time (a uuid of version
    // 7), the same for every name made within a minute.
    let id = new_uuid();
    let random = id.get(id.len().saturating_sub(12)..).unwrap_or(&id);
    parent_dir(path).join(format!(".{name}.{purpose}-{random}"))
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

    /// Names made one after another differ (their time-ordered start once made every name of
    /// a minute the same).
    #[test]
    fn temporary_siblings_made_at_once_differ() {
        let path = Path::new("plan.partnerplan");
        let names: std::collections::HashSet<PathBuf> =
            (0..100).map(|_| temp_sibling(path, "new")).collect();
        assert_eq!(names.len(), 100);
    }
}
