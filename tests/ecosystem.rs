//! Partner↔partner links and joint offerings in the workbook, on temporary files: journaled
//! writes with undo and redo, refusals with reasons, a deleted partner taking its links and
//! memberships along, the network figures of a small known graph, and a diff and a merge that
//! name links and offerings.

mod support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use jiff::civil::date;
use partnerplan::exchange::diff::{DiffSettings, compare};
use partnerplan::plan::changes::Area;
use partnerplan::plan::ecosystem::{LinkDraft, MemberDraft, OfferingDraft};
use partnerplan::plan::money::Currency;
use partnerplan::plan::risk::Bands;
use partnerplan::plan::vocabulary::VocabularyKind;
use partnerplan::workbook::{HUB, OpenOptions, Workbook};
use support::{Sandbox, draft};
use tempfile::TempDir;

fn open(path: &Path) -> Workbook {
    Workbook::open(path, OpenOptions::default()).unwrap()
}

/// A new workbook in `dir` with partners called `names` (all active); their ids in order.
fn with_partners(dir: &TempDir, names: &[&str]) -> (PathBuf, Workbook, Vec<i64>) {
    let path = dir.path().join("eco.partnerplan");
    Workbook::create(&path, Some("Ecosystem")).unwrap();
    let mut wb = open(&path);
    let ids = names
        .iter()
        .map(|n| wb.add_partner(&draft(n)).unwrap())
        .collect();
    (path, wb, ids)
}

fn link(from: i64, to: i64, kind: &str, status: &str) -> LinkDraft {
    LinkDraft {
        from,
        to,
        kind: kind.into(),
        status: status.into(),
        ..LinkDraft::default()
    }
}

fn count(wb: &Workbook, table: &str) -> i64 {
    wb.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_link_is_added_edited_and_deleted_with_undo_and_redo() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb, p) = with_partners(&dir, &["Brightrail", "Nimbus", "Orbis"]);
    let id = wb
        .add_link(&link(p[0], p[1], "integrates with", "active"))
        .unwrap();
    let links = wb.links_of(p[1]).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].label(), "Brightrail ↔ Nimbus (integrates with)");
    assert!(wb.links_of(p[2]).unwrap().is_empty());

    let edited = LinkDraft {
        direction: "one way".into(),
        strength: 3,
        note: " signed ".into(),
        ..link(p[0], p[1], "integrates with", "active")
    };
    wb.update_link(id, &edited).unwrap();
    let stored = wb.link(id).unwrap();
    assert_eq!(stored.label(), "Brightrail → Nimbus (integrates with)");
    assert_eq!(
        (stored.link.strength, stored.link.note.as_str()),
        (3, "signed")
    );

    let undone = wb.undo().unwrap().unwrap();
    assert_eq!(
        undone.label,
        "edit link Brightrail → Nimbus (integrates with)"
    );
    assert_eq!(wb.link(id).unwrap().link.strength, 2);
    wb.redo().unwrap();
    assert_eq!(wb.link(id).unwrap().link.strength, 3);

    wb.delete_link(id).unwrap();
    assert!(wb.link(id).is_err());
    wb.undo().unwrap();
    assert_eq!(
        wb.link(id).unwrap().link.strength,
        3,
        "undo brings the same link back"
    );
}

#[test]
fn bad_links_are_refused_with_a_reason_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb, p) = with_partners(&dir, &["Brightrail", "Nimbus"]);
    let message =
        |wb: &mut Workbook, draft: LinkDraft| wb.add_link(&draft).unwrap_err().to_string();
    assert!(message(&mut wb, link(p[0], p[0], "refers", "active")).contains("itself"));
    let weak = LinkDraft {
        strength: 5,
        ..link(p[0], p[1], "refers", "active")
    };
    assert!(message(&mut wb, weak).contains("Strength is 1"));
    assert!(message(&mut wb, link(p[0], 999, "refers", "active")).contains("no longer exists"));
    wb.add_link(&link(p[0], p[1], "refers", "active")).unwrap();
    // The same kind between the same two, either way round, is one link.
    let twin = message(&mut wb, link(p[1], p[0], "refers", "planned"));
    assert!(twin.contains("already have a \"refers\" link"), "{twin}");
    assert_eq!(count(&wb, "partner_links"), 1);
    // Another kind between the same two is another link.
    wb.add_link(&link(p[1], p[0], "supplies", "planned"))
        .unwrap();
    assert_eq!(count(&wb, "partner_links"), 2);
}

