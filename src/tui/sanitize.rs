//! Makes workbook text safe to draw: the one sanitiser (`clean`, shared with every message the
//! command line prints) and the net run on every finished frame.

use ratatui::buffer::Buffer;

use crate::plan::text::is_forbidden;
pub use crate::plan::text::{clean, clean_lines};

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
