//! Margins: what a value entry's margin may be, how a typed margin reads (an amount, or a
//! percentage of the entry's amount), what a partner's (or a partner type's) margin rate may be,
//! and which margin an entry counts: its own, else its partner's rate, else its partner type's.

use super::Currency;
use super::roi::ValueKind;

/// Why `margin` cannot go with an entry of `kind` and `amount`, or `None` when it can: a margin
/// needs a money amount, and cannot be more than that amount (a loss may be any size).
pub fn margin_problem(kind: ValueKind, amount: Option<i64>, margin: Option<i64>) -> Option<String> {
    let margin = margin?;
    if !kind.is_money() {
        return Some(format!(
            "A margin goes with revenue or a cost saving, not with {} value; clear the margin \
             or change the kind.",
            kind.word()
        ));
    }
    match amount {
        None => Some(
            "A margin needs the entry's amount; type the amount too, or clear the margin.".into(),
        ),
        Some(amount) if margin > amount => Some(
            "The margin is more than the amount it was earned on; type the margin kept out of \
             the amount (e.g. 30% or an amount no larger than it)."
                .into(),
        ),
        Some(_) => None,
    }
}

/// Why `rate` (percent of revenue) cannot be a partner's margin rate, or `None` when it can.
pub fn margin_rate_problem(rate: f64) -> Option<String> {
    (!rate.is_finite() || !(-100.0..=100.0).contains(&rate)).then(|| {
        format!("{rate}% is not a margin rate; type a percentage from -100 to 100, like 30%.")
    })
}

/// Where the rate applied to a revenue without a margin of its own comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateFrom {
    /// The partner's own rate.
    Partner(f64),
    /// The rate of the partner's type (every partner of it without a rate of its own).
    PartnerType(f64),
}

impl RateFrom {
    pub fn rate(self) -> f64 {
        match self {
            RateFrom::Partner(rate) | RateFrom::PartnerType(rate) => rate,
        }
    }
}

/// The rate a partner's revenue counts at: the partner's own, else its type's, else none.
pub fn rate_used(partner: Option<f64>, partner_type: Option<f64>) -> Option<RateFrom> {
    partner
        .map(RateFrom::Partner)
        .or(partner_type.map(RateFrom::PartnerType))
}

/// The margin an entry counts: its own; else, for a revenue, the amount at `rate` (rounded half
/// away from zero to the minor unit); else the whole of a cost saving; `None` for intangible
/// value, an entry without an amount, or a revenue with no margin and no rate. The workbook's
/// ROI sums the same rule in SQL (`workbook::money`).
pub fn margin_counted(
    kind: ValueKind,
    amount: Option<i64>,
    own: Option<i64>,
    rate: Option<RateFrom>,
) -> Option<i64> {
    let amount = amount.filter(|_| kind.is_money())?;
    own.or(match kind {
        ValueKind::CostSaving => Some(amount),
        _ => rate.map(|r| (amount as f64 * r.rate() / 100.0).round() as i64),
    })
}

/// A typed margin rate: "30", "30%", "12.5 %"; empty is none.
pub fn parse_margin_rate(text: &str) -> Result<Option<f64>, String> {
    let bare = text.trim().trim_end_matches('%').trim();
    if bare.is_empty() {
        return Ok(None);
    }
    let rate: f64 = bare.parse().map_err(|_| {
        format!(
            "\"{}\" is not a percentage; type a margin rate like 30%, or nothing to clear it.",
            text.trim()
        )
    })?;
    match margin_rate_problem(rate) {
        Some(why) => Err(why),
        None => Ok(Some(rate)),
    }
}

