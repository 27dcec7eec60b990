//! Investments and the value log in the workbook (journaled, so `u` undoes them), their lists
//! (newest first, bounded; Strategy resources marked as investments among them), and the ROI
//! figures of a period, overall and per partner, on margin when margins exist, summed in SQL so
//! they never read the whole log; the cumulative ROI month by month and the payback.

use anyhow::{Result, bail};
use jiff::civil::Date;
use rusqlite::ToSql;
use rusqlite::types::Value;

use super::{Workbook, text};
use crate::plan::money::{
    Investment, Payback, Period, RoiBasis, RoiMonth, RoiReport, RoiSums, ValueEntry, ValueKind,
    cumulative, payback,
};

/// How many partners the per-partner ROI lists at most (the largest investments first).
pub const ROI_PARTNERS_MAX: usize = 200;

/// Money spent on the ecosystem, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvestmentRecord {
    pub id: i64,
    pub draft: InvestmentDraft,
    /// The linked partner's name ("" when none).
    pub partner: String,
    /// The Strategy resource this investment is (edited there, counted once); `None` for an
    /// investment of the Metrics tab's own list.
    pub resource_id: Option<i64>,
}

/// An investment as the form saves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvestmentDraft {
    pub spent_on: Date,
    pub item: String,
    pub amount_minor: i64,
    pub category: String,
    pub partner_id: Option<i64>,
}

/// A line of the value log, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRecord {
    pub id: i64,
    pub draft: ValueDraft,
    pub partner: String,
}

/// A value-log line as the form saves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueDraft {
    pub logged_on: Date,
    pub partner_id: Option<i64>,
    pub kind: ValueKind,
    pub description: String,
    pub amount_minor: Option<i64>,
    /// The margin the entry earned, when known (revenue; a cost saving is kept whole).
    pub margin_minor: Option<i64>,
}

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

/// Money kinds, as stored: only their amounts are returns.
pub(super) const MONEY_KINDS: &str = "('revenue', 'cost saving')";

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

/// Every investment: the Metrics tab's own and the Strategy resources marked as investments (a
/// resource's row has `resource_id`), as one list with the columns `read_investments` reads.
const ALL_INVESTMENTS: &str = "SELECT i.id AS id, i.spent_on AS spent_on, \
     i.item AS item, i.amount_minor AS amount_minor, i.category AS category, \
     i.partner_id AS partner_id, coalesce(p.name, '') AS partner, NULL AS resource_id \
     FROM investments i LEFT JOIN partners p ON p.id = i.partner_id \
     UNION ALL SELECT r.id, r.invested_on, r.name, r.estimated_cost_minor, r.kind, NULL, '', \
     r.id FROM resources r \
     WHERE r.invested_on IS NOT NULL AND r.estimated_cost_minor IS NOT NULL";

pub(super) fn period_clause(column: &str, period: &Period, params: &mut Vec<Value>) -> String {
    let mut clause = String::from("1");
    if let Some(from) = period.from {
        params.push(Value::Text(from.to_string()));
        clause.push_str(&format!(" AND {column} >= ?{}", params.len()));
    }
    if let Some(to) = period.to {
        params.push(Value::Text(to.to_string()));
        clause.push_str(&format!(" AND {column} <= ?{}", params.len()));
    }
    clause
}

/// Why an edit of a record that is no longer there changed nothing.
fn gone(table: &str) -> anyhow::Error {
    let what = if table == "investments" {
        "investment"
    } else {
        "value entry"
    };
    anyhow::anyhow!("That {what} no longer exists (undone or deleted); nothing was changed.")
}

fn date_of(value: Value) -> Date {
    // A hand-edited file may hold anything; such a line sorts and shows as the earliest day.
    text(value).parse().unwrap_or(Date::MIN)
}

