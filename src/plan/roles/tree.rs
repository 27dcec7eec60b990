//! The role catalogue as a tree: depth-first display order over flat rows, safe against rows whose
//! parent is gone and against loops in a hand-edited file.
//!
//! The rules:
//! - The hub (the first role marked hub, by position then id) is the root and is shown first,
//!   whatever parent its row names. A second role marked hub is placed like any other role.
//! - A role is shown under its stored parent when that parent exists.
//! - A role that cannot be placed that way — no parent, a parent that is not in the rows, itself
//!   as parent, or a loop of parents — is shown directly under the hub, and its `Placement` says
//!   why, so the screen can point it out. Without a hub, such roles are shown at the top level
//!   (a role without a parent is then simply a top-level role).
//! - A loop is broken at one role, the lowest id in it; the rest of the loop hangs beneath that
//!   role as stored. Nothing is followed twice, so the work is linear and always ends.
//! - Siblings are ordered by position, then name (ignoring case), then id.
//! - Every row appears exactly once.

use std::collections::HashMap;

use super::Role;

/// How a role came to be shown where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Where its row says: under its parent (or, for the hub and for roles without a parent when
    /// there is no hub, at the top level).
    Stored,
    /// It has no parent although there is a hub; shown under the hub.
    NoParent,
    /// Its parent is not among the roles (or is the role itself); shown under the hub.
    MissingParent,
    /// Its parents loop back to it; the loop is broken here and the role shown under the hub.
    BrokenLoop,
}

/// One line of the catalogue in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeLine {
    /// Index into the rows passed in.
    pub index: usize,
    pub id: i64,
    /// 0 for the hub (or top-level roles), 1 beneath it, and so on.
    pub depth: usize,
    pub placement: Placement,
}

/// The index of the hub: the first role marked hub, by position then id.
pub fn hub_index(roles: &[Role]) -> Option<usize> {
    (0..roles.len())
        .filter(|&i| roles[i].is_hub)
        .min_by_key(|&i| (roles[i].position, roles[i].id))
}

