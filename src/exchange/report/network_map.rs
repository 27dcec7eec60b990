//! The network map as one inline SVG: partners where `plan::network_layout` places them, links
//! by kind as line patterns (so they read in black and white), brokers ringed, the hub a square.
//! Self-contained for print: a viewBox, presentation attributes instead of the page's classes,
//! nothing fetched; every name passes through `html_text`.

use std::fmt::Write;

use super::ecosystem::NetworkMap;
use super::escape::html_text;

const WIDTH: f64 = 760.0;
const MAP_HEIGHT: f64 = 520.0;
/// Room around the plotted square for dots and labels.
const PAD_X: f64 = 24.0;
const PAD_Y: f64 = 20.0;
const LEGEND_ROW: f64 = 18.0;
const INK: &str = "#1f2430";
const ACCENT: &str = "#23577a";
const LINK: &str = "#6b7480";
const RIVAL: &str = "#b3402a";

/// The dash pattern of a link kind (empty: solid); kinds beyond the shipped list share one.
fn dashes(kind: &str) -> &'static str {
    match kind.trim().to_lowercase().as_str() {
        "integrates with" => "",
        "co-sells with" => "7 3",
        "supplies" => "1.5 2.5",
        "co-develops" => "10 3 2 3",
        "refers" => "1 6",
        "shares data with" => "8 2 2 2 2 2",
        "competes with" => "4 2",
        _ => "3 3 1 3",
    }
}

fn stroke(kind: &str) -> (&'static str, f64) {
    if kind.trim().eq_ignore_ascii_case("competes with") {
        (RIVAL, 1.8)
    } else {
        (LINK, 1.2)
    }
}

/// A line of `kind` from (x1, y1) to (x2, y2).
fn line(svg: &mut String, kind: &str, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
    let (colour, width) = stroke(kind);
    let dash = match dashes(kind) {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    };
    let _ = write!(
        svg,
        "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" \
         stroke-width=\"{width}\"{dash}/>"
    );
}

/// A partner's dot: filled when active, hollow otherwise, ringed when a broker.
fn dot(svg: &mut String, (x, y): (f64, f64), active: bool, broker: bool) {
    let fill = if active { ACCENT } else { "#ffffff" };
    let _ = write!(
        svg,
        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{fill}\" stroke=\"{ACCENT}\" \
         stroke-width=\"1.5\"/>"
    );
    if broker {
        let _ = write!(
            svg,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\" fill=\"none\" stroke=\"{INK}\" \
             stroke-width=\"1.2\"/>"
        );
    }
}

fn hub_mark(svg: &mut String, (x, y): (f64, f64)) {
    let _ = write!(
        svg,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{INK}\"/>",
        x - 6.0,
        y - 6.0
    );
}

/// Labels placed one by one beside their points, each on the first side (right, left, above,
/// below) where it overlaps no dot or label already placed and stays inside the map; a point
/// with no such side goes unlabelled (the hub's label is always drawn) and is counted.
#[derive(Default)]
struct Labels {
    placed: Vec<(f64, f64, f64, f64)>,
    left_out: usize,
}

/// About how wide a 10px label is: the report's sans-serif averages under 0.6 em a letter.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.0
}

impl Labels {
    /// Places the label; `always` draws it on the first side even when crowded.
    fn place(&mut self, svg: &mut String, (x, y): (f64, f64), text: &str, always: bool) {
        let bold = always;
        let w = text_width(text) * if bold { 1.1 } else { 1.0 };
        let h = 11.0;
        // (left edge, baseline, anchor) per side.
        let sides = [
            (x + 9.0, y + 3.5, "start"),
            (x - 9.0 - w, y + 3.5, "start"),
            (x - w / 2.0, y - 9.0, "start"),
            (x - w / 2.0, y + 16.0, "start"),
        ];
        let fits = |&(left, base, _): &(f64, f64, &str)| {
            let (top, right) = (base - h + 2.0, left + w);
            let inside = left >= 2.0 && right <= WIDTH - 2.0 && top >= 2.0 && base <= MAP_HEIGHT;
            let clear = self
                .placed
                .iter()
                .all(|&(l, t, r, b)| right <= l || left >= r || base <= t || top >= b);
            inside && clear
        };
        let fallback = if x + 9.0 + w > WIDTH - 2.0 {
            sides[1]
        } else {
            sides[0]
        };
        let found = sides.iter().copied().find(|s| fits(s));
        let Some((left, base, anchor)) = found.or(always.then_some(fallback)) else {
            self.left_out += 1;
            return;
        };
        self.placed.push((left, base - h + 2.0, left + w, base));
        let weight = if bold { " font-weight=\"700\"" } else { "" };
        let _ = write!(
            svg,
            "<text x=\"{left:.1}\" y=\"{base:.1}\" font-size=\"10\" text-anchor=\"{anchor}\" \
             fill=\"{INK}\"{weight}>{}</text>",
            html_text(text)
        );
    }
}

