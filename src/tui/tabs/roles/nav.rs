//! Where the user stands on the Roles tab, for the navigation stack and the Guide's jumps: the
//! selected role, and the matrix or the Ecosystem view open over the tree.

use anyhow::Result;

use super::ecosystem::{self, EcosystemView};
use super::matrix::Matrix;
use super::{Popup, RolesTab};
use crate::plan::framework::Screen;
use crate::plan::guide::Target;
use crate::tui::intent::Intent;
use crate::tui::tabs::screen::Place;
use crate::workbook::Workbook;

/// Where the user stands on the tab, for the navigation stack: the selected role, and the
/// matrix (its filter, stages, rows and columns shown and the cell selected) or the Ecosystem
/// view's place.
struct RolesPlace {
    role: Option<i64>,
    selected: usize,
    matrix: Option<Matrix>,
    ecosystem: Option<ecosystem::EcosystemPlace>,
}

impl RolesTab {
    /// The role named is selected in the tree (the matrix, a form or a picker closed).
    pub(super) fn nav_go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        self.popup = Popup::None;
        self.matrix = None;
        self.ecosystem = None;
        if self.stale {
            self.refresh(wb)?;
        }
        if let Some(id) = target.record_id
            && let Some(index) = self.lines.iter().position(|l| l.id == id)
        {
            self.selected = index;
            self.load_holders(wb)?;
        }
        // Two partners working together is made in the Ecosystem view: the jump opens it.
        if target.screen == Screen::Ecosystem {
            self.open_ecosystem(wb)?;
        }
        Ok(Intent::Nothing)
    }

    pub(super) fn nav_here(&self) -> Place {
        Place::new(RolesPlace {
            role: self.lines.get(self.selected).map(|line| line.id),
            selected: self.selected,
            matrix: self.matrix.clone(),
            ecosystem: self.ecosystem.as_ref().map(EcosystemView::place),
        })
    }

    /// The role selected before is selected again (found by its id when roles were added or
    /// moved meanwhile); the matrix or the Ecosystem view open again as they were.
    pub(super) fn nav_restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<RolesPlace>() else {
            return Ok(());
        };
        self.popup = Popup::None;
        self.matrix = None;
        if self.stale {
            self.refresh(wb)?;
        }
        self.selected = place
            .role
            .and_then(|id| self.lines.iter().position(|line| line.id == id))
            .unwrap_or(place.selected)
            .min(self.lines.len().saturating_sub(1));
        self.load_holders(wb)?;
        if let Some(mut matrix) = place.matrix {
            // Its filter, stages, row (by partner) and column (by role) as they were.
            matrix.reload(self.columns(), wb)?;
            self.matrix = Some(matrix);
        }
        match place.ecosystem {
            Some(ecosystem) => {
                let mut view = match self.ecosystem.take() {
                    Some(view) => view,
                    None => EcosystemView::open(wb, self.large_network)?,
                };
                view.restore(ecosystem, wb)?;
                self.ecosystem = Some(view);
            }
            None => self.ecosystem = None,
        }
        Ok(())
    }
}
