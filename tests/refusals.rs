//! Hostile and unusual files: each refusal case of DESIGN §5, through `partnerplan check` (exit 2,
//! a message naming the file and the cause) and through the library's writable open — and in
//! every case the file and its folder are byte-for-byte and entry-for-entry unchanged afterwards.
//! Also: permissions (as root, via `setpriv` without the capabilities that bypass them), the
//! writer lock across processes, WAL-mode files, and the backup kept before a migration.

mod support;

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use partnerplan::workbook::schema::{APPLICATION_ID, latest_version};
use partnerplan::workbook::{OpenError, OpenOptions, Refusal, Workbook, check};
use support::{
    Run, Sandbox, assert_permissions_bite, assert_unchanged, mentions, permission_bound, plain,
    set_mode, side_files, snapshot, workbook_with_partners,
};

const WRITABLE: OpenOptions = OpenOptions {
    read_only: false,
    create_if_missing: false,
};
const READ_ONLY: OpenOptions = OpenOptions {
    read_only: true,
    create_if_missing: false,
};

/// Runs `partnerplan check FILE` and asserts that it refuses the file: exit 2, one line on stderr
/// naming the file and containing every word of `cause`, nothing on stdout, and the file's folder
/// unchanged.
fn refused_by_check(sb: &Sandbox, path: &Path, cause: &[&str]) -> Run {
    let before = snapshot(&sb.files());
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(2)
        .stderr_mentions(&[&path.display().to_string()])
        .stderr_mentions(cause);
    assert_eq!(
        run.stderr.trim_end().lines().count(),
        1,
        "a refusal is one line:\n{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a refused file");
    run
}

/// Opens `path` for writing through the library and asserts that it is refused as `kind`, with a
/// message naming the file and every word of `cause`, and that the folder is unchanged.
fn refused_by_open(sb: &Sandbox, path: &Path, kind: &str, cause: &[&str]) -> Refusal {
    let before = snapshot(&sb.files());
    let refusal = match Workbook::open(path, WRITABLE) {
        Err(OpenError::Refused(refusal)) => refusal,
        Err(other) => panic!("expected a refusal ({kind}), got another error: {other}"),
        Ok(_) => panic!("expected a refusal ({kind}), but the file opened for writing"),
    };
    assert_eq!(refusal.kind(), kind, "{refusal}");
    let message = refusal.to_string();
    mentions("refusal", &message, &[&path.display().to_string()]);
    mentions("refusal", &message, cause);
    assert_unchanged(
        &before,
        &snapshot(&sb.files()),
        "writable open of a refused file",
    );
    refusal
}

/// A real workbook with a few partners at `files/NAME`.
fn real_workbook(sb: &Sandbox, name: &str, partners: usize) -> PathBuf {
    let path = sb.file(name);
    workbook_with_partners(&path, partners);
    assert!(side_files(&path).is_empty());
    path
}

/// Overwrites `bytes.len()` bytes of `path` at `offset`, without changing its length.
fn poke(path: &Path, offset: u64, bytes: &[u8]) {
    use std::os::unix::fs::FileExt;
    let file = fs::OpenOptions::new().write(true).open(path).unwrap();
    file.write_all_at(bytes, offset).unwrap();
    file.sync_all().unwrap();
}

#[test]
fn empty_file_is_not_a_workbook() {
    let sb = Sandbox::new();
    // Named without the cause, so the message must say "empty" itself.
    let path = sb.file("client-a.partnerplan");
    fs::write(&path, b"").unwrap();
    refused_by_check(
        &sb,
        &path,
        &["not a partnerplan workbook", "empty", "partnerplan new"],
    );
    refused_by_open(&sb, &path, "not a workbook", &["empty"]);
}

#[test]
fn file_cut_inside_the_header_is_not_a_workbook() {
    let sb = Sandbox::new();
    let real = sb.root().join("real.partnerplan");
    workbook_with_partners(&real, 0);
    let path = sb.file("cut.partnerplan");
    fs::write(&path, &fs::read(&real).unwrap()[..50]).unwrap();
    refused_by_check(
        &sb,
        &path,
        &[
            "not a partnerplan workbook",
            "cut off inside the SQLite header",
        ],
    );
}

