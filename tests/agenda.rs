//! Issue 23: `partnerplan agenda` — the demo's partner council agenda against its golden file
//! (a fixed --date), the HTML with the workbook's text escaped, what changed since the previous
//! meeting when a snapshot was kept, and bad arguments refused with a way out (nothing written).

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::forum::ForumDraft;
use partnerplan::workbook::{OpenOptions, SnapshotKind, Workbook};
use support::{Run, Sandbox};

/// The golden agenda: the demo's partner council meeting of 14 December 2026. Rewrite it with
/// `PARTNERPLAN_BLESS_AGENDA=1 cargo test --test agenda` after a change meant to alter it, and
/// read the difference before committing it.
const GOLDEN: &str = "tests/fixtures/agenda/demo-partner-council-2026-12-14.md";

fn agenda(sb: &Sandbox, workbook: &Path, args: &[&str]) -> Run {
    let mut all = vec![OsStr::new("agenda"), workbook.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    sb.run(all)
}

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN)
}

#[test]
fn the_demo_partner_council_agenda_matches_its_golden_file() {
    let sb = Sandbox::new();
    let demo = sb.demo("demo.partnerplan");
    let out = sb.file("agenda.md");
    agenda(
        &sb,
        &demo,
        &[
            "--forum",
            " partner COUNCIL ",
            "--date",
            "2026-12-14",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&["Wrote the agenda of Partner council for 2026-12-14"]);
    let written = std::fs::read_to_string(&out).unwrap();
    if std::env::var_os("PARTNERPLAN_BLESS_AGENDA").is_some() {
        std::fs::create_dir_all(golden().parent().unwrap()).unwrap();
        std::fs::write(golden(), &written).unwrap();
    }
    let expected = std::fs::read_to_string(golden()).unwrap();
    assert_eq!(written, expected, "the agenda differs from {GOLDEN}");
    // What the golden file must say, whatever else changes in the demo.
    for part in [
        "# Partner council — agenda for 2026-12-14",
        "previous meeting 2026-11-14",
        "## 1. Decisions due",
        "**Decision**: New strategic partners",
        "## 2. Risk reviews due by 2026-12-14",
        "## 3. KPIs off track or at risk",
        "## 4. Lapsed check-ins of the members by 2026-12-14",
    ] {
        assert!(written.contains(part), "{part}\n{written}");
    }
    // Without -o the same text goes to standard output.
    let printed = agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "--date", "2026-12-14"],
    );
    printed.expect_code(0);
    assert_eq!(printed.stdout, expected);
}

#[test]
fn the_html_agenda_escapes_the_workbooks_text() {
    let sb = Sandbox::new();
    let demo = sb.demo("demo.partnerplan");
    {
        let mut wb = Workbook::open(&demo, OpenOptions::default()).unwrap();
        wb.add_forum(&ForumDraft {
            name: "Board <script>alert(1)</script> & co".into(),
            purpose: "Say \"hi\" <b>loudly</b>".into(),
            next_date: Some("2027-01-20".into()),
            ..Default::default()
        })
        .unwrap();
    }
    let out = sb.file("board.html");
    agenda(
        &sb,
        &demo,
        &[
            "--forum",
            "board <script>alert(1)</script> & co",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .expect_code(0);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script>") && !html.contains("<b>"),
        "{html}"
    );
    assert!(
        html.contains(
            "Board &lt;script&gt;alert(1)&lt;/script&gt; &amp; co — agenda for 2027-01-20"
        )
    );
    assert!(html.contains("Say &quot;hi&quot; &lt;b&gt;loudly&lt;/b&gt;"));
    assert!(html.contains("meets when called") || html.contains("when called"));
}

#[test]
fn the_agenda_says_what_changed_since_the_previous_meeting_when_a_snapshot_was_kept() {
    let sb = Sandbox::new();
    let demo = sb.demo("demo.partnerplan");
    {
        let mut wb = Workbook::open(&demo, OpenOptions::default()).unwrap();
        wb.take_snapshot(SnapshotKind::Labelled, "after the council")
            .unwrap();
        let id = wb.forum_named("Partner council").unwrap().id;
        let mut forum = wb.forum_named("Partner council").unwrap().forum;
        forum.purpose = "Tiers, joint priorities and the board pack.".into();
        wb.update_forum(id, &forum).unwrap();
    }
    // The snapshot was kept today; a meeting far ahead has its previous meeting after it. By
    // then every joint-plan milestone of the members not done is due: its section comes first.
    let later = agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "--date", "2099-01-14"],
    );
    later.expect_code(0).stdout_mentions(&[
        "## 5. Joint-plan milestones due by 2099-01-14",
        "Granary Works Alliance: ",
        "## 6. Changes since the previous meeting (2098-12-14)",
        "Compared with the snapshot \"after the council\"",
        "**Governance**: Partner council",
    ]);
    // A meeting before any snapshot says so and how to keep one.
    agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "--date", "2020-02-14"],
    )
    .expect_code(0)
    .stdout_mentions(&["No snapshot was kept on or before 2020-01-14"]);
}

#[test]
fn bad_arguments_are_refused_with_a_way_out_and_nothing_written() {
    let sb = Sandbox::new();
    let demo = sb.demo("demo.partnerplan");
    let out = sb.file("agenda.md");
    let o = out.to_str().unwrap();
    agenda(&sb, &demo, &["--forum", "Steering group", "-o", o])
        .expect_code(1)
        .stderr_mentions(&[
            "no forum is called \"Steering group\"",
            "\"Partner council\", \"Quarterly business review\"",
        ]);
    agenda(
        &sb,
        &demo,
        &[
            "--forum",
            "Partner council",
            "--date",
            "14/12/2026",
            "-o",
            o,
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["--date takes the meeting's day as YYYY-MM-DD"]);
    agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "--format", "pdf", "-o", o],
    )
    .expect_code(1)
    .stderr_mentions(&["--format takes md or html"]);
    agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "--format", "html", "-o", o],
    )
    .expect_code(1)
    .stderr_mentions(&["disagree"]);
    let txt = sb.file("agenda.txt");
    agenda(
        &sb,
        &demo,
        &["--forum", "Partner council", "-o", txt.to_str().unwrap()],
    )
    .expect_code(1)
    .stderr_mentions(&["neither .md nor .html"]);
    assert!(!out.exists() && !txt.exists());
    // A forum with no date and no cadence needs --date.
    {
        let mut wb = Workbook::open(&demo, OpenOptions::default()).unwrap();
        wb.add_forum(&ForumDraft {
            name: "Ad hoc board".into(),
            ..Default::default()
        })
        .unwrap();
    }
    agenda(&sb, &demo, &["--forum", "Ad hoc board", "-o", o])
        .expect_code(1)
        .stderr_mentions(&["meets when called", "--date YYYY-MM-DD"]);
    assert!(!out.exists());
}
