//! Governance forums (partner council, quarterly business review …): the form's rules, and when
//! a forum meets next.

use jiff::civil::Date;

use super::cadence::Cadence;
use super::shape::parse_iso_date;
use super::strategy::{Problems, Recipient, iso_date, keep, many_lines, one_line};

/// A forum as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ForumDraft {
    pub name: String,
    pub purpose: String,
    /// `None`: the forum meets when called (no schedule).
    pub cadence: Option<Cadence>,
    /// `YYYY-MM-DD`: the next meeting, or any past one the cadence counts on from.
    pub next_date: Option<String>,
    /// Roles and partners, each once (the check sorts them: partners, then roles, by id).
    pub members: Vec<Recipient>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForumField {
    Name,
    Purpose,
    Cadence,
    NextDate,
}

/// What a cadence field says when it cannot be scheduled.
pub const CADENCE_HELP: &str = "write weekly, fortnightly, monthly, quarterly, yearly, \
     \"every 3 weeks\" or \"every 2 months\" — or leave it empty for a forum that meets when called";

/// The cadence typed in a form: empty is none; words that name no schedule are a problem.
pub fn typed_cadence(text: &str) -> Result<Option<Cadence>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Cadence::from_words(text).map(Some).ok_or_else(|| {
        format!("\"{text}\" is not a cadence this plan can schedule; {CADENCE_HELP}.")
    })
}

impl ForumDraft {
    /// The draft as stored (trimmed, members sorted and each once), or every problem with it.
    pub fn checked(&self) -> Result<ForumDraft, Problems<ForumField>> {
        let mut p = Vec::new();
        let mut members = self.members.clone();
        members.sort();
        members.dedup();
        let checked = ForumDraft {
            name: keep(
                &mut p,
                ForumField::Name,
                one_line(&self.name, "forum's name", true),
            ),
            purpose: keep(
                &mut p,
                ForumField::Purpose,
                many_lines(&self.purpose, "purpose", false),
            ),
            cadence: self.cadence,
            next_date: keep(
                &mut p,
                ForumField::NextDate,
                iso_date(self.next_date.as_deref(), "next date"),
            ),
            members,
        };
        if let Some(cadence) = self.cadence
            && !(1..=super::cadence::MAX_EVERY).contains(&cadence.every)
        {
            p.push((
                ForumField::Cadence,
                format!(
                    "A forum meets every 1 to {} weeks or months; {CADENCE_HELP}.",
                    super::cadence::MAX_EVERY
                ),
            ));
        }
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

/// When a forum meets next, as the calendar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextMeeting {
    /// The first meeting on or after today.
    On(Date),
    /// A cadence but no date to count from.
    NoDate,
    /// A one-off date that has passed, and no cadence to roll it forward.
    Passed(Date),
    /// Neither a cadence nor a date: it meets when called.
    WhenCalled,
}

impl NextMeeting {
    pub fn date(self) -> Option<Date> {
        match self {
            NextMeeting::On(day) => Some(day),
            _ => None,
        }
    }
}

/// When a forum with `cadence` and `next_date` (stored text) meets next, seen on `today`.
pub fn next_meeting(cadence: Option<Cadence>, next_date: Option<&str>, today: Date) -> NextMeeting {
    let anchor = next_date.and_then(parse_iso_date);
    match (cadence, anchor) {
        (Some(cadence), Some(anchor)) => cadence
            .on_or_after(anchor, today)
            .map_or(NextMeeting::NoDate, NextMeeting::On),
        (Some(_), None) => NextMeeting::NoDate,
        (None, Some(day)) if day >= today => NextMeeting::On(day),
        (None, Some(day)) => NextMeeting::Passed(day),
        (None, None) => NextMeeting::WhenCalled,
    }
}

/// The meeting before the one on `meeting`: by the cadence, or none for a one-off forum.
pub fn previous_meeting(
    cadence: Option<Cadence>,
    next_date: Option<&str>,
    meeting: Date,
) -> Option<Date> {
    let anchor = next_date.and_then(parse_iso_date)?;
    cadence?.before(anchor, meeting)
}

/// A forum's schedule in words: "monthly", "every 2 weeks", "when called".
pub fn schedule_words(cadence: Option<Cadence>) -> String {
    cadence.map_or_else(|| "when called".to_string(), Cadence::words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_forum_needs_a_name_a_real_date_and_a_schedulable_cadence() {
        let draft = ForumDraft {
            name: "  Partner council ".into(),
            members: vec![
                Recipient::Role(4),
                Recipient::Partner(2),
                Recipient::Role(4),
            ],
            next_date: Some("2027-01-31".into()),
            cadence: Some(Cadence::months(1)),
            ..Default::default()
        };
        let checked = draft.checked().unwrap();
        assert_eq!(checked.name, "Partner council");
        assert_eq!(checked.members, [Recipient::Partner(2), Recipient::Role(4)]);
        let bad = ForumDraft {
            name: " ".into(),
            next_date: Some("2027-02-30".into()),
            cadence: Some(Cadence::weeks(0)),
            ..Default::default()
        };
        let fields: Vec<ForumField> = bad
            .checked()
            .unwrap_err()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(
            fields,
            [ForumField::Name, ForumField::NextDate, ForumField::Cadence]
        );
        assert_eq!(typed_cadence(" "), Ok(None));
        assert_eq!(typed_cadence("Quarterly"), Ok(Some(Cadence::months(3))));
        let problem = typed_cadence("as needed").unwrap_err();
        assert!(problem.contains("\"as needed\"") && problem.contains("every 3 weeks"));
    }

    #[test]
    fn the_next_meeting_rolls_forward_or_says_why_there_is_none() {
        let today = date(2026, 12, 7);
        let monthly = Some(Cadence::months(1));
        assert_eq!(
            next_meeting(monthly, Some("2026-10-31"), today),
            NextMeeting::On(date(2026, 12, 31))
        );
        assert_eq!(next_meeting(monthly, None, today), NextMeeting::NoDate);
        assert_eq!(
            next_meeting(None, Some("2026-12-20"), today),
            NextMeeting::On(date(2026, 12, 20))
        );
        assert_eq!(
            next_meeting(None, Some("2026-12-01"), today),
            NextMeeting::Passed(date(2026, 12, 1))
        );
        assert_eq!(next_meeting(None, None, today), NextMeeting::WhenCalled);
        assert_eq!(
            previous_meeting(monthly, Some("2026-10-31"), date(2026, 12, 31)),
            Some(date(2026, 11, 30))
        );
        assert_eq!(previous_meeting(None, Some("2026-10-31"), today), None);
        assert_eq!(schedule_words(None), "when called");
        assert_eq!(schedule_words(Some(Cadence::weeks(2))), "every 2 weeks");
    }
}
