//! A partner's pack (`report --audience partner --partner NAME`): what that partner may see —
//! the ecosystem's value proposition, its own record, the roles and joint offerings it is in,
//! the risks and KPIs that name it, the protocols that share data with it, and of the rest of
//! the plan only what those protocols allow (`plan::sharing`). Gathered from an allow-list: a
//! field not put here is never written, and other partners are named by their type unless a
//! protocol shares the roster's names.

mod areas;
mod own;

use anyhow::{Context, Result};

use super::ReportSettings;
use super::audience::{Audience, Redaction};
use super::disclosure::Disclosure;
use super::kpis::ReportKpis;
use super::model::Cover;
use crate::plan::risk::Rating;
use crate::plan::sharing::{Area, Sharing};
use crate::plan::strategy::AccessLevel;
use crate::workbook::{LiveContext, Workbook};

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
}
