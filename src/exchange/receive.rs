//! A plan received into the workbook the app holds open: taken whole by an untouched workbook,
//! or prepared as a merge to review (nothing written until the user decides).

use std::path::Path;

use super::ExchangeError;
use super::plan_file::PlanFile;
use crate::workbook::merge::{MergePlan, change_lines, conflict_words, find_base, plan_merge};
use crate::workbook::{RestoreReport, Workbook};

/// A copy that came back, ready to be reviewed before it is merged.
#[derive(Debug)]
pub struct MergePreview {
    pub plan: MergePlan,
    /// Where the merge starts from, in words.
    pub base: String,
    /// Each conflict in words.
    pub conflicts: Vec<String>,
    /// What changes here whatever is decided.
    pub changes: Vec<String>,
}

/// What receiving a plan comes to.
#[derive(Debug)]
pub enum Received {
    /// The workbook was untouched: the received plan became its plan.
    Imported(RestoreReport),
    /// The workbook holds a plan: a merge to review (nothing written yet).
    Merge(MergePreview),
}

/// Receives the plan in `path` — TOML text or a workbook file — into `workbook`: an untouched
/// workbook takes it whole; any other gets a merge plan to review, three-way from the hand-off
/// both copies descend from.
pub fn receive(workbook: &mut Workbook, path: &Path) -> Result<Received, ExchangeError> {
    if workbook.is_read_only() {
        return Err(ExchangeError::Refused(format!(
            "{} cannot be written ({}), so nothing was imported.",
            workbook.file_name(),
            workbook.notices().join(" ")
        )));
    }
    let theirs = PlanFile::open(path)?;
    if workbook.is_untouched()? {
        let report = workbook.restore(&theirs.workbook.dump()?)?;
        workbook.keep_received()?;
        return Ok(Received::Imported(report));
    }
    let base = find_base(workbook, &theirs.workbook)?;
    let plan = plan_merge(workbook, &theirs.workbook, &base)?;
    if !plan.problems.is_empty() {
        return Err(ExchangeError::Problems(plan.problems));
    }
    let books = [&*workbook, &theirs.workbook];
    let conflicts = plan
        .conflicts
        .iter()
        .map(|conflict| conflict_words(books, conflict))
        .collect();
    let changes = change_lines(workbook, &theirs.workbook, &plan);
    Ok(Received::Merge(MergePreview {
        base: plan.base.clone(),
        plan,
        conflicts,
        changes,
    }))
}
