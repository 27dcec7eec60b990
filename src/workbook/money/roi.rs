//! The ROI figures of a period, overall and per partner, on margin when margins exist, summed in
//! SQL so they never read the whole log; the cumulative ROI month by month and the payback.

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::types::Value;

use super::{ALL_INVESTMENTS, MONEY_KINDS, period_clause};
use crate::plan::money::{
    Investment, Payback, Period, RoiBasis, RoiMonth, RoiReport, RoiSums, ValueEntry, ValueKind,
    cumulative, payback,
};
use crate::workbook::{Workbook, text};

/// How many partners the per-partner ROI lists at most (the largest investments first).
pub const ROI_PARTNERS_MAX: usize = 200;

/// A partner's ROI in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerRoi {
    /// `None`: the records without a partner.
    pub partner_id: Option<i64>,
    pub partner: String,
    pub report: RoiReport,
    /// Intangible value entries of the partner in the period.
    pub intangible: usize,
    /// The partner's margin rate (percent of revenue), when set.
    pub margin_rate: Option<f64>,
    /// The partner's type ('' without one) and that type's margin rate, which the partner's
    /// revenue counts at when it has no rate of its own.
    pub partner_type: String,
    pub type_rate: Option<f64>,
}

/// The ROI view's figures for a period.
#[derive(Debug, Clone, PartialEq)]
pub struct RoiSummary {
    pub overall: RoiReport,
    /// Intangible value entries in the period: counted beside the money figure, never in it.
    pub intangible: usize,
    pub partners: Vec<PartnerRoi>,
}

/// The cumulative ROI since the first record, month by month, and when it paid back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiOverTime {
    pub basis: RoiBasis,
    pub months: Vec<RoiMonth>,
    pub payback: Option<Payback>,
}

/// The margin rate a partner `p`'s revenue counts at: its own, else its type's
/// (`plan::money::rate_used`).
macro_rules! partner_rate {
    () => {
        "coalesce(p.margin_rate, (SELECT t.margin_rate FROM type_programmes t \
         WHERE t.partner_type = p.partner_type))"
    };
}

/// A value-log line's margin, over `value_log v LEFT JOIN partners p`: its own, else its
/// partner's (or its partner type's) rate applied to a revenue, else the whole of a cost saving;
/// NULL when unknown. The rule of `plan::money::margin_counted`.
const MARGIN: &str = concat!(
    "CASE \
     WHEN v.amount_minor IS NULL OR v.kind NOT IN ('revenue', 'cost saving') THEN NULL \
     WHEN v.margin_minor IS NOT NULL THEN v.margin_minor \
     WHEN v.kind = 'cost saving' THEN v.amount_minor \
     WHEN ",
    partner_rate!(),
    " IS NOT NULL THEN CAST(round(v.amount_minor * ",
    partner_rate!(),
    " / 100.0) AS INTEGER) END"
);

/// Whether a line carries a margin of its own or its partner's (what makes an ROI on margin).
const MARGIN_GIVEN: &str = concat!(
    "(v.amount_minor IS NOT NULL \
     AND v.kind IN ('revenue', 'cost saving') AND (v.margin_minor IS NOT NULL \
     OR (v.kind = 'revenue' AND ",
    partner_rate!(),
    " IS NOT NULL)))"
);

