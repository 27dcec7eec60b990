//! Making workbook text safe to show: HTML escaping, Markdown escaping, and taking out the
//! characters that have no place in a document (controls, bidi overrides, invisible format
//! characters), which a received workbook may hold even though our forms refuse them.

use crate::plan::text::is_forbidden;

/// What a forbidden character becomes: visible, so a reader sees something was there.
const REPLACEMENT: char = '\u{FFFD}';

/// `text` with forbidden characters replaced, line breaks made `\n` and tabs spaces.
fn cleaned(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\r' => '\n',
            '\t' => ' ',
            c if is_forbidden(c) => REPLACEMENT,
            c => c,
        })
        .collect()
}

/// Text for HTML element content or an attribute value: `& < > " '` escaped, line breaks kept as
/// line breaks (the style sheet shows them with `white-space: pre-line` where they matter).
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in cleaned(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Longer than this, a token (a URL, an id) may break anywhere so it cannot push its column past
/// the page; shorter ones are words and wrap whole.
const LONG_TOKEN: usize = 24;

/// `html_text`, with every token longer than `LONG_TOKEN` characters wrapped in
/// `<span class="long">`, the one place a line may break inside a token.
pub fn html_wrapping(text: &str) -> String {
    let escaped = html_text(text);
    if !text
        .split_whitespace()
        .any(|t| t.chars().count() > LONG_TOKEN)
    {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if token.is_empty() {
            return;
        }
        if shown_chars(token) > LONG_TOKEN {
            out.push_str("<span class=\"long\">");
            out.push_str(token);
            out.push_str("</span>");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in escaped.chars() {
        if c.is_whitespace() {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// How many characters escaped text shows: each entity (`&amp;`) is one.
pub fn shown_chars(escaped: &str) -> usize {
    let entities: usize = escaped
        .split('&')
        .skip(1)
        .map(|rest| rest.find(';').map_or(0, |end| end + 1))
        .sum();
    escaped.chars().count() - entities
}

/// Text as a CSS string (with its quotes), for `content:` in the page's margin boxes: line
/// breaks as `\A`, and quotes, backslashes and the characters markup means something by as hex
/// escapes (`\3C `), so the text can neither end the string nor close the style element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in cleaned(text).chars() {
        match c {
            '\n' => out.push_str("\\A "),
            '"' | '\'' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters that mean something in Markdown wherever they stand, so they are escaped with a
/// backslash everywhere: emphasis, code, links, raw HTML, entities, tables.
fn needs_backslash(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '!' | '{' | '}'
    )
}

/// One line of text, escaped so it stays a plain paragraph line: every special character
/// backslashed, and a line that would start a heading, list, quote or rule escaped at its start.
fn escape_markdown_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let starts_block = line.starts_with(['#', '+', '-', '=']);
    // "12. " would start a numbered list: escape the point (digits are one byte each).
    let marker_at = if ordered_marker(line) {
        line.chars().take_while(char::is_ascii_digit).count()
    } else {
        usize::MAX
    };
    for (i, c) in line.char_indices() {
        if needs_backslash(c) || i == marker_at || (i == 0 && starts_block) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `line` starts like a numbered list item ("3. ", "12) ", or just "4.").
fn ordered_marker(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = &line[digits..];
    digits > 0
        && after.starts_with(['.', ')'])
        && after[1..].chars().next().is_none_or(char::is_whitespace)
}

/// Text for a Markdown paragraph: each line escaped, lines joined with hard breaks.
pub fn markdown_line(text: &str) -> String {
    cleaned(text)
        .lines()
        .map(escape_markdown_line)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

/// Text for a Markdown table cell: on one line (a table row cannot break), pipes and every other
/// special character escaped; empty cells show a dash so the table stays readable.
pub fn markdown_cell(text: &str) -> String {
    let one_line: Vec<String> = cleaned(text)
        .lines()
        .map(escape_markdown_line)
        .filter(|l| !l.is_empty())
        .collect();
    if one_line.is_empty() {
        "–".to_string()
    } else {
        one_line.join(" / ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_and_drops_controls() {
        assert_eq!(
            html_text("\"><img src=x onerror='a&b'>"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&amp;b&#39;&gt;"
        );
        assert_eq!(html_text("a\u{202E}b\u{1b}[31m"), "a\u{FFFD}b\u{FFFD}[31m");
        assert_eq!(html_text("one\ntwo"), "one\ntwo");
    }

    #[test]
    fn only_long_tokens_may_break() {
        assert_eq!(
            html_wrapping("short words & more"),
            "short words &amp; more"
        );
        let url = "https://example.com/a/very/long/path/to/a/page";
        assert_eq!(
            html_wrapping(&format!("see {url} now")),
            format!("see <span class=\"long\">{url}</span> now")
        );
        // 24 characters of text, 28 escaped: still a word.
        let word = "a&b".repeat(8);
        assert_eq!(html_wrapping(&word), "a&amp;b".repeat(8));
    }

    #[test]
    fn css_strings_cannot_escape_their_quotes_or_the_style() {
        assert_eq!(css_string("Acme"), "\"Acme\"");
        assert_eq!(
            css_string("a\"b\\c</style>\nd 'e' &"),
            "\"a\\22 b\\5C c\\3C /style\\3E \\A d \\27 e\\27  \\26 \""
        );
    }

    #[test]
    fn markdown_cells_stay_on_one_line_with_pipes_escaped() {
        assert_eq!(markdown_cell("| col |"), "\\| col \\|");
        assert_eq!(markdown_cell("a\nb\r\nc"), "a / b / c");
        assert_eq!(markdown_cell("<script>"), "\\<script\\>");
        assert_eq!(markdown_cell("`x`"), "\\`x\\`");
        assert_eq!(markdown_cell(""), "–");
    }

    #[test]
    fn markdown_lines_never_start_a_block() {
        assert_eq!(markdown_line("# Title"), "\\# Title");
        assert_eq!(markdown_line("- item"), "\\- item");
        assert_eq!(markdown_line("12. point"), "12\\. point");
        assert_eq!(markdown_line("> quote"), "\\> quote");
        assert_eq!(markdown_line("one\n# two"), "one  \n\\# two");
        assert_eq!(markdown_line("plain 3. text"), "plain 3. text");
        assert_eq!(markdown_cell("25.0%"), "25.0%");
    }
}
