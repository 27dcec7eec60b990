//! Headless Chromium for the report's tests: finding it (a test skips without it on a
//! developer's machine and fails in CI, where `CI` is set), running it with a time limit, and
//! reading what it drew.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Chromium, or `None` (having said why) when it is not installed outside CI.
pub fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed, and CI must run {test}: .ci/run installs it with \
             apt-get install -y chromium"
        );
        eprintln!(
            "SKIPPED {test}: chromium is not installed (apt-get install -y chromium); CI runs it."
        );
    }
    found
}

/// How long one Chromium run may take on a busy two-core machine.
const TIMEOUT: Duration = Duration::from_secs(120);

pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs Chromium headless on `page` with `extra` arguments, killing it after `TIMEOUT`.
pub fn chromium(browser: &Path, scratch: &Path, page: &Path, extra: &[String]) -> Output {
    let mut command = Command::new(browser);
    command
        .args(partnerplan::exchange::report::pdf::HEADLESS)
        .args(["--hide-scrollbars", "--window-size=1200,1600"])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .env("HOME", scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("starting chromium");
    // Both streams are drained as they come: a DOM dump larger than a pipe's buffer would
    // otherwise stop Chromium mid-write, waiting for a reader.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("chromium's stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("chromium's stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for chromium") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium took longer than {TIMEOUT:?}\n--- stderr\n{}",
                String::from_utf8_lossy(&stderr.join().unwrap_or_default())
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: stdout.join().expect("reading chromium's output"),
        stderr: stderr.join().expect("reading chromium's errors"),
    }
}

/// The share of pixels in a PNG that are not (nearly) white.
pub fn inked_share(png_path: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).expect("opening the screenshot"),
    ));
    let mut reader = decoder
        .read_info()
        .expect("reading the screenshot's header");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a sensible image size")];
    let info = reader
        .next_frame(&mut buffer)
        .expect("decoding the screenshot");
    let channels = info.color_type.samples();
    assert!(
        channels >= 3,
        "expected a colour screenshot, got {:?}",
        info.color_type
    );
    let pixels = &buffer[..info.buffer_size()];
    let total = pixels.len() / channels;
    let inked = pixels
        .chunks(channels)
        .filter(|p| p[..3].iter().any(|&v| v < 235))
        .count();
    inked as f64 / total as f64
}
