//! A full disk during `new` or `import` (issue 15) is the user's to solve: exit 1 with "not
//! enough space", and nothing is lost. The disk is a small tmpfs mounted in a private mount
//! namespace (`unshare -m`, as root); where that is not allowed the tests say they skipped.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use support::{Run, Sandbox, workbook_with_partners};

/// Runs `script` (sh) with `$1` a fresh tmpfs of `kib` KiB in a mount namespace of its own and
/// the remaining arguments after it; `None` when this machine does not allow that.
fn on_a_small_disk(sb: &Sandbox, kib: u64, script: &str, args: &[&Path]) -> Option<Run> {
    let disk = sb.root().join("disk");
    fs::create_dir_all(&disk).unwrap();
    let probe = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$1\""])
        .arg("sh")
        .arg(&disk)
        .output();
    if !probe.is_ok_and(|out| out.status.success()) {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root and unshare -m)");
        return None;
    }
    let mut command = Command::new("unshare");
    command
        .args(["-m", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size={kib}k tmpfs \"$1\" || exit 99; {script}"
        ))
        .arg("sh")
        .arg(&disk)
        .args(args)
        .stdin(Stdio::null());
    sb.isolate(&mut command);
    Some(Run::from(command.output().unwrap()))
}

#[test]
fn new_on_a_full_disk_exits_1_and_leaves_nothing() {
    let sb = Sandbox::new();
    let listing = sb.file("listing");
    let script = "\"$2\" new \"$1/new.partnerplan\"; code=$?; ls -A \"$1\" > \"$3\"; exit $code";
    let Some(run) = on_a_small_disk(&sb, 48, script, &[Path::new(support::BIN), &listing]) else {
        return;
    };
    run.expect_code(1).stderr_mentions(&[
        "not enough space",
        "Nothing was changed",
        "free some space",
    ]);
    assert_eq!(
        fs::read_to_string(&listing).unwrap(),
        "",
        "nothing left on the disk"
    );
}

#[test]
fn a_merge_on_a_full_disk_exits_1_and_changes_nothing() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 2);
    let before = fs::read(&path).unwrap();
    let after = sb.file("after.partnerplan");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.toml");
    // The workbook on a disk with a little room left, not enough for the demo plan merged in.
    let kib = before.len() as u64 / 1024 + 48;
    let script = "cp \"$3\" \"$1/plan.partnerplan\" || exit 98; \
                  \"$2\" merge \"$1/plan.partnerplan\" \"$4\" --prefer theirs; code=$?; \
                  cp \"$1/plan.partnerplan\" \"$5\"; ls -A \"$1\" >&2; exit $code";
    let Some(run) = on_a_small_disk(
        &sb,
        kib,
        script,
        &[Path::new(support::BIN), &path, &demo, &after],
    ) else {
        return;
    };
    run.expect_code(1)
        .stderr_mentions(&["not enough space", "Nothing was changed"]);
    assert!(
        fs::read(&after).unwrap() == before,
        "the workbook is byte for byte what it was"
    );
    assert!(
        !run.stderr.contains("-journal"),
        "no journal left: {}",
        run.stderr
    );
}

#[test]
fn an_import_on_a_full_disk_exits_1_and_changes_nothing() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    workbook_with_partners(&path, 2);
    let before = fs::read(&path).unwrap();
    // A HubSpot-shaped company export (its "Company name" and "Website URL" headers) far larger
    // than the room left on the disk.
    let csv = sb.file("companies.csv");
    let mut text = String::from("Company name,Website URL,Notes\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "Company {i},https://c{i}.example,{}\n",
            "a note of some length ".repeat(4)
        ));
    }
    fs::write(&csv, text).unwrap();
    let after = sb.file("after.partnerplan");
    let listing = sb.file("listing");
    let kib = before.len() as u64 / 1024 + 160;
    let script = "cp \"$3\" \"$1/plan.partnerplan\" || exit 98; \
                  \"$2\" import \"$1/plan.partnerplan\" \"$4\"; code=$?; \
                  cp \"$1/plan.partnerplan\" \"$5\"; \
                  \"$2\" import \"$1/fresh.partnerplan\" \"$6\" 2>/dev/null; \
                  ls -A \"$1\" > \"$7\"; exit $code";
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.toml");
    let Some(run) = on_a_small_disk(
        &sb,
        kib,
        script,
        &[
            Path::new(support::BIN),
            &path,
            &csv,
            &after,
            &demo,
            &listing,
        ],
    ) else {
        return;
    };
    run.expect_code(1).stderr_mentions(&[
        "not enough space",
        "Nothing was changed",
        "free some space",
    ]);
    assert!(
        fs::read(&after).unwrap() == before,
        "the workbook is byte for byte what it was"
    );
    assert_eq!(
        fs::read_to_string(&listing).unwrap(),
        "plan.partnerplan\n",
        "a TOML import that does not fit leaves no new workbook and no journal behind"
    );
}
