//! Role mapping in the workbook: sector templates, the role tree (add, move, delete with undo),
//! partner × role assignments, coverage from stored data, and hand-edited values read safely.

mod support;

use std::collections::HashMap;

use partnerplan::plan::coverage::{CoverageSummary, overloaded_partners, role_coverage};
use partnerplan::plan::roles::{AssignmentKind, Criticality, Role, RoleDraft, RoleStatus};
use partnerplan::plan::sector_template;
use partnerplan::workbook::{AssignmentCell, OpenOptions, RoleDeleteImpact, Workbook};
use support::draft as partner_draft;
use tempfile::TempDir;

use AssignmentKind::{Backup, Candidate, Lead};

/// A new workbook; `organisation` is written into its meta as the user would have set it.
fn open_new(dir: &TempDir, organisation: Option<&str>) -> Workbook {
    let path = dir.path().join("roles.partnerplan");
    Workbook::create(&path, Some("Role plan")).unwrap();
    let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
    if let Some(organisation) = organisation {
        wb.connection()
            .execute(
                "UPDATE workbook_meta SET organisation = ?1 WHERE id = 1",
                [organisation],
            )
            .unwrap();
    }
    wb
}

fn role_draft(name: &str) -> RoleDraft {
    RoleDraft {
        name: name.into(),
        description: format!("What {name} does for us."),
        min_partners: 1,
        ..Default::default()
    }
}

/// Every role by name.
fn roles_by_name(wb: &Workbook) -> HashMap<String, Role> {
    wb.roles()
        .unwrap()
        .into_iter()
        .map(|r| (r.role.name.clone(), r.role))
        .collect()
}

fn role_named(wb: &Workbook, name: &str) -> Role {
    roles_by_name(wb)
        .remove(name)
        .unwrap_or_else(|| panic!("no role called {name:?}"))
}

/// (name, parent name) of every role, sorted: the tree's shape, independent of ids.
fn shape(wb: &Workbook) -> Vec<(String, Option<String>)> {
    let roles = wb.roles().unwrap();
    let name_of = |id: i64| {
        roles
            .iter()
            .find(|r| r.role.id == id)
            .map(|r| r.role.name.clone())
            .unwrap()
    };
    let mut shape: Vec<_> = roles
        .iter()
        .map(|r| (r.role.name.clone(), r.role.parent_id.map(name_of)))
        .collect();
    shape.sort();
    shape
}

fn journal_entries(wb: &Workbook) -> i64 {
    wb.connection()
        .query_row("SELECT count(*) FROM change_journal", [], |r| r.get(0))
        .unwrap()
}

fn assignments_of_role(wb: &Workbook, role: i64) -> Vec<(i64, String, String)> {
    let mut stmt = wb
        .connection()
        .prepare(
            "SELECT partner_id, kind, note FROM role_assignments WHERE role_id = ?1 \
             ORDER BY partner_id",
        )
        .unwrap();
    stmt.query_map([role], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A hub with Cloud → Hosting → Backups, Cloud → Edge, and Resellers beside Cloud.
fn small_tree(wb: &mut Workbook) -> HashMap<&'static str, i64> {
    let mut ids = HashMap::new();
    ids.insert("Acme", wb.add_role(None, &role_draft("Acme")).unwrap());
    ids.insert("Cloud", wb.add_role(None, &role_draft("Cloud")).unwrap());
    ids.insert(
        "Hosting",
        wb.add_role(Some(ids["Cloud"]), &role_draft("Hosting"))
            .unwrap(),
    );
    ids.insert(
        "Backups",
        wb.add_role(Some(ids["Hosting"]), &role_draft("Backups"))
            .unwrap(),
    );
    ids.insert(
        "Edge",
        wb.add_role(Some(ids["Cloud"]), &role_draft("Edge"))
            .unwrap(),
    );
    ids.insert(
        "Resellers",
        wb.add_role(None, &role_draft("Resellers")).unwrap(),
    );
    ids
}

/// A new workbook holding `small_tree`; keep the folder alive as long as the workbook.
fn tree_workbook() -> (TempDir, Workbook, HashMap<&'static str, i64>) {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    let ids = small_tree(&mut wb);
    (dir, wb, ids)
}

/// Makes `partner` the `kind` of `role` with `note` (none when empty).
fn assign(wb: &mut Workbook, partner: i64, role: i64, kind: AssignmentKind, note: &str) {
    wb.set_assignment(partner, role, Some(kind)).unwrap();
    if !note.is_empty() {
        wb.set_assignment_note(partner, role, note).unwrap();
    }
}

// ---- sector templates ----

#[test]
fn a_template_creates_the_hub_named_after_the_organisation_and_every_role_nested() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, Some("  Acme GmbH "));
    let template = sector_template::by_name("technology").unwrap();
    let report = wb.apply_sector_template("technology").unwrap();
    assert_eq!(report.title, "Technology");
    assert_eq!(report.hub_created.as_deref(), Some("Acme GmbH"));
    let template_names: Vec<String> = template.roles.iter().map(|r| r.name.clone()).collect();
    assert_eq!(report.added, template_names);
    assert!(report.existing.is_empty());

    let roles = roles_by_name(&wb);
    assert_eq!(
        roles.len(),
        template.roles.len() + 1,
        "the hub and each role"
    );
    let hub = &roles["Acme GmbH"];
    assert!(hub.is_hub);
    assert_eq!(hub.parent_id, None);
    assert_eq!(roles.values().filter(|r| r.is_hub).count(), 1);
    for t in &template.roles {
        let role = &roles[&t.name];
        assert!(!role.is_hub);
        let parent = t.parent.as_ref().map_or(hub.id, |p| roles[p].id);
        assert_eq!(role.parent_id, Some(parent), "{}", t.name);
        assert_eq!(role.criticality, t.criticality, "{}", t.name);
        assert_eq!(role.min_partners, t.min_partners, "{}", t.name);
    }
    // Spelled out once, so the test does not only agree with itself.
    assert_eq!(
        roles["Content delivery and edge"].parent_id,
        Some(roles["Cloud infrastructure"].id)
    );
    let descriptions: HashMap<String, String> = wb
        .roles()
        .unwrap()
        .into_iter()
        .map(|r| (r.role.name, r.description))
        .collect();
    for t in &template.roles {
        assert_eq!(descriptions[&t.name], t.description);
    }
}

