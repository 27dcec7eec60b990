//! A joint goal's several KPIs and offerings (schema step 16) on temporary files: a step-15
//! workbook's single links become link records with the UUIDs an older TOML file's keys are read
//! into; links are journaled (edit, delete of the goal, of the partner, of a KPI, each undone);
//! the TOML round-trips them and an older file's `kpi` / `offering` keys become them; a merge
//! takes the same link added in both copies as one; diff names them; `check` counts them; the
//! conflict check reads every link.

mod support;

use std::ffi::OsStr;
use std::path::Path;

use partnerplan::plan::joint::conflicts::ConflictKind;
use partnerplan::plan::joint::{GoalKpi, JointGoalDraft};
use partnerplan::plan::kpi::Direction;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::Sandbox;

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn id_of(wb: &Workbook, sql: &str) -> i64 {
    wb.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The UUID of the joint goal called `title`.
fn goal_uuid(wb: &Workbook, title: &str) -> String {
    wb.connection()
        .query_row(
            "SELECT uuid FROM joint_goals WHERE title = ?1",
            [title],
            |r| r.get(0),
        )
        .unwrap()
}

fn named(wb: &Workbook, table: &str, name: &str) -> i64 {
    id_of(wb, &format!("SELECT id FROM {table} WHERE name = '{name}'"))
}

const VENTURE: &str = "Orrin Vel Analytics";
const ENERGY: &str = "Energy saved at customer plants";
const ESCALATIONS: &str = "Escalations caused by partners";

fn aim(kpi: i64, wants: Option<Direction>, target: Option<f64>) -> GoalKpi {
    GoalKpi { kpi, wants, target }
}

/// The venture's goal linked to two KPIs and two offerings; returns its id.
fn two_of_each(wb: &mut Workbook) -> i64 {
    let p = named(wb, "partners", VENTURE);
    let energy = named(wb, "kpis", ENERGY);
    let escalations = named(wb, "kpis", ESCALATIONS);
    let monitor = named(wb, "offerings", "Plant Energy Monitor");
    let suite = named(wb, "offerings", "Predictive Maintenance Suite");
    wb.add_joint_goal(
        p,
        &JointGoalDraft {
            title: "Models that save energy and calls".into(),
            status: "planned".into(),
            kpis: vec![
                aim(energy, Some(Direction::Higher), Some(900.0)),
                aim(escalations, None, Some(3.0)),
            ],
            offerings: vec![suite, monitor],
            ..JointGoalDraft::default()
        },
    )
    .unwrap()
}

fn goal(wb: &Workbook, id: i64) -> JointGoalDraft {
    let p = named(wb, "partners", VENTURE);
    wb.joint_plan(p)
        .unwrap()
        .goals
        .into_iter()
        .find(|g| g.id == id)
        .map(|g| g.goal)
        .unwrap()
}

fn count(wb: &Workbook, table: &str) -> i64 {
    id_of(wb, &format!("SELECT count(*) FROM {table}"))
}

#[test]
fn links_are_journaled_with_the_goal_the_partner_and_the_kpi() {
    let sb = Sandbox::new();
    let path = sb.demo("plan.partnerplan");
    let mut wb = open(&path);
    let (kpis, offerings) = (
        count(&wb, "joint_goal_kpis"),
        count(&wb, "joint_goal_offerings"),
    );
    let g = two_of_each(&mut wb);
    let added = goal(&wb, g);
    assert_eq!(added.kpis.len(), 2);
    assert_eq!(added.kpis[0].wants, Some(Direction::Higher));
    assert_eq!(added.kpis[1].target, Some(3.0));
    assert_eq!(added.offerings.len(), 2);
    let record = wb
        .joint_plan(named(&wb, "partners", VENTURE))
        .unwrap()
        .goals
        .into_iter()
        .find(|r| r.id == g)
        .unwrap();
    assert_eq!(record.kpi_names, [ENERGY, ESCALATIONS]);
    assert_eq!(
        record.offering_names,
        ["Predictive Maintenance Suite", "Plant Energy Monitor"]
    );

    // An edit keeps one KPI (with a new target), drops the other and one offering.
    let edited = JointGoalDraft {
        kpis: vec![aim(added.kpis[0].kpi, Some(Direction::Higher), Some(950.0))],
        offerings: vec![added.offerings[1]],
        ..added.clone()
    };
    wb.update_joint_goal(g, &edited).unwrap();
    assert_eq!(goal(&wb, g).kpis, edited.kpis);
    assert_eq!(goal(&wb, g).offerings, edited.offerings);
    wb.undo().unwrap().unwrap();
    assert_eq!(goal(&wb, g), added, "undo puts every link back as it was");
    wb.redo().unwrap().unwrap();
    assert_eq!(goal(&wb, g).kpis, edited.kpis);
    wb.undo().unwrap().unwrap();

    // Deleting the goal takes its links; undo brings them back.
    wb.delete_joint("joint_goals", g).unwrap();
    assert_eq!(count(&wb, "joint_goal_kpis"), kpis);
    assert_eq!(count(&wb, "joint_goal_offerings"), offerings);
    wb.undo().unwrap().unwrap();
    assert_eq!(goal(&wb, g), added);

    // Deleting the partner takes its goals' links in the same change, and undo brings them.
    let p = named(&wb, "partners", VENTURE);
    wb.delete_partner(p).unwrap();
    assert_eq!(
        id_of(
            &wb,
            "SELECT count(*) FROM joint_goal_kpis WHERE partner_id NOT IN (SELECT id FROM partners)"
        ),
        0
    );
    assert!(count(&wb, "joint_goal_kpis") < kpis + 2);
    wb.undo().unwrap().unwrap();
    assert_eq!(goal(&wb, g), added);

    // Deleting a KPI takes the links to it only.
    let escalations = named(&wb, "kpis", ESCALATIONS);
    wb.delete_kpi(escalations).unwrap();
    assert_eq!(goal(&wb, g).kpis, added.kpis[..1]);
    wb.undo().unwrap().unwrap();
    assert_eq!(goal(&wb, g), added);
    drop(wb);
    sb.run([os("check"), path.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["joint_goal_kpis", "joint_goal_offerings"]);
}

#[test]
fn a_kpi_or_offering_linked_twice_is_refused_and_nothing_changes() {
    let sb = Sandbox::new();
    let path = sb.demo("plan.partnerplan");
    let mut wb = open(&path);
    let g = two_of_each(&mut wb);
    let before = goal(&wb, g);
    let twice = JointGoalDraft {
        kpis: vec![before.kpis[0], before.kpis[0]],
        ..before.clone()
    };
    let err = wb.update_joint_goal(g, &twice).unwrap_err().to_string();
    assert!(err.contains("linked twice"), "{err}");
    assert_eq!(goal(&wb, g), before);
}

/// Turns a workbook of today's schema back into what step 15 left: each joint goal's first KPI
/// and offering link back in its own columns, no link tables, `user_version` 15.
fn back_to_step_15(path: &Path) {
    support::plain(path)
        .execute_batch(
            "UPDATE joint_goals SET \
               kpi_id = (SELECT kpi_id FROM joint_goal_kpis l WHERE l.joint_goal_id = joint_goals.id ORDER BY l.id LIMIT 1), \
               kpi_direction = coalesce((SELECT kpi_direction FROM joint_goal_kpis l WHERE l.joint_goal_id = joint_goals.id ORDER BY l.id LIMIT 1), ''), \
               kpi_target = (SELECT kpi_target FROM joint_goal_kpis l WHERE l.joint_goal_id = joint_goals.id ORDER BY l.id LIMIT 1), \
               offering_id = (SELECT offering_id FROM joint_goal_offerings l WHERE l.joint_goal_id = joint_goals.id ORDER BY l.id LIMIT 1); \
             DELETE FROM change_journal_rows; DELETE FROM change_journal; \
             DROP TABLE joint_goal_kpis; DROP TABLE joint_goal_offerings; \
             CREATE INDEX joint_goals_by_kpi ON joint_goals (kpi_id); \
             CREATE INDEX joint_goals_by_offering ON joint_goals (offering_id); \
             PRAGMA user_version = 15;",
        )
        .unwrap();
}

/// The UUID an old single link becomes (schema step 16 and the TOML reader agree on it).
fn link_uuid(goal: &str, offering: bool) -> String {
    let mut chars: Vec<char> = goal.chars().collect();
    chars[14] = 'a';
    if offering {
        chars[19] = 'c';
    }
    chars.into_iter().collect()
}

#[test]
fn a_step_15_workbooks_single_links_become_link_records() {
    let sb = Sandbox::new();
    let path = sb.demo("old.partnerplan");
    let (goal_uuid, energy, monitor) = {
        let wb = open(&path);
        (
            goal_uuid(&wb, "Energy monitoring in 20 member plants"),
            named(&wb, "kpis", ENERGY),
            named(&wb, "offerings", "Plant Energy Monitor"),
        )
    };
    back_to_step_15(&path);
    {
        let conn = support::plain(&path);
        let (kpi, wants, target): (i64, String, f64) = conn
            .query_row(
                "SELECT kpi_id, kpi_direction, kpi_target FROM joint_goals WHERE uuid = ?1",
                [&goal_uuid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!((kpi, wants.as_str(), target), (energy, "higher", 800.0));
    }
    let wb = open(&path);
    let (uuid, kpi, wants, target): (String, i64, String, f64) = wb
        .connection()
        .query_row(
            "SELECT l.uuid, l.kpi_id, l.kpi_direction, l.kpi_target FROM joint_goal_kpis l \
             JOIN joint_goals g ON g.id = l.joint_goal_id WHERE g.uuid = ?1",
            [&goal_uuid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(uuid, link_uuid(&goal_uuid, false));
    assert_eq!((kpi, wants.as_str(), target), (energy, "higher", 800.0));
    let (uuid, offering): (String, i64) = wb
        .connection()
        .query_row(
            "SELECT l.uuid, l.offering_id FROM joint_goal_offerings l \
             JOIN joint_goals g ON g.id = l.joint_goal_id WHERE g.uuid = ?1",
            [&goal_uuid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(uuid, link_uuid(&goal_uuid, true));
    assert_eq!(offering, monitor);
    let left: i64 = id_of(
        &wb,
        "SELECT count(*) FROM joint_goals WHERE kpi_id IS NOT NULL OR offering_id IS NOT NULL \
         OR kpi_target IS NOT NULL OR kpi_direction != ''",
    );
    assert_eq!(left, 0, "the single columns are left empty");
}

#[test]
fn the_text_round_trips_links_and_an_older_files_keys_become_them() {
    let sb = Sandbox::new();
    let path = sb.demo("plan.partnerplan");
    let g = two_of_each(&mut open(&path));
    let first = sb.export_toml(&path, "first.toml");
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("[[joint_goal_kpis]]"), "{text}");
    assert!(text.contains("[[joint_goal_offerings]]"), "{text}");
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([os("import"), rebuilt.as_os_str(), first.as_os_str()])
        .expect_code(0);
    let second = std::fs::read_to_string(sb.export_toml(&rebuilt, "second.toml")).unwrap();
    assert_eq!(
        text, second,
        "export → import → export gives the same bytes"
    );
    assert_eq!(goal(&open(&rebuilt), g), goal(&open(&path), g));

    // The same plan as an older partnerplan wrote it: one KPI and one offering a joint goal,
    // as keys of the goal itself.
    let mut doc: toml::Table = text.parse().unwrap();
    let kpi_links = doc.remove("joint_goal_kpis").unwrap();
    let offering_links = doc.remove("joint_goal_offerings").unwrap();
    let goals = doc
        .get_mut("joint_goals")
        .and_then(toml::Value::as_array_mut)
        .unwrap();
    let mut moved = 0;
    for link in kpi_links.as_array().unwrap() {
        let goal = goals
            .iter_mut()
            .find(|g| g["uuid"] == link["joint_goal"])
            .unwrap()
            .as_table_mut()
            .unwrap();
        if goal.contains_key("kpi") {
            continue;
        }
        goal.insert("kpi".into(), link["kpi"].clone());
        goal.insert("kpi_direction".into(), link["kpi_direction"].clone());
        if let Some(target) = link.get("kpi_target") {
            goal.insert("kpi_target".into(), target.clone());
        }
        moved += 1;
    }
    for link in offering_links.as_array().unwrap() {
        let goal = goals
            .iter_mut()
            .find(|g| g["uuid"] == link["joint_goal"])
            .unwrap()
            .as_table_mut()
            .unwrap();
        if !goal.contains_key("offering") {
            goal.insert("offering".into(), link["offering"].clone());
            moved += 1;
        }
    }
    assert!(moved >= 4, "the demo's and the venture's goals: {moved}");
    let old = sb.file("old.toml");
    std::fs::write(&old, toml::to_string(&doc).unwrap()).unwrap();
    let from_old = sb.file("from-old.partnerplan");
    sb.run([os("import"), from_old.as_os_str(), old.as_os_str()])
        .expect_code(0);
    let wb = open(&from_old);
    let goal_uuid = goal_uuid(&wb, "Models that save energy and calls");
    let read = goal(&wb, g);
    assert_eq!(
        read.kpis,
        [aim(
            named(&wb, "kpis", ENERGY),
            Some(Direction::Higher),
            Some(900.0)
        )],
        "its first KPI, its way and target"
    );
    assert_eq!(read.offerings.len(), 1);
    let uuid: String = wb
        .connection()
        .query_row(
            "SELECT l.uuid FROM joint_goal_kpis l JOIN joint_goals g ON g.id = l.joint_goal_id \
             WHERE g.uuid = ?1",
            [&goal_uuid],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(uuid, link_uuid(&goal_uuid, false));

    // A way or target with no KPI beside it is refused with its line and key.
    let goals = doc
        .get_mut("joint_goals")
        .and_then(toml::Value::as_array_mut)
        .unwrap();
    let with_kpi = goals
        .iter_mut()
        .find(|g| g.get("kpi").is_some())
        .unwrap()
        .as_table_mut()
        .unwrap();
    with_kpi.remove("kpi");
    let orphan = sb.file("orphan.toml");
    std::fs::write(&orphan, toml::to_string(&doc).unwrap()).unwrap();
    sb.run([
        os("import"),
        sb.file("nothing.partnerplan").as_os_str(),
        orphan.as_os_str(),
    ])
    .expect_code(1)
    .stderr_mentions(&["line", "kpi_direction", "add its kpi key"]);
    assert!(!sb.file("nothing.partnerplan").exists());
}

#[test]
fn a_merge_takes_one_link_added_in_both_copies_and_diff_names_links() {
    let sb = Sandbox::new();
    let ours = sb.demo("consultant.partnerplan");
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    // Both copies link the same KPI to the alliance's metering goal; theirs adds an offering.
    let link = |path: &Path, offering: Option<&str>| {
        let mut wb = open(path);
        let g = id_of(
            &wb,
            "SELECT id FROM joint_goals WHERE title = 'Energy monitoring in 20 member plants'",
        );
        let mut draft = wb
            .joint_goals_all()
            .unwrap()
            .into_iter()
            .find(|(_, r)| r.id == g)
            .unwrap()
            .1
            .goal;
        draft.kpis.push(aim(
            named(&wb, "kpis", ESCALATIONS),
            Some(Direction::Lower),
            None,
        ));
        if let Some(name) = offering {
            draft.offerings.push(named(&wb, "offerings", name));
        }
        wb.update_joint_goal(g, &draft).unwrap();
    };
    link(&ours, None);
    link(&theirs, Some("Grid-Flex Demand Response"));
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("diff"), sent.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&[
            "Joint plans",
            "Energy monitoring in 20 member plants",
            "KPI moved",
            ESCALATIONS,
            "Grid-Flex Demand Response",
        ]);
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(0);
    let wb = open(&ours);
    let g = id_of(
        &wb,
        "SELECT id FROM joint_goals WHERE title = 'Energy monitoring in 20 member plants'",
    );
    let links: i64 = id_of(
        &wb,
        &format!(
            "SELECT count(*) FROM joint_goal_kpis WHERE joint_goal_id = {g} AND kpi_id = {}",
            named(&wb, "kpis", ESCALATIONS)
        ),
    );
    assert_eq!(links, 1, "the same link added on both sides is one");
    let offerings: i64 = id_of(
        &wb,
        &format!("SELECT count(*) FROM joint_goal_offerings WHERE joint_goal_id = {g}"),
    );
    assert_eq!(offerings, 2, "theirs added an offering");
}

#[test]
fn the_conflict_check_reads_a_goals_second_kpi_and_second_offering() {
    let sb = Sandbox::new();
    let path = sb.demo("plan.partnerplan");
    let mut wb = open(&path);
    let before = wb.joint_conflicts().unwrap();
    let p = named(&wb, "partners", VENTURE);
    let energy = named(&wb, "kpis", ENERGY);
    let escalations = named(&wb, "kpis", ESCALATIONS);
    wb.add_joint_goal(
        p,
        &JointGoalDraft {
            title: "More of everything".into(),
            status: "planned".into(),
            // The first KPI agrees with the hub; the second goes against it.
            kpis: vec![
                aim(energy, Some(Direction::Higher), None),
                aim(escalations, Some(Direction::Higher), None),
            ],
            ..JointGoalDraft::default()
        },
    )
    .unwrap();
    let found = wb.joint_conflicts().unwrap();
    let new: Vec<_> = found.iter().filter(|c| !before.contains(c)).collect();
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0].kind, ConflictKind::AgainstHub);
    assert!(new[0].text.contains(ESCALATIONS), "{}", new[0].text);
}

/// "Only a done milestone has a done date" holds whichever way a milestone enters: a TOML file
/// is refused at the line and key, a returned copy another tool wrote is not merged.
#[test]
fn a_done_date_on_a_milestone_not_done_is_refused_by_import_and_merge() {
    let sb = Sandbox::new();
    let path = sb.demo("plan.partnerplan");
    let text = std::fs::read_to_string(sb.export_toml(&path, "plan.toml")).unwrap();
    let done = "status = \"done\"\ndone_on = ";
    assert!(text.contains(done), "the demo has a done milestone");
    let broken = text.replacen(done, "status = \"in progress\"\ndone_on = ", 1);
    let line = broken[..broken.find("status = \"in progress\"\ndone_on").unwrap()]
        .matches('\n')
        .count()
        + 2;
    let file = sb.file("broken.toml");
    std::fs::write(&file, broken).unwrap();
    let nothing = sb.file("nothing.partnerplan");
    sb.run([os("import"), nothing.as_os_str(), file.as_os_str()])
        .expect_code(1)
        .stderr_mentions(&[
            &format!("line {line}, joint_milestones["),
            "].done_on: is set, but only a done milestone has a done date",
            "this one is in progress",
        ]);
    assert!(!nothing.exists(), "nothing is written");

    // A copy that comes back with such a milestone (another tool wrote it) is not merged.
    let theirs = sb.file("client.partnerplan");
    sb.run([os("send"), path.as_os_str(), theirs.as_os_str()])
        .expect_code(0);
    support::plain(&theirs)
        .execute_batch("UPDATE joint_milestones SET status = 'planned' WHERE done_on IS NOT NULL")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    sb.run([os("merge"), path.as_os_str(), theirs.as_os_str()])
        .expect_code(1)
        .stdout_mentions(&["joint_milestones", "done_on", "only a done milestone"]);
    assert_eq!(std::fs::read(&path).unwrap(), before, "ours is unchanged");
}
