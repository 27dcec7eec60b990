//! Metrics benchmark: a generated workbook with 100,000 partners, 1,000 roles and 100,000 risks,
//! plus the six live KPIs, 30 measured KPIs with 400 measurements each, and 10,000 investments and
//! value entries. Times the first frame of the Metrics tab (live facts read and today's history
//! recorded), each keystroke to its finished frame in the table, the chart and the ROI view (its
//! other periods read ahead by the idle pass between keys, as in the app), and a frame after an
//! edit elsewhere (when the live values are read again). Targets from DESIGN §9:
//! first frame ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench metrics` (optionally `-- 20000 20000` for other partner and risk
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::Instant;

use common::{app_on, bench_dir, frame, ms, print_peak_memory, report, screen, timed_keys};
use partnerplan::plan::kpi::Kpi;
use partnerplan::plan::live_kpi::LiveSource;
use partnerplan::workbook::{Workbook, generate_risks, generate_roles, generate_workbook};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ROLES: usize = 1_000;
const MEASURED_KPIS: usize = 30;
const MEASUREMENTS: usize = 400;
const MONEY_ROWS: usize = 10_000;

/// KPIs through the workbook (journaled, as the app writes them); their measurements and the
/// money rows straight into the file in one transaction, as an import would.
fn add_metrics(wb: &mut Workbook) {
    for source in LiveSource::ALL {
        let kpi = Kpi {
            name: source.name().into(),
            unit: source.unit().into(),
            direction: source.direction(),
            live_source: Some(source),
            target: Some(50.0),
            ..Kpi::default()
        };
        wb.add_kpi(&kpi).expect("adding a live KPI");
    }
    let mut ids = Vec::new();
    for i in 0..MEASURED_KPIS {
        let kpi = Kpi {
            name: format!("Measured KPI {i:02}"),
            unit: "%".into(),
            baseline: Some(0.0),
            target: Some(100.0),
            target_date: Some("2027-12-31".into()),
            ..Kpi::default()
        };
        ids.push(wb.add_kpi(&kpi).expect("adding a KPI"));
    }
    let conn = wb.connection();
    conn.execute_batch("BEGIN").expect("begin");
    let now = "2026-01-01T00:00:00.000Z";
    for (k, id) in ids.iter().enumerate() {
        for m in 0..MEASUREMENTS {
            conn.execute(
                "INSERT INTO kpi_measurements (uuid, kpi_id, measured_on, value, note, created_at, \
                 updated_at) VALUES (?1, ?2, date('2025-01-01', '+' || ?3 || ' days'), ?4, '', ?5, ?5)",
                rusqlite::params![format!("m-{k}-{m}"), id, m as i64, (m % 97) as f64, now],
            )
            .expect("a measurement");
        }
    }
    for i in 0..MONEY_ROWS {
        let day = (i % 700) as i64;
        conn.execute(
            "INSERT INTO investments (uuid, spent_on, item, amount_minor, category, partner_id, \
             created_at, updated_at) VALUES (?1, date('2025-01-01', '+' || ?2 || ' days'), \
             'Enablement', ?3, 'enablement', ?4, ?5, ?5)",
            rusqlite::params![
                format!("i-{i}"),
                day,
                10_000 + i as i64,
                1 + (i % 500) as i64,
                now
            ],
        )
        .expect("an investment");
        conn.execute(
            "INSERT INTO value_log (uuid, logged_on, partner_id, kind, description, amount_minor, \
             created_at, updated_at) VALUES (?1, date('2025-01-01', '+' || ?2 || ' days'), ?3, ?4, \
             'Deal', ?5, ?6, ?6)",
            rusqlite::params![
                format!("v-{i}"),
                day,
                1 + (i % 500) as i64,
                if i % 3 == 0 { "innovation" } else { "revenue" },
                15_000 + i as i64,
                now
            ],
        )
        .expect("a value entry");
    }
    conn.execute_batch("COMMIT").expect("commit");
}

