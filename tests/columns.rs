//! The column engine (`tui::widgets::columns`), drawn through ratatui as every table is: at every
//! width from 40 to 250, no cell is cut without "…" — each shows its whole text or a beginning of
//! it that ends in "…" — and the least important columns are the ones dropped.

use partnerplan::tui::theme::Theme;
use partnerplan::tui::widgets::columns::{self, Column, GAP, MARK_WIDTH, TableCell};
use partnerplan::tui::widgets::selectable::render_selected;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// A small LCG, so a failure names a seed that reproduces it.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }

    fn text(&mut self) -> String {
        const WORDS: &[&str] = &[
            "Copperleaf",
            "Systems",
            "Integration",
            "dependency/concentration",
            "345",
            "kEUR",
            "a",
            "month",
            "Ostrander",
            "Zürich",
            "évaluation",
            "—",
            "R-004",
            "2026-11-23",
        ];
        let words = 1 + self.next(5);
        (0..words)
            .map(|_| WORDS[self.next(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text a row shows in the `width` cells from `x` on, trailing blanks left out.
fn read(buf: &Buffer, x: u16, y: u16, width: u16) -> String {
    (x..x + width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn no_cell_is_cut_without_an_ellipsis_at_widths_40_to_250() {
    let theme = Theme::dark();
    let mut seed = Seeded(20_261_206);
    for width in 40..=250u16 {
        let count = 2 + seed.next(7) as usize;
        let columns: Vec<Column> = (0..count)
            .map(|c| {
                let min = 3 + seed.next(10) as u16;
                let mut column = Column::new(format!("Col {c}"), seed.next(6) as u8)
                    .min(min)
                    .max(min + seed.next(40) as u16);
                if c == 0 {
                    column = column.grow();
                }
                if seed.next(4) == 0 {
                    column = column.right();
                }
                column
            })
            .collect();
        let rows: Vec<Vec<TableCell>> = (0..8)
            .map(|_| {
                (0..count)
                    .map(|_| (seed.text(), Style::default()))
                    .collect()
            })
            .collect();
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|(t, _)| t.clone()).collect())
            .collect();
        let area = Rect::new(0, 0, width, 10);
        let mut buf = Buffer::empty(area);
        let table = columns::table(&columns, rows, width, theme.header);
        render_selected(table, 0, area, &mut buf, &theme);
        let fitted = columns::fit(&columns, &texts, width - MARK_WIDTH);
        // The least important columns went first: every dropped one is no more important than
        // every kept one.
        let kept: Vec<usize> = fitted.shown.iter().map(|(c, _)| *c).collect();
        for dropped in (0..count).filter(|c| !kept.contains(c)) {
            for &k in &kept {
                assert!(
                    columns[dropped].priority >= columns[k].priority,
                    "width {width}: column {dropped} dropped before {k}"
                );
            }
        }
        let mut x = MARK_WIDTH;
        for &(c, w) in &fitted.shown {
            for (r, row) in texts.iter().enumerate() {
                let shown = read(&buf, x, 1 + r as u16, w);
                let shown = shown.trim_start();
                let full = &row[c];
                let whole = shown == full;
                let cut = shown
                    .strip_suffix('…')
                    .is_some_and(|start| full.starts_with(start.trim_end()));
                assert!(
                    whole || cut,
                    "width {width}, column {c} ({w} wide), row {r}: {shown:?} for {full:?}"
                );
            }
            x += w + GAP;
        }
        assert!(
            x - GAP <= width,
            "width {width}: the columns overflow ({x})"
        );
    }
}
