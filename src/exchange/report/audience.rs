//! Who a deliverable is for, and what each reader may not see: internal readers see everything;
//! a client's board pack has no fit scores of declined or gated-out partners and names no
//! partner in the risks (each becomes its type, "a technology partner") unless the consultant
//! lists it as shareable. The rules change the gathered report, so every format agrees.

use super::model::Report;

/// The reader a deliverable is written for (`--audience`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    Internal,
    Client,
}

impl Audience {
    /// `internal` or `client` (any case); anything else is refused with the words understood.
    pub fn parse(word: &str) -> Result<Audience, String> {
        match word.trim().to_ascii_lowercase().as_str() {
            "internal" => Ok(Audience::Internal),
            "client" => Ok(Audience::Client),
            "partner" => Err(
                "a pack for one partner (--audience partner) is not written yet; use \
                 --audience client for a pack without internal judgements, or internal."
                    .to_string(),
            ),
            other => Err(format!(
                "\"{other}\" is not an audience partnerplan knows; use --audience internal \
                 (everything) or --audience client (the board pack)."
            )),
        }
    }

    /// "Internal: the whole plan", for the cover and the footer.
    pub fn describe(&self) -> &'static str {
        match self {
            Audience::Internal => "Internal: the whole plan",
            Audience::Client => {
                "Client: no fit scores of declined or gated-out partners, partners in risks by type"
            }
        }
    }

    /// "internal", "client".
    pub fn word(&self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::Client => "client",
        }
    }
}

/// What redaction needs from the workbook besides the report: every partner's (name, type),
/// and the names the consultant marked shareable.
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

/// `text` with every partner's name in `partners` (name, type) replaced by its stand-in, longest
/// names first so "Orrin Vel Analytics" goes before "Orrin".
pub fn without_names(text: &str, partners: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (name, partner_type) in partners {
        if !name.trim().is_empty() && out.contains(name.as_str()) {
            out = out.replace(name.as_str(), &stand_in(partner_type));
        }
    }
    out
}

/// Applies the audience's rules to `report`. `partners` holds every partner's (name, type).
pub fn redact(report: &mut Report, redaction: &Redaction, partners: &[(String, String)]) {
    report.audience = redaction.audience.clone();
    if redaction.audience == Audience::Internal {
        return;
    }
    // Fit scores of partners the plan turned down or gated out stay inside.
    for line in &mut report.roster.shown {
        if line.gated_out || line.stage == "declined" {
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
    // Partners in risks by their type, unless shareable; longest names first.
    let shareable: Vec<String> = redaction
        .shareable
        .iter()
        .map(|s| s.trim().to_lowercase())
        .collect();
    let mut hidden: Vec<(String, String)> = partners
        .iter()
        .filter(|(name, _)| !shareable.contains(&name.trim().to_lowercase()))
        .cloned()
        .collect();
    hidden.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
    for risk in &mut report.risks.top {
        risk.title = without_names(&risk.title, &hidden);
        risk.link = without_names(&risk.link, &hidden);
        for (_, note) in &mut risk.mitigations {
            *note = without_names(note, &hidden);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_are_read_and_others_refused_with_the_words_understood() {
        assert_eq!(Audience::parse("Client"), Ok(Audience::Client));
        assert_eq!(Audience::parse("internal"), Ok(Audience::Internal));
        assert!(
            Audience::parse("board")
                .unwrap_err()
                .contains("--audience client")
        );
        assert!(
            Audience::parse("partner")
                .unwrap_err()
                .contains("not written yet")
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
}
