//! The HTML report as a person sees it: headless Chromium renders it to a PNG (which must not be
//! blank) and dumps its DOM (which must hold the plan's title and every section).
//!
//! Chromium is Debian's `chromium` package; `.ci/run` installs it. Without it the test says so
//! and passes on a developer's machine, but fails in CI (where `CI` is set), so a missing
//! install step cannot hide.

mod plan_fixture;
mod report_browser;
mod support;

use std::path::PathBuf;

use plan_fixture::{TITLE, build};
use report_browser::{chromium, inked_share};
use support::Sandbox;

#[test]
fn the_report_renders_in_headless_chromium() {
    let Some(browser) = report_browser::browser_or_skip("the_report_renders_in_headless_chromium")
    else {
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
    let Some(browser) =
        report_browser::browser_or_skip("the_demo_network_map_renders_in_headless_chromium")
    else {
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
