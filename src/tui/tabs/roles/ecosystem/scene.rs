//! What the network map shows for a selection and zoom: all partners when few, else the
//! selected partner's neighbourhood (two links out) or the most linked partners, and says so.

use std::collections::{HashMap, VecDeque};

use crate::plan::network_layout::{NetworkLayout, Point};
use crate::tui::widgets::network_map::{Emphasis, LinkLook, MapDot, MapLine, MapScene, Viewport};
use crate::workbook::{EcosystemNetwork, LinkRecord};

/// More partners than this crowd a terminal: the map shows a part of the network.
pub const LEGIBLE: usize = 40;
/// Up to this many partners on the map, every one is named; past it, only the selected
/// partner and its neighbours.
const NAMED: usize = 30;
/// How far (in links) the neighbourhood shown reaches.
pub const HOPS: usize = 2;

/// The network as the view read it: who is where and what marks them.
#[derive(Debug, Default)]
pub struct MapData {
    /// The network with its partners' ids and names, patched after a link's edit.
    pub net: EcosystemNetwork,
    /// Laid out from the network as it was at the last idle step (see `EcosystemView::idle`).
    pub layout: NetworkLayout,
    /// Stage symbol and type letter ("●T") of the partners (network indexes) shown so far:
    /// read as the map first shows them, never for every partner.
    pub marks: HashMap<usize, String>,
    /// The `LEGIBLE` most linked partners, most first: shown when the selected has no link.
    pub most_linked: Vec<usize>,
    /// The link kinds in list order: a kind's letter is its place, `a` first.
    pub kinds: Vec<String>,
}

impl MapData {
    /// The network's index of workbook partner `id`, when it is a current partner.
    pub fn at(&self, id: i64) -> Option<usize> {
        self.net.at(id)
    }

    /// The letter a link of `kind` is marked with on the map.
    pub fn kind_letter(&self, kind: &str) -> char {
        kind_letter(&self.kinds, kind)
    }

    fn point(&self, partner: usize) -> Point {
        self.layout
            .point(partner)
            .unwrap_or(Point { x: 0.5, y: 0.5 })
    }
}

/// The letter of `kind` among `kinds`: its place in the list, `a` first (`z` past 25 or for a
/// kind no longer in the list).
pub fn kind_letter(kinds: &[String], kind: &str) -> char {
    let at = kinds.iter().position(|k| k == kind).unwrap_or(25);
    char::from(b'a' + at.min(25) as u8)
}

/// Zoom steps (each halves the span) and pan, in quarters of the span.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct View {
    pub zoom: u8,
    pub pan: (i32, i32),
}

/// The partners the map shows around `selected`, and how the title says it.
pub fn shown(data: &MapData, selected: usize) -> (Vec<usize>, String) {
    let total = data.net.network.partners();
    if total <= LEGIBLE {
        return (
            (0..total).collect(),
            format!("Network map · all {total} partners"),
        );
    }
    let name = crate::tui::sanitize::clean(data.net.names.get(selected).unwrap_or(""));
    let count = crate::plan::numbers::group_thousands(total as i64);
    if data.net.network.links_of(selected) == 0 {
        let mut chosen: Vec<usize> = data
            .most_linked
            .iter()
            .copied()
            .filter(|&p| p != selected)
            .take(LEGIBLE - 1)
            .collect();
        chosen.push(selected);
        let title = format!(
            "Network map · {} partners of {count}: the most linked and {name}",
            chosen.len()
        );
        return (chosen, title);
    }
    let mut depth: HashMap<usize, usize> = HashMap::from([(selected, 0)]);
    let mut order = vec![selected];
    let mut queue = VecDeque::from([selected]);
    'walk: while let Some(at) = queue.pop_front() {
        let next = depth[&at] + 1;
        if next > HOPS {
            continue;
        }
        for n in data.net.network.neighbours(at) {
            if depth.contains_key(&n) {
                continue;
            }
            depth.insert(n, next);
            order.push(n);
            queue.push_back(n);
            if order.len() >= LEGIBLE {
                break 'walk;
            }
        }
    }
    let title = format!(
        "Network map · {} partners within {HOPS} links of {name}, of {count}",
        order.len()
    );
    (order, title)
}

