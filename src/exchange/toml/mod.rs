//! The whole workbook as TOML text and back: `partnerplan export --format toml` and `import`.

mod read;
mod write;

use std::path::Path;

pub use read::{Known, TextProblem, read};
pub use write::render;

use super::ExchangeError;
use super::plan_file::PlanFile;
use crate::workbook::merge::{MergePlan, change_lines, conflict_words, find_base, plan_merge};
use crate::workbook::{OpenOptions, RestoreReport, Workbook};

/// The exchange format this version writes and reads; a file with a higher one is refused.
pub const FORMAT: i64 = 1;

/// The workbook as TOML text.
pub fn export(workbook: &Workbook) -> anyhow::Result<String> {
    Ok(render(&workbook.dump()?)?)
}

/// What `import` did, to print.
#[derive(Debug)]
pub struct Imported {
    pub created: bool,
    pub report: RestoreReport,
}

/// Checks `text` in full and only then writes it into `target`: a new workbook (created here) or
/// an untouched one. A workbook created here is removed again if writing fails. A copy received
/// from someone's hand-off is kept as received too: the base of a merge with their next copy.
pub fn import(
    target: &Path,
    text: &str,
    weights: &[(String, f64)],
) -> Result<Imported, ExchangeError> {
    let exists = std::fs::symlink_metadata(target).is_ok();
    if !exists {
        read(text, &Known::new()).map_err(problems)?;
        Workbook::create_with_weights(target, None, weights)?;
    }
    let result = restore_into(target, text);
    if result.is_err() && !exists {
        let _ = std::fs::remove_file(target);
    }
    Ok(Imported {
        created: !exists,
        report: result?,
    })
}

fn restore_into(target: &Path, text: &str) -> Result<RestoreReport, ExchangeError> {
    let mut workbook = Workbook::open(target, OpenOptions::default())?;
    let report = restore_open(&mut workbook, target, text)?;
    workbook.keep_received()?;
    Ok(report)
}

/// A copy that came back, ready to be reviewed before it is merged.
pub struct MergePreview {
    pub plan: MergePlan,
    /// Where the merge starts from, in words.
    pub base: String,
    /// Each conflict in words.
    pub conflicts: Vec<String>,
    /// What changes here whatever is decided.
    pub changes: Vec<String>,
}

/// What receiving TOML text into a workbook held open (the app's own) comes to.
pub enum Received {
    /// The workbook was untouched: the text became its plan.
    Imported(RestoreReport),
    /// The workbook holds a plan: a merge to review (nothing written yet).
    Merge(MergePreview),
}

/// Receives `text` (read from `source`) into a workbook the caller holds open: an untouched
/// workbook takes it whole; any other gets a merge plan to review, three-way from the hand-off
/// both copies descend from.
pub fn receive(
    workbook: &mut Workbook,
    text: &str,
    source: &Path,
) -> Result<Received, ExchangeError> {
    let target = workbook.path().to_path_buf();
    if workbook.is_untouched()? {
        let report = restore_open(workbook, &target, text)?;
        workbook.keep_received()?;
        return Ok(Received::Imported(report));
    }
    if workbook.is_read_only() {
        return Err(ExchangeError::Refused(format!(
            "{} cannot be written ({}), so nothing was merged.",
            target.display(),
            workbook.notices().join(" ")
        )));
    }
    let theirs = PlanFile::from_text(text, source)?;
    let base = find_base(workbook, &theirs.workbook)?;
    let plan = plan_merge(workbook, &theirs.workbook, &base)?;
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

fn restore_open(
    workbook: &mut Workbook,
    target: &Path,
    text: &str,
) -> Result<RestoreReport, ExchangeError> {
    if workbook.is_read_only() {
        return Err(ExchangeError::Refused(format!(
            "{} cannot be written ({}), so nothing was imported.",
            target.display(),
            workbook.notices().join(" ")
        )));
    }
    if !workbook.is_untouched()? {
        return Err(ExchangeError::Refused(format!(
            "{} already holds a plan, so importing would mix two plans. Import into a new \
             workbook (a name that does not exist yet), or merge a copy that came back with: \
             partnerplan merge {} FILE",
            target.display(),
            target.display()
        )));
    }
    let tables = read(text, &Known::new()).map_err(problems)?;
    Ok(workbook.restore(&tables)?)
}

fn problems(list: Vec<TextProblem>) -> ExchangeError {
    ExchangeError::Problems(list.iter().map(ToString::to_string).collect())
}
