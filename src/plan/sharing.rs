//! What the plan's data-sharing protocols let one partner see: the parts of the plan a protocol's
//! data item names, and for each part the most generous access level among the protocols shared
//! with that partner, directly or through a role it holds. Nothing named is hidden.

use std::collections::BTreeMap;

use super::strategy::{AccessLevel, Recipient};

/// A part of the plan a protocol's data item can name ("Partner KPIs", "Risk register").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Partners,
    Roles,
    Offerings,
    Risks,
    Kpis,
    Money,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::Partners,
        Area::Roles,
        Area::Offerings,
        Area::Risks,
        Area::Kpis,
        Area::Money,
    ];

    /// "the partner roster", as a heading's or a sentence's words.
    pub fn words(self) -> &'static str {
        match self {
            Area::Partners => "the partner roster",
            Area::Roles => "roles and their coverage",
            Area::Offerings => "the joint offerings",
            Area::Risks => "the risk register",
            Area::Kpis => "KPIs",
            Area::Money => "investments, returns and ROI",
        }
    }

    /// The beginnings of the words in a data item that name this part.
    fn stems(self) -> &'static [&'static str] {
        match self {
            Area::Partners => &["partner", "roster", "directory"],
            Area::Roles => &["role", "coverage", "assignment"],
            Area::Offerings => &["offering", "solution", "ecosystem", "network"],
            Area::Risks => &["risk"],
            Area::Kpis => &["kpi", "metric", "indicator", "performance"],
            Area::Money => &[
                "roi",
                "revenue",
                "investment",
                "financ",
                "money",
                "budget",
                "return",
            ],
        }
    }

    /// The parts `data_item` names. "Partner" is read as the roster only when nothing else is
    /// named, since it mostly qualifies another part ("Partner KPIs" are KPIs).
    pub fn named_in(data_item: &str) -> Vec<Area> {
        let lower = data_item.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let names = |area: Area| {
            words
                .iter()
                .any(|w| area.stems().iter().any(|s| w.starts_with(s)))
        };
        let others: Vec<Area> = Area::ALL
            .into_iter()
            .filter(|a| *a != Area::Partners && names(*a))
            .collect();
        if others.is_empty() && names(Area::Partners) {
            vec![Area::Partners]
        } else {
            others
        }
    }
}

/// A protocol as the sharing rule reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    pub data_item: String,
    pub level: AccessLevel,
    pub recipients: Vec<Recipient>,
}

impl Protocol {
    /// Shared with `partner` itself or with one of `roles` (the roles it holds).
    pub fn reaches(&self, partner: i64, roles: &[i64]) -> bool {
        self.recipients.iter().any(|r| match r {
            Recipient::Partner(id) => *id == partner,
            Recipient::Role(id) => roles.contains(id),
        })
    }
}

/// What one partner may see of each part of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sharing {
    levels: BTreeMap<Area, AccessLevel>,
}

impl Sharing {
    /// The most generous level each part gets from the protocols that reach `partner`.
    pub fn for_partner(partner: i64, roles: &[i64], protocols: &[Protocol]) -> Sharing {
        let mut levels: BTreeMap<Area, AccessLevel> = BTreeMap::new();
        for protocol in protocols.iter().filter(|p| p.reaches(partner, roles)) {
            for area in Area::named_in(&protocol.data_item) {
                let level = levels.entry(area).or_default();
                *level = (*level).max(protocol.level);
            }
        }
        Sharing { levels }
    }

    /// Hidden unless a protocol says more.
    pub fn level(&self, area: Area) -> AccessLevel {
        self.levels.get(&area).copied().unwrap_or_default()
    }

    /// At least `level` for `area`.
    pub fn allows(&self, area: Area, level: AccessLevel) -> bool {
        self.level(area) >= level
    }

    /// Other partners may be named: the roster is shared with its names (chosen fields or full).
    pub fn names_partners(&self) -> bool {
        self.allows(Area::Partners, AccessLevel::ChosenFields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocol(item: &str, level: AccessLevel, recipients: &[Recipient]) -> Protocol {
        Protocol {
            data_item: item.to_string(),
            level,
            recipients: recipients.to_vec(),
        }
    }

    #[test]
    fn a_data_item_names_its_parts_and_partner_only_alone() {
        assert_eq!(Area::named_in("Partner KPIs"), [Area::Kpis]);
        assert_eq!(Area::named_in("Partner directory"), [Area::Partners]);
        assert_eq!(
            Area::named_in("Risk register and ROI"),
            [Area::Risks, Area::Money]
        );
        assert_eq!(Area::named_in("Joint solutions"), [Area::Offerings]);
        assert!(Area::named_in("Sales pipeline").is_empty());
        // Whole words from their start: "aroi" is not the ROI.
        assert!(Area::named_in("Aroi leaves").is_empty());
    }

    #[test]
    fn the_most_generous_protocol_reaching_the_partner_wins() {
        let protocols = [
            protocol(
                "Partner KPIs",
                AccessLevel::CountsOnly,
                &[Recipient::Partner(7)],
            ),
            protocol("KPI dashboard", AccessLevel::Full, &[Recipient::Role(3)]),
            protocol("Risk register", AccessLevel::Full, &[Recipient::Partner(8)]),
            protocol(
                "Partner roster",
                AccessLevel::ChosenFields,
                &[Recipient::Partner(7)],
            ),
        ];
        // Partner 7 holds no role: the KPIs by count, the roster's names, no risks.
        let seven = Sharing::for_partner(7, &[], &protocols);
        assert_eq!(seven.level(Area::Kpis), AccessLevel::CountsOnly);
        assert_eq!(seven.level(Area::Risks), AccessLevel::Hidden);
        assert!(seven.names_partners());
        // Through role 3 it sees the KPIs in full.
        let with_role = Sharing::for_partner(7, &[3], &protocols);
        assert_eq!(with_role.level(Area::Kpis), AccessLevel::Full);
        // A partner no protocol reaches sees nothing and no names.
        let nine = Sharing::for_partner(9, &[], &protocols);
        assert!(
            Area::ALL
                .iter()
                .all(|a| nine.level(*a) == AccessLevel::Hidden)
        );
        assert!(!nine.names_partners());
        assert!(!Sharing::for_partner(8, &[], &protocols).names_partners());
    }
}
