//! Trends of the radar (step 12, future readiness): their words, the drafts their forms save and
//! the rules every way in (form, TOML, merge) holds them to.

use super::strategy::{Problems, iso_date, keep, many_lines, one_line};
use super::words::worded;

worded! {
    /// Which kind of change a trend is: a sector of the radar.
    #[derive(Default)]
    pub enum TrendCategory {
        #[default]
        Technology => "technology",
        Market => "market",
        Regulation => "regulation",
        Society => "society",
    }
}

impl TrendCategory {
    /// For people, as a heading: "Technology".
    pub fn label(self) -> &'static str {
        match self {
            TrendCategory::Technology => "Technology",
            TrendCategory::Market => "Market",
            TrendCategory::Regulation => "Regulation",
            TrendCategory::Society => "Society",
        }
    }
}

worded! {
    /// When a trend is expected to matter: a ring of the radar, `Now` the innermost.
    #[derive(Default)]
    pub enum TrendHorizon {
        Now => "now",
        #[default]
        Near => "1-2 years",
        Far => "3-5 years",
    }
}

impl TrendHorizon {
    /// For people: "1–2 years".
    pub fn label(self) -> &'static str {
        match self {
            TrendHorizon::Now => "now",
            TrendHorizon::Near => "1–2 years",
            TrendHorizon::Far => "3–5 years",
        }
    }

    /// The ring, counted from the centre (0: now).
    pub fn ring(self) -> usize {
        match self {
            TrendHorizon::Now => 0,
            TrendHorizon::Near => 1,
            TrendHorizon::Far => 2,
        }
    }
}

worded! {
    /// Where an adaptability action stands.
    #[derive(Default)]
    pub enum ActionStatus {
        #[default]
        Planned => "planned",
        InProgress => "in progress",
        Done => "done",
        Dropped => "dropped",
    }
}

/// A trend's likely impact on the ecosystem, 1 (slight) to 5 (transforming).
pub const IMPACT_RANGE: std::ops::RangeInclusive<i64> = 1..=5;

/// The words of an impact, for people.
pub fn impact_word(impact: i64) -> &'static str {
    match impact {
        1 => "slight",
        2 => "moderate",
        3 => "significant",
        4 => "major",
        5 => "transforming",
        _ => "unrated",
    }
}

worded! {
    /// What a trend touches.
    pub enum TouchKind {
        Role => "role",
        Partner => "partner",
        Offering => "offering",
    }
}

/// One role, partner or offering a trend touches (by its id in the workbook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Touch {
    pub kind: TouchKind,
    pub id: i64,
}

/// A trend as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendDraft {
    pub name: String,
    pub category: TrendCategory,
    pub horizon: TrendHorizon,
    pub impact: i64,
    /// How the ecosystem is expected to evolve with it.
    pub evolution: String,
    /// `YYYY-MM-DD`, or `None`.
    pub review_date: Option<String>,
}

