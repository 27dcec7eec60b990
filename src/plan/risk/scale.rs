//! The 1–5 scales of likelihood and impact, the score they make, and the bands a score falls in.

use crate::plan::words::worded;

worded! {
    /// How likely the risk event is, 1 (rare) to 5 (almost certain).
    pub enum Likelihood {
        Rare => "rare",
        Unlikely => "unlikely",
        Possible => "possible",
        Likely => "likely",
        AlmostCertain => "almost certain",
    }
}

worded! {
    /// How badly the event would hurt, 1 (negligible) to 5 (severe).
    pub enum Impact {
        Negligible => "negligible",
        Minor => "minor",
        Moderate => "moderate",
        Major => "major",
        Severe => "severe",
    }
}

/// The number on the scale (1–5) for both scales: a member's place in `ALL`, counted from one.
macro_rules! five_point_numbers {
    ($($scale:ident),+) => {$(
        impl $scale {
            /// 1 to 5, as stored in the workbook.
            pub fn value(self) -> i64 {
                Self::ALL.iter().position(|&m| m == self).map_or(0, |i| i as i64 + 1)
            }

            /// The member for a stored number; `None` outside 1–5.
            pub fn from_value(value: i64) -> Option<$scale> {
                Self::ALL.into_iter().find(|m| m.value() == value)
            }
        }
    )+};
}

five_point_numbers!(Likelihood, Impact);

/// One assessment of a risk: its likelihood and impact, inherent or residual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rating {
    pub likelihood: Likelihood,
    pub impact: Impact,
}

impl Rating {
    pub fn new(likelihood: Likelihood, impact: Impact) -> Rating {
        Rating { likelihood, impact }
    }

    /// From stored numbers; `None` unless both are there and within 1–5.
    pub fn from_values(likelihood: Option<i64>, impact: Option<i64>) -> Option<Rating> {
        Some(Rating::new(
            Likelihood::from_value(likelihood?)?,
            Impact::from_value(impact?)?,
        ))
    }

    /// Likelihood × impact, 1–25.
    pub fn score(self) -> i64 {
        score(self.likelihood, self.impact)
    }
}

/// Likelihood × impact, 1–25.
pub fn score(likelihood: Likelihood, impact: Impact) -> i64 {
    likelihood.value() * impact.value()
}

worded! {
    /// How serious a score is, by the thresholds in `Bands`.
    pub enum Band {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

impl Band {
    /// A letter that tells the band without colour (mono theme, `NO_COLOR`).
    pub fn letter(self) -> char {
        match self {
            Band::Low => 'L',
            Band::Medium => 'M',
            Band::High => 'H',
            Band::Critical => 'C',
        }
    }
}

/// The lowest score of each band above low. A score belongs to the highest band whose minimum it
/// reaches; below `medium` it is low. The same numbers as the config's `[risk_bands]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bands {
    pub medium: i64,
    pub high: i64,
    pub critical: i64,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            medium: 5,
            high: 10,
            critical: 17,
        }
    }
}

impl Bands {
    /// The bands, or why they cannot be used: each minimum from 2 to 25 (a minimum of 1 would leave
    /// no low band), rising from medium to high to critical.
    pub fn checked(self) -> Result<Bands, String> {
        let Bands {
            medium,
            high,
            critical,
        } = self;
        if [medium, high, critical]
            .iter()
            .any(|n| !(2..=25).contains(n))
        {
            return Err(format!(
                "Band minimums are scores from 2 to 25 (now medium {medium}, high {high}, \
                 critical {critical}); change the ones outside."
            ));
        }
        if !(medium < high && high < critical) {
            return Err(format!(
                "Band minimums must rise: medium < high < critical (now {medium}, {high}, \
                 {critical}); raise the later ones or lower the earlier ones."
            ));
        }
        Ok(self)
    }

    /// The band of a score.
    pub fn band(&self, score: i64) -> Band {
        if score >= self.critical {
            Band::Critical
        } else if score >= self.high {
            Band::High
        } else if score >= self.medium {
            Band::Medium
        } else {
            Band::Low
        }
    }

