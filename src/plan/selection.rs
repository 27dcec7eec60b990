//! Partner selection rules: fit score from weighted criteria, pass/fail gates, ranking with ties,
//! and rank stability when each weight moves by ±20%.

/// A selection criterion as the rules need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: i64,
    pub name: String,
    /// Relative importance (≥ 0); only the ratio between weights matters.
    pub weight: f64,
    /// A pass/fail gate, outside the fit score.
    pub is_gate: bool,
}

/// One partner's assessment against one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assessment {
    /// A score from 1 (poor) to 5 (excellent).
    Score(u8),
    /// The result of a gate.
    Gate(bool),
}

/// The words of the 1–5 scale, shown next to the numbers.
pub const SCALE_WORDS: [&str; 5] = ["poor", "weak", "adequate", "strong", "excellent"];

/// Where a partner stands on the criteria.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// 0–100, from the scored criteria only; `None` when nothing weighted is scored.
    pub score: Option<f64>,
    pub scored: usize,
    pub weighted_criteria: usize,
    /// A gate was failed: the partner is out whatever the score.
    pub gated_out: bool,
    /// Gates not assessed yet.
    pub gates_pending: usize,
}

impl Fit {
    pub fn is_complete(&self) -> bool {
        self.scored == self.weighted_criteria
    }

    /// "72", "72 · incomplete (3 of 5 scored)", "gated out", "not scored".
    pub fn label(&self) -> String {
        if self.gated_out {
            return "gated out".into();
        }
        let Some(score) = self.score else {
            return "not scored".into();
        };
        if self.is_complete() {
            format!("{score:.0}")
        } else {
            format!(
                "{score:.0} · incomplete ({} of {} scored)",
                self.scored, self.weighted_criteria
            )
        }
    }
}

/// Maps a 1–5 score to 0–100 (1 → 0, 3 → 50, 5 → 100).
fn scale(score: u8) -> f64 {
    (f64::from(score.clamp(1, 5)) - 1.0) * 25.0
}

/// The fit of one partner: `assessments` pairs a criterion id with its assessment.
pub fn fit(criteria: &[Criterion], assessments: &[(i64, Assessment)]) -> Fit {
    fit_with_weights(criteria, assessments, |c| c.weight)
}

fn fit_with_weights(
    criteria: &[Criterion],
    assessments: &[(i64, Assessment)],
    weight: impl Fn(&Criterion) -> f64,
) -> Fit {
    let find = |id: i64| assessments.iter().find(|(c, _)| *c == id).map(|(_, a)| *a);
    let (mut total, mut sum, mut scored, mut weighted, mut gated_out, mut pending) =
        (0.0, 0.0, 0, 0, false, 0);
    for criterion in criteria {
        if criterion.is_gate {
            match find(criterion.id) {
                Some(Assessment::Gate(false)) => gated_out = true,
                Some(Assessment::Gate(true)) => {}
                _ => pending += 1,
            }
            continue;
        }
        weighted += 1;
        if let Some(Assessment::Score(score)) = find(criterion.id) {
            scored += 1;
            let w = weight(criterion).max(0.0);
            total += w;
            sum += w * scale(score);
        }
    }
    let score = (total > 0.0).then(|| sum / total);
    Fit {
        score,
        scored,
        weighted_criteria: weighted,
        gated_out,
        gates_pending: pending,
    }
}

/// A candidate in the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    pub assessments: Vec<(i64, Assessment)>,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: i64,
    pub name: String,
    pub fit: Fit,
    /// 1-based place; gated-out partners come last.
    pub rank: usize,
    /// Partners in the same tie group have fits within `TIE_POINTS` of the group's leader.
    pub tie_group: usize,
    /// The best and worst place this partner takes when any one weight moves by ±20%.
    pub rank_range: (usize, usize),
    /// Which weight changes move it, e.g. "cultural fit +20%".
    pub moved_by: Vec<String>,
}

impl Ranked {
    pub fn is_stable(&self) -> bool {
        self.rank_range.0 == self.rank_range.1
    }
}

/// Fits closer than this are treated as ties.
pub const TIE_POINTS: f64 = 5.0;
/// How far each weight is moved to test the ranking's stability.
pub const SENSITIVITY: f64 = 0.20;

/// Orders ids by fit: gated-out last, unscored after scored, then higher fit, then name.
fn order(fits: &[(i64, &str, Fit)]) -> Vec<i64> {
    let mut sorted: Vec<&(i64, &str, Fit)> = fits.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |f: &Fit| (f.gated_out, f.score.is_none());
        key(&a.2)
            .cmp(&key(&b.2))
            .then_with(|| {
                b.2.score
                    .unwrap_or(0.0)
                    .total_cmp(&a.2.score.unwrap_or(0.0))
            })
            .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
            .then_with(|| a.0.cmp(&b.0))
    });
    sorted.into_iter().map(|f| f.0).collect()
}

