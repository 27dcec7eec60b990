//! Drives a real program in a real pseudo-terminal: a background thread feeds everything the
//! program writes into a `vt100::Parser`, and the test waits on what the screen shows.
//!
//! Every wait is a polled condition with a deadline; nothing sleeps and hopes.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use filedescriptor::{FileDescriptor, POLLIN, pollfd};
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take. Generous, so that a loaded two-core machine still passes;
/// a passing wait returns as soon as its condition holds.
pub const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(15);
/// How often the reader looks up from waiting for output to see whether it should stop.
const READER_WAKE: Duration = Duration::from_millis(20);

pub const TAB: &str = "\t";
pub const SHIFT_TAB: &str = "\x1b[Z";
pub const ENTER: &str = "\r";
pub const CTRL_S: &str = "\x13";

/// A program running in a pseudo-terminal of its own, killed when this is dropped.
pub struct Pty {
    name: String,
    /// The terminal's master side; `None` once `hang_up` closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    /// A descriptor of our own for the master side: portable-pty's writer types a newline and
    /// end-of-file when dropped, which the app would take as keys.
    writer: Option<FileDescriptor>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for assertions on what was sent and for failure reports.
    transcript: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    /// Tells the reader to stop and close its descriptor (see `hang_up`).
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    child: Box<dyn Child + Send + Sync>,
    exited: Option<ExitStatus>,
    /// Further processes to kill on drop (e.g. the app under a wrapper shell).
    also_kill: Vec<u32>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not hide the screen from the failure report.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The screen's (rows, columns).
pub fn dims(screen: &vt100::Screen) -> (u16, u16) {
    let (rows, cols) = screen.size();
    (rows.get(), cols.get())
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are not zero")
}

/// The master's raw descriptor, only so that `FileDescriptor::dup` can copy it.
struct RawMaster(RawFd);

impl AsRawFd for RawMaster {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

/// A descriptor of our own for the same open master side: closing it is ours to decide, unlike
/// portable-pty's reader, which a thread blocked in read() would hold open forever.
fn dup_master(master: &dyn MasterPty) -> FileDescriptor {
    let raw = master
        .as_raw_fd()
        .expect("a unix pseudo-terminal has a descriptor");
    FileDescriptor::dup(&RawMaster(raw)).expect("copying the terminal's descriptor")
}

/// Waits up to `READER_WAKE` for output on `fd`; `true` when a read will not block.
fn readable(fd: &FileDescriptor) -> bool {
    let mut fds = [pollfd {
        fd: fd.as_raw_fd(),
        events: POLLIN,
        revents: 0,
    }];
    // Readable, hung up or failed: in each case read() returns at once.
    matches!(filedescriptor::poll(&mut fds, Some(READER_WAKE)), Ok(n) if n > 0)
}

impl Pty {
    /// Starts `command` in a new `cols`×`rows` pseudo-terminal. `name` labels failure reports.
    pub fn spawn(name: &str, command: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("opening a pseudo-terminal");
        let child = pair
            .slave
            .spawn_command(command)
            .expect("starting the program in the pseudo-terminal");
        // Only the child holds the terminal's slave side now, so the reader sees the end of the
        // output once the child (and whatever it started) is gone.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let mut reader = dup_master(&*pair.master);
        let reader = {
            let parser = Arc::clone(&parser);
            let transcript = Arc::clone(&transcript);
            let eof = Arc::clone(&eof);
            let stop = Arc::clone(&stop_reading);
            std::thread::Builder::new()
                .name(format!("pty-reader-{name}"))
                .spawn(move || {
                    let mut buf = [0u8; 8192];
                    loop {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        if !readable(&reader) {
                            continue;
                        }
                        match reader.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                lock(&parser).process(&buf[..n]);
                                lock(&transcript).extend_from_slice(&buf[..n]);
                            }
                        }
                    }
                    eof.store(true, Ordering::SeqCst);
                })
                .expect("starting the reader thread")
        };
        let writer = dup_master(&*pair.master);
        Pty {
            name: name.to_string(),
            master: Some(pair.master),
            writer: Some(writer),
            parser,
            transcript,
            eof,
            stop_reading,
            reader: Some(reader),
            child,
            exited: None,
            also_kill: Vec::new(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// Kill `pid` too if the test fails before it has ended.
    pub fn also_kill(&mut self, pid: u32) {
        self.also_kill.push(pid);
    }

    /// The path of the terminal's slave side (e.g. /dev/pts/7), for `stty` from outside.
    pub fn tty_path(&self) -> PathBuf {
        self.master()
            .tty_name()
            .expect("the pseudo-terminal has a name")
    }

    /// Types `text` as if on a keyboard (escape sequences included).
    pub fn send(&mut self, text: &str) {
        let name = &self.name;
        let writer = self
            .writer
            .as_mut()
            .unwrap_or_else(|| panic!("[{name}] typing {text:?} into a terminal hung up"));
        writer
            .write_all(text.as_bytes())
            .and_then(|()| writer.flush())
            .unwrap_or_else(|err| panic!("[{name}] typing {text:?}: {err}"));
    }

    fn master(&self) -> &dyn MasterPty {
        match &self.master {
            Some(master) => &**master,
            None => panic!("[{}] the terminal was hung up", self.name),
        }
    }

    /// Closes the terminal's master side, as when its window is closed or the SSH link drops:
    /// the program's terminal is hung up. The screen keeps what was shown last.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ended cleanly");
        }
        // Every descriptor of the master side is closed now, so the kernel hangs the terminal up.
        self.writer = None;
        self.master = None;
    }

