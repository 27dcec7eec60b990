//! A partner as the planner edits it, its vocabularies, and the rules a draft must pass.

use super::intake::{FieldValue, field_problem};
use super::shape::{
    ISO_DATE, WebsiteProblem, check_website, date_example, is_email, parse_cadence, parse_iso_date,
};
use super::text::{describe_char, first_forbidden_char};

/// The default choice lists, from `assets/vocabularies.toml` (compiled in).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    pub partner_types: Vec<String>,
    pub partner_stages: Vec<String>,
    pub partner_sectors: Vec<String>,
    pub partner_tiers: Vec<String>,
    pub partner_regions: Vec<String>,
    /// The risk register's categories (DESIGN §4), in the order the risk form offers them.
    #[serde(default = "default_risk_categories")]
    pub risk_categories: Vec<String>,
    /// What two partners do together (a partner↔partner link's kind).
    #[serde(default)]
    pub link_kinds: Vec<String>,
    /// What a member brings to a joint offering.
    #[serde(default)]
    pub contribution_kinds: Vec<String>,
}

fn default_risk_categories() -> Vec<String> {
    super::risk::category::DEFAULTS
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// The vocabularies shipped with this build. The asset is ours and parsed by a test, so a broken
/// edit fails the build's tests rather than a user's session; should it ever fail, lists are empty
/// and every stored value is still shown.
pub fn vocabularies() -> &'static Vocabularies {
    static VOCABULARIES: std::sync::OnceLock<Vocabularies> = std::sync::OnceLock::new();
    VOCABULARIES.get_or_init(|| {
        toml::from_str(include_str!("../../assets/vocabularies.toml")).unwrap_or_default()
    })
}

/// The longest name we accept; longer text is almost always a paste gone wrong.
pub const NAME_MAX_CHARS: usize = 200;
/// The longest single-line field (owner, sector…).
pub const LINE_MAX_CHARS: usize = 200;
/// The longest web address.
pub const WEBSITE_MAX_CHARS: usize = 500;
/// The longest "what they contribute" or "what they gain".
pub const VALUE_MAX_CHARS: usize = 2_000;
/// The longest note.
pub const NOTES_MAX_CHARS: usize = 20_000;

/// Every field of a partner, in form order, for attaching messages to the right field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartnerField {
    Name,
    Type,
    Sector,
    Website,
    Stage,
    Tier,
    Region,
    Owner,
    CheckinCadence,
    ContactName,
    ContactEmail,
    AgreementStart,
    AgreementEnd,
    Contributes,
    Gains,
    Notes,
}

impl PartnerField {
    pub const ALL: [PartnerField; 16] = [
        PartnerField::Name,
        PartnerField::Type,
        PartnerField::Sector,
        PartnerField::Website,
        PartnerField::Stage,
        PartnerField::Tier,
        PartnerField::Region,
        PartnerField::Owner,
        PartnerField::CheckinCadence,
        PartnerField::ContactName,
        PartnerField::ContactEmail,
        PartnerField::AgreementStart,
        PartnerField::AgreementEnd,
        PartnerField::Contributes,
        PartnerField::Gains,
        PartnerField::Notes,
    ];

    /// A stable name for the field (also its column in the workbook).
    pub fn key(self) -> &'static str {
        match self {
            PartnerField::Name => "name",
            PartnerField::Type => "partner_type",
            PartnerField::Sector => "sector",
            PartnerField::Website => "website",
            PartnerField::Stage => "stage",
            PartnerField::Tier => "tier",
            PartnerField::Region => "region",
            PartnerField::Owner => "owner",
            PartnerField::CheckinCadence => "checkin_cadence_days",
            PartnerField::ContactName => "contact_name",
            PartnerField::ContactEmail => "contact_email",
            PartnerField::AgreementStart => "agreement_start",
            PartnerField::AgreementEnd => "agreement_end",
            PartnerField::Contributes => "contributes",
            PartnerField::Gains => "gains",
            PartnerField::Notes => "notes",
        }
    }

    /// The field's name as the planner reads it.
    pub fn label(self) -> &'static str {
        match self {
            PartnerField::Name => "Name",
            PartnerField::Type => "Type",
            PartnerField::Sector => "Sector",
            PartnerField::Website => "Website",
            PartnerField::Stage => "Stage",
            PartnerField::Tier => "Tier",
            PartnerField::Region => "Region",
            PartnerField::Owner => "Internal owner",
            PartnerField::CheckinCadence => "Check-in days",
            PartnerField::ContactName => "Contact name",
            PartnerField::ContactEmail => "Contact e-mail",
            PartnerField::AgreementStart => "Agreement start",
            PartnerField::AgreementEnd => "Agreement end",
            PartnerField::Contributes => "They contribute",
            PartnerField::Gains => "They gain",
            PartnerField::Notes => "Notes",
        }
    }

    /// Fields that hold several lines.
    pub fn is_multiline(self) -> bool {
        matches!(
            self,
            PartnerField::Contributes | PartnerField::Gains | PartnerField::Notes
        )
    }

    fn max_chars(self) -> usize {
        match self {
            PartnerField::Name => NAME_MAX_CHARS,
            PartnerField::Website => WEBSITE_MAX_CHARS,
            PartnerField::Contributes | PartnerField::Gains => VALUE_MAX_CHARS,
            PartnerField::Notes => NOTES_MAX_CHARS,
            _ => LINE_MAX_CHARS,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: PartnerField,
    pub message: String,
}

/// A partner as typed into the form, before it is saved. Dates are `YYYY-MM-DD` (empty: none);
/// the cadence is whole days as text (empty: the configured default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartnerDraft {
    pub name: String,
    pub partner_type: String,
    pub sector: String,
    pub website: String,
    pub stage: String,
    pub tier: String,
    pub region: String,
    pub owner: String,
    pub checkin_cadence_days: String,
    pub contact_name: String,
    pub contact_email: String,
    pub agreement_start: String,
    pub agreement_end: String,
    pub contributes: String,
    pub gains: String,
    pub notes: String,
}

