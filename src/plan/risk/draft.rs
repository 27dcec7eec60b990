//! The rules for a risk as the risk form saves it.
//!
//! - A title is required; every text is one line (no line breaks or control characters), titles,
//!   categories and owners up to 200 characters, the rest up to 2,000.
//! - Inherent likelihood and impact are both required: a risk without them has no score, band or
//!   place on the heat map. Residual likelihood and impact are optional, but go together.
//! - A residual score above the inherent one is a question, not an error: unconfirmed, it comes
//!   back as `RiskProblem::ResidualAboveInherent` for the form to ask y/n; confirmed, it still
//!   needs a note saying why.
//! - A risk whose current score (residual when set, else inherent) is high or critical can only be
//!   "accepted" with an owner and a note: accepting is a decision somebody answers for.
//! - The next review is empty or a real `YYYY-MM-DD` date.

use super::{Band, Bands, Impact, Likelihood, MitigationKind, Rating, RiskStatus, Treatment};
use crate::plan::shape::{ISO_DATE, date_example, parse_iso_date};
use crate::plan::text::{describe_char, first_forbidden_char};

/// The longest title, category or owner.
pub const TITLE_MAX_CHARS: usize = 200;
/// The longest cause, event, consequence, note or mitigation note.
pub const LONG_MAX_CHARS: usize = 2_000;

/// A risk as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskDraft {
    pub title: String,
    pub cause: String,
    pub event: String,
    pub consequence: String,
    /// A word of the category list (which the workbook can extend); empty when not chosen.
    pub category: String,
    pub partner_id: Option<i64>,
    pub role_id: Option<i64>,
    pub inherent_likelihood: Option<Likelihood>,
    pub inherent_impact: Option<Impact>,
    pub treatment: Option<Treatment>,
    pub residual_likelihood: Option<Likelihood>,
    pub residual_impact: Option<Impact>,
    pub owner: String,
    pub status: RiskStatus,
    /// `YYYY-MM-DD`, or empty for no review planned.
    pub next_review: String,
    /// Why the residual score is above the inherent one, or why the risk is accepted.
    pub note: String,
    /// In the order the form lists them.
    pub mitigations: Vec<(MitigationKind, String)>,
}

/// Which field a problem belongs to, so the form can show it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskField {
    Title,
    Cause,
    Event,
    Consequence,
    Category,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    Owner,
    NextReview,
    Note,
    /// The note of the mitigation at this index.
    Mitigation(usize),
}

/// What stops a draft from being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RiskProblem {
    /// A field's value breaks a rule.
    Field { field: RiskField, message: String },
    /// The residual score is above the inherent one and the user has not confirmed it yet: the
    /// form asks, and checks again with the confirmation.
    ResidualAboveInherent { inherent: i64, residual: i64 },
}

impl RiskProblem {
    fn field(field: RiskField, message: impl Into<String>) -> RiskProblem {
        RiskProblem::Field {
            field,
            message: message.into(),
        }
    }

    /// The field to show the problem at.
    pub fn at(&self) -> RiskField {
        match self {
            RiskProblem::Field { field, .. } => *field,
            RiskProblem::ResidualAboveInherent { .. } => RiskField::ResidualLikelihood,
        }
    }

    /// The sentence for the user (for the residual question, the question to answer y/n).
    pub fn message(&self) -> String {
        match self {
            RiskProblem::Field { message, .. } => message.clone(),
            RiskProblem::ResidualAboveInherent { inherent, residual } => format!(
                "The residual score ({residual}) is above the inherent score ({inherent}): the \
                 treatment would make things worse. Keep it and explain why in the note? (y/n)"
            ),
        }
    }
}

impl RiskDraft {
    /// The inherent assessment, when both its numbers are chosen.
    pub fn inherent(&self) -> Option<Rating> {
        Some(Rating::new(
            self.inherent_likelihood?,
            self.inherent_impact?,
        ))
    }

    /// The residual assessment, when both its numbers are chosen.
    pub fn residual(&self) -> Option<Rating> {
        Some(Rating::new(
            self.residual_likelihood?,
            self.residual_impact?,
        ))
    }

