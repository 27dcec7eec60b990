//! Which partner field a column of a CRM export holds, recognised from its header by synonyms
//! (case, spaces and punctuation ignored), and the `--map "CSV column=field"` overrides.

use super::PartnerField;

/// Header words per field, in their folded form (see [`fold`]). The field's own key and label
/// are recognised too.
const SYNONYMS: &[(PartnerField, &[&str])] = &[
    (
        PartnerField::Name,
        &[
            "name",
            "accountname",
            "companyname",
            "company",
            "partner",
            "partnername",
            "organisation",
            "organization",
            "organizationname",
        ],
    ),
    (
        PartnerField::Website,
        &[
            "website",
            "companydomainname",
            "domain",
            "url",
            "web",
            "websiteurl",
            "homepage",
        ],
    ),
    (
        PartnerField::Type,
        &["type", "partnertype", "accounttype", "companytype"],
    ),
    (PartnerField::Sector, &["industry", "sector", "vertical"]),
    (
        PartnerField::Owner,
        &[
            "accountowner",
            "companyowner",
            "owner",
            "partnermanager",
            "internalowner",
        ],
    ),
    (
        PartnerField::Stage,
        &["lifecyclestage", "stage", "status", "partnerstage"],
    ),
    (PartnerField::Tier, &["tier", "partnertier", "level"]),
    (
        PartnerField::Region,
        &["region", "territory", "countryregion", "salesregion"],
    ),
    (
        PartnerField::ContactName,
        &["contact", "contactname", "primarycontact", "maincontact"],
    ),
    (
        PartnerField::ContactEmail,
        &[
            "email",
            "emailaddress",
            "contactemail",
            "primarycontactemail",
        ],
    ),
    (
        PartnerField::AgreementStart,
        &[
            "agreementstart",
            "contractstart",
            "contractstartdate",
            "startdate",
        ],
    ),
    (
        PartnerField::AgreementEnd,
        &[
            "agreementend",
            "contractend",
            "contractenddate",
            "enddate",
            "renewaldate",
        ],
    ),
    (
        PartnerField::CheckinCadence,
        &["checkindays", "checkincadence", "cadence", "cadencedays"],
    ),
    (
        PartnerField::Contributes,
        &["theycontribute", "contributes", "contribution", "offering"],
    ),
    (PartnerField::Gains, &["theygain", "gains", "benefit"]),
    (
        PartnerField::Notes,
        &["notes", "note", "description", "comments", "about"],
    ),
];

/// A header in the form synonyms are compared in: lower case, letters and digits only.
pub fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, if it is one we know.
pub fn field_for_header(header: &str) -> Option<PartnerField> {
    let folded = fold(header);
    if folded.is_empty() {
        return None;
    }
    PartnerField::ALL
        .into_iter()
        .find(|f| fold(f.key()) == folded || fold(f.label()) == folded)
        .or_else(|| {
            SYNONYMS
                .iter()
                .find(|(_, words)| words.contains(&folded.as_str()))
                .map(|(field, _)| *field)
        })
}

/// One `--map` override: the CSV column, and the field it fills (`None`: ignore the column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub column: String,
    pub field: Option<PartnerField>,
}

/// Reads `"CSV column=field"`; the field is a key (`contact_email`), a label ("Contact e-mail")
/// or a recognised header, and an empty field means "ignore this column".
pub fn parse_map(text: &str) -> Result<ColumnMap, String> {
    let Some((column, field)) = text.rsplit_once('=') else {
        return Err(format!(
            "--map {text:?} has no '='; write it as \"CSV column=field\", e.g. \"Company=name\"."
        ));
    };
    let column = column.trim();
    if column.is_empty() {
        return Err(format!(
            "--map {text:?} names no CSV column before the '='."
        ));
    }
    let field = field.trim();
    if field.is_empty() {
        return Ok(ColumnMap {
            column: column.to_string(),
            field: None,
        });
    }
    match field_for_header(field) {
        Some(found) => Ok(ColumnMap {
            column: column.to_string(),
            field: Some(found),
        }),
        None => Err(format!(
            "--map {text:?}: {field:?} is not a partner field; use one of {}.",
            PartnerField::ALL
                .iter()
                .map(|f| f.key())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_crm_headers_are_recognised_whatever_their_case_and_spacing() {
        for (header, field) in [
            ("Account Name", PartnerField::Name),
            ("company name", PartnerField::Name),
            ("PARTNER", PartnerField::Name),
            ("Name", PartnerField::Name),
            ("Website", PartnerField::Website),
            ("Company Domain Name", PartnerField::Website),
            ("domain", PartnerField::Website),
            ("Partner Type", PartnerField::Type),
            ("Industry", PartnerField::Sector),
            ("Account Owner", PartnerField::Owner),
            ("Company owner", PartnerField::Owner),
            ("Lifecycle Stage", PartnerField::Stage),
            ("Status", PartnerField::Stage),
            ("E-mail", PartnerField::ContactEmail),
            ("Email", PartnerField::ContactEmail),
            ("Contact e-mail", PartnerField::ContactEmail),
            ("contact_email", PartnerField::ContactEmail),
            ("  Check-in days ", PartnerField::CheckinCadence),
            ("They contribute", PartnerField::Contributes),
        ] {
            assert_eq!(field_for_header(header), Some(field), "{header}");
        }
        assert_eq!(field_for_header("Number of Employees"), None);
        assert_eq!(field_for_header("  "), None);
    }

    #[test]
    fn every_field_is_reachable_by_its_key_and_label() {
        for field in PartnerField::ALL {
            assert_eq!(field_for_header(field.key()), Some(field));
            assert_eq!(field_for_header(field.label()), Some(field));
        }
    }

    #[test]
    fn maps_name_a_column_and_a_field_or_nothing() {
        assert_eq!(
            parse_map("Firm = contact name"),
            Ok(ColumnMap {
                column: "Firm".into(),
                field: Some(PartnerField::ContactName)
            })
        );
        assert_eq!(
            parse_map("a=b=website").map(|m| (m.column, m.field)),
            Ok(("a=b".into(), Some(PartnerField::Website)))
        );
        assert_eq!(parse_map("Lifecycle Stage=").unwrap().field, None);
        assert!(parse_map("no equals").unwrap_err().contains("no '='"));
        assert!(parse_map("=name").is_err());
        assert!(
            parse_map("X=shoe size")
                .unwrap_err()
                .contains("contact_email")
        );
    }
}
