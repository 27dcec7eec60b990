//! Issue 23, the trend radar (schema step 12): new workbooks start with example trends marked as
//! such, existing plans get none; trends with what they touch and their actions are one undoable
//! change each, travel in the TOML byte for byte, come back through a three-way merge, are
//! described by diff and refused with a way out when a file holds a word the radar does not know.

mod support;

use std::ffi::OsStr;
use std::path::PathBuf;

use partnerplan::plan::trend::{
    ActionDraft, ActionStatus, Touch, TouchKind, TrendCategory, TrendDraft, TrendHorizon,
};
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn demo(sb: &Sandbox, name: &str) -> PathBuf {
    let path = sb.file(name);
    sb.run([OsStr::new("demo"), path.as_os_str()])
        .expect_code(0);
    path
}

fn draft(name: &str) -> TrendDraft {
    TrendDraft {
        name: name.into(),
        category: TrendCategory::Regulation,
        horizon: TrendHorizon::Far,
        impact: 4,
        evolution: "Partners must prove where their data lives.".into(),
        review_date: Some("2027-06-30".into()),
    }
}

fn action(title: &str) -> ActionDraft {
    ActionDraft {
        title: title.into(),
        owner: "Head of partnerships".into(),
        due_date: Some("2027-03-31".into()),
        status: ActionStatus::Planned,
    }
}

#[test]
fn a_new_workbook_starts_with_three_examples_that_the_guide_does_not_count() {
    let sb = Sandbox::new();
    let path = sb.file("new.partnerplan");
    Workbook::create(&path, Some("Acme")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let trends = wb.trends().unwrap();
    assert_eq!(trends.len(), 3);
    assert!(trends.iter().all(|t| t.example && t.actions.len() == 1));
    let facts = wb.trend_facts().unwrap();
    assert_eq!((facts.own, facts.ready, facts.examples), (0, 0, 3));
    assert!(
        wb.is_untouched().unwrap(),
        "the examples are part of a new workbook"
    );

    // An example given a review date by its form becomes the user's own.
    let ai = trends.iter().find(|t| t.trend.name.contains("AI")).unwrap();
    let mut edited = ai.trend.clone();
    edited.review_date = Some("2027-01-15".into());
    wb.update_trend(ai.id, &edited, &[]).unwrap();
    let facts = wb.trend_facts().unwrap();
    assert_eq!((facts.own, facts.ready, facts.examples), (1, 1, 2));
    wb.undo().unwrap();
    assert!(wb.trends().unwrap().iter().all(|t| t.example));
}

#[test]
fn an_existing_plan_gets_no_examples_and_trends_are_undoable_changes() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert!(
        wb.trends().unwrap().iter().all(|t| !t.example),
        "the demo's plan replaced the examples; nothing was added to it"
    );
    let before = wb.trends().unwrap();
    let (partner, partner_name) = wb.partner_named("Nimbus Forge Cloud").unwrap();
    let role = wb.roles().unwrap()[0].role.id;
    let touches = [
        Touch {
            kind: TouchKind::Partner,
            id: partner,
        },
        Touch {
            kind: TouchKind::Role,
            id: role,
        },
    ];
    let id = wb
        .add_trend(&draft("Data residency rules"), &touches)
        .unwrap();
    let added = wb.trends().unwrap();
    let trend = added.iter().find(|t| t.id == id).unwrap();
    assert_eq!(trend.touches.len(), 2);
    assert!(trend.touches.iter().any(|t| t.name == partner_name));
    assert!(!trend.is_ready(), "no action yet");
    wb.add_trend_action(id, &action("Map where each partner keeps customer data"))
        .unwrap();
    let trend = wb
        .trends()
        .unwrap()
        .into_iter()
        .find(|t| t.id == id)
        .unwrap();
    assert!(trend.is_ready());

    // Bad input is refused with the field's problem, and nothing is written.
    let mut bad = draft(" ");
    bad.impact = 9;
    let refused = format!("{:#}", wb.add_trend(&bad, &[]).unwrap_err());
    assert!(refused.contains("Name is required"), "{refused}");
    assert!(refused.contains("from 1 (slight) to 5"), "{refused}");

    // Editing drops a link and keeps the other; undo brings it back.
    wb.update_trend(id, &draft("Data residency rules"), &touches[..1])
        .unwrap();
    let find = |wb: &Workbook| wb.trends().unwrap().into_iter().find(|t| t.id == id);
    assert_eq!(find(&wb).unwrap().touches.len(), 1);
    wb.undo().unwrap();
    assert_eq!(find(&wb).unwrap().touches.len(), 2);

    // Deleting takes the links and actions; undo restores all; redo deletes again.
    assert_eq!(wb.delete_trend(id).unwrap(), "Data residency rules");
    assert!(find(&wb).is_none());
    wb.undo().unwrap();
    let back = find(&wb).unwrap();
    assert_eq!((back.touches.len(), back.actions.len()), (2, 1));
    wb.redo().unwrap();
    assert!(find(&wb).is_none());
    wb.undo().unwrap();
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert_eq!(wb.trends().unwrap(), before, "every step undone");
}

