//! Figures defined once: the same demo workbook gives the same ROI (for the same named period),
//! role coverage and overdue check-ins on screen (TestBackend), in the report and in the
//! spreadsheet; live KPIs are read when the report is written, not only when the app was opened
//! that day. Also what the report says a figure leaves out, and the executive summary's place.

mod report_support;
mod screen_harness;
mod support;

use calamine::{Data, Reader, Xlsx, open_workbook};
use jiff::civil::date;
use partnerplan::tui::settings::Settings;
use partnerplan::tui::theme::Theme;
use partnerplan::workbook::{OpenOptions, Workbook};
use report_support::{DATE, demo, export_xlsx, report};
use screen_harness::{Screen, screen_with_settings};
use support::Sandbox;

/// The app on a copy of `wb`, its today the report's date.
fn app_on(wb: &std::path::Path) -> Screen {
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join("copy.partnerplan");
    std::fs::copy(wb, &copy).unwrap();
    let workbook = Workbook::open(&copy, OpenOptions::default()).unwrap();
    let settings = Settings {
        today: Some(date(2026, 11, 24)),
        ..Settings::default()
    };
    screen_with_settings(workbook, dir, (200, 60), Theme::dark(), settings, vec![])
}

/// The word before `suffix` on the line holding `needle`: "454.5%" from "ROI 454.5%".
fn figure_after(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"));
    text[at + needle.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn roi_coverage_and_overdue_check_ins_agree_on_screen_in_the_report_and_the_spreadsheet() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    // The report and the spreadsheet first, before the app has ever opened the workbook (and
    // so before it recorded any live KPI point).
    let md = report(&sb, &wb, "plan.md", &[]);
    let html = report(&sb, &wb, "plan.html", &[]);
    let xlsx_path = export_xlsx(&sb, &wb, "plan.xlsx");

    let mut s = app_on(&wb);
    // The Overview: coverage and overdue check-ins.
    s.keys("7");
    s.app.idle();
    s.draw();
    let overview = s.text();
    let in_place = figure_after(&overview, "Role coverage · ");
    let overdue: String = figure_after(&overview, "check-ins overdue")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(
        !overdue.is_empty(),
        "no overdue check-ins on the Overview:\n{overview}"
    );
    // The Metrics tab's ROI view, on its default period.
    s.keys("6");
    s.draw();
    s.keys("r");
    s.draw();
    let metrics = s.text();
    // The demo's resellers have margin rates, so the ROI is on margin, and says so everywhere.
    let roi = figure_after(&metrics, "· ROI on margin ");
    assert!(metrics.contains("over this year"), "{metrics}");

    for (name, text) in [("Markdown", &md), ("HTML", &html)] {
        assert!(
            text.contains(&format!(
                "ROI over this year (2026-01-01 – 2026-12-31): {roi} on margin "
            )),
            "{name} report's ROI is not the screen's {roi}"
        );
        assert!(
            text.contains(&format!("Roles: {in_place} in place")),
            "{name} report's coverage is not the screen's {in_place}"
        );
        assert!(
            text.contains(&format!("{overdue} check-ins overdue")),
            "{name} report's overdue check-ins are not the screen's {overdue}"
        );
    }
    // The live KPI of role coverage, read when the report was written, is the same share.
    let share = in_place.trim_end_matches('%');
    assert!(
        md.contains(&format!("| {share} % on {DATE} |")),
        "the live Role coverage KPI in the report is not {share} % on {DATE}"
    );
    let mut book: Xlsx<_> = open_workbook(&xlsx_path).unwrap();
    let kpis = book.worksheet_range("KPIs").unwrap();
    let row = kpis
        .rows()
        .find(|r| r.first() == Some(&Data::String("Role coverage".into())))
        .expect("a Role coverage row");
    assert_eq!(
        row.get(9),
        Some(&Data::Float(share.parse::<f64>().unwrap())),
        "the spreadsheet's latest Role coverage"
    );
    let row = kpis
        .rows()
        .find(|r| r.first() == Some(&Data::String("Active partners".into())))
        .expect("an Active partners row");
    assert_ne!(row.get(9), Some(&Data::Empty), "a live KPI has a value");
}

#[test]
fn the_summary_comes_first_and_the_method_list_is_an_appendix() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let html = report(&sb, &wb, "plan.html", &[]);
    let at = |needle: &str| {
        html.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in the page"))
    };
    assert!(at("Executive summary</h2>") < at("Strategy</h2>"));
    assert!(at("KPIs and return on investment</h2>") < at("Readiness by method step</h2>"));
    assert!(html.contains("<section id=\"readiness\" class=\"appendix\">"));
    // The contents list the summary first and the appendix last.
    let toc = &html[at("<nav class=\"toc\"")..at("</nav>")];
    assert!(toc.find("#summary") < toc.find("#strategy"), "{toc}");
    assert!(toc.find("#kpis") < toc.find("#readiness"), "{toc}");
    // Three risks and three gaps, the model and the ROI's period.
    let summary = &html[at("<section id=\"summary\">")..at("<section id=\"strategy\">")];
    for needle in [
        "R-006 Radio chip shortage stops sensor production",
        "hybrid / transitioning",
        "Content delivery and edge: nobody holds it",
        "ROI over this year (2026-01-01 – 2026-12-31)",
    ] {
        assert!(summary.contains(needle), "{needle:?} not in the summary");
    }
    assert_eq!(summary.matches("<li>").count(), 6, "{summary}");

    let md = report(&sb, &wb, "plan.md", &[]);
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    assert!(at("## Executive summary") < at("## Strategy"));
    assert!(at("# Appendix") < at("## Readiness by method step"));
    assert!(at("## KPIs and return on investment") < at("# Appendix"));
}

