//! Role coverage: who holds each role, the gaps and weak spots, each role's status, overloaded
//! partners, and the summary line and coverage share the Roles tab, Guide and Overview show.
//!
//! The rules:
//! - The hub is the user's own organisation, not a role to fill: it is left out of every count
//!   here, and leading it does not count toward a partner's load.
//! - Leads and backups *hold* a role; candidates are listed but fill nothing.
//! - **gap**: nobody holds the role. **under minimum**: fewer holders than the role's minimum.
//!   **single point of failure**: a high-criticality role held by exactly one partner.
//! - Computed status: missing on a gap; at risk when under minimum or a single point of failure;
//!   otherwise in place. An override replaces it (with the user's reason); the effective status
//!   is what counts everywhere else, the coverage share included.
//! - **overloaded**: a partner leading more non-hub roles than the threshold (from config).
//! - The caller passes the assignments that should count (e.g. without exited partners).

use std::collections::{BTreeMap, HashMap};

use super::numbers::count_of;
use super::roles::{AssignmentKind, Criticality, Role, RoleStatus};

/// One partner's part in one role (a row of `role_assignments`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub partner_id: i64,
    pub role_id: i64,
    pub kind: AssignmentKind,
}

/// Who fills one role, and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCoverage {
    pub role_id: i64,
    /// Partner ids, ascending.
    pub leads: Vec<i64>,
    pub backups: Vec<i64>,
    pub candidates: Vec<i64>,
    pub gap: bool,
    pub under_minimum: bool,
    pub single_point: bool,
    /// The status the rules give.
    pub computed: RoleStatus,
    /// The status that counts: the override when there is one, else the computed one.
    pub effective: RoleStatus,
    /// The user's reason, when the status is overridden.
    pub override_reason: Option<String>,
}

impl RoleCoverage {
    /// Leads and backups: the partners who actually hold the role.
    pub fn holders(&self) -> usize {
        self.leads.len() + self.backups.len()
    }

    pub fn is_overridden(&self) -> bool {
        self.override_reason.is_some()
    }
}

/// The status the rules give: missing on a gap, at risk when under minimum or a single point of
/// failure, otherwise in place.
pub fn computed_status(gap: bool, under_minimum: bool, single_point: bool) -> RoleStatus {
    if gap {
        RoleStatus::Missing
    } else if under_minimum || single_point {
        RoleStatus::AtRisk
    } else {
        RoleStatus::InPlace
    }
}

/// A role's weak spots when `holders` partners (leads and backups) hold it: (gap, under
/// minimum, single point of failure). The Overview counts holders in SQL and asks this alone.
pub fn weak_spots(role: &Role, holders: usize) -> (bool, bool, bool) {
    let gap = holders == 0;
    let under_minimum = i64::try_from(holders).unwrap_or(i64::MAX) < role.min_partners;
    let single_point = role.criticality == Criticality::High && holders == 1;
    (gap, under_minimum, single_point)
}

/// Coverage of every role but the hub, in the order of `roles`. Assignments to roles not in
/// `roles` (or to the hub) are ignored.
pub fn role_coverage(roles: &[Role], assignments: &[Assignment]) -> Vec<RoleCoverage> {
    let mut held: HashMap<i64, [Vec<i64>; 3]> = roles
        .iter()
        .filter(|r| !r.is_hub)
        .map(|r| (r.id, Default::default()))
        .collect();
    for a in assignments {
        if let Some(lists) = held.get_mut(&a.role_id) {
            let slot = match a.kind {
                AssignmentKind::Lead => 0,
                AssignmentKind::Backup => 1,
                AssignmentKind::Candidate => 2,
            };
            lists[slot].push(a.partner_id);
        }
    }
    roles
        .iter()
        .filter(|r| !r.is_hub)
        .map(|role| {
            let [mut leads, mut backups, mut candidates] =
                held.remove(&role.id).unwrap_or_default();
            for list in [&mut leads, &mut backups, &mut candidates] {
                list.sort_unstable();
                list.dedup();
            }
            let (gap, under_minimum, single_point) = weak_spots(role, leads.len() + backups.len());
            let computed = computed_status(gap, under_minimum, single_point);
            RoleCoverage {
                role_id: role.id,
                gap,
                under_minimum,
                single_point,
                computed,
                effective: role.status_override.unwrap_or(computed),
                override_reason: role
                    .status_override
                    .map(|_| role.status_reason.trim().to_string()),
                leads,
                backups,
                candidates,
            }
        })
        .collect()
}

