//! What the money log holds: investments, value entries and their kinds, and what each returns.

use jiff::civil::Date;

use crate::plan::words::worded;

worded! {
    /// What a value-log entry records.
    pub enum ValueKind {
        Revenue => "revenue",
        CostSaving => "cost saving",
        Innovation => "innovation",
        MarketReach => "market reach",
        CustomerLoyalty => "customer loyalty",
        Societal => "societal",
    }
}

impl ValueKind {
    /// Whether an amount of this kind is money the ecosystem gained.
    pub fn is_money(self) -> bool {
        matches!(self, ValueKind::Revenue | ValueKind::CostSaving)
    }
}

/// Money spent on the ecosystem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Investment {
    pub id: i64,
    pub spent_on: Date,
    pub amount_minor: i64,
    pub partner_id: Option<i64>,
}

/// One line of the value log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueEntry {
    pub id: i64,
    pub logged_on: Date,
    pub partner_id: Option<i64>,
    pub kind: ValueKind,
    pub amount_minor: Option<i64>,
    /// The margin it earned, when known (its own or its partner's rate applied).
    pub margin_minor: Option<i64>,
}

impl ValueEntry {
    /// The money it returns, or `None` when it is intangible.
    pub fn money(&self) -> Option<i64> {
        self.amount_minor.filter(|_| self.kind.is_money())
    }

    /// The margin it returns: its own, or the whole of a cost saving; `None` when it is
    /// intangible or a revenue without a margin.
    pub fn margin(&self) -> Option<i64> {
        let amount = self.money()?;
        match self.kind {
            ValueKind::CostSaving => Some(self.margin_minor.unwrap_or(amount)),
            _ => self.margin_minor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_their_words_back() {
        assert_eq!(
            ValueKind::from_word("Cost Saving"),
            Some(ValueKind::CostSaving)
        );
        assert_eq!(ValueKind::ALL.len(), 6);
        let money: Vec<_> = ValueKind::ALL.iter().filter(|k| k.is_money()).collect();
        assert_eq!(money, [&ValueKind::Revenue, &ValueKind::CostSaving]);
    }
}
