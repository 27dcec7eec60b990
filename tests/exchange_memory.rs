//! Exchange streams: the peak memory of each way a plan leaves or enters a workbook (TOML export
//! and import, XLSX, CSV export and import, the report, diff and merge of a workbook or of a TOML
//! export, a snapshot and what changed since it) does not grow with the plan. Each command runs
//! as its own process, the real binary, on generated workbooks of 3,000 and 12,000 partners (with
//! roles and as many risks); its peak resident memory (VmHWM) is read from /proc while it runs.
//! `PARTNERPLAN_MEMORY_PARTNERS=100000` measures the same at 25,000 and 100,000 partners instead
//! (the size; run it with `--release`, it takes minutes), under the same 128 MB ceiling.
//! The larger plan may take at most a few megabytes more than the smaller one: a command that
//! held the plan in memory would need about four times as much, 30 MB more or worse (the TOML
//! export did: 391 MB at 100,000 partners; a merge of a TOML export 244 MB at 12,000).

mod support;

use std::ffi::OsString;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use partnerplan::workbook::{generate_risks, generate_roles, generate_workbook};
use support::Sandbox;

/// The plan sizes compared: the larger from `PARTNERPLAN_MEMORY_PARTNERS`, else 12,000; the
/// smaller a quarter of it.
fn sizes() -> (usize, usize) {
    let large = match std::env::var("PARTNERPLAN_MEMORY_PARTNERS") {
        Ok(text) => text
            .trim()
            .replace(['_', ','], "")
            .parse()
            .unwrap_or_else(|_| {
                panic!("PARTNERPLAN_MEMORY_PARTNERS={text:?}: write a whole number, e.g. 100000")
            }),
        Err(_) => 12_000,
    };
    assert!(
        large >= 4,
        "PARTNERPLAN_MEMORY_PARTNERS: at least 4 partners"
    );
    (large / 4, large)
}
/// How much more the larger plan may take: SQLite's page cache and the binary's own buffers are
/// the same at both sizes, the rest is noise.
const GROWTH_KB: u64 = 12 * 1024;
const CEILING_KB: u64 = 128 * 1024;

/// The highest VmHWM read while the process ran (read every 2 ms; the peak of a command that
/// streams is reached early and held, that of one that gathers builds up to the end), with
/// whether it succeeded.
fn peak_kb(sandbox: &Sandbox, args: &[OsString]) -> u64 {
    let mut child = sandbox
        .partnerplan(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kb) = status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kb);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(peak > 0, "{args:?}: no memory figure was read");
    peak
}

fn generated(path: &Path, partners: usize) {
    generate_workbook(path, partners, 42).unwrap();
    generate_roles(path, 200, 42).unwrap();
    generate_risks(path, partners, 42).unwrap();
}

/// The commands measured, each on the workbook of one size (files named by `tag`).
fn commands(sandbox: &Sandbox, tag: &str) -> Vec<(&'static str, Vec<OsString>)> {
    let file = |name: &str| sandbox.file(&format!("{tag}-{name}")).into_os_string();
    let wb = file("plan.partnerplan");
    let os = |s: &str| OsString::from(s);
    vec![
        (
            "TOML export",
            vec![
                os("export"),
                os("--format"),
                os("toml"),
                wb.clone(),
                os("-o"),
                file("plan.toml"),
            ],
        ),
        (
            "TOML import",
            vec![
                os("import"),
                file("imported.partnerplan"),
                file("plan.toml"),
            ],
        ),
        (
            "XLSX export",
            vec![
                os("export"),
                os("--format"),
                os("xlsx"),
                wb.clone(),
                os("-o"),
                file("plan.xlsx"),
            ],
        ),
        (
            "CSV export",
            vec![
                os("export"),
                os("--format"),
                os("csv"),
                os("--table"),
                os("partners"),
                wb.clone(),
                os("-o"),
                file("partners.csv"),
            ],
        ),
        (
            "CSV import",
            vec![
                os("import"),
                file("from-csv.partnerplan"),
                file("partners.csv"),
            ],
        ),
        (
            "report",
            vec![os("report"), wb.clone(), os("-o"), file("report.html")],
        ),
        (
            "diff",
            vec![os("diff"), wb.clone(), file("imported.partnerplan")],
        ),
        (
            "diff of a TOML export",
            vec![os("diff"), wb.clone(), file("plan.toml")],
        ),
        (
            "merge of a TOML export",
            vec![os("merge"), wb.clone(), file("plan.toml"), os("--dry-run")],
        ),
        (
            "snapshot",
            vec![os("snapshot"), wb.clone(), os("--label"), os("before")],
        ),
        (
            "diff since a snapshot",
            vec![os("diff"), wb, os("--since"), os("before")],
        ),
    ]
}

#[test]
fn each_exchange_takes_the_same_memory_for_four_times_the_plan() {
    let (small_size, large_size) = sizes();
    let sandbox = Sandbox::new();
    generated(&sandbox.file("small-plan.partnerplan"), small_size);
    generated(&sandbox.file("large-plan.partnerplan"), large_size);
    // An empty workbook for the CSV import to fill.
    for tag in ["small", "large"] {
        partnerplan::workbook::Workbook::create(
            &sandbox.file(&format!("{tag}-from-csv.partnerplan")),
            Some("From CSV"),
        )
        .unwrap();
    }
    let small = commands(&sandbox, "small");
    let large = commands(&sandbox, "large");
    let mut failures = Vec::new();
    for ((what, small_args), (_, large_args)) in small.iter().zip(&large) {
        let small_kb = peak_kb(&sandbox, small_args);
        let large_kb = peak_kb(&sandbox, large_args);
        println!(
            "{what}: {:.1} MB at {small_size} partners, {:.1} MB at {large_size}",
            small_kb as f64 / 1024.0,
            large_kb as f64 / 1024.0
        );
        if large_kb > small_kb + GROWTH_KB || large_kb > CEILING_KB {
            failures.push(format!(
                "{what}: {small_kb} kB at {small_size} partners, {large_kb} kB at {large_size}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "peak memory grows with the plan:\n{}",
        failures.join("\n")
    );
}