    /// The draft as it is stored (texts trimmed), or every problem with it: texts, then ratings,
    /// the review date, and acceptance.
    /// `residual_above_confirmed`: the user answered yes to keeping a residual score above the
    /// inherent one.
    pub fn checked(
        &self,
        bands: &Bands,
        residual_above_confirmed: bool,
    ) -> Result<RiskDraft, Vec<RiskProblem>> {
        let draft = self.trimmed();
        let mut problems = Vec::new();
        draft.text_problems(&mut problems);
        draft.rating_problems(residual_above_confirmed, &mut problems);
        if !draft.next_review.is_empty() && parse_iso_date(&draft.next_review).is_none() {
            problems.push(RiskProblem::field(
                RiskField::NextReview,
                format!(
                    "The next review is not a date; enter one like {}.",
                    date_example(ISO_DATE)
                ),
            ));
        }
        draft.acceptance_problems(bands, &mut problems);
        if problems.is_empty() {
            Ok(draft)
        } else {
            Err(problems)
        }
    }

    fn trimmed(&self) -> RiskDraft {
        let trim = |s: &String| s.trim().to_string();
        RiskDraft {
            title: trim(&self.title),
            cause: trim(&self.cause),
            event: trim(&self.event),
            consequence: trim(&self.consequence),
            category: trim(&self.category),
            owner: trim(&self.owner),
            next_review: trim(&self.next_review),
            note: trim(&self.note),
            mitigations: self
                .mitigations
                .iter()
                .map(|(kind, note)| (*kind, trim(note)))
                .collect(),
            ..self.clone()
        }
    }

    fn text_problems(&self, problems: &mut Vec<RiskProblem>) {
        if self.title.is_empty() {
            problems.push(RiskProblem::field(
                RiskField::Title,
                "Give the risk a title: a few words that say what could go wrong.",
            ));
        }
        let texts = [
            (RiskField::Title, "The title", &self.title, TITLE_MAX_CHARS),
            (RiskField::Cause, "The cause", &self.cause, LONG_MAX_CHARS),
            (RiskField::Event, "The event", &self.event, LONG_MAX_CHARS),
            (
                RiskField::Consequence,
                "The consequence",
                &self.consequence,
                LONG_MAX_CHARS,
            ),
            (
                RiskField::Category,
                "The category",
                &self.category,
                TITLE_MAX_CHARS,
            ),
            (RiskField::Owner, "The owner", &self.owner, TITLE_MAX_CHARS),
            (RiskField::Note, "The note", &self.note, LONG_MAX_CHARS),
        ];
        let mitigation_notes = self.mitigations.iter().enumerate().map(|(i, (_, note))| {
            (
                RiskField::Mitigation(i),
                "A mitigation's note",
                note,
                LONG_MAX_CHARS,
            )
        });
        for (field, label, value, max) in texts.into_iter().chain(mitigation_notes) {
            if let Some(message) = line_problem(label, value, max) {
                problems.push(RiskProblem::field(field, message));
            }
        }
    }

    fn rating_problems(&self, residual_above_confirmed: bool, problems: &mut Vec<RiskProblem>) {
        let pairs = [
            (
                "inherent",
                (
                    self.inherent_likelihood.is_some(),
                    self.inherent_impact.is_some(),
                ),
                (RiskField::InherentLikelihood, RiskField::InherentImpact),
                true,
            ),
            (
                "residual",
                (
                    self.residual_likelihood.is_some(),
                    self.residual_impact.is_some(),
                ),
                (RiskField::ResidualLikelihood, RiskField::ResidualImpact),
                false,
            ),
        ];
        for (which, chosen, fields, required) in pairs {
            problems.extend(pair_problem(which, chosen, fields, required));
        }
        let (Some(inherent), Some(residual)) = (self.inherent(), self.residual()) else {
            return;
        };
        let (inherent, residual) = (inherent.score(), residual.score());
        if residual <= inherent {
            return;
        }
        if !residual_above_confirmed {
            problems.push(RiskProblem::ResidualAboveInherent { inherent, residual });
        } else if self.note.is_empty() {
            problems.push(RiskProblem::field(
                RiskField::Note,
                format!(
                    "Say in the note why the residual score ({residual}) is above the inherent \
                     score ({inherent})."
                ),
            ));
        }
    }

    fn acceptance_problems(&self, bands: &Bands, problems: &mut Vec<RiskProblem>) {
        let Some(score) = super::current_score(self.inherent(), self.residual()) else {
            return;
        };
        let band = bands.band(score);
        if self.status != RiskStatus::Accepted || band < Band::High {
            return;
        }
        let band = band.word();
        if self.owner.is_empty() {
            problems.push(RiskProblem::field(
                RiskField::Owner,
                format!(
                    "A {band} risk can only be accepted with an owner; name who answers for it."
                ),
            ));
        }
        let note_asked = problems.iter().any(|p| p.at() == RiskField::Note);
        if self.note.is_empty() && !note_asked {
            problems.push(RiskProblem::field(
                RiskField::Note,
                format!("Say in the note why this {band} risk is accepted."),
            ));
        }
    }
}

