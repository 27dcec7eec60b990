//! The demo's fifteen risks, in all four bands, with owners and mitigations (one high risk raised
//! last week has none yet), residual ratings where a treatment works, and a score history: each
//! risk is added as first assessed and re-rated on the dates it was reviewed.

use anyhow::{Context as _, Result};
use partnerplan::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskStatus, Treatment, category,
};
use partnerplan::workbook::Workbook;

use super::partners::Ids;
use super::roles::Roles;

/// Likelihood and impact, 1–5 each.
type Pair = (i64, i64);

/// One assessment: the day, the inherent pair and the residual pair if rated.
type Rated = (&'static str, Pair, Option<Pair>);

struct Spec {
    title: &'static str,
    cause: &'static str,
    event: &'static str,
    consequence: &'static str,
    category: &'static str,
    partner: Option<&'static str>,
    role: Option<&'static str>,
    treatment: Treatment,
    owner: &'static str,
    status: RiskStatus,
    next_review: &'static str,
    note: &'static str,
    mitigations: &'static [(MitigationKind, &'static str)],
    /// Oldest first; the last is where the risk stands.
    ratings: &'static [Rated],
}

use MitigationKind::{
    Audit, ContingencyPlan, Contract, DualSourcing, Insurance, Monitoring, Other, Sla,
};
use RiskStatus::{Accepted, Closed, Mitigating, Open};
use Treatment::{Accept, Avoid, Reduce, Transfer};

