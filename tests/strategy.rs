//! The Strategy tab in the workbook: the strategy row (created on first save, undone and redone),
//! goals, resources, governance rules and data-sharing protocols (with recipients) — each save one
//! journaled change, refusals writing nothing, and hand-edited words read safely.

mod support;

use std::collections::BTreeMap;

use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::risk_suggestions::Sensitivity;
use partnerplan::plan::roles::RoleDraft;
use partnerplan::plan::strategy::{
    AccessLevel, GoalDraft, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceTopic,
    ProtocolDraft, Recipient, ResourceDraft, ResourceKind, ResourceStatus, StrategyDraft,
};
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("strategy.partnerplan");
    Workbook::create(&path, Some("Strategy")).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn count(wb: &Workbook, table: &str) -> i64 {
    wb.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Everything an edit could write: the journal and every Strategy table.
fn footprint(wb: &Workbook) -> Vec<i64> {
    [
        "change_journal",
        "strategy",
        "goals",
        "resources",
        "governance_rules",
        "data_protocols",
        "data_protocol_recipients",
    ]
    .iter()
    .map(|t| count(wb, t))
    .collect()
}

fn goal(title: &str) -> GoalDraft {
    GoalDraft {
        title: title.into(),
        ..Default::default()
    }
}

fn undo_label(wb: &mut Workbook) -> String {
    wb.undo().unwrap().expect("something to undo").label
}

#[test]
fn the_strategy_row_is_created_on_first_save_and_undo_redo_follow_it() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    wb.connection().execute("DELETE FROM strategy", []).unwrap();
    assert_eq!(wb.strategy().unwrap(), StrategyDraft::default());
    assert_eq!(count(&wb, "strategy"), 0, "reading creates nothing");

    let mut answers = BTreeMap::new();
    answers.insert("innovation".to_string(), Answer::Yes);
    answers.insert("well-defined-offering".to_string(), Answer::No);
    let draft = StrategyDraft {
        mission_problem: " Buyers cannot reach specialists. ".into(),
        vision: "One place for the whole job.".into(),
        alignment_rating: Some(4),
        alignment_note: "Shared roadmap".into(),
        decision_answers: answers.clone(),
        model: Some(Model::Ecosystem),
        model_rationale: "Innovation needs partners working together.".into(),
        ..Default::default()
    };
    assert!(wb.save_strategy(&draft).unwrap());
    assert_eq!(count(&wb, "strategy"), 1);
    let read = wb.strategy().unwrap();
    assert_eq!(read.mission_problem, "Buyers cannot reach specialists.");
    assert_eq!(read.alignment_rating, Some(4));
    assert_eq!(read.decision_answers, answers);
    assert_eq!(read.model, Some(Model::Ecosystem));
    let stored_answers: String = wb
        .connection()
        .query_row("SELECT decision_answers FROM strategy", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        stored_answers,
        r#"{"innovation":"yes","well-defined-offering":"no"}"#
    );

    // Saving the same again writes nothing; a change writes only its section.
    let journal = count(&wb, "change_journal");
    assert!(!wb.save_strategy(&read).unwrap());
    assert_eq!(count(&wb, "change_journal"), journal);
    let mut edited = read.clone();
    edited.value_what = "Specialists on demand".into();
    assert!(wb.save_strategy(&edited).unwrap());
    assert_eq!(count(&wb, "change_journal"), journal + 1);

    assert_eq!(undo_label(&mut wb), "edit strategy: value proposition");
    assert_eq!(wb.strategy().unwrap(), read);
    assert_eq!(
        undo_label(&mut wb),
        "edit strategy: mission, core elements, decision aid, model"
    );
    assert_eq!(
        count(&wb, "strategy"),
        0,
        "undoing the first save removes the row"
    );
    assert_eq!(wb.strategy().unwrap(), StrategyDraft::default());
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.strategy().unwrap(), read);
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.strategy().unwrap(), edited);
}

#[test]
fn a_new_workbooks_strategy_row_is_updated_in_place() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let draft = StrategyDraft {
        shared_value_rating: Some(2),
        ..Default::default()
    };
    assert!(wb.save_strategy(&draft).unwrap());
    assert_eq!(count(&wb, "strategy"), 1);
    assert_eq!(wb.strategy().unwrap().shared_value_rating, Some(2));
    wb.undo().unwrap().unwrap();
    assert_eq!(count(&wb, "strategy"), 1);
    assert_eq!(wb.strategy().unwrap().shared_value_rating, None);
}

