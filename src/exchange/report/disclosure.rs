//! What a deliverable's audience may see of each register, row by row and field by field: the
//! one place the report's client rules, the partner's pack, the XLSX sheets and the CSV exports
//! ask. Internal readers see everything; a client no fit or scores of declined or gated-out
//! partners and no partner named in a risk; a partner its own rows and what its protocols share.

use anyhow::{Context, Result};

use super::audience::{Audience, HiddenNames, Redaction};
use crate::plan::sharing::{Area, Protocol, Sharing};
use crate::plan::strategy::AccessLevel;
use crate::workbook::{Register, Workbook};

/// The partner a pack is for, and what its protocols share with it.
#[derive(Debug, Clone)]
pub struct PackPartner {
    pub id: i64,
    /// As stored.
    pub name: String,
    /// The roles it holds (any part).
    pub held: Vec<i64>,
    pub sharing: Sharing,
    /// Names of the KPIs that measure the offerings it is in.
    pub offering_kpis: Vec<String>,
}

/// What one partner row may show (the row itself is left out when `None` is returned).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerView {
    /// Fit, gate and criterion scores.
    pub judgement: bool,
    /// Contact details, owner, agreement, check-ins, what it contributes and gains.
    pub profile: bool,
    /// The planner's notes.
    pub notes: bool,
}

/// The columns of a partner row, by what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerColumn {
    /// Name, type, sector, stage, tier, region.
    Identity,
    Profile,
    Notes,
    /// Fit, gated out, and any column not named here (a criterion's score).
    Judgement,
}

impl PartnerColumn {
    /// The kind of a partners sheet's or CSV's column, by its header.
    pub fn of(header: &str) -> PartnerColumn {
        match header {
            "Name" | "Partner" | "Type" | "Sector" | "Stage" | "Tier" | "Region" => {
                PartnerColumn::Identity
            }
            "Website" | "Internal owner" | "Owner" | "Check-in days" | "Contact name"
            | "Contact" | "Contact e-mail" | "E-mail" | "Agreement start" | "Agreement end"
            | "They contribute" | "Contributes" | "They gain" | "Gains" | "Onboarding %"
            | "Last check-in" | "Next check-in" => PartnerColumn::Profile,
            "Notes" => PartnerColumn::Notes,
            _ => PartnerColumn::Judgement,
        }
    }
}

impl PartnerView {
    /// Whether the column headed `header` is shown.
    pub fn shows(&self, header: &str) -> bool {
        match PartnerColumn::of(header) {
            PartnerColumn::Identity => true,
            PartnerColumn::Profile => self.profile,
            PartnerColumn::Notes => self.notes,
            PartnerColumn::Judgement => self.judgement,
        }
    }
}

/// Risk columns a reader who may see a risk's list but not its detail still sees.
const RISK_SUMMARY: &[&str] = &[
    "Code",
    "Title",
    "Risk",
    "Category",
    "Status",
    "Inherent likelihood",
    "Inherent impact",
    "Inherent score",
    "Inherent band",
    "Residual likelihood",
    "Residual impact",
    "Residual score",
    "Residual band",
];

/// KPI columns a reader who may see the list but not the figures still sees.
const KPI_SUMMARY: &[&str] = &["Name", "KPI", "Category", "Status"];

/// Whether a row's column, by its header, is shown.
pub type ShownColumns = Box<dyn Fn(&str) -> bool>;

/// The audience's rules over the workbook's registers.
#[derive(Debug, Clone)]
pub struct Disclosure {
    pub audience: Audience,
    /// Names the reader may not see, with their stand-ins (none for internal readers).
    pub hidden: HiddenNames,
    pub partner: Option<PackPartner>,
}

impl Disclosure {
    /// Everything, for internal readers.
    pub fn internal() -> Disclosure {
        Disclosure {
            audience: Audience::Internal,
            hidden: HiddenNames::default(),
            partner: None,
        }
    }

