//! Reads what the report shows from the workbook, each section bounded so a workbook of any size
//! gives a report a client can read (and a file of a sensible size).

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};

use super::ecosystem::ReportEcosystem;
use super::kpis::ReportKpis;
use super::model::{
    ChangesSince, Cover, Coverage, MatrixRow, PartnerLine, Readiness, Report, RiskLine, Risks,
    RoleColumn, Roster, StepLine, StrategyPart,
};
use super::{ReportSettings, limits};
use crate::plan::coverage::{CoverageSummary, overloaded_partners, role_coverage};
use crate::plan::framework::shipped;
use crate::plan::risk::{Bands, Rating};
use crate::plan::roles::{AssignmentKind, Role, display_order};
use crate::plan::strategy::Recipient;
use crate::workbook::{
    LiveContext, Page, PartnerPageQuery, PartnerSort, RiskPageQuery, RiskSort, Workbook,
};

/// Everything the report shows, read from `wb`.
pub fn gather(wb: &Workbook, settings: &ReportSettings) -> Result<Report> {
    let meta = wb.meta().context("reading the plan's title")?;
    let live = LiveContext {
        today: settings.date,
        bands: settings.bands,
    };
    let mut report = Report {
        audience: super::audience::Audience::Internal,
        facts: wb
            .live_facts(&live)
            .context("reading the plan's live figures")?,
        cover: Cover {
            title: meta.title,
            organisation: meta.organisation.clone(),
            author: meta.author,
            date: settings.date.to_string(),
            print: settings.print.clone(),
        },
        readiness: readiness(wb, &settings.bands).context("reading the Guide's checks")?,
        strategy: strategy(wb).context("reading the strategy")?,
        roster: roster(wb).context("reading the roster")?,
        coverage: coverage(wb, settings.overload_threshold)
            .context("reading roles and their coverage")?,
        risks: risks(wb, settings.bands).context("reading the risk register")?,
        kpis: ReportKpis::read(wb, limits::KPIS, &live, &settings.currency, settings.period)
            .context("reading KPIs, investments and the value log")?,
        ecosystem: ReportEcosystem::read(wb, &meta.organisation)
            .context("reading the links between partners and the joint offerings")?,
        scenarios: super::scenarios::ReportScenarios::read(wb)
            .context("reading the saved what-if scenarios")?,
        joint: super::joint_plans::ReportJointPlans::read(wb).context("reading joint plans")?,
        trends: super::trends::ReportTrends::read(wb).context("reading the trend radar")?,
        since: match &settings.since {
            Some(label) => Some(changes_since(wb, label, settings)?),
            None => None,
        },
    };
    if settings.redaction.audience != super::audience::Audience::Internal {
        let disclosure = super::disclosure::Disclosure::of(wb, &settings.redaction)?;
        super::audience::redact(&mut report, &disclosure);
    }
    Ok(report)
}

/// What changed since the snapshot called `label`.
fn changes_since(wb: &Workbook, label: &str, settings: &ReportSettings) -> Result<ChangesSince> {
    use crate::exchange::since;
    let failed = |err: crate::exchange::ExchangeError| anyhow::anyhow!("{}", err.message());
    let snapshot = since::find(wb, label).map_err(failed)?;
    let diff = crate::exchange::diff::DiffSettings {
        bands: settings.bands,
        currency: settings.currency.clone(),
        today: settings.date,
    };
    let report = since::changes_since(wb, &snapshot, &diff).map_err(failed)?;
    Ok(ChangesSince {
        heading: format!(
            "Changes since {}",
            since::snapshot_name(&snapshot).trim_start_matches("the ")
        ),
        summary: report.summary(),
        areas: report.areas(),
    })
}

fn readiness(wb: &Workbook, bands: &Bands) -> Result<Readiness> {
    let framework = shipped().map_err(anyhow::Error::msg)?;
    let guide = wb.guide(framework, bands)?;
    let steps = framework
        .steps
        .iter()
        .zip(&guide.statuses)
        .enumerate()
        .map(|(index, (step, status))| {
            let mut missing: Vec<String> = status.reason.iter().cloned().collect();
            missing.extend(status.missing.iter().map(|m| m.text.clone()));
            StepLine {
                number: index + 1,
                title: step.title.clone(),
                symbol: status.state.symbol(),
                state: status.state.label(),
                optional: step.optional,
                missing,
                notes: status.notes.clone(),
            }
        })
        .collect();
    Ok(Readiness {
        percent: guide.readiness,
        steps,
    })
}

