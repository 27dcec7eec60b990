//! Risks benchmark: a generated workbook with 100,000 partners, 1,000 roles and 100,000 risks; the
//! Risks tab (register, heat map, suggestions) drawn into a test backend, and the time from each
//! keystroke to its finished frame, and the time to gather the Guide's facts. Prints figures; targets from DESIGN §9 are first frame
//! ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench risks` (optionally `-- 20000 20000` for other partner and risk
//! counts). `PARTNERPLAN_BENCH_DIR=/dev/shm` puts the file on a memory file system.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, frame, ms, print_peak_memory, report, screen, timed_keys};
use partnerplan::plan::risk::Bands;
use partnerplan::workbook::{generate_risks, generate_roles, generate_workbook};
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
    let made = generate_risks(&path, risks, 42).expect("generating risks");
    common::established(&path);
    println!(
        "generated {partners} partners, {ROLES} roles, {} risks ({} linked to partners, {} \
         overdue reviews) in {:.0} ms",
        made.risks,
        made.linked_to_partners,
        made.overdue_reviews,
        ms(started.elapsed())
    );

    {
        // The Guide's facts: every active partner and high risk at fault is read.
        let wb = common::open_established(&path);
        let started = Instant::now();
        let facts = wb.guide_facts(&Bands::default()).expect("guide facts");
        println!(
            "Guide facts ({} active partners without a benefit line, {} high risks without a \
             mitigation): {:.1} ms",
            facts.active_without_benefit.len(),
            facts.high_risks_without_mitigation.len(),
            ms(started.elapsed())
        );
    }

    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let char = |c: char| key(KeyCode::Char(c));
    let shift = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);

    let started = Instant::now();
    let wb = common::open_established(&path);
    let file_opened = started.elapsed();
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    let opened = started.elapsed();
    let tab = Instant::now();
    app.handle_key(char('5')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "first frame of the Risks tab (open {:.1} ms, of which the file's checks {:.1} ms, + tab \
         5 {:.1} ms): {:.1} ms  [target ≤ 300 ms]",
        ms(opened),
        ms(file_opened),
        ms(tab.elapsed()),
        ms(started.elapsed())
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains("R-001") && shown.contains("risks"),
        "the Risks tab shows the generated register:\n{shown}"
    );
    let started = Instant::now();
    common::settle(&mut app);
    println!(
        "idle: the Guide's checks, then the search indexes (partners' and risks'): {:.1} ms  \
         [not a keystroke]",
        ms(started.elapsed())
    );

    let filter = |text: &str| {
        let mut keys = vec![char('/')];
        keys.extend(text.chars().map(char));
        keys
    };
    let scripts: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("move down (j)", vec![char('j'); 60]),
        ("page down", vec![key(KeyCode::PageDown); 20]),
        ("last row (G)", vec![shift('G')]),
        ("move up from the end (k)", vec![char('k'); 20]),
        ("first row (g)", vec![char('g')]),
        ("sort by each column (s ×9)", vec![char('s'); 9]),
        ("reverse the sort (S)", vec![shift('S')]),
        ("page down, reversed", vec![key(KeyCode::PageDown); 10]),
        ("filter matching nothing (/ then 'zqxv')", filter("zqxv")),
        ("clear the filter (Esc)", vec![key(KeyCode::Esc)]),
        ("filter matching ~5% (/ then 'renewal')", filter("renewal")),
        ("move down while filtered (Enter, j)", {
            let mut keys = vec![key(KeyCode::Enter)];
            keys.extend(vec![char('j'); 40]);
            keys
        }),
        ("page down while filtered", vec![key(KeyCode::PageDown); 10]),
        ("last row while filtered (G)", vec![shift('G')]),
        (
            "clear the filter (/, Esc)",
            vec![char('/'), key(KeyCode::Esc)],
        ),
        ("filter matching a few (/ then 'r-4242')", filter("r-4242")),
        ("clear the filter (Esc)", vec![key(KeyCode::Esc)]),
        ("sort by band (s ×5), then first row", {
            let mut keys = vec![char('s'); 5];
            keys.push(char('g'));
            keys
        }),
        ("filter by band order (/ then 'audit')", filter("audit")),
        ("clear the filter (Esc)", vec![key(KeyCode::Esc)]),
        ("sort back to code (s ×4)", vec![char('s'); 4]),
        ("overdue reviews on (w)", vec![char('w')]),
        ("move down while overdue (j)", vec![char('j'); 20]),
        ("last row while overdue (G)", vec![shift('G')]),
        ("overdue reviews off (w)", vec![char('w')]),
        ("open the heat map (m)", vec![char('m')]),
        (
            "heat map: move (h j k l)",
            vec![
                char('h'),
                char('j'),
                char('l'),
                char('k'),
                char('l'),
                char('k'),
            ],
        ),
        ("heat map: residual and back (r ×2)", vec![char('r'); 2]),
        ("heat map: close (Esc)", vec![key(KeyCode::Esc)]),
        ("switch tab and back (3, 5)", vec![char('3'), char('5')]),
    ];
    let mut worst = Duration::ZERO;
    for (label, keys) in &scripts {
        let times = timed_keys(&mut app, &mut terminal, keys);
        worst = worst.max(report(label, 46, &times));
        if label.starts_with("filter") {
            let each: Vec<String> = times.iter().map(|t| format!("{:.1}", ms(*t))).collect();
            println!("    each keystroke (ms): {}", each.join(" "));
        }
        if label.contains("'zqxv'") {
            let shown = screen(&terminal);
            assert!(shown.contains("0 of "), "nothing matches:\n{shown}");
        }
    }
    println!(
        "worst keystroke-to-frame: {:.2} ms  [target ≤ 16 ms]",
        ms(worst)
    );

    // The movement list ranks every rated risk, so it is reported apart too.
    app.handle_key(char('m')).expect("key");
    frame(&mut app, &mut terminal);
    let started = Instant::now();
    app.handle_key(char('v')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "heat map: movement list (v): {:.1} ms  [ranks every rated risk; reported apart]",
        ms(started.elapsed())
    );
    for _ in 0..2 {
        app.handle_key(key(KeyCode::Esc)).expect("key");
    }
    frame(&mut app, &mut terminal);

    // The suggestions look at roles, assignments and partners, so they may take longer.
    let started = Instant::now();
    app.handle_key(shift('P')).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "open the suggestions (P): {:.1} ms  [reads roles and assignments; reported apart]",
        ms(started.elapsed())
    );
    let started = Instant::now();
    app.handle_key(key(KeyCode::Esc)).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "close the suggestions (Esc): {:.2} ms",
        ms(started.elapsed())
    );

    print_peak_memory();
}
