//! Risks the ecosystem's structure points at: joint offerings resting on one source or on a
//! partner not ready, brokers whose exit would split the network, and rivals in one offering.
//!
//! The rules (offerings that are retired are left out):
//! - an offering whose critical contribution comes from one partner only: a critical partner
//!   member whose kind of contribution (or, without a kind, its contribution) no other member of
//!   the offering brings, the hub included → dependency, one suggestion per offering naming them;
//! - a critical contribution from a partner that failed a selection gate (strategic
//!   misalignment) or is still onboarding (adoption), one per offering and partner;
//! - a broker: a partner whose exit would cut at least `BROKER_MIN_CUT_OFF` others off from the
//!   rest of the network, naming who → dependency, for the `BROKERS_SUGGESTED` brokers cutting
//!   off most (a partner that is the only link of one other is common in a young network, and
//!   the Ecosystem view lists every broker);
//! - a `competes with` link (not ended) between two members of one offering → relationship.

use super::{PartnerFacts, Suggestion, in_stage};
use crate::plan::network::Network;
use crate::plan::network_names::Names;
use crate::plan::risk::category;

/// The kind of link that makes two partners rivals.
pub const COMPETES_WITH: &str = "competes with";
/// How many brokers, most cutting off first, become suggestions: beyond these, the Ecosystem
/// view lists them.
pub const BROKERS_SUGGESTED: usize = 10;
/// How many partners a broker must cut off to become a suggestion.
pub const BROKER_MIN_CUT_OFF: usize = 2;
/// How many cut-off partners a broker's reason names.
const CUT_OFF_NAMED: usize = 5;

/// One seat in an offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    /// `None` is the hub.
    pub partner: Option<PartnerFacts>,
    pub contribution: String,
    /// A word of the contribution kinds (software, hardware…), or empty.
    pub kind: String,
    pub critical: bool,
}

/// What the rules need to know about a joint offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingFacts {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub members: Vec<MemberFacts>,
}

/// A partner whose exit would cut others off, by id and name, with whom it would cut off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerFacts {
    pub partner_id: i64,
    pub name: String,
    /// How many partners would lose their way to the rest.
    pub cut_off: usize,
    /// Their names, at most `CUT_OFF_NAMED`, sorted.
    pub cut_off_names: Vec<String>,
}

/// Two partners linked by a `competes with` link that has not ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rivals {
    pub from: i64,
    pub to: i64,
}

/// The `top` brokers of `network` (most cut off first), whose partner `i` is the workbook's
/// partner `ids[i]` called `names[i]`.
pub fn brokers_of(network: &Network, ids: &[i64], names: &Names, top: usize) -> Vec<BrokerFacts> {
    let name = |i: usize| names.get(i).unwrap_or_default().to_string();
    network
        .brokers()
        .into_iter()
        .take(top)
        .filter_map(|b| {
            let mut cut: Vec<String> = network
                .cut_off_by(b.partner)
                .into_iter()
                .flatten()
                .map(name)
                .collect();
            cut.sort();
            cut.truncate(CUT_OFF_NAMED);
            Some(BrokerFacts {
                partner_id: *ids.get(b.partner)?,
                name: name(b.partner),
                cut_off: b.cut_off,
                cut_off_names: cut,
            })
        })
        .collect()
}

/// Every structural suggestion: offerings in the order given, then brokers, then rivals.
pub fn structure_suggestions(
    offerings: &[OfferingFacts],
    brokers: &[BrokerFacts],
    rivals: &[Rivals],
) -> Vec<Suggestion> {
    let live: Vec<&OfferingFacts> = offerings
        .iter()
        .filter(|o| !o.status.trim().eq_ignore_ascii_case("retired"))
        .collect();
    let mut found = Vec::new();
    for offering in &live {
        found.extend(single_source(offering));
        found.extend(not_ready(offering));
    }
    found.extend(
        brokers
            .iter()
            .filter(|b| b.cut_off >= BROKER_MIN_CUT_OFF)
            .map(broker),
    );
    for pair in rivals {
        for offering in &live {
            found.extend(rivals_in(offering, *pair));
        }
    }
    // Two links between the same rivals (one each way) are one suggestion.
    let mut seen = std::collections::HashSet::new();
    found.retain(|s| seen.insert(s.key.clone()));
    found
}

