//! The demo's roles: the technology template under the Veltrane hub, one role of our own, and
//! holders chosen to leave deliberate weak spots — a gap in security assessment and training, a
//! single point of failure in firmware, app developers under their minimum.

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use partnerplan::plan::roles::{AssignmentKind, Criticality, RoleDraft};
use partnerplan::workbook::Workbook;

use super::partners::Ids;

/// Role ids by name.
pub type Roles = HashMap<String, i64>;

pub const HUB: &str = "Veltrane Sensor Systems";
pub const CONNECTIVITY: &str = "Connectivity";

use AssignmentKind::{Backup, Candidate, Lead};

const HOLDERS: &[(&str, &str, AssignmentKind)] = &[
    ("Nimbus Forge Cloud", "Cloud infrastructure", Lead),
    ("Stratocume Hosting", "Cloud infrastructure", Backup),
    ("Edgewise Relay", "Content delivery and edge", Candidate),
    ("Wrenfield Telecom", CONNECTIVITY, Lead),
    ("Kiln Embedded Labs", "Embedded software components", Lead),
    ("Ferrule Devices", "Hardware and devices", Lead),
    ("Larchmont Circuitworks", "Hardware and devices", Candidate),
    ("Tessellate Apps", "App developers", Lead),
    ("Runebrook Software", "App developers", Candidate),
    ("Pylon Data Studio", "Integration builders", Lead),
    ("Brightrail Integration", "Implementation services", Lead),
    (
        "Copperleaf Systems Integration",
        "Implementation services",
        Backup,
    ),
    (
        "Halvard Automation Partners",
        "Implementation services",
        Candidate,
    ),
    (
        "Ostrander Industrial Supply",
        "Resellers and marketplaces",
        Lead,
    ),
    (
        "Meridel Trade Partners",
        "Resellers and marketplaces",
        Backup,
    ),
    (
        "Sandpiper Controls",
        "Resellers and marketplaces",
        Candidate,
    ),
    ("Auditrix Security", "Security assessment", Candidate),
];

pub fn add_roles(wb: &mut Workbook, partners: &Ids) -> Result<Roles> {
    wb.apply_sector_template("technology")?;
    let hub = wb
        .roles()?
        .into_iter()
        .find(|r| r.role.is_hub)
        .context("the template makes a hub")?;
    let mut draft = hub.draft();
    draft.name = HUB.into();
    draft.description =
        "Veltrane coordinates the ecosystem: sets the product roadmap, owns the platform and \
         brings partners together around customer plants."
            .into();
    wb.update_role(hub.role.id, &draft)?;
    wb.add_role(
        Some(hub.role.id),
        &RoleDraft {
            name: CONNECTIVITY.into(),
            description: "Cellular and low-power radio links from gateways to the cloud.".into(),
            criticality: Criticality::Medium,
            min_partners: 1,
            status_override: None,
            status_reason: String::new(),
        },
    )?;
    let roles: Roles = wb
        .roles()?
        .into_iter()
        .map(|r| (r.role.name.clone(), r.role.id))
        .collect();
    for (partner, role, kind) in HOLDERS {
        let partner = partners.get(partner).context("a holder is not a partner")?;
        let role = roles
            .get(*role)
            .with_context(|| format!("no role {role}"))?;
        wb.set_assignment(*partner, *role, Some(*kind))?;
    }
    Ok(roles)
}
