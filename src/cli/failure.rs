//! A failed command: the message for stderr and the exit code (DESIGN §6), a full disk told apart
//! as the user's to solve.

use crate::workbook::OpenError;

/// Exit codes (DESIGN §6).
pub mod exit {
    pub const OK: u8 = 0;
    pub const BAD_INPUT: u8 = 1;
    pub const REFUSED: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

/// A failed command: what to print on stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub(super) fn internal(err: anyhow::Error) -> Failure {
        if out_of_space(&err) {
            return Failure::no_space(&err);
        }
        Failure {
            code: exit::INTERNAL,
            message: format!("{err:#}"),
        }
    }

    /// A full disk (or a file size limit) is the user's to solve, not an internal error; every
    /// write is one transaction or a file built aside, so nothing was changed.
    pub(super) fn no_space(err: &anyhow::Error) -> Failure {
        Failure::bad_input(format!(
            "not enough space to finish ({err:#}). Nothing was changed; free some space on the \
             disk, or choose a folder on another disk, and try again."
        ))
    }

    pub(super) fn bad_input(message: impl Into<String>) -> Failure {
        Failure {
            code: exit::BAD_INPUT,
            message: message.into(),
        }
    }
}

/// Whether `err` comes from a full disk, a quota or a file size limit.
pub(super) fn out_of_space(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
            || cause.downcast_ref::<std::io::Error>().is_some_and(|e| {
                matches!(
                    e.kind(),
                    std::io::ErrorKind::StorageFull
                        | std::io::ErrorKind::FileTooLarge
                        | std::io::ErrorKind::QuotaExceeded
                )
            })
    })
}

impl From<OpenError> for Failure {
    fn from(err: OpenError) -> Failure {
        if let OpenError::Failed(cause) = &err
            && out_of_space(cause)
        {
            return Failure::no_space(cause);
        }
        let code = match err {
            OpenError::Refused(_) => exit::REFUSED,
            OpenError::BadInput(_) => exit::BAD_INPUT,
            OpenError::Failed(_) => exit::INTERNAL,
        };
        Failure {
            code,
            message: err.to_string(),
        }
    }
}
