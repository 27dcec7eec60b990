//! Rules for text: which characters a field may hold, and the one sanitiser for showing text.

use std::borrow::Cow;

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

/// One line of text from a workbook or a received file as it may reach the terminal, on a
/// screen or in a message: control characters become visible symbols
/// (ESC → ␛, newline → ⏎), bidi controls and zero-width characters are removed.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('⏎'),
            '\t' => out.push(' '),
            c if is_invisible_format(c) => {}
            // C0 controls have visible "control pictures" (U+2400…); DEL has U+2421.
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'))
            }
            '\u{7F}' => out.push('␡'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Several lines of workbook text (notes), each cleaned; line breaks are kept as breaks.
pub fn clean_lines(text: &str) -> Vec<String> {
    text.lines().map(|line| clean(line).into_owned()).collect()
}

/// A message for stderr or stdout that may quote file or workbook text: each line cleaned, the
/// message's own line breaks kept.
pub fn clean_message(text: &str) -> String {
    clean_lines(text).join("\n")
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

/// The longest plan title: it heads the report's cover and the app's top line.
pub const TITLE_MAX_CHARS: usize = 120;

/// The plan's title as it is stored (trimmed), or why it cannot be: it is one line of text,
/// written, without control characters, at most `TITLE_MAX_CHARS` long.
pub fn plan_title(raw: &str) -> Result<String, String> {
    let title = raw.trim();
    if title.is_empty() {
        return Err("The plan needs a title: it heads the report's cover and the top line.".into());
    }
    if let Some(c) = first_forbidden_char(title, false) {
        return Err(format!(
            "The title holds {}; remove it (a title is one line).",
            describe_char(c)
        ));
    }
    let length = title.chars().count();
    if length > TITLE_MAX_CHARS {
        return Err(format!(
            "The title is {length} characters long; shorten it to {TITLE_MAX_CHARS} or fewer."
        ));
    }
    Ok(title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_title_is_one_written_line_of_sensible_length() {
        assert_eq!(plan_title("  Acme 2027 "), Ok("Acme 2027".into()));
        assert!(plan_title("   ").unwrap_err().contains("needs a title"));
        assert!(plan_title("Acme\nPlan").unwrap_err().contains("one line"));
        let long = "x".repeat(TITLE_MAX_CHARS + 1);
        assert!(plan_title(&long).unwrap_err().contains("shorten it to 120"));
        assert!(plan_title(&"x".repeat(TITLE_MAX_CHARS)).is_ok());
    }

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
    fn escapes_become_visible_and_bidi_disappears() {
        assert_eq!(clean("Acme"), Cow::Borrowed("Acme"));
        assert_eq!(clean("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(clean("x\u{1b}]52;c;ZXZpbA==\u{7}"), "x␛]52;c;ZXZpbA==␇");
        assert_eq!(clean("evil\u{202E}gnp.exe"), "evilgnp.exe");
        assert_eq!(clean("zero\u{200B}width\u{FEFF}"), "zerowidth");
        assert_eq!(clean("c1\u{9b}31m"), "c1\u{FFFD}31m");
        assert_eq!(clean("two\nlines"), "two⏎lines");
        assert_eq!(clean("東京 🚀"), "東京 🚀");
    }

    #[test]
    fn messages_keep_their_lines_and_lose_their_escapes() {
        assert_eq!(
            clean_message("line 3: key \u{1b}]52;c;eA==\u{7}\nline 4: ok"),
            "line 3: key ␛]52;c;eA==␇\nline 4: ok"
        );
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
