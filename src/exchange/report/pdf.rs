//! The PDF report: the HTML printed by a Chromium or Chrome already on the machine (headless,
//! `--print-to-pdf`); partnerplan has no PDF engine of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable naming the browser to print with, before any found on the PATH.
pub const BROWSER_VARIABLE: &str = "PARTNERPLAN_BROWSER";

/// How long one print may take on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(120);

/// What the user reads when no browser is found: the cause and three ways out.
pub const NO_BROWSER: &str = "a PDF report is printed by Chromium or Google Chrome, and neither \
     was found (looked for chromium, chromium-browser, google-chrome and chrome on the PATH, and \
     in the usual install folders). Install one (Debian/Ubuntu: apt install chromium; macOS and \
     Windows: install Google Chrome), or name it with PARTNERPLAN_BROWSER=/path/to/chrome, or \
     write report.html and print it to PDF from any browser.";

/// Program names looked for on the PATH, in order.
const NAMES: [&str; 7] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "msedge",
    "microsoft-edge",
];

/// Where the usual installers put the browser when it is not on the PATH (macOS, Windows).
const INSTALLED: [&str; 5] = [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

/// How the browser is run: headless, alone (no sandbox a container may refuse, no first-run
/// screens, no extensions, nothing fetched in the background).
pub const HEADLESS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
];

/// The browser to print with: `PARTNERPLAN_BROWSER` when set, else the first found.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os(BROWSER_VARIABLE).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| {
                NAMES
                    .iter()
                    .flat_map(move |name| [dir.join(name), dir.join(format!("{name}.exe"))])
            })
            .find(|candidate| candidate.is_file())
    });
    on_path.or_else(|| {
        INSTALLED
            .iter()
            .map(PathBuf::from)
            .find(|candidate| candidate.is_file())
    })
}

/// Prints the HTML page at `page` to `pdf` with `browser`; the page's own `@page` rules set the
/// paper, the margins and the footer. The error is a sentence for the user.
pub fn print(browser: &Path, page: &Path, pdf: &Path) -> Result<(), String> {
    let profile = tempfile::tempdir()
        .map_err(|err| format!("cannot make a scratch folder for the browser: {err}"))?;
    let log = tempfile::NamedTempFile::new_in(profile.path())
        .map_err(|err| format!("cannot make a scratch file for the browser: {err}"))?;
    let page = std::path::absolute(page).unwrap_or_else(|_| page.to_path_buf());
    let mut child = Command::new(browser)
        .args(HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        // What the browser says goes to a file, not a pipe nobody reads while it works (a
        // full pipe would stop it).
        .stderr(Stdio::from(log.reopen().map_err(|err| {
            format!("cannot make a scratch file for the browser: {err}")
        })?))
        .spawn()
        .map_err(|err| {
            format!(
                "cannot start {} to print the PDF: {err}. {NO_BROWSER}",
                browser.display()
            )
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} took longer than {} seconds to print the PDF and was stopped. Try \
                     again when the machine is less busy, or write report.html and print it \
                     from a browser.",
                    browser.display(),
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(err) => return Err(format!("lost track of the browser printing the PDF: {err}")),
        }
    };
    let printed = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
    if status.success() && printed {
        return Ok(());
    }
    let said = std::fs::read(log.path()).unwrap_or_default();
    let said = String::from_utf8_lossy(&said);
    // Its last words, leaving out the noise about a desktop bus a server has no need of.
    let last = said
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.contains("dbus"));
    Err(format!(
        "{} did not print the PDF ({status}{}). Check it starts on its own, or write \
         report.html and print it from a browser.",
        browser.display(),
        last.map_or(String::new(), |l| format!("; it said: {}", l.trim()))
    ))
}

/// A `file://` URL for an absolute path, with the characters a URL cannot hold escaped.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_keep_slashes() {
        assert_eq!(
            file_url(Path::new("/tmp/my plans/r#1.html")),
            "file:///tmp/my%20plans/r%231.html"
        );
        assert_eq!(
            file_url(Path::new("C:\\Users\\a\\r.html")),
            "file:///C:/Users/a/r.html"
        );
    }
}
