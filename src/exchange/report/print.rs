//! How the report prints: the paper size, the running footer (plan, client, date, the
//! confidentiality line, page numbers) as `@page` rules the browser fills in on every page.

use super::escape::css_string;

/// The paper the report is laid out for (`--paper a4|letter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// `a4` or `letter` (any case); anything else is refused with a sentence naming both.
    pub fn parse(word: &str) -> Result<Paper, String> {
        match word.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            other => Err(format!(
                "\"{other}\" is not a paper size partnerplan knows; use --paper a4 or --paper letter."
            )),
        }
    }

    /// The CSS page size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
}

/// Everything about printing that is not the plan's own data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintSetup {
    pub paper: Paper,
    /// The confidentiality line in every page's footer ("Confidential: prepared for the board"),
    /// or empty.
    pub confidential: String,
}

/// The page margins: wide enough at the foot for two lines of footer.
pub const MARGIN_TOP_MM: u32 = 14;
pub const MARGIN_BOTTOM_MM: u32 = 18;
pub const MARGIN_SIDE_MM: u32 = 14;

/// The `@page` rules: size, margins, and the footer on every page (left: plan · client · date
/// and the confidentiality line under it; right: "Page n of N").
pub fn page_rules(setup: &PrintSetup, running: &str) -> String {
    // The running line, and under it the confidentiality line when there is one.
    let footer = match setup.confidential.trim() {
        "" => running.to_string(),
        line => format!("{running}\n{line}"),
    };
    format!(
        "@page {{\n  size: {} portrait;\n  margin: {MARGIN_TOP_MM}mm {MARGIN_SIDE_MM}mm \
         {MARGIN_BOTTOM_MM}mm;\n  @bottom-left {{ content: {}; {BOX} width: 80%; \
         white-space: pre-wrap; }}\n  @bottom-right {{ content: \"Page \" counter(page) \" of \" \
         counter(pages); {BOX} width: 20%; text-align: right; white-space: nowrap; }}\n}}\n",
        setup.paper.css(),
        css_string(&footer),
    )
}

/// How a footer box looks.
const BOX: &str = "font: 7.5pt system-ui, sans-serif; color: #5b6473; vertical-align: top; \
                   padding-top: 3mm;";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_words_are_read_and_others_refused() {
        assert_eq!(Paper::parse("A4"), Ok(Paper::A4));
        assert_eq!(Paper::parse(" Letter "), Ok(Paper::Letter));
        let refusal = Paper::parse("legal").unwrap_err();
        assert!(
            refusal.contains("--paper a4 or --paper letter"),
            "{refusal}"
        );
    }

    #[test]
    fn the_page_rules_carry_size_footer_and_confidentiality() {
        let setup = PrintSetup {
            paper: Paper::Letter,
            confidential: "Board only \"draft\"".to_string(),
        };
        let rules = page_rules(&setup, "Plan · Acme · 2026-12-01");
        assert!(rules.contains("size: letter portrait;"), "{rules}");
        assert!(
            rules.contains("content: \"Plan · Acme · 2026-12-01"),
            "{rules}"
        );
        assert!(
            rules.contains("2026-12-01\\A Board only \\22 draft\\22 \""),
            "{rules}"
        );
        assert!(rules.contains("counter(pages)"), "{rules}");
        let plain = page_rules(&PrintSetup::default(), "Plan");
        assert!(plain.contains("size: A4 portrait;"));
        assert!(plain.contains("content: \"Plan\";"), "{plain}");
    }
}
