//! A large network's reading and figures, worked out on threads of their own so that opening
//! the view and a link's edit leave every key to its frame. At a million partners and three
//! million links the reading takes 0.5 s and the figures 1.1 s; at 100,000 partners with
//! 300,000 links both together take 0.1 s, and are worked out in place as before.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use anyhow::Result;

use super::TOP;
use super::scene::LEGIBLE;
use crate::plan::network::Network;
use crate::plan::network_layout::NetworkLayout;
use crate::plan::network_names::Names;
use crate::plan::network_summary::NetworkSummary;
use crate::workbook::{Background, EcosystemNetwork, Heard, NetworkMark, Workbook};

/// A network whose partners and links together may pass this (by the largest ids) is read and
/// worked out on a thread.
pub const LARGE_NETWORK: usize = 600_000;

/// What the view works out from the network: its figures, layout and most linked partners.
#[derive(Debug, Default)]
pub struct Figures {
    pub summary: NetworkSummary,
    /// The `LEGIBLE` most linked partners, most first (ties by name).
    pub most_linked: Vec<usize>,
    pub layout: NetworkLayout,
}

impl Figures {
    pub fn of(
        network: &Network,
        names: &Names,
        active_links: usize,
        active_partners: usize,
    ) -> Figures {
        Figures {
            summary: NetworkSummary::of(network, names, active_links, active_partners, TOP),
            most_linked: network.most_linked(LEGIBLE, |a, b| names.get(a).cmp(&names.get(b))),
            layout: NetworkLayout::of(network),
        }
    }

    pub fn of_network(net: &EcosystemNetwork) -> Figures {
        Figures::of(
            &net.network,
            &net.names,
            net.active_links,
            net.active_partners,
        )
    }
}

/// The network read on a thread, with its figures and where the journal stood then.
#[derive(Debug)]
pub struct Opened {
    pub net: EcosystemNetwork,
    pub mark: NetworkMark,
    pub kinds: Vec<String>,
    pub figures: Figures,
}

/// The network, its figures and the journal's mark, read together (on a thread: in one read
/// transaction, so the mark is the network's).
pub fn open(wb: &Workbook) -> Result<Opened> {
    let net = wb.network()?;
    let figures = Figures::of_network(&net);
    Ok(Opened {
        mark: wb.network_mark()?,
        kinds: wb.vocabularies()?.link_kinds,
        net,
        figures,
    })
}

/// What a thread is doing for the view.
#[derive(Default)]
pub enum Work {
    #[default]
    None,
    /// The network is to be read on a thread: started by the next idle pass, which holds the
    /// workbook as a thread's reading needs it.
    ReadDue,
    Reading(Background<Opened>),
    /// The figures of the network as it was at the view's `generation`.
    Figuring {
        generation: u64,
        answer: Receiver<Figures>,
    },
}

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Work::None => "None",
            Work::ReadDue => "ReadDue",
            Work::Reading(_) => "Reading",
            Work::Figuring { .. } => "Figuring",
        })
    }
}

/// What came of a thread's work when asked.
pub enum Came {
    Nothing,
    Opened(Box<Opened>),
    /// The figures of the network at `generation`.
    Figures(Box<Figures>, u64),
    /// The figuring thread ended without them: to be worked out in place.
    FigureInPlace,
    /// The reading was stopped by a write of the app, or failed: to be read again (in place
    /// when it failed, where a failure is told).
    ReadAgain {
        in_place: bool,
    },
}

impl Work {
    /// Whether a thread works (or is about to) for the view.
    pub fn running(&self) -> bool {
        !matches!(self, Work::None)
    }

    /// Whether the network itself is being read (the view has none, or an outdated one).
    pub fn reading(&self) -> bool {
        matches!(self, Work::ReadDue | Work::Reading(_))
    }

    /// Starts reading the network on a thread; `false` when the workbook cannot (a read-only
    /// one, or one whose reader could not be opened): then it is read in place.
    pub fn start_reading(&mut self, wb: &mut Workbook) -> bool {
        match wb.read_in_background(open) {
            Ok(Some(reading)) => {
                *self = Work::Reading(reading);
                true
            }
            Ok(None) | Err(_) => {
                *self = Work::None;
                false
            }
        }
    }

    /// Starts working out the figures of `net`, the view's network at `generation`, on a
    /// thread; `false` when no thread could be started.
    pub fn start_figuring(&mut self, net: &EcosystemNetwork, generation: u64) -> bool {
        let (tell, answer) = mpsc::channel();
        let network = Arc::clone(&net.network);
        let names = Arc::clone(&net.names);
        let (links, partners) = (net.active_links, net.active_partners);
        let started = std::thread::Builder::new()
            .name("network figures".into())
            .spawn(move || {
                let _ = tell.send(Figures::of(&network, &names, links, partners));
            });
        if started.is_err() {
            return false;
        }
        *self = Work::Figuring { generation, answer };
        true
    }

    /// What the thread came to, without waiting; the work is done with once it came.
    pub fn came(&mut self) -> Came {
        let came = match self {
            Work::None | Work::ReadDue => return Came::Nothing,
            Work::Reading(reading) => match reading.heard() {
                Heard::Reading => return Came::Nothing,
                Heard::Read(opened) => Came::Opened(Box::new(opened)),
                Heard::Stopped => Came::ReadAgain { in_place: false },
                Heard::Failed(_) => Came::ReadAgain { in_place: true },
            },
            Work::Figuring { generation, answer } => match answer.try_recv() {
                Err(TryRecvError::Empty) => return Came::Nothing,
                Ok(figures) => Came::Figures(Box::new(figures), *generation),
                Err(TryRecvError::Disconnected) => Came::FigureInPlace,
            },
        };
        *self = Work::None;
        came
    }
}
