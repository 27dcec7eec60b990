//! "What if these partners leave?": the plan as it stands beside the plan without them — roles
//! that lose coverage or become a single point of failure, offerings that lose a contribution
//! (a critical one above all), and the returns at stake — worked out without touching the plan.

pub mod compare;
pub mod events;

use std::collections::BTreeSet;

use super::coverage::{Assignment, RoleCoverage, role_coverage};
use super::figures::share_percent;
use super::roles::{Criticality, Role, RoleStatus};

/// One member of an offering as the scenario needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub offering: String,
    pub partner: Option<i64>,
    pub contribution: String,
    pub critical: bool,
}

/// A role whose coverage the scenario worsens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleImpact {
    pub role: String,
    pub criticality: Criticality,
    pub before: RoleStatus,
    pub after: RoleStatus,
    /// Nobody would hold it.
    pub gap: bool,
    /// One partner would hold a critical role alone.
    pub single_point: bool,
    /// The leaving partners led it.
    pub led_by_leavers: bool,
}

/// An offering that loses contributions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingImpact {
    pub offering: String,
    /// What the leaving partners contributed, as written.
    pub lost: Vec<String>,
    pub critical: bool,
}

/// What the scenario changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WhatIf {
    pub returns_at_stake: i64,
    pub returns_total: i64,
    pub roles: Vec<RoleImpact>,
    pub offerings: Vec<OfferingImpact>,
    /// Live KPIs whose value would move (`events::with_events`; empty from `what_if` alone).
    pub kpis: Vec<events::KpiMove>,
    /// Open risks that would rise: they name a partner that goes or a role that weakens.
    pub risks: Vec<events::RiskLink>,
}

/// The plan without the partners in `leaving`: roles compared by the coverage rule the Roles
/// tab uses, offerings by their members, returns by the value log's money (`returns`: partner,
/// amount, as summed over the period asked about).
pub fn what_if(
    leaving: &BTreeSet<i64>,
    roles: &[Role],
    assignments: &[Assignment],
    contributions: &[Contribution],
    returns: &[(Option<i64>, i64)],
) -> WhatIf {
    let (now, then) = coverage_without(leaving, roles, assignments);
    let role_of = |id: i64| roles.iter().find(|r| r.id == id);
    let mut role_impacts = Vec::new();
    for (before, after) in now.iter().zip(&then) {
        let worse = rank(after.computed) > rank(before.computed)
            || (after.single_point && !before.single_point)
            || (after.gap && !before.gap);
        if !worse {
            continue;
        }
        let Some(role) = role_of(before.role_id) else {
            continue;
        };
        role_impacts.push(RoleImpact {
            role: role.name.clone(),
            criticality: role.criticality,
            before: before.computed,
            after: after.computed,
            gap: after.gap,
            single_point: after.single_point,
            led_by_leavers: before.leads.iter().any(|p| leaving.contains(p)),
        });
    }
    // The most critical first, then the worst outcome, then by name.
    role_impacts.sort_by(|a, b| {
        b.criticality
            .cmp(&a.criticality)
            .then(rank(b.after).cmp(&rank(a.after)))
            .then(a.role.cmp(&b.role))
    });

    let mut offerings: Vec<OfferingImpact> = Vec::new();
    for c in contributions {
        if !c.partner.is_some_and(|p| leaving.contains(&p)) {
            continue;
        }
        let lost = if c.contribution.trim().is_empty() {
            "an unnamed contribution".to_string()
        } else {
            c.contribution.trim().to_string()
        };
        match offerings.iter_mut().find(|o| o.offering == c.offering) {
            Some(o) => {
                o.lost.push(lost);
                o.critical |= c.critical;
            }
            None => offerings.push(OfferingImpact {
                offering: c.offering.clone(),
                lost: vec![lost],
                critical: c.critical,
            }),
        }
    }
    offerings.sort_by(|a, b| {
        b.critical
            .cmp(&a.critical)
            .then(a.offering.cmp(&b.offering))
    });

    let positive = |amount: i64| amount.max(0);
    WhatIf {
        returns_at_stake: returns
            .iter()
            .filter(|(p, _)| p.is_some_and(|p| leaving.contains(&p)))
            .map(|&(_, a)| positive(a))
            .sum(),
        returns_total: returns.iter().map(|&(_, a)| positive(a)).sum(),
        roles: role_impacts,
        offerings,
        kpis: Vec::new(),
        risks: Vec::new(),
    }
}

/// Every role's coverage now, and without the partners in `leaving` (in the same order).
fn coverage_without(
    leaving: &BTreeSet<i64>,
    roles: &[Role],
    assignments: &[Assignment],
) -> (Vec<RoleCoverage>, Vec<RoleCoverage>) {
    let staying: Vec<Assignment> = assignments
        .iter()
        .filter(|a| !leaving.contains(&a.partner_id))
        .copied()
        .collect();
    (
        role_coverage(roles, assignments),
        role_coverage(roles, &staying),
    )
}

/// How bad a status is: in place, at risk, missing.
fn rank(status: RoleStatus) -> u8 {
    match status {
        RoleStatus::InPlace => 0,
        RoleStatus::AtRisk => 1,
        RoleStatus::Missing => 2,
    }
}

impl WhatIf {
    /// The share of returns at stake, rounded down; `None` with no returns logged.
    pub fn percent_at_stake(&self) -> Option<u8> {
        share_percent(
            usize::try_from(self.returns_at_stake).unwrap_or(0),
            usize::try_from(self.returns_total).unwrap_or(0),
        )
    }

