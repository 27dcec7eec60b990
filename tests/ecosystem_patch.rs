//! A link's edit patches the network read before it (`Workbook::patch_network`), and the patch
//! must equal a fresh read element by element: the same neighbours in the same order for every
//! partner (which partners a large map shows depends on it), the same ends of each link, the same
//! multilaterality counts, the same layout and figures. On a generated workbook of 200 partners
//! (some exited or declined) and 600 links (active, planned and ended), through seeded random
//! adds, edits (status, kind, ends), deletes, undos and redos, patched one at a time and a few
//! at once.

use std::path::Path;

use partnerplan::plan::ecosystem::{DIRECTIONS, LINK_STATUSES, LinkDraft};
use partnerplan::plan::network_layout::NetworkLayout;
use partnerplan::workbook::{
    EcosystemNetwork, OpenOptions, Workbook, generate_links, generate_workbook,
};
use support::seeded::Seeded;
use tempfile::TempDir;

mod support;

fn generated(dir: &TempDir) -> Workbook {
    let path = dir.path().join("patch.partnerplan");
    generate_workbook(&path, 200, 7).unwrap();
    assert_eq!(generate_links(&path, 600, 7).unwrap(), 600);
    Workbook::open(Path::new(&path), OpenOptions::default()).unwrap()
}

