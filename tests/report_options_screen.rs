//! The app's export popup asks a report's options after its file, as the command line's flags
//! give them: the partner of a partner's pack (picked by typing part of its name), the ROI's
//! period (the Metrics tab's default first), the paper and the confidentiality line; the report
//! written carries each of them.

mod report_support;
mod screen_harness;
mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use partnerplan::workbook::{OpenOptions, Workbook};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use screen_harness::{Screen, assert_shows};
use support::Sandbox;

/// The app on a copy of the demo, exporting into `out`.
fn app_on_demo(sb: &Sandbox) -> (Screen, PathBuf) {
    let wb = report_support::demo(sb);
    let dir = tempfile::TempDir::new().unwrap();
    let copy = dir.path().join("copy.partnerplan");
    std::fs::copy(&wb, &copy).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let workbook = Workbook::open(&copy, OpenOptions::default()).unwrap();
    let mut s = screen_harness::screen_with(
        workbook,
        dir,
        100,
        30,
        partnerplan::tui::theme::Theme::dark(),
        vec![],
    );
    s.app.set_exchange_dir(out.clone());
    (s, out)
}

/// Ctrl-e, the export `downs` lines down the list, Enter: the report's options.
fn choose_export(s: &mut Screen, downs: usize, file: &str) {
    s.key_with(KeyCode::Char('e'), KeyModifiers::CONTROL);
    for _ in 0..downs {
        s.key(KeyCode::Down);
    }
    assert_shows(s, file);
    s.key(KeyCode::Enter);
    assert_shows(s, "Report options");
}

/// Every partner's name in the workbook the app has open.
fn partner_names(s: &Screen) -> Vec<String> {
    s.app
        .workbook()
        .partner_names_and_types()
        .unwrap()
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

fn written(s: &mut Screen, path: &Path) -> String {
    let started = Instant::now();
    while !s.text().contains("Exported") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no result:\n{}",
            s.text()
        );
        std::thread::sleep(Duration::from_millis(20));
        s.draw();
    }
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_partners_pack_is_for_the_partner_picked_by_typing() {
    let sb = Sandbox::new();
    let (mut s, out) = app_on_demo(&sb);
    // TOML, three CSVs, XLSX, HTML, Markdown, the client's report, then a partner's.
    choose_export(&mut s, 8, "copy-partner-report.html");
    s.keys("zzz");
    s.key(KeyCode::Enter);
    assert_shows(&s, "No partner's name holds \"zzz\"");
    for _ in 0..3 {
        s.key(KeyCode::Backspace);
    }
    s.keys("ostr");
    assert_shows(&s, "› Ostrander Industrial Supply");
    insta::assert_snapshot!("report_options_partner_100x30", s.text());
    // Period, paper, confidentiality.
    s.key(KeyCode::Down).key(KeyCode::Right);
    assert_shows(&s, "‹ the last 12 months ›");
    s.key(KeyCode::Down).key(KeyCode::Right);
    assert_shows(&s, "Paper: ‹ Letter ›");
    s.key(KeyCode::Down).keys("Confidential: Ostrander only");
    insta::assert_snapshot!("report_options_chosen_100x30", s.text());
    s.key(KeyCode::Enter);
    let html = written(&mut s, &out.join("copy-partner-report.html"));
    assert!(
        html.contains("<dt>Audience</dt><dd>Partner: what Ostrander Industrial Supply may see"),
        "the partner's pack"
    );
    assert!(html.contains("Confidential: Ostrander only"));
    assert!(html.contains("size: letter portrait"));
    assert!(
        !html.contains("Nimbus Forge Cloud"),
        "no other partner named"
    );
}

#[test]
fn the_internal_report_takes_the_period_paper_and_confidentiality_chosen() {
    let sb = Sandbox::new();
    let (mut s, out) = app_on_demo(&sb);
    choose_export(&mut s, 5, "copy-report.html");
    // Offered as the command line's defaults: the Metrics tab's period, A4, no line.
    assert_shows(&s, "ROI over: ‹ this year ›");
    assert_shows(&s, "Paper: ‹ A4 ›");
    insta::assert_snapshot!("report_options_internal_100x30", s.text());
    s.key(KeyCode::Left);
    assert_shows(&s, "ROI over: ‹ all time ›");
    s.key(KeyCode::Down).key(KeyCode::Down).keys("Board only");
    s.key(KeyCode::Enter);
    let html = written(&mut s, &out.join("copy-report.html"));
    assert!(html.contains("ROI over all time"), "the period chosen");
    assert!(html.contains("size: A4 portrait"));
    assert!(html.contains("Board only"));
    assert!(html.contains("Internal: the whole plan"));
}

/// The client's report from the popup is written with the client's rules.
#[test]
fn the_app_exports_the_client_report_with_the_clients_rules() {
    let sb = Sandbox::new();
    let (mut s, out) = app_on_demo(&sb);
    let names = partner_names(&s);
    // TOML, three CSVs, XLSX, HTML, Markdown, then the client's report.
    choose_export(&mut s, 7, "copy-client-report.html");
    s.key(KeyCode::Enter);
    let html = written(&mut s, &out.join("copy-client-report.html"));
    assert!(html.contains("<dt>Audience</dt><dd>Client: "));
    let start = html.find("<section id=\"risks\">").unwrap();
    let risks = &html[start..start + html[start..].find("</section>").unwrap()];
    for name in &names {
        assert!(
            !risks.contains(name.as_str()),
            "{name} in the client's risks"
        );
    }
}

/// A spreadsheet asks who it is for, as `export --audience` does: the risks as CSV for the
/// client's board name no partner (each by its type), where the internal export does.
#[test]
fn a_spreadsheet_is_written_for_the_audience_chosen() {
    let sb = Sandbox::new();
    let (mut s, out) = app_on_demo(&sb);
    let names = partner_names(&s);
    let path = out.join("copy-risks.csv");
    // TOML, the partners' CSV, then the risks'.
    let open_options = |s: &mut Screen| {
        s.key_with(KeyCode::Char('e'), KeyModifiers::CONTROL);
        s.key(KeyCode::Down).key(KeyCode::Down);
        assert_shows(s, "copy-risks.csv");
        s.key(KeyCode::Enter);
    };
    open_options(&mut s);
    assert_shows(&s, "Export options");
    assert_shows(&s, "For: ‹ internal (everything) ›");
    assert_shows(&s, "Enter writes the file");
    s.key(KeyCode::Enter);
    let internal = written(&mut s, &path);
    assert!(
        names.iter().any(|n| internal.contains(n.as_str())),
        "the internal risks name a partner:\n{internal}"
    );
    s.key(KeyCode::Esc);

    open_options(&mut s);
    assert_shows(&s, "exists already. Replace it?");
    s.key(KeyCode::Char('y'));
    assert_shows(&s, "Export options");
    s.key(KeyCode::Right);
    assert_shows(&s, "For: ‹ the client's board ›");
    s.key(KeyCode::Enter);
    let client = written(&mut s, &path);
    for name in &names {
        assert!(
            !client.contains(name.as_str()),
            "{name} in the client's risks:\n{client}"
        );
    }
    // One partner: its name is asked for below, picked by typing.
    s.key(KeyCode::Esc);
    open_options(&mut s);
    s.key(KeyCode::Char('y'));
    s.key(KeyCode::Right).key(KeyCode::Right);
    assert_shows(&s, "For: ‹ one partner ›");
    assert_shows(&s, "For the partner:");
}
