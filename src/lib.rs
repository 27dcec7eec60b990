//! partnerplan: plan a company's partner ecosystem in one portable SQLite workbook.
#![forbid(unsafe_code)]
// Outside tests, nothing may panic on a user's data: errors are values with a message.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::dbg_macro
    )
)]

pub mod cli;
pub mod config;
pub mod exchange;
pub mod plan;
pub mod tui;

pub mod workbook;

/// The version written into workbooks and shown by `--version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
