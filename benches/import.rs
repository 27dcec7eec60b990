//! CSV import benchmark: a generated CRM-style export of 100,000 companies (HubSpot-like headers,
//! quoted descriptions with commas and line breaks, columns to ignore) imported into an empty
//! workbook, validation, duplicate checks, journal and commit included. Target (DESIGN §9): ≤ 2 s.
//!
//! Run: `cargo bench --bench import` (optionally `-- 20000` for another size).

mod common;

use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use common::{bench_dir, ms, print_peak_memory};
use partnerplan::exchange::csv::{ImportOptions, import_partners};
use partnerplan::workbook::{OpenOptions, Workbook};

/// Time this process has spent on a CPU, from /proc (other work on a shared machine inflates the
/// wall clock, not this).
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `work`, printing its wall-clock and CPU time after `label`.
fn timed<T>(label: impl FnOnce(&T) -> String, work: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let out = work();
    let cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    let cpu = cpu.map_or_else(String::new, |c| format!(", {:.0} ms on CPU", ms(c)));
    println!("{}: {:.0} ms wall{cpu}", label(&out), ms(wall.elapsed()));
    out
}

const STAGES: [&str; 4] = ["Active", "prospect", "Evaluating", "onboarding"];
const TYPES: [&str; 4] = ["reseller", "Technology", "supplier", "integrator"];
const INDUSTRIES: [&str; 5] = ["software", "logistics", "healthcare", "finance", "retail"];

/// Position `i` of a fixed permutation of `0..rows` that scatters neighbours far apart.
fn scattered(i: usize, rows: usize) -> usize {
    // 7919 is prime and coprime to any row count it does not divide; fall back to 1 then.
    let step = if rows.is_multiple_of(7919) { 1 } else { 7919 };
    (i * step) % rows.max(1)
}

/// Writes the CRM-style export of `rows` companies to `path`, in UTF-8 or, as Excel's "CSV
/// (Comma delimited)" on Windows writes it, in Windows-1252 with CRLF.
fn write_companies(path: &std::path::Path, rows: usize, windows_1252: bool) {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("csv"));
    let end = if windows_1252 { "\r\n" } else { "\n" };
    let mut line = String::new();
    let put = |out: &mut BufWriter<std::fs::File>, text: &str| {
        if windows_1252 {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            out.write_all(&bytes).expect("write");
        } else {
            out.write_all(text.as_bytes()).expect("write");
        }
    };
    put(
        &mut out,
        &format!(
            "Record ID,Company name,Company Domain Name,Industry,Lifecycle Stage,Type,\
             Company owner,Create Date,Number of Employees,Email,Description{end}"
        ),
    );
    for i in 0..rows {
        // A CRM lists companies in the order they were created, not by name: the names come
        // in a scattered order, and every name and website is still distinct.
        let n = scattered(i, rows);
        line.clear();
        use std::fmt::Write as _;
        write!(
            line,
            "{},Company {n:06} Ltd,company{n}.example,{},{},{},Owner {},\
             2024-01-{:02},{},contact{n}@company{n}.example,\"Makes things, sells things – \n\
             line two of {n}\"{end}",
            1_000_000 + i,
            INDUSTRIES[i % INDUSTRIES.len()],
            STAGES[i % STAGES.len()],
            TYPES[i % TYPES.len()],
            i % 40,
            i % 28 + 1,
            i % 5000
        )
        .expect("format");
        put(&mut out, &line);
    }
    out.flush().expect("flush");
}

fn main() {
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    let csv = dir.path().join("companies.csv");
    let started = Instant::now();
    write_companies(&csv, rows, false);
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {rows} CSV rows ({:.1} MB) in {:.0} ms",
        size as f64 / 1e6,
        ms(started.elapsed())
    );

    let path = dir.path().join("bench.partnerplan");
    Workbook::create(&path, Some("Import bench")).expect("creating");
    let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening");

    let dry_run = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    timed(
        |r: &partnerplan::exchange::csv::CsvImport| {
            format!("dry run (read, check, classify {} rows)", r.rows)
        },
        || {
            import_partners(&mut wb, &csv, &dry_run)
                .unwrap_or_else(|err| panic!("dry run: {err:?}"))
        },
    );
    let report = timed(
        |_| format!("import of {rows} rows into an empty workbook [target ≤ 2000 ms]"),
        || {
            import_partners(&mut wb, &csv, &ImportOptions::default())
                .unwrap_or_else(|err| panic!("import: {err:?}"))
        },
    );
    assert_eq!(report.added, rows, "every row is a new partner");
    let report = timed(
        |_| format!("the same file again (all {rows} skipped as duplicates)"),
        || {
            import_partners(&mut wb, &csv, &ImportOptions::default())
                .unwrap_or_else(|err| panic!("again: {err:?}"))
        },
    );
    assert_eq!(
        report.skipped, rows,
        "every row is a duplicate the second time"
    );
    timed(
        |_| format!("undo the import (its {rows} rows read into the journal, then removed)"),
        || wb.undo().expect("undo").expect("an import to undo"),
    );
    timed(
        |_| format!("redo it ({rows} rows back from the journal)"),
        || wb.redo().expect("redo").expect("an import to redo"),
    );

    // The same companies as Excel writes them on Windows: read as Windows-1252 (the bytes are
    // not UTF-8), decoded as they stream. Target: at most 20 % more than the UTF-8 import.
    let ansi = dir.path().join("companies-1252.csv");
    write_companies(&ansi, rows, true);
    let mut times = Vec::new();
    for (label, file) in [("UTF-8", &csv), ("Windows-1252", &ansi)] {
        let path = dir.path().join(format!("{label}.partnerplan"));
        Workbook::create(&path, Some("Import bench")).expect("creating");
        let mut wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
        let (started, cpu) = (Instant::now(), cpu_time());
        let report = timed(
            |r: &partnerplan::exchange::csv::CsvImport| {
                format!(
                    "import of {rows} rows read as {} into an empty workbook",
                    r.encoding
                )
            },
            || {
                import_partners(&mut wb, file, &ImportOptions::default())
                    .unwrap_or_else(|err| panic!("{label}: {err:?}"))
            },
        );
        assert_eq!(report.added, rows, "{label}: every row is a new partner");
        // CPU time where it can be read: other work on a shared machine inflates the wall clock.
        let spent = cpu
            .zip(cpu_time())
            .map_or_else(|| started.elapsed(), |(a, b)| b.saturating_sub(a));
        times.push(ms(spent));
    }
    println!(
        "Windows-1252 costs {:+.0} % against UTF-8 ({} time) [target ≤ +20 %]",
        (times[1] / times[0] - 1.0) * 100.0,
        if cpu_time().is_some() { "CPU" } else { "wall" }
    );
    print_peak_memory();
}
