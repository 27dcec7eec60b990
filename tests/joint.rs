//! Joint plans (schema step 12) on temporary files: goals, commitments and milestones are
//! journaled with undo and redo; a check-in that marks a milestone done is one change; the TOML
//! text round-trips byte for byte and refuses a commitment that is neither ours nor theirs; a
//! three-way merge keeps a milestone each copy added and the edit one made; diff and `check`
//! name them; the conflict check reads the workbook's KPIs, hub goals and offerings.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::joint::conflicts::ConflictKind;
use partnerplan::plan::joint::{
    CommitmentDraft, GoalKpi, JointGoalDraft, MilestoneDraft, MilestoneProgress,
};
use partnerplan::plan::kpi::Direction;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn demo(sb: &Sandbox, name: &str) -> PathBuf {
    let path = sb.file(name);
    sb.run([os("demo"), path.as_os_str()]).expect_code(0);
    path
}

fn id_of(wb: &Workbook, sql: &str) -> i64 {
    wb.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn partner(wb: &Workbook, name: &str) -> i64 {
    id_of(
        wb,
        &format!("SELECT id FROM partners WHERE name = '{name}'"),
    )
}

const ALLIANCE: &str = "Granary Works Alliance";
const VENTURE: &str = "Orrin Vel Analytics";

fn goal(title: &str) -> JointGoalDraft {
    JointGoalDraft {
        title: title.into(),
        commitment: "Both put two people on it for a quarter.".into(),
        due_on: Some("2027-06-30".into()),
        status: "planned".into(),
        ..JointGoalDraft::default()
    }
}

fn milestone(title: &str, due: &str) -> MilestoneDraft {
    MilestoneDraft {
        title: title.into(),
        due_on: Some(due.into()),
        status: "planned".into(),
        ..MilestoneDraft::default()
    }
}

#[test]
fn a_joint_plan_is_written_in_changes_that_undo_and_redo() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    let mut wb = open(&path);
    let p = partner(&wb, ALLIANCE);
    let before = wb.joint_plan(p).unwrap();
    let g = wb.add_joint_goal(p, &goal("Grain-sensing pilot")).unwrap();
    let c = wb
        .save_commitment(
            p,
            None,
            &CommitmentDraft {
                goal: Some(g),
                side: "theirs".into(),
                what: "Three pilot farms".into(),
                due_on: None,
                status: "open".into(),
            },
        )
        .unwrap();
    let m = wb
        .save_milestone(
            p,
            None,
            &MilestoneDraft {
                goal: Some(g),
                ..milestone("Sensors installed", "2027-02-15")
            },
        )
        .unwrap();
    let plan = wb.joint_plan(p).unwrap();
    assert_eq!(plan.goals.len(), before.goals.len() + 1);
    let stored = plan.goals.iter().find(|r| r.id == g).unwrap();
    assert_eq!(stored.goal.title, "Grain-sensing pilot");
    let commitment = plan.commitments.iter().find(|r| r.id == c).unwrap();
    assert_eq!(
        commitment.goal_title.as_deref(),
        Some("Grain-sensing pilot")
    );
    assert_eq!(
        plan.milestones
            .iter()
            .find(|r| r.id == m)
            .unwrap()
            .milestone
            .due_on
            .as_deref(),
        Some("2027-02-15")
    );

    // Refused drafts write nothing and say why.
    let err = wb
        .add_joint_goal(
            p,
            &JointGoalDraft {
                due_on: Some("2027-02-30".into()),
                ..goal("Bad date")
            },
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("2027-02-30"), "{err}");
    let other = partner(&wb, VENTURE);
    let err = wb
        .save_milestone(
            other,
            None,
            &MilestoneDraft {
                goal: Some(g),
                ..milestone("Not theirs", "2027-03-01")
            },
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no longer exists in this partner's plan"),
        "{err}"
    );

    // Undo walks back the milestone, the commitment and the goal; redo brings them again.
    for _ in 0..3 {
        wb.undo().unwrap().unwrap();
    }
    assert_eq!(wb.joint_plan(p).unwrap(), before);
    for _ in 0..3 {
        wb.redo().unwrap().unwrap();
    }
    assert_eq!(wb.joint_plan(p).unwrap(), plan);

    // Deleting the goal leaves its milestone unlinked; undo links it again.
    wb.delete_joint("joint_goals", g).unwrap();
    let after = wb.joint_plan(p).unwrap();
    assert_eq!(
        after
            .milestones
            .iter()
            .find(|r| r.id == m)
            .unwrap()
            .milestone
            .goal,
        None
    );
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.joint_plan(p).unwrap(), plan);

    // Deleting the partner takes its whole joint plan; undo brings it back, links and all.
    wb.delete_partner(p).unwrap();
    assert_eq!(
        id_of(
            &wb,
            "SELECT count(*) FROM joint_goals WHERE title = 'Grain-sensing pilot'"
        ),
        0
    );
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.joint_plan(p).unwrap(), plan);
}