fn main() {
    let mut numbers = std::env::args().skip(1).filter_map(|a| a.parse().ok());
    let partners: usize = numbers.next().unwrap_or(100_000);
    let risks: usize = numbers.next().unwrap_or(100_000);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    generate_roles(&path, ROLES, 42).expect("generating roles");
    generate_risks(&path, risks, 42).expect("generating risks");
    {
        let mut wb = common::open_established(&path);
        add_metrics(&mut wb);
    }
    common::established(&path);
    println!(
        "generated {partners} partners, {ROLES} roles, {risks} risks, {} KPIs ({} live) with \
         {MEASUREMENTS} measurements each, {MONEY_ROWS} investments and value entries in {:.0} ms",
        MEASURED_KPIS + LiveSource::ALL.len(),
        LiveSource::ALL.len(),
        ms(started.elapsed())
    );

    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let char = |c: char| key(KeyCode::Char(c));

    let wb = common::open_established(&path);
    let facts = Instant::now();
    let live = wb
        .live_facts(&partnerplan::workbook::LiveContext {
            today: jiff::Zoned::now().date(),
            bands: Default::default(),
        })
        .expect("live facts");
    println!(
        "live facts ({} active partners, {} overdue check-ins): {:.1} ms",
        live.active_partners,
        live.overdue_check_ins,
        ms(facts.elapsed())
    );
    let started = Instant::now();
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    let opened = started.elapsed();
    let tab = Instant::now();
    app.handle_key(char('6')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "first frame of the Metrics tab (open {:.1} ms + tab 6 {:.1} ms): {:.1} ms  [target ≤ 300 ms]",
        ms(opened),
        ms(tab.elapsed()),
        ms(started.elapsed())
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains(&format!("{} KPIs", MEASURED_KPIS + LiveSource::ALL.len()))
            && shown.contains("Active partners · live"),
        "the Metrics tab shows the KPIs:\n{shown}"
    );

    let width = 44;
    let mut worst = Vec::new();
    let moves: Vec<KeyEvent> = std::iter::repeat_n(char('j'), 40)
        .chain([
            char('G'),
            char('g'),
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
        ])
        .collect();
    worst.push(report(
        "table: j ×40, G, g, PgDn, PgUp",
        width,
        &timed_keys(&mut app, &mut terminal, &moves),
    ));
    app.handle_key(char('G')).expect("key");
    frame(&mut app, &mut terminal);
    worst.push(report(
        "open the chart (400 measurements), Esc",
        width,
        &timed_keys(
            &mut app,
            &mut terminal,
            &[key(KeyCode::Enter), key(KeyCode::Esc)],
        ),
    ));
    app.handle_key(key(KeyCode::Enter)).expect("key");
    frame(&mut app, &mut terminal);
    let log: Vec<KeyEvent> = std::iter::repeat_n(char('j'), 20).collect();
    worst.push(report(
        "chart's log: j ×20",
        width,
        &timed_keys(&mut app, &mut terminal, &log),
    ));
    app.handle_key(key(KeyCode::Esc)).expect("key");
    frame(&mut app, &mut terminal);
    // As in the app, the idle pass runs between keys: on the Metrics tab it reads the ROI view
    // ahead (figures, monthly line, lists), then every period's figures, so `r` and `p` only
    // show what is read. Without that pause, `r` reads on the key.
    let cold = timed_keys(&mut app, &mut terminal, &[char('r'), key(KeyCode::Esc)]);
    println!(
        "ROI: r before any idle pass (reads on the key), Esc: {:.1} ms, {:.1} ms",
        ms(cold[0]),
        ms(cold[1])
    );
    // An edit elsewhere forgets what was read; back on the tab, the idle passes read it again.
    for c in ['5', 'd', 'y', '6'] {
        app.handle_key(char(c)).expect("key");
        frame(&mut app, &mut terminal);
    }
    let started = Instant::now();
    let mut passes = 0;
    while app.idle() {
        frame(&mut app, &mut terminal);
        passes += 1;
    }
    println!(
        "ROI: the idle passes after an edit, on the Metrics tab ({passes}: the ROI view and its \
         periods read ahead, live history, the Guide's checks): {:.1} ms",
        ms(started.elapsed())
    );
    let open = timed_keys(&mut app, &mut terminal, &[char('r')]);
    worst.push(report("ROI: r (shows what was read ahead)", width, &open));
    let roi: Vec<KeyEvent> = std::iter::repeat_n(char('p'), 5)
        .chain([char(' '), char('j'), char('j'), key(KeyCode::Esc)])
        .collect();
    worst.push(report(
        "ROI: p ×5 (each period), Space, j, j, Esc",
        width,
        &timed_keys(&mut app, &mut terminal, &roi),
    ));
    // An edit on another tab, then back: the live values and the window are read again.
    let elsewhere = [char('5'), char('d'), char('y'), char('6')];
    let times = timed_keys(&mut app, &mut terminal, &elsewhere);
    worst.push(report(
        "after deleting a risk: tab 6 (live values again)",
        width,
        &times[3..],
    ));
    let worst = worst.into_iter().max().unwrap_or_default();
    println!(
        "worst keystroke to frame: {:.2} ms  [target ≤ 16 ms]",
        ms(worst)
    );
    print_peak_memory();
}
