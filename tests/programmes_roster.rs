//! Issue 20: the roster's cached fit, gate, onboarding % and check-in dates after programme
//! changes of every reach — one partner, one type (in any case), the whole roster, undo and redo
//! — always equal the rules of `plan::selection` and `plan::onboarding`; and a change that moves
//! no partner's figure writes no partner row.

mod support;

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::criteria::{CriterionDraft, TypeSetting};
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::selection::Assessment;
use partnerplan::plan::template::ItemDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::seeded::Seeded;
use tempfile::TempDir;

/// Partners' types as people type them: one type in several cases, and none.
const TYPES: [&str; 7] = [
    "reseller",
    "Reseller",
    "joint venture",
    "supplier",
    "",
    "Strategic Alliance",
    "distributor",
];

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("roster.partnerplan");
    Workbook::create(&path, None).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn ids(wb: &Workbook) -> Vec<i64> {
    wb.connection()
        .prepare("SELECT id FROM partners ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every partner's cached columns equal the rules, or the first that does not is named.
fn all_agree(wb: &Workbook, step: &str) {
    for id in ids(wb) {
        let (fit, out, pct, last, stale_last): (f64, bool, i64, Option<String>, i64) = wb
            .connection()
            .query_row(
                "SELECT fit_score, gated_out, onboarding_pct, last_checkin, \
                 last_checkin IS NOT (SELECT max(held_on) FROM checkins WHERE partner_id = p.id) \
                 FROM partners p WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        let rules = wb.partner_fit(id).unwrap();
        assert!(
            (fit - rules.score.unwrap_or(-1.0)).abs() < 1e-9,
            "after {step}: partner {id} cached fit {fit}, rules {:?}",
            rules.score
        );
        assert_eq!(out, rules.gated_out, "after {step}: partner {id}'s gate");
        let progress = wb.onboarding_progress(id).unwrap().map_or(-1, i64::from);
        assert_eq!(pct, progress, "after {step}: partner {id}'s onboarding %");
        assert_eq!(
            stale_last, 0,
            "after {step}: partner {id}'s last check-in {last:?}"
        );
    }
}

/// A roster of `count` partners of every type, each scored on some criteria and with some
/// checklist statuses.
fn roster(wb: &mut Workbook, count: usize, dice: &mut Seeded) {
    let criteria: Vec<i64> = wb
        .criteria()
        .unwrap()
        .iter()
        .map(|c| c.criterion.id)
        .collect();
    for n in 0..count {
        let id = wb
            .add_partner(&PartnerDraft {
                name: format!("Partner {n:03}"),
                partner_type: dice.pick(&TYPES).to_string(),
                stage: "evaluating".into(),
                ..Default::default()
            })
            .unwrap();
        for criterion in &criteria {
            if dice.below(3) > 0 {
                score(wb, id, *criterion, dice);
            }
        }
        tick(wb, id, dice);
    }
}

/// Scores partner `id` on `criterion` as its type's programme asks (1–5 or pass/fail).
fn score(wb: &mut Workbook, id: i64, criterion: i64, dice: &mut Seeded) {
    let Some(judged) = wb
        .partner_criteria(id)
        .unwrap()
        .into_iter()
        .find(|c| c.id == criterion)
    else {
        return;
    };
    let assessment = if judged.is_gate {
        Assessment::Gate(dice.below(4) > 0)
    } else {
        Assessment::Score(dice.between(1, 5) as u8)
    };
    wb.set_score(id, criterion, assessment, "", None).unwrap();
}

/// A status for one item of partner `id`'s checklist.
fn tick(wb: &mut Workbook, id: i64, dice: &mut Seeded) {
    let lines = wb.checklist(id).unwrap();
    if lines.is_empty() {
        return;
    }
    let item = dice.pick(&lines).item_id;
    let status = *dice.pick(&[ItemStatus::Done, ItemStatus::Skipped, ItemStatus::Pending]);
    let today = "2026-05-01".parse().unwrap();
    wb.set_checklist_item(id, item, status, today, "").unwrap();
}

#[test]
fn every_reach_of_change_leaves_the_cached_figures_equal_to_the_rules() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let mut dice = Seeded::new(20);
    roster(&mut wb, 60, &mut dice);
    all_agree(&wb, "building the roster");
    for step in 0..60 {
        let criteria = wb.criteria().unwrap();
        let items = wb.onboarding_items().unwrap();
        let partners = ids(&wb);
        let kind = dice.pick(&TYPES[..]).to_uppercase();
        let what = match dice.below(11) {
            0 => {
                let c = dice.pick(&criteria).criterion.id;
                score(&mut wb, *dice.pick(&partners), c, &mut dice);
                "a score"
            }
            1 | 2 => {
                let c = dice.pick(&criteria).criterion.clone();
                let setting = match dice.below(3) {
                    0 => TypeSetting::default(),
                    1 => TypeSetting {
                        weight: Some(dice.between(0, 60) as f64),
                        is_gate: Some(false),
                    },
                    _ => TypeSetting {
                        weight: None,
                        is_gate: Some(!c.is_gate),
                    },
                };
                // Some settings are refused (a gate for every type needs a weight to be weighed
                // for one): a refusal changes nothing, which is checked too.
                let _ = wb.set_criterion_for_type(c.id, kind.trim(), setting);
                "a type's own weight or gate"
            }
            3 => {
                let c = dice.pick(&criteria);
                let draft = CriterionDraft {
                    name: c.criterion.name.clone(),
                    description: c.description.clone(),
                    weight: if c.criterion.is_gate {
                        0.0
                    } else {
                        dice.between(1, 50) as f64
                    },
                    rationale: c.rationale.clone(),
                    is_gate: c.criterion.is_gate,
                };
                wb.update_criterion(c.criterion.id, &draft).unwrap();
                "every type's weight"
            }
            4 => {
                let _ = wb.toggle_item_for_type(dice.pick(&items).id, kind.trim());
                "an item in or out of a type's checklist"
            }
            5 => {
                let draft = ItemDraft {
                    title: format!("Step {step}"),
                    description: String::new(),
                };
                let kind = (dice.below(2) == 0).then_some(kind.trim());
                wb.add_onboarding_item_for(&draft, kind).unwrap();
                "an item for a type"
            }
            6 => {
                tick(&mut wb, *dice.pick(&partners), &mut dice);
                "a checklist status"
            }
            7 => {
                let id = *dice.pick(&partners);
                let mut draft = wb.partner(id).unwrap().unwrap();
                draft.partner_type = dice.pick(&TYPES).to_string();
                wb.update_partner(id, &draft).unwrap();
                "a partner's type"
            }
            8 => {
                let day = format!("2026-0{}-1{}", 1 + dice.below(9), dice.below(10));
                wb.add_checkin(*dice.pick(&partners), day.parse().unwrap(), "met")
                    .unwrap();
                "a check-in"
            }
            9 => {
                wb.undo().unwrap();
                "an undo"
            }
            _ => {
                wb.redo().unwrap();
                "a redo"
            }
        };
        all_agree(&wb, &format!("step {step}, {what}"));
    }
}

/// Counts the writes to the partners table from here on.
fn count_partner_writes(wb: &Workbook) {
    wb.connection()
        .execute_batch(
            "CREATE TEMP TABLE written (n INTEGER NOT NULL); INSERT INTO written VALUES (0); \
             CREATE TEMP TRIGGER counting AFTER UPDATE ON main.partners \
             BEGIN UPDATE written SET n = n + 1; END;",
        )
        .unwrap();
}

/// The partner rows written since the last call, then counting again from zero.
fn written(wb: &Workbook) -> i64 {
    let n = wb
        .connection()
        .query_row("SELECT n FROM written", [], |r| r.get(0))
        .unwrap();
    wb.connection()
        .execute("UPDATE written SET n = 0", [])
        .unwrap();
    n
}

#[test]
fn a_change_that_moves_no_figure_writes_no_partner_row() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let mut dice = Seeded::new(7);
    roster(&mut wb, 40, &mut dice);
    let scored = wb.criteria().unwrap()[0].clone();
    count_partner_writes(&wb);

    // No partner is an agent: the agents' own weight or checklist item moves nobody.
    let setting = TypeSetting {
        weight: Some(55.0),
        is_gate: None,
    };
    wb.set_criterion_for_type(scored.criterion.id, "agent", setting)
        .unwrap();
    assert_eq!(written(&wb), 0, "an agents' weight wrote partner rows");
    let draft = ItemDraft {
        title: "Agent licence checked".into(),
        description: String::new(),
    };
    wb.add_onboarding_item_for(&draft, Some("agent")).unwrap();
    assert_eq!(
        written(&wb),
        0,
        "an agents' checklist item wrote partner rows"
    );

    // A new criterion nobody is scored on, then its weight for every type: no fit moves.
    let new = wb
        .add_criterion(&CriterionDraft {
            name: "Local presence".into(),
            weight: 10.0,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        written(&wb),
        0,
        "a criterion nobody is scored on wrote partner rows"
    );
    wb.update_criterion(
        new,
        &CriterionDraft {
            name: "Local presence".into(),
            weight: 20.0,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(written(&wb), 0);

    // Every type's weight of a criterion most partners are scored on: those whose fit moves.
    let draft = CriterionDraft {
        name: scored.criterion.name.clone(),
        description: scored.description.clone(),
        weight: scored.criterion.weight + 17.0,
        rationale: scored.rationale.clone(),
        is_gate: false,
    };
    wb.update_criterion(scored.criterion.id, &draft).unwrap();
    let moved = written(&wb);
    assert!(moved > 0 && moved <= 40, "{moved} partner rows written");
    all_agree(&wb, "every type's weight");
}
