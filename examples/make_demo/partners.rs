//! The demo's thirty partners — every type and stage — with their scores, onboarding checklists
//! and check-ins.

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use partnerplan::plan::PartnerDraft;
use partnerplan::plan::onboarding::ItemStatus;
use partnerplan::plan::selection::Assessment;
use partnerplan::workbook::Workbook;

use super::day;

/// Partner ids by name.
pub type Ids = HashMap<&'static str, i64>;

/// One partner of the demo.
struct Spec {
    name: &'static str,
    kind: &'static str,
    sector: &'static str,
    stage: &'static str,
    tier: &'static str,
    region: &'static str,
    owner: &'static str,
    contact: &'static str,
    /// Days; empty for the configured default.
    cadence: &'static str,
    contributes: &'static str,
    /// Empty where the planner has not written it yet (the Guide notices).
    gains: &'static str,
    /// Agreement start and end, when signed.
    agreement: Option<(&'static str, &'static str)>,
    /// Capabilities, cultural fit, willingness, shared vision, complementary strengths; 0 is
    /// not scored yet.
    scores: [u8; 5],
    /// The security review gate, when assessed.
    gate: Option<bool>,
    /// The onboarding checklist in item order: D done, S skipped, B blocked, P pending, . untouched.
    onboarding: &'static str,
    checkins: &'static [(&'static str, &'static str)],
    notes: &'static str,
}

const MARA: &str = "Mara Lindqvist";
const TOBIAS: &str = "Tobias Brenner";
const AIYANA: &str = "Aiyana Cole";
const RAVI: &str = "Ravi Menon";
const SOFIA: &str = "Sofia Duarte";

