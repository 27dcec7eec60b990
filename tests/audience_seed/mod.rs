//! A demo workbook seeded for the audience tests: marked values that some readers may not see
//! (an evidence note, a partner's note, a mitigation naming a partner by its short form) and
//! two protocols sharing parts of the plan with Ostrander Industrial Supply (one directly, one
//! through the role it leads). Also the PDF's text, read with pdftotext (poppler-utils).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use partnerplan::plan::risk_suggestions::Sensitivity;
use partnerplan::plan::strategy::{AccessLevel, ProtocolDraft, Recipient};
use partnerplan::workbook::{OpenOptions, Workbook};

use crate::report_support::demo;
use crate::support::Sandbox;

/// The partner whose pack the tests write.
pub const PARTNER: &str = "Ostrander Industrial Supply";
/// An evidence note on a declined partner's score: internal judgement, in no report.
pub const EVIDENCE: &str = "Reference call with Holloway's plant manager went badly";
/// Another partner's note: the planner's own words, in no report.
pub const NOTE: &str = "Kiln's founder is open to an acquisition offer";
/// A top risk's mitigation note naming Ostrander by its short form.
pub const SHORT_FORM_NOTE: &str = "Ask Ostrander for a second warehouse";
pub const SHORT_FORM_REDACTED: &str = "Ask a distributor partner for a second warehouse";
/// The note on Ostrander's role assignment, and on another partner's.
pub const OWN_ASSIGNMENT_NOTE: &str = "Covers the Nordics until the Malmo branch opens";
pub const OTHER_ASSIGNMENT_NOTE: &str = "Leads only while the second firmware team ramps up";

fn one(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The demo, seeded; its path.
pub fn seeded(sb: &Sandbox) -> PathBuf {
    let path = demo(sb);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let score = one(
            &conn,
            "SELECT s.id FROM criterion_scores s JOIN partners p ON p.id = s.partner_id \
             WHERE p.name = 'Holloway Sensing' ORDER BY s.id LIMIT 1",
        );
        conn.execute(
            "UPDATE criterion_scores SET evidence = ?1 WHERE id = ?2",
            rusqlite::params![EVIDENCE, score],
        )
        .unwrap();
        conn.execute(
            "UPDATE partners SET notes = ?1 WHERE name = 'Kiln Embedded Labs'",
            [NOTE],
        )
        .unwrap();
        for (partner, note) in [
            (PARTNER, OWN_ASSIGNMENT_NOTE),
            ("Kiln Embedded Labs", OTHER_ASSIGNMENT_NOTE),
        ] {
            let changed = conn
                .execute(
                    "UPDATE role_assignments SET note = ?2 WHERE id = (SELECT a.id FROM \
                     role_assignments a JOIN partners p ON p.id = a.partner_id \
                     WHERE p.name = ?1 ORDER BY a.id LIMIT 1)",
                    rusqlite::params![partner, note],
                )
                .unwrap();
            assert_eq!(changed, 1, "{partner} holds a role in the demo");
        }
        // The first mitigation of the register's highest risk, which every report shows.
        let mitigation = one(
            &conn,
            "SELECT m.id FROM risk_mitigations m JOIN risks r ON r.id = m.risk_id \
             WHERE r.partner_id IS NOT NULL ORDER BY m.id LIMIT 1",
        );
        conn.execute(
            "UPDATE risk_mitigations SET note = ?1 WHERE id = ?2",
            rusqlite::params![SHORT_FORM_NOTE, mitigation],
        )
        .unwrap();
    }
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let (ostrander, _) = wb.partner_named(PARTNER).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let reseller_role = one(
        &conn,
        "SELECT role_id FROM role_assignments a JOIN partners p ON p.id = a.partner_id \
         WHERE p.name = 'Ostrander Industrial Supply' LIMIT 1",
    );
    for (item, level, to) in [
        (
            "Partner KPIs",
            AccessLevel::CountsOnly,
            Recipient::Partner(ostrander),
        ),
        (
            "Risk register",
            AccessLevel::ChosenFields,
            Recipient::Role(reseller_role),
        ),
    ] {
        wb.add_protocol(&ProtocolDraft {
            data_item: item.into(),
            purpose: "Quarterly partner review.".into(),
            recipients: vec![to],
            access_level: level,
            access_method: "Partner portal".into(),
            sensitivity: Sensitivity::Internal,
            protection_measures: "Named accounts only.".into(),
            review_date: Some("2027-06-30".into()),
        })
        .unwrap();
    }
    path
}

/// Every partner's name.
pub fn partner_names(path: &Path) -> Vec<String> {
    let wb = Workbook::open(
        path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )
    .unwrap();
    wb.partner_names_and_types()
        .unwrap()
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// The PDF's text in the order it was drawn (`-raw`: a table cell's lines stay together) or
/// as laid out on the page (`-layout`: a table row on one line), or `None` (having said why)
/// without pdftotext outside CI.
pub fn pdf_text(pdf: &Path, mode: &str) -> Option<String> {
    let run = std::process::Command::new("pdftotext")
        .args([mode.as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output();
    match run {
        Ok(out) => {
            assert!(
                out.status.success(),
                "pdftotext failed on {}",
                pdf.display()
            );
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(err) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext cannot run ({err}), and CI must read the PDF's text: .ci/run \
                 installs it with apt-get install -y poppler-utils"
            );
            eprintln!("SKIPPED the PDF's text: pdftotext is not installed (poppler-utils).");
            None
        }
    }
}

/// `text` with every run of white space as one space, so a name broken over two lines of a
/// PDF is still found.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
