//! The whole workbook as TOML text: export → import into a new workbook → export gives the same
//! bytes; hostile text is refused with its line and key, and nothing is written.

mod support;

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use partnerplan::workbook::layout::TABLES;
use rusqlite::types::Value;
use support::{Sandbox, assert_unchanged, plain, snapshot};

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Inserts a record with a new UUID and the given time; returns (id, uuid).
fn insert(
    conn: &rusqlite::Connection,
    table: &str,
    at: &str,
    columns: &[(&str, Value)],
) -> (i64, String) {
    let id = uuid();
    let mut names = vec!["uuid", "created_at", "updated_at"];
    let mut values = vec![
        Value::Text(id.clone()),
        Value::Text(at.into()),
        Value::Text(at.into()),
    ];
    for (name, value) in columns {
        names.push(name);
        values.push(value.clone());
    }
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        ),
        rusqlite::params_from_iter(values),
    )
    .unwrap_or_else(|err| panic!("inserting into {table}: {err}"));
    (conn.last_insert_rowid(), id)
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

fn i(n: i64) -> Value {
    Value::Integer(n)
}

/// A workbook (from a sector template) with at least one record of every kind, with unicode,
/// several lines, quotes, tabs, CRLF, awkward floats and empty optionals.
fn filled_workbook(sb: &Sandbox, name: &str) -> std::path::PathBuf {
    let path = sb.file(name);
    sb.run([
        OsStr::new("new"),
        path.as_os_str(),
        OsStr::new("--template"),
        OsStr::new("technology"),
    ])
    .expect_code(0);
    let conn = plain(&path);
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn.execute(
        "UPDATE workbook_meta SET title = 'Plan — 日本 ünïcode', organisation = 'Acme \"Client\"', \
         author = 'A\\B', next_risk_number = 3",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE strategy SET mission_problem = 'line 1\nline 2\n', alignment_rating = 4, \
         alignment_note = 'tab\there', model = 'hybrid', decision_answers = '{\"q1\":\"yes\"}'",
        [],
    )
    .unwrap();
    let at = "2026-01-02T03:04:05.006Z";
    let later = "2026-02-02T03:04:05.006Z";
    let (goal, _) = insert(
        &conn,
        "goals",
        at,
        &[
            ("title", t("Grow \"\"\" reach")),
            ("target_date", t("2027-01-01")),
        ],
    );
    let (goal_two, _) = insert(
        &conn,
        "goals",
        at,
        &[("title", t("No date")), ("horizon", t("long"))],
    );
    insert(
        &conn,
        "resources",
        at,
        &[
            ("kind", t("technology")),
            ("name", t("API gateway")),
            ("estimated_cost_minor", i(150_000)),
        ],
    );
    insert(
        &conn,
        "resources",
        at,
        &[("kind", t("budget")), ("name", t("Fund"))],
    );
    let (rule, _) = insert(
        &conn,
        "governance_rules",
        at,
        &[
            ("topic", t("decision")),
            ("rule", t("Steering board decides")),
        ],
    );
    let (protocol, _) = insert(
        &conn,
        "data_protocols",
        at,
        &[
            ("data_item", t("Sales pipeline")),
            ("access_level", t("counts only")),
        ],
    );
    let (p1, _) = insert(
        &conn,
        "partners",
        at,
        &[
            ("name", t("Nordlicht GmbH")),
            ("partner_type", t("reseller")),
            ("sector", t("software")),
            ("stage", t("active")),
            ("website", t("https://nordlicht.example/")),
            ("contact_email", t("jo@nordlicht.example")),
            ("agreement_start", t("2026-01-01")),
            ("notes", t("first\r\nsecond\twith tab\n\nünï 😀")),
            ("checkin_cadence_days", i(14)),
        ],
    );
    let (p2, _) = insert(&conn, "partners", later, &[("name", t("=SUM(A1)"))]);
    let (criterion, _) = insert(
        &conn,
        "selection_criteria",
        at,
        &[
            ("name", t("Odd weight")),
            ("weight", Value::Real(0.1 + 0.2)),
            ("position", i(9)),
        ],
    );
    let gate: i64 = conn
        .query_row(
            "SELECT id FROM selection_criteria WHERE is_gate = 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    insert(
        &conn,
        "criterion_scores",
        at,
        &[
            ("partner_id", i(p1)),
            ("criterion_id", i(criterion)),
            ("score", i(4)),
        ],
    );
    insert(
        &conn,
        "criterion_scores",
        at,
        &[
            ("partner_id", i(p1)),
            ("criterion_id", i(gate)),
            ("passed", i(1)),
        ],
    );
    let item: i64 = conn
        .query_row("SELECT min(id) FROM onboarding_items", [], |r| r.get(0))
        .unwrap();
    insert(
        &conn,
        "partner_onboarding",
        at,
        &[
            ("partner_id", i(p1)),
            ("item_id", i(item)),
            ("status", t("done")),
        ],
    );
    insert(
        &conn,
        "checkins",
        at,
        &[
            ("partner_id", i(p1)),
            ("held_on", t("2026-01-15")),
            ("summary", t("Kick-off")),
        ],
    );
    // A parent made after its child: the import must link them whatever the order.
    let (child, _) = insert(&conn, "roles", at, &[("name", t("Child role"))]);
    let (parent, _) = insert(&conn, "roles", later, &[("name", t("Late parent"))]);
    conn.execute(
        "UPDATE roles SET parent_id = ?1 WHERE id = ?2",
        [parent, child],
    )
    .unwrap();
    insert(
        &conn,
        "role_assignments",
        at,
        &[
            ("partner_id", i(p1)),
            ("role_id", i(child)),
            ("kind", t("lead")),
        ],
    );
    insert(
        &conn,
        "data_protocol_recipients",
        at,
        &[("protocol_id", i(protocol)), ("partner_id", i(p2))],
    );
    insert(
        &conn,
        "data_protocol_recipients",
        at,
        &[("protocol_id", i(protocol)), ("role_id", i(child))],
    );
    let (risk, _) = insert(
        &conn,
        "risks",
        at,
        &[
            ("number", i(1)),
            ("code", t("R-001")),
            ("title", t("Dependency on one reseller")),
            ("partner_id", i(p1)),
            ("role_id", i(child)),
            ("inherent_likelihood", i(4)),
            ("inherent_impact", i(5)),
            ("residual_likelihood", i(2)),
        ],
    );
    insert(
        &conn,
        "risks",
        at,
        &[
            ("number", i(2)),
            ("code", t("R-002")),
            ("title", t("Alone")),
        ],
    );
    insert(
        &conn,
        "risk_mitigations",
        at,
        &[
            ("risk_id", i(risk)),
            ("kind", t("contract")),
            ("note", t("exclusivity clause")),
        ],
    );
    insert(
        &conn,
        "risk_score_history",
        at,
        &[
            ("risk_id", i(risk)),
            ("recorded_at", t(at)),
            ("inherent_likelihood", i(4)),
        ],
    );
    insert(
        &conn,
        "risk_dismissals",
        at,
        &[("suggestion_key", t("cyber:p1"))],
    );
    let (kpi, _) = insert(
        &conn,
        "kpis",
        at,
        &[
            ("name", t("Partner revenue")),
            ("baseline", Value::Real(1.5)),
            ("goal_id", i(goal)),
        ],
    );
    insert(
        &conn,
        "kpi_measurements",
        at,
        &[
            ("kpi_id", i(kpi)),
            ("measured_on", t("2026-01-31")),
            ("value", Value::Real(-2.25)),
        ],
    );
    insert(
        &conn,
        "investments",
        at,
        &[
            ("spent_on", t("2026-01-05")),
            ("item", t("Enablement")),
            ("amount_minor", i(500_000)),
            ("partner_id", i(p1)),
        ],
    );
    insert(
        &conn,
        "value_log",
        at,
        &[
            ("logged_on", t("2026-01-20")),
            ("kind", t("revenue")),
            ("amount_minor", i(12)),
        ],
    );
    insert(
        &conn,
        "framework_progress",
        at,
        &[("step_key", t("mission")), ("note", t("Done in workshop"))],
    );
    insert(
        &conn,
        "vocabulary_terms",
        at,
        &[
            ("kind", t("stage")),
            ("term", t("Pilot")),
            ("position", i(1)),
        ],
    );
    insert(
        &conn,
        "partner_links",
        at,
        &[
            ("from_partner_id", i(p1)),
            ("to_partner_id", i(p2)),
            ("kind", t("co-sells with")),
            ("direction", t("one way")),
            ("status", t("active")),
            ("strength", i(3)),
            ("note", t("Joint \"pilot\"\nsecond line")),
            ("role_id", i(child)),
        ],
    );
    insert(
        &conn,
        "partner_links",
        later,
        &[("from_partner_id", i(p2)), ("to_partner_id", i(p1))],
    );
    let (offering, _) = insert(
        &conn,
        "offerings",
        at,
        &[
            ("name", t("Grid — 日本 suite")),
            ("problem", t("Outages\r\nunseen")),
            ("status", t("launched")),
        ],
    );
    insert(&conn, "offerings", later, &[("name", t("Bare idea"))]);
    // The goals it serves and the KPI that measures it.
    for goal in [goal, goal_two] {
        insert(
            &conn,
            "offering_goals",
            at,
            &[("offering_id", i(offering)), ("goal_id", i(goal))],
        );
    }
    insert(
        &conn,
        "offering_kpis",
        later,
        &[("offering_id", i(offering)), ("kpi_id", i(kpi))],
    );
    // The hub as a member (no partner) and a partner with a critical contribution.
    insert(
        &conn,
        "offering_members",
        at,
        &[("offering_id", i(offering)), ("contribution", t("brand"))],
    );
    insert(
        &conn,
        "offering_members",
        later,
        &[
            ("offering_id", i(offering)),
            ("partner_id", i(p1)),
            ("contribution_kind", t("cloud")),
            ("critical", i(1)),
        ],
    );
    // A what-if scenario: one partner delayed, another gone.
    let (scenario, _) = insert(
        &conn,
        "scenarios",
        at,
        &[
            ("name", t("Grid — 日本 slips")),
            ("note", t("If\r\nit slips")),
        ],
    );
    insert(
        &conn,
        "scenario_events",
        at,
        &[
            ("scenario_id", i(scenario)),
            ("partner_id", i(p1)),
            ("kind", t("delay")),
            ("months", i(6)),
        ],
    );
    insert(
        &conn,
        "scenario_events",
        later,
        &[
            ("scenario_id", i(scenario)),
            ("partner_id", i(p1)),
            ("kind", t("exit")),
        ],
    );
    // A governance forum with a cadence, a partner and a role as members, and the rule it decides.
    let (forum, _) = insert(
        &conn,
        "forums",
        at,
        &[
            ("name", t("Steering — 日本 board")),
            ("cadence_every", i(6)),
            ("cadence_unit", t("weeks")),
            ("next_date", t("2027-01-31")),
        ],
    );
    // A trend of the radar (beside the new workbook's examples) touching an offering, with an
    // action.
    let (trend, _) = insert(
        &conn,
        "trends",
        at,
        &[
            ("name", t("Grid — 日本 rules")),
            ("category", t("regulation")),
            ("horizon", t("3-5 years")),
            ("impact", i(5)),
            ("review_date", t("2027-02-28")),
        ],
    );
    insert(
        &conn,
        "forum_members",
        at,
        &[("forum_id", i(forum)), ("partner_id", i(p1))],
    );
    insert(
        &conn,
        "forum_members",
        later,
        &[("forum_id", i(forum)), ("role_id", i(child))],
    );
    insert(
        &conn,
        "forum_rules",
        at,
        &[("forum_id", i(forum)), ("rule_id", i(rule))],
    );
    // A joint plan: a goal moving a KPI with a target, a commitment each way, milestones.
    let (joint_goal, _) = insert(
        &conn,
        "joint_goals",
        at,
        &[
            ("partner_id", i(p1)),
            ("title", t("Joint — 日本 pilot")),
            ("commitment", t("Both\r\nstaff it")),
            ("due_on", t("2027-02-28")),
            ("status", t("on track")),
            ("role_id", i(child)),
            ("segment", t("=SUM(A1)")),
        ],
    );
    // Its KPI (which way, to what target) and offering, link records since schema step 16.
    insert(
        &conn,
        "joint_goal_kpis",
        at,
        &[
            ("joint_goal_id", i(joint_goal)),
            ("kpi_id", i(kpi)),
            ("partner_id", i(p1)),
            ("kpi_direction", t("lower")),
            ("kpi_target", Value::Real(0.1)),
        ],
    );
    insert(
        &conn,
        "joint_goal_offerings",
        at,
        &[
            ("joint_goal_id", i(joint_goal)),
            ("offering_id", i(offering)),
            ("partner_id", i(p1)),
        ],
    );
    insert(
        &conn,
        "joint_commitments",
        at,
        &[
            ("partner_id", i(p1)),
            ("joint_goal_id", i(joint_goal)),
            ("side", t("theirs")),
            ("what", t("Two engineers")),
        ],
    );
    insert(
        &conn,
        "joint_commitments",
        later,
        &[("partner_id", i(p2)), ("what", t("Shelf space"))],
    );
    insert(
        &conn,
        "joint_milestones",
        at,
        &[
            ("partner_id", i(p1)),
            ("joint_goal_id", i(joint_goal)),
            ("title", t("Pilot live")),
            ("due_on", t("2027-01-31")),
            ("status", t("done")),
            ("done_on", t("2027-01-30")),
        ],
    );
    insert(
        &conn,
        "trend_links",
        at,
        &[("trend_id", i(trend)), ("offering_id", i(offering))],
    );
    insert(
        &conn,
        "trend_actions",
        later,
        &[
            ("trend_id", i(trend)),
            ("title", t("Ask the grid operator")),
            ("status", t("in progress")),
        ],
    );
    // A partner type's programme: its margin rate (an awkward float) and a gate of its own.
    insert(
        &conn,
        "type_programmes",
        at,
        &[
            ("partner_type", t("joint venture")),
            ("margin_rate", Value::Real(12.3)),
        ],
    );
    let security: i64 = conn
        .query_row(
            "SELECT id FROM selection_criteria WHERE is_gate = 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    insert(
        &conn,
        "criterion_type_weights",
        at,
        &[
            ("criterion_id", i(security)),
            ("partner_type", t("Tech partner — 日本")),
            ("weight", Value::Real(0.1 + 0.2)),
            ("is_gate", i(0)),
        ],
    );
    // A deleted record's tombstone travels too.
    insert(&conn, "tombstones", at, &[("table_name", t("partners"))]);
    path
}

