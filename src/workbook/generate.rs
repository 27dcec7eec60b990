//! Large synthetic workbooks for benchmarks and scale tests: realistic-looking partners made from
//! word lists by a seeded generator, written in one transaction (not journaled: there is nothing
//! to undo in a generated file). Roles and risks are added to such a file afterwards.

mod links;
mod risks;

use std::path::Path;

use anyhow::Result;
use rusqlite::params;

use super::{OpenOptions, Workbook, new_uuid, timestamp_now};
use crate::plan::vocabularies;

pub use links::generate_links;
pub use risks::{GeneratedRisks, generate_risks};

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

/// A small, fast, reproducible generator (xorshift64*), so generated files are the same each run
/// (and the input parser's fuzz feeds the same bytes each run).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    #[cfg(test)]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    /// True about once in `n` draws.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    fn pick<'a, T: AsRef<str> + ?Sized>(&mut self, items: &'a [&'a T]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize].as_ref()
    }
}

/// Opens a generated workbook for writing in bulk. A generated file has nothing to lose, so the
/// writes skip fsync: with full sync, every cache spill of a big transaction waits on the disk.
fn open_for_generating(path: &Path) -> Result<Workbook> {
    let wb = Workbook::open(path, OpenOptions::default())?;
    wb.conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(wb)
}

/// Creates a workbook at `path` holding `partners` generated partners.
pub fn generate_workbook(path: &Path, partners: usize, seed: u64) -> Result<()> {
    Workbook::create(path, Some("Generated benchmark workbook"))?;
    let wb = open_for_generating(path)?;
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

const ROLE_AREAS: &[&str] = &[
    "Cloud",
    "Payments",
    "Logistics",
    "Security",
    "Analytics",
    "Devices",
    "Health",
    "Energy",
    "Retail",
    "Media",
    "Identity",
    "Messaging",
    "Mapping",
    "Billing",
    "Support",
    "Training",
];
const ROLE_FUNCTIONS: &[&str] = &[
    "supply",
    "integration",
    "resale",
    "hosting",
    "assessment",
    "distribution",
    "research",
    "operations",
    "certification",
    "localisation",
];
const CRITICALITIES: &[&str] = &["low", "medium", "medium", "high"];

/// Roles directly under the hub in a generated catalogue; the rest nest beneath earlier roles.
const TOP_LEVEL_ROLES: usize = 24;
/// Generated roles nest at most this deep below the hub.
const MAX_ROLE_DEPTH: usize = 4;
/// Every fifth generated role is left unassigned, so the coverage shows gaps.
const UNASSIGNED_EVERY: i64 = 5;

/// What `generate_roles` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratedRoles {
    /// Roles including the hub.
    pub roles: usize,
    pub assignments: usize,
}

