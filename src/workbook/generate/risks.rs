//! A generated risk register: risks made from word lists by the seeded generator, rated with a
//! realistic spread, some linked to partners and roles, with review dates (some overdue) and one
//! score-history point each; written in one transaction, not journaled.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::params;

use super::{OWNERS, Rng};
use crate::plan::risk::{RiskStatus, Treatment, category, code_for};
use crate::workbook::{new_uuid, timestamp_now};

const SUBJECTS: &[&str] = &[
    "Key reseller",
    "Cloud host",
    "Payment processor",
    "Logistics partner",
    "Integration partner",
    "Data supplier",
    "Regional distributor",
    "Support contractor",
    "Analytics vendor",
    "Co-marketing partner",
    "Hardware supplier",
    "Identity provider",
];
const EVENTS: &[&str] = &[
    "exits the programme",
    "suffers a data breach",
    "misses its service levels",
    "is acquired by a competitor",
    "fails an audit",
    "raises prices sharply",
    "loses a key certification",
    "stops investing in the integration",
    "breaches the data agreement",
    "cannot scale with demand",
    "changes its strategy",
    "disputes the revenue share",
];
const CAUSES: &[&str] = &[
    "single source for a critical capability",
    "weak access controls on shared data",
    "unclear contract terms",
    "thin margins on the joint offer",
    "no executive sponsor on either side",
    "new regulation in its main market",
    "low adoption of the joint product",
    "key staff turnover",
    "ageing infrastructure",
    "conflicting incentives in the channel",
];
const CONSEQUENCES: &[&str] = &[
    "customers lose service for days",
    "revenue from the channel falls",
    "regulators open an inquiry",
    "the joint roadmap slips a quarter",
    "our brand is damaged by association",
    "costs rise to replace the capability",
    "customer data is exposed",
    "the partnership has to be rebuilt",
];
/// Half the risks carry no note; each note is on about one risk in twenty.
const NOTES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Raised at the quarterly review.",
    "Watch after the contract renewal.",
    "Shared with the partner's risk lead.",
    "Board asked for monthly updates.",
    "Escalated by the account team.",
    "Insurance cover under discussion.",
    "Linked to last year's incident.",
    "Partner agreed a joint action plan.",
    "Waiting on the legal opinion.",
    "Tested in the spring exercise.",
];

/// What `generate_risks` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratedRisks {
    pub risks: usize,
    /// Numbers given out: from `first_number` to `first_number + risks - 1`.
    pub first_number: i64,
    pub linked_to_partners: usize,
    pub linked_to_roles: usize,
    /// Open, mitigating or accepted risks whose next review is before today.
    pub overdue_reviews: usize,
}

/// A likelihood or impact from 1 to 5, most often in the middle.
fn rating_value(rng: &mut Rng) -> i64 {
    const SPREAD: [i64; 10] = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5];
    SPREAD[(rng.next() % SPREAD.len() as u64) as usize]
}

