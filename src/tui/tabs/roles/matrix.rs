//! The partner × role matrix: partners down (a window read by keyset paging, limited to stages
//! and filtered as you type), roles across (a window of columns), each cell empty, lead, backup or
//! candidate, shown by letter. The partner names and role names stay in place while both axes
//! scroll; only the visible cells are read. Its drawing is in `draw.rs`.

mod draw;

use std::collections::HashMap;

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::edit::RoleEdit;
use super::forms::RoleForm;
use super::grid::ColumnWindow;
use crate::plan::roles::{AssignmentKind, Criticality};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::tabs::partners::fetcher;
use crate::tui::widgets::filter_input::{FilterInput, FilterStep};
use crate::tui::widgets::paged::PagedWindow;
use crate::workbook::{AssignmentCell, Facets, PartnerPageQuery, PartnerRow, Workbook};

/// Width of one role column when they do not all fit.
const COLUMN_WIDTH: u16 = 11;
/// The widest a role column grows when every column fits with room to spare.
const WIDE_COLUMN_WIDTH: u16 = 24;
/// Rows above the grid: the summary, the selected cell, the role names.
const HEADER_ROWS: u16 = 3;

/// Which stages the rows show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum StageLimit {
    #[default]
    All,
    Working,
    Candidates,
}

impl StageLimit {
    fn next(self) -> StageLimit {
        match self {
            StageLimit::All => StageLimit::Working,
            StageLimit::Working => StageLimit::Candidates,
            StageLimit::Candidates => StageLimit::All,
        }
    }

    fn stages(self) -> Vec<String> {
        let words: &[&str] = match self {
            StageLimit::All => &[],
            StageLimit::Working => &["active", "onboarding"],
            StageLimit::Candidates => &["prospect", "evaluating"],
        };
        words.iter().map(|w| w.to_string()).collect()
    }

    fn label(self) -> &'static str {
        match self {
            StageLimit::All => "all stages",
            StageLimit::Working => "active and onboarding",
            StageLimit::Candidates => "prospects and evaluating",
        }
    }
}

/// A role column: the roles under the hub, in tree order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Column {
    pub id: i64,
    pub name: String,
    pub criticality: Criticality,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Matrix {
    query: PartnerPageQuery,
    limit: StageLimit,
    window: PagedWindow<PartnerRow>,
    matching: i64,
    columns: Vec<Column>,
    /// The selected role column and the window of those shown.
    cursor: ColumnWindow,
    /// Width of each role column now (wider when every role fits).
    column_width: u16,
    cells: HashMap<(i64, i64), AssignmentCell>,
    /// The matrix's filter of partners (its text is `query.filter`).
    pub filter: FilterInput,
}

impl Matrix {
    pub fn new(columns: Vec<Column>) -> Matrix {
        Matrix {
            columns,
            column_width: COLUMN_WIDTH,
            ..Matrix::default()
        }
    }

    /// Grid rows that fit in `area` (the tab's whole area).
    fn body_rows(area: Rect) -> usize {
        usize::from(area.height.saturating_sub(HEADER_ROWS + 2))
    }

    fn name_width(area: Rect) -> u16 {
        (area.width / 3).clamp(12, 28)
    }

    /// Sizes the windows for `area` and reads what they show.
    pub fn set_area(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        let inner_width = area.width.saturating_sub(2);
        let room = inner_width.saturating_sub(Self::name_width(area) + 1);
        // When every role fits, the spare room goes to the columns so their names are cut less.
        let count = u16::try_from(self.columns.len()).unwrap_or(u16::MAX).max(1);
        self.column_width = (room / count).clamp(COLUMN_WIDTH, WIDE_COLUMN_WIDTH);
        self.cursor.visible = usize::from(room / self.column_width).max(1);
        self.cursor.keep_visible(self.columns.len());
        let query = self.query.clone();
        self.window
            .set_height(Self::body_rows(area), &mut fetcher(wb, &query))?;
        self.read_cells(wb)
    }

    /// Re-reads rows, counts and cells after a change; `columns` may have changed too.
    pub fn reload(&mut self, columns: Vec<Column>, wb: &Workbook) -> Result<()> {
        let selected = self.columns.get(self.cursor.column).map(|c| c.id);
        self.columns = columns;
        if let Some(index) = selected.and_then(|id| self.columns.iter().position(|c| c.id == id)) {
            self.cursor.column = index;
        }
        self.cursor.keep_visible(self.columns.len());
        self.matching = wb.partner_matches(&self.query)?;
        let query = self.query.clone();
        self.window.reload(&mut fetcher(wb, &query))?;
        self.read_cells(wb)
    }

    fn visible(&self) -> &[Column] {
        &self.columns[self.cursor.range(self.columns.len())]
    }

    /// Reads the cells of the visible window.
    pub fn read_cells(&mut self, wb: &Workbook) -> Result<()> {
        let partners: Vec<i64> = self.window.rows().iter().map(|r| r.id).collect();
        let roles: Vec<i64> = self.visible().iter().map(|c| c.id).collect();
        self.cells = wb
            .assignment_window(&partners, &roles)?
            .into_iter()
            .map(|cell| ((cell.partner_id, cell.role_id), cell))
            .collect();
        Ok(())
    }

    /// Whether a cell is selected for the keys that set or clear it (none without roles or
    /// partners in view).
    pub fn has_cell(&self) -> bool {
        self.selected_cell().is_some()
    }

