//! Partner records: add, edit, delete (journaled) and the roster read one window at a time.

use anyhow::{Result, bail};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::Workbook;
use super::paging::{FacetUse, Keyed, Order, Page, PageKey, Window};
use super::search::{PARTNERS, TextFilter, count_matching};
use crate::plan::figures::{CHECKIN_STAGES, ONBOARDED_PCT};
use crate::plan::shape::website_key;
use crate::plan::{PartnerDraft, PartnerField};

/// The columns the roster can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartnerSort {
    #[default]
    Name,
    Type,
    Stage,
    Fit,
    Onboarding,
    NextCheckin,
    Owner,
}

impl PartnerSort {
    pub const ALL: [PartnerSort; 7] = [
        PartnerSort::Name,
        PartnerSort::Type,
        PartnerSort::Stage,
        PartnerSort::Fit,
        PartnerSort::Onboarding,
        PartnerSort::NextCheckin,
        PartnerSort::Owner,
    ];

    fn column(self) -> &'static str {
        match self {
            PartnerSort::Name => "name",
            PartnerSort::Type => "partner_type",
            PartnerSort::Stage => "stage",
            PartnerSort::Fit => "fit_score",
            PartnerSort::Onboarding => "onboarding_pct",
            PartnerSort::NextCheckin => "next_checkin",
            PartnerSort::Owner => "owner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PartnerSort::Name => "name",
            PartnerSort::Type => "type",
            PartnerSort::Stage => "stage",
            PartnerSort::Fit => "fit",
            PartnerSort::Onboarding => "onboarding",
            PartnerSort::NextCheckin => "next check-in",
            PartnerSort::Owner => "owner",
        }
    }

    pub fn next(self) -> PartnerSort {
        let index = PartnerSort::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0);
        PartnerSort::ALL[(index + 1) % PartnerSort::ALL.len()]
    }
}

/// Which partners, in which order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartnerPageQuery {
    /// Matched as a case-insensitive substring of name, owner, sector, region and notes.
    pub filter: String,
    pub sort: PartnerSort,
    pub descending: bool,
    pub facets: Facets,
}

/// Narrowing by exact values, on top of the text filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Facets {
    pub stage: Option<String>,
    /// Any of these stages (empty: any stage); the role matrix limits its rows with it.
    pub stages: Vec<String>,
    pub partner_type: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    pub sector: Option<String>,
    /// `Some(true)`: only partners that failed a gate; `Some(false)`: only those that did not.
    pub gated_out: Option<bool>,
    /// Only partners whose next check-in falls on or before this day (overdue ones included).
    pub due_by: Option<DueBy>,
    /// Only partners whose fit, rounded as the roster shows it, lies in `from..below` (the
    /// Overview's fit buckets; `(-1, 0)` is "not scored").
    pub fit_between: Option<(i64, i64)>,
}

/// "Check-in due by": an ISO date, and the cadence for partners without their own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DueBy {
    pub date: String,
    pub default_cadence_days: i64,
}

