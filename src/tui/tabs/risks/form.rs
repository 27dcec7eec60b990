//! The risk form: every field of a risk, grouped (what, links, inherent, treatment, residual,
//! ownership); the linked partner and role come from searchable pickers; mitigations are one per
//! line as "kind: note". Saving checks the rules; a residual score above the inherent one is asked
//! about first.

use crate::plan::risk::{
    Bands, Impact, Likelihood, MitigationKind, RiskDraft, RiskField, RiskProblem, RiskStatus,
    Treatment, category,
};
use crate::plan::shape::{date_example, parse_typed_date, show_date};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::picker::LinkPicker;

/// An open risk form and what it edits.
#[derive(Debug)]
pub(super) struct RiskForm {
    pub form: Form,
    /// The risk edited; `None` while adding.
    pub editing: Option<i64>,
    /// The linked records (the form shows their names).
    pub partner: Option<i64>,
    pub role: Option<i64>,
    /// The plan's suggestion a new risk answers.
    pub suggestion: Option<String>,
    /// The picker choosing the partner or role to link, while open over the form.
    pub picker: Option<LinkPicker>,
}

/// What saving the form gives.
pub(super) enum Submitted {
    /// Ready to save; `true` when it holds a residual score above the inherent one that the
    /// user confirmed.
    Draft(Box<RiskDraft>, bool),
    /// The residual score is above the inherent one: ask before saving.
    AskResidual { inherent: i64, residual: i64 },
    /// Problems are shown on their fields.
    Problems,
}

fn scale_words<T: Copy>(
    all: &[T],
    value: fn(T) -> i64,
    word: fn(T) -> &'static str,
) -> Vec<String> {
    all.iter()
        .map(|&item| format!("{} {}", value(item), word(item)))
        .collect()
}

fn likelihood_label(l: Option<Likelihood>) -> String {
    l.map(|l| format!("{} {}", l.value(), l.word()))
        .unwrap_or_default()
}

fn impact_label(i: Option<Impact>) -> String {
    i.map(|i| format!("{} {}", i.value(), i.word()))
        .unwrap_or_default()
}

/// The number a "3 possible" choice starts with.
fn leading_value(text: &str) -> Option<i64> {
    text.split_whitespace().next()?.parse().ok()
}

