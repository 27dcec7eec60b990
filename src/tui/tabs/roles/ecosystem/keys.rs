//! The Ecosystem view's keys: its forms and pick-lists first, then the map's moves, the links'
//! add, edit and delete, the matrix and the offerings; pastes and a refused edit's message.

// The view's own types and the names it imports.
use super::*;
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::widgets::picker::{Choice, PartnerSearch};
use crate::workbook::{FORMER_STAGES, Facets};

/// The facets of the current partners, those the network holds (neither exited nor declined).
pub(super) fn current_partners(wb: &Workbook) -> Result<Facets> {
    Ok(Facets {
        stages: wb
            .vocabulary(VocabularyKind::Stage)?
            .into_iter()
            .filter(|s| !FORMER_STAGES.iter().any(|f| s.eq_ignore_ascii_case(f)))
            .collect(),
        ..Facets::default()
    })
}

impl EcosystemView {
    /// A key; `roles` the (id, name) of the roles a link may serve.
    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
        roles: &[(i64, String)],
    ) -> Result<ViewStep> {
        if !matches!(self.popup, Popup::None) {
            return Ok(ViewStep::Intent(self.popup_key(action, key, wb, roles)?));
        }
        let Some(action) = action else {
            return Ok(ViewStep::Intent(Intent::Nothing));
        };
        let last = self.data.net.ids.len().saturating_sub(1);
        let writes = matches!(
            action,
            Action::Add | Action::Edit | Action::Delete | Action::AddMember
        );
        if writes && wb.is_read_only() {
            return Ok(ViewStep::Intent(Intent::Error(
                "Read-only: nothing can be changed (reopen without --read-only to edit).".into(),
            )));
        }
        match self.shown {
            Shown::Map => {}
            Shown::Offerings(_) => return Ok(ViewStep::Intent(self.pane_key(action, wb)?)),
            Shown::Matrix(_) => return Ok(ViewStep::Intent(self.matrix_key(action, roles)?)),
        }
        if writes && self.data.net.ids.is_empty() {
            return Ok(ViewStep::Intent(Intent::Error(
                "No current partners yet: add partners on the Partners tab (3), then link them here."
                    .into(),
            )));
        }
        match action {
            Action::Down => self.select(
                if self.selected >= last {
                    0
                } else {
                    self.selected + 1
                },
                wb,
            )?,
            Action::Up => self.select(
                if self.selected == 0 {
                    last
                } else {
                    self.selected - 1
                },
                wb,
            )?,
            Action::Top => self.select(0, wb)?,
            Action::Bottom => self.select(last, wb)?,
            Action::ZoomIn | Action::ZoomOut | Action::ZoomReset => {
                self.view.zoom = match action {
                    Action::ZoomIn => (self.view.zoom + 1).min(8),
                    Action::ZoomOut => self.view.zoom.saturating_sub(1),
                    _ => 0,
                };
                self.view.pan = (0, 0);
                self.rebuild();
            }
            Action::PanLeft | Action::PanRight | Action::PanUp | Action::PanDown => {
                let (dx, dy) = match action {
                    Action::PanLeft => (-1, 0),
                    Action::PanRight => (1, 0),
                    Action::PanUp => (0, -1),
                    _ => (0, 1),
                };
                self.view.pan = (
                    (self.view.pan.0 + dx).clamp(-64, 64),
                    (self.view.pan.1 + dy).clamp(-64, 64),
                );
                self.rebuild();
            }
            Action::Add => {
                // The current partners (those the map holds) but the selected one, searched for
                // in the workbook as typed: no list of every name, however many partners.
                let among = PartnerSearch {
                    facets: current_partners(wb)?,
                    except: self.selected_id().into_iter().collect(),
                    first: None,
                };
                let title = format!("Link {} with…", self.selected_name());
                let picker =
                    Picker::partners_among(title, wb, among)?.nothing("No other partner matches.");
                self.popup = Popup::Picker(Choosing::NewLinkTo, picker);
            }
            Action::Edit | Action::Delete if self.links.is_empty() => {
                return Ok(ViewStep::Intent(Intent::Error(format!(
                    "{} has no link to edit or delete; a adds one.",
                    self.selected_name()
                ))));
            }
            Action::Edit | Action::Delete => {
                let choices = self
                    .links
                    .iter()
                    .map(|l| (l.id, clean(&l.label()).into_owned()))
                    .collect();
                let (choosing, verb) = if action == Action::Edit {
                    (Choosing::EditLink, "Edit")
                } else {
                    (Choosing::DeleteLink, "Delete")
                };
                let title = format!("{verb} which link of {}?", self.selected_name());
                self.popup = Popup::Picker(choosing, Picker::new(title, choices));
            }
            Action::Matrix => {
                let (shown, _) = scene::shown(&self.data, self.selected);
                let partners = shown
                    .iter()
                    .filter_map(|&p| {
                        Some((
                            *self.data.net.ids.get(p)?,
                            self.data.net.names.get(p)?.to_string(),
                        ))
                    })
                    .collect();
                let mut matrix = LinkMatrix::default();
                matrix.read(partners, &self.data.kinds, wb)?;
                self.shown = Shown::Matrix(matrix);
            }
            Action::Offerings => {
                let mut pane = OfferingsPane::default();
                pane.set(wb.offerings()?);
                self.shown = Shown::Offerings(pane);
            }
            Action::Cancel => return Ok(ViewStep::Close),
            _ => {}
        }
        Ok(ViewStep::Intent(Intent::Nothing))
    }

    /// A key while a form or pick-list is open: it goes to the one on top.
    fn popup_key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
        roles: &[(i64, String)],
    ) -> Result<Intent> {
        Ok(match &mut self.popup {
            Popup::None => Intent::Nothing,
            Popup::Link(open) => match open.form.handle(action, key) {
                FormEvent::Continue | FormEvent::Pick(_) => Intent::Nothing,
                FormEvent::Cancel if open.form.is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    self.popup = Popup::None;
                    Intent::Nothing
                }
                FormEvent::Save => open.submit(),
            },
            Popup::Offering(open, ticking) => {
                if let Some(Ticking { field, picker }) = ticking {
                    match picker.key(action, key, wb)? {
                        Choice::Stay => {}
                        Choice::Cancel => *ticking = None,
                        Choice::Chosen { id, .. } => picker.set_choices(open.toggle(field, id)),
                    }
                    return Ok(Intent::Nothing);
                }
                match open.form_mut().handle(action, key) {
                    FormEvent::Continue => Intent::Nothing,
                    FormEvent::Pick(field) => {
                        match open.pick_list(field) {
                            Ok(picker) => *ticking = Some(Ticking { field, picker }),
                            Err(message) => open.form_mut().message = Some(message),
                        }
                        Intent::Nothing
                    }
                    FormEvent::Cancel if open.form().is_dirty() => {
                        Intent::Confirm(ConfirmAction::DiscardChanges)
                    }
                    FormEvent::Cancel => {
                        self.popup = Popup::None;
                        Intent::Nothing
                    }
                    FormEvent::Save => {
                        let editing = match &**open {
                            OfferingForm::Offering { editing, .. } => *editing,
                            OfferingForm::Member { .. } => None,
                        };
                        let listed = match &self.shown {
                            Shown::Offerings(pane) => pane.offerings.as_slice(),
                            Shown::Map | Shown::Matrix(_) => &[],
                        };
                        let others: Vec<&str> = listed
                            .iter()
                            .filter(|o| Some(o.id) != editing)
                            .map(|o| o.offering.name.as_str())
                            .collect();
                        open.submit(&others)
                    }
                }
            }
            Popup::Picker(choosing, picker) => {
                let choosing = *choosing;
                match picker.key(action, key, wb)? {
                    Choice::Stay => Intent::Nothing,
                    Choice::Cancel => {
                        self.popup = Popup::None;
                        Intent::Nothing
                    }
                    Choice::Chosen { id, .. } => {
                        self.popup = Popup::None;
                        self.chosen(choosing, id, wb, roles)?
                    }
                }
            }
        })
    }

    /// What a picker's choice leads to: a link form, or the confirm step of a delete.
    fn chosen(
        &mut self,
        choosing: Choosing,
        chosen: i64,
        wb: &Workbook,
        roles: &[(i64, String)],
    ) -> Result<Intent> {
        let kinds = &self.data.kinds;
        match choosing {
            Choosing::NewLinkTo => {
                let Some(from) = self.selected_id() else {
                    return Ok(Intent::Nothing);
                };
                let other = wb
                    .partner_names(&[chosen])?
                    .remove(&chosen)
                    .unwrap_or_default();
                let draft = LinkDraft {
                    from,
                    to: chosen,
                    kind: kinds.first().cloned().unwrap_or_default(),
                    ..LinkDraft::default()
                };
                let title = format!("New link: {} ↔ {}", self.selected_name(), clean(&other));
                let form = LinkForm::new(title, &draft, None, kinds, roles.to_vec());
                self.popup = Popup::Link(Box::new(form));
            }
            Choosing::EditLink => {
                if let Some(record) = self.links.iter().find(|l| l.id == chosen) {
                    let title = format!("Edit {}", clean(&record.label()));
                    let form =
                        LinkForm::new(title, &record.link, Some(record.id), kinds, roles.to_vec());
                    self.popup = Popup::Link(Box::new(form));
                }
            }
            Choosing::Member(offering) => {
                let partner = (chosen != 0).then_some(chosen);
                let name = match partner {
                    Some(id) => wb.partner_names(&[id])?.remove(&id).unwrap_or_default(),
                    None => crate::workbook::HUB.to_string(),
                };
                let draft = crate::plan::ecosystem::MemberDraft {
                    partner,
                    ..Default::default()
                };
                let kinds = wb.vocabularies()?.contribution_kinds;
                let title = format!("{} joins the offering", clean(&name));
                let form = OfferingForm::member(title, &draft, offering, None, &kinds);
                self.popup = Popup::Offering(Box::new(form), None);
            }
            Choosing::DeleteLink => {
                if let Some(record) = self.links.iter().find(|l| l.id == chosen) {
                    return Ok(Intent::Confirm(ConfirmAction::DeleteLink {
                        id: record.id,
                        label: record.label(),
                    }));
                }
            }
        }
        Ok(Intent::Nothing)
    }

    /// The form a run of typed characters goes into: the one open, unless a pick-list is open
    /// (over it or alone), which takes the typing as its search.
    pub fn typing_form(&mut self) -> Option<&mut Form> {
        match &mut self.popup {
            Popup::Link(open) => Some(&mut open.form),
            Popup::Offering(open, None) => Some(open.form_mut()),
            Popup::Offering(_, Some(_)) | Popup::Picker(..) | Popup::None => None,
        }
    }

    /// Pasted text goes where typing goes: the open form, or the search of the pick-list on top.
    pub fn paste(&mut self, text: &str) {
        match &mut self.popup {
            Popup::Link(open) => open.form.paste(text),
            Popup::Offering(_, Some(ticking)) => ticking.picker.paste(text),
            Popup::Offering(open, None) => open.form_mut().paste(text),
            Popup::Picker(_, picker) => picker.paste(text),
            Popup::None => {}
        }
    }

    /// An edit went through: close the form and picker; the next frame reads again.
    pub fn edited(&mut self) {
        self.popup = Popup::None;
        self.stale = true;
    }

    /// An edit was refused: the open form shows why (`true`), else the status line does.
    pub fn edit_failed(&mut self, message: &str) -> bool {
        let form = match &mut self.popup {
            Popup::Link(open) => &mut open.form,
            Popup::Offering(open, _) => open.form_mut(),
            Popup::Picker(..) | Popup::None => return false,
        };
        form.message = Some(message.to_string());
        true
    }

    pub fn discard_form(&mut self) {
        self.popup = Popup::None;
    }
}