/// Adds `risks` generated risks to the workbook at `path`, numbered after any it holds, and sets
/// the workbook's next risk number after the last. About a third are linked to a partner, a
/// quarter of those with roles also to a role; nearly all are rated (inherent), most of the rated
/// ones also after treatment (residual, never above inherent); about a third of the reviews are
/// overdue. Each risk gets one score-history point, written by a single set-based statement.
pub fn generate_risks(path: &Path, risks: usize, seed: u64) -> Result<GeneratedRisks> {
    let wb = super::open_for_generating(path)?;
    let mut rng = Rng(seed.max(1) ^ 0xD1B5_4A32_D192_ED03);
    let now = timestamp_now();
    let today = jiff::Zoned::now().date();
    let today_text = today.strftime("%Y-%m-%d").to_string();
    let tx = wb.conn.unchecked_transaction()?;
    let partners: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM partners", [], |r| {
        r.get(0)
    })?;
    let roles: Vec<i64> = tx
        .prepare("SELECT id FROM roles WHERE is_hub = 0 ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let first_number: i64 = tx.query_row(
        "SELECT max(next_risk_number, coalesce((SELECT max(number) + 1 FROM risks), 1)) \
         FROM workbook_meta WHERE id = 1",
        [],
        |r| r.get(0),
    )?;
    let mut made = GeneratedRisks {
        risks,
        first_number,
        linked_to_partners: 0,
        linked_to_roles: 0,
        overdue_reviews: 0,
    };
    {
        let mut insert = tx.prepare(
            "INSERT INTO risks (uuid, number, code, title, cause, event, consequence, category, \
             partner_id, role_id, inherent_likelihood, inherent_impact, treatment, \
             residual_likelihood, residual_impact, owner, status, next_review, note, \
             created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19, ?20, ?20)",
        )?;
        for n in 0..risks {
            let number = first_number + n as i64;
            let subject = rng.pick(SUBJECTS);
            let event = rng.pick(EVENTS);
            let title = format!("{subject} {event} {number}");
            let partner =
                (partners > 0 && rng.one_in(3)).then(|| 1 + (rng.next() % partners as u64) as i64);
            let role = (partner.is_some() && !roles.is_empty() && rng.one_in(4))
                .then(|| roles[(rng.next() % roles.len() as u64) as usize]);
            made.linked_to_partners += usize::from(partner.is_some());
            made.linked_to_roles += usize::from(role.is_some());
            // One in twenty is not rated yet; three in four rated ones have a residual rating.
            let inherent =
                (!rng.one_in(20)).then(|| (rating_value(&mut rng), rating_value(&mut rng)));
            let residual = inherent.filter(|_| !rng.one_in(4)).map(|(l, i)| {
                let lower = |v: i64, by: u64| (v - by as i64).max(1);
                (lower(l, rng.next() % 3), lower(i, rng.next() % 2))
            });
            let treatment = match residual {
                Some(_) => Treatment::ALL[(rng.next() % Treatment::ALL.len() as u64) as usize],
                None => Treatment::Reduce,
            };
            let status = match rng.next() % 20 {
                0..=7 => RiskStatus::Open,
                8..=13 => RiskStatus::Mitigating,
                14..=16 => RiskStatus::Accepted,
                _ => RiskStatus::Closed,
            };
            // Reviews from 120 days ago to 240 days ahead; one in ten has none.
            let next_review = if rng.one_in(10) {
                None
            } else {
                let days = (rng.next() % 361) as i64 - 120;
                let date = today
                    .checked_add(jiff::Span::new().days(days))
                    .context("computing a review date")?;
                Some(date.strftime("%Y-%m-%d").to_string())
            };
            let overdue = next_review
                .as_deref()
                .is_some_and(|d| d < today_text.as_str());
            made.overdue_reviews += usize::from(overdue && status != RiskStatus::Closed);
            insert.execute(params![
                new_uuid(),
                number,
                code_for(number),
                title,
                rng.pick(CAUSES),
                format!("{subject} {event}"),
                rng.pick(CONSEQUENCES),
                rng.pick(&category::DEFAULTS),
                partner,
                role,
                inherent.map(|r| r.0),
                inherent.map(|r| r.1),
                if inherent.is_some() {
                    treatment.word()
                } else {
                    ""
                },
                residual.map(|r| r.0),
                residual.map(|r| r.1),
                rng.pick(OWNERS),
                status.word(),
                next_review,
                rng.pick(NOTES),
                now
            ])?;
        }
    }
    tx.execute(
        "UPDATE workbook_meta SET next_risk_number = ?1 WHERE id = 1",
        [first_number + risks as i64],
    )?;
    // One score-history point per new risk, set-based, with a uuid-shaped random key.
    tx.execute(
        "INSERT INTO risk_score_history (uuid, risk_id, recorded_at, inherent_likelihood, \
         inherent_impact, residual_likelihood, residual_impact, created_at, updated_at) \
         SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) \
                || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), \
                id, ?2, inherent_likelihood, inherent_impact, residual_likelihood, \
                residual_impact, ?2, ?2 \
         FROM (SELECT hex(randomblob(16)) AS h, * FROM risks WHERE number >= ?1)",
        params![first_number, now],
    )?;
    // The names the register shows (and sorts by) for each link.
    tx.execute(
        &format!(
            "UPDATE risks SET link_name = {} WHERE number >= ?1",
            crate::workbook::derived::LINK_NAME
        ),
        [first_number],
    )?;
    tx.commit()?;
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::risk::{Bands, Rating};
    use crate::workbook::{OpenOptions, Workbook};
    use crate::workbook::{Page, RiskPageQuery};

    fn count(wb: &Workbook, sql: &str) -> i64 {
        wb.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn generated_risks_are_numbered_rated_linked_and_reviewed() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("generated.partnerplan");
        super::super::generate_workbook(&path, 500, 3).unwrap();
        super::super::generate_roles(&path, 40, 3).unwrap();
        let made = generate_risks(&path, 2_000, 3).unwrap();
        assert_eq!(made.risks, 2_000);
        assert_eq!(made.first_number, 1);
        // A second run numbers after the first.
        let more = generate_risks(&path, 10, 4).unwrap();
        assert_eq!(more.first_number, 2_001);

        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        assert_eq!(count(&wb, "SELECT count(*) FROM risks"), 2_010);
        assert_eq!(
            count(&wb, "SELECT next_risk_number FROM workbook_meta"),
            2_011
        );
        let code: String = wb
            .conn
            .query_row("SELECT code FROM risks WHERE number = 2010", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(code, code_for(2_010));
        assert_eq!(
            count(
                &wb,
                "SELECT count(*) FROM risks WHERE code != 'R-' || printf('%03d', number)"
            ),
            0
        );

        // Links point at real partners and roles, in the proportions reported.
        let partners = count(
            &wb,
            "SELECT count(*) FROM risks WHERE partner_id IS NOT NULL",
        );
        assert!(partners >= made.linked_to_partners as i64);
        assert!((400..=900).contains(&made.linked_to_partners), "{made:?}");
        assert!(made.linked_to_roles > 20, "{made:?}");
        assert_eq!(
            count(
                &wb,
                "SELECT count(*) FROM risks r LEFT JOIN partners p ON p.id = r.partner_id \
                 LEFT JOIN roles o ON o.id = r.role_id WHERE (r.partner_id IS NOT NULL AND \
                 p.id IS NULL) OR (r.role_id IS NOT NULL AND (o.id IS NULL OR o.is_hub = 1))"
            ),
            0
        );

        // Every category of the defaults, every status; ratings spread over the grid, residual
        // never above inherent and only where inherent is set.
        assert_eq!(count(&wb, "SELECT count(DISTINCT category) FROM risks"), 11);
        assert_eq!(count(&wb, "SELECT count(DISTINCT status) FROM risks"), 4);
        assert_eq!(
            count(
                &wb,
                "SELECT count(DISTINCT inherent_likelihood * 10 + inherent_impact) FROM risks"
            ),
            25
        );
        let unrated = count(
            &wb,
            "SELECT count(*) FROM risks WHERE inherent_likelihood IS NULL",
        );
        assert!((40..=200).contains(&unrated), "{unrated}");
        assert_eq!(
            count(
                &wb,
                "SELECT count(*) FROM risks WHERE residual_likelihood IS NOT NULL AND \
                 (inherent_likelihood IS NULL OR residual_likelihood * residual_impact > \
                 inherent_likelihood * inherent_impact)"
            ),
            0
        );
        let residual = count(
            &wb,
            "SELECT count(*) FROM risks WHERE residual_likelihood IS NOT NULL",
        );
        assert!((1_200..=1_700).contains(&residual), "{residual}");

        // Some reviews overdue, as counted by the register's header.
        let today = jiff::Zoned::now().date().strftime("%Y-%m-%d").to_string();
        let counts = wb.risk_counts(&today, &Bands::default()).unwrap();
        assert_eq!(counts.total, 2_010);
        let overdue = counts.overdue_reviews - more.overdue_reviews as i64;
        assert_eq!(overdue, made.overdue_reviews as i64);
        assert!((300..=900).contains(&overdue), "{overdue}");

        // One score-history point per risk, equal to its ratings.
        assert_eq!(count(&wb, "SELECT count(*) FROM risk_score_history"), 2_010);
        assert_eq!(
            count(
                &wb,
                "SELECT count(*) FROM risk_score_history h JOIN risks r ON r.id = h.risk_id \
                 WHERE h.inherent_likelihood IS r.inherent_likelihood \
                 AND h.residual_impact IS r.residual_impact"
            ),
            2_010
        );

        // The register reads them.
        let rows = wb
            .risk_page(&RiskPageQuery::default(), &Page::First, 5)
            .unwrap();
        assert_eq!(rows[0].code, "R-001");
        assert!(
            rows.iter()
                .all(|r| r.inherent.is_none_or(|i| Rating::score(i) >= 1))
        );
    }
}
