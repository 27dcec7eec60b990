//! Where each partner of the network is drawn: a deterministic layout in the unit square.
//!
//! # API (kept stable: the app's map and the report's SVG map share it)
//!
//! ```
//! use partnerplan::plan::network::Network;
//! use partnerplan::plan::network_layout::NetworkLayout;
//!
//! let mut net = Network::new(3);
//! net.link(0, 1);
//! let layout = NetworkLayout::of(&net);
//! let p = layout.point(0).unwrap(); // partner 0, indexed as in the network
//! assert!((0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y));
//! let hub = layout.hub(); // the hub's own place
//! assert_eq!(layout.len(), 3);
//! # let _ = hub;
//! ```
//!
//! - `NetworkLayout::of(&Network)` places every partner; `point(i)` is partner `i`'s place,
//!   `points()` all of them in the network's order, `hub()` the hub's place, `group_of(i)` the
//!   group (cell) a partner was laid out in.
//! - Coordinates lie in [0, 1]², `(0, 0)` at the top left, `y` growing downward as on a screen
//!   or in SVG (a canvas whose `y` grows upward draws `1 - y`). Never NaN, never outside.
//! - Same network → same coordinates, bit for bit: no randomness, no hashing, no clock.
//!
//! How: each cluster (partners linked to each other) gets a square cell of its own, its side
//! growing with the square root of its size so every cell is about as dense; partners linked to
//! no other partner share the hub's cell, around the hub, since they work with the hub alone.
//! Cells are packed in rows, largest first. Inside a cell, partners sit on a sunflower spiral,
//! the most linked at the centre and the least linked at the rim. Linear in partners and links
//! plus one sort, so 100,000 partners and 300,000 links take a few tens of milliseconds.

use super::network::Network;

/// A place in the unit square; `y` grows downward.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Every partner's place, and the hub's.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkLayout {
    points: Vec<Point>,
    groups: Vec<usize>,
    hub: Point,
}

impl Default for NetworkLayout {
    /// No partner, the hub in the middle.
    fn default() -> NetworkLayout {
        NetworkLayout::of(&Network::new(0))
    }
}

/// The golden angle in radians: successive spiral seeds never line up.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;
/// Space left around each cell, in the units where one partner needs about one.
const CELL_GAP: f64 = 0.6;
/// Space left along the square's edges, as a share of its side.
const MARGIN: f64 = 0.02;

/// One cell to pack: its members, the most linked first (the hub's cell starts with no one,
/// the hub taking the centre).
struct Cell {
    members: Vec<usize>,
    with_hub: bool,
}

impl Cell {
    fn seats(&self) -> usize {
        self.members.len() + usize::from(self.with_hub)
    }

    fn side(&self) -> f64 {
        (self.seats().max(1) as f64).sqrt()
    }
}

impl NetworkLayout {
    /// Lays out `network`; see the module's doc for how.
    pub fn of(network: &Network) -> NetworkLayout {
        let n = network.partners();
        let by_links = |a: &usize, b: &usize| {
            network
                .links_of(*b)
                .cmp(&network.links_of(*a))
                .then(a.cmp(b))
        };
        let mut cells: Vec<Cell> = network
            .clusters()
            .into_iter()
            .map(|mut members| {
                members.sort_by(by_links);
                Cell {
                    members,
                    with_hub: false,
                }
            })
            .collect();
        cells.push(Cell {
            members: network.isolated(),
            with_hub: true,
        });
        // Largest first; among equals the hub's cell first, then by first member: stable.
        cells.sort_by(|a, b| {
            b.seats()
                .cmp(&a.seats())
                .then(b.with_hub.cmp(&a.with_hub))
                .then(a.members.first().cmp(&b.members.first()))
        });

        let placed = pack(&cells);
        let mut points = vec![Point { x: 0.5, y: 0.5 }; n];
        let mut groups = vec![0; n];
        let mut hub = Point { x: 0.5, y: 0.5 };
        for (index, (cell, corner)) in cells.iter().zip(&placed).enumerate() {
            let side = cell.side();
            let centre = Point {
                x: corner.x + side / 2.0,
                y: corner.y + side / 2.0,
            };
            let seats = cell.seats();
            let radius = side / 2.0;
            let offset = usize::from(cell.with_hub);
            if cell.with_hub {
                hub = centre;
            }
            for (k, &partner) in cell.members.iter().enumerate() {
                let seat = k + offset;
                let r = radius * ((seat as f64 + 0.5) / seats as f64).sqrt();
                let angle = seat as f64 * GOLDEN_ANGLE;
                if let Some(point) = points.get_mut(partner) {
                    *point = Point {
                        x: centre.x + r * angle.cos(),
                        y: centre.y + r * angle.sin(),
                    };
                }
                if let Some(group) = groups.get_mut(partner) {
                    *group = index;
                }
            }
        }

        // Scale the packed cells into the square, keeping their proportions, centred.
        let (mut width, mut height) = (0.0f64, 0.0f64);
        for (cell, corner) in cells.iter().zip(&placed) {
            width = width.max(corner.x + cell.side() + CELL_GAP);
            height = height.max(corner.y + cell.side() + CELL_GAP);
        }
        let extent = width.max(height).max(f64::MIN_POSITIVE);
        let scale = (1.0 - 2.0 * MARGIN) / extent;
        let shift_x = MARGIN + (extent - width) * scale / 2.0;
        let shift_y = MARGIN + (extent - height) * scale / 2.0;
        let fit = |p: Point| Point {
            x: unit(shift_x + (p.x + CELL_GAP / 2.0) * scale),
            y: unit(shift_y + (p.y + CELL_GAP / 2.0) * scale),
        };
        NetworkLayout {
            points: points.into_iter().map(fit).collect(),
            groups,
            hub: fit(hub),
        }
    }

