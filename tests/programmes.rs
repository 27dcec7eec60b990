//! Programmes per partner type in the workbook: a reseller and a joint venture scored alike get
//! different fits, gates and onboarding %; a type's own weight or gate is one undoable change
//! that reworks only its partners; the cached columns agree with the rules of `plan::selection`
//! and `plan::onboarding` whichever way they are worked out.

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::criteria::TypeSetting;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{ItemReach, OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("p.partnerplan");
    Workbook::create(&path, None).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn partner(wb: &mut Workbook, name: &str, kind: &str) -> i64 {
    wb.add_partner(&PartnerDraft {
        name: name.into(),
        partner_type: kind.into(),
        stage: "evaluating".into(),
        ..Default::default()
    })
    .unwrap()
}

fn criterion(wb: &Workbook, name: &str) -> i64 {
    wb.criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.name == name)
        .unwrap()
        .criterion
        .id
}

/// Capabilities 5, cultural fit 1, willingness 3, shared vision 1, complementary strengths 5 and
/// the security review passed.
fn score_alike(wb: &mut Workbook, id: i64) {
    for (name, score) in [
        ("Capabilities", 5),
        ("Cultural fit", 1),
        ("Willingness to collaborate", 3),
        ("Shared vision", 1),
        ("Complementary strengths", 5),
    ] {
        let c = criterion(wb, name);
        wb.set_score(id, c, Assessment::Score(score), "", None)
            .unwrap();
    }
    let gate = criterion(wb, "Security review");
    wb.set_score(id, gate, Assessment::Gate(true), "", None)
        .unwrap();
}

