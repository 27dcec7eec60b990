//! Investments and the value log in the workbook (journaled, so `u` undoes them), their lists
//! (newest first, bounded), and the ROI figures of a period, overall and per partner, summed in
//! SQL so they never read the whole log.

use anyhow::{Result, bail};
use jiff::civil::Date;
use rusqlite::ToSql;
use rusqlite::types::Value;

use super::{Workbook, text};
use crate::plan::money::{
    Investment, Period, RoiReport, ValueEntry, ValueKind, roi, roi_by_partner,
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
}

/// A partner's ROI in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerRoi {
    /// `None`: the records without a partner.
    pub partner_id: Option<i64>,
    pub partner: String,
    pub report: RoiReport,
    /// Intangible value entries of the partner in the period.
    pub intangible: usize,
}

/// The ROI view's figures for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiSummary {
    pub overall: RoiReport,
    /// Intangible value entries in the period: counted beside the money figure, never in it.
    pub intangible: usize,
    pub partners: Vec<PartnerRoi>,
}

/// Money kinds, as stored: only their amounts are returns.
pub(super) const MONEY_KINDS: &str = "('revenue', 'cost saving')";

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
    pub fn investment_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM investments", [], |r| r.get(0))?;
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

    pub fn investment(&self, id: i64) -> Result<Option<InvestmentRecord>> {
        Ok(self
            .read_investments("i.id = ?1", &[&id])?
            .into_iter()
            .next())
    }

    fn read_investments(&self, tail: &str, p: &[&dyn ToSql]) -> Result<Vec<InvestmentRecord>> {
        let sql = format!(
            "SELECT i.id, i.spent_on, i.item, i.amount_minor, i.category, i.partner_id, \
             coalesce(p.name, '') FROM investments i LEFT JOIN partners p ON p.id = i.partner_id \
             WHERE {tail}"
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
             coalesce(p.name, '') FROM value_log v LEFT JOIN partners p ON p.id = v.partner_id \
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
        let day = draft.logged_on.to_string();
        let kind = draft.kind.word();
        let columns: [(&str, &dyn ToSql); 5] = [
            ("logged_on", &day),
            ("partner_id", &draft.partner_id),
            ("kind", &kind),
            ("description", &description),
            ("amount_minor", &draft.amount_minor),
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
    /// The ROI over `period`, overall and per partner (the largest investments first, at most
    /// `ROI_PARTNERS_MAX`), with the intangible entries counted beside it. Sums are read per
    /// partner in SQL; the plan's rule then turns them into ROI figures.
    pub fn roi_summary(&self, period: Period) -> Result<RoiSummary> {
        let mut params = Vec::new();
        let spent = period_clause("spent_on", &period, &mut params);
        let invested: Vec<(Option<i64>, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT partner_id, sum(amount_minor) FROM investments WHERE {spent} \
                 GROUP BY partner_id"
            ))?
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut params = Vec::new();
        let logged = period_clause("logged_on", &period, &mut params);
        // (partner, money returned, intangible entries)
        let returned: Vec<(Option<i64>, i64, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT partner_id, \
                 coalesce(sum(CASE WHEN kind IN {MONEY_KINDS} THEN amount_minor END), 0), \
                 coalesce(sum(NOT (kind IN {MONEY_KINDS} AND amount_minor IS NOT NULL)), 0) \
                 FROM value_log WHERE {logged} GROUP BY partner_id"
            ))?
            .query_map(rusqlite::params_from_iter(&params), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // One investment and one return per partner stand for the sums: the plan's rule needs
        // nothing else, and the period was applied in SQL.
        let investments: Vec<Investment> = invested
            .iter()
            .map(|&(partner_id, amount_minor)| Investment {
                id: 0,
                spent_on: Date::MIN,
                amount_minor,
                partner_id,
            })
            .collect();
        let entries: Vec<ValueEntry> = returned
            .iter()
            .map(|&(partner_id, amount, _)| ValueEntry {
                id: 0,
                logged_on: Date::MIN,
                partner_id,
                kind: ValueKind::Revenue,
                amount_minor: Some(amount),
            })
            .collect();
        // One row per partner came back from SQL (GROUP BY), so a map finds each at once.
        let intangible_by_partner: std::collections::HashMap<Option<i64>, usize> = returned
            .iter()
            .map(|r| (r.0, usize::try_from(r.2).unwrap_or(0)))
            .collect();
        let intangible_of =
            |partner: Option<i64>| intangible_by_partner.get(&partner).copied().unwrap_or(0);
        let overall = roi(&investments, &entries, Period::default());
        let intangible = returned
            .iter()
            .map(|r| usize::try_from(r.2).unwrap_or(0))
            .sum();
        let mut partners: Vec<PartnerRoi> =
            roi_by_partner(&investments, &entries, Period::default())
                .into_iter()
                .map(|report| PartnerRoi {
                    partner_id: report.partner_id,
                    partner: String::new(),
                    intangible: intangible_of(report.partner_id),
                    report,
                })
                .collect();
        partners.sort_by(|a, b| {
            (
                a.partner_id.is_none(),
                std::cmp::Reverse(a.report.invested_minor),
            )
                .cmp(&(
                    b.partner_id.is_none(),
                    std::cmp::Reverse(b.report.invested_minor),
                ))
        });
        partners.truncate(ROI_PARTNERS_MAX);
        let ids: Vec<i64> = partners.iter().filter_map(|p| p.partner_id).collect();
        let names = self.partner_names(&ids)?;
        for p in &mut partners {
            p.partner = match p.partner_id {
                Some(id) => names.get(&id).cloned().unwrap_or_default(),
                None => "(no partner)".into(),
            };
        }
        Ok(RoiSummary {
            overall,
            intangible,
            partners,
        })
    }
}
