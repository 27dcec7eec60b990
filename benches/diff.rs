//! Diff benchmark: a generated workbook (100,000 partners, 1,000 roles, 100,000 risks) and a copy
//! with 1,000 changes (stage moves, scores, assignments, heat-map moves, partners and risks added
//! and removed), compared as `partnerplan diff` compares them: both opened with every check a
//! received file gets, walked side by side, the change list written as text. Target from issue 14:
//! ≤ 5 s and ≤ 128 MB peak.
//!
//! Run: `cargo bench --bench diff` (optionally `-- 20000` for another partner count). The
//! comparison runs in a child process of its own, so its peak memory is not the generator's.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::{bench_dir, ms, peak_memory_kib};
use partnerplan::exchange::diff::{DiffSettings, compare, render_text};
use partnerplan::exchange::plan_file::PlanFile;
use partnerplan::plan::money::Currency;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{
    OpenOptions, Workbook, generate_risks, generate_roles, generate_workbook,
};

const ROLES: usize = 1_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, before, after, ..] = args.as_slice()
        && flag == "--compare"
    {
        return compare_files(Path::new(before), Path::new(after));
    }
    let partners: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = bench_dir();
    let before = dir.path().join("before.partnerplan");
    let after = dir.path().join("after.partnerplan");
    let started = Instant::now();
    generate_workbook(&before, partners, 42).expect("generating the workbook");
    generate_roles(&before, ROLES, 42).expect("generating roles");
    generate_risks(&before, partners, 42).expect("generating risks");
    std::fs::copy(&before, &after).expect("copying the workbook");
    let changes = make_changes(&after);
    println!(
        "generated {partners} partners, {ROLES} roles, {partners} risks and a copy with {changes} \
         changed records in {:.0} ms",
        ms(started.elapsed())
    );
    let status = Command::new(std::env::current_exe().expect("this benchmark's path"))
        .arg("--compare")
        .arg(&before)
        .arg(&after)
        .status()
        .expect("running the comparison");
    assert!(status.success(), "the comparison failed");
}

/// 1,000 edits spread over the plan (200 of them scores for 40 partners), as a planner's month of work might leave them; returns how
/// many records they touched directly.
fn make_changes(path: &Path) -> usize {
    let wb = Workbook::open(path, OpenOptions::default()).expect("opening the copy");
    let conn = wb.connection();
    let step = |n: usize| (conn_count(conn, "partners") / n).max(1);
    let sql = format!(
        "BEGIN;
         UPDATE partners SET stage = CASE stage WHEN 'active' THEN 'paused' ELSE 'active' END
          WHERE id IN (SELECT id FROM partners WHERE id % {s1} = 0 LIMIT 200);
         INSERT INTO criterion_scores (uuid, partner_id, criterion_id, score, created_at,
                                       updated_at)
         SELECT printf('fffffffe-0000-7000-8000-%06d%06d', p.id, c.id), p.id, c.id,
                1 + (p.id + c.id) % 5, '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'
           FROM (SELECT id FROM partners WHERE id % {s4} = 1 LIMIT 40) p
           JOIN (SELECT id FROM selection_criteria WHERE is_gate = 0 ORDER BY id LIMIT 5) c;
         UPDATE role_assignments SET kind = CASE kind WHEN 'lead' THEN 'backup' ELSE 'lead' END
          WHERE id IN (SELECT id FROM role_assignments WHERE id % 53 = 0 LIMIT 100);
         UPDATE risks SET residual_likelihood = 6 - residual_likelihood
          WHERE id IN (SELECT id FROM risks WHERE residual_likelihood IS NOT NULL AND id % 89 = 0
                       LIMIT 200);
         DELETE FROM partners WHERE id IN (SELECT id FROM partners WHERE id % {s2} = 7 LIMIT 50);
         INSERT INTO partners (uuid, name, stage, created_at, updated_at)
         WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 100)
         SELECT printf('ffffffff-0000-7000-8000-%012d', value), 'Bench newcomer ' || value,
                'prospect', '2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'
           FROM n;
         DELETE FROM risks WHERE id IN (SELECT id FROM risks WHERE id % 211 = 5 LIMIT 50);
         UPDATE partners SET notes = 'Reviewed at the December steering committee.'
          WHERE id IN (SELECT id FROM partners WHERE id % {s3} = 3 LIMIT 100);
         COMMIT;",
        s1 = step(200),
        s2 = step(50),
        s3 = step(100),
        s4 = step(40),
    );
    conn.execute_batch(&sql).expect("editing the copy");
    200 + 200 + 100 + 200 + 50 + 100 + 50 + 100
}

fn conn_count(conn: &rusqlite::Connection, table: &str) -> usize {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .map_or(1, |n| usize::try_from(n).unwrap_or(1))
}

fn compare_files(before: &Path, after: &Path) {
    let settings = DiffSettings {
        bands: Bands::default(),
        currency: Currency::or_default("EUR"),
        today: jiff::Zoned::now().date(),
    };
    let started = Instant::now();
    let old = PlanFile::open(before).expect("opening the first plan");
    let new = PlanFile::open(after).expect("opening the second plan");
    let opened = started.elapsed();
    let report = compare(&old.workbook, &new.workbook, &settings).expect("comparing");
    let compared = started.elapsed();
    let text = render_text(&report);
    let total = started.elapsed();
    println!(
        "open both with their checks: {:.0} ms; compare: {:.0} ms; render: {:.1} ms",
        ms(opened),
        ms(compared - opened),
        ms(total - compared)
    );
    println!(
        "diff of two {:.0} MB workbooks: {:.2} s in all  [target ≤ 5 s]; {} ({} bytes of text)",
        std::fs::metadata(before).map_or(0.0, |m| m.len() as f64 / 1e6),
        total.as_secs_f64(),
        report.summary(),
        text.len()
    );
    match peak_memory_kib() {
        Some(kib) => println!(
            "peak memory (VmHWM) of the comparison: {:.1} MB  [target ≤ 128 MB]",
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: not available on this platform"),
    }
    for section in &report.sections {
        let first = section.lines.first().map_or("", String::as_str);
        println!(
            "  {:<12} {:>5} lines, e.g. {first}",
            section.area.title(),
            section.lines.len()
        );
    }
}
