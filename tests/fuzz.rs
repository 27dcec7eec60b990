//! A seeded key fuzzer over the real App, in-process through ratatui's `TestBackend`: random keys
//! on every tab and popup, pastes (with line breaks, escape sequences and stray paste markers),
//! mouse events and resizes from 1×1 to 300×100, with frames now and then drawn for another size
//! than the one prepared (the resize race). It asserts no panic (ratatui panics on any draw
//! outside the buffer), that every acknowledged edit is in the file whenever the app quits and at
//! the end, and that the file then passes `check` (integrity, schema and content).
//!
//! CI runs `DEFAULT_EVENTS`; `PARTNERPLAN_FUZZ_EVENTS=N` runs a longer budget and
//! `PARTNERPLAN_FUZZ_SEED=S` another seed. A failure prints the seed, the event count that
//! reproduces it and the last events, in the form `Step` prints.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use partnerplan::tui::app::App;
use partnerplan::tui::keymap::Keymap;
use partnerplan::tui::render_frame;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use support::seeded::Seeded;

mod support;

/// Events per CI run: enough to reach every tab and most popups many times, under a minute.
const DEFAULT_EVENTS: usize = 20_000;
const DEFAULT_SEED: u64 = 0x5EED_1505;

/// One fuzzer step, printable and replayable.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    /// Prepared for one size, drawn at another (a resize while the frame is being made).
    Race(u16, u16),
    Tick,
}

const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Insert,
    KeyCode::F(1),
    KeyCode::F(5),
];

/// The letters of the app's keys, weighted toward those that open things and move.
const LETTERS: &str =
    "aaeeddyynjjkkhhllggGsSfwcoirCTWLmxtpvPMCVAORNPKJuu//?:  123456712345670$[]-FJ";

const PASTES: &[&str] = &[
    "Acme Robotics",
    "line one\nline two\r\nline three",
    "\u{1b}]52;c;ZXZpbA==\u{7}clip",
    "\u{1b}[2J\u{1b}[31mred\u{9b}6n",
    "\u{1b}[200~nested start, no end",
    "2026-02-30",
    "inf",
    "東京 Robotics 🚀 \u{202e}reversed",
    "",
    "x",
];

fn random_step(rng: &mut Seeded, size: (u16, u16)) -> Step {
    match rng.below(1000) {
        0..=599 => {
            let c = LETTERS
                .chars()
                .nth(rng.below(LETTERS.chars().count()))
                .unwrap_or('j');
            let modifiers = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Key(KeyCode::Char(c), modifiers)
        }
        600..=639 => {
            // Any printable character, as typed into a form or a filter.
            let c = char::from_u32(0x20 + rng.below(0x5f) as u32).unwrap_or('x');
            Step::Key(KeyCode::Char(c), KeyModifiers::NONE)
        }
        640..=819 => Step::Key(*rng.pick(KEYS), KeyModifiers::NONE),
        820..=867 => {
            // Ctrl-s (save a form) most often, so that edits really reach the file.
            let c = *rng.pick(&['s', 's', 's', 's', 'r', 'e', 'o', 'u', 'n', 'p', 'a', 'k']);
            Step::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
        }
        868..=869 if rng.below(10) == 0 => {
            // Quitting: `q` asks nothing; Ctrl-c always quits. The fuzzer then reopens the file.
            let (c, modifiers) =
                *rng.pick(&[('q', KeyModifiers::NONE), ('c', KeyModifiers::CONTROL)]);
            Step::Key(KeyCode::Char(c), modifiers)
        }
        870..=899 => Step::Paste((*rng.pick(PASTES)).to_string()),
        900..=959 => {
            let kind = *rng.pick(&[
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Up(MouseButton::Left),
                MouseEventKind::ScrollDown,
                MouseEventKind::ScrollUp,
                MouseEventKind::Moved,
                MouseEventKind::Drag(MouseButton::Left),
                MouseEventKind::Down(MouseButton::Right),
            ]);
            // Mostly inside the screen, sometimes just outside it.
            let x = rng.below(usize::from(size.0) + 3) as u16;
            let y = rng.below(usize::from(size.1) + 3) as u16;
            Step::Mouse(kind, x, y)
        }
        960..=979 => {
            let (width, height) = random_size(rng);
            Step::Resize(width, height)
        }
        980..=989 => {
            let (width, height) = random_size(rng);
            Step::Race(width, height)
        }
        _ => Step::Tick,
    }
}

