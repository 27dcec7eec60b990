//! The report's ecosystem section: the network map (placed by `plan::network_layout`, the same
//! layout the app draws), the network's figures, the joint offerings with their members, brokers
//! and isolated partners, read once from the workbook.

use std::collections::{BinaryHeap, HashMap, HashSet};

use anyhow::Result;

use crate::plan::network_layout::NetworkLayout;
use crate::plan::network_summary::{BrokerSummary, NetworkSummary};
use crate::plan::numbers::{count_of, group_thousands};
use crate::workbook::Workbook;

/// How much the section shows; the rest is counted and said to be left out.
pub mod limits {
    /// Partners drawn on the map (the most linked, when there are more).
    pub const MAP_PARTNERS: usize = 120;
    /// Brokers listed.
    pub const BROKERS: usize = 10;
    /// Isolated partners named.
    pub const ISOLATED: usize = 40;
    /// Offerings listed.
    pub const OFFERINGS: usize = 40;
}

/// A partner on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPartner {
    pub name: String,
    /// Place in the unit square, `y` downward (from the layout).
    pub x: f64,
    pub y: f64,
    /// At the "active" stage (drawn filled; other stages hollow).
    pub active: bool,
    /// Its exit would cut others off.
    pub broker: bool,
    /// Links to other partners.
    pub links: usize,
}

/// A link on the map, between two drawn partners (indexes into `MapPartner`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapLink {
    pub a: usize,
    pub b: usize,
    pub kind: String,
}

/// The map's content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetworkMap {
    pub partners: Vec<MapPartner>,
    pub links: Vec<MapLink>,
    /// The hub's place.
    pub hub: (f64, f64),
    /// What the hub is called on the map: the organisation, else "You (the hub)".
    pub hub_name: String,
    /// Current partners in all (the map may show fewer).
    pub total: usize,
}

/// One member of an offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberLine {
    /// The partner's name, or "the hub".
    pub name: String,
    pub contribution: String,
    pub kind: String,
    pub critical: bool,
}

/// One joint offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingLine {
    pub name: String,
    pub status: String,
    pub problem: String,
    pub segment: String,
    pub owner: String,
    /// Titles of the goals it serves.
    pub goals: Vec<String>,
    /// Names of the KPIs that measure it.
    pub kpis: Vec<String>,
    pub members: Vec<MemberLine>,
}

/// What the section shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportEcosystem {
    pub map: NetworkMap,
    pub summary: NetworkSummary,
    pub offerings: Vec<OfferingLine>,
    pub offerings_total: usize,
    /// Names of the partners with no link to another partner, by name.
    pub isolated: Vec<String>,
    pub isolated_total: usize,
}

impl ReportEcosystem {
    /// Brokers as the section lists them.
    pub fn brokers(&self) -> &[BrokerSummary] {
        &self.summary.brokers
    }

    /// Nothing to show: no current partner and no offering.
    pub fn is_empty(&self) -> bool {
        self.map.total == 0 && self.offerings_total == 0
    }

    /// Reads the network, lays it out and gathers the offerings; `organisation` names the hub.
    pub fn read(wb: &Workbook, organisation: &str) -> Result<ReportEcosystem> {
        let network = wb.network()?;
        let summary = network.summary(limits::BROKERS);
        let net = &network.network;
        let layout = NetworkLayout::of(net);

        let brokers: HashSet<usize> = net.brokers().into_iter().map(|b| b.partner).collect();
        // The partners drawn: all, or the most linked (ties by name), then if there is room the
        // first unlinked ones by name. Found without a list or a copy of every partner's name:
        // at a million partners those alone were 70 MB.
        let shown: Vec<usize> = if net.partners() > limits::MAP_PARTNERS {
            let by_name = |a: usize, b: usize| network.names.get(a).cmp(&network.names.get(b));
            let mut shown = net.most_linked(limits::MAP_PARTNERS, by_name);
            let room = limits::MAP_PARTNERS - shown.len();
            let unlinked = (0..net.partners()).filter(|&p| net.links_of(p) == 0);
            shown.extend(first_by(unlinked, room, |p| network.names.get(p)));
            shown.sort_unstable();
            shown
        } else {
            (0..net.partners()).collect()
        };
        let partners: Vec<MapPartner> = shown
            .iter()
            .map(|&p| {
                let point = layout.point(p).unwrap_or(layout.hub());
                MapPartner {
                    name: network.names.get(p).unwrap_or_default().to_string(),
                    x: point.x,
                    y: point.y,
                    active: network.active.get(p).copied().unwrap_or(false),
                    broker: brokers.contains(&p),
                    links: net.links_of(p),
                }
            })
            .collect();
        let index: HashMap<i64, usize> = shown
            .iter()
            .enumerate()
            .filter_map(|(i, &p)| Some((*network.ids.get(p)?, i)))
            .collect();
        let shown_ids: Vec<i64> = index.keys().copied().collect();
        let links = wb
            .active_link_kinds_among(&shown_ids)?
            .into_iter()
            .filter_map(|(from, to, kind)| {
                Some(MapLink {
                    a: *index.get(&from)?,
                    b: *index.get(&to)?,
                    kind,
                })
            })
            .collect();
        let hub = layout.hub();
        let hub_name = match organisation.trim() {
            "" => "You (the hub)".to_string(),
            name => name.to_string(),
        };
        let map = NetworkMap {
            partners,
            links,
            hub: (hub.x, hub.y),
            hub_name: hub_name.clone(),
            total: net.partners(),
        };

        let unlinked = || (0..net.partners()).filter(|&p| net.links_of(p) == 0);
        let isolated_total = unlinked().count();
        let isolated = first_by(unlinked(), limits::ISOLATED, |p| {
            network.names.get(p).unwrap_or_default().to_lowercase()
        })
        .into_iter()
        .map(|p| network.names.get(p).unwrap_or_default().to_string())
        .collect();

        let all = wb.offerings()?;
        let offerings_total = all.len();
        let offerings = all
            .into_iter()
            .take(limits::OFFERINGS)
            .map(|o| OfferingLine {
                name: o.offering.name,
                status: o.offering.status,
                problem: o.offering.problem,
                segment: o.offering.segment,
                owner: o.offering.owner,
                goals: o.goal_names,
                kpis: o.kpi_names,
                members: o
                    .members
                    .into_iter()
                    .map(|m| MemberLine {
                        name: match m.member.partner {
                            Some(_) => m.name,
                            None => match organisation.trim() {
                                "" => "You, the hub".to_string(),
                                name => format!("{name}, the hub"),
                            },
                        },
                        contribution: m.member.contribution,
                        kind: m.member.kind,
                        critical: m.member.critical,
                    })
                    .collect(),
            })
            .collect();
        Ok(ReportEcosystem {
            map,
            summary,
            offerings,
            offerings_total,
            isolated,
            isolated_total,
        })
    }
}