#[rustfmt::skip]
const PARTNERS: &[Spec] = &[
    Spec { name: "Nimbus Forge Cloud", kind: "technology", sector: "technology", stage: "active", tier: "strategic", region: "global", owner: RAVI, contact: "Ilse Marten", cadence: "30",
        contributes: "Hosts the Veltrane monitoring platform in three regions, with managed databases and device messaging.",
        gains: "A growing industrial workload and joint reference customers in manufacturing.",
        agreement: Some(("2024-03-01", "2027-02-28")), scores: [5, 4, 4, 4, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-05-12", "Capacity plan for the new region agreed."), ("2026-08-14", "Reviewed outage of 2 August; credits applied."), ("2026-11-10", "Quarterly review: cost per device down 8%.")], notes: "" },
    Spec { name: "Stratocume Hosting", kind: "technology", sector: "technology", stage: "active", tier: "preferred", region: "Europe", owner: RAVI, contact: "Jorrit Vael", cadence: "60",
        contributes: "A second cloud for European customers who want their data kept in the EU.",
        gains: "Entry into industrial customers it could not reach alone.",
        agreement: Some(("2025-06-01", "2027-05-31")), scores: [4, 4, 3, 3, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-02-18", "Failover test passed."), ("2026-08-20", "Discussed pricing for 2027.")], notes: "" },
    Spec { name: "Edgewise Relay", kind: "technology", sector: "telecommunications", stage: "onboarding", tier: "standard", region: "Europe", owner: RAVI, contact: "Noor Haddad", cadence: "14",
        contributes: "Edge nodes that buffer sensor data at plants with poor connectivity.",
        gains: "Our installed base as a showcase for its edge boxes.",
        agreement: Some(("2026-10-01", "2027-09-30")), scores: [4, 3, 4, 3, 5], gate: Some(true), onboarding: "DDP..",
        checkins: &[("2026-11-16", "Pilot at the Granary plant in Ostvik scheduled.")], notes: "" },
    Spec { name: "Kiln Embedded Labs", kind: "technology", sector: "technology", stage: "active", tier: "strategic", region: "Europe", owner: TOBIAS, contact: "Petra Solberg", cadence: "30",
        contributes: "Writes and maintains the firmware of every Veltrane gateway and sensor.",
        gains: "A long-term engineering contract and rights to reuse its drivers.",
        agreement: Some(("2023-09-01", "2027-08-31")), scores: [5, 4, 3, 4, 5], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-06-02", "Firmware 4.2 roadmap."), ("2026-10-05", "Key engineer leaving; handover plan requested.")],
        notes: "The only firmware partner: see risk R-002." },
    Spec { name: "Ferrule Devices", kind: "supplier", sector: "manufacturing", stage: "active", tier: "strategic", region: "Asia-Pacific", owner: TOBIAS, contact: "Wen Qiao", cadence: "30",
        contributes: "Builds the vibration and temperature sensor boards.",
        gains: "Volume orders planned a year ahead.",
        agreement: Some(("2024-01-15", "2027-01-14")), scores: [4, 3, 4, 3, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-07-07", "Lead times up to 26 weeks for the radio chip."), ("2026-11-03", "Safety stock of 8 weeks reached.")], notes: "" },
    Spec { name: "Larchmont Circuitworks", kind: "supplier", sector: "manufacturing", stage: "evaluating", tier: "standard", region: "Europe", owner: TOBIAS, contact: "Gideon Ashby", cadence: "",
        contributes: "Could build sensor boards as a second source.",
        gains: "A foothold in industrial IoT hardware.",
        agreement: None, scores: [3, 4, 4, 3, 3], gate: Some(true), onboarding: "",
        checkins: &[], notes: "Sample boards due in January." },
    Spec { name: "Quaystone Components", kind: "supplier", sector: "manufacturing", stage: "paused", tier: "occasional", region: "Europe", owner: TOBIAS, contact: "Lotte Brandt", cadence: "90",
        contributes: "Enclosures and cable glands for outdoor sensors.",
        gains: "Steady small orders.",
        agreement: Some(("2024-05-01", "2026-12-31")), scores: [3, 3, 2, 2, 3], gate: Some(true), onboarding: "DDDSD",
        checkins: &[("2026-04-10", "Paused while the new enclosure is designed.")], notes: "" },
    Spec { name: "Brightrail Integration", kind: "integrator", sector: "professional services", stage: "active", tier: "strategic", region: "Europe", owner: AIYANA, contact: "Hamid Rostami", cadence: "45",
        contributes: "Installs and commissions Veltrane systems at customer plants.",
        gains: "Recurring installation work and first access to new products.",
        agreement: Some(("2024-09-01", "2027-08-31")), scores: [4, 5, 4, 4, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-04-22", "Two installers certified."), ("2026-10-28", "Customer complaints at one site reviewed.")], notes: "" },
    Spec { name: "Copperleaf Systems Integration", kind: "integrator", sector: "professional services", stage: "active", tier: "preferred", region: "North America", owner: AIYANA, contact: "Dana Okoro", cadence: "90",
        contributes: "Installations for North American customers.",
        gains: "A product line its customers ask for.",
        agreement: Some(("2025-02-01", "2027-01-31")), scores: [4, 3, 3, 3, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-09-15", "Pipeline of five plants for 2027.")], notes: "" },
    Spec { name: "Halvard Automation Partners", kind: "service provider", sector: "manufacturing", stage: "onboarding", tier: "standard", region: "Europe", owner: AIYANA, contact: "Freya Lund", cadence: "14",
        contributes: "Maintenance teams that could service sensors on site.",
        gains: "Data that lets it sell maintenance by condition instead of by calendar.",
        agreement: Some(("2026-09-15", "2027-09-14")), scores: [4, 4, 0, 0, 0], gate: None, onboarding: "D....",
        checkins: &[], notes: "Scoring to finish after the kick-off." },
    Spec { name: "Tessellate Apps", kind: "technology", sector: "technology", stage: "active", tier: "preferred", region: "Europe", owner: SOFIA, contact: "Marek Duda", cadence: "30",
        contributes: "Builds dashboards and mobile apps on the Veltrane API.",
        gains: "Listing in our app catalogue and a share of subscription revenue.",
        agreement: Some(("2025-11-01", "2027-10-31")), scores: [4, 4, 5, 4, 3], gate: Some(true), onboarding: "DDPD.",
        checkins: &[("2026-11-18", "Energy dashboard ready for beta.")], notes: "" },
    Spec { name: "Runebrook Software", kind: "technology", sector: "technology", stage: "evaluating", tier: "standard", region: "North America", owner: SOFIA, contact: "Caleb Rhys", cadence: "",
        contributes: "A maintenance-planning app that could read our data.",
        gains: "Access to sensor data from hundreds of plants.",
        agreement: None, scores: [4, 3, 4, 4, 4], gate: Some(false), onboarding: "",
        checkins: &[], notes: "Failed the security review: stores customer data unencrypted." },
    Spec { name: "Pylon Data Studio", kind: "integrator", sector: "technology", stage: "active", tier: "standard", region: "Europe", owner: SOFIA, contact: "Ines Carvalho", cadence: "",
        contributes: "Connects Veltrane data to customers' ERP and maintenance systems.",
        gains: "",
        agreement: Some(("2026-01-10", "2027-01-09")), scores: [3, 4, 4, 3, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[], notes: "" },
    Spec { name: "Ostrander Industrial Supply", kind: "distributor", sector: "manufacturing", stage: "active", tier: "strategic", region: "Europe", owner: MARA, contact: "Henrik Aalto", cadence: "30",
        contributes: "Sells Veltrane kits through its catalogue and 40 branches.",
        gains: "A higher-margin digital product line.",
        agreement: Some(("2024-02-01", "2027-01-31")), scores: [4, 3, 4, 3, 5], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-06-30", "Half-year sales review."), ("2026-09-30", "Branch training plan for 2027.")], notes: "" },
    Spec { name: "Meridel Trade Partners", kind: "value-added reseller", sector: "manufacturing", stage: "active", tier: "preferred", region: "Europe", owner: MARA, contact: "Sabine Krol", cadence: "60",
        contributes: "Resells Veltrane with its own installation and analytics services.",
        gains: "Services revenue on top of each kit it sells.",
        agreement: Some(("2025-04-01", "2027-03-31")), scores: [4, 3, 3, 2, 4], gate: Some(true), onboarding: "DBDD.",
        checkins: &[("2026-10-12", "Conflict with direct sales over two accounts discussed.")],
        notes: "Training blocked until the new course material is ready." },
    Spec { name: "Sandpiper Controls", kind: "reseller", sector: "manufacturing", stage: "onboarding", tier: "standard", region: "North America", owner: MARA, contact: "Owen Pike", cadence: "30",
        contributes: "Resells to mid-sized plants in the US Midwest.",
        gains: "A monitoring product to add to its controls range.",
        agreement: Some(("2026-10-15", "2027-10-14")), scores: [3, 4, 4, 3, 3], gate: Some(true), onboarding: "DDD..",
        checkins: &[("2026-11-02", "First two quotes sent.")], notes: "" },
    Spec { name: "Kaito Field Agents", kind: "agent", sector: "manufacturing", stage: "prospect", tier: "occasional", region: "Asia-Pacific", owner: MARA, contact: "Ren Kaito", cadence: "",
        contributes: "Introductions to plant operators in Japan and Korea.",
        gains: "Commission on each signed customer.",
        agreement: None, scores: [0; 5], gate: None, onboarding: "", checkins: &[], notes: "" },
    Spec { name: "Alcova Distribution", kind: "distributor", sector: "manufacturing", stage: "prospect", tier: "standard", region: "Latin America", owner: MARA, contact: "Lucia Ferrer", cadence: "",
        contributes: "Could distribute in Mexico and Brazil.",
        gains: "A new product category.",
        agreement: None, scores: [3, 0, 0, 0, 0], gate: None, onboarding: "", checkins: &[], notes: "" },
    Spec { name: "Granary Works Alliance", kind: "strategic alliance", sector: "food and agriculture", stage: "active", tier: "strategic", region: "Europe", owner: MARA, contact: "Astrid Holm", cadence: "30",
        contributes: "Twelve food plants as launch customers and co-designers of new sensors.",
        gains: "Lower downtime and first use of every new feature.",
        agreement: Some(("2025-01-01", "2027-12-31")), scores: [5, 5, 5, 5, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-03-20", "Joint steering group."), ("2026-07-22", "Pilot results: 14% less downtime."), ("2026-11-20", "Roll-out to four more plants agreed.")], notes: "" },
    Spec { name: "Thornfield Energy Alliance", kind: "strategic alliance", sector: "energy", stage: "evaluating", tier: "strategic", region: "Europe", owner: MARA, contact: "Ewan Blackwood", cadence: "",
        contributes: "Could bring Veltrane to wind and hydro operators.",
        gains: "Condition monitoring without building it itself.",
        agreement: None, scores: [4, 3, 4, 5, 5], gate: None, onboarding: "", checkins: &[], notes: "" },
    Spec { name: "Orrin Vel Analytics", kind: "joint venture", sector: "technology", stage: "active", tier: "strategic", region: "Europe", owner: RAVI, contact: "Yusuf Demir", cadence: "14",
        contributes: "Our joint venture for failure-prediction models trained on pooled sensor data.",
        gains: "Half of the venture's earnings and the models for its own customers.",
        agreement: Some(("2025-09-01", "2030-08-31")), scores: [4, 4, 5, 5, 5], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-10-29", "Model for pump bearings beats the baseline."), ("2026-11-12", "Board meeting: budget 2027.")], notes: "" },
    Spec { name: "Cinder & Vale Robotics", kind: "competitor-collaborator", sector: "manufacturing", stage: "evaluating", tier: "standard", region: "Europe", owner: TOBIAS, contact: "Maja Kowal", cadence: "",
        contributes: "Robot-cell monitoring that overlaps ours; a shared data format would help both.",
        gains: "A common standard that grows the market for both of us.",
        agreement: None, scores: [4, 2, 3, 3, 3], gate: Some(true), onboarding: "", checkins: &[],
        notes: "Clean-team rules needed before any roadmap talk." },
    Spec { name: "Holloway Sensing", kind: "competitor-collaborator", sector: "manufacturing", stage: "declined", tier: "occasional", region: "North America", owner: TOBIAS, contact: "Grant Ellery", cadence: "",
        contributes: "Proposed a joint sensor platform.",
        gains: "Our customer base.",
        agreement: None, scores: [3, 2, 2, 1, 2], gate: None, onboarding: "", checkins: &[],
        notes: "Declined: they wanted exclusive rights to our customer list." },
    Spec { name: "Auditrix Security", kind: "service provider", sector: "professional services", stage: "prospect", tier: "standard", region: "Europe", owner: RAVI, contact: "Clara Neumann", cadence: "",
        contributes: "Penetration tests and security reviews of gateways and cloud.",
        gains: "A long-term testing contract.",
        agreement: None, scores: [0; 5], gate: None, onboarding: "", checkins: &[],
        notes: "First call planned; not scored yet." },
    Spec { name: "Lumen Academy for Industry", kind: "service provider", sector: "education", stage: "exited", tier: "standard", region: "Europe", owner: AIYANA, contact: "Tomas Riedel", cadence: "",
        contributes: "Ran our installer and customer training until June 2026.",
        gains: "Course fees.",
        agreement: Some(("2024-01-01", "2026-06-30")), scores: [3, 3, 2, 3, 3], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-05-28", "Exit agreed; course material handed over.")], notes: "No training partner since." },
    Spec { name: "Wrenfield Telecom", kind: "technology", sector: "telecommunications", stage: "active", tier: "preferred", region: "Europe", owner: RAVI, contact: "Aoife Brennan", cadence: "90",
        contributes: "Cellular connectivity and SIM management for gateways.",
        gains: "",
        agreement: Some(("2025-03-01", "2028-02-29")), scores: [4, 3, 3, 3, 4], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-07-01", "Roaming costs reviewed.")], notes: "" },
    Spec { name: "Calder Risk Brokers", kind: "service provider", sector: "financial services", stage: "prospect", tier: "occasional", region: "Europe", owner: SOFIA, contact: "Fiona Calder", cadence: "",
        contributes: "Could insure customers against downtime, priced on our sensor data.",
        gains: "Better-priced policies.",
        agreement: None, scores: [0; 5], gate: None, onboarding: "", checkins: &[], notes: "" },
    Spec { name: "Marrow & Finch Consulting", kind: "service provider", sector: "professional services", stage: "paused", tier: "occasional", region: "Europe", owner: SOFIA, contact: "Oliver Finch", cadence: "90",
        contributes: "Business cases for plant digitalisation projects.",
        gains: "Projects that end in an installation.",
        agreement: Some(("2025-05-01", "2026-10-31")), scores: [3, 4, 3, 3, 2], gate: Some(true), onboarding: "DDSDD",
        checkins: &[("2026-03-05", "Paused until the consulting budget for 2027 is set.")], notes: "" },
    Spec { name: "Northgate Retrofit", kind: "integrator", sector: "manufacturing", stage: "declined", tier: "standard", region: "North America", owner: AIYANA, contact: "Brett Hollis", cadence: "",
        contributes: "Offered retrofits of older machines.",
        gains: "Subcontracted installations.",
        agreement: None, scores: [2, 2, 3, 2, 2], gate: Some(true), onboarding: "", checkins: &[],
        notes: "Declined: fit too low and no certified installers." },
    Spec { name: "Sablewood Logistics", kind: "supplier", sector: "logistics", stage: "exited", tier: "standard", region: "Europe", owner: TOBIAS, contact: "Nadia Sorensen", cadence: "",
        contributes: "Shipped spare parts to customer sites.",
        gains: "Freight volume.",
        agreement: Some(("2023-06-01", "2026-03-31")), scores: [3, 3, 3, 2, 2], gate: Some(true), onboarding: "DDDDD",
        checkins: &[("2026-02-10", "Exit at contract end confirmed.")], notes: "Replaced by Ostrander's own delivery." },
];

/// The day scores were given: active partners early in the year, the rest later.
fn scored_on(stage: &str) -> &'static str {
    match stage {
        "active" | "paused" | "exited" => "2026-02-16",
        "onboarding" => "2026-09-08",
        _ => "2026-10-19",
    }
}

fn slug(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Adds every partner with its scores, checklist and check-ins; returns their ids by name.
pub fn add(wb: &mut Workbook) -> Result<Ids> {
    let mut ids = Ids::new();
    let criteria = wb.criteria()?;
    let weighted: Vec<i64> = criteria
        .iter()
        .filter(|c| !c.criterion.is_gate)
        .map(|c| c.criterion.id)
        .collect();
    let gate = criteria
        .iter()
        .find(|c| c.criterion.is_gate)
        .map(|c| c.criterion.id)
        .context("the demo expects the security-review gate")?;
    let items: Vec<i64> = wb.onboarding_items()?.iter().map(|i| i.id).collect();
    for spec in PARTNERS {
        let slug = slug(spec.name);
        let first_name = spec.contact.split(' ').next().unwrap_or("").to_lowercase();
        let (start, end) = spec.agreement.unwrap_or(("", ""));
        let id = wb.add_partner(&PartnerDraft {
            name: spec.name.into(),
            partner_type: spec.kind.into(),
            sector: spec.sector.into(),
            website: format!("https://{slug}.example"),
            stage: spec.stage.into(),
            tier: spec.tier.into(),
            region: spec.region.into(),
            owner: spec.owner.into(),
            checkin_cadence_days: spec.cadence.into(),
            contact_name: spec.contact.into(),
            contact_email: format!("{first_name}@{slug}.example"),
            agreement_start: start.into(),
            agreement_end: end.into(),
            contributes: spec.contributes.into(),
            gains: spec.gains.into(),
            notes: spec.notes.into(),
        })?;
        ids.insert(spec.name, id);
        let on = scored_on(spec.stage);
        for (criterion, score) in weighted.iter().zip(spec.scores) {
            if score > 0 {
                wb.set_score(id, *criterion, Assessment::Score(score), "", Some(on))?;
            }
        }
        if let Some(passed) = spec.gate {
            let evidence = if passed {
                "Questionnaire and architecture review passed."
            } else {
                "Customer data stored unencrypted at rest; fix promised for Q2 2027."
            };
            wb.set_score(id, gate, Assessment::Gate(passed), evidence, Some(on))?;
        }
        let start_day = day(start).or_else(|_| day("2026-01-05"))?;
        for (n, (item, mark)) in items.iter().zip(spec.onboarding.chars()).enumerate() {
            let status = match mark {
                'D' => ItemStatus::Done,
                'S' => ItemStatus::Skipped,
                'B' => ItemStatus::Blocked,
                'P' => ItemStatus::Pending,
                _ => continue,
            };
            // Older partners finished onboarding before the plan began; date them at its start.
            let on = start_day.max(day("2025-10-06")?) + jiff::Span::new().days(7 * n as i64);
            let note = if status == ItemStatus::Skipped {
                "Not needed for this partner."
            } else {
                ""
            };
            wb.set_checklist_item(id, *item, status, on, note)?;
        }
        // A partner through every item of the checklist went through its type's own items too.
        let complete = spec.onboarding.len() == 5 && spec.onboarding.chars().all(|c| c == 'D');
        if complete {
            let on = start_day.max(day("2025-10-06")?) + jiff::Span::new().days(35);
            for line in wb.checklist(id)? {
                if line.date.is_none() {
                    wb.set_checklist_item(id, line.item_id, ItemStatus::Done, on, "")?;
                }
            }
        }
        for (held, summary) in spec.checkins {
            wb.add_checkin(id, day(held)?, summary)?;
        }
    }
    Ok(ids)
}
