//! The HTML report as a person sees it: headless Chromium renders it to a PNG (which must not be
//! blank) and dumps its DOM (which must hold the plan's title and every section).
//!
//! Chromium is Debian's `chromium` package; `.ci/run` installs it. Without it the test says so
//! and passes on a developer's machine, but fails in CI (where `CI` is set), so a missing
//! install step cannot hide.

mod plan_fixture;
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use plan_fixture::{TITLE, build};
use support::Sandbox;

/// How long one Chromium run may take on a busy two-core machine.
const TIMEOUT: Duration = Duration::from_secs(120);

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs Chromium headless on `page` with `extra` arguments, killing it after `TIMEOUT`.
fn chromium(browser: &Path, scratch: &Path, page: &Path, extra: &[String]) -> Output {
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--hide-scrollbars",
            "--window-size=1200,1600",
        ])
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
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waiting for chromium").is_some() {
            return child.wait_with_output().expect("reading chromium's output");
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let output = child.wait_with_output().expect("reading chromium's output");
            panic!(
                "chromium took longer than {TIMEOUT:?}\n--- stderr\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The share of pixels in a PNG that are not (nearly) white.
fn inked_share(png_path: &Path) -> f64 {
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

#[test]
fn the_report_renders_in_headless_chromium() {
    let Some(browser) = find_chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromium is not installed, and CI must run this test: .ci/run installs it with \
                 apt-get install -y chromium"
            );
        }
        eprintln!(
            "SKIPPED the_report_renders_in_headless_chromium: chromium is not installed \
             (apt-get install -y chromium); CI runs it."
        );
        return;
    };
    let sb = Sandbox::new();
    let wb = sb.file("plan.partnerplan");
    build(&wb, false);
    let page = sb.file("report.html");
    sb.run([
        "report".as_ref(),
        wb.as_os_str(),
        "-o".as_ref(),
        page.as_os_str(),
        "--date".as_ref(),
        "2027-04-01".as_ref(),
    ])
    .expect_code(0);

    let shot = sb.file("report.png");
    let output = chromium(
        &browser,
        &sb.work(),
        &page,
        &[format!("--screenshot={}", shot.display())],
    );
    assert!(
        shot.is_file(),
        "chromium wrote no screenshot (status {:?})\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    // For a person to look at: PARTNERPLAN_KEEP_SCREENSHOT=/some/where.png keeps the
    // screenshot there and the page beside it (where.html).
    if let Some(keep) = std::env::var_os("PARTNERPLAN_KEEP_SCREENSHOT") {
        let keep = PathBuf::from(keep);
        std::fs::copy(&shot, &keep).expect("keeping the screenshot");
        std::fs::copy(&page, keep.with_extension("html")).expect("keeping the page");
    }
    let inked = inked_share(&shot);
    assert!(
        inked > 0.02,
        "the rendered page is (nearly) blank: {:.2}% of pixels are not white",
        inked * 100.0
    );

    let output = chromium(&browser, &sb.work(), &page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(dom.contains(&format!("<title>{TITLE}</title>")), "{dom}");
    for heading in [
        "Readiness by method step",
        "Strategy",
        "Partners",
        "Roles and coverage",
        "The ecosystem: partners working together",
        "Risks",
        "KPIs and return on investment",
    ] {
        assert!(
            dom.contains(&format!("{heading}</h2>")),
            "no {heading:?} section in the DOM"
        );
    }
    assert_eq!(dom.matches("<svg").count(), dom.matches("</svg>").count());
}

/// The demo's network map as Chromium lays it out: the map's SVG reaches the DOM whole (every
/// partner's dot, its labels), and the section renders with ink on it. Keep the screenshot with
/// PARTNERPLAN_KEEP_SCREENSHOT to look at it.
#[test]
fn the_demo_network_map_renders_in_headless_chromium() {
    let Some(browser) = find_chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is not installed, and CI must run this test"
        );
        eprintln!("SKIPPED the_demo_network_map_renders_in_headless_chromium: no chromium");
        return;
    };
    let sb = Sandbox::new();
    let wb = sb.file("demo.partnerplan");
    sb.run(["demo".as_ref(), wb.as_os_str()]).expect_code(0);
    // The ecosystem section alone, in the report's own head, so the screenshot shows the map.
    let html = sb.report(&wb, "report.html", "2026-11-24");
    let head = &html[..html.find("<main>").unwrap() + "<main>".len()];
    let start = html.find("<section id=\"ecosystem\">").unwrap();
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    let page = sb.file("map.html");
    std::fs::write(
        &page,
        format!("{head}{}</main></body></html>", &html[start..end]),
    )
    .unwrap();

    let shot = sb.file("map.png");
    chromium(
        &browser,
        &sb.work(),
        &page,
        &[format!("--screenshot={}", shot.display())],
    );
    if let Some(keep) = std::env::var_os("PARTNERPLAN_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, PathBuf::from(keep)).expect("keeping the screenshot");
    }
    let inked = inked_share(&shot);
    assert!(
        inked > 0.02,
        "the map page is (nearly) blank: {:.2}%",
        inked * 100.0
    );

    let output = chromium(&browser, &sb.work(), &page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&output.stdout);
    let svg_start = dom.find("<svg").expect("the map reached the DOM");
    let svg = &dom[svg_start..dom[svg_start..].find("</svg>").unwrap() + svg_start];
    // 26 current partners' dots, 8 broker rings, 4 legend marks.
    assert_eq!(svg.matches("<circle").count(), 38, "{svg:.400}");
    assert!(svg.contains("Cinder &amp; Vale Robotics</text>"));
    assert!(svg.contains("viewBox=\"0 0 760 "));
}