/// Adds a role catalogue of `roles` roles (the hub plus `roles - 1` roles nested up to
/// `MAX_ROLE_DEPTH` deep, mixed criticality) to the workbook at `path`, and assignments: each
/// active or onboarding partner holds one to three roles (lead, backup or candidate), and every
/// fifth role is left as a gap. One transaction, not journaled; assignments are written by a
/// single set-based statement.
pub fn generate_roles(path: &Path, roles: usize, seed: u64) -> Result<GeneratedRoles> {
    let wb = open_for_generating(path)?;
    let mut rng = Rng(seed.max(1) ^ 0x9E37_79B9_7F4A_7C15);
    let now = timestamp_now();
    let tx = wb.conn.unchecked_transaction()?;
    if roles > 0 {
        let mut insert = tx.prepare(
            "INSERT INTO roles (uuid, parent_id, is_hub, name, description, criticality, \
             min_partners, position, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        insert.execute(params![
            new_uuid(),
            None::<i64>,
            true,
            "Generated hub",
            "Coordinates the generated ecosystem.",
            "high",
            0,
            1,
            now
        ])?;
        let hub = tx.last_insert_rowid();
        // (id, depth) of every role so far, to pick parents from.
        let mut placed: Vec<(i64, usize)> = Vec::with_capacity(roles);
        for n in 1..roles {
            let (parent, depth) = if n <= TOP_LEVEL_ROLES || placed.is_empty() {
                (hub, 1)
            } else {
                let (id, depth) = placed[(rng.next() % placed.len() as u64) as usize];
                if depth >= MAX_ROLE_DEPTH {
                    (hub, 1)
                } else {
                    (id, depth + 1)
                }
            };
            let name = format!("{} {} {n}", rng.pick(ROLE_AREAS), rng.pick(ROLE_FUNCTIONS));
            insert.execute(params![
                new_uuid(),
                parent,
                false,
                name,
                format!("Generated role {n}."),
                rng.pick(CRITICALITIES),
                (rng.next() % 4) as i64,
                n as i64,
                now
            ])?;
            placed.push((tx.last_insert_rowid(), depth));
        }
    }
    // Each active or onboarding partner takes 1–3 distinct roles among those that are not left
    // as gaps; which ones, and as what, follow from its id and the seed (reproducible).
    let salt = (seed % 1_000_003) as i64;
    let assignments = tx.execute(
        "WITH RECURSIVE picks(n) AS (VALUES (0) UNION ALL SELECT n + 1 FROM picks WHERE n < 2), \
         assignable AS ( \
             SELECT id, row_number() OVER (ORDER BY id) - 1 AS slot FROM ( \
                 SELECT id, row_number() OVER (ORDER BY id) AS nth FROM roles WHERE is_hub = 0 \
             ) WHERE nth % ?1 <> 0), \
         total AS (SELECT count(*) AS n FROM assignable), \
         chosen AS ( \
             SELECT p.id AS partner_id, picks.n AS pick, \
                    (p.id * 7919 + ?2 + picks.n * (1 + total.n / 3)) % total.n AS slot, \
                    (p.id * 31 + picks.n * 17 + ?2) % 10 AS draw, \
                    hex(randomblob(16)) AS h \
             FROM partners AS p CROSS JOIN picks CROSS JOIN total \
             WHERE total.n >= 3 AND p.stage IN ('active', 'onboarding') \
               AND picks.n <= (p.id * 13 + ?2) % 3) \
         INSERT OR IGNORE INTO role_assignments \
             (uuid, partner_id, role_id, kind, note, created_at, updated_at) \
         SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) \
                || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), \
                chosen.partner_id, assignable.id, \
                CASE WHEN draw < 3 THEN 'lead' WHEN draw < 7 THEN 'backup' ELSE 'candidate' END, \
                '', ?3, ?3 \
         FROM chosen JOIN assignable ON assignable.slot = chosen.slot",
        params![UNASSIGNED_EVERY, salt, now],
    )?;
    tx.commit()?;
    Ok(GeneratedRoles { roles, assignments })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::plan::roles::{Role, display_order};

    #[test]
    fn generated_roles_nest_mix_criticality_and_leave_gaps() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("generated.partnerplan");
        generate_workbook(&path, 3_000, 7).unwrap();
        let made = generate_roles(&path, 200, 7).unwrap();
        assert_eq!(made.roles, 200);
        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();

        let records = wb.roles().unwrap();
        assert_eq!(records.len(), 200);
        let roles: Vec<Role> = records.iter().map(|r| r.role.clone()).collect();
        assert_eq!(roles.iter().filter(|r| r.is_hub).count(), 1);
        let lines = display_order(&roles);
        assert_eq!(lines.len(), 200, "every role is in the tree");
        let deepest = lines.iter().map(|l| l.depth).max().unwrap();
        assert!(
            (2..=MAX_ROLE_DEPTH).contains(&deepest),
            "nested a few levels, not more: {deepest}"
        );
        let criticalities: std::collections::HashSet<_> = roles
            .iter()
            .filter(|r| !r.is_hub)
            .map(|r| r.criticality)
            .collect();
        assert_eq!(criticalities.len(), 3, "low, medium and high all occur");

        // Assignments: exactly as many as reported, only active or onboarding partners, one to
        // three roles each, never the hub, every fifth role a gap, all three kinds.
        let count: i64 = wb
            .conn
            .query_row("SELECT count(*) FROM role_assignments", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count as usize, made.assignments);
        assert!(made.assignments > 1_000, "{}", made.assignments);
        let wrong_stage: i64 = wb
            .conn
            .query_row(
                "SELECT count(*) FROM role_assignments a JOIN partners p ON p.id = a.partner_id \
                 WHERE p.stage NOT IN ('active', 'onboarding')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(wrong_stage, 0);
        let working: i64 = wb
            .conn
            .query_row(
                "SELECT count(*) FROM partners WHERE stage IN ('active', 'onboarding')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let per_partner: Vec<i64> = wb
            .conn
            .prepare("SELECT count(*) FROM role_assignments GROUP BY partner_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            per_partner.len() as i64,
            working,
            "every working partner holds a role"
        );
        assert!(per_partner.iter().all(|n| (1..=3).contains(n)));
        assert!(per_partner.contains(&1) && per_partner.contains(&3));

        let assignments = wb.assignments().unwrap();
        assert_eq!(assignments.len(), made.assignments);
        let mut held: HashMap<i64, usize> = HashMap::new();
        for a in &assignments {
            *held.entry(a.role_id).or_default() += 1;
        }
        let hub = roles.iter().find(|r| r.is_hub).unwrap().id;
        assert!(!held.contains_key(&hub));
        let mut ordinary: Vec<i64> = roles.iter().filter(|r| !r.is_hub).map(|r| r.id).collect();
        ordinary.sort_unstable();
        for (nth, id) in ordinary.iter().enumerate() {
            let gap = (nth as i64 + 1) % UNASSIGNED_EVERY == 0;
            assert_eq!(held.contains_key(id), !gap, "role {id} (nth {nth})");
        }
        let kinds: std::collections::HashSet<_> = assignments.iter().map(|a| a.kind).collect();
        assert_eq!(kinds.len(), 3);
        let uuids: i64 = wb
            .conn
            .query_row(
                "SELECT count(*) FROM role_assignments WHERE uuid GLOB \
                 '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*-4*-a*-*'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(uuids as usize, made.assignments, "uuid-shaped");
    }
}
