//! Guide benchmark: the workbook of the risks benchmark (100,000 partners, 1,000 roles, 100,000
//! risks); the app opened on the Guide, its keys, and what keeping the step states and the tab
//! bar's readiness up to date costs after an edit. Prints figures; targets from DESIGN §9 are
//! first frame ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench guide` (optionally `-- 20000 20000` for other partner and risk
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::Instant;

use common::{app_as_left, bench_dir, frame, ms, print_peak_memory, report, screen, timed_keys};
use partnerplan::workbook::{
    OpenOptions, Workbook, generate_risks, generate_roles, generate_workbook,
};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ROLES: usize = 1_000;

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
    println!(
        "generated {partners} partners, {ROLES} roles, {risks} risks in {:.0} ms",
        ms(started.elapsed())
    );

    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let char = |c: char| key(KeyCode::Char(c));

    // Never on the Guide before: it opens there, at the first step still to do.
    let started = Instant::now();
    let wb = Workbook::open(&path, OpenOptions::default()).expect("opening");
    let opened = started.elapsed();
    let (mut app, mut terminal) = app_as_left(wb);
    frame(&mut app, &mut terminal);
    println!(
        "first frame, opening onto the Guide (open {:.1} ms + the app and the frame): {:.1} ms  \
         [target ≤ 300 ms]",
        ms(opened),
        ms(started.elapsed())
    );
    assert!(
        screen(&terminal).contains("Reading the plan"),
        "the first frame does not wait for the checks"
    );
    let shown_at = started.elapsed();
    assert!(app.idle(), "the idle pass asks for the next frame");
    frame(&mut app, &mut terminal);
    println!(
        "the steps' marks on screen: {:.1} ms after open (the idle pass reads the checks, then the \
         frame: {:.1} ms more)",
        ms(started.elapsed()),
        ms(started.elapsed() - shown_at)
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("Step ") && shown.contains("Readiness"),
        "the Guide is shown:\n{shown}"
    );

    let mut worst = std::time::Duration::ZERO;
    for (label, keys) in [
        ("move down (j)", vec![char('j'); 11]),
        ("move up (k)", vec![char('k'); 11]),
        ("next to do (n)", vec![char('n'); 12]),
        (
            "page the step's text (PgDn, PgUp)",
            vec![key(KeyCode::PageDown), key(KeyCode::PageUp)],
        ),
        ("switch tab and back (3, 1)", vec![char('3'), char('1')]),
    ] {
        let times = timed_keys(&mut app, &mut terminal, &keys);
        worst = worst.max(report(label, 36, &times));
    }
    println!(
        "worst keystroke on the Guide: {:.1} ms  [target ≤ 16 ms]",
        ms(worst)
    );

    // A note: the edit, then the Guide reads every step again before its frame.
    let mut keys = vec![char('e')];
    keys.extend("watch the two largest suppliers".chars().map(char));
    keys.push(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let times = timed_keys(&mut app, &mut terminal, &keys);
    report(
        "save a step's note (ctrl-s), frame included",
        36,
        &times[times.len() - 1..],
    );

    // An edit elsewhere: the tab bar's readiness is brought up to date while idle.
    app.handle_key(char('3')).expect("key");
    frame(&mut app, &mut terminal);
    app.handle_key(char('u')).expect("undo");
    frame(&mut app, &mut terminal);
    let started = Instant::now();
    app.idle();
    println!(
        "readiness refreshed while idle after an undo on the roster: {:.1} ms",
        ms(started.elapsed())
    );
    print_peak_memory();
}
