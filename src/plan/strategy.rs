//! The Strategy tab's rules: the strategy statement (mission, core elements, value proposition,
//! model), goals, resources, governance rules and data-sharing protocols, as their forms save them.

mod lists;
mod protocol;
mod statement;

pub use lists::{
    GoalDraft, GoalField, GoalHorizon, GoalStatus, GovernanceDraft, GovernanceField,
    GovernanceTopic, ResourceDraft, ResourceField, ResourceKind, ResourceStatus,
};
pub use protocol::{AccessLevel, ProtocolDraft, ProtocolField, Recipient};
pub use statement::{StrategyDraft, StrategyField, StrategySection, rating_word};

use super::shape::parse_iso_date;
use super::text::{describe_char, first_forbidden_char};

/// The longest one-line field (a forum, a cadence, an owner, an access method, a title).
pub const MAX_LINE: usize = 200;

/// Every problem with a draft, each with the field it belongs to, so the form can show it there.
pub type Problems<F> = Vec<(F, String)>;

/// `text` trimmed as a one-line field called `what` ("title"), or the problem with it.
pub(crate) fn one_line(text: &str, what: &str, required: bool) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() && required {
        return Err(format!("{} is required.", capitalised(what)));
    }
    if let Some(c) = first_forbidden_char(text, false) {
        return Err(format!(
            "The {what} is one line; it holds {}, remove it.",
            describe_char(c)
        ));
    }
    let length = text.chars().count();
    if length > MAX_LINE {
        return Err(format!(
            "Keep the {what} to one line of {MAX_LINE} characters ({length} now)."
        ));
    }
    Ok(text.to_string())
}

/// `text` trimmed as a multi-line field called `what`, or the problem with it.
pub(crate) fn many_lines(text: &str, what: &str, required: bool) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() && required {
        return Err(format!("{} is required.", capitalised(what)));
    }
    match first_forbidden_char(text, true) {
        Some(c) => Err(format!("The {what} holds {}; remove it.", describe_char(c))),
        None => Ok(text.to_string()),
    }
}

/// A stored date (`YYYY-MM-DD`; blank is none), or the problem with it. Forms turn what the user
/// typed into this form with `shape::parse_typed_date` first.
pub(crate) fn iso_date(date: Option<&str>, what: &str) -> Result<Option<String>, String> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) if parse_iso_date(d).is_some() => Ok(Some(d.to_string())),
        Some(d) => Err(format!(
            "The {what} \"{d}\" is not a date; enter one like 2026-11-23."
        )),
    }
}

/// The value of a checked field, or its default after noting the problem against `field`.
pub(crate) fn keep<F, T: Default>(
    problems: &mut Problems<F>,
    field: F,
    checked: Result<T, String>,
) -> T {
    checked.unwrap_or_else(|problem| {
        problems.push((field, problem));
        T::default()
    })
}

fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The fields a check complained about, in order (for tests).
#[cfg(test)]
fn problem_fields<F, T>(result: Result<T, Problems<F>>) -> Vec<F> {
    result
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_are_trimmed_clean_and_short() {
        assert_eq!(one_line("  Board ", "forum", false).unwrap(), "Board");
        assert_eq!(
            one_line(" ", "title", true).unwrap_err(),
            "Title is required."
        );
        assert!(one_line("", "forum", false).unwrap().is_empty());
        assert!(
            one_line("a\nb", "forum", false)
                .unwrap_err()
                .contains("U+000A")
        );
        assert!(one_line(&"x".repeat(201), "forum", false).is_err());
        assert!(one_line(&"é".repeat(200), "forum", false).is_ok());
        assert!(many_lines("a\nb", "rule", true).is_ok());
        assert!(many_lines("a\u{202E}", "rule", true).is_err());
    }

    #[test]
    fn dates_are_stored_iso_or_not_at_all() {
        assert_eq!(iso_date(None, "target date"), Ok(None));
        assert_eq!(iso_date(Some("  "), "target date"), Ok(None));
        assert_eq!(
            iso_date(Some("2027-01-31"), "target date"),
            Ok(Some("2027-01-31".into()))
        );
        for bad in ["2027-02-30", "31/01/2027", "2027-1-31"] {
            assert!(iso_date(Some(bad), "target date").is_err(), "{bad}");
        }
    }
}
