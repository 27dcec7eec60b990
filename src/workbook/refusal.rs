//! Why a workbook file was not opened, in words that name the file, the cause and the way out.

use std::fmt;
use std::path::{Path, PathBuf};

/// A file partnerplan will not open. Every case leaves the file byte-for-byte unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not an SQLite database at all: empty, too short, a folder, a device, or other bytes.
    NotSqlite { path: PathBuf, detail: String },
    /// An SQLite database, but written by another application.
    OtherApplication { path: PathBuf, application_id: i32 },
    /// A workbook written by a newer partnerplan whose schema this version does not know.
    NewerVersion {
        path: PathBuf,
        version: i64,
        known: i64,
    },
    /// A workbook from an older partnerplan that must be upgraded, asked to open read-only.
    NeedsUpgrade {
        path: PathBuf,
        version: i64,
        known: i64,
    },
    /// The file is corrupt or truncated, or its schema was altered.
    Damaged { path: PathBuf, detail: String },
    /// The schema holds objects (tables, triggers, views…) that partnerplan did not create.
    ForeignSchema { path: PathBuf, objects: Vec<String> },
    /// The operating system does not let us read the file.
    NoPermission { path: PathBuf, detail: String },
    /// Another partnerplan has the workbook open for writing.
    Locked { path: PathBuf },
    /// A hot `-journal` beside the file does not roll back into a sound workbook on a private
    /// copy: it belongs to another file, or one of the two is damaged.
    StrayJournal { path: PathBuf, detail: String },
    /// The `-journal` beside the file is a folder, not a regular file, or cannot be read.
    JournalUnusable { path: PathBuf, detail: String },
    /// Checking the file took longer than its size allows (an expensive expression in it).
    TooSlow { path: PathBuf, seconds: u64 },
}

impl Refusal {
    pub fn path(&self) -> &Path {
        match self {
            Refusal::NotSqlite { path, .. }
            | Refusal::OtherApplication { path, .. }
            | Refusal::NewerVersion { path, .. }
            | Refusal::NeedsUpgrade { path, .. }
            | Refusal::Damaged { path, .. }
            | Refusal::ForeignSchema { path, .. }
            | Refusal::NoPermission { path, .. }
            | Refusal::Locked { path }
            | Refusal::StrayJournal { path, .. }
            | Refusal::JournalUnusable { path, .. }
            | Refusal::TooSlow { path, .. } => path,
        }
    }

    /// The same refusal about `path` (a check made on a private copy names the original).
    pub fn at(mut self, path: &Path) -> Refusal {
        match &mut self {
            Refusal::NotSqlite { path: p, .. }
            | Refusal::OtherApplication { path: p, .. }
            | Refusal::NewerVersion { path: p, .. }
            | Refusal::NeedsUpgrade { path: p, .. }
            | Refusal::Damaged { path: p, .. }
            | Refusal::ForeignSchema { path: p, .. }
            | Refusal::NoPermission { path: p, .. }
            | Refusal::Locked { path: p }
            | Refusal::StrayJournal { path: p, .. }
            | Refusal::JournalUnusable { path: p, .. }
            | Refusal::TooSlow { path: p, .. } => *p = path.to_path_buf(),
        }
        self
    }

    /// A short, stable name for the case, used by `check` and by tests.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::NotSqlite { .. } => "not a workbook",
            Refusal::OtherApplication { .. } => "another application's database",
            Refusal::NewerVersion { .. } => "from a newer partnerplan",
            Refusal::NeedsUpgrade { .. } => "needs an upgrade",
            Refusal::Damaged { .. } => "damaged",
            Refusal::ForeignSchema { .. } => "unknown schema objects",
            Refusal::NoPermission { .. } => "no permission",
            Refusal::Locked { .. } => "open elsewhere",
            Refusal::StrayJournal { .. } => "stray journal",
            Refusal::JournalUnusable { .. } => "unusable journal",
            Refusal::TooSlow { .. } => "took too long to check",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path().display();
        match self {
            Refusal::NotSqlite { detail, .. } => write!(
                f,
                "{name} is not a partnerplan workbook: {}. Check the file name, or create a \
                 new workbook with `partnerplan new FILE`.",
                shown(detail)
            ),
            Refusal::OtherApplication { application_id, .. } => write!(
                f,
                "{name} is an SQLite database of another application (application id \
                 0x{application_id:08x}), not a partnerplan workbook. partnerplan leaves it \
                 untouched; create a workbook with `partnerplan new FILE`."
            ),
            Refusal::NewerVersion { version, known, .. } => write!(
                f,
                "{name} was written by a newer partnerplan (schema {version}; this version knows \
                 {known}). Update partnerplan to open it; the file was not changed."
            ),
            Refusal::NeedsUpgrade { version, known, .. } => write!(
                f,
                "{name} was written by an older partnerplan (schema {version}; this version uses \
                 {known}) and cannot be upgraded while opened read-only. Open it without \
                 --read-only to upgrade it (a backup copy is kept beside it)."
            ),
            Refusal::Damaged { detail, .. } => write!(
                f,
                "{name} is damaged: {}. The file was not changed; open a backup copy, or ask \
                 whoever sent it for a fresh copy.",
                shown(detail.trim_end_matches('.'))
            ),
            Refusal::ForeignSchema { objects, .. } => {
                let listed: Vec<String> = objects.iter().take(3).map(|o| shown(o)).collect();
                let more = objects.len().saturating_sub(listed.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                write!(
                    f,
                    "{name} contains schema objects that partnerplan did not create ({}{more}). \
                     Such objects could run code when the file is used, so it is refused and left \
                     unchanged; ask the sender for a clean export (`partnerplan export --format toml`).",
                    listed.join(", ")
                )
            }
            Refusal::NoPermission { detail, .. } => write!(
                f,
                "{name} cannot be read: {}. Ask the owner for read access, or copy it \
                 somewhere you can read it.",
                shown(detail)
            ),
            Refusal::Locked { .. } => write!(
                f,
                "{name} is already open in another partnerplan. Close it there first, or open \
                 this one read-only with --read-only (the other window keeps all its changes)."
            ),
            Refusal::StrayJournal { detail, .. } => write!(
                f,
                "{name} has a -journal file beside it that does not roll back into a sound \
                 workbook (tried on a private copy: {}). Neither the file nor its journal was \
                 changed. If the journal came from elsewhere (copied along, or left by another \
                 file of the same name), move {name}-journal out of the folder and open the \
                 workbook again; otherwise keep both files together and open a backup copy.",
                shown(detail)
            ),
            Refusal::JournalUnusable { detail, .. } => write!(
                f,
                "{name} cannot be opened safely: its -journal ({name}-journal) {}. \
                 The file was not changed; move {name}-journal out of the folder (or make it \
                 readable) and try again.",
                shown(detail)
            ),
            Refusal::TooSlow { seconds, .. } => write!(
                f,
                "{name} took too long to check (stopped after {seconds} s; a sound workbook of \
                 its size is checked in a fraction of that). It may hold expressions built to \
                 keep partnerplan busy, so it is refused and left unchanged; ask the sender for \
                 a clean export (`partnerplan export --format toml`)."
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Text that comes from the file (object names, SQLite's findings about it) as a refusal shows
/// it: through the one sanitiser the screens use, so nothing in a hostile file reaches the
/// terminal as a control sequence, and on one line.
fn shown(text: &str) -> String {
    crate::plan::text::clean(text).into_owned()
}
