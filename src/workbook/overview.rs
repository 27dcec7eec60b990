//! The Overview's figures: counts and aggregates read set-based, in one pass per panel, and
//! bounded lists (the worst role gaps, the top risks), so a 100,000-partner workbook is never
//! loaded into memory to draw one screen.

mod reading;

use anyhow::Result;
use jiff::civil::Date;

use super::risks::CURRENT_SCORE;
use super::{DueBy, Facets, PartnerPageQuery, Workbook, text};
use crate::plan::coverage::{CoverageSummary, computed_status, weak_spots};
use crate::plan::ecosystem::OFFERING_STATUSES;
use crate::plan::kpi::{Direction, KpiStatus, KpiTarget, Measurement, status};
use crate::plan::network::{multilaterality, reading as network_reading};
use crate::plan::network_summary::{BrokerSummary, broker_summary};
use crate::plan::risk::{Bands, HeatMap, Rating};
use crate::plan::roles::{Criticality, RoleStatus};

pub use reading::OverviewReading;

/// The fit buckets, in order: (first, last) of the rounded fit.
pub const FIT_BUCKETS: [(i64, i64); 5] = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)];

/// How many of the worst role gaps and of the top risks are listed.
pub const LISTED: usize = 5;

/// What the Overview needs to know besides the workbook: the day, the check-in cadence of
/// partners without their own, and the risk bands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverviewQuery {
    pub today: Date,
    pub default_cadence_days: i64,
    pub bands: Bands,
}

/// How partners spread over their fit: the buckets of `FIT_BUCKETS`, those with nothing scored
/// yet, and those that failed a gate (whatever their fit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FitCounts {
    pub buckets: [i64; 5],
    pub unscored: i64,
    pub gated_out: i64,
}

/// A role that is missing or at risk, for the list of the worst gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGap {
    pub role_id: i64,
    pub name: String,
    pub status: RoleStatus,
    pub criticality: Criticality,
    /// Leads and backups.
    pub holders: i64,
    pub min_partners: i64,
}

/// A top risk: the highest current scores among risks not closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopRisk {
    pub code: String,
    pub title: String,
    /// Likelihood × impact of its current rating (residual when rated, else inherent).
    pub score: i64,
    /// The heat-map cell the register's cell facet finds it in: (residual?, likelihood, impact).
    pub cell: (bool, i64, i64),
}

/// Onboarding of the partners who should be onboarded: active ones, and those in onboarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OnboardingCounts {
    /// Partners at the stages whose onboarding counts (`figures::CHECKIN_STAGES`).
    pub tended: i64,
    /// Of those, the onboarded ones (`figures::ONBOARDED`).
    pub onboarded: i64,
    pub in_onboarding: i64,
}

/// Everything the Overview shows but the method's readiness.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    pub partners: i64,
    /// (stage, partners): the workbook's stages in their order, then any other word in use.
    pub by_stage: Vec<(String, i64)>,
    /// (type, partners) for types in use, most partners first.
    pub by_type: Vec<(String, i64)>,
    pub fit: FitCounts,
    pub coverage: CoverageSummary,
    /// Missing roles before roles at risk, critical before less critical.
    pub worst_gaps: Vec<RoleGap>,
    pub residual: HeatMap,
    pub top_risks: Vec<TopRisk>,
    /// KPIs by status, in the order of `KpiStatus::ALL`.
    pub kpis: Vec<(KpiStatus, i64)>,
    /// KPIs with a benchmark band whose latest value is better / worse than peers' typical.
    pub kpis_vs_benchmark: (i64, i64),
    pub onboarding: OnboardingCounts,
    /// Check-ins due within `DUE_WITHIN_DAYS` days, overdue ones included.
    pub checkins_due: i64,
    pub checkins_overdue: i64,
    pub ecosystem: EcosystemFigures,
}

