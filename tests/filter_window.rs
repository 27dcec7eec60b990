//! The roster's windows under a filter with many matches, on a temporary workbook: walked page by
//! page in name order, both ways, they list exactly the partners a plain substring test finds,
//! in NOCASE name order, whatever the least name the search told the window to start from
//! (names with accents, a control character written by another tool, edits since the index).

mod support;

use partnerplan::workbook::{
    OpenOptions, Page, PartnerPageQuery, PartnerSort, Workbook, generate_workbook,
};
use support::draft;
use tempfile::TempDir;

/// Every partner whose name, owner, sector, region or notes hold `filter` (ignoring case),
/// ordered as the roster orders names (NOCASE folds ASCII only), then by id.
fn expected(wb: &Workbook, filter: &str) -> Vec<i64> {
    let mut stmt = wb
        .connection()
        .prepare("SELECT id, name, owner, sector, region, notes FROM partners")
        .unwrap();
    let mut found: Vec<(Vec<u8>, i64)> = stmt
        .query_map([], |r| {
            let fields: Vec<String> = (1..=5)
                .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
                .collect::<Result<_, _>>()?;
            Ok((r.get::<_, i64>(0)?, fields))
        })
        .unwrap()
        .map(Result::unwrap)
        .filter(|(_, fields)| {
            fields.iter().any(|f| {
                let folded: String = f
                    .chars()
                    .filter(|c| !c.is_control())
                    .flat_map(char::to_lowercase)
                    .collect();
                folded.contains(filter)
            })
        })
        .map(|(id, fields)| (fields[0].to_ascii_lowercase().into_bytes(), id))
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// Every window of `size` rows from the first on (or from the last back), their ids in order.
fn walked(wb: &Workbook, filter: &str, descending: bool, size: usize) -> Vec<i64> {
    let query = PartnerPageQuery {
        filter: filter.into(),
        sort: PartnerSort::Name,
        descending,
        ..PartnerPageQuery::default()
    };
    let mut ids = Vec::new();
    let mut page = Page::First;
    loop {
        let rows = wb.partner_page(&query, &page, size).unwrap();
        let Some(last) = rows.last() else {
            return ids;
        };
        page = Page::After(last.key.clone());
        ids.extend(rows.iter().map(|r| r.id));
    }
}

/// 50,000 partners named "<first> <second> <n>": "meridian" matches some 2,500 (many, not a
/// few), all sorting after most other names.
fn generated(dir: &TempDir, seed: u64) -> Workbook {
    let path = dir.path().join("plan.partnerplan");
    generate_workbook(&path, 50_000, seed).unwrap();
    Workbook::open(&path, OpenOptions::default()).unwrap()
}

fn assert_walks(wb: &Workbook, filters: &[&str]) {
    for filter in filters {
        let want = expected(wb, filter);
        assert!(!want.is_empty(), "{filter}");
        assert_eq!(walked(wb, filter, false, 37), want, "{filter}, ascending");
        let mut back = walked(wb, filter, true, 41);
        back.reverse();
        assert_eq!(back, want, "{filter}, descending");
    }
}

#[test]
fn many_matches_walked_in_name_order_are_those_of_a_substring_test() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir, 7);
    for name in [
        "Émeridian Atelier",
        "meridian",
        "Ameridian Ltd",
        "MERIDIAN zeta",
    ] {
        wb.add_partner(&draft(name)).unwrap();
    }
    assert!(expected(&wb, "meridian").len() > 2_000, "many, not a few");
    assert_walks(
        &wb,
        &["m", "me", "meri", "meridian", "meridian l", "ridi", "zeta"],
    );
}

#[test]
fn a_name_with_a_control_character_is_not_passed_over() {
    let dir = TempDir::new().unwrap();
    let wb = generated(&dir, 7);
    // Written by another tool: a tab inside a name, which folding drops ("ameridian"), while
    // the stored name sorts before "ameridian" under NOCASE.
    wb.connection()
        .execute(
            "UPDATE partners SET name = 'A' || char(9) || 'meridian' WHERE id = 5",
            [],
        )
        .unwrap();
    assert_walks(&wb, &["meridian"]);
}

#[test]
fn edits_since_the_index_was_read_keep_their_place_in_the_walk() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir, 11);
    assert!(
        wb.partner_count("meridian").unwrap() > 2_000,
        "the index is read"
    );
    // Edited after the index was read: one moves to the front of the order, one is new.
    let mut first = draft("Aaa meridian first");
    first.notes = "moved".into();
    wb.update_partner(3, &first).unwrap();
    wb.add_partner(&draft("0 meridian new")).unwrap();
    for filter in ["me", "meridian"] {
        assert_eq!(
            walked(&wb, filter, false, 50),
            expected(&wb, filter),
            "{filter}"
        );
    }
}
