//! The Roles tab: the role catalogue as a tree (the hub at the root) beside the selected role's
//! coverage, the partner × role matrix, sector templates, and the forms that edit them. Writes go
//! back to the App as `Intent::Role`; the tab reads again when the workbook changed. Where its
//! keys go is in `screen.rs`.

mod catalogue;
mod ecosystem;
mod edit;
mod forms;
mod grid;
mod matrix;
mod nav;
mod screen;
mod tree;

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;

use ecosystem::EcosystemView;
pub use edit::RoleEdit;
use forms::RoleForm;
use matrix::{Column, Matrix};

use crate::plan::coverage::{
    Assignment, CoverageSummary, OverloadedPartner, RoleCoverage, is_overloaded,
    overloaded_partners, rank_overloaded, role_coverage,
};
use crate::plan::roles::{Role, TreeLine, display_order};
use crate::tui::widgets::picker::Picker;
use crate::workbook::{Holder, JournalMark, RoleRecord, Workbook};

const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";

/// The one popup open over the Roles tab: a role's form (or the matrix's note, the sector
/// template's) or the pick-list choosing a role's new parent.
#[derive(Debug, Default)]
enum Popup {
    #[default]
    None,
    Form(RoleForm),
    /// Choosing the new parent of the role with this id.
    Moving(i64, Picker),
}

#[derive(Debug)]
pub struct RolesTab {
    roles: Vec<RoleRecord>,
    /// The tree in display order (indexes into `roles`).
    lines: Vec<TreeLine>,
    /// Coverage of every role but the hub, by role id.
    coverage: HashMap<i64, RoleCoverage>,
    /// The assignments (of known kinds) of every role, by role id: what coverage is computed
    /// from, kept so that an edit recomputes only the roles it touched.
    held: HashMap<i64, Vec<Assignment>>,
    /// Partners leading more roles than `threshold`, and how many they lead.
    overloaded_ids: BTreeMap<i64, usize>,
    /// Where the change journal stood when the above was read; `None`: read everything.
    mark: Option<JournalMark>,
    summary: CoverageSummary,
    /// Partners leading more roles than `threshold`: name and how many they lead.
    overloaded: Vec<(String, usize)>,
    /// Who holds the selected role.
    holders: Vec<Holder>,
    selected: usize,
    /// The one popup open over the tree or the matrix, if any.
    popup: Popup,
    matrix: Option<Matrix>,
    /// The Ecosystem view: the network map, links and offerings.
    ecosystem: Option<EcosystemView>,
    /// Past this size (partners and links) the Ecosystem view reads its network on a thread;
    /// `None`: the view's own threshold (tests set a small one).
    large_network: Option<usize>,
    /// The workbook changed since the tab last read it.
    stale: bool,
    /// Leading more roles than this makes a partner overloaded (config).
    threshold: i64,
}

impl RolesTab {
    /// The tab reads the workbook when first shown.
    pub fn new(threshold: i64) -> RolesTab {
        RolesTab {
            roles: Vec::new(),
            lines: Vec::new(),
            coverage: HashMap::new(),
            held: HashMap::new(),
            overloaded_ids: BTreeMap::new(),
            mark: None,
            summary: CoverageSummary::new(&[], &[]),
            overloaded: Vec::new(),
            holders: Vec::new(),
            selected: 0,
            popup: Popup::None,
            matrix: None,
            ecosystem: None,
            large_network: None,
            stale: true,
            threshold,
        }
    }

    fn selected_role(&self) -> Option<&RoleRecord> {
        self.lines
            .get(self.selected)
            .and_then(|line| self.roles.get(line.index))
    }

