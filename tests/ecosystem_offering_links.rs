//! An offering's several goals and KPIs (schema step 9), on temporary files: a step-8 workbook's
//! single goal and KPI become links on opening; links are journaled with undo and redo; the TOML
//! text round-trips byte for byte and an older text's single `goal` / `kpi` keys still import
//! (read whole and piece by piece) as the same links the migration makes; a three-way merge
//! where both copies link different goals keeps both; `check` counts the links.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use partnerplan::plan::ecosystem::OfferingDraft;
use partnerplan::workbook::layout::retired_link_uuid;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, plain};

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

fn ids(wb: &Workbook, sql: &str) -> Vec<i64> {
    let mut stmt = wb.connection().prepare(sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn count(wb: &Workbook, table: &str) -> i64 {
    wb.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The demo's offering of `name`: (id, uuid, draft).
fn offering(wb: &Workbook, name: &str) -> (i64, String, OfferingDraft) {
    let o = wb
        .offerings()
        .unwrap()
        .into_iter()
        .find(|o| o.offering.name == name)
        .unwrap();
    (o.id, o.uuid, o.offering)
}

const OFFERING: &str = "Predictive Maintenance Suite";

/// Turns a workbook of today's schema back into what step 8 left: each offering's first goal and
/// KPI in its own columns, no link tables, the indexes step 9 dropped, `user_version` 8, and
/// nothing later steps added (step 10's scenarios; step 11's margins, investment dates and KPI
/// benchmark columns; step 12's forums; step 13's joint plans; step 14's trend radar; step 15's
/// programmes per partner type).
fn back_to_step_8(path: &Path) {
    let conn = plain(path);
    conn.execute_batch(
        "DROP INDEX resources_by_invested_on; \
         ALTER TABLE value_log DROP COLUMN margin_minor; \
         ALTER TABLE partners DROP COLUMN margin_rate; \
         ALTER TABLE resources DROP COLUMN invested_on; \
         ALTER TABLE kpis DROP COLUMN definition; \
         ALTER TABLE kpis DROP COLUMN benchmark_key; \
         ALTER TABLE kpis DROP COLUMN benchmark_low; \
         ALTER TABLE kpis DROP COLUMN benchmark_typical; \
         ALTER TABLE kpis DROP COLUMN benchmark_high; \
         ALTER TABLE kpis DROP COLUMN benchmark_peer_group; \
         ALTER TABLE kpis DROP COLUMN benchmark_source; \
         ALTER TABLE kpis DROP COLUMN benchmark_as_of;",
    )
    .unwrap();
    conn.execute_batch(
        "UPDATE offerings SET \
           goal_id = (SELECT goal_id FROM offering_goals l WHERE l.offering_id = offerings.id \
                      ORDER BY l.id LIMIT 1), \
           kpi_id = (SELECT kpi_id FROM offering_kpis l WHERE l.offering_id = offerings.id \
                     ORDER BY l.id LIMIT 1); \
         DELETE FROM change_journal_rows; DELETE FROM change_journal; \
         DROP TABLE offering_goals; DROP TABLE offering_kpis; \
         DROP TABLE scenario_events; DROP TABLE scenarios; \
         DROP TABLE forum_rules; DROP TABLE forum_members; DROP TABLE forums; \
         DROP TABLE joint_goal_kpis; DROP TABLE joint_goal_offerings; \
         DROP TABLE joint_commitments; DROP TABLE joint_milestones; DROP TABLE joint_goals; \
         DROP TABLE trend_links; DROP TABLE trend_actions; DROP TABLE trends; \
         DROP TABLE onboarding_item_types; DROP TABLE criterion_type_weights; \
         DROP TABLE type_programmes; \
         CREATE INDEX offerings_by_goal ON offerings (goal_id); \
         CREATE INDEX offerings_by_kpi ON offerings (kpi_id); \
         PRAGMA user_version = 8;",
    )
    .unwrap();
}

/// The text's `[[offering_goals]]` and `[[offering_kpis]]` records, as written.
fn link_records(text: &str) -> Vec<&str> {
    text.split("\n\n")
        .filter(|block| {
            let block = block.trim_start();
            block.starts_with("[[offering_goals]]") || block.starts_with("[[offering_kpis]]")
        })
        .collect()
}

/// `text` as a version before step 9 wrote it: no link records, each offering's goal and KPI as
/// its own `goal` / `kpi` key.
fn as_older_text(text: &str) -> String {
    let mut keys: Vec<(String, String)> = Vec::new();
    for block in link_records(text) {
        let value = |key: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} = ")))
                .unwrap()
                .to_string()
        };
        let key = if block.contains("[[offering_goals]]") {
            "goal"
        } else {
            "kpi"
        };
        keys.push((value("offering"), format!("{key} = {}", value(key))));
    }
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let trimmed = block.trim_start();
        if trimmed.starts_with("[[offering_goals]]") || trimmed.starts_with("[[offering_kpis]]") {
            continue;
        }
        let mut block = block.to_string();
        if trimmed.starts_with("[[offerings]]") {
            for (offering, line) in &keys {
                let at = format!("uuid = {offering}\n");
                if block.contains(&at) {
                    block = block.replace(&at, &format!("{at}{line}\n"));
                }
            }
        }
        out.push(block);
    }
    out.join("\n\n")
}

