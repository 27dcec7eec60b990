//! Strategy benchmark: a generated workbook with 100,000 partners; the Strategy tab drawn into a
//! test backend, and the time from each keystroke to its finished frame — above all the value
//! proposition, whose "what partners gain" counts every current partner. Prints figures; targets
//! from DESIGN §9 are first frame ≤ 300 ms and keystroke ≤ 16 ms.
//!
//! Run: `cargo bench --bench strategy` (optionally `-- 20000` for another partner count). Edits
//! end in a durable commit; `PARTNERPLAN_BENCH_DIR=/dev/shm` takes the disk's fsyncs out.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, frame, ms, print_peak_memory, report, screen, timed_keys};
use partnerplan::workbook::generate_workbook;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    common::established(&path);
    println!(
        "generated {partners} partners in {:.0} ms",
        ms(started.elapsed())
    );

    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let shift = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);

    let wb = common::open_established(&path);
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    let started = Instant::now();
    app.handle_key(key('2')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "first frame of the Strategy tab (2): {:.1} ms  [target ≤ 300 ms]",
        ms(started.elapsed())
    );

    let started = Instant::now();
    app.handle_key(shift('V')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "value proposition with what partners gain (V): {:.1} ms",
        ms(started.elapsed())
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("What partners gain") && shown.contains("more"),
        "the gains say how many more there are:\n{shown}"
    );

    let scripts: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("step through the sections (])", vec![key(']'); 16]),
        ("answer a question and undo (y u, ×3)", {
            let pair = [shift('A'), key('y'), key('u')];
            pair.iter().copied().cycle().take(9).collect()
        }),
        (
            "value proposition after an edit (V)",
            vec![shift('V'), shift('O'), shift('V')],
        ),
    ];
    let mut worst = Duration::ZERO;
    for (label, keys) in &scripts {
        let times = timed_keys(&mut app, &mut terminal, keys);
        worst = worst.max(report(label, 40, &times));
    }
    println!(
        "worst keystroke-to-frame: {:.2} ms  [target ≤ 16 ms]",
        ms(worst)
    );
    print_peak_memory();
}
