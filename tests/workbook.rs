//! Workbook tests on temporary files: create, edit, undo across restarts, locks, read-only.

use partnerplan::plan::PartnerDraft;
use partnerplan::workbook::{
    OpenError, OpenOptions, Page, PartnerPageQuery, PartnerSort, Refusal, Workbook,
};
use tempfile::TempDir;

fn draft(name: &str) -> PartnerDraft {
    PartnerDraft {
        name: name.into(),
        partner_type: "reseller".into(),
        stage: "active".into(),
        ..Default::default()
    }
}

fn new_workbook(dir: &TempDir) -> (std::path::PathBuf, Workbook) {
    let path = dir.path().join("acme.partnerplan");
    Workbook::create(&path, Some("Acme ecosystem")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    (path, wb)
}

fn names(wb: &Workbook) -> Vec<String> {
    wb.partner_page(&PartnerPageQuery::default(), &Page::First, 100)
        .unwrap()
        .into_iter()
        .map(|row| row.name)
        .collect()
}

#[test]
fn created_workbook_has_title_pragmas_and_rollback_journal() {
    let dir = TempDir::new().unwrap();
    let (_path, wb) = new_workbook(&dir);
    assert_eq!(wb.meta().unwrap().title, "Acme ecosystem");
    let conn = wb.connection();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn add_edit_delete_undo_redo_survive_reopening() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = new_workbook(&dir);
    let id = wb.add_partner(&draft("  Zeta Systems ")).unwrap();
    wb.add_partner(&draft("Alpha Labs")).unwrap();
    assert_eq!(names(&wb), ["Alpha Labs", "Zeta Systems"]);
    let mut edited = draft("Zeta Systems GmbH");
    edited.notes = "met at the fair\nsecond line".into();
    wb.update_partner(id, &edited).unwrap();
    assert_eq!(
        wb.partner(id).unwrap().unwrap().notes,
        "met at the fair\nsecond line"
    );
    drop(wb);

    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(
        wb.undo().unwrap().unwrap().label,
        "edit partner Zeta Systems GmbH"
    );
    assert_eq!(wb.partner(id).unwrap().unwrap().name, "Zeta Systems");
    drop(wb);

    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.partner(id).unwrap().unwrap().name, "Zeta Systems GmbH");
    assert!(wb.redo().unwrap().is_none());
}

#[test]
fn undo_of_delete_restores_the_partner_with_all_its_links() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = new_workbook(&dir);
    let id = wb.add_partner(&draft("Northwind")).unwrap();
    let conn = wb.connection();
    conn.execute_batch(&format!(
        "INSERT INTO checkins (uuid, partner_id, held_on, summary, created_at, updated_at)
           VALUES ('c1', {id}, '2026-10-01', 'kick-off', 'now', 'now');
         INSERT INTO roles (uuid, is_hub, name, created_at, updated_at) VALUES ('r1', 1, 'Hub', 'now', 'now');
         INSERT INTO role_assignments (uuid, partner_id, role_id, kind, created_at, updated_at)
           VALUES ('a1', {id}, 1, 'lead', 'now', 'now');
         INSERT INTO risks (uuid, number, code, title, partner_id, created_at, updated_at)
           VALUES ('k1', 1, 'R-001', 'Single supplier', {id}, 'now', 'now');"
    ))
    .unwrap();
    wb.delete_partner(id).unwrap();
    let count = |sql: &str| -> i64 { wb.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM checkins"), 0);
    assert_eq!(count("SELECT count(*) FROM role_assignments"), 0);
    assert_eq!(
        count("SELECT count(*) FROM risks WHERE partner_id IS NULL"),
        1
    );
    drop(wb);

    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    wb.undo().unwrap().unwrap();
    let count = |sql: &str| -> i64 { wb.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count(&format!("SELECT count(*) FROM partners WHERE id = {id}")),
        1
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM checkins WHERE partner_id = {id}"
        )),
        1
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM role_assignments WHERE partner_id = {id}"
        )),
        1
    );
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM risks WHERE partner_id = {id}"
        )),
        1
    );

    wb.redo().unwrap().unwrap();
    let count = |sql: &str| -> i64 { wb.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM partners"), 0);
    assert_eq!(
        count("SELECT count(*) FROM risks WHERE partner_id IS NULL"),
        1
    );
    let integrity: String = wb
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn a_new_edit_clears_the_redo_history() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    wb.add_partner(&draft("One")).unwrap();
    wb.undo().unwrap();
    assert!(wb.can_redo());
    wb.add_partner(&draft("Two")).unwrap();
    assert!(!wb.can_redo());
    assert_eq!(names(&wb), ["Two"]);
}

