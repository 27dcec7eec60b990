//! A partner's pack (`report --audience partner --partner NAME`): what that partner may see —
//! the ecosystem's value proposition, its own record, the roles and joint offerings it is in,
//! the risks and KPIs that name it, the protocols that share data with it, and of the rest of
//! the plan only what those protocols allow (`plan::sharing`). Gathered from an allow-list: a
//! field not put here is never written, and other partners are named by their type unless a
//! protocol shares the roster's names.

mod areas;

use anyhow::{Context, Result};

use super::ReportSettings;
use super::audience::{Audience, Redaction};
use super::disclosure::Disclosure;
use super::kpis::{KpiLine, ReportKpis, with_unit};
use super::model::Cover;
use crate::plan::risk::Rating;
use crate::plan::sharing::{Area, Sharing};
use crate::plan::strategy::AccessLevel;
use crate::workbook::{LiveContext, Page, RiskPageQuery, RiskSort, Workbook};

/// Risks and KPIs read to find those that name the partner.
const READ_LIMIT: usize = 2_000;

/// One piece of a section: raw text, escaped by the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Text(String),
    /// A muted remark: what the section leaves out and why.
    Note(String),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// A section of the pack, with its anchor and heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackSection {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerPack {
    pub cover: Cover,
    /// `Audience::Partner` with the partner's name as stored.
    pub audience: Audience,
    pub sections: Vec<PackSection>,
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        head: head.iter().map(|h| h.to_string()).collect(),
        rows,
    }
}

/// What the pack needs while it is gathered.
struct Reader<'a> {
    wb: &'a Workbook,
    settings: &'a ReportSettings,
    partner: i64,
    name: String,
    /// The hub's name in the pack: the organisation, else "the plan's owner".
    hub: String,
    /// The roles it holds (any part: lead, backup or candidate).
    held: Vec<i64>,
    sharing: Sharing,
    /// The rules every deliverable shares (names hidden, rows and fields shown).
    disclosure: Disclosure,
}

/// The pack for the partner called `name` (any case); an unknown name is refused with the names
/// that hold it.
pub fn gather(wb: &Workbook, settings: &ReportSettings, name: &str) -> Result<PartnerPack> {
    let redaction = Redaction {
        audience: Audience::Partner(name.to_string()),
        shareable: Vec::new(),
    };
    let disclosure = Disclosure::of(wb, &redaction)?;
    let Some(pack) = disclosure.partner.clone() else {
        anyhow::bail!("a partner's pack needs its partner; name it with --partner NAME.");
    };
    let meta = wb.meta().context("reading the plan's title")?;
    let hub = if meta.organisation.trim().is_empty() {
        "the plan's owner".to_string()
    } else {
        meta.organisation.clone()
    };
    let name = pack.name.clone();
    let reader = Reader {
        wb,
        settings,
        partner: pack.id,
        name: name.clone(),
        held: pack.held.clone(),
        sharing: pack.sharing.clone(),
        disclosure,
        hub,
    };
    let live = LiveContext {
        today: settings.date,
        bands: settings.bands,
    };
    let kpis = ReportKpis::read(wb, READ_LIMIT, &live, &settings.currency, settings.period)
        .context("reading KPIs, investments and the value log")?;
    let offerings = wb
        .offerings_of(Some(pack.id))
        .context("reading the joint offerings")?;
    let protocols = wb
        .protocols()
        .context("reading the data-sharing protocols")?;

    let mut sections = vec![
        reader.about(),
        reader.value_proposition()?,
        reader.record()?,
        reader.roles()?,
        reader.offerings(&offerings),
        reader.risks()?,
        reader.kpis(
            kpis.lines
                .iter()
                .filter(|k| names(&k.name, &name) || pack.offering_kpis.contains(&k.name)),
        ),
        reader.protocols(&protocols),
    ];
    sections.extend(reader.areas(&kpis)?);
    Ok(PartnerPack {
        cover: Cover {
            title: meta.title,
            organisation: meta.organisation,
            author: meta.author,
            date: settings.date.to_string(),
            print: settings.print.clone(),
        },
        audience: Audience::Partner(name),
        sections,
    })
}

/// `text` mentions `name` (any case).
fn names(text: &str, name: &str) -> bool {
    text.to_lowercase().contains(&name.to_lowercase())
}

