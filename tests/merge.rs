//! Copies that come back: a copy handed out (TOML or `send`) is edited on both sides and merged
//! three-way, field by field — every cell of the rule table, with nothing lost silently.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::risk::{Bands, Likelihood};
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, draft};

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn run(sb: &Sandbox, args: &[&OsStr]) -> support::Run {
    sb.run(args.iter().copied())
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// The demo plan as the consultant's workbook, and the client's copy of it: a TOML export
/// (recording the hand-off) rebuilt in a workbook of the client's own.
fn consultant_and_client(sb: &Sandbox) -> (PathBuf, PathBuf) {
    let ours = sb.file("consultant.partnerplan");
    run(sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    let sent = sb.file("sent.toml");
    run(
        sb,
        &[
            os("export"),
            ours.as_os_str(),
            os("--format"),
            os("toml"),
            os("-o"),
            sent.as_os_str(),
        ],
    )
    .expect_code(0);
    let theirs = sb.file("client.partnerplan");
    run(sb, &[os("import"), theirs.as_os_str(), sent.as_os_str()]).expect_code(0);
    (ours, theirs)
}

/// The client's copy on its way back, as TOML text.
fn returned(sb: &Sandbox, theirs: &Path) -> PathBuf {
    let back = sb.file("returned.toml");
    let _ = std::fs::remove_file(&back);
    run(
        sb,
        &[
            os("export"),
            theirs.as_os_str(),
            os("--format"),
            os("toml"),
            os("-o"),
            back.as_os_str(),
        ],
    )
    .expect_code(0);
    back
}

/// Two dumps hold the same records; the first difference is named.
fn assert_same_plan(
    now: &[partnerplan::workbook::dump::TableRecords],
    was: &[partnerplan::workbook::dump::TableRecords],
    when: &str,
) {
    for (a, b) in now.iter().zip(was) {
        assert_eq!(
            a.records.len(),
            b.records.len(),
            "{when}: {} count",
            a.layout.table
        );
        for (x, y) in a.records.iter().zip(&b.records) {
            assert_eq!(x, y, "{when}: a record of {} differs", a.layout.table);
        }
    }
}

fn risk_id(wb: &Workbook, code: &str) -> Option<i64> {
    wb.connection()
        .query_row("SELECT id FROM risks WHERE code = ?1", [code], |r| r.get(0))
        .ok()
}

fn partner_id(wb: &Workbook, name: &str) -> Option<i64> {
    wb.connection()
        .query_row("SELECT id FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .ok()
}

fn edit_risk(path: &Path, code: &str, edit: impl FnOnce(&mut partnerplan::plan::risk::RiskDraft)) {
    let mut wb = open(path);
    let id = risk_id(&wb, code).unwrap();
    let mut record = wb.risk(id).unwrap().unwrap();
    edit(&mut record.draft);
    wb.update_risk(id, &record.draft, &Bands::default(), true)
        .unwrap();
}

fn residual_likelihood(path: &Path, code: &str) -> Option<i64> {
    let wb = open(path);
    wb.connection()
        .query_row(
            "SELECT residual_likelihood FROM risks WHERE code = ?1",
            [code],
            |r| r.get(0),
        )
        .unwrap()
}

fn owner(path: &Path, code: &str) -> String {
    open(path)
        .connection()
        .query_row("SELECT owner FROM risks WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .unwrap()
}

fn merge(sb: &Sandbox, ours: &Path, theirs: &Path, extra: &[&str]) -> support::Run {
    let mut args = vec![os("merge"), ours.as_os_str(), theirs.as_os_str()];
    args.extend(extra.iter().map(|s| os(s)));
    run(sb, &args)
}

#[test]
fn the_newer_edit_on_our_side_survives_a_copy_that_never_touched_it() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    // Ours: R-006 residual likelihood 4 → 2. Theirs: another risk's owner changes.
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&theirs, "R-003", |d| {
        d.owner = "Client Security Lead".into()
    });
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(0)
        .stdout_mentions(&["common base", "R-003", "Client Security Lead"]);
    assert_eq!(
        residual_likelihood(&ours, "R-006"),
        Some(2),
        "our edit was lost"
    );
    assert_eq!(
        owner(&ours, "R-003"),
        "Client Security Lead",
        "their edit was not taken"
    );
}

#[test]
fn both_sides_changing_one_field_differently_is_a_conflict_that_writes_nothing_until_settled() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&theirs, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(3)
    });
    let back = returned(&sb, &theirs);
    let before = std::fs::read(&ours).unwrap();
    merge(&sb, &ours, &back, &[])
        .expect_code(1)
        .stdout_mentions(&[
            "1 conflict to decide",
            "R-006",
            "residual likelihood: ours 2 unlikely · theirs 3 possible · was 4 likely",
        ])
        .stderr_mentions(&["--prefer ours", "--prefer theirs", "nothing was written"]);
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        before,
        "a refused merge changed the file"
    );
    merge(&sb, &ours, &back, &["--dry-run"]).expect_code(0);
    assert_eq!(
        std::fs::read(&ours).unwrap(),
        before,
        "a dry run changed the file"
    );
    merge(&sb, &ours, &back, &["--prefer", "ours"]).expect_code(0);
    assert_eq!(residual_likelihood(&ours, "R-006"), Some(2));
    merge(&sb, &ours, &back, &["--prefer", "theirs"]).expect_code(0);
    assert_eq!(residual_likelihood(&ours, "R-006"), Some(3));
}

