//! partnerplan: plan a company's partner ecosystem in one portable SQLite workbook.
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod exchange;
pub mod plan;
pub mod tui;

pub mod workbook;

/// The version written into workbooks and shown by `--version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
