//! A generated corpus of hostile files beside the refusals of tests/refusals.rs: stray hot
//! journals, a journal that is a folder or unreadable, expensive expressions in the schema,
//! type-confused columns, over-size and invalid UTF-8 text. Each case asserts the exit code of
//! `check`, its message, and that the file (and its journal) are byte-for-byte unchanged.

mod support;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use partnerplan::workbook::{OpenError, OpenOptions, Workbook};
use std::process::Stdio;

use support::{
    Run, Sandbox, assert_permissions_bite, assert_unchanged, mentions, permission_bound, plain,
    set_mode, snapshot, workbook_with_partners,
};

const WRITABLE: OpenOptions = OpenOptions {
    read_only: false,
    create_if_missing: false,
};

/// `path` with `suffix` appended to its name (SQLite's `-journal`).
fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether SQLite will roll a journal back: its header starts with the journal magic.
fn is_hot(journal: &Path) -> bool {
    fs::read(journal).is_ok_and(|bytes| bytes.first().is_some_and(|b| *b != 0))
}

/// A crash in the middle of a transaction, as a file and its hot journal: a workbook with
/// `partners` partners at `scratch/NAME` is changed by a large transaction whose pages spill to
/// the file; both files are copied to `into` and `into-journal` while it is still open, then the
/// transaction is rolled back. Returns the partner count of the last saved state.
fn crashed_mid_change(scratch: &Path, partners: usize, into: &Path) -> i64 {
    let source = scratch.join(format!("crash-{partners}.partnerplan"));
    workbook_with_partners(&source, partners);
    let conn = plain(&source);
    conn.execute_batch("PRAGMA cache_size = 2; BEGIN;").unwrap();
    // Rewriting every partner's notes touches every page of the table: the cache spills, so the
    // journal is complete and synced (hot) and the file holds half-written pages.
    conn.execute_batch("UPDATE partners SET notes = upper(notes) || ' changed';")
        .unwrap();
    let journal = side(&source, "-journal");
    assert!(is_hot(&journal), "the transaction should have spilled");
    fs::copy(&source, into).unwrap();
    fs::copy(&journal, side(into, "-journal")).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    partners as i64
}

fn check(sb: &Sandbox, path: &Path) -> Run {
    sb.run([OsStr::new("check"), path.as_os_str()])
}

/// Runs `check` and asserts that it refuses: exit 2, one line, the words of `cause`, none of
/// `never`, and the folder (file and journal) byte-for-byte unchanged.
fn refused_by_check(sb: &Sandbox, path: &Path, cause: &[&str], never: &[&str]) -> Run {
    let before = snapshot(&sb.files());
    let run = check(sb, path);
    run.expect_code(2).stderr_mentions(cause);
    for word in never {
        assert!(
            !run.stderr.contains(word),
            "the refusal must not say {word:?}:\n{}",
            run.stderr
        );
    }
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a hostile file");
    run
}

/// Opens `path` for writing and asserts a refusal of `kind` naming `cause`, with the folder
/// unchanged.
fn refused_by_open(sb: &Sandbox, path: &Path, kind: &str, cause: &[&str]) {
    let before = snapshot(&sb.files());
    match Workbook::open(path, WRITABLE) {
        Err(OpenError::Refused(refusal)) => {
            assert_eq!(refusal.kind(), kind, "{refusal}");
            mentions("refusal", &refusal.to_string(), cause);
        }
        Err(other) => panic!("expected a refusal ({kind}), got: {other}"),
        Ok(_) => panic!("expected a refusal ({kind}), but the file opened"),
    }
    assert_unchanged(&before, &snapshot(&sb.files()), "open of a hostile file");
}

fn partner_count(wb: &Workbook) -> i64 {
    wb.connection()
        .query_row("SELECT count(*) FROM partners", [], |row| row.get(0))
        .unwrap()
}

// ---- Journals ---------------------------------------------------------------------------------

