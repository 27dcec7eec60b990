//! The partner × partner matrix of the Ecosystem view: the partners on the map as rows and
//! columns, each cell the link between two of them (its kind's letter, ● active, ○ planned,
//! × ended); a cell is linked, edited or unlinked by key. It draws and moves on the role
//! matrix's grid (`roles::grid`), with what the selected cell holds and the marks beneath.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::super::grid::{ColumnWindow, Grid, render_grid};
use super::scene::kind_letter;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{LinkRecord, Workbook};

/// Width of a partner's name (with its number) in the first column.
const NAME_WIDTH: u16 = 19;
/// Width of one cell.
const CELL: u16 = 4;
/// Lines beneath the grid: the selected cell in words, what the marks mean.
const FOOTER: u16 = 2;

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
    /// The selected column and the window of those shown (as many as fit the last frame).
    pub columns: ColumnWindow,
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
        self.columns.keep_visible(self.partners.len());
        Ok(())
    }

    /// Moves the cursor by a row key (up, down, first, last) or the grid's column keys; `false`
    /// for any other key.
    pub fn step(&mut self, action: Action) -> bool {
        let last = self.partners.len().saturating_sub(1);
        self.row = match action {
            Action::Up => self.row.saturating_sub(1),
            Action::Down => (self.row + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return self.columns.step(action, self.partners.len()),
        };
        true
    }

    /// Sizes the window of columns for `area` (the matrix's whole area).
    pub fn set_area(&mut self, area: Rect) {
        let room = area.width.saturating_sub(2 + NAME_WIDTH + 1);
        self.columns.visible = usize::from(room / CELL).max(1);
        self.columns.keep_visible(self.partners.len());
    }

    /// The two partners of the selected cell.
    pub fn pair(&self) -> Option<(&Named, &Named)> {
        Some((
            self.partners.get(self.row)?,
            self.partners.get(self.columns.column)?,
        ))
    }

    /// The link in the selected cell, if any.
    pub fn link(&self) -> Option<&LinkRecord> {
        self.cells.get(&(self.row, self.columns.column))
    }

    /// The grid in `area`, the selected cell in words and what the marks mean beneath its
    /// rows. The window of columns is the one `set_area` sized.
    pub fn render(
        &self,
        title: &str,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        // The rows that fit under the header and above the footer, the selected one in view.
        let fit_rows = usize::from(area.height.saturating_sub(3 + FOOTER)).max(1);
        let first_row = self.row.saturating_sub(fit_rows - 1);
        let shown = first_row..(first_row + fit_rows).min(self.partners.len());
        let cell = |row: usize, column: usize| {
            let row = first_row + row;
            let style = if row == column {
                theme.muted
            } else {
                theme.base
            };
            (self.cell_text(row, column), style)
        };
        let grid = Grid {
            title,
            corner: "",
            name_width: NAME_WIDTH,
            column_width: CELL,
            headers: self
                .columns
                .range(self.partners.len())
                .map(|c| ((c + 1) % 1000).to_string())
                .collect(),
            columns: self.columns,
            column_count: self.partners.len(),
            rows: shown
                .clone()
                .map(|r| format!("{} {}", r + 1, self.partners[r].1))
                .collect(),
            selected_row: shown.contains(&self.row).then(|| self.row - first_row),
            cell: &cell,
            empty: keymap.spell(
                "No partner on the map: ‹link-matrix:cancel›, then ‹ecosystem:down› to a partner \
                 with links.",
            ),
            footer: vec![
                Line::styled(self.selected_text(), theme.muted),
                Line::styled(
                    "● active ○ planned × ended, then the kind's letter (a = the first kind); + \
                     more than one.",
                    theme.muted,
                ),
            ],
        };
        render_grid(&grid, area, buf, theme);
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
            (None, Some((a, b))) if self.row != self.columns.column => format!(
                "{} and {}: no link; Enter or a links them.",
                clean(&a.1),
                clean(&b.1)
            ),
            _ => "A partner is not linked with itself: move off the diagonal.".into(),
        }
    }
}
