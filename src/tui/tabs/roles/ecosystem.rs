//! The Ecosystem view of the Roles tab: the network map beside the selected partner's links and
//! offerings and the network's figures; links are added, edited and deleted from here. The
//! network, its layout and figures are read once per workbook change; a key rebuilds only the
//! map's scene and the selected partner's lists.

mod draw;
mod figuring;
mod keys;
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
use crate::workbook::{EcosystemNetwork, LinkRecord, NetworkMark, OfferingRecord, Workbook};

use figuring::{Came, Figures, LARGE_NETWORK, Opened, Work};
pub use link_form::LinkForm;
use link_matrix::LinkMatrix;
use offering_form::OfferingForm;
use offerings::OfferingsPane;
pub use place::EcosystemPlace;
use scene::{MapData, View};

/// How many brokers and most linked partners the figures name.
const TOP: usize = 3;

/// What a pick-list open over the map, the offerings or the matrix (over no form) chooses. These
/// choose among the view's own rows (the current partners but the selected one, the selected
/// partner's links, the partners and the hub not yet in an offering) and close on the choice:
/// the one link picker (`widgets::picker::LinkPicker`) lists every record of a kind and toggles
/// a link, so it does not serve them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choosing {
    /// The other partner of a new link.
    NewLinkTo,
    EditLink,
    DeleteLink,
    /// A partner (or the hub, id 0) to join this offering.
    Member(i64),
}

/// The goals' or KPIs' pick-list open over an offering form: the form's link field whose
/// records it ticks, and the list. It stays open while several are ticked (✓), which the one
/// link picker, closing on each choice and knowing no goals, does not do.
#[derive(Debug)]
struct Ticking {
    field: &'static str,
    picker: Picker,
}

/// The one thing open over the view: nothing, a pick-list, a link's form, or an offering's (or
/// member's) form with the goals' or KPIs' pick-list it may hold open over it — one at a time,
/// by construction. A pick-list over no form chooses and closes; one over the offering form
/// ticks and stays until closed, the form kept beneath it.
#[derive(Debug, Default)]
enum Popup {
    #[default]
    None,
    Picker(Choosing, Picker),
    Link(Box<LinkForm>),
    Offering(Box<OfferingForm>, Option<Ticking>),
}