    /// The band of a rating's score.
    pub fn band_of(&self, rating: Rating) -> Band {
        self.band(rating.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_run_from_one_to_five_with_words() {
        let words: Vec<_> = Likelihood::ALL.iter().map(|l| l.word()).collect();
        assert_eq!(
            words,
            ["rare", "unlikely", "possible", "likely", "almost certain"]
        );
        let words: Vec<_> = Impact::ALL.iter().map(|i| i.word()).collect();
        assert_eq!(
            words,
            ["negligible", "minor", "moderate", "major", "severe"]
        );
        for (n, l) in (1..).zip(Likelihood::ALL) {
            assert_eq!(l.value(), n);
            assert_eq!(Likelihood::from_value(n), Some(l));
        }
        for (n, i) in (1..).zip(Impact::ALL) {
            assert_eq!(i.value(), n);
            assert_eq!(Impact::from_value(n), Some(i));
        }
        assert_eq!(Likelihood::from_value(0), None);
        assert_eq!(Impact::from_value(6), None);
        assert_eq!(
            Likelihood::from_word("Almost Certain"),
            Some(Likelihood::AlmostCertain)
        );
    }

    #[test]
    fn score_is_likelihood_times_impact() {
        assert_eq!(score(Likelihood::Rare, Impact::Negligible), 1);
        assert_eq!(score(Likelihood::Possible, Impact::Major), 12);
        assert_eq!(score(Likelihood::Likely, Impact::Minor), 8);
        assert_eq!(score(Likelihood::AlmostCertain, Impact::Severe), 25);
        assert_eq!(Rating::from_values(Some(4), Some(5)).unwrap().score(), 20);
        assert_eq!(Rating::from_values(Some(4), None), None);
        assert_eq!(Rating::from_values(Some(0), Some(3)), None);
    }

    fn assert_bands(bands: &Bands, cases: &[(i64, Band)]) {
        for &(score, band) in cases {
            assert_eq!(bands.band(score), band, "score {score} with {bands:?}");
        }
    }

    #[test]
    fn default_bands_split_at_every_edge() {
        // The config's defaults are checked against these in `config`'s tests.
        let bands = Bands::default();
        assert_eq!((bands.medium, bands.high, bands.critical), (5, 10, 17));
        let cases = [
            (1, Band::Low),
            (4, Band::Low),
            (5, Band::Medium),
            (9, Band::Medium),
            (10, Band::High),
            (16, Band::High),
            (17, Band::Critical),
            (25, Band::Critical),
        ];
        assert_bands(&bands, &cases);
    }

    #[test]
    fn custom_bands_move_the_edges() {
        let bands = Bands {
            medium: 3,
            high: 6,
            critical: 20,
        }
        .checked()
        .unwrap();
        let cases = [
            (2, Band::Low),
            (3, Band::Medium),
            (5, Band::Medium),
            (6, Band::High),
            (19, Band::High),
            (20, Band::Critical),
        ];
        assert_bands(&bands, &cases);
        let rating = Rating::new(Likelihood::Unlikely, Impact::Moderate);
        assert_eq!(bands.band_of(rating), Band::High);
        assert_eq!(Bands::default().band_of(rating), Band::Medium);
    }

    #[test]
    fn bands_must_rise_and_stay_on_the_scale() {
        let bands = |medium, high, critical| Bands {
            medium,
            high,
            critical,
        };
        for (m, h, c) in [(10, 10, 17), (5, 12, 10), (17, 10, 5), (5, 10, 10)] {
            let err = bands(m, h, c).checked().unwrap_err();
            assert!(err.contains("must rise"), "{m} {h} {c}: {err}");
        }
        for (m, h, c) in [(1, 10, 17), (5, 10, 26), (0, 1, 2)] {
            let err = bands(m, h, c).checked().unwrap_err();
            assert!(err.contains("from 2 to 25"), "{m} {h} {c}: {err}");
        }
        assert_eq!(bands(2, 3, 25).checked(), Ok(bands(2, 3, 25)));
    }

    #[test]
    fn bands_have_words_and_letters() {
        let letters: String = Band::ALL.iter().map(|b| b.letter()).collect();
        assert_eq!(letters, "LMHC");
        let words: Vec<_> = Band::ALL.iter().map(|b| b.word()).collect();
        assert_eq!(words, ["low", "medium", "high", "critical"]);
        assert!(Band::Low < Band::Critical);
    }
}
