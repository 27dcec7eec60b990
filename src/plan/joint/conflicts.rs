//! The conflict check of joint plans: a joint goal that moves a KPI against the hub's own aim, a
//! KPI two partners' goals pull both ways, and two partners' goals competing for one role,
//! segment or offering. Each conflict names both sides.
//!
//! A joint goal may move several KPIs and be about several offerings; each is read.
//!
//! Which way a side wants a KPI: a joint goal says so itself, or its target above or below the
//! KPI's baseline says it; a goal that says neither follows the KPI and conflicts with nothing.
//! The hub wants its KPI toward its target from its baseline when both are known, else the way
//! its direction says is better. Done and dropped goals ask nothing and are left out. Two goals
//! of the same partner never compete; two partners who are both members of an offering build it
//! together rather than compete for it.

use std::collections::BTreeMap;

use super::GoalKpi;
use crate::plan::kpi::Direction;
use crate::plan::text::clean;

/// One joint goal as the check sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoalFacts {
    pub id: i64,
    pub partner_id: i64,
    pub partner: String,
    pub title: String,
    pub status: String,
    /// The KPIs it moves, each with which way and to what target.
    pub kpis: Vec<GoalKpi>,
    pub role: Option<i64>,
    pub segment: String,
    pub offerings: Vec<i64>,
}

/// A KPI of the hub: its direction, baseline and target, and the hub's goals it measures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiFacts {
    pub id: i64,
    pub name: String,
    pub direction: Direction,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Titles of the hub's goals the KPI is linked to.
    pub hub_goals: Vec<String>,
}

/// An offering: its name, segment and partner members.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferingFacts {
    pub id: i64,
    pub name: String,
    pub segment: String,
    pub partners: Vec<i64>,
}

/// Everything the check reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JointFacts {
    pub goals: Vec<GoalFacts>,
    pub kpis: Vec<KpiFacts>,
    pub offerings: Vec<OfferingFacts>,
    /// (id, name) of the roles joint goals name.
    pub roles: Vec<(i64, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictKind {
    /// A joint goal wants a KPI the other way from the hub.
    AgainstHub,
    /// Two partners' goals want one KPI opposite ways.
    PulledBothWays,
    SameRole,
    SameSegment,
    SameOffering,
}

/// One conflict: the joint goals and partners on its sides and a sentence naming both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The joint goals involved (one when the other side is the hub).
    pub goals: Vec<i64>,
    pub partners: Vec<i64>,
    pub text: String,
}

impl Conflict {
    /// Whether partner `id` is on one of its sides.
    pub fn involves(&self, partner: i64) -> bool {
        self.partners.contains(&partner)
    }
}

/// Which way the hub wants `kpi`.
pub fn hub_wants(kpi: &KpiFacts) -> Direction {
    match (kpi.baseline, kpi.target) {
        (Some(from), Some(to)) if to > from => Direction::Higher,
        (Some(from), Some(to)) if to < from => Direction::Lower,
        _ => kpi.direction,
    }
}

/// Which way a joint goal's link `aim` wants `kpi`, when it says.
pub fn goal_wants(aim: &GoalKpi, kpi: &KpiFacts) -> Option<Direction> {
    aim.wants.or(match (kpi.baseline, aim.target) {
        (Some(from), Some(to)) if to > from => Some(Direction::Higher),
        (Some(from), Some(to)) if to < from => Some(Direction::Lower),
        _ => None,
    })
}

/// "“Pilot in retail” (Brightrail)".
fn side(goal: &GoalFacts) -> String {
    format!("“{}” ({})", clean(&goal.title), clean(&goal.partner))
}