impl PartnerDraft {
    /// The text of one field.
    pub fn get(&self, field: PartnerField) -> &str {
        match field {
            PartnerField::Name => &self.name,
            PartnerField::Type => &self.partner_type,
            PartnerField::Sector => &self.sector,
            PartnerField::Website => &self.website,
            PartnerField::Stage => &self.stage,
            PartnerField::Tier => &self.tier,
            PartnerField::Region => &self.region,
            PartnerField::Owner => &self.owner,
            PartnerField::CheckinCadence => &self.checkin_cadence_days,
            PartnerField::ContactName => &self.contact_name,
            PartnerField::ContactEmail => &self.contact_email,
            PartnerField::AgreementStart => &self.agreement_start,
            PartnerField::AgreementEnd => &self.agreement_end,
            PartnerField::Contributes => &self.contributes,
            PartnerField::Gains => &self.gains,
            PartnerField::Notes => &self.notes,
        }
    }

    pub fn set(&mut self, field: PartnerField, value: impl Into<String>) {
        let slot = match field {
            PartnerField::Name => &mut self.name,
            PartnerField::Type => &mut self.partner_type,
            PartnerField::Sector => &mut self.sector,
            PartnerField::Website => &mut self.website,
            PartnerField::Stage => &mut self.stage,
            PartnerField::Tier => &mut self.tier,
            PartnerField::Region => &mut self.region,
            PartnerField::Owner => &mut self.owner,
            PartnerField::CheckinCadence => &mut self.checkin_cadence_days,
            PartnerField::ContactName => &mut self.contact_name,
            PartnerField::ContactEmail => &mut self.contact_email,
            PartnerField::AgreementStart => &mut self.agreement_start,
            PartnerField::AgreementEnd => &mut self.agreement_end,
            PartnerField::Contributes => &mut self.contributes,
            PartnerField::Gains => &mut self.gains,
            PartnerField::Notes => &mut self.notes,
        };
        *slot = value.into();
    }

    /// The draft as it will be stored: single-line fields trimmed, multi-line fields with trailing
    /// space removed.
    pub fn normalised(&self) -> PartnerDraft {
        let mut draft = PartnerDraft::default();
        for field in PartnerField::ALL {
            let value = self.get(field);
            let value = if field.is_multiline() {
                value.trim_end()
            } else {
                value.trim()
            };
            draft.set(field, value);
        }
        draft
    }

    /// The cadence in days, when one is set (and valid).
    pub fn cadence_days(&self) -> Option<i64> {
        parse_cadence(&self.checkin_cadence_days).ok().flatten()
    }

    /// Every problem, per field, in form order. Empty when the draft can be saved.
    pub fn validate(&self) -> Vec<FieldError> {
        let draft = self.normalised();
        let mut errors = Vec::new();
        for field in PartnerField::ALL {
            if let Some(message) = draft.problem(field) {
                errors.push(FieldError { field, message });
            }
        }
        errors
    }