impl Facets {
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }

    /// Conditions for the facets set, with parameters numbered from `?first` on, and the values
    /// to bind to them in order (values are bound, never spliced into SQL).
    fn conditions(&self, first: usize, purpose: FacetUse) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values: Vec<Value> = Vec::new();
        for (column, value) in [
            ("stage", &self.stage),
            ("partner_type", &self.partner_type),
            ("tier", &self.tier),
            ("region", &self.region),
            ("sector", &self.sector),
        ] {
            if let Some(value) = value {
                sql.push_str(&format!(" AND {column} = ?{}", first + values.len()));
                values.push(Value::Text(value.clone()));
            }
        }
        if !self.stages.is_empty() {
            let marks: Vec<String> = (0..self.stages.len())
                .map(|i| format!("?{}", first + values.len() + i))
                .collect();
            // In a window, `+stage` keeps SQLite walking the sort index and stopping once the
            // window is full; answered from a stage index it would read and sort every match
            // (20 ms rather than 0.1 ms for a quarter of 100,000 partners).
            let column = match purpose {
                FacetUse::Count => "stage",
                FacetUse::Window => "+stage",
            };
            sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
            values.extend(self.stages.iter().cloned().map(Value::Text));
        }
        if let Some(gated) = self.gated_out {
            sql.push_str(&format!(" AND gated_out = ?{}", first + values.len()));
            values.push(Value::Integer(i64::from(gated)));
        }
        if let Some((from, below)) = self.fit_between {
            let (low, high) = (first + values.len(), first + values.len() + 1);
            sql.push_str(&format!(
                " AND fit_score + 0.5 >= ?{low} AND fit_score + 0.5 < ?{high}"
            ));
            values.push(Value::Integer(from));
            values.push(Value::Integer(below));
        }
        if let Some(due) = &self.due_by {
            let (cadence, date) = (first + values.len(), first + values.len() + 1);
            let stage = match purpose {
                FacetUse::Count => "stage",
                FacetUse::Window => "+stage",
            };
            sql.push_str(" AND ");
            sql.push_str(&checkin_due_sql(
                stage,
                &format!("?{cadence}"),
                "<=",
                &format!("?{date}"),
            ));
            values.push(Value::Integer(due.default_cadence_days));
            values.push(Value::Text(due.date.clone()));
        }
        (sql, values)
    }
}

/// The rule of `figures::OVERDUE_CHECKINS` as an SQL condition: a partner at the tended stage
/// whose next check-in (last + own cadence, else `cadence`) compares with `date` by `compare`
/// (`<` overdue, `<=` due by). Every count and filter of due or overdue check-ins uses it.
/// `stage` is the column as the caller needs it (`+stage` keeps SQLite on a sort index).
pub(crate) fn checkin_due_sql(stage: &str, cadence: &str, compare: &str, date: &str) -> String {
    format!(
        "{} AND last_checkin >= '0' AND \
         date(last_checkin, '+' || coalesce(checkin_cadence_days, {cadence}) || ' days') {compare} {date}",
        tended_sql(stage)
    )
}

/// `stage` (the column as the caller needs it) is one of `figures::CHECKIN_STAGES`.
pub(crate) fn tended_sql(stage: &str) -> String {
    // The stages are the plan's own constant words, never user text.
    let stages: Vec<String> = CHECKIN_STAGES.iter().map(|s| format!("'{s}'")).collect();
    format!("{stage} IN ({})", stages.join(", "))
}

/// The rule of `figures::ONBOARDED` as an SQL condition on a partner row (the Overview's gauge
/// and the live KPI both count with it).
pub(crate) fn onboarded_sql() -> String {
    format!(
        "{} AND onboarding_pct >= {ONBOARDED_PCT}",
        tended_sql("stage")
    )
}

/// One roster line.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerRow {
    pub id: i64,
    pub name: String,
    pub partner_type: String,
    pub stage: String,
    pub owner: String,
    /// Cached 0–100 fit; `None` until something weighted is scored.
    pub fit: Option<f64>,
    pub gated_out: bool,
    pub onboarding_pct: Option<i64>,
    /// ISO date of the latest check-in.
    pub last_checkin: Option<String>,
    pub checkin_cadence_days: Option<i64>,
    pub key: PageKey,
}

/// The roster's header figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RosterCounts {
    pub active: i64,
    pub overdue_checkins: i64,
}

impl Keyed for PartnerRow {
    type Key = PageKey;
    fn key(&self) -> PageKey {
        self.key.clone()
    }
}