#[test]
fn without_an_organisation_the_hub_is_our_organisation_and_names_are_forgiven() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    let report = wb.apply_sector_template("Financial services").unwrap();
    assert_eq!(report.hub_created.as_deref(), Some("Our organisation"));
    let hub = role_named(&wb, "Our organisation");
    assert!(hub.is_hub);
    assert_eq!(
        role_named(&wb, "Card issuing").parent_id,
        Some(role_named(&wb, "Payment processing").id)
    );
    assert_eq!(role_named(&wb, "Partner banks").parent_id, Some(hub.id));
}

#[test]
fn applying_a_template_twice_adds_nothing_and_one_undo_takes_it_back() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    wb.apply_sector_template("manufacturing").unwrap();
    let before = wb.roles().unwrap();
    let entries = journal_entries(&wb);

    let again = wb.apply_sector_template("MANUFACTURING").unwrap();
    assert!(again.added.is_empty(), "{:?}", again.added);
    assert_eq!(again.hub_created, None);
    let template = sector_template::by_name("manufacturing").unwrap();
    let all: Vec<String> = template.roles.iter().map(|r| r.name.clone()).collect();
    assert_eq!(again.existing, all);
    assert_eq!(wb.roles().unwrap(), before, "nothing changed");
    assert_eq!(
        journal_entries(&wb),
        entries,
        "nothing to undo was recorded"
    );

    let undone = wb.undo().unwrap().unwrap();
    assert_eq!(undone.label, "apply the Manufacturing template");
    assert!(wb.roles().unwrap().is_empty(), "the hub went too");
    assert!(!wb.can_undo());
    wb.redo().unwrap().unwrap();
    assert_eq!(wb.roles().unwrap().len(), before.len());
}

#[test]
fn a_second_template_adds_only_new_names_and_nests_under_existing_ones() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, Some("Acme"));
    wb.apply_sector_template("technology").unwrap();
    let hub = role_named(&wb, "Acme");
    // The user already has a payments role, spelled their own way.
    let mut own = role_draft("PAYMENT processing");
    own.criticality = Criticality::Low;
    let own_id = wb.add_role(None, &own).unwrap();
    let count = wb.roles().unwrap().len();

    let report = wb.apply_sector_template("financial-services").unwrap();
    assert_eq!(report.existing, ["Payment processing"]);
    assert!(
        !report
            .added
            .iter()
            .any(|n| n.eq_ignore_ascii_case("payment processing"))
    );
    assert_eq!(report.hub_created, None);
    let template = sector_template::by_name("financial-services").unwrap();
    assert_eq!(report.added.len(), template.roles.len() - 1);

    let roles = roles_by_name(&wb);
    assert_eq!(roles.len(), count + template.roles.len() - 1);
    assert_eq!(
        roles.values().filter(|r| r.is_hub).count(),
        1,
        "no second hub"
    );
    let lower: Vec<String> = roles.keys().map(|n| n.to_lowercase()).collect();
    let mut unique = lower.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lower.len(), "no name twice: {lower:?}");
    // The user's role is left as it was, and the template's child hangs under it.
    let mine = &roles["PAYMENT processing"];
    assert_eq!(mine.criticality, Criticality::Low);
    assert_eq!(roles["Card issuing"].parent_id, Some(own_id));
    assert_eq!(roles["Partner banks"].parent_id, Some(hub.id));

    // Undo takes back only the second application.
    wb.undo().unwrap().unwrap();
    assert_eq!(wb.roles().unwrap().len(), count);
    assert!(roles_by_name(&wb).contains_key("Cloud infrastructure"));
}

