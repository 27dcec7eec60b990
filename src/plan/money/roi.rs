//! Return on investment from investments and the value log.
//!
//! The rules:
//! - **Period**: both ends inclusive; an open end reaches as far as the records go.
//! - **Money returns** are value entries of a money kind (revenue, cost saving) that carry an
//!   amount. Every other entry in the period — no amount, or a kind whose worth is not cash
//!   (innovation, market reach, customer loyalty, societal), whose amount is an estimate at best —
//!   is **intangible**: listed and counted beside the ROI, never added to it.
//! - **ROI** = (money returns − investment) / investment. With no investment (or a net refund)
//!   in the period there is no ROI: `Roi::NotApplicable`, shown "n/a".
//! - **Per partner**: the same over each partner's own investments and entries; records without a
//!   partner form their own group. Per-partner figures need not add up to the overall one.
//! - **Margin**: a revenue entry may carry the margin it earned (its own, or its partner's rate
//!   applied by the workbook); a cost saving is kept whole, so its margin is its amount. When any
//!   money entry of the whole view carries a margin, the ROI is **on margin** (returns are the
//!   margins), and revenue entries without one count at their gross amount and are counted, so
//!   the reader is told; otherwise it is **on gross revenue** and labelled so.

mod entries;
mod figure;

pub use entries::{Investment, ValueEntry, ValueKind};
pub use figure::{Roi, RoiBasis};

use std::collections::BTreeMap;

use jiff::civil::Date;

/// The days an ROI covers, both ends included; `None` leaves that end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Period {
    pub fn contains(&self, day: Date) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }
}

/// The ROI over a period, with the intangible entries beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiReport {
    /// The partner the report is about, for per-partner reports; `None` overall or for records
    /// without a partner.
    pub partner_id: Option<i64>,
    pub invested_minor: i128,
    /// Gross money returned: revenue and cost savings at their amounts.
    pub returns_minor: i128,
    /// Margins returned (revenue without a margin at its amount).
    pub margin_minor: i128,
    /// Revenue entries without a margin, counted at gross in `margin_minor`.
    pub without_margin: usize,
    /// What `roi` counts as the return.
    pub basis: RoiBasis,
    /// The ROI on `basis`.
    pub roi: Roi,
    /// The ROI on gross revenue, whatever the basis.
    pub gross_roi: Roi,
    /// The ids of the intangible entries, in log order.
    pub intangible: Vec<i64>,
}

fn report<'a>(
    partner_id: Option<i64>,
    basis: RoiBasis,
    investments: impl Iterator<Item = &'a Investment>,
    entries: impl Iterator<Item = &'a ValueEntry>,
) -> RoiReport {
    let invested: i128 = investments.map(|i| i128::from(i.amount_minor)).sum();
    let mut returns = 0_i128;
    let mut margin = 0_i128;
    let mut without_margin = 0;
    let mut intangible = Vec::new();
    for entry in entries {
        match (entry.money(), entry.margin()) {
            (Some(amount), Some(kept)) => {
                returns += i128::from(amount);
                margin += i128::from(kept);
            }
            (Some(amount), None) => {
                returns += i128::from(amount);
                margin += i128::from(amount);
                without_margin += 1;
            }
            (None, _) => intangible.push(entry.id),
        }
    }
    RoiReport::from_sums(
        partner_id,
        basis,
        RoiSums {
            invested,
            gross: returns,
            margin,
            without_margin,
        },
        intangible,
    )
}

/// The sums an ROI is made of, as a workbook adds them up in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoiSums {
    pub invested: i128,
    /// Money returned at gross.
    pub gross: i128,
    /// Margins returned, revenue without a margin at its gross amount.
    pub margin: i128,
    /// Revenue entries without a margin.
    pub without_margin: usize,
}

impl RoiReport {
    /// The report of these sums on `basis`.
    pub fn from_sums(
        partner_id: Option<i64>,
        basis: RoiBasis,
        sums: RoiSums,
        intangible: Vec<i64>,
    ) -> RoiReport {
        let gross_roi = Roi::of(sums.gross, sums.invested);
        RoiReport {
            partner_id,
            invested_minor: sums.invested,
            returns_minor: sums.gross,
            margin_minor: sums.margin,
            without_margin: if basis == RoiBasis::Margin {
                sums.without_margin
            } else {
                0
            },
            basis,
            roi: match basis {
                RoiBasis::Gross => gross_roi,
                RoiBasis::Margin => Roi::of(sums.margin, sums.invested),
            },
            gross_roi,
            intangible,
        }
    }

    /// The return `roi` is computed on: margins or gross.
    pub fn counted_minor(&self) -> i128 {
        match self.basis {
            RoiBasis::Gross => self.returns_minor,
            RoiBasis::Margin => self.margin_minor,
        }
    }
}

