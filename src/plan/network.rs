//! The network partners form with each other (the hub aside): links per partner, who has none,
//! clusters, brokers whose exit would cut others off, and how multilateral the ecosystem is.
//! Linear in partners and links (no all-pairs work), so it holds at 100,000 partners.

/// Partners as `0..partners` and their links with each other, both ways (a link's direction
/// does not change who is connected to whom).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    neighbours: Vec<Vec<usize>>,
}

impl Network {
    pub fn new(partners: usize) -> Network {
        Network {
            neighbours: vec![Vec::new(); partners],
        }
    }

    /// Adds a link; a link of a partner with itself, or to a partner outside, is ignored.
    /// Whether it was added.
    pub fn link(&mut self, a: usize, b: usize) -> bool {
        if !self.can_link(a, b) {
            return false;
        }
        self.neighbours[a].push(b);
        self.neighbours[b].push(a);
        true
    }

    /// Puts `other` at place `at` of `partner`'s list: one end of a link, the other end being
    /// put by a second call (see `network_patch`, which keeps both ends in step).
    pub(super) fn insert_neighbour(&mut self, partner: usize, at: usize, other: usize) {
        if let Some(list) = self.neighbours.get_mut(partner) {
            list.insert(at.min(list.len()), other);
        }
    }

    /// Takes place `at` out of `partner`'s list (one end of a link, see `insert_neighbour`).
    pub(super) fn remove_neighbour(&mut self, partner: usize, at: usize) {
        if let Some(list) = self.neighbours.get_mut(partner)
            && at < list.len()
        {
            list.remove(at);
        }
    }

    /// Whether a link between `a` and `b` is one `link` would add (not a loop, both inside).
    pub(super) fn can_link(&self, a: usize, b: usize) -> bool {
        a != b && a < self.neighbours.len() && b < self.neighbours.len()
    }

    pub fn partners(&self) -> usize {
        self.neighbours.len()
    }

    /// Links per partner (a pair linked twice counts twice: two kinds of work together).
    pub fn links_of(&self, partner: usize) -> usize {
        self.neighbours.get(partner).map_or(0, Vec::len)
    }

    /// The partners `partner` is linked with (one entry per link), in the order linked.
    pub fn neighbours(&self, partner: usize) -> &[usize] {
        self.neighbours.get(partner).map_or(&[], Vec::as_slice)
    }

    /// The `top` partners with most links (only those with a link), most first; `tie` orders
    /// partners with as many links. A partial selection, not a sort of every partner.
    pub fn most_linked(
        &self,
        top: usize,
        tie: impl Fn(usize, usize) -> std::cmp::Ordering,
    ) -> Vec<usize> {
        let mut linked: Vec<usize> = (0..self.partners())
            .filter(|&p| self.links_of(p) > 0)
            .collect();
        let by_links = |a: &usize, b: &usize| {
            self.links_of(*b)
                .cmp(&self.links_of(*a))
                .then_with(|| tie(*a, *b))
        };
        if linked.len() > top {
            linked.select_nth_unstable_by(top, by_links);
            linked.truncate(top);
        }
        linked.sort_by(by_links);
        linked
    }

    /// Partners with no link to another partner: they work with the hub alone.
    pub fn isolated(&self) -> Vec<usize> {
        (0..self.partners())
            .filter(|&p| self.neighbours[p].is_empty())
            .collect()
    }

