//! Overview benchmark: the generated workbook of 100,000 partners, 1,000 roles and 100,000 risks;
//! the Overview drawn into test backends of 80×24, 120×40 and 200×60. Prints the time to the
//! first frame when the app opens onto the Overview and to the frame that shows its figures, the time per frame (mean and worst of 100 frames per size;
//! nothing is read, the figures are kept), moves between panels, the re-read after an edit (with
//! its parts: the figures and the method's checks), and peak memory. Targets from DESIGN §9:
//! first frame ≤ 300 ms, frame and keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench overview` (optionally `-- 20000 20000` for other partner and risk
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, ms, print_peak_memory, report, screen, timed_keys as timed};
use partnerplan::plan::framework::shipped;
use partnerplan::plan::risk::Bands;
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
        // The least of five runs: the machine's other work only ever adds to a run.
        let least = |mut run: Box<dyn FnMut()>| {
            (0..5)
                .map(|_| {
                    let started = Instant::now();
                    run();
                    started.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        let figures = least(Box::new(|| {
            wb.overview(&query).expect("overview");
        }));
        let framework = shipped().expect("the shipped method");
        let checks = least(Box::new(|| {
            wb.guide(framework, &Bands::default()).expect("guide");
        }));
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

    print_peak_memory();
}
