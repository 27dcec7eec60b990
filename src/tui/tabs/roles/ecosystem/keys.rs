//! The Ecosystem view's keys: its forms and pick-lists first, then the map's moves, the links'
//! add, edit and delete, the matrix and the offerings; pastes and a refused edit's message.

// The view's own types and the names it imports.
use super::*;

impl EcosystemView {
    /// A key; `roles` the (id, name) of the roles a link may serve.
    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
        roles: &[(i64, String)],
    ) -> Result<ViewStep> {
        if let Some(open) = &mut self.form {
            return Ok(ViewStep::Intent(match open.form.handle(action, key) {
                FormEvent::Continue | FormEvent::Pick(_) => Intent::Nothing,
                FormEvent::Cancel if open.form.is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    self.form = None;
                    Intent::Nothing
                }
                FormEvent::Save => open.submit(),
            }));
        }
        if let (Some((Choosing::Ticks(field), picker)), Some(open)) =
            (&mut self.picker, &mut self.offering_form)
        {
            match action {
                Some(Action::Cancel) => self.picker = None,
                Some(Action::Open) => {
                    if let Some(chosen) = picker.chosen() {
                        picker.set_choices(open.toggle(field, chosen));
                    }
                }
                Some(action) if picker.handle(action) => {}
                _ => {
                    if let Some(query) = typed(picker.query(), key) {
                        picker.set_query(query);
                    }
                }
            }
            return Ok(ViewStep::Intent(Intent::Nothing));
        }
        if let Some(open) = &mut self.offering_form {
            return Ok(ViewStep::Intent(
                match open.form_mut().handle(action, key) {
                    FormEvent::Continue => Intent::Nothing,
                    FormEvent::Pick(field) => {
                        match open.pick_list(field) {
                            Ok(picker) => self.picker = Some((Choosing::Ticks(field), picker)),
                            Err(message) => open.form_mut().message = Some(message),
                        }
                        Intent::Nothing
                    }
                    FormEvent::Cancel if open.form().is_dirty() => {
                        Intent::Confirm(ConfirmAction::DiscardChanges)
                    }
                    FormEvent::Cancel => {
                        self.offering_form = None;
                        Intent::Nothing
                    }
                    FormEvent::Save => {
                        let editing = match open {
                            OfferingForm::Offering { editing, .. } => *editing,
                            OfferingForm::Member { .. } => None,
                        };
                        let others: Vec<&str> = self
                            .pane
                            .iter()
                            .flat_map(|p| p.offerings.iter())
                            .filter(|o| Some(o.id) != editing)
                            .map(|o| o.offering.name.as_str())
                            .collect();
                        open.submit(&others)
                    }
                },
            ));
        }
        if let Some((choosing, picker)) = &mut self.picker {
            let choosing = *choosing;
            match action {
                Some(Action::Cancel) => self.picker = None,
                Some(Action::Open) => {
                    if let Some(chosen) = picker.chosen() {
                        self.picker = None;
                        return Ok(ViewStep::Intent(self.chosen(choosing, chosen, wb, roles)?));
                    }
                }
                Some(action) if picker.handle(action) => {}
                _ => {
                    if let Some(query) = typed(picker.query(), key) {
                        picker.set_query(query);
                    }
                }
            }
            return Ok(ViewStep::Intent(Intent::Nothing));
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
        if self.pane.is_some() {
            return Ok(ViewStep::Intent(self.pane_key(action, wb)?));
        }
        if self.matrix.is_some() {
            return Ok(ViewStep::Intent(self.matrix_key(action, roles)?));
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
                let choices: Vec<(i64, String)> = self
                    .data
                    .net
                    .ids
                    .iter()
                    .zip(&self.data.net.names)
                    .filter(|(id, _)| Some(**id) != self.selected_id())
                    .map(|(id, name)| (*id, clean(name).into_owned()))
                    .collect();
                let title = format!("Link {} with…", self.selected_name());
                let picker = Picker::new(title, choices).nothing("No other partner matches.");
                self.picker = Some((Choosing::NewLinkTo, picker));
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
                self.picker = Some((choosing, Picker::new(title, choices)));
            }
            Action::Matrix => {
                let (shown, _) = scene::shown(&self.data, self.selected);
                let partners = shown
                    .iter()
                    .filter_map(|&p| {
                        Some((
                            *self.data.net.ids.get(p)?,
                            self.data.net.names.get(p)?.clone(),
                        ))
                    })
                    .collect();
                let mut matrix = LinkMatrix::default();
                matrix.read(partners, &self.data.kinds, wb)?;
                self.matrix = Some(matrix);
            }
            Action::Offerings => {
                let mut pane = OfferingsPane::default();
                pane.set(wb.offerings()?);
                self.pane = Some(pane);
            }
            Action::Cancel => return Ok(ViewStep::Close),
            _ => {}
        }
        Ok(ViewStep::Intent(Intent::Nothing))
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
                self.form = Some(LinkForm::new(title, &draft, None, kinds, roles.to_vec()));
            }
            Choosing::EditLink => {
                if let Some(record) = self.links.iter().find(|l| l.id == chosen) {
                    let title = format!("Edit {}", clean(&record.label()));
                    self.form = Some(LinkForm::new(
                        title,
                        &record.link,
                        Some(record.id),
                        kinds,
                        roles.to_vec(),
                    ));
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
                self.offering_form =
                    Some(OfferingForm::member(title, &draft, offering, None, &kinds));
            }
            Choosing::Ticks(_) => {}
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

    /// The form a run of typed characters goes into, in the order keys reach them: a link's
    /// form, else nothing while a pick-list is open (it searches), else an offering's form.
    pub fn typing_form(&mut self) -> Option<&mut Form> {
        if let Some(open) = &mut self.form {
            return Some(&mut open.form);
        }
        if self.picker.is_some() {
            return None;
        }
        self.offering_form.as_mut().map(OfferingForm::form_mut)
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(open) = &mut self.offering_form {
            open.form_mut().paste(text);
        } else if let Some(open) = &mut self.form {
            open.form.paste(text);
        } else if let Some((_, picker)) = &mut self.picker {
            picker.paste(text);
        }
    }

    /// An edit went through: close the form and picker; the next frame reads again.
    pub fn edited(&mut self) {
        self.form = None;
        self.offering_form = None;
        self.picker = None;
        self.stale = true;
    }

    pub fn edit_failed(&mut self, message: &str) -> bool {
        if let Some(open) = &mut self.offering_form {
            open.form_mut().message = Some(message.to_string());
            return true;
        }
        match &mut self.form {
            Some(open) => {
                open.form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    pub fn discard_form(&mut self) {
        self.form = None;
        self.offering_form = None;
        self.picker = None;
    }
}