fn export(sb: &Sandbox, workbook: &Path, name: &str) -> Vec<u8> {
    let out = sb.file(name);
    sb.run([
        OsStr::new("export"),
        workbook.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("toml"),
        OsStr::new("-o"),
        out.as_os_str(),
    ])
    .expect_code(0);
    fs::read(out).unwrap()
}

fn import(sb: &Sandbox, workbook: &Path, file: &Path, extra: &[&str]) -> support::Run {
    let mut args = vec![OsStr::new("import"), workbook.as_os_str(), file.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    sb.run(args)
}

#[test]
fn export_import_export_gives_the_same_bytes_for_every_kind_of_record() {
    let sb = Sandbox::new();
    let original = filled_workbook(&sb, "original.partnerplan");
    let first = export(&sb, &original, "first.toml");
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(text.starts_with("# A partnerplan workbook"), "{text}");
    assert!(text.contains("\nformat = 1\n"));
    for layout in TABLES {
        let header = if layout.single {
            format!("\n[{}]\n", layout.key)
        } else {
            format!("\n[[{}]]\n", layout.key)
        };
        assert!(text.contains(&header), "no {header:?} in the export");
    }
    assert!(text.contains("weight = 0.30000000000000004"));
    assert!(text.contains("title = \"Plan — 日本 ünïcode\""));
    assert!(!text.contains("fit_score"), "derived columns stay out");

    let copy = sb.file("copy.partnerplan");
    import(&sb, &copy, &sb.file("first.toml"), &[])
        .expect_code(0)
        .stdout_mentions(&["(new)", "partners 2", "risks 2"]);
    let second = export(&sb, &copy, "second.toml");
    assert!(
        first == second,
        "the second export differs:\n{}",
        String::from_utf8_lossy(&second)
    );
    sb.run([OsStr::new("check"), copy.as_os_str()])
        .expect_code(0);

    // The copy's derived data is computed, as the app keeps it.
    let conn = plain(&copy);
    let (fit, last, next): (f64, String, String) = conn
        .query_row(
            "SELECT fit_score, last_checkin, next_checkin FROM partners WHERE name = 'Nordlicht GmbH'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(fit >= 0.0, "fit {fit}");
    assert_eq!((last.as_str(), next.as_str()), ("2026-01-15", "2026-01-29"));
    let link: String = conn
        .query_row(
            "SELECT link_name FROM risks WHERE code = 'R-001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(link, "Nordlicht GmbH / Child role");
    let parent: String = conn
        .query_row(
            "SELECT p.name FROM roles c JOIN roles p ON p.id = c.parent_id WHERE c.name = 'Child role'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parent, "Late parent");
    let journal: i64 = conn
        .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        journal, 0,
        "an imported workbook starts with nothing to undo"
    );
}

#[test]
fn a_workbook_with_a_plan_is_refused_and_a_returned_copy_merges_with_the_merge_command() {
    let sb = Sandbox::new();
    let original = filled_workbook(&sb, "original.partnerplan");
    export(&sb, &original, "plan.toml");
    let plan = sb.file("plan.toml");
    let target = sb.file("target.partnerplan");
    import(&sb, &target, &plan, &[]).expect_code(0);

    let before = snapshot(&sb.files());
    import(&sb, &target, &plan, &[])
        .expect_code(2)
        .stderr_mentions(&["already holds a plan", "partnerplan merge"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "refused import");
    import(&sb, &target, &plan, &["--merge"])
        .expect_code(1)
        .stderr_mentions(&["partnerplan merge"]);
    assert_unchanged(&before, &snapshot(&sb.files()), "import --merge");

    let merge = |file: &Path| sb.run([OsStr::new("merge"), target.as_os_str(), file.as_os_str()]);
    merge(&plan)
        .expect_code(0)
        .stdout_mentions(&["Nothing to merge"]);

    // One partner renamed, one added, in the original: the merge adds one and changes one.
    let conn = plain(&original);
    conn.execute(
        "UPDATE partners SET name = 'Nordlicht AG', updated_at = '2026-03-01T00:00:00.000Z' \
         WHERE name = 'Nordlicht GmbH'",
        [],
    )
    .unwrap();
    insert(
        &conn,
        "partners",
        "2026-03-02T00:00:00.000Z",
        &[("name", t("Newcomer"))],
    );
    drop(conn);
    export(&sb, &original, "plan2.toml");
    merge(&sb.file("plan2.toml"))
        .expect_code(0)
        .stdout_mentions(&[
            "common base",
            "+ partner Newcomer",
            "name: \"Nordlicht GmbH\" → \"Nordlicht AG\"",
            "Merged: 1 added, 1 changed, 0 deleted",
        ]);
    let names: Vec<String> = plain(&target)
        .prepare("SELECT name FROM partners ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names, ["=SUM(A1)", "Newcomer", "Nordlicht AG"]);
    sb.run([OsStr::new("check"), target.as_os_str()])
        .expect_code(0);
}

/// A small valid export to spoil in the tests below.
fn small_export(sb: &Sandbox) -> String {
    let path = sb.file("small.partnerplan");
    support::workbook_with_partners(&path, 1);
    String::from_utf8(export(sb, &path, "small.toml")).unwrap()
}

/// Imports `text` into a new workbook; it must fail with exit 1 and `words`, creating nothing.
fn refused(sb: &Sandbox, text: &str, words: &[&str]) {
    let file = sb.file("spoiled.toml");
    fs::write(&file, text).unwrap();
    let target = sb.file("never.partnerplan");
    import(sb, &target, &file, &[])
        .expect_code(1)
        .stderr_mentions(words);
    assert!(!target.exists(), "nothing is created: {words:?}");
}

fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn hostile_text_is_refused_with_its_line_and_key_and_writes_nothing() {
    let sb = Sandbox::new();
    let good = small_export(&sb);

    // Broken TOML.
    let broken = good.replacen("[[partners]]", "[[partners]\nname = ", 1);
    refused(&sb, &broken, &["line", "nothing was imported"]);

    // A wrong type.
    let line = line_of(&good, "next_risk_number = 1");
    let wrong = good.replacen("next_risk_number = 1", "next_risk_number = \"one\"", 1);
    refused(
        &sb,
        &wrong,
        &[&format!(
            "line {line}, workbook.next_risk_number: expected a whole number, found string"
        )],
    );

    // An unknown field.
    let line = line_of(&good, "name = \"Partner 000\"");
    let unknown = good.replacen("name = \"Partner 000\"", "name = \"P\"\nshoe_size = 9", 1);
    refused(
        &sb,
        &unknown,
        &[&format!(
            "line {}, partners[1].shoe_size: unknown field",
            line + 1
        )],
    );

    // A dangling reference.
    let dangling = format!(
        "{good}\n[[checkins]]\nuuid = \"{}\"\npartner = \"{}\"\nheld_on = \"2026-01-01\"\n\
         created_at = \"x\"\nupdated_at = \"x\"\n",
        uuid(),
        uuid()
    );
    refused(
        &sb,
        &dangling,
        &["checkins[1].partner", "not a record of partners"],
    );

    // A UUID used twice.
    let first_partner_uuid = good
        .split("[[partners]]\nuuid = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let twice = format!(
        "{good}\n[[goals]]\nuuid = \"{first_partner_uuid}\"\ntitle = \"Twin\"\nposition = 1\n\
         created_at = \"x\"\nupdated_at = \"x\"\n"
    );
    refused(
        &sb,
        &twice,
        &["goals[1].uuid", "is used already, by partners[1]"],
    );

    // A newer format, and none at all.
    refused(
        &sb,
        &good.replacen("format = 1", "format = 2", 1),
        &["line 3, format", "newer partnerplan", "Update partnerplan"],
    );
    refused(
        &sb,
        &good.replacen("format = 1", "", 1),
        &["format: missing"],
    );

    // A missing required number, an unknown table.
    refused(
        &sb,
        &good.replacen("next_risk_number = 1\n", "", 1),
        &["workbook.next_risk_number: missing"],
    );
    refused(
        &sb,
        &format!("{good}\n[[spaceships]]\nx = 1\n"),
        &["spaceships: unknown table"],
    );
}
