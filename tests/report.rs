//! `partnerplan report`: one self-contained HTML page or the same content as Markdown, every
//! section present, workbook text escaped, nothing fetched, the same bytes for the same
//! workbook and date, and clear refusals.

mod plan_fixture;
mod support;

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use plan_fixture::{CLIENT, TITLE, build, external_references};
use support::Sandbox;

const DATE: &str = "2027-04-01";

/// Builds the fixture plan and writes its report to `name`; returns the report's text.
fn report(sb: &Sandbox, hostile: bool, name: &str) -> String {
    let wb = sb.file("plan.partnerplan");
    if !wb.exists() {
        build(&wb, hostile);
    }
    sb.report(&wb, name, DATE)
}

#[test]
fn the_html_report_has_every_section_with_the_plans_content() {
    let sb = Sandbox::new();
    let html = report(&sb, false, "report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for expected in [
        &format!("<title>{TITLE}</title>"),
        &format!("Prepared for {CLIENT}"),
        DATE,
        "Readiness by method step",
        "Retailers cannot reach rural customers.",
        "hybrid / transitioning",
        "Resellers today, a platform tomorrow.",
        "Reach 40 rural counties",
        "Acme Logistics",
        "Fit (0–100)",
        "Last-mile delivery",
        "Regional sales",
        "nobody holds it",
        "single point of failure",
        "Inherent risk (before mitigation)",
        "Residual risk (after mitigation)",
        "Single carrier for the north",
        "dual sourcing: Second carrier on call",
        "Partner revenue",
        "Time to onboard",
        "25.0%",
        "EUR 10,000.00",
        "EUR 12,500.00",
        "@media print",
    ] {
        assert!(html.contains(expected), "the report lacks {expected:?}");
    }
    // The twelve steps of the method, each with its mark.
    let steps = html.matches("<span class=\"state\">").count();
    assert_eq!(steps, 12, "one line per method step");
    // Two 5×5 heat maps, each cell with its band letter; the fit chart and KPI bars as SVG.
    assert_eq!(html.matches("class=\"cell band-").count(), 50);
    assert_eq!(html.matches("class=\"letter\"").count(), 50);
    assert!(
        html.matches("<svg ").count() >= 5,
        "heat maps, fit chart, KPI bars"
    );
    // Acme leads delivery: its matrix row holds an L.
    assert!(
        html.contains("<tr><td>Acme Logistics</td><td>L</td>"),
        "{html}"
    );
}

#[test]
fn the_markdown_report_has_the_same_content_as_tables_without_html() {
    let sb = Sandbox::new();
    let md = report(&sb, false, "report.md");
    assert!(md.starts_with(&format!("# {TITLE}\n")));
    for expected in [
        "## Readiness by method step",
        "## Strategy",
        "## Partners",
        "## Roles and coverage",
        "## Risks",
        "## KPIs and return on investment",
        "Prepared for Northwind Traders",
        "| Acme Logistics | L |",
        "Single carrier for the north",
        "25.0%",
        "Partner revenue",
    ] {
        assert!(
            md.contains(expected),
            "the Markdown lacks {expected:?}\n{md}"
        );
    }
    assert!(!md.contains("<svg") && !md.contains("<table") && !md.contains("<br"));
}

#[test]
fn the_same_workbook_and_date_give_the_same_bytes_and_stdout_gets_html() {
    let sb = Sandbox::new();
    let first = report(&sb, false, "a.html");
    let second = report(&sb, false, "b.html");
    assert_eq!(first, second);
    assert_eq!(report(&sb, false, "a.md"), report(&sb, false, "b.md"));
    let wb = sb.file("plan.partnerplan");
    let run = sb.run([
        "report".as_ref(),
        wb.as_os_str(),
        "--date".as_ref(),
        DATE.as_ref(),
    ]);
    run.expect_code(0);
    assert_eq!(run.stdout, first);
}

#[test]
fn hostile_names_are_escaped_in_html() {
    let sb = Sandbox::new();
    let html = report(&sb, true, "report.html");
    for raw in [
        "<script>",
        "<img",
        "<iframe",
        "<b>bold</b>",
        "<u>",
        "\u{202E}",
        "onerror=alert(2)>",
        "'quoted'",
    ] {
        assert!(!html.contains(raw), "{raw:?} reached the page unescaped");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt; Plan",
        "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
        "| col | `tick` &lt;b&gt;bold&lt;/b&gt;",
        "&amp; &#39;quoted&#39;",
        // A token this long may break anywhere in print, so it is marked (escape.rs).
        "Risk &lt;iframe <span class=\"long\">src=&quot;//evil.example&quot;&gt;&lt;/iframe&gt;</span>",
    ] {
        assert!(html.contains(escaped), "{escaped:?} missing\n");
    }
    assert!(
        external_references(&html).is_empty(),
        "{:?}",
        external_references(&html)
    );
}