#[test]
fn workbook_truncated_between_pages_is_damaged() {
    let sb = Sandbox::new();
    let real = sb.root().join("real.partnerplan");
    workbook_with_partners(&real, 5);
    let bytes = fs::read(&real).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    assert!(bytes.len() > 3 * page, "the workbook spans several pages");

    // Cut in the middle of a page.
    let path = sb.file("half-page.partnerplan");
    fs::write(&path, &bytes[..page + page / 2]).unwrap();
    refused_by_check(
        &sb,
        &path,
        &["is damaged", "truncated", "not a whole number", "backup"],
    );
    refused_by_open(&sb, &path, "damaged", &["truncated"]);

    // Cut at a page boundary, short of the pages the header counts.
    fs::write(&path, &bytes[..2 * page]).unwrap();
    refused_by_check(&sb, &path, &["is damaged", "truncated", "header counts"]);
}

#[test]
fn other_file_formats_are_not_workbooks() {
    let sb = Sandbox::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    let mut text = b"SQLite format 2\0 -- close, but not it".to_vec();
    for (i, bytes) in [&mut png, &mut zip, &mut text].into_iter().enumerate() {
        bytes.extend((0..4096u32).map(|n| (n.wrapping_mul(2_654_435_761) >> (i + 11)) as u8));
    }
    for (name, bytes) in [("logo.png", png), ("bundle.zip", zip), ("old.db", text)] {
        let path = sb.file(name);
        fs::write(&path, &bytes).unwrap();
        refused_by_check(
            &sb,
            &path,
            &[
                "not a partnerplan workbook",
                "does not start with the SQLite header",
            ],
        );
        refused_by_open(&sb, &path, "not a workbook", &["SQLite header"]);
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn folder_is_not_a_workbook() {
    let sb = Sandbox::new();
    // Named without the cause, so the message must say "folder" itself.
    let path = sb.file("client-b.partnerplan");
    fs::create_dir(&path).unwrap();
    fs::write(path.join("inside.txt"), "keep me").unwrap();
    refused_by_check(&sb, &path, &["not a partnerplan workbook", "folder"]);
    refused_by_open(&sb, &path, "not a workbook", &["folder"]);
}

#[test]
fn another_applications_database_is_refused() {
    let sb = Sandbox::new();
    let path = sb.file("inventory.db");
    let conn = plain(&path);
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);")
        .unwrap();
    conn.close().unwrap();
    refused_by_check(
        &sb,
        &path,
        &[
            "another application",
            "application id 0x00000000",
            "untouched",
        ],
    );
    refused_by_open(
        &sb,
        &path,
        "another application's database",
        &["0x00000000"],
    );

    // The same with an application id of its own.
    plain(&path)
        .pragma_update(None, "application_id", 0x4750_4B47)
        .unwrap();
    refused_by_check(&sb, &path, &["another application", "0x47504b47"]);
}

#[test]
fn workbook_from_a_newer_version_is_refused() {
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "future.partnerplan", 2);
    plain(&path)
        .pragma_update(None, "user_version", 99)
        .unwrap();
    refused_by_check(
        &sb,
        &path,
        &[
            "newer partnerplan",
            "schema 99",
            &format!("knows {}", latest_version()),
            "update partnerplan",
        ],
    );
    refused_by_open(&sb, &path, "from a newer partnerplan", &["schema 99"]);
}