/// The stray journal of issue 15: a hot journal left by a crash of *another* (smaller) workbook
/// of the same name lies beside a sound workbook. Rolled back in place it would cut the file to
/// the other's size; tried on a copy first, it is refused and both files stay as they are.
#[test]
fn a_foreign_hot_journal_never_touches_the_workbook() {
    let sb = Sandbox::new();
    let scratch = sb.root().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 120);
    let other = scratch.join("other.partnerplan");
    crashed_mid_change(&scratch, 20, &other);
    fs::copy(side(&other, "-journal"), side(&path, "-journal")).unwrap();

    refused_by_check(
        &sb,
        &path,
        &[
            "-journal",
            "does not roll back",
            "Neither the file nor its journal was changed",
            "move",
        ],
        &["open it once", "without --read-only"],
    );
    refused_by_open(
        &sb,
        &path,
        "stray journal",
        &["-journal", "Neither the file nor its journal was changed"],
    );
    let read_only = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    assert!(matches!(
        Workbook::open(&path, read_only),
        Err(OpenError::Refused(_))
    ));

    // Moving the journal away, as the message says, gives back the whole workbook.
    fs::rename(side(&path, "-journal"), scratch.join("moved-journal")).unwrap();
    let wb = Workbook::open(&path, WRITABLE).unwrap();
    assert_eq!(partner_count(&wb), 120);
}

/// A workbook's own hot journal still restores the last saved state: on a copy first, which then
/// replaces the file; no journal and no temporary file is left behind.
#[test]
fn a_workbooks_own_hot_journal_is_rolled_back_through_a_copy() {
    let sb = Sandbox::new();
    let scratch = sb.root().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let path = sb.file("plan.partnerplan");
    let saved = crashed_mid_change(&scratch, 60, &path);

    // `check` cannot roll back read-only; the copy passed, so opening it once is safe to advise.
    let before = snapshot(&sb.files());
    check(&sb, &path)
        .expect_code(2)
        .stderr_mentions(&["unfinished change", "without --read-only"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a crashed file");

    let wb = Workbook::open(&path, WRITABLE).unwrap();
    assert_eq!(partner_count(&wb), saved);
    let changed: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE notes LIKE '%changed'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(changed, 0, "the unfinished change is rolled back");
    assert!(
        wb.notices().iter().any(|n| n.contains("rolled back")),
        "{:?}",
        wb.notices()
    );
    drop(wb);
    assert_eq!(support::side_files(&path), Vec::<PathBuf>::new());
    assert_eq!(
        fs::read_dir(sb.files()).unwrap().count(),
        1,
        "no temporary file"
    );
    check(&sb, &path).expect_code(0).stdout_mentions(&["ok"]);
}

/// A `-journal` that is a folder, or that cannot be read, is a refusal of its own (exit 2), not
/// SQLite's "disk I/O error" (exit 3).
#[test]
fn a_journal_that_is_a_folder_or_unreadable_is_refused() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 3);
    let journal = side(&path, "-journal");
    fs::create_dir(&journal).unwrap();
    refused_by_check(&sb, &path, &["-journal", "is a folder", "move"], &["I/O"]);
    refused_by_open(&sb, &path, "unusable journal", &["is a folder"]);
    fs::remove_dir(&journal).unwrap();

    // Unreadable, for a process that file permissions apply to (root runs without the
    // capabilities that bypass them).
    assert_permissions_bite(&sb.work());
    fs::write(&journal, b"not readable").unwrap();
    set_mode(&journal, 0o000);
    let before = snapshot(&sb.files());
    let mut command = permission_bound(Path::new(support::BIN));
    command.arg("check").arg(&path).stdin(Stdio::null());
    sb.isolate(&mut command);
    let run = Run::from(command.output().unwrap());
    run.expect_code(2)
        .stderr_mentions(&["-journal", "cannot be read", "permission denied"]);
    assert_unchanged(
        &before,
        &snapshot(&sb.files()),
        "check with an unreadable journal",
    );
    set_mode(&journal, 0o600);
}

fn elapsed_under(started: Instant, limit: Duration, what: &str) {
    assert!(
        started.elapsed() < limit,
        "{what} took {:?}",
        started.elapsed()
    );
}

// ---- Expensive expressions -------------------------------------------------------------------

/// An expression that takes milliseconds per row (a long string built and rewritten from the
/// row's own value, so SQLite cannot compute it once for all rows).
const EXPENSIVE: &str = "length(replace(hex(zeroblob(300000 + x)), '0', 'ab')) > 0";

/// A real workbook with a schema object added through a plain connection, its SQL text written
/// straight into sqlite_schema (as a hostile tool would), over `rows` rows that make every
/// evaluation of `EXPENSIVE` count.
fn with_expensive_schema(path: &Path, rows: usize, sql: &str, table_sql: &str) {
    workbook_with_partners(path, 2);
    let conn = plain(path);
    conn.execute_batch(&format!(
        "CREATE TABLE bomb (x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
         INSERT INTO bomb (x) SELECT i FROM n;
         {sql}"
    ))
    .unwrap();
    if !table_sql.is_empty() {
        conn.execute_batch("PRAGMA writable_schema = ON;").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE name = 'bomb'",
            [table_sql],
        )
        .unwrap();
    }
}