/// The overall ROI over `period`, on margin when any entry in it carries one.
pub fn roi(investments: &[Investment], entries: &[ValueEntry], period: Period) -> RoiReport {
    let in_period = || entries.iter().filter(|e| period.contains(e.logged_on));
    report(
        None,
        RoiBasis::of(in_period()),
        investments.iter().filter(|i| period.contains(i.spent_on)),
        in_period(),
    )
}

/// One report per partner with an investment or entry in `period`, in partner-id order, then
/// one for the records without a partner when there are any; all on the overall basis.
pub fn roi_by_partner(
    investments: &[Investment],
    entries: &[ValueEntry],
    period: Period,
) -> Vec<RoiReport> {
    let basis = RoiBasis::of(entries.iter().filter(|e| period.contains(e.logged_on)));
    // One pass groups everything by partner (a workbook may hold thousands of partners with money
    // against them), then each group makes its report.
    type Group<'a> = (Vec<&'a Investment>, Vec<&'a ValueEntry>);
    let mut groups: BTreeMap<Option<i64>, Group<'_>> = BTreeMap::new();
    for investment in investments.iter().filter(|i| period.contains(i.spent_on)) {
        groups
            .entry(investment.partner_id)
            .or_default()
            .0
            .push(investment);
    }
    for entry in entries.iter().filter(|e| period.contains(e.logged_on)) {
        groups.entry(entry.partner_id).or_default().1.push(entry);
    }
    // `None` sorts first in a BTreeMap; the unlinked group reads best last.
    let unlinked = groups.remove(&None).map(|group| (None, group));
    groups
        .into_iter()
        .chain(unlinked)
        .map(|(partner, (investments, entries))| {
            report(partner, basis, investments.into_iter(), entries.into_iter())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn spent(id: i64, day: i8, amount: i64, partner: Option<i64>) -> Investment {
        Investment {
            id,
            spent_on: date(2026, 3, day),
            amount_minor: amount,
            partner_id: partner,
        }
    }

    fn logged(
        id: i64,
        day: i8,
        kind: ValueKind,
        amount: Option<i64>,
        p: Option<i64>,
    ) -> ValueEntry {
        ValueEntry {
            id,
            logged_on: date(2026, 3, day),
            partner_id: p,
            kind,
            amount_minor: amount,
            margin_minor: None,
        }
    }

    fn with_margin(mut entry: ValueEntry, margin: i64) -> ValueEntry {
        entry.margin_minor = Some(margin);
        entry
    }

    #[test]
    fn without_margins_the_roi_is_on_gross_revenue_and_says_so() {
        let investments = [spent(1, 1, 100_000, None)];
        let entries = [logged(1, 2, ValueKind::Revenue, Some(150_000), None)];
        let report = roi(&investments, &entries, ALL);
        assert_eq!(report.basis, RoiBasis::Gross);
        assert_eq!(report.basis.label(), "ROI on gross revenue");
        assert_eq!(report.roi.to_string(), "50.0%");
        assert_eq!(report.counted_minor(), 150_000);
        assert_eq!(report.without_margin, 0);
    }

    #[test]
    fn one_margin_makes_the_roi_on_margin_and_counts_the_gross_ones() {
        // Invested 100,000. Revenue 150,000 with 45,000 margin; revenue 20,000 without a margin
        // (counted at gross: 20,000); a cost saving of 10,000 is kept whole.
        // Margin returned 45,000 + 20,000 + 10,000 = 75,000 → (75,000 − 100,000) / 100,000 = -25%.
        // Gross: 180,000 → 80%.
        let investments = [spent(1, 1, 100_000, None)];
        let entries = [
            with_margin(
                logged(1, 2, ValueKind::Revenue, Some(150_000), None),
                45_000,
            ),
            logged(2, 3, ValueKind::Revenue, Some(20_000), None),
            logged(3, 4, ValueKind::CostSaving, Some(10_000), None),
            with_margin(logged(4, 5, ValueKind::Innovation, None, None), 99),
        ];
        let report = roi(&investments, &entries, ALL);
        assert_eq!(report.basis, RoiBasis::Margin);
        assert_eq!(report.basis.label(), "ROI on margin");
        assert_eq!(report.margin_minor, 75_000);
        assert_eq!(report.returns_minor, 180_000);
        assert_eq!(report.roi.to_string(), "-25.0%");
        assert_eq!(report.gross_roi.to_string(), "80.0%");
        assert_eq!(report.without_margin, 1);
        assert_eq!(report.intangible, [4]);
    }

    #[test]
    fn partners_share_the_overall_basis() {
        // Partner 7 has a margin; partner 3 has none, yet its figure is on margin too (at gross,
        // counted), so the list never mixes two kinds of ROI.
        let investments = [spent(1, 1, 1_000, Some(7)), spent(2, 1, 1_000, Some(3))];
        let entries = [
            with_margin(
                logged(1, 2, ValueKind::Revenue, Some(4_000), Some(7)),
                1_500,
            ),
            logged(2, 2, ValueKind::Revenue, Some(3_000), Some(3)),
        ];
        let reports = roi_by_partner(&investments, &entries, ALL);
        let summary: Vec<_> = reports
            .iter()
            .map(|r| (r.partner_id, r.basis, r.roi.to_string(), r.without_margin))
            .collect();
        assert_eq!(
            summary,
            [
                (Some(3), RoiBasis::Margin, "200.0%".to_string(), 1),
                (Some(7), RoiBasis::Margin, "50.0%".to_string(), 0),
            ]
        );
    }

    const ALL: Period = Period {
        from: None,
        to: None,
    };

    #[test]
    fn zero_investment_is_not_applicable() {
        let entries = [logged(1, 5, ValueKind::Revenue, Some(10_000), None)];
        let report = roi(&[], &entries, ALL);
        assert_eq!(report.roi, Roi::NotApplicable);
        assert_eq!(report.roi.to_string(), "n/a");
        assert_eq!(report.roi.ratio(), None);
        assert_eq!(report.returns_minor, 10_000);
    }

    #[test]
    fn roi_is_net_return_over_investment_with_one_decimal() {
        let investments = [spent(1, 1, 80_000, None)];
        let entries = [
            logged(1, 5, ValueKind::Revenue, Some(60_000), None),
            logged(2, 6, ValueKind::CostSaving, Some(30_000), None),
        ];
        let report = roi(&investments, &entries, ALL);
        assert_eq!(report.roi.to_string(), "12.5%");
        assert_eq!(report.roi.ratio(), Some(0.125));
        // Negative: 30,000 back on 80,000 is -62.5%.
        let report = roi(&investments, &entries[1..], ALL);
        assert_eq!(report.roi.to_string(), "-62.5%");
        // Rounding half away from zero: 1/3 → 33.3%, -2/3 → -66.7%.
        assert_eq!(Roi::of(4, 3).to_string(), "33.3%");
        assert_eq!(Roi::of(1, 3).to_string(), "-66.7%");
        assert_eq!(Roi::of(3, 3).to_string(), "0.0%");
        // A hand-made ratio over nothing is still "n/a", not a division by zero.
        let odd = Roi::Ratio {
            net_minor: 5,
            invested_minor: 0,
        };
        assert_eq!((odd.to_string(), odd.ratio()), ("n/a".to_string(), None));
    }

    #[test]
    fn intangible_entries_are_listed_not_folded_in() {
        let investments = [spent(1, 1, 10_000, None)];
        let entries = [
            logged(1, 2, ValueKind::Revenue, Some(20_000), None),
            logged(2, 3, ValueKind::Innovation, None, None),
            logged(3, 4, ValueKind::MarketReach, Some(1_000_000), None),
            logged(4, 5, ValueKind::Revenue, None, None),
        ];
        let report = roi(&investments, &entries, ALL);
        assert_eq!(report.returns_minor, 20_000);
        assert_eq!(report.roi.to_string(), "100.0%");
        assert_eq!(report.intangible, [2, 3, 4]);
    }

    #[test]
    fn period_ends_are_inclusive() {
        let investments = [
            spent(1, 1, 100, None),
            spent(2, 10, 100, None),
            spent(3, 11, 100, None),
        ];
        let entries = [
            logged(1, 1, ValueKind::Revenue, Some(50), None),
            logged(2, 10, ValueKind::Revenue, Some(50), None),
            logged(3, 2, ValueKind::Societal, None, None),
            logged(4, 11, ValueKind::Revenue, Some(999), None),
        ];
        let period = Period {
            from: Some(date(2026, 3, 1)),
            to: Some(date(2026, 3, 10)),
        };
        let report = roi(&investments, &entries, period);
        assert_eq!(report.invested_minor, 200);
        assert_eq!(report.returns_minor, 100);
        assert_eq!(report.intangible, [3]);
        assert_eq!(report.roi.to_string(), "-50.0%");
    }

    #[test]
    fn roi_per_partner_with_the_unlinked_last() {
        let investments = [
            spent(1, 1, 1_000, Some(7)),
            spent(2, 1, 2_000, Some(3)),
            spent(3, 1, 500, None),
        ];
        let entries = [
            logged(1, 2, ValueKind::Revenue, Some(1_500), Some(7)),
            logged(2, 2, ValueKind::CustomerLoyalty, None, Some(3)),
            logged(3, 2, ValueKind::Revenue, Some(400), Some(9)),
        ];
        let reports = roi_by_partner(&investments, &entries, ALL);
        let summary: Vec<_> = reports
            .iter()
            .map(|r| (r.partner_id, r.roi.to_string(), r.intangible.len()))
            .collect();
        assert_eq!(
            summary,
            [
                (Some(3), "-100.0%".to_string(), 1),
                (Some(7), "50.0%".to_string(), 0),
                (Some(9), "n/a".to_string(), 0),
                (None, "-100.0%".to_string(), 0),
            ]
        );
    }
}
