//! Issue 23: governance forums (schema step 12) on temporary files — a step-11 workbook's rules
//! become forums with their cadence words read; adding, editing and deleting a forum are single
//! undoable changes that link the rules naming it; forums travel in the TOML, come back through a
//! three-way merge, are described by diff and counted by check.

mod support;

use std::ffi::OsStr;
use std::path::Path;

use partnerplan::plan::cadence::Cadence;
use partnerplan::plan::forum::ForumDraft;
use partnerplan::plan::strategy::{GovernanceDraft, GovernanceTopic, Recipient};
use partnerplan::workbook::{OpenOptions, Workbook};
use support::{Sandbox, plain};

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn rule(topic: GovernanceTopic, text: &str, forum: &str, cadence: &str) -> GovernanceDraft {
    GovernanceDraft {
        topic,
        rule: text.into(),
        forum: forum.into(),
        cadence: cadence.into(),
    }
}

/// Turns a workbook of today's schema back into what step 11 left: no forum tables (nor the
/// joint plans, trends and type programmes of steps 13–15), no journal, `user_version` 11.
fn back_to_step_11(path: &Path) {
    plain(path)
        .execute_batch(
            "DELETE FROM change_journal_rows; DELETE FROM change_journal; \
             DROP TABLE forum_rules; DROP TABLE forum_members; DROP TABLE forums; \
             DROP TABLE joint_goal_kpis; DROP TABLE joint_goal_offerings; \
             DROP TABLE joint_commitments; DROP TABLE joint_milestones; DROP TABLE joint_goals; \
             DROP TABLE trend_links; DROP TABLE trend_actions; DROP TABLE trends; \
             DROP TABLE onboarding_item_types; DROP TABLE criterion_type_weights; \
             DROP TABLE type_programmes; \
             PRAGMA user_version = 11;",
        )
        .unwrap();
}

