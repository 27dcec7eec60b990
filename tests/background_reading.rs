//! Readings of the plan on a thread of their own (`Workbook::read_in_background`), on temporary
//! files: they read what a reading in place reads, and a write of the app stops them at once
//! instead of waiting for them, its data kept.

mod support;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use jiff::civil::date;
use partnerplan::plan::concentration::Thresholds;
use partnerplan::plan::framework::shipped;
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{
    Heard, OpenOptions, OverviewQuery, Workbook, generate_risks, generate_roles, generate_workbook,
};
use support::draft;
use tempfile::TempDir;

fn generated(dir: &TempDir) -> Workbook {
    let path = dir.path().join("plan.partnerplan");
    generate_workbook(&path, 3_000, 42).unwrap();
    generate_roles(&path, 40, 42).unwrap();
    generate_risks(&path, 300, 42).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn read<T: std::fmt::Debug>(heard: Heard<T>) -> T {
    match heard {
        Heard::Read(read) => read,
        other => panic!("the reading did not finish: {other:?}"),
    }
}

#[test]
fn a_reading_on_another_thread_reads_what_one_in_place_reads() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir);
    let framework = shipped().unwrap();
    let bands = Bands::default();
    let query = OverviewQuery {
        today: date(2026, 12, 7),
        default_cadence_days: 90,
        bands,
    };
    let guide = wb
        .read_in_background(move |r| r.guide(framework, &bands))
        .unwrap()
        .expect("a writable workbook reads in the background");
    assert_eq!(read(guide.wait()), wb.guide(framework, &bands).unwrap());
    let overview = wb
        .read_in_background(move |r| r.overview_reading(&query, Thresholds::default()))
        .unwrap()
        .unwrap();
    let in_place = wb.overview_reading(&query, Thresholds::default()).unwrap();
    assert_eq!(in_place.overview.partners, 3_000);
    assert_eq!(read(overview.wait()), in_place);
}

#[test]
fn a_write_stops_a_reading_at_once_and_is_kept() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir);
    let (reading, read_started) = mpsc::channel();
    // A reading that holds the file for minutes: it counts the partners (taking SQLite's shared
    // lock for its read transaction), then counts far on its own.
    let running = wb
        .read_in_background(move |r| {
            let conn = r.connection();
            let partners: i64 =
                conn.query_row("SELECT count(*) FROM partners", [], |row| row.get(0))?;
            reading.send(partners)?;
            let counted: i64 = conn.query_row(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n \
                 WHERE x < 10000000000) SELECT count(*) FROM n",
                [],
                |row| row.get(0),
            )?;
            Ok(partners + counted)
        })
        .unwrap()
        .unwrap();
    assert_eq!(read_started.recv().unwrap(), 3_000);
    assert!(matches!(running.heard(), Heard::Reading));
    // Without stopping the reader, this write would wait two seconds for its lock and fail.
    let started = Instant::now();
    let id = wb.add_partner(&draft("Written meanwhile")).unwrap();
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(1_500),
        "the write waited {took:?}"
    );
    assert!(matches!(running.wait(), Heard::Stopped));
    assert_eq!(wb.partner(id).unwrap().unwrap().name, "Written meanwhile");
    // The file holds the write for any other reader.
    let path = wb.path().to_path_buf();
    drop(wb);
    let again = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(again.partner_count("").unwrap(), 3_001);
}

#[test]
fn a_read_only_workbook_reads_in_place() {
    let dir = TempDir::new().unwrap();
    let path = generated(&dir).path().to_path_buf();
    let options = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let mut wb = Workbook::open(&path, options).unwrap();
    let running = wb.read_in_background(|r| r.partner_count("")).unwrap();
    assert!(running.is_none());
}