    /// Groups of partners linked to each other, directly or through others; each sorted, the
    /// largest first. Partners with no link are not a cluster.
    pub fn clusters(&self) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.partners()];
        let mut clusters = Vec::new();
        for start in 0..self.partners() {
            if seen[start] || self.neighbours[start].is_empty() {
                continue;
            }
            let mut cluster = vec![start];
            seen[start] = true;
            let mut next = 0;
            while next < cluster.len() {
                let at = cluster[next];
                next += 1;
                for &n in &self.neighbours[at] {
                    if !seen[n] {
                        seen[n] = true;
                        cluster.push(n);
                    }
                }
            }
            cluster.sort_unstable();
            clusters.push(cluster);
        }
        clusters.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        clusters
    }

    /// Partners whose exit would split their cluster, with how many partners would lose their
    /// way to the largest part that is left; most cut off first. One depth-first pass
    /// (articulation points), without recursion; `cut_off_by` names who for one broker.
    pub fn brokers(&self) -> Vec<Broker> {
        // Only partners with a link can be brokers or be cut off: the pass keeps its figures for
        // them alone (`slot` finds a partner's place), not for every partner of a large plan.
        let linked: Vec<usize> = (0..self.partners())
            .filter(|&p| !self.neighbours[p].is_empty())
            .collect();
        let mut slot = vec![u32::MAX; self.partners()];
        for (at, &p) in linked.iter().enumerate() {
            slot[p] = u32::try_from(at).unwrap_or(u32::MAX);
        }
        let slot_of = |p: usize| slot[p] as usize;
        let n = linked.len();
        let mut order = vec![usize::MAX; n];
        let mut low = vec![0usize; n];
        let mut parent = vec![usize::MAX; n];
        let mut subtree = vec![0usize; n];
        // Per partner: the sizes of the groups below it that cannot reach above it.
        let mut pieces: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut counter = 0;
        let mut brokers = Vec::new();
        for root in 0..n {
            if order[root] != usize::MAX {
                continue;
            }
            let first = counter;
            let mut members = Vec::new();
            // (partner, next neighbour index): an explicit stack instead of recursion.
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            order[root] = counter;
            low[root] = counter;
            counter += 1;
            while let Some(&mut (at, ref mut next)) = stack.last_mut() {
                if let Some(&n) = self.neighbours[linked[at]].get(*next) {
                    let n = slot_of(n);
                    *next += 1;
                    if order[n] == usize::MAX {
                        parent[n] = at;
                        order[n] = counter;
                        low[n] = counter;
                        counter += 1;
                        stack.push((n, 0));
                    } else if n != parent[at] {
                        low[at] = low[at].min(order[n]);
                    }
                    continue;
                }
                stack.pop();
                members.push(at);
                subtree[at] += 1;
                let up = parent[at];
                if up != usize::MAX {
                    low[up] = low[up].min(low[at]);
                    subtree[up] += subtree[at];
                    if low[at] >= order[up] {
                        pieces[up].push(subtree[at]);
                    }
                }
            }
            let cluster = counter - first;
            for &p in &members {
                let below: usize = pieces[p].iter().sum();
                let mut parts = pieces[p].clone();
                if p != root {
                    parts.push(cluster - 1 - below);
                }
                if parts.len() < 2 {
                    continue;
                }
                let largest = parts.iter().copied().max().unwrap_or(0);
                brokers.push(Broker {
                    partner: linked[p],
                    cut_off: cluster - 1 - largest,
                });
            }
        }
        brokers.sort_by(|a, b| b.cut_off.cmp(&a.cut_off).then(a.partner.cmp(&b.partner)));
        brokers
    }

    /// Who would lose their way to the rest if `broker` left: the groups its neighbours fall
    /// into without it, all but the largest, largest first.
    pub fn cut_off_by(&self, broker: usize) -> Vec<Vec<usize>> {
        let Some(start) = self.neighbours.get(broker) else {
            return Vec::new();
        };
        let mut seen = vec![false; self.partners()];
        seen[broker] = true;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &first in start {
            if seen[first] {
                continue;
            }
            seen[first] = true;
            let mut group = vec![first];
            let mut next = 0;
            while next < group.len() {
                let at = group[next];
                next += 1;
                for &n in &self.neighbours[at] {
                    if !seen[n] {
                        seen[n] = true;
                        group.push(n);
                    }
                }
            }
            group.sort_unstable();
            groups.push(group);
        }
        groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        if !groups.is_empty() {
            groups.remove(0);
        }
        groups
    }
}

/// A partner whose exit would cut others off from the rest of its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broker {
    pub partner: usize,
    /// How many partners would lose their way to the largest part left.
    pub cut_off: usize,
}

/// The share of the ecosystem's active relationships that do not run through the hub: active
/// partner↔partner links against those plus one hub relationship per active partner. `None`
/// when there is no active relationship at all.
pub fn multilaterality(active_partner_links: usize, active_partners: usize) -> Option<f64> {
    let all = active_partner_links + active_partners;
    (all > 0).then(|| active_partner_links as f64 / all as f64)
}

