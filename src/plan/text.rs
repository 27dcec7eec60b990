//! Rules for text the user types: trimming and which characters a field may hold.

/// The first character that has no place in a single-line field: a control character (C0, DEL,
/// C1), a bidirectional override or isolate, or an invisible format character.
pub fn first_forbidden_char(text: &str, allow_newlines: bool) -> Option<char> {
    // Most text is printable ASCII, which a byte scan clears quickly (an import checks every cell).
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    text.chars()
        .find(|&c| !(allow_newlines && (c == '\n' || c == '\t')) && is_forbidden(c))
}

/// Characters that must never reach the terminal from data and never be stored from a form.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Bidi controls, zero-width and other default-ignorable format characters: they change how the
/// text around them is shown without showing themselves.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Describes a forbidden character so the user can find it: "U+202E (a right-to-left override)".
pub fn describe_char(c: char) -> String {
    let what = if c.is_control() {
        "a control character"
    } else if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
    {
        "a text-direction control"
    } else {
        "an invisible formatting character"
    };
    format!("U+{:04X} ({what})", u32::from(c))
}

/// Whether `candidate` is already among `others`, ignoring case and surrounding space (names of
/// criteria, checklist items and list words must be told apart by more than case).
pub fn is_taken<S: AsRef<str>>(candidate: &str, others: &[S]) -> bool {
    let candidate = candidate.trim().to_lowercase();
    others
        .iter()
        .any(|other| other.as_ref().trim().to_lowercase() == candidate)
}

/// The problem with a multi-line description, if any: it may hold lines, not control characters.
pub fn description_problem(description: &str) -> Option<String> {
    first_forbidden_char(description, true)
        .map(|c| format!("The description holds {}; remove it.", describe_char(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_bidi_and_zero_width() {
        assert_eq!(
            first_forbidden_char("Acme\u{1b}[31m", false),
            Some('\u{1b}')
        );
        assert_eq!(
            first_forbidden_char("abc\u{202E}cba", false),
            Some('\u{202E}')
        );
        assert_eq!(first_forbidden_char("a\u{200B}b", false), Some('\u{200B}'));
        assert_eq!(first_forbidden_char("a\u{9b}b", false), Some('\u{9b}'));
        assert_eq!(first_forbidden_char("Zürich 東京 🚀", false), None);
        assert_eq!(first_forbidden_char("line\nline", false), Some('\n'));
        assert_eq!(first_forbidden_char("line\nline\tx", true), None);
    }

    #[test]
    fn names_are_taken_whatever_their_case_and_spacing() {
        let others = vec!["Cultural fit".to_string(), " Kick-off held ".to_string()];
        assert!(is_taken("cultural FIT", &others));
        assert!(is_taken("kick-off held", &others));
        assert!(!is_taken("Cultural", &others));
        assert!(description_problem("two\nlines").is_none());
        assert!(
            description_problem("bad \u{1b}[2J")
                .unwrap()
                .contains("U+001B")
        );
    }

    #[test]
    fn describes_characters_for_messages() {
        assert_eq!(
            describe_char('\u{202E}'),
            "U+202E (a text-direction control)"
        );
        assert_eq!(describe_char('\u{7}'), "U+0007 (a control character)");
    }
}
