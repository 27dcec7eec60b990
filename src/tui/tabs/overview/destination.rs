//! Where a number of the Overview leads: the list behind it, on the tab that keeps that list.

use crate::tui::tabs::TabId;
use crate::workbook::Facets;

/// The list behind one of the Overview's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The roster, narrowed to these facets (a stage, a type, a fit bucket; none: every partner).
    Partners(Box<Facets>),
    /// The roster with its "check-in due within 7 days" quick filter (overdue ones included).
    CheckinsDue,
    /// The Roles tab with this role selected; `None`: the tab as it was left.
    Roles(Option<i64>),
    /// The risk register filtered to this heat-map cell: (residual?, likelihood, impact);
    /// `None`: the register as it was left.
    Risks(Option<(bool, i64, i64)>),
    /// The Metrics tab (the KPIs).
    Metrics,
    /// The Roles tab's Ecosystem view: the network map, links and offerings.
    Ecosystem,
    /// The Guide (the method's steps).
    Guide,
    /// The Overview's own list of concentration figures.
    Concentration,
    /// The what-if screen on a new scenario in which this partner (id, name) exits.
    ExitOf(i64, String),
}

impl Destination {
    /// The tab that keeps the list.
    pub fn tab(&self) -> TabId {
        match self {
            Destination::Partners(_) | Destination::CheckinsDue => TabId::Partners,
            Destination::Roles(_) | Destination::Ecosystem => TabId::Roles,
            Destination::Risks(_) => TabId::Risks,
            Destination::Metrics => TabId::Metrics,
            Destination::Guide => TabId::Guide,
            Destination::Concentration | Destination::ExitOf(..) => TabId::Overview,
        }
    }

    /// What the status line says on arriving, when the tab itself does not.
    pub fn arrival(&self) -> Option<&'static str> {
        match self {
            Destination::Roles(Some(_)) => Some("The Roles tab shows that role's coverage."),
            Destination::Risks(Some(_)) => {
                Some("The register shows the risks of that cell; ‹risks:facets› changes it.")
            }
            _ => None,
        }
    }
}
