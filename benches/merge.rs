//! Merge benchmark: a generated workbook of 100,000 partners handed out as a copy, 1,000 changes
//! made on each side (edits, additions, deletions and a few conflicts), then the three-way merge
//! planned and applied. Target (issue "Copies that come back"): ≤ 5 s, peak memory ≤ 128 MB.
//!
//! Run: `cargo bench --bench merge` (optionally `-- 20000` for another size).

mod common;

use std::time::Instant;

use common::{bench_dir, ms, peak_memory_kib};
use partnerplan::plan::merge::Side;
use partnerplan::workbook::merge::{Choices, find_base, plan_merge};
use partnerplan::workbook::{OpenOptions, Workbook, generate_workbook, new_uuid, timestamp_now};

/// Starts the peak-memory count afresh (Linux: writing 5 to clear_refs resets VmHWM), so the
/// figure is the merge's own, not the generator's.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `changes` edits on one side, in one transaction of raw SQL (the setup is not what is timed):
/// a field of partners `first..`, `added` new partners and `deleted` deletions with their
/// tombstones.
fn edit(
    wb: &Workbook,
    column: &str,
    first: i64,
    changes: i64,
    added: i64,
    deleted: (i64, i64),
    side: &str,
) {
    let conn = wb.connection();
    conn.execute_batch("BEGIN").expect("begin");
    let now = timestamp_now();
    conn.execute(
        &format!(
            "UPDATE partners SET {column} = ?1 || ' ' || id, updated_at = ?2 \
             WHERE id >= ?3 AND id < ?3 + ?4"
        ),
        rusqlite::params![format!("{side} edit"), now, first, changes],
    )
    .expect("editing partners");
    for n in 0..added {
        conn.execute(
            "INSERT INTO partners (uuid, name, stage, created_at, updated_at) \
             VALUES (?1, ?2, 'prospect', ?3, ?3)",
            rusqlite::params![new_uuid(), format!("{side} newcomer {n}"), now],
        )
        .expect("adding a partner");
    }
    conn.execute(
        "INSERT INTO tombstones (uuid, table_name, created_at, updated_at) \
         SELECT uuid, 'partners', ?3, ?3 FROM partners WHERE id >= ?1 AND id < ?1 + ?2",
        rusqlite::params![deleted.0, deleted.1, now],
    )
    .expect("tombstones");
    conn.execute(
        "DELETE FROM partners WHERE id >= ?1 AND id < ?1 + ?2",
        rusqlite::params![deleted.0, deleted.1],
    )
    .expect("deleting partners");
    conn.execute_batch("COMMIT").expect("commit");
}

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    let ours = dir.path().join("ours.partnerplan");
    let theirs = dir.path().join("theirs.partnerplan");
    let started = Instant::now();
    generate_workbook(&ours, partners, 42).expect("generating the workbook");
    println!(
        "generated {partners} partners in {:.0} ms",
        ms(started.elapsed())
    );

    let started = Instant::now();
    {
        let mut wb = Workbook::open(&ours, OpenOptions::default()).expect("opening");
        wb.send_copy(&theirs).expect("sending a copy");
    }
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "hand-off (snapshot kept inside, copy written through SQLite): {:.0} ms; files {:.0} MB / {:.0} MB",
        ms(started.elapsed()),
        size(&ours),
        size(&theirs)
    );

    // 1,000 changes a side: 900 edits (10 of them on the same field of the same partners: the
    // conflicts), 50 partners added, 50 deleted.
    {
        let wb = Workbook::open(&ours, OpenOptions::default()).expect("opening ours");
        edit(&wb, "notes", 1, 900, 50, (5_001, 50), "ours");
    }
    {
        let wb = Workbook::open(&theirs, OpenOptions::default()).expect("opening theirs");
        edit(&wb, "owner", 451, 890, 50, (7_001, 50), "theirs");
        edit(&wb, "notes", 891, 10, 0, (0, 0), "theirs");
    }

    let clean = reset_peak_memory();
    let started = Instant::now();
    let mut ours_wb = Workbook::open(&ours, OpenOptions::default()).expect("opening ours");
    let theirs_wb = Workbook::open(
        &theirs,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .expect("opening theirs");
    let opened = started.elapsed();
    let plan = {
        let base = find_base(&ours_wb, &theirs_wb).expect("finding the base");
        plan_merge(&ours_wb, &theirs_wb, &base).expect("planning the merge")
    };
    let planned = started.elapsed();
    let (added, changed, deleted) = plan.counts();
    for table in plan.tables.iter().filter(|t| !t.is_empty()) {
        println!(
            "  {}: {} added, {} changed, {} deleted",
            table.layout.key,
            table.added.len(),
            table.changed.len(),
            table.deleted.len()
        );
    }
    let outcome = ours_wb
        .apply_merge(&plan, &Choices::prefer(Side::Theirs), "merge bench")
        .expect("applying the merge");
    let applied = started.elapsed();
    println!(
        "merge plan: {added} added, {changed} changed, {deleted} deleted, {} conflicts (base found: {})",
        plan.conflicts.len(),
        plan.has_base
    );
    println!(
        "merge of two {partners}-partner workbooks: {:.0} ms in all  [target ≤ 5,000 ms]\n  \
         open both {:.0} ms · plan (three-way walk) {:.0} ms · apply {:.0} ms ({} added, {} changed, {} deleted)",
        ms(applied),
        ms(opened),
        ms(planned - opened),
        ms(applied - planned),
        outcome.added,
        outcome.changed,
        outcome.deleted
    );
    match peak_memory_kib() {
        Some(kib) => println!(
            "peak memory (VmHWM{}): {:.1} MB  [target ≤ 128 MB]",
            if clean {
                ", the merge's own"
            } else {
                ", whole process"
            },
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: not available on this platform"),
    }
}
