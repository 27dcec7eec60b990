//! What the register sums up: the heat map's counts, how risks moved from inherent to residual,
//! the header's figures, and the words in use for the facet form.

use std::collections::HashMap;
use std::rc::Rc;

use anyhow::Result;
use rusqlite::ToSql;
use rusqlite::types::Value;

use super::{CURRENT_SCORE, RiskCounts, rating_columns};
use crate::plan::risk::{Bands, HeatMap, Movement, RatedRisk, Rating, movements};
use crate::workbook::{Workbook, text};

impl Workbook {
    /// The number of risks in each cell of the inherent (or residual) 5×5 grid.
    pub fn risk_heat_map(&self, residual: bool) -> Result<HeatMap> {
        let (l, i) = if residual {
            ("residual_likelihood", "residual_impact")
        } else {
            ("inherent_likelihood", "inherent_impact")
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {l}, {i}, count(*) FROM risks WHERE {l} IS NOT NULL AND {i} IS NOT NULL \
             GROUP BY {l}, {i}"
        ))?;
        let cells: Vec<(Option<Rating>, usize)> = stmt
            .query_map([], |r| {
                Ok((
                    rating_columns(r, 0)?,
                    usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(HeatMap::new(cells.into_iter().flat_map(
            |(rating, count)| {
                rating
                    .into_iter()
                    .flat_map(move |r| std::iter::repeat_n(r, count))
            },
        )))
    }

    /// How the first `limit` risks (biggest falls first) moved from inherent to residual, with
    /// their codes and titles. Every rated risk is ranked, but only the ratings are read for
    /// that; codes and titles only for the rows kept.
    pub fn risk_movements(&self, limit: usize) -> Result<Vec<(String, String, Movement)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, inherent_likelihood, inherent_impact, residual_likelihood, \
             residual_impact FROM risks WHERE inherent_likelihood IS NOT NULL",
        )?;
        let rated: Vec<RatedRisk> = stmt
            .query_map([], |r| {
                Ok(RatedRisk {
                    id: r.get(0)?,
                    inherent: rating_columns(r, 1)?,
                    residual: rating_columns(r, 3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let kept: Vec<Movement> = movements(&rated).into_iter().take(limit).collect();
        drop(rated);
        let ids = Rc::new(
            kept.iter()
                .map(|m| Value::Integer(m.risk_id))
                .collect::<Vec<_>>(),
        );
        let mut labels: HashMap<i64, (String, String)> = self
            .conn
            .prepare_cached("SELECT id, code, title FROM risks WHERE id IN rarray(?1)")?
            .query_map([ids], |r| {
                Ok((r.get(0)?, (text(r.get(1)?), text(r.get(2)?))))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(kept
            .into_iter()
            .map(|m| {
                let (code, title) = labels.remove(&m.risk_id).unwrap_or_default();
                (code, title, m)
            })
            .collect())
    }

    /// The register's header figures: all risks, reviews overdue on `today` (closed ones aside),
    /// and open risks whose current score is high or critical.
    pub fn risk_counts(&self, today: &str, bands: &Bands) -> Result<RiskCounts> {
        let count = |sql: &str, params: &[&dyn ToSql]| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(params, |r| r.get(0))?)
        };
        Ok(RiskCounts {
            total: count("SELECT count(*) FROM risks", &[])?,
            overdue_reviews: count(
                "SELECT count(*) FROM risks WHERE next_review IS NOT NULL AND next_review < ?1 \
                 AND status != 'closed'",
                &[&today],
            )?,
            high_open: count(
                &format!(
                    "SELECT count(*) FROM risks WHERE {CURRENT_SCORE} >= ?1 \
                     AND status IN ('open', 'mitigating')"
                ),
                &[&bands.high],
            )?,
        })
    }

    /// The categories and owners the register's risks use, each once, in order (for the facet
    /// form and the risk form).
    pub fn risk_words(&self) -> Result<(Vec<String>, Vec<String>)> {
        let words = |column: &str| -> Result<Vec<String>> {
            Ok(self
                .conn
                .prepare_cached(&format!(
                    "SELECT DISTINCT {column} FROM risks WHERE {column} != '' ORDER BY {column}"
                ))?
                .query_map([], |r| Ok(text(r.get(0)?)))?
                .collect::<rusqlite::Result<_>>()?)
        };
        Ok((words("category")?, words("owner")?))
    }
}
