//! Where the user stands in the Ecosystem view, for the navigation stack: the selected partner
//! (by id), zoom and pan, and the offerings or the partner × partner matrix with its cursor.

use anyhow::Result;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::scene::View;
use super::{EcosystemView, Shown};
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
            pane: match &self.shown {
                Shown::Offerings(pane) => Some(pane.selected),
                Shown::Map | Shown::Matrix(_) => None,
            },
            matrix: match &self.shown {
                Shown::Matrix(matrix) => Some((matrix.row, matrix.columns)),
                Shown::Map | Shown::Offerings(_) => None,
            },
        }
    }

    /// Puts the view back where `place` says, closing what was opened since: the partner
    /// selected again (by its id, so links added meanwhile do not move it), zoom and pan, the
    /// offerings or the matrix open again at the row and column they showed.
    pub fn restore(&mut self, place: EcosystemPlace, wb: &Workbook) -> Result<()> {
        self.popup = super::Popup::None;
        self.shown = Shown::Map;
        if self.stale {
            self.reload(wb)?;
        }
        if let Some(at) = place.partner.and_then(|id| self.data.net.at(id)) {
            self.select(at, wb)?;
        } else if self.reading() {
            // Selected once the network being read comes.
            self.wanted = place.partner;
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
        if let (Shown::Offerings(pane), Some(row)) = (&mut self.shown, place.pane) {
            pane.selected = row;
            pane.move_by(0);
        }
        if let (Shown::Matrix(matrix), Some((row, columns))) = (&mut self.shown, place.matrix) {
            matrix.row = row.min(matrix.partners.len().saturating_sub(1));
            matrix.columns = columns;
            matrix.columns.keep_visible(matrix.partners.len());
        }
        Ok(())
    }
}
