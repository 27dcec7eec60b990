//! The partners a CSV import has met, by name and by website, kept as 64-bit fingerprints in
//! sorted arrays so that a million rows cost 16 bytes each and no hash table's spare room.

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
}

impl FingerprintMap {
    pub(super) fn get(&self, fingerprint: u64) -> Option<PartnerKey> {
        self.recent.get(&fingerprint).copied().or_else(|| {
            self.fingerprints
                .binary_search(&fingerprint)
                .ok()
                .and_then(|at| self.keys.get(at).copied())
        })
    }

    /// Remembers `key` for `fingerprint` unless a partner was met with it already.
    pub(super) fn keep_first(&mut self, fingerprint: u64, key: PartnerKey) {
        if self.get(fingerprint).is_some() {
            return;
        }
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
    fn names_and_websites_are_matched_after_normalising() {
        let mut seen = Seen::default();
        seen.remember("  Acme GmbH ", "https://www.acme.example/", 7);
        assert_eq!(seen.by_name(&name_key("ACME gmbh")), Some(7));
        assert_eq!(seen.by_website(&website_key("acme.example")), Some(7));
        assert_eq!(seen.by_name(&name_key("Acme AG")), None);
    }
}
