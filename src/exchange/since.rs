//! "What changed since": the plan now against a snapshot kept inside the same workbook, for the
//! command line, the app and the report.

use super::ExchangeError;
use super::diff::{DiffSettings, compare};
use super::plan_file::PlanFile;
use crate::plan::changes::ChangeReport;
use crate::workbook::{SnapshotInfo, Workbook};

/// The snapshot of `workbook` called `label` (or whose id starts with it), or a message that
/// says how to list them.
pub fn find(workbook: &Workbook, label: &str) -> Result<SnapshotInfo, ExchangeError> {
    workbook.find_snapshot(label)?.ok_or_else(|| {
        ExchangeError::BadInput(format!(
            "{} keeps no snapshot called \"{label}\"; `partnerplan snapshot {} --list` lists them.",
            workbook.file_name(),
            workbook.path().display()
        ))
    })
}

/// Every change from `snapshot` (kept in `workbook`) to the plan as it is now.
pub fn changes_since(
    workbook: &Workbook,
    snapshot: &SnapshotInfo,
    settings: &DiffSettings,
) -> Result<ChangeReport, ExchangeError> {
    let before = PlanFile::from_snapshot(workbook, &snapshot.uuid, workbook.path())?;
    let mut report = compare(&before.workbook, workbook, settings)?;
    report.before = snapshot_name(snapshot);
    report.after = format!("{} now", workbook.file_name());
    Ok(report)
}

/// "the snapshot "SteerCo 2026-12" of 2026-12-01".
pub fn snapshot_name(snapshot: &SnapshotInfo) -> String {
    let day = snapshot
        .created_at
        .get(..10)
        .unwrap_or(&snapshot.created_at);
    if snapshot.label.is_empty() {
        format!("the {} of {day}", snapshot.kind.word())
    } else {
        format!("the snapshot \"{}\" of {day}", snapshot.label)
    }
}