    /// Partner `partner`'s place, `None` past the network's partners.
    pub fn point(&self, partner: usize) -> Option<Point> {
        self.points.get(partner).copied()
    }

    /// Every partner's place, in the network's order.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// The hub's place: the centre of the cell of partners that work with the hub alone.
    pub fn hub(&self) -> Point {
        self.hub
    }

    /// The cell partner `partner` was laid out in: partners of one cluster share one.
    pub fn group_of(&self, partner: usize) -> Option<usize> {
        self.groups.get(partner).copied()
    }

    /// How many partners are placed.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

/// Top-left corners of the cells packed in rows (largest first, so each row is as tall as its
/// first cell), the rows about as wide as the whole is tall.
fn pack(cells: &[Cell]) -> Vec<Point> {
    let area: f64 = cells
        .iter()
        .map(|c| (c.side() + CELL_GAP).powi(2))
        .sum::<f64>();
    let widest = cells
        .iter()
        .map(|c| c.side() + CELL_GAP)
        .fold(0.0f64, f64::max);
    let row_width = area.sqrt().max(widest);
    let mut corners = Vec::with_capacity(cells.len());
    let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
    for cell in cells {
        let side = cell.side() + CELL_GAP;
        if x > 0.0 && x + side > row_width + 1e-9 {
            x = 0.0;
            y += row_height;
            row_height = 0.0;
        }
        corners.push(Point { x, y });
        x += side;
        row_height = row_height.max(side);
    }
    corners
}

/// A coordinate kept inside [0, 1]; anything not a number lands in the middle.
fn unit(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.5
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network(partners: usize, links: &[(usize, usize)]) -> Network {
        let links: Vec<(u32, u32)> = links.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        Network::with_links(partners, &links)
    }

    /// A generated network: `clusters` chains of `size` partners with a chord each, then
    /// isolated partners; links by a fixed arithmetic walk, no randomness.
    fn generated(partners: usize, links: usize) -> Network {
        let mut pairs = Vec::with_capacity(links);
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..links {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let a = (state >> 33) as usize % partners;
            // Mostly near neighbours, so clusters of many sizes form.
            let b = (a + 1 + (state >> 13) as usize % 7) % partners;
            pairs.push((a as u32, b as u32));
        }
        Network::with_links(partners, &pairs)
    }

    fn inside(p: Point) -> bool {
        p.x.is_finite()
            && p.y.is_finite()
            && (0.0..=1.0).contains(&p.x)
            && (0.0..=1.0).contains(&p.y)
    }

    fn distance(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    #[test]
    fn an_empty_network_has_the_hub_in_the_square_and_no_partner() {
        let layout = NetworkLayout::of(&Network::new(0));
        assert!(layout.is_empty());
        assert!(inside(layout.hub()));
        assert_eq!(layout.point(0), None);
    }

    #[test]
    fn one_partner_alone_sits_apart_from_the_hub_inside_the_square() {
        let layout = NetworkLayout::of(&Network::new(1));
        let p = layout.point(0).unwrap();
        assert!(inside(p) && inside(layout.hub()));
        assert!(distance(p, layout.hub()) > 0.01, "{p:?} {:?}", layout.hub());
    }

    #[test]
    fn the_same_network_gives_the_same_places_bit_for_bit() {
        let net = generated(2_000, 3_000);
        let a = NetworkLayout::of(&net);
        let b = NetworkLayout::of(&net.clone());
        assert_eq!(a, b);
        let bits = |l: &NetworkLayout| -> Vec<(u64, u64)> {
            l.points()
                .iter()
                .map(|p| (p.x.to_bits(), p.y.to_bits()))
                .collect()
        };
        assert_eq!(bits(&a), bits(&b));
    }

    #[test]
    fn every_place_is_a_number_inside_the_square() {
        for (partners, links) in [
            (1, 0),
            (2, 1),
            (3, 3),
            (50, 0),
            (500, 2_000),
            (10_000, 4_000),
        ] {
            let layout = NetworkLayout::of(&generated(partners, links));
            assert_eq!(layout.len(), partners);
            assert!(inside(layout.hub()));
            for (i, p) in layout.points().iter().enumerate() {
                assert!(inside(*p), "{partners}/{links}: partner {i} at {p:?}");
            }
        }
    }

    #[test]
    fn clusters_keep_together_in_cells_that_do_not_overlap() {
        // Two triangles, a pair, and two partners alone.
        let net = network(
            10,
            &[(0, 1), (1, 2), (2, 0), (5, 6), (6, 7), (7, 5), (8, 9)],
        );
        let layout = NetworkLayout::of(&net);
        let group = |i| layout.group_of(i).unwrap();
        assert_eq!(group(0), group(1));
        assert_eq!(group(1), group(2));
        assert_eq!(group(5), group(7));
        assert_eq!(group(3), group(4), "partners alone share the hub's cell");
        assert_ne!(group(0), group(5));
        assert_ne!(group(0), group(8));
        // Bounding boxes of the clusters are apart.
        let bounds = |members: &[usize]| {
            let xs: Vec<f64> = members
                .iter()
                .map(|&m| layout.point(m).unwrap().x)
                .collect();
            let ys: Vec<f64> = members
                .iter()
                .map(|&m| layout.point(m).unwrap().y)
                .collect();
            let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
            let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
            (min(&xs), max(&xs), min(&ys), max(&ys))
        };
        let apart = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
            a.1 < b.0 || b.1 < a.0 || a.3 < b.2 || b.3 < a.2
        };
        let one = bounds(&[0, 1, 2]);
        let two = bounds(&[5, 6, 7]);
        let pair = bounds(&[8, 9]);
        assert!(apart(one, two), "{one:?} {two:?}");
        assert!(apart(one, pair) && apart(two, pair));
        // A partner is nearer the rest of its cluster than the other cluster.
        let p0 = layout.point(0).unwrap();
        assert!(distance(p0, layout.point(1).unwrap()) < distance(p0, layout.point(5).unwrap()));
    }

    #[test]
    fn the_most_linked_partner_sits_at_its_cluster_s_centre_and_partners_alone_ring_the_hub() {
        let net = network(7, &[(3, 0), (3, 1), (3, 2), (3, 4)]);
        let layout = NetworkLayout::of(&net);
        let centre = layout.point(3).unwrap();
        let star = [0, 1, 2, 3, 4];
        let mean_distance = |from: usize| -> f64 {
            let p = layout.point(from).unwrap();
            star.iter()
                .map(|&i| distance(p, layout.point(i).unwrap()))
                .sum::<f64>()
                / 4.0
        };
        for leaf in [0, 1, 2, 4] {
            assert!(mean_distance(3) < mean_distance(leaf), "leaf {leaf}");
        }
        // Partners 5 and 6 work with the hub alone: they sit nearer the hub than the star.
        let hub = layout.hub();
        for alone in [5, 6] {
            let p = layout.point(alone).unwrap();
            assert!(
                distance(p, hub) < distance(centre, hub),
                "{alone}: {p:?} hub {hub:?}"
            );
        }
    }

    #[test]
    fn no_two_partners_share_a_place_in_a_mid_sized_network() {
        let layout = NetworkLayout::of(&generated(300, 400));
        let mut seen: Vec<(u64, u64)> = layout
            .points()
            .iter()
            .map(|p| (p.x.to_bits(), p.y.to_bits()))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 300);
    }

    #[test]
    fn a_hundred_thousand_partners_are_all_placed() {
        let layout = NetworkLayout::of(&generated(100_000, 300_000));
        assert_eq!(layout.len(), 100_000);
        assert!(layout.points().iter().all(|p| inside(*p)));
    }
}
