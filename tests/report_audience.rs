//! Audiences: a client's board pack shows no fit of a declined or gated-out partner and names
//! no partner in its risks (each becomes its type) unless listed with --shareable; the audience
//! is on the cover and in every page's footer. Checked in the HTML (which the PDF is printed
//! from) and the Markdown of the demo workbook.

mod report_support;
mod screen_harness;
mod support;

use std::path::Path;

use partnerplan::workbook::{OpenOptions, Workbook};
use report_support::{demo, report};
use support::Sandbox;

/// The text from `start` to the next section (HTML) or level-2 heading (Markdown).
fn part<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let to = text[from + start.len()..]
        .find(end)
        .map_or(text.len(), |e| from + start.len() + e);
    &text[from..to]
}

/// The risk parts of a report: the summary's risks and the risk section.
fn risk_parts(html: &str, md: &str) -> Vec<String> {
    vec![
        part(html, "<section id=\"risks\">", "</section>").to_string(),
        part(html, "The biggest risks", "</ol>").to_string(),
        part(md, "## Risks", "\n## ").to_string(),
        part(md, "### The biggest risks", "###").to_string(),
    ]
}

/// Partners at a stage the client may not see a fit for, and every partner's name.
fn partners(wb: &Path) -> (Vec<String>, Vec<String>) {
    let workbook = Workbook::open(
        wb,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    let conn = rusqlite::Connection::open(wb).unwrap();
    let declined: Vec<String> = conn
        .prepare("SELECT name FROM partners WHERE stage = 'declined'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let names = workbook
        .partner_names_and_types()
        .unwrap()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    (declined, names)
}

#[test]
fn a_client_pack_withholds_declined_fits_and_names_no_partner_in_its_risks() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let (declined, names) = partners(&wb);
    assert_eq!(declined.len(), 2, "the demo has two declined partners");

    // Internal: everything, as before.
    let html = report(&sb, &wb, "internal.html", &[]);
    let md = report(&sb, &wb, "internal.md", &[]);
    let named_inside: Vec<&String> = names
        .iter()
        .filter(|n| {
            risk_parts(&html, &md)
                .iter()
                .any(|p| p.contains(n.as_str()))
        })
        .collect();
    assert!(
        named_inside.len() >= 5,
        "the demo's risks name partners: {named_inside:?}"
    );
    for name in &declined {
        let row = part(&md, &format!("| {name} |"), "\n");
        assert!(!row.contains("not shared"), "{row}");
    }
    assert!(html.contains("Internal: the whole plan"));

    // Client: no declined partner's fit, no partner named in a risk.
    let html = report(&sb, &wb, "client.html", &["--audience", "client"]);
    let md = report(&sb, &wb, "client.md", &["--audience", "client"]);
    for name in &declined {
        let row = part(&md, &format!("| {name} |"), "\n");
        assert!(row.ends_with("| not shared |"), "{row}");
        let chart = part(&html, "<figcaption>Fit (0–100)", "</figure>");
        assert!(!chart.contains(name.as_str()), "{name} in the fit chart");
    }
    for risk_part in risk_parts(&html, &md) {
        for name in &names {
            assert!(
                !risk_part.contains(name.as_str()),
                "{name:?} is named in a client's risks:\n{risk_part}"
            );
        }
    }
    assert!(
        md.contains("a supplier partner / Hardware and devices"),
        "{md}"
    );
    // On the cover and in every printed page's footer.
    assert!(html.contains("<dt>Audience</dt><dd>Client: "));
    assert!(
        html.contains("for client readers\""),
        "the footer names the audience"
    );
    assert!(md.contains("Audience: Client: "));

    // A partner listed as shareable keeps its name.
    let shared = "Nimbus Forge Cloud";
    assert!(named_inside.iter().any(|n| n.as_str() == shared));
    let md = report(
        &sb,
        &wb,
        "shareable.md",
        &["--audience", "client", "--shareable", "nimbus forge cloud"],
    );
    let risks = part(&md, "## Risks", "\n## ");
    assert!(risks.contains(shared), "{risks}");
    for name in names.iter().filter(|n| n.as_str() != shared) {
        assert!(!risks.contains(name.as_str()), "{name}");
    }
}

#[test]
fn an_unknown_audience_is_refused_and_nothing_is_written() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let out = sb.file("board.html");
    for (word, says) in [
        ("board", vec!["board", "--audience client", "internal"]),
        ("partner", vec!["not written yet", "--audience client"]),
    ] {
        sb.run([
            "report".as_ref(),
            wb.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--audience".as_ref(),
            word.as_ref(),
        ])
        .expect_code(1)
        .stderr_mentions(&says);
        assert!(!out.exists());
    }
}

/// The app's export popup offers the client's report: it is written with the client's rules.
#[test]
fn the_app_exports_the_client_report_with_the_clients_rules() {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let (_, names) = partners(&wb);
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
    s.key_with(KeyCode::Char('e'), KeyModifiers::CONTROL);
    // TOML, three CSVs, XLSX, HTML, Markdown, then the client's report.
    for _ in 0..7 {
        s.key(KeyCode::Down);
    }
    screen_harness::assert_shows(&s, "copy-client-report.html");
    s.key(KeyCode::Enter);
    let started = std::time::Instant::now();
    while !s.text().contains("Exported") {
        assert!(started.elapsed().as_secs() < 20, "no result:\n{}", s.text());
        std::thread::sleep(std::time::Duration::from_millis(20));
        s.draw();
    }
    let html = std::fs::read_to_string(out.join("copy-client-report.html")).unwrap();
    assert!(html.contains("<dt>Audience</dt><dd>Client: "));
    let risks = part(&html, "<section id=\"risks\">", "</section>");
    for name in &names {
        assert!(
            !risks.contains(name.as_str()),
            "{name} in the client's risks"
        );
    }
}
