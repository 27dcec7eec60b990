//! A progress bar on stderr for long imports, drawn only when stderr is a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Draws `label [#####.....] 45%` in place with `\r`; silent when stderr is piped or redirected.
pub struct Progress {
    label: String,
    total: u64,
    shown: bool,
    enabled: bool,
    last: Option<Instant>,
}

const WIDTH: usize = 30;
const EVERY: Duration = Duration::from_millis(100);

impl Progress {
    pub fn new(label: impl Into<String>, total: u64) -> Progress {
        Progress {
            label: label.into(),
            total,
            shown: false,
            enabled: std::io::stderr().is_terminal(),
            last: None,
        }
    }

    /// Notes that `done` of `total` is done; redraws at most ten times a second.
    pub fn update(&mut self, done: u64) {
        if !self.enabled || self.last.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        let ratio = if self.total == 0 {
            1.0
        } else {
            (done as f64 / self.total as f64).clamp(0.0, 1.0)
        };
        let filled = (ratio * WIDTH as f64).round() as usize;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r{} [{}{}] {:>3.0}%",
            self.label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            ratio * 100.0
        );
        let _ = err.flush();
        self.shown = true;
    }

    /// Clears the bar's line, so what follows starts on a clean line.
    pub fn finish(&mut self) {
        if self.shown {
            let blank = " ".repeat(self.label.chars().count() + WIDTH + 8);
            let _ = write!(std::io::stderr(), "\r{blank}\r");
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