/// A terminal size from 1×1 to 300×100; most are everyday sizes (drawing 300×100 frames in a
/// debug build is what makes a run slow).
fn random_size(rng: &mut Seeded) -> (u16, u16) {
    if rng.below(5) == 0 {
        (1 + rng.below(300) as u16, 1 + rng.below(100) as u16)
    } else {
        (20 + rng.below(120) as u16, 5 + rng.below(45) as u16)
    }
}

/// The app on `path` in a terminal of `size`.
fn open_app(path: &Path, size: (u16, u16)) -> (App, Terminal<TestBackend>) {
    let wb = Workbook::open(path, OpenOptions::default()).expect("the workbook opens");
    let app = App::new(
        wb,
        Keymap::default(),
        Theme::dark(),
        Settings::default(),
        Vec::new(),
    )
    .expect("the app starts");
    let terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
    (app, terminal)
}

fn draw(app: &mut App, terminal: &mut Terminal<TestBackend>) {
    let size = terminal.size().expect("the test terminal's size");
    app.prepare(Rect::new(0, 0, size.width, size.height));
    let app = &*app;
    terminal
        .draw(|frame| render_frame(app, frame))
        .expect("a frame");
}

/// Applies one step; returns whether the app asked to quit.
fn apply(app: &mut App, terminal: &mut Terminal<TestBackend>, step: &Step) -> bool {
    match step {
        Step::Key(code, modifiers) => {
            app.handle_event(Event::Key(KeyEvent::new(*code, *modifiers)));
        }
        Step::Paste(text) => app.handle_event(Event::Paste(text.clone())),
        Step::Mouse(kind, x, y) => app.handle_event(Event::Mouse(MouseEvent {
            kind: *kind,
            column: *x,
            row: *y,
            modifiers: KeyModifiers::NONE,
        })),
        Step::Resize(width, height) => {
            terminal.backend_mut().resize(*width, *height);
            app.handle_event(Event::Resize(*width, *height));
        }
        Step::Race(width, height) => {
            app.prepare(Rect::new(0, 0, *width, *height));
            let app = &*app;
            terminal
                .draw(|frame| render_frame(app, frame))
                .expect("a frame");
            return false;
        }
        Step::Tick => {
            app.tick();
            app.idle();
        }
    }
    if app.import_waiting() {
        app.run_pending_import(&mut |_| {});
    }
    draw(app, terminal);
    app.should_quit()
}

/// What the app has acknowledged, read through its own connection.
fn acknowledged(app: &App) -> Vec<partnerplan::workbook::dump::TableRecords> {
    app.workbook().dump().expect("the app's view of the plan")
}

/// Closes the app and proves that everything it acknowledged is in the file, read afresh.
fn close_and_compare(mut app: App, path: &Path, context: &str) {
    // Leaving records the view and may bring a live KPI's point for today up to date; what the
    // app holds after that is what the file must hold.
    app.remember_view();
    let seen = acknowledged(&app);
    drop(app);
    let reopened = Workbook::open(path, OpenOptions::default()).expect("the workbook reopens");
    let stored = reopened.dump().expect("the file's plan");
    for (before, after) in seen.iter().zip(&stored) {
        if before != after {
            let missing: Vec<_> = before
                .records
                .iter()
                .filter(|r| !after.records.contains(r))
                .take(3)
                .collect();
            let extra: Vec<_> = after
                .records
                .iter()
                .filter(|r| !before.records.contains(r))
                .take(3)
                .collect();
            panic!(
                "{context}: the file does not hold what the app acknowledged in {}: the app saw \
                 {missing:?}, the file holds {extra:?}",
                before.layout.key
            );
        }
    }
    assert_eq!(seen.len(), stored.len(), "{context}");
}

