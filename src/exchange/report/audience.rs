//! Who a deliverable is for, and what each reader may not see: internal readers see everything;
//! a client's board pack has no fit scores of declined or gated-out partners and names no
//! partner in the risks (each becomes its type, "a technology partner") unless the consultant
//! lists it as shareable; a partner's pack (`partner_pack`) holds what that partner may see.
//! The rules change the gathered content, so every format (report, XLSX, CSV) agrees.

use super::model::Report;

/// The reader a deliverable is written for (`--audience`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    Internal,
    Client,
    /// One partner, by its name as typed (`--partner NAME`; checked against the workbook when
    /// the deliverable is written).
    Partner(String),
}

impl Audience {
    /// `internal`, `client` or `partner` (any case) with `--partner NAME`; anything else is
    /// refused with the words understood.
    pub fn parse(word: &str, partner: Option<&str>) -> Result<Audience, String> {
        let partner = partner.map(str::trim).filter(|p| !p.is_empty());
        let audience = match word.trim().to_ascii_lowercase().as_str() {
            "internal" => Audience::Internal,
            "client" => Audience::Client,
            "partner" => match partner {
                Some(name) => return Ok(Audience::Partner(name.to_string())),
                None => {
                    return Err(
                        "--audience partner writes the pack for one partner: name it \
                                with --partner NAME, e.g. --partner \"Nimbus Forge Cloud\"."
                            .to_string(),
                    );
                }
            },
            other => {
                return Err(format!(
                    "\"{other}\" is not an audience partnerplan knows; use --audience internal \
                     (everything), --audience client (the board pack) or --audience partner \
                     --partner NAME (what one partner may see)."
                ));
            }
        };
        match partner {
            Some(name) => Err(format!(
                "--partner \"{name}\" names the partner of a partner's pack; add --audience \
                 partner, or leave --partner out for the {} audience.",
                audience.word()
            )),
            None => Ok(audience),
        }
    }

    /// "Internal: the whole plan", for the cover and the footer.
    pub fn describe(&self) -> String {
        match self {
            Audience::Internal => "Internal: the whole plan".to_string(),
            Audience::Client => {
                "Client: no fit scores of declined or gated-out partners, partners in risks by type"
                    .to_string()
            }
            Audience::Partner(name) => {
                format!("Partner: what {name} may see under the plan's data-sharing protocols")
            }
        }
    }

    /// "internal", "client", "partner".
    pub fn word(&self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::Client => "client",
            Audience::Partner(_) => "partner",
        }
    }
}

/// Who a deliverable is for, and the partners that may be named anyway.
#[derive(Debug, Clone, Default)]
pub struct Redaction {
    pub audience: Audience,
    /// Partners that may be named in a client's risks (`--shareable NAME`, any case).
    pub shareable: Vec<String>,
}

/// "a technology partner", "an integrator partner", or "a partner" without a type.
pub fn stand_in(partner_type: &str) -> String {
    let t = partner_type.trim();
    if t.is_empty() {
        return "a partner".to_string();
    }
    let article = if t.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    if t.to_ascii_lowercase().ends_with("partner") {
        format!("{article} {t}")
    } else {
        format!("{article} {t} partner")
    }
}

/// First words too common to stand for one partner ("The Orrin Group" is not "The").
const NOT_SHORT_FORMS: &[&str] = &[
    "the",
    "global",
    "international",
    "united",
    "general",
    "first",
    "new",
    "north",
    "south",
    "east",
    "west",
    "central",
    "national",
    "digital",
    "smart",
    "open",
    "blue",
    "green",
    "data",
    "cloud",
    "group",
    "partner",
    "partners",
];

/// The names a reader may not see, each with its stand-in: full names, and the short form a
/// note is likely to use (the first word, as in "Ostrander" for Ostrander Industrial Supply).
#[derive(Debug, Clone, Default)]
pub struct HiddenNames {
    /// (full name, stand-in), longest first so "Orrin Vel Analytics" goes before "Orrin".
    full: Vec<(String, String)>,
    /// (first word, stand-in), replaced as whole words only.
    short: Vec<(String, String)>,
}

impl HiddenNames {
    /// Every partner of `partners` (name, type) except those named in `shown` (any case). A
    /// short form is kept only when it is at least four letters, capitalised, not a common
    /// word, and no other partner's name starts with it or is it.
    pub fn of(partners: &[(String, String)], shown: &[String]) -> HiddenNames {
        let shown: Vec<String> = shown.iter().map(|s| s.trim().to_lowercase()).collect();
        let is_shown = |name: &str| shown.contains(&name.trim().to_lowercase());
        let mut full: Vec<(String, String)> = partners
            .iter()
            .filter(|(name, _)| !name.trim().is_empty() && !is_shown(name))
            .map(|(name, t)| (name.clone(), stand_in(t)))
            .collect();
        full.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
        let first_word = |name: &str| -> Option<String> {
            let mut words = name.split_whitespace();
            let first = words.next()?.trim_matches(|c: char| !c.is_alphanumeric());
            words.next()?;
            Some(first.to_string())
        };
        let short = partners
            .iter()
            .filter(|(name, _)| !is_shown(name))
            .filter_map(|(name, t)| {
                let word = first_word(name)?;
                let usable = word.chars().count() >= 4
                    && word.chars().next().is_some_and(char::is_uppercase)
                    && !NOT_SHORT_FORMS.contains(&word.to_lowercase().as_str());
                let shared = partners.iter().any(|(other, _)| {
                    other != name
                        && (first_word(other).as_deref() == Some(word.as_str())
                            || other.trim() == word)
                });
                (usable && !shared).then(|| (word, stand_in(t)))
            })
            .collect();
        HiddenNames { full, short }
    }