    /// The rules of `redaction` over `wb`: a partner's name is looked up (an unknown one is
    /// refused with the names that hold it), its roles and protocols read.
    pub fn of(wb: &Workbook, redaction: &Redaction) -> Result<Disclosure> {
        let partners = || {
            wb.partner_names_and_types()
                .context("reading partners' names and types")
        };
        match &redaction.audience {
            Audience::Internal => Ok(Disclosure::internal()),
            Audience::Client => Ok(Disclosure {
                audience: Audience::Client,
                hidden: HiddenNames::of(&partners()?, &redaction.shareable),
                partner: None,
            }),
            Audience::Partner(name) => {
                let (id, name) = wb.partner_named(name).map_err(anyhow::Error::msg)?;
                let held: Vec<i64> = wb
                    .assignments()
                    .context("reading role assignments")?
                    .iter()
                    .filter(|a| a.partner_id == id)
                    .map(|a| a.role_id)
                    .collect();
                let rules: Vec<Protocol> = wb
                    .protocols()
                    .context("reading the data-sharing protocols")?
                    .into_iter()
                    .map(|p| Protocol {
                        data_item: p.protocol.data_item,
                        level: p.protocol.access_level,
                        recipients: p.protocol.recipients,
                    })
                    .collect();
                let sharing = Sharing::for_partner(id, &held, &rules);
                let partners = partners()?;
                let shown: Vec<String> = if sharing.names_partners() {
                    partners.iter().map(|(n, _)| n.clone()).collect()
                } else {
                    vec![name.clone()]
                };
                let offering_kpis = wb
                    .offerings_of(Some(id))
                    .context("reading the joint offerings")?
                    .into_iter()
                    .flat_map(|o| o.kpi_names)
                    .collect();
                Ok(Disclosure {
                    audience: Audience::Partner(name.clone()),
                    hidden: HiddenNames::of(&partners, &shown),
                    partner: Some(PackPartner {
                        id,
                        name,
                        held,
                        sharing,
                        offering_kpis,
                    }),
                })
            }
        }
    }

    /// `text` with the names the reader may not see replaced by their stand-ins: the rule for
    /// risks (and for everything a partner reads).
    pub fn text(&self, text: &str) -> String {
        self.hidden.redact(text)
    }

    /// Text outside the risk register: a client reads partners' names there (the roster is
    /// theirs); a partner only the names its protocols share.
    pub fn plain(&self, text: &str) -> String {
        match self.audience {
            Audience::Partner(_) => self.hidden.redact(text),
            _ => text.to_string(),
        }
    }

    fn level(&self, area: Area) -> AccessLevel {
        self.partner
            .as_ref()
            .map_or(AccessLevel::Full, |p| p.sharing.level(area))
    }

    /// Whether a partner's fit and scores may be shown, by its stage and gate.
    pub fn fit_shown(&self, stage: &str, gated_out: bool) -> bool {
        match self.audience {
            Audience::Internal => true,
            Audience::Client => !(gated_out || stage == "declined"),
            Audience::Partner(_) => self.level(Area::Partners) == AccessLevel::Full,
        }
    }

    /// How a partner's row is shown, or `None` when the reader may not see it; `name` tells
    /// the pack's own partner (names are unique, as `partner_named` reads them).
    pub fn partner_row(&self, name: &str, stage: &str, gated_out: bool) -> Option<PartnerView> {
        let Some(pack) = &self.partner else {
            return Some(PartnerView {
                judgement: self.fit_shown(stage, gated_out),
                profile: true,
                notes: true,
            });
        };
        if name.trim().eq_ignore_ascii_case(pack.name.trim()) {
            // Its own record, without the plan's judgement of it or the planner's notes.
            return Some(PartnerView {
                judgement: false,
                profile: true,
                notes: false,
            });
        }
        let level = pack.sharing.level(Area::Partners);
        (level >= AccessLevel::ChosenFields).then_some(PartnerView {
            judgement: level == AccessLevel::Full,
            profile: level == AccessLevel::Full,
            notes: false,
        })
    }

