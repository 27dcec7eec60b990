//! Risks the plan itself points at, proposed for the register: each from a rule over plain facts,
//! each with a stable key so that a dismissal or an acceptance is remembered.
//!
//! The rules (a proposal exists only while its cause does):
//! - a role nobody holds (a coverage gap), or a high-criticality role held by one partner (a
//!   single point of failure) → dependency/concentration, linked to the role;
//! - an active partner that failed a selection gate → strategic misalignment, linked to it;
//! - a partner whose check-ins are overdue (`figures::OVERDUE_CHECKINS`: onboarding or active) →
//!   relationship, linked to it;
//! - a protocol sharing confidential or restricted data with no protection measures written → data
//!   privacy;
//! - a high-criticality role whose only holder is still onboarding → adoption, linked to the role
//!   and that partner.
//!
//! - the ecosystem's structure (joint offerings, brokers, rivals): see `structure`.
//!
//! Coverage is read as computed, not as overridden: an override explains a status, it does not
//! remove the dependency, and the user can dismiss the proposal instead.

mod concentration;
mod structure;

use std::collections::HashSet;

use super::coverage::RoleCoverage;
use super::risk::{RiskDraft, category};
use super::roles::Criticality;
use super::words::worded;

pub use structure::{
    BROKERS_SUGGESTED, BrokerFacts, COMPETES_WITH, MemberFacts, OfferingFacts, Rivals, brokers_of,
};

/// The partner stage in which the partnership is live.
pub const ACTIVE_STAGE: &str = "active";
/// The partner stage of a partner still being brought in.
pub const ONBOARDING_STAGE: &str = "onboarding";

/// What the rules need to know about a partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerFacts {
    pub id: i64,
    pub name: String,
    /// A word of the stage list (`active`, `onboarding`…), compared ignoring case.
    pub stage: String,
    /// Failed a pass/fail selection gate.
    pub gated_out: bool,
    /// The next check-in is past due.
    pub checkins_overdue: bool,
}

/// What the rules need to know about a role (the hub left out, as coverage does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFacts {
    pub name: String,
    pub criticality: Criticality,
    pub coverage: RoleCoverage,
}

worded! {
    /// How sensitive shared data is.
    #[derive(Default)]
    pub enum Sensitivity {
        Public => "public",
        /// The schema's default.
        #[default]
        Internal => "internal",
        Confidential => "confidential",
        Restricted => "restricted",
    }
}

/// What the rules need to know about a data-sharing protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolFacts {
    pub id: i64,
    pub data_item: String,
    pub sensitivity: Sensitivity,
    pub protection_measures: String,
}

/// Everything the rules look at.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanFacts<'a> {
    /// Every partner whose stage or name a rule may need, holders of roles included.
    pub partners: &'a [PartnerFacts],
    pub roles: &'a [RoleFacts],
    pub protocols: &'a [ProtocolFacts],
    pub offerings: &'a [OfferingFacts],
    pub brokers: &'a [BrokerFacts],
    pub rivals: &'a [Rivals],
    /// The concentration figures (`plan::concentration`).
    pub concentrations: &'a [crate::plan::concentration::Concentration],
}

/// A risk the plan suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Stable while the cause lasts, e.g. `gap:role:12`: what a dismissal or an accepted risk
    /// remembers.
    pub key: String,
    pub category: &'static str,
    pub title: String,
    /// Why the plan suggests it, as a sentence.
    pub reason: String,
    pub partner_id: Option<i64>,
    pub role_id: Option<i64>,
}

impl Suggestion {
    /// The risk that accepting the suggestion starts from: linked, categorised, its reason as the
    /// cause; the user rates it.
    pub fn draft(&self) -> RiskDraft {
        RiskDraft {
            title: self.title.clone(),
            cause: self.reason.clone(),
            category: self.category.to_string(),
            partner_id: self.partner_id,
            role_id: self.role_id,
            ..RiskDraft::default()
        }
    }
}

/// The suggestions to show: every rule's proposals (roles, then partners, then protocols, then
/// the structure's, each in the order given), less those whose key is `dismissed` or already `accepted` (a risk exists
/// that was created from it).
pub fn suggestions(
    facts: &PlanFacts,
    dismissed: &HashSet<String>,
    accepted: &HashSet<String>,
) -> Vec<Suggestion> {
    let mut all = Vec::new();
    for role in facts.roles {
        all.extend(role_suggestions(role, facts.partners));
    }
    for partner in facts.partners {
        all.extend(partner_suggestions(partner));
    }
    for protocol in facts.protocols {
        all.extend(protocol_suggestion(protocol));
    }
    all.extend(structure::structure_suggestions(
        facts.offerings,
        facts.brokers,
        facts.rivals,
    ));
    all.extend(concentration::concentration_suggestions(
        facts.concentrations,
    ));
    all.retain(|s| !dismissed.contains(&s.key) && !accepted.contains(&s.key));
    all
}