#[test]
fn an_unknown_template_lists_the_valid_names_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    let err = format!("{:#}", wb.apply_sector_template("nope").unwrap_err());
    assert!(err.contains("\"nope\""), "{err}");
    for name in [
        "technology",
        "manufacturing",
        "financial-services",
        "healthcare",
    ] {
        assert!(err.contains(name), "{err} does not list {name}");
    }
    assert!(wb.roles().unwrap().is_empty());
    assert!(!wb.can_undo());
}

// ---- the role tree ----

#[test]
fn the_first_role_is_the_hub_and_later_ones_hang_under_the_hub_or_their_parent() {
    let (_dir, mut wb, ids) = tree_workbook();
    let roles = roles_by_name(&wb);
    assert!(roles["Acme"].is_hub);
    assert_eq!(roles["Acme"].parent_id, None);
    assert_eq!(roles.values().filter(|r| r.is_hub).count(), 1);
    assert_eq!(roles["Cloud"].parent_id, Some(ids["Acme"]));
    assert_eq!(roles["Resellers"].parent_id, Some(ids["Acme"]));
    assert_eq!(roles["Hosting"].parent_id, Some(ids["Cloud"]));
    assert_eq!(roles["Backups"].parent_id, Some(ids["Hosting"]));
    assert_eq!(roles["Edge"].parent_id, Some(ids["Cloud"]));
    // Siblings in the order they were added.
    assert!(roles["Hosting"].position < roles["Edge"].position);
    assert!(roles["Cloud"].position < roles["Resellers"].position);
    // Undo takes back the latest one only.
    assert_eq!(wb.undo().unwrap().unwrap().label, "add role Resellers");
    assert!(!roles_by_name(&wb).contains_key("Resellers"));
}

#[test]
fn duplicate_names_and_bad_drafts_are_refused_and_nothing_is_written() {
    let (_dir, mut wb, ids) = tree_workbook();
    let before = wb.roles().unwrap();
    let entries = journal_entries(&wb);

    for name in ["cloud", " HOSTING ", "acme"] {
        let err = wb.add_role(None, &role_draft(name)).unwrap_err();
        let expected = format!("There is already a role called \"{}\"", name.trim());
        assert!(err.to_string().contains(&expected), "{err}");
    }
    let mut bad = Vec::new();
    bad.push(role_draft("   "));
    bad.push(role_draft("Tab\tname"));
    let mut d = role_draft("Negative");
    d.min_partners = -1;
    bad.push(d);
    let mut d = role_draft("Too many");
    d.min_partners = 1_001;
    bad.push(d);
    let mut d = role_draft("Overridden");
    d.status_override = Some(RoleStatus::InPlace);
    bad.push(d);
    for draft in &bad {
        let err = wb.add_role(None, draft).unwrap_err();
        assert!(!err.to_string().is_empty());
        assert!(
            wb.update_role(ids["Edge"], draft).is_err(),
            "{draft:?} accepted as an edit"
        );
    }
    // A parent that does not exist.
    assert!(wb.add_role(Some(9_999), &role_draft("Orphan")).is_err());
    // Renaming a role to another role's name, in any case.
    let err = wb
        .update_role(ids["Edge"], &role_draft("BACKUPS"))
        .unwrap_err();
    assert!(err.to_string().contains("already a role"), "{err}");
    assert_eq!(wb.roles().unwrap(), before, "nothing written");
    assert_eq!(journal_entries(&wb), entries);

    // A role may keep its own name in another case.
    wb.update_role(ids["Edge"], &role_draft("EDGE")).unwrap();
    assert!(roles_by_name(&wb).contains_key("EDGE"));
}