/// The scene for `selected` (a network index) with its stored `links`, at `view`. `not_active`:
/// the planned and ended links (from id, to id, status) among the partners shown, drawn beside
/// the network's active ones.
pub fn scene(
    data: &MapData,
    selected: usize,
    links: &[LinkRecord],
    not_active: &[(i64, i64, String)],
    view: View,
) -> MapScene {
    if data.net.network.partners() == 0 {
        return MapScene {
            hub: Some((data.layout.hub().x, data.layout.hub().y)),
            title: "Network map · no current partners yet".into(),
            viewport: Viewport::default(),
            ..MapScene::default()
        };
    }
    let (partners, title) = shown(data, selected);
    let on_map: HashMap<usize, ()> = partners.iter().map(|&p| (p, ())).collect();
    let neighbours: HashMap<usize, ()> = data
        .net
        .network
        .neighbours(selected)
        .map(|n| (n, ()))
        .collect();
    let named_all = partners.len() <= NAMED;
    let dots = partners
        .iter()
        .map(|&p| {
            let emphasis = if p == selected {
                Emphasis::Selected
            } else if neighbours.contains_key(&p) {
                Emphasis::Neighbour
            } else {
                Emphasis::Other
            };
            let at = data.point(p);
            let label = if named_all || emphasis != Emphasis::Other {
                crate::tui::sanitize::clean(data.net.names.get(p).unwrap_or("")).into_owned()
            } else {
                String::new()
            };
            MapDot {
                x: at.x,
                y: at.y,
                mark: data.marks.get(&p).cloned().unwrap_or_default(),
                label,
                emphasis,
            }
        })
        .collect();
    let mut lines = Vec::new();
    for &a in &partners {
        if a == selected {
            continue;
        }
        for b in data.net.network.neighbours(a) {
            if a < b && b != selected && on_map.contains_key(&b) {
                let emphasis = if neighbours.contains_key(&a) && neighbours.contains_key(&b) {
                    Emphasis::Neighbour
                } else {
                    Emphasis::Other
                };
                lines.push(line(data, a, b, LinkLook::Active, None, emphasis));
            }
        }
    }
    // Planned and ended links among the others: their own pattern, marked no further.
    for (from, to, status) in not_active {
        let (Some(a), Some(b)) = (data.at(*from), data.at(*to)) else {
            continue;
        };
        if a == selected || b == selected || !on_map.contains_key(&a) || !on_map.contains_key(&b) {
            continue;
        }
        let emphasis = if neighbours.contains_key(&a) && neighbours.contains_key(&b) {
            Emphasis::Neighbour
        } else {
            Emphasis::Other
        };
        lines.push(line(data, a, b, LinkLook::of(status), None, emphasis));
    }
    // The selected partner's own links, of every status, each marked with its kind.
    for link in links {
        let other = if data.at(link.link.from) == Some(selected) {
            link.link.to
        } else {
            link.link.from
        };
        if let Some(b) = data.at(other).filter(|b| on_map.contains_key(b)) {
            let letter = data.kind_letter(&link.link.kind);
            lines.push(line(
                data,
                selected,
                b,
                LinkLook::of(&link.link.status),
                Some(letter),
                Emphasis::Selected,
            ));
        }
    }
    let hub = data.layout.hub();
    let show_hub = data.net.network.partners() <= LEGIBLE;
    MapScene {
        viewport: viewport(data, &partners, selected, show_hub, view),
        dots,
        lines,
        hub: show_hub.then_some((hub.x, hub.y)),
        title,
    }
}

fn line(
    data: &MapData,
    a: usize,
    b: usize,
    look: LinkLook,
    kind: Option<char>,
    emphasis: Emphasis,
) -> MapLine {
    let (from, to) = (data.point(a), data.point(b));
    MapLine {
        from: (from.x, from.y),
        to: (to.x, to.y),
        look,
        kind,
        emphasis,
    }
}

/// Fits what is shown (and the hub), then zooms on the selected partner and pans.
fn viewport(
    data: &MapData,
    partners: &[usize],
    selected: usize,
    with_hub: bool,
    view: View,
) -> Viewport {
    let mut points: Vec<Point> = partners.iter().map(|&p| data.point(p)).collect();
    if with_hub {
        points.push(data.layout.hub());
    }
    let min = |f: fn(&Point) -> f64| points.iter().map(f).fold(f64::MAX, f64::min);
    let max = |f: fn(&Point) -> f64| points.iter().map(f).fold(f64::MIN, f64::max);
    let (left, right) = (min(|p| p.x), max(|p| p.x));
    let (top, bottom) = (min(|p| p.y), max(|p| p.y));
    // Room to the right for names, and around for the marks; each axis fits on its own so
    // the map fills a wide area as well as a tall one.
    let scale = f64::from(1u32 << view.zoom.min(12));
    let fit_x = ((right - left) * 1.5).clamp(0.02, 1.5) / scale;
    let fit_y = ((bottom - top) * 1.15).clamp(0.02, 1.5) / scale;
    let (mut cx, mut cy) = if view.zoom == 0 {
        ((left + right) / 2.0 + fit_x * 0.15, (top + bottom) / 2.0)
    } else {
        let at = data.point(selected);
        (at.x + fit_x * 0.2, at.y)
    };
    cx += f64::from(view.pan.0) * fit_x / 4.0;
    cy += f64::from(view.pan.1) * fit_y / 4.0;
    Viewport {
        left: cx - fit_x / 2.0,
        top: cy - fit_y / 2.0,
        width: fit_x,
        height: fit_y,
    }
}
