//! What the export and import popup offers: each format with its words and its file name.

use crate::exchange::csv::OnDuplicate;
use crate::workbook::Register;

/// One line of the popup's list of formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeFormat {
    Toml,
    Csv(Register),
    Xlsx,
    ReportHtml,
    ReportMarkdown,
    /// The HTML report for the client's board (`--audience client`).
    ReportClient,
    /// One partner's pack, HTML (`--audience partner --partner NAME`).
    ReportPartner,
    /// A TOML workbook merged into this one, records matched by UUID.
    MergeToml,
    /// A CSV of partners; a row repeating a partner (same name or website) is handled so.
    CsvPartners(OnDuplicate),
}

impl ExchangeFormat {
    pub const EXPORTS: &'static [ExchangeFormat] = &[
        ExchangeFormat::Toml,
        ExchangeFormat::Csv(Register::Partners),
        ExchangeFormat::Csv(Register::Risks),
        ExchangeFormat::Csv(Register::Kpis),
        ExchangeFormat::Xlsx,
        ExchangeFormat::ReportHtml,
        ExchangeFormat::ReportMarkdown,
        ExchangeFormat::ReportClient,
        ExchangeFormat::ReportPartner,
    ];

    pub const IMPORTS: &'static [ExchangeFormat] = &[
        ExchangeFormat::CsvPartners(OnDuplicate::Skip),
        ExchangeFormat::CsvPartners(OnDuplicate::Update),
        ExchangeFormat::CsvPartners(OnDuplicate::Add),
        ExchangeFormat::MergeToml,
    ];

    /// A report, whose options (partner, period, paper, confidentiality) are asked next.
    /// An XLSX workbook or a CSV register: written for an audience, as a report is.
    pub fn is_spreadsheet(self) -> bool {
        matches!(self, ExchangeFormat::Xlsx | ExchangeFormat::Csv(_))
    }

    pub fn is_report(self) -> bool {
        matches!(
            self,
            ExchangeFormat::ReportHtml
                | ExchangeFormat::ReportMarkdown
                | ExchangeFormat::ReportClient
                | ExchangeFormat::ReportPartner
        )
    }

    pub fn is_import(self) -> bool {
        matches!(
            self,
            ExchangeFormat::MergeToml | ExchangeFormat::CsvPartners(_)
        )
    }

    /// The line in the popup's list.
    pub fn label(self) -> &'static str {
        match self {
            ExchangeFormat::Toml => "TOML — the whole workbook as text",
            ExchangeFormat::Csv(Register::Partners) => "CSV — the partners",
            ExchangeFormat::Csv(Register::Risks) => "CSV — the risks",
            ExchangeFormat::Csv(Register::Kpis) => "CSV — the KPIs",
            ExchangeFormat::Xlsx => "XLSX — every register, a sheet each",
            ExchangeFormat::ReportHtml => "Report — HTML, for a browser or PDF",
            ExchangeFormat::ReportMarkdown => "Report — Markdown, for a document",
            ExchangeFormat::ReportClient => {
                "Report for the client — HTML, partners in risks by type"
            }
            ExchangeFormat::ReportPartner => {
                "Report for a partner — HTML, what its protocols share"
            }
            ExchangeFormat::MergeToml => {
                "A copy that came back (TOML or workbook), merged after a review"
            }
            ExchangeFormat::CsvPartners(OnDuplicate::Skip) => {
                "CSV partners — skip partners already here"
            }
            ExchangeFormat::CsvPartners(OnDuplicate::Update) => {
                "CSV partners — update partners already here"
            }
            ExchangeFormat::CsvPartners(OnDuplicate::Add) => {
                "CSV partners — add them all, repeats too"
            }
        }
    }

    /// The file name offered: the workbook's own name and the format's extension.
    pub fn default_name(self, stem: &str) -> String {
        match self {
            ExchangeFormat::Toml | ExchangeFormat::MergeToml => format!("{stem}.toml"),
            ExchangeFormat::Csv(Register::Partners) | ExchangeFormat::CsvPartners(_) => {
                format!("{stem}-partners.csv")
            }
            ExchangeFormat::Csv(Register::Risks) => format!("{stem}-risks.csv"),
            ExchangeFormat::Csv(Register::Kpis) => format!("{stem}-kpis.csv"),
            ExchangeFormat::Xlsx => format!("{stem}.xlsx"),
            ExchangeFormat::ReportHtml => format!("{stem}-report.html"),
            ExchangeFormat::ReportMarkdown => format!("{stem}-report.md"),
            ExchangeFormat::ReportClient => format!("{stem}-client-report.html"),
            ExchangeFormat::ReportPartner => format!("{stem}-partner-report.html"),
        }
    }
}
