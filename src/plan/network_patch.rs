//! Links put into and taken out of a network in place, in the order a fresh read lists them.
//!
//! A fresh read adds the links by (from partner id, to partner id, link id), so each partner's
//! neighbours come in that order. Which neighbours a large map shows (the first ones a walk
//! from the selected partner meets) depends on it, so a patched network must list them exactly
//! as a fresh read would. A patch works a pair of partners at a time: every link between the
//! two is taken out and the links between them now are put back, each where that order puts
//! it in both partners' lists (an entry's `FROM_END` bit says which end its partner is, so the
//! key of every other entry is known without the workbook).

use super::network::{FROM_END, Network, other};

/// How a pair's links changed: how many were there, how many are now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relinked {
    pub removed: usize,
    pub added: usize,
}

impl Network {
    /// Makes the links between partners `a` and `b` those of `now` (each `(from, to)`, both
    /// ends `a` and `b` either way round, in a fresh read's order), every other link staying
    /// where it is; `ids[i]` is the workbook id of partner `i`. Each partner's list is moved
    /// once.
    pub fn relink_pair(
        &mut self,
        a: usize,
        b: usize,
        now: &[(usize, usize)],
        ids: &[i64],
    ) -> Relinked {
        if !self.can_link(a, b) {
            return Relinked::default();
        }
        let id = |p: usize| ids.get(p).copied().unwrap_or(0);
        let ours = |&&(from, to): &&(usize, usize)| (from, to) == (a, b) || (from, to) == (b, a);
        // Both partners' lists hold each link between them once.
        let relinked = Relinked {
            removed: self.neighbours(a).filter(|&n| n == b).count(),
            added: now.iter().filter(ours).count(),
        };
        for (partner, pair) in [(a, b), (b, a)] {
            let own = id(partner);
            // Where an entry sorts among the partner's links: its link's (from id, to id).
            let key = |entry: u32| {
                let theirs = id(other(entry));
                if entry & FROM_END != 0 {
                    (own, theirs)
                } else {
                    (theirs, own)
                }
            };
            let mut list: Vec<u32> = self
                .entries_of(partner)
                .iter()
                .copied()
                .filter(|&e| other(e) != pair)
                .collect();
            for &(from, to) in now.iter().filter(ours) {
                let entry = if partner == from {
                    pair as u32 | FROM_END
                } else {
                    pair as u32
                };
                let wanted = (id(from), id(to));
                // After the links that sort before it or with it: those of the pair put back
                // already have lower link ids, as `now` comes in order.
                let at = list.partition_point(|&e| key(e) <= wanted);
                list.insert(at, entry);
            }
            self.replace_entries(partner, list);
        }
        relinked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A network read fresh: `links` (from, to, id) sorted by (from id, to id, id).
    fn fresh(ids: &[i64], links: &[(usize, usize, i64)]) -> Network {
        let mut sorted = links.to_vec();
        sorted.sort_by_key(|&(f, t, id)| (ids[f], ids[t], id));
        let pairs: Vec<(u32, u32)> = sorted
            .iter()
            .map(|&(f, t, _)| (f as u32, t as u32))
            .collect();
        Network::with_links(ids.len(), &pairs)
    }

    /// The links between `a` and `b` among `links`, in a fresh read's order.
    fn between(
        ids: &[i64],
        links: &[(usize, usize, i64)],
        a: usize,
        b: usize,
    ) -> Vec<(usize, usize)> {
        let mut pair: Vec<(usize, usize, i64)> = links
            .iter()
            .copied()
            .filter(|&(f, t, _)| (f, t) == (a, b) || (f, t) == (b, a))
            .collect();
        pair.sort_by_key(|&(f, t, id)| (ids[f], ids[t], id));
        pair.into_iter().map(|(f, t, _)| (f, t)).collect()
    }

    #[test]
    fn a_link_put_in_goes_where_a_fresh_read_lists_it_at_both_ends() {
        // Network partner i has workbook id ids[i]: not in id order, as a read by stage and
        // name gives them.
        let ids = [30, 10, 20, 40];
        let before = [(1, 0, 1), (0, 3, 2), (2, 0, 3), (0, 2, 4)];
        let mut network = fresh(&ids, &before);
        let mut after = before.to_vec();
        after.push((0, 1, 9));
        let done = network.relink_pair(0, 1, &between(&ids, &after, 0, 1), &ids);
        assert_eq!(
            done,
            Relinked {
                removed: 1,
                added: 2
            }
        );
        assert_eq!(network, fresh(&ids, &after));
        assert_ne!(
            network.neighbours(0).last(),
            Some(1),
            "appended instead of placed: {:?}",
            network.neighbours(0).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_link_taken_out_leaves_what_a_fresh_read_of_the_rest_gives() {
        let ids = [5, 3, 8];
        let links = [(0, 1, 1), (1, 2, 2), (0, 1, 3), (2, 0, 4)];
        let mut network = fresh(&ids, &links);
        let rest = [(0, 1, 1), (1, 2, 2), (2, 0, 4)];
        let done = network.relink_pair(1, 0, &between(&ids, &rest, 0, 1), &ids);
        assert_eq!(
            done,
            Relinked {
                removed: 2,
                added: 1
            }
        );
        assert_eq!(network, fresh(&ids, &rest));
        let again = network.relink_pair(0, 1, &between(&ids, &rest, 0, 1), &ids);
        assert_eq!(
            again,
            Relinked {
                removed: 1,
                added: 1
            },
            "nothing changes"
        );
        assert_eq!(network, fresh(&ids, &rest));
    }

    #[test]
    fn every_change_of_a_pair_in_a_larger_network_matches_a_fresh_read() {
        // Ids out of order, links both ways between pairs, several links a pair.
        let ids: Vec<i64> = (0..12).map(|i| (i * 7 + 5) % 13 + 1).collect();
        let mut links: Vec<(usize, usize, i64)> = Vec::new();
        let mut next_id = 1;
        for a in 0..12 {
            for step in [1, 3, 5] {
                let b = (a * step + 2) % 12;
                links.push((a, b, next_id));
                next_id += 1;
            }
        }
        let mut network = fresh(&ids, &links);
        for round in 0..40 {
            let (a, b) = (round % 12, (round * 5 + 1) % 12);
            if round % 3 == 0 {
                links.retain(|&(f, t, _)| !((f, t) == (a, b) || (f, t) == (b, a)));
            } else if round % 3 == 1 {
                links.push((a, b, next_id));
            } else {
                links.push((b, a, next_id));
            }
            next_id += 1;
            network.relink_pair(a, b, &between(&ids, &links, a, b), &ids);
            assert_eq!(network, fresh(&ids, &links), "round {round}: {a}–{b}");
        }
    }

    #[test]
    fn loops_and_partners_outside_change_nothing() {
        let ids = [1, 2];
        let mut network = fresh(&ids, &[(0, 1, 1)]);
        let was = network.clone();
        assert_eq!(
            network.relink_pair(1, 1, &[(1, 1)], &ids),
            Relinked::default()
        );
        assert_eq!(
            network.relink_pair(0, 7, &[(0, 7)], &ids),
            Relinked::default()
        );
        assert_eq!(network, was);
    }
}
