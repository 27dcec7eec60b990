//! The filter index's text: every row's folded text in large blocks in id order, with a 64-bit
//! signature of the characters each row holds. Blocks past a memory budget go to an unnamed
//! temporary file and are read back (through the page cache) only when a filter needs them, so
//! a million partners' notes do not stay in the app's memory. Rows edited since the blocks were
//! written are kept apart until there are many, when the whole index is read again.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem::Finder;

use super::floor::Floor;
use super::matches::{Bits, Matches};

/// How many bytes of text one block holds (a longer row gets a block of its own).
pub(super) const BLOCK: usize = 1 << 20;

/// How much of the text stays in memory; blocks beyond go to the temporary file.
const MEMORY_BUDGET: usize = 16 << 20;

/// Ends every row inside a block, so a search over a block never matches across two rows
/// (folded text and filters hold no control characters).
const ROW_END: u8 = 0x01;

/// A block is searched in one pass when at least one row in `DENSE` is asked about.
const DENSE: usize = 4;

/// Past this many bytes of edited rows' text, the index is read again from the file.
const EDITED_BUDGET: usize = 8 << 20;

/// The bit of a signature that says a row holds byte `b`: one bit per letter and digit, the
/// other bytes share the rest.
fn sig_bit(b: u8) -> u64 {
    let bit = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + (b - b'0'),
        other => 36 + other % 28,
    };
    1u64 << bit
}

pub(super) fn signature(text: &[u8]) -> u64 {
    text.iter()
        .filter(|&&b| b != ROW_END)
        .fold(0, |sig, &b| sig | sig_bit(b))
}

/// A filter as the store tests it.
pub(super) struct Needle<'a> {
    finder: Finder<'a>,
    sig: u64,
    /// The signature alone answers: one letter or digit.
    by_signature: bool,
}

impl<'a> Needle<'a> {
    pub(super) fn new(needle: &'a str) -> Needle<'a> {
        let bytes = needle.as_bytes();
        Needle {
            finder: Finder::new(bytes),
            sig: signature(bytes),
            by_signature: matches!(bytes, [b'a'..=b'z' | b'0'..=b'9']),
        }
    }

    fn test(&self, sig: u64, text: &[u8]) -> bool {
        sig & self.sig == self.sig && (self.by_signature || self.finds(Some(text)))
    }

    fn finds(&self, text: Option<&[u8]>) -> bool {
        text.is_some_and(|t| self.finder.find(t).is_some())
    }
}

enum Place {
    Memory(Vec<u8>),
    /// At this offset of the temporary file.
    File(u64),
}

struct Block {
    /// The first row's position; the block holds rows up to the next block's first.
    first: usize,
    len: usize,
    place: Place,
}

/// Rows read from the file at one time, by position.
#[derive(Default)]
pub(super) struct Base {
    ids: Arc<Vec<i64>>,
    /// Where each row's text starts in its block.
    starts: Vec<u32>,
    sigs: Vec<u64>,
    blocks: Vec<Block>,
    spill: Option<File>,
    spilled: u64,
    in_memory: usize,
    /// The block being filled.
    open: Vec<u8>,
    open_first: usize,
}

impl Base {
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Adds a row after every row so far (ids ascending).
    pub(super) fn push(&mut self, id: i64, text: &str) {
        let bytes = text.as_bytes();
        if !self.open.is_empty() && self.open.len() + bytes.len() + 1 > BLOCK {
            self.close_block();
        }
        if self.open.capacity() == 0 {
            self.open.reserve_exact(BLOCK.max(bytes.len() + 1));
        }
        // A block holds at most max(BLOCK, one row), and a row is one SQLite value (at most
        // 1 GB by default), so a start fits in 32 bits.
        self.starts.push(self.open.len() as u32);
        self.sigs.push(signature(bytes));
        Arc::make_mut(&mut self.ids).push(id);
        self.open.extend_from_slice(bytes);
        self.open.push(ROW_END);
    }

    /// Ends the building: the last block closed, the lists trimmed.
    pub(super) fn finish(&mut self) {
        self.close_block();
        Arc::make_mut(&mut self.ids).shrink_to_fit();
        self.starts.shrink_to_fit();
        self.sigs.shrink_to_fit();
    }

