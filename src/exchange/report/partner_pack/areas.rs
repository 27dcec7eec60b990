//! The parts of the plan beyond the partner's own that its protocols share, each at its level:
//! counts only (how many), chosen fields (the list with what a partner may read of it: no fit,
//! owner or notes), or full (the list with its figures).

use anyhow::{Context, Result};

use super::{Block, PackSection, Reader, current, table};
use crate::exchange::report::gather;
use crate::exchange::report::kpis::ReportKpis;
use crate::plan::kpi::KpiStatus;
use crate::plan::sharing::Area;
use crate::plan::strategy::AccessLevel;
use crate::workbook::{Page, RiskPageQuery, RiskSort};

/// "Roles and their coverage (counts only)".
fn heading(area: Area, level: AccessLevel) -> String {
    let words = area.words();
    let mut first = words.trim_start_matches("the ").chars();
    let capital = first
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + first.as_str())
        .unwrap_or_default();
    format!("{capital} ({})", level.word())
}

impl Reader<'_> {
    /// A section for each part a protocol shares with the partner, in `Area::ALL`'s order.
    pub(super) fn areas(&self, kpis: &ReportKpis) -> Result<Vec<PackSection>> {
        let mut sections = Vec::new();
        for area in Area::ALL {
            let level = self.sharing.level(area);
            if level == AccessLevel::Hidden {
                continue;
            }
            let full = level == AccessLevel::Full;
            let counts = level == AccessLevel::CountsOnly;
            let (id, blocks) = match area {
                Area::Partners => ("shared-partners", self.partners(counts, full)?),
                Area::Roles => ("shared-roles", self.coverage(counts, full)?),
                Area::Offerings => ("shared-offerings", self.all_offerings(counts, full)?),
                Area::Risks => ("shared-risks", self.register(counts, full)?),
                Area::Kpis => ("shared-kpis", self.all_kpis(kpis, counts, full)),
                Area::Money => ("shared-money", self.money(kpis, counts, full)?),
            };
            sections.push(PackSection {
                id,
                heading: heading(area, level),
                blocks,
            });
        }
        Ok(sections)
    }

    fn partners(&self, counts: bool, full: bool) -> Result<Vec<Block>> {
        let roster = gather::roster(self.wb).context("reading the roster")?;
        if counts {
            let rows = roster
                .by_stage
                .iter()
                .map(|(stage, n)| vec![stage.clone(), n.to_string()])
                .collect();
            return Ok(vec![
                Block::Text(format!("The plan holds {} partners.", roster.total)),
                table(&["Stage", "Partners"], rows),
            ]);
        }
        let mut head = vec!["Partner", "Type", "Stage"];
        if full {
            head.push("Fit");
        }
        let rows = roster
            .shown
            .iter()
            .map(|p| {
                let mut row = vec![self.text(&p.name), p.partner_type.clone(), p.stage.clone()];
                if full {
                    row.push(p.fit_text());
                }
                row
            })
            .collect();
        let mut blocks = vec![table(&head, rows)];
        blocks.extend(left_out(roster.left_out(), "partner", "partners"));
        Ok(blocks)
    }

    fn coverage(&self, counts: bool, full: bool) -> Result<Vec<Block>> {
        let coverage = gather::coverage(self.wb, self.settings.overload_threshold)
            .context("reading roles and their coverage")?;
        let mut blocks = vec![Block::Text(coverage.summary.clone())];
        if counts {
            return Ok(blocks);
        }
        let rows = coverage
            .roles
            .iter()
            .map(|r| {
                vec![
                    self.text(&r.name),
                    r.criticality.to_string(),
                    r.status.to_string(),
                ]
            })
            .collect();
        blocks.push(table(&["Role", "Criticality", "Status"], rows));
        if full && !coverage.gaps.is_empty() {
            blocks.push(Block::Text(coverage.weak_spots.clone()));
            let rows = coverage
                .gaps
                .iter()
                .map(|(role, what)| vec![self.text(role), self.text(what)])
                .collect();
            blocks.push(table(&["Role", "What is wrong"], rows));
        }
        Ok(blocks)
    }

    fn all_offerings(&self, counts: bool, full: bool) -> Result<Vec<Block>> {
        let offerings = self.wb.offerings().context("reading the joint offerings")?;
        if counts {
            let mut by_status: Vec<(String, usize)> = Vec::new();
            for o in &offerings {
                match by_status.iter_mut().find(|(s, _)| *s == o.offering.status) {
                    Some((_, n)) => *n += 1,
                    None => by_status.push((o.offering.status.clone(), 1)),
                }
            }
            let rows = by_status
                .into_iter()
                .map(|(s, n)| vec![s, n.to_string()])
                .collect();
            return Ok(vec![
                Block::Text(format!(
                    "The plan holds {} joint offerings.",
                    offerings.len()
                )),
                table(&["Status", "Offerings"], rows),
            ]);
        }
        let mut head = vec!["Offering", "Status", "Customer problem", "Segment"];
        if full {
            head.push("Members");
        }
        let rows = offerings
            .iter()
            .map(|o| {
                let mut row = vec![
                    self.text(&o.offering.name),
                    o.offering.status.clone(),
                    self.text(&o.offering.problem),
                    self.text(&o.offering.segment),
                ];
                if full {
                    let members: Vec<String> = o
                        .members
                        .iter()
                        .map(|m| match m.member.partner {
                            None => self.hub.clone(),
                            Some(_) => self.text(&m.name),
                        })
                        .collect();
                    row.push(members.join(", "));
                }
                row
            })
            .collect();
        Ok(vec![table(&head, rows)])
    }

    fn register(&self, counts: bool, full: bool) -> Result<Vec<Block>> {
        let bands = self.settings.bands;
        let totals = self
            .wb
            .risk_counts("", &bands)
            .context("reading the risk register")?;
        let mut blocks = vec![Block::Text(format!(
            "The register holds {} risks; {} of them open at a high band or above.",
            totals.total, totals.high_open
        ))];
        if counts {
            return Ok(blocks);
        }
        let query = RiskPageQuery {
            sort: RiskSort::Band,
            descending: true,
            bands,
            ..RiskPageQuery::default()
        };
        let rows =
            self.wb
                .risk_page(&query, &Page::First, crate::exchange::report::limits::RISKS)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut mitigations = if full {
            self.wb.mitigations_of(&ids)?
        } else {
            Default::default()
        };
        let mut head = vec!["Code", "Risk", "Category", "Now", "Status"];
        if full {
            head.push("Mitigations");
        }
        let rows = rows
            .into_iter()
            .map(|r| {
                let mut row = vec![
                    r.code.clone(),
                    self.text(&r.title),
                    r.category.clone(),
                    current(self, r.inherent, r.residual),
                    r.status.clone(),
                ];
                if full {
                    let notes: Vec<String> = mitigations
                        .remove(&r.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(kind, note)| self.text(&format!("{kind}: {note}")))
                        .collect();
                    row.push(notes.join("; "));
                }
                row
            })
            .collect();
        blocks.push(table(&head, rows));
        Ok(blocks)
    }

    fn all_kpis(&self, kpis: &ReportKpis, counts: bool, full: bool) -> Vec<Block> {
        if counts {
            let rows = KpiStatus::ALL
                .iter()
                .map(|s| {
                    let n = kpis.lines.iter().filter(|k| k.status == *s).count();
                    vec![s.label(), n.to_string()]
                })
                .filter(|row| row[1] != "0")
                .collect();
            return vec![
                Block::Text(format!("The plan measures {} KPIs.", kpis.total)),
                table(&["Status", "KPIs"], rows),
            ];
        }
        let rows = kpis.lines.iter().map(|k| self.kpi_row(k, full)).collect();
        let head: &[&str] = if full {
            &["KPI", "Latest", "Target", "By", "Status"]
        } else {
            &["KPI", "Status"]
        };
        vec![table(head, rows)]
    }

    fn money(&self, kpis: &ReportKpis, counts: bool, full: bool) -> Result<Vec<Block>> {
        let Some(roi) = &kpis.roi else {
            return Ok(vec![Block::Note(
                "No investment or value is logged yet.".to_string(),
            )]);
        };
        if counts {
            let (investments, entries, _) = self
                .wb
                .money_records()
                .context("reading investments and the value log")?;
            return Ok(vec![Block::Text(format!(
                "The plan logs {} investments and {} value-log entries.",
                investments.len(),
                entries.len()
            ))]);
        }
        let mut rows = vec![
            vec!["Period".to_string(), roi.period.clone()],
            vec!["ROI".to_string(), roi.roi.clone()],
        ];
        if full {
            rows.push(vec!["Invested".to_string(), roi.invested.clone()]);
            rows.push(vec!["Returns".to_string(), roi.returns.clone()]);
        }
        Ok(vec![table(&["Figure", "Value"], rows)])
    }
}

/// "3 more partners are not listed here." as a note.
fn left_out(n: i64, singular: &str, plural: &str) -> Option<Block> {
    (n > 0).then(|| {
        Block::Note(format!(
            "{} more {} not listed here.",
            n,
            if n == 1 {
                format!("{singular} is")
            } else {
                format!("{plural} are")
            }
        ))
    })
}
