//! Roster benchmark: a generated workbook with 100,000 partners, the Partners tab drawn into a
//! test backend, and the time from each keystroke to its finished frame. Prints figures; targets
//! from DESIGN §9 are first frame ≤ 300 ms, keystroke ≤ 16 ms, peak memory ≤ 64 MB.
//!
//! Run: `cargo bench --bench roster` (optionally `-- 20000` for another size, or
//! `-- --file PATH` to time a copy of a workbook generated before, e.g. a 1,000,000-partner one,
//! which takes minutes to generate). `-- --visit-tabs` first visits every tab straight after the
//! first frame, before any idle pass has run, as a user who presses 1–7 at once would.

mod common;

use std::time::{Duration, Instant};

use common::{app_on, bench_dir, frame, print_peak_memory, report};
use partnerplan::workbook::{OpenOptions, Workbook, generate_workbook};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    let partners: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let given = std::env::args().skip_while(|a| a != "--file").nth(1);
    let dir = bench_dir();
    let path = dir.path().join("bench.partnerplan");
    let started = Instant::now();
    if let Some(given) = given {
        std::fs::copy(&given, &path).expect("copying the workbook given with --file");
        println!("timing a copy of {given}");
    } else {
        generate_workbook(&path, partners, 42).expect("generating the workbook");
        println!(
            "generated {partners} partners in {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    let started = Instant::now();
    drop(Workbook::open(&path, OpenOptions::default()).expect("opening"));
    println!(
        "opening a file never opened here (header, schema, then every page and value read): \
         {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    common::print_peak_and_restart("opening a file never opened here");
    common::established(&path);
    if std::env::args().any(|a| a == "--index-only") {
        index_only(&path);
        return;
    }

    let started = Instant::now();
    let wb = common::open_established(&path);
    println!(
        "opening it again once the app left it sound (header and schema): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let (mut app, mut terminal) = app_on(wb);
    frame(&mut app, &mut terminal);
    println!(
        "first frame (open + Partners tab): {:.1} ms  [target ≤ 300 ms]",
        started.elapsed().as_secs_f64() * 1000.0
    );
    common::print_peak_so_far("after the first frame");
    if std::env::args().any(|a| a == "--visit-tabs") {
        for (n, tab) in [
            "Guide", "Strategy", "Partners", "Roles", "Risks", "Metrics", "Overview",
        ]
        .iter()
        .enumerate()
        {
            let key = char::from(b'1' + n as u8);
            let started = Instant::now();
            app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE))
                .expect("key");
            frame(&mut app, &mut terminal);
            println!(
                "  first visit of {tab} ({key}), before any idle pass: {:.1} ms  [target ≤ 16 ms]",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        app.handle_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE))
            .expect("key");
        frame(&mut app, &mut terminal);
        common::print_peak_so_far("after visiting every tab");
    }

    let started = Instant::now();
    // Pass by pass (live-KPI history, the Guide's checks, the search index), each with the
    // peak memory so far. A long reading runs on a thread of its own: meanwhile a key is typed
    // every few milliseconds, as a user would, and timed to its frame.
    let typing = idle_while_typing(&mut app, &mut terminal, ['j', 'k'], true);
    println!(
        "idle passes after the first frame (the Guide's checks and the search index each on a \
         thread of its own): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    typing.print("the Guide's checks");
    common::print_peak_so_far("after the idle passes");

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
        ("keep the filter (Enter)", vec![key(KeyCode::Enter)]),
        (
            "move down in a filtered list (j)",
            vec![key(KeyCode::Char('j')); 20],
        ),
        ("erase the filter (/ then Backspace)", {
            let mut keys = vec![key(KeyCode::Char('/'))];
            keys.extend([key(KeyCode::Backspace); 8]);
            keys
        }),
        ("filter keystroke (/ then '4711')", {
            let mut keys = vec![key(KeyCode::Esc), key(KeyCode::Char('/'))];
            keys.extend("4711".chars().map(|c| key(KeyCode::Char(c))));
            keys
        }),
    ];
    let mut worst = Duration::ZERO;
    for (label, keys) in scripts {
        let (frames, matches) = timed_filter_keys(&mut app, &mut terminal, keys);
        worst = worst.max(report(label, 40, &frames));
        if matches != frames {
            report("  … key to its matches on screen", 40, &matches);
        }
    }
    // Filters not typed before, so nothing is kept from an earlier search.
    typed_fast(&mut app, &mut terminal, "redwood");
    typed_fast(&mut app, &mut terminal, "pipeline");
    println!(
        "worst keystroke-to-frame: {:.2} ms  [target ≤ 16 ms]",
        worst.as_secs_f64() * 1000.0
    );
    print_peak_memory();
    if std::env::args().any(|a| a == "--visit-tabs") {
        // The Overview's figures, read in the idle pass after its first frame.
        common::print_peak_and_restart("the roster, browsed and filtered");
        // The last script leaves the filter open: close it, so `7` is a tab key.
        for _ in 0..2 {
            app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
                .expect("key");
        }
        frame(&mut app, &mut terminal);
        let started = Instant::now();
        app.handle_key(KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE))
            .expect("key");
        frame(&mut app, &mut terminal);
        let drawn = started.elapsed();
        let typing = idle_while_typing(&mut app, &mut terminal, ['l', 'h'], false);
        println!(
            "the Overview: drawn in {:.1} ms, its figures read while idle in {:.0} ms",
            drawn.as_secs_f64() * 1000.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
        typing.print("the Overview's figures");
        common::print_peak_so_far("after the Overview's reading");
    }
}

/// Keys typed while a reading ran on its own thread and the filter index was read (on its own
/// thread too, on a large roster); the slowest one's time to its frame, and the longest idle pass (a key typed during one
/// waits for it before it is read).
#[derive(Default)]
struct Typing {
    typed: usize,
    worst: Duration,
    reading: Duration,
    passes: usize,
    longest_pass: Duration,
}

impl Typing {
    fn print(&self, what: &str) {
        if self.typed == 0 {
            println!("  {what} were read in place (no reading on its own thread)");
            return;
        }
        println!(
            "  while {what} were read on their own thread, and the filter index on its own \
             ({:.0} ms, {} idle passes): {} keys typed, worst {:.1} ms to its frame; the longest \
             idle pass {:.1} ms (a key typed during one waits for it)  [target ≤ 16 ms]",
            self.reading.as_secs_f64() * 1000.0,
            self.passes,
            self.typed,
            self.worst.as_secs_f64() * 1000.0,
            self.longest_pass.as_secs_f64() * 1000.0
        );
    }
}

/// Runs the idle passes as the terminal loop does, a frame after each that asks for one; while
/// a reading runs on its own thread or a pass asks to come back at once (the filter index not
/// yet whole), types `keys` in turn every 5 ms and times each.
fn idle_while_typing(
    app: &mut partnerplan::tui::app::App,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    keys: [char; 2],
    passes: bool,
) -> Typing {
    let mut typing = Typing::default();
    let mut first_key: Option<Instant> = None;
    let mut last_key = Instant::now();
    loop {
        let pass_started = Instant::now();
        let again = app.idle();
        let took = pass_started.elapsed();
        typing.passes += 1;
        typing.longest_pass = typing.longest_pass.max(took);
        if passes && took > Duration::from_millis(50) {
            println!(
                "  idle pass {}: {:.1} ms",
                typing.passes,
                took.as_secs_f64() * 1000.0
            );
        }
        if again {
            frame(app, terminal);
        }
        if !again && !app.reading_in_background() {
            typing.reading = first_key.map_or(Duration::ZERO, |at| at.elapsed());
            if passes {
                common::print_peak_so_far(&format!("after idle pass {}", typing.passes));
            }
            return typing;
        }
        if last_key.elapsed() < Duration::from_millis(5) {
            if !again {
                std::thread::sleep(Duration::from_millis(1));
            }
            continue;
        }
        let started = Instant::now();
        last_key = started;
        first_key.get_or_insert(started);
        let code = KeyCode::Char(keys[typing.typed % 2]);
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
            .expect("key");
        frame(app, terminal);
        typing.worst = typing.worst.max(started.elapsed());
        typing.typed += 1;
    }
}

/// Feeds `keys` one by one, each followed by a frame, then by idle passes until a filter it
/// typed has its matches on screen (searched on a thread of their own at 1,000,000 partners):
/// the time of each key to its frame, and to its matches.
fn timed_filter_keys(
    app: &mut partnerplan::tui::app::App,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    keys: &[KeyEvent],
) -> (Vec<Duration>, Vec<Duration>) {
    keys.iter()
        .map(|event| {
            let started = Instant::now();
            app.handle_key(*event).expect("key");
            frame(app, terminal);
            let framed = started.elapsed();
            wait_for_matches(app, terminal);
            (framed, started.elapsed())
        })
        .unzip()
}

/// Idle passes, as the terminal loop runs them, until no typed filter waits for its matches.
fn wait_for_matches(
    app: &mut partnerplan::tui::app::App,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
) {
    let started = Instant::now();
    while app.filter_pending() && started.elapsed() < Duration::from_secs(30) {
        if app.idle() {
            frame(app, terminal);
        } else {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

/// `filter` typed a letter every 5 ms (idle passes in between, as the terminal loop runs them):
/// the worst key to its frame, and the time from the last key to its matches on screen.
fn typed_fast(
    app: &mut partnerplan::tui::app::App,
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    filter: &str,
) {
    let key = |code: KeyCode| KeyEvent::new(code, KeyModifiers::NONE);
    // The filter is open (the scripts end typing one): Esc clears it, `/` opens it again.
    for code in [KeyCode::Esc, KeyCode::Char('/')] {
        app.handle_key(key(code)).expect("key");
    }
    frame(app, terminal);
    wait_for_matches(app, terminal);
    let mut worst = Duration::ZERO;
    let mut last = Instant::now();
    for c in filter.chars() {
        let typed_at = Instant::now();
        while typed_at.elapsed() < Duration::from_millis(5) {
            if app.idle() {
                frame(app, terminal);
            } else {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        last = Instant::now();
        app.handle_key(key(KeyCode::Char(c))).expect("key");
        frame(app, terminal);
        worst = worst.max(last.elapsed());
    }
    wait_for_matches(app, terminal);
    println!(
        "'{filter}' typed a letter every 5 ms: worst key to its frame {:.1} ms, the last key to \
         its matches on screen {:.1} ms",
        common::ms(worst),
        common::ms(last.elapsed())
    );
}

/// The filter index alone, then the roster's window: each prefix of a few filters as typed,
/// split into where a filter key's time goes: the search (the count of matching partners, from a
/// search not made before), the name-ordered window of 38 rows read through SQLite (the search's
/// result kept), and the count asked again (kept). Drawing is the key's time less these.
fn index_only(path: &std::path::Path) {
    use partnerplan::workbook::{Page, PartnerPageQuery};
    let wb = common::open_established(path);
    let started = Instant::now();
    wb.partner_count("x").expect("warming the index");
    println!(
        "the filter index read: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    common::print_peak_so_far("after reading the filter index");
    for filter in ["meridian", "cobalt 1", "4711", "pipeline"] {
        let mut line = String::new();
        let mut worst = [Duration::ZERO; 3];
        for end in 1..=filter.len() {
            let typed = &filter[..end];
            let started = Instant::now();
            let count = wb.partner_count(typed).expect("count");
            let search = started.elapsed();
            let query = PartnerPageQuery {
                filter: typed.into(),
                ..PartnerPageQuery::default()
            };
            let started = Instant::now();
            wb.partner_page(&query, &Page::First, 38).expect("window");
            let window = started.elapsed();
            let started = Instant::now();
            wb.partner_matches(&query).expect("count");
            let counted = started.elapsed();
            for (worst, took) in worst.iter_mut().zip([search, window, counted]) {
                *worst = (*worst).max(took);
            }
            line.push_str(&format!(
                " {typed}:{count}/{:.1}+{:.1}+{:.2}ms",
                common::ms(search),
                common::ms(window),
                common::ms(counted)
            ));
        }
        println!(
            "  '{filter}' letter by letter (search + window + count), worst {:.1} / {:.1} / \
             {:.2} ms:{line}",
            common::ms(worst[0]),
            common::ms(worst[1]),
            common::ms(worst[2])
        );
    }
    print_peak_memory();
}
