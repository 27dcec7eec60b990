//! The command line: parse arguments, load config, and run a command or open the app.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod agenda;
mod benchmarks;
mod csv_import;
mod demo;
mod diff;
mod interchange;
mod merge;
mod report;
mod whatif;

use crate::config::{self, Config, ConfigProblem};
use crate::plan::text::clean_message;
use crate::workbook::{self, KnownSound, OpenError, OpenOptions, Refusal, Workbook};

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

/// Exit codes (DESIGN §6).
pub mod exit {
    pub const OK: u8 = 0;
    pub const BAD_INPUT: u8 = 1;
    pub const REFUSED: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

/// A failed command: what to print on stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    fn internal(err: anyhow::Error) -> Failure {
        if out_of_space(&err) {
            return Failure::no_space(&err);
        }
        Failure {
            code: exit::INTERNAL,
            message: format!("{err:#}"),
        }
    }

    /// A full disk (or a file size limit) is the user's to solve, not an internal error; every
    /// write is one transaction or a file built aside, so nothing was changed.
    fn no_space(err: &anyhow::Error) -> Failure {
        Failure::bad_input(format!(
            "not enough space to finish ({err:#}). Nothing was changed; free some space on the \
             disk, or choose a folder on another disk, and try again."
        ))
    }

    fn bad_input(message: impl Into<String>) -> Failure {
        Failure {
            code: exit::BAD_INPUT,
            message: message.into(),
        }
    }
}

/// Whether `err` comes from a full disk, a quota or a file size limit.
fn out_of_space(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .is_some_and(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
            || cause.downcast_ref::<std::io::Error>().is_some_and(|e| {
                matches!(
                    e.kind(),
                    std::io::ErrorKind::StorageFull
                        | std::io::ErrorKind::FileTooLarge
                        | std::io::ErrorKind::QuotaExceeded
                )
            })
    })
}

impl From<OpenError> for Failure {
    fn from(err: OpenError) -> Failure {
        if let OpenError::Failed(cause) = &err
            && out_of_space(cause)
        {
            return Failure::no_space(cause);
        }
        let code = match err {
            OpenError::Refused(_) => exit::REFUSED,
            OpenError::BadInput(_) => exit::BAD_INPUT,
            OpenError::Failed(_) => exit::INTERNAL,
        };
        Failure {
            code,
            message: err.to_string(),
        }
    }
}

/// Parses `std::env::args`, runs, and returns the process exit code. Help and version exit 0;
/// argument errors exit 1 (clap's own default would be 2, which we keep for refused files).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() {
                exit::BAD_INPUT
            } else {
                exit::OK
            });
        }
    };
    // A panic has already been reported by the panic hook (after the terminal was restored).
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::from(exit::OK),
        Ok(Err(failure)) => {
            // Every failure may quote a received file (TOML keys, CSV headers, object names).
            eprintln!("partnerplan: {}", clean_message(&failure.message));
            ExitCode::from(failure.code)
        }
        Err(_) => ExitCode::from(exit::INTERNAL),
    }
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    let (config, problems) =
        config::load(cli.config.as_deref()).map_err(|err| Failure::bad_input(err.to_string()))?;
    match cli.command {
        Some(Command::New {
            workbook,
            title,
            template,
        }) => {
            warn(&problems);
            // An unknown template is refused before anything is created.
            if let Some(name) = &template {
                crate::plan::sector_template::by_name(name).map_err(Failure::bad_input)?;
            }
            Workbook::create_with_weights(&workbook, title.as_deref(), &config.criteria_weights)?;
            let mut added = String::new();
            if let Some(name) = &template {
                let mut wb = Workbook::open(&workbook, OpenOptions::default())?;
                let report = wb.apply_sector_template(name).map_err(|err| Failure {
                    code: exit::INTERNAL,
                    message: format!("{err:#}"),
                })?;
                added = format!(
                    " with the {} template ({})",
                    report.title,
                    crate::plan::numbers::count_of(report.added.len(), "role", "roles")
                );
            }
            println!(
                "Created {}{added}. Open it with: partnerplan {}",
                workbook.display(),
                workbook.display()
            );
            Ok(())
        }
        Some(Command::Demo { workbook }) => {
            warn(&problems);
            demo::demo(&workbook, &config)
        }
        Some(Command::Whatif { workbook, args }) => {
            warn(&problems);
            whatif::whatif(&workbook, &args, &config)
        }
        Some(Command::Agenda(args)) => {
            warn(&problems);
            agenda::agenda(&args, &config)
        }
        Some(Command::Benchmarks { action }) => {
            warn(&problems);
            benchmarks::run(action)
        }
        Some(Command::Check { workbook }) => {
            warn(&problems);
            check(&workbook)
        }
        Some(Command::Export {
            workbook,
            format,
            table,
            output,
            csv,
            audience,
        }) => {
            warn(&problems);
            interchange::export(
                &workbook,
                format,
                (table, &csv, &audience),
                output.as_deref(),
                &config.bands(),
            )
        }
        Some(Command::Import {
            workbook,
            file,
            merge,
            map,
            dry_run,
            on_duplicate,
            csv,
        }) => {
            warn(&problems);
            let request = interchange::ImportRequest {
                merge,
                maps: map,
                dry_run,
                on_duplicate,
                csv,
            };
            interchange::import(&workbook, &file, &request, &config.criteria_weights)
        }
        Some(Command::Merge {
            ours,
            theirs,
            dry_run,
            prefer,
        }) => {
            warn(&problems);
            merge::merge(&ours, &theirs, dry_run, prefer)
        }
        Some(Command::MergeDriver { base, ours, theirs }) => {
            warn(&problems);
            merge::merge_driver(&base, &ours, &theirs)
        }
        Some(Command::Send { workbook, copy }) => {
            warn(&problems);
            merge::send(&workbook, &copy)
        }
        Some(Command::Snapshot {
            workbook,
            label,
            list,
            remove,
        }) => {
            warn(&problems);
            let request = match (label, list, remove) {
                (Some(label), _, _) => merge::SnapshotRequest::Take(label),
                (None, _, Some(label)) => merge::SnapshotRequest::Remove(label),
                (None, true, None) => merge::SnapshotRequest::List,
                (None, false, None) => {
                    return Err(Failure::bad_input(
                        "say what to do: --label \"NAME\" keeps a snapshot, --list lists them, \
                         --remove NAME removes one.",
                    ));
                }
            };
            merge::snapshot(&workbook, &request)
        }
        None => open_app(cli.workbook, cli.read_only, config, problems),
        // ---- Deliverables ----------------------------------------------------------------------
        Some(Command::Report(args)) => {
            warn(&problems);
            report::report(&args, &config)
        }
        Some(Command::Diff {
            before,
            after,
            since,
            output,
            markdown,
            date,
        }) => {
            warn(&problems);
            let request = diff::DiffRequest {
                output: output.as_deref(),
                markdown,
                date: date.as_deref(),
            };
            match (after, since) {
                (Some(after), _) => diff::diff(&before, &after, &request, &config),
                (None, Some(label)) => diff::diff_since(&before, &label, &request, &config),
                (None, None) => Err(Failure::bad_input(
                    "diff needs a second plan to compare with, or --since LABEL for a snapshot.",
                )),
            }
        }
    }
}

