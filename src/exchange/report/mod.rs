//! The client report: one self-contained HTML file (inline CSS and SVG, nothing fetched) or the
//! same content as Markdown, gathered from the workbook once and written in either format.

pub mod audience;
pub mod disclosure;
pub mod ecosystem;
mod ecosystem_sections;
pub(crate) mod escape;
mod gather;
mod html;
mod html_sections;
mod joint_plans;
pub mod kpis;
mod markdown;
pub mod model;
mod network_map;
mod pack_write;
pub mod partner_pack;
pub mod pdf;
mod print;
mod radar_svg;
mod scenarios;
mod style;
mod summary;
mod svg;
mod trends;

use std::path::Path;

use anyhow::Result;
use jiff::civil::Date;

use crate::plan::money::{Currency, RoiPeriod};
use crate::plan::risk::Bands;
use crate::workbook::Workbook;

pub use escape::{html_text, markdown_cell, markdown_line};
pub use gather::{gather, strategy};
pub use model::Report;
pub use print::{Paper, PrintSetup};

/// How much of each register the report shows; the rest is counted and said to be left out.
pub mod limits {
    /// Partners listed in the roster (best fit first).
    pub const PARTNERS: usize = 50;
    /// Bars in the fit chart.
    pub const FIT_BARS: usize = 15;
    /// Role columns and partner rows of the coverage matrix.
    pub const MATRIX_ROLES: usize = 24;
    pub const MATRIX_PARTNERS: usize = 40;
    /// Roles listed with their coverage problems.
    pub const GAPS: usize = 40;
    /// Top risks, highest current score first.
    pub const RISKS: usize = 10;
    /// KPIs, in the order they were added.
    pub const KPIS: usize = 40;
}

/// What the report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    /// The HTML, printed by a browser found on the machine (see `pdf`).
    Pdf,
}

impl ReportFormat {
    /// The format a file name asks for: `.html`/`.htm` or `.md`/`.markdown` (any case); anything
    /// else is refused with a sentence naming what is understood.
    pub fn for_path(path: &Path) -> Result<ReportFormat, String> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "html" | "htm" => Ok(ReportFormat::Html),
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "pdf" => Ok(ReportFormat::Pdf),
            _ => Err(format!(
                "{} does not end in .html, .md or .pdf, so partnerplan cannot tell which report \
                 to write; name the file report.html (for a browser), report.md (for a \
                 document) or report.pdf (printed through Chromium or Chrome).",
                path.display()
            )),
        }
    }
}

/// What the report depends on besides the workbook.
#[derive(Debug, Clone)]
pub struct ReportSettings {
    /// The report's date: on the cover, and the day KPI status is judged on.
    pub date: Date,
    pub bands: Bands,
    pub currency: Currency,
    pub overload_threshold: i64,
    /// The label of a snapshot: the report gains "Changes since" it.
    pub since: Option<String>,
    /// Paper size and the footer's confidentiality line.
    pub print: PrintSetup,
    /// The days the ROI covers (default: the Metrics tab's default, this year).
    pub period: RoiPeriod,
    /// Who it is for, and the partners that may be named anyway.
    pub redaction: audience::Redaction,
}

/// The report for `wb` in `format`.
pub fn render(wb: &Workbook, settings: &ReportSettings, format: ReportFormat) -> Result<String> {
    if let audience::Audience::Partner(name) = &settings.redaction.audience {
        let pack = partner_pack::gather(wb, settings, name)?;
        return Ok(match format {
            ReportFormat::Html | ReportFormat::Pdf => pack_write::html(&pack),
            ReportFormat::Markdown => pack_write::markdown(&pack),
        });
    }
    let report = gather(wb, settings)?;
    Ok(match format {
        ReportFormat::Html | ReportFormat::Pdf => html::write(&report),
        ReportFormat::Markdown => markdown::write(&report),
    })
}

/// Writes a file through `write` beside `path` (as `.NAME.partial`) and renames it into place,
/// so a reader never meets half a report or spreadsheet; the partial file is removed on failure.
pub fn write_whole(
    path: &Path,
    write: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    write(&partial)
        .and_then(|()| std::fs::rename(&partial, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })
}