#[test]
fn a_step_11_workbook_gets_a_forum_for_each_forum_word_with_its_cadence_read() {
    let sb = Sandbox::new();
    let path = plan_with_rule_words(&sb, "old.partnerplan");
    back_to_step_11(&path);
    let wb = open(&path);
    let forums = wb.forums().unwrap();
    let seen: Vec<(String, Option<Cadence>, usize)> = forums
        .iter()
        .map(|f| (f.forum.name.clone(), f.forum.cadence, f.rules))
        .collect();
    // One forum per word (case and space aside), named as the first rule wrote it; the cadence
    // from the first rule whose words name a schedule; "ad hoc" is left unscheduled.
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert_eq!(
        seen[0],
        ("Business review".into(), Some(Cadence::months(3)), 1)
    );
    assert_eq!(seen[1], ("CEO".into(), None, 1));
    assert_eq!(seen[2].1, Some(Cadence::months(1)));
    assert_eq!(seen[2].2, 2, "both council rules link to it");
    assert_eq!(seen[3], ("Sales sync".into(), Some(Cadence::weeks(2)), 1));
    assert!(forums.iter().all(|f| f.forum.next_date.is_none()));
    // The rules keep their words; the rule with no forum links to none.
    let rules = wb.governance_rules().unwrap();
    assert_eq!(rules[1].rule.cadence, "Monthly");
    assert_eq!(rules[4].forum_id, None);
    assert_eq!(rules[0].forum_id, Some(forums[2].id));
    // The migrated forum's UUID is derived from its first rule's, so copies agree.
    let first_rule: String = wb
        .connection()
        .query_row(
            "SELECT min(uuid) FROM governance_rules WHERE lower(trim(forum)) = 'sales sync'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut expected: Vec<char> = first_rule.chars().collect();
    expected[14] = '9';
    assert_eq!(forums[3].uuid, expected.into_iter().collect::<String>());
}

/// A new workbook whose governance rules name forums in words (and cadences), none of which
/// exists yet; returns its path.
fn plan_with_rule_words(sb: &Sandbox, name: &str) -> std::path::PathBuf {
    let path = sb.file(name);
    Workbook::create(&path, Some("Old plan")).unwrap();
    let mut wb = open(&path);
    for (topic, text, forum, cadence) in [
        (
            GovernanceTopic::Decision,
            "Tier changes",
            "Partner council",
            "as needed",
        ),
        (
            GovernanceTopic::PerformanceReview,
            "Scorecards",
            " partner COUNCIL ",
            "Monthly",
        ),
        (
            GovernanceTopic::MeetingCadence,
            "Pipeline",
            "Sales sync",
            "every 2 weeks",
        ),
        (
            GovernanceTopic::ConflictResolution,
            "Escalate",
            "CEO",
            "ad hoc",
        ),
        (GovernanceTopic::Other, "Budget", "", "quarterly"),
        (
            GovernanceTopic::PerformanceReview,
            "QBR",
            "Business review",
            "every 3 months",
        ),
    ] {
        wb.add_governance_rule(&rule(topic, text, forum, cadence))
            .unwrap();
    }
    path
}

/// (name, cadence, rules linked, UUID) of each forum.
fn forums_seen(wb: &Workbook) -> Vec<(String, Option<Cadence>, usize, String)> {
    wb.forums()
        .unwrap()
        .into_iter()
        .map(|f| (f.forum.name, f.forum.cadence, f.rules, f.uuid))
        .collect()
}

/// A TOML file written before forums existed (no forums, and none of the trends every later
/// workbook starts with) gets the forums its rules' words name on import — the very forums
/// schema step 12 gives the same plan as an older workbook. A file of today with rules naming
/// forums it does not have is imported as it is.
#[test]
fn an_older_toml_files_rule_words_become_forums_on_import_as_the_migration_makes_them() {
    let sb = Sandbox::new();
    let path = plan_with_rule_words(&sb, "plan.partnerplan");
    let toml_path = sb.export_toml(&path, "today.toml");
    let today = std::fs::read_to_string(&toml_path).unwrap();
    assert!(
        today.contains("[[trends]]"),
        "a new workbook's example trends"
    );
    assert!(!today.contains("[[forums]]"));
    let kept = sb.file("kept.partnerplan");
    sb.run([
        OsStr::new("import"),
        kept.as_os_str(),
        toml_path.as_os_str(),
    ])
    .expect_code(0);
    assert!(
        open(&kept).forums().unwrap().is_empty(),
        "a file of today is taken as it is"
    );

    // The same plan as a version before forums (and trends) wrote it.
    let mut doc: toml::Table = today.parse().unwrap();
    for key in ["trends", "trend_links", "trend_actions"] {
        doc.remove(key);
    }
    let older = sb.file("older.toml");
    std::fs::write(&older, toml::to_string(&doc).unwrap()).unwrap();
    let imported = sb.file("imported.partnerplan");
    sb.run([
        OsStr::new("import"),
        imported.as_os_str(),
        older.as_os_str(),
    ])
    .expect_code(0)
    .stdout_mentions(&["forums"]);
    let from_text = forums_seen(&open(&imported));

    back_to_step_11(&path);
    let migrated = forums_seen(&open(&path));
    assert_eq!(
        from_text, migrated,
        "the import and the migration make the same forums"
    );
    assert_eq!(from_text.len(), 4, "{from_text:?}");
    assert_eq!(from_text[0].1, Some(Cadence::months(3)));
    assert_eq!(from_text[1].0, "CEO");
    assert_eq!(from_text[2].1, Some(Cadence::months(1)));
    assert_eq!(from_text[2].2, 2, "both council rules link to it");
    assert_eq!(from_text[3].1, Some(Cadence::weeks(2)));
}

#[test]
fn forum_edits_are_single_undoable_changes_and_link_the_rules_naming_them() {
    let sb = Sandbox::new();
    let path = sb.demo("demo.partnerplan");
    let mut wb = open(&path);
    let partner = wb.partner_named("Orrin Vel Analytics").unwrap().0;
    let role = wb.roles().unwrap()[1].role.id;
    let rule_id = wb
        .add_governance_rule(&rule(
            GovernanceTopic::Decision,
            "Price changes",
            "steering group",
            "",
        ))
        .unwrap();
    let before = wb.forums().unwrap().len();
    let draft = ForumDraft {
        name: "Steering group".into(),
        purpose: "Decide what the council escalates.".into(),
        cadence: Some(Cadence::weeks(6)),
        next_date: Some("2027-01-31".into()),
        members: vec![Recipient::Role(role), Recipient::Partner(partner)],
    };
    let id = wb.add_forum(&draft).unwrap();
    let added = wb.forum_named(" STEERING group").unwrap();
    assert_eq!(added.members.len(), 2);
    assert_eq!(
        added.rules, 1,
        "the rule naming it is linked in the same change"
    );
    let linked = |wb: &Workbook| {
        wb.governance_rules()
            .unwrap()
            .into_iter()
            .find(|r| r.id == rule_id)
            .unwrap()
            .forum_id
    };
    assert_eq!(linked(&wb), Some(id));
    let message = wb.forum_named("Nope").unwrap_err();
    assert!(
        message.contains("\"Nope\"")
            && message.contains("the forums are")
            && message.contains("\"Steering group\""),
        "{message}"
    );

    // A second forum of the same name (case aside) is refused; nothing is written.
    let err = wb
        .add_forum(&ForumDraft {
            name: "steering GROUP".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("exists already"), "{err}");

    // An edit drops a member and renames; the rule follows the record, not the words.
    let edited = ForumDraft {
        name: "Steering board".into(),
        members: vec![Recipient::Partner(partner)],
        ..draft.clone()
    };
    wb.update_forum(id, &edited).unwrap();
    let now = wb.forum_named("Steering board").unwrap();
    assert_eq!(now.forum.members, [Recipient::Partner(partner)]);
    let shown = wb.governance_rules().unwrap();
    assert_eq!(
        shown.iter().find(|r| r.id == rule_id).unwrap().rule.forum,
        "Steering board"
    );
    wb.undo().unwrap();
    assert_eq!(wb.forum_named("Steering group").unwrap().members.len(), 2);
    wb.redo().unwrap();
    assert_eq!(wb.forum_named("Steering board").unwrap().members.len(), 1);

    // A delete takes the members and the link, keeps the rule; undo brings all back.
    assert_eq!(wb.delete_forum(id).unwrap(), "Steering board");
    assert_eq!(wb.forums().unwrap().len(), before);
    assert_eq!(linked(&wb), None);
    let members: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM forum_members WHERE forum_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(members, 0);
    wb.undo().unwrap();
    assert_eq!(linked(&wb), Some(id));
    assert_eq!(wb.forum_named("steering board").unwrap().members.len(), 1);
    // Undoing the add takes the forum, its members and the rule's link away.
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert!(wb.forum_named("Steering group").is_err());
    assert_eq!(linked(&wb), None);
}

#[test]
fn a_bad_forum_is_refused_with_what_is_wrong_and_nothing_written() {
    let sb = Sandbox::new();
    let path = sb.file("new.partnerplan");
    Workbook::create(&path, None).unwrap();
    let mut wb = open(&path);
    let err = wb
        .add_forum(&ForumDraft {
            name: "  ".into(),
            next_date: Some("2027-02-30".into()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("name is required") && err.contains("2027-02-30"),
        "{err}"
    );
    let err = wb
        .add_forum(&ForumDraft {
            name: "Council".into(),
            members: vec![Recipient::Partner(999)],
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("no longer exists"), "{err}");
    assert!(wb.forums().unwrap().is_empty());
    assert!(!wb.can_undo());
    let message = wb.forum_named("Council").unwrap_err();
    assert!(message.contains("no governance forums yet"), "{message}");
}

#[test]
fn forums_travel_in_toml_and_come_back_through_merge_diff_and_check() {
    let sb = Sandbox::new();
    let ours = sb.demo("ours.partnerplan");
    let copy = sb.file("copy.partnerplan");
    sb.run([OsStr::new("send"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    {
        let mut wb = open(&copy);
        let partner = wb.partner_named("Orrin Vel Analytics").unwrap().0;
        wb.add_forum(&ForumDraft {
            name: "Data board".into(),
            purpose: "Who sees which readings.".into(),
            cadence: Some(Cadence::months(2)),
            next_date: Some("2027-01-15".into()),
            members: vec![Recipient::Partner(partner)],
        })
        .unwrap();
        wb.add_governance_rule(&rule(
            GovernanceTopic::Other,
            "Readings leave only with the board's consent.",
            "data BOARD",
            "",
        ))
        .unwrap();
    }

    // The TOML holds the forum and its member and rebuilds them.
    let toml = sb.export_toml(&copy, "copy.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(text.contains("[[forums]]") && text.contains("[[forum_members]]"));
    assert!(text.contains("[[forum_rules]]"));
    assert!(text.contains("cadence_every = 2") && text.contains("cadence_unit = \"months\""));
    let rebuilt = sb.file("rebuilt.partnerplan");
    sb.run([OsStr::new("import"), rebuilt.as_os_str(), toml.as_os_str()])
        .expect_code(0);
    let back = open(&rebuilt).forum_named("data board").unwrap();
    assert_eq!(back.forum.cadence, Some(Cadence::months(2)));
    assert_eq!(back.forum.next_date.as_deref(), Some("2027-01-15"));
    assert_eq!(back.members[0].name, "Orrin Vel Analytics");
    let again = sb.export_toml(&rebuilt, "again.toml");
    assert_eq!(std::fs::read_to_string(again).unwrap(), text);

    sb.run([OsStr::new("diff"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["Governance", "Data board", "member", "rule link"]);
    sb.run([OsStr::new("check"), copy.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&["forums"]);
    sb.run([OsStr::new("merge"), ours.as_os_str(), copy.as_os_str()])
        .expect_code(0);
    let merged = open(&ours).forum_named("Data board").unwrap();
    assert_eq!(merged.members.len(), 1);
    assert_eq!(merged.rules, 1, "the rule's link came back too");
}
