//! Investments and the value log in the workbook (journaled, so `u` undoes them) and their lists
//! (newest first, bounded; Strategy resources marked as investments among them); the ROI figures
//! (`roi.rs`) and margin rates (`margins.rs`) beside them.

mod margins;
mod roi;

pub use roi::{PartnerRoi, ROI_PARTNERS_MAX, RoiOverTime, RoiSummary};

use anyhow::{Result, bail};
use jiff::civil::Date;
use rusqlite::ToSql;
use rusqlite::types::Value;

use super::{Workbook, text};
use crate::plan::money::{Period, ValueKind};

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

/// Money kinds, as stored: only their amounts are returns.
pub(super) const MONEY_KINDS: &str = "('revenue', 'cost saving')";

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
}