/// The problem with one assessment's likelihood and impact (`chosen`: whether each is): both or
/// neither, and both when `required`.
fn pair_problem(
    which: &str,
    chosen: (bool, bool),
    (likelihood, impact): (RiskField, RiskField),
    required: bool,
) -> Option<RiskProblem> {
    let or_clear = |other: &str| {
        if required {
            String::new()
        } else {
            format!(", or clear the {which} {other}")
        }
    };
    match chosen {
        (true, true) => None,
        (false, false) if !required => None,
        (false, false) => Some(RiskProblem::field(
            likelihood,
            format!("Rate the {which} likelihood and impact: without them the risk has no score."),
        )),
        (true, false) => Some(RiskProblem::field(
            impact,
            format!("Choose the {which} impact too{}.", or_clear("likelihood")),
        )),
        (false, true) => Some(RiskProblem::field(
            likelihood,
            format!("Choose the {which} likelihood too{}.", or_clear("impact")),
        )),
    }
}

/// The problem with a one-line text, if any.
fn line_problem(label: &str, value: &str, max: usize) -> Option<String> {
    if let Some(c) = first_forbidden_char(value, false) {
        return Some(format!(
            "{label} is one line; it holds {}.",
            describe_char(c)
        ));
    }
    let length = value.chars().count();
    (length > max).then(|| {
        format!(
            "Keep {} to {max} characters ({length} now).",
            label.to_lowercase()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> RiskDraft {
        RiskDraft {
            title: "  Hosting partner fails  ".into(),
            category: "dependency/concentration".into(),
            inherent_likelihood: Some(Likelihood::Possible),
            inherent_impact: Some(Impact::Major),
            ..Default::default()
        }
    }

    fn fields(result: Result<RiskDraft, Vec<RiskProblem>>) -> Vec<RiskField> {
        result.unwrap_err().iter().map(RiskProblem::at).collect()
    }

    fn check(d: &RiskDraft, confirmed: bool) -> Result<RiskDraft, Vec<RiskProblem>> {
        d.checked(&Bands::default(), confirmed)
    }

    #[test]
    fn a_plain_draft_is_trimmed() {
        let mut d = draft();
        d.owner = " Dana ".into();
        d.mitigations = vec![(MitigationKind::DualSourcing, " second host ".into())];
        d.next_review = " 2026-11-23 ".into();
        let saved = check(&d, false).unwrap();
        assert_eq!(saved.title, "Hosting partner fails");
        assert_eq!(saved.owner, "Dana");
        assert_eq!(saved.next_review, "2026-11-23");
        assert_eq!(saved.mitigations[0].1, "second host");
        assert_eq!(saved.inherent().unwrap().score(), 12);
    }

    #[test]
    fn a_title_is_required_and_texts_are_one_line() {
        let mut d = draft();
        d.title = "   ".into();
        assert_eq!(fields(check(&d, false)), [RiskField::Title]);
        let mut d = draft();
        d.cause = "first\nsecond".into();
        d.owner = "Dana\u{202E}".into();
        d.mitigations = vec![
            (MitigationKind::Audit, "fine".into()),
            (MitigationKind::Sla, "bad\u{1b}[2J".into()),
        ];
        assert_eq!(
            fields(check(&d, false)),
            [RiskField::Cause, RiskField::Owner, RiskField::Mitigation(1)]
        );
        let mut d = draft();
        d.title = "x".repeat(201);
        let err = check(&d, false).unwrap_err();
        assert!(
            err[0].message().contains("200 characters (201 now)"),
            "{err:?}"
        );
    }

    #[test]
    fn ratings_come_in_pairs_and_inherent_is_required() {
        let mut d = draft();
        d.inherent_likelihood = None;
        d.inherent_impact = None;
        assert_eq!(fields(check(&d, false)), [RiskField::InherentLikelihood]);
        d.inherent_likelihood = Some(Likelihood::Rare);
        assert_eq!(fields(check(&d, false)), [RiskField::InherentImpact]);
        let mut d = draft();
        d.residual_likelihood = Some(Likelihood::Rare);
        assert_eq!(fields(check(&d, false)), [RiskField::ResidualImpact]);
        d.residual_likelihood = None;
        d.residual_impact = Some(Impact::Minor);
        assert_eq!(fields(check(&d, false)), [RiskField::ResidualLikelihood]);
        d.residual_likelihood = Some(Likelihood::Rare);
        assert!(check(&d, false).is_ok());
    }

    fn worse_residual() -> RiskDraft {
        RiskDraft {
            residual_likelihood: Some(Likelihood::Likely),
            residual_impact: Some(Impact::Major),
            ..draft()
        }
    }

    #[test]
    fn residual_above_inherent_is_a_question_first() {
        let err = check(&worse_residual(), false).unwrap_err();
        assert_eq!(
            err,
            [RiskProblem::ResidualAboveInherent {
                inherent: 12,
                residual: 16
            }]
        );
        assert!(err[0].message().contains("(y/n)"));
        // Even with a note, the question is asked until the user confirms.
        let mut d = worse_residual();
        d.note = "the new host is untested".into();
        assert!(matches!(
            check(&d, false).unwrap_err()[..],
            [RiskProblem::ResidualAboveInherent { .. }]
        ));
    }

    #[test]
    fn residual_above_inherent_confirmed_still_needs_a_note() {
        let err = check(&worse_residual(), true).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].at(), RiskField::Note);
        assert!(err[0].message().contains("(16)"), "{err:?}");
        let mut d = worse_residual();
        d.note = "the new host is untested".into();
        assert_eq!(check(&d, true).unwrap().note, "the new host is untested");
    }

    #[test]
    fn residual_equal_or_below_inherent_needs_nothing() {
        let mut d = draft();
        // 4 × 3 = 12 = 3 × 4: equal scores are not "above".
        d.residual_likelihood = Some(Likelihood::Likely);
        d.residual_impact = Some(Impact::Moderate);
        assert!(check(&d, false).is_ok());
    }

    fn accepted_high() -> RiskDraft {
        RiskDraft {
            status: RiskStatus::Accepted,
            ..draft()
        }
    }

    #[test]
    fn a_high_risk_is_accepted_only_with_owner_and_note() {
        let err = check(&accepted_high(), false).unwrap_err();
        let at: Vec<_> = err.iter().map(RiskProblem::at).collect();
        assert_eq!(at, [RiskField::Owner, RiskField::Note]);
        assert!(err[0].message().contains("high risk"), "{err:?}");
        let mut d = accepted_high();
        d.owner = "Dana".into();
        assert_eq!(fields(check(&d, false)), [RiskField::Note]);
        d.note = "cheaper than a second host".into();
        d.owner.clear();
        assert_eq!(fields(check(&d, false)), [RiskField::Owner]);
        d.owner = "Dana".into();
        assert!(check(&d, false).is_ok());
        // Critical says so.
        let mut d = accepted_high();
        d.inherent_likelihood = Some(Likelihood::AlmostCertain);
        d.inherent_impact = Some(Impact::Severe);
        assert!(
            check(&d, false).unwrap_err()[0]
                .message()
                .contains("critical")
        );
    }

    #[test]
    fn acceptance_is_judged_on_the_residual_score_when_set() {
        let mut d = accepted_high();
        // Inherent 12 (high), residual 2 × 4 = 8 (medium): accepting a medium risk is free.
        d.residual_likelihood = Some(Likelihood::Unlikely);
        d.residual_impact = Some(Impact::Major);
        assert!(check(&d, false).is_ok());
        // Medium by default bands, high by stricter ones.
        let strict = Bands {
            medium: 3,
            high: 6,
            critical: 20,
        };
        assert!(d.checked(&strict, false).is_err());
        // Open high risks need neither.
        let mut d = accepted_high();
        d.status = RiskStatus::Open;
        assert!(check(&d, false).is_ok());
    }

    #[test]
    fn one_note_problem_when_both_rules_ask_for_it() {
        let mut d = worse_residual();
        d.status = RiskStatus::Accepted;
        d.owner = "Dana".into();
        let err = check(&d, true).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(err[0].message().contains("above the inherent"));
    }

    #[test]
    fn the_review_date_must_be_a_real_date() {
        let mut d = draft();
        for bad in ["soon", "2026-02-30", "23.11.2026"] {
            d.next_review = bad.into();
            let err = check(&d, false).unwrap_err();
            assert_eq!(err[0].at(), RiskField::NextReview, "{bad}");
            assert!(err[0].message().contains("2026-11-23"));
        }
        d.next_review = "2026-02-28".into();
        assert!(check(&d, false).is_ok());
    }
}