#[test]
fn refused_drafts_and_ratings_outside_1_to_5_write_nothing() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let before = footprint(&wb);
    for rating in [0, 6, -3] {
        let draft = StrategyDraft {
            vision: "Kept only if all is well".into(),
            adaptability_rating: Some(rating),
            ..Default::default()
        };
        let err = wb.save_strategy(&draft).unwrap_err().to_string();
        assert!(err.contains("from 1"), "{err}");
    }
    let bad_text = StrategyDraft {
        vision: "bell\u{7}".into(),
        ..Default::default()
    };
    assert!(wb.save_strategy(&bad_text).is_err());
    assert!(wb.add_goal(&goal("  ")).is_err());
    assert!(
        wb.add_goal(&GoalDraft {
            target_date: Some("next spring".into()),
            ..goal("Grow")
        })
        .is_err()
    );
    assert!(
        wb.add_resource(&ResourceDraft {
            name: "Portal".into(),
            ..Default::default()
        })
        .unwrap_err()
        .to_string()
        .contains("Choose a kind")
    );
    assert!(wb.add_governance_rule(&GovernanceDraft::default()).is_err());
    assert!(wb.add_protocol(&ProtocolDraft::default()).is_err());
    // Recipients that do not exist are refused before anything is written.
    assert!(
        wb.add_protocol(&ProtocolDraft {
            data_item: "Pipeline".into(),
            recipients: vec![Recipient::Partner(999)],
            ..Default::default()
        })
        .unwrap_err()
        .to_string()
        .contains("no longer exists")
    );
    assert_eq!(footprint(&wb), before);
    assert_eq!(wb.strategy().unwrap(), StrategyDraft::default());
}

#[test]
fn goals_list_in_order_and_edit_delete_move_undo() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let first = wb.add_goal(&goal("Win ten resellers")).unwrap();
    let second = wb
        .add_goal(&GoalDraft {
            horizon: GoalHorizon::Long,
            target_date: Some("2028-12-31".into()),
            status: GoalStatus::InProgress,
            ..goal("Open two markets")
        })
        .unwrap();
    let third = wb.add_goal(&goal("Launch a joint offer")).unwrap();
    let ids = |wb: &Workbook| wb.goals().unwrap().iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(ids(&wb), [first, second, third]);
    let stored = &wb.goals().unwrap()[1].goal;
    assert_eq!(stored.horizon, GoalHorizon::Long);
    assert_eq!(stored.target_date.as_deref(), Some("2028-12-31"));
    assert_eq!(stored.status, GoalStatus::InProgress);

    assert!(wb.move_goal(third, true).unwrap());
    assert_eq!(ids(&wb), [first, third, second]);
    assert!(!wb.move_goal(first, true).unwrap());
    assert_eq!(undo_label(&mut wb), "move goal Launch a joint offer up");
    assert_eq!(ids(&wb), [first, second, third]);

    wb.update_goal(first, &goal("Win twelve resellers"))
        .unwrap();
    assert_eq!(wb.goals().unwrap()[0].goal.title, "Win twelve resellers");
    assert_eq!(undo_label(&mut wb), "edit goal Win twelve resellers");
    assert_eq!(wb.goals().unwrap()[0].goal.title, "Win ten resellers");
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.goals().unwrap()[0].goal.title, "Win twelve resellers");

    assert_eq!(wb.delete_goal(second).unwrap(), "Open two markets");
    assert_eq!(ids(&wb), [first, third]);
    assert_eq!(undo_label(&mut wb), "delete goal Open two markets");
    assert_eq!(ids(&wb), [first, second, third]);
    assert!(wb.update_goal(999, &goal("Gone")).is_err());
}