/// What a member brings, as compared: its kind, else its contribution; lower case.
fn brings(member: &MemberFacts) -> String {
    let kind = member.kind.trim();
    let what = if kind.is_empty() {
        member.contribution.trim()
    } else {
        kind
    };
    what.to_lowercase()
}

/// "A", "A and B", "A, B and C".
fn listed(items: &[String]) -> String {
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn single_source(offering: &OfferingFacts) -> Option<Suggestion> {
    let mut sole: Vec<(&PartnerFacts, String)> = Vec::new();
    for (i, member) in offering.members.iter().enumerate() {
        let (Some(partner), true) = (&member.partner, member.critical) else {
            continue;
        };
        let what = brings(member);
        let second_source = offering
            .members
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && !what.is_empty() && brings(other) == what);
        if !second_source {
            sole.push((partner, what));
        }
    }
    let (first, _) = sole.first()?;
    let name = &offering.name;
    let who: Vec<String> = sole
        .iter()
        .map(|(p, what)| match what.as_str() {
            "" => p.name.clone(),
            what => format!("{} ({what})", p.name),
        })
        .collect();
    let (title, partner_id) = match sole.as_slice() {
        [(only, _)] => (
            format!("{name} rests on {} alone", only.name),
            Some(first.id),
        ),
        _ => (format!("{name} rests on single partners"), None),
    };
    Some(Suggestion {
        key: format!("single-source:offering:{}", offering.id),
        category: category::DEPENDENCY,
        title,
        reason: format!(
            "The joint offering \"{name}\" has critical contributions that one partner alone \
             brings, with no other member able to stand in: {}.",
            listed(&who)
        ),
        partner_id,
        role_id: None,
    })
}

fn not_ready(offering: &OfferingFacts) -> Vec<Suggestion> {
    let name = &offering.name;
    offering
        .members
        .iter()
        .filter(|m| m.critical)
        .filter_map(|m| m.partner.as_ref())
        .filter_map(|p| {
            let (key, category, title, why) = if p.gated_out {
                (
                    "critical-gated-out",
                    category::STRATEGIC_MISALIGNMENT,
                    format!(
                        "{name} depends on {}, which failed a selection gate",
                        p.name
                    ),
                    "failed a pass/fail selection gate; its aims may pull away from the offering's",
                )
            } else if in_stage(p, super::ONBOARDING_STAGE) {
                (
                    "critical-onboarding",
                    category::ADOPTION,
                    format!("{name} depends on {}, still onboarding", p.name),
                    "is still onboarding; the offering is not really secured until they are up \
                     and running",
                )
            } else {
                return None;
            };
            Some(Suggestion {
                key: format!("{key}:offering:{}:partner:{}", offering.id, p.id),
                category,
                title,
                reason: format!(
                    "{} brings a critical contribution to the joint offering \"{name}\" but {why}.",
                    p.name
                ),
                partner_id: Some(p.id),
                role_id: None,
            })
        })
        .collect()
}

fn broker(b: &BrokerFacts) -> Suggestion {
    let more = b.cut_off.saturating_sub(b.cut_off_names.len());
    let mut names = b.cut_off_names.clone();
    if more > 0 {
        names.push(format!("{more} more"));
    }
    Suggestion {
        key: format!("broker:partner:{}", b.partner_id),
        category: category::DEPENDENCY,
        title: format!("{} holds the network together", b.name),
        reason: format!(
            "{} is the only way between parts of the partner network: if it left, {} \
             partners would be cut off from the rest ({}).",
            b.name,
            b.cut_off,
            listed(&names)
        ),
        partner_id: Some(b.partner_id),
        role_id: None,
    }
}