    /// A risk names the pack's partner: linked to it, or its title says its name.
    fn names_partner(&self, link: &str, title: &str) -> bool {
        self.partner.as_ref().is_some_and(|p| {
            let name = p.name.to_lowercase();
            link.to_lowercase().contains(&name) || title.to_lowercase().contains(&name)
        })
    }

    /// Which of a risk row's columns (by header) are shown, or `None` for a row the reader may
    /// not see. `link` is its partner (or "partner / role"), `title` its title.
    pub fn risk_row(&self, link: &str, title: &str) -> Option<fn(&str) -> bool> {
        if self.partner.is_none() || self.names_partner(link, title) {
            return Some(|_| true);
        }
        match self.level(Area::Risks) {
            AccessLevel::Full => Some(|_| true),
            AccessLevel::ChosenFields => Some(|header| RISK_SUMMARY.contains(&header)),
            _ => None,
        }
    }

    /// Which of a KPI row's columns are shown, or `None` for a KPI the reader may not see.
    pub fn kpi_row(&self, name: &str) -> Option<fn(&str) -> bool> {
        let Some(pack) = &self.partner else {
            return Some(|_| true);
        };
        let own = name.to_lowercase().contains(&pack.name.to_lowercase())
            || pack.offering_kpis.iter().any(|k| k == name);
        if own {
            return Some(|_| true);
        }
        match self.level(Area::Kpis) {
            AccessLevel::Full => Some(|_| true),
            AccessLevel::ChosenFields => Some(|header| KPI_SUMMARY.contains(&header)),
            _ => None,
        }
    }

    /// A role assignment of `partner`: shown with or without its note, or not at all.
    pub fn assignment_row(&self, partner: i64) -> Option<bool> {
        let Some(pack) = &self.partner else {
            return Some(true);
        };
        if partner == pack.id {
            return Some(false);
        }
        (pack.sharing.names_partners() && self.level(Area::Roles) == AccessLevel::Full)
            .then_some(false)
    }

