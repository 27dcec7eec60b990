//! The rules every value obeys whichever way it enters a workbook (form, CSV, TOML, merge) or is
//! found in a received file: text without control characters and within size, dates that exist,
//! finite numbers, ratings and counters in range.

use super::shape::{CADENCE_MAX_DAYS, parse_iso_date};
use super::text::{describe_char, first_forbidden_char, is_forbidden};

/// The longest text any field holds, in characters: well above every form's own limit (a
/// partner's notes, 20,000), far below what would make SQLite refuse to read a value.
pub const TEXT_MAX_CHARS: usize = 100_000;

/// The highest risk number: codes stay readable (R-999999) and the next number cannot wrap.
pub const RISK_NUMBER_MAX: i64 = 999_999;

/// The most partners a role may ask for (as the role form allows).
pub const MIN_PARTNERS_MAX: i64 = super::roles::MAX_MIN_PARTNERS;

/// One value as it enters, whatever its source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue<'a> {
    Null,
    Text(&'a str),
    Integer(i64),
    Real(f64),
}

/// Columns that hold a date (`YYYY-MM-DD`) or nothing.
const DATE_COLUMNS: &[&str] = &[
    "agreement_start",
    "agreement_end",
    "next_review",
    "review_date",
    "scored_on",
    "status_date",
    "target_date",
    "held_on",
    "logged_on",
    "measured_on",
    "spent_on",
    "invested_on",
    "benchmark_as_of",
    // Joint plans: when a goal, commitment or milestone is due, when a milestone was done.
    "due_on",
    "done_on",
    "due_date",
];

/// Whole numbers with a range, by column: ratings and scales 1–5, counters and limits.
const RANGES: &[(&str, i64, i64)] = &[
    ("alignment_rating", 1, 5),
    ("adaptability_rating", 1, 5),
    ("shared_value_rating", 1, 5),
    ("inherent_likelihood", 1, 5),
    ("inherent_impact", 1, 5),
    ("residual_likelihood", 1, 5),
    ("residual_impact", 1, 5),
    ("score", 1, 5),
    ("next_risk_number", 1, RISK_NUMBER_MAX + 1),
    ("number", 1, RISK_NUMBER_MAX),
    ("min_partners", 0, MIN_PARTNERS_MAX),
    ("checkin_cadence_days", 1, CADENCE_MAX_DAYS),
    // A scenario's delay.
    ("months", 1, 120),
    // A trend's likely impact.
    ("impact", 1, 5),
];

/// What is wrong with `value` for `column`, as the end of a sentence that names the field
/// ("is not a date that exists: …"), or `None` when it may be stored.
pub fn field_problem(column: &str, value: FieldValue<'_>) -> Option<String> {
    match value {
        FieldValue::Null => None,
        FieldValue::Text(text) => text_problem(column, text),
        FieldValue::Integer(number) => integer_problem(column, number),
        FieldValue::Real(number) if !number.is_finite() => Some(format!(
            "{number} is not a finite number; write a number such as 12.5."
        )),
        FieldValue::Real(number) => real_problem(column, number),
    }
}

/// `field_problem`, and for the lists whose words a table holds to its own (the trend radar's
/// category, horizon and action status) whether `value` is one of them.
pub fn table_field_problem(table: &str, column: &str, value: FieldValue<'_>) -> Option<String> {
    field_problem(column, value).or_else(|| match value {
        FieldValue::Text(text) => super::trend::stored_word_problem(table, column, text),
        _ => None,
    })
}

