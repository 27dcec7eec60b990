//! Every style the app draws with. No colour is named anywhere else.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::plan::risk::Band;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub header: Style,
    pub selected: Style,
    pub muted: Style,
    pub key: Style,
    pub hint: Style,
    pub ok: Style,
    pub error: Style,
    pub warning: Style,
    pub banner: Style,
    pub field_label: Style,
    pub field_focus: Style,
    pub input: Style,
    pub cursor: Style,
    pub matched: Style,
    /// The four risk bands, low to critical: the heat map's cells and its legend.
    pub band_low: Style,
    pub band_medium: Style,
    pub band_high: Style,
    pub band_critical: Style,
}

impl Theme {
    /// The theme to use: `NO_COLOR` (set and non-empty) forces mono whatever the config says.
    pub fn resolve(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::mono();
        }
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The style a risk band is drawn in.
    pub fn band(&self, band: Band) -> Style {
        match band {
            Band::Low => self.band_low,
            Band::Medium => self.band_medium,
            Band::High => self.band_high,
            Band::Critical => self.band_critical,
        }
    }

    pub fn from_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::resolve(name, no_color)
    }

    pub fn dark() -> Theme {
        let accent = Color::Cyan;
        Theme {
            base: Style::new(),
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(accent),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Rgb(40, 60, 80))
                .add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            hint: Style::new().fg(Color::Gray),
            ok: Style::new().fg(Color::Green),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            field_label: Style::new().fg(Color::Gray),
            field_focus: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            input: Style::new().fg(Color::White),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            band_low: Style::new().fg(Color::Black).bg(Color::Green),
            band_medium: Style::new().fg(Color::Black).bg(Color::Yellow),
            band_high: Style::new().fg(Color::Black).bg(Color::Rgb(230, 120, 30)),
            band_critical: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn light() -> Theme {
        let accent = Color::Blue;
        Theme {
            base: Style::new(),
            tab: Style::new().fg(Color::DarkGray),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray),
            border_focus: Style::new().fg(accent),
            header: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .bg(Color::Rgb(210, 225, 245))
                .add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::Gray),
            key: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            hint: Style::new().fg(Color::DarkGray),
            ok: Style::new().fg(Color::Green),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Rgb(150, 90, 0)),
            banner: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            field_label: Style::new().fg(Color::DarkGray),
            field_focus: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            input: Style::new().fg(Color::Black),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            band_low: Style::new().fg(Color::Black).bg(Color::Rgb(190, 230, 190)),
            band_medium: Style::new().fg(Color::Black).bg(Color::Rgb(245, 225, 140)),
            band_high: Style::new().fg(Color::Black).bg(Color::Rgb(245, 170, 110)),
            band_critical: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(200, 40, 40))
                .add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all: structure comes from bold, reverse and underline only.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Theme {
            base: plain,
            tab: plain,
            tab_active: reversed.add_modifier(Modifier::BOLD),
            title: bold,
            border: plain,
            border_focus: bold,
            header: bold.add_modifier(Modifier::UNDERLINED),
            selected: reversed,
            muted: Style::new().add_modifier(Modifier::DIM),
            key: bold,
            hint: plain,
            ok: plain,
            error: bold,
            warning: bold,
            banner: reversed.add_modifier(Modifier::BOLD),
            field_label: plain,
            field_focus: bold.add_modifier(Modifier::UNDERLINED),
            input: plain,
            cursor: reversed,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            // Reverse is kept for the selected cell; the band's letter says the rest.
            band_low: Style::new().add_modifier(Modifier::DIM),
            band_medium: plain,
            band_high: bold,
            band_critical: bold.add_modifier(Modifier::UNDERLINED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(theme: &Theme) -> Vec<Option<Color>> {
        let styles = [
            theme.base,
            theme.tab,
            theme.tab_active,
            theme.title,
            theme.border,
            theme.border_focus,
            theme.header,
            theme.selected,
            theme.muted,
            theme.key,
            theme.hint,
            theme.ok,
            theme.error,
            theme.warning,
            theme.banner,
            theme.field_label,
            theme.field_focus,
            theme.input,
            theme.cursor,
            theme.matched,
            theme.band_low,
            theme.band_medium,
            theme.band_high,
            theme.band_critical,
        ];
        styles.iter().flat_map(|s| [s.fg, s.bg]).collect()
    }

    #[test]
    fn mono_and_no_color_have_no_colour() {
        assert!(colours(&Theme::mono()).iter().all(Option::is_none));
        assert_eq!(Theme::resolve(ThemeName::Dark, true), Theme::mono());
        assert!(
            colours(&Theme::resolve(ThemeName::Dark, false))
                .iter()
                .any(Option::is_some)
        );
    }
}
