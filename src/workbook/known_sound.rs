//! Workbooks this app checked whole and left cleanly, remembered outside them so that opening
//! one again unchanged skips reading every page and value (a million partners open at once).
//!
//! A file's stamp is what no plan edit can leave alone: device, inode, size, modification and
//! status-change times (the latter no user tool can set back), and SQLite's change counter. A
//! record is written only after the app's own connection saw no other writer (`data_version`
//! unchanged) and closed. The records live in the user's state folder, never in the workbook: a
//! received file cannot claim to be known. Anything unreadable there only means a full check.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// How many files are remembered; the oldest are forgotten first.
const KEEP: usize = 64;

/// The name of the records' file in the state folder.
const FILE_NAME: &str = "known-sound-workbooks";

/// The first line of the records' file: its format.
const FORMAT: &str = "partnerplan known sound workbooks 1";

/// What a workbook file looks like on disk, compared as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    line: String,
}

impl FileStamp {
    /// The stamp of `path` as it is now, or `None` where it cannot be taken (not a regular file,
    /// a journal beside it, or a platform without inode numbers).
    pub fn of(path: &Path) -> Option<FileStamp> {
        stamp_of(path)
    }
}

#[cfg(unix)]
fn stamp_of(path: &Path) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    let canonical = fs::canonicalize(path).ok()?;
    for suffix in ["-journal", "-wal"] {
        let mut beside = canonical.as_os_str().to_owned();
        beside.push(suffix);
        if Path::new(&beside).exists() {
            return None;
        }
    }
    let meta = fs::metadata(&canonical).ok()?;
    if !meta.is_file() {
        return None;
    }
    // SQLite's file change counter (header bytes 24–27), raised by every committed write.
    let mut header = [0u8; 28];
    fs::File::open(&canonical)
        .ok()?
        .read_exact(&mut header)
        .ok()?;
    let counter = u32::from_be_bytes([header[24], header[25], header[26], header[27]]);
    let path_text = canonical.to_str()?;
    if path_text.contains(['\t', '\n', '\r']) {
        return None;
    }
    Some(FileStamp {
        line: format!(
            "{}\t{}\t{}\t{}.{}\t{}.{}\t{counter}\t{path_text}",
            meta.dev(),
            meta.ino(),
            meta.len(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
        ),
    })
}

#[cfg(not(unix))]
fn stamp_of(_path: &Path) -> Option<FileStamp> {
    None
}

/// The stamps of the workbooks known to be sound, read from a state folder.
#[derive(Debug, Clone, Default)]
pub struct KnownSound {
    folder: Option<PathBuf>,
    stamps: Vec<String>,
}

impl KnownSound {
    /// Reads the records in `folder` (none yet, or unreadable: nothing is known).
    pub fn read(folder: &Path) -> KnownSound {
        let text = fs::read_to_string(folder.join(FILE_NAME)).unwrap_or_default();
        let mut lines = text.lines();
        let stamps = if lines.next() == Some(FORMAT) {
            lines.map(str::to_string).collect()
        } else {
            Vec::new()
        };
        KnownSound {
            folder: Some(folder.to_path_buf()),
            stamps,
        }
    }

    /// Knows `stamp` alone and remembers nothing: how an app that holds a workbook it knows to
    /// be sound lends that to a second reader of its own (an export's), for as long as the file
    /// stays as stamped.
    pub fn only(stamp: FileStamp) -> KnownSound {
        KnownSound {
            folder: None,
            stamps: vec![stamp.line],
        }
    }

    /// Whether `path` is, unchanged, a file this app checked whole and left cleanly.
    pub fn knows(&self, path: &Path) -> bool {
        FileStamp::of(path).is_some_and(|stamp| self.stamps.contains(&stamp.line))
    }

