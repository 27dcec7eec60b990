//! Why opening or creating a workbook failed, told apart for the exit code: SQLite's and the
//! file system's complaints mapped to the refusal or the message a user understands.

use std::io;
use std::path::Path;

use crate::workbook::Refusal;

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

pub(super) fn classify_create_error(path: &Path, err: anyhow::Error) -> OpenError {
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

pub(crate) fn open_failure(path: &Path, err: rusqlite::Error, doing: &str) -> OpenError {
    match refusal_from_sqlite(path, &err) {
        Some(refusal) => OpenError::Refused(refusal),
        None => OpenError::Failed(
            anyhow::Error::new(err).context(format!("{doing} {}", path.display())),
        ),
    }
}
