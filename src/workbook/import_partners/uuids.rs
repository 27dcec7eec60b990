//! Uuids for an import's many new partners: time-ordered (version 7) like every record's, with
//! their random bits drawn from the system a block at a time rather than once per partner.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

/// Random bytes drawn at once: 409 uuids' worth.
const BLOCK: usize = 4096;

/// Bytes of randomness a millisecond's first uuid takes.
const RANDOM_BYTES: usize = 10;

/// The bits after a version 7 uuid's time: 12 (`rand_a`) and 62 (`rand_b`), here one number.
const SEQUENCE_BITS: u32 = 74;

/// Makes version 7 uuids, each greater than the one before, as `uuid::Uuid::now_v7` does: a
/// millisecond's first uuid starts at random (the top bit clear, leaving room to count) and the
/// next ones in the same millisecond count up from it. The random bits come from the system a
/// block at a time: one call per uuid was 3 % of a million-row CSV import's processor time.
pub(super) struct Uuids {
    block: Box<[u8; BLOCK]>,
    used: usize,
    millis: u64,
    sequence: u128,
}

impl Default for Uuids {
    fn default() -> Uuids {
        Uuids {
            block: Box::new([0; BLOCK]),
            used: BLOCK,
            millis: 0,
            sequence: 0,
        }
    }
}

impl Uuids {
    /// A new uuid, written as `new_uuid` writes one (lower-case, hyphenated).
    pub(super) fn next(&mut self) -> Result<String> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        if now > self.millis {
            self.millis = now;
            self.sequence = self.random()?;
        } else {
            self.sequence += 1;
            if self.sequence >> SEQUENCE_BITS != 0 {
                self.millis += 1;
                self.sequence = self.random()?;
            }
        }
        let rand_a = (self.sequence >> 62) as u16;
        let rand_b = (self.sequence & ((1 << 62) - 1)) as u64;
        let mut bytes = [0u8; 10];
        bytes[..2].copy_from_slice(&rand_a.to_be_bytes());
        bytes[2..].copy_from_slice(&rand_b.to_be_bytes());
        Ok(
            uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes)
                .into_uuid()
                .to_string(),
        )
    }

    /// A millisecond's random start: 73 bits.
    fn random(&mut self) -> Result<u128> {
        if self.used + RANDOM_BYTES > BLOCK {
            getrandom::fill(&mut self.block[..])
                .map_err(|err| anyhow::anyhow!("{err}"))
                .context("drawing random bits for new partners' identifiers")?;
            self.used = 0;
        }
        let mut wide = [0u8; 16];
        wide[6..].copy_from_slice(&self.block[self.used..self.used + RANDOM_BYTES]);
        self.used += RANDOM_BYTES;
        Ok(u128::from_be_bytes(wide) & ((1 << (SEQUENCE_BITS - 1)) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_7_and_each_greater_than_the_last_past_a_block() {
        let mut uuids = Uuids::default();
        let made: Vec<String> = (0..2_000).map(|_| uuids.next().unwrap()).collect();
        // Each greater than the one before (the text compares as the value does).
        assert!(made.windows(2).all(|w| w[0] < w[1]), "{made:?}");
        for text in &made {
            let parsed = uuid::Uuid::parse_str(text).unwrap();
            assert_eq!(parsed.get_version_num(), 7, "{text}");
            assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122, "{text}");
            assert_eq!(text, &parsed.hyphenated().to_string());
        }
        // Their time is now: the first 48 bits are milliseconds since 1970.
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let first = uuid::Uuid::parse_str(&made[0]).unwrap();
        let (secs, _) = first.get_timestamp().unwrap().to_unix();
        assert!(now.as_secs().abs_diff(secs) < 60, "{secs}");
    }

    #[test]
    fn a_millisecond_that_runs_out_of_room_moves_on_to_the_next() {
        // A clock set back an hour: the uuids keep counting from the last one made.
        let later = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64
            + 3_600_000;
        let mut uuids = Uuids {
            millis: later,
            sequence: (1 << SEQUENCE_BITS) - 2,
            ..Uuids::default()
        };
        let last = uuids.next().unwrap();
        assert_eq!(uuids.millis, later);
        let next = uuids.next().unwrap();
        assert_eq!(uuids.millis, later + 1);
        assert!(uuids.sequence < 1 << (SEQUENCE_BITS - 1));
        assert!(last < next, "{last} {next}");
        assert_eq!(uuid::Uuid::parse_str(&next).unwrap().get_version_num(), 7);
    }
}