/// What is wrong with a whole record of `table` whose fields each pass (`fields` holds its
/// columns and values): a rule between two of its fields, as the column it is said on and the
/// end of a sentence that names it; `None` when the record may be stored.
pub fn record_problem(
    table: &str,
    fields: &[(&str, FieldValue<'_>)],
) -> Option<(&'static str, String)> {
    let text = |column: &str| {
        fields.iter().find_map(|(c, v)| match v {
            FieldValue::Text(t) if *c == column => Some(*t),
            _ => None,
        })
    };
    match table {
        "joint_milestones" => {
            let problem =
                super::joint::done_date_problem(text("status").unwrap_or(""), text("done_on"))?;
            Some(("done_on", format!("is set, but {}", lower_first(&problem))))
        }
        _ => None,
    }
}

fn lower_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn text_problem(column: &str, text: &str) -> Option<String> {
    // Bytes first: a huge value is refused without counting its characters.
    if text.len() > TEXT_MAX_CHARS && text.chars().count() > TEXT_MAX_CHARS {
        return Some(format!(
            "is too long ({} characters; at most {} fit); shorten it.",
            crate::plan::numbers::group_thousands(text.chars().count() as i64),
            crate::plan::numbers::group_thousands(TEXT_MAX_CHARS as i64)
        ));
    }
    // Line breaks of any platform (CR LF too) are text; every other control character is not.
    // (`first_forbidden_char` clears printable ASCII with a quick byte scan.)
    let forbidden = first_forbidden_char(text, true).and_then(|_| {
        text.chars()
            .find(|&c| !matches!(c, '\n' | '\t' | '\r') && is_forbidden(c))
    });
    if let Some(c) = forbidden {
        return Some(format!("holds {}; remove it.", describe_char(c)));
    }
    if let Some(problem) = super::joint::column_problem(column, text) {
        return Some(problem);
    }
    if DATE_COLUMNS.contains(&column) && !text.is_empty() && parse_iso_date(text).is_none() {
        return Some(format!(
            "{} is not a date that exists; write it as YYYY-MM-DD, e.g. 2026-02-28.",
            crate::plan::text::clean(&text.chars().take(40).collect::<String>())
        ));
    }
    None
}

/// Numbers with a range, by column: a margin rate is a percent of revenue (a loss at most wipes
/// out the whole of it once more).
const REAL_RANGES: &[(&str, f64, f64)] = &[("margin_rate", -100.0, 100.0)];

fn real_problem(column: &str, number: f64) -> Option<String> {
    let &(_, low, high) = REAL_RANGES.iter().find(|(name, _, _)| *name == column)?;
    (!(low..=high).contains(&number))
        .then(|| format!("{number} is out of range; use a percentage from {low} to {high}."))
}

fn integer_problem(column: &str, number: i64) -> Option<String> {
    let &(_, low, high) = RANGES.iter().find(|(name, _, _)| *name == column)?;
    (!(low..=high).contains(&number)).then(|| {
        format!(
            "{number} is out of range; use a whole number from {low} to {}.",
            crate::plan::numbers::group_thousands(high)
        )
    })
}

/// The word of `list` that `word` is, whatever its case or surrounding space: the list's own
/// spelling to store. A link's kind, and every word of an extendable list, must be one of its
/// list's words (the shipped ones and those the workbook added).
pub fn word_of_list<'a>(word: &str, list: &'a [String]) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    list.iter()
        .map(String::as_str)
        .find(|w| w.trim().to_lowercase() == word)
}

