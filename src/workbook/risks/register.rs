//! The risk register's window: risks in any sort order (keyset paging), filtered as you type
//! and by facets, each with its score trend.

use std::collections::HashMap;
use std::rc::Rc;

use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, ToSql};

use super::super::paging::{FacetUse, Keyed, Order, Page, PageKey, Window};
use super::super::search::{RISKS, TextFilter, count_matching};
use super::super::{Workbook, text};
use crate::plan::risk::{Band, Bands, Rating, ScorePoint, Trend, trend};

/// The columns the register sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RiskSort {
    #[default]
    Code,
    Title,
    Category,
    /// The linked partner and role, as the register shows them.
    Link,
    Inherent,
    Residual,
    /// The current score (residual when rated, else inherent): the order of the bands.
    Band,
    Owner,
    Status,
    Review,
}

/// Likelihood × impact as SQL, 0 when not rated.
const INHERENT_SCORE: &str = "coalesce(inherent_likelihood * inherent_impact, 0)";
const RESIDUAL_SCORE: &str = "coalesce(residual_likelihood * residual_impact, 0)";
pub(in crate::workbook) const CURRENT_SCORE: &str =
    "coalesce(residual_likelihood * residual_impact, inherent_likelihood * inherent_impact, 0)";

impl RiskSort {
    pub const ALL: [RiskSort; 10] = [
        RiskSort::Code,
        RiskSort::Title,
        RiskSort::Category,
        RiskSort::Link,
        RiskSort::Inherent,
        RiskSort::Residual,
        RiskSort::Band,
        RiskSort::Owner,
        RiskSort::Status,
        RiskSort::Review,
    ];

    /// The sort expression (exactly as its index is built), or `None` for the title itself.
    fn expression(self) -> Option<&'static str> {
        match self {
            RiskSort::Code => Some("number"),
            RiskSort::Title => None,
            RiskSort::Category => Some("category"),
            RiskSort::Link => Some("link_name"),
            RiskSort::Inherent => Some(INHERENT_SCORE),
            RiskSort::Residual => Some(RESIDUAL_SCORE),
            RiskSort::Band => Some(CURRENT_SCORE),
            RiskSort::Owner => Some("owner"),
            RiskSort::Status => Some("status"),
            RiskSort::Review => Some("coalesce(next_review, '')"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskSort::Code => "code",
            RiskSort::Title => "title",
            RiskSort::Category => "category",
            RiskSort::Link => "partner / role",
            RiskSort::Inherent => "inherent",
            RiskSort::Residual => "residual",
            RiskSort::Band => "band",
            RiskSort::Owner => "owner",
            RiskSort::Status => "status",
            RiskSort::Review => "review",
        }
    }

    pub fn next(self) -> RiskSort {
        let index = RiskSort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        RiskSort::ALL[(index + 1) % RiskSort::ALL.len()]
    }
}

/// Narrowing by exact values, on top of the text filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RiskFacets {
    pub category: Option<String>,
    pub status: Option<String>,
    /// By the current score's band (thresholds from the query's `bands`).
    pub band: Option<String>,
    pub owner: Option<String>,
    /// Only risks whose next review is before this ISO date (overdue reviews).
    pub review_before: Option<String>,
    /// Only risks in this heat-map cell: (residual?, likelihood, impact).
    pub cell: Option<(bool, i64, i64)>,
}

/// Which risks, in which order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskPageQuery {
    /// A case-insensitive substring of code, title, cause, event, consequence, category, owner
    /// or note.
    pub filter: String,
    pub sort: RiskSort,
    pub descending: bool,
    pub facets: RiskFacets,
    pub bands: Bands,
}

// Facet conditions: for a count they may seek in the facet indexes; for a window, each column is
// written `+column` so no index answers it and the window keeps walking its sort index (a facet
// index would make SQLite read every match and sort them all).
impl RiskFacets {
    fn is_empty(&self) -> bool {
        *self == RiskFacets::default()
    }

