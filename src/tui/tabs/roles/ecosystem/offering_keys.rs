//! Keys on the Ecosystem view's offerings (move, add or edit an offering or a member, delete
//! after a y/n; members chosen with a picker) and on its partner × partner matrix.

use anyhow::Result;

use super::offering_form::OfferingForm;
use super::{Choosing, EcosystemView, LinkForm, Popup, Shown};
use crate::plan::ecosystem::LinkDraft;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::picker::{PartnerSearch, Picker};
use crate::workbook::Workbook;

impl EcosystemView {
    /// A key on the offerings: move, add or edit an offering or member, delete after a y/n.
    pub(super) fn pane_key(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let Shown::Offerings(pane) = &mut self.shown else {
            return Ok(Intent::Nothing);
        };
        match action {
            Action::Up => pane.move_by(-1),
            Action::Down => pane.move_by(1),
            Action::Top => pane.select_end(false),
            Action::Bottom => pane.select_end(true),
            Action::Cancel | Action::Offerings => self.shown = Shown::Map,
            Action::Add => {
                let (goals, kpis) = goals_and_kpis(wb)?;
                let draft = crate::plan::ecosystem::OfferingDraft::default();
                let form =
                    OfferingForm::offering("New joint offering".into(), &draft, None, goals, kpis);
                self.popup = Popup::Offering(Box::new(form), None);
            }
            Action::AddMember | Action::Edit | Action::Delete if pane.offering().is_none() => {
                return Ok(Intent::Error(
                    "No joint offering yet: a adds one, then m adds its members.".into(),
                ));
            }
            Action::AddMember => {
                let Some(offering) = pane.offering() else {
                    return Ok(Intent::Nothing);
                };
                let seated: Vec<Option<i64>> =
                    offering.members.iter().map(|m| m.member.partner).collect();
                // The hub first, unless it is in already, then the current partners who are not,
                // searched for in the workbook as typed.
                let among = PartnerSearch {
                    facets: super::keys::current_partners(wb)?,
                    except: seated.iter().flatten().copied().collect(),
                    first: (!seated.contains(&None)).then(|| (0, crate::workbook::HUB.to_string())),
                };
                let title = format!("Who joins {}?", clean(&offering.offering.name));
                let id = offering.id;
                let picker =
                    Picker::partners_among(title, wb, among)?.nothing("No one else can join it.");
                self.popup = Popup::Picker(Choosing::Member(id), picker);
            }
            Action::Edit => match (pane.member(), pane.offering()) {
                (Some(member), Some(offering)) => {
                    let kinds = wb.vocabularies()?.contribution_kinds;
                    let title = format!(
                        "{} in {}",
                        clean(&member.name),
                        clean(&offering.offering.name)
                    );
                    let form = OfferingForm::member(
                        title,
                        &member.member,
                        offering.id,
                        Some(member.id),
                        &kinds,
                    );
                    self.popup = Popup::Offering(Box::new(form), None);
                }
                (None, Some(offering)) => {
                    let title = format!("Edit {}", clean(&offering.offering.name));
                    let (id, draft) = (offering.id, offering.offering.clone());
                    let (goals, kpis) = goals_and_kpis(wb)?;
                    let form = OfferingForm::offering(title, &draft, Some(id), goals, kpis);
                    self.popup = Popup::Offering(Box::new(form), None);
                }
                _ => {}
            },
            Action::Delete => {
                return Ok(match (pane.member(), pane.offering()) {
                    (Some(member), Some(offering)) => {
                        Intent::Confirm(ConfirmAction::DeleteMember {
                            id: member.id,
                            label: format!("{} from {}", member.name, offering.offering.name),
                        })
                    }
                    (None, Some(offering)) => Intent::Confirm(ConfirmAction::DeleteOffering {
                        id: offering.id,
                        name: offering.offering.name.clone(),
                        members: offering.members.len(),
                    }),
                    _ => Intent::Nothing,
                });
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }
}

/// (id, title) of records, for a pick-list.
type Titles = Vec<(i64, String)>;

/// (id, title) of every goal and (id, name) of every KPI, for the offering form's pick-lists.
fn goals_and_kpis(wb: &Workbook) -> Result<(Titles, Titles)> {
    let goals = wb
        .goals()?
        .into_iter()
        .map(|g| (g.id, g.goal.title))
        .collect();
    let kpis = wb.kpi_names()?;
    Ok((goals, kpis))
}

impl EcosystemView {
    /// A key on the partner × partner matrix: move, link or edit the cell's pair, unlink after
    /// a y/n.
    pub(super) fn matrix_key(&mut self, action: Action, roles: &[(i64, String)]) -> Result<Intent> {
        let Shown::Matrix(matrix) = &mut self.shown else {
            return Ok(Intent::Nothing);
        };
        if matrix.step(action) {
            return Ok(Intent::Nothing);
        }
        match action {
            Action::Cancel | Action::Matrix => self.shown = Shown::Map,
            Action::Add | Action::Edit | Action::Open => {
                let kinds = &self.data.kinds;
                if let Some(record) = matrix.link() {
                    let title = format!("Edit {}", clean(&record.label()));
                    let (id, draft) = (record.id, record.link.clone());
                    let form = LinkForm::new(title, &draft, Some(id), kinds, roles.to_vec());
                    self.popup = Popup::Link(Box::new(form));
                } else if let Some((a, b)) = matrix.pair().filter(|(a, b)| a.0 != b.0) {
                    let draft = LinkDraft {
                        from: a.0,
                        to: b.0,
                        kind: kinds.first().cloned().unwrap_or_default(),
                        ..LinkDraft::default()
                    };
                    let title = format!("New link: {} ↔ {}", clean(&a.1), clean(&b.1));
                    let form = LinkForm::new(title, &draft, None, kinds, roles.to_vec());
                    self.popup = Popup::Link(Box::new(form));
                } else {
                    return Ok(Intent::Error(
                        "A partner is not linked with itself: move off the diagonal.".into(),
                    ));
                }
            }
            Action::Delete => {
                return Ok(match matrix.link() {
                    Some(record) => Intent::Confirm(ConfirmAction::DeleteLink {
                        id: record.id,
                        label: record.label(),
                    }),
                    None => Intent::Error("No link in this cell to delete.".into()),
                });
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }
}
