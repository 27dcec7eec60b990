//! Roles of the ecosystem: criticality, assignment kinds, role status, and the rule that keeps a
//! move from hanging a role beneath itself. The tree's display order lives in `roles/tree.rs`.

mod draft;
mod tree;

pub use draft::{MAX_MIN_PARTNERS, RoleDraft, RoleField};
pub use tree::{Placement, TreeLine, display_order, hub_index};

use std::fmt;

use super::words::by_word;

/// How much the ecosystem suffers when a role is not filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Criticality {
    Low,
    /// The schema's default, and what an unknown stored word is read as.
    #[default]
    Medium,
    High,
}

impl Criticality {
    pub const ALL: [Criticality; 3] = [Criticality::Low, Criticality::Medium, Criticality::High];

    /// The word stored in `roles.criticality` and shown on screen.
    pub fn word(self) -> &'static str {
        match self {
            Criticality::Low => "low",
            Criticality::Medium => "medium",
            Criticality::High => "high",
        }
    }

    /// Reads a word, ignoring case and surrounding space; `None` for anything else (a stored
    /// value from another tool is best read with `.unwrap_or_default()`, i.e. as medium).
    pub fn from_word(word: &str) -> Option<Criticality> {
        by_word(Self::ALL, word, Self::word)
    }
}

/// What a partner does in a role (ordered lead, backup, candidate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AssignmentKind {
    /// Holds the role.
    Lead,
    /// Ready to take over; counts as holding the role for coverage.
    Backup,
    /// Being considered; does not fill the role.
    Candidate,
}

impl AssignmentKind {
    pub const ALL: [AssignmentKind; 3] = [
        AssignmentKind::Lead,
        AssignmentKind::Backup,
        AssignmentKind::Candidate,
    ];

    /// The word stored in `role_assignments.kind`.
    pub fn word(self) -> &'static str {
        match self {
            AssignmentKind::Lead => "lead",
            AssignmentKind::Backup => "backup",
            AssignmentKind::Candidate => "candidate",
        }
    }

    /// The matrix shows a cell by letter, so the kind never depends on colour alone.
    pub fn letter(self) -> char {
        match self {
            AssignmentKind::Lead => 'L',
            AssignmentKind::Backup => 'B',
            AssignmentKind::Candidate => 'C',
        }
    }

    /// Reads a word, ignoring case and surrounding space.
    pub fn from_word(word: &str) -> Option<AssignmentKind> {
        by_word(Self::ALL, word, Self::word)
    }

    /// Reads a letter (L, B or C, either case).
    pub fn from_letter(letter: char) -> Option<AssignmentKind> {
        let letter = letter.to_ascii_uppercase();
        Self::ALL.into_iter().find(|k| k.letter() == letter)
    }

    /// What one key does to a matrix cell: empty → lead → backup → candidate → empty.
    pub fn cycled(current: Option<AssignmentKind>) -> Option<AssignmentKind> {
        match current {
            None => Some(AssignmentKind::Lead),
            Some(AssignmentKind::Lead) => Some(AssignmentKind::Backup),
            Some(AssignmentKind::Backup) => Some(AssignmentKind::Candidate),
            Some(AssignmentKind::Candidate) => None,
        }
    }
}

/// Where a role stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleStatus {
    InPlace,
    AtRisk,
    Missing,
}

impl RoleStatus {
    pub const ALL: [RoleStatus; 3] = [RoleStatus::InPlace, RoleStatus::AtRisk, RoleStatus::Missing];

    /// The word stored in `roles.status_override` and shown on screen.
    pub fn word(self) -> &'static str {
        match self {
            RoleStatus::InPlace => "in place",
            RoleStatus::AtRisk => "at risk",
            RoleStatus::Missing => "missing",
        }
    }

    /// Reads a word, ignoring case and surrounding space; `None` for anything else, including
    /// the empty override that means "not overridden".
    pub fn from_word(word: &str) -> Option<RoleStatus> {
        by_word(Self::ALL, word, Self::word)
    }
}

/// A role as the rules need it (one row of `roles`, less its text and timestamps).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// The coordinating organisation, usually the user's own; always shown at the root.
    pub is_hub: bool,
    pub name: String,
    pub criticality: Criticality,
    /// How many partners (leads and backups) the role needs.
    pub min_partners: i64,
    /// A status the user set by hand; `None` when the computed one stands.
    pub status_override: Option<RoleStatus>,
    /// Why the user overrode the status.
    pub status_reason: String,
    /// Order among siblings.
    pub position: i64,
}

/// Why a role cannot move under the parent the user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CycleRefusal {
    /// The new parent is the role itself.
    UnderItself { role: String },
    /// The new parent sits inside the moving role's own branch.
    UnderOwnBranch { role: String, descendant: String },
}

impl fmt::Display for CycleRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CycleRefusal::UnderItself { role } => write!(
                f,
                "\"{role}\" cannot be its own parent; choose another role to place it under."
            ),
            CycleRefusal::UnderOwnBranch { role, descendant } => write!(
                f,
                "\"{role}\" cannot move under \"{descendant}\", which sits inside it; choose a \
                 parent outside its branch, or move \"{descendant}\" out first."
            ),
        }
    }
}

impl std::error::Error for CycleRefusal {}