#[test]
fn resources_and_governance_rules_list_in_order_and_undo() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let portal = wb
        .add_resource(&ResourceDraft {
            kind: Some(ResourceKind::Technology),
            name: "Partner portal".into(),
            estimated_cost_minor: Some(1_200_000),
            owner: "IT".into(),
            ..Default::default()
        })
        .unwrap();
    let team = wb
        .add_resource(&ResourceDraft {
            kind: Some(ResourceKind::Organisation),
            name: "Partner-management team".into(),
            status: ResourceStatus::InPlace,
            ..Default::default()
        })
        .unwrap();
    let resources = wb.resources().unwrap();
    assert_eq!(
        resources.iter().map(|r| r.id).collect::<Vec<_>>(),
        [portal, team]
    );
    assert_eq!(resources[0].resource.estimated_cost_minor, Some(1_200_000));
    assert_eq!(resources[1].resource.status, ResourceStatus::InPlace);
    let mut edited = resources[0].resource.clone();
    edited.estimated_cost_minor = None;
    wb.update_resource(portal, &edited).unwrap();
    assert_eq!(
        wb.resources().unwrap()[0].resource.estimated_cost_minor,
        None
    );
    assert_eq!(undo_label(&mut wb), "edit resource Partner portal");
    assert_eq!(
        wb.resources().unwrap()[0].resource.estimated_cost_minor,
        Some(1_200_000)
    );
    wb.delete_resource(team).unwrap();
    assert_eq!(wb.resources().unwrap().len(), 1);
    assert_eq!(
        undo_label(&mut wb),
        "delete resource Partner-management team"
    );
    assert_eq!(wb.resources().unwrap()[1].id, team);

    let decide = wb
        .add_governance_rule(&GovernanceDraft {
            topic: GovernanceTopic::Decision,
            rule: "The steering board decides on new partners.".into(),
            forum: "Steering board".into(),
            cadence: "monthly".into(),
        })
        .unwrap();
    let conflict = wb
        .add_governance_rule(&GovernanceDraft {
            topic: GovernanceTopic::ConflictResolution,
            rule: "Escalate to the two sponsors, then to mediation.".into(),
            ..Default::default()
        })
        .unwrap();
    let rules = wb.governance_rules().unwrap();
    assert_eq!(
        rules.iter().map(|r| r.id).collect::<Vec<_>>(),
        [decide, conflict]
    );
    assert_eq!(rules[0].rule.forum, "Steering board");
    let mut edited = rules[1].rule.clone();
    edited.cadence = "as needed".into();
    wb.update_governance_rule(conflict, &edited).unwrap();
    assert_eq!(wb.governance_rules().unwrap()[1].rule.cadence, "as needed");
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.governance_rules().unwrap()[1].rule.cadence, "");
    wb.delete_governance_rule(decide).unwrap();
    assert_eq!(wb.governance_rules().unwrap().len(), 1);
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.governance_rules().unwrap()[0].rule, rules[0].rule);
}

#[test]
fn deleting_a_protocol_takes_its_recipients_and_undo_brings_them_back() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let acme = wb.add_partner(&support::draft("Acme")).unwrap();
    let birch = wb.add_partner(&support::draft("Birch")).unwrap();
    let role = wb
        .add_role(
            None,
            &RoleDraft {
                name: "Distribution".into(),
                min_partners: 1,
                ..Default::default()
            },
        )
        .unwrap();
    let draft = ProtocolDraft {
        data_item: "Sales pipeline".into(),
        purpose: "Joint forecasting".into(),
        recipients: vec![Recipient::Role(role), Recipient::Partner(acme)],
        access_level: AccessLevel::CountsOnly,
        access_method: "Monthly export".into(),
        sensitivity: Sensitivity::Confidential,
        protection_measures: "Encrypted at rest".into(),
        review_date: Some("2027-03-01".into()),
    };
    let pipeline = wb.add_protocol(&draft).unwrap();
    let other = wb
        .add_protocol(&ProtocolDraft {
            data_item: "Product roadmap".into(),
            ..Default::default()
        })
        .unwrap();
    let protocols = wb.protocols().unwrap();
    assert_eq!(
        protocols.iter().map(|p| p.id).collect::<Vec<_>>(),
        [pipeline, other]
    );
    let stored = &protocols[0];
    assert_eq!(
        stored.protocol.recipients,
        [Recipient::Partner(acme), Recipient::Role(role)]
    );
    let names: Vec<&str> = stored.shared_with.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Distribution"]);
    assert_eq!(stored.protocol.access_level, AccessLevel::CountsOnly);
    assert_eq!(stored.protocol.sensitivity, Sensitivity::Confidential);
    assert_eq!(stored.protocol.review_date.as_deref(), Some("2027-03-01"));

    // Editing swaps one recipient for another: one change, undone as one.
    let mut edited = stored.protocol.clone();
    edited.recipients = vec![Recipient::Partner(birch), Recipient::Role(role)];
    wb.update_protocol(pipeline, &edited).unwrap();
    assert_eq!(
        wb.protocols().unwrap()[0].protocol.recipients,
        [Recipient::Partner(birch), Recipient::Role(role)]
    );
    assert_eq!(count(&wb, "data_protocol_recipients"), 2);
    assert_eq!(undo_label(&mut wb), "edit protocol Sales pipeline");
    assert_eq!(wb.protocols().unwrap()[0], *stored);

    let recipients_before: Vec<(String, i64)> = recipient_rows(&wb);
    assert_eq!(wb.delete_protocol(pipeline).unwrap(), "Sales pipeline");
    assert_eq!(count(&wb, "data_protocol_recipients"), 0);
    assert_eq!(undo_label(&mut wb), "delete protocol Sales pipeline");
    assert_eq!(wb.protocols().unwrap()[0], *stored);
    assert_eq!(
        recipient_rows(&wb),
        recipients_before,
        "same rows, same keys"
    );
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.protocols().unwrap().len(), 1);
    assert_eq!(count(&wb, "data_protocol_recipients"), 0);
}