/// What the view shows beneath any popup: the map with the selected partner's panel, the joint
/// offerings (`o`) or the partner × partner matrix of the partners on the map (`x`).
#[derive(Debug, Default)]
enum Shown {
    #[default]
    Map,
    Offerings(OfferingsPane),
    Matrix(LinkMatrix),
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
    /// The one form or pick-list open over the view.
    popup: Popup,
    shown: Shown,
    stale: bool,
    /// The network was patched after a link's edit: its figures, layout and most linked
    /// partners are from before it until the idle step works them out again.
    figures_due: bool,
    /// The change journal's mark when the network was last read: what changed since tells
    /// whether the network must be read again.
    journal: Option<NetworkMark>,
    /// A large network's reading or figures under way on a thread (`figuring`).
    work: Work,
    /// Counts the network's patches: figures worked out on a thread are taken only for the
    /// network they were worked out from.
    generation: u64,
    /// Past this size (partners and links, by the largest ids) the network is read and worked
    /// out on threads.
    large_from: usize,
    /// The partner (by id) to select once the network read on a thread comes: the one a
    /// restored place named.
    wanted: Option<i64>,
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
    /// The view, read from `wb`; a network larger than `large_from` (partners and links) is
    /// read on a thread, started by the next idle pass, the view saying so meanwhile.
    pub fn open(wb: &Workbook, large_from: Option<usize>) -> Result<EcosystemView> {
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
            popup: Popup::None,
            shown: Shown::Map,
            stale: true,
            figures_due: false,
            journal: None,
            work: Work::None,
            generation: 0,
            large_from: large_from.unwrap_or(LARGE_NETWORK),
            wanted: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    /// Whether a thread works for the view (tests and the terminal loop wait for it).
    pub fn working(&self) -> bool {
        self.work.running()
    }

    pub fn context(&self) -> Context {
        match self.popup {
            Popup::Picker(..) | Popup::Offering(_, Some(_)) => return Context::Picker,
            Popup::Link(_) | Popup::Offering(_, None) => return Context::Form,
            Popup::None => {}
        }
        match self.shown {
            Shown::Map => Context::Ecosystem,
            Shown::Offerings(_) => Context::Offerings,
            Shown::Matrix(_) => Context::LinkMatrix,
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
        if let Shown::Matrix(matrix) = &mut self.shown {
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
            self.generation += 1;
            self.figures_due = true;
            self.count_links();
            if changes.tables.len() > 1
                && let Shown::Offerings(pane) = &mut self.shown
            {
                pane.set(wb.offerings()?);
            }
            self.read_matrix(wb)?;
            self.stale = false;
            return self.select(self.selected, wb);
        }
        if self.work.reading() || wb.network_ceiling()? > self.large_from {
            // Read on a thread from the next idle pass; what is shown stays, said to be
            // updating, until it comes (a reading under way read the plan before this change).
            self.work = Work::ReadDue;
            self.journal = None;
            self.stale = false;
            self.rebuild();
            return Ok(());
        }
        self.read_in_place(wb)
    }

    /// Reads the network, lays it out and sums it up here and now.
    fn read_in_place(&mut self, wb: &Workbook) -> Result<()> {
        self.journal = Some(wb.network_mark()?);
        let net = wb.network()?;
        let figures = Figures::of_network(&net);
        let kinds = wb.vocabularies()?.link_kinds;
        self.take_network(net, kinds, figures, wb)
    }

    /// Shows `net` with its figures; the selection follows its partner.
    fn take_network(
        &mut self,
        net: EcosystemNetwork,
        kinds: Vec<String>,
        figures: Figures,
        wb: &Workbook,
    ) -> Result<()> {
        let kept = self
            .wanted
            .take()
            .or_else(|| self.data.net.ids.get(self.selected).copied());
        self.data = MapData {
            net,
            kinds,
            ..MapData::default()
        };
        self.generation += 1;
        self.count_links();
        self.take_figures(figures);
        if let Shown::Offerings(pane) = &mut self.shown {
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
    /// drawn with them; and a large network's reading, on a thread. Whether there is a frame to
    /// draw.
    pub fn idle(&mut self, wb: &mut Workbook) -> Result<bool> {
        match self.work.came() {
            Came::Nothing => {}
            Came::Opened(opened) => {
                let Opened {
                    net,
                    mark,
                    kinds,
                    figures,
                } = *opened;
                self.journal = Some(mark);
                self.take_network(net, kinds, figures, wb)?;
                return Ok(true);
            }
            Came::ReadAgain { in_place: false } => self.work = Work::ReadDue,
            Came::ReadAgain { in_place: true } => {
                self.read_in_place(wb)?;
                return Ok(true);
            }
            Came::Figures(figures, generation) => {
                if generation == self.generation && !self.stale {
                    self.take_figures(*figures);
                    self.read_marks(wb)?;
                    self.rebuild();
                    return Ok(true);
                }
            }
            Came::FigureInPlace => self.work = Work::None,
        }
        if matches!(self.work, Work::ReadDue) && !self.work.start_reading(wb) {
            self.read_in_place(wb)?;
            return Ok(true);
        }
        if self.work.running() || !self.figures_due || self.stale {
            return Ok(false);
        }
        let net = &self.data.net;
        if net.network.partners() + net.network.ends() / 2 > self.large_from
            && self.work.start_figuring(net, self.generation)
        {
            return Ok(false);
        }
        self.take_figures(Figures::of_network(&self.data.net));
        self.read_marks(wb)?;
        self.rebuild();
        Ok(true)
    }

    /// Whether the network is being read on a thread, the view showing the one before (or
    /// none yet).
    fn reading(&self) -> bool {
        self.work.reading()
    }

    /// Whether the network is being read with none shown yet: the view's first reading.
    fn first_reading(&self) -> bool {
        self.reading() && self.data.net.ids.is_empty()
    }

    /// Shows `figures`, worked out from the network as it is.
    fn take_figures(&mut self, figures: Figures) {
        self.summary = figures.summary;
        self.data.most_linked = figures.most_linked;
        self.data.layout = figures.layout;
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
        if let Shown::Matrix(matrix) = &mut self.shown {
            let partners = std::mem::take(&mut matrix.partners);
            matrix.read(partners, &self.data.kinds, wb)?;
        }
        Ok(())
    }

    /// Reads the offerings again (the pane's, the selected partner's); the network stays.
    fn reload_offerings(&mut self, wb: &Workbook) -> Result<()> {
        if let Shown::Offerings(pane) = &mut self.shown {
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
        if self.first_reading() {
            // No map yet: not an empty plan's (whose hub stands alone).
            self.scene = MapScene {
                title: "Network map · reading the network…".into(),
                ..MapScene::default()
            };
        }
    }

    fn selected_id(&self) -> Option<i64> {
        self.data.net.ids.get(self.selected).copied()
    }

    fn selected_name(&self) -> String {
        clean(self.data.net.names.get(self.selected).unwrap_or("")).into_owned()
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