#[rustfmt::skip]
const RISKS: &[Spec] = &[
    Spec { title: "Platform hosted by a single cloud provider", cause: "All regions run on Nimbus Forge Cloud.", event: "A provider-wide outage or a price rise.", consequence: "Every customer loses monitoring at once; margins shrink.",
        category: category::DEPENDENCY, partner: Some("Nimbus Forge Cloud"), role: Some("Cloud infrastructure"), treatment: Reduce, owner: "Ravi Menon", status: Mitigating, next_review: "2027-01-15", note: "",
        mitigations: &[(DualSourcing, "Stratocume Hosting runs the EU region as a warm standby."), (ContingencyPlan, "Failover runbook tested twice a year.")],
        ratings: &[("2025-10-14", (4, 5), None), ("2026-03-02", (4, 5), Some((3, 4))), ("2026-09-07", (4, 5), Some((2, 4)))] },
    Spec { title: "All firmware depends on one partner", cause: "Kiln Embedded Labs writes every line of gateway and sensor firmware.", event: "Kiln loses key engineers or ends the contract.", consequence: "No security fixes or new features for months.",
        category: category::DEPENDENCY, partner: Some("Kiln Embedded Labs"), role: Some("Embedded software components"), treatment: Reduce, owner: "Tobias Brenner", status: Open, next_review: "2026-11-15", note: "",
        mitigations: &[(Contract, "Source code held in escrow, released if Kiln stops supporting it.")],
        ratings: &[("2025-10-14", (3, 4), None), ("2026-10-06", (4, 4), None)] },
    Spec { title: "Gateway vulnerability exploited at a customer plant", cause: "Gateways sit on plant networks and are patched by hand.", event: "An attacker uses a known flaw before it is patched.", consequence: "A customer's plant network is breached through our device.",
        category: category::CYBERSECURITY, partner: None, role: Some("Embedded software components"), treatment: Reduce, owner: "Ravi Menon", status: Mitigating, next_review: "2027-02-01", note: "",
        mitigations: &[(Audit, "Yearly penetration test of gateway and cloud."), (Monitoring, "Automatic patch status report per site.")],
        ratings: &[("2025-10-14", (3, 5), None), ("2026-05-18", (3, 5), Some((2, 5)))] },
    Spec { title: "No partner signed for security assessment", cause: "The role has only an unscored candidate.", event: "A customer audit asks for an independent security review.", consequence: "Deals stall in procurement; the Guide's selection step stays open.",
        category: category::CYBERSECURITY, partner: Some("Auditrix Security"), role: Some("Security assessment"), treatment: Reduce, owner: "Ravi Menon", status: Open, next_review: "2026-12-10", note: "Raised last week; mitigations to be agreed.",
        mitigations: &[],
        ratings: &[("2026-11-17", (4, 4), None)] },
    Spec { title: "Plant data shared beyond what customers agreed", cause: "Sensor readings flow to the joint venture and app developers.", event: "A partner uses readings outside the agreed purpose.", consequence: "Customers withdraw consent; possible privacy complaints.",
        category: category::DATA_PRIVACY, partner: Some("Orrin Vel Analytics"), role: None, treatment: Reduce, owner: "Sofia Duarte", status: Mitigating, next_review: "2027-03-31", note: "",
        mitigations: &[(Contract, "Data-sharing terms in every partner agreement."), (Audit, "Quarterly access review.")],
        ratings: &[("2025-12-01", (3, 4), None), ("2026-04-20", (3, 4), Some((2, 3)))] },
    Spec { title: "Radio chip shortage stops sensor production", cause: "Sensor boards use one radio chip with long lead times.", event: "Ferrule Devices cannot get chips for a quarter.", consequence: "No new installations; partners' projects slip.",
        category: category::OPERATIONAL, partner: Some("Ferrule Devices"), role: Some("Hardware and devices"), treatment: Reduce, owner: "Tobias Brenner", status: Mitigating, next_review: "2026-12-01", note: "",
        mitigations: &[(DualSourcing, "Larchmont Circuitworks evaluated as a second board maker."), (ContingencyPlan, "Eight weeks of safety stock.")],
        ratings: &[("2025-10-14", (3, 5), None), ("2026-07-08", (5, 5), None), ("2026-11-04", (5, 5), Some((4, 5)))] },
    Spec { title: "Resellers and direct sales chase the same accounts", cause: "Territories overlap and both sides are paid on the sale.", event: "Two offers reach one customer.", consequence: "Lost trust with resellers and lower prices.",
        category: category::STRATEGIC_MISALIGNMENT, partner: Some("Meridel Trade Partners"), role: Some("Resellers and marketplaces"), treatment: Reduce, owner: "Mara Lindqvist", status: Mitigating, next_review: "2027-01-31", note: "",
        mitigations: &[(Contract, "Deal registration through the partner portal decides who owns an account.")],
        ratings: &[("2025-11-10", (3, 3), None), ("2026-06-15", (3, 3), Some((2, 3)))] },
    Spec { title: "Joint venture goals drift from ours", cause: "The venture also sells its models to other sensor makers.", event: "Its roadmap favours another maker's devices.", consequence: "Our customers get predictions later than competitors'.",
        category: category::STRATEGIC_MISALIGNMENT, partner: Some("Orrin Vel Analytics"), role: None, treatment: Reduce, owner: "Mara Lindqvist", status: Open, next_review: "2027-03-01", note: "",
        mitigations: &[(Contract, "Board seats and a first-release right for Veltrane devices.")],
        ratings: &[("2025-12-01", (2, 4), None)] },
    Spec { title: "Currency swings squeeze distributor margins", cause: "Kits are priced in euros, sold in local currencies.", event: "The euro rises sharply.", consequence: "Distributors outside the euro area push fewer kits.",
        category: category::FINANCIAL, partner: Some("Alcova Distribution"), role: None, treatment: Accept, owner: "Sofia Duarte", status: Accepted, next_review: "2027-06-30", note: "Small volumes so far; reviewed once Alcova signs.",
        mitigations: &[(Monitoring, "Price list reviewed each quarter.")],
        ratings: &[("2026-02-02", (3, 2), None)] },
    Spec { title: "Competitor-collaborator learns our roadmap", cause: "Data-format talks with Cinder & Vale Robotics touch future products.", event: "Roadmap details reach their product team.", consequence: "They launch a competing feature first.",
        category: category::LEGAL, partner: Some("Cinder & Vale Robotics"), role: None, treatment: Avoid, owner: "Tobias Brenner", status: Mitigating, next_review: "2027-01-20", note: "",
        mitigations: &[(Contract, "Mutual NDA and a clean team for standards work only.")],
        ratings: &[("2026-09-21", (2, 4), None), ("2026-10-26", (2, 4), Some((1, 4)))] },
    Spec { title: "Poor installations damage our name", cause: "Integrators install most systems on their own.", event: "A badly installed system fails at a well-known customer.", consequence: "Bad references in a small market.",
        category: category::REPUTATIONAL, partner: Some("Brightrail Integration"), role: Some("Implementation services"), treatment: Reduce, owner: "Aiyana Cole", status: Mitigating, next_review: "2027-02-15", note: "",
        mitigations: &[(Audit, "One random site audit per integrator each quarter."), (Sla, "Commissioning checklist signed by the customer.")],
        ratings: &[("2025-11-10", (2, 3), None), ("2026-04-23", (2, 3), Some((1, 3)))] },
    Spec { title: "New machinery rules require recertifying devices", cause: "Cyber-security rules for connected machinery are being tightened.", event: "Our gateways must be recertified before the deadline.", consequence: "Sales stop in the affected markets until certified.",
        category: category::REGULATORY, partner: None, role: Some("Security assessment"), treatment: Reduce, owner: "Ravi Menon", status: Open, next_review: "2026-11-30", note: "",
        mitigations: &[(Monitoring, "Regulatory watch with the industry association.")],
        ratings: &[("2026-01-12", (3, 5), None), ("2026-08-31", (4, 5), None)] },
    Spec { title: "Plant operators slow to adopt prediction", cause: "Maintenance teams trust their schedules more than alerts.", event: "Alerts are ignored at pilot plants.", consequence: "No proof of value; renewals at risk.",
        category: category::ADOPTION, partner: Some("Granary Works Alliance"), role: None, treatment: Reduce, owner: "Aiyana Cole", status: Mitigating, next_review: "2027-01-10", note: "",
        mitigations: &[(Other, "Joint training of maintenance teams with Granary.")],
        ratings: &[("2025-10-20", (3, 3), None), ("2026-07-23", (3, 3), Some((2, 3)))] },
    Spec { title: "Check-ins with strategic partners slip", cause: "Partner managers carry many accounts.", event: "Months pass without a review.", consequence: "Problems surface late.",
        category: category::RELATIONSHIP, partner: None, role: None, treatment: Reduce, owner: "Mara Lindqvist", status: Mitigating, next_review: "2026-12-15", note: "",
        mitigations: &[(Monitoring, "Overdue check-ins reviewed every Monday.")],
        ratings: &[("2026-03-09", (2, 2), None)] },
    Spec { title: "Spare parts delayed after the freight partner left", cause: "Sablewood Logistics exited in March.", event: "Spare parts wait for a new carrier.", consequence: "Longer repairs at customer sites.",
        category: category::OPERATIONAL, partner: Some("Sablewood Logistics"), role: None, treatment: Transfer, owner: "Tobias Brenner", status: Closed, next_review: "", note: "Closed: Ostrander delivers spare parts from its branches.",
        mitigations: &[(Insurance, "Downtime cover for the transition period.")],
        ratings: &[("2026-01-19", (3, 3), None), ("2026-04-06", (3, 3), Some((1, 2)))] },
];