#[test]
fn different_fields_of_one_record_and_the_same_change_on_both_sides_merge_without_asking() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&theirs, "R-006", |d| d.owner = "Procurement".into());
    edit_risk(&ours, "R-007", |d| d.owner = "Both agree".into());
    edit_risk(&theirs, "R-007", |d| d.owner = "Both agree".into());
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[]).expect_code(0);
    assert_eq!(residual_likelihood(&ours, "R-006"), Some(2));
    assert_eq!(owner(&ours, "R-006"), "Procurement");
    assert_eq!(owner(&ours, "R-007"), "Both agree");
}

#[test]
fn deletions_travel_and_never_come_back() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    // The client deletes a risk; we delete a partner the client left alone.
    {
        let mut wb = open(&theirs);
        let id = risk_id(&wb, "R-007").unwrap();
        wb.delete_risk(id).unwrap();
    }
    {
        let mut wb = open(&ours);
        let id = partner_id(&wb, "Brightrail Integration").unwrap();
        wb.delete_partner(id).unwrap();
    }
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(0)
        .stdout_mentions(&["- risk R-007"]);
    let wb = open(&ours);
    assert_eq!(
        risk_id(&wb, "R-007"),
        None,
        "the risk the client deleted is still here"
    );
    assert_eq!(
        partner_id(&wb, "Brightrail Integration"),
        None,
        "the partner we deleted came back"
    );
}

#[test]
fn a_deletion_against_an_edit_is_a_decision_and_children_follow_their_parent() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    // The client deletes Brightrail; we log a check-in with it meanwhile.
    {
        let mut wb = open(&theirs);
        let id = partner_id(&wb, "Brightrail Integration").unwrap();
        wb.delete_partner(id).unwrap();
    }
    {
        let mut wb = open(&ours);
        let id = partner_id(&wb, "Brightrail Integration").unwrap();
        wb.add_checkin(id, jiff::civil::date(2026, 12, 2), "Quarterly review")
            .unwrap();
    }
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(1)
        .stdout_mentions(&[
            "partner Brightrail Integration",
            "deleted in theirs",
            "ours changed",
        ]);
    merge(&sb, &ours, &back, &["--prefer", "ours"]).expect_code(0);
    assert!(partner_id(&open(&ours), "Brightrail Integration").is_some());
    merge(&sb, &ours, &back, &["--prefer", "theirs"]).expect_code(0);
    let wb = open(&ours);
    assert_eq!(partner_id(&wb, "Brightrail Integration"), None);
    let orphans: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM checkins WHERE summary = 'Quarterly review'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "the deleted partner's check-in stayed");
}