#[test]
fn invalid_drafts_are_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let err = wb.add_partner(&draft("bad\u{1b}[2J")).unwrap_err();
    assert!(err.to_string().contains("U+001B"), "{err}");
    assert!(names(&wb).is_empty());
    assert!(!wb.can_undo());
}

#[test]
fn second_writer_is_refused_and_read_only_is_allowed() {
    let dir = TempDir::new().unwrap();
    let (path, mut first) = new_workbook(&dir);
    match Workbook::open(&path, OpenOptions::default()) {
        Err(OpenError::Refused(Refusal::Locked { .. })) => {}
        other => panic!("expected a lock refusal, got {:?}", other.map(|_| ())),
    }
    let viewer = Workbook::open(
        &path,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    first.add_partner(&draft("Written by the first")).unwrap();
    assert_eq!(names(&viewer), ["Written by the first"]);
    let mut viewer = viewer;
    assert!(
        viewer
            .add_partner(&draft("x"))
            .unwrap_err()
            .to_string()
            .contains("read-only")
    );
    drop(first);
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(names(&wb), ["Written by the first"]);
}

#[test]
fn keyset_pages_walk_forward_and_back_without_gaps() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    for i in 0..25 {
        // Equal sort keys (owner) and mixed case exercise the tie-breakers.
        let mut d = draft(&format!(
            "{} partner {i:02}",
            if i % 2 == 0 { "alpha" } else { "Alpha" }
        ));
        d.owner = if i % 3 == 0 {
            "Kim".into()
        } else {
            "lee".into()
        };
        wb.add_partner(&d).unwrap();
    }
    for sort in PartnerSort::ALL {
        for descending in [false, true] {
            let query = PartnerPageQuery {
                sort,
                descending,
                ..Default::default()
            };
            let all = wb.partner_page(&query, &Page::First, 100).unwrap();
            let mut walked = wb.partner_page(&query, &Page::First, 7).unwrap();
            loop {
                let next = wb
                    .partner_page(&query, &Page::After(walked.last().unwrap().key.clone()), 7)
                    .unwrap();
                if next.is_empty() {
                    break;
                }
                walked.extend(next);
            }
            assert_eq!(walked, all, "{sort:?} descending={descending}");
            let last = wb.partner_page(&query, &Page::Last, 7).unwrap();
            assert_eq!(last, all[all.len() - 7..]);
            let before = wb
                .partner_page(&query, &Page::Before(last[0].key.clone()), 7)
                .unwrap();
            assert_eq!(before, all[all.len() - 14..all.len() - 7]);
        }
    }
}

