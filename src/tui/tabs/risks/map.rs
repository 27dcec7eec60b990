//! The heat map view: the 5×5 grid (inherent or residual) beside the risks of the selected cell;
//! Enter shows the register filtered to that cell; `v` lists how each risk moved from inherent
//! to residual.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::view::band_face;
use crate::plan::numbers::group_thousands;
use crate::plan::risk::{Bands, HeatMap, Impact, Likelihood, Movement};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::heat_map::{HeatMapView, Step, moved};
use crate::workbook::{Page, RiskFacets, RiskPageQuery, RiskRow, Workbook};

/// How many risks of the selected cell are listed beside the grid.
const CELL_ROWS: usize = 40;
/// How many movements the movement list shows.
const MOVEMENT_ROWS: usize = 500;

#[derive(Debug)]
pub(super) struct MapView {
    /// The counts of the grid shown (inherent or residual): only that one is read, since each
    /// is a pass over 100,000 risks.
    map: HeatMap,
    bands: Bands,
    residual: bool,
    selected: (Likelihood, Impact),
    cell_rows: Vec<RiskRow>,
    cell_count: i64,
    /// The movement list, while shown.
    movements: Option<Vec<(String, String, Movement)>>,
}

/// What a key in the view asks for.
pub(super) enum MapStep {
    Stay,
    Close,
    /// Show the register filtered to this cell: (residual?, likelihood, impact).
    FilterCell((bool, i64, i64)),
}

/// Which grid is shown and which cell selected, to open the view again as it was.
pub(super) type MapSpot = (bool, (Likelihood, Impact));

impl MapView {
    pub fn spot(&self) -> MapSpot {
        (self.residual, self.selected)
    }

    /// The view as it was at `spot`, read afresh.
    pub fn reopen(wb: &Workbook, bands: Bands, spot: MapSpot) -> Result<MapView> {
        let mut view = MapView::load(wb, bands)?;
        (view.residual, view.selected) = spot;
        view.reload(wb)?;
        Ok(view)
    }

    pub fn load(wb: &Workbook, bands: Bands) -> Result<MapView> {
        let start = (
            Likelihood::from_value(3).unwrap_or(Likelihood::Possible),
            Impact::from_value(3).unwrap_or(Impact::Moderate),
        );
        let mut view = MapView {
            map: wb.risk_heat_map(false)?,
            bands,
            residual: false,
            selected: start,
            cell_rows: Vec::new(),
            cell_count: 0,
            movements: None,
        };
        view.read_cell(wb)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.map = wb.risk_heat_map(self.residual)?;
        if self.movements.is_some() {
            self.movements = Some(wb.risk_movements(MOVEMENT_ROWS)?);
        }
        self.read_cell(wb)
    }

    fn cell(&self) -> (bool, i64, i64) {
        (
            self.residual,
            self.selected.0.value(),
            self.selected.1.value(),
        )
    }

    fn read_cell(&mut self, wb: &Workbook) -> Result<()> {
        let query = RiskPageQuery {
            facets: RiskFacets {
                cell: Some(self.cell()),
                ..RiskFacets::default()
            },
            bands: self.bands,
            ..RiskPageQuery::default()
        };
        self.cell_rows = wb.risk_page(&query, &Page::First, CELL_ROWS)?;
        self.cell_count = wb.risk_matches(&query)?;
        Ok(())
    }