/// A partner leading more roles than the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverloadedPartner {
    pub partner_id: i64,
    /// How many non-hub roles the partner leads.
    pub leads: usize,
}

/// Partners leading more than `threshold` non-hub roles, most loaded first (then by id). A
/// threshold below zero counts as zero.
pub fn overloaded_partners(
    roles: &[Role],
    assignments: &[Assignment],
    threshold: i64,
) -> Vec<OverloadedPartner> {
    let counted: std::collections::HashSet<i64> =
        roles.iter().filter(|r| !r.is_hub).map(|r| r.id).collect();
    let mut leads: BTreeMap<i64, std::collections::BTreeSet<i64>> = BTreeMap::new();
    for a in assignments {
        if a.kind == AssignmentKind::Lead && counted.contains(&a.role_id) {
            leads.entry(a.partner_id).or_default().insert(a.role_id);
        }
    }
    let mut overloaded: Vec<OverloadedPartner> = leads
        .into_iter()
        .filter(|(_, roles)| is_overloaded(roles.len(), threshold))
        .map(|(partner_id, roles)| OverloadedPartner {
            partner_id,
            leads: roles.len(),
        })
        .collect();
    rank_overloaded(&mut overloaded);
    overloaded
}

/// Whether leading `leads` non-hub roles is more than `threshold` (below zero counts as zero).
pub fn is_overloaded(leads: usize, threshold: i64) -> bool {
    leads > usize::try_from(threshold).unwrap_or(0)
}

/// Puts overloaded partners in the order they are listed: most loaded first, then by id.
pub fn rank_overloaded(overloaded: &mut [OverloadedPartner]) {
    overloaded.sort_by_key(|p| (std::cmp::Reverse(p.leads), p.partner_id));
}

/// The counts behind the coverage summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoverageSummary {
    /// Roles other than the hub.
    pub roles: usize,
    pub gaps: usize,
    pub under_minimum: usize,
    pub single_points: usize,
    pub overloaded_partners: usize,
    /// By effective status.
    pub in_place: usize,
    pub at_risk: usize,
    pub missing: usize,
}

impl CoverageSummary {
    pub fn new(coverage: &[RoleCoverage], overloaded: &[OverloadedPartner]) -> CoverageSummary {
        CoverageSummary::of(coverage, overloaded)
    }

    /// The same from coverage held anywhere (e.g. the values of a map), in any order.
    pub fn of<'a>(
        coverage: impl IntoIterator<Item = &'a RoleCoverage>,
        overloaded: &[OverloadedPartner],
    ) -> CoverageSummary {
        let mut summary = CoverageSummary {
            overloaded_partners: overloaded.len(),
            ..CoverageSummary::default()
        };
        for c in coverage {
            summary.roles += 1;
            summary.gaps += usize::from(c.gap);
            summary.under_minimum += usize::from(c.under_minimum);
            summary.single_points += usize::from(c.single_point);
            match c.effective {
                RoleStatus::InPlace => summary.in_place += 1,
                RoleStatus::AtRisk => summary.at_risk += 1,
                RoleStatus::Missing => summary.missing += 1,
            }
        }
        summary
    }

    /// "31 roles · 4 gaps · 2 single points · 1 overloaded partner".
    pub fn line(&self) -> String {
        [
            count_of(self.roles, "role", "roles"),
            count_of(self.gaps, "gap", "gaps"),
            count_of(self.single_points, "single point", "single points"),
            count_of(
                self.overloaded_partners,
                "overloaded partner",
                "overloaded partners",
            ),
        ]
        .join(" · ")
    }

    /// `figures::ROLE_COVERAGE`: the share of non-hub roles in place (effective status), 0–100
    /// rounded down so that 100 means every role; `None` when there are no roles to cover.
    pub fn percent_in_place(&self) -> Option<u8> {
        super::figures::share_percent(self.in_place, self.roles)
    }
}

#[cfg(test)]
mod tests {
    use super::super::roles::{hub, role};
    use super::*;
    use AssignmentKind::{Backup, Candidate, Lead};

    fn give(partner_id: i64, role_id: i64, kind: AssignmentKind) -> Assignment {
        Assignment {
            partner_id,
            role_id,
            kind,
        }
    }