fn warn(problems: &[ConfigProblem]) {
    for problem in problems {
        let problem = clean_message(&problem.to_string());
        eprintln!("partnerplan: warning: {problem} (setting ignored)");
    }
}

fn check(path: &Path) -> Result<(), Failure> {
    let report = workbook::check(path)?;
    println!(
        "{}: partnerplan workbook, schema {} (this version: {})",
        path.display(),
        report.schema_version,
        report.latest_version
    );
    if report.wal_mode {
        println!(
            "  in WAL mode: partnerplan switches it to a rollback journal when it opens it for editing"
        );
    }
    for (table, count) in &report.counts {
        println!("  {table:<22} {count:>8}");
    }
    for note in &report.notes {
        println!("  note: {}", crate::plan::text::clean(note));
    }
    println!("ok");
    Ok(())
}

fn open_app(
    path: Option<PathBuf>,
    read_only: bool,
    config: Config,
    problems: Vec<ConfigProblem>,
) -> Result<(), Failure> {
    let path = match path {
        Some(path) => path,
        None => {
            let path = config::default_workbook_path(&config).ok_or_else(|| {
                Failure::bad_input("no home folder is known, so there is no default workbook; name one: partnerplan FILE")
            })?;
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|err| {
                    Failure::bad_input(format!(
                        "cannot create the folder {} for the default workbook: {err}",
                        parent.display()
                    ))
                })?;
            }
            path
        }
    };
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::bad_input(
            "partnerplan's app needs a terminal. To inspect a workbook from a script, use `partnerplan check FILE`.",
        ));
    }
    let missing =
        std::fs::symlink_metadata(&path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if missing && !read_only {
        // A new workbook gets the user's default criteria weights.
        Workbook::create_with_weights(&path, None, &config.criteria_weights)?;
    }
    let options = OpenOptions {
        read_only,
        create_if_missing: true,
    };
    let mut known = crate::config::state_folder()
        .map(|folder| KnownSound::read(&folder))
        .unwrap_or_default();
    say_when_reading_whole(&path, &known);
    let workbook = match Workbook::open_known(&path, options, &known) {
        Err(OpenError::Refused(refusal @ Refusal::Locked { .. })) => {
            if ask_yes_no(&format!("{refusal}\nOpen it read-only instead? [y/N] ")) {
                Workbook::open_known(
                    &path,
                    OpenOptions {
                        read_only: true,
                        create_if_missing: false,
                    },
                    &known,
                )?
            } else {
                return Err(OpenError::Refused(refusal).into());
            }
        }
        other => other?,
    };
    let workbook = crate::tui::run(workbook, config, problems).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("{err:#}"),
    })?;
    if let Some(stamp) = workbook.close_known_sound() {
        known.remember(stamp);
    }
    Ok(())
}

/// Files this large that the app has not left sound before take a moment to read whole: say so
/// before the terminal is taken over, and how the wait goes away.
fn say_when_reading_whole(path: &Path, known: &KnownSound) {
    const LARGE: u64 = 64_000_000;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size >= LARGE && !known.knows(path) {
        eprintln!(
            "Reading {} ({} MB) whole before it is used here (every page and value is checked); \
             once closed from the app it opens at once until something else changes it.",
            path.display(),
            size / 1_000_000
        );
    }
}

fn ask_yes_no(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes")
}

// ---- Deliverables ------------------------------------------------------------------------------

/// The day `--date` names, or today without it.
fn day_or_today(date: Option<&str>) -> Result<jiff::civil::Date, Failure> {
    match date {
        Some(text) => crate::plan::shape::parse_iso_date(text.trim()).ok_or_else(|| {
            Failure::bad_input(format!(
                "--date takes a day as YYYY-MM-DD, like 2026-11-23; \"{text}\" is not one."
            ))
        }),
        None => Ok(jiff::Zoned::now().date()),
    }
}
