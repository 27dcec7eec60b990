//! The rules for partner↔partner links, joint offerings and their members.

use super::intake::{word_of_list, word_problem as word_problem_of_list};
use super::text::{describe_char, first_forbidden_char, is_taken};
use super::vocabulary::TERM_MAX_CHARS;

/// A link's statuses, in lifecycle order.
pub const LINK_STATUSES: [&str; 3] = ["planned", "active", "ended"];
/// Whether a link runs both ways or from its first partner to its second.
pub const DIRECTIONS: [&str; 2] = ["both", "one way"];
/// An offering's statuses, in lifecycle order.
pub const OFFERING_STATUSES: [&str; 4] = ["idea", "pilot", "launched", "retired"];
/// The weakest and strongest link.
pub const STRENGTHS: std::ops::RangeInclusive<i64> = 1..=3;
/// The longest name, problem, segment or owner: one line.
pub const LINE_MAX: usize = 200;
/// The longest note or contribution.
pub const NOTE_MAX: usize = 2_000;

/// A link between two partners as a form fills it (partner ids of the workbook).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDraft {
    pub from: i64,
    pub to: i64,
    pub kind: String,
    pub direction: String,
    pub status: String,
    pub strength: i64,
    pub note: String,
    /// The role the link serves, if any.
    pub role: Option<i64>,
}

impl Default for LinkDraft {
    fn default() -> LinkDraft {
        LinkDraft {
            from: 0,
            to: 0,
            kind: "integrates with".into(),
            direction: DIRECTIONS[0].into(),
            status: LINK_STATUSES[0].into(),
            strength: 2,
            note: String::new(),
            role: None,
        }
    }
}

/// Which field of a link, offering or member a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcoField {
    Partner,
    Kind,
    Direction,
    Status,
    Strength,
    Note,
    Name,
    Problem,
    Segment,
    Owner,
    Contribution,
}

/// Every problem of a draft, each with its field and a sentence saying how to fix it.
pub type Problems = Vec<(EcoField, String)>;

impl LinkDraft {
    /// The draft as stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<LinkDraft, Problems> {
        let mut problems = Vec::new();
        if self.from == self.to {
            problems.push((
                EcoField::Partner,
                "A partner cannot be linked with itself; choose another partner for the other end."
                    .to_string(),
            ));
        }
        let kind = self.kind.trim().to_string();
        word_problem(&mut problems, EcoField::Kind, "kind of link", &kind, true);
        let direction = self.direction.trim().to_string();
        one_of(
            &mut problems,
            EcoField::Direction,
            "direction",
            &direction,
            &DIRECTIONS,
        );
        let status = self.status.trim().to_string();
        one_of(
            &mut problems,
            EcoField::Status,
            "status",
            &status,
            &LINK_STATUSES,
        );
        if !STRENGTHS.contains(&self.strength) {
            problems.push((
                EcoField::Strength,
                format!(
                    "Strength is 1 (weak), 2 (working) or 3 (strong), not {}; pick one of them.",
                    self.strength
                ),
            ));
        }
        let note = self.note.trim().to_string();
        text_problem(&mut problems, EcoField::Note, "note", &note, NOTE_MAX, true);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(LinkDraft {
            kind,
            direction,
            status,
            note,
            ..self.clone()
        })
    }
}

impl LinkDraft {
    /// As `checked`, the kind also a word of `kinds` (the plan's list of link kinds, shipped
    /// words and added ones) and stored in the list's spelling; what a form and every write use.
    pub fn checked_in(&self, kinds: &[String]) -> Result<LinkDraft, Problems> {
        let kind = self.kind.trim();
        let unknown = if kind.is_empty() {
            None
        } else {
            word_problem_of_list("kind of link", kind, kinds)
        };
        match (self.checked(), unknown) {
            (Ok(mut draft), None) => {
                if let Some(word) = word_of_list(&draft.kind, kinds) {
                    draft.kind = word.to_string();
                }
                Ok(draft)
            }
            (Ok(_), Some(problem)) => Err(vec![(EcoField::Kind, problem)]),
            (Err(mut problems), Some(problem)) => {
                problems.push((EcoField::Kind, problem));
                Err(problems)
            }
            (Err(problems), None) => Err(problems),
        }
    }
}

/// A joint offering as a form fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferingDraft {
    pub name: String,
    /// The customer problem it solves.
    pub problem: String,
    /// The customers it is for.
    pub segment: String,
    pub status: String,
    pub owner: String,
    /// The goals it serves (ids, each once).
    pub goals: Vec<i64>,
    /// The KPIs that measure it (ids, each once).
    pub kpis: Vec<i64>,
}

