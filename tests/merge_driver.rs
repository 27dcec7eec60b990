//! Teams that keep the plan's TOML form in git: with `partnerplan merge-driver` installed as the
//! README says, `git merge` combines two branches record by record — edits on neighbouring lines
//! of one record merge cleanly, and a real conflict leaves a readable report, never `<<<<<<<`
//! lines inside TOML tables.

use std::path::Path;
use std::process::{Command, Output};

const DEMO: &str = include_str!("../assets/demo.toml");
const TITLE: &str = "title = \"Platform hosted by a single cloud provider\"";
const CAUSE: &str = "cause = \"All regions run on Nimbus Forge Cloud.\"";

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .expect("git runs")
}

fn ok(repo: &Path, args: &[&str]) {
    let out = git(repo, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit_edit(repo: &Path, from: &str, to: &str, message: &str) {
    let path = repo.join("plan.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the fixture lacks {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    ok(repo, &["commit", "-q", "-am", message]);
}

/// A repository with the driver installed as the README says, the demo plan committed on main
/// and a branch `client` from there.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    ok(repo, &["init", "-q", "-b", "main"]);
    std::fs::write(repo.join(".gitattributes"), "*.toml merge=partnerplan\n").unwrap();
    let driver = format!(
        "{} merge-driver %O %A %B",
        env!("CARGO_BIN_EXE_partnerplan")
    );
    ok(
        repo,
        &["config", "merge.partnerplan.name", "partnerplan plan merge"],
    );
    ok(repo, &["config", "merge.partnerplan.driver", &driver]);
    std::fs::write(repo.join("plan.toml"), DEMO).unwrap();
    ok(repo, &["add", "."]);
    ok(repo, &["commit", "-q", "-m", "the plan"]);
    ok(repo, &["branch", "client"]);
    dir
}

#[test]
fn git_merges_two_edits_of_one_record_field_by_field() {
    let dir = repository();
    let repo = dir.path();
    commit_edit(
        repo,
        TITLE,
        "title = \"Platform on one cloud (main)\"",
        "main: title",
    );
    ok(repo, &["checkout", "-q", "client"]);
    commit_edit(
        repo,
        CAUSE,
        "cause = \"Every region on Nimbus (client).\"",
        "client: cause",
    );
    ok(repo, &["checkout", "-q", "main"]);
    // Neighbouring lines: a line-based merge would stop here with a conflict.
    ok(repo, &["merge", "-q", "--no-edit", "client"]);
    let merged = std::fs::read_to_string(repo.join("plan.toml")).unwrap();
    assert!(!merged.contains("<<<<<<<"), "conflict markers in the TOML");
    assert!(merged.contains("title = \"Platform on one cloud (main)\""));
    assert!(merged.contains("cause = \"Every region on Nimbus (client).\""));
    // And the result is a plan partnerplan reads.
    let check = Command::new(env!("CARGO_BIN_EXE_partnerplan"))
        .args(["import"])
        .arg(repo.join("merged.partnerplan"))
        .arg(repo.join("plan.toml"))
        .env("HOME", repo)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_real_conflict_stops_git_with_a_report_and_no_markers_in_the_toml() {
    let dir = repository();
    let repo = dir.path();
    commit_edit(repo, TITLE, "title = \"Main's title\"", "main: title");
    let ours = std::fs::read_to_string(repo.join("plan.toml")).unwrap();
    ok(repo, &["checkout", "-q", "client"]);
    commit_edit(repo, TITLE, "title = \"Client's title\"", "client: title");
    ok(repo, &["checkout", "-q", "main"]);
    let out = git(repo, &["merge", "--no-edit", "client"]);
    assert!(!out.status.success(), "git merged a conflict silently");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("1 conflict"), "{said}");
    assert!(
        said.contains("title: ours \"Main's title\" · theirs \"Client's title\""),
        "{said}"
    );
    let left = std::fs::read_to_string(repo.join("plan.toml")).unwrap();
    assert!(!left.contains("<<<<<<<"), "conflict markers in the TOML");
    assert_eq!(left, ours, "the file is not as this branch had it");
}
