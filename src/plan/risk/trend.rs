//! Which way a risk is heading, from the score history every change of likelihood or impact
//! records.
//!
//! The rule: order the points by `recorded_at` (points recorded at the same time keep the order
//! given). Take the latest point's current score (residual when set, else inherent). Walk back to
//! the latest earlier point whose recorded numbers differ from the latest's (a point recorded twice
//! with the same numbers says nothing). Higher now: ↑ worse; lower: ↓ better; the same score from
//! other numbers (2 × 3 after 3 × 2): → same. No such point, or no score: no trend.

use super::{Rating, current_score};

/// One row of a risk's score history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorePoint {
    /// A timestamp that sorts as text (ISO 8601).
    pub recorded_at: String,
    pub inherent: Option<Rating>,
    pub residual: Option<Rating>,
}

impl ScorePoint {
    /// The residual score when set, else the inherent one.
    pub fn current_score(&self) -> Option<i64> {
        current_score(self.inherent, self.residual)
    }
}

/// Which way a risk's current score last moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    Worse,
    Better,
    Same,
    /// Too little history to tell.
    None,
}

impl Trend {
    /// The arrow the register shows; empty for no trend.
    pub fn symbol(self) -> &'static str {
        match self {
            Trend::Worse => "↑",
            Trend::Better => "↓",
            Trend::Same => "→",
            Trend::None => "",
        }
    }

    /// The word for help text and screen readers.
    pub fn word(self) -> &'static str {
        match self {
            Trend::Worse => "worse",
            Trend::Better => "better",
            Trend::Same => "same",
            Trend::None => "no trend",
        }
    }
}

/// The trend of one risk's history (in any order).
pub fn trend(history: &[ScorePoint]) -> Trend {
    let mut points: Vec<&ScorePoint> = history.iter().collect();
    points.sort_by(|a, b| a.recorded_at.cmp(&b.recorded_at));
    let Some((latest, earlier)) = points.split_last() else {
        return Trend::None;
    };
    let recorded = |p: &ScorePoint| (p.inherent, p.residual);
    let previous = earlier
        .iter()
        .rev()
        .find(|p| recorded(p) != recorded(latest));
    let (Some(now), Some(before)) = (
        latest.current_score(),
        previous.and_then(|p| p.current_score()),
    ) else {
        return Trend::None;
    };
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => Trend::Worse,
        std::cmp::Ordering::Less => Trend::Better,
        std::cmp::Ordering::Equal => Trend::Same,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A point from numbers: inherent (l, i), residual (l, i) or 0 for none.
    fn point(at: &str, inherent: (i64, i64), residual: (i64, i64)) -> ScorePoint {
        let rating = |(l, i): (i64, i64)| Rating::from_values(Some(l), Some(i));
        ScorePoint {
            recorded_at: at.into(),
            inherent: rating(inherent),
            residual: rating(residual),
        }
    }

    #[test]
    fn worse_better_and_same() {
        let first = point("2026-01-01T09:00:00Z", (3, 3), (0, 0));
        let worse = point("2026-02-01T09:00:00Z", (4, 3), (0, 0));
        assert_eq!(trend(&[first.clone(), worse.clone()]), Trend::Worse);
        let better = point("2026-02-01T09:00:00Z", (3, 3), (2, 2));
        assert_eq!(trend(&[first.clone(), better]), Trend::Better);
        let same = point("2026-02-01T09:00:00Z", (3, 3), (3, 3));
        assert_eq!(trend(&[first.clone(), same]), Trend::Same);
        let swapped = point("2026-02-01T09:00:00Z", (2, 5), (0, 0));
        let before = point("2026-01-01T09:00:00Z", (5, 2), (0, 0));
        assert_eq!(trend(&[before, swapped]), Trend::Same);
        assert_eq!(Trend::Worse.symbol(), "↑");
        assert_eq!(Trend::Better.symbol(), "↓");
        assert_eq!(Trend::Same.symbol(), "→");
    }

    #[test]
    fn no_trend_without_two_different_points() {
        assert_eq!(trend(&[]), Trend::None);
        let only = point("2026-01-01T09:00:00Z", (3, 3), (0, 0));
        assert_eq!(trend(std::slice::from_ref(&only)), Trend::None);
        let again = point("2026-01-02T09:00:00Z", (3, 3), (0, 0));
        assert_eq!(trend(&[only, again]), Trend::None);
        assert_eq!(Trend::None.symbol(), "");
    }

    #[test]
    fn the_latest_is_compared_with_the_last_different_point_in_time_order() {
        let points = [
            // Given out of order: the trend sorts by time.
            point("2026-03-01T09:00:00Z", (2, 2), (0, 0)),
            point("2026-01-01T09:00:00Z", (1, 1), (0, 0)),
            point("2026-02-01T09:00:00Z", (4, 4), (0, 0)),
            // A repeat of the latest numbers is skipped.
            point("2026-03-02T09:00:00Z", (2, 2), (0, 0)),
        ];
        // 4 now against 16 in February (not 1 in January): better.
        assert_eq!(trend(&points), Trend::Better);
    }

    #[test]
    fn points_without_scores_give_no_trend() {
        let unrated = point("2026-01-01T09:00:00Z", (0, 0), (0, 0));
        let rated = point("2026-02-01T09:00:00Z", (3, 3), (0, 0));
        assert_eq!(trend(&[unrated.clone(), rated.clone()]), Trend::None);
        let cleared = point("2026-03-01T09:00:00Z", (0, 0), (0, 0));
        assert_eq!(trend(&[rated, cleared]), Trend::None);
    }
}
