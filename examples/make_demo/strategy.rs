//! The demo's strategy, filled in to the middle of the method: mission, core elements (one
//! without its note), the model with its rationale, goals, resources, one governance rule and one
//! data-sharing protocol.

use std::collections::BTreeMap;

use anyhow::{Context as _, Result};
use partnerplan::plan::cadence::Cadence;
use partnerplan::plan::decision_aid::{Answer, Model};
use partnerplan::plan::forum::ForumDraft;
use partnerplan::plan::risk_suggestions::Sensitivity;
use partnerplan::plan::strategy::{
    AccessLevel, GoalDraft, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceTopic,
    ProtocolDraft, Recipient, ResourceDraft, ResourceKind, ResourceStatus, StrategyDraft,
};
use partnerplan::workbook::Workbook;

use super::partners::Ids;
use super::roles::Roles;

/// Goal ids, in the order of `GOALS`.
pub type Goals = Vec<i64>;

const GOALS: &[(&str, GoalHorizon, &str, &str, GoalStatus)] = &[
    (
        "Make partners a third of our sales by the end of 2026",
        GoalHorizon::Short,
        "Partner-sourced revenue grows from a tenth to a third of all sales.",
        "2026-12-31",
        GoalStatus::InProgress,
    ),
    (
        "Launch six joint solutions with partners by mid-2028",
        GoalHorizon::Long,
        "Products built with partners, on our data, that neither side could offer alone.",
        "2028-06-30",
        GoalStatus::InProgress,
    ),
    (
        "Onboard a new partner in six weeks, not three months",
        GoalHorizon::Short,
        "A standard path from signature to first installation.",
        "2026-12-31",
        GoalStatus::InProgress,
    ),
    (
        "Be the partner of choice for plant operators",
        GoalHorizon::Long,
        "Plant operators come to us first when they want to monitor their machines.",
        "2027-12-31",
        GoalStatus::Planned,
    ),
];

