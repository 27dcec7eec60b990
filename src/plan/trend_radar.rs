//! Where each trend sits on the radar, shared by the terminal and the report: rings by horizon
//! (now innermost), a quarter per category, trends spread within their cell.

use std::f64::consts::FRAC_PI_2;

use super::trend::{TrendCategory, TrendHorizon};

/// The outer edge of each ring, as a share of the radar's radius (now, 1–2 years, 3–5 years).
pub const RING_EDGES: [f64; 3] = [1.0 / 3.0, 2.0 / 3.0, 1.0];

/// A trend's place: `x` right, `y` up, both within the unit circle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// The trend's position in the list given to `place`.
    pub index: usize,
    pub x: f64,
    pub y: f64,
}

/// The quarter a category holds, as (start, end) angles in radians counter-clockwise from
/// "east": technology top right, market top left, regulation bottom left, society bottom right.
pub fn sector(category: TrendCategory) -> (f64, f64) {
    let quarter = match category {
        TrendCategory::Technology => 0.0,
        TrendCategory::Market => 1.0,
        TrendCategory::Regulation => 2.0,
        TrendCategory::Society => 3.0,
    };
    (quarter * FRAC_PI_2, (quarter + 1.0) * FRAC_PI_2)
}

/// The inner and outer radius of a horizon's ring.
pub fn ring(horizon: TrendHorizon) -> (f64, f64) {
    let index = horizon.ring();
    let inner = if index == 0 {
        0.0
    } else {
        RING_EDGES[index - 1]
    };
    (inner, RING_EDGES[index])
}

/// Every trend's dot, in the order given. Trends of one cell (category × horizon) are spread
/// evenly across its angle, every other one nearer the ring's outer edge when many share it, so
/// no two sit on each other.
pub fn place(trends: &[(TrendCategory, TrendHorizon)]) -> Vec<Dot> {
    let mut dots = Vec::with_capacity(trends.len());
    for (index, &(category, horizon)) in trends.iter().enumerate() {
        let same: Vec<usize> = trends
            .iter()
            .enumerate()
            .filter(|(_, t)| **t == (category, horizon))
            .map(|(i, _)| i)
            .collect();
        let count = same.len();
        let rank = same.iter().position(|&i| i == index).unwrap_or(0);
        let (start, end) = sector(category);
        let angle = start + (end - start) * (rank as f64 + 1.0) / (count as f64 + 1.0);
        let (inner, outer) = ring(horizon);
        // The innermost ring keeps off the very centre, where the quarters meet.
        let inner = if inner == 0.0 { outer * 0.35 } else { inner };
        let share = if count > 3 {
            if rank % 2 == 0 { 0.3 } else { 0.7 }
        } else {
            0.5
        };
        let radius = inner + (outer - inner) * share;
        dots.push(Dot {
            index,
            x: radius * angle.cos(),
            y: radius * angle.sin(),
        });
    }
    dots
}

/// The mark that stands for the trend at `index` on the radar and in its legend: 1–9, then
/// A–Z, then a dot for the rest (the legend lists them all).
pub fn marker(index: usize) -> char {
    match index {
        0..=8 => char::from(b'1' + index as u8),
        9..=34 => char::from(b'A' + (index - 9) as u8),
        _ => '•',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polar(dot: &Dot) -> (f64, f64) {
        let angle = dot.y.atan2(dot.x);
        let angle = if angle < 0.0 {
            angle + 4.0 * FRAC_PI_2
        } else {
            angle
        };
        ((dot.x * dot.x + dot.y * dot.y).sqrt(), angle)
    }

    #[test]
    fn each_dot_sits_in_its_category_quarter_and_its_horizon_ring() {
        let mut trends = Vec::new();
        for category in TrendCategory::ALL {
            for horizon in TrendHorizon::ALL {
                for _ in 0..5 {
                    trends.push((category, horizon));
                }
            }
        }
        let dots = place(&trends);
        assert_eq!(dots.len(), trends.len());
        for (dot, (category, horizon)) in dots.iter().zip(&trends) {
            let (radius, angle) = polar(dot);
            let (start, end) = sector(*category);
            let (inner, outer) = ring(*horizon);
            assert!(start < angle && angle < end, "{category:?}: {angle}");
            assert!(inner < radius && radius < outer, "{horizon:?}: {radius}");
        }
        // Nothing sits on anything else.
        for (i, a) in dots.iter().enumerate() {
            for b in &dots[i + 1..] {
                let apart = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
                assert!(apart > 0.05, "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn technology_is_top_right_and_now_is_nearest_the_centre() {
        let dots = place(&[
            (TrendCategory::Technology, TrendHorizon::Now),
            (TrendCategory::Regulation, TrendHorizon::Far),
        ]);
        assert!(dots[0].x > 0.0 && dots[0].y > 0.0);
        assert!(dots[1].x < 0.0 && dots[1].y < 0.0);
        assert!(polar(&dots[0]).0 < RING_EDGES[0]);
        assert!(polar(&dots[1]).0 > RING_EDGES[1]);
    }

    #[test]
    fn markers_run_through_digits_then_letters() {
        assert_eq!(marker(0), '1');
        assert_eq!(marker(8), '9');
        assert_eq!(marker(9), 'A');
        assert_eq!(marker(34), 'Z');
        assert_eq!(marker(35), '•');
    }
}