impl Default for OfferingDraft {
    fn default() -> OfferingDraft {
        OfferingDraft {
            name: String::new(),
            problem: String::new(),
            segment: String::new(),
            status: OFFERING_STATUSES[0].into(),
            owner: String::new(),
            goals: Vec::new(),
            kpis: Vec::new(),
        }
    }
}

impl OfferingDraft {
    /// The draft as stored (trimmed), or every problem with it; `other_names` are the other
    /// offerings' names, which the name must differ from whatever its case.
    pub fn checked(&self, other_names: &[&str]) -> Result<OfferingDraft, Problems> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            problems.push((
                EcoField::Name,
                "An offering needs a name; type what customers would call it.".to_string(),
            ));
        } else {
            text_problem(
                &mut problems,
                EcoField::Name,
                "name",
                &name,
                LINE_MAX,
                false,
            );
            if is_taken(&name, other_names) {
                problems.push((
                    EcoField::Name,
                    format!("There is already an offering called \"{name}\"; choose another name."),
                ));
            }
        }
        let problem = self.problem.trim().to_string();
        text_problem(
            &mut problems,
            EcoField::Problem,
            "customer problem",
            &problem,
            NOTE_MAX,
            true,
        );
        let segment = self.segment.trim().to_string();
        text_problem(
            &mut problems,
            EcoField::Segment,
            "segment",
            &segment,
            LINE_MAX,
            false,
        );
        let owner = self.owner.trim().to_string();
        text_problem(
            &mut problems,
            EcoField::Owner,
            "owner",
            &owner,
            LINE_MAX,
            false,
        );
        let status = self.status.trim().to_string();
        one_of(
            &mut problems,
            EcoField::Status,
            "status",
            &status,
            &OFFERING_STATUSES,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(OfferingDraft {
            name,
            problem,
            segment,
            status,
            owner,
            goals: each_once(&self.goals),
            kpis: each_once(&self.kpis),
        })
    }
}

/// `ids` in their order, each once.
fn each_once(ids: &[i64]) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// A member of an offering: a partner, or the hub (`partner` None), and what it brings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberDraft {
    pub partner: Option<i64>,
    pub contribution: String,
    /// A word of the contribution kinds list (software, hardware, cloud…), or empty.
    pub kind: String,
    /// Whether the offering fails without this contribution.
    pub critical: bool,
}

impl MemberDraft {
    /// The draft as stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<MemberDraft, Problems> {
        let mut problems = Vec::new();
        let contribution = self.contribution.trim().to_string();
        text_problem(
            &mut problems,
            EcoField::Contribution,
            "contribution",
            &contribution,
            NOTE_MAX,
            true,
        );
        let kind = self.kind.trim().to_string();
        word_problem(
            &mut problems,
            EcoField::Kind,
            "kind of contribution",
            &kind,
            false,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(MemberDraft {
            contribution,
            kind,
            ..self.clone()
        })
    }
}

fn one_of(problems: &mut Problems, field: EcoField, what: &str, value: &str, words: &[&str]) {
    if !words.contains(&value) {
        problems.push((
            field,
            format!(
                "The {what} \"{value}\" is not one we know; choose one of: {}.",
                words.join(", ")
            ),
        ));
    }
}

/// A word of an extendable list: one line, at most as long as a list's word.
fn word_problem(problems: &mut Problems, field: EcoField, what: &str, word: &str, needed: bool) {
    if word.is_empty() {
        if needed {
            problems.push((
                field,
                format!("Choose a {what} from the list, or add a word of your own to it."),
            ));
        }
        return;
    }
    text_problem(problems, field, what, word, TERM_MAX_CHARS, false);
}