/// Every role once, depth-first, each with its depth (see the module's rules).
pub fn display_order(roles: &[Role]) -> Vec<TreeLine> {
    let hub = hub_index(roles);
    let (parents, placements) = shown_parents(roles, hub);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); roles.len()];
    let mut roots = Vec::new();
    for (i, parent) in parents.iter().enumerate() {
        match parent {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    let names: Vec<String> = roles.iter().map(|r| r.name.to_lowercase()).collect();
    let key = |&i: &usize| (roles[i].position, names[i].clone(), roles[i].id);
    roots.sort_by_cached_key(key);
    for list in &mut children {
        list.sort_by_cached_key(key);
    }
    let mut lines = Vec::with_capacity(roles.len());
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&i| (i, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        lines.push(TreeLine {
            index: i,
            id: roles[i].id,
            depth,
            placement: placements[i],
        });
        stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    lines
}

/// The parent each role is shown under (an index), and why.
fn shown_parents(roles: &[Role], hub: Option<usize>) -> (Vec<Option<usize>>, Vec<Placement>) {
    let mut by_id: HashMap<i64, usize> = HashMap::with_capacity(roles.len());
    for (i, role) in roles.iter().enumerate() {
        by_id.entry(role.id).or_insert(i);
    }
    let mut parents = Vec::with_capacity(roles.len());
    let mut placements = Vec::with_capacity(roles.len());
    for (i, role) in roles.iter().enumerate() {
        let (parent, placement) = if Some(i) == hub {
            (None, Placement::Stored)
        } else {
            match role.parent_id.map(|p| by_id.get(&p).copied()) {
                None if hub.is_some() => (hub, Placement::NoParent),
                None => (None, Placement::Stored),
                Some(Some(p)) if p != i => (Some(p), Placement::Stored),
                Some(_) => (hub, Placement::MissingParent),
            }
        };
        parents.push(parent);
        placements.push(placement);
    }
    break_loops(roles, hub, &mut parents, &mut placements);
    (parents, placements)
}

/// Walks up from every role once; where a walk comes back onto itself, re-hangs the loop's
/// lowest-id role under the hub (or the top level).
fn break_loops(
    roles: &[Role],
    hub: Option<usize>,
    parents: &mut [Option<usize>],
    placements: &mut [Placement],
) {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; roles.len()];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..roles.len() {
        path.clear();
        let mut current = Some(start);
        while let Some(i) = current {
            match state[i] {
                DONE => break,
                ON_PATH => {
                    let from = path.iter().position(|&p| p == i).unwrap_or(0);
                    if let Some(&cut) = path[from..].iter().min_by_key(|&&p| roles[p].id) {
                        parents[cut] = hub;
                        placements[cut] = Placement::BrokenLoop;
                    }
                    break;
                }
                _ => {
                    state[i] = ON_PATH;
                    path.push(i);
                    current = parents[i];
                }
            }
        }
        for &p in &path {
            state[p] = DONE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{hub, role};
    use super::*;

    fn at(position: i64, r: Role) -> Role {
        Role { position, ..r }
    }

    /// "name@depth" per line, for compact assertions.
    fn shown(roles: &[Role]) -> Vec<String> {
        display_order(roles)
            .iter()
            .map(|l| format!("{}@{}", roles[l.index].name, l.depth))
            .collect()
    }

    fn placement_of(roles: &[Role], name: &str) -> Placement {
        let lines = display_order(roles);
        lines
            .iter()
            .find(|l| roles[l.index].name == name)
            .map(|l| l.placement)
            .unwrap()
    }

    #[test]
    fn deep_trees_come_out_depth_first_with_depths() {
        let roles = vec![
            role(5, Some(4), "Cold storage"),
            role(4, Some(3), "Backups"),
            role(3, Some(2), "Hosting"),
            role(2, Some(1), "Cloud"),
            hub(1, "Acme"),
            role(6, Some(1), "Resellers"),
            role(7, Some(5), "Tape vault"),
        ];
        assert_eq!(
            shown(&roles),
            [
                "Acme@0",
                "Cloud@1",
                "Hosting@2",
                "Backups@3",
                "Cold storage@4",
                "Tape vault@5",
                "Resellers@1"
            ]
        );
        assert!(
            display_order(&roles)
                .iter()
                .all(|l| l.placement == Placement::Stored)
        );
    }

    #[test]
    fn siblings_go_by_position_then_name_ignoring_case() {
        let roles = vec![
            hub(1, "Acme"),
            at(2, role(2, Some(1), "alpha")),
            at(1, role(3, Some(1), "Zeta")),
            at(1, role(4, Some(1), "beta")),
            at(0, role(5, Some(1), "Omega")),
        ];
        assert_eq!(
            shown(&roles),
            ["Acme@0", "Omega@1", "beta@1", "Zeta@1", "alpha@1"]
        );
    }

    #[test]
    fn roles_without_a_parent_hang_under_the_hub() {
        let roles = vec![
            role(2, None, "Logistics"),
            hub(1, "Acme"),
            role(3, Some(2), "Warehousing"),
        ];
        assert_eq!(shown(&roles), ["Acme@0", "Logistics@1", "Warehousing@2"]);
        assert_eq!(placement_of(&roles, "Logistics"), Placement::NoParent);
        assert_eq!(placement_of(&roles, "Warehousing"), Placement::Stored);
    }

    #[test]
    fn without_a_hub_parentless_roles_are_the_top_level() {
        let roles = vec![
            role(2, None, "Suppliers"),
            role(1, None, "Logistics"),
            role(3, Some(1), "Freight"),
        ];
        assert_eq!(shown(&roles), ["Logistics@0", "Freight@1", "Suppliers@0"]);
        assert_eq!(placement_of(&roles, "Suppliers"), Placement::Stored);
    }

    #[test]
    fn orphans_hang_under_the_hub_and_say_so() {
        let roles = vec![
            hub(1, "Acme"),
            role(2, Some(99), "Lost"),
            role(3, Some(2), "Lost child"),
            role(4, Some(4), "Own parent"),
        ];
        assert_eq!(
            shown(&roles),
            ["Acme@0", "Lost@1", "Lost child@2", "Own parent@1"]
        );
        assert_eq!(placement_of(&roles, "Lost"), Placement::MissingParent);
        assert_eq!(placement_of(&roles, "Lost child"), Placement::Stored);
        assert_eq!(placement_of(&roles, "Own parent"), Placement::MissingParent);
    }

    #[test]
    fn a_loop_is_broken_at_its_lowest_id_and_every_role_shown_once() {
        // 4 → 3 → 2 → 4 is a loop; 5 hangs off it; the hub stands apart.
        let roles = vec![
            hub(1, "Acme"),
            role(3, Some(2), "B"),
            role(2, Some(4), "A"),
            role(4, Some(3), "C"),
            role(5, Some(3), "Off the loop"),
        ];
        assert_eq!(
            shown(&roles),
            ["Acme@0", "A@1", "B@2", "C@3", "Off the loop@3"]
        );
        assert_eq!(placement_of(&roles, "A"), Placement::BrokenLoop);
        assert_eq!(placement_of(&roles, "B"), Placement::Stored);
    }

    #[test]
    fn a_loop_without_a_hub_comes_to_the_top_level() {
        let roles = vec![role(8, Some(9), "X"), role(9, Some(8), "Y")];
        assert_eq!(shown(&roles), ["X@0", "Y@1"]);
    }

    #[test]
    fn the_hub_is_the_root_whatever_its_row_says_and_a_second_hub_is_a_role() {
        let roles = vec![
            Role {
                parent_id: Some(3),
                ..hub(1, "Acme")
            },
            at(5, hub(2, "Acme again")),
            role(3, Some(1), "Cloud"),
        ];
        assert_eq!(hub_index(&roles), Some(0));
        assert_eq!(shown(&roles), ["Acme@0", "Cloud@1", "Acme again@1"]);
        assert_eq!(placement_of(&roles, "Acme again"), Placement::NoParent);
        assert_eq!(hub_index(&[role(1, None, "x")]), None);
    }

    #[test]
    fn a_very_deep_chain_neither_overflows_nor_loses_rows() {
        let mut roles = vec![hub(0, "Acme")];
        roles.extend((1..=20_000).map(|i| role(i, Some(i - 1), "step")));
        let lines = display_order(&roles);
        assert_eq!(lines.len(), roles.len());
        assert_eq!(lines.last().map(|l| l.depth), Some(20_000));
        assert!(display_order(&[]).is_empty());
    }
}