    /// Re-reads roles, every assignment and coverage; the selection follows its role.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let selected_id = self.selected_role().map(|r| r.role.id);
        self.mark = Some(wb.journal_mark()?);
        self.read_catalogue(wb)?;
        let assignments = wb.assignments()?;
        let plain = self.plain_roles();
        self.overloaded_ids = overloaded_partners(&plain, &assignments, self.threshold)
            .into_iter()
            .map(|o| (o.partner_id, o.leads))
            .collect();
        self.held = HashMap::with_capacity(self.roles.len());
        for assignment in assignments {
            self.held
                .entry(assignment.role_id)
                .or_default()
                .push(assignment);
        }
        self.coverage = role_coverage(&plain, &[])
            .into_iter()
            .map(|c| (c.role_id, c))
            .collect();
        let all: Vec<i64> = self.coverage.keys().copied().collect();
        self.recompute(&all);
        self.settle(wb, selected_id, false)
    }

    /// Brings the tab up to date after the workbook changed: follows the change journal and
    /// re-reads only the roles and partners the edits touched (an edit of one cell reads one
    /// role's assignments, not all of them); reads everything when the journal cannot tell.
    fn refresh(&mut self, wb: &Workbook) -> Result<()> {
        let Some(mark) = &self.mark else {
            return self.reload(wb);
        };
        let Some(changes) = wb.role_changes_since(mark)? else {
            return self.reload(wb);
        };
        let selected_id = self.selected_role().map(|r| r.role.id);
        let mut touched: Vec<i64> = changes.roles.iter().copied().collect();
        if changes.catalogue {
            let hubs = |roles: &[RoleRecord]| -> Vec<i64> {
                roles
                    .iter()
                    .filter(|r| r.role.is_hub)
                    .map(|r| r.role.id)
                    .collect()
            };
            let hubs_before = hubs(&self.roles);
            self.read_catalogue(wb)?;
            if hubs(&self.roles) != hubs_before {
                // Which roles count toward a partner's load changed: count again from scratch.
                return self.reload(wb);
            }
            let plain = self.plain_roles();
            let kept: HashMap<i64, RoleCoverage> = role_coverage(&plain, &[])
                .into_iter()
                .map(|c| (c.role_id, c))
                .collect();
            self.held.retain(|id, _| kept.contains_key(id));
            self.coverage = kept;
            touched = self.coverage.keys().copied().collect();
        }
        for role in &changes.roles {
            if self.coverage.contains_key(role) {
                self.held.insert(*role, wb.role_assignments(*role)?);
            }
        }
        for partner in &changes.partners {
            let leads = wb.partner_leads(*partner)?;
            if is_overloaded(leads, self.threshold) {
                self.overloaded_ids.insert(*partner, leads);
            } else {
                self.overloaded_ids.remove(partner);
            }
        }
        self.recompute(&touched);
        self.mark = Some(changes.mark);
        self.settle(wb, selected_id, !changes.catalogue && !changes.others)
    }

    fn plain_roles(&self) -> Vec<Role> {
        self.roles.iter().map(|r| r.role.clone()).collect()
    }

    /// Reads the role catalogue and puts it in tree order.
    fn read_catalogue(&mut self, wb: &Workbook) -> Result<()> {
        self.roles = wb.roles()?;
        self.lines = display_order(&self.plain_roles());
        Ok(())
    }

    /// Computes the coverage of the roles `ids` (not the hub) from their assignments.
    fn recompute(&mut self, ids: &[i64]) {
        let by_id: HashMap<i64, &RoleRecord> = self.roles.iter().map(|r| (r.role.id, r)).collect();
        for id in ids {
            let Some(record) = by_id.get(id).filter(|r| !r.role.is_hub) else {
                continue;
            };
            let held = self.held.get(id).map_or(&[][..], Vec::as_slice);
            if let Some(coverage) = role_coverage(std::slice::from_ref(&record.role), held)
                .into_iter()
                .next()
            {
                self.coverage.insert(*id, coverage);
            }
        }
    }

    /// After coverage changed: the summary, the overloaded partners' names, the selection (it
    /// follows its role), the selected role's holders and the matrix.
    fn settle(&mut self, wb: &Workbook, selected_id: Option<i64>, only_cells: bool) -> Result<()> {
        let mut overloaded: Vec<OverloadedPartner> = self
            .overloaded_ids
            .iter()
            .map(|(&partner_id, &leads)| OverloadedPartner { partner_id, leads })
            .collect();
        rank_overloaded(&mut overloaded);
        self.summary = CoverageSummary::of(self.coverage.values(), &overloaded);
        let ids: Vec<i64> = overloaded.iter().map(|o| o.partner_id).collect();
        let names = wb.partner_names(&ids)?;
        self.overloaded = overloaded
            .iter()
            .map(|o| {
                let name = names.get(&o.partner_id).cloned().unwrap_or_default();
                (name, o.leads)
            })
            .collect();
        if let Some(index) = selected_id.and_then(|id| self.lines.iter().position(|l| l.id == id)) {
            self.selected = index;
        }
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
        self.load_holders(wb)?;
        if only_cells {
            // Only assignments changed: the matrix's rows and columns stand, its cells do not.
            if let Some(matrix) = &mut self.matrix {
                matrix.read_cells(wb)?;
            }
        } else {
            let columns = self.columns();
            if let Some(matrix) = &mut self.matrix {
                matrix.reload(columns, wb)?;
            }
        }
        self.stale = false;
        Ok(())
    }

    fn load_holders(&mut self, wb: &Workbook) -> Result<()> {
        self.holders = match self.selected_role() {
            Some(record) if !record.role.is_hub => wb.role_holders(record.role.id)?,
            _ => Vec::new(),
        };
        Ok(())
    }

    /// The matrix's columns: every role but the hub, in tree order.
    fn columns(&self) -> Vec<Column> {
        self.lines
            .iter()
            .map(|line| &self.roles[line.index])
            .filter(|record| !record.role.is_hub)
            .map(|record| Column {
                id: record.role.id,
                name: record.role.name.clone(),
                criticality: record.role.criticality,
            })
            .collect()
    }

    /// Overview tab: the tree with role `id` selected (any form, picker or matrix closed).
    pub fn show_role(&mut self, id: i64, wb: &Workbook) -> Result<()> {
        self.popup = Popup::None;
        self.matrix = None;
        self.ecosystem = None;
        if self.stale {
            self.refresh(wb)?;
        }
        if let Some(index) = self.lines.iter().position(|l| l.id == id) {
            self.selected = index;
        }
        self.load_holders(wb)
    }

    /// Opens the Ecosystem view (reading the network), closing the matrix, form and picker.
    pub fn open_ecosystem(&mut self, wb: &Workbook) -> Result<()> {
        self.popup = Popup::None;
        self.matrix = None;
        if self.ecosystem.is_none() {
            self.ecosystem = Some(EcosystemView::open(wb, self.large_network)?);
        }
        Ok(())
    }

    /// The size (partners and links) past which the Ecosystem view reads its network on a
    /// thread.
    pub fn set_large_network(&mut self, from: usize) {
        self.large_network = Some(from);
    }

    /// Whether the Ecosystem view waits for a thread's reading or figures.
    pub fn network_working(&self) -> bool {
        self.ecosystem.as_ref().is_some_and(EcosystemView::working)
    }

    /// The Ecosystem view's idle step (its figures after a link's edit, a large network's
    /// reading); whether there is a frame to draw.
    pub fn network_idle(&mut self, wb: &mut Workbook) -> Result<bool> {
        match &mut self.ecosystem {
            Some(view) => view.idle(wb),
            None => Ok(false),
        }
    }
}