/// The ecosystem at a glance: how multilateral it is, its offerings, its top broker.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EcosystemFigures {
    /// The share of active relationships that do not run through the hub.
    pub multilaterality: Option<f64>,
    /// The figure in one line.
    pub reading: String,
    /// (status, offerings) for every status in lifecycle order, then any other word in use.
    pub offerings: Vec<(String, i64)>,
    /// The partner whose exit would cut most others off.
    pub top_broker: Option<BrokerSummary>,
}

/// How far ahead "due this week" looks (the roster's quick filter looks as far).
pub const DUE_WITHIN_DAYS: i64 = 7;

impl Overview {
    pub fn kpi_total(&self) -> i64 {
        self.kpis.iter().map(|(_, n)| n).sum()
    }
}

/// The roster facet behind "check-ins due this week" for `query`.
pub fn due_this_week(query: &OverviewQuery) -> DueBy {
    let until = query
        .today
        .checked_add(jiff::Span::new().days(DUE_WITHIN_DAYS))
        .unwrap_or(query.today);
    DueBy {
        date: until.strftime("%Y-%m-%d").to_string(),
        default_cadence_days: query.default_cadence_days,
    }
}

impl Workbook {
    /// The Overview's figures.
    pub fn overview(&self, query: &OverviewQuery) -> Result<Overview> {
        let (coverage, worst_gaps) = self.coverage_overview()?;
        let (fit, onboarding) = self.partner_pass()?;
        let today = query.today.strftime("%Y-%m-%d").to_string();
        let due = PartnerPageQuery {
            facets: Facets {
                due_by: Some(due_this_week(query)),
                ..Facets::default()
            },
            ..PartnerPageQuery::default()
        };
        Ok(Overview {
            partners: self.partner_count("")?,
            by_stage: self.partners_by_stage()?,
            by_type: self.counted("SELECT partner_type, count(*) FROM partners GROUP BY 1")?,
            fit,
            coverage,
            worst_gaps,
            residual: self.risk_heat_map(true)?,
            top_risks: self.top_risks()?,
            kpis_vs_benchmark: self.kpis_vs_benchmark(&super::kpis::LiveContext {
                today: query.today,
                bands: query.bands,
            })?,
            kpis: self.kpi_statuses(query.today)?,
            onboarding,
            // The roster's own count, so the number and the list behind it always agree.
            checkins_due: self.partner_matches(&due)?,
            checkins_overdue: self
                .roster_counts(query.default_cadence_days, &today)?
                .overdue_checkins,
            ecosystem: self.ecosystem_figures()?,
        })
    }