/// Whether placing `moving_id` under `new_parent_id` would loop the tree, and why. Follows the
/// stored parents up from the new parent; a loop already in a hand-edited file ends the walk
/// instead of running forever (it is not one this move creates).
pub fn would_create_cycle(
    roles: &[Role],
    moving_id: i64,
    new_parent_id: i64,
) -> Option<CycleRefusal> {
    let name_of = |id: i64| {
        roles
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| format!("role {id}"), |r| r.name.clone())
    };
    if moving_id == new_parent_id {
        return Some(CycleRefusal::UnderItself {
            role: name_of(moving_id),
        });
    }
    let parents: std::collections::HashMap<i64, Option<i64>> =
        roles.iter().map(|r| (r.id, r.parent_id)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut current = Some(new_parent_id);
    while let Some(id) = current {
        if id == moving_id {
            return Some(CycleRefusal::UnderOwnBranch {
                role: name_of(moving_id),
                descendant: name_of(new_parent_id),
            });
        }
        if !seen.insert(id) {
            return None;
        }
        current = parents.get(&id).copied().flatten();
    }
    None
}

#[cfg(test)]
pub(crate) fn role(id: i64, parent_id: Option<i64>, name: &str) -> Role {
    Role {
        id,
        parent_id,
        is_hub: false,
        name: name.into(),
        criticality: Criticality::Medium,
        min_partners: 1,
        status_override: None,
        status_reason: String::new(),
        position: 0,
    }
}

#[cfg(test)]
pub(crate) fn hub(id: i64, name: &str) -> Role {
    Role {
        is_hub: true,
        ..role(id, None, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_unknown_words_are_refused() {
        for c in Criticality::ALL {
            assert_eq!(Criticality::from_word(c.word()), Some(c));
        }
        assert_eq!(Criticality::from_word(" High "), Some(Criticality::High));
        assert_eq!(Criticality::from_word("urgent"), None);
        assert_eq!(Criticality::default(), Criticality::Medium);
        for s in RoleStatus::ALL {
            assert_eq!(RoleStatus::from_word(s.word()), Some(s));
        }
        assert_eq!(RoleStatus::InPlace.word(), "in place");
        assert_eq!(RoleStatus::from_word(""), None);
        assert_eq!(RoleStatus::from_word("At Risk"), Some(RoleStatus::AtRisk));
    }

    #[test]
    fn assignment_kinds_have_letters_and_cycle_through_empty() {
        let letters: String = AssignmentKind::ALL.iter().map(|k| k.letter()).collect();
        assert_eq!(letters, "LBC");
        for k in AssignmentKind::ALL {
            assert_eq!(AssignmentKind::from_word(k.word()), Some(k));
            assert_eq!(AssignmentKind::from_letter(k.letter()), Some(k));
        }
        assert_eq!(
            AssignmentKind::from_letter('b'),
            Some(AssignmentKind::Backup)
        );
        assert_eq!(AssignmentKind::from_word("owner"), None);
        let mut cell = None;
        let mut seen = Vec::new();
        for _ in 0..4 {
            cell = AssignmentKind::cycled(cell);
            seen.push(cell);
        }
        use AssignmentKind::*;
        assert_eq!(seen, [Some(Lead), Some(Backup), Some(Candidate), None]);
    }

    fn chain() -> Vec<Role> {
        // hub 1 → 2 → 3 → 4 → 5, and 6 beside 2.
        vec![
            hub(1, "Acme"),
            role(2, Some(1), "Cloud"),
            role(3, Some(2), "Hosting"),
            role(4, Some(3), "Backups"),
            role(5, Some(4), "Cold storage"),
            role(6, Some(1), "Resellers"),
        ]
    }

    #[test]
    fn a_role_cannot_move_under_itself() {
        let refusal = would_create_cycle(&chain(), 3, 3).unwrap();
        assert_eq!(
            refusal,
            CycleRefusal::UnderItself {
                role: "Hosting".into()
            }
        );
        assert!(refusal.to_string().contains("cannot be its own parent"));
    }

    #[test]
    fn a_role_cannot_move_under_its_descendant_at_any_depth() {
        let refusal = would_create_cycle(&chain(), 2, 5).unwrap();
        assert_eq!(
            refusal,
            CycleRefusal::UnderOwnBranch {
                role: "Cloud".into(),
                descendant: "Cold storage".into()
            }
        );
        assert_eq!(
            refusal.to_string(),
            "\"Cloud\" cannot move under \"Cold storage\", which sits inside it; choose a parent \
             outside its branch, or move \"Cold storage\" out first."
        );
        assert!(would_create_cycle(&chain(), 4, 5).is_some());
    }

    #[test]
    fn moves_elsewhere_are_fine() {
        let roles = chain();
        assert_eq!(would_create_cycle(&roles, 5, 6), None);
        assert_eq!(would_create_cycle(&roles, 2, 6), None);
        // Moving a child up to its grandparent, or a branch under the hub.
        assert_eq!(would_create_cycle(&roles, 5, 2), None);
        assert_eq!(would_create_cycle(&roles, 3, 1), None);
        // A parent that does not exist cannot loop (the workbook refuses it for its own reason).
        assert_eq!(would_create_cycle(&roles, 3, 99), None);
    }

    #[test]
    fn a_loop_already_in_the_file_ends_the_walk() {
        // 7 and 8 point at each other; moving 2 under 7 does not loop through 2.
        let mut roles = chain();
        roles.push(role(7, Some(8), "Loop A"));
        roles.push(role(8, Some(7), "Loop B"));
        assert_eq!(would_create_cycle(&roles, 2, 7), None);
        // But moving 7 under 8 keeps the loop: refused.
        assert!(would_create_cycle(&roles, 7, 8).is_some());
    }
}
