//! Where the user stands in the Ecosystem view, for the navigation stack: the selected partner
//! (by id), zoom and pan, and the offerings or the partner × partner matrix with its cursor.

use anyhow::Result;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::EcosystemView;
use super::scene::View;
use crate::tui::action::Action;
use crate::tui::tabs::roles::grid::ColumnWindow;
use crate::workbook::Workbook;

/// The view's place, small enough to keep on the stack (the network itself is read again).
#[derive(Debug, Clone, PartialEq)]
pub struct EcosystemPlace {
    partner: Option<i64>,
    view: View,
    /// The offerings shown instead of the map, with their selected row.
    pane: Option<usize>,
    /// The partner × partner matrix, with its selected row and columns.
    matrix: Option<(usize, ColumnWindow)>,
}

impl EcosystemView {
    pub fn place(&self) -> EcosystemPlace {
        EcosystemPlace {
            partner: self.selected_id(),
            view: self.view,
            pane: self.pane.as_ref().map(|pane| pane.selected),
            matrix: self
                .matrix
                .as_ref()
                .map(|matrix| (matrix.row, matrix.columns)),
        }
    }

    /// Puts the view back where `place` says, closing what was opened since: the partner
    /// selected again (by its id, so links added meanwhile do not move it), zoom and pan, the
    /// offerings or the matrix open again at the row and column they showed.
    pub fn restore(&mut self, place: EcosystemPlace, wb: &Workbook) -> Result<()> {
        self.popup = super::Popup::None;
        self.pane = None;
        self.matrix = None;
        if self.stale {
            self.reload(wb)?;
        }
        if let Some(at) = place.partner.and_then(|id| self.data.net.at(id)) {
            self.select(at, wb)?;
        }
        self.view = place.view;
        self.rebuild();
        let reopen = match (place.pane, place.matrix) {
            (Some(_), _) => Some(Action::Offerings),
            (None, Some(_)) => Some(Action::Matrix),
            (None, None) => None,
        };
        if let Some(action) = reopen {
            // As the key opens it (neither needs the role list, and neither closes the view).
            self.handle(Some(action), &KeyEvent::from(KeyCode::Null), wb, &[])?;
        }
        if let (Some(pane), Some(row)) = (&mut self.pane, place.pane) {
            pane.selected = row;
            pane.move_by(0);
        }
        if let (Some(matrix), Some((row, columns))) = (&mut self.matrix, place.matrix) {
            matrix.row = row.min(matrix.partners.len().saturating_sub(1));
            matrix.columns = columns;
            matrix.columns.keep_visible(matrix.partners.len());
        }
        Ok(())
    }
}
