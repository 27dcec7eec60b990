//! The reader thread: reads the terminal as bytes come, waits as long as the parser needs (a
//! lone ESC, an open paste), turns SIGWINCH into a resize, and hands events over a channel.

use std::collections::VecDeque;
use std::io::{self, Read as _};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use ratatui::crossterm::event::Event;
use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::Input;
use super::parse::{Parser, Waiting};

/// Reads the terminal's size: (columns, rows).
pub type SizeFn = fn() -> io::Result<(u16, u16)>;

/// How the reader waits, and how it learns the terminal's size after a resize.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// After a lone ESC (or half a sequence): how long more may take before it is Esc.
    pub escape_wait: Duration,
    /// Inside a paste: how long without input before it ends without its end marker.
    pub paste_idle: Duration,
    /// Reads the terminal's size; when given, SIGWINCH becomes an `Event::Resize`.
    pub size: Option<SizeFn>,
}

/// A running reader; dropping it stops the thread (before the terminal leaves raw mode, so no
/// byte meant for the shell is read).
pub struct Reader {
    /// What one read of the terminal brought, parsed: a batch at a time, so that the app finds
    /// every key of a burst (10,000 characters typed by `tmux send-keys`) already waiting.
    inputs: Receiver<Vec<Input>>,
    /// Inputs of the last batch the app has not taken yet.
    waiting: VecDeque<Input>,
    stop: Arc<AtomicBool>,
    /// Wakes the thread from its wait: written on drop (and by the SIGWINCH handler).
    waker: UnixStream,
    resize_signal: Option<signal_hook::SigId>,
    thread: Option<JoinHandle<()>>,
}

/// Bytes taken from the terminal in one read.
const READ_SIZE: usize = 16 * 1024;
/// Batches read but not yet taken by the app (each what one read brought, at most `READ_SIZE`
/// inputs). When the app falls behind (a flood of keys), the reader waits and the terminal
/// keeps the rest, so memory does not grow with the flood.
const QUEUE: usize = 4;

impl Reader {
    /// Starts reading `source` (a terminal, or in tests a pipe) on a thread of its own.
    pub fn spawn(source: OwnedFd, options: Options) -> io::Result<Reader> {
        let (wake, waker) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        waker.set_nonblocking(true)?;
        let resize_signal = match options.size {
            Some(_) => Some(signal_hook::low_level::pipe::register(
                signal_hook::consts::SIGWINCH,
                waker.try_clone()?,
            )?),
            None => None,
        };
        let stop = Arc::new(AtomicBool::new(false));
        let (sender, inputs) = mpsc::sync_channel(QUEUE);
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("terminal-input".into())
                .spawn(move || read_loop(&source, wake, &stop, options, &sender))
        };
        let thread = match thread {
            Ok(thread) => thread,
            Err(err) => {
                if let Some(id) = resize_signal {
                    signal_hook::low_level::unregister(id);
                }
                return Err(err);
            }
        };
        Ok(Reader {
            inputs,
            waiting: VecDeque::new(),
            stop,
            waker,
            resize_signal,
            thread: Some(thread),
        })
    }

    /// Whether an input is ready within `timeout`.
    pub fn poll(&mut self, timeout: Duration) -> bool {
        if !self.waiting.is_empty() {
            return true;
        }
        let next = if timeout.is_zero() {
            self.inputs.try_recv().map_err(|err| match err {
                TryRecvError::Empty => RecvTimeoutError::Timeout,
                TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            self.inputs.recv_timeout(timeout)
        };
        match next {
            Ok(batch) => {
                self.waiting.extend(batch);
                !self.waiting.is_empty()
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                // The terminal's input ended (it went away: the hangup ends the app). Waiting
                // keeps the event loop from spinning meanwhile.
                std::thread::sleep(timeout);
                false
            }
        }
    }

    /// The next input, waiting for it if need be; `None` once the terminal's input has ended.
    pub fn read(&mut self) -> Option<Input> {
        while self.waiting.is_empty() {
            self.waiting.extend(self.inputs.recv().ok()?);
        }
        self.waiting.pop_front()
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(id) = self.resize_signal.take() {
            signal_hook::low_level::unregister(id);
        }
        self.stop.store(true, Ordering::SeqCst);
        wake_up(&self.waker);
        // A thread waiting for room in a full queue gives up once nobody takes from it.
        drop(std::mem::replace(&mut self.inputs, mpsc::sync_channel(0).1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Writes one byte to wake the thread; when the stream is full, a wake-up is already waiting.
fn wake_up(mut waker: &UnixStream) {
    use std::io::Write as _;
    let _ = waker.write(&[1]);
}

fn timespec(wait: Duration) -> Timespec {
    Timespec {
        tv_sec: i64::try_from(wait.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(wait.subsec_nanos()),
    }
}

/// The thread: waits for bytes, a wake-up or the parser's deadline, and sends what comes.
fn read_loop(
    source: &OwnedFd,
    mut wake: UnixStream,
    stop: &AtomicBool,
    options: Options,
    sender: &SyncSender<Vec<Input>>,
) {
    let mut parser = Parser::new();
    let mut buffer = vec![0u8; READ_SIZE];
    let mut out = Vec::new();
    loop {
        let wait = match parser.waiting() {
            Waiting::Nothing => None,
            Waiting::Sequence => Some(timespec(options.escape_wait)),
            Waiting::PasteEnd => Some(timespec(options.paste_idle)),
        };
        let mut fds = [
            PollFd::new(source, PollFlags::IN),
            PollFd::new(&wake, PollFlags::IN),
        ];
        let (input_ready, woken) = match poll(&mut fds, wait.as_ref()) {
            Ok(0) => {
                parser.expire(&mut out);
                (false, false)
            }
            Ok(_) => (!fds[0].revents().is_empty(), !fds[1].revents().is_empty()),
            Err(rustix::io::Errno::INTR) => (false, false),
            Err(_) => return,
        };
        if woken {
            let mut drained = [0u8; 64];
            while matches!(wake.read(&mut drained), Ok(n) if n > 0) {}
            if stop.load(Ordering::SeqCst) {
                return;
            }
            if let Some(Ok((columns, rows))) = options.size.map(|size| size()) {
                out.push(Input::Event(Event::Resize(columns, rows)));
            }
        }
        if input_ready {
            match rustix::io::read(source, &mut buffer[..]) {
                Ok(0) => {
                    // End of input (the terminal hung up): deliver what came, then stop.
                    parser.expire(&mut out);
                    send(sender, &mut out);
                    return;
                }
                Ok(n) => parser.feed(&buffer[..n], &mut out),
                Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
                Err(_) => return,
            }
        }
        if !send(sender, &mut out) {
            return;
        }
    }
}

/// Sends the inputs in `out` as one batch; false once nobody listens any more.
fn send(sender: &SyncSender<Vec<Input>>, out: &mut Vec<Input>) -> bool {
    out.is_empty() || sender.send(std::mem::take(out)).is_ok()
}
