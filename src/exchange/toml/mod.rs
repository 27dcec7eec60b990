//! The whole workbook as TOML text and back: `partnerplan export --format toml` and `import`.

mod read;
mod write;

use std::path::Path;

pub use read::{Known, TextProblem, read};
pub use write::render;

use super::ExchangeError;
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
    pub merge: bool,
    pub report: RestoreReport,
}

/// Checks `text` in full and only then writes it into `target`: a new workbook (created here),
/// an untouched one, or with `merge` any workbook. A workbook created here is removed again if
/// writing fails.
pub fn import(
    target: &Path,
    text: &str,
    merge: bool,
    weights: &[(String, f64)],
) -> Result<Imported, ExchangeError> {
    let exists = std::fs::symlink_metadata(target).is_ok();
    if !exists {
        read(text, &Known::new()).map_err(problems)?;
        Workbook::create_with_weights(target, None, weights)?;
        let result = restore_into(target, text, false).and_then(|report| {
            // A copy received from someone's hand-off: keep it as received, the base of a later
            // merge with their next copy.
            let mut workbook = Workbook::open(target, OpenOptions::default())?;
            workbook.keep_received()?;
            Ok(report)
        });
        if result.is_err() {
            let _ = std::fs::remove_file(target);
        }
        return result.map(|report| Imported {
            created: true,
            merge: false,
            report,
        });
    }
    let report = restore_into(target, text, merge)?;
    Ok(Imported {
        created: false,
        merge,
        report,
    })
}

fn restore_into(target: &Path, text: &str, merge: bool) -> Result<RestoreReport, ExchangeError> {
    let mut workbook = Workbook::open(target, OpenOptions::default())?;
    restore_open(&mut workbook, target, text, merge)
}

/// Merges `text` into a workbook the caller holds open (the app's own): checked in full first,
/// then written in one transaction; the undo history is emptied, as on the command line.
pub fn merge_into(workbook: &mut Workbook, text: &str) -> Result<RestoreReport, ExchangeError> {
    let target = workbook.path().to_path_buf();
    restore_open(workbook, &target, text, true)
}

fn restore_open(
    workbook: &mut Workbook,
    target: &Path,
    text: &str,
    merge: bool,
) -> Result<RestoreReport, ExchangeError> {
    if workbook.is_read_only() {
        return Err(ExchangeError::Refused(format!(
            "{} cannot be written ({}), so nothing was imported.",
            target.display(),
            workbook.notices().join(" ")
        )));
    }
    let mut known = Known::new();
    if merge {
        for table in workbook.dump()? {
            for record in table.records {
                known.insert(record.uuid, table.layout.table);
            }
        }
    } else if !workbook.is_untouched()? {
        return Err(ExchangeError::Refused(format!(
            "{} already holds a plan, so importing would mix two plans. Import into a new \
             workbook (a name that does not exist yet), or add --merge to merge records by UUID.",
            target.display()
        )));
    }
    let tables = read(text, &known).map_err(problems)?;
    Ok(workbook.restore(&tables, merge)?)
}

fn problems(list: Vec<TextProblem>) -> ExchangeError {
    ExchangeError::Problems(list.iter().map(ToString::to_string).collect())
}