/// The pages of `table`'s b-tree as (page number, "internal" | "leaf" | "overflow").
fn btree_pages(path: &Path, table: &str) -> Vec<(u64, String)> {
    let conn = plain(path);
    let mut stmt = conn
        .prepare("SELECT pageno, pagetype FROM dbstat WHERE name = ?1 ORDER BY pageno")
        .unwrap();
    stmt.query_map([table], |row| {
        Ok((row.get::<_, i64>(0)? as u64, row.get(1)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn page_size(path: &Path) -> u64 {
    plain(path)
        .pragma_query_value(None, "page_size", |row| row.get::<_, i64>(0))
        .unwrap() as u64
}

#[test]
fn corrupt_btree_pages_are_refused_as_damaged() {
    let sb = Sandbox::new();
    let pristine = sb.root().join("pristine.partnerplan");
    workbook_with_partners(&pristine, 60);
    let size = page_size(&pristine);
    let pages = btree_pages(&pristine, "partners");
    let root = pages.iter().find(|(_, t)| t == "internal").unwrap().0;
    let leaves: Vec<u64> = pages
        .iter()
        .filter(|(_, t)| t == "leaf")
        .map(|(p, _)| *p)
        .collect();
    assert!(leaves.len() >= 3, "partners spans several leaf pages");

    let path = sb.file("damaged.partnerplan");
    let cases: [(&str, u64, Vec<u8>); 3] = [
        // The b-tree page header of the table's root: an impossible page type.
        ("root page type", (root - 1) * size, vec![0x00; 8]),
        // A leaf's cell pointer array pointing past the end of the page.
        ("cell pointers", (leaves[1] - 1) * size + 8, vec![0xFF; 16]),
        // A leaf's first cells, where the records' headers live, overwritten with noise.
        (
            "record bytes",
            (leaves[2] - 1) * size + size - 1024,
            (0..512u32).map(|n| (n * 37 + 11) as u8).collect(),
        ),
    ];
    for (what, offset, bytes) in cases {
        fs::copy(&pristine, &path).unwrap();
        poke(&path, offset, &bytes);
        let run = refused_by_check(&sb, &path, &["is damaged", "backup copy"]);
        assert!(
            run.stderr.contains("integrity check") || run.stderr.contains("corruption"),
            "{what}: the cause is SQLite's integrity check or corruption report:\n{}",
            run.stderr
        );
        refused_by_open(&sb, &path, "damaged", &["not changed"]);
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn tampered_schema_text_is_refused_as_altered() {
    // Edit the CREATE TABLE text stored in sqlite_schema by hand (as a hex editor would), keeping
    // the length: SQLite itself is happy, only the comparison with our schema can notice.
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "tampered.partnerplan", 3);
    let bytes = fs::read(&path).unwrap();
    let needle = b"CREATE TABLE partners";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let rule = b"length(name) > 0";
    let rule_at = bytes[at..at + 2000]
        .windows(rule.len())
        .position(|w| w == rule)
        .unwrap();
    poke(&path, (at + rule_at + rule.len() - 1) as u64, b"9");
    refused_by_check(&sb, &path, &["is damaged", "table partners was altered"]);
}

#[test]
fn foreign_schema_objects_are_refused_and_named() {
    let sb = Sandbox::new();
    let cases = [
        (
            "trigger",
            "CREATE TRIGGER wipe_on_insert AFTER INSERT ON partners \
             BEGIN DELETE FROM partners; END;",
            "trigger wipe_on_insert",
        ),
        (
            "view",
            "CREATE VIEW everything AS SELECT * FROM partners;",
            "view everything",
        ),
        (
            "table",
            "CREATE TABLE exfiltrate (secret TEXT); INSERT INTO exfiltrate VALUES ('x');",
            "table exfiltrate",
        ),
        (
            "index",
            "CREATE INDEX partners_by_notes ON partners (notes);",
            "index partners_by_notes",
        ),
    ];
    for (what, sql, named) in cases {
        let path = real_workbook(&sb, &format!("with-{what}.partnerplan"), 3);
        plain(&path).execute_batch(sql).unwrap();
        let run = refused_by_check(
            &sb,
            &path,
            &["schema objects that partnerplan did not create", named],
        );
        mentions(what, &run.stderr, &["could run code", "partnerplan export"]);
        refused_by_open(&sb, &path, "unknown schema objects", &[named]);
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn names_from_a_hostile_file_reach_the_terminal_escaped() {
    // Object names come from the file; a name holding escape sequences must not become terminal
    // commands (DESIGN §9) when the refusal names it.
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "escape.partnerplan", 1);
    plain(&path)
        .execute_batch("CREATE TABLE \"x\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}y\nz\" (a);")
        .unwrap();
    let run = refused_by_check(&sb, &path, &["schema objects", "table x"]);
    let bad: Vec<char> = run
        .stderr
        .trim_end()
        .chars()
        .filter(|c| partnerplan::plan::text::is_forbidden(*c))
        .collect();
    assert!(
        bad.is_empty(),
        "control characters {bad:?} reached stderr: {:?}",
        run.stderr
    );
    let refusal = refused_by_open(&sb, &path, "unknown schema objects", &["table x"]);
    assert!(
        !refusal
            .to_string()
            .chars()
            .any(partnerplan::plan::text::is_forbidden),
        "{refusal:?}"
    );
}

#[test]
fn dropped_index_and_added_column_are_refused_as_damaged() {
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "altered.partnerplan", 3);
    let index: String = plain(&path)
        .query_row(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL \
             ORDER BY name LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    plain(&path)
        .execute_batch(&format!("DROP INDEX \"{index}\";"))
        .unwrap();
    refused_by_check(
        &sb,
        &path,
        &["is damaged", &format!("index {index} is missing")],
    );
    refused_by_open(&sb, &path, "damaged", &["is missing"]);
    fs::remove_file(&path).unwrap();

    let path = real_workbook(&sb, "extra-column.partnerplan", 3);
    plain(&path)
        .execute_batch("ALTER TABLE partners ADD COLUMN payload TEXT;")
        .unwrap();
    refused_by_check(&sb, &path, &["is damaged", "table partners was altered"]);
}

// ---------------------------------------------------------------------------------------------
// Child processes: this test binary re-run with one of these functions selected. Each returns at
// once in a normal test run (their variable is unset).

const OPEN_CHILD: &str = "PARTNERPLAN_TEST_OPEN_CHILD";
const OPEN_CHILD_READ_ONLY: &str = "PARTNERPLAN_TEST_OPEN_READ_ONLY";
const OPEN_MARK: &str = "@@open ";

/// Opens the workbook named by `$PARTNERPLAN_TEST_OPEN_CHILD` through the library and reports
/// the outcome on stdout, one `@@open` line each: `opened read_only=…`, `notice …`,
/// `refused KIND`, `message …`, `error …`. Also tries one edit when opened read-only.
#[test]
fn open_child() {
    let Some(path) = std::env::var_os(OPEN_CHILD) else {
        return;
    };
    let options = OpenOptions {
        read_only: std::env::var_os(OPEN_CHILD_READ_ONLY).is_some(),
        create_if_missing: false,
    };
    let mut out = std::io::stdout().lock();
    match Workbook::open(Path::new(&path), options) {
        Ok(mut wb) => {
            writeln!(out, "\n{OPEN_MARK}opened read_only={}", wb.is_read_only()).unwrap();
            for notice in wb.notices() {
                writeln!(out, "{OPEN_MARK}notice {notice}").unwrap();
            }
            let partners: i64 = wb
                .connection()
                .query_row("SELECT count(*) FROM partners", [], |row| row.get(0))
                .unwrap();
            writeln!(out, "{OPEN_MARK}partners {partners}").unwrap();
            if wb.is_read_only() {
                let err = wb.add_partner(&support::draft("not saved")).unwrap_err();
                writeln!(out, "{OPEN_MARK}edit refused {err}").unwrap();
            }
        }
        Err(OpenError::Refused(refusal)) => {
            writeln!(out, "\n{OPEN_MARK}refused {}", refusal.kind()).unwrap();
            writeln!(out, "{OPEN_MARK}message {refusal}").unwrap();
        }
        Err(err) => writeln!(out, "\n{OPEN_MARK}error {err}").unwrap(),
    }
    out.flush().unwrap();
}

/// Runs `open_child` on `path` in a separate process bound by file permissions (see
/// `support::permission_bound`) and returns its `@@open` lines.
fn open_in_child(sb: &Sandbox, path: &Path, read_only: bool) -> Vec<String> {
    let mut command = permission_bound(&std::env::current_exe().unwrap());
    command
        .args(["open_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(OPEN_CHILD, path)
        .stdin(Stdio::null());
    if read_only {
        command.env(OPEN_CHILD_READ_ONLY, "1");
    } else {
        command.env_remove(OPEN_CHILD_READ_ONLY);
    }
    sb.isolate(&mut command);
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the child test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = support::marked_lines(&stdout, OPEN_MARK)
        .into_iter()
        .map(String::from)
        .collect();
    assert!(!lines.is_empty(), "the child reported nothing:\n{stdout}");
    lines
}

/// Runs `check FILE` bound by file permissions.
fn check_without_privileges(sb: &Sandbox, path: &Path) -> Run {
    let mut command = permission_bound(Path::new(support::BIN));
    command.arg("check").arg(path).stdin(Stdio::null());
    sb.isolate(&mut command);
    Run::from(command.output().unwrap())
}

#[test]
fn unreadable_file_is_refused_for_lack_of_permission() {
    let sb = Sandbox::new();
    assert_permissions_bite(&sb.work());
    let path = real_workbook(&sb, "secret.partnerplan", 2);

    // Control: the same unprivileged command reads the file while it is readable, so whatever
    // fails below fails because of the permission.
    check_without_privileges(&sb, &path)
        .expect_code(0)
        .stdout_mentions(&["ok"]);

    set_mode(&path, 0o000);
    let before = snapshot(&sb.files());
    let run = check_without_privileges(&sb, &path);
    run.expect_code(2).stderr_mentions(&[
        &path.display().to_string(),
        "cannot be read",
        "permission denied",
        "ask the owner",
    ]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check without permission");

    for read_only in [false, true] {
        let lines = open_in_child(&sb, &path, read_only);
        assert_eq!(lines[0], "refused no permission", "{lines:?}");
        mentions(
            "refusal",
            &lines[1],
            &[&path.display().to_string(), "cannot be read"],
        );
        assert_unchanged(&before, &snapshot(&sb.files()), "open without permission");
    }
    set_mode(&path, 0o644);
}

#[test]
fn file_in_a_folder_that_cannot_be_entered_is_refused_for_lack_of_permission() {
    let sb = Sandbox::new();
    assert_permissions_bite(&sb.work());
    let path = real_workbook(&sb, "hidden.partnerplan", 1);
    set_mode(&sb.files(), 0o000);
    let run = check_without_privileges(&sb, &path);
    let lines = open_in_child(&sb, &path, false);
    set_mode(&sb.files(), 0o755);
    run.expect_code(2)
        .stderr_mentions(&[&path.display().to_string(), "cannot be read"]);
    assert_eq!(lines[0], "refused no permission", "{lines:?}");
    mentions(
        "refusal",
        &lines[1],
        &["folder on its path cannot be entered"],
    );
}

#[test]
fn write_protected_file_opens_read_only_with_a_notice() {
    let sb = Sandbox::new();
    assert_permissions_bite(&sb.work());
    let path = real_workbook(&sb, "protected.partnerplan", 4);
    set_mode(&path, 0o444);
    let before = snapshot(&sb.files());

    let lines = open_in_child(&sb, &path, false);
    assert_eq!(lines[0], "opened read_only=true", "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l == "notice Opened read-only: you have no write permission for the file."),
        "{lines:?}"
    );
    assert!(lines.contains(&"partners 4".to_string()), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("edit refused") && l.contains("read-only")),
        "{lines:?}"
    );
    assert_unchanged(&before, &snapshot(&sb.files()), "read-only open");

    check_without_privileges(&sb, &path)
        .expect_code(0)
        .stdout_mentions(&["partners", "ok"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a read-only file");
    set_mode(&path, 0o644);
}

#[test]
fn workbook_in_a_write_protected_folder_opens_read_only_with_a_notice() {
    // SQLite keeps its rollback journal beside the file, so a folder we cannot write to means
    // edits could not be protected: read-only, and said so.
    let sb = Sandbox::new();
    assert_permissions_bite(&sb.work());
    let path = real_workbook(&sb, "shared.partnerplan", 1);
    set_mode(&sb.files(), 0o555);
    let before = snapshot(&sb.files());
    let lines = open_in_child(&sb, &path, false);
    let after = snapshot(&sb.files());
    set_mode(&sb.files(), 0o755);
    assert_eq!(lines[0], "opened read_only=true", "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("notice Opened read-only: its folder is not writable")),
        "{lines:?}"
    );
    assert_unchanged(&before, &after, "open in a read-only folder");
}

#[test]
fn read_only_option_changes_nothing() {
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "look.partnerplan", 3);
    let before = snapshot(&sb.files());
    {
        let mut wb = Workbook::open(&path, READ_ONLY).unwrap();
        assert!(wb.is_read_only());
        assert!(wb.add_partner(&support::draft("no")).is_err());
        // A writer may still come and go while a reader looks.
        let mut writer = Workbook::open(&path, WRITABLE).unwrap();
        writer
            .add_partner(&support::draft("Added meanwhile"))
            .unwrap();
        drop(writer);
        let count: i64 = wb
            .connection()
            .query_row("SELECT count(*) FROM partners", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 4);
    }
    let mut expected = before.clone();
    let after = snapshot(&sb.files());
    // Only the writer changed the file; the reader left no side files.
    expected.insert(
        PathBuf::from("./look.partnerplan"),
        after[Path::new("./look.partnerplan")].clone(),
    );
    assert_unchanged(&expected, &after, "read-only open");

    let before = snapshot(&sb.files());
    drop(Workbook::open(&path, READ_ONLY).unwrap());
    assert_unchanged(&before, &snapshot(&sb.files()), "read-only open alone");
}

// ---------------------------------------------------------------------------------------------
// The writer lock across processes.

const LOCK_HOLDER: &str = "PARTNERPLAN_TEST_LOCK_HOLDER";

/// Holds `$PARTNERPLAN_TEST_LOCK_HOLDER` open for writing until stdin closes or it is killed.
#[test]
fn lock_holder_child() {
    let Some(path) = std::env::var_os(LOCK_HOLDER) else {
        return;
    };
    let _wb = Workbook::open(Path::new(&path), WRITABLE)
        .unwrap_or_else(|err| panic!("the lock holder could not open the workbook: {err}"));
    let mut out = std::io::stdout().lock();
    writeln!(out, "\n@@lock held").unwrap();
    out.flush().unwrap();
    drop(out);
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
}

/// Starts `lock_holder_child` on `path` and waits until it holds the lock.
fn hold_lock_in_child(sb: &Sandbox, path: &Path) -> Child {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "lock_holder_child",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(LOCK_HOLDER, path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    sb.isolate(&mut command);
    let mut child = command.spawn().unwrap();
    let held = child.stdout.take().is_some_and(|out| {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("@@lock held"))
    });
    if !held {
        let status = child.wait();
        panic!("the lock holder ended ({status:?}) before taking the lock");
    }
    child
}

#[test]
fn workbook_open_in_another_process_is_refused_as_locked() {
    let sb = Sandbox::new();
    let path = real_workbook(&sb, "busy.partnerplan", 2);
    let mut holder = hold_lock_in_child(&sb, &path);
    let before = snapshot(&sb.files());

    let refusal = refused_by_open(
        &sb,
        &path,
        "open elsewhere",
        &["already open in another partnerplan", "--read-only"],
    );
    assert!(matches!(refusal, Refusal::Locked { .. }));

    // Checking and reading stay possible while another process writes.
    sb.run([OsStr::new("check"), path.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["ok"]);
    let reader = Workbook::open(&path, READ_ONLY).unwrap();
    assert!(reader.is_read_only());
    drop(reader);
    assert_unchanged(&before, &snapshot(&sb.files()), "while locked elsewhere");

    // SIGKILL leaves no stale lock: the OS drops it with the process.
    holder.kill().unwrap();
    holder.wait().unwrap();
    let wb = Workbook::open(&path, WRITABLE).unwrap();
    assert!(!wb.is_read_only());
}

#[test]
fn app_on_a_locked_workbook_asks_and_exits_2_when_declined() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};

    let sb = Sandbox::new();
    let path = real_workbook(&sb, "busy.partnerplan", 1);
    let mut holder = hold_lock_in_child(&sb, &path);
    let before = snapshot(&sb.files());

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(support::BIN);
    command.arg(&path);
    command.cwd(sb.work());
    command.env("HOME", sb.home());
    command.env("XDG_CONFIG_HOME", sb.home().join("config"));
    command.env("XDG_DATA_HOME", sb.home().join("data"));
    command.env("PARTNERPLAN_CONFIG", sb.config());
    command.env("TERM", "xterm-256color");
    let mut app = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let screen = Arc::new(Mutex::new(String::new()));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let sink = Arc::clone(&screen);
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while !screen.lock().unwrap().contains("[y/N]") {
        assert!(
            Instant::now() < deadline,
            "no question about the lock:\n{}",
            screen.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut keyboard = pty.master.take_writer().unwrap();
    keyboard.write_all(b"n\r").unwrap();
    keyboard.flush().unwrap();
    let status = app.wait().unwrap();
    drop(keyboard);
    drop(pty.master);
    let _ = reading.join();
    let shown = screen.lock().unwrap().clone();
    assert_eq!(status.exit_code(), 2, "{shown}");
    mentions(
        "terminal",
        &shown,
        &[
            &path.display().to_string(),
            "already open in another partnerplan",
            "read-only instead?",
        ],
    );
    assert_unchanged(&before, &snapshot(&sb.files()), "declined second instance");
    holder.kill().unwrap();
    holder.wait().unwrap();
}

// ---------------------------------------------------------------------------------------------
// WAL mode and migrations.

fn header_versions(path: &Path) -> (u8, u8) {
    let bytes = fs::read(path).unwrap();
    (bytes[18], bytes[19])
}

/// A real workbook switched to WAL mode by another tool and closed cleanly (no -wal left).
fn wal_workbook(sb: &Sandbox, name: &str) -> PathBuf {
    let path = real_workbook(sb, name, 3);
    let conn = plain(&path);
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.close().unwrap();
    assert_eq!(header_versions(&path), (2, 2));
    assert!(side_files(&path).is_empty(), "{:?}", side_files(&path));
    path
}

#[test]
fn wal_workbook_passes_check_unchanged_and_is_switched_back_when_opened() {
    let sb = Sandbox::new();
    let path = wal_workbook(&sb, "wal.partnerplan");
    let before = snapshot(&sb.files());
    sb.run([OsStr::new("check"), path.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["WAL mode", "rollback journal", "partners", "ok"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a WAL workbook");

    {
        let wb = Workbook::open(&path, WRITABLE).unwrap();
        assert!(!wb.is_read_only());
        assert!(
            wb.notices().iter().any(|n| n.contains("WAL mode")),
            "{:?}",
            wb.notices()
        );
        let mode: String = wb
            .connection()
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
        let partners: i64 = wb
            .connection()
            .query_row("SELECT count(*) FROM partners", [], |row| row.get(0))
            .unwrap();
        assert_eq!(partners, 3);
    }
    assert_eq!(header_versions(&path), (1, 1));
    assert!(side_files(&path).is_empty(), "{:?}", side_files(&path));
    let out = sb.run([OsStr::new("check"), path.as_os_str()]);
    out.expect_code(0);
    assert!(!out.stdout.contains("WAL"), "{}", out.stdout);
}

#[test]
fn wal_workbook_opened_read_only_leaves_no_side_files() {
    let sb = Sandbox::new();
    let path = wal_workbook(&sb, "wal-look.partnerplan");
    let before = snapshot(&sb.files());
    {
        let wb = Workbook::open(&path, READ_ONLY).unwrap();
        let partners: i64 = wb
            .connection()
            .query_row("SELECT count(*) FROM partners", [], |row| row.get(0))
            .unwrap();
        assert_eq!(partners, 3);
    }
    assert_unchanged(
        &before,
        &snapshot(&sb.files()),
        "read-only open of a WAL file",
    );
}

#[test]
fn wal_workbook_on_read_only_storage_can_be_viewed() {
    // A WAL-mode file received on read-only storage (file and folder not writable): it opens
    // read-only with the notice, and nothing appears beside it.
    let sb = Sandbox::new();
    assert_permissions_bite(&sb.work());
    let path = wal_workbook(&sb, "wal-shared.partnerplan");
    set_mode(&path, 0o444);
    set_mode(&sb.files(), 0o555);
    let before = snapshot(&sb.files());
    let lines = open_in_child(&sb, &path, false);
    let checked = check_without_privileges(&sb, &path);
    let after = snapshot(&sb.files());
    set_mode(&sb.files(), 0o755);
    set_mode(&path, 0o644);
    assert_eq!(lines[0], "opened read_only=true", "{lines:?}");
    assert!(lines.contains(&"partners 3".to_string()), "{lines:?}");
    checked.expect_code(0).stdout_mentions(&["WAL mode", "ok"]);
    assert_unchanged(&before, &after, "viewing a WAL file on read-only storage");
}

#[test]
fn older_workbook_is_backed_up_before_migration() {
    // The oldest workbook there can be is schema 0: our application id and nothing else (what a
    // crash right after setting the id would leave, were the id and the first step not one
    // transaction). Upgrading it runs every step.
    let sb = Sandbox::new();
    let path = sb.file("old.partnerplan");
    let conn = plain(&path);
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.close().unwrap();
    let original = fs::read(&path).unwrap();

    // `check` describes it without changing it; read-only cannot upgrade it: refused, unchanged.
    let before = snapshot(&sb.files());
    let run = sb.run([OsStr::new("check"), path.as_os_str()]);
    run.expect_code(0).stdout_mentions(&[
        &format!("schema 0 (this version: {})", latest_version()),
        "ok",
    ]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of an old file");
    match Workbook::open(&path, READ_ONLY) {
        Err(OpenError::Refused(refusal @ Refusal::NeedsUpgrade { .. })) => mentions(
            "refusal",
            &refusal.to_string(),
            &["older partnerplan", "schema 0", "without --read-only"],
        ),
        Err(other) => panic!("expected NeedsUpgrade, got {other}"),
        Ok(_) => panic!("expected NeedsUpgrade, but it opened"),
    }
    assert_unchanged(
        &before,
        &snapshot(&sb.files()),
        "read-only open of an old file",
    );

    let wb = Workbook::open(&path, WRITABLE).unwrap();
    let backup = sb.file("old.schema0-backup.partnerplan");
    assert!(
        wb.notices()
            .iter()
            .any(|n| n.contains("Upgraded from schema 0")
                && n.contains(&backup.display().to_string())),
        "{:?}",
        wb.notices()
    );
    drop(wb);
    let names: Vec<String> = fs::read_dir(sb.files())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "the workbook and its backup only: {names:?}"
    );
    let kept = plain(&backup);
    let (app_id, version): (i32, i64) = (
        kept.pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap(),
        kept.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap(),
    );
    assert_eq!((app_id, version), (APPLICATION_ID, 0));
    drop(kept);
    assert_ne!(fs::read(&path).unwrap(), original);
    let report = check(&path).unwrap();
    assert_eq!(report.schema_version, latest_version());

    // A second upgrade of the same name does not overwrite the first backup.
    fs::write(&path, &original).unwrap();
    drop(Workbook::open(&path, WRITABLE).unwrap());
    assert!(sb.file("old.schema0-backup-1.partnerplan").exists());
}
