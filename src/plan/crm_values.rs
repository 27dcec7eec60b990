//! What an unknown value of a CRM export's vocabulary column (type, stage, tier, sector, region)
//! becomes: a word of our list (from the CRMs' picklists we know, or a close match), a new word,
//! or nothing — proposed here, chosen by the user.

mod builtin;

use super::PartnerField;
use super::crm_headers::fold;
use super::vocabulary::VocabularyKind;

/// What a value becomes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueChoice {
    /// This word of the list.
    Word(String),
    /// The value itself, added to the list.
    NewWord,
    /// The field is left empty.
    Empty,
}

impl ValueChoice {
    /// How the choice reads in a message: `"active"`, "a new word", "left empty".
    pub fn describe(&self) -> String {
        match self {
            ValueChoice::Word(word) => format!("{word:?}"),
            ValueChoice::NewWord => "added as a new word".into(),
            ValueChoice::Empty => "left empty".into(),
        }
    }

    /// The form stored in the workbook and written after `--map-value`'s `=`: the word, `+` for
    /// a new word, nothing for empty.
    pub fn code(&self) -> &str {
        match self {
            ValueChoice::Word(word) => word,
            ValueChoice::NewWord => "+",
            ValueChoice::Empty => "",
        }
    }

    pub fn from_code(code: &str) -> ValueChoice {
        match code.trim() {
            "" => ValueChoice::Empty,
            "+" => ValueChoice::NewWord,
            word => ValueChoice::Word(word.to_string()),
        }
    }
}

/// One `--map-value` choice: in `column`, `value` becomes `choice`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueMap {
    pub column: String,
    pub value: String,
    pub choice: ValueChoice,
}

/// Reads `"Column:VALUE=word"` (`=+` adds the value as a new word, `=` alone leaves it empty).
/// A column's name may hold `:` itself; the value is after the last one.
pub fn parse_value_map(text: &str) -> Result<ValueMap, String> {
    let example = "write it as \"Column:VALUE=word\", e.g. \"Type:PARTNER=strategic alliance\" \
                   (=+ adds the value as a new word, = alone leaves it empty)";
    let Some((left, choice)) = text.rsplit_once('=') else {
        return Err(format!("--map-value {text:?} has no '='; {example}."));
    };
    let Some((column, value)) = left.rsplit_once(':') else {
        return Err(format!(
            "--map-value {text:?} names no column before a ':'; {example}."
        ));
    };
    if column.trim().is_empty() || value.trim().is_empty() {
        return Err(format!(
            "--map-value {text:?} needs both a column and a value; {example}."
        ));
    }
    Ok(ValueMap {
        column: column.trim().to_string(),
        value: value.trim().to_string(),
        choice: ValueChoice::from_code(choice),
    })
}

/// Why a value became what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// It is a word of the list already.
    Exact,
    /// A value of a CRM's picklist we know (the CRM's name).
    BuiltIn(&'static str),
    /// It is spelled almost as a word of the list.
    Close,
    /// A CRM's way of writing "nothing" ("-None-").
    Nothing,
    /// Nothing matched: the default for the list.
    NoMatch,
    /// Chosen earlier and remembered in the workbook.
    Remembered,
    /// Chosen now (`--map-value`, `--new-words` or the app's preview).
    Chosen,
}

impl Reason {
    pub fn describe(self) -> String {
        match self {
            Reason::Exact => "in the list".into(),
            Reason::BuiltIn("a country") => "its country's region".into(),
            Reason::BuiltIn(_) => "a known value".into(),
            Reason::Close => "close match".into(),
            Reason::Nothing => "means none".into(),
            Reason::NoMatch => "no match".into(),
            Reason::Remembered => "remembered".into(),
            Reason::Chosen => "chosen".into(),
        }
    }
}

