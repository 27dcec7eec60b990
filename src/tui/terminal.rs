//! The terminal guard: raw mode, alternate screen, mouse capture and bracketed paste, restored
//! exactly once — on quit, on error, on panic, and on SIGTERM/SIGHUP/SIGINT (Ctrl-c).

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{cursor, event, execute, terminal};

/// Set while the terminal is in our modes; whoever clears it first restores the terminal.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Owns the terminal's special modes for the app's lifetime; dropping it restores them.
pub struct TerminalGuard {
    pub terminal: Tui,
    /// Raised by SIGTERM, SIGHUP or SIGINT (Ctrl-c); the event loop checks it and quits cleanly.
    pub signalled: Arc<AtomicBool>,
}

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        let signalled = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&signalled))?;
        }
        install_panic_hook();
        watch_for_hangup();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        if let Err(err) = ctrl_c_as_signal() {
            restore();
            return Err(err);
        }
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut stdout = io::stdout();
        let entered = execute!(
            stdout,
            terminal::EnterAlternateScreen,
            event::EnableBracketedPaste
        )
        .and_then(|()| {
            if mouse {
                execute!(stdout, event::EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(err) = entered {
            restore();
            return Err(err);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => terminal,
            Err(err) => {
                restore();
                return Err(err);
            }
        };
        Ok(TerminalGuard {
            terminal,
            signalled,
        })
    }
}

/// Raw mode turns Ctrl-c into a key. Ctrl-c stays the kernel's interrupt signal instead (raised
/// as `signalled`, which the event loop checks at least every 200 ms), so it quits in every
/// state, whatever the input reader is waiting for; Ctrl-\ and Ctrl-z stay keys.
fn ctrl_c_as_signal() -> io::Result<()> {
    use std::io::IsTerminal;

    use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Ok(());
    }
    let mut modes = tcgetattr(&stdin)?;
    // NOFLSH: the signal does not throw away input or output still queued.
    modes.local_modes |= LocalModes::ISIG | LocalModes::NOFLSH;
    modes.special_codes[SpecialCodeIndex::VINTR] = 3;
    modes.special_codes[SpecialCodeIndex::VQUIT] = 0;
    modes.special_codes[SpecialCodeIndex::VSUSP] = 0;
    tcsetattr(&stdin, OptionalActions::Now, &modes)?;
    Ok(())
}

/// Exit code when the terminal went away (as a shell reports a hangup: 128 + SIGHUP).
const HANGUP_EXIT: i32 = 129;

/// Ends the process when the terminal goes away (its window closed, the SSH link dropped, tmux
/// killed), without waiting for the event loop to notice: the input reader only stops reading.
/// Every edit is already saved in its own transaction, so nothing is lost by leaving at once.
fn watch_for_hangup() {
    let spawned = std::thread::Builder::new()
        .name("hangup-watch".into())
        .spawn(|| {
            use rustix::event::{PollFd, PollFlags, poll};
            let stdin = io::stdin();
            let timeout = rustix::event::Timespec {
                tv_sec: 0,
                tv_nsec: 500_000_000,
            };
            loop {
                let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
                let hung_up = match poll(&mut fds, Some(&timeout)) {
                    Ok(0) => false,
                    Ok(_) => fds[0]
                        .revents()
                        .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
                    Err(rustix::io::Errno::INTR) => false,
                    Err(_) => true,
                };
                if hung_up {
                    std::process::exit(HANGUP_EXIT);
                }
            }
        });
    // Without the watcher the app still runs; only a vanished terminal would go unnoticed.
    drop(spawned);
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves every mode we entered. Safe to call from anywhere, any number of times: only the first
/// call after `enter` does anything.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut stdout = io::stdout();
    // Errors are ignored: after SIGHUP the terminal may be gone, and there is nobody to tell.
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(stdout, event::DisableMouseCapture);
    }
    let _ = execute!(
        stdout,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = stdout.flush();
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        eprintln!(
            "partnerplan stopped because of an internal error. Your saved changes are safe in the \
             workbook; please report the message above."
        );
    }));
}
