//! `partnerplan diff A B` as a script sees it: the change list on standard output or in a file
//! (Markdown by name or `--markdown`), exit 0 with or without differences, 1 for bad input and 2
//! for a refused file — and both files left as they were.

mod support;

use std::ffi::OsStr;
use std::fs;
use std::path::PathBuf;

use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, assert_unchanged, snapshot};

/// The demo as `a.partnerplan`, its TOML export `a.toml`, and a copy `b.partnerplan` in which one
/// partner moved on.
fn plans(sb: &Sandbox) -> (PathBuf, PathBuf, PathBuf) {
    let (a, toml, b) = (
        sb.file("a.partnerplan"),
        sb.file("a.toml"),
        sb.file("b.partnerplan"),
    );
    sb.run([OsStr::new("demo"), a.as_os_str()]).expect_code(0);
    sb.run([
        OsStr::new("export"),
        a.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("toml"),
        OsStr::new("-o"),
        toml.as_os_str(),
    ])
    .expect_code(0);
    fs::copy(&a, &b).unwrap();
    let wb = Workbook::open(&b, OpenOptions::default()).unwrap();
    wb.connection()
        .execute(
            "UPDATE partners SET stage = 'active' WHERE name = 'Cinder & Vale Robotics'",
            [],
        )
        .unwrap();
    drop(wb);
    (a, toml, b)
}

#[test]
fn diff_prints_the_changes_or_says_there_are_none_and_exits_0() {
    let sb = Sandbox::new();
    let (a, toml, b) = plans(&sb);
    let before = snapshot(&sb.files());
    let run = sb.run([OsStr::new("diff"), a.as_os_str(), b.as_os_str()]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "1 change in 1 area.\n\nPartners\n  Cinder & Vale Robotics: evaluating → active\n"
        ),
        "{}",
        run.stdout
    );
    let run = sb.run([OsStr::new("diff"), a.as_os_str(), toml.as_os_str()]);
    run.expect_code(0);
    assert!(
        run.stdout.ends_with("\nNo differences.\n"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_unchanged(&before, &snapshot(&sb.files()), "diff only reads");
}

#[test]
fn diff_writes_markdown_by_name_or_flag() {
    let sb = Sandbox::new();
    let (a, _, b) = plans(&sb);
    let out = sb.file("changes.md");
    let run = sb.run([
        OsStr::new("diff"),
        a.as_os_str(),
        b.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ]);
    run.expect_code(0)
        .stdout_mentions(&["1 change in 1 area.", "changes.md"]);
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("# Changes from "), "{written}");
    assert!(
        written.contains("\n## Partners\n\n- Cinder \\& Vale Robotics: evaluating → active\n"),
        "{written}"
    );
    let run = sb.run([
        OsStr::new("diff"),
        a.as_os_str(),
        b.as_os_str(),
        OsStr::new("--markdown"),
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout, written);
    let text = sb.file("changes.txt");
    sb.run([
        OsStr::new("diff"),
        a.as_os_str(),
        b.as_os_str(),
        OsStr::new("-o"),
        text.as_os_str(),
    ])
    .expect_code(0);
    assert!(
        fs::read_to_string(&text)
            .unwrap()
            .contains("\nPartners\n  Cinder")
    );
}

#[test]
fn diff_refuses_bad_input_with_1_and_foreign_files_with_2() {
    let sb = Sandbox::new();
    let (a, _, _) = plans(&sb);
    let missing = sb.file("missing.partnerplan");
    sb.run([OsStr::new("diff"), a.as_os_str(), missing.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&["missing.partnerplan does not exist", "check the path"]);
    let broken = sb.file("broken.toml");
    fs::write(&broken, "[workbook\ntitle = ").unwrap();
    sb.run([OsStr::new("diff"), broken.as_os_str(), a.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&["broken.toml has problems, so nothing was compared"]);
    let foreign = sb.file("notes.partnerplan");
    fs::write(
        &foreign,
        "not a workbook at all, just some notes\n".repeat(20),
    )
    .unwrap();
    let before = snapshot(&sb.files());
    sb.run([OsStr::new("diff"), a.as_os_str(), foreign.as_os_str()])
        .expect_code(2)
        .stderr_mentions(&["notes.partnerplan"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "a refused diff");
    sb.run([
        OsStr::new("diff"),
        a.as_os_str(),
        a.as_os_str(),
        OsStr::new("--date"),
        OsStr::new("yesterday"),
    ])
    .expect_code(1)
    .stderr_mentions(&["--date takes a day as YYYY-MM-DD"]);
}
