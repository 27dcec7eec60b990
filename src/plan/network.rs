//! The network partners form with each other (the hub aside): links per partner, who has none,
//! clusters, brokers whose exit would cut others off, and how multilateral the ecosystem is.
//! Linear in partners and links (no all-pairs work), so it holds at 100,000 partners.

/// Partners as `0..partners` and their links with each other, both ways (a link's direction
/// does not change who is connected to whom).
///
/// Kept in compressed rows, as a million partners with three million links need: every
/// partner's entries in one list (`entries[starts[p]..starts[p + 1]]`, 4 bytes an entry), not a
/// list of its own per partner (24 bytes a partner before its first entry, and room to grow).
/// An entry is the other partner, with `FROM_END` set where this partner is the link's from
/// end: what lets a patch put a new link where a fresh read lists it (`network_patch`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    starts: Vec<usize>,
    entries: Vec<u32>,
}

/// The bit of an entry that says its partner is the link's from end.
pub(super) const FROM_END: u32 = 1 << 31;
/// The most partners a network holds: an entry keeps the other's index below `FROM_END`.
pub const MAX_PARTNERS: usize = FROM_END as usize;

impl Default for Network {
    fn default() -> Network {
        Network::new(0)
    }
}

/// The partners one partner is linked with, one per link, in the order linked.
#[derive(Debug, Clone)]
pub struct Neighbours<'a> {
    entries: std::slice::Iter<'a, u32>,
}

impl Iterator for Neighbours<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        self.entries.next().map(|&e| other(e))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl ExactSizeIterator for Neighbours<'_> {}

/// The partner an entry names.
pub(super) fn other(entry: u32) -> usize {
    (entry & !FROM_END) as usize
}

impl Network {
    pub fn new(partners: usize) -> Network {
        Network {
            starts: vec![0; partners.min(MAX_PARTNERS) + 1],
            entries: Vec::new(),
        }
    }

    /// A network of `partners` with `links` (from, to), each partner's neighbours in the order
    /// the links come. A loop, or a link to a partner outside, is left out (see `can_link`).
    /// Two passes over the links, no list per partner: how a large network is read.
    pub fn with_links(partners: usize, links: &[(u32, u32)]) -> Network {
        let mut net = Network::new(partners);
        let inside = |&&(a, b): &&(u32, u32)| net.can_link(a as usize, b as usize);
        let mut counts = vec![0usize; net.partners() + 1];
        for &(a, b) in links.iter().filter(inside) {
            counts[a as usize + 1] += 1;
            counts[b as usize + 1] += 1;
        }
        for p in 1..counts.len() {
            counts[p] += counts[p - 1];
        }
        let mut entries = vec![0u32; counts.last().copied().unwrap_or(0)];
        let mut next = counts.clone();
        for &(a, b) in links.iter().filter(inside) {
            entries[next[a as usize]] = b | FROM_END;
            next[a as usize] += 1;
            entries[next[b as usize]] = a;
            next[b as usize] += 1;
        }
        net.starts = counts;
        net.entries = entries;
        net
    }

    /// Adds a link at the end of both partners' lists; a link of a partner with itself, or to a
    /// partner outside, is ignored. Whether it was added. Moves every later entry: for a few
    /// links (`with_links` reads many).
    pub fn link(&mut self, a: usize, b: usize) -> bool {
        if !self.can_link(a, b) {
            return false;
        }
        for (partner, entry) in [(a, b as u32 | FROM_END), (b, a as u32)] {
            let end = self.starts[partner + 1];
            self.entries.insert(end, entry);
            for start in &mut self.starts[partner + 1..] {
                *start += 1;
            }
        }
        true
    }

    /// Whether a link between `a` and `b` is one `link` would add (not a loop, both inside).
    pub fn can_link(&self, a: usize, b: usize) -> bool {
        a != b && a < self.partners() && b < self.partners()
    }

    /// Partner `partner`'s entries (see `FROM_END`).
    pub(super) fn entries_of(&self, partner: usize) -> &[u32] {
        match (self.starts.get(partner), self.starts.get(partner + 1)) {
            (Some(&from), Some(&to)) => &self.entries[from..to],
            _ => &[],
        }
    }

    /// Puts `entries` in place of `partner`'s, moving the later partners' once.
    pub(super) fn replace_entries(&mut self, partner: usize, entries: Vec<u32>) {
        let (Some(&from), Some(&to)) = (self.starts.get(partner), self.starts.get(partner + 1))
        else {
            return;
        };
        let (was, now) = (to - from, entries.len());
        self.entries.splice(from..to, entries);
        if now != was {
            for start in &mut self.starts[partner + 1..] {
                *start = *start + now - was;
            }
        }
    }

    pub fn partners(&self) -> usize {
        self.starts.len() - 1
    }

    /// Links per partner (a pair linked twice counts twice: two kinds of work together).
    pub fn links_of(&self, partner: usize) -> usize {
        self.entries_of(partner).len()
    }

    /// All links' ends: twice the links.
    pub fn ends(&self) -> usize {
        self.entries.len()
    }