    fn conditions(&self, bands: &Bands, first: usize, purpose: FacetUse) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values: Vec<Value> = Vec::new();
        let next = |values: &Vec<Value>| first + values.len();
        let plus = if purpose == FacetUse::Window { "+" } else { "" };
        for (column, value) in [
            ("category", &self.category),
            ("status", &self.status),
            ("owner", &self.owner),
        ] {
            if let Some(value) = value {
                sql.push_str(&format!(" AND {plus}{column} = ?{}", next(&values)));
                values.push(Value::Text(value.clone()));
            }
        }
        if let Some(band) = self.band.as_deref().and_then(Band::from_word) {
            let (low, high) = band_range(bands, band);
            sql.push_str(&format!(
                " AND {plus}{CURRENT_SCORE} BETWEEN ?{} AND ?{}",
                next(&values),
                next(&values) + 1
            ));
            values.push(Value::Integer(low));
            values.push(Value::Integer(high));
        }
        if let Some(date) = &self.review_before {
            sql.push_str(&format!(
                " AND {plus}next_review IS NOT NULL AND {plus}next_review < ?{} \
                 AND {plus}status != 'closed'",
                next(&values)
            ));
            values.push(Value::Text(date.clone()));
        }
        if let Some((residual, likelihood, impact)) = self.cell {
            let (l, i) = if residual {
                ("residual_likelihood", "residual_impact")
            } else {
                ("inherent_likelihood", "inherent_impact")
            };
            sql.push_str(&format!(
                " AND {plus}{l} = ?{} AND {plus}{i} = ?{}",
                next(&values),
                next(&values) + 1
            ));
            values.push(Value::Integer(likelihood));
            values.push(Value::Integer(impact));
        }
        (sql, values)
    }
}

/// The lowest and highest current score of `band`.
fn band_range(bands: &Bands, band: Band) -> (i64, i64) {
    match band {
        Band::Low => (1, bands.medium - 1),
        Band::Medium => (bands.medium, bands.high - 1),
        Band::High => (bands.high, bands.critical - 1),
        Band::Critical => (bands.critical, 25),
    }
}

/// The register window's SELECT: `?1` the text filter's value, `?2`–`?4` the anchor, `?5` the
/// limit, facet values from `?6`.
fn window_sql(
    from: &str,
    filter_sql: &str,
    facet_sql: &str,
    primary: Option<&str>,
    window: &Window,
) -> String {
    format!(
        "SELECT id, code, title, category, partner_id, role_id, inherent_likelihood, \
         inherent_impact, residual_likelihood, residual_impact, owner, status, next_review, \
         {} FROM {from} WHERE {filter_sql}{facet_sql} {} ORDER BY {} LIMIT ?5",
        primary.unwrap_or("NULL"),
        window.comparison,
        window.order_by
    )
}

/// One register line.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub category: String,
    pub partner: Option<String>,
    pub role: Option<String>,
    pub inherent: Option<Rating>,
    pub residual: Option<Rating>,
    pub owner: String,
    /// As stored (a word this version does not know is shown as it is).
    pub status: String,
    pub next_review: Option<String>,
    pub trend: Trend,
    pub key: PageKey,
}

impl Keyed for RiskRow {
    type Key = PageKey;
    fn key(&self) -> PageKey {
        self.key.clone()
    }
}

/// The register's header figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RiskCounts {
    pub total: i64,
    pub overdue_reviews: i64,
    pub high_open: i64,
}

pub(super) fn rating_columns(
    row: &rusqlite::Row<'_>,
    first: usize,
) -> rusqlite::Result<Option<Rating>> {
    Ok(Rating::from_values(row.get(first)?, row.get(first + 1)?))
}

