//! The whole workbook as TOML text and back: `partnerplan export --format toml` and `import`.

mod chunks;
mod read;
mod stream;
mod write;

use std::io::{Read, Seek};
use std::path::Path;

pub use read::{Known, TextProblem, read};
pub use write::{render, write_plan};

use super::ExchangeError;
use crate::workbook::{OpenOptions, RestoreReport, Workbook};
use stream::Checked;

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
    import_from(target, &mut std::io::Cursor::new(text.as_bytes()), weights)
}

/// `import` from a file, read piece by piece: memory stays that of a record or so, whatever the
/// file's size.
pub fn import_file(
    target: &Path,
    file: &Path,
    weights: &[(String, f64)],
) -> Result<Imported, ExchangeError> {
    let mut source = std::fs::File::open(file)
        .map_err(|err| ExchangeError::BadInput(format!("cannot read {}: {err}", file.display())))?;
    import_from(target, &mut source, weights)
}

/// Rebuilds the plan in `source` (TOML text, read piece by piece and checked in full first) in a
/// new workbook at `target`, to compare or merge it: as `import_file`, but no received copy is
/// kept (the plan is read, not adopted) and memory stays that of a record or so.
pub fn rebuild<R: Read + Seek>(target: &Path, source: &mut R) -> Result<(), ExchangeError> {
    let checked = stream::check(source).map_err(problems)?;
    Workbook::create(target, None)?;
    restore_into(target, source, checked, Keep::Nothing).map(drop)
}

/// Whether an import keeps the plan it read as a received copy (the base of a later merge).
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    Received,
    Nothing,
}

fn import_from<R: Read + Seek>(
    target: &Path,
    source: &mut R,
    weights: &[(String, f64)],
) -> Result<Imported, ExchangeError> {
    let exists = std::fs::symlink_metadata(target).is_ok();
    let checked = if exists {
        // An existing workbook is refused (read-only, or holding a plan) before the file is read.
        let workbook = Workbook::open(target, OpenOptions::default())?;
        writable(&workbook, target)?;
        drop(workbook);
        stream::check(source).map_err(problems)?
    } else {
        let checked = stream::check(source).map_err(problems)?;
        Workbook::create_with_weights(target, None, weights)?;
        checked
    };
    let result = restore_into(target, source, checked, Keep::Received);
    if result.is_err() && !exists {
        let _ = std::fs::remove_file(target);
    }
    Ok(Imported {
        created: !exists,
        report: result?,
    })
}

fn restore_into<R: Read + Seek>(
    target: &Path,
    source: &mut R,
    checked: Checked,
    keep: Keep,
) -> Result<RestoreReport, ExchangeError> {
    let mut workbook = Workbook::open(target, OpenOptions::default())?;
    writable(&workbook, target)?;
    let report = match checked {
        Checked::Whole(tables) => workbook.restore(&tables)?,
        Checked::Outline(spans) => {
            let mut restoring = workbook.begin_restore()?;
            let found = stream::write(source, &spans, &mut restoring)?;
            if !found.is_empty() {
                return Err(problems(found));
            }
            restoring.finish()?
        }
    };
    if keep == Keep::Received {
        workbook.keep_received()?;
    }
    Ok(report)
}

/// Refuses a workbook that cannot take an import: read-only, or already holding a plan.
fn writable(workbook: &Workbook, target: &Path) -> Result<(), ExchangeError> {
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
    Ok(())
}

fn problems(list: Vec<TextProblem>) -> ExchangeError {
    ExchangeError::Problems(list.iter().map(ToString::to_string).collect())
}