fn text_problem(
    problems: &mut Problems,
    field: EcoField,
    what: &str,
    text: &str,
    max: usize,
    newlines: bool,
) {
    if let Some(c) = first_forbidden_char(text, newlines) {
        let shape = if newlines { "" } else { "is one line; it " };
        problems.push((
            field,
            format!("The {what} {shape}holds {}; remove it.", describe_char(c)),
        ));
    } else if text.chars().count() > max {
        problems.push((
            field,
            format!(
                "Keep the {what} to {max} characters ({} now); shorten it.",
                text.chars().count()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(from: i64, to: i64) -> LinkDraft {
        LinkDraft {
            from,
            to,
            ..LinkDraft::default()
        }
    }

    #[test]
    fn a_partner_cannot_be_linked_with_itself() {
        let problems = link(4, 4).checked().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, EcoField::Partner);
        assert!(problems[0].1.contains("itself"), "{}", problems[0].1);
        assert!(link(4, 5).checked().is_ok());
    }

    #[test]
    fn strength_is_one_to_three_and_status_and_direction_are_known_words() {
        for strength in [0, 4, -1] {
            let draft = LinkDraft {
                strength,
                ..link(1, 2)
            };
            let problems = draft.checked().unwrap_err();
            assert_eq!(problems[0].0, EcoField::Strength);
        }
        for strength in STRENGTHS {
            assert!(
                LinkDraft {
                    strength,
                    ..link(1, 2)
                }
                .checked()
                .is_ok()
            );
        }
        let draft = LinkDraft {
            status: "dormant".into(),
            direction: "sideways".into(),
            ..link(1, 2)
        };
        let fields: Vec<EcoField> = draft
            .checked()
            .unwrap_err()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(fields, vec![EcoField::Direction, EcoField::Status]);
    }

    #[test]
    fn a_link_kind_is_a_word_of_the_plans_list_in_the_lists_spelling() {
        let kinds: Vec<String> = ["integrates with", "Resells"].map(String::from).to_vec();
        let draft = LinkDraft {
            kind: " RESELLS ".into(),
            ..link(1, 2)
        };
        assert_eq!(draft.checked_in(&kinds).unwrap().kind, "Resells");
        let unknown = LinkDraft {
            kind: "partners with".into(),
            ..link(1, 1)
        };
        let problems = unknown.checked_in(&kinds).unwrap_err();
        let fields: Vec<EcoField> = problems.iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            [EcoField::Partner, EcoField::Kind],
            "every problem at once"
        );
        assert!(
            problems[1]
                .1
                .starts_with("\"partners with\" is not a kind of link of this plan's list"),
            "{}",
            problems[1].1
        );
        // A blank kind is said once, by `checked`.
        let blank = LinkDraft {
            kind: " ".into(),
            ..link(1, 2)
        };
        assert_eq!(blank.checked_in(&kinds).unwrap_err().len(), 1);
    }

    #[test]
    fn a_link_kind_is_needed_and_trimmed_and_one_line() {
        let draft = LinkDraft {
            kind: "  resells  ".into(),
            note: " met at the fair ".into(),
            ..link(1, 2)
        };
        let stored = draft.checked().unwrap();
        assert_eq!(stored.kind, "resells");
        assert_eq!(stored.note, "met at the fair");
        for kind in ["   ", "a\nb"] {
            let draft = LinkDraft {
                kind: kind.into(),
                ..link(1, 2)
            };
            assert_eq!(draft.checked().unwrap_err()[0].0, EcoField::Kind);
        }
    }

    #[test]
    fn an_offering_needs_a_new_name_and_a_known_status() {
        let draft = OfferingDraft {
            name: " Smart Grid Suite ".into(),
            ..OfferingDraft::default()
        };
        assert_eq!(draft.checked(&[]).unwrap().name, "Smart Grid Suite");
        let problems = draft.checked(&["smart grid suite"]).unwrap_err();
        assert!(
            problems[0].1.contains("already an offering"),
            "{problems:?}"
        );
        let empty = OfferingDraft::default().checked(&[]).unwrap_err();
        assert_eq!(empty[0].0, EcoField::Name);
        let status = OfferingDraft {
            name: "X".into(),
            status: "shipped".into(),
            ..OfferingDraft::default()
        };
        let problems = status.checked(&[]).unwrap_err();
        assert!(
            problems[0].1.contains("idea, pilot, launched, retired"),
            "{problems:?}"
        );
    }

    #[test]
    fn an_offering_links_each_goal_and_kpi_once_in_the_order_chosen() {
        let draft = OfferingDraft {
            name: "Grid".into(),
            goals: vec![3, 1, 3, 2, 1],
            kpis: vec![7, 7],
            ..OfferingDraft::default()
        };
        let checked = draft.checked(&[]).unwrap();
        assert_eq!(checked.goals, [3, 1, 2]);
        assert_eq!(checked.kpis, [7]);
    }

    #[test]
    fn a_member_contribution_may_span_lines_but_its_kind_may_not() {
        let member = MemberDraft {
            contribution: "hosting\nand support".into(),
            kind: " cloud ".into(),
            ..MemberDraft::default()
        };
        assert_eq!(member.checked().unwrap().kind, "cloud");
        let bad = MemberDraft {
            kind: "cl\noud".into(),
            ..MemberDraft::default()
        };
        assert_eq!(bad.checked().unwrap_err()[0].0, EcoField::Kind);
        assert!(MemberDraft::default().checked().is_ok());
    }
}