    /// `text` with every hidden name, and then every short form standing as a word of its own,
    /// replaced by its stand-in.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (name, stand_in) in &self.full {
            if out.contains(name.as_str()) {
                out = out.replace(name.as_str(), stand_in);
            }
        }
        for (word, stand_in) in &self.short {
            if out.contains(word.as_str()) {
                out = replace_word(&out, word, stand_in);
            }
        }
        out
    }
}

/// `text` with `word` replaced where it stands alone (no letter or digit on either side).
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        let alone =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if alone { with } else { word });
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// `text` with every partner's name in `partners` (name, type) replaced by its stand-in.
pub fn without_names(text: &str, partners: &[(String, String)]) -> String {
    HiddenNames::of(partners, &[]).redact(text)
}

/// Applies the client's rules to `report` through `disclosure` (a partner's pack is gathered
/// on its own, and an internal report is left whole).
pub fn redact(report: &mut Report, disclosure: &super::disclosure::Disclosure) {
    report.audience = disclosure.audience.clone();
    if disclosure.audience == Audience::Internal {
        return;
    }
    // Fit scores of partners the plan turned down or gated out stay inside.
    for line in &mut report.roster.shown {
        if !disclosure.fit_shown(&line.stage, line.gated_out) {
            line.fit = None;
            line.gated_out = false;
            line.withheld = true;
        }
    }
    report.roster.chart = report
        .roster
        .shown
        .iter()
        .take(super::limits::FIT_BARS)
        .take_while(|p| p.fit.is_some())
        .count();
    // Partners in risks by their type, unless shareable.
    for risk in &mut report.risks.top {
        risk.title = disclosure.text(&risk.title);
        risk.link = disclosure.text(&risk.link);
        for (_, note) in &mut risk.mitigations {
            *note = disclosure.text(note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_are_read_and_others_refused_with_the_words_understood() {
        assert_eq!(Audience::parse("Client", None), Ok(Audience::Client));
        assert_eq!(Audience::parse("internal", None), Ok(Audience::Internal));
        assert_eq!(
            Audience::parse("partner", Some(" Nimbus ")),
            Ok(Audience::Partner("Nimbus".to_string()))
        );
        assert!(
            Audience::parse("board", None)
                .unwrap_err()
                .contains("--audience client")
        );
        assert!(
            Audience::parse("partner", None)
                .unwrap_err()
                .contains("--partner NAME")
        );
        assert!(
            Audience::parse("client", Some("Nimbus"))
                .unwrap_err()
                .contains("add --audience partner")
        );
    }

    #[test]
    fn a_partner_becomes_its_type_longest_name_first() {
        let partners = vec![
            ("Orrin Vel Analytics".to_string(), "integrator".to_string()),
            ("Orrin".to_string(), "technology".to_string()),
            ("Nimbus".to_string(), String::new()),
        ];
        assert_eq!(
            without_names("Orrin Vel Analytics and Orrin, hosted by Nimbus", &partners),
            "an integrator partner and a technology partner, hosted by a partner"
        );
        assert_eq!(stand_in("strategic partner"), "a strategic partner");
    }

    #[test]
    fn a_short_form_is_hidden_as_a_word_when_it_stands_for_one_partner() {
        let partners = vec![
            (
                "Ostrander Industrial Supply".to_string(),
                "supplier".to_string(),
            ),
            ("Kiln Embedded Labs".to_string(), "technology".to_string()),
            ("The Orrin Group".to_string(), "integrator".to_string()),
            ("Nimbus Forge Cloud".to_string(), "technology".to_string()),
            ("Nimbus Edge".to_string(), "technology".to_string()),
        ];
        let hidden = HiddenNames::of(&partners, &[]);
        assert_eq!(
            hidden.redact("Ask Ostrander, Ostranders' rival Kiln, and The Orrin Group."),
            "Ask a supplier partner, Ostranders' rival a technology partner, and an integrator \
             partner."
        );
        // "Nimbus" stands for two partners; "The" is too common to stand for one.
        assert_eq!(hidden.redact("Nimbus and The"), "Nimbus and The");
        // A partner shown keeps its short form.
        let shown = HiddenNames::of(&partners, &["ostrander industrial supply".to_string()]);
        assert_eq!(shown.redact("Ostrander ships"), "Ostrander ships");
    }
}
