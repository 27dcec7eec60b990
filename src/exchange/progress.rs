//! A progress bar on stderr for long imports, drawn only when stderr is a terminal — or, for the
//! app's gauge, progress handed to a callback instead (the "sink").

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Hears `(done, total)` while work goes on; the app's progress gauge listens through one.
pub type Sink<'a> = &'a mut dyn FnMut(u64, u64);

/// Draws `label [#####.....] 45%` in place with `\r`; silent when stderr is piped or redirected.
/// With a sink it never touches stderr (the app's screen is there) and tells the sink instead.
pub struct Progress<'a> {
    label: String,
    total: u64,
    shown: bool,
    enabled: bool,
    last: Option<Instant>,
    sink: Option<Sink<'a>>,
}

const WIDTH: usize = 30;
const EVERY: Duration = Duration::from_millis(100);

impl Progress<'static> {
    pub fn new(label: impl Into<String>, total: u64) -> Progress<'static> {
        Progress::to(label, total, None)
    }
}

impl<'a> Progress<'a> {
    /// A bar on stderr, or with `sink` the app's gauge hook.
    pub fn to(label: impl Into<String>, total: u64, sink: Option<Sink<'a>>) -> Progress<'a> {
        Progress {
            label: label.into(),
            total,
            shown: false,
            enabled: sink.is_some() || std::io::stderr().is_terminal(),
            last: None,
            sink,
        }
    }

    /// Notes that `done` of `total` is done; redraws at most ten times a second.
    pub fn update(&mut self, done: u64) {
        if !self.enabled || self.last.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        if let Some(sink) = self.sink.as_mut() {
            sink(done.min(self.total), self.total);
            return;
        }
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

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sink_hears_progress_at_most_ten_times_a_second() {
        let mut heard = Vec::new();
        let mut sink = |done, total| heard.push((done, total));
        let mut progress = Progress::to("exporting", 10, Some(&mut sink));
        progress.update(3);
        progress.update(4);
        progress.update(12);
        drop(progress);
        assert_eq!(heard, vec![(3, 10)]);
    }
}