/// Mitigations as the form shows them: one per line, "kind: note".
fn mitigation_lines(mitigations: &[(MitigationKind, String)]) -> String {
    mitigations
        .iter()
        .map(|(kind, note)| {
            if note.is_empty() {
                kind.word().to_string()
            } else {
                format!("{}: {note}", kind.word())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads "kind: note" lines back; the first line that names no kind is the error.
fn parse_mitigations(text: &str) -> Result<Vec<(MitigationKind, String)>, String> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (kind, note) = match line.split_once(':') {
            Some((kind, note)) => (kind.trim(), note.trim()),
            None => (line, ""),
        };
        let Some(kind) = MitigationKind::from_word(kind) else {
            let kinds: Vec<&str> = MitigationKind::ALL.iter().map(|k| k.word()).collect();
            return Err(format!(
                "Line {}: \"{kind}\" is not a kind of mitigation; start the line with one of: {}.",
                index + 1,
                kinds.join(", ")
            ));
        };
        out.push((kind, note.to_string()));
    }
    Ok(out)
}

impl RiskForm {
    /// The form for `draft`; `partner_name`/`role_name` label the links; `categories` are the
    /// words offered (the defaults plus the workbook's own).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        title: &str,
        draft: &RiskDraft,
        editing: Option<i64>,
        partner_name: &str,
        role_name: &str,
        categories: &[String],
        date_format: &str,
        suggestion: Option<String>,
    ) -> RiskForm {
        let likelihoods = scale_words(&Likelihood::ALL, Likelihood::value, Likelihood::word);
        let impacts = scale_words(&Impact::ALL, Impact::value, Impact::word);
        let treatments: Vec<&str> = Treatment::ALL.iter().map(|t| t.word()).collect();
        let statuses: Vec<&str> = RiskStatus::ALL.iter().map(|s| s.word()).collect();
        let mitigation_kinds: Vec<&str> = MitigationKind::ALL.iter().map(|k| k.word()).collect();
        let form = Form::new(title.to_string())
            .section("The risk")
            .text("title", "Title", &draft.title, true)
            .placeholder("e.g. Single cloud provider for all regions")
            .text("cause", "Cause", &draft.cause, false)
            .placeholder("because…")
            .text("event", "Event", &draft.event, false)
            .placeholder("…this may happen…")
            .text("consequence", "Consequence", &draft.consequence, false)
            .placeholder("…with this effect")
            .choice_or_none("category", "Category", categories, &draft.category)
            .link("partner", "Partner", partner_name)
            .link("role", "Role", role_name)
            .section("Inherent (before treatment)")
            .choice_or_none(
                "inherent_likelihood",
                "Likelihood",
                &likelihoods,
                &likelihood_label(draft.inherent_likelihood),
            )
            .choice_or_none(
                "inherent_impact",
                "Impact",
                &impacts,
                &impact_label(draft.inherent_impact),
            )
            .section("Treatment")
            .choice_or_none(
                "treatment",
                "Treatment",
                &treatments,
                draft.treatment.map_or("", Treatment::word),
            )
            .multiline(
                "mitigations",
                "Mitigations",
                &mitigation_lines(&draft.mitigations),
            )
            .rows(3)
            .placeholder(format!(
                "one per line, kind: note ({})",
                mitigation_kinds.join(", ")
            ))
            .section("Residual (after treatment)")
            .choice_or_none(
                "residual_likelihood",
                "Likelihood",
                &likelihoods,
                &likelihood_label(draft.residual_likelihood),
            )
            .choice_or_none(
                "residual_impact",
                "Impact",
                &impacts,
                &impact_label(draft.residual_impact),
            )
            .section("Ownership")
            .text("owner", "Owner", &draft.owner, false)
            .choice("status", "Status", &statuses, draft.status.word())
            .date(
                "next_review",
                "Next review",
                &show_date(&draft.next_review, date_format),
            )
            .placeholder(format!("e.g. {}", date_example(date_format)))
            .text("note", "Note", &draft.note, false)
            .placeholder("why the residual is above inherent, or why a high risk is accepted");
        RiskForm {
            form,
            editing,
            partner: draft.partner_id,
            role: draft.role_id,
            suggestion,
            picker: None,
        }
    }

    /// Reads the form; `confirmed`: the (inherent, residual) scores the user already said yes to,
    /// which stand as long as the form still holds those scores.
    pub fn submit(
        &mut self,
        bands: &Bands,
        date_format: &str,
        confirmed: Option<(i64, i64)>,
    ) -> Submitted {
        let form = &mut self.form;
        form.clear_errors();
        let mut broken = false;
        let mitigations = match parse_mitigations(&form.value("mitigations")) {
            Ok(list) => list,
            Err(message) => {
                form.set_error("mitigations", message);
                broken = true;
                Vec::new()
            }
        };
        let next_review = match parse_typed_date(&form.value("next_review"), date_format) {
            Ok(date) => date.unwrap_or_default(),
            Err(message) => {
                form.set_error("next_review", message);
                broken = true;
                String::new()
            }
        };
        let value = |id: &str| leading_value(&form.value(id));
        let draft = RiskDraft {
            title: form.value("title"),
            cause: form.value("cause"),
            event: form.value("event"),
            consequence: form.value("consequence"),
            category: form.value("category"),
            partner_id: self.partner,
            role_id: self.role,
            inherent_likelihood: value("inherent_likelihood").and_then(Likelihood::from_value),
            inherent_impact: value("inherent_impact").and_then(Impact::from_value),
            treatment: Treatment::from_word(&form.value("treatment")),
            residual_likelihood: value("residual_likelihood").and_then(Likelihood::from_value),
            residual_impact: value("residual_impact").and_then(Impact::from_value),
            owner: form.value("owner"),
            status: RiskStatus::from_word(&form.value("status")).unwrap_or_default(),
            next_review,
            note: form.value("note"),
            mitigations,
        };
        let scores = draft
            .inherent()
            .zip(draft.residual())
            .map(|(i, r)| (i.score(), r.score()));
        let confirmed = confirmed.is_some() && confirmed == scores;
        match draft.checked(bands, confirmed) {
            Ok(draft) if !broken => Submitted::Draft(Box::new(draft), confirmed),
            Ok(_) => {
                form.focus_first_error();
                Submitted::Problems
            }
            Err(problems) => {
                let mut ask = None;
                for problem in &problems {
                    match problem {
                        RiskProblem::ResidualAboveInherent { inherent, residual } => {
                            ask = Some((*inherent, *residual));
                        }
                        RiskProblem::Field { .. } => {
                            form.set_error(field_id(problem.at()), problem.message());
                            broken = true;
                        }
                    }
                }
                match ask {
                    Some((inherent, residual)) if !broken => {
                        Submitted::AskResidual { inherent, residual }
                    }
                    _ => {
                        form.focus_first_error();
                        Submitted::Problems
                    }
                }
            }
        }
    }
}

/// The form field a problem belongs to.
fn field_id(field: RiskField) -> &'static str {
    match field {
        RiskField::Title => "title",
        RiskField::Cause => "cause",
        RiskField::Event => "event",
        RiskField::Consequence => "consequence",
        RiskField::Category => "category",
        RiskField::InherentLikelihood => "inherent_likelihood",
        RiskField::InherentImpact => "inherent_impact",
        RiskField::ResidualLikelihood => "residual_likelihood",
        RiskField::ResidualImpact => "residual_impact",
        RiskField::Owner => "owner",
        RiskField::NextReview => "next_review",
        RiskField::Note => "note",
        RiskField::Mitigation(_) => "mitigations",
    }
}

