//! Links put into and taken out of a network in place, in the order a fresh read lists them.
//!
//! A fresh read adds the links by (from partner id, to partner id, link id), so each partner's
//! neighbours come in that order. Which neighbours a large map shows (the first ones a walk
//! from the selected partner meets) depends on it, so a patched network must list them exactly
//! as a fresh read would: each new link goes where that order puts it in both partners' lists.

use std::cmp::Ordering;

use super::network::Network;

/// Which stored link each of a network's neighbour entries stands for: `+id` where the partner
/// is the link's from end, `-id` where it is its to end (stored ids are positive).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkOrder {
    ends: Vec<Vec<i64>>,
}

/// A stored link between network partners `from` and `to`, with its id in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacedLink {
    pub from: usize,
    pub to: usize,
    pub id: i64,
}

impl LinkOrder {
    pub fn new(partners: usize) -> LinkOrder {
        LinkOrder {
            ends: vec![Vec::new(); partners],
        }
    }

    /// Adds `link` to `network` at the end of both partners' lists, as a fresh read does (which
    /// reads the links in order); whether it was added (a loop, or a partner outside, is not).
    pub fn push(&mut self, network: &mut Network, link: PlacedLink) -> bool {
        if !network.can_link(link.from, link.to) || self.ends.len() != network.partners() {
            return false;
        }
        network.link(link.from, link.to);
        self.ends[link.from].push(link.id);
        self.ends[link.to].push(-link.id);
        true
    }

    /// Adds `link` to `network` where a fresh read would list it; `ids[i]` is the workbook id
    /// of network partner `i`. Whether it was added.
    pub fn insert(&mut self, network: &mut Network, link: PlacedLink, ids: &[i64]) -> bool {
        let (Some(&from_id), Some(&to_id)) = (ids.get(link.from), ids.get(link.to)) else {
            return false;
        };
        if !network.can_link(link.from, link.to) || self.ends.len() != network.partners() {
            return false;
        }
        let key = (from_id, to_id, link.id);
        for (partner, other, end) in [
            (link.from, link.to, link.id),
            (link.to, link.from, -link.id),
        ] {
            let at = self.place(network, partner, ids, key);
            network.insert_neighbour(partner, at, other);
            self.ends[partner].insert(at, end);
        }
        true
    }

    /// Takes link `id` between `from` and `to` out of `network`; whether it was there.
    pub fn remove(&mut self, network: &mut Network, from: usize, to: usize, id: i64) -> bool {
        let find = |ends: &Vec<Vec<i64>>, partner: usize, end: i64| {
            ends.get(partner)?.iter().position(|&e| e == end)
        };
        let (Some(at_from), Some(at_to)) = (find(&self.ends, from, id), find(&self.ends, to, -id))
        else {
            return false;
        };
        for (partner, at) in [(from, at_from), (to, at_to)] {
            network.remove_neighbour(partner, at);
            self.ends[partner].remove(at);
        }
        true
    }

    /// Where `key` goes among `partner`'s links, which are in key order.
    fn place(&self, network: &Network, partner: usize, ids: &[i64], key: (i64, i64, i64)) -> usize {
        let own = ids.get(partner).copied().unwrap_or(0);
        let neighbours = network.neighbours(partner);
        let ends = &self.ends[partner];
        // partition_point over indexes: entries whose key sorts before `key` come first.
        let (mut low, mut high) = (0, ends.len());
        while low < high {
            let mid = (low + high) / 2;
            let other = neighbours
                .get(mid)
                .and_then(|&n| ids.get(n))
                .copied()
                .unwrap_or(0);
            let end = ends[mid];
            let entry = if end > 0 {
                (own, other, end)
            } else {
                (other, own, -end)
            };
            match entry.cmp(&key) {
                Ordering::Less => low = mid + 1,
                _ => high = mid,
            }
        }
        low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A network read fresh: `links` (from, to, id) sorted by (from id, to id, id).
    fn fresh(ids: &[i64], links: &[(usize, usize, i64)]) -> (Network, LinkOrder) {
        let mut sorted = links.to_vec();
        sorted.sort_by_key(|&(f, t, id)| (ids[f], ids[t], id));
        let mut network = Network::new(ids.len());
        let mut order = LinkOrder::new(ids.len());
        for (from, to, id) in sorted {
            order.push(&mut network, PlacedLink { from, to, id });
        }
        (network, order)
    }

    #[test]
    fn a_link_inserted_goes_where_a_fresh_read_lists_it_at_both_ends() {
        // Network partner i has workbook id ids[i]: not in id order, as a read by stage and
        // name gives them.
        let ids = [30, 10, 20, 40];
        let before = [(1, 0, 1), (0, 3, 2), (2, 0, 3), (0, 2, 4)];
        let (mut network, mut order) = fresh(&ids, &before);
        let link = PlacedLink {
            from: 0,
            to: 1,
            id: 9,
        };
        assert!(order.insert(&mut network, link, &ids));
        let mut after = before.to_vec();
        after.push((0, 1, 9));
        let (want_network, want_order) = fresh(&ids, &after);
        assert_eq!(network, want_network);
        assert_eq!(order, want_order);
        assert_ne!(
            network.neighbours(0).last(),
            Some(&1),
            "appended instead of placed: {:?}",
            network.neighbours(0)
        );
    }

    #[test]
    fn a_link_removed_leaves_what_a_fresh_read_of_the_rest_gives() {
        let ids = [5, 3, 8];
        let links = [(0, 1, 1), (1, 2, 2), (0, 1, 3), (2, 0, 4)];
        let (mut network, mut order) = fresh(&ids, &links);
        assert!(order.remove(&mut network, 0, 1, 3));
        assert!(!order.remove(&mut network, 0, 1, 3), "already gone");
        assert!(
            !order.remove(&mut network, 1, 0, 1),
            "the ends the wrong way"
        );
        let (want_network, want_order) = fresh(&ids, &[(0, 1, 1), (1, 2, 2), (2, 0, 4)]);
        assert_eq!(network, want_network);
        assert_eq!(order, want_order);
    }

    #[test]
    fn loops_and_partners_outside_are_left_out_as_a_fresh_read_leaves_them() {
        let ids = [1, 2];
        let (mut network, mut order) = fresh(&ids, &[]);
        let looped = PlacedLink {
            from: 1,
            to: 1,
            id: 1,
        };
        let outside = PlacedLink {
            from: 0,
            to: 7,
            id: 2,
        };
        assert!(!order.insert(&mut network, looped, &ids));
        assert!(!order.push(&mut network, outside));
        assert_eq!(network.links_of(0) + network.links_of(1), 0);
    }
}
