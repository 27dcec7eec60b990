//! Ecosystem benchmark: a generated workbook with 100,000 partners and 300,000 partner↔partner
//! links; the time to read the network (`Workbook::network`) and to work out its figures (links
//! per partner, isolated partners, clusters, brokers with whom they cut off, multilaterality).
//! Prints figures; targets from issue 18: network and figures ≤ 300 ms (computed while idle),
//! peak memory ≤ 128 MB. Then what reads the network besides the view: the risk suggestions
//! (structure included), the live facts (joint offerings, multilaterality) and the report's
//! ecosystem section (layout included), each read once when asked for.
//!
//! Run: `cargo bench --bench ecosystem` (optionally `-- 20000 60000` for other partner and link
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::Instant;

use common::{bench_dir, ms, peak_memory_kib};
use partnerplan::exchange::report::ecosystem::ReportEcosystem;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{
    LiveContext, OpenOptions, Workbook, generate_links, generate_workbook,
};

fn main() {
    let mut numbers = std::env::args().skip(1).filter_map(|a| a.parse().ok());
    let partners: usize = numbers.next().unwrap_or(100_000);
    let links: usize = numbers.next().unwrap_or(300_000);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    common::established(&path);
    let made = generate_links(&path, links, 42).expect("generating links");
    println!(
        "generated {partners} partners and {made} links in {:.0} ms",
        ms(started.elapsed())
    );

    let generating = peak_memory_kib();
    // The generator's own peak is not the app's: start counting afresh (Linux: "5" resets the
    // peak resident set size).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
    let mut best = f64::MAX;
    for round in 1..=3 {
        let started = Instant::now();
        let network = wb.network().expect("reading the network");
        let read = started.elapsed();
        let summary = network.summary(5);
        let total = started.elapsed();
        best = best.min(ms(total));
        println!(
            "round {round}: network of {} current partners read in {:.1} ms, figures in {:.1} ms, \
             together {:.1} ms  [target ≤ 300 ms]",
            network.ids.len(),
            ms(read),
            ms(total - read),
            ms(total)
        );
        if round == 1 {
            let top = summary.brokers.first();
            println!(
                "  {} isolated, {} clusters (largest {}), {} brokers shown (top cuts off {}), \
                 most linked {} with {}; {}",
                summary.isolated,
                summary.clusters,
                summary.largest_cluster,
                summary.brokers.len(),
                top.map_or(0, |b| b.cut_off),
                summary
                    .most_linked
                    .first()
                    .map_or("nobody", |n| n.name.as_str()),
                summary.most_linked.first().map_or(0, |n| n.count),
                summary.reading
            );
        }
    }
    println!("best of 3: {best:.1} ms  [target ≤ 300 ms]");
    let mb = |kib: Option<u64>| {
        kib.map_or("not available".to_string(), |k| {
            format!("{:.1} MB", k as f64 / 1024.0)
        })
    };
    if reset {
        println!(
            "peak memory (VmHWM) while reading and figuring: {}  [target ≤ 128 MB]; while \
             generating: {}",
            mb(peak_memory_kib()),
            mb(generating)
        );
    } else {
        println!(
            "peak memory (VmHWM) of the whole run, generating included: {}  [target ≤ 128 MB]",
            mb(peak_memory_kib())
        );
    }

    for (what, run) in [
        ("risk suggestions, the structure's included", 0),
        (
            "live facts, joint offerings and multilaterality included",
            1,
        ),
        (
            "the report's ecosystem section (network, layout, offerings)",
            2,
        ),
    ] {
        let started = Instant::now();
        let size = match run {
            0 => wb
                .risk_suggestions("2026-11-24", 30)
                .expect("suggesting risks")
                .len(),
            1 => {
                let context = LiveContext {
                    today: jiff::civil::date(2026, 11, 24),
                    bands: Bands::default(),
                };
                wb.live_facts(&context)
                    .expect("live facts")
                    .active_partner_links
            }
            _ => ReportEcosystem::read(&wb, "Bench")
                .expect("reading the report's section")
                .map
                .partners
                .len(),
        };
        println!("{what}: {:.1} ms ({size})", ms(started.elapsed()));
    }
}