#[test]
fn hostile_names_are_escaped_in_markdown() {
    let sb = Sandbox::new();
    let md = report(&sb, true, "report.md");
    // No raw HTML: every < is backslash-escaped.
    for (at, _) in md.match_indices('<') {
        assert_eq!(
            &md[at - 1..at],
            "\\",
            "unescaped < near {:?}",
            &md[at.saturating_sub(20)..]
        );
    }
    assert!(!md.contains('\u{202E}'));
    assert!(md.contains("\\| col \\| \\`tick\\`"), "{md}");
    // The partner's newline did not break its table row, and its "# heading" is no heading.
    assert!(!md.lines().any(|l| l.starts_with("# heading")));
    // Every table row has as many unescaped pipes as its table's header row.
    let mut columns = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let pipes = line
            .match_indices('|')
            .filter(|(i, _)| *i == 0 || &line[i - 1..*i] != "\\")
            .count();
        match columns {
            None => columns = Some(pipes),
            Some(n) => assert_eq!(pipes, n, "a cell broke its table: {line}"),
        }
    }
}

#[test]
fn the_html_report_fetches_nothing() {
    let sb = Sandbox::new();
    let html = report(&sb, false, "report.html");
    assert_eq!(external_references(&html), Vec::<String>::new());
    // The checker itself does find what it looks for.
    assert!(!external_references("<img src=\"https://x/y.png\">").is_empty());
    assert!(!external_references("<style>a { background: url(//cdn/x) }</style>").is_empty());
    assert!(!external_references("<style>@import 'x.css';</style>").is_empty());
    assert!(!external_references("<script src=\"x.js\"></script>").is_empty());
    assert!(!external_references("<link rel=stylesheet href=x.css>").is_empty());
    assert!(!external_references("<a href=\"//cdn.example/x\">").is_empty());
    assert!(external_references("<a href=\"#risks\">").is_empty());
    assert!(external_references("<p>&lt;img src=x&gt; https: text</p>").is_empty());
}

#[test]
fn an_empty_workbook_reports_honestly() {
    let sb = Sandbox::new();
    let wb = sb.file("plan.partnerplan");
    Workbook::create(&wb, Some("Empty plan")).unwrap();
    let html = report(&sb, false, "report.html");
    for expected in [
        "No partners yet",
        "No roles below the hub yet",
        "No risks recorded yet",
        "No KPIs yet",
        "no ROI to show",
        "No strategy is written yet",
    ] {
        assert!(html.contains(expected), "{expected:?} missing");
    }
    let md = report(&sb, false, "report.md");
    assert!(md.contains("*No KPIs yet.*"));
}

#[test]
fn a_large_roster_shows_a_summary_and_the_best_fits_and_says_how_many_are_left_out() {
    let sb = Sandbox::new();
    let path = sb.file("plan.partnerplan");
    Workbook::create(&path, Some("Big plan")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    for i in 0..75 {
        let draft = PartnerDraft {
            name: format!("Partner {i:03}"),
            partner_type: if i % 3 == 0 { "reseller" } else { "technology" }.into(),
            stage: "active".into(),
            ..Default::default()
        };
        wb.add_partner(&draft).unwrap();
    }
    drop(wb);
    let html = report(&sb, false, "report.html");
    assert!(html.contains("75 partners in the roster"));
    assert!(
        html.contains("<td>technology</td><td class=\"num\">50</td>"),
        "{html}"
    );
    assert!(html.contains("<td>reseller</td><td class=\"num\">25</td>"));
    assert!(html.contains("25 more partners not shown here"), "{html}");
    let md = report(&sb, false, "report.md");
    assert!(md.contains("25 more partners not shown here"));
}

#[test]
fn an_unknown_extension_or_date_is_refused_and_nothing_is_written() {
    let sb = Sandbox::new();
    let wb = sb.file("plan.partnerplan");
    Workbook::create(&wb, Some("Plan")).unwrap();
    // A PDF is a report now (report_print.rs); a Word file is not.
    let out = sb.file("report.docx");
    sb.run([
        "report".as_ref(),
        wb.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ])
    .expect_code(1)
    .stderr_mentions(&["report.docx", ".html", ".md", ".pdf"]);
    assert!(!out.exists());
    let out = sb.file("report.html");
    sb.run([
        "report".as_ref(),
        wb.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--date".as_ref(),
        "1 April".as_ref(),
    ])
    .expect_code(1)
    .stderr_mentions(&["--date", "YYYY-MM-DD"]);
    assert!(!out.exists());
    // A missing workbook is not created by a report.
    let missing = sb.file("missing.partnerplan");
    let run = sb.run(["report".as_ref(), missing.as_os_str()]);
    assert_ne!(run.code, Some(0));
    assert!(!missing.exists());
}

/// A text-direction override planted by another tool (no form, import or merge lets one in)
/// makes the file refused before any report is written: opening reads every value as `check`
/// does, and the refusal names the value without letting the control reach the terminal.
#[test]
fn a_direction_override_planted_in_a_role_is_refused_before_any_report() {
    let sb = Sandbox::new();
    let wb = sb.file("plan.partnerplan");
    let fixture = build(&wb, false);
    support::plain(&wb)
        .execute(
            "UPDATE roles SET name = ?1 WHERE id = ?2",
            rusqlite::params!["Role \u{202E}evil\u{202C}", fixture.roles[1]],
        )
        .unwrap();
    let out = sb.file("report.html");
    let run = sb.run([
        "report".as_ref(),
        wb.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    run.expect_code(2)
        .stderr_mentions(&["roles.name", "U+202E", "not changed"]);
    assert!(!run.stderr.contains('\u{202E}'), "{}", run.stderr);
    assert!(!out.exists(), "no report is written from a refused file");
}