/// The categories a form offers: the defaults, then the workbook's own words.
pub(super) fn categories(in_use: &[String]) -> Vec<String> {
    let mut all: Vec<String> = category::DEFAULTS.iter().map(|c| c.to_string()).collect();
    for word in in_use {
        if !word.trim().is_empty() && !all.iter().any(|c| c.eq_ignore_ascii_case(word)) {
            all.push(word.clone());
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mitigations_read_back_as_they_are_shown() {
        let list = vec![
            (MitigationKind::Contract, "exit clause".to_string()),
            (MitigationKind::DualSourcing, String::new()),
        ];
        assert_eq!(parse_mitigations(&mitigation_lines(&list)).unwrap(), list);
        assert_eq!(
            parse_mitigations("  SLA: 99.9%  \n\naudit").unwrap(),
            vec![
                (MitigationKind::Sla, "99.9%".to_string()),
                (MitigationKind::Audit, String::new())
            ]
        );
        let err = parse_mitigations("contract\ninsurnce: cyber").unwrap_err();
        assert!(err.starts_with("Line 2: \"insurnce\""), "{err}");
    }

    #[test]
    fn scale_choices_read_back_as_numbers() {
        assert_eq!(leading_value("3 possible"), Some(3));
        assert_eq!(leading_value(""), None);
        assert_eq!(
            likelihood_label(Likelihood::from_value(5)),
            "5 almost certain"
        );
    }

    #[test]
    fn workbook_categories_follow_the_defaults_once() {
        let all = categories(&["Supply chain".into(), "financial".into(), " ".into()]);
        assert_eq!(all.len(), category::DEFAULTS.len() + 1);
        assert_eq!(all.last().map(String::as_str), Some("Supply chain"));
    }
}