#[test]
fn a_step_8_workbook_keeps_each_offerings_goal_and_kpi_as_links() {
    let sb = Sandbox::new();
    let path = demo(&sb, "old.partnerplan");
    let (goal, kpi) = {
        let wb = open(&path);
        let (_, _, draft) = offering(&wb, OFFERING);
        (draft.goals[0], draft.kpis[0])
    };
    back_to_step_8(&path);
    let wb = open(&path);
    let (id, uuid, draft) = offering(&wb, OFFERING);
    assert_eq!((draft.goals, draft.kpis), (vec![goal], vec![kpi]));
    assert_eq!(
        count(&wb, "offering_goals"),
        6,
        "one goal link per demo offering"
    );
    assert_eq!(count(&wb, "offering_kpis"), 6);
    let (goal_uuid, kpi_uuid): (String, String) = wb
        .connection()
        .query_row(
            "SELECT g.uuid, k.uuid FROM offering_goals g JOIN offering_kpis k \
             ON k.offering_id = g.offering_id WHERE g.offering_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(goal_uuid, retired_link_uuid(&uuid, "offering_goals"));
    assert_eq!(kpi_uuid, retired_link_uuid(&uuid, "offering_kpis"));
    assert_ne!(goal_uuid, uuid);
    assert!(
        ids(
            &wb,
            "SELECT id FROM offerings WHERE goal_id IS NOT NULL OR kpi_id IS NOT NULL"
        )
        .is_empty(),
        "the old columns are emptied once their values are links"
    );
    drop(wb);
    sb.run([os("check"), path.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["offering_goals", "offering_kpis"]);
    // Another tool setting an old column is a note of `check`, still ok.
    plain(&path)
        .execute(
            "UPDATE offerings SET goal_id = ?1 WHERE id = ?2",
            [goal, id],
        )
        .unwrap();
    sb.run([os("check"), path.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["no longer reads", OFFERING]);
}

#[test]
fn goals_and_kpis_are_linked_and_unlinked_in_one_change_with_undo_and_redo() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    let mut wb = open(&path);
    let goals = ids(&wb, "SELECT id FROM goals ORDER BY id");
    let kpis = ids(&wb, "SELECT id FROM kpis ORDER BY id");
    let (id, _, before) = offering(&wb, OFFERING);
    let links = (count(&wb, "offering_goals"), count(&wb, "offering_kpis"));

    let edited = OfferingDraft {
        goals: vec![goals[0], goals[2], goals[0]],
        kpis: vec![kpis[3], kpis[4]],
        ..before.clone()
    };
    wb.update_offering(id, &edited).unwrap();
    let (_, _, after) = offering(&wb, OFFERING);
    let sorted = |mut v: Vec<i64>| {
        v.sort_unstable();
        v
    };
    assert_eq!(
        sorted(after.goals.clone()),
        sorted(vec![goals[0], goals[2]])
    );
    assert_eq!(sorted(after.kpis.clone()), sorted(vec![kpis[3], kpis[4]]));

    wb.undo().unwrap().unwrap();
    assert_eq!(offering(&wb, OFFERING).2, before, "undo restores the links");
    assert_eq!(
        (count(&wb, "offering_goals"), count(&wb, "offering_kpis")),
        links
    );
    wb.redo().unwrap().unwrap();
    let (_, _, redone) = offering(&wb, OFFERING);
    assert_eq!((redone.goals.len(), redone.kpis.len()), (2, 2));

    // A deleted goal only unlinks; undo brings the goal and its links back.
    let linked_to_goal = |wb: &Workbook| {
        wb.connection()
            .query_row(
                "SELECT count(*) FROM offering_goals WHERE goal_id = ?1",
                [goals[2]],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
    };
    assert_eq!(linked_to_goal(&wb), 1);
    wb.delete_goal(goals[2]).unwrap();
    assert_eq!(linked_to_goal(&wb), 0);
    assert_eq!(offering(&wb, OFFERING).2.goals.len(), 1);
    wb.undo().unwrap().unwrap();
    assert_eq!(linked_to_goal(&wb), 1);

    // A new offering with links; undo takes it and them away.
    let links = (count(&wb, "offering_goals"), count(&wb, "offering_kpis"));
    wb.add_offering(&OfferingDraft {
        name: "Spare-parts marketplace".into(),
        goals: vec![goals[1]],
        kpis: vec![kpis[0], kpis[1]],
        ..OfferingDraft::default()
    })
    .unwrap();
    assert_eq!(
        (count(&wb, "offering_goals"), count(&wb, "offering_kpis")),
        (links.0 + 1, links.1 + 2)
    );
    wb.undo().unwrap().unwrap();
    assert_eq!(
        (count(&wb, "offering_goals"), count(&wb, "offering_kpis")),
        links
    );

    // A goal that is gone is refused with the way out, and nothing is written.
    let err = wb
        .update_offering(
            id,
            &OfferingDraft {
                goals: vec![999_999],
                ..before
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("pick its goals again"), "{err}");
}

#[test]
fn the_text_round_trips_byte_for_byte_and_an_older_text_imports_as_the_same_links() {
    let sb = Sandbox::new();
    let path = demo(&sb, "plan.partnerplan");
    {
        let mut wb = open(&path);
        let goals = ids(&wb, "SELECT id FROM goals ORDER BY id");
        let kpis = ids(&wb, "SELECT id FROM kpis ORDER BY id");
        let (id, _, draft) = offering(&wb, OFFERING);
        wb.update_offering(
            id,
            &OfferingDraft {
                goals: goals[..3].to_vec(),
                kpis: kpis[..2].to_vec(),
                ..draft
            },
        )
        .unwrap();
    }
    let first = sb.export_toml(&path, "first.toml");
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([os("import"), rebuilt.as_os_str(), first.as_os_str()])
        .expect_code(0);
    let second = sb.export_toml(&rebuilt, "second.toml");
    let (a, b) = (
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
    );
    assert_eq!(link_records(&a).len(), 6 + 6 + 2 + 1, "{a}");
    assert_eq!(a, b, "export → import → export gives the same bytes");

    // An older text: a migrated workbook's links come back from its `goal` / `kpi` keys with
    // the UUIDs the migration gave them.
    let old = demo(&sb, "old.partnerplan");
    back_to_step_8(&old);
    drop(open(&old));
    let migrated = std::fs::read_to_string(sb.export_toml(&old, "migrated.toml")).unwrap();
    let older = sb.file("older.toml");
    std::fs::write(&older, as_older_text(&migrated)).unwrap();
    assert!(link_records(&std::fs::read_to_string(&older).unwrap()).is_empty());
    let from_old = sb.file("from-old.partnerplan");
    sb.run([os("import"), from_old.as_os_str(), older.as_os_str()])
        .expect_code(0);
    let again = std::fs::read_to_string(sb.export_toml(&from_old, "again.toml")).unwrap();
    assert_eq!(link_records(&again), link_records(&migrated));
    assert_eq!(link_records(&again).len(), 12);

    // The same older text read whole (a merge reads its copy so): nothing to merge.
    sb.run([
        os("merge"),
        old.as_os_str(),
        older.as_os_str(),
        os("--dry-run"),
    ])
    .expect_code(0)
    .stdout_mentions(&["Nothing to merge"]);

    // A goal key that leads nowhere is refused at its line and key.
    let older_text = as_older_text(&migrated);
    let at = older_text.find("[[offerings]]").unwrap();
    let (head, tail) = older_text.split_at(at);
    let start = tail.find("\ngoal = \"").unwrap() + "\ngoal = \"".len();
    let broken = format!(
        "{head}{}00000000-0000-4000-8000-000000000000{}",
        &tail[..start],
        &tail[start + 36..]
    );
    let broken_file = sb.file("broken.toml");
    std::fs::write(&broken_file, broken).unwrap();
    sb.run([
        os("import"),
        sb.file("nothing.partnerplan").as_os_str(),
        broken_file.as_os_str(),
    ])
    .expect_code(1)
    .stderr_mentions(&["offerings[1].goal"]);
}

#[test]
fn a_merge_where_both_copies_link_different_goals_keeps_both() {
    let sb = Sandbox::new();
    let ours = demo(&sb, "consultant.partnerplan");
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    let (goals, start) = {
        let wb = open(&ours);
        (
            ids(&wb, "SELECT id FROM goals ORDER BY id"),
            offering(&wb, OFFERING).2,
        )
    };
    let free: Vec<i64> = goals
        .iter()
        .copied()
        .filter(|g| !start.goals.contains(g))
        .collect();
    assert!(free.len() >= 3, "the demo has goals no offering serves");
    // Ours links free goals 0 and 2, theirs 1 and 2: goal 2 is the same link added apart.
    for (path, added) in [(&ours, [free[0], free[2]]), (&theirs, [free[1], free[2]])] {
        let mut wb = open(path);
        let (id, _, draft) = offering(&wb, OFFERING);
        let mut with = draft.goals.clone();
        with.extend(added);
        wb.update_offering(
            id,
            &OfferingDraft {
                goals: with,
                ..draft
            },
        )
        .unwrap();
    }
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["goal link"]);
    let wb = open(&ours);
    let merged = offering(&wb, OFFERING).2;
    let mut want = start.goals.clone();
    want.extend([free[0], free[1], free[2]]);
    want.sort_unstable();
    let mut got = merged.goals.clone();
    got.sort_unstable();
    assert_eq!(got, want, "both copies' goals, the shared one once");
    // A diff of the two files names the goal the client linked, in the ecosystem's words.
    sb.run([os("diff"), sent.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["goal served", OFFERING]);
}