/// A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl Workbook {
    /// A window of at most `limit` roster rows, in display order, read through the sort index.
    pub fn partner_page(
        &self,
        query: &PartnerPageQuery,
        direction: &Page<PageKey>,
        limit: usize,
    ) -> Result<Vec<PartnerRow>> {
        let column = query.sort.column();
        // The sort columns are declared NOCASE, so these row values can seek in the sort index.
        let order = Order {
            primary: (query.sort != PartnerSort::Name).then_some(column),
            name: "name",
            descending: query.descending,
        };
        let window = Window::new(&order, direction);
        let text = self.text_filter(&query.filter)?;
        if text.is_empty() {
            return Ok(Vec::new());
        }
        // In name order, a filter's many matches are sought from the least name they can have.
        let floor = order
            .primary
            .is_none()
            .then(|| self.search.floor())
            .flatten();
        let (from, filter_sql, matched) = text.sql_seeking(&PARTNERS, floor.as_deref());
        let (facet_sql, facet_values) = query.facets.conditions(6, FacetUse::Window);
        let sql = format!(
            "SELECT id, name, partner_type, stage, owner, {column}, fit_score, gated_out, \
             onboarding_pct, last_checkin, checkin_cadence_days FROM {from} \
             WHERE {filter_sql}{facet_sql} {} ORDER BY {} LIMIT ?5",
            window.comparison, window.order_by
        );
        let mut params = window.params(matched, limit);
        params.extend(
            facet_values
                .into_iter()
                .map(|v| Box::new(v) as Box<dyn ToSql>),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<PartnerRow> = stmt
            .query_map(rusqlite::params_from_iter(params), |row| {
                let id: i64 = row.get(0)?;
                let name: String = row.get(1)?;
                Ok(PartnerRow {
                    id,
                    partner_type: row.get(2)?,
                    stage: row.get(3)?,
                    owner: row.get(4)?,
                    fit: row.get::<_, f64>(6).ok().filter(|f| *f >= 0.0),
                    gated_out: row.get(7)?,
                    onboarding_pct: row.get::<_, i64>(8).ok().filter(|p| *p >= 0),
                    last_checkin: row.get(9)?,
                    checkin_cadence_days: row.get(10)?,
                    key: PageKey {
                        primary: row.get(5)?,
                        name: name.clone(),
                        id,
                    },
                    name,
                })
            })?
            .collect::<Result<_, _>>()?;
        if window.backwards {
            rows.reverse();
        }
        Ok(rows)
    }

    /// The sort key of partner `id` under `query`, or `None` if it does not match the filter.
    pub fn partner_row_key(&self, id: i64, query: &PartnerPageQuery) -> Result<Option<PageKey>> {
        let column = query.sort.column();
        if !query.filter.trim().is_empty()
            && !self.search.matches(&self.conn, &query.filter)?.contains(id)
        {
            return Ok(None);
        }
        let (facet_sql, facet_values) = query.facets.conditions(2, FacetUse::Count);
        let sql = format!("SELECT {column}, name FROM partners WHERE id = ?1{facet_sql}");
        let mut params = vec![Value::Integer(id)];
        params.extend(facet_values);
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params), |row| {
                Ok(PageKey {
                    primary: row.get(0)?,
                    name: row.get(1)?,
                    id,
                })
            })
            .optional()?)
    }

    /// Active partners, and the overdue check-ins of `figures::OVERDUE_CHECKINS` on `today` (ISO
    /// date; `default_cadence_days` for partners without a cadence of their own).
    pub fn roster_counts(&self, default_cadence_days: i64, today: &str) -> Result<RosterCounts> {
        let active = self
            .conn
            .prepare_cached("SELECT count(*) FROM partners WHERE stage = 'active'")?
            .query_row([], |r| r.get(0))?;
        // Each partner's next check-in is kept in the file for the cadence recorded there
        // (`use_default_cadence`): when that is the cadence asked for, its index finds the
        // overdue partners without reading every partner (at 1,000,000 partners, ~1 s less
        // before the roster's first frame). Otherwise (a read-only file recorded with another
        // cadence) the rule is worked out partner by partner.
        let stored: i64 = self
            .conn
            .prepare_cached("SELECT checkin_cadence_days FROM workbook_meta")?
            .query_row([], |r| r.get(0))?;
        let sql = if stored == default_cadence_days {
            format!(
                "SELECT count(*) FROM partners WHERE next_checkin > '' AND next_checkin < ?2 \
                 AND ?1 IS NOT NULL AND {}",
                // `+stage`: walk the next check-in's index, not the stage's.
                tended_sql("+stage")
            )
        } else {
            format!(
                "SELECT count(*) FROM partners WHERE {}",
                checkin_due_sql("stage", "?1", "<", "?2")
            )
        };
        let overdue_checkins = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params![default_cadence_days, today], |r| r.get(0))?;
        Ok(RosterCounts {
            active,
            overdue_checkins,
        })
    }

    /// How many partners match the filter and facets of `query`.
    pub fn partner_matches(&self, query: &PartnerPageQuery) -> Result<i64> {
        let text = self.text_filter(&query.filter)?;
        if query.facets.is_empty() {
            return match text {
                TextFilter::All => self.partner_count(""),
                TextFilter::Few(ids) => Ok(ids.len() as i64),
                TextFilter::Many(count) => Ok(count as i64),
            };
        }
        if text.is_empty() {
            return Ok(0);
        }
        let (facet_sql, facet_values) = query.facets.conditions(2, FacetUse::Count);
        Ok(count_matching(
            &self.conn,
            &text,
            &PARTNERS,
            &facet_sql,
            facet_values,
        )?)
    }

    /// How many partners match `filter` (a case-insensitive substring of name, owner, sector,
    /// region or notes).
    pub fn partner_count(&self, filter: &str) -> Result<i64> {
        if filter.trim().is_empty() {
            // count(*) without a WHERE walks the smallest index, far cheaper than testing rows.
            return Ok(self
                .conn
                .prepare_cached("SELECT count(*) FROM partners")?
                .query_row([], |row| row.get(0))?);
        }
        Ok(self.search.matches(&self.conn, filter)?.len() as i64)
    }

    /// The largest partner id: at least the number of partners (ids only grow), read in one
    /// step of the table's b-tree where counting walks a whole index.
    pub fn partner_id_ceiling(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM partners")?
            .query_row([], |row| row.get(0))?)
    }

    /// The text filter's plan: every partner, the few that match, or many.
    fn text_filter(&self, filter: &str) -> Result<TextFilter> {
        Ok(self.search.plan(&self.conn, filter)?)
    }

    /// Makes `days` the cadence of partners without their own when sorting by next check-in
    /// (from config; recorded in the file, recomputed only when it changes). A read-only workbook
    /// keeps the cadence it was saved with.
    pub fn use_default_cadence(&mut self, days: i64) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        super::derived::use_default_cadence(&self.conn, days)?;
        Ok(())
    }

    /// Reads every partner's searchable text now, if not done yet, so the first keystroke of a
    /// filter is as quick as the rest (the app calls this when it is idle).
    pub fn prepare_search(&self) -> Result<()> {
        Ok(self.search.warm(&self.conn)?)
    }

    /// Reads every risk's searchable text now, if not done yet (the app calls this when it is
    /// idle with the Risks tab shown), so the register's first filter keystroke is quick too.
    pub fn prepare_risk_search(&self) -> Result<()> {
        Ok(self.risk_search.warm(&self.conn)?)
    }

    /// Every field of partner `id`, or `None` if it is gone. Values of an unexpected type (from a
    /// hand-edited file) are read as text, so they are shown rather than dropped.
    pub fn partner(&self, id: i64) -> Result<Option<PartnerDraft>> {
        let columns: Vec<&str> = PartnerField::ALL.iter().map(|f| f.key()).collect();
        let sql = format!("SELECT {} FROM partners WHERE id = ?1", columns.join(", "));
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                let mut draft = PartnerDraft::default();
                for (index, field) in PartnerField::ALL.iter().enumerate() {
                    draft.set(*field, as_text(row.get(index)?));
                }
                Ok(draft)
            })
            .optional()?)
    }

    fn checked(draft: &PartnerDraft) -> Result<PartnerDraft> {
        if let Some(error) = draft.validate().into_iter().next() {
            bail!("{}", error.message);
        }
        Ok(draft.normalised())
    }

    /// Saves a new partner; returns its id.
    pub fn add_partner(&mut self, draft: &PartnerDraft) -> Result<i64> {
        let d = Self::checked(draft)?;
        let values = column_values(&d);
        let mut change = self.change(format!("add partner {}", d.name))?;
        let id = change.insert("partners", &as_params(&values))?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_partner(&mut self, id: i64, draft: &PartnerDraft) -> Result<()> {
        let d = Self::checked(draft)?;
        let values = column_values(&d);
        let mut change = self.change(format!("edit partner {}", d.name))?;
        change.update("partners", id, &as_params(&values))?;
        change.commit()
    }

    /// What the draft shares with other partners (not `except`): the same name, ignoring case and
    /// surrounding space, or the same website, ignoring scheme, `www.`, case and trailing slashes.
    /// Each entry is a clause for a warning, e.g. "Another partner is called Acme".
    pub fn partner_duplicates(
        &self,
        draft: &PartnerDraft,
        except: Option<i64>,
    ) -> Result<Vec<String>> {
        let d = draft.normalised();
        let mut found = Vec::new();
        if !d.name.is_empty() {
            let same_name: Option<String> = if d.name.is_ascii() {
                // The column is NOCASE, so this is a case-insensitive seek in the name index.
                self.conn
                    .prepare_cached(
                        "SELECT name FROM partners WHERE name = ?1 AND id IS NOT ?2 LIMIT 1",
                    )?
                    .query_row(rusqlite::params![d.name, except], |row| row.get(0))
                    .optional()?
            } else {
                // NOCASE folds ASCII only; other scripts are compared here (only on save).
                let wanted = d.name.to_lowercase();
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT name FROM partners WHERE id IS NOT ?1")?;
                let mut rows = stmt.query([except])?;
                let mut hit = None;
                while let Some(row) = rows.next()? {
                    let name = as_text(row.get(0)?);
                    if name.trim().to_lowercase() == wanted {
                        hit = Some(name);
                        break;
                    }
                }
                hit
            };
            if let Some(name) = same_name {
                found.push(format!("Another partner is called {name}"));
            }
        }
        let key = website_key(&d.website);
        if !key.is_empty() {
            let mut stmt = self.conn.prepare_cached(
                "SELECT name, website FROM partners \
                 WHERE website LIKE ?1 ESCAPE '\\' AND id IS NOT ?2 ORDER BY name, id",
            )?;
            let mut rows = stmt.query(rusqlite::params![like_pattern(&key), except])?;
            while let Some(row) = rows.next()? {
                let website = as_text(row.get(1)?);
                if website_key(&website) == key {
                    let name = as_text(row.get(0)?);
                    found.push(format!("{name} has the same website ({website})"));
                    break;
                }
            }
        }
        Ok(found)
    }

    /// Deletes a partner with its scores, onboarding, check-ins and assignments (undo restores all).
    pub fn delete_partner(&mut self, id: i64) -> Result<String> {
        let name = self.partner(id)?.map(|p| p.name).unwrap_or_default();
        let mut change = self.change(format!("delete partner {name}"))?;
        change.delete("partners", id)?;
        change.commit()?;
        Ok(name)
    }
}

/// A stored value as the text a draft holds (NULL: empty).
fn as_text(value: Value) -> String {
    match value {
        Value::Null | Value::Blob(_) => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(text) => text,
    }
}

/// A valid, normalised draft as column values: dates and the cadence are NULL when empty.
fn column_values(d: &PartnerDraft) -> Vec<(&'static str, Value)> {
    PartnerField::ALL
        .iter()
        .map(|&field| {
            let text = d.get(field);
            let value = match field {
                PartnerField::CheckinCadence => {
                    d.cadence_days().map_or(Value::Null, Value::Integer)
                }
                PartnerField::AgreementStart | PartnerField::AgreementEnd if text.is_empty() => {
                    Value::Null
                }
                _ => Value::Text(text.to_string()),
            };
            (field.key(), value)
        })
        .collect()
}

fn as_params<'v>(values: &'v [(&'static str, Value)]) -> Vec<(&'static str, &'v dyn ToSql)> {
    values
        .iter()
        .map(|(name, value)| (*name, value as &dyn ToSql))
        .collect()
}