fn rivals_in(offering: &OfferingFacts, pair: Rivals) -> Option<Suggestion> {
    let member = |id: i64| {
        offering
            .members
            .iter()
            .filter_map(|m| m.partner.as_ref())
            .find(|p| p.id == id)
    };
    let (a, b) = (member(pair.from)?, member(pair.to)?);
    let (low, high) = (a.id.min(b.id), a.id.max(b.id));
    Some(Suggestion {
        key: format!("rivals:offering:{}:partners:{low}:{high}", offering.id),
        category: category::RELATIONSHIP,
        title: format!("Rivals {} and {} in {}", a.name, b.name, offering.name),
        reason: format!(
            "{} competes with {}, yet both are members of the joint offering \"{}\"; who gets \
             the customer, and what each may learn of the other, needs settling.",
            a.name, b.name, offering.name
        ),
        partner_id: Some(a.id),
        role_id: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::partner;
    use super::*;

    fn seat(partner: Option<PartnerFacts>, kind: &str, critical: bool) -> MemberFacts {
        MemberFacts {
            partner,
            contribution: format!("{kind} part"),
            kind: kind.into(),
            critical,
        }
    }

    fn offering(id: i64, name: &str, members: Vec<MemberFacts>) -> OfferingFacts {
        OfferingFacts {
            id,
            name: name.into(),
            status: "launched".into(),
            members,
        }
    }

    fn keys(found: &[Suggestion]) -> Vec<&str> {
        found.iter().map(|s| s.key.as_str()).collect()
    }

    #[test]
    fn a_critical_contribution_nobody_else_brings_is_a_single_source() {
        let nimbus = partner(1, "Nimbus", "active");
        let kiln = partner(2, "Kiln", "active");
        let ferrule = partner(3, "Ferrule", "active");
        let suite = offering(
            9,
            "Grid Watch",
            vec![
                seat(None, "hardware", true),
                seat(Some(nimbus.clone()), "cloud", true),
                // Kiln's critical software has a second source in Ferrule's.
                seat(Some(kiln.clone()), "Software", true),
                seat(Some(ferrule.clone()), "software", false),
            ],
        );
        let found = structure_suggestions(&[suite], &[], &[]);
        assert_eq!(keys(&found), ["single-source:offering:9"]);
        assert_eq!(found[0].title, "Grid Watch rests on Nimbus alone");
        assert_eq!(found[0].partner_id, Some(1));
        assert_eq!(found[0].category, category::DEPENDENCY);
        assert_eq!(
            found[0].reason,
            "The joint offering \"Grid Watch\" has critical contributions that one partner alone \
             brings, with no other member able to stand in: Nimbus (cloud)."
        );
        // Two sole sources: named together, linked to no single partner.
        let two = offering(
            4,
            "Kit",
            vec![
                seat(Some(nimbus), "cloud", true),
                seat(Some(kiln), "", true),
                seat(Some(ferrule), "hardware", false),
            ],
        );
        let found = structure_suggestions(&[two], &[], &[]);
        assert_eq!(found[0].title, "Kit rests on single partners");
        assert_eq!(found[0].partner_id, None);
        assert!(
            found[0].reason.ends_with("Nimbus (cloud) and Kiln (part)."),
            "{}",
            found[0].reason
        );
    }

    #[test]
    fn the_hub_as_a_second_source_or_no_critical_partner_suggests_nothing() {
        let backed = offering(
            1,
            "Kit",
            vec![
                seat(None, "hardware", false),
                seat(Some(partner(3, "Ferrule", "active")), "hardware", true),
            ],
        );
        let hub_only = offering(
            2,
            "Own",
            vec![
                seat(None, "hardware", true),
                seat(Some(partner(3, "Ferrule", "active")), "data", false),
            ],
        );
        let mut retired = offering(
            3,
            "Old",
            vec![seat(Some(partner(3, "F", "active")), "x", true)],
        );
        retired.status = " Retired".into();
        assert!(structure_suggestions(&[backed, hub_only, retired], &[], &[]).is_empty());
    }

    #[test]
    fn a_critical_partner_gated_out_or_onboarding_is_named() {
        let mut gated = partner(5, "Orbit", "active");
        gated.gated_out = true;
        let onboarding = partner(6, "Edgewise", "Onboarding");
        let pilot = offering(
            7,
            "Private 5G",
            vec![
                seat(Some(gated), "services", true),
                seat(Some(onboarding), "cloud", true),
                seat(Some(partner(8, "Spare", "onboarding")), "services", false),
                seat(Some(partner(9, "Spare cloud", "active")), "cloud", false),
                // Services and cloud both have a second source: no single-source suggestion.
            ],
        );
        let found = structure_suggestions(&[pilot], &[], &[]);
        assert_eq!(
            keys(&found),
            [
                "critical-gated-out:offering:7:partner:5",
                "critical-onboarding:offering:7:partner:6"
            ]
        );
        assert_eq!(
            found[0].title,
            "Private 5G depends on Orbit, which failed a selection gate"
        );
        assert_eq!(found[0].category, category::STRATEGIC_MISALIGNMENT);
        assert_eq!(
            found[1].title,
            "Private 5G depends on Edgewise, still onboarding"
        );
        assert_eq!(found[1].category, category::ADOPTION);
        assert_eq!(found[1].partner_id, Some(6));
    }

    fn chain_network(names: &[&str]) -> (Network, Vec<i64>, Names) {
        let mut net = Network::new(names.len());
        for i in 1..names.len() {
            net.link(i - 1, i);
        }
        let ids = (0..names.len()).map(|i| 100 + i as i64).collect();
        (net, ids, names.iter().collect())
    }

    #[test]
    fn a_broker_names_who_its_exit_would_cut_off() {
        // A chain A–B–C–D–E: C cuts off two (of equal halves, the one after it), B and D one.
        let (net, ids, names) = chain_network(&["A", "B", "C", "D", "E"]);
        let brokers = brokers_of(&net, &ids, &names, 10);
        let found: Vec<(&str, usize, Vec<String>)> = brokers
            .iter()
            .map(|b| (b.name.as_str(), b.cut_off, b.cut_off_names.clone()))
            .collect();
        assert_eq!(
            found,
            [
                ("C", 2, vec!["D".to_string(), "E".to_string()]),
                ("B", 1, vec!["A".to_string()]),
                ("D", 1, vec!["E".to_string()]),
            ]
        );
        let found = structure_suggestions(&[], &brokers[..1], &[]);
        assert_eq!(keys(&found), ["broker:partner:102"]);
        assert_eq!(found[0].title, "C holds the network together");
        assert_eq!(found[0].partner_id, Some(102));
        assert_eq!(
            found[0].reason,
            "C is the only way between parts of the partner network: if it left, 2 partners \
             would be cut off from the rest (D and E)."
        );
        // Only the top ones; a complete triangle has none.
        assert_eq!(brokers_of(&net, &ids, &names, 1).len(), 1);
        // B and D cut off one partner each: too common in a young network to suggest.
        let all = structure_suggestions(&[], &brokers, &[]);
        assert_eq!(keys(&all), ["broker:partner:102"]);
        let mut triangle = Network::new(3);
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            triangle.link(a, b);
        }
        let first_three: Names = names.iter().take(3).collect();
        assert!(brokers_of(&triangle, &ids[..3], &first_three, 10).is_empty());
    }

    #[test]
    fn a_broker_cutting_off_many_names_five_and_counts_the_rest() {
        // A star: the centre's exit leaves seven lone leaves; one is "the rest", six are cut off.
        let mut star = Network::new(8);
        for leaf in 1..8 {
            star.link(0, leaf);
        }
        let names: Names = (0..8).map(|i| format!("P{i}")).collect();
        let ids: Vec<i64> = (1..=8).collect();
        let brokers = brokers_of(&star, &ids, &names, 10);
        assert_eq!(brokers.len(), 1);
        assert_eq!(brokers[0].cut_off, 6, "all but the largest piece left");
        let reason = &structure_suggestions(&[], &brokers, &[])[0].reason;
        assert!(
            reason.ends_with(
                "6 partners would be cut off from the rest (P2, P3, P4, P5, P6 and 1 more)."
            ),
            "{reason}"
        );
    }

    #[test]
    fn rivals_in_one_offering_are_flagged_once() {
        let members = vec![
            seat(Some(partner(1, "Cinder", "active")), "hardware", false),
            seat(Some(partner(2, "Brightrail", "active")), "services", false),
        ];
        let together = offering(5, "Vision", members.clone());
        let apart = offering(6, "Other", members[..1].to_vec());
        let rivals = [Rivals { from: 2, to: 1 }, Rivals { from: 1, to: 2 }];
        let found = structure_suggestions(&[together, apart], &[], &rivals);
        assert_eq!(keys(&found), ["rivals:offering:5:partners:1:2"]);
        assert_eq!(found[0].title, "Rivals Brightrail and Cinder in Vision");
        assert_eq!(found[0].category, category::RELATIONSHIP);
        // Rivals who share no offering: nothing.
        let unrelated = [Rivals { from: 1, to: 3 }];
        let alone = offering(5, "Vision", members);
        assert!(structure_suggestions(&[alone], &[], &unrelated).is_empty());
    }
}