fn column(wb: &Workbook, sql: &str) -> Vec<i64> {
    wb.connection()
        .prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The patched network against a fresh read, element by element.
fn assert_same(patched: &EcosystemNetwork, fresh: &EcosystemNetwork, step: &str) {
    assert_eq!(patched.ids, fresh.ids, "{step}: partners");
    for p in 0..fresh.network.partners() {
        assert_eq!(
            patched.network.neighbours(p).collect::<Vec<_>>(),
            fresh.network.neighbours(p).collect::<Vec<_>>(),
            "{step}: the neighbours of partner {p} (id {})",
            fresh.ids[p]
        );
    }
    // The whole network: every entry's end (from or to) too, which the next patch places by.
    assert_eq!(patched.network, fresh.network, "{step}: the network");
    assert_eq!(
        patched.active_links, fresh.active_links,
        "{step}: active links"
    );
    assert_eq!(
        patched.active_partners, fresh.active_partners,
        "{step}: active partners"
    );
}

/// One random edit through the workbook's journaled writes; a description, or `None` when the
/// workbook refused it (a twin link, say) or there was nothing to undo or redo.
fn random_edit(
    wb: &mut Workbook,
    rng: &mut Seeded,
    partners: &[i64],
    kinds: &[String],
    after_undo: bool,
) -> Option<String> {
    let links = column(wb, "SELECT id FROM partner_links ORDER BY id");
    let pick = |rng: &mut Seeded, list: &[i64]| list[rng.below(list.len())];
    let draft = |rng: &mut Seeded| {
        let from = pick(rng, partners);
        let mut to = pick(rng, partners);
        if to == from {
            to = partners[(partners.iter().position(|&p| p == from).unwrap() + 1) % partners.len()];
        }
        LinkDraft {
            from,
            to,
            kind: kinds[rng.below(kinds.len())].clone(),
            direction: DIRECTIONS[rng.below(2)].into(),
            // Mostly active: those are the network's.
            status: LINK_STATUSES[[1, 1, 1, 0, 2][rng.below(5)]].into(),
            ..LinkDraft::default()
        }
    };
    // After an undo, a redo as often as not (else the next edit ends the redo history).
    let choice = if after_undo && rng.below(2) == 0 {
        9
    } else {
        rng.below(10)
    };
    match choice {
        0..=2 => {
            let new = draft(rng);
            wb.add_link(&new).ok().map(|id| format!("add link {id}"))
        }
        3..=5 => {
            let id = pick(rng, &links);
            let mut changed = wb.link(id).ok()?.link;
            match rng.below(3) {
                0 => changed.status = LINK_STATUSES[rng.below(3)].into(),
                1 => changed.kind = kinds[rng.below(kinds.len())].clone(),
                _ => {
                    let other = draft(rng);
                    (changed.from, changed.to) = (other.from, other.to);
                }
            }
            wb.update_link(id, &changed)
                .ok()
                .map(|_| format!("edit link {id}"))
        }
        6 => {
            let id = pick(rng, &links);
            wb.delete_link(id).ok().map(|_| format!("delete link {id}"))
        }
        7 | 8 => wb.undo().ok()?.map(|_| "undo".to_string()),
        _ => wb.redo().ok()?.map(|_| "redo".to_string()),
    }
}

#[test]
fn a_patched_network_equals_a_fresh_read_after_every_kind_of_link_edit() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir);
    // Every partner, former ones included: a link to an exited partner stays off the network.
    let partners = column(&wb, "SELECT id FROM partners ORDER BY id");
    let kinds = wb.vocabularies().unwrap().link_kinds;
    let mut net = wb.network().unwrap();
    assert!(
        net.network.partners() < partners.len(),
        "some partners are former ones"
    );
    let linked: usize = (0..net.network.partners())
        .map(|p| net.network.links_of(p))
        .sum();
    assert!(linked / 2 > 200, "{} links on the network", linked / 2);
    let mut mark = wb.network_mark().unwrap();
    let mut rng = Seeded::new(0x5EED_2026);
    let mut done: Vec<String> = Vec::new();
    let mut moved = 0;
    let mut fresh_reads = 0;
    for step in 0..240 {
        // Mostly one edit a patch; every fifth patch follows three (a key typed ahead).
        let edits = if step % 5 == 4 { 3 } else { 1 };
        let mut said = Vec::new();
        for _ in 0..edits {
            let after_undo = said.last().or(done.last()).is_some_and(|d| d == "undo");
            said.extend(random_edit(
                &mut wb, &mut rng, &partners, &kinds, after_undo,
            ));
        }
        if said.is_empty() {
            continue;
        }
        let step = format!("step {step} ({})", said.join(", "));
        let Some(changes) = wb.network_changes_since(&mark).unwrap() else {
            // Only an undo followed by an edit in one patch cuts entries the journal then
            // cannot tell about: the view reads the network again.
            let undone_then_cut = said
                .iter()
                .skip_while(|d| *d != "undo")
                .any(|d| ["add", "edit", "delete"].iter().any(|w| d.starts_with(w)));
            assert!(undone_then_cut, "{step}: the journal could not tell");
            net = wb.network().unwrap();
            mark = wb.network_mark().unwrap();
            fresh_reads += 1;
            continue;
        };
        let before = net.network.clone();
        wb.patch_network(&mut net, &changes).unwrap();
        if net.network != before {
            moved += 1;
        }
        mark = changes.mark.clone();
        let fresh = wb.network().unwrap();
        assert_same(&net, &fresh, &step);
        done.extend(said);
    }
    let count = |word: &str| done.iter().filter(|d| d.starts_with(word)).count();
    for word in ["add", "edit", "delete", "undo", "redo"] {
        assert!(
            count(word) >= 10,
            "only {} {word}s in {done:?}",
            count(word)
        );
    }
    assert!(moved >= 50, "only {moved} patches changed the network");
    assert!(fresh_reads <= 30, "{fresh_reads} fresh reads");
    // The map and the figures of the patched network are the fresh read's, bit for bit.
    let fresh = wb.network().unwrap();
    assert_eq!(
        NetworkLayout::of(&net.network),
        NetworkLayout::of(&fresh.network)
    );
    assert_eq!(net.summary(5), fresh.summary(5));
}

#[test]
fn a_change_to_a_partner_asks_for_a_fresh_read() {
    let dir = TempDir::new().unwrap();
    let mut wb = generated(&dir);
    let mark = wb.network_mark().unwrap();
    let id = column(&wb, "SELECT id FROM partners ORDER BY id LIMIT 1")[0];
    let mut partner = wb.partner(id).unwrap().unwrap();
    partner.name = format!("{} renamed", partner.name);
    wb.update_partner(id, &partner).unwrap();
    let changes = wb.network_changes_since(&mark).unwrap().unwrap();
    assert!(
        !changes.links_and(&["offerings"]),
        "a renamed partner moves in the network's order: {:?}",
        changes.tables
    );
}