/// "12 high" for a risk's current score (residual, else inherent).
fn current(reader: &Reader, inherent: Option<Rating>, residual: Option<Rating>) -> String {
    residual
        .or(inherent)
        .map_or("not assessed".to_string(), |r| {
            format!("{} {}", r.score(), reader.settings.bands.band_of(r).word())
        })
}

impl Reader<'_> {
    fn text(&self, text: &str) -> String {
        self.disclosure.text(text)
    }

    fn about(&self) -> PackSection {
        let shared: Vec<String> = Area::ALL
            .iter()
            .filter(|a| self.sharing.allows(**a, AccessLevel::CountsOnly))
            .map(|a| format!("{} ({})", a.words(), self.sharing.level(*a).word()))
            .collect();
        let mut blocks = vec![Block::Text(format!(
            "What {} shares with {}: the ecosystem's value proposition, {}'s own record, the \
             roles and joint offerings it is in, and the risks and KPIs that name it.",
            self.hub, self.name, self.name
        ))];
        blocks.push(Block::Text(if shared.is_empty() {
            format!(
                "No data-sharing protocol shares more of the plan with {}.",
                self.name
            )
        } else {
            format!(
                "Under the plan's data-sharing protocols it also sees {}.",
                shared.join(", ")
            )
        }));
        let names = if self.sharing.names_partners() {
            ""
        } else {
            "Other partners are named by their type (\"a technology partner\"); "
        };
        blocks.push(Block::Note(format!(
            "{names}fit scores, selection evidence and the planner's notes stay with {}.",
            self.hub
        )));
        PackSection {
            id: "about",
            heading: format!("For {}", self.name),
            blocks,
        }
    }

    fn value_proposition(&self) -> Result<PackSection> {
        let s = self.wb.strategy().context("reading the strategy")?;
        let mut blocks = Vec::new();
        for text in [&s.value_what, &s.value_why] {
            if !text.trim().is_empty() {
                blocks.push(Block::Text(self.text(text)));
            }
        }
        if blocks.is_empty() {
            blocks.push(Block::Note(
                "The ecosystem's value proposition is not written yet.".to_string(),
            ));
        }
        Ok(PackSection {
            id: "value",
            heading: "The ecosystem's value proposition".to_string(),
            blocks,
        })
    }

    fn record(&self) -> Result<PackSection> {
        let p = self
            .wb
            .partner(self.partner)
            .context("reading the partner's record")?
            .unwrap_or_default();
        let contact = [p.contact_name.trim(), p.contact_email.trim()]
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let agreement = match (p.agreement_start.trim(), p.agreement_end.trim()) {
            ("", "") => String::new(),
            (start, "") => format!("from {start}"),
            ("", end) => format!("until {end}"),
            (start, end) => format!("{start} – {end}"),
        };
        let cadence = p.checkin_cadence_days.trim();
        let cadence = if cadence.is_empty() {
            String::new()
        } else {
            format!("every {cadence} days")
        };
        let rows: Vec<Vec<String>> = [
            ("Type", p.partner_type.clone()),
            ("Sector", p.sector.clone()),
            ("Stage", p.stage.clone()),
            ("Tier", p.tier.clone()),
            ("Region", p.region.clone()),
            ("Website", p.website.clone()),
            ("Contact", contact),
            ("Agreement", agreement),
            ("Check-ins", cadence),
            ("What it contributes", p.contributes.clone()),
            ("What it gains", p.gains.clone()),
            ("Contact at the hub", p.owner.clone()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| vec![k.to_string(), self.text(&v)])
        .collect();
        Ok(PackSection {
            id: "record",
            heading: format!("{}'s record", self.name),
            blocks: vec![table(&["Field", "Value"], rows)],
        })
    }

    fn roles(&self) -> Result<PackSection> {
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

    fn offerings(&self, offerings: &[crate::workbook::OfferingRecord]) -> PackSection {
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

    fn risks(&self) -> Result<PackSection> {
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

    fn kpis<'k>(&self, lines: impl Iterator<Item = &'k KpiLine>) -> PackSection {
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
    fn kpi_row(&self, k: &KpiLine, figures: bool) -> Vec<String> {
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

    fn protocols(&self, protocols: &[crate::workbook::ProtocolRecord]) -> PackSection {
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