/// The CPU bomb of issue 15: CHECK constraints, generated columns and index expressions that
/// quick_check would compute for every row. The schema is compared first, so each is refused
/// at once, by name, and the file is unchanged.
#[test]
fn expensive_schema_expressions_are_refused_before_anything_evaluates_them() {
    let cases = [
        (
            "check",
            "",
            format!("CREATE TABLE bomb (x CHECK ({EXPENSIVE}))"),
        ),
        (
            "generated",
            "",
            format!("CREATE TABLE bomb (x, y AS ({EXPENSIVE}) NOT NULL)"),
        ),
        (
            "index",
            "CREATE INDEX bomb_index ON bomb (x); PRAGMA writable_schema = ON; \
             UPDATE sqlite_schema SET sql = 'CREATE INDEX bomb_index ON bomb \
             (length(replace(hex(zeroblob(300000 + x)), ''0'', ''ab'')))' \
             WHERE name = 'bomb_index';",
            String::new(),
        ),
    ];
    for (what, sql, table_sql) in cases {
        let sb = Sandbox::new();
        let path = sb.file(&format!("{what}.partnerplan"));
        with_expensive_schema(&path, 3_000, sql, &table_sql);
        let started = Instant::now();
        refused_by_check(
            &sb,
            &path,
            &[
                "schema objects that partnerplan did not create",
                "table bomb",
            ],
            &[],
        );
        refused_by_open(&sb, &path, "unknown schema objects", &["table bomb"]);
        // Thousands of rows at milliseconds each would take many seconds; the refusal does not
        // wait for them.
        elapsed_under(started, Duration::from_secs(4), what);
    }
}

// ---- Messages that quote received files -------------------------------------------------------

/// Asserts that no character that could form a terminal control sequence is in `text`.
fn no_control_sequences(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| *c != '\n' && partnerplan::plan::text::is_forbidden(*c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {bad:?} reached the terminal: {text:?}"
    );
}

/// Issue 15: TOML key errors, the CSV header list and the CSV duplicate list printed file text
/// raw (an OSC 52 in a key wrote the clipboard in tmux). They go through the screens' sanitiser.
#[test]
fn messages_quoting_received_files_reach_the_terminal_escaped() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 1);
    let toml = sb.file("plan.toml");
    let good = support::export_toml(&sb, &path, &toml);
    let osc = "\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\u202e";
    let hostile = good.replacen(
        "name = \"Partner 000\"",
        &format!("name = \"P\"\n\"{osc}\" = 9"),
        1,
    );
    fs::write(&toml, hostile).unwrap();
    let target = sb.file("new.partnerplan");
    let run = sb.run([OsStr::new("import"), target.as_os_str(), toml.as_os_str()]);
    run.expect_code(1)
        .stderr_mentions(&["unknown field", "␛]52;c;ZXZpbA==␇␛[2J"]);
    no_control_sequences("TOML key error", &run.stderr);

    let csv = sb.file("crm.csv");
    fs::write(
        &csv,
        "Company name,Notes\u{1b}]0;pwned\u{7}\nPartner 000,x\nClip\u{1b}]52;c;eA==\u{7},y\n",
    )
    .unwrap();
    let run = sb.run([
        OsStr::new("import"),
        path.as_os_str(),
        csv.as_os_str(),
        OsStr::new("--dry-run"),
    ]);
    no_control_sequences("CSV import report (stdout)", &run.stdout);
    no_control_sequences("CSV import report (stderr)", &run.stderr);
}

// ---- Content the app could not use --------------------------------------------------------------

/// A real workbook spoiled through a plain connection by `sql` (run with `params`).
fn spoiled(sb: &Sandbox, name: &str, sql: &str, value: rusqlite::types::Value) -> PathBuf {
    let path = sb.file(name);
    workbook_with_partners(&path, 3);
    plain(&path).execute(sql, [value]).unwrap();
    path
}

