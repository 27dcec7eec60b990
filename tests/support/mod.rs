//! Helpers shared by the integration tests that drive the real binary and build hostile files.
//!
//! Every process these helpers spawn gets its own HOME, XDG folders and an empty config file, so
//! no real user configuration is ever read.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{GuideReport, OpenOptions, Workbook};
use tempfile::TempDir;

pub mod seeded;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_partnerplan");

/// A temporary world for one test: `home/` (HOME, XDG folders, an empty `config.toml`), `work/`
/// (the working directory of spawned processes) and `files/` (where the file under test lives, so
/// its folder holds nothing else).
pub struct Sandbox {
    root: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let root = tempfile::Builder::new()
            .prefix("partnerplan-test-")
            .tempdir()
            .unwrap();
        for dir in ["home/config", "home/data", "work", "files"] {
            fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        fs::write(root.path().join("home/config.toml"), "").unwrap();
        Sandbox { root }
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    /// The empty config file every spawned process is pointed at.
    pub fn config(&self) -> PathBuf {
        self.home().join("config.toml")
    }

    pub fn work(&self) -> PathBuf {
        self.root().join("work")
    }

    /// The folder holding the file under test.
    pub fn files(&self) -> PathBuf {
        self.root().join("files")
    }

    /// `files/NAME`.
    pub fn file(&self, name: &str) -> PathBuf {
        self.files().join(name)
    }

    /// Sets the environment that keeps a spawned process away from the real user's settings.
    pub fn isolate(&self, command: &mut Command) {
        command
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("config"))
            .env("XDG_DATA_HOME", self.home().join("data"))
            .env("PARTNERPLAN_CONFIG", self.config())
            .env_remove("NO_COLOR")
            .current_dir(self.work());
    }

    /// `partnerplan ARGS` with an isolated environment, stdin closed.
    pub fn partnerplan<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = Command::new(BIN);
        command.args(args).stdin(Stdio::null());
        self.isolate(&mut command);
        command
    }

    /// Runs `partnerplan ARGS` to completion.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        Run::from(self.partnerplan(args).output().unwrap())
    }
}

/// A finished process: exit code and its output as text.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts that stderr contains every one of `words` (case-insensitive).
    pub fn stderr_mentions(&self, words: &[&str]) -> &Run {
        mentions("stderr", &self.stderr, words);
        self
    }

    pub fn stdout_mentions(&self, words: &[&str]) -> &Run {
        mentions("stdout", &self.stdout, words);
        self
    }
}

/// Asserts that `text` contains every one of `words`, ignoring case.
pub fn mentions(what: &str, text: &str, words: &[&str]) {
    let lower = text.to_lowercase();
    for word in words {
        assert!(
            lower.contains(&word.to_lowercase()),
            "{what} does not mention {word:?}:\n{text}"
        );
    }
}

/// A partner draft the workbook accepts.
pub fn draft(name: &str) -> PartnerDraft {
    PartnerDraft {
        name: name.into(),
        partner_type: "reseller".into(),
        stage: "active".into(),
        owner: "Kim".into(),
        ..Default::default()
    }
}

/// Creates a real workbook at `path` holding `partners` partners with notes long enough that the
/// partners table spans several pages.
pub fn workbook_with_partners(path: &Path, partners: usize) {
    Workbook::create(path, Some("Test plan")).unwrap();
    if partners == 0 {
        return;
    }
    let mut wb = Workbook::open(path, OpenOptions::default()).unwrap();
    for i in 0..partners {
        let mut d = draft(&format!("Partner {i:03}"));
        d.notes = format!("note {i} ").repeat(40);
        wb.add_partner(&d).unwrap();
    }
}

/// A plain, unhardened SQLite connection — how another tool (or an attacker) edits the file.
pub fn plain(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// One entry of a folder snapshot: kind, permission bits and (for files) the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: char,
    pub mode: u32,
    pub bytes: Option<Vec<u8>>,
}

/// Everything under a folder, by relative path ("." is the folder itself).
pub type Snapshot = BTreeMap<PathBuf, Entry>;

/// Records the folder `dir` and everything below it: names, kinds, modes and file bytes.
pub fn snapshot(dir: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    walk(dir, Path::new("."), &mut out);
    out
}

fn walk(base: &Path, relative: &Path, out: &mut Snapshot) {
    let path = base.join(relative);
    let meta = fs::symlink_metadata(&path).unwrap();
    let mode = meta.permissions().mode() & 0o7777;
    if meta.is_dir() {
        out.insert(
            relative.to_path_buf(),
            Entry {
                kind: 'd',
                mode,
                bytes: None,
            },
        );
        let mut names: Vec<_> = fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for name in names {
            walk(base, &relative.join(name), out);
        }
    } else if meta.is_file() {
        // Unreadable files (not root, mode 000) are compared by kind and mode only.
        out.insert(
            relative.to_path_buf(),
            Entry {
                kind: 'f',
                mode,
                bytes: fs::read(&path).ok(),
            },
        );
    } else {
        out.insert(
            relative.to_path_buf(),
            Entry {
                kind: 'o',
                mode,
                bytes: None,
            },
        );
    }
}

