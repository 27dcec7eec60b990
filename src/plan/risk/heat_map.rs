//! The heat map's counts (likelihood by impact, 5 × 5) and how each risk moved from inherent to
//! residual.

use super::{Impact, Likelihood, Rating};

/// How many risks sit in each cell of the 5 × 5 grid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeatMap {
    /// `counts[likelihood - 1][impact - 1]`.
    counts: [[usize; 5]; 5],
}

impl HeatMap {
    /// Counts the ratings given (inherent or residual, as the caller chooses); risks without a
    /// rating are simply left out by the caller.
    pub fn new(ratings: impl IntoIterator<Item = Rating>) -> HeatMap {
        let mut map = HeatMap::default();
        for rating in ratings {
            map.counts[cell_index(rating.likelihood.value())][cell_index(rating.impact.value())] +=
                1;
        }
        map
    }

    /// The risks in one cell.
    pub fn count(&self, likelihood: Likelihood, impact: Impact) -> usize {
        self.counts[cell_index(likelihood.value())][cell_index(impact.value())]
    }

    /// All risks on the map.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }
}

/// A 1–5 value as an index of the grid.
fn cell_index(value: i64) -> usize {
    usize::try_from(value - 1).unwrap_or(0).min(4)
}

/// A risk's two assessments, as the movement view needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatedRisk {
    pub id: i64,
    pub inherent: Option<Rating>,
    pub residual: Option<Rating>,
}

/// One row of the movement view: where a risk started and where its treatment leaves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Movement {
    pub risk_id: i64,
    pub inherent: Rating,
    /// `None` while no residual assessment is made.
    pub residual: Option<Rating>,
}

impl Movement {
    /// Residual score minus inherent score: negative when the treatment lowers the risk; `None`
    /// without a residual assessment.
    pub fn change(&self) -> Option<i64> {
        self.residual
            .map(|residual| residual.score() - self.inherent.score())
    }
}

/// The movement of every risk with an inherent assessment: the biggest falls first, then the
/// rises, then the risks with no residual yet; ties by id.
pub fn movements(risks: &[RatedRisk]) -> Vec<Movement> {
    let mut rows: Vec<Movement> = risks
        .iter()
        .filter_map(|risk| {
            Some(Movement {
                risk_id: risk.id,
                inherent: risk.inherent?,
                residual: risk.residual,
            })
        })
        .collect();
    rows.sort_by_key(|m| (m.change().is_none(), m.change(), m.risk_id));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(l: i64, i: i64) -> Rating {
        Rating::from_values(Some(l), Some(i)).unwrap()
    }

    #[test]
    fn counts_land_in_their_cells() {
        let map = HeatMap::new([rating(1, 1), rating(5, 5), rating(5, 5), rating(2, 4)]);
        assert_eq!(map.count(Likelihood::Rare, Impact::Negligible), 1);
        assert_eq!(map.count(Likelihood::AlmostCertain, Impact::Severe), 2);
        assert_eq!(map.count(Likelihood::Unlikely, Impact::Major), 1);
        // Likelihood and impact are not swapped.
        assert_eq!(map.count(Likelihood::Likely, Impact::Minor), 0);
        assert_eq!(map.total(), 4);
        assert_eq!(HeatMap::new([]).total(), 0);
    }

    #[test]
    fn movement_rows_show_the_change_biggest_fall_first() {
        let rated = |id, inherent, residual| RatedRisk {
            id,
            inherent,
            residual,
        };
        let risks = [
            rated(1, Some(rating(4, 4)), Some(rating(2, 4))),
            rated(2, Some(rating(5, 5)), Some(rating(1, 5))),
            rated(3, Some(rating(2, 2)), None),
            rated(4, Some(rating(2, 2)), Some(rating(3, 2))),
            // No inherent assessment: no row.
            rated(5, None, Some(rating(1, 1))),
        ];
        let rows = movements(&risks);
        let seen: Vec<_> = rows.iter().map(|m| (m.risk_id, m.change())).collect();
        assert_eq!(
            seen,
            [(2, Some(-20)), (1, Some(-8)), (4, Some(2)), (3, None)]
        );
    }
}
