//! The partner × role matrix drawn: its summary line, the selected cell spelled out, and the grid.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Matrix;
use crate::plan::numbers::group_thousands;
use crate::plan::roles::AssignmentKind;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::tabs::roles::grid::{Grid, render_grid};
use crate::tui::theme::Theme;
use crate::workbook::AssignmentCell;

impl Matrix {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let empty = keymap.spell(&self.empty_message());
        let summary = Rect::new(area.x, area.y, area.width, 1.min(area.height));
        let mut spans = vec![
            Span::styled(
                format!(
                    "{} {} × {} {}",
                    group_thousands(self.matching),
                    if self.matching == 1 {
                        "partner"
                    } else {
                        "partners"
                    },
                    group_thousands(self.columns.len() as i64),
                    if self.columns.len() == 1 {
                        "role"
                    } else {
                        "roles"
                    }
                ),
                theme.header,
            ),
            Span::styled(format!(" · {}", self.limit.label()), theme.muted),
        ];
        spans.extend(self.filter.spans(&self.query.filter, theme));
        Paragraph::new(Line::from(spans)).render(summary, buf);
        if area.height < 2 {
            return;
        }
        let cell_line = Rect::new(area.x, area.y + 1, area.width, 1);
        Paragraph::new(self.cell_line(theme, &empty)).render(cell_line, buf);
        let grid = Rect::new(
            area.x,
            area.y + 2,
            area.width,
            area.height.saturating_sub(2),
        );
        self.render_grid(grid, buf, theme, Self::name_width(area), empty);
    }

    /// The selected cell spelled out: partner, role, what the partner does there, the note.
    fn cell_line(&self, theme: &Theme, empty: &str) -> Line<'static> {
        let Some((partner, column)) = self.selected_cell() else {
            return Line::styled(empty.to_string(), theme.muted);
        };
        let what = match self.cells.get(&(partner.id, column.id)) {
            Some(cell) => {
                let mut text = format!("{} ", cell.raw_kind);
                if !cell.note.is_empty() {
                    text.push_str(&format!(
                        "· {}",
                        clean(cell.note.lines().next().unwrap_or(""))
                    ));
                }
                text
            }
            None => "not assigned".to_string(),
        };
        Line::from(vec![
            Span::styled(clean(&partner.name).into_owned(), theme.title),
            Span::styled(" in ", theme.muted),
            Span::styled(clean(&column.name).into_owned(), theme.title),
            Span::styled(format!(" ({}): ", column.criticality.word()), theme.muted),
            Span::styled(what, theme.base),
        ])
    }

    fn render_grid(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        name_width: u16,
        empty: String,
    ) {
        let rows = self.window.rows();
        let cell = |row: usize, column: usize| {
            let cell = rows
                .get(row)
                .zip(self.columns.get(column))
                .and_then(|(r, c)| self.cells.get(&(r.id, c.id)));
            cell_face(cell, theme)
        };
        let grid = Grid {
            title: " Partner × role ",
            corner: "Partner",
            name_width,
            column_width: self.column_width,
            headers: self.visible().iter().map(|c| c.name.clone()).collect(),
            columns: self.cursor,
            column_count: self.columns.len(),
            rows: rows.iter().map(|r| r.name.clone()).collect(),
            selected_row: (!rows.is_empty()).then(|| self.window.selected_index()),
            cell: &cell,
            empty,
            footer: Vec::new(),
        };
        render_grid(&grid, area, buf, theme);
    }
}

/// What a cell shows: its letter (never colour alone), styled by kind.
fn cell_face(cell: Option<&AssignmentCell>, theme: &Theme) -> (String, Style) {
    match cell {
        None => ("·".into(), theme.muted),
        Some(cell) => match cell.kind {
            Some(AssignmentKind::Lead) => ("L".into(), theme.ok.add_modifier(Modifier::BOLD)),
            Some(AssignmentKind::Backup) => ("B".into(), theme.base),
            Some(AssignmentKind::Candidate) => ("C".into(), theme.muted),
            None => ("?".into(), theme.warning),
        },
    }
}
