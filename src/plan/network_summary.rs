//! The network's figures summed up in names, for the Overview and the report.

use std::convert::Infallible;

use super::network::{Broker, Network, multilaterality, reading};
use super::network_names::Names;

/// A partner named with a number: links it has, or partners it would cut off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedCount {
    pub name: String,
    pub count: usize,
}

/// A broker by name, with the names of the partners its exit would cut off (at most
/// `CUT_OFF_NAMES`, the count says how many in all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerSummary {
    pub name: String,
    pub cut_off: usize,
    pub cut_off_names: Vec<String>,
}

/// How many names of cut-off partners a broker carries.
pub const CUT_OFF_NAMES: usize = 8;

/// The network's figures in names, ready for the Overview and the report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetworkSummary {
    pub partners: usize,
    /// The partners with most links, most first (ties by name), only those with a link.
    pub most_linked: Vec<NamedCount>,
    /// Partners with no link to another partner.
    pub isolated: usize,
    pub clusters: usize,
    /// Partners in the largest cluster (0 when there is none).
    pub largest_cluster: usize,
    /// Brokers, most cut off first.
    pub brokers: Vec<BrokerSummary>,
    /// The share of active relationships that do not run through the hub.
    pub multilaterality: Option<f64>,
    /// The figure in one line.
    pub reading: String,
}

impl NetworkSummary {
    /// Sums up `network` whose partner `i` is called `names[i]`, keeping the `top` most linked
    /// partners and brokers. Linear in partners and links, plus one pass per kept broker.
    pub fn of(
        network: &Network,
        names: &Names,
        active_links: usize,
        active_partners: usize,
        top: usize,
    ) -> NetworkSummary {
        let name = |i: usize| names.get(i).unwrap_or_default().to_string();
        let most_linked = network
            .most_linked(top, |a, b| names.get(a).cmp(&names.get(b)))
            .into_iter()
            .map(|p| NamedCount {
                name: name(p),
                count: network.links_of(p),
            })
            .collect();
        let clusters = network.clusters();
        let brokers = network
            .brokers()
            .into_iter()
            .take(top)
            .map(|b| {
                let named = broker_summary(network, &b, |p| Ok::<_, Infallible>(name(p)));
                match named {
                    Ok(summary) => summary,
                    Err(never) => match never {},
                }
            })
            .collect();
        let share = multilaterality(active_links, active_partners);
        NetworkSummary {
            partners: network.partners(),
            most_linked,
            isolated: network.isolated().len(),
            clusters: clusters.len(),
            largest_cluster: clusters.first().map_or(0, Vec::len),
            brokers,
            multilaterality: share,
            reading: reading(share),
        }
    }
}

/// `broker` in names: its own and those of the first partners its exit would cut off (at most
/// `CUT_OFF_NAMES`, sorted), each named by `name` (a network index's name: from the network's
/// names, or looked up by a reader that holds none).
pub fn broker_summary<E>(
    network: &Network,
    broker: &Broker,
    mut name: impl FnMut(usize) -> Result<String, E>,
) -> Result<BrokerSummary, E> {
    let mut cut = network
        .cut_off_by(broker.partner)
        .into_iter()
        .flatten()
        .take(CUT_OFF_NAMES)
        .map(&mut name)
        .collect::<Result<Vec<String>, E>>()?;
    cut.sort();
    Ok(BrokerSummary {
        name: name(broker.partner)?,
        cut_off: broker.cut_off,
        cut_off_names: cut,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Names {
        (0..n).map(|i| format!("P{i}")).collect()
    }

    #[test]
    fn two_clusters_joined_by_one_broker_are_summed_up_by_name() {
        // 0-1-2 triangle, 2-3 bridge, 3-4-5 triangle; 6 alone.
        let mut net = Network::new(7);
        for (a, b) in [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)] {
            net.link(a, b);
        }
        let summary = NetworkSummary::of(&net, &names(7), 7, 7, 3);
        assert_eq!(summary.partners, 7);
        assert_eq!(summary.isolated, 1);
        assert_eq!(summary.clusters, 1);
        assert_eq!(summary.largest_cluster, 6);
        let brokers: Vec<&str> = summary.brokers.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(brokers, vec!["P2", "P3"]);
        assert_eq!(summary.brokers[0].cut_off, 2);
        assert_eq!(summary.brokers[0].cut_off_names, vec!["P0", "P1"]);
        assert_eq!(summary.brokers[0].cut_off_names.len(), 2);
        let top: Vec<(&str, usize)> = summary
            .most_linked
            .iter()
            .map(|n| (n.name.as_str(), n.count))
            .collect();
        assert_eq!(top, vec![("P2", 3), ("P3", 3), ("P0", 2)]);
        assert_eq!(summary.multilaterality, Some(0.5));
        assert!(
            summary.reading.starts_with("multilateral"),
            "{}",
            summary.reading
        );
    }

    #[test]
    fn an_empty_network_has_no_figures_and_says_so() {
        let summary = NetworkSummary::of(&Network::new(0), &Names::default(), 0, 0, 5);
        assert_eq!(summary.clusters, 0);
        assert_eq!(summary.largest_cluster, 0);
        assert!(summary.brokers.is_empty() && summary.most_linked.is_empty());
        assert_eq!(summary.reading, "no active relationships yet");
    }
}