impl Default for TrendDraft {
    fn default() -> TrendDraft {
        TrendDraft {
            name: String::new(),
            category: TrendCategory::default(),
            horizon: TrendHorizon::default(),
            impact: 3,
            evolution: String::new(),
            review_date: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendField {
    Name,
    Impact,
    Evolution,
    ReviewDate,
}

impl TrendDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<TrendDraft, Problems<TrendField>> {
        let mut p = Vec::new();
        let checked = TrendDraft {
            name: keep(&mut p, TrendField::Name, one_line(&self.name, "name", true)),
            category: self.category,
            horizon: self.horizon,
            impact: keep(&mut p, TrendField::Impact, impact(self.impact)),
            evolution: keep(
                &mut p,
                TrendField::Evolution,
                many_lines(&self.evolution, "note on how the ecosystem evolves", false),
            ),
            review_date: keep(
                &mut p,
                TrendField::ReviewDate,
                iso_date(self.review_date.as_deref(), "review date"),
            ),
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

fn impact(value: i64) -> Result<i64, String> {
    if IMPACT_RANGE.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "The impact is a whole number from 1 (slight) to 5 (transforming), not {value}; \
             choose one of them."
        ))
    }
}

/// The impact typed into a form: a number 1–5, or the problem with it.
pub fn typed_impact(text: &str) -> Result<i64, String> {
    let text = text.trim();
    // The form offers "3 significant": the number is what counts.
    let number = text.split_whitespace().next().unwrap_or_default();
    match number.parse::<i64>() {
        Ok(value) => impact(value),
        Err(_) => Err(format!(
            "The impact \"{}\" is not a number; choose 1 (slight) to 5 (transforming).",
            super::text::clean(&text.chars().take(40).collect::<String>())
        )),
    }
}

/// An adaptability action as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionDraft {
    pub title: String,
    pub owner: String,
    /// `YYYY-MM-DD`, or `None`.
    pub due_date: Option<String>,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionField {
    Title,
    Owner,
    DueDate,
}

impl ActionDraft {
    /// The draft as it is stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<ActionDraft, Problems<ActionField>> {
        let mut p = Vec::new();
        let checked = ActionDraft {
            title: keep(
                &mut p,
                ActionField::Title,
                one_line(&self.title, "title", true),
            ),
            owner: keep(
                &mut p,
                ActionField::Owner,
                one_line(&self.owner, "owner", false),
            ),
            due_date: keep(
                &mut p,
                ActionField::DueDate,
                iso_date(self.due_date.as_deref(), "due date"),
            ),
            status: self.status,
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

/// What is wrong with a stored word of the radar's tables (`table.column`), as the end of a
/// sentence that names the field; `None` when it is one of its list's words or not such a column.
/// TOML import, merge and every edit refuse what this refuses.
pub fn stored_word_problem(table: &str, column: &str, word: &str) -> Option<String> {
    let (known, words): (bool, Vec<&str>) = match (table, column) {
        ("trends", "category") => (
            TrendCategory::from_word(word).is_some(),
            TrendCategory::ALL.iter().map(|c| c.word()).collect(),
        ),
        ("trends", "horizon") => (
            TrendHorizon::from_word(word).is_some(),
            TrendHorizon::ALL.iter().map(|h| h.word()).collect(),
        ),
        ("trend_actions", "status") => (
            ActionStatus::from_word(word).is_some(),
            ActionStatus::ALL.iter().map(|s| s.word()).collect(),
        ),
        _ => return None,
    };
    (!known).then(|| {
        format!(
            "\"{}\" is not one of its words; write one of: {}.",
            super::text::clean(&word.chars().take(40).collect::<String>()),
            words.join(", ")
        )
    })
}

/// How far step 12 has come, from the trends: examples untouched do not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrendFacts {
    /// Trends that are the user's own (not untouched examples).
    pub own: usize,
    /// Of them, those with an adaptability action and a review date.
    pub ready: usize,
    /// Untouched examples.
    pub examples: usize,
}

#[cfg(test)]
impl TrendFacts {
    /// One trend of the plan's own, ready: what makes step 12 done.
    pub fn one_ready() -> TrendFacts {
        TrendFacts {
            own: 1,
            ready: 1,
            examples: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_needs_a_name_an_impact_in_range_and_a_real_review_date() {
        let good = TrendDraft {
            name: "  Generative AI in partner support ".into(),
            impact: 4,
            review_date: Some("2027-02-28".into()),
            ..TrendDraft::default()
        };
        let checked = good.checked().unwrap();
        assert_eq!(checked.name, "Generative AI in partner support");
        let bad = TrendDraft {
            name: " ".into(),
            impact: 6,
            review_date: Some("2027-02-30".into()),
            evolution: "fine\u{1b}[2J".into(),
            ..TrendDraft::default()
        };
        let fields: Vec<TrendField> = bad.checked().unwrap_err().iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            [
                TrendField::Name,
                TrendField::Impact,
                TrendField::Evolution,
                TrendField::ReviewDate
            ]
        );
        let zero = TrendDraft {
            name: "x".into(),
            impact: 0,
            ..TrendDraft::default()
        };
        let message = &zero.checked().unwrap_err()[0].1;
        assert!(message.contains("from 1 (slight) to 5"), "{message}");
    }

    #[test]
    fn an_impact_is_typed_as_its_number_with_or_without_its_word() {
        assert_eq!(typed_impact("4 major"), Ok(4));
        assert_eq!(typed_impact(" 1 "), Ok(1));
        assert!(typed_impact("9").unwrap_err().contains("not 9"));
        assert!(typed_impact("high").unwrap_err().contains("not a number"));
        assert!(typed_impact("").is_err());
    }

    #[test]
    fn an_action_needs_a_title_and_a_date_that_exists() {
        let action = ActionDraft {
            title: " Pilot an AI triage bot with one integrator ".into(),
            owner: "Head of partnerships".into(),
            due_date: Some("2027-03-31".into()),
            status: ActionStatus::InProgress,
        };
        assert_eq!(
            action.checked().unwrap().title,
            "Pilot an AI triage bot with one integrator"
        );
        let bad = ActionDraft {
            title: String::new(),
            owner: "two\nlines".into(),
            due_date: Some("31/03/2027".into()),
            ..ActionDraft::default()
        };
        let fields: Vec<ActionField> = bad.checked().unwrap_err().iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            [ActionField::Title, ActionField::Owner, ActionField::DueDate]
        );
    }

    #[test]
    fn stored_words_must_be_the_lists_own_whatever_their_case() {
        assert_eq!(stored_word_problem("trends", "category", "Market"), None);
        assert_eq!(stored_word_problem("trends", "horizon", "3-5 years"), None);
        assert_eq!(
            stored_word_problem("trend_actions", "status", "in progress"),
            None
        );
        let problem = stored_word_problem("trends", "horizon", "someday").unwrap();
        assert!(
            problem.contains(
                "\"someday\" is not one of its words; write one of: now, 1-2 years, 3-5 years."
            ),
            "{problem}"
        );
        assert!(stored_word_problem("trends", "category", "weather").is_some());
        assert!(stored_word_problem("trend_actions", "status", "").is_some());
        // Other tables' columns of the same name are not the radar's to judge.
        assert_eq!(stored_word_problem("goals", "horizon", "someday"), None);
        assert_eq!(stored_word_problem("risks", "status", "whatever"), None);
    }

    #[test]
    fn horizons_are_rings_from_the_centre() {
        let rings: Vec<usize> = TrendHorizon::ALL.iter().map(|h| h.ring()).collect();
        assert_eq!(rings, [0, 1, 2]);
        assert_eq!(TrendHorizon::Near.label(), "1–2 years");
        assert_eq!(impact_word(5), "transforming");
        assert_eq!(impact_word(0), "unrated");
    }
}