#[test]
fn an_old_export_merged_into_a_newer_workbook_changes_nothing_it_did_not_change() {
    let sb = Sandbox::new();
    let ours = sb.file("plan.partnerplan");
    run(&sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    let old = sb.file("old.toml");
    run(
        &sb,
        &[
            os("export"),
            ours.as_os_str(),
            os("--format"),
            os("toml"),
            os("-o"),
            old.as_os_str(),
        ],
    )
    .expect_code(0);
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(1)
    });
    {
        let mut wb = open(&ours);
        wb.add_partner(&draft("Newcomer Ltd")).unwrap();
        let id = partner_id(&wb, "Ferrule Devices").unwrap();
        wb.delete_partner(id).unwrap();
    }
    let before = std::fs::read(&ours).unwrap();
    merge(&sb, &ours, &old, &[])
        .expect_code(0)
        .stdout_mentions(&["Nothing to merge"]);
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}

#[test]
fn without_a_common_base_every_difference_is_a_conflict_never_theirs_wins() {
    let sb = Sandbox::new();
    let ours = sb.file("ours.partnerplan");
    run(&sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    // A plain copy made outside partnerplan's hand-off: nothing says which state it came from.
    let plain_copy = sb.file("copy.partnerplan");
    std::fs::copy(&ours, &plain_copy).unwrap();
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&plain_copy, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(3)
    });
    merge(&sb, &ours, &plain_copy, &[])
        .expect_code(1)
        .stdout_mentions(&["no common base", "R-006", "no common base"]);
    assert_eq!(residual_likelihood(&ours, "R-006"), Some(2));
}

/// A partner and a (non-gate) criterion with no score yet, in the demo.
fn unscored(wb: &Workbook) -> (i64, i64) {
    wb.connection()
        .query_row(
            "SELECT p.id, c.id FROM partners p, selection_criteria c WHERE c.is_gate = 0 AND \
             NOT EXISTS (SELECT 1 FROM criterion_scores s WHERE s.partner_id = p.id AND \
             s.criterion_id = c.id) ORDER BY p.id, c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn score_count(wb: &Workbook, partner: i64, criterion: i64) -> Vec<i64> {
    let mut stmt = wb
        .connection()
        .prepare("SELECT score FROM criterion_scores WHERE partner_id = ?1 AND criterion_id = ?2")
        .unwrap();
    stmt.query_map([partner, criterion], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn both_sides_scoring_one_partner_on_one_criterion_is_one_score_or_a_decision() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    let (partner, criterion) = unscored(&open(&ours));
    let score = |path: &Path, value: u8| {
        open(path)
            .set_score(
                partner,
                criterion,
                Assessment::Score(value),
                "seen it",
                None,
            )
            .unwrap();
    };
    score(&ours, 4);
    score(&theirs, 2);
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(1)
        .stdout_mentions(&["added in both copies", "score: ours 4 · theirs 2"]);
    merge(&sb, &ours, &back, &["--prefer", "theirs"]).expect_code(0);
    assert_eq!(score_count(&open(&ours), partner, criterion), [2]);
    // Alike on both sides: one score, no question.
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    score(&ours, 3);
    score(&theirs, 3);
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[]).expect_code(0);
    assert_eq!(score_count(&open(&ours), partner, criterion), [3]);
}

#[test]
fn partners_added_apart_on_both_sides_are_both_kept() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    open(&ours).add_partner(&draft("Newcomer Ltd")).unwrap();
    open(&theirs).add_partner(&draft("Newcomer Ltd")).unwrap();
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(0)
        .stdout_mentions(&["+ partner Newcomer Ltd"]);
    let count: i64 = open(&ours)
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE name = 'Newcomer Ltd'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 2, "a partner added on one side was lost");
}

