//! Makes workbook text safe to draw: no byte of data may reach the terminal as a control sequence,
//! and text measured by display width must not hide characters that change its direction.

use std::borrow::Cow;

use ratatui::buffer::Buffer;

use crate::plan::text::{is_forbidden, is_invisible_format};

/// One line of workbook text as it may be drawn: control characters become visible symbols
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

/// The last line of defence, run on every finished frame: any cell whose symbol still holds a
/// forbidden character (from a widget that did not clean its text) is replaced by U+FFFD.
pub fn clean_buffer(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_forbidden) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

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
    fn buffer_net_replaces_what_slipped_through() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 3, 1));
        buffer[(0, 0)].set_symbol("\u{1b}");
        buffer[(1, 0)].set_symbol("a\u{200D}");
        buffer[(2, 0)].set_symbol("ok");
        clean_buffer(&mut buffer);
        assert_eq!(buffer[(0, 0)].symbol(), "\u{FFFD}");
        assert_eq!(buffer[(1, 0)].symbol(), "\u{FFFD}");
        assert_eq!(buffer[(2, 0)].symbol(), "ok");
    }
}