    /// The first problem with one field of an already normalised draft.
    fn problem(&self, field: PartnerField) -> Option<String> {
        let value = self.get(field);
        let label = field.label();
        if let Some(c) = first_forbidden_char(value, field.is_multiline()) {
            return Some(format!("{label} holds {}; remove it.", describe_char(c)));
        }
        let max = field.max_chars();
        if value.chars().count() > max {
            return Some(format!(
                "{label} is longer than {max} characters; shorten it."
            ));
        }
        let own = match field {
            PartnerField::Name if value.is_empty() => {
                Some("Enter a name: every partner needs one.".into())
            }
            PartnerField::ContactEmail if !value.is_empty() && !is_email(value) => {
                Some("Enter an e-mail like name@example.com.".into())
            }
            PartnerField::Website if !value.is_empty() => check_website(value)
                .err()
                .map(|problem: WebsiteProblem| problem.message().to_string()),
            PartnerField::CheckinCadence => parse_cadence(value).err(),
            PartnerField::AgreementStart | PartnerField::AgreementEnd
                if !value.is_empty() && parse_iso_date(value).is_none() =>
            {
                Some(format!(
                    "{label} is not a date; enter one like {}.",
                    date_example(ISO_DATE)
                ))
            }
            PartnerField::AgreementEnd => {
                let start = parse_iso_date(&self.agreement_start)?;
                let end = parse_iso_date(value)?;
                (end < start).then(|| {
                    "The agreement ends before it starts; set an end on or after the start.".into()
                })
            }
            _ => None,
        };
        // Last, the rules every value obeys whichever way it enters (form, CSV, TOML, merge):
        // the form's own rules above are stricter, so this only catches what they do not say.
        // (The cadence is stored as days and checked by `parse_cadence` against the same range.)
        own.or_else(|| {
            (field != PartnerField::CheckinCadence)
                .then(|| field_problem(field.key(), FieldValue::Text(value)))
                .flatten()
                .map(|problem| format!("{label} {problem}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> PartnerDraft {
        PartnerDraft {
            name: name.into(),
            stage: "prospect".into(),
            ..Default::default()
        }
    }

    fn full() -> PartnerDraft {
        PartnerDraft {
            name: "Northwind Logistics".into(),
            partner_type: "supplier".into(),
            sector: "logistics".into(),
            website: "https://northwind.example/".into(),
            stage: "active".into(),
            tier: "strategic".into(),
            region: "Europe".into(),
            owner: "Dana Whitfield".into(),
            checkin_cadence_days: "30".into(),
            contact_name: "Jo Berger".into(),
            contact_email: "jo@northwind.example".into(),
            agreement_start: "2026-03-01".into(),
            agreement_end: "2027-02-28".into(),
            contributes: "EU warehousing\nreturns handling".into(),
            gains: "A steady share of our volume.".into(),
            notes: "Renewal due in spring.".into(),
        }
    }

    fn errors_for(draft: &PartnerDraft) -> Vec<(PartnerField, String)> {
        draft
            .validate()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn a_complete_partner_passes() {
        assert_eq!(errors_for(&full()), []);
        assert_eq!(full().cadence_days(), Some(30));
    }

    #[test]
    fn name_is_required_after_trimming() {
        let errors = errors_for(&draft("   "));
        assert_eq!(
            errors,
            [(
                PartnerField::Name,
                "Enter a name: every partner needs one.".to_string()
            )]
        );
        assert!(draft("  Acme  ").validate().is_empty());
        assert_eq!(draft("  Acme  ").normalised().name, "Acme");
    }

    #[test]
    fn normalising_trims_lines_and_keeps_the_lines_of_long_text() {
        let mut d = full();
        d.website = "  acme.com ".into();
        d.checkin_cadence_days = " 14 ".into();
        d.contributes = "one\ntwo  \n\n".into();
        let n = d.normalised();
        assert_eq!(n.website, "acme.com");
        assert_eq!(n.checkin_cadence_days, "14");
        assert_eq!(n.contributes, "one\ntwo");
        assert_eq!(n.normalised(), n, "normalising twice changes nothing");
    }

    #[test]
    fn control_and_bidi_characters_are_refused_with_their_code_in_every_field() {
        let errors = errors_for(&draft("Acme\u{1b}]52;c;ZXZpbA==\u{7}"));
        assert!(errors[0].1.contains("U+001B"), "{errors:?}");
        let errors = errors_for(&draft("evil\u{202E}gnp.exe"));
        assert!(errors[0].1.contains("U+202E"));
        for field in PartnerField::ALL {
            let mut d = full();
            d.set(field, "x\u{200B}y");
            let errors = errors_for(&d);
            assert_eq!(errors.len(), 1, "{field:?}: {errors:?}");
            assert_eq!(errors[0].0, field);
            assert!(errors[0].1.contains("U+200B"), "{errors:?}");
            assert!(errors[0].1.starts_with(field.label()), "{errors:?}");
        }
    }

    #[test]
    fn long_text_may_hold_lines_but_not_escapes() {
        let mut d = draft("Acme");
        d.notes = "first\nsecond\n".into();
        d.gains = "reach\nmargin".into();
        assert!(d.validate().is_empty());
        d.notes = "bad \u{9b}31m".into();
        assert_eq!(d.validate()[0].field, PartnerField::Notes);
        let mut d = draft("Acme");
        d.owner = "Dana\nWhitfield".into();
        assert_eq!(d.validate()[0].field, PartnerField::Owner);
    }

    #[test]
    fn overlong_text_is_refused_per_field_limit() {
        let errors = errors_for(&draft(&"x".repeat(NAME_MAX_CHARS + 1)));
        assert!(errors[0].1.contains("longer than 200"));
        let mut d = draft("Acme");
        d.gains = "x".repeat(VALUE_MAX_CHARS);
        d.notes = "x".repeat(NOTES_MAX_CHARS);
        assert!(d.validate().is_empty());
        d.gains.push('x');
        assert_eq!(d.validate()[0].field, PartnerField::Gains);
    }

    #[test]
    fn email_and_website_shapes_have_messages_with_a_way_out() {
        let mut d = full();
        d.contact_email = "jo at northwind".into();
        d.website = "ftp://northwind.example".into();
        assert_eq!(
            errors_for(&d),
            [
                (
                    PartnerField::Website,
                    WebsiteProblem::Scheme.message().to_string()
                ),
                (
                    PartnerField::ContactEmail,
                    "Enter an e-mail like name@example.com.".to_string()
                ),
            ]
        );
        d.contact_email = String::new();
        d.website = "northwind.example".into();
        assert!(d.validate().is_empty(), "both are optional");
    }

    #[test]
    fn dates_must_be_stored_dates_and_the_end_not_before_the_start() {
        let mut d = full();
        d.agreement_start = "2026-02-30".into();
        let errors = errors_for(&d);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, PartnerField::AgreementStart);
        assert!(errors[0].1.contains("like 2026-11-23"), "{errors:?}");

        let mut d = full();
        d.agreement_end = "2026-02-28".into();
        assert_eq!(errors_for(&d)[0].0, PartnerField::AgreementEnd);
        assert!(errors_for(&d)[0].1.contains("ends before it starts"));
        d.agreement_end = d.agreement_start.clone();
        assert!(d.validate().is_empty(), "a one-day agreement is fine");
        d.agreement_start = String::new();
        assert!(d.validate().is_empty(), "an end without a start is fine");
    }

    #[test]
    fn cadence_is_empty_or_whole_days_up_to_ten_years() {
        let mut d = full();
        d.checkin_cadence_days = String::new();
        assert!(d.validate().is_empty());
        assert_eq!(d.cadence_days(), None);
        for bad in ["0", "3651", "2.5", "weekly"] {
            d.checkin_cadence_days = bad.into();
            let errors = errors_for(&d);
            assert_eq!(errors[0].0, PartnerField::CheckinCadence, "{bad}");
            assert!(errors[0].1.contains("leave it empty"), "{errors:?}");
        }
    }

    #[test]
    fn every_field_round_trips_through_get_and_set() {
        let mut d = PartnerDraft::default();
        for (i, field) in PartnerField::ALL.iter().enumerate() {
            d.set(*field, format!("v{i}"));
        }
        for (i, field) in PartnerField::ALL.iter().enumerate() {
            assert_eq!(d.get(*field), format!("v{i}"));
        }
        let keys: std::collections::HashSet<_> =
            PartnerField::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), PartnerField::ALL.len());
    }

    #[test]
    fn shipped_vocabularies_parse_and_hold_the_method_words() {
        let parsed: Vocabularies =
            toml::from_str(include_str!("../../assets/vocabularies.toml")).unwrap();
        assert!(
            parsed
                .partner_types
                .iter()
                .any(|t| t == "strategic alliance")
        );
        assert_eq!(
            parsed.partner_stages.first().map(String::as_str),
            Some("prospect")
        );
        assert!(parsed.partner_stages.iter().any(|s| s == "active"));
        assert!(parsed.partner_sectors.iter().any(|s| s == "healthcare"));
        assert!(parsed.partner_tiers.len() >= 3);
        assert!(parsed.partner_regions.iter().any(|r| r == "Europe"));
        for list in [
            &parsed.partner_types,
            &parsed.partner_stages,
            &parsed.partner_sectors,
            &parsed.partner_tiers,
            &parsed.partner_regions,
        ] {
            assert!(list.iter().all(|w| !w.trim().is_empty()), "{list:?}");
            let unique: std::collections::HashSet<_> = list.iter().collect();
            assert_eq!(unique.len(), list.len(), "{list:?} has a duplicate");
        }
        assert_eq!(vocabularies().partner_types, parsed.partner_types);
        assert_eq!(vocabularies().partner_regions, parsed.partner_regions);
    }
}