/// Asserts that a folder is entry-for-entry and byte-for-byte what it was, with a short account
/// of the first differences (not a dump of whole files).
pub fn assert_unchanged(before: &Snapshot, after: &Snapshot, what: &str) {
    if before == after {
        return;
    }
    let mut differences = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => differences.push(format!("{} disappeared", path.display())),
            Some(now) if now != entry => {
                let mut how = Vec::new();
                if now.kind != entry.kind {
                    how.push(format!("kind {} -> {}", entry.kind, now.kind));
                }
                if now.mode != entry.mode {
                    how.push(format!("mode {:o} -> {:o}", entry.mode, now.mode));
                }
                if let (Some(a), Some(b)) = (&entry.bytes, &now.bytes)
                    && a != b
                {
                    let first = a.iter().zip(b).position(|(x, y)| x != y);
                    how.push(format!(
                        "{} -> {} bytes, first difference at {:?}",
                        a.len(),
                        b.len(),
                        first
                    ));
                }
                differences.push(format!("{} changed: {}", path.display(), how.join(", ")));
            }
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        differences.push(format!("{} appeared", path.display()));
    }
    panic!(
        "{what}: the folder changed:\n  {}",
        differences.join("\n  ")
    );
}

/// Whether this process runs as root (the owner of /proc/self is the effective user).
pub fn is_root() -> bool {
    fs::metadata("/proc/self").unwrap().uid() == 0
}

/// The capabilities that let root ignore file permissions; dropped for "no permission" tests.
const DROPPED_CAPS: &str = "--bounding-set=-dac_override,-dac_read_search,-fowner";

/// A command for `program` that file permissions apply to. As root (tests run as root in CI),
/// the child runs under `setpriv` without the capabilities that bypass permission checks;
/// otherwise it runs as is.
pub fn permission_bound(program: &Path) -> Command {
    if !is_root() {
        return Command::new(program);
    }
    let mut command = Command::new("setpriv");
    command
        .args([DROPPED_CAPS, "--inh-caps=-all", "--"])
        .arg(program);
    command
}

/// Proves that `permission_bound` really makes permissions bite here: a mode-000 file cannot be
/// read through it, and a readable one can. Panics with the reason if not, so a permission test
/// can never pass by accident.
pub fn assert_permissions_bite(scratch: &Path) {
    let locked = scratch.join("permission-probe-000");
    let open = scratch.join("permission-probe-644");
    fs::write(&locked, "secret").unwrap();
    fs::write(&open, "public").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let read = |path: &Path| {
        permission_bound(Path::new("cat"))
            .arg(path)
            .output()
            .unwrap_or_else(|err| {
                panic!("cannot run setpriv (util-linux) to drop root's file capabilities: {err}")
            })
    };
    let denied = read(&locked);
    let allowed = read(&open);
    fs::remove_file(&locked).unwrap();
    fs::remove_file(&open).unwrap();
    assert!(
        !denied.status.success(),
        "a mode-000 file was readable even with root's capabilities dropped; permission tests \
         would prove nothing here"
    );
    assert!(
        allowed.status.success() && allowed.stdout == b"public",
        "the permission-bound wrapper cannot even read a readable file: {}",
        String::from_utf8_lossy(&allowed.stderr)
    );
}

pub fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// The SQLite side files that must never be left beside a workbook.
pub fn side_files(path: &Path) -> Vec<PathBuf> {
    ["-journal", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Finds `marker` in a child test binary's stdout (libtest prints its own text around it) and
/// returns the rest of each line that carries it.
pub fn marked_lines<'a>(stdout: &'a str, marker: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter_map(|line| line.find(marker).map(|at| &line[at + marker.len()..]))
        .collect()
}

/// `partnerplan export WORKBOOK --format toml -o OUT`, which must succeed; returns the text.
pub fn export_toml(sb: &Sandbox, workbook: &Path, out: &Path) -> String {
    sb.run([
        std::ffi::OsStr::new("export"),
        workbook.as_os_str(),
        std::ffi::OsStr::new("--format"),
        std::ffi::OsStr::new("toml"),
        std::ffi::OsStr::new("-o"),
        out.as_os_str(),
    ])
    .expect_code(0);
    fs::read_to_string(out).unwrap()
}

/// The sentences of what step `step` (0-based) of the Guide still lacks.
pub fn step_missing(report: &GuideReport, step: usize) -> Vec<String> {
    report.statuses[step]
        .missing
        .iter()
        .map(|m| m.text.clone())
        .collect()
}

impl Sandbox {
    /// Runs `partnerplan demo NAME` (expecting success) in the sandbox; returns the workbook.
    pub fn demo(&self, name: &str) -> PathBuf {
        let path = self.file(name);
        self.run(["demo".as_ref(), path.as_os_str()]).expect_code(0);
        path
    }

    /// Runs `partnerplan report WB -o OUT --date DATE` (expecting success) and returns the
    /// report's text; `out` is a file name in the sandbox (.html or .md).
    pub fn report(&self, workbook: &Path, out: &str, date: &str) -> String {
        let out = self.file(out);
        self.run([
            "report".as_ref(),
            workbook.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--date".as_ref(),
            date.as_ref(),
        ])
        .expect_code(0);
        fs::read_to_string(out).unwrap()
    }

    /// Runs `partnerplan export WB --format toml -o NAME` (expecting success), replacing any
    /// earlier file of that name in the sandbox; returns its path.
    pub fn export_toml(&self, workbook: &Path, name: &str) -> PathBuf {
        let out = self.file(name);
        let _ = fs::remove_file(&out);
        self.run([
            "export".as_ref(),
            workbook.as_os_str(),
            "--format".as_ref(),
            "toml".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .expect_code(0);
        out
    }
}