    /// The program's exit status if it ends within `limit`, else `None` (it is still running).
    pub fn exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                self.exited = Some(status.clone());
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    /// Runs `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.parser).screen())
    }

    pub fn text(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&lock(&self.transcript)).into_owned()
    }

    /// Waits until `condition` holds for the screen; on timeout fails with `what` and the screen.
    pub fn wait_for(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.with_screen(&condition) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "[{}] timed out after {TIMEOUT:?} waiting for {what}.\n{}",
                    self.name,
                    self.report()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `needle` is anywhere on the screen.
    pub fn wait_for_text(&self, needle: &str) {
        self.wait_for(&format!("{needle:?} on screen"), |s| {
            s.contents().contains(needle)
        });
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the emulated screen alike.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Resize the parser first so no output drawn for the new size meets the old one.
        lock(&self.parser).screen_mut().set_size(nz(rows), nz(cols));
        self.master()
            .resize(size(cols, rows))
            .expect("resizing the pseudo-terminal");
    }

    /// Types `keys`, then waits until the screen shows `shown`.
    #[allow(dead_code)] // for the terminal_* tests; tests/terminal.rs drives keys its own way
    pub fn step(&mut self, keys: &str, shown: &str) {
        self.send(keys);
        self.wait_for_text(shown);
    }

    /// Types `key` and waits for the program to end well (status 0), else fails with the
    /// report.
    #[allow(dead_code)] // for the terminal_* tests
    pub fn quits_with(&mut self, key: &str) {
        self.send(key);
        let status = self.wait_exit();
        assert!(
            status.success(),
            "the app ended with {status:?}\n{}",
            self.report()
        );
    }

    /// Waits for the child to end and for all of its output to have been read and parsed.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "[{}] the program did not exit within {TIMEOUT:?}.\n{}",
                    self.name,
                    self.report()
                );
            }
            std::thread::sleep(POLL);
        };
        self.exited = Some(status.clone());
        self.drain(deadline);
        status
    }

    /// Waits until everything the program (and what it started) wrote has been read: after
    /// `exit_within`, before reading what was printed last.
    pub fn drain_output(&mut self) {
        self.drain(Instant::now() + TIMEOUT);
    }

    fn drain(&mut self, deadline: Instant) {
        while !self.eof.load(Ordering::SeqCst) {
            if Instant::now() > deadline {
                panic!(
                    "[{}] the program exited but its terminal output did not end within \
                     {TIMEOUT:?} (a process it started still holds the terminal?).\n{}",
                    self.name,
                    self.report()
                );
            }
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ended cleanly");
        }
    }

    /// The screen and the tail of the raw output, for failure messages.
    pub fn report(&self) -> String {
        let screen = self.with_screen(|s| {
            let (_, cols) = dims(s);
            s.rows(0, cols)
                .enumerate()
                .map(|(i, row)| format!("{i:>2}│{row}"))
                .collect::<Vec<_>>()
                .join("\n")
        });
        let transcript = self.transcript();
        let tail: String = {
            let chars: Vec<char> = transcript.chars().collect();
            chars[chars.len().saturating_sub(1500)..].iter().collect()
        };
        format!("--- screen ---\n{screen}\n--- last output bytes ---\n{tail:?}")
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        for pid in &self.also_kill {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(std::process::Stdio::null())
                .status();
        }
        if self.exited.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader thread ends by itself once the terminal closes; never block a failing test
        // on it.
    }
}

