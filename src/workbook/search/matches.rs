//! One filter's result: a bit per partner of the index's base (one million partners take
//! 125 KB, where a list of ids took 8 MB), plus the matching partners edited since the base
//! was read.

use std::sync::Arc;

use super::floor::Floor;

/// A set of row positions, one bit each.
#[derive(Clone, Default)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }

    pub(crate) fn all(len: usize) -> Bits {
        let mut bits = Bits(vec![u64::MAX; len.div_ceil(64)]);
        if let Some(last) = bits.0.last_mut()
            && !len.is_multiple_of(64)
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        bits
    }

    pub(crate) fn get(&self, at: usize) -> bool {
        self.0
            .get(at / 64)
            .is_some_and(|word| word & (1u64 << (at % 64)) != 0)
    }

    pub(crate) fn set(&mut self, at: usize) {
        if let Some(word) = self.0.get_mut(at / 64) {
            *word |= 1u64 << (at % 64);
        }
    }

    /// Adds every position set in `other` (of the same length).
    pub(crate) fn union(&mut self, other: &Bits) {
        for (word, more) in self.0.iter_mut().zip(&other.0) {
            *word |= more;
        }
    }

    /// Removes every position set in `other`.
    pub(crate) fn remove(&mut self, other: &Bits) {
        for (word, less) in self.0.iter_mut().zip(&other.0) {
            *word &= !less;
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The set positions, ascending.
    pub(crate) fn positions(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(at, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros() as usize;
                    word &= word - 1;
                    at * 64 + bit
                })
            })
        })
    }
}

/// The partners matching one filter.
#[derive(Default)]
pub(crate) struct Matches {
    /// The base's ids, ascending; `bits` is indexed by their positions.
    base: Arc<Vec<i64>>,
    bits: Bits,
    /// Matching partners edited (or added) since the base was read, ascending.
    edited: Vec<i64>,
    count: usize,
    /// The least name a match can have (see `Floor`).
    floor: Floor,
}

impl Matches {
    pub(crate) fn new(base: Arc<Vec<i64>>, bits: Bits, edited: Vec<i64>) -> Matches {
        let count = bits.count() + edited.len();
        Matches {
            base,
            bits,
            edited,
            count,
            floor: Floor::default(),
        }
    }

    /// The same matches, knowing the least name they can have.
    pub(crate) fn with_floor(self, floor: Floor) -> Matches {
        Matches { floor, ..self }
    }

    /// What the search saw of the matches' least name.
    pub(crate) fn seen_floor(&self) -> &Floor {
        &self.floor
    }

    /// The least name a match can have, when the search saw every match's name.
    pub(crate) fn floor(&self) -> Option<String> {
        self.floor.bound()
    }

    pub(crate) fn len(&self) -> usize {
        self.count
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub(crate) fn contains(&self, id: i64) -> bool {
        self.edited.binary_search(&id).is_ok()
            || self
                .base
                .binary_search(&id)
                .is_ok_and(|at| self.bits.get(at))
    }

    /// Whether `bits` counts positions of this `base`.
    pub(crate) fn is_over(&self, base: &Arc<Vec<i64>>) -> bool {
        Arc::ptr_eq(&self.base, base)
    }

    pub(crate) fn bits(&self) -> &Bits {
        &self.bits
    }

    /// The matching ids, ascending.
    pub(crate) fn ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .bits
            .positions()
            .filter_map(|at| self.base.get(at).copied())
            .chain(self.edited.iter().copied())
            .collect();
        if !self.edited.is_empty() {
            ids.sort_unstable();
        }
        ids
    }
}

impl std::fmt::Debug for Matches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.ids()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_count_list_and_combine_positions() {
        let mut bits = Bits::new(130);
        for at in [0, 63, 64, 129] {
            bits.set(at);
        }
        assert_eq!(bits.positions().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(bits.count(), 4);
        assert!(bits.get(63) && !bits.get(62));
        let all = Bits::all(130);
        assert_eq!(all.count(), 130);
        assert!(!all.get(130));
        let mut none = Bits::new(130);
        none.union(&bits);
        none.remove(&bits);
        assert_eq!(none.count(), 0);
    }

    #[test]
    fn matches_answer_for_base_and_edited_ids() {
        let base = Arc::new(vec![2, 4, 6, 8]);
        let mut bits = Bits::new(4);
        bits.set(1);
        bits.set(3);
        let matches = Matches::new(Arc::clone(&base), bits, vec![5]);
        assert_eq!(matches.len(), 3);
        assert_eq!(matches.ids(), [4, 5, 8]);
        assert!(matches.contains(4) && matches.contains(5) && !matches.contains(6));
        assert!(!matches.contains(7));
        assert!(matches.is_over(&base) && !matches.is_over(&Arc::new(vec![])));
    }
}
