//! The benchmark library file: a TOML list of bands a consultant carries between clients, each
//! with the KPI it is for (by name, and an id that travels), unit, direction, definition, band,
//! peer group, source and as-of date; read whole and checked before anything is written, and
//! written in a stable order.

use serde::{Deserialize, Serialize};

use crate::plan::kpi::KpiBenchmark;

/// What the file says it is, so another TOML file is refused with a sentence.
pub const FORMAT: &str = "partnerplan-benchmarks";
pub const VERSION: i64 = 1;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    pub format: String,
    pub version: i64,
    #[serde(default, rename = "benchmark")]
    pub benchmarks: Vec<LibraryEntry>,
}

/// One band.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryEntry {
    /// A short key that travels with the band ("partner-sourced-revenue-share"); a KPI matched
    /// once keeps it, so a renamed KPI still matches.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The KPI's name, matched whatever its case.
    pub kpi: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub direction: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub peer_group: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// An illustration, not a measurement: shown as "Example" wherever its source is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// For a derived band: how many workbooks it comes from (a count, never their names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workbooks: Option<i64>,
}

impl LibraryEntry {
    /// The band as a KPI stores it; an example's source says so.
    pub fn benchmark(&self) -> KpiBenchmark {
        let source = self.source.trim();
        let source = if self.example && !source.starts_with("Example only") {
            if source.is_empty() {
                "Example only".to_string()
            } else {
                format!("Example only: {source}")
            }
        } else {
            source.to_string()
        };
        KpiBenchmark {
            definition: self.definition.trim().to_string(),
            key: self.id.trim().to_string(),
            low: self.low,
            typical: self.typical,
            high: self.high,
            peer_group: self.peer_group.trim().to_string(),
            source,
            as_of: self.as_of.clone(),
        }
    }
}

/// "kpi-name" from "KPI Name!": the id a band gets when it has none.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Reads a library file's text, checking every entry; every problem is named with the entry's
/// number and KPI, and how to fix it.
pub fn read(text: &str) -> Result<Library, String> {
    let library: Library = toml::from_str(text).map_err(|err| {
        format!("it is not a benchmark library: {err}. See assets/benchmarks.example.toml for the layout.")
    })?;
    if library.format != FORMAT {
        return Err(format!(
            "it says it is \"{}\", not a benchmark library (format = \"{FORMAT}\").",
            library.format
        ));
    }
    if library.version > VERSION {
        return Err(format!(
            "it is a benchmark library of version {} and this partnerplan reads version {VERSION}; \
             update partnerplan.",
            library.version
        ));
    }
    let mut problems = Vec::new();
    for (n, entry) in library.benchmarks.iter().enumerate() {
        let which = format!("benchmark {} ({})", n + 1, entry.kpi.trim());
        if entry.kpi.trim().is_empty() {
            problems.push(format!(
                "benchmark {} has no kpi; give the KPI's name.",
                n + 1
            ));
        }
        let band = entry.benchmark();
        if !band.has_band() {
            problems.push(format!(
                "{which} has no band; give low, typical and/or high."
            ));
        }
        if let Err(found) = band.checked() {
            for (_, message) in found {
                problems.push(format!("{which}: {message}"));
            }
        }
        if !entry.direction.is_empty()
            && crate::plan::kpi::Direction::from_word(&entry.direction).is_none()
        {
            problems.push(format!(
                "{which}: direction \"{}\" is neither \"higher\" nor \"lower\".",
                entry.direction
            ));
        }
    }
    if problems.is_empty() {
        Ok(library)
    } else {
        Err(problems.join("\n"))
    }
}

/// The library as text, with a header saying what it is and that bands need their sources.
pub fn render(library: &Library) -> Result<String, String> {
    let body = toml::to_string_pretty(library).map_err(|err| err.to_string())?;
    Ok(format!(
        "# A partnerplan benchmark library: `partnerplan benchmarks import FILE WORKBOOK` matches\n\
         # each band to a KPI by id or name. Every band carries its source; check it before you\n\
         # show a client.\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_reads_and_renders_back() {
        let text = r#"
format = "partnerplan-benchmarks"
version = 1

[[benchmark]]
id = "share"
kpi = "Partner-sourced revenue share"
unit = "%"
low = 15.0
typical = 25.0
high = 40.0
source = "Illustration"
example = true
"#;
        let library = read(text).unwrap();
        assert_eq!(library.benchmarks.len(), 1);
        let band = library.benchmarks[0].benchmark();
        assert_eq!(band.source, "Example only: Illustration");
        assert_eq!(band.key, "share");
        let again = read(&render(&library).unwrap()).unwrap();
        assert_eq!(again, library);
    }

    #[test]
    fn problems_name_the_entry_and_the_fix() {
        let bad = r#"
format = "partnerplan-benchmarks"
version = 1

[[benchmark]]
kpi = "Churn"
low = 9.0
high = 3.0
source = "Survey"

[[benchmark]]
kpi = "NPS"
typical = 30.0
"#;
        let problems = read(bad).unwrap_err();
        assert!(problems.contains("benchmark 1 (Churn)"), "{problems}");
        assert!(problems.contains("not in order"), "{problems}");
        assert!(problems.contains("benchmark 2 (NPS)"), "{problems}");
        assert!(problems.contains("needs its source"), "{problems}");
        assert!(
            read("format = \"x\"\nversion = 1")
                .unwrap_err()
                .contains("not a benchmark library")
        );
        assert!(
            read("[[benchmark]]\nkpi = 1")
                .unwrap_err()
                .contains("not a benchmark library")
        );
        assert!(read("format = \"partnerplan-benchmarks\"\nversion = 1\nsurprise = 2").is_err());
    }

    #[test]
    fn slugs_are_lowercase_words_joined() {
        assert_eq!(
            slug("Partner-sourced revenue (share) %"),
            "partner-sourced-revenue-share"
        );
        assert_eq!(slug("  NPS "), "nps");
    }
}
