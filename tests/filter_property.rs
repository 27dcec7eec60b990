//! The roster's text filter answers exactly what a plain case-insensitive substring test over
//! name, owner, sector, region and notes answers, through seeded random adds, edits, deletes,
//! undos and redos, for filters typed letter by letter and erased again (the index narrows
//! from earlier results and keeps recent ones, so each path is checked against the model).

mod support;

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{OpenOptions, Workbook};
use support::seeded::Seeded;
use support::{Sandbox, draft};

const WORDS: &[&str] = &[
    "Cobalt", "cobra", "Zürich", "ÉTOILE", "north", "Meridian", "4711", "labs", "Kim", "ß", "a",
];

fn random_text(rng: &mut Seeded) -> String {
    (0..rng.below(4))
        .map(|_| *rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn random_draft(rng: &mut Seeded, n: usize) -> PartnerDraft {
    let mut d = draft(&format!("{} {n}", rng.pick(WORDS)));
    d.owner = random_text(rng);
    d.sector = random_text(rng);
    d.region = random_text(rng);
    d.notes = random_text(rng);
    d
}

/// What a user means by "contains": lower-cased, field by field.
fn contains(d: &PartnerDraft, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    [&d.name, &d.owner, &d.sector, &d.region, &d.notes]
        .iter()
        .any(|field| field.to_lowercase().contains(&filter))
}

#[test]
fn the_filter_agrees_with_a_plain_substring_test_through_edits_undo_and_redo() {
    let sandbox = Sandbox::new();
    let path = sandbox.file("filter.partnerplan");
    Workbook::create(&path, Some("Filter")).unwrap();
    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let mut rng = Seeded::new(0x5EED_F117);
    let mut ids = Vec::new();
    for n in 0..120 {
        ids.push(wb.add_partner(&random_draft(&mut rng, n)).unwrap());
    }
    wb.prepare_search().unwrap();
    for step in 0..80 {
        match rng.below(6) {
            0 => ids.push(
                wb.add_partner(&random_draft(&mut rng, 1000 + step))
                    .unwrap(),
            ),
            1 | 2 => {
                let id = *rng.pick(&ids);
                if wb.partner(id).unwrap().is_some() {
                    wb.update_partner(id, &random_draft(&mut rng, 2000 + step))
                        .unwrap();
                }
            }
            3 => {
                let id = *rng.pick(&ids);
                if wb.partner(id).unwrap().is_some() {
                    wb.delete_partner(id).unwrap();
                }
            }
            4 => drop(wb.undo().unwrap()),
            _ => drop(wb.redo().unwrap()),
        }
        let partners: Vec<(i64, PartnerDraft)> = ids
            .iter()
            .filter_map(|&id| wb.partner(id).unwrap().map(|d| (id, d)))
            .collect();
        let word = rng.pick(WORDS).to_lowercase();
        // Typed letter by letter, then erased: narrowing and the recent results both answer.
        let typed: Vec<String> = (1..=word.chars().count())
            .map(|n| word.chars().take(n).collect())
            .collect();
        for filter in typed.iter().chain(typed.iter().rev()) {
            let expected = partners.iter().filter(|(_, d)| contains(d, filter)).count();
            assert_eq!(
                wb.partner_count(filter).unwrap(),
                expected as i64,
                "step {step}, filter {filter:?}"
            );
        }
    }
}
