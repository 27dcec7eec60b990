//! A plan to compare or merge, whatever file it came in: a workbook opened read-only, or a TOML
//! export rebuilt in a private temporary workbook that disappears with it.

use std::path::{Path, PathBuf};

use super::ExchangeError;
use super::toml::{Known, read};
use crate::workbook::dump::TableRecords;
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

    /// Opens `path` as TOML text whatever its name (git hands a merge driver temporary files).
    pub fn open_text(path: &Path) -> Result<PlanFile, ExchangeError> {
        let text = std::fs::read_to_string(path).map_err(|err| {
            ExchangeError::BadInput(format!("cannot read {} as text: {err}", path.display()))
        })?;
        PlanFile::from_text(&text, path)
    }

    /// Rebuilds TOML `text` (read from `source`) in a temporary workbook.
    pub fn from_text(text: &str, source: &Path) -> Result<PlanFile, ExchangeError> {
        let tables = read(text, &Known::new()).map_err(|list| {
            ExchangeError::Problems(list.iter().map(ToString::to_string).collect())
        })?;
        PlanFile::rebuilt(&tables, source)
    }

    /// Rebuilds the snapshot `uuid` kept in `workbook` (whose file is `source`) in a temporary
    /// workbook, to compare the plan with it.
    pub fn from_snapshot(
        workbook: &Workbook,
        uuid: &str,
        source: &Path,
    ) -> Result<PlanFile, ExchangeError> {
        let tables = workbook.snapshot_tables(uuid)?;
        PlanFile::rebuilt(&tables, source)
    }

    fn rebuilt(tables: &[TableRecords], source: &Path) -> Result<PlanFile, ExchangeError> {
        let scratch = tempfile::Builder::new()
            .prefix("partnerplan-")
            .tempdir()
            .map_err(|err| {
                ExchangeError::Failed(anyhow::Error::new(err).context("making a temporary folder"))
            })?;
        let path = scratch.path().join("plan.partnerplan");
        Workbook::create(&path, None)?;
        let mut workbook = Workbook::open(&path, OpenOptions::default())?;
        workbook.restore(tables)?;
        Ok(PlanFile {
            workbook,
            source: source.to_path_buf(),
            from_text: true,
            _scratch: Some(scratch),
        })
    }
}