/// One line that reads the figure: "mostly a channel: 85 % of relationships run through you".
pub fn reading(share: Option<f64>) -> String {
    let Some(share) = share else {
        return "no active relationships yet".into();
    };
    let through_hub = ((1.0 - share) * 100.0).round() as i64;
    let between = (share * 100.0).round() as i64;
    if share < 0.2 {
        format!("mostly a channel: {through_hub} % of relationships run through you")
    } else if share < 0.5 {
        format!(
            "becoming an ecosystem: {between} % of relationships are between partners, the rest run \
             through you"
        )
    } else {
        format!("multilateral: {between} % of relationships are between partners themselves")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(partners: usize, links: &[(usize, usize)]) -> Network {
        let mut net = Network::new(partners);
        for &(a, b) in links {
            net.link(a, b);
        }
        net
    }

    #[test]
    fn a_star_has_its_centre_as_the_only_broker_cutting_off_every_leaf() {
        let net = network(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!(net.links_of(0), 4);
        assert_eq!(net.links_of(3), 1);
        assert_eq!(net.neighbours(3), &[0]);
        assert!(net.neighbours(9).is_empty());
        assert_eq!(net.clusters(), vec![vec![0, 1, 2, 3, 4]]);
        let brokers = net.brokers();
        assert_eq!(brokers.len(), 1);
        assert_eq!(brokers[0].partner, 0);
        // Without the centre, one leaf is "the rest" and three lose their way to it.
        assert_eq!(brokers[0].cut_off, 3);
        assert_eq!(net.cut_off_by(0).len(), 3);
    }

    #[test]
    fn in_a_chain_every_inner_partner_is_a_broker_and_the_middle_one_cuts_most() {
        // 0 - 1 - 2 - 3 - 4
        let net = network(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
        let brokers = net.brokers();
        let who: Vec<usize> = brokers.iter().map(|b| b.partner).collect();
        let mut sorted = who.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![1, 2, 3]);
        // The middle partner cuts the chain in halves: two partners lose the other two.
        assert_eq!(brokers[0].partner, 2);
        assert_eq!(brokers[0].cut_off, 2);
        assert_eq!(net.cut_off_by(1), vec![vec![0]]);
        assert_eq!(net.cut_off_by(3), vec![vec![4]]);
    }

    #[test]
    fn two_clusters_joined_by_one_partner_name_it_and_what_it_cuts_off() {
        // Triangle 0-1-2, triangle 4-5-6, and 3 between 2 and 4.
        let net = network(
            8,
            &[
                (0, 1),
                (1, 2),
                (2, 0),
                (2, 3),
                (3, 4),
                (4, 5),
                (5, 6),
                (6, 4),
            ],
        );
        assert_eq!(net.isolated(), vec![7]);
        assert_eq!(net.clusters(), vec![vec![0, 1, 2, 3, 4, 5, 6]]);
        let brokers = net.brokers();
        let who: Vec<usize> = brokers.iter().map(|b| b.partner).collect();
        assert!(who.contains(&3), "{who:?}");
        assert!(who.contains(&2) && who.contains(&4), "{who:?}");
        assert!(!who.contains(&0) && !who.contains(&5), "{who:?}");
        let three = brokers.iter().find(|b| b.partner == 3).unwrap();
        assert_eq!(three.cut_off, 3);
        assert_eq!(net.cut_off_by(3), vec![vec![4, 5, 6]]);
    }

    #[test]
    fn a_complete_graph_has_no_broker_and_one_cluster() {
        let mut links = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                links.push((a, b));
            }
        }
        let net = network(5, &links);
        assert!(net.brokers().is_empty());
        assert_eq!(net.clusters().len(), 1);
        assert!(net.isolated().is_empty());
    }

    #[test]
    fn separate_clusters_come_largest_first_and_isolated_partners_are_none() {
        let net = network(7, &[(5, 6), (0, 1), (1, 2)]);
        assert_eq!(net.clusters(), vec![vec![0, 1, 2], vec![5, 6]]);
        assert_eq!(net.isolated(), vec![3, 4]);
    }

    #[test]
    fn multilaterality_is_the_share_of_relationships_between_partners() {
        assert_eq!(multilaterality(0, 0), None);
        assert_eq!(multilaterality(0, 10), Some(0.0));
        let share = multilaterality(3, 17).unwrap();
        assert!((share - 0.15).abs() < 1e-9);
        assert_eq!(
            reading(Some(share)),
            "mostly a channel: 85 % of relationships run through you"
        );
        assert!(reading(Some(0.6)).starts_with("multilateral: 60 %"));
    }

    #[test]
    fn a_large_chain_is_walked_without_recursion() {
        let n = 200_000;
        let links: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let net = network(n, &links);
        assert_eq!(net.brokers().len(), n - 2);
    }

    #[test]
    fn partners_without_links_between_the_others_change_no_broker() {
        // Two triangles joined by a bridge, with a tail: brokers 3, 2 and 5 (most cut off first).
        let links = [
            (0, 1),
            (1, 2),
            (0, 2),
            (2, 3),
            (3, 4),
            (4, 5),
            (3, 5),
            (5, 6),
        ];
        let plain = network(7, &links);
        // The same seven, placed after and between partners with no link (every third one).
        let place = |p: usize| 3 * p + 1;
        let spread: Vec<(usize, usize)> =
            links.iter().map(|&(a, b)| (place(a), place(b))).collect();
        let roomy = network(3 * 7 + 2, &spread);
        let moved: Vec<Broker> = plain
            .brokers()
            .into_iter()
            .map(|b| Broker {
                partner: place(b.partner),
                cut_off: b.cut_off,
            })
            .collect();
        assert_eq!(roomy.brokers(), moved);
        assert_eq!(
            plain
                .brokers()
                .iter()
                .map(|b| b.partner)
                .collect::<Vec<_>>(),
            [3, 2, 5]
        );
    }
}
