//! What the heat map's cells and legend say, the roomiest form that fits, and where text goes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::plan::risk::{Band, Bands};
use crate::tui::theme::Theme;

/// What a cell says, the roomiest form that fits `width`: `[H 3]` when selected, `H 3` when not,
/// `·` for no risks.
pub(super) fn cell_text(band: Band, count: usize, selected: bool, width: u16) -> String {
    let letter = band.letter();
    let count = if count == 0 {
        "·".to_string()
    } else {
        count.to_string()
    };
    let forms = if selected {
        [
            format!("[{letter} {count}]"),
            format!("[{letter}{count}]"),
            format!("{letter}{count}"),
        ]
    } else {
        [
            format!("{letter} {count}"),
            format!("{letter}{count}"),
            format!("{letter}{count}"),
        ]
    };
    let width = usize::from(width);
    forms
        .iter()
        .find(|form| form.width() <= width)
        .unwrap_or(&forms[2])
        .clone()
}

/// The thresholds, the roomiest form that fits: "L low 1–4 · M medium 5–9 · …",
/// "L 1–4 · M 5–9 · …" or "L1–4 M5–9 …"; each letter in its band's style.
pub(super) fn legend(bands: &Bands, theme: &Theme, width: u16) -> Line<'static> {
    let ranges = [
        (Band::Low, 1, bands.medium - 1),
        (Band::Medium, bands.medium, bands.high - 1),
        (Band::High, bands.high, bands.critical - 1),
        (Band::Critical, bands.critical, 25),
    ];
    let range = |low: i64, high: i64| match low.cmp(&high) {
        std::cmp::Ordering::Less => format!("{low}–{high}"),
        std::cmp::Ordering::Equal => low.to_string(),
        std::cmp::Ordering::Greater => "none".to_string(),
    };
    let forms: [(bool, &str, &str); 3] =
        [(true, " ", " · "), (false, " ", " · "), (false, "", " ")];
    let lines = forms.map(|(words, space, separator)| {
        let mut spans = Vec::new();
        for (n, &(band, low, high)) in ranges.iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(separator, theme.muted));
            }
            spans.push(Span::styled(band.letter().to_string(), theme.band(band)));
            let word = if words {
                format!(" {}", band.word())
            } else {
                String::new()
            };
            spans.push(Span::styled(
                format!("{word}{space}{}", range(low, high)),
                theme.hint,
            ));
        }
        Line::from(spans)
    });
    let width = usize::from(width);
    let fitting = lines.iter().position(|line| line.width() <= width);
    let [roomy, plain, tight] = lines;
    match fitting {
        Some(0) => roomy,
        Some(1) => plain,
        _ => tight,
    }
}

/// `text` from `x` on line `y`, cut at the right edge of `area`.
pub(super) fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) {
    let room = area.right().saturating_sub(x);
    buf.set_stringn(x, y, text, usize::from(room), style);
}

/// `text` right-aligned in the `width` columns from `x`.
pub(super) fn put_right(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    let used = u16::try_from(text.width()).unwrap_or(u16::MAX).min(width);
    buf.set_stringn(x + width - used, y, text, usize::from(used), style);
}

/// `text` centred in the `width` columns from `x`.
pub(super) fn put_centred(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    let used = u16::try_from(text.width()).unwrap_or(u16::MAX).min(width);
    buf.set_stringn(x + (width - used) / 2, y, text, usize::from(used), style);
}
