//! The criteria editor in the workbook: add, rename, reorder and delete criteria, each undoable
//! (a delete's scores come back with it), and every partner's cached fit following the weights.

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::criteria::CriterionDraft;
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir) -> Workbook {
    let path = dir.path().join("c.partnerplan");
    Workbook::create(&path, None).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn names(wb: &Workbook) -> Vec<String> {
    wb.criteria()
        .unwrap()
        .into_iter()
        .map(|c| c.criterion.name)
        .collect()
}

fn id_of(wb: &Workbook, name: &str) -> i64 {
    wb.criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.name == name)
        .map(|c| c.criterion.id)
        .unwrap()
}

fn weighted(name: &str, weight: f64, rationale: &str) -> CriterionDraft {
    CriterionDraft {
        name: name.into(),
        description: "How far their sales reach.".into(),
        weight,
        rationale: rationale.into(),
        is_gate: false,
    }
}

fn stored_fit(wb: &Workbook, partner: i64) -> Option<f64> {
    wb.connection()
        .query_row(
            "SELECT nullif(fit_score, -1) FROM partners WHERE id = ?1",
            [partner],
            |r| r.get(0),
        )
        .unwrap()
}

fn score_count(wb: &Workbook, criterion: i64) -> i64 {
    wb.connection()
        .query_row(
            "SELECT count(*) FROM criterion_scores WHERE criterion_id = ?1",
            [criterion],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn add_rename_and_undo() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let id = wb
        .add_criterion(&weighted("  Market reach ", 15.0, "Our buyers are abroad."))
        .unwrap();
    assert_eq!(names(&wb).last().map(String::as_str), Some("Market reach"));
    let record = wb.criteria().unwrap().into_iter().last().unwrap();
    assert_eq!(record.criterion.id, id);
    assert_eq!(record.criterion.weight, 15.0);
    assert_eq!(record.rationale, "Our buyers are abroad.");

    wb.update_criterion(id, &weighted("Sales reach", 15.0, "Buyers abroad."))
        .unwrap();
    assert!(names(&wb).contains(&"Sales reach".to_string()));
    wb.undo().unwrap();
    assert!(names(&wb).contains(&"Market reach".to_string()));
    wb.undo().unwrap();
    assert!(!names(&wb).iter().any(|n| n.contains("reach")));
}

#[test]
fn the_rule_refuses_duplicates_and_bad_weights_and_gates_store_zero() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let before = names(&wb);
    let err = wb
        .add_criterion(&weighted("capabilities", 10.0, ""))
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("already a criterion"),
        "{err:#}"
    );
    assert!(wb.add_criterion(&weighted("Reach", 101.0, "")).is_err());
    assert_eq!(names(&wb), before, "nothing written");
    // Renaming a criterion to its own name in another case is fine.
    let cap = id_of(&wb, "Capabilities");
    wb.update_criterion(cap, &weighted("CAPABILITIES", 30.0, ""))
        .unwrap();
    let gate = CriterionDraft {
        name: "Data protection".into(),
        weight: 50.0,
        is_gate: true,
        ..Default::default()
    };
    let id = wb.add_criterion(&gate).unwrap();
    let stored = wb
        .criteria()
        .unwrap()
        .into_iter()
        .find(|c| c.criterion.id == id)
        .unwrap();
    assert!(stored.criterion.is_gate);
    assert_eq!(stored.criterion.weight, 0.0);
}

#[test]
fn reorder_swaps_neighbours_in_one_undoable_change() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let original = names(&wb);
    let cultural = id_of(&wb, "Cultural fit");
    assert!(wb.move_criterion(cultural, true).unwrap());
    let moved = names(&wb);
    assert_eq!(&moved[..2], ["Cultural fit", "Capabilities"]);
    assert!(!wb.move_criterion(cultural, true).unwrap(), "already first");
    assert!(wb.move_criterion(cultural, false).unwrap());
    assert_eq!(names(&wb), original);
    wb.undo().unwrap();
    assert_eq!(names(&wb), moved, "one undo reverts one move");
    let last = id_of(&wb, "Security review");
    assert!(!wb.move_criterion(last, false).unwrap(), "already last");
}

#[test]
fn delete_takes_the_scores_and_undo_brings_them_back() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let partner = wb
        .add_partner(&PartnerDraft {
            name: "Northwind".into(),
            stage: "prospect".into(),
            ..Default::default()
        })
        .unwrap();
    let cap = id_of(&wb, "Capabilities");
    wb.set_score(
        partner,
        cap,
        Assessment::Score(5),
        "4 warehouses",
        Some("2026-11-02"),
    )
    .unwrap();
    assert_eq!(wb.delete_criterion(cap).unwrap(), "Capabilities");
    assert!(!names(&wb).contains(&"Capabilities".to_string()));
    assert_eq!(score_count(&wb, cap), 0);
    assert_eq!(stored_fit(&wb, partner), None, "nothing scored any more");
    wb.undo().unwrap();
    assert_eq!(names(&wb).first().map(String::as_str), Some("Capabilities"));
    assert_eq!(score_count(&wb, cap), 1);
    let scores = wb.scores(partner).unwrap();
    assert_eq!(scores[0].evidence, "4 warehouses");
    assert_eq!(stored_fit(&wb, partner), Some(100.0));
}

#[test]
fn a_weight_change_recomputes_every_partners_fit() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir);
    let mut partners = Vec::new();
    for name in ["Northwind", "Brightpath"] {
        partners.push(
            wb.add_partner(&PartnerDraft {
                name: name.into(),
                stage: "prospect".into(),
                ..Default::default()
            })
            .unwrap(),
        );
    }
    let (cap, cultural) = (id_of(&wb, "Capabilities"), id_of(&wb, "Cultural fit"));
    for (partner, (a, b)) in partners.iter().zip([(5, 1), (1, 5)]) {
        wb.set_score(*partner, cap, Assessment::Score(a), "", None)
            .unwrap();
        wb.set_score(*partner, cultural, Assessment::Score(b), "", None)
            .unwrap();
    }
    let before: Vec<Option<f64>> = partners.iter().map(|p| stored_fit(&wb, *p)).collect();
    let mut draft = weighted("Capabilities", 100.0, "Capability is what we buy.");
    draft.description = String::new();
    wb.update_criterion(cap, &draft).unwrap();
    for partner in &partners {
        let live = wb.partner_fit(*partner).unwrap().score;
        assert_eq!(stored_fit(&wb, *partner), live, "cache follows the weights");
    }
    let after: Vec<Option<f64>> = partners.iter().map(|p| stored_fit(&wb, *p)).collect();
    assert!(after[0] > before[0], "{before:?} → {after:?}");
    assert!(after[1] < before[1], "{before:?} → {after:?}");
    wb.undo().unwrap();
    let undone: Vec<Option<f64>> = partners.iter().map(|p| stored_fit(&wb, *p)).collect();
    assert_eq!(undone, before);
}