#[test]
fn filter_treats_wildcards_as_text() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    for name in [
        "100% Cloud",
        "A_B Consulting",
        "ABX",
        "Zürich Partners",
        "O'Brien & Co",
    ] {
        wb.add_partner(&draft(name)).unwrap();
    }
    let find = |filter: &str| -> Vec<String> {
        let query = PartnerPageQuery {
            filter: filter.into(),
            ..Default::default()
        };
        wb.partner_page(&query, &Page::First, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(find("%"), ["100% Cloud"]);
    assert_eq!(find("a_b"), ["A_B Consulting"]);
    assert_eq!(find("zürich"), ["Zürich Partners"]);
    assert_eq!(find("o'brien"), ["O'Brien & Co"]);
    assert_eq!(wb.partner_count("b").unwrap(), 3);
}

/// A copy of a workbook taken in the middle of a write (a "hot" rollback journal beside it), as a
/// crash or a careless copy leaves it: read-only it is refused with a way out; opened for writing,
/// SQLite rolls the unfinished change back and the last saved state is intact.
#[test]
fn hot_journal_is_rolled_back_when_writable_and_refused_read_only() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = new_workbook(&dir);
    wb.add_partner(&draft("Saved before the crash")).unwrap();
    drop(wb);
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("PRAGMA cache_size = 1; BEGIN;")
        .unwrap();
    for i in 0..400 {
        writer
            .execute(
                "INSERT INTO partners (uuid, name, notes, created_at, updated_at) VALUES (?1, 'half', ?2, 'x', 'x')",
                rusqlite::params![format!("u{i}"), "n".repeat(2000)],
            )
            .unwrap();
    }
    let crashed = dir.path().join("crashed.partnerplan");
    let journal = dir.path().join("acme.partnerplan-journal");
    assert!(
        journal.exists(),
        "the transaction should have spilled to the journal"
    );
    std::fs::copy(&path, &crashed).unwrap();
    std::fs::copy(&journal, dir.path().join("crashed.partnerplan-journal")).unwrap();
    drop(writer);

    let bytes = std::fs::read(&crashed).unwrap();
    match Workbook::open(
        &crashed,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    ) {
        Err(OpenError::Refused(Refusal::Damaged { detail, .. })) => {
            assert!(detail.contains("unfinished change"), "{detail}")
        }
        other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
    }
    assert_eq!(
        std::fs::read(&crashed).unwrap(),
        bytes,
        "refused read-only: not a byte changed"
    );

    let wb = Workbook::open(&crashed, OpenOptions::default()).unwrap();
    assert_eq!(names(&wb), ["Saved before the crash"]);
    let integrity: String = wb
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    assert!(!dir.path().join("crashed.partnerplan-journal").exists());
}

fn every_field() -> PartnerDraft {
    PartnerDraft {
        name: "Northwind Logistics".into(),
        partner_type: "supplier".into(),
        sector: "logistics".into(),
        website: "https://www.northwind.example/".into(),
        stage: "active".into(),
        tier: "strategic".into(),
        region: "Europe".into(),
        owner: "Dana Whitfield".into(),
        checkin_cadence_days: "14".into(),
        contact_name: "Jo Berger".into(),
        contact_email: "jo@northwind.example".into(),
        agreement_start: "2026-03-01".into(),
        agreement_end: "2027-02-28".into(),
        contributes: "EU warehousing\nreturns handling".into(),
        gains: "A steady share of our volume.".into(),
        notes: "Renewal due in spring.".into(),
    }
}

#[test]
fn every_partner_field_round_trips_and_undo_restores_them_all() {
    let dir = TempDir::new().unwrap();
    let (path, mut wb) = new_workbook(&dir);
    let id = wb.add_partner(&every_field()).unwrap();
    assert_eq!(wb.partner(id).unwrap().unwrap(), every_field());
    let typed: (i64, String) = wb
        .connection()
        .query_row(
            "SELECT checkin_cadence_days, typeof(checkin_cadence_days) FROM partners WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        typed,
        (14, "integer".into()),
        "the cadence is stored as a number"
    );

    // An edit that empties the optional fields: dates and cadence become NULL.
    let cleared = PartnerDraft {
        name: "Northwind".into(),
        stage: "paused".into(),
        ..Default::default()
    };
    wb.update_partner(id, &cleared).unwrap();
    assert_eq!(wb.partner(id).unwrap().unwrap(), cleared);
    let nulls: i64 = wb
        .connection()
        .query_row(
            "SELECT count(*) FROM partners WHERE id = ?1 AND agreement_start IS NULL \
             AND agreement_end IS NULL AND checkin_cadence_days IS NULL",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(nulls, 1);
    drop(wb);

    let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    assert_eq!(wb.undo().unwrap().unwrap().label, "edit partner Northwind");
    assert_eq!(wb.partner(id).unwrap().unwrap(), every_field());
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.partner(id).unwrap().unwrap(), cleared);
}

