//! Overview benchmark: the generated workbook of 100,000 partners, 1,000 roles and 100,000 risks;
//! the Overview drawn into test backends of 80×24, 120×40 and 200×60. Prints the time to the
//! first frame when the app opens onto the Overview and to the frame that shows its figures, the time per frame (mean and worst of 100 frames per size;
//! nothing is read, the figures are kept), moves between panels, the re-read after an edit (with
//! its parts: the figures and the method's checks), then, with returns, regions and sectors
//! added, the concentration figures, one what-if scenario and keys in the concentration list,
//! the what-if screen's keys and its outcomes worked out while idle, and peak memory. Targets from DESIGN §9:
//! first frame ≤ 300 ms, frame and keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench overview` (optionally `-- 20000 20000` for other partner and risk
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, ms, print_peak_memory, report, screen, timed_keys as timed};
use partnerplan::plan::concentration::Thresholds;
use partnerplan::plan::framework::shipped;
use partnerplan::plan::money::Period;
use partnerplan::plan::risk::Bands;
use partnerplan::plan::whatif::events::{Event, EventKind};
use partnerplan::tui::app::App;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::workbook::{OverviewQuery, generate_risks, generate_roles, generate_workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

const ROLES: usize = 1_000;
const FRAMES: usize = 100;

/// Prepares (reads only when stale) and draws one frame at the terminal's size (the shared
/// `common::frame` draws at 120×40 only).
fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let size = terminal.size().expect("size");
    app.prepare(Rect::new(0, 0, size.width, size.height));
    terminal
        .draw(|f| render_frame(app, f))
        .expect("drawing into a test backend");
}

/// The least of five runs: the machine's other work only ever adds to a run.
fn least(run: &mut dyn FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
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
    common::established(&path);
    println!(
        "generated {partners} partners, {ROLES} roles, {risks} risks in {:.0} ms",
        ms(started.elapsed())
    );

    {
        // The re-read's two parts, timed apart.
        let wb = common::open_established(&path);
        let settings = Settings::default();
        let query = OverviewQuery {
            today: settings.today(),
            default_cadence_days: settings.checkin_cadence_days,
            bands: settings.bands,
        };
        let figures = least(&mut || {
            wb.overview(&query).expect("overview");
        });
        let framework = shipped().expect("the shipped method");
        let checks = least(&mut || {
            wb.guide(framework, &Bands::default()).expect("guide");
        });
        println!(
            "re-read parts (least of 5): the figures {:.1} ms, the method's checks {:.1} ms",
            ms(figures),
            ms(checks)
        );
    }

    // Opening straight onto the Overview: the first frame shows the app while the idle pass right
    // after it reads the method's checks, and the frame after that shows the figures.
    common::open_established(&path)
        .set_view_state("app.tab", "Overview")
        .expect("remembering the Overview");
    let started = Instant::now();
    let wb = common::open_established(&path);
    let file_opened = started.elapsed();
    let (mut app, mut terminal) = app_on(wb);
    let app_made = started.elapsed();
    frame(&mut app, &mut terminal);
    println!(
        "first frame, opening onto the Overview: {:.1} ms (the file's checks {:.1} ms, the app \
         {:.1} ms, the frame {:.1} ms)  [target ≤ 300 ms]",
        ms(started.elapsed()),
        ms(file_opened),
        ms(app_made - file_opened),
        ms(started.elapsed() - app_made)
    );
    assert!(
        screen(&terminal).contains("Reading the figures"),
        "the first frame does not wait for the figures"
    );
    let shown_at = started.elapsed();
    assert!(app.idle(), "the idle pass asks for the next frame");
    frame(&mut app, &mut terminal);
    println!(
        "the figures on screen: {:.1} ms after open (the idle pass's checks, then the figures' \
         read and the frame: {:.1} ms more)",
        ms(started.elapsed()),
        ms(started.elapsed() - shown_at)
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("100,000") || partners != 100_000,
        "the Overview shows the generated partners:\n{shown}"
    );

    let mut worst = Duration::ZERO;
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let mut sized = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        frame(&mut app, &mut sized);
        let times: Vec<Duration> = (0..FRAMES)
            .map(|_| {
                let started = Instant::now();
                frame(&mut app, &mut sized);
                started.elapsed()
            })
            .collect();
        let label = format!("frame at {width}×{height} ({FRAMES} frames)");
        worst = worst.max(report(&label, 44, &times));
    }

    let moves: Vec<KeyEvent> = [
        'l', 'l', 'l', 'j', 'j', 'l', 'j', 'j', 'j', 'l', 'l', 'h', 'h', 'k', 'k', 'G', 'g',
    ]
    .iter()
    .cycle()
    .take(100)
    .map(|c| match c {
        'G' => KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
        c => key(KeyCode::Char(*c)),
    })
    .collect();
    let times = timed(&mut app, &mut terminal, &moves);
    worst = worst.max(report("moves between panels (h j k l g G)", 44, &times));
    println!("worst frame or move: {:.2} ms  [target ≤ 16 ms]", ms(worst));

    // An edit on the roster (delete the selected partner) marks the Overview stale; coming
    // back reads it again. Undo, pressed on the Overview, reads it once more.
    timed(&mut app, &mut terminal, &[key(KeyCode::Char('3'))]);
    timed(
        &mut app,
        &mut terminal,
        &[key(KeyCode::Char('d')), key(KeyCode::Char('y'))],
    );
    let back = timed(&mut app, &mut terminal, &[key(KeyCode::Char('7'))]);
    println!(
        "back on the Overview after deleting a partner (re-read + frame): {:.1} ms  [a re-read, \
         not a keystroke]",
        ms(back[0])
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("99,999") || partners != 100_000,
        "the re-read shows one partner fewer:\n{shown}"
    );
    let undo = timed(&mut app, &mut terminal, &[key(KeyCode::Char('u'))]);
    println!(
        "undo on the Overview (undo + re-read + frame): {:.1} ms",
        ms(undo[0])
    );
    let after = timed(&mut app, &mut terminal, &moves[..20]);
    report("moves after the re-read", 44, &after);
    drop(app);

    concentration_and_scenario(&path);
    print_peak_memory();
}