#[test]
fn offerings_hold_the_hub_and_partners_and_a_deleted_partner_takes_its_links_and_seats() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb, p) = with_partners(&dir, &["Brightrail", "Nimbus", "Orbis"]);
    let offering = wb
        .add_offering(&OfferingDraft {
            name: "Grid Watch".into(),
            status: "pilot".into(),
            ..OfferingDraft::default()
        })
        .unwrap();
    let refused = wb
        .add_offering(&OfferingDraft {
            name: "grid watch".into(),
            ..OfferingDraft::default()
        })
        .unwrap_err();
    assert!(
        refused.to_string().contains("already an offering"),
        "{refused}"
    );
    let member = |partner: Option<i64>, kind: &str, critical: bool| MemberDraft {
        partner,
        contribution: format!("{kind} part"),
        kind: kind.into(),
        critical,
    };
    wb.add_member(offering, &member(Some(p[1]), "cloud", true))
        .unwrap();
    wb.add_member(offering, &member(None, "channel", false))
        .unwrap();
    wb.add_member(offering, &member(Some(p[0]), "software", false))
        .unwrap();
    let twice = wb
        .add_member(offering, &member(None, "data", false))
        .unwrap_err();
    assert!(
        twice.to_string().starts_with("The hub is already a member"),
        "{twice}"
    );
    wb.add_link(&link(p[1], p[2], "supplies", "active"))
        .unwrap();

    let record = wb.offering(offering).unwrap();
    let members: Vec<&str> = record.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, vec![HUB, "Brightrail", "Nimbus"]);
    assert!(record.members[2].member.critical);
    assert_eq!(wb.offerings_of(Some(p[1])).unwrap().len(), 1);
    assert_eq!(wb.offerings_of(None).unwrap().len(), 1);
    assert!(wb.offerings_of(Some(p[2])).unwrap().is_empty());

    // Nimbus leaves the plan: its link and its seat go with it, and undo brings both back.
    wb.delete_partner(p[1]).unwrap();
    assert_eq!(count(&wb, "partner_links"), 0);
    assert_eq!(wb.offering(offering).unwrap().members.len(), 2);
    wb.undo().unwrap();
    assert_eq!(count(&wb, "partner_links"), 1);
    assert_eq!(wb.offering(offering).unwrap().members.len(), 3);

    // Deleting the offering takes its members; undo brings them back.
    assert_eq!(wb.delete_offering(offering).unwrap(), "Grid Watch");
    assert_eq!(count(&wb, "offering_members"), 0);
    wb.undo().unwrap();
    assert_eq!(wb.offering(offering).unwrap().members.len(), 3);
}

#[test]
fn the_network_counts_active_links_among_current_partners_and_names_its_broker() {
    let dir = TempDir::new().unwrap();
    // A and B linked, B and C linked: B is the broker. D is alone. E has exited; a link to E
    // does not count, nor does a planned one.
    let (_, mut wb, p) = with_partners(&dir, &["A", "B", "C", "D", "E"]);
    let mut exited = draft("E");
    exited.stage = "exited".into();
    wb.update_partner(p[4], &exited).unwrap();
    wb.add_link(&link(p[0], p[1], "co-sells with", "active"))
        .unwrap();
    wb.add_link(&link(p[1], p[2], "supplies", "active"))
        .unwrap();
    wb.add_link(&link(p[2], p[3], "refers", "planned")).unwrap();
    wb.add_link(&link(p[3], p[4], "refers", "active")).unwrap();

    let network = wb.network().unwrap();
    assert_eq!(
        network.names.iter().collect::<Vec<_>>(),
        ["A", "B", "C", "D"]
    );
    assert_eq!(network.ids, p[..4].to_vec());
    assert_eq!((network.active_links, network.active_partners), (2, 4));

    let summary = wb.network_summary(5).unwrap();
    assert_eq!(summary.partners, 4);
    assert_eq!(summary.isolated, 1);
    assert_eq!((summary.clusters, summary.largest_cluster), (1, 3));
    assert_eq!(summary.most_linked[0].name, "B");
    assert_eq!(summary.most_linked[0].count, 2);
    assert_eq!(summary.brokers.len(), 1);
    assert_eq!(summary.brokers[0].name, "B");
    assert_eq!(summary.brokers[0].cut_off, 1);
    // Two equal halves: the first (A's) counts as the part left, C as the one cut off.
    assert_eq!(summary.brokers[0].cut_off_names, vec!["C"]);
    // 2 links between partners against 4 relationships with the hub: a third.
    assert_eq!(summary.multilaterality, Some(2.0 / 6.0));
    assert!(
        summary.reading.starts_with("becoming an ecosystem: 33 %"),
        "{}",
        summary.reading
    );
}