#[test]
fn moves_that_would_loop_the_tree_are_refused_naming_both_roles() {
    let (_dir, mut wb, ids) = tree_workbook();
    let before = wb.roles().unwrap();
    let entries = journal_entries(&wb);

    let err = wb.move_role(ids["Cloud"], ids["Cloud"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"Cloud\" cannot be its own parent; choose another role to place it under."
    );
    let err = wb.move_role(ids["Cloud"], ids["Backups"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"Cloud\" cannot move under \"Backups\", which sits inside it; choose a parent \
         outside its branch, or move \"Backups\" out first."
    );
    let err = wb.move_role(ids["Hosting"], ids["Backups"]).unwrap_err();
    assert!(
        err.to_string()
            .contains("\"Hosting\" cannot move under \"Backups\""),
        "{err}"
    );
    let err = wb.move_role(ids["Acme"], ids["Resellers"]).unwrap_err();
    assert!(err.to_string().contains("\"Acme\" is the hub"), "{err}");
    assert!(err.to_string().contains("cannot move"), "{err}");
    assert!(wb.move_role(ids["Cloud"], 9_999).is_err());
    assert_eq!(wb.roles().unwrap(), before, "nothing changed");
    assert_eq!(journal_entries(&wb), entries);

    // Already there: said, not written.
    let said = wb.move_role(ids["Hosting"], ids["Cloud"]).unwrap();
    assert_eq!(said, "Hosting is already under Cloud.");
    assert_eq!(journal_entries(&wb), entries);
}

#[test]
fn a_valid_move_takes_the_branch_along_and_undo_restores_the_old_parent() {
    let (_dir, mut wb, ids) = tree_workbook();
    let said = wb.move_role(ids["Hosting"], ids["Resellers"]).unwrap();
    assert_eq!(said, "Moved Hosting under Resellers.");
    let roles = roles_by_name(&wb);
    assert_eq!(roles["Hosting"].parent_id, Some(ids["Resellers"]));
    assert_eq!(roles["Backups"].parent_id, Some(ids["Hosting"]));
    assert_eq!(
        wb.undo().unwrap().unwrap().label,
        "move role Hosting under Resellers"
    );
    assert_eq!(
        role_named(&wb, "Hosting").parent_id,
        Some(ids["Cloud"]),
        "undo restores the old parent"
    );
    // Moving a deep role up to the hub is fine too.
    wb.move_role(ids["Backups"], ids["Acme"]).unwrap();
    assert_eq!(role_named(&wb, "Backups").parent_id, Some(ids["Acme"]));
}

#[test]
fn deleting_a_role_moves_its_sub_roles_up_and_undo_brings_everything_back() {
    let (_dir, mut wb, ids) = tree_workbook();
    let north = wb.add_partner(&partner_draft("Northwind")).unwrap();
    let zeta = wb.add_partner(&partner_draft("Zeta")).unwrap();
    assign(&mut wb, north, ids["Cloud"], Lead, "runs our main region");
    assign(&mut wb, zeta, ids["Cloud"], Backup, "failover only");
    assign(&mut wb, north, ids["Hosting"], Lead, "");
    let shape_before = shape(&wb);
    let cloud_before = assignments_of_role(&wb, ids["Cloud"]);

    assert_eq!(
        wb.role_delete_impact(ids["Cloud"]).unwrap(),
        RoleDeleteImpact {
            children: 2,
            assignments: 2
        }
    );
    assert_eq!(
        wb.role_delete_impact(ids["Backups"]).unwrap(),
        RoleDeleteImpact {
            children: 0,
            assignments: 0
        }
    );
    assert_eq!(
        wb.role_delete_impact(ids["Acme"]).unwrap(),
        RoleDeleteImpact {
            children: 2,
            assignments: 0
        }
    );

    assert_eq!(wb.delete_role(ids["Cloud"]).unwrap(), "Cloud");
    let roles = roles_by_name(&wb);
    assert!(!roles.contains_key("Cloud"));
    assert_eq!(roles["Hosting"].parent_id, Some(ids["Acme"]), "moved up");
    assert_eq!(roles["Edge"].parent_id, Some(ids["Acme"]), "moved up");
    assert_eq!(roles["Backups"].parent_id, Some(ids["Hosting"]), "kept");
    // They join their new siblings after the last one, in their own order.
    let plain: Vec<_> = wb.roles().unwrap().into_iter().map(|r| r.role).collect();
    let under_acme: Vec<String> = partnerplan::plan::roles::display_order(&plain)
        .iter()
        .filter(|line| line.depth == 1)
        .map(|line| plain[line.index].name.clone())
        .collect();
    assert_eq!(under_acme, ["Resellers", "Hosting", "Edge"]);
    assert!(assignments_of_role(&wb, ids["Cloud"]).is_empty());
    assert_eq!(
        assignments_of_role(&wb, ids["Hosting"]).len(),
        1,
        "other roles' assignments stay"
    );

    assert_eq!(wb.undo().unwrap().unwrap().label, "delete role Cloud");
    assert_eq!(shape(&wb), shape_before);
    let cloud = role_named(&wb, "Cloud");
    assert_eq!(role_named(&wb, "Hosting").parent_id, Some(cloud.id));
    assert_eq!(role_named(&wb, "Edge").parent_id, Some(cloud.id));
    assert_eq!(assignments_of_role(&wb, cloud.id), cloud_before);
    let holders = wb.role_holders(cloud.id).unwrap();
    assert_eq!(holders.len(), 2);
    assert_eq!(
        (holders[0].name.as_str(), holders[0].note.as_str()),
        ("Northwind", "runs our main region")
    );
    assert_eq!(
        (holders[1].name.as_str(), holders[1].note.as_str()),
        ("Zeta", "failover only")
    );

    // Redo deletes it again, the same way.
    wb.redo().unwrap().unwrap();
    assert!(!roles_by_name(&wb).contains_key("Cloud"));
    assert_eq!(role_named(&wb, "Edge").parent_id, Some(ids["Acme"]));
}

#[test]
fn the_hub_cannot_be_deleted_while_roles_hang_beneath_it() {
    let (_dir, mut wb, ids) = tree_workbook();
    let before = wb.roles().unwrap();
    let entries = journal_entries(&wb);
    let err = wb.delete_role(ids["Acme"]).unwrap_err().to_string();
    assert!(err.contains("\"Acme\" is the hub"), "{err}");
    assert!(err.contains("2 roles"), "{err}");
    assert_eq!(wb.roles().unwrap(), before);
    assert_eq!(journal_entries(&wb), entries);

    // Alone, it can go.
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    let hub = wb.add_role(None, &role_draft("Solo")).unwrap();
    assert_eq!(wb.delete_role(hub).unwrap(), "Solo");
    assert!(wb.roles().unwrap().is_empty());
    // The next role becomes the hub again.
    let next = wb.add_role(None, &role_draft("Next")).unwrap();
    assert!(role_named(&wb, "Next").is_hub);
    assert_eq!(role_named(&wb, "Next").id, next);
}

// ---- assignments ----

fn cell(wb: &Workbook, partner: i64, role: i64) -> Option<AssignmentCell> {
    wb.assignment_window(&[partner], &[role])
        .unwrap()
        .into_iter()
        .next()
}

#[test]
fn a_cell_goes_lead_backup_and_clear_with_notes_and_undo() {
    let (_dir, mut wb, ids) = tree_workbook();
    let cloud = ids["Cloud"];
    let north = wb.add_partner(&partner_draft("Northwind")).unwrap();

    assert_eq!(
        wb.set_assignment(north, cloud, Some(Lead)).unwrap(),
        "Northwind is now lead of Cloud."
    );
    assert_eq!(cell(&wb, north, cloud).unwrap().kind, Some(Lead));
    wb.set_assignment_note(north, cloud, "  signed in March  ")
        .unwrap();
    assert_eq!(cell(&wb, north, cloud).unwrap().note, "signed in March");

    assert_eq!(
        wb.set_assignment(north, cloud, Some(Backup)).unwrap(),
        "Northwind is now backup of Cloud."
    );
    let c = cell(&wb, north, cloud).unwrap();
    assert_eq!((c.kind, c.raw_kind.as_str()), (Some(Backup), "backup"));
    assert_eq!(
        c.note, "signed in March",
        "changing the kind keeps the note"
    );

    // Setting what is already there records nothing.
    let entries = journal_entries(&wb);
    wb.set_assignment(north, cloud, Some(Backup)).unwrap();
    assert_eq!(journal_entries(&wb), entries);

    assert_eq!(
        wb.set_assignment(north, cloud, None).unwrap(),
        "Northwind no longer holds Cloud."
    );
    assert_eq!(cell(&wb, north, cloud), None);
    let entries = journal_entries(&wb);
    assert_eq!(
        wb.set_assignment(north, cloud, None).unwrap(),
        "Northwind does not hold Cloud."
    );
    assert_eq!(journal_entries(&wb), entries);

    // Undo walks back: cleared → backup (with its note) → lead.
    wb.undo().unwrap().unwrap();
    let c = cell(&wb, north, cloud).unwrap();
    assert_eq!((c.kind, c.note.as_str()), (Some(Backup), "signed in March"));
    wb.undo().unwrap().unwrap();
    assert_eq!(cell(&wb, north, cloud).unwrap().kind, Some(Lead));
    wb.undo().unwrap().unwrap();
    assert_eq!(cell(&wb, north, cloud).unwrap().note, "");
}

#[test]
fn a_note_needs_a_held_cell_and_clean_text() {
    let (_dir, mut wb, ids) = tree_workbook();
    let north = wb.add_partner(&partner_draft("Northwind")).unwrap();
    let entries = journal_entries(&wb);
    let err = wb
        .set_assignment_note(north, ids["Edge"], "maybe later")
        .unwrap_err()
        .to_string();
    assert!(err.contains("does not hold the role"), "{err}");
    assert!(err.contains("set L, B or C first"), "{err}");
    assert_eq!(cell(&wb, north, ids["Edge"]), None, "no cell made");
    assert_eq!(journal_entries(&wb), entries);

    wb.set_assignment(north, ids["Edge"], Some(Candidate))
        .unwrap();
    let err = wb
        .set_assignment_note(north, ids["Edge"], "bad\u{1b}[2J")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "the role assignment's note holds U+001B (a control character); remove it. \
         Nothing was changed."
    );
    assert_eq!(cell(&wb, north, ids["Edge"]).unwrap().note, "");
    // Notes may run over lines.
    wb.set_assignment_note(north, ids["Edge"], "first\nsecond")
        .unwrap();
    assert_eq!(cell(&wb, north, ids["Edge"]).unwrap().note, "first\nsecond");
    // Unknown partner or role: refused.
    assert!(wb.set_assignment(9_999, ids["Edge"], Some(Lead)).is_err());
    assert!(wb.set_assignment(north, 9_999, Some(Lead)).is_err());
}

#[test]
fn deleting_a_partner_removes_its_assignments_and_undo_restores_them() {
    let (_dir, mut wb, ids) = tree_workbook();
    let north = wb.add_partner(&partner_draft("Northwind")).unwrap();
    let zeta = wb.add_partner(&partner_draft("Zeta")).unwrap();
    assign(&mut wb, north, ids["Cloud"], Lead, "primary");
    assign(&mut wb, north, ids["Edge"], Candidate, "");
    assign(&mut wb, zeta, ids["Cloud"], Backup, "");
    let role_ids: Vec<i64> = ids.values().copied().collect();
    let mut before = wb.assignment_window(&[north, zeta], &role_ids).unwrap();
    before.sort_by_key(|c| (c.partner_id, c.role_id));

    wb.delete_partner(north).unwrap();
    let after = wb.assignment_window(&[north, zeta], &role_ids).unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].partner_id, zeta);
    assert!(
        wb.assignments()
            .unwrap()
            .iter()
            .all(|a| a.partner_id != north)
    );

    wb.undo().unwrap().unwrap();
    let mut restored = wb.assignment_window(&[north, zeta], &role_ids).unwrap();
    restored.sort_by_key(|c| (c.partner_id, c.role_id));
    assert_eq!(restored, before);
}

