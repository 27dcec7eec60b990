//! Joint plans with strategic partners: joint goals, commitments each way and milestones as
//! their forms, the TOML import and a merge must all store them (see `conflicts` for the check).

pub mod conflicts;

use super::kpi::Direction;
use super::shape::parse_iso_date;
use super::text::{describe_char, first_forbidden_char};

/// A joint goal's statuses, in lifecycle order.
pub const GOAL_STATUSES: [&str; 5] = ["planned", "on track", "at risk", "done", "dropped"];
/// Who made a commitment: the hub (`ours`) or the partner (`theirs`).
pub const SIDES: [&str; 2] = ["ours", "theirs"];
/// A commitment's statuses.
pub const COMMITMENT_STATUSES: [&str; 4] = ["open", "kept", "late", "dropped"];
/// A milestone's statuses.
pub const MILESTONE_STATUSES: [&str; 4] = ["planned", "in progress", "done", "missed"];
/// The longest title, segment or commitment line: one line.
pub const LINE_MAX: usize = 200;
/// The longest "what both commit to".
pub const TEXT_MAX: usize = 2_000;

/// Which field of a joint goal, commitment or milestone a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JointField {
    Title,
    Commitment,
    Due,
    Status,
    Kpi,
    Direction,
    Target,
    Segment,
    Offering,
    Side,
    What,
    Done,
}

/// Every problem of a draft, each with its field and a sentence saying how to fix it.
pub type Problems = Vec<(JointField, String)>;

/// A KPI a joint goal moves: which way the goal wants it (none: as the KPI's own direction)
/// and to what value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GoalKpi {
    pub kpi: i64,
    pub wants: Option<Direction>,
    pub target: Option<f64>,
}

/// A joint goal as a form fills it (ids of the workbook).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JointGoalDraft {
    pub title: String,
    /// What both sides commit to.
    pub commitment: String,
    /// `YYYY-MM-DD`, by when.
    pub due_on: Option<String>,
    pub status: String,
    /// The KPIs the goal moves, each once, in the order linked.
    pub kpis: Vec<GoalKpi>,
    /// The offerings it is about, each once.
    pub offerings: Vec<i64>,
    pub role: Option<i64>,
    /// The customer segment the goal is after.
    pub segment: String,
}

/// A commitment one side makes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommitmentDraft {
    /// The joint goal it serves, if any.
    pub goal: Option<i64>,
    /// `ours` or `theirs`.
    pub side: String,
    pub what: String,
    pub due_on: Option<String>,
    pub status: String,
}

/// A dated step of the joint plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MilestoneDraft {
    pub goal: Option<i64>,
    pub title: String,
    pub due_on: Option<String>,
    pub status: String,
    /// The day it was done; only a done milestone has one.
    pub done_on: Option<String>,
}

/// What a check-in records about a milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MilestoneProgress {
    /// Done on that day (`YYYY-MM-DD`).
    Done(String),
    /// Due on another day now.
    Moved(String),
}