/// The strategy with its lists in words (the report's section and the spreadsheet's sheets).
pub fn strategy(wb: &Workbook) -> Result<StrategyPart> {
    let statement = wb.strategy()?;
    let date = |d: &Option<String>| d.clone().unwrap_or_default();
    let goals = wb
        .goals()?
        .into_iter()
        .map(|g| {
            let g = g.goal;
            [
                g.title,
                g.horizon.word().to_string(),
                g.status.word().to_string(),
                date(&g.target_date),
                g.description,
            ]
        })
        .collect();
    let resources = wb
        .resources()?
        .into_iter()
        .map(|r| {
            let kind = r
                .resource
                .kind
                .map_or(r.kind_word, |k| k.label().to_string());
            let r = r.resource;
            [
                kind,
                r.name,
                r.status.word().to_string(),
                r.owner,
                r.description,
            ]
        })
        .collect();
    let governance = wb
        .governance_rules()?
        .into_iter()
        .map(|g| {
            let g = g.rule;
            [g.topic.word().to_string(), g.rule, g.forum, g.cadence]
        })
        .collect();
    let protocols = wb
        .protocols()?
        .into_iter()
        .map(|p| {
            let names: Vec<String> = p
                .shared_with
                .iter()
                .map(|s| match s.recipient {
                    Recipient::Partner(_) => s.name.clone(),
                    Recipient::Role(_) => format!("{} (role)", s.name),
                })
                .collect();
            let p = p.protocol;
            [
                p.data_item,
                names.join(", "),
                p.access_level.word().to_string(),
                p.sensitivity.word().to_string(),
                p.protection_measures,
                date(&p.review_date),
            ]
        })
        .collect();
    Ok(StrategyPart {
        model: statement
            .model
            .map_or(String::new(), |m| m.label().to_string()),
        statement,
        goals,
        resources,
        governance,
        protocols,
    })
}

pub(super) fn roster(wb: &Workbook) -> Result<Roster> {
    let breakdown = wb.roster_breakdown()?;
    let query = PartnerPageQuery {
        sort: PartnerSort::Fit,
        descending: true,
        ..PartnerPageQuery::default()
    };
    let shown: Vec<PartnerLine> = wb
        .partner_page(&query, &Page::First, limits::PARTNERS)?
        .into_iter()
        .map(|p| PartnerLine {
            name: p.name,
            partner_type: p.partner_type,
            stage: p.stage,
            owner: p.owner,
            fit: p.fit,
            gated_out: p.gated_out,
            withheld: false,
        })
        .collect();
    let chart = shown
        .iter()
        .take(limits::FIT_BARS)
        .take_while(|p| p.fit.is_some())
        .count();
    Ok(Roster {
        total: breakdown.total,
        by_stage: breakdown.by_stage,
        by_type: breakdown.by_type,
        shown,
        chart,
    })
}

