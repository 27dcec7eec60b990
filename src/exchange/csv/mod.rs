//! CSV: partners in (from a CRM export) and the partner, risk and KPI registers out.

mod columns;
mod encoding;
mod import;
mod input;
mod report;
mod rows;
mod values;

use std::io::Write;

use anyhow::Result;

pub use import::{
    CsvImport, ImportOptions, OnDuplicate, Surface, import_partners, import_partners_reporting,
};
pub use values::ValueUse;

use crate::workbook::{Register, Workbook};

use super::progress::{Progress, Sink};
use super::report::audience::Audience;
use super::report::disclosure::Disclosure;

/// What a spreadsheet reads as a formula when a cell starts with it (and tab, carriage return
/// and line feed, which some programs skip before looking), with the full-width forms of the four
/// signs that East Asian input methods type and spreadsheets take for the ASCII ones.
const FORMULA_STARTS: [char; 11] = [
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Text a spreadsheet must not take as a formula gets a leading `'`, which it shows as text.
pub fn escape_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes `escape_formula` on the way in, so an exported file imports as it was.
pub fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// How a CSV file is written: plain (UTF-8, commas), or for Excel, which opens a file by
/// double-click in the system's code page unless it starts with a UTF-8 byte-order mark, and
/// splits on `;` where the decimal separator is a comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    /// Start with the UTF-8 byte-order mark.
    pub bom: bool,
    pub delimiter: u8,
}

impl Default for CsvDialect {
    fn default() -> CsvDialect {
        CsvDialect {
            bom: false,
            delimiter: b',',
        }
    }
}

impl CsvDialect {
    /// The delimiter a user typed: `,` `;` `tab` (or a tab) or `|`; anything else is refused.
    pub fn delimiter_of(word: &str) -> Result<u8, String> {
        match word {
            "," | "comma" => Ok(b','),
            ";" | "semicolon" => Ok(b';'),
            "\t" | "tab" => Ok(b'\t'),
            "|" | "pipe" => Ok(b'|'),
            other => Err(format!(
                "\"{other}\" is not a delimiter partnerplan writes; use --delimiter ',' \
                 (the default), ';' (what Excel expects where a comma is the decimal sign), \
                 tab or '|'."
            )),
        }
    }
}

/// Writes `register` as CSV (header row, UTF-8, columns in a fixed order) to `out`; returns the
/// number of rows.
pub fn export(workbook: &Workbook, register: Register, out: impl Write) -> Result<u64> {
    export_as(workbook, register, out, CsvDialect::default())
}

/// `export` in `dialect` (a byte-order mark, another delimiter).
pub fn export_as(
    workbook: &Workbook,
    register: Register,
    out: impl Write,
    dialect: CsvDialect,
) -> Result<u64> {
    export_reporting(
        workbook,
        register,
        out,
        None,
        dialect,
        &Disclosure::internal(),
    )
}

/// `export`, telling `sink` (the app's gauge) how far it got instead of drawing on stderr, with
/// the rows and fields `disclosure`'s audience may see (a row left out is not counted).
pub fn export_reporting(
    workbook: &Workbook,
    register: Register,
    mut out: impl Write,
    sink: Option<Sink<'_>>,
    dialect: CsvDialect,
    disclosure: &Disclosure,
) -> Result<u64> {
    let columns = register.columns();
    if dialect.bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .from_writer(out);
    writer.write_record(columns.iter().map(|c| c.header))?;
    let total = workbook.register_len(register)?;
    let mut progress = Progress::to("exporting", total, sink);
    let mut rows = 0;
    let mut read = 0;
    let internal = disclosure.audience == Audience::Internal;
    workbook.register_rows(register, |cells| {
        read += 1;
        progress.update(read);
        let cell = |header: &str| {
            columns
                .iter()
                .position(|c| c.header == header)
                .and_then(|i| cells.get(i))
                .map_or("", String::as_str)
        };
        let Some(shows) = disclosure.register_row(register, cell) else {
            return Ok(());
        };
        let escaped = cells.iter().zip(&columns).map(|(cell, column)| {
            if !shows(column.header) {
                String::new()
            } else if column.text {
                let cell = if internal {
                    cell.clone()
                } else {
                    disclosure.register_text(register, cell)
                };
                escape_formula(&cell).into_owned()
            } else {
                cell.clone()
            }
        });
        writer.write_record(escaped)?;
        rows += 1;
        Ok(())
    })?;
    writer.flush()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_escaped_and_unescaped() {
        for cell in [
            "=1+1",
            "+44 20",
            "-5",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\n=1",
            "\u{FF1D}HYPERLINK(\"x\")",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}SUM(A1)",
        ] {
            let escaped = escape_formula(cell);
            assert_eq!(escaped, format!("'{cell}"));
            assert_eq!(unescape_formula(&escaped), cell);
        }
        for cell in ["Acme", "", "'quoted", "a=b", "1-2"] {
            assert_eq!(escape_formula(cell), cell);
            assert_eq!(unescape_formula(cell), cell);
        }
    }
}
