//! Roster benchmark: a generated workbook with 100,000 partners, the Partners tab drawn into a
//! test backend, and the time from each keystroke to its finished frame. Prints figures; targets
//! from DESIGN §9 are first frame ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench roster` (optionally `-- 20000` for another size).

use std::time::{Duration, Instant};

use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook, generate_workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    app.prepare(Rect::new(0, 0, 120, 40));
    terminal
        .draw(|f| render_frame(app, f))
        .expect("drawing into a test backend");
}

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::TempDir::new().expect("temp dir");
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    println!(
        "generated {partners} partners in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let started = Instant::now();
    let wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
    let mut app = App::new(
        wb,
        Keymap::default(),
        Theme::dark(),
        Settings::default(),
        Vec::new(),
    )
    .expect("app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    frame(&mut app, &mut terminal);
    println!(
        "first frame (open + Partners tab): {:.1} ms  [target ≤ 300 ms]",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let started = Instant::now();
    app.idle();
    println!(
        "search index, built while idle after the first frame: {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let scripts: &[(&str, Vec<KeyEvent>)] = &[
        ("move down (j)", vec![key(KeyCode::Char('j')); 50]),
        ("page down", vec![key(KeyCode::PageDown); 20]),
        (
            "last row (G)",
            vec![KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)],
        ),
        ("page up", vec![key(KeyCode::PageUp); 20]),
        ("first row (g)", vec![key(KeyCode::Char('g'))]),
        (
            "sort by each column in turn (s)",
            vec![key(KeyCode::Char('s')); 7],
        ),
        (
            "reverse sort (S)",
            vec![KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT); 2],
        ),
        (
            "switch tab (4, 3)",
            vec![key(KeyCode::Char('4')), key(KeyCode::Char('3'))],
        ),
        ("filter keystroke (/ then 'cobalt 1')", {
            let mut keys = vec![key(KeyCode::Char('/'))];
            keys.extend("cobalt 1".chars().map(|c| key(KeyCode::Char(c))));
            keys
        }),
        ("clear filter (Esc)", vec![key(KeyCode::Esc)]),
        ("filter keystroke (/ then 'meridian')", {
            let mut keys = vec![key(KeyCode::Char('/'))];
            keys.extend("meridian".chars().map(|c| key(KeyCode::Char(c))));
            keys
        }),
        (
            "move down in a filtered list (j)",
            vec![key(KeyCode::Char('j')); 20],
        ),
        (
            "erase the filter (Backspace)",
            vec![key(KeyCode::Backspace); 8],
        ),
        ("filter keystroke (/ then '4711')", {
            let mut keys = vec![key(KeyCode::Esc), key(KeyCode::Char('/'))];
            keys.extend("4711".chars().map(|c| key(KeyCode::Char(c))));
            keys
        }),
    ];
    let mut worst = Duration::ZERO;
    for (label, keys) in scripts {
        let mut times = Vec::new();
        for event in keys {
            let started = Instant::now();
            app.handle_key(*event).expect("key");
            frame(&mut app, &mut terminal);
            times.push(started.elapsed());
        }
        let max = times.iter().max().copied().unwrap_or_default();
        let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
        worst = worst.max(max);
        println!(
            "{label:<40} mean {:>7.2} ms   max {:>7.2} ms",
            mean.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0
        );
    }
    println!(
        "worst keystroke-to-frame: {:.2} ms  [target ≤ 16 ms]",
        worst.as_secs_f64() * 1000.0
    );
    match peak_memory_kib() {
        Some(kib) => println!(
            "peak memory (VmHWM): {:.1} MB  [target ≤ 64 MB]",
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: not available on this platform"),
    }
}