fn recipient_rows(wb: &Workbook) -> Vec<(String, i64)> {
    wb.connection()
        .prepare("SELECT uuid, protocol_id FROM data_protocol_recipients ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn words_from_a_hand_edited_file_read_without_error() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let conn = wb.connection();
    conn.execute_batch(
        "UPDATE strategy SET model = 'network', decision_answers = 'not json', \
             alignment_rating = NULL WHERE id = 1;
         INSERT INTO goals (uuid, title, horizon, status, target_date, created_at, updated_at)
             VALUES ('g1', 'Hand goal', 'medium', 'paused', '', 'x', 'x');
         INSERT INTO resources (uuid, kind, name, status, estimated_cost_minor, created_at, updated_at)
             VALUES ('r1', 'people', 'Hand resource', 'retired', 'lots', 'x', 'x');
         INSERT INTO governance_rules (uuid, topic, rule, created_at, updated_at)
             VALUES ('gr1', 'escalation', 'Call the CEO', 'x', 'x');
         INSERT INTO data_protocols (uuid, data_item, access_level, sensitivity, created_at, updated_at)
             VALUES ('p1', 'Hand data', 'everything', 'secret', 'x', 'x');",
    )
    .unwrap();
    let strategy = wb.strategy().unwrap();
    assert_eq!(strategy.model, None);
    assert!(strategy.decision_answers.is_empty());
    assert_eq!(strategy.alignment_rating, None);
    let goal = &wb.goals().unwrap()[0];
    assert_eq!(goal.goal.horizon, GoalHorizon::Short);
    assert_eq!(goal.goal.status, GoalStatus::Planned);
    assert_eq!(goal.goal.target_date, None);
    let resource = &wb.resources().unwrap()[0];
    assert_eq!(resource.resource.kind, None);
    assert_eq!(resource.kind_word, "people");
    assert_eq!(resource.resource.estimated_cost_minor, None);
    assert_eq!(
        wb.governance_rules().unwrap()[0].rule.topic,
        GovernanceTopic::Other
    );
    let protocol = &wb.protocols().unwrap()[0];
    assert_eq!(protocol.protocol.access_level, AccessLevel::Hidden);
    assert_eq!(protocol.protocol.sensitivity, Sensitivity::Internal);

    // Saving another section leaves the unknown model word as it was.
    let edited = StrategyDraft {
        mission_value: "Faster answers".into(),
        ..strategy
    };
    assert!(wb.save_strategy(&edited).unwrap());
    let model: String = wb
        .connection()
        .query_row("SELECT model FROM strategy", [], |r| r.get(0))
        .unwrap();
    assert_eq!(model, "network");
}

#[test]
fn a_read_only_workbook_refuses_strategy_saves() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("strategy.partnerplan");
    Workbook::create(&path, None).unwrap();
    let mut wb = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    let draft = StrategyDraft {
        vision: "Read only".into(),
        ..Default::default()
    };
    assert!(
        wb.save_strategy(&draft)
            .unwrap_err()
            .to_string()
            .contains("read-only")
    );
    assert!(wb.add_goal(&goal("Nope")).is_err());
}

/// The plan's title is renamed in the same journaled change as the mission: one undo takes both
/// back, redo brings both, and the title survives reopening; a blank title is refused.
#[test]
fn the_title_is_saved_with_the_statement_and_one_undo_takes_both_back() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let before = wb.meta().unwrap().title;
    let draft = StrategyDraft {
        mission_problem: "Plants cannot find integrators.".into(),
        ..StrategyDraft::default()
    };
    assert!(wb.save_statement(&draft, Some("  Plan 2027 ")).unwrap());
    assert_eq!(wb.meta().unwrap().title, "Plan 2027");
    assert_eq!(
        wb.strategy().unwrap().mission_problem,
        "Plants cannot find integrators."
    );
    // The same again changes nothing.
    assert!(!wb.save_statement(&draft, Some("Plan 2027")).unwrap());
    let refused = wb.save_statement(&draft, Some("  ")).unwrap_err();
    assert!(refused.to_string().contains("needs a title"), "{refused}");

    wb.undo().unwrap();
    assert_eq!(wb.meta().unwrap().title, before);
    assert_eq!(wb.strategy().unwrap().mission_problem, "");
    wb.redo().unwrap();
    assert_eq!(wb.meta().unwrap().title, "Plan 2027");
    let path = wb.path().to_path_buf();
    drop(wb);
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(wb.meta().unwrap().title, "Plan 2027");
}
