//! The risk heat map: likelihood by impact, 5 × 5, each cell with its count and its band.
//!
//! A cell tells its band by letter as well as colour, and the selected cell is bracketed as well
//! as reversed, so the map reads the same in the mono theme and under `NO_COLOR`. The layout
//! shrinks from full words to short words to scale numbers, and says so when nothing fits. Where
//! the selection moves is in `moves.rs`, what a cell and the legend say in `words.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Widget};

use crate::plan::numbers::count_of;
use crate::plan::risk::{Bands, HeatMap, Impact, Likelihood, score};
use crate::tui::theme::Theme;

mod layout;
mod moves;
mod words;

use layout::Grid;
pub use moves::{Step, cell_at, moved};
use words::{cell_text, legend, put, put_centred, put_right};

/// Said on the first line when not even the smallest grid fits.
pub const TOO_SMALL: &str = "The heat map needs more room; widen or heighten the window.";

/// One heat map, ready to draw.
#[derive(Debug, Clone, Copy)]
pub struct HeatMapView<'a> {
    pub map: &'a HeatMap,
    pub bands: &'a Bands,
    /// Counts of residual ratings rather than inherent ones; only the title tells them apart.
    pub residual: bool,
    pub selected: (Likelihood, Impact),
}

impl HeatMapView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let Some(grid) = Grid::of(area) else {
            buf.set_stringn(
                area.x,
                area.y,
                TOO_SMALL,
                usize::from(area.width),
                theme.muted,
            );
            return;
        };
        let title = self.title();
        if grid.framed {
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus)
                .title(Line::styled(format!(" {title} "), theme.title))
                .render(area, buf);
        } else if let Some(y) = grid.title_y {
            put(buf, grid.inner, grid.inner.x, y, &title, theme.title);
        }
        if let Some(y) = grid.axis_y {
            let (rows, columns) = grid.words.axes();
            put_right(buf, grid.label_x, y, grid.label_w, rows, theme.muted);
            put_centred(buf, grid.x, y, 5 * grid.cell_w, columns, theme.muted);
        }
        for impact in Impact::ALL {
            let cell = grid.cell(Likelihood::Rare, impact);
            let style = self.axis_style(impact == self.selected.1, theme);
            let word = grid.words.impact(impact);
            put_centred(buf, cell.x, grid.header_y, cell.width, word, style);
        }
        for likelihood in Likelihood::ALL {
            let y = grid.text_y(likelihood);
            let style = self.axis_style(likelihood == self.selected.0, theme);
            let word = grid.words.likelihood(likelihood);
            put_right(buf, grid.label_x, y, grid.label_w, word, style);
            for impact in Impact::ALL {
                self.render_cell(&grid, likelihood, impact, buf, theme);
            }
        }
        let room = grid.inner.right() - grid.label_x;
        if let Some(y) = grid.legend_y {
            let line = legend(self.bands, theme, room);
            buf.set_line(grid.label_x, y, &line, room);
        }
        if let Some(y) = grid.summary_y {
            put(
                buf,
                grid.inner,
                grid.label_x,
                y,
                &self.summary(),
                theme.hint,
            );
        }
    }

    fn title(&self) -> String {
        let which = if self.residual {
            "Residual"
        } else {
            "Inherent"
        };
        let total = count_of(self.map.total(), "risk", "risks");
        format!("{which} heat map · {total}")
    }

    /// The selected cell in words: "possible × major · score 12 · high · 3 risks".
    fn summary(&self) -> String {
        let (likelihood, impact) = self.selected;
        let score = score(likelihood, impact);
        let count = self.map.count(likelihood, impact);
        format!(
            "{} × {} · score {score} · {} · {}",
            likelihood.word(),
            impact.word(),
            self.bands.band(score).word(),
            count_of(count, "risk", "risks"),
        )
    }

    fn axis_style(&self, selected: bool, theme: &Theme) -> Style {
        if selected {
            theme.header.add_modifier(Modifier::REVERSED)
        } else {
            theme.header
        }
    }

    fn render_cell(
        &self,
        grid: &Grid,
        likelihood: Likelihood,
        impact: Impact,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let band = self.bands.band(score(likelihood, impact));
        let selected = self.selected == (likelihood, impact);
        let style = if selected {
            // Reversed and bracketed: marked without relying on colour.
            theme
                .band(band)
                .add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            theme.band(band)
        };
        let cell = grid.cell(likelihood, impact);
        buf.set_style(cell, style);
        let text = cell_text(
            band,
            self.map.count(likelihood, impact),
            selected,
            cell.width,
        );
        put_centred(
            buf,
            cell.x,
            grid.text_y(likelihood),
            cell.width,
            &text,
            style,
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::Color;

    use super::*;
    use crate::plan::risk::Rating;

    /// Twelve risks: 3 in possible × major (12, high), 2 in almost certain × severe (25,
    /// critical), 1 in rare × negligible (1, low), 6 in unlikely × moderate (6, medium).
    fn sample() -> HeatMap {
        let rating = |l, i| Rating::from_values(Some(l), Some(i)).unwrap();
        let mut ratings = vec![rating(3, 4); 3];
        ratings.extend([rating(5, 5), rating(5, 5), rating(1, 1)]);
        ratings.extend(vec![rating(2, 3); 6]);
        HeatMap::new(ratings)
    }

    /// The sample map with possible × major selected, drawn into `area` of `buf`.
    fn draw_in(buf: &mut Buffer, area: Rect, residual: bool, theme: &Theme) {
        let map = sample();
        let bands = Bands::default();
        let view = HeatMapView {
            map: &map,
            bands: &bands,
            residual,
            selected: (Likelihood::Possible, Impact::Major),
        };
        view.render(area, buf, theme);
    }

    fn draw(width: u16, height: u16, theme: &Theme) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        draw_in(&mut buf, area, false, theme);
        buf
    }

    fn lines(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect()
    }

    /// The line holding `needle`, with the column where it starts (in cells).
    fn find(lines: &[String], needle: &str) -> Option<(u16, u16)> {
        lines.iter().enumerate().find_map(|(y, line)| {
            let at = line.find(needle)?;
            Some((line[..at].chars().count() as u16, y as u16))
        })
    }

    fn assert_map_reads(width: u16, height: u16, rows: &[&str], columns: &[&str]) {
        let buf = draw(width, height, &Theme::dark());
        let lines = lines(&buf);
        let text = lines.join("\n");
        for word in rows.iter().chain(columns) {
            assert!(
                text.contains(word),
                "{word} missing at {width}×{height}:\n{text}"
            );
        }
        // Rows run from almost certain at the top down to rare.
        let row_of = |word: &str| find(&lines, word).unwrap().1;
        assert!(row_of(rows[0]) < row_of(rows[1]));
        // Counts with their band letters, each on its own row's line.
        let (_, possible_y) = find(&lines, rows[1]).unwrap();
        assert!(lines[usize::from(possible_y)].contains("[H 3]"), "{text}");
        assert!(
            lines[usize::from(row_of(rows[0]))].contains("C 2"),
            "{text}"
        );
        assert!(
            lines[usize::from(row_of(rows[2]))].contains("L 1"),
            "{text}"
        );
        assert!(text.contains("M 6"), "{text}");
        // The selected cell sits under "major".
        let (major_x, _) = find(&lines, columns[1]).unwrap();
        let (cell_x, _) = find(&lines, "[H 3]").unwrap();
        assert!(
            cell_x.abs_diff(major_x) <= 2,
            "{major_x} vs {cell_x}:\n{text}"
        );
        // The legend, with or without the bands' words.
        let legend = lines.iter().find(|l| l.contains("17–25")).unwrap();
        let legend = [" low", " medium", " high", " critical"]
            .iter()
            .fold(legend.clone(), |l, word| l.replace(word, ""));
        assert!(
            legend.contains("L 1–4 · M 5–9 · H 10–16 · C 17–25"),
            "{text}"
        );
        assert!(text.contains("Inherent heat map · 12 risks"), "{text}");
    }

    #[test]
    fn compact_map_uses_short_words() {
        assert_map_reads(
            60,
            14,
            &["alm. cert.", "possible", "rare"],
            &["neglig.", "major", "severe"],
        );
    }

    #[test]
    fn roomy_map_uses_full_words_and_explains_the_letters() {
        assert_map_reads(
            120,
            30,
            &["almost certain", "possible", "rare"],
            &["negligible", "major", "severe"],
        );
        let text = lines(&draw(120, 30, &Theme::dark())).join("\n");
        assert!(text.contains("L low 1–4 · M medium 5–9"), "{text}");
        assert!(text.contains("likelihood ↑"), "{text}");
        assert!(
            text.contains("possible × major · score 12 · high · 3 risks"),
            "{text}"
        );
    }

    #[test]
    fn selected_cell_is_bracketed_and_reversed_and_coloured_by_band() {
        let buf = draw(60, 14, &Theme::dark());
        let lines = lines(&buf);
        let (x, y) = find(&lines, "[H 3]").unwrap();
        let selected = &buf[(x + 1, y)];
        assert!(selected.modifier.contains(Modifier::REVERSED));
        assert_eq!(selected.bg, Theme::dark().band_high.bg.unwrap());
        assert_eq!(lines.join("").matches('[').count(), 1);
        let (x, y) = find(&lines, "C 2").unwrap();
        assert_eq!(buf[(x, y)].bg, Theme::dark().band_critical.bg.unwrap());
        assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn mono_map_has_no_colour_but_still_reads() {
        for (width, height) in [(60, 14), (120, 30)] {
            let buf = draw(width, height, &Theme::mono());
            assert!(
                buf.content()
                    .iter()
                    .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
            );
            let lines = lines(&buf);
            let (x, y) = find(&lines, "[H 3]").unwrap();
            assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
            let (x, y) = find(&lines, "C 2").unwrap();
            assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
        }
    }

    #[test]
    fn tiny_areas_never_panic_and_say_why() {
        for (width, height) in [(1, 1), (10, 3), (30, 8), (0, 0), (29, 6), (5, 40), (300, 2)] {
            for theme in [Theme::dark(), Theme::light(), Theme::mono()] {
                let _ = draw(width, height, &theme);
            }
        }
        let text = lines(&draw(10, 3, &Theme::dark())).join("\n");
        assert!(text.starts_with("The heat m"), "{text}");
        // 30 × 8 still fits a grid of scale numbers.
        let text = lines(&draw(30, 8, &Theme::dark())).join("\n");
        assert!(text.contains("[H3]"), "{text}");
        // A map drawn into part of a bigger buffer stays inside its area.
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 40));
        draw_in(&mut buf, Rect::new(90, 35, 60, 14), true, &Theme::dark());
        draw_in(&mut buf, Rect::new(10, 5, 60, 14), true, &Theme::dark());
        assert_eq!(buf[(9, 6)].symbol(), " ");
        assert_eq!(buf[(70, 6)].symbol(), " ");
        assert!(lines(&buf).join("\n").contains("Residual heat map"));
    }

    #[test]
    fn a_click_finds_its_cell() {
        let area = Rect::new(0, 0, 60, 14);
        let lines = lines(&draw(60, 14, &Theme::dark()));
        let (x, y) = find(&lines, "[H 3]").unwrap();
        assert_eq!(
            cell_at(area, x, y),
            Some((Likelihood::Possible, Impact::Major))
        );
        let (x, y) = find(&lines, "C 2").unwrap();
        assert_eq!(
            cell_at(area, x, y),
            Some((Likelihood::AlmostCertain, Impact::Severe))
        );
        assert_eq!(cell_at(area, 0, 0), None);
        assert_eq!(cell_at(area, 59, 13), None);
        assert_eq!(cell_at(Rect::new(0, 0, 5, 5), 2, 2), None);
    }
}
