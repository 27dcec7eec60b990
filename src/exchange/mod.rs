//! Plans in and out of the workbook: the whole workbook as TOML text, partners in and registers
//! out as CSV, and the deliverables — the client report (HTML or Markdown) and the XLSX
//! registers. Reads and writes through `workbook`, never with SQL of its own.

pub mod agenda;
pub mod csv;
pub mod diff;
pub mod network;
pub mod plan_file;
pub mod progress;
pub mod receive;
pub mod report;
pub mod since;
pub mod toml;
pub mod xlsx;

use crate::workbook::OpenError;

/// Why an import or export did not happen, so the command line can choose its exit code.
#[derive(Debug)]
pub enum ExchangeError {
    /// The input has problems (each a line saying where); nothing was written.
    Problems(Vec<String>),
    /// The input cannot be used as asked (e.g. a workbook that already holds a plan).
    BadInput(String),
    /// The workbook refused the change.
    Refused(String),
    Open(OpenError),
    Failed(anyhow::Error),
}

impl ExchangeError {
    /// What went wrong, in one message (problems a line each).
    pub fn message(&self) -> String {
        match self {
            ExchangeError::Problems(list) => list.join("\n"),
            ExchangeError::BadInput(message) | ExchangeError::Refused(message) => message.clone(),
            ExchangeError::Open(err) => err.to_string(),
            ExchangeError::Failed(err) => format!("{err:#}"),
        }
    }
}

impl From<OpenError> for ExchangeError {
    fn from(err: OpenError) -> ExchangeError {
        ExchangeError::Open(err)
    }
}

impl From<anyhow::Error> for ExchangeError {
    fn from(err: anyhow::Error) -> ExchangeError {
        ExchangeError::Failed(err)
    }
}