impl Workbook {
    /// The ROI over `period`, overall and per partner (the largest investments first, at most
    /// `ROI_PARTNERS_MAX`), with the intangible entries counted beside it; on margin when any
    /// money entry in the period has a margin (its own or its partner's rate). Sums are read per
    /// partner in SQL; the plan's rule then turns them into ROI figures.
    pub fn roi_summary(&self, period: Period) -> Result<RoiSummary> {
        let mut params = Vec::new();
        let spent = period_clause("spent_on", &period, &mut params);
        let invested: Vec<(Option<i64>, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT partner_id, sum(amount_minor) FROM ({ALL_INVESTMENTS}) WHERE {spent} \
                 GROUP BY partner_id"
            ))?
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut params = Vec::new();
        let logged = period_clause("v.logged_on", &period, &mut params);
        // (partner, gross, margin with gross for the unknown, revenue without margin, margins
        // given, intangible entries)
        type Returned = (Option<i64>, i64, i64, i64, i64, i64);
        let returned: Vec<Returned> = self
            .conn
            .prepare_cached(&format!(
                "SELECT v.partner_id, \
                 coalesce(sum(CASE WHEN v.kind IN {MONEY_KINDS} THEN v.amount_minor END), 0), \
                 coalesce(sum(CASE WHEN v.kind IN {MONEY_KINDS} \
                     THEN coalesce({MARGIN}, v.amount_minor) END), 0), \
                 coalesce(sum(v.kind IN {MONEY_KINDS} AND v.amount_minor IS NOT NULL \
                     AND ({MARGIN}) IS NULL), 0), \
                 coalesce(sum({MARGIN_GIVEN}), 0), \
                 coalesce(sum(NOT (v.kind IN {MONEY_KINDS} AND v.amount_minor IS NOT NULL)), 0) \
                 FROM value_log v LEFT JOIN partners p ON p.id = v.partner_id \
                 WHERE {logged} GROUP BY v.partner_id"
            ))?
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let basis = if returned.iter().any(|r| r.4 > 0) {
            RoiBasis::Margin
        } else {
            RoiBasis::Gross
        };
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        let mut sums: std::collections::BTreeMap<Option<i64>, (RoiSums, usize)> =
            std::collections::BTreeMap::new();
        for &(partner, spent) in &invested {
            sums.entry(partner).or_default().0.invested += i128::from(spent);
        }
        for &(partner, gross, margin, without, _, intangible) in &returned {
            let (s, n) = sums.entry(partner).or_default();
            s.gross += i128::from(gross);
            s.margin += i128::from(margin);
            s.without_margin += count(without);
            *n += count(intangible);
        }
        let mut total = RoiSums::default();
        let mut intangible = 0;
        for (s, n) in sums.values() {
            total.invested += s.invested;
            total.gross += s.gross;
            total.margin += s.margin;
            total.without_margin += s.without_margin;
            intangible += n;
        }
        let overall = RoiReport::from_sums(None, basis, total, Vec::new());
        let mut partners: Vec<PartnerRoi> = sums
            .into_iter()
            .map(|(partner_id, (s, n))| PartnerRoi {
                partner_id,
                partner: String::new(),
                intangible: n,
                margin_rate: None,
                partner_type: String::new(),
                type_rate: None,
                report: RoiReport::from_sums(partner_id, basis, s, Vec::new()),
            })
            .collect();
        partners.sort_by(|a, b| {
            (
                a.partner_id.is_none(),
                std::cmp::Reverse(a.report.invested_minor),
                a.partner_id,
            )
                .cmp(&(
                    b.partner_id.is_none(),
                    std::cmp::Reverse(b.report.invested_minor),
                    b.partner_id,
                ))
        });
        partners.truncate(ROI_PARTNERS_MAX);
        let ids: Vec<i64> = partners.iter().filter_map(|p| p.partner_id).collect();
        let names = self.partner_names(&ids)?;
        // One read for every listed partner's rate.
        let listed = std::rc::Rc::new(ids.iter().map(|&id| Value::Integer(id)).collect::<Vec<_>>());
        type Rates = (Option<f64>, String, Option<f64>);
        let rates: std::collections::HashMap<i64, Rates> = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.margin_rate, p.partner_type, t.margin_rate FROM partners p \
                 LEFT JOIN type_programmes t ON t.partner_type = p.partner_type \
                 WHERE p.id IN rarray(?1)",
            )?
            .query_map([listed], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for p in &mut partners {
            p.partner = match p.partner_id {
                Some(id) => names.get(&id).cloned().unwrap_or_default(),
                None => "(no partner)".into(),
            };
            if let Some((own, kind, of_type)) = p.partner_id.and_then(|id| rates.get(&id)) {
                (p.margin_rate, p.partner_type, p.type_rate) = (*own, kind.clone(), *of_type);
            }
        }
        Ok(RoiSummary {
            overall,
            intangible,
            partners,
        })
    }

    /// The cumulative ROI since the first record, month by month (summed per month in SQL), on
    /// margin when any money entry has one, and when it paid back.
    pub fn roi_over_time(&self) -> Result<RoiOverTime> {
        let spent: Vec<(String, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT substr(spent_on, 1, 7) AS month, sum(amount_minor) \
                 FROM ({ALL_INVESTMENTS}) GROUP BY month"
            ))?
            .query_map([], |r| Ok((text(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let back: Vec<(String, i64, i64, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT substr(v.logged_on, 1, 7) AS month, sum(v.amount_minor), \
                 sum(coalesce({MARGIN}, v.amount_minor)), coalesce(sum({MARGIN_GIVEN}), 0) \
                 FROM value_log v LEFT JOIN partners p ON p.id = v.partner_id \
                 WHERE v.kind IN {MONEY_KINDS} AND v.amount_minor IS NOT NULL GROUP BY month"
            ))?
            .query_map([], |r| {
                Ok((text(r.get(0)?), r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A month that does not read as one (a hand-edited file) is left out of the line.
        let first_of = |month: &str| format!("{month}-01").parse::<Date>().ok();
        let investments: Vec<Investment> = spent
            .iter()
            .filter_map(|(month, amount)| {
                Some(Investment {
                    id: 0,
                    spent_on: first_of(month)?,
                    amount_minor: *amount,
                    partner_id: None,
                })
            })
            .collect();
        let entries: Vec<ValueEntry> = back
            .iter()
            .filter_map(|(month, gross, margin, _)| {
                Some(ValueEntry {
                    id: 0,
                    logged_on: first_of(month)?,
                    partner_id: None,
                    kind: ValueKind::Revenue,
                    amount_minor: Some(*gross),
                    margin_minor: Some(*margin),
                })
            })
            .collect();
        let basis = if back.iter().any(|b| b.3 > 0) {
            RoiBasis::Margin
        } else {
            RoiBasis::Gross
        };
        let months = cumulative(&investments, &entries, basis);
        Ok(RoiOverTime {
            basis,
            payback: payback(&months),
            months,
        })
    }
}
