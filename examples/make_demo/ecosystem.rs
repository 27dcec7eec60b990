//! The demo's partner↔partner links and its six joint solutions (three launched), so the map,
//! the network figures and the goal "Launch six joint solutions" have something real to show.

use anyhow::{Context as _, Result};
use partnerplan::plan::ecosystem::{LinkDraft, MemberDraft, OfferingDraft};
use partnerplan::workbook::Workbook;

use super::partners::Ids;
use super::strategy::Goals;

/// (from, to, kind, direction, status, strength, note)
type LinkSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
);

#[rustfmt::skip]
const LINKS: &[LinkSpec] = &[
    ("Nimbus Forge Cloud", "Orrin Vel Analytics", "supplies", "one way", "active", 3, "Hosts the venture's model training and scoring."),
    ("Granary Works Alliance", "Orrin Vel Analytics", "co-develops", "both", "active", 3, "Pooled maintenance data from the alliance's plants."),
    ("Pylon Data Studio", "Orrin Vel Analytics", "shares data with", "one way", "active", 2, "Cleaned sensor history under the data-sharing protocol."),
    ("Kiln Embedded Labs", "Ferrule Devices", "integrates with", "both", "active", 3, "Firmware runs on Ferrule's gateway boards."),
    ("Wrenfield Telecom", "Kiln Embedded Labs", "integrates with", "both", "active", 2, "Cellular modules certified with Kiln's firmware."),
    ("Tessellate Apps", "Nimbus Forge Cloud", "integrates with", "both", "active", 2, ""),
    ("Stratocume Hosting", "Pylon Data Studio", "supplies", "one way", "active", 2, "Backup hosting for the analytics pipelines."),
    ("Brightrail Integration", "Meridel Trade Partners", "co-sells with", "both", "active", 2, "Meridel resells; Brightrail installs."),
    ("Copperleaf Systems Integration", "Ostrander Industrial Supply", "co-sells with", "both", "active", 2, ""),
    ("Ostrander Industrial Supply", "Sandpiper Controls", "supplies", "one way", "active", 1, "Stock for Sandpiper's first projects."),
    ("Tessellate Apps", "Meridel Trade Partners", "co-sells with", "both", "active", 1, ""),
    ("Wrenfield Telecom", "Edgewise Relay", "integrates with", "both", "planned", 2, "Edge nodes inside the private network."),
    ("Brightrail Integration", "Halvard Automation Partners", "refers", "one way", "planned", 1, ""),
    ("Thornfield Energy Alliance", "Granary Works Alliance", "co-develops", "both", "planned", 2, "Demand response for energy-heavy plants."),
    ("Cinder & Vale Robotics", "Brightrail Integration", "competes with", "both", "active", 1, "Both sell line-integration projects."),
    ("Quaystone Components", "Ferrule Devices", "supplies", "one way", "ended", 2, "Ended when Quaystone paused."),
];

/// (name, problem, segment, status, owner)
type OfferingSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);
/// (member — None is the hub, contribution, kind, critical)
type MemberSpec = (Option<&'static str>, &'static str, &'static str, bool);

#[rustfmt::skip]
const OFFERINGS: &[(OfferingSpec, &[MemberSpec])] = &[
    (("Predictive Maintenance Suite", "Machines fail without warning and stop whole lines.", "discrete manufacturing", "launched", "Ravi Menon"), &[
        (None, "Vibration and temperature sensors", "hardware", true),
        (Some("Orrin Vel Analytics"), "Failure-prediction models", "data", true),
        (Some("Nimbus Forge Cloud"), "Hosting and scoring", "cloud", true),
        (Some("Brightrail Integration"), "Installation on the line", "services", false),
    ]),
    (("Retrofit Sensor Kit", "Older machines have no sensors at all.", "mid-size plants", "launched", "Mara Lindqvist"), &[
        (None, "Kit design and brand", "hardware", false),
        (Some("Ferrule Devices"), "Gateway boards", "hardware", true),
        (Some("Kiln Embedded Labs"), "Gateway firmware", "software", true),
        (Some("Ostrander Industrial Supply"), "Stock and delivery", "channel", false),
    ]),
    (("Plant Energy Monitor", "Energy bills rise and nobody sees which machine uses what.", "energy-intensive plants", "launched", "Ravi Menon"), &[
        (None, "Metering sensors", "hardware", true),
        (Some("Granary Works Alliance"), "Reference plants and field tests", "services", false),
        (Some("Tessellate Apps"), "Dashboard app", "software", true),
        (Some("Stratocume Hosting"), "Hosting", "cloud", false),
    ]),
    (("Private 5G Plant Network", "Wi-Fi drops out between steel machines.", "large plants", "pilot", "Mara Lindqvist"), &[
        (None, "Sensors with 5G modules", "hardware", false),
        (Some("Wrenfield Telecom"), "Private network", "services", true),
        (Some("Edgewise Relay"), "Edge nodes", "cloud", true),
    ]),
    (("Quality Vision Add-on", "Defects are found at the end of the line, too late.", "discrete manufacturing", "idea", "Ravi Menon"), &[
        (None, "Sensor fusion", "software", false),
        (Some("Cinder & Vale Robotics"), "Camera cells", "hardware", true),
        (Some("Pylon Data Studio"), "Defect models", "data", false),
    ]),
    (("Grid-Flex Demand Response", "Plants pay peak prices they could avoid.", "energy-intensive plants", "idea", "Mara Lindqvist"), &[
        (None, "Load data", "data", false),
        (Some("Thornfield Energy Alliance"), "Grid contracts", "channel", true),
        (Some("Granary Works Alliance"), "Pilot plants", "services", false),
    ]),
];

/// The goal every joint solution serves (see `strategy::GOALS`) and its KPI (see `metrics`).
const GOAL: usize = 1;
const KPI: &str = "Joint solutions launched";

pub fn add(wb: &mut Workbook, partners: &Ids, goals: &Goals) -> Result<()> {
    let partner = |name: &str| {
        partners
            .get(name)
            .copied()
            .with_context(|| format!("{name} is a demo partner"))
    };
    for (from, to, kind, direction, status, strength, note) in LINKS {
        wb.add_link(&LinkDraft {
            from: partner(from)?,
            to: partner(to)?,
            kind: (*kind).into(),
            direction: (*direction).into(),
            status: (*status).into(),
            strength: *strength,
            note: (*note).into(),
            role: None,
        })?;
    }
    let kpi: i64 = wb
        .connection()
        .query_row("SELECT id FROM kpis WHERE name = ?1", [KPI], |r| r.get(0))
        .with_context(|| format!("the KPI {KPI} is in the demo"))?;
    for ((name, problem, segment, status, owner), members) in OFFERINGS {
        let offering = wb.add_offering(&OfferingDraft {
            name: (*name).into(),
            problem: (*problem).into(),
            segment: (*segment).into(),
            status: (*status).into(),
            owner: (*owner).into(),
            goals: goals.get(GOAL).copied().into_iter().collect(),
            kpis: vec![kpi],
        })?;
        for (member, contribution, kind, critical) in *members {
            wb.add_member(
                offering,
                &MemberDraft {
                    partner: member.map(partner).transpose()?,
                    contribution: (*contribution).into(),
                    kind: (*kind).into(),
                    critical: *critical,
                },
            )?;
        }
    }
    Ok(())
}