    pub fn handle(&mut self, action: Action, wb: &Workbook) -> Result<MapStep> {
        if let Some(step) = Step::from_action(action) {
            self.selected = moved(self.selected, step);
            self.read_cell(wb)?;
            return Ok(MapStep::Stay);
        }
        Ok(match action {
            Action::Toggle => {
                self.residual = !self.residual;
                self.map = wb.risk_heat_map(self.residual)?;
                self.read_cell(wb)?;
                MapStep::Stay
            }
            Action::Open => MapStep::FilterCell(self.cell()),
            Action::Movements => {
                self.movements = match self.movements {
                    Some(_) => None,
                    None => Some(wb.risk_movements(MOVEMENT_ROWS)?),
                };
                MapStep::Stay
            }
            Action::Cancel if self.movements.is_some() => {
                self.movements = None;
                MapStep::Stay
            }
            Action::Cancel => MapStep::Close,
            _ => MapStep::Stay,
        })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let wide = area.width >= 100;
        let (map_area, list_area) = if wide {
            let [map, list] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(area);
            (map, list)
        } else {
            let [map, list] =
                Layout::vertical([Constraint::Min(12), Constraint::Length(area.height / 3)])
                    .areas(area);
            (map, list)
        };
        let view = HeatMapView {
            map: &self.map,
            bands: &self.bands,
            residual: self.residual,
            selected: self.selected,
        };
        view.render(map_area, buf, theme);
        match &self.movements {
            Some(movements) => self.render_movements(movements, list_area, buf, theme),
            None => self.render_cell(list_area, buf, theme, keymap),
        }
    }

    fn render_cell(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let (l, i) = self.selected;
        let title = format!(
            " {} · {} {} × {} {}: {} ",
            if self.residual {
                "Residual"
            } else {
                "Inherent"
            },
            l.value(),
            l.word(),
            i.value(),
            i.word(),
            group_thousands(self.cell_count)
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(title, theme.title));
        // Code and title laid out by the column engine: a title too long ends in "…".
        let columns = [
            Column::new("Code", 1).min(5).max(10),
            Column::new("Title", 0).min(8).grow(),
        ];
        let texts: Vec<Vec<String>> = self
            .cell_rows
            .iter()
            .map(|row| {
                vec![
                    clean(&row.code).into_owned(),
                    clean(&row.title).into_owned(),
                ]
            })
            .collect();
        let fitted = columns::fit(&columns, &texts, block.inner(area).width);
        let mut lines: Vec<Line> = texts
            .iter()
            .map(|row| {
                let spans = fitted.shown.iter().map(|&(c, width)| {
                    let style = if c == 0 { theme.muted } else { theme.base };
                    let text = columns::cut(&row[c], width);
                    // Every column but the last is padded to its width and its gap.
                    let text = if c + 1 < columns.len() {
                        format!("{text:<w$} ", w = usize::from(width))
                    } else {
                        text
                    };
                    Span::styled(text, style)
                });
                Line::from(spans.collect::<Vec<_>>())
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled("No risk in this cell.", theme.muted));
        } else if self.cell_count > self.cell_rows.len() as i64 {
            lines.push(Line::styled(
                keymap.spell("… ‹heat-map:open› shows them all in the register."),
                theme.muted,
            ));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }

    fn render_movements(
        &self,
        movements: &[(String, String, Movement)],
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(
                " Inherent → residual, biggest falls first ",
                theme.title,
            ));
        if movements.is_empty() {
            Paragraph::new(Line::styled("No risk is rated yet.", theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        // The movement itself matters most: a long title is cut with "…" before it goes.
        let columns = [
            Column::new("Code", 3).min(5).max(8),
            Column::new("Risk", 2).min(10).grow(),
            Column::new("Inherent", 1).min(8).max(14),
            Column::new("Residual", 0).min(8).max(14),
            Column::new("Change", 0).min(6).max(6).right(),
        ];
        let rows: Vec<Vec<TableCell>> = movements
            .iter()
            .map(|(code, title, movement)| {
                let (from, _) = band_face(self.bands.band(movement.inherent.score()), theme);
                let (to, style) = match movement.residual {
                    Some(r) => {
                        let (to, style) = band_face(self.bands.band(r.score()), theme);
                        (format!("{} {to}", r.score()), style)
                    }
                    None => ("not rated".to_string(), theme.muted),
                };
                let change = match movement.change() {
                    Some(c) if c < 0 => format!("↓{}", -c),
                    Some(c) if c > 0 => format!("↑{c}"),
                    Some(_) => "→".into(),
                    None => String::new(),
                };
                vec![
                    (clean(code).into_owned(), theme.muted),
                    (clean(title).into_owned(), theme.base),
                    (format!("{} {from}", movement.inherent.score()), theme.muted),
                    (to, style),
                    (change, style),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        columns::plain_table(&columns, rows, inner, theme.header)
            .block(block)
            .render(area, buf);
    }
}