#[test]
fn the_workbook_refuses_drafts_that_break_the_rules() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let id = wb.add_partner(&every_field()).unwrap();
    type Spoil = fn(&mut PartnerDraft);
    let cases: [(Spoil, &str); 5] = [
        (
            |d| d.contact_email = "jo at northwind".into(),
            "e-mail like",
        ),
        (
            |d| d.website = "javascript:alert(1)".into(),
            "http and https",
        ),
        (
            |d| d.agreement_end = "2026-01-01".into(),
            "ends before it starts",
        ),
        (|d| d.agreement_start = "01.03.2026".into(), "not a date"),
        (|d| d.checkin_cadence_days = "0".into(), "1 to 3650"),
    ];
    for (spoil, expected) in cases {
        let mut d = every_field();
        spoil(&mut d);
        let err = wb.update_partner(id, &d).unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
        let err = wb.add_partner(&d).unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
    }
    assert_eq!(wb.partner(id).unwrap().unwrap(), every_field());
    assert_eq!(names(&wb), ["Northwind Logistics"]);
}

#[test]
fn values_of_odd_types_in_a_hand_edited_file_are_read_as_text() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let id = wb.add_partner(&draft("Odd")).unwrap();
    wb.connection()
        .execute(
            "UPDATE partners SET sector = 42, checkin_cadence_days = 'weekly', \
             agreement_start = 'next spring' WHERE id = ?1",
            [id],
        )
        .unwrap();
    let odd = wb.partner(id).unwrap().unwrap();
    assert_eq!(odd.sector, "42");
    assert_eq!(odd.checkin_cadence_days, "weekly");
    assert_eq!(odd.agreement_start, "next spring");
}

#[test]
fn duplicates_match_names_and_websites_loosely_and_skip_the_partner_itself() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let northwind = wb.add_partner(&every_field()).unwrap();
    let mut zurich = draft("Zürich Labs");
    zurich.website = "zurich.example/labs".into();
    wb.add_partner(&zurich).unwrap();

    let mut d = draft("  NORTHWIND logistics ");
    assert_eq!(
        wb.partner_duplicates(&d, None).unwrap(),
        ["Another partner is called Northwind Logistics"]
    );
    assert!(
        wb.partner_duplicates(&every_field(), Some(northwind))
            .unwrap()
            .is_empty(),
        "a partner is not its own duplicate"
    );
    d.name = "ZÜRICH LABS".into();
    assert_eq!(
        wb.partner_duplicates(&d, None).unwrap(),
        ["Another partner is called Zürich Labs"]
    );

    let mut d = draft("Westwind");
    for same in [
        "northwind.example",
        "HTTP://NorthWind.example//",
        "www.northwind.example",
    ] {
        d.website = same.into();
        assert_eq!(
            wb.partner_duplicates(&d, None).unwrap(),
            ["Northwind Logistics has the same website (https://www.northwind.example/)"],
            "{same}"
        );
    }
    for different in [
        "northwind.example.org",
        "wind.example",
        "northwind.example/eu",
        "",
    ] {
        d.website = different.into();
        assert!(
            wb.partner_duplicates(&d, None).unwrap().is_empty(),
            "{different}"
        );
    }
    d.website = "https://zurich.example/labs/".into();
    d.name = "northwind logistics".into();
    assert_eq!(wb.partner_duplicates(&d, None).unwrap().len(), 2);
    // Wildcards in the address are text, not patterns.
    d.name = "Other".into();
    d.website = "z%.example/labs".into();
    assert!(wb.partner_duplicates(&d, None).unwrap().is_empty());
}