#[test]
fn the_report_says_what_a_figure_leaves_out_and_headings_agree_with_their_tables() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let md = report(&sb, &wb, "plan.md", &[]);
    // The demo: 15 risks, 6 of them without a residual assessment.
    assert!(md.contains("15 risks in the register"), "{md}");
    assert!(
        md.contains(
            "6 of the 15 risks have no residual assessment yet, so this map leaves them out."
        ),
        "{md}"
    );
    // The weak-spot sentence counts the table under it.
    let start = md.find("### Gaps and weak spots").unwrap();
    let section = &md[start..md[start..].find("\n## ").map_or(md.len(), |e| start + e)];
    let rows = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Role"))
        .count();
    assert!(
        section.contains(&format!("{rows} roles need attention: ")),
        "{rows} rows under\n{section}"
    );
}

#[test]
fn the_roi_period_is_chosen_named_and_checked() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let all = report(&sb, &wb, "all.md", &["--period", "all"]);
    assert!(all.contains("ROI over all time: "), "{all}");
    let year = report(&sb, &wb, "year.md", &["--period", "2025"]);
    assert!(
        year.contains("ROI over 2025 (2025-01-01 – 2025-12-31)"),
        "{year}"
    );
    let between = report(
        &sb,
        &wb,
        "q.md",
        &["--from", "2026-04-01", "--to", "2026-06-30"],
    );
    assert!(
        between.contains("ROI over 2026-04-01 – 2026-06-30: "),
        "{between}"
    );
    // Different periods, different figures (the demo spends and earns over several years).
    let this_year = report(&sb, &wb, "default.md", &[]);
    assert_ne!(
        figure_after(&all, "ROI over all time: "),
        figure_after(&this_year, "ROI over this year (2026-01-01 – 2026-12-31): ")
    );
    for (args, words) in [
        (
            vec!["--period", "fortnight"],
            vec!["fortnight", "--period 2026", "--from"],
        ),
        (vec!["--from", "1 April"], vec!["--from", "YYYY-MM-DD"]),
        (
            vec!["--from", "2026-06-30", "--to", "2026-04-01"],
            vec!["--from 2026-06-30 is after --to 2026-04-01"],
        ),
    ] {
        let out = sb.file("refused.md");
        let mut full: Vec<std::ffi::OsString> = vec![
            "report".into(),
            wb.clone().into(),
            "-o".into(),
            out.clone().into(),
        ];
        full.extend(args.iter().map(Into::into));
        sb.run(full).expect_code(1).stderr_mentions(&words);
        assert!(!out.exists());
    }
}
