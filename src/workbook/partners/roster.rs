//! The roster read one window at a time: its sort orders, rows, header counts and matches.

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::facets::{Facets, checkin_due_sql, tended_sql};
use crate::workbook::Workbook;
use crate::workbook::paging::{FacetUse, Keyed, Order, Page, PageKey, Window};
use crate::workbook::search::{PARTNERS, TextFilter, count_matching};

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
        crate::workbook::derived::use_default_cadence(&self.conn, days)?;
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
}