/// (fit_score, gated_out, onboarding_pct) as the roster reads them.
fn cached(wb: &Workbook, id: i64) -> (f64, bool, i64) {
    wb.connection()
        .query_row(
            "SELECT fit_score, gated_out, onboarding_pct FROM partners WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

/// The cached columns equal what the pure rules say for the partner's type.
fn agrees_with_the_rules(wb: &Workbook, id: i64) {
    let (fit, out, pct) = cached(wb, id);
    let rules = wb.partner_fit(id).unwrap();
    assert!(
        (fit - rules.score.unwrap_or(-1.0)).abs() < 1e-9,
        "cached {fit}, rules {:?}",
        rules.score
    );
    assert_eq!(out, rules.gated_out);
    let progress = wb.onboarding_progress(id).unwrap().map_or(-1, i64::from);
    assert_eq!(pct, progress);
}

#[test]
fn a_reseller_and_a_joint_venture_scored_alike_differ_in_fit_gates_and_onboarding() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let reseller = partner(&mut wb, "Brightrail Resale", "reseller");
    let venture = partner(&mut wb, "Kestrel Joint Venture", "joint venture");
    let plain = partner(&mut wb, "Untyped Partner", "");
    for id in [reseller, venture, plain] {
        score_alike(&mut wb, id);
    }
    // Every type: (30·100 + 15·0 + 20·50 + 15·0 + 20·100) / 100 = 60.
    // Reseller (channel partner): (35·100 + 10·0 + 15·50 + 10·0 + 30·100) / 100 = 72.5.
    // Joint venture: (25·100 + 25·0 + 15·50 + 25·0 + 10·100) / 100 = 42.5.
    assert_eq!(cached(&wb, plain).0, 60.0);
    assert_eq!(cached(&wb, reseller).0, 72.5);
    assert_eq!(cached(&wb, venture).0, 42.5);

    // Checklists: 5 items for every type; a channel partner has 2 more, a joint venture 1.
    let titles = |id| -> Vec<String> {
        wb.checklist(id)
            .unwrap()
            .into_iter()
            .map(|l| l.title)
            .collect()
    };
    assert_eq!(titles(plain).len(), 5);
    assert!(titles(reseller).contains(&"Sales certification passed".to_string()));
    assert!(!titles(venture).contains(&"Sales certification passed".to_string()));
    assert!(titles(venture).contains(&"Venture governance signed off".to_string()));
    let first = wb.checklist(reseller).unwrap()[0].item_id;
    let today = "2026-03-01".parse().unwrap();
    for id in [reseller, venture, plain] {
        wb.set_checklist_item(id, first, ItemStatus::Done, today, "")
            .unwrap();
    }
    assert_eq!(cached(&wb, plain).2, 20, "1 of 5");
    assert_eq!(cached(&wb, reseller).2, 14, "1 of 7");
    assert_eq!(cached(&wb, venture).2, 16, "1 of 6");

    // The security review is no gate for a joint venture here: a failed review marks the
    // reseller out, not the venture, whose stored result is no 1–5 score and counts for nothing.
    let gate = criterion(&wb, "Security review");
    for id in [reseller, venture] {
        wb.set_score(id, gate, Assessment::Gate(false), "", None)
            .unwrap();
    }
    wb.set_criterion_for_type(
        gate,
        "Joint Venture",
        TypeSetting {
            weight: Some(10.0),
            is_gate: Some(false),
        },
    )
    .unwrap();
    assert!(cached(&wb, reseller).1);
    assert!(!cached(&wb, venture).1);
    assert_eq!(wb.partner_fit(venture).unwrap().weighted_criteria, 6);
    for id in [reseller, venture, plain] {
        agrees_with_the_rules(&wb, id);
    }
    // Scoring it for the venture takes a 1–5 score now, and a pass/fail is refused.
    let refused = wb
        .set_score(venture, gate, Assessment::Gate(true), "", None)
        .unwrap_err();
    assert!(refused.to_string().contains("1–5"), "{refused}");
    wb.set_score(venture, gate, Assessment::Score(5), "", None)
        .unwrap();
    // (25·100 + 25·0 + 15·50 + 25·0 + 10·100 + 10·100) / 110
    assert!((cached(&wb, venture).0 - 5250.0 / 110.0).abs() < 1e-9);
    agrees_with_the_rules(&wb, venture);
}

#[test]
fn a_types_setting_is_one_undoable_change_that_moves_only_its_partners() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let supplier = partner(&mut wb, "Ostrander Parts", "supplier");
    let agent = partner(&mut wb, "Meridel Agents", "agent");
    score_alike(&mut wb, supplier);
    score_alike(&mut wb, agent);
    let (supplier_before, agent_before) = (cached(&wb, supplier).0, cached(&wb, agent).0);
    let capabilities = criterion(&wb, "Capabilities");
    wb.set_criterion_for_type(
        capabilities,
        "supplier",
        TypeSetting {
            weight: Some(80.0),
            is_gate: None,
        },
    )
    .unwrap();
    assert!(cached(&wb, supplier).0 > supplier_before);
    assert_eq!(cached(&wb, agent).0, agent_before);
    let shown = wb.criteria_for_type(Some("supplier")).unwrap();
    let own = shown
        .iter()
        .find(|c| c.record.criterion.id == capabilities)
        .unwrap();
    assert_eq!(own.effective.weight, 80.0);
    assert_eq!(own.record.criterion.weight, 30.0, "every type's stays");
    wb.undo().unwrap();
    assert_eq!(cached(&wb, supplier).0, supplier_before);
    wb.redo().unwrap();
    assert!(cached(&wb, supplier).0 > supplier_before);
    // Back to every type's weight with an empty setting: the shipped supplier weight goes too.
    wb.set_criterion_for_type(capabilities, "supplier", TypeSetting::default())
        .unwrap();
    let every = wb.criteria_for_type(None).unwrap();
    let every_fit = {
        let criteria: Vec<_> = every.iter().map(|c| c.effective.clone()).collect();
        let scores: Vec<_> = wb
            .scores(supplier)
            .unwrap()
            .into_iter()
            .map(|s| (s.criterion_id, s.assessment))
            .collect();
        partnerplan::plan::selection::fit(&criteria, &scores)
    };
    assert_ne!(cached(&wb, supplier).0, every_fit.score.unwrap());
    agrees_with_the_rules(&wb, supplier);

    // A partner whose type changes is judged by its new type's programme at once.
    let mut draft = wb.partner(agent).unwrap().unwrap();
    draft.partner_type = "joint venture".into();
    wb.update_partner(agent, &draft).unwrap();
    assert_eq!(cached(&wb, agent).0, 42.5);
    agrees_with_the_rules(&wb, agent);
}

