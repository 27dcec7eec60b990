//! The demo's joint plans: the Granary Works alliance (two joint goals, commitments each way,
//! milestones, one done) and one joint goal with the Orrin Vel joint venture, so the Partners
//! tab's Joint plan view, the Guide's step 4 and the report's "Joint plans" have something to
//! show. They are written to agree with the hub's goals: the conflict check finds nothing here.

use anyhow::{Context as _, Result};
use partnerplan::plan::joint::{CommitmentDraft, GoalKpi, JointGoalDraft, MilestoneDraft};
use partnerplan::plan::kpi::Direction;
use partnerplan::workbook::Workbook;

use super::partners::Ids;

fn date(text: &str) -> Option<String> {
    Some(text.to_string())
}

pub fn add(wb: &mut Workbook, partners: &Ids) -> Result<()> {
    let partner = |name: &str| {
        partners
            .get(name)
            .copied()
            .with_context(|| format!("{name} is a demo partner"))
    };
    let kpi = |name: &str| -> Result<i64> {
        wb.kpi_names()?
            .into_iter()
            .find(|(_, n)| n == name)
            .map(|(id, _)| id)
            .with_context(|| format!("{name} is a demo KPI"))
    };
    let offering = |name: &str| -> Result<i64> {
        wb.offerings()?
            .into_iter()
            .find(|o| o.offering.name == name)
            .map(|o| o.id)
            .with_context(|| format!("{name} is a demo offering"))
    };
    let (energy, monitor, grid, suite) = (
        kpi("Energy saved at customer plants")?,
        offering("Plant Energy Monitor")?,
        offering("Grid-Flex Demand Response")?,
        offering("Predictive Maintenance Suite")?,
    );
    let granary = partner("Granary Works Alliance")?;
    let metering = wb.add_joint_goal(
        granary,
        &JointGoalDraft {
            title: "Energy monitoring in 20 member plants".into(),
            commitment: "We supply metering kits at cost; the alliance opens its member plants \
                         and shares a year of their energy readings."
                .into(),
            due_on: date("2027-06-30"),
            status: "on track".into(),
            kpis: vec![GoalKpi {
                kpi: energy,
                wants: Some(Direction::Higher),
                target: Some(800.0),
            }],
            offerings: vec![monitor],
            ..JointGoalDraft::default()
        },
    )?;
    let pilot = wb.add_joint_goal(
        granary,
        &JointGoalDraft {
            title: "Demand-response pilot in two plants".into(),
            commitment: "Both fund half of the pilot; the alliance picks the plants.".into(),
            due_on: date("2027-12-31"),
            status: "planned".into(),
            offerings: vec![grid],
            ..JointGoalDraft::default()
        },
    )?;
    let commitments = [
        (
            metering,
            "ours",
            "Metering kits for 20 plants at cost",
            "2026-12-31",
            "open",
        ),
        (
            metering,
            "theirs",
            "Access to member plants and their energy bills",
            "2026-11-30",
            "kept",
        ),
        (
            pilot,
            "theirs",
            "Two plants that volunteer for the pilot",
            "2027-03-31",
            "open",
        ),
        (
            pilot,
            "ours",
            "Load forecasts for the pilot plants",
            "2027-06-30",
            "open",
        ),
    ];
    for (goal, side, what, due, status) in commitments {
        wb.save_commitment(
            granary,
            None,
            &CommitmentDraft {
                goal: Some(goal),
                side: side.into(),
                what: what.into(),
                due_on: date(due),
                status: status.into(),
            },
        )?;
    }
    let milestones = [
        (
            metering,
            "First five plants metered",
            "2026-09-30",
            "done",
            Some("2026-10-12"),
        ),
        (
            metering,
            "Ten plants metered",
            "2027-01-31",
            "in progress",
            None,
        ),
        (
            pilot,
            "Pilot contract with the grid operator",
            "2027-05-31",
            "planned",
            None,
        ),
    ];
    for (goal, title, due, status, done) in milestones {
        wb.save_milestone(
            granary,
            None,
            &MilestoneDraft {
                goal: Some(goal),
                title: title.into(),
                due_on: date(due),
                status: status.into(),
                done_on: done.map(str::to_string),
            },
        )?;
    }
    wb.add_joint_goal(
        partner("Orrin Vel Analytics")?,
        &JointGoalDraft {
            title: "Failure models for every suite customer".into(),
            commitment: "The venture trains and scores the models; we bring the pooled sensor \
                         data and the customers."
                .into(),
            due_on: date("2027-03-31"),
            status: "on track".into(),
            offerings: vec![suite],
            ..JointGoalDraft::default()
        },
    )?;
    Ok(())
}
