//! The report as it prints, proven in headless Chromium on the demo workbook at A4 and Letter:
//! the PDF `report -o plan.pdf` writes (page count, paper size, footer, linked contents), and
//! the page laid out with the print rules at the page box's width, measured from the DOM by a
//! small script (`report_browser/measure.js`): no word broken inside a table cell, nothing
//! outside the page box, turned headers and chart labels inside their frames, the KPI table on
//! at most two pages.

mod report_browser;
mod report_support;
mod support;

use std::path::Path;

use report_browser::{browser_or_skip, chromium};
use report_support::{demo, report_file};
use support::Sandbox;

/// A paper: its flag, width and height in millimetres, and its PDF media box in points.
struct Paper {
    flag: &'static str,
    width_mm: f64,
    height_mm: f64,
    media_box: &'static str,
}

const A4: Paper = Paper {
    flag: "a4",
    width_mm: 210.0,
    height_mm: 297.0,
    media_box: "/MediaBox [0 0 594.95996 841.91998]",
};
const LETTER: Paper = Paper {
    flag: "letter",
    width_mm: 215.9,
    height_mm: 279.4,
    media_box: "/MediaBox [0 0 612 792]",
};

/// The page margins the report's `@page` rule sets (print.rs): top, sides, bottom.
const MARGIN_TOP_MM: f64 = 14.0;
const MARGIN_SIDE_MM: f64 = 14.0;
const MARGIN_BOTTOM_MM: f64 = 18.0;
const PX_PER_MM: f64 = 96.0 / 25.4;

fn report(sb: &Sandbox, wb: &Path, out: &str, paper: &Paper) -> std::path::PathBuf {
    report_file(
        sb,
        wb,
        out,
        &[
            "--paper",
            paper.flag,
            "--confidential",
            "Confidential: for the Veltrane board",
        ],
    )
}

/// The PDF's pages, counted from its page objects (Chromium's PDFs keep them uncompressed).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphabetic())
        .count()
}

/// The findings of measure.js on `html` laid out with the print rules at `paper`'s page box.
fn measure(sb: &Sandbox, browser: &Path, html: &str, paper: &Paper) -> Vec<String> {
    let box_mm = paper.width_mm - 2.0 * MARGIN_SIDE_MM;
    assert_eq!(html.matches("@media print {").count(), 1);
    let printed = html.replacen("@media print {", "@media all {", 1).replacen(
        "</style>",
        &format!("main {{ width: {box_mm}mm; margin: 0; }}</style>"),
        1,
    );
    let script = include_str!("report_browser/measure.js");
    let page = sb.file(&format!("measure-{}.html", paper.flag));
    std::fs::write(
        &page,
        printed.replacen("</body>", &format!("<script>{script}</script></body>"), 1),
    )
    .unwrap();
    let output = chromium(browser, &sb.work(), &page, &["--dump-dom".to_string()]);
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom
        .rfind("<pre id=\"layout-check\">")
        .unwrap_or_else(|| panic!("the measuring script did not run:\n{dom:.2000}"));
    let end = start + dom[start..].find("</pre>").unwrap();
    dom[start + "<pre id=\"layout-check\">".len()..end]
        .lines()
        .map(str::to_owned)
        .collect()
}

fn figure(findings: &[String], name: &str) -> f64 {
    findings
        .iter()
        .find_map(|f| f.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} in {findings:#?}"))
        .parse()
        .unwrap()
}

fn prints_right(paper: &Paper) {
    let Some(browser) = browser_or_skip(&format!("the demo report prints on {}", paper.flag))
    else {
        return;
    };
    let sb = Sandbox::new();
    let wb = demo(&sb);

    // The laid-out page, measured.
    let html_path = report(&sb, &wb, "plan.html", paper);
    let html = std::fs::read_to_string(&html_path).unwrap();
    let findings = measure(&sb, &browser, &html, paper);
    let problems: Vec<&String> = findings
        .iter()
        .filter(|f| !f.starts_with("kpi-table-height") && !f.starts_with("page-box-width"))
        .collect();
    assert!(
        problems.is_empty(),
        "{} on {}:\n{problems:#?}",
        problems.len(),
        paper.flag
    );
    let box_px = (paper.width_mm - 2.0 * MARGIN_SIDE_MM) * PX_PER_MM;
    assert!(
        (figure(&findings, "page-box-width") - box_px).abs() < 2.0,
        "{findings:#?}"
    );
    let page_px = (paper.height_mm - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * PX_PER_MM;
    let kpi_table = figure(&findings, "kpi-table-height");
    assert!(
        kpi_table <= 2.0 * page_px,
        "the KPI table is {kpi_table}px high, more than two pages of {page_px:.0}px"
    );

    // The PDF, printed by the same Chromium through `report -o plan.pdf`.
    let pdf_path = report(&sb, &wb, "plan.pdf", paper);
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let pages = pdf_pages(&pdf);
    // The trend radar's section (issue 23) added a page on Letter: 15 there, 14 on A4.
    assert!((2..=15).contains(&pages), "{pages} pages on {}", paper.flag);
    assert_eq!(
        pdf.windows(paper.media_box.len())
            .filter(|w| *w == paper.media_box.as_bytes())
            .count(),
        pages,
        "every page is {} ({})",
        paper.flag,
        paper.media_box
    );
    // The contents link to the sections inside the PDF.
    for section in ["readiness", "strategy", "partners", "risks", "kpis"] {
        let link = format!("/Dest /{section}");
        assert!(
            pdf.windows(link.len()).any(|w| w == link.as_bytes()),
            "no link to #{section} in the PDF"
        );
    }
    // Nothing left beside the PDF.
    let left: Vec<_> = std::fs::read_dir(sb.files())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    if let Some(keep) = std::env::var_os("PARTNERPLAN_KEEP_PDF") {
        let keep = std::path::PathBuf::from(keep).join(format!("report-{}.pdf", paper.flag));
        std::fs::copy(&pdf_path, keep).unwrap();
    }
}

#[test]
fn the_demo_report_prints_on_a4() {
    prints_right(&A4);
}

#[test]
fn the_demo_report_prints_on_letter() {
    prints_right(&LETTER);
}

/// Without a browser, a PDF is refused before anything is read, with the ways to get one.
#[test]
fn a_pdf_without_a_browser_says_how_to_get_one() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let pdf = sb.file("plan.pdf");
    let run = support::Run::from(
        sb.partnerplan([
            "report".as_ref(),
            wb.as_os_str(),
            "-o".as_ref(),
            pdf.as_os_str(),
        ])
        .env("PATH", sb.work())
        .env_remove("PARTNERPLAN_BROWSER")
        .output()
        .unwrap(),
    );
    run.expect_code(1).stderr_mentions(&[
        "Chromium",
        "apt install chromium",
        "PARTNERPLAN_BROWSER",
        "report.html",
    ]);
    assert!(!pdf.exists());
}