fn in_stage(partner: &PartnerFacts, stage: &str) -> bool {
    partner.stage.trim().eq_ignore_ascii_case(stage)
}

fn role_suggestions(role: &RoleFacts, partners: &[PartnerFacts]) -> Vec<Suggestion> {
    let coverage = &role.coverage;
    let role_id = coverage.role_id;
    let name = &role.name;
    let linked = |key: &str, category, title: String, reason: String, partner_id| Suggestion {
        key: format!("{key}:role:{role_id}"),
        category,
        title,
        reason,
        partner_id,
        role_id: Some(role_id),
    };
    let mut found = Vec::new();
    if coverage.gap {
        found.push(linked(
            "gap",
            category::DEPENDENCY,
            format!("No partner holds {name}"),
            format!(
                "Nobody leads or backs up the role \"{name}\", so the ecosystem depends on a \
                 partner it does not have yet."
            ),
            None,
        ));
    }
    let only_holder = (coverage.holders() == 1)
        .then(|| coverage.leads.first().or(coverage.backups.first()))
        .flatten()
        .copied();
    let Some(holder_id) = only_holder else {
        return found;
    };
    let holder = partners.iter().find(|p| p.id == holder_id);
    let holder_name = holder.map_or_else(|| format!("partner {holder_id}"), |p| p.name.clone());
    if coverage.single_point {
        found.push(linked(
            "single-point",
            category::DEPENDENCY,
            format!("{name} rests on one partner"),
            format!(
                "\"{name}\" is a high-criticality role and only {holder_name} holds it; if they \
                 falter, nobody is ready to take over."
            ),
            None,
        ));
    }
    let onboarding = holder.is_some_and(|p| in_stage(p, ONBOARDING_STAGE));
    if role.criticality == Criticality::High && onboarding {
        found.push(linked(
            "onboarding-only",
            category::ADOPTION,
            format!("{name} depends on a partner still onboarding"),
            format!(
                "\"{name}\" is a high-criticality role and its only partner, {holder_name}, is \
                 still onboarding; the role is not really filled until they are up and running."
            ),
            Some(holder_id),
        ));
    }
    found
}

fn partner_suggestions(partner: &PartnerFacts) -> Vec<Suggestion> {
    let PartnerFacts { id, name, .. } = partner;
    let linked = |key: &str, category, title: String, reason: String| Suggestion {
        key: format!("{key}:partner:{id}"),
        category,
        title,
        reason,
        partner_id: Some(*id),
        role_id: None,
    };
    let mut found = Vec::new();
    if partner.gated_out && in_stage(partner, ACTIVE_STAGE) {
        found.push(linked(
            "gated-out",
            category::STRATEGIC_MISALIGNMENT,
            format!("{name} failed a selection gate"),
            format!(
                "{name} is active although it failed a pass/fail selection gate; its aims may \
                 pull away from the ecosystem's."
            ),
        ));
    }
    // Overdue as `figures::OVERDUE_CHECKINS` counts it (the workbook computes the flag), so the
    // suggestions and the roster's count name the same partners.
    if partner.checkins_overdue {
        found.push(linked(
            "checkins-overdue",
            category::RELATIONSHIP,
            format!("Check-ins with {name} have lapsed"),
            format!(
                "{name} is {} but its check-ins are overdue; a partnership nobody tends drifts.",
                partner.stage.trim().to_lowercase()
            ),
        ));
    }
    found
}

