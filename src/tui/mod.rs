//! The terminal app: the terminal guard, the event loop, and the App with its tabs and widgets.

pub mod action;
pub mod app;
pub mod edits;
pub mod input;
pub mod intent;
pub mod keymap;
pub mod sanitize;
pub mod settings;
pub mod tabs;
pub mod terminal;
pub mod theme;
pub mod widgets;

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{Context as _, Result};

use crate::config::{Config, ConfigProblem};
use crate::workbook::Workbook;
use app::App;
use input::typed::{self, Step};
use input::{Input, TerminalInput};
use keymap::Keymap;
use terminal::TerminalGuard;
use theme::Theme;

/// Set to make the app panic right after its first frame: used by the test that proves the
/// terminal is restored after a panic. It has no other effect.
pub const PANIC_FOR_TEST_ENV: &str = "PARTNERPLAN_PANIC_AFTER_FIRST_FRAME";
/// Inputs taken from the reader at a time before they are handled: a flood of keys is held in
/// memory this much at a time (the reader's own queue holds a few reads more).
const DRAIN_LIMIT: usize = 16 * 1024;

/// Builds the keymap from config and the list of notices to show at start.
pub fn prepare(
    config: &Config,
    problems: Vec<ConfigProblem>,
    workbook: &Workbook,
) -> (Keymap, Vec<String>) {
    let file = config.source.clone().unwrap_or_default();
    let (keymap, key_problems) = Keymap::with_overrides(&config.key_overrides, Path::new(&file));
    let mut notices: Vec<String> = workbook.notices().to_vec();
    let problems: Vec<String> = problems
        .iter()
        .chain(&key_problems)
        .map(|p| format!("{p} — ignored, default kept"))
        .collect();
    if !problems.is_empty() {
        notices.push("Your config has problems; these settings were ignored:".into());
        notices.extend(problems);
    }
    (keymap, notices)
}

/// Draws one frame, then runs the sanitiser's last check over every cell: the only way the app
/// draws, in the terminal and in tests.
pub fn render_frame(app: &App, frame: &mut ratatui::Frame) {
    app.draw(frame);
    sanitize::clean_buffer(frame.buffer_mut());
}

/// Runs the app until the user quits or a signal arrives. The terminal is restored on every way
/// out; on a clean one the workbook is handed back to be closed.
pub fn run(workbook: Workbook, config: Config, problems: Vec<ConfigProblem>) -> Result<Workbook> {
    let (keymap, notices) = prepare(&config, problems, &workbook);
    let theme = Theme::from_env(config.theme);
    let settings = settings::Settings::from_config(&config);
    let mut app = App::new(workbook, keymap, theme, settings, notices)?;
    let mut guard = TerminalGuard::enter(config.mouse).context("setting up the terminal")?;
    let mut input = TerminalInput::open().context("reading the terminal")?;
    let panic_for_test = std::env::var_os(PANIC_FOR_TEST_ENV).is_some();
    loop {
        if guard.signalled.load(Ordering::SeqCst) {
            break;
        }
        let size = guard.terminal.size()?;
        app.prepare(ratatui::layout::Rect::new(0, 0, size.width, size.height));
        let frame = guard.terminal.draw(|frame| render_frame(&app, frame))?;
        if app.import_waiting() {
            // The gauge is on screen: the import redraws it over this frame as it works.
            let last = frame.buffer.clone();
            app.run_pending_import(&mut |paint| {
                let _ = guard.terminal.draw(|frame| {
                    if frame.area() == last.area {
                        frame.buffer_mut().clone_from(&last);
                    }
                    paint(frame.buffer_mut());
                    sanitize::clean_buffer(frame.buffer_mut());
                });
            });
            continue;
        }
        #[allow(
            clippy::panic,
            reason = "the real-terminal test of the panic hook asks for one panic on purpose"
        )]
        if panic_for_test {
            panic!("panic requested by {PANIC_FOR_TEST_ENV}");
        }
        if app.should_quit() {
            break;
        }
        if !input.poll(Duration::ZERO)? && app.idle() {
            continue;
        }
        if input.poll(app.poll_interval())? {
            // Handle everything already queued before drawing again (fast typing, pastes),
            // each run of typed characters in one go.
            loop {
                let waiting = input.waiting(DRAIN_LIMIT)?;
                if waiting.is_empty() {
                    break;
                }
                for step in typed::group(waiting) {
                    if app.should_quit() {
                        break;
                    }
                    match step {
                        Step::Typed(keys) => app.handle_typed(&keys),
                        Step::Input(input) => deliver(&mut app, input),
                    }
                }
                if app.should_quit() {
                    break;
                }
            }
        } else {
            app.tick();
        }
    }
    app.remember_view();
    // The reader stops before the terminal leaves raw mode, so it reads nothing meant for the
    // shell.
    drop(input);
    drop(guard);
    Ok(app.into_workbook())
}

/// Hands an event to the App, or puts the reader's word on a paste on the status line.
fn deliver(app: &mut App, input: Input) {
    match input {
        Input::Event(event) => app.handle_event(event),
        Input::Note(note) => app.warn(note.message()),
    }
}
