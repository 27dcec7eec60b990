//! What the partners gain, beside the value proposition: how many current partners have a "what
//! they gain" line and how many do not, with the first few of each by name. Bounded for a
//! 100,000-partner workbook: two counts and short windows, never the whole roster.
//!
//! The partners with a line are held by the partial index `partners_with_gains` (schema 5), so
//! they are counted and listed without reading anyone else's text; the others are counted as the
//! rest of the current partners. The screen still keeps the figures until `journal_position` says
//! the workbook changed. The windows walk an index and stop once full where that finds rows
//! quickly (many partners on the side asked for), and otherwise scan and sort the few that match.

use anyhow::Result;
use rusqlite::types::Value;

use super::super::Workbook;
use super::text;

/// "Written": not blank once spaces, tabs and line breaks are set aside.
const WRITTEN: &str = "trim(gains, char(32, 9, 10, 13)) != ''";
/// Partners still in the ecosystem or on their way in; exited and declined ones gain nothing.
const CURRENT: &str = "stage NOT IN ('exited', 'declined')";
/// Below one match in this many partners, walking the name index to fill a window visits too many
/// rows; scanning and sorting the matches is quicker.
const SPARSE: i64 = 20;

/// One partner's "what they gain" line, or the lack of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerGain {
    pub id: i64,
    pub name: String,
    pub stage: String,
    /// Blank for a partner without one.
    pub gains: String,
}

/// The current partners' gains: counts, and the first `limit` of each side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerGains {
    pub with_gains: i64,
    pub without_gains: i64,
    /// With a gains line, by name.
    pub listed: Vec<PartnerGain>,
    /// Without one: active partners first (the Guide's step 4 asks about them), then by name.
    pub missing: Vec<PartnerGain>,
}

impl Workbook {
    /// Counts and the first `limit` partners with and without a "what they gain" line.
    pub fn partner_gains(&self, limit: usize) -> Result<PartnerGains> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Every partner, less those gone (both counted from indexes), less those with a line
        // (counted from the partial index).
        let (all, gone, with_gains) = self.conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM partners), \
                 (SELECT count(*) FROM partners WHERE stage IN ('exited', 'declined')), \
                 (SELECT count(*) FROM partners WHERE {CURRENT} AND {WRITTEN})"
            ),
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        let current = all - gone;
        let without_gains = current - with_gains;
        // `name || ''` keeps SQLite off the name index when few partners are on that side.
        let order = |side: i64| {
            if side * SPARSE >= current {
                "name, id"
            } else {
                "(name || '') COLLATE NOCASE, id"
            }
        };
        let listed = if with_gains == 0 {
            Vec::new()
        } else {
            let order = order(with_gains);
            self.gain_window(
                &format!(
                    "SELECT id, name, stage, gains FROM partners WHERE {CURRENT} AND {WRITTEN} \
                     ORDER BY {order} LIMIT ?1"
                ),
                limit,
            )?
        };
        let mut missing = Vec::new();
        if without_gains > 0 {
            // Active partners first, through the stage index in name order; then the others.
            missing = self.gain_window(
                &format!(
                    "SELECT id, name, stage, gains FROM partners \
                     WHERE stage = 'active' AND NOT ({WRITTEN}) ORDER BY name, id LIMIT ?1"
                ),
                limit,
            )?;
            let rest = limit - i64::try_from(missing.len()).unwrap_or(limit);
            if rest > 0 {
                missing.extend(self.gain_window(
                    &format!(
                        "SELECT id, name, stage, gains FROM partners \
                         WHERE {CURRENT} AND stage != 'active' AND NOT ({WRITTEN}) \
                         ORDER BY {} LIMIT ?1",
                        order(without_gains)
                    ),
                    rest,
                )?);
            }
        }
        Ok(PartnerGains {
            with_gains,
            without_gains,
            listed,
            missing,
        })
    }

    /// Where the change journal stands: it moves with every change, undo and redo, so what was
    /// read from the workbook at one position still holds while it stays there.
    pub fn journal_position(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM change_journal), \
             (SELECT count(*) FROM change_journal WHERE undone = 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    fn gain_window(&self, sql: &str, limit: i64) -> Result<Vec<PartnerGain>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([limit], |r| {
            Ok(PartnerGain {
                id: r.get(0)?,
                name: text(r.get::<_, Value>(1)?),
                stage: text(r.get::<_, Value>(2)?),
                gains: text(r.get::<_, Value>(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::{CURRENT, WRITTEN};
    use crate::workbook::{OpenOptions, Workbook};

    /// SQLite uses a partial index only when the query names its condition word for word.
    #[test]
    fn the_count_and_the_window_read_the_partial_index() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("gains.partnerplan");
        Workbook::create(&path, None).unwrap();
        let wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        for sql in [
            format!("SELECT count(*) FROM partners WHERE {CURRENT} AND {WRITTEN}"),
            format!(
                "SELECT id FROM partners WHERE {CURRENT} AND {WRITTEN} ORDER BY name, id LIMIT 5"
            ),
        ] {
            let plan: Vec<String> = wb
                .connection()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map([], |r| r.get(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert!(
                plan.iter().any(|step| step.contains("partners_with_gains")),
                "{sql}: {plan:?}"
            );
        }
    }
}