    /// Remembers `stamp` (newest last, the oldest beyond `KEEP` forgotten), written to a
    /// temporary file and moved into place. A failure only costs a full check next time.
    pub fn remember(&mut self, stamp: FileStamp) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        // A file is known by one stamp: its older ones go (matched by everything but the times,
        // counter and size, i.e. the same inode at the same path).
        let same_file = |line: &str| {
            let fields: Vec<&str> = line.split('\t').collect();
            let ours: Vec<&str> = stamp.line.split('\t').collect();
            fields.len() == ours.len()
                && fields.first() == ours.first()
                && fields.get(1) == ours.get(1)
                && fields.last() == ours.last()
        };
        self.stamps.retain(|line| !same_file(line));
        self.stamps.push(stamp.line);
        let excess = self.stamps.len().saturating_sub(KEEP);
        self.stamps.drain(..excess);
        let _ = self.write(&folder);
    }

    fn write(&self, folder: &Path) -> std::io::Result<()> {
        fs::create_dir_all(folder)?;
        let mut temp = tempfile::NamedTempFile::new_in(folder)?;
        writeln!(temp, "{FORMAT}")?;
        for line in &self.stamps {
            writeln!(temp, "{line}")?;
        }
        temp.as_file().sync_all()?;
        temp.persist(folder.join(FILE_NAME))
            .map_err(|err| err.error)?;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn workbook_like(path: &Path, counter: u32) {
        let mut bytes = vec![0u8; 4096];
        bytes[..16].copy_from_slice(b"SQLite format 3\0");
        bytes[24..28].copy_from_slice(&counter.to_be_bytes());
        fs::write(path, bytes).expect("write");
    }

    #[test]
    fn a_remembered_file_is_known_until_anything_about_it_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = dir.path().join("state");
        let file = dir.path().join("plan.partnerplan");
        workbook_like(&file, 7);
        let mut known = KnownSound::read(&state);
        assert!(!known.knows(&file), "nothing is known at first");
        known.remember(FileStamp::of(&file).expect("stamp"));
        assert!(
            KnownSound::read(&state).knows(&file),
            "read back from the folder"
        );

        // The same bytes written again: the status-change time moves, so it is a new file.
        std::thread::sleep(std::time::Duration::from_millis(20));
        workbook_like(&file, 7);
        assert!(!KnownSound::read(&state).knows(&file));

        // A journal beside it: never known.
        known.remember(FileStamp::of(&file).expect("stamp"));
        assert!(KnownSound::read(&state).knows(&file));
        fs::write(dir.path().join("plan.partnerplan-journal"), b"x").expect("journal");
        assert!(!KnownSound::read(&state).knows(&file));
        assert!(FileStamp::of(&file).is_none());
    }

    #[test]
    fn one_stamp_a_file_and_at_most_keep_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = dir.path().join("state");
        let mut known = KnownSound::read(&state);
        let first = dir.path().join("first.partnerplan");
        workbook_like(&first, 1);
        known.remember(FileStamp::of(&first).expect("stamp"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        workbook_like(&first, 2);
        known.remember(FileStamp::of(&first).expect("stamp"));
        assert_eq!(
            known.stamps.len(),
            1,
            "the older stamp of one file is dropped"
        );
        for i in 0..KEEP + 5 {
            let other = dir.path().join(format!("{i}.partnerplan"));
            workbook_like(&other, 1);
            known.remember(FileStamp::of(&other).expect("stamp"));
        }
        let read = KnownSound::read(&state);
        assert_eq!(read.stamps.len(), KEEP);
        assert!(!read.knows(&first), "the oldest are forgotten first");
    }

    #[test]
    fn a_records_file_of_another_format_knows_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("plan.partnerplan");
        workbook_like(&file, 3);
        let stamp = FileStamp::of(&file).expect("stamp");
        fs::write(dir.path().join(FILE_NAME), format!("{}\n", stamp.line)).expect("write");
        assert!(!KnownSound::read(dir.path()).knows(&file));
    }
}