impl Workbook {
    /// A window of at most `limit` register rows, in display order, read through a sort index.
    pub fn risk_page(
        &self,
        query: &RiskPageQuery,
        direction: &Page<PageKey>,
        limit: usize,
    ) -> Result<Vec<RiskRow>> {
        let primary = query.sort.expression();
        let order = Order {
            primary,
            name: "title",
            descending: query.descending,
        };
        let window = Window::new(&order, direction);
        let text_filter = self.risk_search.plan(&self.conn, &query.filter)?;
        if text_filter.is_empty() {
            return Ok(Vec::new());
        }
        let (from, filter_sql, matched) = text_filter.sql(&RISKS);
        let (facet_sql, facet_values) = query.facets.conditions(&query.bands, 6, FacetUse::Window);
        let sql = window_sql(&from, &filter_sql, &facet_sql, primary, &window);
        let mut params = window.params(matched, limit);
        params.extend(
            facet_values
                .into_iter()
                .map(|v| Box::new(v) as Box<dyn ToSql>),
        );
        let mut links: Vec<(Option<i64>, Option<i64>)> = Vec::new();
        let mut rows: Vec<RiskRow> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            stmt.query_map(rusqlite::params_from_iter(params), |row| {
                let id: i64 = row.get(0)?;
                let title = text(row.get(2)?);
                Ok((
                    RiskRow {
                        id,
                        code: text(row.get(1)?),
                        category: text(row.get(3)?),
                        partner: None,
                        role: None,
                        inherent: rating_columns(row, 6)?,
                        residual: rating_columns(row, 8)?,
                        owner: text(row.get(10)?),
                        status: text(row.get(11)?),
                        next_review: row.get::<_, Option<String>>(12).ok().flatten(),
                        trend: Trend::None,
                        key: PageKey {
                            primary: row.get(13)?,
                            name: title.clone(),
                            id,
                        },
                        title,
                    },
                    (row.get(4)?, row.get(5)?),
                ))
            })?
            .map(|r| {
                r.map(|(row, link)| {
                    links.push(link);
                    row
                })
            })
            .collect::<rusqlite::Result<_>>()?
        };
        if window.backwards {
            rows.reverse();
            links.reverse();
        }
        self.fill_links_and_trends(&mut rows, &links)?;
        Ok(rows)
    }

    /// Names of the linked partner and role, and the trend, of the rows of one window.
    fn fill_links_and_trends(
        &self,
        rows: &mut [RiskRow],
        links: &[(Option<i64>, Option<i64>)],
    ) -> Result<()> {
        let partner_ids: Vec<i64> = links.iter().filter_map(|l| l.0).collect();
        let partners = self.partner_names(&partner_ids)?;
        let mut role_stmt = self
            .conn
            .prepare_cached("SELECT name FROM roles WHERE id = ?1")?;
        for (row, (partner, role)) in rows.iter_mut().zip(links) {
            row.partner = partner.and_then(|id| partners.get(&id).cloned());
            row.role = match role {
                Some(id) => role_stmt
                    .query_row([id], |r| r.get::<_, String>(0))
                    .optional()?,
                None => None,
            };
        }
        let ids = Rc::new(
            rows.iter()
                .map(|r| Value::Integer(r.id))
                .collect::<Vec<_>>(),
        );
        let mut history: HashMap<i64, Vec<ScorePoint>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT risk_id, recorded_at, inherent_likelihood, inherent_impact, \
             residual_likelihood, residual_impact FROM risk_score_history \
             WHERE risk_id IN rarray(?1) ORDER BY risk_id, recorded_at, id",
        )?;
        let points = stmt.query_map([ids], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ScorePoint {
                    recorded_at: text(r.get(1)?),
                    inherent: rating_columns(r, 2)?,
                    residual: rating_columns(r, 4)?,
                },
            ))
        })?;
        for point in points {
            let (id, point) = point?;
            history.entry(id).or_default().push(point);
        }
        for row in rows.iter_mut() {
            row.trend = history.get(&row.id).map_or(Trend::None, |h| trend(h));
        }
        Ok(())
    }

    /// Risk `id`'s place under `sort`, ignoring any filter (the caller shows every risk), or
    /// `None` when there is no such risk.
    pub fn risk_row_key(&self, id: i64, sort: RiskSort) -> Result<Option<PageKey>> {
        let sql = format!(
            "SELECT {}, title FROM risks WHERE id = ?1",
            sort.expression().unwrap_or("NULL")
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |row| {
                Ok(PageKey {
                    primary: row.get(0)?,
                    name: text(row.get(1)?),
                    id,
                })
            })
            .optional()?)
    }

    /// How many risks match the filter and facets of `query`.
    pub fn risk_matches(&self, query: &RiskPageQuery) -> Result<i64> {
        let text_filter = self.risk_search.plan(&self.conn, &query.filter)?;
        if text_filter.is_empty() {
            return Ok(0);
        }
        if query.facets.is_empty() {
            match text_filter {
                // SQLite counts a whole table from its b-tree pages, without a row-by-row scan.
                TextFilter::All => {
                    return Ok(self
                        .conn
                        .prepare_cached("SELECT count(*) FROM risks")?
                        .query_row([], |r| r.get(0))?);
                }
                // The search index has counted them already; SQL would test every row again.
                TextFilter::Many(count) => return Ok(i64::try_from(count).unwrap_or(i64::MAX)),
                TextFilter::Few(_) => {}
            }
        }
        let (facet_sql, facet_values) = query.facets.conditions(&query.bands, 2, FacetUse::Count);
        Ok(count_matching(
            &self.conn,
            &text_filter,
            &RISKS,
            &facet_sql,
            facet_values,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::OpenOptions;

    fn plan(wb: &Workbook, sql: &str) -> String {
        let mut stmt = wb
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let details: Vec<String> = stmt
            .query_map(
                rusqlite::params_from_iter(vec![Value::Null; stmt.parameter_count()]),
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        details.join("; ")
    }

    /// Every sort, either way, from the start or from an anchor, with or without facets, seeks
    /// in its own index and never sorts the register; counts of facets seek in theirs.
    #[test]
    fn each_sort_walks_its_index_and_facets_never_make_the_window_sort() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("plans.partnerplan");
        Workbook::create(&path, None).unwrap();
        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        let anchor = PageKey {
            primary: Value::Integer(1),
            name: "m".into(),
            id: 1,
        };
        let facets = RiskFacets {
            category: Some("financial".into()),
            band: Some("high".into()),
            review_before: Some("2030-01-01".into()),
            cell: Some((true, 3, 3)),
            ..RiskFacets::default()
        };
        let bands = Bands::default();
        for sort in RiskSort::ALL {
            for descending in [false, true] {
                for direction in [
                    Page::First,
                    Page::Last,
                    Page::After(anchor.clone()),
                    Page::Before(anchor.clone()),
                    Page::From(anchor.clone()),
                ] {
                    for facets in [RiskFacets::default(), facets.clone()] {
                        let primary = sort.expression();
                        let order = Order {
                            primary,
                            name: "title",
                            descending,
                        };
                        let window = Window::new(&order, &direction);
                        let (from, filter_sql, _) = TextFilter::All.sql(&RISKS);
                        let (facet_sql, _) = facets.conditions(&bands, 6, FacetUse::Window);
                        let sql = window_sql(&from, &filter_sql, &facet_sql, primary, &window);
                        let plan = plan(&wb, &sql);
                        let what = format!("{sort:?} desc={descending} {direction:?}: {plan}");
                        assert!(!plan.contains("TEMP B-TREE"), "{what}");
                        assert!(plan.contains("USING"), "reads an index: {what}");
                        if matches!(direction, Page::After(_) | Page::Before(_) | Page::From(_)) {
                            assert!(plan.starts_with("SEARCH"), "seeks: {what}");
                        }
                    }
                }
            }
        }
        let (facet_sql, _) = facets.conditions(&bands, 2, FacetUse::Count);
        let count = plan(
            &wb,
            &format!("SELECT count(*) FROM risks WHERE ?1 IS NULL{facet_sql}"),
        );
        assert!(count.starts_with("SEARCH"), "{count}");
    }
}
