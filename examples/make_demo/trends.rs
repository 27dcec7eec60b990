//! The demo's trend radar: the new workbook's examples give way to three trends of Veltrane's
//! own, one ready for step 12 (an action and a review date), one still without an action.

use anyhow::{Context as _, Result, anyhow};
use partnerplan::plan::trend::{
    ActionDraft, ActionStatus, Touch, TouchKind, TrendCategory, TrendDraft, TrendHorizon,
};
use partnerplan::workbook::Workbook;
use partnerplan::workbook::dump::{Cell, TableRecords};

/// (name, category, horizon, impact, how the ecosystem evolves, review date, touches, actions:
/// (title, owner, due, status)).
type TrendSpec = (
    &'static str,
    TrendCategory,
    TrendHorizon,
    i64,
    &'static str,
    Option<&'static str>,
    &'static [(TouchKind, &'static str)],
    &'static [(
        &'static str,
        &'static str,
        Option<&'static str>,
        ActionStatus,
    )],
);

const TRENDS: &[TrendSpec] = &[
    (
        "AI models that run on the sensor itself",
        TrendCategory::Technology,
        TrendHorizon::Near,
        4,
        "Failure prediction moves from the cloud to the device; the analytics partners' models must fit in firmware and the cloud partner hosts less.",
        Some("2027-04-30"),
        &[
            (TouchKind::Partner, "Orrin Vel Analytics"),
            (TouchKind::Partner, "Kiln Embedded Labs"),
            (TouchKind::Offering, "Predictive Maintenance Suite"),
        ],
        &[
            (
                "Prototype one failure model on the edge gateway with Kiln and Orrin Vel",
                "Ravi Menon",
                Some("2027-03-31"),
                ActionStatus::InProgress,
            ),
            (
                "Ask Nimbus Forge how its pricing changes when scoring moves to the edge",
                "Sofia Duarte",
                Some("2027-01-15"),
                ActionStatus::Planned,
            ),
        ],
    ),
    (
        "Cyber-security rules for connected products",
        TrendCategory::Regulation,
        TrendHorizon::Now,
        5,
        "Buyers in the EU will ask every device and software partner for security updates and a vulnerability process; partners without them drop out of tenders.",
        Some("2027-01-31"),
        &[
            (TouchKind::Role, "Security assessment"),
            (TouchKind::Partner, "Auditrix Security"),
        ],
        &[(
            "Add a security-update clause to every device partner's agreement",
            "Tobias Brenner",
            Some("2027-02-28"),
            ActionStatus::Planned,
        )],
    ),
    (
        "Plants buy uptime, not sensors",
        TrendCategory::Market,
        TrendHorizon::Far,
        3,
        "Outcome-based contracts shift risk to whoever promises uptime; integrators and the cloud partner share in the fee.",
        None,
        &[(TouchKind::Role, "Integration builders")],
        &[],
    ),
];

/// Removes the examples a new workbook starts with and adds the demo's trends.
pub fn add(wb: &mut Workbook) -> Result<()> {
    for example in wb.trends()?.into_iter().filter(|t| t.example) {
        wb.delete_trend(example.id)?;
    }
    let roles = wb.roles()?;
    let offerings = wb.offerings()?;
    for (name, category, horizon, impact, evolution, review, touches, actions) in TRENDS {
        let mut linked = Vec::new();
        for (kind, target) in *touches {
            let id = match kind {
                TouchKind::Partner => {
                    wb.partner_named(target)
                        .map_err(|why| anyhow!("the demo's trend {name}: {why}"))?
                        .0
                }
                TouchKind::Role => roles
                    .iter()
                    .find(|r| r.role.name == *target)
                    .map(|r| r.role.id)
                    .with_context(|| format!("the role {target} is in the demo"))?,
                TouchKind::Offering => offerings
                    .iter()
                    .find(|o| o.offering.name == *target)
                    .map(|o| o.id)
                    .with_context(|| format!("the offering {target} is in the demo"))?,
            };
            linked.push(Touch { kind: *kind, id });
        }
        let trend = wb.add_trend(
            &TrendDraft {
                name: (*name).into(),
                category: *category,
                horizon: *horizon,
                impact: *impact,
                evolution: (*evolution).into(),
                review_date: review.map(String::from),
            },
            &linked,
        )?;
        for (title, owner, due, status) in *actions {
            wb.add_trend_action(
                trend,
                &ActionDraft {
                    title: (*title).into(),
                    owner: (*owner).into(),
                    due_date: due.map(String::from),
                    status: *status,
                },
            )?;
        }
    }
    Ok(())
}

/// The demo starts as if it never held the examples: their deletions leave no tombstones in the
/// sample plan (nothing else of the demo is ever deleted).
pub fn forget_examples(tables: &mut [TableRecords]) {
    for table in tables.iter_mut().filter(|t| t.layout.table == "tombstones") {
        table.records.retain(|r| {
            !matches!(r.cells.first(), Some(Cell::Text(t)) if t == "trends" || t == "trend_actions")
        });
    }
}
