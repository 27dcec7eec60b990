//! A plan to compare or merge, whatever file it came in: a workbook opened read-only, or a TOML
//! export rebuilt in a private temporary workbook that disappears with it.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::ExchangeError;
use super::toml::rebuild;
use crate::workbook::{OpenOptions, Workbook};

/// An opened plan. A TOML file's temporary workbook lives as long as this value.
pub struct PlanFile {
    pub workbook: Workbook,
    /// The file the user named.
    pub source: PathBuf,
    /// Whether the plan came from TOML text (rebuilt in `_scratch`).
    pub from_text: bool,
    _scratch: Option<tempfile::TempDir>,
}

impl PlanFile {
    /// Opens `path`: a `.toml` export is checked in full and rebuilt in a temporary workbook;
    /// anything else is opened as a workbook, read-only, with every check a received file gets.
    pub fn open(path: &Path) -> Result<PlanFile, ExchangeError> {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(ExchangeError::BadInput(format!(
                "{} does not exist. Check the path.",
                path.display()
            )));
        }
        let is_toml = path
            .extension()
            .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("toml"));
        if !is_toml {
            let workbook = Workbook::open(
                path,
                OpenOptions {
                    read_only: true,
                    create_if_missing: false,
                },
            )?;
            return Ok(PlanFile {
                workbook,
                source: path.to_path_buf(),
                from_text: false,
                _scratch: None,
            });
        }
        PlanFile::open_text(path)
    }

    /// Opens `path` as TOML text whatever its name (git hands a merge driver temporary files),
    /// read piece by piece: memory stays that of a record or so, whatever the file's size.
    pub fn open_text(path: &Path) -> Result<PlanFile, ExchangeError> {
        let mut file = std::fs::File::open(path).map_err(|err| {
            ExchangeError::BadInput(format!("cannot read {} as text: {err}", path.display()))
        })?;
        PlanFile::rebuilt_from(&mut file, path)
    }

    /// Rebuilds TOML `text` (read from `source`) in a temporary workbook.
    pub fn from_text(text: &str, source: &Path) -> Result<PlanFile, ExchangeError> {
        PlanFile::rebuilt_from(&mut std::io::Cursor::new(text.as_bytes()), source)
    }

    fn rebuilt_from<R: Read + Seek>(
        text: &mut R,
        source: &Path,
    ) -> Result<PlanFile, ExchangeError> {
        let scratch = scratch_folder()?;
        let path = scratch.path().join("plan.partnerplan");
        rebuild(&path, text)?;
        let workbook = Workbook::open(&path, OpenOptions::default())?;
        Ok(PlanFile {
            workbook,
            source: source.to_path_buf(),
            from_text: true,
            _scratch: Some(scratch),
        })
    }

    /// Rebuilds the snapshot `uuid` kept in `workbook` (whose file is `source`) in a temporary
    /// workbook, to compare the plan with it; record by record, whatever the plan's size.
    pub fn from_snapshot(
        workbook: &Workbook,
        uuid: &str,
        source: &Path,
    ) -> Result<PlanFile, ExchangeError> {
        let scratch = scratch_folder()?;
        let path = scratch.path().join("plan.partnerplan");
        Workbook::create(&path, None)?;
        let mut rebuilt = Workbook::open(&path, OpenOptions::default())?;
        workbook.restore_snapshot_into(uuid, &mut rebuilt)?;
        Ok(PlanFile {
            workbook: rebuilt,
            source: source.to_path_buf(),
            from_text: true,
            _scratch: Some(scratch),
        })
    }
}

/// A private temporary folder for a rebuilt plan, gone when its `PlanFile` is.
fn scratch_folder() -> Result<tempfile::TempDir, ExchangeError> {
    tempfile::Builder::new()
        .prefix("partnerplan-")
        .tempdir()
        .map_err(|err| {
            ExchangeError::Failed(anyhow::Error::new(err).context("making a temporary folder"))
        })
}