#[test]
fn a_checklist_item_goes_in_and_out_of_a_types_checklist_and_statuses_survive() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let reseller = partner(&mut wb, "Brightrail Resale", "reseller");
    let kickoff = wb
        .onboarding_items()
        .unwrap()
        .into_iter()
        .find(|i| i.title == "Kick-off held")
        .unwrap()
        .id;
    let today = "2026-03-01".parse().unwrap();
    wb.set_checklist_item(reseller, kickoff, ItemStatus::Done, today, "met in Lyon")
        .unwrap();
    assert_eq!(cached(&wb, reseller).2, 14);
    // For every type → only suppliers: out of the reseller's checklist, its tick kept.
    let reach = wb.toggle_item_for_type(kickoff, "supplier").unwrap();
    assert_eq!(reach, ItemReach::Only(vec!["supplier".into()]));
    assert_eq!(cached(&wb, reseller).2, 0);
    assert_eq!(wb.checklist(reseller).unwrap().len(), 6);
    // … then for resellers too: back in, with its status and note.
    wb.toggle_item_for_type(kickoff, "reseller").unwrap();
    let line = wb
        .checklist(reseller)
        .unwrap()
        .into_iter()
        .find(|l| l.item_id == kickoff)
        .unwrap();
    assert_eq!(
        (line.status, line.note.as_str()),
        (ItemStatus::Done, "met in Lyon")
    );
    // Losing its last type makes it every type's again.
    wb.toggle_item_for_type(kickoff, "supplier").unwrap();
    assert_eq!(
        wb.toggle_item_for_type(kickoff, "reseller").unwrap(),
        ItemReach::EveryType
    );
    wb.undo().unwrap();
    assert_eq!(
        wb.item_reach(kickoff).unwrap(),
        ItemReach::Only(vec!["reseller".into()])
    );
    agrees_with_the_rules(&wb, reseller);
    let refused = wb.toggle_item_for_type(kickoff, " ").unwrap_err();
    assert!(
        refused.to_string().contains("Pick a partner type"),
        "{refused}"
    );
}

#[test]
fn the_whole_roster_worked_out_at_once_agrees_with_each_partner_worked_out_alone() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let kinds = [
        "reseller",
        "joint venture",
        "supplier",
        "",
        "Strategic Alliance",
    ];
    let mut ids = Vec::new();
    for (n, kind) in kinds.iter().cycle().take(15).enumerate() {
        let id = partner(&mut wb, &format!("Partner {n:02}"), kind);
        let names = [
            "Capabilities",
            "Cultural fit",
            "Willingness to collaborate",
            "Shared vision",
        ];
        for (k, name) in names.iter().enumerate().take(1 + n % 4) {
            let c = criterion(&wb, name);
            let score = 1 + ((n + k) % 5) as u8;
            wb.set_score(id, c, Assessment::Score(score), "", None)
                .unwrap();
        }
        ids.push(id);
    }
    let before: Vec<_> = ids.iter().map(|id| cached(&wb, *id)).collect();
    // A change to every type's criteria reworks the whole roster in one statement.
    let shared = criterion(&wb, "Shared vision");
    let draft = partnerplan::plan::criteria::CriterionDraft {
        name: "Shared vision".into(),
        weight: 15.0,
        ..Default::default()
    };
    wb.update_criterion(shared, &draft).unwrap();
    let after: Vec<_> = ids.iter().map(|id| cached(&wb, *id)).collect();
    assert_eq!(before, after);
    for id in &ids {
        agrees_with_the_rules(&wb, *id);
    }
    // "Strategic Alliance" takes the strategic alliance programme whatever its case.
    let alliance = ids[4];
    let criteria = wb.partner_criteria(alliance).unwrap();
    assert_eq!(criteria[3].weight, 25.0);
}

