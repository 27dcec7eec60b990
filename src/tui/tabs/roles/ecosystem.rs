//! The Ecosystem view of the Roles tab: the network map beside the selected partner's links and
//! offerings and the network's figures; links are added, edited and deleted from here. The
//! network, its layout and figures are read once per workbook change; a key rebuilds only the
//! map's scene and the selected partner's lists.

mod link_form;
mod link_matrix;
mod offering_form;
mod offering_keys;
mod offering_matrix;
mod offerings;
mod panel;
mod place;
mod scene;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::plan::ecosystem::LinkDraft;
use crate::plan::network_layout::NetworkLayout;
use crate::plan::network_summary::NetworkSummary;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::network_map::{MapScene, render_map};
use crate::tui::widgets::picker::Picker;
use crate::tui::widgets::typed::typed;
use crate::workbook::{LinkRecord, NetworkMark, OfferingRecord, Workbook};

pub use link_form::LinkForm;
use link_matrix::LinkMatrix;
use offering_form::OfferingForm;
use offerings::OfferingsPane;
pub use place::EcosystemPlace;
use scene::{LEGIBLE, MapData, View};

/// How many brokers and most linked partners the figures name.
const TOP: usize = 3;

/// What a picker open over the map chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choosing {
    /// The other partner of a new link.
    NewLinkTo,
    EditLink,
    DeleteLink,
    /// A partner (or the hub, id 0) to join this offering.
    Member(i64),
    /// Goals or KPIs (the offering form's field) to tick for the open offering form.
    Ticks(&'static str),
}

#[derive(Debug)]
pub struct EcosystemView {
    data: MapData,
    summary: NetworkSummary,
    /// Active links among current partners.
    link_count: usize,
    /// A network index.
    selected: usize,
    links: Vec<LinkRecord>,
    /// Planned and ended links among the partners on the map: (from id, to id, status).
    not_active: Vec<(i64, i64, String)>,
    offerings: Vec<OfferingRecord>,
    view: View,
    scene: MapScene,
    pub form: Option<LinkForm>,
    /// The joint offerings, shown instead of the map (`o`).
    pane: Option<OfferingsPane>,
    /// The partner × partner matrix of the partners on the map (`x`).
    matrix: Option<LinkMatrix>,
    offering_form: Option<OfferingForm>,
    picker: Option<(Choosing, Picker)>,
    stale: bool,
    /// The network was patched after a link's edit: its figures, layout and most linked
    /// partners are from before it until the idle step works them out again.
    figures_due: bool,
    /// The change journal's mark when the network was last read: what changed since tells
    /// whether the network must be read again.
    journal: Option<NetworkMark>,
}

/// Tables whose changes leave the network, its layout and figures as they are: only the
/// offerings are read again.
const OFFERING_TABLES: &[&str] = &[
    "offerings",
    "offering_members",
    "offering_goals",
    "offering_kpis",
];

