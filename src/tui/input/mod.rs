//! The terminal's input: on Unix our own reader (a thread, a byte parser, and the waits an
//! unfinished paste needs to end); elsewhere crossterm's event reader.
//!
//! crossterm keeps a bracketed paste whose end marker never comes in a private buffer and
//! swallows every later key; this reader ends such a paste after `PASTE_IDLE` without input,
//! delivers what came as the paste, and says so.

mod mouse;
pub mod parse;
pub mod paste;
#[cfg(unix)]
pub mod reader;
pub mod typed;

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::Event;

pub use paste::PasteNote;

/// How long after a lone ESC more bytes may take to be part of one sequence: then it is the
/// Esc key (terminals send a sequence's bytes together; people do not type that fast).
pub const ESCAPE_WAIT: Duration = Duration::from_millis(30);
/// How long a bracketed paste may go without input before it ends without its end marker.
pub const PASTE_IDLE: Duration = Duration::from_secs(1);

/// What the terminal's input brings the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Event(Event),
    /// A paste that ended without its end marker or was cut: the status line says so.
    Note(PasteNote),
}

/// The terminal's input, read on a thread of its own.
pub struct TerminalInput {
    #[cfg(unix)]
    reader: reader::Reader,
}

impl TerminalInput {
    /// Starts reading the terminal: standard input when it is one, else `/dev/tty` (where
    /// crossterm enters raw mode too).
    #[cfg(unix)]
    pub fn open() -> io::Result<TerminalInput> {
        use std::io::IsTerminal as _;
        use std::os::fd::AsFd as _;
        let stdin = io::stdin();
        let source = if stdin.is_terminal() {
            stdin.as_fd().try_clone_to_owned()?
        } else {
            std::fs::File::open("/dev/tty")?.into()
        };
        let reader = reader::Reader::spawn(
            source,
            reader::Options {
                escape_wait: ESCAPE_WAIT,
                paste_idle: PASTE_IDLE,
                size: Some(ratatui::crossterm::terminal::size),
            },
        )?;
        Ok(TerminalInput { reader })
    }

    #[cfg(not(unix))]
    pub fn open() -> io::Result<TerminalInput> {
        Ok(TerminalInput {})
    }

    /// Whether an input is ready within `timeout`.
    #[cfg(unix)]
    pub fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        Ok(self.reader.poll(timeout))
    }

    #[cfg(not(unix))]
    pub fn poll(&mut self, timeout: Duration) -> io::Result<bool> {
        ratatui::crossterm::event::poll(timeout)
    }

    /// The inputs already waiting (at most `limit`), without waiting for more.
    pub fn waiting(&mut self, limit: usize) -> io::Result<Vec<Input>> {
        let mut inputs = Vec::new();
        while inputs.len() < limit && self.poll(Duration::ZERO)? {
            match self.read()? {
                Some(input) => inputs.push(input),
                None => break,
            }
        }
        Ok(inputs)
    }

    /// The next input, waiting for it; `None` once the terminal's input has ended.
    #[cfg(unix)]
    pub fn read(&mut self) -> io::Result<Option<Input>> {
        Ok(self.reader.read())
    }

    #[cfg(not(unix))]
    pub fn read(&mut self) -> io::Result<Option<Input>> {
        ratatui::crossterm::event::read().map(|event| Some(Input::Event(event)))
    }
}
