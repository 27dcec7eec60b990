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
