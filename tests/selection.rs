//! Selection in the workbook: seeded criteria, scores with undo, live fit and the ranking.

use partnerplan::plan::PartnerDraft;
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::{OpenOptions, Workbook};
use tempfile::TempDir;

fn open_new(dir: &TempDir, weights: &[(String, f64)]) -> Workbook {
    let path = dir.path().join("s.partnerplan");
    Workbook::create_with_weights(&path, None, weights).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn partner(wb: &mut Workbook, name: &str, stage: &str) -> i64 {
    wb.add_partner(&PartnerDraft {
        name: name.into(),
        stage: stage.into(),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn new_workbooks_start_with_the_method_criteria_a_gate_and_the_checklist() {
    let dir = TempDir::new().unwrap();
    let wb = open_new(&dir, &[("shared_vision".into(), 40.0)]);
    let criteria = wb.criteria().unwrap();
    let names: Vec<&str> = criteria.iter().map(|c| c.criterion.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Capabilities",
            "Cultural fit",
            "Willingness to collaborate",
            "Shared vision",
            "Complementary strengths",
            "Security review"
        ]
    );
    assert!(criteria[5].criterion.is_gate);
    assert_eq!(criteria[3].criterion.weight, 40.0, "config weight applied");
    assert_eq!(criteria[0].criterion.weight, 30.0, "asset weight kept");
    assert!(
        criteria
            .iter()
            .all(|c| c.criterion.is_gate || !c.rationale.is_empty())
    );
    // Five items every partner goes through, and the items of the shipped programmes' own.
    let items: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM onboarding_items i WHERE NOT EXISTS \
             (SELECT 1 FROM onboarding_item_types x WHERE x.item_id = i.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(items, 5);
    assert!(!wb.can_undo(), "seeding is not an edit to undo");
}

#[test]
fn scores_update_the_fit_live_and_undo_restores_the_previous_score() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, &[]);
    let id = partner(&mut wb, "Helix Cloud", "evaluating");
    let criteria = wb.criteria().unwrap();
    let [capabilities, culture, willingness] = [0, 1, 2].map(|i| criteria[i].criterion.id);
    let gate = criteria[5].criterion.id;
    assert_eq!(wb.partner_fit(id).unwrap().label(), "not scored");
    wb.set_score(
        id,
        capabilities,
        Assessment::Score(5),
        "Runs 40 data centres",
        Some("2026-11-01"),
    )
    .unwrap();
    wb.set_score(id, culture, Assessment::Score(3), "", None)
        .unwrap();
    wb.set_score(id, willingness, Assessment::Score(4), "", None)
        .unwrap();
    let fit = wb.partner_fit(id).unwrap();
    // (30·100 + 15·50 + 20·75) / 65 = 80.8
    assert_eq!(fit.label(), "81 · incomplete (3 of 5 scored)");
    wb.set_score(id, culture, Assessment::Score(1), "changed my mind", None)
        .unwrap();
    assert_eq!(
        wb.scores(id).unwrap().len(),
        3,
        "a second score replaces the first"
    );
    wb.undo().unwrap();
    let culture_score = wb
        .scores(id)
        .unwrap()
        .into_iter()
        .find(|s| s.criterion_id == culture)
        .unwrap();
    assert_eq!(culture_score.assessment, Assessment::Score(3));
    wb.set_score(id, gate, Assessment::Gate(false), "failed pen test", None)
        .unwrap();
    assert!(wb.partner_fit(id).unwrap().gated_out);
    assert!(
        wb.set_score(id, gate, Assessment::Score(3), "", None)
            .is_err()
    );
    assert!(
        wb.set_score(id, capabilities, Assessment::Gate(true), "", None)
            .is_err()
    );
    assert!(
        wb.set_score(id, capabilities, Assessment::Score(6), "", None)
            .is_err()
    );
}

#[test]
fn ranking_reads_the_chosen_stages_and_marks_ties() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, &[]);
    let criteria: Vec<i64> = wb
        .criteria()
        .unwrap()
        .iter()
        .filter(|c| !c.criterion.is_gate)
        .map(|c| c.criterion.id)
        .collect();
    let strong = partner(&mut wb, "Strong", "evaluating");
    let close = partner(&mut wb, "Close", "prospect");
    let weak = partner(&mut wb, "Weak", "evaluating");
    let active = partner(&mut wb, "Already active", "active");
    for (id, score) in [(strong, 5), (close, 5), (weak, 2), (active, 5)] {
        for criterion in &criteria {
            wb.set_score(id, *criterion, Assessment::Score(score), "", None)
                .unwrap();
        }
    }
    wb.set_score(close, criteria[1], Assessment::Score(4), "", None)
        .unwrap();
    let ranking = wb.ranking(&["prospect", "evaluating"]).unwrap();
    let names: Vec<&str> = ranking.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Strong", "Close", "Weak"], "{ranking:#?}");
    assert_eq!(
        ranking[0].tie_group, ranking[1].tie_group,
        "96.25 is within 5 points of 100"
    );
    assert_ne!(ranking[1].tie_group, ranking[2].tie_group);
}

fn cached(wb: &Workbook, id: i64) -> (Option<f64>, bool, Option<i64>, Option<String>) {
    wb.connection()
        .query_row(
            "SELECT nullif(fit_score, -1), gated_out, nullif(onboarding_pct, -1), last_checkin FROM partners WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

/// The roster reads fit, gate, onboarding and last check-in from columns kept in step with every
/// edit, undo and redo — never recomputed per frame, never left stale by undo.
#[test]
fn cached_roster_columns_follow_edits_undo_and_redo() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, &[]);
    let id = partner(&mut wb, "Helix Cloud", "onboarding");
    assert_eq!(cached(&wb, id), (None, false, Some(0), None));
    let criteria = wb.criteria().unwrap();
    wb.set_score(id, criteria[0].criterion.id, Assessment::Score(5), "", None)
        .unwrap();
    assert_eq!(cached(&wb, id).0, Some(100.0));
    wb.set_score(
        id,
        criteria[5].criterion.id,
        Assessment::Gate(false),
        "",
        None,
    )
    .unwrap();
    assert!(cached(&wb, id).1);
    let item = wb.checklist(id).unwrap()[0].item_id;
    wb.toggle_checklist_item(id, item, jiff::civil::date(2026, 11, 23))
        .unwrap();
    assert_eq!(cached(&wb, id).2, Some(20));
    wb.add_checkin(id, jiff::civil::date(2026, 11, 20), "call")
        .unwrap();
    assert_eq!(cached(&wb, id).3.as_deref(), Some("2026-11-20"));
    for _ in 0..4 {
        wb.undo().unwrap();
    }
    assert_eq!(
        cached(&wb, id),
        (None, false, Some(0), None),
        "undo recomputes the cache"
    );
    wb.redo().unwrap();
    assert_eq!(cached(&wb, id).0, Some(100.0), "and so does redo");
}

#[test]
fn the_filter_follows_renames_deletes_and_undo() {
    use partnerplan::workbook::{Page, PartnerPageQuery};
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, &[]);
    let id = partner(&mut wb, "Quartz Devices", "prospect");
    partner(&mut wb, "Other", "prospect");
    let find = |wb: &Workbook, text: &str| -> Vec<String> {
        let query = PartnerPageQuery {
            filter: text.into(),
            ..Default::default()
        };
        wb.partner_page(&query, &Page::First, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(find(&wb, "quartz"), ["Quartz Devices"]);
    assert_eq!(wb.partner_count("UARTZ").unwrap(), 1, "substring, any case");
    let mut draft = wb.partner(id).unwrap().unwrap();
    draft.name = "Granite Devices".into();
    wb.update_partner(id, &draft).unwrap();
    assert!(find(&wb, "quartz").is_empty());
    assert_eq!(find(&wb, "granite"), ["Granite Devices"]);
    wb.delete_partner(id).unwrap();
    assert!(find(&wb, "granite").is_empty());
    wb.undo().unwrap();
    assert_eq!(find(&wb, "granite"), ["Granite Devices"]);
    wb.undo().unwrap();
    assert_eq!(find(&wb, "quartz"), ["Quartz Devices"]);
    assert_eq!(
        find(&wb, "\"quoted\" text"),
        Vec::<String>::new(),
        "quotes are text, not syntax"
    );
}

#[test]
fn the_roster_sorts_and_pages_by_fit_and_onboarding() {
    use partnerplan::workbook::{Page, PartnerPageQuery, PartnerSort};
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, &[]);
    let capabilities = wb.criteria().unwrap()[0].criterion.id;
    for (name, score) in [
        ("Mid", Some(3)),
        ("Top", Some(5)),
        ("None", None),
        ("Low", Some(1)),
        ("Also mid", Some(3)),
    ] {
        let id = partner(&mut wb, name, "evaluating");
        if let Some(score) = score {
            wb.set_score(id, capabilities, Assessment::Score(score), "", None)
                .unwrap();
        }
    }
    let query = PartnerPageQuery {
        sort: PartnerSort::Fit,
        descending: true,
        ..Default::default()
    };
    // Walk one row at a time: every step is a keyset seek from the previous row.
    let mut walked = wb.partner_page(&query, &Page::First, 1).unwrap();
    while let Some(last) = walked.last().cloned() {
        let next = wb.partner_page(&query, &Page::After(last.key), 1).unwrap();
        if next.is_empty() {
            break;
        }
        walked.extend(next);
    }
    let order: Vec<(&str, Option<f64>)> = walked.iter().map(|r| (r.name.as_str(), r.fit)).collect();
    assert_eq!(
        order,
        [
            ("Top", Some(100.0)),
            ("Mid", Some(50.0)),
            ("Also mid", Some(50.0)),
            ("Low", Some(0.0)),
            ("None", None)
        ]
    );
    let by_onboarding = PartnerPageQuery {
        sort: PartnerSort::Onboarding,
        ..Default::default()
    };
    let first = wb.partner_page(&by_onboarding, &Page::First, 5).unwrap();
    assert!(first.iter().all(|r| r.onboarding_pct == Some(0)));
}