pub fn add(wb: &mut Workbook, partners: &Ids, roles: &Roles) -> Result<Goals> {
    let answers: BTreeMap<String, Answer> = [
        ("offering-defined", Answer::Yes),
        ("scale-distribution", Answer::Yes),
        ("transactional", Answer::No),
        ("innovation", Answer::Yes),
        ("complex-problem", Answer::Yes),
        ("new-markets", Answer::Unsure),
        ("partners-collaborate", Answer::Yes),
    ]
    .into_iter()
    .map(|(k, a)| (k.to_string(), a))
    .collect();
    wb.save_strategy(&StrategyDraft {
        mission_problem: "Unplanned machine downtime costs mid-sized plants days of output a \
                          year, and most cannot afford a monitoring project of their own."
            .into(),
        mission_value: "Sensors, connectivity, installation and analytics from one ecosystem, \
                        priced per machine, working within a week."
            .into(),
        vision: "Every machine in a mid-sized plant tells its operator before it fails.".into(),
        alignment_rating: Some(4),
        alignment_note: "Shared downtime targets with the strategic partners; resellers still \
                         measured on kits sold."
            .into(),
        adaptability_rating: Some(3),
        adaptability_note: String::new(),
        shared_value_rating: Some(3),
        shared_value_note: "Integrators and the joint venture gain clearly; suppliers mostly \
                            see volume."
            .into(),
        value_what: "A complete condition-monitoring service: hardware, network, cloud, \
                     installation and failure prediction."
            .into(),
        value_why: "No single company covers all of it, and plants will not assemble it \
                    themselves."
            .into(),
        decision_answers: answers,
        model: Some(Model::Hybrid),
        model_rationale: "Kits already sell well through distributors and resellers (a \
                          channel), while prediction models and new sensors need partners who \
                          work with each other (an ecosystem). We move towards the ecosystem."
            .into(),
    })?;
    let mut goals = Goals::new();
    for (title, horizon, description, date, status) in GOALS {
        goals.push(wb.add_goal(&GoalDraft {
            title: (*title).into(),
            horizon: *horizon,
            description: (*description).into(),
            target_date: Some((*date).into()),
            status: *status,
        })?);
    }
    let resources = [
        (
            ResourceKind::Technology,
            "Partner portal",
            "Deal registration, price lists and training material in one place.",
            Some(8_500_000),
            ResourceStatus::InPlace,
            "Sofia Duarte",
        ),
        (
            ResourceKind::Technology,
            "Device data-sharing API",
            "Lets app developers and the joint venture read sensor data with the customer's consent.",
            Some(6_000_000),
            ResourceStatus::Planned,
            "Ravi Menon",
        ),
        (
            ResourceKind::Organisation,
            "Partner management team",
            "Three partner managers and an operations analyst.",
            None,
            ResourceStatus::InPlace,
            "Mara Lindqvist",
        ),
        (
            ResourceKind::Budget,
            "Co-marketing fund",
            "Matched spending on joint campaigns with resellers.",
            Some(3_000_000),
            ResourceStatus::Planned,
            "Mara Lindqvist",
        ),
    ];
    for (kind, name, description, cost, status, owner) in resources {
        // The portal was bought: its cost is the plan's first investment, entered once.
        let invested_on = (name == "Partner portal").then(|| "2025-11-15".to_string());
        wb.add_resource(&ResourceDraft {
            kind: Some(kind),
            name: name.into(),
            description: description.into(),
            estimated_cost_minor: cost,
            status,
            owner: owner.into(),
            invested_on,
        })?;
    }
    wb.add_governance_rule(&GovernanceDraft {
        topic: GovernanceTopic::Decision,
        rule: "New strategic partners and changes of tier are decided by the partner council; \
               partner managers decide everything below."
            .into(),
        forum: "Partner council".into(),
        cadence: "monthly".into(),
    })?;
    add_forums(wb, partners, roles)?;
    let jv = partners
        .get("Orrin Vel Analytics")
        .context("the joint venture is a partner")?;
    let apps = roles
        .get("App developers")
        .context("the template has app developers")?;
    wb.add_protocol(&ProtocolDraft {
        data_item: "Machine-health readings".into(),
        purpose: "Train and improve failure-prediction models.".into(),
        recipients: vec![Recipient::Partner(*jv), Recipient::Role(*apps)],
        access_level: AccessLevel::ChosenFields,
        access_method: "Device data-sharing API, read only".into(),
        sensitivity: Sensitivity::Confidential,
        protection_measures: "Plant and customer names replaced by codes; encrypted in transit; \
                              access reviewed every quarter."
            .into(),
        review_date: Some("2027-03-31".into()),
    })?;
    Ok(goals)
}

/// Two forums: the monthly partner council of the strategic partners (which the decision rule
/// above names, so it is linked to it) and the quarterly business review of the channel.
/// (Records are added after the others so the demo's earlier UUIDs stay as they were.)
fn add_forums(wb: &mut Workbook, partners: &Ids, roles: &Roles) -> Result<()> {
    let partner = |name: &str| {
        partners
            .get(name)
            .map(|id| Recipient::Partner(*id))
            .with_context(|| format!("{name} is a demo partner"))
    };
    let role = |name: &str| {
        roles
            .get(name)
            .map(|id| Recipient::Role(*id))
            .with_context(|| format!("{name} is a demo role"))
    };
    wb.add_forum(&ForumDraft {
        name: "Partner council".into(),
        purpose: "Strategic partners and Veltrane agree on tiers, joint priorities and what \
                  goes to the board."
            .into(),
        cadence: Some(Cadence::months(1)),
        next_date: Some("2026-10-14".into()),
        members: vec![
            partner("Nimbus Forge Cloud")?,
            partner("Kiln Embedded Labs")?,
            partner("Orrin Vel Analytics")?,
            partner("Granary Works Alliance")?,
        ],
    })?;
    wb.add_forum(&ForumDraft {
        name: "Quarterly business review".into(),
        purpose: "Review the channel's results and agree next quarter's targets.".into(),
        cadence: Some(Cadence::months(3)),
        next_date: Some("2026-09-30".into()),
        members: vec![
            partner("Ostrander Industrial Supply")?,
            partner("Meridel Trade Partners")?,
            role("Resellers and marketplaces")?,
        ],
    })?;
    Ok(())
}