    /// (word, count) rows of a `GROUP BY`, blanks shown as "(none)", most first.
    fn counted(&self, sql: &str) -> Result<Vec<(String, i64)>> {
        let mut rows: Vec<(String, i64)> = self
            .conn
            .prepare_cached(sql)?
            .query_map([], |r| Ok((text(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(rows)
    }

    /// The Overview's ecosystem figures: the network's summary (its top broker only) and the
    /// offerings counted by status.
    fn ecosystem_figures(&self) -> Result<EcosystemFigures> {
        let (multilaterality, reading, top_broker) = self.network_figures()?;
        let counted = self.counted("SELECT status, count(*) FROM offerings GROUP BY 1")?;
        let mut offerings: Vec<(String, i64)> = OFFERING_STATUSES
            .iter()
            .map(|status| {
                let n = counted.iter().find(|(s, _)| s == status).map_or(0, |c| c.1);
                (status.to_string(), n)
            })
            .collect();
        offerings.extend(
            counted
                .into_iter()
                .filter(|(s, _)| !OFFERING_STATUSES.contains(&s.as_str())),
        );
        Ok(EcosystemFigures {
            multilaterality,
            reading,
            offerings,
            top_broker,
        })
    }

    /// Multilaterality, its reading and the top broker. Without an active link there is no
    /// broker and no relationship to share out, so the network (at a million partners, 150 MB
    /// and seconds to read) is not read: the figures come from one count.
    fn network_figures(&self) -> Result<(Option<f64>, String, Option<BrokerSummary>)> {
        let linked: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM partner_links WHERE status = 'active')",
            [],
            |r| r.get(0),
        )?;
        if linked {
            // Read without names (27 MB at a million partners): the top broker's and the
            // partners it cuts off are looked up, nine at most.
            let net = self.network_unnamed()?;
            let share = multilaterality(net.active_links, net.active_partners);
            let broker = match net.network.brokers().first() {
                Some(top) => {
                    let mut lookup = self
                        .conn
                        .prepare_cached("SELECT name FROM partners WHERE id = ?1")?;
                    let mut name = |p: usize| -> Result<String> {
                        let Some(&id) = net.ids.get(p) else {
                            return Ok(String::new());
                        };
                        Ok(lookup.query_row([id], |r| r.get(0))?)
                    };
                    Some(broker_summary(&net.network, top, &mut name)?)
                }
                None => None,
            };
            return Ok((share, network_reading(share), broker));
        }
        let active: i64 = self.conn.query_row(
            "SELECT count(*) FROM partners WHERE stage = 'active'",
            [],
            |r| r.get(0),
        )?;
        let share = multilaterality(0, usize::try_from(active).unwrap_or(0));
        Ok((share, network_reading(share), None))
    }

    /// Every stage of the workbook's list (also those without partners, so the funnel keeps its
    /// shape), then stages in use that the list does not know.
    fn partners_by_stage(&self) -> Result<Vec<(String, i64)>> {
        let mut used = self.counted("SELECT stage, count(*) FROM partners GROUP BY 1")?;
        let mut stages = Vec::new();
        for stage in self.vocabulary(crate::plan::vocabulary::VocabularyKind::Stage)? {
            let at = used
                .iter()
                .position(|(s, _)| s.eq_ignore_ascii_case(&stage));
            let count = at.map_or(0, |i| used.remove(i).1);
            stages.push((stage, count));
        }
        stages.extend(used);
        Ok(stages)
    }

    /// Fit and onboarding in one pass over the partners (each a scan of the whole table).
    fn partner_pass(&self) -> Result<(FitCounts, OnboardingCounts)> {
        // Fit rounded as the roster shows it, and as the roster's fit facet selects it.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT count(*) FILTER (WHERE gated_out = 1), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score < 0), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score >= 0 AND fit_score + 0.5 < 20), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score + 0.5 >= 20 \
                              AND fit_score + 0.5 < 40), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score + 0.5 >= 40 \
                              AND fit_score + 0.5 < 60), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score + 0.5 >= 60 \
                              AND fit_score + 0.5 < 80), \
             count(*) FILTER (WHERE gated_out = 0 AND fit_score + 0.5 >= 80), \
             count(*) FILTER (WHERE {}), \
             count(*) FILTER (WHERE {}), \
             count(*) FILTER (WHERE stage = 'onboarding') FROM partners",
            super::partners::tended_sql("stage"),
            super::partners::onboarded_sql()
        ))?;
        Ok(stmt.query_row([], |r| {
            let fit = FitCounts {
                gated_out: r.get(0)?,
                unscored: r.get(1)?,
                buckets: [r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
            };
            let onboarding = OnboardingCounts {
                tended: r.get(7)?,
                onboarded: r.get(8)?,
                in_onboarding: r.get(9)?,
            };
            Ok((fit, onboarding))
        })?)
    }

    /// Coverage counted per role in SQL (leads and backups, as the Roles tab counts them), and
    /// the worst gaps; the roles themselves are few (a catalogue, not the roster).
    pub(crate) fn coverage_overview(&self) -> Result<(CoverageSummary, Vec<RoleGap>)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.name, r.criticality, r.min_partners, r.status_override, \
             (SELECT count(DISTINCT a.partner_id) FROM role_assignments a \
              WHERE a.role_id = r.id AND lower(a.kind) IN ('lead', 'backup')) \
             FROM roles r WHERE r.is_hub = 0",
        )?;
        let mut summary = CoverageSummary::default();
        let mut gaps = Vec::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                text(r.get(1)?),
                text(r.get(2)?),
                r.get::<_, i64>(3)?,
                text(r.get(4)?),
                r.get::<_, i64>(5)?,
            ))
        })?;
        for row in rows {
            let (role_id, name, criticality, min_partners, overridden, holders) = row?;
            let criticality = Criticality::from_word(&criticality).unwrap_or_default();
            let role = crate::plan::roles::Role {
                id: role_id,
                parent_id: None,
                is_hub: false,
                name,
                criticality,
                min_partners,
                status_override: RoleStatus::from_word(&overridden),
                status_reason: String::new(),
                position: 0,
            };
            let (gap, under, single) = weak_spots(&role, usize::try_from(holders).unwrap_or(0));
            let status = role
                .status_override
                .unwrap_or_else(|| computed_status(gap, under, single));
            summary.roles += 1;
            summary.gaps += usize::from(gap);
            summary.under_minimum += usize::from(under);
            summary.single_points += usize::from(single);
            match status {
                RoleStatus::InPlace => summary.in_place += 1,
                RoleStatus::AtRisk => summary.at_risk += 1,
                RoleStatus::Missing => summary.missing += 1,
            }
            if status != RoleStatus::InPlace {
                gaps.push(RoleGap {
                    role_id,
                    name: role.name,
                    status,
                    criticality,
                    holders,
                    min_partners,
                });
            }
        }
        gaps.sort_by_key(|g| {
            (
                g.status != RoleStatus::Missing,
                std::cmp::Reverse(g.criticality),
                g.holders - g.min_partners,
                g.role_id,
            )
        });
        gaps.truncate(LISTED);
        Ok((summary, gaps))
    }

    /// The risks not closed with the highest current scores, highest first.
    fn top_risks(&self) -> Result<Vec<TopRisk>> {
        // Two steps through the index on the current score: the fifth-highest score, then the
        // few risks at or above it in register order, so 100,000 risks are never sorted.
        let mut stmt = self.conn.prepare_cached(&format!(
            "WITH cut AS (SELECT {CURRENT_SCORE} AS score FROM risks \
               WHERE {CURRENT_SCORE} > 0 AND status != 'closed' \
               ORDER BY {CURRENT_SCORE} DESC, title DESC LIMIT 1 OFFSET ?1 - 1) \
             SELECT code, title, residual_likelihood, residual_impact, inherent_likelihood, \
             inherent_impact FROM risks \
             WHERE {CURRENT_SCORE} >= coalesce((SELECT score FROM cut), 1) \
               AND status != 'closed' \
             ORDER BY {CURRENT_SCORE} DESC, number LIMIT ?1"
        ))?;
        let rows = stmt.query_map([LISTED as i64], |r| {
            let residual = Rating::from_values(r.get(2)?, r.get(3)?);
            let inherent = Rating::from_values(r.get(4)?, r.get(5)?);
            Ok((text(r.get(0)?), text(r.get(1)?), residual, inherent))
        })?;
        let mut top = Vec::new();
        for row in rows {
            let (code, title, residual, inherent) = row?;
            let (is_residual, rating) = match (residual, inherent) {
                (Some(r), _) => (true, r),
                (None, Some(i)) => (false, i),
                (None, None) => continue,
            };
            let (l, i) = (rating.likelihood.value(), rating.impact.value());
            top.push(TopRisk {
                code,
                title,
                score: l * i,
                cell: (is_residual, l, i),
            });
        }
        Ok(top)
    }

    /// Each KPI's status on `today`, judged from its first and latest measurements (all the
    /// rule looks at), counted by status.
    fn kpi_statuses(&self, today: Date) -> Result<Vec<(KpiStatus, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.direction, k.baseline, k.target, k.target_date, k.created_at, \
             f.measured_on, f.value, l.measured_on, l.value FROM kpis k \
             LEFT JOIN kpi_measurements f ON f.id = (SELECT id FROM kpi_measurements \
                 WHERE kpi_id = k.id ORDER BY measured_on, id LIMIT 1) \
             LEFT JOIN kpi_measurements l ON l.id = (SELECT id FROM kpi_measurements \
                 WHERE kpi_id = k.id ORDER BY measured_on DESC, id DESC LIMIT 1)",
        )?;
        let mut counts: Vec<(KpiStatus, i64)> = KpiStatus::ALL.iter().map(|s| (*s, 0)).collect();
        let rows = stmt.query_map([], |r| {
            let day = |i: usize| -> rusqlite::Result<Option<Date>> {
                Ok(r.get::<_, Option<String>>(i)?
                    .and_then(|s| s.get(..10).and_then(|d| d.parse().ok())))
            };
            let measurement = |on: usize| -> rusqlite::Result<Option<Measurement>> {
                Ok(match (day(on)?, r.get::<_, Option<f64>>(on + 1)?) {
                    (Some(on), Some(value)) => Some(Measurement { on, value }),
                    _ => None,
                })
            };
            let target = KpiTarget {
                direction: Direction::from_word(&text(r.get(0)?)).unwrap_or_default(),
                baseline: r.get(1)?,
                target: r.get(2)?,
                target_date: day(3)?,
                created_on: day(4)?.unwrap_or(today),
            };
            Ok((target, measurement(5)?, measurement(7)?))
        })?;
        for row in rows {
            let (target, first, latest) = row?;
            let measured: Vec<Measurement> = first.into_iter().chain(latest).collect();
            let kpi_status = status(&target, &measured, today);
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == kpi_status) {
                slot.1 += 1;
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PartnerDraft;
    use crate::workbook::OpenOptions;

    /// Without an active link, the figures from one count are those the whole network gives:
    /// with no active partner, then with two and a link only planned between them.
    #[test]
    fn without_links_the_network_figures_need_no_network() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.partnerplan");
        Workbook::create(&path, None).unwrap();
        let mut wb = Workbook::open(&path, OpenOptions::default()).unwrap();
        let add = |wb: &mut Workbook, name: &str, stage: &str| {
            let draft = PartnerDraft {
                name: name.into(),
                stage: stage.into(),
                ..Default::default()
            };
            wb.add_partner(&draft).unwrap()
        };
        let same = |wb: &Workbook| {
            let summary = wb.network_summary(1).unwrap();
            let (share, reading, broker) = wb.network_figures().unwrap();
            assert_eq!(share, summary.multilaterality);
            assert_eq!(reading, summary.reading);
            assert_eq!(broker, summary.brokers.into_iter().next());
            share
        };
        add(&mut wb, "C", "prospect");
        assert_eq!(same(&wb), None);
        let a = add(&mut wb, "A", "active");
        let b = add(&mut wb, "B", "active");
        wb.add_link(&crate::plan::ecosystem::LinkDraft {
            from: a,
            to: b,
            kind: "refers".into(),
            status: "planned".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(same(&wb), Some(0.0));
        // With active links the network is read without names: its top broker, named by
        // look-up, and the partners it cuts off are those of the whole summary. A chain
        // Zed – A – B – C – Yan – Xu, names out of id order, and a second broker in it.
        let c = wb
            .connection()
            .query_row("SELECT id FROM partners WHERE name = 'C'", [], |r| r.get(0))
            .unwrap();
        let (zed, yan, xu) = (
            add(&mut wb, "Zed", "active"),
            add(&mut wb, "Yan", "onboarding"),
            add(&mut wb, "Xu", "active"),
        );
        for (from, to) in [(zed, a), (a, b), (b, c), (c, yan), (yan, xu)] {
            wb.add_link(&crate::plan::ecosystem::LinkDraft {
                from,
                to,
                kind: "co-sells with".into(),
                status: "active".into(),
                ..Default::default()
            })
            .unwrap();
        }
        let share = same(&wb);
        assert!(share.is_some_and(|s| s > 0.0), "{share:?}");
        let (_, _, broker) = wb.network_figures().unwrap();
        let broker = broker.unwrap();
        assert_eq!((broker.name.as_str(), broker.cut_off), ("B", 2));
        assert_eq!(broker.cut_off_names, ["A", "Zed"]);
    }
}