/// A `CommandBuilder` for `program` with `args` whose environment is sealed off from the user's:
/// home, config and data folders point into `home`, the terminal is a colour xterm.
pub fn sealed_command<S: AsRef<OsStr>>(program: &str, args: &[S], home: &Path) -> CommandBuilder {
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.cwd(home);
    command.env("HOME", home);
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_DATA_HOME", home.join("data"));
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env("LC_ALL", "C.UTF-8");
    for name in [
        "NO_COLOR",
        "COLORTERM",
        "COLUMNS",
        "LINES",
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
        "PARTNERPLAN_PANIC_AFTER_FIRST_FRAME",
        "PARTNERPLAN_CONFIG",
    ] {
        command.env_remove(name);
    }
    command
}

/// The app `program` on `workbook` in a sealed-off `home` with an empty config file, in a
/// `cols`×`rows` pseudo-terminal, once its first frame shows.
#[allow(dead_code)] // for the terminal_* tests; tests/terminal.rs has its own sealed home
pub fn app_on(
    program: &str,
    name: &str,
    workbook: &Path,
    home: &Path,
    (cols, rows): (u16, u16),
) -> Pty {
    let config = home.join("config.toml");
    std::fs::write(&config, "").expect("an empty config");
    let mut command = sealed_command(
        program,
        &[workbook.to_str().expect("a UTF-8 temp path")],
        home,
    );
    command.env("PARTNERPLAN_CONFIG", config);
    let pty = Pty::spawn(name, command, cols, rows);
    pty.wait_for_text("1 Guide");
    pty
}

/// The processes whose parent is `parent` (from /proc), e.g. the app under a wrapper shell.
pub fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                // The command name in parentheses may contain spaces; fields follow the last ')'.
                .and_then(|stat| {
                    let rest = &stat[stat.rfind(')')? + 1..];
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(parent)
        })
        .collect()
}

/// `stty -a` for the terminal at `tty`, read from outside the program that uses it.
pub fn stty_of(tty: &Path) -> String {
    let input = std::fs::File::open(tty).expect("opening the terminal for stty");
    let output = std::process::Command::new("stty")
        .arg("-a")
        .stdin(input)
        .output()
        .expect("running stty");
    assert!(
        output.status.success(),
        "stty -a failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether an `stty -a` listing has `flag` on (`flag`) rather than off (`-flag`).
pub fn stty_flag(listing: &str, flag: &str) -> Option<bool> {
    listing.split_whitespace().find_map(|word| {
        if word == flag {
            Some(true)
        } else if word.strip_prefix('-') == Some(flag) {
            Some(false)
        } else {
            None
        }
    })
}