/// A typed margin of an entry of `amount`: empty is none, "30%" is 30% of the amount (rounded
/// half away from zero to the minor unit), anything else an amount in `currency`.
pub fn parse_margin(
    currency: &Currency,
    text: &str,
    amount: Option<i64>,
) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !text.ends_with('%') {
        return currency.parse(text).map(Some);
    }
    let rate = parse_margin_rate(text)?.unwrap_or(0.0);
    let Some(amount) = amount else {
        return Err(
            "A margin given as a percentage needs the entry's amount; type the amount first."
                .into(),
        );
    };
    // Amounts stay well inside f64's exact integers for any real ledger.
    Ok(Some((amount as f64 * rate / 100.0).round() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_margins_are_amounts_or_shares_of_the_amount() {
        let eur = Currency::default();
        assert_eq!(parse_margin(&eur, "", Some(100_000)), Ok(None));
        assert_eq!(parse_margin(&eur, "300", Some(100_000)), Ok(Some(30_000)));
        // 30% of EUR 1,000.00 is EUR 300.00; 12.5% of EUR 0.99 is 12.375 cents → 12.
        assert_eq!(parse_margin(&eur, "30%", Some(100_000)), Ok(Some(30_000)));
        assert_eq!(parse_margin(&eur, "12.5 %", Some(99)), Ok(Some(12)));
        assert!(
            parse_margin(&eur, "30%", None)
                .unwrap_err()
                .contains("type the amount first")
        );
        assert!(parse_margin(&eur, "lots", Some(1)).is_err());
        assert!(
            parse_margin(&eur, "130%", Some(1))
                .unwrap_err()
                .contains("from -100 to 100")
        );
    }

    #[test]
    fn a_margin_needs_money_and_stays_within_the_amount() {
        assert_eq!(margin_problem(ValueKind::Revenue, Some(100), None), None);
        assert_eq!(
            margin_problem(ValueKind::Revenue, Some(100), Some(30)),
            None
        );
        assert_eq!(
            margin_problem(ValueKind::Revenue, Some(100), Some(-500)),
            None
        );
        assert!(
            margin_problem(ValueKind::Revenue, Some(100), Some(101))
                .unwrap()
                .contains("more than the amount")
        );
        assert!(
            margin_problem(ValueKind::Revenue, None, Some(1))
                .unwrap()
                .contains("needs the entry's amount")
        );
        assert!(
            margin_problem(ValueKind::Innovation, Some(100), Some(1))
                .unwrap()
                .contains("not with innovation value")
        );
    }

    #[test]
    fn margin_rates_are_percentages() {
        assert_eq!(parse_margin_rate("30%"), Ok(Some(30.0)));
        assert_eq!(parse_margin_rate(" 12.5 "), Ok(Some(12.5)));
        assert_eq!(parse_margin_rate(""), Ok(None));
        assert!(
            parse_margin_rate("abc")
                .unwrap_err()
                .contains("not a percentage")
        );
        assert!(parse_margin_rate("101").is_err());
        assert!(margin_rate_problem(f64::NAN).is_some());
    }

    #[test]
    fn the_margin_counted_is_the_entrys_then_the_partners_then_its_types_rate() {
        use super::super::roi::ValueKind::{CostSaving, Innovation, Revenue};
        // A partner at 30% whose type (reseller) is at 20%.
        let partner = rate_used(Some(30.0), Some(20.0));
        assert_eq!(partner, Some(RateFrom::Partner(30.0)));
        let of_type = rate_used(None, Some(20.0));
        assert_eq!(of_type, Some(RateFrom::PartnerType(20.0)));
        assert_eq!(rate_used(None, None), None);
        // €1,000.00 of revenue: its own margin of €150.00 wins over every rate.
        assert_eq!(
            margin_counted(Revenue, Some(100_000), Some(15_000), partner),
            Some(15_000)
        );
        // Without its own: 30% of it, the partner's; without the partner's: 20%, the type's.
        assert_eq!(
            margin_counted(Revenue, Some(100_000), None, partner),
            Some(30_000)
        );
        assert_eq!(
            margin_counted(Revenue, Some(100_000), None, of_type),
            Some(20_000)
        );
        // No rate at all: the revenue has no margin (counted gross by the ROI, and said so).
        assert_eq!(margin_counted(Revenue, Some(100_000), None, None), None);
        // 12.5% of €0.03 is 0.375 cents: rounded half away from zero, 0; of €0.05, 0.625 → 1.
        let odd = rate_used(None, Some(12.5));
        assert_eq!(margin_counted(Revenue, Some(3), None, odd), Some(0));
        assert_eq!(margin_counted(Revenue, Some(5), None, odd), Some(1));
        // A cost saving is all margin unless it says otherwise; rates do not touch it.
        assert_eq!(
            margin_counted(CostSaving, Some(40_000), None, partner),
            Some(40_000)
        );
        assert_eq!(
            margin_counted(CostSaving, Some(40_000), Some(10_000), partner),
            Some(10_000)
        );
        // Intangible value and entries without an amount count no margin.
        assert_eq!(margin_counted(Innovation, Some(5_000), None, partner), None);
        assert_eq!(margin_counted(Revenue, None, None, partner), None);
    }
}
