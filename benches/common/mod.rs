//! What the benchmarks share: drawing a frame into a 120×40 test backend, timing keystrokes to
//! finished frames, reading the screen back, and the process's peak memory.

// Each benchmark uses only some of these.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{KnownSound, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Prints the peak memory against the target of DESIGN §9.
pub fn print_peak_memory() {
    match peak_memory_kib() {
        Some(kib) => println!(
            "peak memory (VmHWM): {:.1} MB  [target ≤ 64 MB]",
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: not available on this platform"),
    }
}

/// Prints the peak memory so far under `label`, then starts a new peak (Linux: writing 5 to
/// `/proc/self/clear_refs` resets VmHWM), so each phase of a bench is measured on its own.
pub fn print_peak_and_restart(label: &str) {
    print_peak_so_far(label);
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        println!("(the peak could not be restarted: later peaks include this phase)");
    }
}

/// Prints the peak memory so far under `label`.
pub fn print_peak_so_far(label: &str) {
    if let Some(kib) = peak_memory_kib() {
        println!(
            "  {label}: peak memory so far {:.1} MB",
            kib as f64 / 1024.0
        );
    }
}

pub fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    app.prepare(Rect::new(0, 0, 120, 40));
    terminal
        .draw(|f| render_frame(app, f))
        .expect("drawing into a test backend");
}

/// Runs the app's idle passes until none asks for another frame, as the terminal loop does
/// between frames: the Guide's checks first, then the search indexes.
pub fn settle(app: &mut App) {
    while app.idle() || app.reading_in_background() {
        if app.reading_in_background() {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The screen as text, to check that a step showed what it should.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    buffer
        .content
        .chunks(usize::from(buffer.area.width))
        .map(|line| line.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Feeds `keys` one by one, each followed by a frame; returns the time of each.
pub fn timed_keys(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    keys: &[KeyEvent],
) -> Vec<Duration> {
    keys.iter()
        .map(|event| {
            let started = Instant::now();
            app.handle_key(*event).expect("key");
            frame(app, terminal);
            started.elapsed()
        })
        .collect()
}

/// Prints the mean and worst of `times` under `label` (padded to `width`); returns the worst.
pub fn report(label: &str, width: usize, times: &[Duration]) -> Duration {
    let max = times.iter().max().copied().unwrap_or_default();
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    println!(
        "{label:<width$} mean {:>7.2} ms   max {:>7.2} ms",
        ms(mean),
        ms(max)
    );
    max
}

/// A temporary folder for the generated file: under `PARTNERPLAN_BENCH_DIR` when set (e.g.
/// /dev/shm, to take the disk's fsyncs out of the figures), else the system's.
pub fn bench_dir() -> tempfile::TempDir {
    match std::env::var_os("PARTNERPLAN_BENCH_DIR") {
        Some(parent) => tempfile::TempDir::new_in(parent),
        None => tempfile::TempDir::new(),
    }
    .expect("temp dir")
}

/// Makes the generated workbook at `path` one an established user left on the roster (written
/// before any timing starts: the write waits for the disk), and closed from the app: its stamp
/// is kept in a state folder beside it, so `open_established` opens it as the app opens a file
/// it left sound (header and schema read, not every page and value).
pub fn established(path: &std::path::Path) {
    let wb = Workbook::open(path, partnerplan::workbook::OpenOptions::default())
        .expect("opening the generated workbook");
    wb.set_view_state("app.tab", "Partners")
        .expect("remembering the tab");
    let stamp = wb.close_known_sound().expect("nothing else wrote the file");
    KnownSound::read(&state_folder(path)).remember(stamp);
}

fn state_folder(path: &std::path::Path) -> std::path::PathBuf {
    path.with_extension("state")
}

/// Opens the workbook `established` left, as the app does (read whole if it changed since).
pub fn open_established(path: &std::path::Path) -> Workbook {
    let known = KnownSound::read(&state_folder(path));
    Workbook::open_known(path, partnerplan::workbook::OpenOptions::default(), &known)
        .expect("opening")
}

/// The app on `wb` with default keys, theme and settings, and a 120×40 test terminal, on the
/// tab the workbook remembers (see `established`).
pub fn app_on(wb: Workbook) -> (App, Terminal<TestBackend>) {
    app_as_left(wb)
}

/// The app on `wb` on whichever tab the workbook remembers (the Guide when none).
pub fn app_as_left(wb: Workbook) -> (App, Terminal<TestBackend>) {
    let app = App::new(
        wb,
        Keymap::default(),
        Theme::dark(),
        Settings::default(),
        Vec::new(),
    )
    .expect("app");
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    (app, terminal)
}