/// Where the layout's unit square lands on the map: the points' bounding box (the hub's place
/// included) scaled evenly to fill the map, centred, so the picture keeps the layout's shape.
fn fit(map: &NetworkMap) -> impl Fn(f64, f64) -> (f64, f64) {
    let xs = map.partners.iter().map(|p| p.x).chain([map.hub.0]);
    let ys = map.partners.iter().map(|p| p.y).chain([map.hub.1]);
    let span = |it: &mut dyn Iterator<Item = f64>| {
        it.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let (x0, x1) = span(&mut xs.map(|v| v.clamp(0.0, 1.0)));
    let (y0, y1) = span(&mut ys.map(|v| v.clamp(0.0, 1.0)));
    // Room for the longest labels at the sides.
    let (inner_w, inner_h) = (WIDTH - 2.0 * PAD_X - 160.0, MAP_HEIGHT - 2.0 * PAD_Y);
    let (dx, dy) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    let scale = (inner_w / dx)
        .min(inner_h / dy)
        .min(inner_w.max(inner_h) * 4.0);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    move |x: f64, y: f64| {
        (
            WIDTH / 2.0 + (x.clamp(0.0, 1.0) - cx) * scale,
            MAP_HEIGHT / 2.0 + (y.clamp(0.0, 1.0) - cy) * scale,
        )
    }
}

/// The map; `caption` is its accessible name.
pub fn network_map(map: &NetworkMap, caption: &str) -> String {
    let mut kinds: Vec<&str> = map.links.iter().map(|l| l.kind.as_str()).collect();
    kinds.sort_by_key(|k| k.to_lowercase());
    kinds.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    // Marks, the kinds three to a row, and a line for names left off.
    let legend_rows = 2 + kinds.len().max(1).div_ceil(3);
    let height = MAP_HEIGHT + legend_rows as f64 * LEGEND_ROW + 8.0;
    let mut svg = format!(
        "<svg width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" style=\"max-width:100%;height:auto\" role=\"img\" \
         aria-label=\"{}\"><title>{}</title>",
        html_text(caption),
        html_text(caption)
    );
    let place = fit(map);
    let _ = write!(
        svg,
        "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" \
         stroke=\"#d5d9e0\"/>",
        WIDTH - 1.0,
        MAP_HEIGHT - 1.0
    );
    let at: Vec<(f64, f64)> = map.partners.iter().map(|p| place(p.x, p.y)).collect();
    for link in &map.links {
        if let (Some(a), Some(b)) = (at.get(link.a), at.get(link.b)) {
            line(&mut svg, &link.kind, *a, *b);
        }
    }
    let hub = place(map.hub.0, map.hub.1);
    hub_mark(&mut svg, hub);
    for (partner, point) in map.partners.iter().zip(&at) {
        dot(&mut svg, *point, partner.active, partner.broker);
    }
    // Labels keep clear of every dot, the hub's included.
    let mut labels = Labels::default();
    for &(x, y) in at.iter().chain([&hub]) {
        labels.placed.push((x - 7.0, y - 7.0, x + 7.0, y + 7.0));
    }
    labels.place(&mut svg, hub, &map.hub_name, true);
    // Brokers first, then the most linked, so crowding leaves out the least telling names.
    let mut order: Vec<usize> = (0..map.partners.len()).collect();
    order.sort_by_key(|&i| {
        let p = &map.partners[i];
        (!p.broker, std::cmp::Reverse(p.links), i)
    });
    for i in order {
        labels.place(&mut svg, at[i], &map.partners[i].name, false);
    }
    legend(&mut svg, &kinds, labels.left_out);
    svg.push_str("</svg>");
    svg
}

/// Marks first, then one sample line per kind of link drawn, three to a row.
fn legend(svg: &mut String, kinds: &[&str], unlabelled: usize) {
    let mut y = MAP_HEIGHT + LEGEND_ROW;
    let text = |svg: &mut String, x: f64, y: f64, words: &str| {
        let _ = write!(
            svg,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{INK}\">{}</text>",
            y + 4.0,
            html_text(words)
        );
    };
    dot(svg, (PAD_X, y), true, false);
    text(svg, PAD_X + 10.0, y, "active partner");
    dot(svg, (PAD_X + 140.0, y), false, false);
    text(svg, PAD_X + 150.0, y, "partner at another stage");
    dot(svg, (PAD_X + 330.0, y), false, true);
    text(svg, PAD_X + 342.0, y, "broker (its exit cuts others off)");
    hub_mark(svg, (PAD_X + 580.0, y));
    text(svg, PAD_X + 590.0, y, "you (the hub)");
    y += LEGEND_ROW;
    if kinds.is_empty() {
        text(svg, PAD_X, y, "No active links between partners yet.");
    }
    for (i, kind) in kinds.iter().enumerate() {
        let x = PAD_X + (i % 3) as f64 * 240.0;
        let row = y + (i / 3) as f64 * LEGEND_ROW;
        line(svg, kind, (x - 6.0, row), (x + 30.0, row));
        text(svg, x + 36.0, row, kind);
    }
    if unlabelled > 0 {
        let row = y + kinds.len().max(1).div_ceil(3) as f64 * LEGEND_ROW;
        let names = if unlabelled == 1 { "name" } else { "names" };
        text(
            svg,
            PAD_X - 6.0,
            row,
            &format!(
                "{unlabelled} {names} left off where partners crowd; the tables below name the \
                 brokers and the loners."
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::ecosystem::{MapLink, MapPartner};
    use super::*;

    fn partner(name: &str, x: f64, y: f64) -> MapPartner {
        MapPartner {
            name: name.into(),
            x,
            y,
            active: true,
            broker: false,
            links: 1,
        }
    }

    /// Every number after `attribute="` in the SVG.
    fn values(svg: &str, attribute: &str) -> Vec<f64> {
        svg.split(&format!(" {attribute}=\""))
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn a_crowd_on_one_spot_stays_inside_and_says_how_many_names_were_left_off() {
        let map = NetworkMap {
            partners: (0..50)
                .map(|i| partner(&format!("P{i}"), 0.5, 0.5))
                .collect(),
            links: vec![MapLink {
                a: 0,
                b: 1,
                kind: "refers".into(),
            }],
            hub: (0.5, 0.5),
            hub_name: "Acme".into(),
            total: 50,
        };
        let svg = network_map(&map, "map");
        for x in values(&svg, "cx").into_iter().chain(values(&svg, "x1")) {
            assert!((0.0..=WIDTH).contains(&x), "{x}");
        }
        let height = values(&svg, "height")[0];
        for y in values(&svg, "cy") {
            assert!((0.0..=height).contains(&y), "{y} outside 0..{height}");
        }
        // The partners' dots (the legend's are below the map) sit in the map's middle.
        assert!(
            values(&svg, "cy")[..50]
                .iter()
                .all(|&y| y == MAP_HEIGHT / 2.0)
        );
        assert!(svg.contains(">Acme</text>"), "the hub is always named");
        let named = (0..50)
            .filter(|i| svg.contains(&format!(">P{i}</text>")))
            .count();
        assert!(named < 50, "not every name fits on one spot");
        assert!(
            svg.contains(&format!(
                ">{} names left off where partners crowd",
                50 - named
            )),
            "{svg}"
        );
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn each_kind_of_link_has_its_own_pattern_and_unknown_kinds_share_one() {
        let shipped = [
            "integrates with",
            "co-sells with",
            "supplies",
            "co-develops",
            "refers",
            "shares data with",
            "competes with",
        ];
        let patterns: std::collections::HashSet<_> = shipped.iter().map(|k| dashes(k)).collect();
        assert_eq!(patterns.len(), shipped.len());
        assert_eq!(dashes("licenses to"), dashes("white-labels"));
        assert!(!patterns.contains(dashes("licenses to")));
        assert_eq!(
            stroke("Competes With").0,
            RIVAL,
            "rivals stand out in colour too"
        );
    }

    #[test]
    fn an_empty_network_draws_the_hub_and_says_there_are_no_links() {
        let svg = network_map(
            &NetworkMap {
                hub_name: "You (the hub)".into(),
                hub: (0.5, 0.5),
                ..NetworkMap::default()
            },
            "map",
        );
        assert!(svg.contains(">You (the hub)</text>"));
        assert!(svg.contains("No active links between partners yet."));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
