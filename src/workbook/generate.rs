//! Large synthetic workbooks for benchmarks and scale tests: realistic-looking partners made from
//! word lists by a seeded generator, written in one transaction (not journaled: there is nothing
//! to undo in a generated file).

use std::path::Path;

use anyhow::Result;
use rusqlite::params;

use super::{OpenOptions, Workbook, new_uuid, timestamp_now};
use crate::plan::vocabularies;

const FIRST: &[&str] = &[
    "North", "Bright", "Cobalt", "Helix", "Meridian", "Orbital", "Summit", "Harbor", "Vertex",
    "Aurora", "Granite", "Lumen", "Pioneer", "Quartz", "Redwood", "Silver", "Tidal", "Urban",
    "Vantage", "Willow",
];
const SECOND: &[&str] = &[
    "Logistics",
    "Analytics",
    "Systems",
    "Cloud",
    "Resellers",
    "Payments",
    "Robotics",
    "Labs",
    "Networks",
    "Consulting",
    "Health",
    "Energy",
    "Foods",
    "Capital",
    "Software",
    "Devices",
    "Media",
    "Security",
];
const OWNERS: &[&str] = &[
    "Dana Whitfield",
    "Sam Okafor",
    "Priya Raman",
    "Kenji Sato",
    "Lena Novak",
    "Marco Rossi",
];

/// A small, fast, reproducible generator (xorshift64*), so generated files are the same each run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a, T: AsRef<str> + ?Sized>(&mut self, items: &'a [&'a T]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize].as_ref()
    }
}

/// Creates a workbook at `path` holding `partners` generated partners.
pub fn generate_workbook(path: &Path, partners: usize, seed: u64) -> Result<()> {
    Workbook::create(path, Some("Generated benchmark workbook"))?;
    let wb = Workbook::open(path, OpenOptions::default())?;
    let types: Vec<&str> = vocabularies()
        .partner_types
        .iter()
        .map(String::as_str)
        .collect();
    let stages: Vec<&str> = vocabularies()
        .partner_stages
        .iter()
        .map(String::as_str)
        .collect();
    let mut rng = Rng(seed.max(1));
    let now = timestamp_now();
    let tx = wb.conn.unchecked_transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO partners (uuid, name, partner_type, stage, owner, notes, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        for n in 0..partners {
            let name = format!("{} {} {n}", rng.pick(FIRST), rng.pick(SECOND));
            let notes = format!("Generated partner {n}; reviewed by {}.", rng.pick(OWNERS));
            insert.execute(params![
                new_uuid(),
                name,
                rng.pick(&types),
                rng.pick(&stages),
                rng.pick(OWNERS),
                notes,
                now
            ])?;
        }
    }
    // Derived data, set-based: onboarding starts at 0% (nothing ticked yet).
    tx.execute_batch("UPDATE partners SET onboarding_pct = 0;")?;
    tx.commit()?;
    Ok(())
}