    fn close_block(&mut self) {
        if self.ids.len() == self.open_first {
            return;
        }
        let text = std::mem::take(&mut self.open);
        let len = text.len();
        let place = if self.in_memory + len > MEMORY_BUDGET {
            self.spill_out(&text).unwrap_or(Place::Memory(text))
        } else {
            Place::Memory(text)
        };
        if let Place::Memory(text) = &place {
            self.in_memory += text.capacity();
        }
        self.blocks.push(Block {
            first: self.open_first,
            len,
            place,
        });
        self.open_first = self.ids.len();
    }

    /// Writes a block to the temporary file, or `None` (the block stays in memory) when there
    /// is no such file here or it cannot be written.
    fn spill_out(&mut self, text: &[u8]) -> Option<Place> {
        if !cfg!(unix) {
            return None;
        }
        if self.spill.is_none() {
            self.spill = tempfile::tempfile().ok();
        }
        let file = self.spill.as_mut()?;
        file.write_all(text).ok()?;
        let at = self.spilled;
        self.spilled += text.len() as u64;
        Some(Place::File(at))
    }

    /// The bytes of text in memory, and in the temporary file.
    #[cfg(test)]
    fn text_bytes(&self) -> (usize, u64) {
        (self.in_memory, self.spilled)
    }

    /// The positions of rows matching `needle` among `candidates` (every row when `None`),
    /// skipping `skip`; blocks are searched side by side on the machine's cores. `None` when
    /// `cancel` was set before the search ended (a newer filter was typed).
    pub(super) fn search(
        &self,
        needle: &Needle<'_>,
        candidates: Option<&Bits>,
        skip: &Bits,
        cancel: &AtomicBool,
    ) -> Option<(Bits, Floor)> {
        let workers = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8)
            .min(self.blocks.len().div_ceil(4))
            .max(1);
        let per_worker = self.blocks.len().div_ceil(workers).max(1);
        let search_blocks = |first: usize| {
            let mut found = Bits::new(self.len());
            let mut floor = Floor::default();
            let mut buffer = Vec::new();
            let last = (first + per_worker).min(self.blocks.len());
            for (at, block) in self.blocks.iter().enumerate().take(last).skip(first) {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let end = self
                    .blocks
                    .get(at + 1)
                    .map_or(self.len(), |next| next.first);
                self.search_block(
                    block,
                    end,
                    needle,
                    candidates,
                    skip,
                    &mut buffer,
                    (&mut found, &mut floor),
                );
            }
            (found, floor)
        };
        let (found, floor) = if workers == 1 {
            search_blocks(0)
        } else {
            self.search_side_by_side(per_worker, &search_blocks)
        };
        (!cancel.load(Ordering::Relaxed)).then_some((found, floor))
    }

    /// Runs `search_blocks` from every `per_worker`-th block on threads of their own, and
    /// joins what they found.
    fn search_side_by_side(
        &self,
        per_worker: usize,
        search_blocks: &(dyn Fn(usize) -> (Bits, Floor) + Sync),
    ) -> (Bits, Floor) {
        std::thread::scope(|scope| {
            let running: Vec<_> = (0..self.blocks.len())
                .step_by(per_worker)
                .map(|first| scope.spawn(move || search_blocks(first)))
                .collect();
            let mut all = Bits::new(self.len());
            let mut least = Floor::default();
            for worker in running {
                // A worker that panicked found nothing; the search itself never panics.
                if let Ok((found, floor)) = worker.join() {
                    all.union(&found);
                    least.merge(floor);
                }
            }
            (all, least)
        })
    }

    /// Searches the rows of `block` (up to position `end`) into `found`.
    #[allow(clippy::too_many_arguments)]
    fn search_block(
        &self,
        block: &Block,
        end: usize,
        needle: &Needle<'_>,
        candidates: Option<&Bits>,
        skip: &Bits,
        buffer: &mut Vec<u8>,
        (found, floor): (&mut Bits, &mut Floor),
    ) {
        // First the signatures, which need no text; then the text of the rows left, if any.
        let mut left = Vec::new();
        for at in block.first..end {
            let sig = self.sigs.get(at).copied().unwrap_or_default();
            if sig & needle.sig != needle.sig
                || skip.get(at)
                || candidates.is_some_and(|c| !c.get(at))
            {
                continue;
            }
            if needle.by_signature {
                found.set(at);
                floor.blind();
            } else {
                left.push(at);
            }
        }
        if left.is_empty() {
            return;
        }
        let text: &[u8] = match &block.place {
            Place::Memory(text) => text,
            Place::File(offset) if self.read_block(*offset, block.len, buffer) => buffer,
            Place::File(_) => {
                // The temporary file could not be read: these rows count as matching, so a
                // filter hides nothing it should show.
                left.iter().for_each(|&at| found.set(at));
                floor.blind();
                return;
            }
        };
        if left.len() * DENSE >= end - block.first {
            self.scan_block(end, text, needle, &left, (found, floor));
            return;
        }
        for at in left {
            let start = self.start(at);
            let row_end = if at + 1 < end {
                self.start(at + 1)
            } else {
                text.len()
            };
            // Each row ends with ROW_END, not part of its text.
            let row = text.get(start..row_end.saturating_sub(1).max(start));
            if needle.finds(row) {
                found.set(at);
                floor.offer(row.unwrap_or_default());
            }
        }
    }