#[test]
fn the_window_holds_exactly_the_cells_inside_the_given_partners_and_roles() {
    let (_dir, mut wb, ids) = tree_workbook();
    let roles = [ids["Cloud"], ids["Hosting"], ids["Edge"], ids["Resellers"]];
    let partners: Vec<i64> = (0..4)
        .map(|i| wb.add_partner(&partner_draft(&format!("P{i}"))).unwrap())
        .collect();
    for (pi, &p) in partners.iter().enumerate() {
        for (ri, &r) in roles.iter().enumerate() {
            let kind = AssignmentKind::ALL[(pi + ri) % 3];
            wb.set_assignment(p, r, Some(kind)).unwrap();
        }
    }
    let want_p = [partners[1], partners[3]];
    let want_r = [roles[0], roles[2]];
    let mut got: Vec<(i64, i64, Option<AssignmentKind>)> = wb
        .assignment_window(&want_p, &want_r)
        .unwrap()
        .into_iter()
        .map(|c| (c.partner_id, c.role_id, c.kind))
        .collect();
    got.sort();
    let mut expected = Vec::new();
    for (pi, &p) in partners.iter().enumerate() {
        for (ri, &r) in roles.iter().enumerate() {
            if want_p.contains(&p) && want_r.contains(&r) {
                expected.push((p, r, Some(AssignmentKind::ALL[(pi + ri) % 3])));
            }
        }
    }
    expected.sort();
    assert_eq!(expected.len(), 4);
    assert_eq!(got, expected);
    assert!(wb.assignment_window(&[], &roles).unwrap().is_empty());
    assert!(wb.assignment_window(&partners, &[]).unwrap().is_empty());
    // Ids with nothing stored (or not existing) add nothing.
    assert_eq!(
        wb.assignment_window(&[partners[0], 9_999], &[ids["Backups"], roles[1]])
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn holders_come_leads_then_backups_then_candidates_each_by_name() {
    let (_dir, mut wb, ids) = tree_workbook();
    let cloud = ids["Cloud"];
    for (name, kind) in [
        ("Zed", Lead),
        ("Amy", Candidate),
        ("Bob", Backup),
        ("Abe", Lead),
        ("Cat", Candidate),
        ("Ann", Backup),
    ] {
        let p = wb.add_partner(&partner_draft(name)).unwrap();
        wb.set_assignment(p, cloud, Some(kind)).unwrap();
    }
    let holders: Vec<(String, AssignmentKind)> = wb
        .role_holders(cloud)
        .unwrap()
        .into_iter()
        .map(|h| (h.name, h.kind))
        .collect();
    let expected = [
        ("Abe", Lead),
        ("Zed", Lead),
        ("Ann", Backup),
        ("Bob", Backup),
        ("Amy", Candidate),
        ("Cat", Candidate),
    ]
    .map(|(n, k)| (n.to_string(), k));
    assert_eq!(holders, expected);
    assert!(wb.role_holders(ids["Edge"]).unwrap().is_empty());
}

// ---- coverage from workbook data ----

#[test]
fn coverage_of_a_small_workbook_flags_gap_single_point_and_overload() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, None);
    let hub = wb.add_role(None, &role_draft("Acme")).unwrap();
    let mut add = |name: &str, criticality: Criticality, min: i64| {
        let mut d = role_draft(name);
        d.criticality = criticality;
        d.min_partners = min;
        wb.add_role(None, &d).unwrap()
    };
    let cloud = add("Cloud", Criticality::High, 1);
    let payments = add("Payments", Criticality::High, 2);
    let training = add("Training", Criticality::Low, 1);
    let resale = add("Resale", Criticality::Medium, 1);
    let alpha = wb.add_partner(&partner_draft("Alpha")).unwrap();
    let beta = wb.add_partner(&partner_draft("Beta")).unwrap();
    let gamma = wb.add_partner(&partner_draft("Gamma")).unwrap();
    for (partner, role, kind) in [
        (alpha, cloud, Lead),
        (alpha, resale, Lead),
        (alpha, hub, Lead),
        (beta, payments, Backup),
        (beta, training, Candidate),
        (gamma, resale, Backup),
    ] {
        assign(&mut wb, partner, role, kind, "");
    }

    let roles: Vec<Role> = wb.roles().unwrap().into_iter().map(|r| r.role).collect();
    let assignments = wb.assignments().unwrap();
    let coverage = role_coverage(&roles, &assignments);
    let by_role: HashMap<i64, _> = coverage.iter().map(|c| (c.role_id, c)).collect();
    assert_eq!(coverage.len(), 4, "the hub is not a role to fill");
    assert!(by_role[&cloud].single_point && !by_role[&cloud].gap);
    assert_eq!(by_role[&cloud].effective, RoleStatus::AtRisk);
    assert!(by_role[&payments].single_point && by_role[&payments].under_minimum);
    assert!(by_role[&training].gap);
    assert_eq!(by_role[&training].candidates, [beta]);
    assert_eq!(by_role[&training].effective, RoleStatus::Missing);
    assert_eq!(by_role[&resale].leads, [alpha]);
    assert_eq!(by_role[&resale].backups, [gamma]);
    assert_eq!(by_role[&resale].effective, RoleStatus::InPlace);

    let overloaded = overloaded_partners(&roles, &assignments, 1);
    assert_eq!(overloaded.len(), 1);
    assert_eq!((overloaded[0].partner_id, overloaded[0].leads), (alpha, 2));
    let summary = CoverageSummary::new(&coverage, &overloaded);
    assert_eq!(
        summary.line(),
        "4 roles · 1 gap · 2 single points · 1 overloaded partner"
    );
    assert_eq!(summary.percent_in_place(), Some(25));
    let names = wb.partner_names(&[alpha, 9_999]).unwrap();
    assert_eq!(names.len(), 1);
    assert_eq!(names[&alpha], "Alpha");

    // An override from the workbook counts as the effective status.
    let mut d = wb
        .roles()
        .unwrap()
        .into_iter()
        .find(|r| r.role.id == training)
        .unwrap()
        .draft();
    d.status_override = Some(RoleStatus::InPlace);
    d.status_reason = "our own staff teach".into();
    wb.update_role(training, &d).unwrap();
    let roles: Vec<Role> = wb.roles().unwrap().into_iter().map(|r| r.role).collect();
    let coverage = role_coverage(&roles, &assignments);
    let training_cov = coverage.iter().find(|c| c.role_id == training).unwrap();
    assert_eq!(training_cov.effective, RoleStatus::InPlace);
    assert_eq!(
        training_cov.override_reason.as_deref(),
        Some("our own staff teach")
    );
    assert_eq!(
        CoverageSummary::new(&coverage, &[]).percent_in_place(),
        Some(50)
    );
}