/// A demo-sized workbook (30 partners, roles, risks, KPIs) in `dir`, so every tab has rows.
fn demo_workbook(dir: &Path) -> PathBuf {
    let path = dir.join("fuzz.partnerplan");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo.toml"))
        .expect("the demo plan");
    partnerplan::exchange::toml::import(&path, &text, &[]).expect("the demo imports");
    path
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text:?} is not a whole number")),
        Err(_) => default,
    }
}

#[test]
fn random_keys_pastes_mouse_and_resizes_never_panic_or_lose_an_edit() {
    let events = env_number("PARTNERPLAN_FUZZ_EVENTS", DEFAULT_EVENTS as u64) as usize;
    let seed = env_number("PARTNERPLAN_FUZZ_SEED", DEFAULT_SEED);
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    // Exports and imports typed into prompts land in the temporary folder, never the repo.
    std::env::set_current_dir(dir.path()).expect("entering the temporary folder");
    let path = demo_workbook(dir.path());

    let mut rng = Seeded::new(seed);
    let mut size = (80, 24);
    let (first, mut terminal) = open_app(&path, size);
    let mut app = Some(first);
    let mut log: Vec<Step> = Vec::with_capacity(events);
    let mut restarts = 0usize;
    // Which tab and which context (list, form, popup, palette, confirm…) each step ended in.
    let mut visited = std::collections::BTreeSet::new();
    for n in 0..events {
        let step = random_step(&mut rng, size);
        if let Step::Resize(width, height) = step {
            size = (width, height);
        }
        log.push(step.clone());
        let Some(running) = app.as_mut() else {
            unreachable!("the app is reopened after every quit");
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| apply(running, &mut terminal, &step)));
        let quit = match outcome {
            Ok(quit) => quit,
            Err(_) => {
                let from = log.len().saturating_sub(40);
                panic!(
                    "the app panicked at event {} of seed {seed:#x}. Replay with \
                     PARTNERPLAN_FUZZ_SEED={seed} PARTNERPLAN_FUZZ_EVENTS={} cargo test --test \
                     fuzz. The last events:\n{}",
                    n + 1,
                    n + 1,
                    log[from..]
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("  {}: {s:?}", from + i + 1))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        };
        if let Some(running) = app.as_ref() {
            visited.insert((
                format!("{:?}", running.tab()),
                format!("{:?}", running.context()),
            ));
        }
        if quit {
            restarts += 1;
            // The quitting app lets go of the file first (one writer at a time).
            let previous = app.take().expect("the running app");
            let tail: Vec<String> = log[log.len().saturating_sub(12)..]
                .iter()
                .map(|s| format!("{s:?}"))
                .collect();
            close_and_compare(
                previous,
                &path,
                &format!("quit at event {} after {}", n + 1, tail.join(", ")),
            );
            let (next, next_terminal) = open_app(&path, size);
            app = Some(next);
            terminal = next_terminal;
        }
    }
    let app = app.expect("the running app");
    let edits: i64 = app
        .workbook()
        .connection()
        .query_row("SELECT count(*) FROM change_journal", [], |row| row.get(0))
        .unwrap_or(0);
    close_and_compare(app, &path, "the end of the run");
    let report = partnerplan::workbook::check(&path).unwrap_or_else(|err| {
        panic!("after {events} events of seed {seed:#x} the workbook fails check: {err}")
    });
    let tabs: std::collections::BTreeSet<&String> = visited.iter().map(|(tab, _)| tab).collect();
    let contexts: std::collections::BTreeSet<&String> =
        visited.iter().map(|(_, context)| context).collect();
    println!(
        "fuzz: {events} events, seed {seed:#x}: no panic, {restarts} quits and reopens, {edits} \
         undo journal entries, check ok (schema {}); {} tabs, {} contexts ({} tab × context \
         pairs): {contexts:?}",
        report.schema_version,
        tabs.len(),
        contexts.len(),
        visited.len()
    );
    // A run that never leaves a few screens proves little: the budget must reach every tab and
    // the popups every tab shares.
    if events >= DEFAULT_EVENTS {
        assert_eq!(tabs.len(), 7, "tabs reached: {tabs:?}");
        for context in ["Form", "Confirm", "Palette", "Popup", "Filter"] {
            assert!(
                contexts.iter().any(|c| c.as_str() == context),
                "the fuzzer never reached {context}: {contexts:?}"
            );
        }
    }
}
