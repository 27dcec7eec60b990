//! Reusable pieces: form, heat map, paged list state, word wrapping, and the popups (confirm, help,
//! palette, notices).

pub mod columns;
pub mod confirm;
pub mod exchange_format;
pub mod facet_form;
pub mod filter_input;
pub mod form;
pub mod heat_map;
pub mod help;
pub mod import_preview;
pub mod merge_review;
pub mod network_map;
pub mod notice;
pub mod ordered_list;
pub mod paged;
pub mod palette;
pub mod path_complete;
pub mod path_prompt;
pub mod picker;
pub mod progress;
pub mod radar;
pub mod selectable;
pub mod snapshots;
pub mod typed;
pub mod wrap;

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use super::sanitize::clean;
use super::theme::Theme;

/// The frame every popup is drawn in.
pub fn popup_block<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focus)
        .title(Line::styled(format!(" {} ", clean(title)), theme.title))
}

/// A `width`×`height` rectangle centred in `area`, shrunk to fit.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