#[test]
fn a_merge_is_one_change_that_undo_takes_back_and_the_history_before_it_stays() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    edit_risk(&ours, "R-001", |d| d.owner = "Before the merge".into());
    edit_risk(&theirs, "R-003", |d| d.owner = "From the client".into());
    {
        let mut wb = open(&theirs);
        wb.add_partner(&draft("Client Pick")).unwrap();
    }
    let back = returned(&sb, &theirs);
    let dump_before = open(&ours).dump().unwrap();
    merge(&sb, &ours, &back, &[]).expect_code(0);
    let mut wb = open(&ours);
    assert!(partner_id(&wb, "Client Pick").is_some());
    let undone = wb.undo().unwrap().unwrap();
    assert!(undone.label.starts_with("merge "), "{}", undone.label);
    assert_same_plan(&wb.dump().unwrap(), &dump_before, "after undoing the merge");
    // The edit before the merge is still in the history.
    let earlier = wb.undo().unwrap().unwrap();
    assert!(earlier.label.contains("R-001"), "{}", earlier.label);
    wb.redo().unwrap();
    wb.redo().unwrap();
    assert!(partner_id(&wb, "Client Pick").is_some());
    drop(wb);
    assert_eq!(owner(&ours, "R-003"), "From the client");
}

#[test]
fn a_copy_sent_as_a_workbook_merges_back_three_way() {
    let sb = Sandbox::new();
    let ours = sb.file("ours.partnerplan");
    run(&sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    let copy = sb.file("for-client.partnerplan");
    run(&sb, &[os("send"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["for sending", "partnerplan merge"]);
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&copy, "R-003", |d| d.owner = "Client".into());
    merge(&sb, &ours, &copy, &[]).expect_code(0);
    assert_eq!(residual_likelihood(&ours, "R-006"), Some(2));
    assert_eq!(owner(&ours, "R-003"), "Client");
    // The copy carried no undo history of ours.
    assert!(!open(&copy).can_redo());
}

#[test]
fn the_old_import_merge_points_to_the_new_command() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    let back = returned(&sb, &theirs);
    run(
        &sb,
        &[
            os("import"),
            ours.as_os_str(),
            back.as_os_str(),
            os("--merge"),
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["partnerplan merge"]);
}

#[test]
fn export_import_export_keeps_the_same_bytes_with_lineage() {
    let sb = Sandbox::new();
    let (_, theirs) = consultant_and_client(&sb);
    let sent = std::fs::read_to_string(sb.file("sent.toml")).unwrap();
    assert!(
        sent.contains("lineage = "),
        "the copy does not say where it came from"
    );
    let back = returned(&sb, &theirs);
    assert_eq!(std::fs::read_to_string(back).unwrap(), sent);
}

#[test]
fn snapshots_are_kept_listed_and_removed() {
    let sb = Sandbox::new();
    let wb = sb.file("plan.partnerplan");
    run(&sb, &[os("demo"), wb.as_os_str()]).expect_code(0);
    run(
        &sb,
        &[
            os("snapshot"),
            wb.as_os_str(),
            os("--label"),
            os("SteerCo 2026-12"),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&["SteerCo 2026-12", "records"]);
    run(&sb, &[os("snapshot"), wb.as_os_str(), os("--list")])
        .expect_code(0)
        .stdout_mentions(&["\"SteerCo 2026-12\""]);
    let book = open(&wb);
    let kept = book.find_snapshot("SteerCo 2026-12").unwrap().unwrap();
    let tables = book.snapshot_tables(&kept.uuid).unwrap();
    drop(book);
    let partners = tables
        .iter()
        .find(|t| t.layout.table == "partners")
        .unwrap();
    assert_eq!(partners.records.len(), 30);
    // What changed since: nothing, then a partner's stage.
    run(
        &sb,
        &[
            os("diff"),
            wb.as_os_str(),
            os("--since"),
            os("SteerCo 2026-12"),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&["No differences."]);
    {
        let mut book = open(&wb);
        let id = partner_id(&book, "Brightrail Integration").unwrap();
        let mut d = book.partner(id).unwrap().unwrap();
        d.stage = "paused".into();
        book.update_partner(id, &d).unwrap();
    }
    run(
        &sb,
        &[
            os("diff"),
            wb.as_os_str(),
            os("--since"),
            os("SteerCo 2026-12"),
        ],
    )
    .expect_code(0)
    .stdout_mentions(&[
        "Changes from the snapshot \"SteerCo 2026-12\"",
        "1 change in 1 area.",
        "Brightrail Integration: active → paused",
    ]);
    // The report can open with the same list, in HTML and Markdown.
    for name in ["report.md", "report.html"] {
        let out = sb.file(name);
        run(
            &sb,
            &[
                os("report"),
                wb.as_os_str(),
                os("--since"),
                os("SteerCo 2026-12"),
                os("-o"),
                out.as_os_str(),
            ],
        )
        .expect_code(0);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("Changes since snapshot"), "{name}");
        assert!(text.contains("SteerCo 2026-12"), "{name}");
        assert!(
            text.contains("Brightrail Integration: active → paused"),
            "{name}"
        );
    }
    let unknown = sb.file("x.md");
    run(
        &sb,
        &[
            os("report"),
            wb.as_os_str(),
            os("--since"),
            os("Nope"),
            os("-o"),
            unknown.as_os_str(),
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["no snapshot called \"Nope\"", "--list"]);
    run(
        &sb,
        &[
            os("snapshot"),
            wb.as_os_str(),
            os("--remove"),
            os("SteerCo 2026-12"),
        ],
    )
    .expect_code(0);
    run(
        &sb,
        &[
            os("snapshot"),
            wb.as_os_str(),
            os("--remove"),
            os("SteerCo 2026-12"),
        ],
    )
    .expect_code(1)
    .stderr_mentions(&["no snapshot", "--list"]);
}

#[test]
fn the_app_receives_a_workbook_copy_as_a_merge_to_review_and_writes_nothing_before() {
    use partnerplan::exchange::receive::{Received, receive};
    let sb = Sandbox::new();
    let ours = sb.file("ours.partnerplan");
    run(&sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    let copy = sb.file("copy.partnerplan");
    run(&sb, &[os("send"), ours.as_os_str(), copy.as_os_str()]).expect_code(0);
    edit_risk(&ours, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(2)
    });
    edit_risk(&copy, "R-006", |d| {
        d.residual_likelihood = Likelihood::from_value(3)
    });
    let before = open(&ours).dump().unwrap();
    let mut wb = open(&ours);
    let Received::Merge(preview) = receive(&mut wb, &copy).unwrap() else {
        panic!("a workbook that holds a plan must get a merge to review");
    };
    assert!(preview.base.starts_with("common base"), "{}", preview.base);
    assert_eq!(preview.conflicts.len(), 1, "{:?}", preview.conflicts);
    assert!(preview.conflicts[0].contains("ours 2 unlikely · theirs 3 possible"));
    assert_same_plan(&wb.dump().unwrap(), &before, "after preparing the review");
    // An untouched workbook takes a received copy whole.
    let fresh = sb.file("fresh.partnerplan");
    run(&sb, &[os("new"), fresh.as_os_str()]).expect_code(0);
    let mut wb = open(&fresh);
    assert!(matches!(
        receive(&mut wb, &copy).unwrap(),
        Received::Imported(_)
    ));
    assert!(risk_id(&wb, "R-006").is_some());
}

#[test]
fn deleted_on_both_sides_stays_deleted_without_a_question() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    for path in [&ours, &theirs] {
        let mut wb = open(path);
        let id = risk_id(&wb, "R-007").unwrap();
        wb.delete_risk(id).unwrap();
    }
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(0)
        .stdout_mentions(&["Nothing to merge"]);
    assert_eq!(risk_id(&open(&ours), "R-007"), None);
}

#[test]
fn one_record_added_on_both_sides_under_one_uuid_merges_alike_or_asks() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    // The same record reached both copies after the hand-off (e.g. both imported one file).
    let uuid = "01890000-0000-7000-8000-00000000abcd";
    for (path, notes) in [
        (&ours, "from the workshop"),
        (&theirs, "from the workshop, edited"),
    ] {
        support::plain(path)
            .execute(
                "INSERT INTO partners (uuid, name, notes, created_at, updated_at) \
                 VALUES (?1, 'Twin Works', ?2, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')",
                [uuid, notes],
            )
            .unwrap();
    }
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[])
        .expect_code(1)
        .stdout_mentions(&["partner Twin Works: notes: ours \"from the workshop\" · theirs"]);
    merge(&sb, &ours, &back, &["--prefer", "theirs"]).expect_code(0);
    let notes: String = open(&ours)
        .connection()
        .query_row("SELECT notes FROM partners WHERE uuid = ?1", [uuid], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(notes, "from the workshop, edited");
}

#[test]
fn derived_figures_are_worked_out_again_after_a_merge_never_merged() {
    let sb = Sandbox::new();
    let (ours, theirs) = consultant_and_client(&sb);
    // Their copy rescores a partner: its fit here must follow.
    let (partner, criterion): (i64, i64) = open(&ours)
        .connection()
        .query_row(
            "SELECT s.partner_id, s.criterion_id FROM criterion_scores s \
             JOIN selection_criteria c ON c.id = s.criterion_id \
             WHERE c.is_gate = 0 AND s.score IS NOT NULL AND s.score != 1 LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    open(&theirs)
        .set_score(partner, criterion, Assessment::Score(1), "rescored", None)
        .unwrap();
    let fit = |path: &Path| -> Option<f64> {
        open(path)
            .connection()
            .query_row(
                "SELECT fit_score FROM partners WHERE id = ?1",
                [partner],
                |r| r.get(0),
            )
            .unwrap()
    };
    let (before, theirs_fit) = (fit(&ours), fit(&theirs));
    assert_ne!(before, theirs_fit, "the rescoring must move the fit");
    let back = returned(&sb, &theirs);
    merge(&sb, &ours, &back, &[]).expect_code(0);
    assert_eq!(fit(&ours), theirs_fit);
}

#[test]
fn a_copy_holding_values_that_cannot_be_stored_is_refused_whole() {
    let sb = Sandbox::new();
    let ours = sb.file("ours.partnerplan");
    run(&sb, &[os("demo"), ours.as_os_str()]).expect_code(0);
    let copy = sb.file("copy.partnerplan");
    run(&sb, &[os("send"), ours.as_os_str(), copy.as_os_str()]).expect_code(0);
    // Another tool wrote an impossible date and an escape sequence into their copy.
    support::plain(&copy)
        .execute_batch(
            "UPDATE partners SET agreement_end = '2026-02-30' WHERE name = 'Brightrail Integration';
             UPDATE risks SET owner = 'Eve' || char(27) || ']0;owned' WHERE code = 'R-003';",
        )
        .unwrap();
    let before = std::fs::read(&ours).unwrap();
    // Opening reads every value as `check` does, so the copy is refused before anything is
    // compared: a refused file (exit 2) that names the value, the way out, and what is unchanged.
    let run = merge(&sb, &ours, &copy, &[]);
    run.expect_code(2).stderr_mentions(&[
        "copy.partnerplan",
        "partners.agreement_end",
        "not a date that exists",
        "not changed",
    ]);
    assert!(
        !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
        "an escape sequence reached the terminal"
    );
    merge(&sb, &ours, &copy, &["--prefer", "theirs"]).expect_code(2);
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}