/// Why `word` cannot be a `what` (e.g. "kind of link"), as a sentence naming the list and the
/// way to extend it; `None` when it is a word of `list`.
pub fn word_problem(what: &str, word: &str, list: &[String]) -> Option<String> {
    if word_of_list(word, list).is_some() {
        return None;
    }
    const SHOWN: usize = 8;
    let mut shown: Vec<&str> = list.iter().take(SHOWN).map(|w| w.trim()).collect();
    if list.len() > SHOWN {
        shown.push("…");
    }
    Some(format!(
        "\"{}\" is not a {what} of this plan's list ({}); choose one of them, or add the word \
         to the list first (W on the Partners tab adds a word to a list).",
        crate::plan::text::clean(&word.trim().chars().take(60).collect::<String>()),
        shown.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_must_be_one_of_its_list_whatever_its_case() {
        let kinds: Vec<String> = ["integrates with", "co-sells with", "Resells"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            word_of_list(" Integrates With ", &kinds),
            Some("integrates with")
        );
        assert_eq!(word_of_list("resells", &kinds), Some("Resells"));
        assert_eq!(word_of_list("partners with", &kinds), None);
        assert_eq!(word_problem("kind of link", "CO-SELLS WITH", &kinds), None);
        assert_eq!(
            word_problem("kind of link", "partners with", &kinds).as_deref(),
            Some(
                "\"partners with\" is not a kind of link of this plan's list (integrates with, \
                 co-sells with, Resells); choose one of them, or add the word to the list first \
                 (W on the Partners tab adds a word to a list)."
            )
        );
        let long: Vec<String> = (0..10).map(|i| format!("k{i}")).collect();
        let problem = word_problem("kind of link", "x\u{1b}", &long).unwrap();
        assert!(problem.contains("k7, …)"), "{problem}");
        assert!(
            !problem.contains('\u{1b}'),
            "the word is shown cleaned: {problem}"
        );
    }

    #[test]
    fn only_a_done_milestone_has_a_done_date_whichever_way_it_enters() {
        let milestone = |status, done| {
            record_problem(
                "joint_milestones",
                &[
                    ("title", FieldValue::Text("Pilot live")),
                    ("status", FieldValue::Text(status)),
                    ("done_on", done),
                ],
            )
        };
        assert_eq!(milestone("done", FieldValue::Text("2027-01-30")), None);
        assert_eq!(milestone("planned", FieldValue::Null), None);
        let (column, problem) = milestone("planned", FieldValue::Text("2027-01-30")).unwrap();
        assert_eq!(column, "done_on");
        assert!(
            problem.starts_with("is set, but only a done milestone has a done date"),
            "{problem}"
        );
        assert!(problem.contains("this one is planned"), "{problem}");
        // Other tables have no such rule.
        assert_eq!(
            record_problem("joint_goals", &[("status", FieldValue::Text("planned"))]),
            None
        );
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            field_problem("target_date", FieldValue::Text("2026-02-28")),
            None
        );
        assert_eq!(field_problem("target_date", FieldValue::Text("")), None);
        let problem = field_problem("target_date", FieldValue::Text("2026-02-30")).unwrap();
        assert!(
            problem.contains("2026-02-30 is not a date that exists"),
            "{problem}"
        );
        assert!(field_problem("held_on", FieldValue::Text("tomorrow")).is_some());
        assert!(field_problem("done_on", FieldValue::Text("2027-02-29")).is_some());
        // A joint commitment is ours or theirs, a joint goal wants its KPI higher or lower.
        assert_eq!(field_problem("side", FieldValue::Text("theirs")), None);
        assert!(field_problem("side", FieldValue::Text("both")).is_some());
        assert_eq!(field_problem("kpi_direction", FieldValue::Text("")), None);
        assert!(field_problem("kpi_direction", FieldValue::Text("up")).is_some());
        // A column that is not a date may hold such text.
        assert_eq!(field_problem("notes", FieldValue::Text("2026-02-30")), None);
    }

    #[test]
    fn numbers_must_be_finite_and_counters_in_range() {
        assert!(field_problem("months", FieldValue::Integer(0)).is_some());
        assert!(field_problem("months", FieldValue::Integer(120)).is_none());
        assert!(field_problem("target", FieldValue::Real(f64::INFINITY)).is_some());
        assert!(field_problem("target", FieldValue::Real(f64::NEG_INFINITY)).is_some());
        assert!(field_problem("target", FieldValue::Real(f64::NAN)).is_some());
        assert_eq!(field_problem("target", FieldValue::Real(-1e300)), None);
        assert_eq!(field_problem("margin_rate", FieldValue::Real(35.5)), None);
        let rate = field_problem("margin_rate", FieldValue::Real(250.0)).unwrap();
        assert!(rate.contains("percentage from -100 to 100"), "{rate}");
        assert!(field_problem("invested_on", FieldValue::Text("2026-13-01")).is_some());
        let wraps = field_problem("next_risk_number", FieldValue::Integer(i64::MAX)).unwrap();
        assert!(wraps.contains("out of range"), "{wraps}");
        assert_eq!(
            field_problem("next_risk_number", FieldValue::Integer(42)),
            None
        );
        assert!(field_problem("inherent_impact", FieldValue::Integer(6)).is_some());
        assert!(field_problem("score", FieldValue::Integer(0)).is_some());
        assert_eq!(
            field_problem("amount_minor", FieldValue::Integer(i64::MIN)),
            None
        );
    }

    #[test]
    fn text_holds_no_control_characters_and_stays_within_size() {
        assert_eq!(
            field_problem("notes", FieldValue::Text("two\nlines\tok")),
            None
        );
        let escape = field_problem("name", FieldValue::Text("Evil\u{1b}]52;c;eA==\u{7}")).unwrap();
        assert!(escape.contains("U+001B"), "{escape}");
        assert!(field_problem("name", FieldValue::Text("a\u{202E}b")).is_some());
        let long = "é".repeat(TEXT_MAX_CHARS);
        assert_eq!(field_problem("notes", FieldValue::Text(&long)), None);
        let longer = format!("{long}x");
        let problem = field_problem("notes", FieldValue::Text(&longer)).unwrap();
        assert!(
            problem.contains("too long (100,001 characters"),
            "{problem}"
        );
    }
}
