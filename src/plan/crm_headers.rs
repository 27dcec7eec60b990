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
            "organisationname",
            "firma",
            "firmenname",
            "unternehmen",
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
            "companywebsite",
            "webseite",
        ],
    ),
    (
        PartnerField::Type,
        &[
            "type",
            "partnertype",
            "accounttype",
            "companytype",
            "relationshiptype",
            "typ",
            "partnertyp",
        ],
    ),
    (
        PartnerField::Sector,
        &["industry", "sector", "vertical", "branche"],
    ),
    (
        PartnerField::Owner,
        &[
            "accountowner",
            "companyowner",
            "owner",
            "partnermanager",
            "internalowner",
            "ownername",
            "verantwortlich",
            "betreuer",
        ],
    ),
    (
        PartnerField::Stage,
        &[
            "lifecyclestage",
            "stage",
            "status",
            "partnerstage",
            "partnerstatus",
            "phase",
            // Pipedrive's organization label (customer, hot / warm / cold lead).
            "label",
        ],
    ),
    (PartnerField::Tier, &["tier", "partnertier", "level"]),
    (
        PartnerField::Region,
        &[
            "region",
            "territory",
            "countryregion",
            "salesregion",
            "country",
            "billingcountry",
            "shippingcountry",
            "address1countryregion",
            "land",
        ],
    ),
    (
        PartnerField::ContactName,
        &[
            "contact",
            "contactname",
            "primarycontact",
            "maincontact",
            "contactperson",
            "ansprechpartner",
        ],
    ),
    (
        PartnerField::ContactEmail,
        &[
            "email",
            "emailaddress",
            "contactemail",
            "primarycontactemail",
            "emailprimarycontact",
            "primaryemail",
            "email1",
        ],
    ),
    (
        PartnerField::AgreementStart,
        &[
            "agreementstart",
            "contractstart",
            "contractstartdate",
            "startdate",
            "vertragsbeginn",
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
            "vertragsende",
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
        &[
            "notes",
            "note",
            "description",
            "comments",
            "about",
            "beschreibung",
            "notizen",
            "bemerkungen",
        ],
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

/// Prefixes that CRMs put before every header of an export ("Organization - Name" in Pipedrive,
/// "Account.Name" in Salesforce), in lower case.
const PREFIXES: &[&str] = &[
    "organization - ",
    "organisation - ",
    "org - ",
    "account - ",
    "company - ",
    "account.",
    "company.",
    "organization.",
];

/// Headers (folded) of a CRM's own bookkeeping: a record's key or whether the record is active or
/// deleted in the CRM, which says nothing about a partnership.
const RECORD_STATE: &[&str] = &[
    "statusreason",
    "statecode",
    "statuscode",
    "recordstatus",
    "active",
    "inactive",
    "isactive",
    "deleted",
    "isdeleted",
    "recordid",
    "id",
    "accountid",
    "companyid",
    "organizationid",
];

/// What a column of a CRM export holds, as far as its header tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    Field(PartnerField),
    /// The CRM's own record key or record state (Dynamics "Status", HubSpot "Record ID").
    RecordState,
    /// A column the CRM hides and asks not to touch (Dynamics "(Do Not Modify) Row Checksum").
    Hidden,
    /// Nothing a partner has.
    Unknown,
}

/// A header without the prefix its CRM puts before every header, trimmed.
pub fn header_text(header: &str) -> &str {
    let header = header.trim().trim_start_matches('\u{feff}').trim();
    for prefix in PREFIXES {
        if let Some(head) = header.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            return header[prefix.len()..].trim();
        }
    }
    header
}

/// Whether the CRM hides the column and asks not to touch it.
fn is_hidden(header: &str) -> bool {
    header
        .trim()
        .get(..15)
        .is_some_and(|head| head.eq_ignore_ascii_case("(do not modify)"))
}

/// What each column of a file with `headers` holds. In a Dynamics 365 export (it has hidden
/// "(Do Not Modify)" columns or a "Status Reason"), "Status" is the record's state, not a stage.
pub fn column_roles(headers: &[String]) -> Vec<ColumnRole> {
    let dynamics = headers
        .iter()
        .any(|h| is_hidden(h) || fold(header_text(h)) == "statusreason");
    headers
        .iter()
        .map(|header| {
            let text = header_text(header);
            let folded = fold(text);
            if is_hidden(header) {
                ColumnRole::Hidden
            } else if RECORD_STATE.contains(&folded.as_str()) || (dynamics && folded == "status") {
                ColumnRole::RecordState
            } else {
                field_for_header(text).map_or(ColumnRole::Unknown, ColumnRole::Field)
            }
        })
        .collect()
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
    fn prefixes_are_stripped_and_record_state_is_never_a_stage() {
        assert_eq!(header_text("Organization - Owner"), "Owner");
        assert_eq!(header_text("ACCOUNT.Website "), "Website");
        assert_eq!(header_text("Account Name"), "Account Name");
        let headers: Vec<String> = [
            "(Do Not Modify) Account",
            "Account Name",
            "Status",
            "Status Reason",
            "Relationship Type",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            column_roles(&headers),
            [
                ColumnRole::Hidden,
                ColumnRole::Field(PartnerField::Name),
                ColumnRole::RecordState,
                ColumnRole::RecordState,
                ColumnRole::Field(PartnerField::Type),
            ]
        );
        // Outside a Dynamics export a "Status" column is the partner's own.
        let plain: Vec<String> = ["Name", "Status", "Record ID", "Organization - Label"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            column_roles(&plain),
            [
                ColumnRole::Field(PartnerField::Name),
                ColumnRole::Field(PartnerField::Stage),
                ColumnRole::RecordState,
                ColumnRole::Field(PartnerField::Stage),
            ]
        );
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