fn protocol_suggestion(protocol: &ProtocolFacts) -> Option<Suggestion> {
    let sensitive = matches!(
        protocol.sensitivity,
        Sensitivity::Confidential | Sensitivity::Restricted
    );
    if !sensitive || !protocol.protection_measures.trim().is_empty() {
        return None;
    }
    let item = protocol.data_item.trim();
    Some(Suggestion {
        key: format!("unprotected:protocol:{}", protocol.id),
        category: category::DATA_PRIVACY,
        title: format!("{item} shared without protection"),
        reason: format!(
            "\"{item}\" is {} data, yet its sharing protocol writes down no protection measures.",
            protocol.sensitivity.word()
        ),
        partner_id: None,
        role_id: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::coverage::{Assignment, role_coverage};
    use crate::plan::roles::{AssignmentKind, Role, hub, role};

    /// A plan with one cause for every rule, and what each cause is.
    struct Plan {
        partners: Vec<PartnerFacts>,
        roles: Vec<Role>,
        assignments: Vec<Assignment>,
        protocols: Vec<ProtocolFacts>,
    }

    /// An active, tended partner unless `stage` says otherwise (the structure's tests share it).
    pub(super) fn partner(id: i64, name: &str, stage: &str) -> PartnerFacts {
        PartnerFacts {
            id,
            name: name.into(),
            stage: stage.into(),
            gated_out: false,
            checkins_overdue: false,
        }
    }

    fn lead(partner_id: i64, role_id: i64) -> Assignment {
        Assignment {
            partner_id,
            role_id,
            kind: AssignmentKind::Lead,
        }
    }

    fn high(mut role: Role) -> Role {
        role.criticality = Criticality::High;
        role
    }

    fn plan() -> Plan {
        let mut gated = partner(1, "Northwind", "active");
        gated.gated_out = true;
        let mut lapsed = partner(2, "Contoso", "Active");
        lapsed.checkins_overdue = true;
        Plan {
            partners: vec![gated, lapsed, partner(3, "Fabrikam", "onboarding")],
            roles: vec![
                hub(10, "Acme"),
                // 11: nobody holds it. 12: high, one active holder. 13: high, one onboarding.
                role(11, Some(10), "Payments"),
                high(role(12, Some(10), "Hosting")),
                high(role(13, Some(10), "Analytics")),
            ],
            assignments: vec![lead(2, 12), lead(3, 13)],
            protocols: vec![ProtocolFacts {
                id: 7,
                data_item: "Customer records".into(),
                sensitivity: Sensitivity::Restricted,
                protection_measures: "  ".into(),
            }],
        }
    }

    fn shown(plan: &Plan, dismissed: &[&str], accepted: &[&str]) -> Vec<Suggestion> {
        let roles: Vec<RoleFacts> = role_coverage(&plan.roles, &plan.assignments)
            .into_iter()
            .map(|coverage| {
                let role = plan
                    .roles
                    .iter()
                    .find(|r| r.id == coverage.role_id)
                    .unwrap();
                RoleFacts {
                    name: role.name.clone(),
                    criticality: role.criticality,
                    coverage,
                }
            })
            .collect();
        let facts = PlanFacts {
            partners: &plan.partners,
            roles: &roles,
            protocols: &plan.protocols,
            ..PlanFacts::default()
        };
        let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect();
        suggestions(&facts, &set(dismissed), &set(accepted))
    }

    fn keys(plan: &Plan, dismissed: &[&str], accepted: &[&str]) -> Vec<String> {
        shown(plan, dismissed, accepted)
            .into_iter()
            .map(|s| s.key)
            .collect()
    }

    const ALL_KEYS: [&str; 7] = [
        "gap:role:11",
        "single-point:role:12",
        "single-point:role:13",
        "onboarding-only:role:13",
        "gated-out:partner:1",
        "checkins-overdue:partner:2",
        "unprotected:protocol:7",
    ];

    #[test]
    fn every_rule_proposes_its_risk() {
        assert_eq!(keys(&plan(), &[], &[]), ALL_KEYS);
        // key, category, (role, partner) linked, a phrase of the reason.
        let expected = [
            (
                "gap:role:11",
                "dependency/concentration",
                (Some(11), None),
                "\"Payments\"",
            ),
            (
                "single-point:role:12",
                "dependency/concentration",
                (Some(12), None),
                "only Contoso holds it",
            ),
            (
                "single-point:role:13",
                "dependency/concentration",
                (Some(13), None),
                "only Fabrikam",
            ),
            (
                "onboarding-only:role:13",
                "adoption",
                (Some(13), Some(3)),
                "Fabrikam, is still onboarding",
            ),
            (
                "gated-out:partner:1",
                "strategic misalignment",
                (None, Some(1)),
                "Northwind is active",
            ),
            (
                "checkins-overdue:partner:2",
                "relationship",
                (None, Some(2)),
                "Contoso is active",
            ),
            (
                "unprotected:protocol:7",
                "data privacy",
                (None, None),
                "restricted data",
            ),
        ];
        let shown = shown(&plan(), &[], &[]);
        for ((key, category, linked, phrase), s) in expected.into_iter().zip(&shown) {
            assert_eq!(s.key, key);
            assert_eq!(s.category, category, "{key}");
            assert_eq!((s.role_id, s.partner_id), linked, "{key}");
            assert!(s.reason.contains(phrase), "{key}: {}", s.reason);
            assert!(!s.title.is_empty(), "{key}");
        }
        assert_eq!(shown[5].title, "Check-ins with Contoso have lapsed");
    }

    /// Overdue check-ins are suggested for every partner the roster counts as overdue (an
    /// onboarding one too), while a failed gate matters only for an active partner.
    #[test]
    fn an_onboarding_partner_with_lapsed_check_ins_is_suggested_too() {
        let mut onboarding = partner(4, "Tailspin", "onboarding");
        onboarding.checkins_overdue = true;
        onboarding.gated_out = true;
        let found = partner_suggestions(&onboarding);
        let keys: Vec<&str> = found.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["checkins-overdue:partner:4"]);
        assert!(found[0].reason.starts_with("Tailspin is onboarding but"));
    }

    /// A change to the plan.
    type Fix = fn(&mut Plan);

    /// Each rule's key, and a change to the plan that removes its cause.
    fn fixes() -> Vec<(&'static str, Fix)> {
        vec![
            ("gap:role:11", |p| p.assignments.push(lead(1, 11))),
            ("single-point:role:12", |p| p.assignments.push(lead(1, 12))),
            ("onboarding-only:role:13", |p| {
                p.partners[2].stage = "active".into()
            }),
            ("gated-out:partner:1", |p| p.partners[0].gated_out = false),
            ("gated-out:partner:1", |p| {
                p.partners[0].stage = "paused".into()
            }),
            ("checkins-overdue:partner:2", |p| {
                p.partners[1].checkins_overdue = false
            }),
            ("unprotected:protocol:7", |p| {
                p.protocols[0].protection_measures = "encrypted at rest".into()
            }),
            ("unprotected:protocol:7", |p| {
                p.protocols[0].sensitivity = Sensitivity::Internal
            }),
        ]
    }

    #[test]
    fn a_proposal_goes_away_when_its_cause_is_fixed() {
        for (key, fix) in fixes() {
            let mut plan = plan();
            fix(&mut plan);
            let left = keys(&plan, &[], &[]);
            assert!(!left.contains(&key.to_string()), "{key}: {left:?}");
            // Only that proposal goes (a fix can remove a second cause, as holding role 13 does).
            assert!(left.len() >= ALL_KEYS.len() - 2, "{key}: {left:?}");
        }
        // A backup fills the gap as well as a lead; a candidate does not.
        let mut p = plan();
        p.assignments.push(Assignment {
            partner_id: 1,
            role_id: 11,
            kind: AssignmentKind::Candidate,
        });
        assert!(keys(&p, &[], &[]).contains(&"gap:role:11".to_string()));
    }

    #[test]
    fn dismissed_and_accepted_proposals_stay_away() {
        for key in ALL_KEYS {
            let after_dismissal = keys(&plan(), &[key], &[]);
            assert!(!after_dismissal.contains(&key.to_string()), "{key}");
            assert_eq!(after_dismissal.len(), ALL_KEYS.len() - 1);
            let after_acceptance = keys(&plan(), &[], &[key]);
            assert!(!after_acceptance.contains(&key.to_string()), "{key}");
            assert_eq!(after_acceptance.len(), ALL_KEYS.len() - 1);
        }
        // A dismissal of another role's gap does not hide this one.
        assert!(keys(&plan(), &["gap:role:12"], &[]).contains(&"gap:role:11".to_string()));
    }

    #[test]
    fn accepting_starts_a_linked_draft_with_the_reason() {
        let adoption = shown(&plan(), &[], &[])
            .into_iter()
            .find(|s| s.key == "onboarding-only:role:13")
            .unwrap();
        let draft = adoption.draft();
        assert_eq!(draft.title, adoption.title);
        assert_eq!(draft.cause, adoption.reason);
        assert_eq!(draft.category, "adoption");
        assert_eq!((draft.partner_id, draft.role_id), (Some(3), Some(13)));
        assert_eq!(draft.inherent(), None);
    }

    #[test]
    fn sensitivity_words_read_back() {
        for s in Sensitivity::ALL {
            assert_eq!(Sensitivity::from_word(s.word()), Some(s));
        }
        assert_eq!(Sensitivity::default(), Sensitivity::Internal);
    }
}
