//! A data-sharing protocol as its form saves it: what data, why, with whom (partners or roles),
//! how much of it and how, how sensitive, how protected, and when to review it.

use super::super::risk_suggestions::Sensitivity;
use super::super::words::worded;
use super::{Problems, iso_date, keep, many_lines, one_line};

worded! {
    /// How much of the data a recipient sees.
    #[derive(Default)]
    pub enum AccessLevel {
        /// The schema's default, and what an unknown stored word reads as: nothing shared.
        #[default]
        Hidden => "hidden",
        CountsOnly => "counts only",
        ChosenFields => "chosen fields",
        Full => "full",
    }
}

/// Who a protocol shares data with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Recipient {
    Partner(i64),
    Role(i64),
}

/// A protocol as typed into its form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProtocolDraft {
    pub data_item: String,
    pub purpose: String,
    /// Partners and roles, each once (the check sorts them: partners, then roles, by id).
    pub recipients: Vec<Recipient>,
    pub access_level: AccessLevel,
    pub access_method: String,
    pub sensitivity: Sensitivity,
    pub protection_measures: String,
    /// `YYYY-MM-DD`, or `None`.
    pub review_date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolField {
    DataItem,
    Purpose,
    AccessMethod,
    ProtectionMeasures,
    ReviewDate,
}

impl ProtocolDraft {
    /// The draft as it is stored (trimmed, recipients sorted and each once), or every problem.
    pub fn checked(&self) -> Result<ProtocolDraft, Problems<ProtocolField>> {
        use ProtocolField as F;
        let mut p = Vec::new();
        let mut recipients = self.recipients.clone();
        recipients.sort();
        recipients.dedup();
        let checked = ProtocolDraft {
            data_item: keep(
                &mut p,
                F::DataItem,
                one_line(&self.data_item, "data item", true),
            ),
            purpose: keep(
                &mut p,
                F::Purpose,
                many_lines(&self.purpose, "purpose", false),
            ),
            recipients,
            access_level: self.access_level,
            access_method: keep(
                &mut p,
                F::AccessMethod,
                one_line(&self.access_method, "access method", false),
            ),
            sensitivity: self.sensitivity,
            protection_measures: keep(
                &mut p,
                F::ProtectionMeasures,
                many_lines(&self.protection_measures, "protection measures", false),
            ),
            review_date: keep(
                &mut p,
                F::ReviewDate,
                iso_date(self.review_date.as_deref(), "review date"),
            ),
        };
        if p.is_empty() { Ok(checked) } else { Err(p) }
    }
}

#[cfg(test)]
mod tests {
    use super::super::problem_fields;
    use super::*;

    #[test]
    fn recipients_are_sorted_and_kept_once() {
        let draft = ProtocolDraft {
            data_item: " Sales pipeline ".into(),
            recipients: vec![
                Recipient::Role(2),
                Recipient::Partner(9),
                Recipient::Partner(3),
                Recipient::Role(2),
            ],
            ..Default::default()
        };
        let checked = draft.checked().unwrap();
        assert_eq!(checked.data_item, "Sales pipeline");
        assert_eq!(
            checked.recipients,
            [
                Recipient::Partner(3),
                Recipient::Partner(9),
                Recipient::Role(2)
            ]
        );
    }

    #[test]
    fn a_protocol_needs_its_data_item_and_a_real_review_date() {
        let draft = ProtocolDraft {
            access_method: "API\u{202E}".into(),
            review_date: Some("2027-13-01".into()),
            ..Default::default()
        };
        let fields = problem_fields(draft.checked());
        assert_eq!(
            fields,
            [
                ProtocolField::DataItem,
                ProtocolField::AccessMethod,
                ProtocolField::ReviewDate
            ]
        );
        assert_eq!(
            AccessLevel::from_word("Counts only"),
            Some(AccessLevel::CountsOnly)
        );
    }
}
