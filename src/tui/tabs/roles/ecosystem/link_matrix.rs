//! The partner × partner matrix of the Ecosystem view: the partners on the map as rows and
//! columns, each cell the link between two of them (its kind's letter, ● active, ○ planned,
//! × ended); a cell is linked, edited or unlinked by key.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::panel::boxed_lines;
use super::scene::kind_letter;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{LinkRecord, Workbook};

/// Width of a partner's name in the first column.
const NAME_WIDTH: usize = 18;
/// Width of one cell.
const CELL: usize = 3;

/// A partner as the matrix names it: (workbook id, name).
pub type Named = (i64, String);

#[derive(Debug, Default)]
pub struct LinkMatrix {
    /// The partners, rows and columns alike.
    pub partners: Vec<Named>,
    /// The links between two partners of the matrix, by (row, column) both ways; the first
    /// stored link of a pair when it has several.
    cells: HashMap<(usize, usize), LinkRecord>,
    /// Pairs linked more than once.
    several: HashMap<(usize, usize), usize>,
    /// The link kinds' word list: a kind's letter is its place in it.
    kinds: Vec<String>,
    pub row: usize,
    pub column: usize,
}

impl LinkMatrix {
    /// The matrix of `partners`, its cells read from their links (one read per partner).
    pub fn read(
        &mut self,
        partners: Vec<(i64, String)>,
        kinds: &[String],
        wb: &Workbook,
    ) -> Result<()> {
        self.kinds = kinds.to_vec();
        let at: HashMap<i64, usize> = partners
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        self.cells.clear();
        self.several.clear();
        for (i, (id, _)) in partners.iter().enumerate() {
            for link in wb.links_of(*id)? {
                let other = if link.link.from == *id {
                    link.link.to
                } else {
                    link.link.from
                };
                if let Some(&j) = at.get(&other) {
                    match self.cells.entry((i, j)) {
                        Entry::Occupied(_) => *self.several.entry((i, j)).or_insert(1) += 1,
                        Entry::Vacant(cell) => {
                            cell.insert(link);
                        }
                    }
                }
            }
        }
        let last = partners.len().saturating_sub(1);
        self.partners = partners;
        self.row = self.row.min(last);
        self.column = self.column.min(last);
        Ok(())
    }

    pub fn move_by(&mut self, rows: isize, columns: isize) {
        let last = self.partners.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(rows).min(last);
        self.column = self.column.saturating_add_signed(columns).min(last);
    }

    /// The two partners of the selected cell.
    pub fn pair(&self) -> Option<(&Named, &Named)> {
        Some((
            self.partners.get(self.row)?,
            self.partners.get(self.column)?,
        ))
    }

    /// The link in the selected cell, if any.
    pub fn link(&self) -> Option<&LinkRecord> {
        self.cells.get(&(self.row, self.column))
    }

    pub fn render(&self, title: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let inner_width = usize::from(area.width.saturating_sub(2));
        let inner_height = usize::from(area.height.saturating_sub(2));
        let fit_columns = (inner_width.saturating_sub(NAME_WIDTH + 1) / CELL).max(1);
        let fit_rows = inner_height.saturating_sub(3).max(1);
        let first_column = self.column.saturating_sub(fit_columns - 1);
        let first_row = self.row.saturating_sub(fit_rows - 1);
        let columns = first_column..(first_column + fit_columns).min(self.partners.len());
        let mut lines = vec![Line::styled(
            format!(
                "{:NAME_WIDTH$} {}",
                "",
                columns
                    .clone()
                    .map(|c| format!("{:>CELL$}", (c + 1) % 1000))
                    .collect::<String>()
            ),
            theme.header,
        )];
        for (r, (_, name)) in self
            .partners
            .iter()
            .enumerate()
            .skip(first_row)
            .take(fit_rows)
        {
            let label: String = format!("{} {}", r + 1, clean(name))
                .chars()
                .take(NAME_WIDTH)
                .collect();
            let mut spans = vec![Span::styled(
                format!("{label:NAME_WIDTH$} "),
                if r == self.row {
                    theme.header
                } else {
                    theme.base
                },
            )];
            for c in columns.clone() {
                let text = self.cell_text(r, c);
                let style = if r == self.row && c == self.column {
                    theme.selected
                } else if r == c {
                    theme.muted
                } else {
                    theme.base
                };
                spans.push(Span::styled(format!("{text:>CELL$}"), style));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::styled(self.selected_text(), theme.muted));
        lines.push(Line::styled(
            "● active ○ planned × ended, then the kind's letter (a = the first kind); + more than one.",
            theme.muted,
        ));
        boxed_lines(title, lines, false, area, buf, theme);
    }

    fn cell_text(&self, row: usize, column: usize) -> String {
        if row == column {
            return "╲".into();
        }
        let Some(link) = self.cells.get(&(row, column)) else {
            return "·".into();
        };
        let status = match link.link.status.as_str() {
            "active" => '●',
            "planned" => '○',
            _ => '×',
        };
        let more = if self.several.contains_key(&(row, column)) {
            "+"
        } else {
            ""
        };
        format!(
            "{status}{}{more}",
            kind_letter(&self.kinds, &link.link.kind)
        )
    }

    /// What the selected cell holds, in words.
    fn selected_text(&self) -> String {
        match (self.link(), self.pair()) {
            (Some(link), _) => format!(
                "{} · {} · strength {}",
                clean(&link.label()),
                link.link.status,
                link.link.strength
            ),
            (None, Some((a, b))) if self.row != self.column => format!(
                "{} and {}: no link; Enter or a links them.",
                clean(&a.1),
                clean(&b.1)
            ),
            _ => "A partner is not linked with itself: move off the diagonal.".into(),
        }
    }
}
