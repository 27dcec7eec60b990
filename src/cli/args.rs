//! The command line's words: the commands, their arguments and the values they take (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::{agenda, benchmarks, csv_import, interchange, merge, report, whatif};

/// Plan a company's partner ecosystem — strategy, partners, roles, risks and KPIs — in one
/// portable workbook file.
#[derive(Debug, Parser)]
#[command(name = "partnerplan", version)]
pub struct Cli {
    /// The workbook to open (created if missing). Without it, the default workbook is used.
    pub workbook: Option<PathBuf>,

    /// Read settings from this file instead of the usual place (also: $PARTNERPLAN_CONFIG).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Open the workbook without changing it.
    #[arg(long, global = true)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new, empty workbook.
    New {
        workbook: PathBuf,
        /// The plan's title (default: the file name).
        #[arg(long)]
        title: Option<String>,
        /// Start from a sector's role catalogue: technology, manufacturing, financial-services or
        /// healthcare.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
    },
    /// Create a sample workbook to explore: a fictional company's plan, half-way through the
    /// method. Refused when the file exists.
    Demo {
        /// The workbook file to create; it must not exist yet.
        workbook: PathBuf,
    },
    /// Check a received workbook without changing it: prints what it holds, exits 0 only if safe.
    Check { workbook: PathBuf },
    /// What if partners exit, are delayed or gated out: returns at stake, roles that lose
    /// coverage, offerings that lose a contribution, live KPIs that move, risks that rise. Saved
    /// scenarios are shown, listed and compared; only --save writes.
    Whatif {
        workbook: PathBuf,
        #[command(flatten)]
        args: whatif::WhatifArgs,
    },
    /// A governance forum's meeting agenda from the plan (Markdown or HTML): decisions due, risk
    /// reviews due, KPIs off track or at risk, lapsed check-ins and what changed since it last met.
    Agenda(agenda::AgendaArgs),
    /// KPI benchmarks: import a library of bands into a workbook, export a workbook's bands, or
    /// derive anonymised bands from your own workbooks.
    Benchmarks {
        #[command(subcommand)]
        action: benchmarks::BenchmarksCommand,
    },
    /// Write the whole workbook as TOML text, one register as CSV, the registers as XLSX, or the
    /// partner network for Kumu or Graphviz.
    Export {
        workbook: PathBuf,
        /// toml: every record, to rebuild the workbook with `import`; csv: one register;
        /// kumu / dot: the partner network for Kumu or Graphviz.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The register for CSV.
        #[arg(long, value_enum)]
        table: Option<CsvTable>,
        /// Write here instead of to standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        csv: interchange::CsvOut,
        /// XLSX and CSV: who the file is for (as `report`'s flags).
        #[command(flatten)]
        audience: report::AudienceFlags,
    },
    /// Import a workbook's TOML text into a new workbook, or partners from a CSV file (a copy
    /// that came back is combined with `merge`).
    Import {
        /// The workbook to import into (created for TOML text when missing).
        workbook: PathBuf,
        /// A .toml file from `export --format toml`, or a .csv file of partners.
        file: PathBuf,
        /// Replaced by `partnerplan merge OURS THEIRS` (three-way, nothing lost silently).
        #[arg(long, hide = true)]
        merge: bool,
        /// CSV: the field a column fills, overriding its header ("CSV column=field"; an empty
        /// field leaves the column out). Repeatable.
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// CSV: report what would be added, updated or skipped, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// CSV: what to do with a partner that is there already (same name or website).
        #[arg(long, value_enum, default_value_t = Duplicates::Skip)]
        on_duplicate: Duplicates,
        #[command(flatten)]
        csv: csv_import::CsvFlags,
    },

    /// Merge a copy that came back (a workbook or its TOML text) into this workbook: three-way
    /// from the hand-off both descend from, field by field; conflicts are listed and decided.
    Merge {
        /// Our workbook, which receives the merge.
        ours: PathBuf,
        /// Their copy: a .partnerplan workbook or a .toml export.
        theirs: PathBuf,
        /// Print what would be added, changed and deleted, and every conflict; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Settle every conflict with one side: ours keeps this workbook's values, theirs takes
        /// the copy's.
        #[arg(long, value_enum)]
        prefer: Option<merge::Prefer>,
    },
    /// For git (`%O %A %B`): merge the TOML form of a plan record by record. See the README.
    #[command(name = "merge-driver")]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
    /// Write a copy of the workbook for someone else, which merges back three-way when it returns.
    Send {
        workbook: PathBuf,
        /// The copy to write (must not exist).
        copy: PathBuf,
    },
    /// Keep the plan as it is now inside the workbook ("what changed since"), list or remove
    /// snapshots.
    Snapshot {
        workbook: PathBuf,
        /// The snapshot's name, e.g. "SteerCo 2026-12".
        #[arg(long, value_name = "LABEL", conflicts_with_all = ["list", "remove"])]
        label: Option<String>,
        /// List the snapshots kept.
        #[arg(long)]
        list: bool,
        /// Remove the snapshot with this label.
        #[arg(long, value_name = "LABEL", conflicts_with = "list")]
        remove: Option<String>,
    },

    // ---- Deliverables (the report; see `exchange::report`) -----------------------------------
    /// Write the client report: one self-contained HTML page (works offline, prints cleanly), or
    /// the same content as Markdown. The workbook is only read.
    Report(report::ReportArgs),
    /// Show what changed from plan A to plan B, in the planner's words: partners added and
    /// removed, stage moves, fit, coverage, heat-map moves, KPI status, strategy sections.
    /// Both files are only read.
    Diff {
        /// The earlier plan: a workbook or a TOML export (with --since: the workbook).
        before: PathBuf,
        /// The later plan: a workbook or a TOML export (not with --since).
        #[arg(required_unless_present = "since", conflicts_with = "since")]
        after: Option<PathBuf>,
        /// What changed in the workbook since its snapshot with this label (`snapshot --list`).
        #[arg(long, value_name = "LABEL")]
        since: Option<String>,
        /// changes.md (Markdown) or changes.txt (text); without it, text goes to standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Markdown whatever the output's name.
        #[arg(long)]
        markdown: bool,
        /// The day KPI status is judged on, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Toml,
    Csv,
    /// One sheet per register, for spreadsheets (needs -o).
    Xlsx,
    /// The partner network for Kumu's spreadsheet import: elements.csv and connections.csv in
    /// the folder given with -o.
    Kumu,
    /// The partner network as a Graphviz graph (DOT text).
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvTable {
    Partners,
    Risks,
    Kpis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Duplicates {
    /// Leave the existing partner as it is (the default).
    Skip,
    /// Fill the existing partner from the row's non-empty cells.
    Update,
    /// Add the row as another partner.
    Add,
}