    /// The partners `partner` is linked with (one entry per link), in the order linked.
    pub fn neighbours(&self, partner: usize) -> Neighbours<'_> {
        Neighbours {
            entries: self.entries_of(partner).iter(),
        }
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
            .filter(|&p| self.links_of(p) == 0)
            .collect()
    }

    /// Groups of partners linked to each other, directly or through others; each sorted, the
    /// largest first. Partners with no link are not a cluster.
    pub fn clusters(&self) -> Vec<Vec<usize>> {
        let mut seen = vec![false; self.partners()];
        let mut clusters = Vec::new();
        for start in 0..self.partners() {
            if seen[start] || self.links_of(start) == 0 {
                continue;
            }
            let mut cluster = vec![start];
            seen[start] = true;
            let mut next = 0;
            while next < cluster.len() {
                let at = cluster[next];
                next += 1;
                for n in self.neighbours(at) {
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
        // them alone (`slot` finds a partner's place), 4 bytes each, not for every partner of
        // a large plan.
        const NONE: u32 = u32::MAX;
        let linked: Vec<u32> = (0..self.partners())
            .filter(|&p| self.links_of(p) > 0)
            .map(|p| p as u32)
            .collect();
        let mut slot = vec![NONE; self.partners()];
        for (at, &p) in linked.iter().enumerate() {
            slot[p as usize] = at as u32;
        }
        let n = linked.len();
        let mut order = vec![NONE; n];
        let mut low = vec![0u32; n];
        let mut parent = vec![NONE; n];
        let mut subtree = vec![0u32; n];
        // Per partner, the groups below it that cannot reach above it: how many, how many
        // partners in all, and the largest.
        let mut pieces = vec![Pieces::default(); n];
        let mut counter = 0u32;
        let mut brokers = Vec::new();
        for root in 0..n {
            if order[root] != NONE {
                continue;
            }
            let first = counter;
            let mut members = Vec::new();
            // (partner, next entry): an explicit stack instead of recursion.
            let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
            order[root] = counter;
            low[root] = counter;
            counter += 1;
            while let Some(&mut (at, ref mut next)) = stack.last_mut() {
                if let Some(&entry) = self.entries_of(linked[at] as usize).get(*next) {
                    let n = slot[other(entry)] as usize;
                    *next += 1;
                    if order[n] == NONE {
                        parent[n] = at as u32;
                        order[n] = counter;
                        low[n] = counter;
                        counter += 1;
                        stack.push((n, 0));
                    } else if n as u32 != parent[at] {
                        low[at] = low[at].min(order[n]);
                    }
                    continue;
                }
                stack.pop();
                members.push(at);
                subtree[at] += 1;
                let up = parent[at];
                if up != NONE {
                    let up = up as usize;
                    low[up] = low[up].min(low[at]);
                    subtree[up] += subtree[at];
                    if low[at] >= order[up] {
                        pieces[up].add(subtree[at]);
                    }
                }
            }
            let cluster = (counter - first) as usize;
            for &p in &members {
                let below = pieces[p];
                let mut parts = below.count as usize;
                let mut largest = below.largest as usize;
                if p != root {
                    let above = cluster - 1 - below.partners as usize;
                    parts += 1;
                    largest = largest.max(above);
                }
                if parts < 2 {
                    continue;
                }
                brokers.push(Broker {
                    partner: linked[p] as usize,
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
        if broker >= self.partners() {
            return Vec::new();
        }
        let mut seen = vec![false; self.partners()];
        seen[broker] = true;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for first in self.neighbours(broker) {
            if seen[first] {
                continue;
            }
            seen[first] = true;
            let mut group = vec![first];
            let mut next = 0;
            while next < group.len() {
                let at = group[next];
                next += 1;
                for n in self.neighbours(at) {
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

/// The groups below a partner in the depth-first pass that cannot reach above it.
#[derive(Debug, Clone, Copy, Default)]
struct Pieces {
    count: u32,
    partners: u32,
    largest: u32,
}

impl Pieces {
    fn add(&mut self, size: u32) {
        self.count += 1;
        self.partners += size;
        self.largest = self.largest.max(size);
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
        let links: Vec<(u32, u32)> = links.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        Network::with_links(partners, &links)
    }

    #[test]
    fn links_added_one_by_one_give_what_reading_them_all_gives() {
        let links = [(2, 0), (0, 1), (3, 3), (1, 2), (0, 9), (2, 0)];
        let mut one_by_one = Network::new(4);
        let added: Vec<bool> = links.iter().map(|&(a, b)| one_by_one.link(a, b)).collect();
        assert_eq!(added, [true, true, false, true, false, true]);
        let read = network(4, &links);
        assert_eq!(one_by_one, read);
        assert_eq!(read.neighbours(0).collect::<Vec<_>>(), [2, 1, 2]);
        assert_eq!(read.entries_of(0), [2, 1 | FROM_END, 2]);
        assert_eq!(read.ends(), 8);
        assert_eq!(read.links_of(3), 0);
    }

    #[test]
    fn a_star_has_its_centre_as_the_only_broker_cutting_off_every_leaf() {
        let net = network(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
        assert_eq!(net.links_of(0), 4);
        assert_eq!(net.links_of(3), 1);
        assert_eq!(net.neighbours(3).collect::<Vec<_>>(), [0]);
        assert_eq!(net.neighbours(9).len(), 0);
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