    fn selected_cell(&self) -> Option<(&PartnerRow, &Column)> {
        Some((
            self.window.selected()?,
            self.columns.get(self.cursor.column)?,
        ))
    }

    /// Handles a key in the matrix (or its filter). `writable`: whether cells may change.
    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
        writable: bool,
    ) -> Result<MatrixStep> {
        if self.filter.is_typing() {
            match self.filter.handle(&self.query.filter, action, key) {
                FilterStep::Stay => {}
                FilterStep::Changed(filter) => self.set_filter(filter, wb)?,
                FilterStep::Move(action) => self.move_rows(action, wb)?,
            }
            return Ok(MatrixStep::Intent(Intent::Nothing));
        }
        let Some(action) = action else {
            return Ok(MatrixStep::Intent(Intent::Nothing));
        };
        let edits = matches!(
            action,
            Action::Toggle
                | Action::SetLead
                | Action::SetBackup
                | Action::SetCandidate
                | Action::ClearCell
                | Action::Note
        );
        if edits && !writable {
            return Ok(MatrixStep::Intent(Intent::Error(
                "Read-only: nothing can be changed (reopen without --read-only to edit).".into(),
            )));
        }
        match action {
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown => self.move_rows(action, wb)?,
            Action::Left | Action::Right | Action::FirstColumn | Action::LastColumn => {
                self.cursor.step(action, self.columns.len());
                self.read_cells(wb)?;
            }
            Action::Filter => self.filter.start(),
            Action::Stages => {
                self.limit = self.limit.next();
                self.query.facets = Facets {
                    stages: self.limit.stages(),
                    ..Facets::default()
                };
                self.requery(wb)?;
            }
            Action::Cancel => return Ok(MatrixStep::Close),
            Action::Toggle
            | Action::SetLead
            | Action::SetBackup
            | Action::SetCandidate
            | Action::ClearCell => {
                let Some((partner, column)) = self.selected_cell() else {
                    return Ok(MatrixStep::Intent(Intent::Error(self.empty_message())));
                };
                let current = self
                    .cells
                    .get(&(partner.id, column.id))
                    .and_then(|c| c.kind);
                let kind = match action {
                    Action::Toggle => AssignmentKind::cycled(current),
                    Action::SetLead => Some(AssignmentKind::Lead),
                    Action::SetBackup => Some(AssignmentKind::Backup),
                    Action::SetCandidate => Some(AssignmentKind::Candidate),
                    _ => None,
                };
                return Ok(MatrixStep::Intent(Intent::Role(RoleEdit::SetCell {
                    partner: partner.id,
                    role: column.id,
                    kind,
                })));
            }
            Action::Note => {
                let Some((partner, column)) = self.selected_cell() else {
                    return Ok(MatrixStep::Intent(Intent::Error(self.empty_message())));
                };
                let Some(cell) = self.cells.get(&(partner.id, column.id)) else {
                    return Ok(MatrixStep::Intent(Intent::Error(format!(
                        "Set L, B or C first, then the note: {} does not hold {} yet.",
                        clean(&partner.name),
                        clean(&column.name)
                    ))));
                };
                let title = format!(
                    "Note: {} as {} of {}",
                    clean(&partner.name),
                    cell.raw_kind,
                    clean(&column.name)
                );
                return Ok(MatrixStep::Form(RoleForm::note(
                    &title, &cell.note, partner.id, column.id,
                )));
            }
            _ => {}
        }
        Ok(MatrixStep::Intent(Intent::Nothing))
    }

    /// Why the matrix has no cell, its key names as tokens (`Keymap::spell`).
    fn empty_message(&self) -> String {
        if self.columns.is_empty() {
            "No roles yet: add roles under the hub first (‹matrix:cancel›, then ‹roles:add› or \
             ‹roles:apply-template›)."
                .into()
        } else {
            "No partner in this view: add partners on the Partners tab, or change the filter."
                .into()
        }
    }

    /// After the filter or the stages changed: count again and start from the first row.
    fn requery(&mut self, wb: &Workbook) -> Result<()> {
        self.matching = wb.partner_matches(&self.query)?;
        let query = self.query.clone();
        self.window.top(&mut fetcher(wb, &query))?;
        self.read_cells(wb)
    }

    fn move_rows(&mut self, action: Action, wb: &Workbook) -> Result<()> {
        let query = self.query.clone();
        let mut fetch = fetcher(wb, &query);
        match action {
            Action::Up => self.window.up(&mut fetch)?,
            Action::Down => self.window.down(&mut fetch)?,
            Action::Top => self.window.top(&mut fetch)?,
            Action::Bottom => self.window.bottom(&mut fetch)?,
            Action::PageUp => self.window.page_up(&mut fetch)?,
            Action::PageDown => self.window.page_down(&mut fetch)?,
            _ => {}
        }
        self.read_cells(wb)
    }

    fn set_filter(&mut self, filter: String, wb: &Workbook) -> Result<()> {
        self.query.filter = filter;
        self.requery(wb)
    }

    /// Pasted text goes into the filter while it is open.
    pub fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        match self.filter.paste(&self.query.filter, text) {
            Some(filter) => self.set_filter(filter, wb),
            None => Ok(()),
        }
    }
}

/// What a key in the matrix asks for.
pub(super) enum MatrixStep {
    Intent(Intent),
    Form(RoleForm),
    Close,
}