#[test]
fn a_revenue_counts_at_its_own_margin_then_its_partners_rate_then_its_types() {
    use partnerplan::plan::money::{Period, ValueKind};
    use partnerplan::workbook::ValueDraft;
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let own = partner(&mut wb, "Brightrail Resale", "reseller");
    let typed = partner(&mut wb, "Quill Resale", "Reseller");
    let untyped = partner(&mut wb, "Loose Ends", "");
    for id in [own, typed, untyped] {
        wb.save_value_entry(
            None,
            &ValueDraft {
                logged_on: "2026-05-01".parse().unwrap(),
                partner_id: Some(id),
                kind: ValueKind::Revenue,
                description: "Licences resold".into(),
                amount_minor: Some(100_000),
                margin_minor: None,
            },
        )
        .unwrap();
    }
    // The reseller type at 20 %, set from Brightrail's form with Brightrail's own 30 %: one change.
    wb.set_margin_rates(own, Some(30.0), Some(("reseller", Some(20.0))))
        .unwrap();
    assert_eq!(wb.type_margin_rate("RESELLER").unwrap(), Some(20.0));
    let margins = |wb: &Workbook| -> Vec<(String, i128, Option<f64>)> {
        let mut rows: Vec<_> = wb
            .roi_summary(Period::default())
            .unwrap()
            .partners
            .into_iter()
            .map(|p| (p.partner, p.report.margin_minor, p.type_rate))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    };
    assert_eq!(
        margins(&wb),
        [
            ("Brightrail Resale".to_string(), 30_000, Some(20.0)),
            // No rate of its own: the type's 20 %, whatever the case of its type.
            ("Loose Ends".to_string(), 100_000, None),
            ("Quill Resale".to_string(), 20_000, Some(20.0)),
        ],
        "an untyped revenue without a margin counts at gross"
    );
    wb.undo().unwrap();
    assert_eq!(wb.type_margin_rate("reseller").unwrap(), None);
    assert_eq!(
        wb.partner_margin_rate(own).unwrap(),
        None,
        "one change, undone whole"
    );
    let refused = wb
        .set_margin_rates(untyped, None, Some(("", Some(10.0))))
        .unwrap_err();
    assert!(refused.to_string().contains("has no type"), "{refused}");
    let refused = wb
        .set_margin_rates(typed, None, Some(("reseller", Some(150.0))))
        .unwrap_err();
    assert!(
        refused.to_string().contains("from -100 to 100"),
        "{refused}"
    );
}

/// The app leaves an undo or redo to its idle pass only when replaying it reworks a programme
/// (a type's weight, a criterion, a checklist item), never for one partner's own edit.
#[test]
fn an_undo_says_whether_it_reworks_a_programme() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    assert!(!wb.replay_reworks_roster(true).unwrap(), "nothing to undo");
    let capabilities = criterion(&wb, "Capabilities");
    wb.set_criterion_for_type(
        capabilities,
        "reseller",
        TypeSetting {
            weight: Some(70.0),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(wb.replay_reworks_roster(true).unwrap(), "a type's weight");
    assert!(!wb.replay_reworks_roster(false).unwrap(), "nothing to redo");
    partner(&mut wb, "Alcova", "reseller");
    assert!(
        !wb.replay_reworks_roster(true).unwrap(),
        "a partner added reworks only itself"
    );
    wb.undo().unwrap();
    assert!(
        !wb.replay_reworks_roster(false).unwrap(),
        "its redo neither"
    );
    wb.undo().unwrap();
    assert!(
        wb.replay_reworks_roster(false).unwrap(),
        "the weight's redo does"
    );
}