fn settings() -> DiffSettings {
    DiffSettings {
        bands: Bands::default(),
        currency: Currency::or_default("EUR"),
        today: date(2026, 11, 24),
    }
}

#[test]
fn a_diff_names_links_offerings_and_members_in_the_ecosystem_area() {
    let dir = TempDir::new().unwrap();
    let (before_path, mut wb, p) = with_partners(&dir, &["Brightrail", "Nimbus"]);
    let named = |name: &str| OfferingDraft {
        name: name.into(),
        ..OfferingDraft::default()
    };
    let seat = |partner: i64| MemberDraft {
        partner: Some(partner),
        ..MemberDraft::default()
    };
    let grid = wb.add_offering(&named("Grid Watch")).unwrap();
    drop(wb);
    let after_path = dir.path().join("after.partnerplan");
    std::fs::copy(&before_path, &after_path).unwrap();
    let mut after = open(&after_path);
    after
        .add_link(&link(p[0], p[1], "integrates with", "active"))
        .unwrap();
    after.add_member(grid, &seat(p[1])).unwrap();
    let fleet = after.add_offering(&named("Fleet Care")).unwrap();
    after.add_member(fleet, &seat(p[0])).unwrap();
    let before = open(&before_path);
    let report = compare(&before, &after, &settings()).unwrap();
    let lines = report
        .sections
        .iter()
        .find(|s| s.area == Area::Ecosystem)
        .map(|s| s.lines.clone())
        .unwrap_or_default();
    for expected in [
        "Brightrail → Nimbus (integrates with): added",
        "Fleet Care: added with 1 member",
        "Grid Watch: member Nimbus added",
    ] {
        assert!(
            lines.iter().any(|l| l == expected),
            "no {expected:?} in:\n{}",
            lines.join("\n")
        );
    }
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn partner(wb: &Workbook, name: &str) -> i64 {
    wb.connection()
        .query_row("SELECT id FROM partners WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn a_merge_brings_a_link_and_an_offering_added_in_the_clients_copy_by_name() {
    let sb = Sandbox::new();
    let ours = sb.file("consultant.partnerplan");
    sb.run([os("demo"), ours.as_os_str()]).expect_code(0);
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    {
        let mut wb = open(&theirs);
        let (a, b) = (
            partner(&wb, "Nimbus Forge Cloud"),
            partner(&wb, "Auditrix Security"),
        );
        wb.add_link(&link(a, b, "shares data with", "planned"))
            .unwrap();
        let offering = wb
            .add_offering(&OfferingDraft {
                name: "Audit-ready cloud".into(),
                ..OfferingDraft::default()
            })
            .unwrap();
        wb.add_member(
            offering,
            &MemberDraft {
                partner: Some(b),
                kind: "services".into(),
                ..MemberDraft::default()
            },
        )
        .unwrap();
    }
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(0)
        .stdout_mentions(&[
            "link Nimbus Forge Cloud → Auditrix Security (shares data with)",
            "offering Audit-ready cloud",
        ]);
    let wb = open(&ours);
    let offerings = wb.offerings().unwrap();
    let merged = offerings
        .iter()
        .find(|o| o.offering.name == "Audit-ready cloud")
        .expect("the client's offering is merged in");
    assert_eq!(merged.members.len(), 1);
    assert_eq!(merged.members[0].name, "Auditrix Security");
    let a = partner(&wb, "Nimbus Forge Cloud");
    assert!(
        wb.links_of(a)
            .unwrap()
            .iter()
            .any(|l| l.link.kind == "shares data with")
    );
}

#[test]
fn link_kinds_and_contribution_kinds_are_word_lists_the_user_extends() {
    let dir = TempDir::new().unwrap();
    let (_, mut wb, p) = with_partners(&dir, &["Brightrail", "Nimbus"]);
    let kinds = wb.vocabulary(VocabularyKind::LinkKind).unwrap();
    assert_eq!(kinds[0], "integrates with");
    assert!(kinds.iter().any(|k| k == "competes with"));
    assert!(
        wb.vocabulary(VocabularyKind::ContributionKind)
            .unwrap()
            .iter()
            .any(|k| k == "cloud")
    );
    wb.add_term(VocabularyKind::LinkKind, " white-labels ")
        .unwrap();
    assert_eq!(
        wb.vocabulary(VocabularyKind::LinkKind)
            .unwrap()
            .last()
            .unwrap(),
        "white-labels"
    );
    wb.add_link(&link(p[0], p[1], "white-labels", "active"))
        .unwrap();
    assert_eq!(
        wb.partners_using_term(VocabularyKind::LinkKind, "White-labels")
            .unwrap(),
        1
    );
    // The word leaves the list; the link keeps it.
    wb.remove_term(VocabularyKind::LinkKind, "white-labels")
        .unwrap();
    assert_eq!(wb.links_of(p[0]).unwrap()[0].link.kind, "white-labels");
}

#[test]
fn the_hub_joining_one_offering_in_both_copies_is_one_seat_after_a_merge() {
    let sb = Sandbox::new();
    let ours = sb.file("consultant.partnerplan");
    sb.run([os("demo"), ours.as_os_str()]).expect_code(0);
    // An offering the hub is not a member of yet, in the copy both sides start from.
    let offering = open(&ours)
        .add_offering(&OfferingDraft {
            name: "Shared pilot".into(),
            ..OfferingDraft::default()
        })
        .unwrap();
    let sent = sb.export_toml(&ours, "sent.toml");
    let theirs = sb.file("client.partnerplan");
    sb.run([os("import"), theirs.as_os_str(), sent.as_os_str()])
        .expect_code(0);
    for path in [&ours, &theirs] {
        open(path)
            .add_member(
                offering,
                &MemberDraft {
                    partner: None,
                    contribution: "the platform".into(),
                    ..MemberDraft::default()
                },
            )
            .unwrap();
    }
    let back = sb.export_toml(&theirs, "returned.toml");
    sb.run([os("merge"), ours.as_os_str(), back.as_os_str()])
        .expect_code(0);
    let seats: i64 = open(&ours)
        .connection()
        .query_row(
            "SELECT count(*) FROM offering_members WHERE offering_id = ?1 AND partner_id IS NULL",
            [offering],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(seats, 1, "the hub holds one seat, not one per copy");
}

/// A workbook whose partner ids are far apart (another tool wrote it, or someone crafted it):
/// one partner of id 10^12, linked to another. The network's index by id asked for a 4 TB table
/// and the report aborted; it is written, naming the partner's link.
#[test]
fn a_partner_id_far_beyond_the_others_is_read_without_a_table_that_long() {
    let sb = Sandbox::new();
    let plan = sb.file("far.partnerplan");
    sb.run([os("demo"), plan.as_os_str()]).expect_code(0);
    {
        let conn = rusqlite::Connection::open(&plan).unwrap();
        conn.execute_batch(
            "INSERT INTO partners (id, uuid, name, stage, created_at, updated_at)
             VALUES (1000000000000, '0191f3a0-0000-7000-8000-00000000f4a5', 'Faraway Optics',
                     'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO partner_links (uuid, from_partner_id, to_partner_id, kind, status,
                                        created_at, updated_at)
             SELECT '0191f3a0-0000-7000-8000-00000000f4a6', 1000000000000, min(id),
                    'co-sells with', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
             FROM partners WHERE stage = 'active';",
        )
        .unwrap();
    }
    sb.run([os("check"), plan.as_os_str()]).expect_code(0);
    let report = sb.file("far.md");
    sb.run([os("report"), plan.as_os_str(), os("-o"), report.as_os_str()])
        .expect_code(0);
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("Faraway Optics"), "{text}");
}