/// The list a field's values come from, if it has one.
pub fn kind_of(field: PartnerField) -> Option<VocabularyKind> {
    match field {
        PartnerField::Type => Some(VocabularyKind::Type),
        PartnerField::Stage => Some(VocabularyKind::Stage),
        PartnerField::Tier => Some(VocabularyKind::Tier),
        PartnerField::Sector => Some(VocabularyKind::Sector),
        PartnerField::Region => Some(VocabularyKind::Region),
        _ => None,
    }
}

/// What an unmatched value of `kind` becomes unless the user says otherwise: a type or stage
/// that is not ours would mislead, so it is left empty; a sector, tier or region is kept as a
/// new word, as the CRM's own word says more than nothing.
pub fn no_match_default(kind: VocabularyKind) -> ValueChoice {
    match kind {
        VocabularyKind::Type | VocabularyKind::Stage => ValueChoice::Empty,
        _ => ValueChoice::NewWord,
    }
}

/// The proposal for `value` (non-empty) of `kind`'s column, given the list's `words`.
pub fn propose(kind: VocabularyKind, value: &str, words: &[String]) -> (ValueChoice, Reason) {
    let value = value.trim();
    if let Some(word) = words
        .iter()
        .find(|w| w.eq_ignore_ascii_case(value) || **w == value)
    {
        return (ValueChoice::Word(word.clone()), Reason::Exact);
    }
    let folded = fold(value);
    if matches!(folded.as_str(), "none" | "na" | "null" | "") {
        return (ValueChoice::Empty, Reason::Nothing);
    }
    let in_list = |word: &str| words.iter().find(|w| w.eq_ignore_ascii_case(word)).cloned();
    let built_in = builtin::BUILT_IN
        .iter()
        .find(|(k, key, _, _)| *k == kind && *key == folded)
        .map(|(_, _, word, crm)| (*word, *crm))
        .or_else(|| {
            (kind == VocabularyKind::Region)
                .then(|| builtin::COUNTRIES.iter().find(|(key, _)| *key == folded))
                .flatten()
                .map(|(_, region)| (*region, "country"))
        });
    if let Some((word, crm)) = built_in
        && let Some(word) = in_list(word)
    {
        let reason = if crm == "country" {
            Reason::BuiltIn("a country")
        } else {
            Reason::BuiltIn(crm)
        };
        return (ValueChoice::Word(word), reason);
    }
    if let Some(word) = close_match(value, words) {
        return (ValueChoice::Word(word), Reason::Close);
    }
    (no_match_default(kind), Reason::NoMatch)
}

/// A value and a word in the form close matches compare: folded, without a plural "s" and
/// without the word "partner".
fn stem(text: &str) -> String {
    let folded = fold(
        &text
            .to_lowercase()
            .replace("partners", "")
            .replace("partner", ""),
    );
    folded
        .strip_suffix('s')
        .map(str::to_string)
        .unwrap_or(folded)
}

/// The one word of `words` that `value` is almost spelled as (plural, case, punctuation, the
/// word "partner", or a typo or two in a long word).
fn close_match(value: &str, words: &[String]) -> Option<String> {
    let value = stem(value);
    if value.len() < 3 {
        return None;
    }
    let allowed = match value.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &String)> = None;
    let mut tie = false;
    for word in words {
        let distance = edit_distance(&value, &stem(word));
        if distance > allowed {
            continue;
        }
        match best {
            Some((d, _)) if d < distance => {}
            Some((d, _)) if d == distance => tie = true,
            _ => {
                best = Some((distance, word));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, word)| word.clone())
}