fn quoted_list(titles: &[String]) -> String {
    let quoted: Vec<String> = titles.iter().map(|t| format!("“{}”", clean(t))).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Every conflict of the joint plans, kind by kind, in the goals' order.
pub fn conflicts(facts: &JointFacts) -> Vec<Conflict> {
    let open: Vec<&GoalFacts> = facts
        .goals
        .iter()
        .filter(|g| super::is_open_goal(&g.status))
        .collect();
    let mut found = Vec::new();
    against_hub(&open, facts, &mut found);
    pulled_both_ways(&open, facts, &mut found);
    competing(&open, facts, &mut found);
    found
}

/// Each open goal's KPI links with the KPI they name and which way the goal wants it.
fn aims<'f>(
    open: &[&'f GoalFacts],
    facts: &'f JointFacts,
) -> Vec<(&'f GoalFacts, &'f KpiFacts, Direction)> {
    open.iter()
        .flat_map(|goal| goal.kpis.iter().map(move |aim| (*goal, aim)))
        .filter_map(|(goal, aim)| {
            let kpi = facts.kpis.iter().find(|k| k.id == aim.kpi)?;
            Some((goal, kpi, goal_wants(aim, kpi)?))
        })
        .collect()
}

fn against_hub(open: &[&GoalFacts], facts: &JointFacts, found: &mut Vec<Conflict>) {
    for (goal, kpi, wants) in aims(open, facts) {
        let hub = hub_wants(kpi);
        if wants == hub {
            continue;
        }
        let hub_side = if kpi.hub_goals.is_empty() {
            format!("the hub wants it {}", hub.word())
        } else {
            let noun = if kpi.hub_goals.len() == 1 {
                "goal"
            } else {
                "goals"
            };
            format!(
                "the hub's {noun} {} {} it {}",
                quoted_list(&kpi.hub_goals),
                if kpi.hub_goals.len() == 1 {
                    "wants"
                } else {
                    "want"
                },
                hub.word()
            )
        };
        found.push(Conflict {
            kind: ConflictKind::AgainstHub,
            goals: vec![goal.id],
            partners: vec![goal.partner_id],
            text: format!(
                "{} wants the KPI {} {}, while {hub_side}; agree which way it should move, or \
                 link the joint goal to another KPI.",
                side(goal),
                clean(&kpi.name),
                wants.word()
            ),
        });
    }
}

fn pulled_both_ways(open: &[&GoalFacts], facts: &JointFacts, found: &mut Vec<Conflict>) {
    let mut by_kpi: BTreeMap<i64, Vec<(&GoalFacts, Direction)>> = BTreeMap::new();
    for (goal, kpi, wants) in aims(open, facts) {
        by_kpi.entry(kpi.id).or_default().push((goal, wants));
    }
    for (kpi, goals) in by_kpi {
        let name = facts
            .kpis
            .iter()
            .find(|k| k.id == kpi)
            .map(|k| clean(&k.name).into_owned())
            .unwrap_or_default();
        for (i, (a, a_wants)) in goals.iter().enumerate() {
            for (b, b_wants) in &goals[i + 1..] {
                if a.partner_id == b.partner_id || a_wants == b_wants {
                    continue;
                }
                found.push(Conflict {
                    kind: ConflictKind::PulledBothWays,
                    goals: vec![a.id, b.id],
                    partners: vec![a.partner_id, b.partner_id],
                    text: format!(
                        "{} wants the KPI {name} {} while {} wants it {}; the two joint plans \
                         pull it both ways, so settle which one gives way.",
                        side(a),
                        a_wants.word(),
                        side(b),
                        b_wants.word()
                    ),
                });
            }
        }
    }
}

/// Two partners' open goals that claim one role, segment or offering.
fn competing(open: &[&GoalFacts], facts: &JointFacts, found: &mut Vec<Conflict>) {
    let offering = |id: i64| facts.offerings.iter().find(|o| o.id == id);
    for (i, a) in open.iter().enumerate() {
        for b in &open[i + 1..] {
            if a.partner_id == b.partner_id {
                continue;
            }
            let mut push = |kind, text: String| {
                found.push(Conflict {
                    kind,
                    goals: vec![a.id, b.id],
                    partners: vec![a.partner_id, b.partner_id],
                    text,
                })
            };
            if let Some(role) = a.role.filter(|r| Some(*r) == b.role) {
                let name = facts
                    .roles
                    .iter()
                    .find(|(id, _)| *id == role)
                    .map(|(_, n)| clean(n).into_owned())
                    .unwrap_or_default();
                push(
                    ConflictKind::SameRole,
                    format!(
                        "{} and {} both claim the role {name}; decide who leads it, or give one \
                         goal another role.",
                        side(a),
                        side(b)
                    ),
                );
            }
            // A goal's own segment, else those of the offerings it is about.
            let segments_of = |g: &GoalFacts| -> Vec<String> {
                let own = g.segment.trim();
                if !own.is_empty() {
                    return vec![own.to_string()];
                }
                g.offerings
                    .iter()
                    .filter_map(|id| offering(*id))
                    .map(|o| o.segment.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            };
            let theirs: Vec<String> = segments_of(b).iter().map(|s| s.to_lowercase()).collect();
            if let Some(sa) = segments_of(a)
                .into_iter()
                .find(|s| theirs.contains(&s.to_lowercase()))
            {
                push(
                    ConflictKind::SameSegment,
                    format!(
                        "{} and {} both go after the segment “{}”; split it between them, or \
                         make it one offering they build together.",
                        side(a),
                        side(b),
                        clean(&sa)
                    ),
                );
            }
            let shared = a
                .offerings
                .iter()
                .filter(|id| b.offerings.contains(id))
                .filter_map(|id| offering(*id));
            for o in shared {
                let together =
                    o.partners.contains(&a.partner_id) && o.partners.contains(&b.partner_id);
                if !together {
                    push(
                        ConflictKind::SameOffering,
                        format!(
                            "{} and {} both build on the offering {}, which they are not both \
                             members of; make both members, or link one goal to another \
                             offering.",
                            side(a),
                            side(b),
                            clean(&o.name)
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(id: i64, partner: i64, name: &str, title: &str) -> GoalFacts {
        GoalFacts {
            id,
            partner_id: partner,
            partner: name.into(),
            title: title.into(),
            status: "planned".into(),
            ..GoalFacts::default()
        }
    }

    fn aim(kpi: i64, wants: Option<Direction>, target: Option<f64>) -> GoalKpi {
        GoalKpi { kpi, wants, target }
    }

    fn cost_kpi() -> KpiFacts {
        KpiFacts {
            id: 7,
            name: "Cost per lead".into(),
            direction: Direction::Lower,
            baseline: Some(55.0),
            target: Some(40.0),
            hub_goals: vec!["Cut acquisition cost".into()],
        }
    }

    fn kinds(found: &[Conflict]) -> Vec<ConflictKind> {
        found.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn a_joint_goal_that_wants_a_kpi_the_other_way_is_flagged_with_the_hubs_goal_named() {
        let mut g = goal(1, 10, "Brightrail", "More co-marketing");
        g.kpis = vec![aim(7, Some(Direction::Higher), None)];
        let facts = JointFacts {
            goals: vec![g],
            kpis: vec![cost_kpi()],
            ..JointFacts::default()
        };
        let found = conflicts(&facts);
        assert_eq!(kinds(&found), [ConflictKind::AgainstHub]);
        assert_eq!(
            found[0].text,
            "“More co-marketing” (Brightrail) wants the KPI Cost per lead higher, while the \
             hub's goal “Cut acquisition cost” wants it lower; agree which way it should move, \
             or link the joint goal to another KPI."
        );
        assert!(found[0].involves(10));
        assert!(!found[0].involves(11));
    }

    #[test]
    fn a_target_above_the_baseline_wants_it_higher_and_one_below_agrees() {
        let mut kpi = cost_kpi();
        kpi.hub_goals.clear();
        let mut up = goal(1, 10, "Brightrail", "Premium leads");
        up.kpis = vec![aim(7, None, Some(70.0))];
        let mut down = goal(2, 10, "Brightrail", "Cheaper leads");
        down.kpis = vec![aim(7, None, Some(45.0))];
        // Follows the KPI: says no way and no target.
        let mut silent = goal(3, 10, "Brightrail", "Just measured");
        silent.kpis = vec![aim(7, None, None)];
        let facts = JointFacts {
            goals: vec![up, down, silent],
            kpis: vec![kpi.clone()],
            ..JointFacts::default()
        };
        let found = conflicts(&facts);
        assert_eq!(kinds(&found), [ConflictKind::AgainstHub]);
        assert_eq!(found[0].goals, [1]);
        assert!(found[0].text.contains("while the hub wants it lower"));
        // The hub's own target can point against its direction: the target wins.
        kpi.target = Some(60.0);
        assert_eq!(hub_wants(&kpi), Direction::Higher);
        kpi.target = None;
        assert_eq!(hub_wants(&kpi), Direction::Lower);
    }

    #[test]
    fn two_partners_pulling_one_kpi_both_ways_name_each_other() {
        let mut kpi = cost_kpi();
        kpi.baseline = None;
        kpi.target = None;
        kpi.direction = Direction::Higher;
        let mut a = goal(1, 10, "Brightrail", "Grow reach");
        a.kpis = vec![aim(7, Some(Direction::Higher), None)];
        let mut b = goal(2, 11, "Cobalt", "Trim reach");
        b.kpis = vec![aim(7, Some(Direction::Lower), None)];
        let facts = JointFacts {
            goals: vec![a, b],
            kpis: vec![kpi],
            ..JointFacts::default()
        };
        let found = conflicts(&facts);
        assert_eq!(
            kinds(&found),
            [ConflictKind::AgainstHub, ConflictKind::PulledBothWays]
        );
        let both = &found[1];
        assert_eq!(both.partners, [10, 11]);
        assert!(
            both.text.contains("“Grow reach” (Brightrail)"),
            "{}",
            both.text
        );
        assert!(both.text.contains("“Trim reach” (Cobalt)"), "{}", both.text);
    }

    #[test]
    fn two_partners_competing_for_a_role_or_segment_are_flagged_and_one_partner_never() {
        let mut a = goal(1, 10, "Brightrail", "Own integration");
        a.role = Some(3);
        a.segment = "Mid-market retail".into();
        let mut b = goal(2, 11, "Cobalt", "Lead integration");
        b.role = Some(3);
        b.segment = " mid-market RETAIL ".into();
        let mut c = goal(3, 10, "Brightrail", "Also integration");
        c.role = Some(3);
        let facts = JointFacts {
            goals: vec![a, b, c],
            roles: vec![(3, "Integration".into())],
            ..JointFacts::default()
        };
        let found = conflicts(&facts);
        assert_eq!(
            kinds(&found),
            [
                ConflictKind::SameRole,
                ConflictKind::SameSegment,
                ConflictKind::SameRole
            ]
        );
        assert!(found[0].text.contains("both claim the role Integration"));
        assert_eq!(found[2].goals, [2, 3]);
    }

    #[test]
    fn an_offering_built_together_is_no_competition_and_its_segment_counts() {
        let offering = OfferingFacts {
            id: 5,
            name: "Shelf analytics".into(),
            segment: "Grocery".into(),
            partners: vec![10, 11],
        };
        let mut a = goal(1, 10, "Brightrail", "Ship analytics");
        a.offerings = vec![5];
        let mut b = goal(2, 11, "Cobalt", "Sell analytics");
        b.offerings = vec![9, 5];
        let mut facts = JointFacts {
            goals: vec![a, b],
            offerings: vec![offering],
            ..JointFacts::default()
        };
        // Same segment through the offering, but built together: only the segment is flagged.
        assert_eq!(kinds(&conflicts(&facts)), [ConflictKind::SameSegment]);
        facts.offerings[0].partners = vec![10];
        assert_eq!(
            kinds(&conflicts(&facts)),
            [ConflictKind::SameSegment, ConflictKind::SameOffering]
        );
        // A done or dropped goal competes with nothing.
        facts.goals[1].status = "done".into();
        assert!(conflicts(&facts).is_empty());
    }

    /// Every KPI a goal links is read: the second one may be the one against the hub, and the
    /// second offering the one two partners compete for.
    #[test]
    fn every_link_of_a_goal_is_read() {
        let reach = KpiFacts {
            id: 8,
            name: "Reach".into(),
            direction: Direction::Higher,
            ..KpiFacts::default()
        };
        let mut a = goal(1, 10, "Brightrail", "Grow and spend");
        a.kpis = vec![
            aim(8, Some(Direction::Higher), None),
            aim(7, Some(Direction::Higher), None),
        ];
        a.offerings = vec![4, 5];
        let mut b = goal(2, 11, "Cobalt", "Sell analytics");
        b.offerings = vec![5];
        let offering = |id, name: &str| OfferingFacts {
            id,
            name: name.into(),
            ..OfferingFacts::default()
        };
        let facts = JointFacts {
            goals: vec![a, b],
            kpis: vec![cost_kpi(), reach],
            offerings: vec![offering(4, "Edge kit"), offering(5, "Shelf analytics")],
            ..JointFacts::default()
        };
        let found = conflicts(&facts);
        assert_eq!(
            kinds(&found),
            [ConflictKind::AgainstHub, ConflictKind::SameOffering]
        );
        assert!(
            found[0].text.contains("Cost per lead higher"),
            "{}",
            found[0].text
        );
        assert!(
            found[1].text.contains("Shelf analytics"),
            "{}",
            found[1].text
        );
    }
}