// The sentences both formats write, so HTML and Markdown say the same.

impl ReportEcosystem {
    /// "Multilaterality — becoming an ecosystem: 29 % of …", or "— no active relationships yet".
    pub fn multilaterality_line(&self) -> String {
        match self.summary.multilaterality {
            Some(_) => format!("Multilaterality — {}.", self.summary.reading),
            None => format!("Multilaterality — {}.", self.summary.reading),
        }
    }

    /// "30 current partners in 3 clusters; 8 have no link to another partner."
    pub fn figures_line(&self) -> String {
        let s = &self.summary;
        format!(
            "{} in {}; the largest holds {}. {} no link to another partner.",
            count_of(s.partners, "current partner", "current partners"),
            count_of(s.clusters, "cluster", "clusters"),
            count_of(s.largest_cluster, "partner", "partners"),
            match s.isolated {
                1 => "1 partner has".to_string(),
                n => format!("{} have", count_of(n, "partner", "partners")),
            }
        )
    }

    /// Said under the map when it shows fewer partners than there are.
    pub fn map_left_out(&self) -> Option<String> {
        let shown = self.map.partners.len();
        (self.map.total > shown).then(|| {
            format!(
                "The map shows the {shown} most linked of {} current partners; the Ecosystem \
                 view in the app shows any partner's neighbourhood.",
                group_thousands(self.map.total as i64)
            )
        })
    }

    /// "Nimbus Forge Cloud — cloud: Hosting and models (critical)".
    pub fn member_text(member: &MemberLine) -> String {
        let mut text = member.name.clone();
        let kind = member.kind.trim();
        let contribution = member.contribution.trim();
        match (kind.is_empty(), contribution.is_empty()) {
            (false, false) => text.push_str(&format!(" — {kind}: {contribution}")),
            (false, true) => text.push_str(&format!(" — {kind}")),
            (true, false) => text.push_str(&format!(" — {contribution}")),
            (true, true) => {}
        }
        if member.critical {
            text.push_str(" (critical)");
        }
        text
    }

    /// Whom a broker would cut off: "A, B and 3 more".
    pub fn cut_off_text(broker: &BrokerSummary) -> String {
        let mut names = broker.cut_off_names.clone();
        let more = broker.cut_off.saturating_sub(names.len());
        if more > 0 {
            names.push(format!("{more} more"));
        }
        listed(&names)
    }

    /// "3 partners work with you alone: A, B and C." (with a count of the rest).
    pub fn isolated_line(&self) -> String {
        if self.isolated_total == 0 {
            return "Every current partner is linked to at least one other partner.".into();
        }
        let more = self.isolated_total.saturating_sub(self.isolated.len());
        let mut names = self.isolated.clone();
        if more > 0 {
            names.push(format!("{more} more"));
        }
        let names = listed(&names);
        format!(
            "{} with you alone, linked to no other partner: {names}.",
            match self.isolated_total {
                1 => "1 partner works".to_string(),
                n => format!("{} work", count_of(n, "partner", "partners")),
            }
        )
    }
}

/// "A", "A and B", "A, B and C".
/// The first `k` of `items` in the order of `key` (ties by item), kept `k` at a time.
fn first_by<K: Ord>(
    items: impl Iterator<Item = usize>,
    k: usize,
    key: impl Fn(usize) -> K,
) -> Vec<usize> {
    let mut kept: BinaryHeap<(K, usize)> = BinaryHeap::with_capacity(k + 1);
    if k == 0 {
        return Vec::new();
    }
    for item in items {
        kept.push((key(item), item));
        if kept.len() > k {
            kept.pop();
        }
    }
    kept.into_sorted_vec()
        .into_iter()
        .map(|(_, item)| item)
        .collect()
}

fn listed(names: &[String]) -> String {
    match names.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
