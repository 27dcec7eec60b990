//! Audiences: a client's board pack shows no fit of a declined or gated-out partner and names
//! no partner in its risks (each becomes its type, short forms too) unless listed with
//! --shareable; a partner's pack names no other partner and shows only what the protocols
//! share; the audience is on the cover and in every page's footer. Checked in the HTML, the
//! Markdown and the printed PDF's text of the demo workbook, seeded with marked values.

mod audience_seed;
mod report_browser;
mod report_support;
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
        ("partner", vec!["--partner NAME"]),
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

/// The report for `audience` (extra flags) as HTML, Markdown and, with Chromium and pdftotext,
/// the PDF's text in drawing order and (as "NAME.pdf layout") as laid out.
fn every_format(sb: &Sandbox, wb: &Path, name: &str, flags: &[&str]) -> Vec<(String, String)> {
    let mut texts = vec![
        (
            format!("{name}.html"),
            report(sb, wb, &format!("{name}.html"), flags),
        ),
        (
            format!("{name}.md"),
            report(sb, wb, &format!("{name}.md"), flags),
        ),
    ];
    if report_browser::browser_or_skip("the audiences' PDF text").is_some() {
        let pdf = report_support::report_file(sb, wb, &format!("{name}.pdf"), flags);
        for (mode, file) in [("-raw", "pdf"), ("-layout", "pdf layout")] {
            if let Some(text) = audience_seed::pdf_text(&pdf, mode) {
                texts.push((format!("{name}.{file}"), text));
            }
        }
    }
    texts
}

fn absent(texts: &[(String, String)], values: &[&str]) {
    for (file, text) in texts {
        let flat = audience_seed::flat(text);
        for value in values {
            assert!(
                !flat.contains(&audience_seed::flat(value)),
                "{file} shows {value:?}, which its audience may not see"
            );
        }
    }
}

#[test]
fn no_audience_meets_what_it_may_not_see_in_html_markdown_or_pdf() {
    use audience_seed::{EVIDENCE, NOTE, PARTNER, SHORT_FORM_NOTE, SHORT_FORM_REDACTED};
    let sb = Sandbox::new();
    let wb = audience_seed::seeded(&sb);
    let names = audience_seed::partner_names(&wb);

    // Internal: the whole plan, but evidence and the planner's notes are never in a report.
    let internal = every_format(&sb, &wb, "internal", &[]);
    absent(&internal, &[EVIDENCE, NOTE]);
    for (file, text) in internal.iter().filter(|(f, _)| !f.ends_with("layout")) {
        let flat = audience_seed::flat(text);
        assert!(
            flat.contains(SHORT_FORM_NOTE),
            "{file}: the seeded note is shown"
        );
        assert!(flat.contains("EUR "), "{file}: money is shown inside");
    }

    // Client: declined fits withheld, partners in risks by type, short forms included.
    let client = every_format(&sb, &wb, "client", &["--audience", "client"]);
    absent(&client, &[EVIDENCE, NOTE, SHORT_FORM_NOTE]);
    for (file, text) in &client {
        assert!(
            file.ends_with("layout") || audience_seed::flat(text).contains(SHORT_FORM_REDACTED),
            "{file}: the short form becomes the partner's type"
        );
        if file.ends_with(".pdf layout") {
            // The roster's row of a declined partner, as printed.
            let rows: Vec<&str> = text
                .lines()
                .filter(|l| l.contains("Holloway Sensing") && l.contains("declined"))
                .collect();
            assert!(!rows.is_empty(), "{text}");
            for row in rows {
                assert!(row.contains("not shared"), "{file}: {row}");
            }
        }
    }

    // Partner: no other partner's name, fit, note, evidence or money anywhere.
    let pack = every_format(
        &sb,
        &wb,
        "partner",
        &[
            "--audience",
            "partner",
            "--partner",
            "ostrander industrial supply",
        ],
    );
    let others: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| *n != PARTNER)
        .collect();
    assert!(others.len() >= 29, "{others:?}");
    absent(&pack, &others);
    absent(
        &pack,
        &[EVIDENCE, NOTE, "EUR ", "Fit (0", "| Fit |", "<th>Fit</th>"],
    );
    for (file, text) in pack.iter().filter(|(f, _)| !f.ends_with("layout")) {
        let flat = audience_seed::flat(text);
        for shown in [
            "Partner: what Ostrander Industrial Supply may see",
            "Ostrander Industrial Supply's record",
            "Resellers and marketplaces",
            "Retrofit Sensor Kit",
            // The protocols: KPIs shared by count, the register through the role it leads.
            "KPIs (counts only)",
            "Risk register (chosen fields)",
            // Other members of its offering, by their type.
            "a supplier partner, a technology partner",
        ] {
            assert!(
                flat.contains(shown) || (file.ends_with(".html") && shown.contains('\'')),
                "{file} lacks {shown:?}"
            );
        }
    }
}

#[test]
fn a_partners_pack_needs_a_partner_that_exists() {
    let sb = Sandbox::new();
    let wb = demo(&sb);
    let out = sb.file("pack.html");
    let run = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = vec![
            "report".into(),
            wb.clone().into(),
            "-o".into(),
            out.clone().into(),
        ];
        args.extend(extra.iter().map(Into::into));
        sb.run(args)
    };
    run(&["--audience", "partner", "--partner", "Ostrander"])
        .expect_code(1)
        .stderr_mentions(&[
            "no partner is called \"Ostrander\"",
            "Ostrander Industrial Supply",
        ]);
    run(&["--audience", "partner", "--partner", "Zebra Works"])
        .expect_code(1)
        .stderr_mentions(&["no partner is called", "as the roster shows it"]);
    run(&[
        "--audience",
        "client",
        "--partner",
        "Ostrander Industrial Supply",
    ])
    .expect_code(1)
    .stderr_mentions(&["--audience partner"]);
    assert!(!out.exists());
}