/// Issue 20: the same workbook given returns (20,000 value entries over 2,000 partners) and a
/// region and sector per partner; the concentration figures and one scenario (an exit, a delay
/// and a gate failed) worked out while idle, then keys in the concentration list.
fn concentration_and_scenario(path: &std::path::Path) {
    {
        let conn = rusqlite::Connection::open(path).expect("the bench file");
        conn.execute_batch(
            "BEGIN;
             UPDATE partners SET
                 region = CASE id % 5 WHEN 0 THEN 'Europe' WHEN 1 THEN 'Europe'
                     WHEN 2 THEN 'Asia' WHEN 3 THEN 'Americas' ELSE 'Africa' END,
                 sector = 'sector ' || (id % 12);
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
             INSERT INTO value_log (uuid, logged_on, partner_id, kind, description,
                 amount_minor, created_at, updated_at)
             SELECT 'bench-v-' || i, date('2025-01-01', '+' || (i % 700) || ' days'),
                 1 + (i % 2000), CASE WHEN i % 4 = 0 THEN 'cost saving' ELSE 'revenue' END,
                 'Deal', 10000 + i * (1 + (i % 2000 = 0) * 500), '2026-01-01T00:00:00.000Z',
                 '2026-01-01T00:00:00.000Z' FROM n;
             COMMIT;",
        )
        .expect("adding returns, regions and sectors");
    }
    common::established(path);
    let wb = common::open_established(path);
    let mut figures = Vec::new();
    let concentration = least(&mut || {
        figures = wb
            .concentrations(Period::default(), Thresholds::default())
            .expect("concentration figures");
    });
    println!(
        "concentration figures ({} of them; least of 5): {:.1} ms  [target ≤ 300 ms while idle]",
        figures.len(),
        ms(concentration)
    );
    // The three partners that lead the most roles: one exits, one is late, one fails a gate.
    let leads: Vec<i64> = {
        let conn = rusqlite::Connection::open(path).expect("the bench file");
        let mut stmt = conn
            .prepare(
                "SELECT partner_id FROM role_assignments WHERE kind = 'lead' \
                 GROUP BY partner_id ORDER BY count(*) DESC, partner_id LIMIT 3",
            )
            .expect("a query");
        stmt.query_map([], |r| r.get(0))
            .expect("the leads")
            .collect::<Result<_, _>>()
            .expect("the leads")
    };
    let events: Vec<Event> = leads
        .iter()
        .zip([EventKind::Exit, EventKind::Delay(6), EventKind::GateOut])
        .map(|(&partner, kind)| Event { partner, kind })
        .collect();
    let mut outcome = None;
    let scenario = least(&mut || {
        outcome = Some(
            wb.scenario_outcome(&events, Period::default())
                .expect("the scenario"),
        );
    });
    let outcome = outcome.unwrap_or_default();
    println!(
        "one scenario (an exit, a delay, a gate failed: {} roles weaker, {} risks rising; least \
         of 5): {:.1} ms  [target ≤ 300 ms while idle]",
        outcome.roles.len(),
        outcome.risks.len(),
        ms(scenario)
    );

    // The app on the Overview; the figures are read while idle.
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    let tab = timed(&mut app, &mut terminal, &[key(KeyCode::Char('7'))]);
    println!(
        "tab 7: the Overview's figures read with concentration, and drawn: {:.1} ms  [a re-read, \
         not a keystroke]",
        ms(tab[0])
    );
    let list: Vec<KeyEvent> = [KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)]
        .into_iter()
        .chain([key(KeyCode::Enter)])
        .chain(std::iter::repeat_n(key(KeyCode::Char('j')), 30))
        .chain([
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
            KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
            key(KeyCode::Char('g')),
        ])
        .collect();
    let times = timed(&mut app, &mut terminal, &list);
    report(
        "concentration: G, Enter (the list), j ×30, PgDn, PgUp, G, g",
        44,
        &times,
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("Returns by partner"),
        "the concentration list is on screen:\n{shown}"
    );
    let drill = timed(
        &mut app,
        &mut terminal,
        &[
            key(KeyCode::Char('j')),
            key(KeyCode::Enter),
            key(KeyCode::Esc),
        ],
    );
    println!(
        "a group's partner (Enter: the roster opens on it) and back (Esc): {:.1} ms, {:.1} ms",
        ms(drill[1]),
        ms(drill[2])
    );
    let started = Instant::now();
    while app.idle() {
        frame(&mut app, &mut terminal);
    }
    println!(
        "the idle pass after Esc (the roster put back, off the key path): {:.1} ms",
        ms(started.elapsed())
    );

    // The what-if screen from that partner's line: w (a new scenario: it exits), its outcome
    // worked out while idle, then t (a 3-month delay), l (4 months), each worked out again.
    let open = timed(&mut app, &mut terminal, &[key(KeyCode::Char('w'))]);
    let mut worked = Vec::new();
    let mut idle_pass = |app: &mut App, terminal: &mut Terminal<TestBackend>| {
        let started = Instant::now();
        while app.idle() {
            frame(app, terminal);
        }
        worked.push(started.elapsed());
    };
    idle_pass(&mut app, &mut terminal);
    let mut keys = Vec::new();
    for code in [KeyCode::Char('t'), KeyCode::Char('l')] {
        keys.extend(timed(&mut app, &mut terminal, &[key(code)]));
        idle_pass(&mut app, &mut terminal);
    }
    let shown = screen(&terminal);
    assert!(
        shown.contains("New scenario") && !shown.contains("working…"),
        "the scenario is worked out:\n{shown}"
    );
    keys.extend(timed(&mut app, &mut terminal, &[key(KeyCode::Esc)]));
    println!(
        "what-if screen: w {:.1} ms; t, l, Esc worst {:.1} ms  [target ≤ 16 ms]; each outcome \
         while idle: worst {:.1} ms  [target ≤ 300 ms]",
        ms(open[0]),
        ms(keys.iter().max().copied().unwrap_or_default()),
        ms(worked.iter().max().copied().unwrap_or_default())
    );
}