pub(super) fn coverage(wb: &Workbook, overload_threshold: i64) -> Result<Coverage> {
    let records = wb.roles()?;
    let roles: Vec<Role> = records.iter().map(|r| r.role.clone()).collect();
    let assignments = wb.assignments()?;
    let coverage = role_coverage(&roles, &assignments);
    let overloaded = overloaded_partners(&roles, &assignments, overload_threshold);
    let summary = CoverageSummary::new(&coverage, &overloaded);
    let by_id: HashMap<i64, &Role> = roles.iter().map(|r| (r.id, r)).collect();
    let status: HashMap<i64, &'static str> = coverage
        .iter()
        .map(|c| (c.role_id, c.effective.word()))
        .collect();
    // Columns: the roles below the hub, in the tree's order.
    let ordered: Vec<&Role> = display_order(&roles)
        .iter()
        .filter_map(|line| roles.get(line.index))
        .filter(|r| !r.is_hub)
        .collect();
    let columns: Vec<&Role> = ordered.iter().take(limits::MATRIX_ROLES).copied().collect();
    // Rows: the partners with the most roles first (then by id), so the matrix shows who
    // carries the ecosystem.
    let mut held: BTreeMap<i64, usize> = BTreeMap::new();
    let mut cell: HashMap<(i64, i64), AssignmentKind> = HashMap::new();
    for a in &assignments {
        if by_id.get(&a.role_id).is_some_and(|r| !r.is_hub) {
            *held.entry(a.partner_id).or_default() += 1;
            cell.insert((a.partner_id, a.role_id), a.kind);
        }
    }
    let mut partners: Vec<(i64, usize)> = held.into_iter().collect();
    partners.sort_by_key(|&(id, n)| (std::cmp::Reverse(n), id));
    let partners_left_out = partners.len().saturating_sub(limits::MATRIX_PARTNERS);
    partners.truncate(limits::MATRIX_PARTNERS);
    let ids: Vec<i64> = partners.iter().map(|(id, _)| *id).collect();
    let mut names = wb.partner_names(&ids)?;
    names.extend(wb.partner_names(&overloaded.iter().map(|o| o.partner_id).collect::<Vec<_>>())?);
    let rows = ids
        .iter()
        .map(|id| MatrixRow {
            partner: names.get(id).cloned().unwrap_or_default(),
            cells: columns
                .iter()
                .map(|r| cell.get(&(*id, r.id)).map(|k| k.letter()))
                .collect(),
        })
        .collect();
    let coverage_by_id: HashMap<i64, _> = coverage.iter().map(|c| (c.role_id, c)).collect();
    let mut gaps: Vec<(String, String)> = Vec::new();
    // (nobody holds it, under its minimum, single point, status set by hand)
    let mut counts = [0usize; 4];
    for role in &ordered {
        let Some(c) = coverage_by_id.get(&role.id) else {
            continue;
        };
        let mut problems = Vec::new();
        if c.gap {
            counts[0] += 1;
            problems.push("nobody holds it".to_string());
        } else if c.under_minimum {
            counts[1] += 1;
            problems.push(format!(
                "{} of at least {} partners hold it",
                c.holders(),
                role.min_partners
            ));
        }
        if c.single_point {
            counts[2] += 1;
            problems.push("single point of failure (critical, one holder)".to_string());
        }
        if let Some(reason) = &c.override_reason {
            counts[3] += 1;
            problems.push(format!(
                "status set to {} by hand: {reason}",
                c.effective.word()
            ));
        }
        if !problems.is_empty() {
            gaps.push((role.name.clone(), problems.join("; ")));
        }
    }
    let weak_spots = weak_spots_sentence(gaps.len(), counts);
    let gaps_left_out = gaps.len().saturating_sub(limits::GAPS);
    gaps.truncate(limits::GAPS);
    Ok(Coverage {
        summary: summary.line(),
        roles: columns
            .iter()
            .map(|r| RoleColumn {
                name: r.name.clone(),
                criticality: r.criticality.word(),
                status: status.get(&r.id).copied().unwrap_or(""),
            })
            .collect(),
        rows,
        roles_left_out: ordered.len() - columns.len(),
        partners_left_out,
        gaps,
        weak_spots,
        gaps_left_out,
        overloaded: overloaded
            .iter()
            .map(|o| {
                (
                    names.get(&o.partner_id).cloned().unwrap_or_default(),
                    o.leads,
                )
            })
            .collect(),
    })
}

/// "6 roles need attention: 3 nobody holds, 2 held by fewer partners than their minimum, 1 single
/// point of failure." (a role may have two problems, so the parts may add up to more).
fn weak_spots_sentence(roles: usize, counts: [usize; 4]) -> String {
    if roles == 0 {
        return "Every role is covered.".to_string();
    }
    let parts: Vec<String> = [
        (counts[0], "nobody holds"),
        (counts[1], "held by fewer partners than their minimum"),
        (counts[2], "single point of failure"),
        (counts[3], "with a status set by hand"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    format!(
        "{} attention: {}.",
        crate::plan::numbers::count_of(roles, "role needs", "roles need"),
        parts.join(", ")
    )
}

fn risks(wb: &Workbook, bands: Bands) -> Result<Risks> {
    let query = RiskPageQuery {
        sort: RiskSort::Band,
        descending: true,
        bands,
        ..RiskPageQuery::default()
    };
    let rows = wb.risk_page(&query, &Page::First, limits::RISKS)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut mitigations = wb.mitigations_of(&ids)?;
    let scored = |rating: Option<Rating>| rating.map(|r| (r.score(), bands.band_of(r)));
    let top = rows
        .into_iter()
        .map(|r| {
            let link: Vec<String> = [r.partner, r.role].into_iter().flatten().collect();
            RiskLine {
                mitigations: mitigations.remove(&r.id).unwrap_or_default(),
                code: r.code,
                title: r.title,
                category: r.category,
                link: link.join(" / "),
                inherent: scored(r.inherent),
                residual: scored(r.residual),
                owner: r.owner,
                status: r.status,
            }
        })
        .collect();
    let today = String::new();
    Ok(Risks {
        bands,
        total: wb.risk_counts(&today, &bands)?.total,
        inherent: wb.risk_heat_map(false)?,
        residual: wb.risk_heat_map(true)?,
        top,
    })
}