/// Ranks candidates by fit, groups ties and tests rank stability against ±20% on each weight.
pub fn rank(criteria: &[Criterion], candidates: &[Candidate]) -> Vec<Ranked> {
    let judged: Vec<(&Candidate, &[Criterion])> =
        candidates.iter().map(|c| (c, criteria)).collect();
    rank_by_programme(&judged)
}

/// As `rank`, each candidate judged by its own programme (its type's criteria, see
/// `plan::criteria::TypeSetting`). Moving a weight by ±20% moves that criterion's weight in every
/// programme where it is weighted.
pub fn rank_by_programme(candidates: &[(&Candidate, &[Criterion])]) -> Vec<Ranked> {
    let fits_with = |weight: &dyn Fn(&Criterion) -> f64| -> Vec<(i64, &str, Fit)> {
        candidates
            .iter()
            .map(|(c, criteria)| {
                (
                    c.id,
                    c.name.as_str(),
                    fit_with_weights(criteria, &c.assessments, weight),
                )
            })
            .collect()
    };
    let mut weighted: Vec<&Criterion> = Vec::new();
    for criterion in candidates.iter().flat_map(|(_, criteria)| criteria.iter()) {
        if !criterion.is_gate && !weighted.iter().any(|c| c.id == criterion.id) {
            weighted.push(criterion);
        }
    }
    let base = fits_with(&|c: &Criterion| c.weight);
    let base_order = order(&base);
    let place =
        |ordering: &[i64], id: i64| ordering.iter().position(|x| *x == id).map_or(0, |p| p + 1);

    let mut ranges: Vec<(usize, usize)> = base_order
        .iter()
        .map(|id| (place(&base_order, *id), place(&base_order, *id)))
        .collect();
    let mut moved_by: Vec<Vec<String>> = vec![Vec::new(); base_order.len()];
    for varied in weighted {
        for factor in [1.0 - SENSITIVITY, 1.0 + SENSITIVITY] {
            let weight = |c: &Criterion| {
                if c.id == varied.id {
                    c.weight * factor
                } else {
                    c.weight
                }
            };
            let scenario = order(&fits_with(&weight));
            for (index, id) in base_order.iter().enumerate() {
                let now = place(&scenario, *id);
                ranges[index].0 = ranges[index].0.min(now);
                ranges[index].1 = ranges[index].1.max(now);
                if now != index + 1 {
                    let sign = if factor > 1.0 { "+" } else { "−" };
                    moved_by[index].push(format!(
                        "{} {sign}{:.0}%",
                        varied.name,
                        SENSITIVITY * 100.0
                    ));
                }
            }
        }
    }

    let mut ranked = Vec::with_capacity(base_order.len());
    let mut group = 0;
    let mut leader: Option<f64> = None;
    for (index, id) in base_order.iter().enumerate() {
        let Some((_, name, fit)) = base.iter().find(|(c, _, _)| c == id) else {
            continue;
        };
        match (fit.score, leader, fit.gated_out) {
            (Some(score), Some(lead), false) if lead - score <= TIE_POINTS => {}
            (Some(score), _, false) => {
                group += 1;
                leader = Some(score);
            }
            _ => {
                group += 1;
                leader = None;
            }
        }
        ranked.push(Ranked {
            id: *id,
            name: (*name).to_string(),
            fit: fit.clone(),
            rank: index + 1,
            tie_group: group,
            rank_range: ranges[index],
            moved_by: std::mem::take(&mut moved_by[index]),
        });
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criterion(id: i64, name: &str, weight: f64, is_gate: bool) -> Criterion {
        Criterion {
            id,
            name: name.into(),
            weight,
            is_gate,
        }
    }

    fn method_criteria() -> Vec<Criterion> {
        vec![
            criterion(1, "capabilities", 30.0, false),
            criterion(2, "cultural fit", 15.0, false),
            criterion(3, "willingness", 20.0, false),
            criterion(4, "shared vision", 15.0, false),
            criterion(5, "complementary strengths", 20.0, false),
            criterion(6, "security review", 0.0, true),
        ]
    }

    fn scores(values: &[(i64, u8)]) -> Vec<(i64, Assessment)> {
        values
            .iter()
            .map(|(id, s)| (*id, Assessment::Score(*s)))
            .collect()
    }

    #[test]
    fn fit_is_the_weighted_mean_mapped_to_0_100() {
        let criteria = method_criteria();
        let all_five = scores(&[(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
        assert_eq!(fit(&criteria, &all_five).score, Some(100.0));
        let all_one = scores(&[(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]);
        assert_eq!(fit(&criteria, &all_one).score, Some(0.0));
        // capabilities 5 (w30) and cultural fit 1 (w15): (30·100 + 15·0) / 45
        let partial = fit(&criteria, &scores(&[(1, 5), (2, 1)]));
        assert!((partial.score.unwrap() - 66.666).abs() < 0.01);
        assert!(!partial.is_complete());
        assert_eq!(partial.label(), "67 · incomplete (2 of 5 scored)");
        assert_eq!(partial.gates_pending, 1);
    }

    #[test]
    fn a_failed_gate_marks_the_partner_out_whatever_the_score() {
        let criteria = method_criteria();
        let mut assessments = scores(&[(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]);
        assessments.push((6, Assessment::Gate(false)));
        let f = fit(&criteria, &assessments);
        assert!(f.gated_out);
        assert_eq!(f.label(), "gated out");
        assessments.pop();
        assessments.push((6, Assessment::Gate(true)));
        assert_eq!(fit(&criteria, &assessments).label(), "100");
    }

    #[test]
    fn zero_weights_all_gates_and_nothing_scored_give_no_fit() {
        let zero = vec![criterion(1, "a", 0.0, false), criterion(2, "b", 0.0, false)];
        assert_eq!(fit(&zero, &scores(&[(1, 5), (2, 3)])).score, None);
        let gates = vec![criterion(1, "a", 1.0, true)];
        let f = fit(&gates, &[(1, Assessment::Gate(true))]);
        assert_eq!(
            (f.score, f.weighted_criteria, f.is_complete()),
            (None, 0, true)
        );
        assert_eq!(fit(&method_criteria(), &[]).label(), "not scored");
    }

    #[test]
    fn ranking_orders_by_fit_and_groups_ties_within_five_points() {
        let criteria = vec![
            criterion(1, "capabilities", 1.0, false),
            criterion(2, "gate", 0.0, true),
        ];
        let candidates = vec![
            Candidate {
                id: 1,
                name: "Low".into(),
                assessments: scores(&[(1, 2)]),
            },
            Candidate {
                id: 2,
                name: "Top".into(),
                assessments: scores(&[(1, 5)]),
            },
            Candidate {
                id: 3,
                name: "Out".into(),
                assessments: vec![(1, Assessment::Score(5)), (2, Assessment::Gate(false))],
            },
            Candidate {
                id: 4,
                name: "Unscored".into(),
                assessments: vec![],
            },
            Candidate {
                id: 5,
                name: "Also top".into(),
                assessments: scores(&[(1, 5)]),
            },
        ];
        let ranked = rank(&criteria, &candidates);
        let names: Vec<&str> = ranked.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Also top", "Top", "Low", "Unscored", "Out"]);
        assert_eq!(ranked[0].tie_group, ranked[1].tie_group);
        assert_ne!(ranked[1].tie_group, ranked[2].tie_group);
        assert_eq!(ranked[4].rank, 5);
        // One criterion: scaling its weight never changes a weighted mean, so nobody moves.
        assert!(ranked.iter().all(Ranked::is_stable));
    }

    #[test]
    fn sensitivity_shows_who_changes_places_when_a_weight_moves() {
        let criteria = vec![
            criterion(1, "capabilities", 50.0, false),
            criterion(2, "cultural fit", 50.0, false),
        ];
        // A: strong capabilities; B: strong culture; equal weights put them close.
        let candidates = vec![
            Candidate {
                id: 1,
                name: "A".into(),
                assessments: scores(&[(1, 5), (2, 2)]),
            },
            Candidate {
                id: 2,
                name: "B".into(),
                assessments: scores(&[(1, 2), (2, 5)]),
            },
            Candidate {
                id: 3,
                name: "C".into(),
                assessments: scores(&[(1, 1), (2, 1)]),
            },
        ];
        let ranked = rank(&criteria, &candidates);
        assert_eq!(
            (ranked[0].name.as_str(), ranked[0].fit.score),
            ("A", Some(62.5))
        );
        assert_eq!(ranked[0].rank_range, (1, 2));
        assert!(
            ranked[0]
                .moved_by
                .contains(&"cultural fit +20%".to_string()),
            "{:?}",
            ranked[0].moved_by
        );
        assert_eq!(ranked[1].rank_range, (1, 2));
        assert!(ranked[2].is_stable());
    }

    #[test]
    fn weights_summing_to_zero_rank_by_name_and_stay_stable() {
        let criteria = vec![criterion(1, "a", 0.0, false)];
        let candidates = vec![
            Candidate {
                id: 1,
                name: "beta".into(),
                assessments: scores(&[(1, 5)]),
            },
            Candidate {
                id: 2,
                name: "Alpha".into(),
                assessments: scores(&[(1, 1)]),
            },
        ];
        let ranked = rank(&criteria, &candidates);
        assert_eq!(ranked[0].name, "Alpha");
        assert!(
            ranked
                .iter()
                .all(|r| r.fit.score.is_none() && r.is_stable())
        );
        assert_ne!(ranked[0].tie_group, ranked[1].tie_group);
    }
}