// ---- hand-edited files ----

#[test]
fn unknown_kinds_and_criticalities_from_a_hand_edited_file_are_read_without_error() {
    let (_dir, mut wb, ids) = tree_workbook();
    let north = wb.add_partner(&partner_draft("Northwind")).unwrap();
    let zeta = wb.add_partner(&partner_draft("Zeta")).unwrap();
    wb.set_assignment(zeta, ids["Cloud"], Some(Lead)).unwrap();
    let conn = wb.connection();
    conn.execute(
        "INSERT INTO role_assignments (uuid, partner_id, role_id, kind, note, created_at, \
         updated_at) VALUES ('hand-edited-1', ?1, ?2, 'owner', 'from a spreadsheet', \
         '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
        [north, ids["Cloud"]],
    )
    .unwrap();
    conn.execute(
        "UPDATE roles SET criticality = 'urgent', status_override = 'on fire' WHERE id = ?1",
        [ids["Edge"]],
    )
    .unwrap();

    let edge = role_named(&wb, "Edge");
    assert_eq!(edge.criticality, Criticality::Medium);
    assert_eq!(edge.status_override, None);

    let window = wb.assignment_window(&[north], &[ids["Cloud"]]).unwrap();
    assert_eq!(window.len(), 1);
    assert_eq!(window[0].kind, None);
    assert_eq!(window[0].raw_kind, "owner");
    assert_eq!(window[0].note, "from a spreadsheet");

    // Left out of coverage and of the holders.
    let assignments = wb.assignments().unwrap();
    assert!(assignments.iter().all(|a| a.partner_id != north));
    let holders = wb.role_holders(ids["Cloud"]).unwrap();
    assert_eq!(holders.len(), 1);
    assert_eq!(holders[0].partner_id, zeta);
    let roles: Vec<Role> = wb.roles().unwrap().into_iter().map(|r| r.role).collect();
    let cloud = role_coverage(&roles, &assignments)
        .into_iter()
        .find(|c| c.role_id == ids["Cloud"])
        .unwrap();
    assert_eq!(cloud.leads, [zeta]);
    assert_eq!(cloud.holders(), 1);

    // Setting the cell replaces the unknown kind; its note stays.
    wb.set_assignment(north, ids["Cloud"], Some(Backup))
        .unwrap();
    let c = cell(&wb, north, ids["Cloud"]).unwrap();
    assert_eq!(
        (c.kind, c.note.as_str()),
        (Some(Backup), "from a spreadsheet")
    );
    // And undo brings the raw word back.
    wb.undo().unwrap().unwrap();
    assert_eq!(cell(&wb, north, ids["Cloud"]).unwrap().raw_kind, "owner");
}

