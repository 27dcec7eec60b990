//! Issue 20: a type's programme merged from two copies that spell the type differently. The
//! tables compare partner types without regard to case ("Reseller" is "reseller"), so the merge
//! does too: the same setting spelled two ways is one record and no question; different settings
//! are one decision about the setting, never about the spelling.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::criteria::TypeSetting;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// The demo as ours, and a copy rebuilt from its TOML export as theirs (the hand-off).
fn ours_and_theirs(sb: &Sandbox) -> (PathBuf, PathBuf) {
    let ours = sb.file("ours.partnerplan");
    sb.run([os("demo"), ours.as_os_str()]).expect_code(0);
    let sent = sb.file("sent.toml");
    support::export_toml(sb, &ours, &sent);
    let theirs = sb.file("theirs.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    (ours, theirs)
}

/// Theirs exported as TOML, to merge back.
fn returned(sb: &Sandbox, theirs: &Path) -> PathBuf {
    let back = sb.file("back.toml");
    let _ = std::fs::remove_file(&back);
    support::export_toml(sb, theirs, &back);
    back
}

fn merge(sb: &Sandbox, ours: &Path, back: &Path, extra: &[&str]) -> support::Run {
    let mut args = vec![os("merge"), ours.as_os_str(), back.as_os_str()];
    args.extend(extra.iter().map(|s| os(s)));
    sb.run(args)
}

/// The first criterion's id and name.
fn first_criterion(path: &Path) -> (i64, String) {
    let c = open(path).criteria().unwrap().remove(0).criterion;
    (c.id, c.name)
}

fn weigh(path: &Path, kind: &str, weight: f64) {
    let (id, _) = first_criterion(path);
    let setting = TypeSetting {
        weight: Some(weight),
        is_gate: None,
    };
    open(path)
        .set_criterion_for_type(id, kind, setting)
        .unwrap();
}

/// The type settings of the first criterion for the systems integrator, whatever the case.
fn settings(path: &Path) -> Vec<(String, Option<f64>)> {
    let (id, _) = first_criterion(path);
    support::plain(path)
        .prepare(
            "SELECT partner_type, weight FROM criterion_type_weights \
             WHERE criterion_id = ?1 AND lower(partner_type) = 'systems integrator'",
        )
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn one_weight_for_a_type_spelled_two_ways_merges_as_one_record_without_a_question() {
    let sb = Sandbox::new();
    let (ours, theirs) = ours_and_theirs(&sb);
    weigh(&ours, "systems integrator", 40.0);
    weigh(&theirs, "Systems Integrator", 40.0);
    let back = returned(&sb, &theirs);
    let run = merge(&sb, &ours, &back, &[]);
    run.expect_code(0);
    assert!(
        !run.stdout.contains("conflict"),
        "a spelling alone was asked about:\n{}",
        run.stdout
    );
    assert_eq!(
        settings(&ours),
        [("systems integrator".to_string(), Some(40.0))],
        "ours's spelling and one record"
    );
}

#[test]
fn two_weights_for_a_type_spelled_two_ways_are_one_decision_about_the_weight() {
    let sb = Sandbox::new();
    let (ours, theirs) = ours_and_theirs(&sb);
    weigh(&ours, "systems integrator", 40.0);
    weigh(&theirs, "Systems Integrator", 55.0);
    let back = returned(&sb, &theirs);
    let run = merge(&sb, &ours, &back, &[]);
    run.expect_code(1)
        .stdout_mentions(&["1 conflict to decide", "weight: ours 40 · theirs 55"]);
    assert!(
        !run.stdout.contains("partner type: ours"),
        "the spelling was asked about:\n{}",
        run.stdout
    );
    merge(&sb, &ours, &back, &["--prefer", "theirs"]).expect_code(0);
    let kept = settings(&ours);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].1, Some(55.0));
}

#[test]
fn a_checklist_item_and_a_margin_rate_for_a_type_spelled_two_ways_merge_as_one() {
    let sb = Sandbox::new();
    let (ours, theirs) = ours_and_theirs(&sb);
    let item = open(&ours).onboarding_items().unwrap()[0].id;
    open(&ours)
        .toggle_item_for_type(item, "systems integrator")
        .unwrap();
    open(&theirs)
        .toggle_item_for_type(item, "SYSTEMS INTEGRATOR")
        .unwrap();
    let partner: i64 = support::plain(&ours)
        .query_row("SELECT min(id) FROM partners", [], |r| r.get(0))
        .unwrap();
    open(&ours)
        .set_margin_rates(partner, None, Some(("systems integrator", Some(20.0))))
        .unwrap();
    open(&theirs)
        .set_margin_rates(partner, None, Some(("Systems integrator", Some(20.0))))
        .unwrap();
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[]).expect_code(0);
    let count = |sql: &str| -> i64 {
        support::plain(&ours)
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        count(
            "SELECT count(*) FROM onboarding_item_types \
             WHERE lower(partner_type) = 'systems integrator'"
        ),
        1
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM type_programmes \
             WHERE lower(partner_type) = 'systems integrator'"
        ),
        1
    );
}