#[test]
fn a_checkin_marks_a_milestone_done_in_the_same_change() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    let mut wb = open(&path);
    let p = partner(&wb, ALLIANCE);
    let m = wb
        .save_milestone(p, None, &milestone("Contract signed", "2027-01-10"))
        .unwrap();
    let checkins = wb.checkins(p).unwrap().len();
    let day = jiff::civil::date(2027, 1, 8);
    wb.add_checkin_with_progress(
        p,
        day,
        "Signed two days early.",
        Some((m, MilestoneProgress::Done("2027-01-08".into()))),
    )
    .unwrap();
    let done = wb.milestone(m).unwrap().milestone;
    assert_eq!(
        (done.status.as_str(), done.done_on.as_deref()),
        ("done", Some("2027-01-08"))
    );
    assert_eq!(wb.checkins(p).unwrap().len(), checkins + 1);
    // One undo takes back both.
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.checkins(p).unwrap().len(), checkins);
    assert_eq!(wb.milestone(m).unwrap().milestone.status, "planned");
    // A milestone of another partner is refused, and nothing is logged.
    let other = partner(&wb, VENTURE);
    let theirs = wb.checkins(other).unwrap().len();
    let err = wb
        .add_checkin_with_progress(
            other,
            day,
            "Wrong plan.",
            Some((m, MilestoneProgress::Moved("2027-03-01".into()))),
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("another partner's plan"), "{err}");
    assert_eq!(wb.checkins(other).unwrap().len(), theirs);
    assert_eq!(
        wb.milestone(m).unwrap().milestone.due_on.as_deref(),
        Some("2027-01-10")
    );
}