#[test]
fn trends_travel_in_toml_come_back_through_merge_and_are_described_by_diff() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "ours.partnerplan");
    let copy = sb.file("copy.partnerplan");
    sb.run([OsStr::new("send"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    {
        let mut wb = Workbook::open(&copy, OpenOptions::default()).unwrap();
        let (partner, _) = wb.partner_named("Nimbus Forge Cloud").unwrap();
        let id = wb
            .add_trend(
                &draft("Data residency rules"),
                &[Touch {
                    kind: TouchKind::Partner,
                    id: partner,
                }],
            )
            .unwrap();
        wb.add_trend_action(id, &action("Map where each partner keeps customer data"))
            .unwrap();
    }
    let toml = sb.file("copy.toml");
    let text = support::export_toml(&sb, &copy, &toml);
    for table in ["[[trends]]", "[[trend_links]]", "[[trend_actions]]"] {
        assert!(text.contains(table), "{table} in the TOML");
    }
    assert!(text.contains("horizon = \"3-5 years\""), "{text}");
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([OsStr::new("import"), rebuilt.as_os_str(), toml.as_os_str()])
        .expect_code(0);
    let again = support::export_toml(&sb, &rebuilt, &sb.file("again.toml"));
    assert_eq!(again, text, "export → import → export gives the same bytes");

    sb.run([OsStr::new("diff"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["Trend radar", "Data residency rules", "1 action"]);
    sb.run([OsStr::new("merge"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    let wb = Workbook::open(&ours, OpenOptions::default()).unwrap();
    let merged = wb.trends().unwrap();
    let trend = merged
        .iter()
        .find(|t| t.trend.name == "Data residency rules")
        .expect("the copy's trend merged in");
    assert_eq!((trend.touches.len(), trend.actions.len()), (1, 1));
    assert!(trend.is_ready());
}

#[test]
fn a_file_with_a_horizon_the_radar_does_not_know_is_refused_with_the_words_it_takes() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "ours.partnerplan");
    {
        let mut wb = Workbook::open(&ours, OpenOptions::default()).unwrap();
        wb.add_trend(&draft("Data residency rules"), &[]).unwrap();
    }
    let toml = sb.file("plan.toml");
    let text = support::export_toml(&sb, &ours, &toml);
    let broken = text.replace("horizon = \"3-5 years\"", "horizon = \"someday\"");
    assert_ne!(broken, text);
    std::fs::write(&toml, broken).unwrap();
    let target = sb.file("rebuilt.partnerplan");
    sb.run([OsStr::new("import"), target.as_os_str(), toml.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&[
            "horizon",
            "\"someday\" is not one of its words; write one of: now, 1-2 years, 3-5 years.",
        ]);
    assert!(!target.exists(), "nothing written");
}

fn report(sb: &Sandbox, workbook: &std::path::Path, name: &str, extra: &[&str]) -> String {
    let out = sb.file(name);
    let mut args = vec![
        OsStr::new("report"),
        workbook.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    sb.run(args).expect_code(0);
    std::fs::read_to_string(&out).unwrap()
}

#[test]
fn the_report_draws_the_radar_and_lists_each_trend_with_its_actions() {
    let sb = Sandbox::new();
    let path = demo(&sb, "demo.partnerplan");
    let html = report(&sb, &path, "plan.html", &[]);
    let section = &html[html
        .find("<section id=\"trends\">")
        .expect("a trends section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("<svg") && section.contains("aria-label=\"Trend radar\""));
    // The demo's three trends: impact 4, 5 and 3, each a dot of its band.
    for band in ["band-high", "band-critical", "band-medium"] {
        assert_eq!(
            section
                .matches(&format!("<circle class=\"{band}\""))
                .count(),
            1,
            "{band}"
        );
    }
    assert!(section.contains("AI models that run on the sensor itself"));
    assert!(
        section.contains("due 2027-03-31 (in progress)"),
        "{section}"
    );
    assert!(section.contains("No adaptability action yet."));
    assert!(
        section.contains("Touches: partner Kiln Embedded Labs"),
        "{section}"
    );
    assert!(html.contains("href=\"#trends\""), "in the contents");

    let markdown = report(&sb, &path, "plan.md", &[]);
    assert!(markdown.contains("## Future readiness: trend radar"));
    assert!(
        markdown.contains("| 2 | Cyber-security rules for connected products |"),
        "{markdown}"
    );

    // The client's board pack shows the radar, but names no partner through what a trend
    // touches; a partner's own pack has no radar at all.
    let board = report(&sb, &path, "client.html", &["--audience", "client"]);
    assert!(board.contains("AI models that run on the sensor itself"));
    assert!(
        !board.contains("Touches:"),
        "touches are for internal readers"
    );
    let pack = report(
        &sb,
        &path,
        "partner.html",
        &["--audience", "partner", "--partner", "Nimbus Forge Cloud"],
    );
    assert!(!pack.contains("AI models that run on the sensor itself"));

    // A new workbook's examples are said to be examples.
    let fresh = sb.file("fresh.partnerplan");
    sb.run([OsStr::new("new"), fresh.as_os_str()])
        .expect_code(0);
    let html = report(&sb, &fresh, "fresh.html", &[]);
    assert_eq!(html.matches("(example)").count(), 3, "{html}");
}
