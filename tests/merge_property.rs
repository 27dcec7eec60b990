//! A property of the three-way merge: two copies of one plan edited at random (seeded, so a
//! failure replays), merged with `--prefer ours` and with `--prefer theirs`, never lose a change
//! that only one side made.

mod support;

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::Path;

use partnerplan::plan::merge::Side;
use partnerplan::plan::risk::{Bands, Likelihood};
use partnerplan::workbook::dump::{Cell, Record, TableRecords};
use partnerplan::workbook::layout::ColumnKind;
use partnerplan::workbook::merge::{Choices, find_base, plan_merge};
use partnerplan::workbook::{OpenOptions, Workbook};
use support::seeded::Seeded;
use support::{Sandbox, draft};

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

fn ids(wb: &Workbook, table: &str) -> Vec<i64> {
    let mut stmt = wb
        .connection()
        .prepare(&format!("SELECT id FROM {table} ORDER BY id"))
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// One random edit through the workbook's own API (so journal and tombstones are as in the app).
fn edit(wb: &mut Workbook, dice: &mut Seeded, side: &str, step: usize) {
    let partners = ids(wb, "partners");
    let risks = ids(wb, "risks");
    match dice.below(7) {
        0 => {
            wb.add_partner(&draft(&format!("{side} partner {step}")))
                .unwrap();
        }
        1 if !partners.is_empty() => {
            let id = partners[dice.below(partners.len())];
            let mut d = wb.partner(id).unwrap().unwrap();
            d.notes = format!("{side} note {step}");
            wb.update_partner(id, &d).unwrap();
        }
        2 if !partners.is_empty() => {
            let id = partners[dice.below(partners.len())];
            let mut d = wb.partner(id).unwrap().unwrap();
            d.owner = format!("{side} owner {step}");
            wb.update_partner(id, &d).unwrap();
        }
        3 if partners.len() > 5 => {
            let id = partners[dice.below(partners.len())];
            wb.delete_partner(id).unwrap();
        }
        4 if !risks.is_empty() => {
            let id = risks[dice.below(risks.len())];
            let mut record = wb.risk(id).unwrap().unwrap();
            record.draft.owner = format!("{side} risk owner {step}");
            wb.update_risk(id, &record.draft, &Bands::default(), true)
                .unwrap();
        }
        5 if !risks.is_empty() => {
            let id = risks[dice.below(risks.len())];
            let mut record = wb.risk(id).unwrap().unwrap();
            record.draft.residual_likelihood = Likelihood::from_value(1 + dice.below(5) as i64);
            record.draft.residual_impact = record
                .draft
                .residual_impact
                .or(record.draft.inherent_impact);
            record.draft.note = format!("{side} reviewed the residual score at step {step}");
            wb.update_risk(id, &record.draft, &Bands::default(), true)
                .unwrap();
        }
        6 if risks.len() > 3 => {
            let id = risks[dice.below(risks.len())];
            wb.delete_risk(id).unwrap();
        }
        _ => {
            wb.add_partner(&draft(&format!("{side} extra {step}")))
                .unwrap();
        }
    }
}

type Plan = HashMap<(&'static str, String), Record>;

fn by_uuid(tables: &[TableRecords]) -> Plan {
    tables
        .iter()
        .filter(|t| !t.layout.single && t.layout.table != "tombstones")
        .flat_map(|t| {
            t.records
                .iter()
                .map(move |r| ((t.layout.table, r.uuid.clone()), r.clone()))
        })
        .collect()
}

/// Records that link to something `gone` (deleted on either side): their fate follows a decision.
fn links_to(tables: &[TableRecords], record: &Record, table: &str, gone: &HashSet<String>) -> bool {
    let Some(layout) = tables.iter().find(|t| t.layout.table == table) else {
        return false;
    };
    layout
        .layout
        .columns
        .iter()
        .zip(&record.cells)
        .any(|(c, cell)| {
            matches!((c.kind, cell), (ColumnKind::Reference(_), Cell::Text(u)) if gone.contains(u))
        })
}

fn check(
    seed: u64,
    base: &Plan,
    ours: &Plan,
    theirs: &Plan,
    merged: &Plan,
    tables: &[TableRecords],
    prefer: Side,
) {
    let gone: HashSet<String> = base
        .keys()
        .filter(|k| !ours.contains_key(*k) || !theirs.contains_key(*k))
        .map(|(_, u)| u.clone())
        .collect();
    for (key, b) in base {
        let (Some(o), Some(t)) = (ours.get(key), theirs.get(key)) else {
            continue;
        };
        let m = merged.get(key).unwrap_or_else(|| {
            panic!("seed {seed}, prefer {prefer:?}: {key:?} kept on both sides is gone")
        });
        for (i, ((bc, oc), tc)) in b.cells.iter().zip(&o.cells).zip(&t.cells).enumerate() {
            if oc == bc && tc != bc {
                assert_eq!(
                    &m.cells[i], tc,
                    "seed {seed}, prefer {prefer:?}: their change to {key:?} field {i} was lost"
                );
            }
            if tc == bc && oc != bc {
                assert_eq!(
                    &m.cells[i], oc,
                    "seed {seed}, prefer {prefer:?}: our change to {key:?} field {i} was lost"
                );
            }
        }
    }
    for (side, copy) in [("ours", ours), ("theirs", theirs)] {
        for (key, record) in copy {
            if base.contains_key(key) || links_to(tables, record, key.0, &gone) {
                continue;
            }
            assert!(
                merged.contains_key(key),
                "seed {seed}, prefer {prefer:?}: {side} added {key:?} and it was lost"
            );
        }
    }
    for (key, b) in base {
        let (o, t) = (ours.get(key), theirs.get(key));
        let deleted_alone = match (o, t) {
            (None, Some(t)) => t.cells == b.cells,
            (Some(o), None) => o.cells == b.cells,
            _ => false,
        };
        if deleted_alone && !links_to(tables, b, key.0, &gone) {
            // Unless something linked to it changed (then it was a decision), it stays deleted.
            let touched = ours.values().chain(theirs.values()).any(|r| {
                r.cells
                    .iter()
                    .any(|c| matches!(c, Cell::Text(u) if u == &key.1))
            });
            if !touched {
                assert!(
                    !merged.contains_key(key),
                    "seed {seed}, prefer {prefer:?}: {key:?} deleted on one side came back"
                );
            }
        }
    }
}

#[test]
fn random_edits_on_two_copies_never_lose_a_change_made_on_one_side() {
    let sb = Sandbox::new();
    let template = sb.file("template.partnerplan");
    sb.run([OsStr::new("demo"), template.as_os_str()])
        .expect_code(0);
    let seeds: u64 = std::env::var("PARTNERPLAN_MERGE_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6);
    for seed in 1..=seeds {
        let ours = sb.file(&format!("ours-{seed}.partnerplan"));
        std::fs::copy(&template, &ours).unwrap();
        let theirs = sb.file(&format!("theirs-{seed}.partnerplan"));
        open(&ours).send_copy(&theirs).unwrap();
        let base = by_uuid(&open(&ours).dump().unwrap());
        let mut dice = Seeded::new(seed);
        for step in 0..12 {
            edit(&mut open(&ours), &mut dice, "ours", step);
            edit(&mut open(&theirs), &mut dice, "theirs", step);
        }
        let tables = open(&ours).dump().unwrap();
        let ours_plan = by_uuid(&tables);
        let theirs_plan = by_uuid(&open(&theirs).dump().unwrap());
        for prefer in [Side::Ours, Side::Theirs] {
            let target = sb.file(&format!("merged-{seed}-{prefer:?}.partnerplan"));
            std::fs::copy(&ours, &target).unwrap();
            let mut merged = open(&target);
            let other = Workbook::open(
                &theirs,
                OpenOptions {
                    read_only: true,
                    create_if_missing: false,
                },
            )
            .unwrap();
            let base_ref = find_base(&merged, &other).unwrap();
            let plan = plan_merge(&merged, &other, &base_ref).unwrap();
            assert!(plan.has_base, "seed {seed}: the copy's base was not found");
            drop(base_ref);
            merged
                .apply_merge(&plan, &Choices::prefer(prefer), "merge")
                .unwrap();
            let merged_plan = by_uuid(&merged.dump().unwrap());
            check(
                seed,
                &base,
                &ours_plan,
                &theirs_plan,
                &merged_plan,
                &tables,
                prefer,
            );
        }
    }
}