#[test]
fn an_organisation_named_like_a_template_role_does_not_make_that_name_twice() {
    let dir = TempDir::new().unwrap();
    let mut wb = open_new(&dir, Some("warehousing"));
    let report = wb.apply_sector_template("manufacturing").unwrap();
    assert_eq!(report.hub_created.as_deref(), Some("warehousing"));
    let names: Vec<String> = wb
        .roles()
        .unwrap()
        .into_iter()
        .map(|r| r.role.name.to_lowercase())
        .collect();
    assert_eq!(
        names.iter().filter(|n| *n == "warehousing").count(),
        1,
        "{names:?}"
    );
    assert_eq!(report.existing, ["Warehousing"]);
    // Whatever hung under the template's role hangs under the hub that holds its name.
    let hub = role_named(&wb, "warehousing");
    assert!(hub.is_hub);
    assert!(
        wb.roles()
            .unwrap()
            .iter()
            .all(|r| r.role.parent_id.is_none() == r.role.is_hub)
    );
}

/// An edit in effect at the mark, undone and then cut from the redo branch by a new edit,
/// changed the assignments (its undo) though the journal no longer holds it: what changed
/// since the mark must not leave its role out (the Roles tab's coverage would stay stale).
#[test]
fn an_edit_undone_then_cut_by_a_new_edit_is_not_lost_from_the_changes() {
    let (_dir, mut wb, ids) = tree_workbook();
    let acme = wb.add_partner(&partner_draft("Acme")).unwrap();
    assign(&mut wb, acme, ids["Hosting"], Lead, "");
    let mark = wb.journal_mark().unwrap();
    wb.undo().unwrap();
    assign(&mut wb, acme, ids["Edge"], Lead, "");
    match wb.role_changes_since(&mark).unwrap() {
        None => {} // read everything again: nothing is lost
        Some(changes) => assert!(
            changes.roles.contains(&ids["Hosting"]),
            "Hosting lost its lead by the undo: {:?}",
            changes.roles
        ),
    }
    // Undone and cut after the mark, both made after it: nothing to miss, so followed.
    let mark = wb.journal_mark().unwrap();
    assign(&mut wb, acme, ids["Backups"], Backup, "");
    wb.undo().unwrap();
    assign(&mut wb, acme, ids["Resellers"], Lead, "");
    let changes = wb.role_changes_since(&mark).unwrap().expect("followed");
    assert!(changes.roles.contains(&ids["Resellers"]));
}