    /// Nothing in the plan would change.
    pub fn is_harmless(&self) -> bool {
        self.returns_at_stake == 0
            && self.roles.is_empty()
            && self.offerings.is_empty()
            && self.kpis.is_empty()
            && self.risks.is_empty()
    }

    /// One sentence: "If Ostrander exits: 73 % of returns and the only lead for Resellers at
    /// risk." `who` names the leaving partners, `exits` agrees with it ("exits" / "exit").
    pub fn headline(&self, who: &str, exits: &str) -> String {
        self.headline_of(&format!("{who} {exits}"))
    }

    /// One sentence for a scenario told in `story` ("Ostrander exits and Pylon is delayed by 6
    /// months"): "If {story}: … at risk."
    pub fn headline_of(&self, story: &str) -> String {
        let mut parts = Vec::new();
        if let Some(percent) = self.percent_at_stake().filter(|&p| p > 0) {
            parts.push(format!("{percent} % of returns"));
        } else if self.returns_at_stake > 0 {
            parts.push("less than 1 % of returns".to_string());
        }
        let gaps: Vec<&str> = self
            .roles
            .iter()
            .filter(|r| r.gap && r.led_by_leavers)
            .map(|r| r.role.as_str())
            .collect();
        if let Some(role) = gaps.first() {
            let more = if gaps.len() > 1 {
                format!(" (and {} more roles)", gaps.len() - 1)
            } else {
                String::new()
            };
            parts.push(format!("the only lead for {role}{more}"));
        }
        let others = self.roles.len() - gaps.len().min(self.roles.len());
        if others > 0 {
            parts.push(format!(
                "the coverage of {others}{} {}",
                if gaps.is_empty() { "" } else { " more" },
                if others == 1 { "role" } else { "roles" }
            ));
        }
        let critical = self.offerings.iter().filter(|o| o.critical).count();
        if critical > 0 {
            parts.push(format!(
                "a critical contribution to {critical} {}",
                if critical == 1 {
                    "offering"
                } else {
                    "offerings"
                }
            ));
        }
        if parts.is_empty() {
            return format!("If {story}: nothing in the plan depends on it.");
        }
        let list = match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => parts.concat(),
        };
        format!("If {story}: {list} at risk.")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plan::roles::AssignmentKind;

    pub(crate) fn role(id: i64, name: &str, criticality: Criticality) -> Role {
        Role {
            id,
            parent_id: Some(1),
            is_hub: false,
            name: name.into(),
            criticality,
            min_partners: 1,
            status_override: None,
            status_reason: String::new(),
            position: id,
        }
    }

    pub(crate) fn lead(partner_id: i64, role_id: i64) -> Assignment {
        Assignment {
            partner_id,
            role_id,
            kind: AssignmentKind::Lead,
        }
    }

    fn leaving(ids: &[i64]) -> BTreeSet<i64> {
        ids.iter().copied().collect()
    }

    #[test]
    fn the_only_lead_leaving_opens_a_gap_and_a_second_lead_keeps_the_role() {
        let roles = [
            role(2, "Resellers", Criticality::High),
            role(3, "Logistics", Criticality::High),
            role(4, "Marketing", Criticality::Low),
        ];
        // Resellers: partner 10 alone. Logistics: 10 and 11 (a single point once 10 leaves).
        // Marketing: 11 alone, untouched.
        let assignments = [lead(10, 2), lead(10, 3), lead(11, 3), lead(11, 4)];
        let w = what_if(&leaving(&[10]), &roles, &assignments, &[], &[]);
        assert_eq!(w.roles.len(), 2);
        assert_eq!(w.roles[0].role, "Resellers", "the worse outcome first");
        assert!(w.roles[0].gap && w.roles[0].led_by_leavers);
        assert_eq!(w.roles[0].after, RoleStatus::Missing);
        assert_eq!(w.roles[1].role, "Logistics");
        assert!(w.roles[1].single_point && !w.roles[1].gap);
        assert_eq!(w.roles[1].before, RoleStatus::InPlace);
        assert_eq!(w.roles[1].after, RoleStatus::AtRisk);
    }

    #[test]
    fn returns_at_stake_and_the_headline_by_hand() {
        let roles = [role(2, "Resellers", Criticality::High)];
        let returns = [(Some(10), 223), (Some(11), 50), (None, 32), (Some(10), -5)];
        let contributions = [
            Contribution {
                offering: "Rural delivery".into(),
                partner: Some(10),
                contribution: "warehouses".into(),
                critical: true,
            },
            Contribution {
                offering: "Rural delivery".into(),
                partner: Some(11),
                contribution: "software".into(),
                critical: true,
            },
        ];
        let w = what_if(
            &leaving(&[10]),
            &roles,
            &[lead(10, 2)],
            &contributions,
            &returns,
        );
        assert_eq!(w.returns_at_stake, 223, "a refund stakes nothing");
        assert_eq!(w.returns_total, 305);
        assert_eq!(w.percent_at_stake(), Some(73));
        assert_eq!(w.offerings.len(), 1);
        assert_eq!(w.offerings[0].lost, ["warehouses"]);
        assert_eq!(
            w.headline("Ostrander", "exits"),
            "If Ostrander exits: 73 % of returns, the only lead for Resellers and a critical \
             contribution to 1 offering at risk."
        );
    }

    #[test]
    fn a_partner_nothing_depends_on_changes_nothing() {
        let roles = [role(2, "Resellers", Criticality::High)];
        let w = what_if(
            &leaving(&[99]),
            &roles,
            &[lead(10, 2), lead(11, 2)],
            &[],
            &[(Some(10), 100)],
        );
        assert!(w.is_harmless());
        assert_eq!(
            w.headline("Quill", "exits"),
            "If Quill exits: nothing in the plan depends on it."
        );
    }
}
