//! TOML exchange benchmark: a generated workbook of 100,000 partners exported as TOML text and
//! imported into a new workbook, each timed with its own peak memory. Targets (issues 15 and
//! 21): export ≤ 64 MB and import ≤ 128 MB whatever the plan's size, import ≤ 5 s at 100,000
//! partners.
//!
//! Run: `cargo bench --bench toml` (optionally `-- 20000` for another size).

mod common;

use std::time::Instant;

use common::{bench_dir, ms, peak_memory_kib};
use partnerplan::exchange::toml::{import_file, write_plan};
use partnerplan::workbook::{OpenOptions, Workbook, generate_workbook};

/// Starts counting the process's peak memory afresh (Linux: writing 5 to clear_refs resets
/// VmHWM), so each step's peak is its own.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak() -> String {
    peak_memory_kib().map_or_else(
        || "peak memory not available".into(),
        |kib| format!("peak {:.1} MB", kib as f64 / 1024.0),
    )
}

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    let source = dir.path().join("source.partnerplan");
    generate_workbook(&source, partners, 7).expect("generating");
    let toml = dir.path().join("plan.toml");

    reset_peak();
    let started = Instant::now();
    {
        let wb = Workbook::open(&source, OpenOptions::default()).expect("opening");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&toml).expect("creating"));
        write_plan(&wb, None, &mut out).expect("export");
    }
    let size = std::fs::metadata(&toml).map(|m| m.len()).unwrap_or(0);
    println!(
        "TOML export of {partners} partners ({:.1} MB), a record at a time: {:.0} ms, {}  [target ≤ 64 MB]",
        size as f64 / 1e6,
        ms(started.elapsed()),
        peak()
    );

    reset_peak();
    let started = Instant::now();
    let target = dir.path().join("imported.partnerplan");
    let imported = import_file(&target, &toml, &[]).expect("import");
    println!(
        "TOML import into a new workbook, read piece by piece: {:.0} ms, {}  [target ≤ 5000 ms, ≤ 128 MB]",
        ms(started.elapsed()),
        peak()
    );
    let (added, _, _) = imported.report.totals();
    assert!(added >= partners, "every partner was imported");
}