    /// Where row `at`'s text starts in its block.
    fn start(&self, at: usize) -> usize {
        self.starts.get(at).map_or(0, |&s| s as usize)
    }

    /// Searches a block's text in one pass for the rows `asked` (ascending, ending before
    /// `end`): from the first row asked about, the next place the needle occurs tells which
    /// row holds it, and that every row asked about before it does not. When most of a block's
    /// rows are asked about, this costs a fraction of a search per row (no call and no set-up
    /// per row), which is what a filter's first letters ask for.
    fn scan_block(
        &self,
        end: usize,
        text: &[u8],
        needle: &Needle<'_>,
        asked: &[usize],
        (found, floor): (&mut Bits, &mut Floor),
    ) {
        let mut asked = asked.iter().copied().peekable();
        let mut row = match asked.peek() {
            Some(&first) => first,
            None => return,
        };
        while let Some(&next) = asked.peek() {
            row = row.max(next);
            let from = self.start(row);
            let Some(hit) = text.get(from..).and_then(|rest| needle.finder.find(rest)) else {
                return;
            };
            let hit = from + hit;
            // Rows start in ascending order; no occurrence spans two rows (ROW_END).
            while row + 1 < end && self.start(row + 1) <= hit {
                row += 1;
            }
            while asked.next_if(|&at| at < row).is_some() {}
            if asked.next_if_eq(&row).is_some() {
                found.set(row);
                floor.offer(text.get(self.start(row)..).unwrap_or_default());
            }
            row += 1;
        }
    }

    #[cfg(unix)]
    fn read_block(&self, offset: u64, len: usize, buffer: &mut Vec<u8>) -> bool {
        use std::os::unix::fs::FileExt;
        let Some(file) = &self.spill else {
            return false;
        };
        buffer.resize(len, 0);
        file.read_exact_at(buffer, offset).is_ok()
    }

    #[cfg(not(unix))]
    fn read_block(&self, _offset: u64, _len: usize, _buffer: &mut Vec<u8>) -> bool {
        false
    }
}

/// Rows edited, added or deleted (`None`) since the base was read.
#[derive(Default)]
pub(super) struct Edited {
    rows: BTreeMap<i64, Option<(u64, Box<str>)>>,
    /// Base positions whose row is here instead.
    overridden: Bits,
    bytes: usize,
}

/// The whole index: the base and the rows edited since.
#[derive(Default)]
pub(super) struct Store {
    /// Shared with a search running on a thread of its own (`search/asked.rs`).
    base: Arc<Base>,
    edited: Edited,
}

/// A search of the base, ready to run on any thread: what it needs, owned.
pub(super) struct Job {
    base: Arc<Base>,
    needle: String,
    candidates: Option<Bits>,
    skip: Bits,
}

/// What a job found in the base.
pub(super) struct Found {
    base: Arc<Base>,
    bits: Bits,
    floor: Floor,
}

impl Job {
    /// Searches the base; `None` when `cancel` was set meanwhile.
    pub(super) fn run(self, cancel: &AtomicBool) -> Option<Found> {
        let needle = Needle::new(&self.needle);
        let (bits, floor) =
            self.base
                .search(&needle, self.candidates.as_ref(), &self.skip, cancel)?;
        Some(Found {
            base: self.base,
            bits,
            floor,
        })
    }
}

impl Store {
    /// The store of a base read whole.
    pub(super) fn new(mut base: Base) -> Store {
        base.finish();
        let edited = Edited {
            overridden: Bits::new(base.len()),
            ..Edited::default()
        };
        Store {
            base: Arc::new(base),
            edited,
        }
    }

