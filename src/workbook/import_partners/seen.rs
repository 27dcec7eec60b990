//! The partners a CSV import has met, by name and by website, kept as 64-bit fingerprints in
//! sorted arrays so that a million rows cost 16 bytes each and no hash table's spare room.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::Hasher;

use super::{PartnerKey, name_key};
use crate::plan::shape::website_key;

/// Recent entries wait in a small hash table; this many are folded into the sorted arrays at once.
const RECENT_MAX: usize = 1 << 14;

/// A 64-bit fingerprint of a normalised name or website.
pub(super) fn fingerprint(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// Fingerprint → the first partner met with it. Most entries sit in two sorted arrays (16 bytes
/// an entry, searched by halving); the newest few wait in a hash table and are merged in, in
/// place, a batch at a time, so the arrays never need a second copy of themselves.
#[derive(Debug, Default)]
pub(super) struct FingerprintMap {
    fingerprints: Vec<u64>,
    keys: Vec<PartnerKey>,
    recent: HashMap<u64, PartnerKey>,
    /// The last fingerprint `get` did not find, while nothing has been kept since: a row is
    /// looked up for its duplicate, then kept, and the second search would find nothing again.
    missing: Cell<Option<u64>>,
}

impl FingerprintMap {
    pub(super) fn get(&self, fingerprint: u64) -> Option<PartnerKey> {
        let found = self.recent.get(&fingerprint).copied().or_else(|| {
            find(&self.fingerprints, fingerprint).and_then(|at| self.keys.get(at).copied())
        });
        if found.is_none() {
            self.missing.set(Some(fingerprint));
        }
        found
    }

    /// Remembers `key` for `fingerprint` unless a partner was met with it already.
    pub(super) fn keep_first(&mut self, fingerprint: u64, key: PartnerKey) {
        if self.missing.take() != Some(fingerprint) && self.get(fingerprint).is_some() {
            return;
        }
        self.missing.set(None);
        self.recent.insert(fingerprint, key);
        if self.recent.len() >= RECENT_MAX {
            self.fold_recent();
        }
    }

    /// Merges the waiting entries into the sorted arrays, from the back, in place.
    fn fold_recent(&mut self) {
        let mut batch: Vec<(u64, PartnerKey)> = self.recent.drain().collect();
        batch.sort_unstable_by_key(|&(fingerprint, _)| fingerprint);
        let old = self.fingerprints.len();
        self.fingerprints.resize(old + batch.len(), 0);
        self.keys.resize(old + batch.len(), 0);
        let (mut from_old, mut from_batch) = (old, batch.len());
        for to in (0..self.fingerprints.len()).rev() {
            let take_batch = match (from_old.checked_sub(1), from_batch.checked_sub(1)) {
                (Some(o), Some(b)) => batch[b].0 > self.fingerprints[o],
                (None, Some(_)) => true,
                _ => break,
            };
            if take_batch {
                from_batch -= 1;
                (self.fingerprints[to], self.keys[to]) = batch[from_batch];
            } else {
                from_old -= 1;
                self.fingerprints[to] = self.fingerprints[from_old];
                self.keys[to] = self.keys[from_old];
            }
        }
    }
}

/// Where `wanted` is in `sorted`. Fingerprints are spread evenly over 64 bits, so the place a
/// value should sit is guessed from its size (interpolation), and the search gallops out from
/// the guess (1, 2, 4 … entries) until it has the value between two entries, then halves that
/// short stretch. Halving the whole array of a million took twenty steps, most of them cache
/// misses (the import spent a sixth of its time there); from the guess the steps are short and
/// mostly in memory already read. Values not spread evenly (a crafted file) cost at most about
/// twice the halving.
fn find(sorted: &[u64], wanted: u64) -> Option<usize> {
    let (first, last) = (*sorted.first()?, *sorted.last()?);
    if wanted < first || wanted > last {
        return None;
    }
    let span = u128::from(last - first).max(1);
    let guess = (u128::from(wanted - first) * (sorted.len() - 1) as u128 / span) as usize;
    let (lo, hi) = if sorted[guess] < wanted {
        // Gallop right: the value is past `guess`.
        let mut step = 1;
        let mut lo = guess + 1;
        loop {
            let probe = guess.saturating_add(step);
            if probe >= sorted.len() || sorted[probe] >= wanted {
                break (lo, probe.min(sorted.len() - 1) + 1);
            }
            lo = probe + 1;
            step *= 2;
        }
    } else {
        // Gallop left: the value is at `guess` or before it.
        let mut step = 1;
        let mut hi = guess + 1;
        loop {
            let Some(probe) = guess.checked_sub(step) else {
                break (0, hi);
            };
            if sorted[probe] < wanted {
                break (probe + 1, hi);
            }
            hi = probe + 1;
            step *= 2;
        }
    };
    sorted[lo..hi].binary_search(&wanted).ok().map(|at| lo + at)
}

/// The partners met so far, by name and by website; the first one met keeps a name or website.
/// A fingerprint that matches a stored partner is confirmed against its row
/// (`PartnerImport::confirms`); two texts with one fingerprint can at worst let a repeated row
/// in as a new partner, never drop one.
#[derive(Debug, Default)]
pub(super) struct Seen {
    by_name: FingerprintMap,
    by_website: FingerprintMap,
}

impl Seen {
    pub(super) fn remember(&mut self, name: &str, website: &str, key: PartnerKey) {
        let name = name_key(name);
        if !name.is_empty() {
            self.by_name.keep_first(fingerprint(&name), key);
        }
        let website = website_key(website);
        if !website.is_empty() {
            self.by_website.keep_first(fingerprint(&website), key);
        }
    }

    /// The partner first met with this normalised name.
    pub(super) fn by_name(&self, name: &str) -> Option<PartnerKey> {
        self.by_name.get(fingerprint(name))
    }

    /// The partner first met with this normalised website.
    pub(super) fn by_website(&self, website: &str) -> Option<PartnerKey> {
        self.by_website.get(fingerprint(website))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_met_stays_across_folds_and_every_entry_is_found() {
        let mut map = FingerprintMap::default();
        // Scattered fingerprints, more than three folds' worth, each met twice.
        let n = (RECENT_MAX * 3 + 17) as u64;
        let scatter = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for i in 0..n {
            map.keep_first(scatter(i), i as i64);
        }
        for i in 0..n {
            map.keep_first(scatter(i), -1);
        }
        assert_eq!(map.fingerprints.len() + map.recent.len(), n as usize);
        for i in 0..n {
            assert_eq!(map.get(scatter(i)), Some(i as i64), "entry {i}");
        }
        assert_eq!(map.get(scatter(n)), None);
        assert!(map.fingerprints.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_fingerprint_looked_up_then_kept_is_kept_once_and_first_wins() {
        let mut map = FingerprintMap::default();
        assert_eq!(map.get(5), None);
        map.keep_first(5, 1);
        // Missed, then kept by another key in between: the later keep does not replace it.
        assert_eq!(map.get(6), None);
        map.keep_first(6, 2);
        map.keep_first(6, 3);
        assert_eq!(map.get(6), Some(2));
        // A miss remembered for one fingerprint says nothing about another.
        assert_eq!(map.get(7), None);
        map.keep_first(5, 4);
        assert_eq!(map.get(5), Some(1));
        assert_eq!(map.recent.len(), 2);
    }

    #[test]
    fn the_guess_finds_every_entry_and_nothing_else_however_they_are_spread() {
        let scatter = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let even: Vec<u64> = (0..5_000).map(scatter).collect();
        // Clustered: most values close together, a few far out (the guess is poor here).
        let clustered: Vec<u64> = (0..5_000)
            .map(|i| if i % 1000 == 0 { u64::MAX - i } else { i * 3 })
            .collect();
        let edges = vec![0, 1, 2, u64::MAX - 1, u64::MAX];
        for mut values in [even, clustered, edges, vec![], vec![7]] {
            values.sort_unstable();
            values.dedup();
            for (at, &v) in values.iter().enumerate() {
                assert_eq!(find(&values, v), Some(at), "{v}");
                for near in [v.wrapping_add(1), v.wrapping_sub(1)] {
                    assert_eq!(
                        find(&values, near),
                        values.binary_search(&near).ok(),
                        "{near}"
                    );
                }
            }
            assert_eq!(find(&values, 12_345), values.binary_search(&12_345).ok());
        }
    }

    #[test]
    fn names_and_websites_are_matched_after_normalising() {
        let mut seen = Seen::default();
        seen.remember("  Acme GmbH ", "https://www.acme.example/", 7);
        assert_eq!(seen.by_name(&name_key("ACME gmbh")), Some(7));
        assert_eq!(seen.by_website(&website_key("acme.example")), Some(7));
        assert_eq!(seen.by_name(&name_key("Acme AG")), None);
    }
}