#[test]
fn the_text_round_trips_and_refuses_a_side_that_is_neither_ours_nor_theirs() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    {
        let mut wb = open(&path);
        let p = partner(&wb, VENTURE);
        let kpi = id_of(&wb, "SELECT id FROM kpis ORDER BY id LIMIT 1");
        let g = wb
            .add_joint_goal(
                p,
                &JointGoalDraft {
                    kpis: vec![GoalKpi {
                        kpi,
                        wants: Some(Direction::Higher),
                        target: Some(12.5),
                    }],
                    segment: "Food plants".into(),
                    ..goal("Shared model in production")
                },
            )
            .unwrap();
        wb.save_commitment(
            p,
            None,
            &CommitmentDraft {
                goal: Some(g),
                side: "ours".into(),
                what: "Sensor data from ten plants".into(),
                due_on: Some("2027-04-01".into()),
                status: "open".into(),
            },
        )
        .unwrap();
    }
    let first = sb.export_toml(&path, "first.toml");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("[[joint_goals]]"), "{text}");
    assert!(text.contains("kpi_direction = \"higher\""));
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([os("import"), rebuilt.as_os_str(), first.as_os_str()])
        .expect_code(0);
    let second = std::fs::read_to_string(sb.export_toml(&rebuilt, "second.toml")).unwrap();
    assert_eq!(
        text, second,
        "export → import → export gives the same bytes"
    );

    let broken = text.replacen("side = \"ours\"", "side = \"both\"", 1);
    assert_ne!(broken, text);
    let broken_file = sb.file("broken.toml");
    std::fs::write(&broken_file, broken).unwrap();
    sb.run([
        os("import"),
        sb.file("nothing.partnerplan").as_os_str(),
        broken_file.as_os_str(),
    ])
    .expect_code(1)
    .stderr_mentions(&["joint_commitments", "side", "ours"]);
    assert!(!sb.file("nothing.partnerplan").exists());

    sb.run([os("check"), rebuilt.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["joint_goals", "joint_commitments"]);

    // What another tool may write, `check` names without changing the file.
    let conn = support::plain(&rebuilt);
    conn.execute_batch(
        "UPDATE joint_commitments SET status = 'someday'; \
         UPDATE joint_goals SET partner_id = (SELECT min(id) FROM partners);",
    )
    .unwrap();
    drop(conn);
    sb.run([os("check"), rebuilt.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&[
            "belong to a joint goal of another partner",
            "joint commitment(s) have a status partnerplan does not know",
        ]);
}

#[test]
fn a_merge_keeps_what_each_copy_added_and_diff_names_it() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "consultant.partnerplan");
    let m = {
        let mut wb = open(&ours);
        let p = partner(&wb, ALLIANCE);
        wb.save_milestone(p, None, &milestone("Kick-off", "2027-01-20"))
            .unwrap()
    };
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    {
        let mut wb = open(&ours);
        let p = partner(&wb, ALLIANCE);
        wb.save_milestone(p, None, &milestone("Pilot report", "2027-05-01"))
            .unwrap();
    }
    {
        let mut wb = open(&theirs);
        let p = partner(&wb, ALLIANCE);
        wb.save_milestone(p, None, &milestone("Farm visits", "2027-03-01"))
            .unwrap();
        let kick_off = id_of(
            &wb,
            "SELECT id FROM joint_milestones WHERE title = 'Kick-off'",
        );
        wb.save_milestone(
            p,
            Some(kick_off),
            &MilestoneDraft {
                status: "done".into(),
                done_on: Some("2027-01-21".into()),
                ..milestone("Kick-off", "2027-01-20")
            },
        )
        .unwrap();
    }
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("diff"), sent.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["Joint plans", "Farm visits", ALLIANCE]);
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["joint milestone"]);
    let wb = open(&ours);
    let p = partner(&wb, ALLIANCE);
    let titles: Vec<String> = wb
        .joint_plan(p)
        .unwrap()
        .milestones
        .into_iter()
        .map(|r| r.milestone.title)
        .collect();
    for want in ["Kick-off", "Farm visits", "Pilot report"] {
        assert!(titles.iter().any(|t| t == want), "{want} in {titles:?}");
    }
    assert_eq!(wb.milestone(m).unwrap().milestone.status, "done");
}

#[test]
fn the_conflict_check_reads_kpis_hub_goals_and_roles_from_the_workbook() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    let mut wb = open(&path);
    let (a, b) = (partner(&wb, ALLIANCE), partner(&wb, VENTURE));
    let baseline_conflicts = wb.joint_conflicts().unwrap().len();
    let kpi = id_of(
        &wb,
        "SELECT id FROM kpis WHERE name = 'Escalations caused by partners'",
    );
    let role = id_of(
        &wb,
        "SELECT id FROM roles WHERE is_hub = 0 ORDER BY id LIMIT 1",
    );
    wb.add_joint_goal(
        a,
        &JointGoalDraft {
            kpis: vec![GoalKpi {
                kpi,
                wants: Some(Direction::Higher),
                target: None,
            }],
            role: Some(role),
            ..goal("Report every escalation")
        },
    )
    .unwrap();
    wb.add_joint_goal(
        b,
        &JointGoalDraft {
            role: Some(role),
            ..goal("Own the same role")
        },
    )
    .unwrap();
    let found = wb.joint_conflicts().unwrap();
    assert_eq!(found.len(), baseline_conflicts + 2, "{found:#?}");
    let against = found
        .iter()
        .find(|c| c.kind == ConflictKind::AgainstHub && c.involves(a))
        .unwrap();
    assert!(
        against
            .text
            .contains("Escalations caused by partners higher"),
        "{}",
        against.text
    );
    let role_conflict = found
        .iter()
        .find(|c| c.kind == ConflictKind::SameRole)
        .unwrap();
    assert!(role_conflict.involves(a) && role_conflict.involves(b));
    assert!(role_conflict.text.contains(ALLIANCE) && role_conflict.text.contains(VENTURE));
}

