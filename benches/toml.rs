//! TOML exchange benchmark: a generated workbook of 100,000 partners exported as TOML text and
//! imported into a new workbook, each timed with its own peak memory. Targets (issues 15 and
//! 21): export ≤ 64 MB and import ≤ 128 MB whatever the plan's size, import ≤ 5 s at 100,000
//! partners.
//!
//! Run: `cargo bench --bench toml` (optionally `-- 20000` for another size, or `-- --file W` for
//! a copy of a workbook made before). First it times the export's opening of the workbook the
//! app holds, read whole and known sound.

mod common;

use std::time::Instant;

use common::{bench_dir, ms, peak_memory_kib};
use partnerplan::exchange::toml::{import_file, write_plan};
use partnerplan::workbook::{KnownSound, OpenOptions, Workbook, generate_workbook};

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

/// How long the app's export takes to open the workbook the app holds: read whole (as before)
/// and with the app's stamp of the file it knows sound (`Workbook::sound_stamp`).
fn time_export_opening(source: &std::path::Path) {
    let app = Workbook::open(source, OpenOptions::default()).expect("opening");
    let stamp = app.sound_stamp().expect("nothing else wrote: a stamp");
    let reader = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    let started = Instant::now();
    drop(Workbook::open(source, reader).expect("reading whole"));
    let whole = started.elapsed();
    let started = Instant::now();
    let known = KnownSound::only(stamp);
    let wb = Workbook::open_known(source, reader, &known).expect("opening known sound");
    let known_took = started.elapsed();
    assert!(!wb.was_read_whole(), "the app's stamp is taken");
    println!(
        "the export's opening of the workbook the app holds: read whole {:.0} ms, known sound \
         {:.1} ms (header and schema)",
        ms(whole),
        ms(known_took)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = bench_dir();
    let source = dir.path().join("source.partnerplan");
    // `-- --file W`: a copy of a workbook made before (a million partners take long to make).
    let given = args
        .iter()
        .position(|a| a == "--file")
        .and_then(|at| args.get(at + 1));
    let partners: usize = match given {
        Some(file) => {
            std::fs::copy(file, &source).expect("copying the workbook");
            let wb = Workbook::open(&source, OpenOptions::default()).expect("opening");
            let count = wb.partner_count("").expect("counting");
            usize::try_from(count).expect("a count")
        }
        None => {
            let partners = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
            generate_workbook(&source, partners, 7).expect("generating");
            partners
        }
    };
    time_export_opening(&source);
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