impl Workbook {
    /// Investments, resources marked as investments included.
    pub fn investment_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM investments) + (SELECT count(*) FROM resources \
             WHERE invested_on IS NOT NULL AND estimated_cost_minor IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub fn value_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM value_log", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Up to `limit` investments from position `offset`, newest first.
    pub fn investments(&self, offset: usize, limit: usize) -> Result<Vec<InvestmentRecord>> {
        self.read_investments(
            "1 ORDER BY i.spent_on DESC, i.id DESC LIMIT ?1 OFFSET ?2",
            &[&(limit as i64), &(offset as i64)],
        )
    }

    /// Investment `id` of the Metrics tab's own list (never a resource).
    pub fn investment(&self, id: i64) -> Result<Option<InvestmentRecord>> {
        Ok(self
            .read_investments("i.resource_id IS NULL AND i.id = ?1", &[&id])?
            .into_iter()
            .next())
    }

    fn read_investments(&self, tail: &str, p: &[&dyn ToSql]) -> Result<Vec<InvestmentRecord>> {
        let sql = format!(
            "SELECT i.id, i.spent_on, i.item, i.amount_minor, i.category, i.partner_id, \
             i.partner, i.resource_id FROM ({ALL_INVESTMENTS}) i WHERE {tail}"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok(InvestmentRecord {
                    id: r.get(0)?,
                    draft: InvestmentDraft {
                        spent_on: date_of(r.get(1)?),
                        item: text(r.get(2)?),
                        amount_minor: r.get::<_, Option<i64>>(3).ok().flatten().unwrap_or(0),
                        category: text(r.get(4)?),
                        partner_id: r.get::<_, Option<i64>>(5).ok().flatten(),
                    },
                    partner: text(r.get(6)?),
                    resource_id: r.get::<_, Option<i64>>(7).ok().flatten(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Up to `limit` value-log lines from position `offset`, newest first. Lines of a kind this
    /// version does not know are shown as societal value (intangible, as they count).
    pub fn value_entries(&self, offset: usize, limit: usize) -> Result<Vec<ValueRecord>> {
        self.read_values(
            "1 ORDER BY v.logged_on DESC, v.id DESC LIMIT ?1 OFFSET ?2",
            &[&(limit as i64), &(offset as i64)],
        )
    }

    pub fn value_entry(&self, id: i64) -> Result<Option<ValueRecord>> {
        Ok(self.read_values("v.id = ?1", &[&id])?.into_iter().next())
    }

    fn read_values(&self, tail: &str, p: &[&dyn ToSql]) -> Result<Vec<ValueRecord>> {
        let sql = format!(
            "SELECT v.id, v.logged_on, v.partner_id, v.kind, v.description, v.amount_minor, \
             coalesce(p.name, ''), v.margin_minor \
             FROM value_log v LEFT JOIN partners p ON p.id = v.partner_id \
             WHERE {tail}"
        );
        let rows = self
            .conn
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok(ValueRecord {
                    id: r.get(0)?,
                    draft: ValueDraft {
                        logged_on: date_of(r.get(1)?),
                        partner_id: r.get::<_, Option<i64>>(2).ok().flatten(),
                        kind: ValueKind::from_word(&text(r.get(3)?)).unwrap_or(ValueKind::Societal),
                        description: text(r.get(4)?),
                        amount_minor: r.get::<_, Option<i64>>(5).ok().flatten(),
                        margin_minor: r.get::<_, Option<i64>>(7).ok().flatten(),
                    },
                    partner: text(r.get(6)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn save_investment(&mut self, id: Option<i64>, draft: &InvestmentDraft) -> Result<i64> {
        self.refuse_write()?;
        let item = draft.item.trim().to_string();
        if item.is_empty() {
            bail!("An investment needs an item saying what the money went to; type one.");
        }
        let category = draft.category.trim().to_string();
        let day = draft.spent_on.to_string();
        let columns: [(&str, &dyn ToSql); 5] = [
            ("spent_on", &day),
            ("item", &item),
            ("amount_minor", &draft.amount_minor),
            ("category", &category),
            ("partner_id", &draft.partner_id),
        ];
        self.save_row("investments", id, &columns, &format!("investment {item}"))
    }

    /// Deletes investment `id`; returns its item.
    pub fn delete_investment(&mut self, id: i64) -> Result<String> {
        let item = self.investment(id)?.map(|r| r.draft.item);
        self.delete_row("investments", id, item, "investment")
    }

    pub fn save_value_entry(&mut self, id: Option<i64>, draft: &ValueDraft) -> Result<i64> {
        self.refuse_write()?;
        let description = draft.description.trim().to_string();
        if description.is_empty() {
            bail!("A value entry needs a description of the value created; type one.");
        }
        if let Some(why) =
            crate::plan::money::margin_problem(draft.kind, draft.amount_minor, draft.margin_minor)
        {
            bail!(why);
        }
        let day = draft.logged_on.to_string();
        let kind = draft.kind.word();
        let columns: [(&str, &dyn ToSql); 6] = [
            ("logged_on", &day),
            ("partner_id", &draft.partner_id),
            ("kind", &kind),
            ("description", &description),
            ("amount_minor", &draft.amount_minor),
            ("margin_minor", &draft.margin_minor),
        ];
        self.save_row(
            "value_log",
            id,
            &columns,
            &format!("{kind} value: {description}"),
        )
    }

    /// Deletes value entry `id`; returns its description.
    pub fn delete_value_entry(&mut self, id: i64) -> Result<String> {
        let description = self.value_entry(id)?.map(|r| r.draft.description);
        self.delete_row("value_log", id, description, "value entry")
    }

    /// Adds (`id` none) or changes a row of `table`, as one journaled edit called `label`.
    fn save_row(
        &mut self,
        table: &str,
        id: Option<i64>,
        columns: &[(&str, &dyn ToSql)],
        label: &str,
    ) -> Result<i64> {
        match id {
            None => {
                let mut change = self.change(format!("add {label}"))?;
                let id = change.insert(table, columns)?;
                change.commit()?;
                Ok(id)
            }
            Some(id) => {
                let exists: bool = self.conn.query_row(
                    &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
                    [id],
                    |r| r.get(0),
                )?;
                if !exists {
                    return Err(gone(table));
                }
                let mut change = self.change(format!("edit {label}"))?;
                change.update(table, id, columns)?;
                change.commit()?;
                Ok(id)
            }
        }
    }

    /// Deletes row `id` of `table`, named `name` (`None`: it is gone already) in messages.
    fn delete_row(
        &mut self,
        table: &str,
        id: i64,
        name: Option<String>,
        what: &str,
    ) -> Result<String> {
        self.refuse_write()?;
        let name = name.ok_or_else(|| gone(table))?;
        let mut change = self.change(format!("delete {what} {name}"))?;
        change.delete(table, id)?;
        change.commit()?;
        Ok(name)
    }
    /// A partner's margin rate (percent of revenue), which its value entries without a margin
    /// of their own take; `None` clears it. One journaled edit.
    pub fn set_partner_margin_rate(&mut self, partner_id: i64, rate: Option<f64>) -> Result<()> {
        self.refuse_write()?;
        if let Some(why) = rate.and_then(crate::plan::money::margin_rate_problem) {
            bail!(why);
        }
        let name: Option<String> = self.partner_names(&[partner_id])?.get(&partner_id).cloned();
        let Some(name) = name else {
            bail!("That partner no longer exists (undone or deleted); nothing was changed.");
        };
        let mut change = self.change(format!("set the margin rate of {name}"))?;
        change.update("partners", partner_id, &[("margin_rate", &rate)])?;
        change.commit()?;
        Ok(())
    }

    /// The margin rate of partner type `kind` (percent of revenue), which its partners' value
    /// entries take when neither the entry has a margin nor the partner a rate.
    pub fn type_margin_rate(&self, kind: &str) -> Result<Option<f64>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT margin_rate FROM type_programmes WHERE partner_type = ?1")?
            .query_row([kind.trim()], |r| r.get::<_, Option<f64>>(0))
            .optional()?
            .flatten())
    }

    /// Sets partner `partner_id`'s margin rate and, when `type_rate` names its type, that type's
    /// rate too (`None` clears either), as one journaled change.
    pub fn set_margin_rates(
        &mut self,
        partner_id: i64,
        rate: Option<f64>,
        type_rate: Option<(&str, Option<f64>)>,
    ) -> Result<()> {
        use rusqlite::OptionalExtension;
        self.refuse_write()?;
        for rate in [rate, type_rate.and_then(|(_, r)| r)].into_iter().flatten() {
            if let Some(why) = crate::plan::money::margin_rate_problem(rate) {
                bail!(why);
            }
        }
        let name: Option<String> = self.partner_names(&[partner_id])?.get(&partner_id).cloned();
        let Some(name) = name else {
            bail!("That partner no longer exists (undone or deleted); nothing was changed.");
        };
        let existing = match type_rate {
            Some((kind, _)) if kind.trim().is_empty() => {
                bail!(
                    "{name} has no type, so there is no type's rate to set; give it a type first."
                )
            }
            Some((kind, _)) => self
                .conn
                .prepare_cached(
                    "SELECT id, margin_rate FROM type_programmes WHERE partner_type = ?1",
                )?
                .query_row([kind.trim()], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))
                .optional()?,
            None => None,
        };
        let partner_changes = self.partner_margin_rate(partner_id)? != rate;
        let type_changes = match (type_rate, existing) {
            (Some((_, r)), Some((_, was))) => r != was,
            (Some((_, r)), None) => r.is_some(),
            (None, _) => false,
        };
        if !partner_changes && !type_changes {
            return Ok(());
        }
        let mut change = self.change(format!("set the margin rate of {name}"))?;
        if partner_changes {
            change.update("partners", partner_id, &[("margin_rate", &rate)])?;
        }
        match (type_rate, existing) {
            (Some((_, None)), Some((id, _))) => change.delete("type_programmes", id)?,
            (Some((_, Some(r))), Some((id, was))) if was != Some(r) => {
                change.update("type_programmes", id, &[("margin_rate", &r)])?
            }
            (Some((kind, Some(r))), None) => {
                change.insert(
                    "type_programmes",
                    &[("partner_type", &kind.trim()), ("margin_rate", &r)],
                )?;
            }
            _ => {}
        }
        change.commit()
    }

    /// A partner's margin rate, when set.
    pub fn partner_margin_rate(&self, partner_id: i64) -> Result<Option<f64>> {
        use rusqlite::OptionalExtension;
        let rate = self
            .conn
            .query_row(
                "SELECT margin_rate FROM partners WHERE id = ?1",
                [partner_id],
                |r| r.get::<_, Option<f64>>(0),
            )
            .optional()?;
        Ok(rate.flatten())
    }

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