#[test]
fn a_merge_where_they_deleted_a_goal_ours_still_links_keeps_our_part_unlinked() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "consultant.partnerplan");
    let goal = {
        let mut wb = open(&ours);
        let p = partner(&wb, ALLIANCE);
        wb.add_joint_goal(p, &goal("Shared warehouse")).unwrap()
    };
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    {
        let mut wb = open(&ours);
        let p = partner(&wb, ALLIANCE);
        wb.save_milestone(
            p,
            None,
            &MilestoneDraft {
                goal: Some(goal),
                ..milestone("Lease signed", "2027-04-01")
            },
        )
        .unwrap();
    }
    {
        let mut wb = open(&theirs);
        let g = id_of(
            &wb,
            "SELECT id FROM joint_goals WHERE title = 'Shared warehouse'",
        );
        wb.delete_joint("joint_goals", g).unwrap();
    }
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(1)
        .stdout_mentions(&["deleted in theirs, but ours changed 1 record linked to it"]);
    sb.run([
        os("merge"),
        ours.as_os_str(),
        back.as_os_str(),
        os("--prefer"),
        os("theirs"),
    ])
    .expect_code(0);
    let wb = open(&ours);
    let (goals, linked): (i64, Option<i64>) = wb
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM joint_goals WHERE title = 'Shared warehouse'), \
             (SELECT joint_goal_id FROM joint_milestones WHERE title = 'Lease signed')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Their delete wins; our milestone stays, unlinked.
    assert_eq!((goals, linked), (0, None));
    assert_eq!(
        id_of(
            &wb,
            "SELECT count(*) FROM joint_milestones WHERE title = 'Lease signed'"
        ),
        1
    );
}

#[test]
fn the_demo_has_joint_plans_without_conflict_in_the_report_and_the_guide() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    let out = sb.file("report.md");
    sb.run([
        os("report"),
        path.as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("--date"),
        os("2026-11-23"),
    ])
    .expect_code(0);
    let md = std::fs::read_to_string(&out).unwrap();
    let at = md.find("## Joint plans").expect("a Joint plans section");
    let section = &md[at..];
    for want in [
        "**Granary Works Alliance** — 2 joint goals · 4 commitments (2 ours, 2 theirs) · 3 \
         milestones, 1 done",
        "- Energy monitoring in 20 member plants — on track, due 2027-06-30",
        "**Orrin Vel Analytics** — 1 joint goal",
    ] {
        assert!(section.contains(want), "{want:?} in\n{section}");
    }
    assert!(!section.contains("### Conflicts"), "{section}");

    let mut wb = open(&path);
    assert!(wb.joint_conflicts().unwrap().is_empty());
    // Step 4 of the hybrid demo: both active strategic partners hold a joint goal.
    let bands = partnerplan::plan::risk::Bands::default();
    let facts = wb.guide_facts(&bands).unwrap();
    assert_eq!(facts.joint.strategic_partners, 2);
    assert_eq!(facts.joint.joint_goals, 3);
    assert!(facts.joint.without_joint_goal.is_empty());
    // One goal dropped: the venture is named as missing one.
    let venture = partner(&wb, VENTURE);
    let g = wb.joint_plan(venture).unwrap().goals[0].clone();
    wb.update_joint_goal(
        g.id,
        &JointGoalDraft {
            status: "dropped".into(),
            ..g.goal
        },
    )
    .unwrap();
    let facts = wb.guide_facts(&bands).unwrap();
    assert_eq!(facts.joint.without_joint_goal.first()[0].name, VENTURE);
}