#[test]
fn facets_narrow_by_stage_type_tier_gate_and_check_in_due_date() {
    use partnerplan::workbook::{DueBy, Facets};
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let mut ids = Vec::new();
    for (name, partner_type, stage) in [
        ("A", "reseller", "active"),
        ("B", "supplier", "active"),
        ("C", "reseller", "prospect"),
    ] {
        let d = PartnerDraft {
            name: name.into(),
            partner_type: partner_type.into(),
            stage: stage.into(),
            ..Default::default()
        };
        ids.push(wb.add_partner(&d).unwrap());
    }
    wb.connection()
        .execute(
            "UPDATE partners SET tier = 'strategic', checkin_cadence_days = 10 WHERE name = 'A'",
            [],
        )
        .unwrap();
    wb.add_checkin(ids[0], jiff::civil::date(2026, 11, 1), "")
        .unwrap();
    wb.add_checkin(ids[1], jiff::civil::date(2026, 11, 20), "")
        .unwrap();
    let run = |facets: Facets| -> (Vec<String>, i64) {
        let query = PartnerPageQuery {
            facets,
            ..Default::default()
        };
        let names = wb
            .partner_page(&query, &Page::First, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect();
        (names, wb.partner_matches(&query).unwrap())
    };
    assert_eq!(
        run(Facets {
            stage: Some("active".into()),
            ..Default::default()
        }),
        (vec!["A".into(), "B".into()], 2)
    );
    assert_eq!(
        run(Facets {
            stage: Some("active".into()),
            partner_type: Some("reseller".into()),
            ..Default::default()
        }),
        (vec!["A".into()], 1)
    );
    assert_eq!(
        run(Facets {
            tier: Some("strategic".into()),
            ..Default::default()
        })
        .1,
        1
    );
    assert_eq!(
        run(Facets {
            gated_out: Some(true),
            ..Default::default()
        })
        .1,
        0
    );
    assert_eq!(
        run(Facets {
            gated_out: Some(false),
            ..Default::default()
        })
        .1,
        3
    );
    // A: 1 Nov + 10 days = 11 Nov (overdue); B: 20 Nov + 30 = 20 Dec; C: no check-in yet.
    let due = |date: &str| Facets {
        due_by: Some(DueBy {
            date: date.into(),
            default_cadence_days: 30,
        }),
        ..Default::default()
    };
    assert_eq!(run(due("2026-11-30")), (vec!["A".into()], 1));
    assert_eq!(run(due("2026-12-20")).1, 2);
}

/// Every page of `query` walked forward, then backward from the end, must equal `expected` (ids).
fn assert_walks(wb: &Workbook, query: &PartnerPageQuery, expected: &[i64], what: &str) {
    let ids = |rows: &[partnerplan::workbook::PartnerRow]| -> Vec<i64> {
        rows.iter().map(|r| r.id).collect()
    };
    let mut walked = wb.partner_page(query, &Page::First, 40).unwrap();
    while let Some(last) = walked.last() {
        let next = wb
            .partner_page(query, &Page::After(last.key.clone()), 40)
            .unwrap();
        if next.is_empty() {
            break;
        }
        walked.extend(next);
    }
    assert_eq!(ids(&walked), expected, "forward: {what}");
    let mut back = wb.partner_page(query, &Page::Last, 40).unwrap();
    while let Some(first) = back.first() {
        let before = wb
            .partner_page(query, &Page::Before(first.key.clone()), 40)
            .unwrap();
        if before.is_empty() {
            break;
        }
        back.splice(0..0, before);
    }
    assert_eq!(ids(&back), expected, "backward: {what}");
    assert_eq!(
        wb.partner_matches(query).unwrap(),
        expected.len() as i64,
        "count: {what}"
    );
}

/// The filter reads matches from an in-memory index: by id when few partners match, through the
/// sort index when many do. Both must page exactly like a plain SQL scan, with facets and sorts.
#[test]
fn filtered_pages_agree_with_a_plain_scan_for_few_and_many_matches() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("generated.partnerplan");
    partnerplan::workbook::generate_workbook(&path, 3_000, 7).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    let scan = |filter: &str, stage: Option<&str>, order: &str| -> Vec<i64> {
        let sql = format!(
            "SELECT id FROM partners WHERE (instr(lower(name), ?1) OR instr(lower(owner), ?1) \
             OR instr(lower(coalesce(sector, '')), ?1) OR instr(lower(coalesce(region, '')), ?1) \
             OR instr(lower(notes), ?1)) AND (?2 IS NULL OR stage = ?2) ORDER BY {order}"
        );
        wb.connection()
            .prepare(&sql)
            .unwrap()
            .query_map(rusqlite::params![filter, stage], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut paths_seen = (false, false);
    for filter in ["cobalt", "a", "4711", "partner 12", "nothing like this"] {
        for stage in [None, Some("active")] {
            for (sort, descending, order) in [
                (PartnerSort::Name, false, "name COLLATE NOCASE, id"),
                (
                    PartnerSort::Stage,
                    true,
                    "stage COLLATE NOCASE DESC, name COLLATE NOCASE DESC, id DESC",
                ),
            ] {
                let expected = scan(filter, stage, order);
                if stage.is_none() {
                    paths_seen.0 |= expected.len() > 2_000;
                    paths_seen.1 |= (1..=2_000).contains(&expected.len());
                }
                let query = PartnerPageQuery {
                    filter: filter.to_uppercase(),
                    sort,
                    descending,
                    facets: partnerplan::workbook::Facets {
                        stage: stage.map(String::from),
                        ..Default::default()
                    },
                };
                assert_walks(
                    &wb,
                    &query,
                    &expected,
                    &format!("{filter} {stage:?} {sort:?}"),
                );
            }
        }
    }
    assert_eq!(
        paths_seen,
        (true, true),
        "both the many and the few path ran"
    );
}

#[test]
fn the_filter_follows_edits_undo_and_redo() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let cobalt = wb.add_partner(&draft("Cobalt Labs")).unwrap();
    let helix = wb.add_partner(&draft("Helix")).unwrap();
    let find = |wb: &Workbook, filter: &str| -> Vec<String> {
        let query = PartnerPageQuery {
            filter: filter.into(),
            ..Default::default()
        };
        wb.partner_page(&query, &Page::First, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(find(&wb, "cob"), ["Cobalt Labs"]);
    let mut renamed = draft("Helix Cobalt");
    renamed.notes = "met in Zürich".into();
    wb.update_partner(helix, &renamed).unwrap();
    assert_eq!(find(&wb, "cob"), ["Cobalt Labs", "Helix Cobalt"]);
    assert_eq!(find(&wb, "ZÜRICH"), ["Helix Cobalt"]);
    wb.delete_partner(cobalt).unwrap();
    assert_eq!(find(&wb, "cob"), ["Helix Cobalt"]);
    wb.undo().unwrap();
    assert_eq!(find(&wb, "cob"), ["Cobalt Labs", "Helix Cobalt"]);
    wb.undo().unwrap();
    assert_eq!(find(&wb, "cob"), ["Cobalt Labs"]);
    assert!(find(&wb, "zürich").is_empty());
    wb.redo().unwrap();
    assert_eq!(find(&wb, "zürich"), ["Helix Cobalt"]);
    let key = wb
        .partner_row_key(
            cobalt,
            &PartnerPageQuery {
                filter: "helix".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(key, None, "a partner outside the filter has no place in it");
}

#[test]
fn the_roster_sorts_by_next_check_in_own_cadence_or_the_default() {
    let dir = TempDir::new().unwrap();
    let (_path, mut wb) = new_workbook(&dir);
    let mut weekly = draft("Weekly");
    weekly.checkin_cadence_days = "7".into();
    let weekly = wb.add_partner(&weekly).unwrap();
    let monthly = wb.add_partner(&draft("Monthly")).unwrap();
    wb.add_partner(&draft("Never met")).unwrap();
    wb.use_default_cadence(30).unwrap();
    // Weekly: 20 Nov + 7 = 27 Nov; Monthly: 1 Nov + 30 = 1 Dec; Never met: no date, first.
    wb.add_checkin(weekly, jiff::civil::date(2026, 11, 20), "")
        .unwrap();
    wb.add_checkin(monthly, jiff::civil::date(2026, 11, 1), "")
        .unwrap();
    let order = |wb: &Workbook, descending: bool| -> Vec<String> {
        let query = PartnerPageQuery {
            sort: PartnerSort::NextCheckin,
            descending,
            ..Default::default()
        };
        wb.partner_page(&query, &Page::First, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(order(&wb, false), ["Never met", "Weekly", "Monthly"]);
    assert_eq!(order(&wb, true), ["Monthly", "Weekly", "Never met"]);
    // A shorter default brings Monthly (no cadence of its own) forward: 1 Nov + 20 = 21 Nov.
    wb.use_default_cadence(20).unwrap();
    assert_eq!(order(&wb, false), ["Never met", "Monthly", "Weekly"]);
    // Undoing both check-ins takes the dates away: no dates, so by name.
    wb.undo().unwrap();
    wb.undo().unwrap();
    assert_eq!(order(&wb, false), ["Monthly", "Never met", "Weekly"]);
}