/// Levenshtein distance between two short strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(kind: VocabularyKind) -> Vec<String> {
        kind.defaults().to_vec()
    }

    fn word(kind: VocabularyKind, value: &str) -> ValueChoice {
        propose(kind, value, &list(kind)).0
    }

    fn w(text: &str) -> ValueChoice {
        ValueChoice::Word(text.into())
    }

    #[test]
    fn every_built_in_mapping_lands_on_a_word_of_the_shipped_list() {
        for (kind, key, target, crm) in builtin::BUILT_IN {
            assert!(
                kind.defaults().iter().any(|d| d == target),
                "{crm} {key} → {target} is not a {} word",
                kind.word()
            );
            assert_eq!(fold(key), *key, "{key} is not folded");
        }
        for (_, region) in builtin::COUNTRIES {
            assert!(
                VocabularyKind::Region
                    .defaults()
                    .iter()
                    .any(|d| d == region)
            );
        }
    }

    #[test]
    fn hubspot_salesforce_zoho_pipedrive_and_dynamics_values_are_mapped() {
        use VocabularyKind::{Region, Sector, Stage, Type};
        assert_eq!(word(Type, "PARTNER"), w("strategic alliance"));
        assert_eq!(word(Type, "VENDOR"), w("supplier"));
        assert_eq!(word(Stage, "marketingqualifiedlead"), w("prospect"));
        assert_eq!(word(Stage, "opportunity"), w("evaluating"));
        assert_eq!(word(Stage, "customer"), w("active"));
        assert_eq!(word(Type, "Channel Partner / Reseller"), w("reseller"));
        assert_eq!(word(Type, "Technology Partner"), w("technology"));
        assert_eq!(word(Type, "Installation Partner"), w("integrator"));
        assert_eq!(word(Stage, "Customer - Direct"), w("active"));
        assert_eq!(word(Stage, "Hot lead"), w("evaluating"));
        assert_eq!(word(Type, "Consultant"), w("service provider"));
        assert_eq!(word(Sector, "COMPUTER_SOFTWARE"), w("technology"));
        assert_eq!(word(Region, "Deutschland"), w("Europe"));
        assert_eq!(word(Region, "United States"), w("North America"));
        assert_eq!(
            propose(Type, "PARTNER", &list(Type)).1,
            Reason::BuiltIn("HubSpot")
        );
    }

    #[test]
    fn close_matches_forgive_case_plurals_and_typos_but_not_other_words() {
        use VocabularyKind::{Region, Stage, Type};
        assert_eq!(propose(Stage, " ACTIVE ", &list(Stage)).1, Reason::Exact);
        assert_eq!(word(Type, "Resellers"), w("reseller"));
        assert_eq!(
            word(Type, "Value Added Reseller"),
            w("value-added reseller")
        );
        assert_eq!(word(Type, "Distributer"), w("distributor"));
        assert_eq!(word(Type, "Integration Partner"), w("integrator"));
        assert_eq!(word(Type, "Partnership"), ValueChoice::Empty);
        assert_eq!(word(Region, "Asia"), ValueChoice::NewWord);
        assert_eq!(word(Type, "Analyst"), ValueChoice::Empty);
        assert_eq!(propose(Type, "Analyst", &list(Type)).1, Reason::NoMatch);
        assert_eq!(word(Type, "-None-"), ValueChoice::Empty);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn value_maps_name_a_column_a_value_and_a_choice() {
        assert_eq!(
            parse_value_map("Type:PARTNER=strategic alliance"),
            Ok(ValueMap {
                column: "Type".into(),
                value: "PARTNER".into(),
                choice: w("strategic alliance"),
            })
        );
        let odd = parse_value_map("Address 1: Country/Region:Deutschland=+").unwrap();
        assert_eq!(odd.column, "Address 1: Country/Region");
        assert_eq!(odd.choice, ValueChoice::NewWord);
        assert_eq!(
            parse_value_map("Type:Analyst=").unwrap().choice,
            ValueChoice::Empty
        );
        assert!(
            parse_value_map("Type PARTNER")
                .unwrap_err()
                .contains("no '='")
        );
        assert!(
            parse_value_map("PARTNER=x")
                .unwrap_err()
                .contains("Column:VALUE")
        );
    }

    #[test]
    fn a_choice_round_trips_through_its_code() {
        for choice in [w("reseller"), ValueChoice::NewWord, ValueChoice::Empty] {
            assert_eq!(ValueChoice::from_code(choice.code()), choice);
        }
    }
}