    /// Replaces, adds or removes (`None`) the text of row `id`.
    pub(super) fn set(&mut self, id: i64, text: Option<&str>) {
        if let Ok(at) = self.base.ids.binary_search(&id) {
            self.edited.overridden.set(at);
        }
        let row = text.map(|t| (signature(t.as_bytes()), Box::from(t)));
        self.edited.bytes += text.map_or(0, str::len) + 32;
        self.edited.rows.insert(id, row);
    }

    /// Whether edits are so many that reading the whole index again is cheaper.
    pub(super) fn worn(&self) -> bool {
        self.edited.bytes > EDITED_BUDGET
    }

    pub(super) fn len(&self) -> usize {
        let base = self.base.len() - self.edited.overridden.count();
        base + self.edited.rows.values().filter(|r| r.is_some()).count()
    }

    /// The rows matching `needle`, among those of `within` when given (an earlier filter that
    /// the needle extends, so only its matches can match).
    pub(super) fn search(&self, needle: &str, within: Option<&Matches>) -> Matches {
        if needle.is_empty() {
            let mut bits = Bits::all(self.base.len());
            bits.remove(&self.edited.overridden);
            let edited = self.edited.live_ids().collect();
            return Matches::new(Arc::clone(&self.base.ids), bits, edited);
        }
        let found = self.job(needle, within).run(&AtomicBool::new(false));
        // Never cancelled, and over this base: both are always there.
        found
            .and_then(|found| self.complete(needle, found))
            .unwrap_or_default()
    }

    /// The search of the base for `needle` (not empty), among the matches of `within` when
    /// given, to run now or on a thread of its own.
    pub(super) fn job(&self, needle: &str, within: Option<&Matches>) -> Job {
        let within = within.filter(|m| m.is_over(&self.base.ids));
        Job {
            base: Arc::clone(&self.base),
            needle: needle.to_string(),
            candidates: within.map(|w| w.bits().clone()),
            skip: self.edited.overridden.clone(),
        }
    }

    /// `matches` of `needle` found before some rows were edited, with those rows as they are
    /// now; `None` when the base was read again since.
    pub(super) fn refreshed(&self, needle: &str, matches: &Matches) -> Option<Matches> {
        let found = Found {
            base: Arc::clone(&self.base),
            bits: matches.bits().clone(),
            floor: matches.seen_floor().clone(),
        };
        matches
            .is_over(&self.base.ids)
            .then(|| self.complete(needle, found))
            .flatten()
    }

    /// The matches of `needle` from what a job found in the base, with the rows edited since
    /// the base was read taken as they are now (rows edited while the job ran too); `None`
    /// when the base was read again meanwhile.
    pub(super) fn complete(&self, needle: &str, found: Found) -> Option<Matches> {
        if !Arc::ptr_eq(&found.base, &self.base) {
            return None;
        }
        let Found {
            mut bits,
            mut floor,
            ..
        } = found;
        bits.remove(&self.edited.overridden);
        let needle = Needle::new(needle);
        let edited = self
            .edited
            .rows
            .iter()
            .filter_map(|(id, row)| row.as_ref().map(|row| (*id, row)))
            .filter(|(_, (sig, text))| needle.test(*sig, text.as_bytes()))
            .inspect(|(_, (_, text))| floor.offer(text.as_bytes()))
            .map(|(id, _)| id)
            .collect();
        Some(Matches::new(Arc::clone(&self.base.ids), bits, edited).with_floor(floor))
    }
}

