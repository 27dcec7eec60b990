//! Roles benchmark: a generated workbook with 100,000 partners, 1,000 roles and tens of thousands
//! of assignments; the Roles tab (tree, coverage, matrix) drawn into a test backend, and the time
//! from each keystroke to its finished frame. Prints figures; targets from DESIGN §9 are first
//! frame ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench roles` (optionally `-- 20000 500` for other partner and role counts).
//! Edits (L, space, u) end in a durable commit, whose fsyncs the disk sets the pace of; to see the
//! app's own work apart from the disk, put the file on a memory file system:
//! `PARTNERPLAN_BENCH_DIR=/dev/shm cargo bench --bench roles`.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, frame, ms, print_peak_memory, report, screen, timed_keys};
use partnerplan::workbook::{generate_roles, generate_workbook};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    let mut numbers = std::env::args().skip(1).filter_map(|a| a.parse().ok());
    let partners: usize = numbers.next().unwrap_or(100_000);
    let roles: usize = numbers.next().unwrap_or(1_000);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    generate_workbook(&path, partners, 42).expect("generating the workbook");
    let made = generate_roles(&path, roles, 42).expect("generating roles");
    common::established(&path);
    println!(
        "generated {partners} partners, {} roles, {} assignments in {:.0} ms",
        made.roles,
        made.assignments,
        ms(started.elapsed())
    );

    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    let shift = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);

    let started = Instant::now();
    let wb = common::open_established(&path);
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    println!(
        "first frame (open + Partners tab): {:.1} ms",
        ms(started.elapsed())
    );
    common::settle(&mut app);

    let started = Instant::now();
    app.handle_key(key(KeyCode::Char('4'))).expect("key");
    frame(&mut app, &mut terminal);
    println!(
        "first frame of the Roles tab (4): {:.1} ms  [target ≤ 300 ms]",
        ms(started.elapsed())
    );
    let shown = screen(&terminal);
    assert!(
        shown.contains(&format!("{} roles", roles - 1)) && shown.contains("Generated hub"),
        "the Roles tab shows the generated catalogue:\n{shown}"
    );

    let filter = |text: &str| {
        let mut keys = vec![key(KeyCode::Char('/'))];
        keys.extend(text.chars().map(|c| key(KeyCode::Char(c))));
        keys
    };
    let scripts: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("tree: move down (j)", vec![key(KeyCode::Char('j')); 50]),
        ("tree: page down", vec![key(KeyCode::PageDown); 20]),
        ("tree: last row (G)", vec![shift('G')]),
        ("tree: first row (g)", vec![key(KeyCode::Char('g'))]),
        ("open the matrix (x)", vec![key(KeyCode::Char('x'))]),
        ("matrix: move down (j)", vec![key(KeyCode::Char('j')); 50]),
        ("matrix: move right (l)", vec![key(KeyCode::Char('l')); 30]),
        ("matrix: page down", vec![key(KeyCode::PageDown); 20]),
        ("matrix: last row (G)", vec![shift('G')]),
        ("matrix: last column ($)", vec![shift('$')]),
        ("matrix: first column (0)", vec![key(KeyCode::Char('0'))]),
        ("matrix: set lead (L)", vec![shift('L')]),
        ("matrix: undo (u)", vec![key(KeyCode::Char('u'))]),
        ("matrix: set backup and undo (B u, ×5)", {
            let pair = [shift('B'), key(KeyCode::Char('u'))];
            pair.iter().copied().cycle().take(10).collect()
        }),
        (
            "matrix: cycle a cell (space)",
            vec![key(KeyCode::Char(' ')); 4],
        ),
        ("matrix: stage limit (f)", vec![key(KeyCode::Char('f')); 3]),
        (
            "matrix: filter keystroke (/ then 'cobalt 1')",
            filter("cobalt 1"),
        ),
        ("matrix: move down while filtered (j)", {
            let mut keys = vec![key(KeyCode::Enter)];
            keys.extend(vec![key(KeyCode::Char('j')); 20]);
            keys
        }),
        ("matrix: filter keystroke (/ then 'x')", filter("x")),
        ("matrix: clear the filter (Esc)", vec![key(KeyCode::Esc)]),
        ("back to the tree (Esc)", vec![key(KeyCode::Esc)]),
        (
            "tree: move down after the matrix (j)",
            vec![key(KeyCode::Char('j')); 20],
        ),
        (
            "switch tab and back (3, 4)",
            vec![key(KeyCode::Char('3')), key(KeyCode::Char('4'))],
        ),
    ];
    let mut worst = Duration::ZERO;
    for (label, keys) in &scripts {
        let times = timed_keys(&mut app, &mut terminal, keys);
        worst = worst.max(report(label, 46, &times));
        if label.contains("set lead") {
            let shown = screen(&terminal);
            assert!(
                shown.contains(" lead "),
                "the selected cell reads lead after L:\n{shown}"
            );
        }
    }
    println!(
        "worst keystroke-to-frame: {:.2} ms  [target ≤ 16 ms]",
        ms(worst)
    );
    print_peak_memory();
}
