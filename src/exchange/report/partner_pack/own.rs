//! The parts of a partner's pack about the partner itself: the roles it holds, the joint
//! offerings it is in, the risks and KPIs that name it and the protocols that share data with it.

use anyhow::{Context, Result};

use super::{Block, PackSection, READ_LIMIT, Reader, current, names, table};
use crate::exchange::report::kpis::{KpiLine, with_unit};
use crate::workbook::{OfferingRecord, Page, ProtocolRecord, RiskPageQuery, RiskSort};

impl Reader<'_> {
    pub(super) fn roles(&self) -> Result<PackSection> {
        let roles = self.wb.roles().context("reading roles")?;
        let assignments = self.wb.assignments().context("reading role assignments")?;
        let rows: Vec<Vec<String>> = roles
            .iter()
            .filter(|r| !r.role.is_hub && self.held.contains(&r.role.id))
            .flat_map(|r| {
                assignments
                    .iter()
                    .filter(|a| a.partner_id == self.partner && a.role_id == r.role.id)
                    .map(|a| {
                        vec![
                            self.text(&r.role.name),
                            r.role.criticality.word().to_string(),
                            a.kind.word().to_string(),
                            self.text(&r.description),
                        ]
                    })
            })
            .collect();
        Ok(self.listed(
            "roles",
            "Roles it holds",
            &["Role", "Criticality", "Its part", "Description"],
            rows,
            "holds no role in the plan yet",
        ))
    }

    /// A section of one table, or a sentence when it has no rows.
    fn listed(
        &self,
        id: &'static str,
        heading: &str,
        head: &[&str],
        rows: Vec<Vec<String>>,
        none: &str,
    ) -> PackSection {
        let block = if rows.is_empty() {
            Block::Note(format!("{} {none}.", self.name))
        } else {
            table(head, rows)
        };
        PackSection {
            id,
            heading: heading.to_string(),
            blocks: vec![block],
        }
    }

    pub(super) fn offerings(&self, offerings: &[OfferingRecord]) -> PackSection {
        let rows = offerings
            .iter()
            .map(|o| {
                let own: Vec<String> = o
                    .members
                    .iter()
                    .filter(|m| m.member.partner == Some(self.partner))
                    .map(|m| {
                        let mut c = m.member.contribution.clone();
                        if !m.member.kind.trim().is_empty() {
                            c = format!("{c} ({})", m.member.kind.trim());
                        }
                        if m.member.critical {
                            c.push_str(" — critical");
                        }
                        c
                    })
                    .collect();
                let others: Vec<String> = o
                    .members
                    .iter()
                    .filter(|m| m.member.partner != Some(self.partner))
                    .map(|m| match m.member.partner {
                        None => self.hub.clone(),
                        Some(_) => m.name.clone(),
                    })
                    .collect();
                vec![
                    self.text(&o.offering.name),
                    o.offering.status.clone(),
                    self.text(&o.offering.problem),
                    self.text(&own.join("; ")),
                    self.text(&others.join(", ")),
                ]
            })
            .collect();
        self.listed(
            "offerings",
            "Joint offerings it is in",
            &[
                "Offering",
                "Status",
                "Customer problem",
                "Its contribution",
                "With",
            ],
            rows,
            "is in no joint offering yet",
        )
    }

    pub(super) fn risks(&self) -> Result<PackSection> {
        let query = RiskPageQuery {
            sort: RiskSort::Band,
            descending: true,
            bands: self.settings.bands,
            ..RiskPageQuery::default()
        };
        let rows: Vec<_> = self
            .wb
            .risk_page(&query, &Page::First, READ_LIMIT)
            .context("reading the risk register")?
            .into_iter()
            .filter(|r| {
                r.partner.as_deref() == Some(self.name.as_str()) || names(&r.title, &self.name)
            })
            .collect();
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut mitigations = self.wb.mitigations_of(&ids)?;
        let rows = rows
            .into_iter()
            .map(|r| {
                let measures: Vec<String> = mitigations
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(kind, note)| {
                        if note.trim().is_empty() {
                            kind
                        } else {
                            format!("{kind}: {note}")
                        }
                    })
                    .collect();
                vec![
                    r.code.clone(),
                    self.text(&r.title),
                    r.category.clone(),
                    current(self, r.inherent, r.residual),
                    r.status.clone(),
                    self.text(&measures.join("; ")),
                ]
            })
            .collect();
        Ok(self.listed(
            "risks",
            "Risks that name it",
            &["Code", "Risk", "Category", "Now", "Status", "Mitigations"],
            rows,
            "is named in no risk",
        ))
    }

    pub(super) fn kpis<'k>(&self, lines: impl Iterator<Item = &'k KpiLine>) -> PackSection {
        let rows = lines.map(|k| self.kpi_row(k, true)).collect();
        self.listed(
            "kpis",
            "KPIs that concern it",
            &["KPI", "Latest", "Target", "By", "Status"],
            rows,
            "is measured by no KPI of its own or of its offerings",
        )
    }

    /// A KPI's row: with its figures (name, latest, target, by, status) or only its status.
    pub(super) fn kpi_row(&self, k: &KpiLine, figures: bool) -> Vec<String> {
        let name = self.text(&k.name);
        if !figures {
            return vec![name, k.status.label()];
        }
        vec![
            name,
            k.latest
                .as_ref()
                .map_or("–".to_string(), |(_, v)| with_unit(*v, &k.unit)),
            k.target.map_or("–".to_string(), |v| with_unit(v, &k.unit)),
            k.target_date.clone().unwrap_or_default(),
            k.status.label(),
        ]
    }

    pub(super) fn protocols(&self, protocols: &[ProtocolRecord]) -> PackSection {
        let rows = protocols
            .iter()
            .filter(|p| self.disclosure.protocol_row(&p.protocol.recipients))
            .map(|p| {
                let p = &p.protocol;
                vec![
                    self.text(&p.data_item),
                    self.text(&p.purpose),
                    p.access_level.word().to_string(),
                    self.text(&p.access_method),
                    self.text(&p.protection_measures),
                    p.review_date.clone().unwrap_or_default(),
                ]
            })
            .collect();
        self.listed(
            "protocols",
            "Data shared with it",
            &["Data", "Purpose", "Access", "How", "Protection", "Review"],
            rows,
            "receives no data under a protocol yet",
        )
    }
}