/// Issue 15: `check` said ok for files the app then could not open or use. It now reads what
/// the app reads: each value's type, valid UTF-8, sizes and the intake rules; and opening reads
/// what `check` reads.
#[test]
fn check_refuses_content_the_app_could_not_use() {
    use rusqlite::types::Value;
    let cases: Vec<(&str, &str, Value, Vec<&str>)> = vec![
        (
            "utf8",
            "UPDATE workbook_meta SET title = CAST(?1 AS TEXT)",
            Value::Blob(b"Plan \xff\xfe broken".to_vec()),
            vec!["workbook_meta.title", "not valid UTF-8"],
        ),
        (
            "typed",
            "UPDATE partners SET checkin_cadence_days = ?1 WHERE rowid = 2",
            Value::Text("every week".into()),
            vec![
                "partners.checkin_cadence_days",
                "holds text where a whole number belongs",
            ],
        ),
        (
            "huge-title",
            "UPDATE workbook_meta SET title = ?1",
            Value::Text("T".repeat(50_000_000)),
            vec!["workbook_meta.title", "50,000,000 bytes"],
        ),
        (
            "large-name",
            "UPDATE partners SET name = ?1 WHERE rowid = 1",
            Value::Text("N".repeat(5_000_000)),
            vec!["partners.name", "5,000,000 bytes"],
        ),
        (
            "date",
            "UPDATE partners SET agreement_end = ?1 WHERE rowid = 3",
            Value::Text("2026-02-30".into()),
            vec!["partners.agreement_end", "not a date that exists"],
        ),
        (
            "counter",
            "UPDATE workbook_meta SET next_risk_number = ?1",
            Value::Integer(i64::MAX),
            vec!["workbook_meta.next_risk_number", "out of range"],
        ),
        (
            "escape",
            "UPDATE partners SET owner = ?1 WHERE rowid = 1",
            Value::Text("Kim\u{1b}]52;c;eA==\u{7}".into()),
            vec!["partners.owner", "U+001B"],
        ),
    ];
    for (name, sql, value, words) in cases {
        let sb = Sandbox::new();
        let path = spoiled(&sb, &format!("{name}.partnerplan"), sql, value);
        let run = refused_by_check(&sb, &path, &words, &[]);
        no_control_sequences(name, &run.stderr);
        // Opening reads what `check` reads: the same file is refused, not opened into tabs
        // that then fail ("string or blob too big" on a 5 MB name).
        refused_by_open(&sb, &path, "damaged", &words);
    }
}

// ---- Side files ------------------------------------------------------------------------------

/// A WAL-mode workbook received with its `-wal` beside it (changes not yet checkpointed into the
/// file): `check` reads them, and leaves no `-shm` (or anything else) behind.
#[test]
fn check_of_a_wal_workbook_with_its_wal_leaves_no_side_file() {
    let sb = Sandbox::new();
    let scratch = sb.root().join("scratch");
    fs::create_dir_all(&scratch).unwrap();
    let source = scratch.join("wal.partnerplan");
    workbook_with_partners(&source, 3);
    let conn = plain(&source);
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         UPDATE partners SET owner = 'In the WAL only';",
    )
    .unwrap();
    let path = sb.file("wal.partnerplan");
    fs::copy(&source, &path).unwrap();
    fs::copy(side(&source, "-wal"), side(&path, "-wal")).unwrap();
    drop(conn);

    let before = snapshot(&sb.files());
    check(&sb, &path)
        .expect_code(0)
        .stdout_mentions(&["WAL mode", "partners", "ok"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "check of a WAL workbook");
}

/// Opening refuses text a form would refuse, so `new` must never write such text itself: a
/// title with a control character is refused (nothing created), and a file name holding one
/// gives a cleaned default title, so the new file opens.
#[test]
fn new_never_writes_a_title_that_opening_would_refuse() {
    let sb = Sandbox::new();
    let path = sb.file("titled.partnerplan");
    let run = sb.run([
        OsStr::new("new"),
        path.as_os_str(),
        OsStr::new("--title"),
        OsStr::new("Plan \u{1b}]0;owned\u{7}"),
    ]);
    run.expect_code(1)
        .stderr_mentions(&["the title", "U+001B", "remove it"]);
    no_control_sequences("new --title", &run.stderr);
    assert!(!path.exists(), "nothing is created");

    let odd = sb.file("odd\u{1b}name.partnerplan");
    sb.run([OsStr::new("new"), odd.as_os_str()]).expect_code(0);
    let wb = Workbook::open(&odd, WRITABLE).expect("the new file opens");
    let title = wb.meta().unwrap().title;
    assert!(!title.contains('\u{1b}'), "{title:?}");
    assert!(title.contains("odd") && title.contains("name"), "{title:?}");
}
