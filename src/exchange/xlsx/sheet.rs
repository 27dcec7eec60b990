//! One sheet of the XLSX export written row by row in constant memory: typed cells (text that
//! is never a formula, numbers, real dates), a bold frozen header, long text wrapped, and each
//! column as wide as its content up to a cap.

use anyhow::{Context, Result};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as Xlsx, Worksheet, XlsxError};

use crate::plan::shape::parse_iso_date;

/// The longest text a spreadsheet cell holds.
const CELL_MAX_CHARS: usize = 32_767;

/// The formats every sheet uses.
pub(super) struct Formats {
    pub header: Format,
    pub date: Format,
    /// Long text, wrapped inside its (capped) column.
    pub wrap: Format,
}

/// The widest a column is made, in characters; longer text wraps inside it.
const WIDTH_CAP: usize = 50;
/// The narrowest.
const WIDTH_MIN: usize = 8;
/// How wide a date or a number is counted.
const FIGURE_WIDTH: usize = 11;

/// One sheet being written, row by row. Each column's width follows the widest thing written
/// in it (capped at `WIDTH_CAP`), set when the sheet is done: the widths are written when the
/// file is put together, so rows can stream out first.
pub(super) struct Sheet<'a> {
    pub sheet: &'a mut Worksheet,
    formats: &'a Formats,
    row: u32,
    /// The widest content seen in each column so far, in characters.
    widths: Vec<usize>,
}

impl Drop for Sheet<'_> {
    fn drop(&mut self) {
        for (column, width) in (0u16..).zip(&self.widths) {
            // Only an impossible column or width can fail; the sheet is readable either way.
            let _ = self
                .sheet
                .set_column_width(column, ((*width).clamp(WIDTH_MIN, WIDTH_CAP) + 2) as f64);
        }
    }
}

/// How wide `text` shows: its longest line, in characters.
fn shown_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A cell's value.
pub(super) enum Cell<'a> {
    Text(&'a str),
    Number(Option<f64>),
    /// A stored `YYYY-MM-DD`; anything else is written as the text it is.
    Date(Option<&'a str>),
}

impl<'a> Sheet<'a> {
    pub fn new(
        xlsx: &'a mut Xlsx,
        formats: &'a Formats,
        name: &str,
        head: &[&str],
    ) -> Result<Self> {
        // Rows go out to a temporary file as they are written ("constant memory"): a sheet of a
        // million partners costs the memory of a row, not of the sheet. Rows are written in
        // order, which is all this mode asks.
        let sheet = xlsx
            .add_worksheet_with_constant_memory()
            .context("cannot make the temporary file a spreadsheet is written through")?;
        sheet.set_name(name)?;
        for (column, title) in (0u16..).zip(head) {
            sheet.write_string_with_format(0, column, *title, &formats.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            sheet,
            formats,
            row: 1,
            widths: head.iter().map(|h| shown_width(h)).collect(),
        })
    }

    pub fn push(&mut self, cells: &[Cell<'_>]) -> Result<(), XlsxError> {
        if self.widths.len() < cells.len() {
            self.widths.resize(cells.len(), 0);
        }
        for ((column, cell), widest) in (0u16..).zip(cells).zip(self.widths.iter_mut()) {
            let width = match cell {
                Cell::Text(text) => shown_width(text),
                Cell::Number(Some(_)) | Cell::Date(Some(_)) => FIGURE_WIDTH,
                _ => 0,
            };
            *widest = (*widest).max(width.min(WIDTH_CAP));
            match cell {
                Cell::Text("") => {}
                Cell::Text(text) if width > WIDTH_CAP || text.contains('\n') => {
                    self.sheet.write_string_with_format(
                        self.row,
                        column,
                        fitted(text),
                        &self.formats.wrap,
                    )?;
                }
                Cell::Text(text) => {
                    self.sheet.write_string(self.row, column, fitted(text))?;
                }
                Cell::Number(Some(n)) if n.is_finite() => {
                    self.sheet.write_number(self.row, column, *n)?;
                }
                Cell::Number(_) | Cell::Date(None) => {}
                Cell::Date(Some(day)) => {
                    match parse_iso_date(day).and_then(|_| ExcelDateTime::parse_from_str(day).ok())
                    {
                        Some(date) => {
                            self.sheet.write_datetime_with_format(
                                self.row,
                                column,
                                &date,
                                &self.formats.date,
                            )?;
                        }
                        None => {
                            self.sheet.write_string(self.row, column, fitted(day))?;
                        }
                    }
                }
            }
        }
        self.row += 1;
        Ok(())
    }
}

/// Text cut to what a cell holds.
fn fitted(text: &str) -> &str {
    match text.char_indices().nth(CELL_MAX_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