    fn needing(id: i64, criticality: Criticality, min_partners: i64) -> Role {
        Role {
            criticality,
            min_partners,
            ..role(id, Some(1), &format!("role {id}"))
        }
    }

    fn one(role: Role, assignments: &[Assignment]) -> RoleCoverage {
        let mut all = role_coverage(&[hub(1, "Acme"), role], assignments);
        assert_eq!(all.len(), 1, "the hub is left out");
        all.remove(0)
    }

    #[test]
    fn a_role_with_only_candidates_is_a_gap_and_missing() {
        let c = one(
            needing(2, Criticality::Low, 1),
            &[give(10, 2, Candidate), give(11, 2, Candidate)],
        );
        assert!(c.gap && c.under_minimum && !c.single_point);
        assert_eq!(c.candidates, [10, 11]);
        assert_eq!(c.holders(), 0);
        assert_eq!(c.computed, RoleStatus::Missing);
        assert_eq!(c.effective, RoleStatus::Missing);
    }

    #[test]
    fn a_backup_alone_fills_the_role() {
        let c = one(needing(2, Criticality::Medium, 1), &[give(10, 2, Backup)]);
        assert!(!c.gap && !c.under_minimum && !c.single_point);
        assert_eq!(c.computed, RoleStatus::InPlace);
    }

    #[test]
    fn fewer_holders_than_the_minimum_is_at_risk() {
        let role = needing(2, Criticality::Medium, 3);
        let c = one(role.clone(), &[give(10, 2, Lead), give(11, 2, Backup)]);
        assert!(!c.gap && c.under_minimum && !c.single_point);
        assert_eq!(c.computed, RoleStatus::AtRisk);
        let c = one(
            role,
            &[give(10, 2, Lead), give(11, 2, Backup), give(12, 2, Backup)],
        );
        assert!(!c.under_minimum);
        assert_eq!(c.computed, RoleStatus::InPlace);
    }

    #[test]
    fn a_high_role_held_by_one_partner_is_a_single_point() {
        let c = one(needing(2, Criticality::High, 1), &[give(10, 2, Lead)]);
        assert!(!c.gap && !c.under_minimum && c.single_point);
        assert_eq!(c.computed, RoleStatus::AtRisk);
        // Held by two: no longer a single point; a candidate does not help.
        let c = one(
            needing(2, Criticality::High, 1),
            &[give(10, 2, Lead), give(11, 2, Backup)],
        );
        assert!(!c.single_point);
        assert_eq!(c.computed, RoleStatus::InPlace);
        let c = one(
            needing(2, Criticality::High, 1),
            &[give(10, 2, Backup), give(11, 2, Candidate)],
        );
        assert!(c.single_point);
        // Held by nobody: a gap, not a single point.
        let c = one(needing(2, Criticality::High, 1), &[give(10, 2, Candidate)]);
        assert!(c.gap && !c.single_point);
        // Medium with one holder is fine.
        let c = one(needing(2, Criticality::Medium, 1), &[give(10, 2, Lead)]);
        assert!(!c.single_point);
    }

    #[test]
    fn a_minimum_of_zero_still_calls_an_empty_role_a_gap() {
        let c = one(needing(2, Criticality::Low, 0), &[]);
        assert!(c.gap && !c.under_minimum);
        assert_eq!(c.computed, RoleStatus::Missing);
    }

    #[test]
    fn an_override_wins_with_its_reason_and_the_computed_status_stays_visible() {
        let role = Role {
            status_override: Some(RoleStatus::InPlace),
            status_reason: " In-house team covers it until Q3 ".into(),
            ..needing(2, Criticality::High, 1)
        };
        let c = one(role, &[]);
        assert!(c.gap);
        assert_eq!(c.computed, RoleStatus::Missing);
        assert_eq!(c.effective, RoleStatus::InPlace);
        assert!(c.is_overridden());
        assert_eq!(
            c.override_reason.as_deref(),
            Some("In-house team covers it until Q3")
        );
        let plain = one(needing(2, Criticality::High, 1), &[]);
        assert!(!plain.is_overridden());
    }

    #[test]
    fn assignments_to_the_hub_or_unknown_roles_are_ignored() {
        let roles = [hub(1, "Acme"), needing(2, Criticality::Low, 1)];
        let all = role_coverage(&roles, &[give(10, 1, Lead), give(10, 99, Lead)]);
        assert_eq!(all.len(), 1);
        assert!(all[0].gap);
    }