fn pair(scores: Option<Pair>) -> Result<(Option<Likelihood>, Option<Impact>)> {
    let Some((l, i)) = scores else {
        return Ok((None, None));
    };
    Ok((
        Some(Likelihood::from_value(l).context("likelihood runs 1–5")?),
        Some(Impact::from_value(i).context("impact runs 1–5")?),
    ))
}

/// Adds the risks; returns the day of every score-history point, in the order recorded.
pub fn add(wb: &mut Workbook, partners: &Ids, roles: &Roles) -> Result<Vec<String>> {
    let bands = Bands::default();
    let mut history = Vec::new();
    for spec in RISKS {
        let mut draft = RiskDraft {
            title: spec.title.into(),
            cause: spec.cause.into(),
            event: spec.event.into(),
            consequence: spec.consequence.into(),
            category: spec.category.into(),
            partner_id: spec.partner.and_then(|p| partners.get(p).copied()),
            role_id: spec.role.and_then(|r| roles.get(r).copied()),
            treatment: Some(spec.treatment),
            owner: spec.owner.into(),
            status: spec.status,
            next_review: spec.next_review.into(),
            note: spec.note.into(),
            mitigations: spec
                .mitigations
                .iter()
                .map(|(kind, note)| (*kind, (*note).to_string()))
                .collect(),
            ..Default::default()
        };
        let mut id = None;
        for (on, inherent, residual) in spec.ratings {
            (draft.inherent_likelihood, draft.inherent_impact) = pair(Some(*inherent))?;
            (draft.residual_likelihood, draft.residual_impact) = pair(*residual)?;
            match id {
                None => id = Some(wb.add_risk(&draft, &bands, false, None)?.0),
                Some(id) => wb.update_risk(id, &draft, &bands, false)?,
            }
            history.push((*on).to_string());
        }
    }
    Ok(history)
}