impl EcosystemView {
    /// The view, read from `wb`.
    pub fn open(wb: &Workbook) -> Result<EcosystemView> {
        let mut view = EcosystemView {
            data: MapData::default(),
            summary: NetworkSummary::default(),
            link_count: 0,
            selected: 0,
            links: Vec::new(),
            not_active: Vec::new(),
            offerings: Vec::new(),
            view: View::default(),
            scene: MapScene::default(),
            form: None,
            pane: None,
            matrix: None,
            offering_form: None,
            picker: None,
            stale: true,
            figures_due: false,
            journal: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    pub fn context(&self) -> Context {
        if matches!(self.picker, Some((Choosing::Ticks(_), _))) {
            Context::Picker
        } else if self.form.is_some() || self.offering_form.is_some() {
            Context::Form
        } else if self.picker.is_some() {
            Context::Picker
        } else if self.pane.is_some() {
            Context::Offerings
        } else if self.matrix.is_some() {
            Context::LinkMatrix
        } else {
            Context::Ecosystem
        }
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// Reads the network when the workbook changed since the last read, and sizes the
    /// matrix's window of columns for `area` (the view's whole area).
    pub fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        if self.stale {
            self.reload(wb)?;
        }
        if let Some(matrix) = &mut self.matrix {
            matrix.set_area(area);
        }
        Ok(())
    }

    /// Reads the network, lays it out and sums it up; the selection follows its partner. When
    /// the changes since the last read touched offerings only, reads only the offerings; when
    /// they touched links (and offerings) only, patches the network from the journal and leaves
    /// its figures and layout to the idle step (`idle`).
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let changes = match self.journal.take() {
            Some(since) => wb.network_changes_since(&since)?,
            None => None,
        };
        if let Some(changes) = changes
            && !changes.tables.is_empty()
            && changes.links_and(OFFERING_TABLES)
        {
            self.journal = Some(changes.mark.clone());
            if !changes.touches_links() {
                return self.reload_offerings(wb);
            }
            wb.patch_network(&mut self.data.net, &changes)?;
            self.figures_due = true;
            self.count_links();
            if changes.tables.len() > 1
                && let Some(pane) = &mut self.pane
            {
                pane.set(wb.offerings()?);
            }
            self.read_matrix(wb)?;
            self.stale = false;
            return self.select(self.selected, wb);
        }
        self.journal = Some(wb.network_mark()?);
        let kept = self.data.net.ids.get(self.selected).copied();
        self.data = MapData {
            net: wb.network()?,
            kinds: wb.vocabularies()?.link_kinds,
            ..MapData::default()
        };
        self.count_links();
        self.figure();
        if let Some(pane) = &mut self.pane {
            pane.set(wb.offerings()?);
        }
        self.read_matrix(wb)?;
        self.selected = match kept.and_then(|id| self.data.at(id)) {
            Some(at) => at,
            None => self.data.most_linked.first().copied().unwrap_or(0),
        };
        self.stale = false;
        self.select(self.selected, wb)
    }

    /// The work a link's edit leaves for when no key is waiting: the network's figures, its
    /// layout and most linked partners, worked out again from the patched network, and the map
    /// drawn with them. Whether there was any (the screen is then drawn again).
    pub fn idle(&mut self, wb: &Workbook) -> Result<bool> {
        if !self.figures_due || self.stale {
            return Ok(false);
        }
        self.figure();
        self.read_marks(wb)?;
        self.rebuild();
        Ok(true)
    }

    /// Works out the figures, layout and most linked partners of the network as it is.
    fn figure(&mut self) {
        let net = &self.data.net;
        self.summary = net.summary(TOP);
        self.data.most_linked = net
            .network
            .most_linked(LEGIBLE, |a, b| net.names.get(a).cmp(&net.names.get(b)));
        self.data.layout = NetworkLayout::of(&net.network);
        self.figures_due = false;
    }

    /// Active links among current partners, from the network's lists (each link is in two).
    fn count_links(&mut self) {
        let network = &self.data.net.network;
        self.link_count = (0..network.partners())
            .map(|p| network.links_of(p))
            .sum::<usize>()
            / 2;
    }

    /// Reads the open matrix's links again.
    fn read_matrix(&mut self, wb: &Workbook) -> Result<()> {
        if let Some(mut matrix) = self.matrix.take() {
            let partners = std::mem::take(&mut matrix.partners);
            matrix.read(partners, &self.data.kinds, wb)?;
            self.matrix = Some(matrix);
        }
        Ok(())
    }

    /// Reads the offerings again (the pane's, the selected partner's); the network stays.
    fn reload_offerings(&mut self, wb: &Workbook) -> Result<()> {
        if let Some(pane) = &mut self.pane {
            pane.set(wb.offerings()?);
        }
        self.offerings = match self.data.net.ids.get(self.selected) {
            Some(&id) => wb.offerings_of(Some(id))?,
            None => Vec::new(),
        };
        self.stale = false;
        Ok(())
    }

    /// Selects partner `at` (a network index): reads its links and offerings, redraws the map.
    fn select(&mut self, at: usize, wb: &Workbook) -> Result<()> {
        self.selected = at.min(self.data.net.ids.len().saturating_sub(1));
        match self.data.net.ids.get(self.selected) {
            Some(&id) => {
                self.links = wb.links_of(id)?;
                self.offerings = wb.offerings_of(Some(id))?;
            }
            None => {
                self.links.clear();
                self.offerings.clear();
            }
        }
        self.view.pan = (0, 0);
        self.read_marks(wb)?;
        self.rebuild();
        Ok(())
    }

    /// Reads the marks of the partners the map is about to show that are not known yet, and
    /// the planned and ended links among them: a few look-ups by id, never every partner's row.
    fn read_marks(&mut self, wb: &Workbook) -> Result<()> {
        let (shown, _) = scene::shown(&self.data, self.selected);
        let shown_ids: Vec<i64> = shown
            .iter()
            .filter_map(|&p| self.data.net.ids.get(p).copied())
            .collect();
        self.not_active = wb.links_not_active_among(&shown_ids)?;
        let missing: Vec<i64> = shown
            .iter()
            .filter(|p| !self.data.marks.contains_key(p))
            .filter_map(|&p| self.data.net.ids.get(p).copied())
            .collect();
        for (id, kind, stage) in wb.partner_marks(&missing)? {
            if let Some(at) = self.data.at(id) {
                self.data.marks.insert(at, mark(&kind, &stage));
            }
        }
        Ok(())
    }

    fn rebuild(&mut self) {
        self.scene = scene::scene(
            &self.data,
            self.selected,
            &self.links,
            &self.not_active,
            self.view,
        );
    }

    fn selected_id(&self) -> Option<i64> {
        self.data.net.ids.get(self.selected).copied()
    }

    fn selected_name(&self) -> String {
        clean(
            self.data
                .net
                .names
                .get(self.selected)
                .map_or("", String::as_str),
        )
        .into_owned()
    }

    /// Draws the view; every key named on it (forms, pick-lists, the matrix) as `keymap`
    /// binds it.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let Some(parts) = panel::two_parts(area, buf, area.width >= 100, 58) else {
            return;
        };
        match (&self.pane, &self.matrix) {
            (Some(pane), _) => {
                return self.draw_over(|a, b| pane.render(a, b, theme), area, buf, theme, keymap);
            }
            (None, Some(matrix)) => {
                let title = format!(
                    " Links among the {} partners on the map ",
                    matrix.partners.len()
                );
                return self.draw_over(
                    |a, b| matrix.render(&title, a, b, theme, keymap),
                    area,
                    buf,
                    theme,
                    keymap,
                );
            }
            (None, None) => render_map(&self.scene, parts[0], buf, theme),
        }
        panel::render(
            &panel::Panel {
                name: self.selected_name(),
                mark: self
                    .data
                    .marks
                    .get(&self.selected)
                    .map_or("", String::as_str),
                links: &self.links,
                offerings: &self.offerings,
                selected_id: self.selected_id(),
                summary: &self.summary,
                link_count: self.link_count,
                updating: self.figures_due,
                letter: &|kind| self.data.kind_letter(kind),
            },
            parts[1],
            buf,
            theme,
        );
        self.draw_popups(area, buf, theme, keymap);
    }

    /// The offerings or the matrix in the whole area, with any picker or form over them.
    fn draw_over(
        &self,
        body: impl FnOnce(Rect, &mut Buffer),
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        body(area, buf);
        self.draw_popups(area, buf, theme, keymap);
    }

    fn draw_popups(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let over_form = matches!(self.picker, Some((Choosing::Ticks(_), _)));
        if let Some((_, picker)) = self.picker.as_ref().filter(|_| !over_form) {
            picker.render_keys(area, buf, theme, keymap);
        }
        let form = match (&self.form, &self.offering_form) {
            (Some(open), _) => Some(&open.form),
            (None, Some(open)) => Some(open.form()),
            (None, None) => None,
        };
        if let Some(form) = form {
            let width = area.width.saturating_sub(4).min(72);
            let popup = crate::tui::widgets::centered(area, width, form.height(width));
            form.render_keys(popup, buf, theme, keymap);
        }
        if let Some((_, picker)) = self.picker.as_ref().filter(|_| over_form) {
            picker.render_keys(area, buf, theme, keymap);
        }
    }

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

/// What a key in the view leads to.
pub enum ViewStep {
    Intent(Intent),
    /// Back to the role tree.
    Close,
}

/// A partner's mark: its stage as a symbol, its type as a letter ("●T": an active technology
/// partner), readable without colour.
fn mark(partner_type: &str, stage: &str) -> String {
    let symbol = match stage {
        "active" => '●',
        "onboarding" => '◐',
        _ => '○',
    };
    let letter = partner_type
        .chars()
        .find(|c| c.is_alphanumeric())
        .map_or('?', |c| c.to_uppercase().next().unwrap_or(c));
    format!("{symbol}{letter}")
}