impl Edited {
    fn live_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.rows
            .iter()
            .filter(|(_, row)| row.is_some())
            .map(|(id, _)| *id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn store_of(rows: impl IntoIterator<Item = (i64, String)>) -> Store {
        let mut base = Base::default();
        for (id, text) in rows {
            base.push(id, &text);
        }
        Store::new(base)
    }

    #[test]
    fn blocks_past_the_budget_live_in_the_temporary_file_and_still_match() {
        // 40 MB of text: 16 MB stay in memory, the rest is read back when searched.
        let rows = (0..400_000i64).map(|id| (id * 3, format!("row {id} {}", "z".repeat(90))));
        let store = store_of(rows);
        let (memory, file) = store.base.text_bytes();
        assert!(memory <= MEMORY_BUDGET + BLOCK, "{memory} bytes in memory");
        if cfg!(unix) {
            assert!(file > 20 << 20, "{file} bytes in the file");
        }
        let found = store.search("row 399999 ", None);
        assert_eq!(found.ids(), [399_999 * 3]);
        let found = store.search("row 12345", None);
        assert_eq!(
            found.ids(),
            [
                12_345 * 3,
                123_450 * 3,
                123_451 * 3,
                123_452 * 3,
                123_453 * 3,
                123_454 * 3,
                123_455 * 3,
                123_456 * 3,
                123_457 * 3,
                123_458 * 3,
                123_459 * 3
            ]
        );
        let narrowed = store.search("row 123456", Some(&found));
        assert_eq!(narrowed.ids(), [123_456 * 3]);
        assert_eq!(store.search("z", None).len(), 400_000);
    }

    #[test]
    fn a_row_longer_than_a_block_gets_a_block_of_its_own() {
        let long = "x".repeat(BLOCK + 10) + "needle";
        let store = store_of([(1, "a".into()), (2, long), (3, "needle".into())]);
        assert_eq!(store.search("needle", None).ids(), [2, 3]);
        assert_eq!(store.search("xneedle", None).ids(), [2]);
        // Rows never run into each other.
        assert!(store.search("needlen", None).is_empty());
        assert!(store.search("aneedle", None).is_empty());
    }

    #[test]
    fn edits_deletions_and_new_rows_answer_before_the_base_is_read_again() {
        let mut store = store_of((1..=5).map(|id| (id, format!("name {id}"))));
        store.set(2, Some("helix"));
        store.set(3, None);
        store.set(9, Some("name 9"));
        assert_eq!(store.search("name", None).ids(), [1, 4, 5, 9]);
        assert_eq!(store.search("helix", None).ids(), [2]);
        assert_eq!(store.search("", None).ids(), [1, 2, 4, 5, 9]);
        assert_eq!(store.len(), 5);
        let found = store.search("e", None);
        assert_eq!(store.search("name 9", Some(&found)).ids(), [9]);
        assert!(!store.worn());
    }

    #[test]
    fn one_pass_over_a_block_finds_what_a_search_per_row_finds() {
        // Rows of a few short words from a small alphabet, so that most needles occur in many
        // rows (a block searched in one pass) and some in few (row by row), spread over
        // several blocks, some in the temporary file.
        let mut rng = crate::workbook::generate::Rng(7);
        let words = [
            "me", "rid", "ian", "meri", "dian", "a", "mer", "an", "idi", "x",
        ];
        let rows: Vec<(i64, String)> = (0..150_000i64)
            .map(|id| {
                let n = 1 + rng.below(6);
                let text = (0..n)
                    .map(|_| words[rng.below(words.len())])
                    .collect::<Vec<_>>()
                    .join(if rng.below(3) == 0 { "" } else { " " });
                (id * 2, text)
            })
            .collect();
        let store = store_of(rows.iter().map(|(id, text)| (*id, text.clone())));
        assert!(
            store.base.blocks.len() >= 2,
            "{} blocks",
            store.base.blocks.len()
        );
        let naive = |needle: &str, within: Option<&BTreeSet<i64>>| -> Vec<i64> {
            rows.iter()
                .filter(|(id, text)| text.contains(needle) && within.is_none_or(|w| w.contains(id)))
                .map(|(id, _)| *id)
                .collect()
        };
        for typed in ["meridian", "xme", "ian me", "dianx"] {
            let mut earlier: Option<Matches> = None;
            for end in 1..=typed.len() {
                let needle = &typed[..end];
                let found = store.search(needle, earlier.as_ref());
                let within: Option<BTreeSet<i64>> =
                    earlier.as_ref().map(|e| e.ids().into_iter().collect());
                assert_eq!(found.ids(), naive(needle, within.as_ref()), "{needle}");
                assert_eq!(found.ids(), naive(needle, None), "{needle} from scratch");
                earlier = Some(found);
            }
        }
    }

    #[test]
    fn the_signature_alone_answers_one_letter_and_rules_out_rows() {
        let store = store_of([(1, "abc".into()), (2, "xyz".into()), (3, "ë".into())]);
        assert_eq!(store.search("b", None).ids(), [1]);
        assert_eq!(store.search("ë", None).ids(), [3]);
        assert_eq!(store.search("7", None).ids(), Vec::<i64>::new());
        assert_eq!(signature(b"ab") & sig_bit(b'c'), 0);
    }
}