    fn leading(partner: i64, count: i64) -> Vec<Assignment> {
        (0..count).map(|i| give(partner, 100 + i, Lead)).collect()
    }

    fn many_roles() -> Vec<Role> {
        let mut roles = vec![hub(1, "Acme")];
        roles.extend((100..110).map(|id| needing(id, Criticality::Medium, 1)));
        roles
    }

    #[test]
    fn overloaded_means_leading_more_than_the_threshold() {
        let roles = many_roles();
        let mut assignments = leading(10, 3);
        assignments.extend(leading(11, 4));
        assignments.extend(leading(12, 5));
        // Backups and candidates do not load a partner; leading the hub does not either.
        assignments.push(give(10, 105, Backup));
        assignments.push(give(10, 106, Candidate));
        assignments.push(give(10, 1, Lead));
        let over = overloaded_partners(&roles, &assignments, 3);
        assert_eq!(
            over,
            [
                OverloadedPartner {
                    partner_id: 12,
                    leads: 5
                },
                OverloadedPartner {
                    partner_id: 11,
                    leads: 4
                }
            ]
        );
        assert_eq!(overloaded_partners(&roles, &assignments, 4).len(), 1);
        assert_eq!(overloaded_partners(&roles, &assignments, 5).len(), 0);
        assert_eq!(overloaded_partners(&roles, &assignments, 2).len(), 3);
        assert_eq!(overloaded_partners(&roles, &assignments, -1).len(), 3);
        assert_eq!(overloaded_partners(&roles, &[], 0).len(), 0);
    }

    #[test]
    fn the_summary_line_counts_with_the_right_nouns() {
        assert_eq!(
            CoverageSummary::default().line(),
            "0 roles · 0 gaps · 0 single points · 0 overloaded partners"
        );
        let one_each = CoverageSummary {
            roles: 1,
            gaps: 1,
            single_points: 1,
            overloaded_partners: 1,
            ..Default::default()
        };
        assert_eq!(
            one_each.line(),
            "1 role · 1 gap · 1 single point · 1 overloaded partner"
        );
        let many = CoverageSummary {
            roles: 1_031,
            gaps: 4,
            single_points: 2,
            overloaded_partners: 1,
            ..Default::default()
        };
        assert_eq!(
            many.line(),
            "1,031 roles · 4 gaps · 2 single points · 1 overloaded partner"
        );
    }

    #[test]
    fn the_summary_counts_flags_and_effective_statuses() {
        let roles = vec![
            hub(1, "Acme"),
            needing(2, Criticality::High, 1), // one lead: single point, at risk
            needing(3, Criticality::Medium, 2), // one lead: under minimum, at risk
            needing(4, Criticality::Low, 1),  // nobody: gap, missing
            Role {
                status_override: Some(RoleStatus::InPlace),
                ..needing(5, Criticality::Low, 1) // nobody, but overridden in place
            },
            needing(6, Criticality::Low, 1), // in place
        ];
        let assignments = [give(10, 2, Lead), give(10, 3, Lead), give(11, 6, Lead)];
        let coverage = role_coverage(&roles, &assignments);
        let over = overloaded_partners(&roles, &assignments, 1);
        let summary = CoverageSummary::new(&coverage, &over);
        assert_eq!(
            summary,
            CoverageSummary {
                roles: 5,
                gaps: 2,
                under_minimum: 3,
                single_points: 1,
                overloaded_partners: 1,
                in_place: 2,
                at_risk: 2,
                missing: 1,
            }
        );
        assert_eq!(summary.percent_in_place(), Some(40));
    }

    #[test]
    fn coverage_share_needs_roles_and_rounds_down() {
        assert_eq!(CoverageSummary::default().percent_in_place(), None);
        let nearly = CoverageSummary {
            roles: 3,
            in_place: 2,
            ..Default::default()
        };
        assert_eq!(nearly.percent_in_place(), Some(66));
        let all = CoverageSummary {
            roles: 3,
            in_place: 3,
            ..Default::default()
        };
        assert_eq!(all.percent_in_place(), Some(100));
        // Only the hub: nothing to cover.
        let hub_only = role_coverage(&[hub(1, "Acme")], &[]);
        assert_eq!(
            CoverageSummary::new(&hub_only, &[]).percent_in_place(),
            None
        );
    }
}