    /// Which columns (by header) of a CSV register's row are shown, or `None` for a row left
    /// out; `cell` reads the row's cell under a header.
    pub fn register_row<'c>(
        &self,
        register: Register,
        cell: impl Fn(&str) -> &'c str,
    ) -> Option<ShownColumns> {
        match register {
            Register::Partners => {
                let view =
                    self.partner_row(cell("Name"), cell("Stage"), cell("Gated out") == "yes")?;
                Some(Box::new(move |header| view.shows(header)))
            }
            Register::Risks => self
                .risk_row(cell("Partner / role"), cell("Title"))
                .map(|f| Box::new(f) as ShownColumns),
            Register::Kpis => self
                .kpi_row(cell("Name"))
                .map(|f| Box::new(f) as ShownColumns),
        }
    }

    /// A CSV register's text: risks by `text`'s rule, the others by `plain`'s.
    pub fn register_text(&self, register: Register, text: &str) -> String {
        match register {
            Register::Risks => self.text(text),
            _ => self.plain(text),
        }
    }

    /// Goals, resources and governance rules: the plan's own, not for a partner.
    pub fn strategy_lists(&self) -> bool {
        self.partner.is_none()
    }

    /// A protocol's row: a partner sees those that share data with it.
    pub fn protocol_row(&self, recipients: &[crate::plan::strategy::Recipient]) -> bool {
        self.partner.as_ref().is_none_or(|p| {
            Protocol {
                data_item: String::new(),
                level: AccessLevel::Hidden,
                recipients: recipients.to_vec(),
            }
            .reaches(p.id, &p.held)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::strategy::Recipient;

    fn partners() -> Vec<(String, String)> {
        vec![
            ("Ostrander Industrial Supply".into(), "distributor".into()),
            ("Kiln Embedded Labs".into(), "technology".into()),
        ]
    }

    /// The pack for Ostrander (id 1, holding role 5) under `protocols`.
    fn for_ostrander(protocols: &[(&str, AccessLevel, Recipient)]) -> Disclosure {
        let rules: Vec<Protocol> = protocols
            .iter()
            .map(|(item, level, to)| Protocol {
                data_item: item.to_string(),
                level: *level,
                recipients: vec![*to],
            })
            .collect();
        let sharing = Sharing::for_partner(1, &[5], &rules);
        let shown: Vec<String> = if sharing.names_partners() {
            partners().into_iter().map(|(n, _)| n).collect()
        } else {
            vec!["Ostrander Industrial Supply".into()]
        };
        Disclosure {
            audience: Audience::Partner("Ostrander Industrial Supply".into()),
            hidden: HiddenNames::of(&partners(), &shown),
            partner: Some(PackPartner {
                id: 1,
                name: "Ostrander Industrial Supply".into(),
                held: vec![5],
                sharing,
                offering_kpis: vec!["Joint solutions launched".into()],
            }),
        }
    }

    #[test]
    fn a_client_sees_every_row_but_no_fit_of_a_declined_or_gated_out_partner() {
        let client = Disclosure {
            audience: Audience::Client,
            hidden: HiddenNames::of(&partners(), &[]),
            partner: None,
        };
        let declined = client.partner_row("Kiln Embedded Labs", "declined", false);
        assert_eq!(
            declined,
            Some(PartnerView {
                judgement: false,
                profile: true,
                notes: true
            })
        );
        assert!(client.fit_shown("active", false));
        assert!(!client.fit_shown("active", true));
        // Names stay in the roster's text, not in the risks'.
        assert_eq!(client.plain("Kiln ships"), "Kiln ships");
        assert_eq!(client.text("Kiln ships"), "a technology partner ships");
        assert!(Disclosure::internal().fit_shown("declined", true));
    }

    #[test]
    fn a_partner_sees_its_own_rows_and_what_its_protocols_share() {
        let alone = for_ostrander(&[]);
        let own = alone.partner_row("ostrander industrial supply", "active", false);
        assert_eq!(
            own,
            Some(PartnerView {
                judgement: false,
                profile: true,
                notes: false
            })
        );
        assert_eq!(
            alone.partner_row("Kiln Embedded Labs", "active", false),
            None
        );
        assert!(alone.risk_row("Kiln Embedded Labs", "Firmware").is_none());
        let own_risk = alone
            .risk_row("", "Ostrander Industrial Supply stops shipping")
            .unwrap();
        assert!(own_risk("Mitigations"));
        assert!(alone.kpi_row("Joint solutions launched").is_some());
        assert!(alone.kpi_row("Revenue").is_none());
        assert_eq!(alone.assignment_row(1), Some(false));
        assert_eq!(alone.assignment_row(2), None);
        assert!(!alone.strategy_lists());
        assert!(alone.protocol_row(&[Recipient::Role(5)]));
        assert!(!alone.protocol_row(&[Recipient::Partner(2)]));

        // The roster by name, the register's list through its role: summary columns only.
        let shared = for_ostrander(&[
            (
                "Partner directory",
                AccessLevel::ChosenFields,
                Recipient::Partner(1),
            ),
            (
                "Risk register",
                AccessLevel::ChosenFields,
                Recipient::Role(5),
            ),
        ]);
        let other = shared
            .partner_row("Kiln Embedded Labs", "active", false)
            .unwrap();
        assert!(other.shows("Name") && !other.shows("Fit") && !other.shows("Notes"));
        assert!(!other.shows("Website"));
        let listed = shared.risk_row("Kiln Embedded Labs", "Firmware").unwrap();
        assert!(listed("Title") && listed("Residual band") && !listed("Mitigations"));
        assert_eq!(shared.text("Kiln ships"), "Kiln ships");
        // Without the roster's names, other partners are their type, short forms too.
        assert_eq!(alone.text("Kiln ships"), "a technology partner ships");
    }
}