impl JointGoalDraft {
    /// The draft as stored (trimmed), or every problem with it.
    pub fn checked(&self) -> Result<JointGoalDraft, Problems> {
        let mut problems = Problems::new();
        let title = one_line(&mut problems, JointField::Title, "title", &self.title, true);
        let commitment = text(
            &mut problems,
            JointField::Commitment,
            "what both commit to",
            &self.commitment,
        );
        let due_on = date(&mut problems, JointField::Due, "due date", &self.due_on);
        let status = word(
            &mut problems,
            JointField::Status,
            "status",
            &self.status,
            &GOAL_STATUSES,
        );
        for (at, link) in self.kpis.iter().enumerate() {
            if self.kpis[..at].iter().any(|k| k.kpi == link.kpi) {
                problems.push((
                    JointField::Kpi,
                    "A KPI is linked twice; link each KPI once, with one way and one target."
                        .into(),
                ));
            }
            if let Some(target) = link.target
                && !target.is_finite()
            {
                problems.push((
                    JointField::Target,
                    format!("{target} is not a number to aim for; write one such as 12.5."),
                ));
            }
        }
        let mut offerings = self.offerings.clone();
        offerings.sort_unstable();
        offerings.dedup();
        if offerings.len() < self.offerings.len() {
            problems.push((
                JointField::Offering,
                "An offering is linked twice; link each offering once.".into(),
            ));
        }
        let segment = one_line(
            &mut problems,
            JointField::Segment,
            "segment",
            &self.segment,
            false,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(JointGoalDraft {
            title,
            commitment,
            due_on,
            status,
            segment,
            ..self.clone()
        })
    }

    /// Whether the goal still asks something of both sides (neither done nor dropped).
    pub fn is_open(&self) -> bool {
        is_open_goal(&self.status)
    }
}

/// Whether a joint goal with this status still asks something (neither done nor dropped).
pub fn is_open_goal(status: &str) -> bool {
    !matches!(status.trim().to_lowercase().as_str(), "done" | "dropped")
}

impl CommitmentDraft {
    pub fn checked(&self) -> Result<CommitmentDraft, Problems> {
        let mut problems = Problems::new();
        let side = word(&mut problems, JointField::Side, "side", &self.side, &SIDES);
        let what = one_line(
            &mut problems,
            JointField::What,
            "commitment",
            &self.what,
            true,
        );
        let due_on = date(&mut problems, JointField::Due, "due date", &self.due_on);
        let status = word(
            &mut problems,
            JointField::Status,
            "status",
            &self.status,
            &COMMITMENT_STATUSES,
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CommitmentDraft {
            goal: self.goal,
            side,
            what,
            due_on,
            status,
        })
    }
}

impl MilestoneDraft {
    pub fn checked(&self) -> Result<MilestoneDraft, Problems> {
        let mut problems = Problems::new();
        let title = one_line(&mut problems, JointField::Title, "title", &self.title, true);
        let due_on = date(&mut problems, JointField::Due, "due date", &self.due_on);
        let status = word(
            &mut problems,
            JointField::Status,
            "status",
            &self.status,
            &MILESTONE_STATUSES,
        );
        let done_on = date(&mut problems, JointField::Done, "done date", &self.done_on);
        if let Some(problem) = done_date_problem(&status, done_on.as_deref()) {
            problems.push((JointField::Done, problem));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(MilestoneDraft {
            goal: self.goal,
            title,
            due_on,
            status,
            done_on,
        })
    }

    /// The milestone after a check-in's `progress`: done that day, or due on another.
    pub fn progressed(&self, progress: &MilestoneProgress) -> MilestoneDraft {
        let mut next = self.clone();
        match progress {
            MilestoneProgress::Done(on) => {
                next.status = "done".into();
                next.done_on = Some(on.clone());
            }
            MilestoneProgress::Moved(to) => {
                next.due_on = Some(to.clone());
                if next.status == "done" || next.status == "missed" {
                    next.status = "planned".into();
                }
                next.done_on = None;
            }
        }
        next
    }
}

/// Why a milestone with `status` may not have the done date `done_on`: only a done milestone
/// has one. The one rule for forms, the TOML import, a merge and `check`.
pub fn done_date_problem(status: &str, done_on: Option<&str>) -> Option<String> {
    let status = status.trim();
    (done_on.is_some_and(|d| !d.trim().is_empty()) && !status.is_empty() && status != "done").then(
        || {
            format!(
                "Only a done milestone has a done date, and this one is {}; clear the date or \
                 set the status to done.",
                super::text::clean(&status.chars().take(40).collect::<String>())
            )
        },
    )
}

/// What is wrong with `text` in a column only joint plans have, as the end of a sentence that
/// names the field; every way in (form, TOML, merge) meets it through `intake::field_problem`.
pub fn column_problem(column: &str, text: &str) -> Option<String> {
    let (words, what): (&[&str], &str) = match column {
        "side" => (&SIDES, "ours (the hub's) or theirs (the partner's)"),
        "kpi_direction" => (
            &["", "higher", "lower"],
            "higher, lower or empty (as the KPI's own)",
        ),
        _ => return None,
    };
    (!words.contains(&text)).then(|| {
        format!(
            "\"{}\" is not a word it takes; write {what}.",
            super::text::clean(&text.chars().take(40).collect::<String>())
        )
    })
}

/// `value` trimmed as a one-line field called `what`, or the problem noted.
fn one_line(
    problems: &mut Problems,
    field: JointField,
    what: &str,
    value: &str,
    required: bool,
) -> String {
    let value = value.trim();
    if value.is_empty() && required {
        problems.push((
            field,
            format!("The {what} is empty; write a few words for it."),
        ));
    } else if let Some(c) = first_forbidden_char(value, false) {
        problems.push((
            field,
            format!(
                "The {what} is one line; it holds {}, remove it.",
                describe_char(c)
            ),
        ));
    } else if value.chars().count() > LINE_MAX {
        problems.push((
            field,
            format!(
                "Keep the {what} to one line of {LINE_MAX} characters ({} now).",
                value.chars().count()
            ),
        ));
    }
    value.to_string()
}

fn text(problems: &mut Problems, field: JointField, what: &str, value: &str) -> String {
    let value = value.trim();
    if let Some(c) = first_forbidden_char(value, true) {
        problems.push((
            field,
            format!("The {what} holds {}; remove it.", describe_char(c)),
        ));
    } else if value.chars().count() > TEXT_MAX {
        problems.push((
            field,
            format!(
                "Keep {what} to {TEXT_MAX} characters ({} now); shorten it.",
                value.chars().count()
            ),
        ));
    }
    value.to_string()
}

fn date(
    problems: &mut Problems,
    field: JointField,
    what: &str,
    value: &Option<String>,
) -> Option<String> {
    let value = value.as_deref().map(str::trim).filter(|d| !d.is_empty())?;
    if parse_iso_date(value).is_none() {
        problems.push((
            field,
            format!(
                "The {what} \"{}\" is not a date that exists; write one like 2026-11-23.",
                super::text::clean(&value.chars().take(40).collect::<String>())
            ),
        ));
    }
    Some(value.to_string())
}

/// `value` as the list's word (whatever its case), or the problem noted.
fn word(
    problems: &mut Problems,
    field: JointField,
    what: &str,
    value: &str,
    words: &[&str],
) -> String {
    let wanted = value.trim().to_lowercase();
    match words.iter().find(|w| **w == wanted) {
        Some(found) => (*found).to_string(),
        None => {
            problems.push((
                field,
                format!(
                    "\"{}\" is not a {what} here; choose one of {}.",
                    super::text::clean(&value.trim().chars().take(40).collect::<String>()),
                    words.join(", ")
                ),
            ));
            value.trim().to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal() -> JointGoalDraft {
        JointGoalDraft {
            title: " Launch the joint analytics offer ".into(),
            status: "On Track".into(),
            due_on: Some("2027-03-31".into()),
            ..JointGoalDraft::default()
        }
    }

    fn fields<T>(result: Result<T, Problems>) -> Vec<JointField> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(f, _)| f)
            .collect()
    }

    #[test]
    fn a_goal_is_trimmed_and_its_status_spelled_as_the_list() {
        let checked = goal().checked().unwrap();
        assert_eq!(checked.title, "Launch the joint analytics offer");
        assert_eq!(checked.status, "on track");
        assert!(checked.is_open());
        assert!(!is_open_goal(" Dropped "));
    }

    #[test]
    fn a_goal_needs_a_title_a_real_date_and_a_known_status() {
        let bad = JointGoalDraft {
            title: "  ".into(),
            due_on: Some("2027-02-30".into()),
            status: "someday".into(),
            segment: "a\u{1b}b".into(),
            ..JointGoalDraft::default()
        };
        assert_eq!(
            fields(bad.checked()),
            [
                JointField::Title,
                JointField::Due,
                JointField::Status,
                JointField::Segment
            ]
        );
        let long = JointGoalDraft {
            title: "x".repeat(LINE_MAX + 1),
            ..goal()
        };
        assert_eq!(fields(long.checked()), [JointField::Title]);
    }

    #[test]
    fn each_kpi_and_offering_is_linked_once_and_a_target_is_a_number() {
        let kpi = |kpi, target| GoalKpi {
            kpi,
            wants: Some(Direction::Lower),
            target,
        };
        let infinite = JointGoalDraft {
            kpis: vec![kpi(1, Some(3.5)), kpi(2, Some(f64::INFINITY))],
            ..goal()
        };
        assert_eq!(fields(infinite.checked()), [JointField::Target]);
        let twice = JointGoalDraft {
            kpis: vec![kpi(1, None), kpi(1, Some(2.0))],
            offerings: vec![4, 5, 4],
            ..goal()
        };
        assert_eq!(
            fields(twice.checked()),
            [JointField::Kpi, JointField::Offering]
        );
        let fine = JointGoalDraft {
            kpis: vec![kpi(1, Some(3.5)), kpi(2, None)],
            offerings: vec![4, 5],
            ..goal()
        };
        assert_eq!(fine.checked().unwrap().kpis, fine.kpis);
    }

    #[test]
    fn commitments_are_ours_or_theirs() {
        let ours = CommitmentDraft {
            side: "Theirs".into(),
            what: "Two engineers for the pilot".into(),
            status: "open".into(),
            ..CommitmentDraft::default()
        };
        assert_eq!(ours.checked().unwrap().side, "theirs");
        let bad = CommitmentDraft {
            side: "both".into(),
            what: String::new(),
            status: "open".into(),
            ..CommitmentDraft::default()
        };
        assert_eq!(fields(bad.checked()), [JointField::Side, JointField::What]);
    }

    #[test]
    fn only_a_done_milestone_has_a_done_date() {
        let m = MilestoneDraft {
            title: "Pilot live".into(),
            due_on: Some("2027-01-15".into()),
            status: "planned".into(),
            done_on: Some("2027-01-10".into()),
            ..MilestoneDraft::default()
        };
        assert_eq!(fields(m.checked()), [JointField::Done]);
        let done = m.progressed(&MilestoneProgress::Done("2027-01-12".into()));
        let done = done.checked().unwrap();
        assert_eq!(
            (done.status.as_str(), done.done_on.as_deref()),
            ("done", Some("2027-01-12"))
        );
        let moved = done.progressed(&MilestoneProgress::Moved("2027-02-01".into()));
        let moved = moved.checked().unwrap();
        assert_eq!(moved.status, "planned");
        assert_eq!(moved.due_on.as_deref(), Some("2027-02-01"));
        assert_eq!(moved.done_on, None);
    }
}
