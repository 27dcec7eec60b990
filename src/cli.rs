//! The command line: parse arguments, load config, and run a command or open the app.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod csv_import;
mod demo;
mod interchange;

use crate::config::{self, Config, ConfigProblem};
use crate::workbook::{self, OpenError, OpenOptions, Refusal, Workbook};

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
    /// Write the whole workbook as TOML text, or one register as CSV.
    Export {
        workbook: PathBuf,
        /// toml: every record, to rebuild the workbook with `import`; csv: one register.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The register for CSV.
        #[arg(long, value_enum)]
        table: Option<CsvTable>,
        /// Write here instead of to standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import a workbook's TOML text (into a new workbook, or --merge), or partners from a CSV file.
    Import {
        /// The workbook to import into (created for TOML text when missing).
        workbook: PathBuf,
        /// A .toml file from `export --format toml`, or a .csv file of partners.
        file: PathBuf,
        /// TOML: merge into a workbook that already holds a plan, matching records by UUID.
        #[arg(long)]
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

    // ---- Deliverables (the report; see `exchange::report`) -----------------------------------
    /// Write the client report: one self-contained HTML page (works offline, prints cleanly), or
    /// the same content as Markdown. The workbook is only read.
    Report {
        workbook: PathBuf,
        /// report.html or report.md (the extension picks the format); without it, HTML goes to
        /// standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// The report's date, YYYY-MM-DD (default: today); KPI status is judged on it.
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
        Failure {
            code: exit::INTERNAL,
            message: format!("{err:#}"),
        }
    }

    fn bad_input(message: impl Into<String>) -> Failure {
        Failure {
            code: exit::BAD_INPUT,
            message: message.into(),
        }
    }
}

impl From<OpenError> for Failure {
    fn from(err: OpenError) -> Failure {
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
            eprintln!("partnerplan: {}", failure.message);
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
        Some(Command::Check { workbook }) => {
            warn(&problems);
            check(&workbook)
        }
        Some(Command::Export {
            workbook,
            format,
            table,
            output,
        }) => {
            warn(&problems);
            interchange::export(&workbook, format, table, output.as_deref(), &config.bands())
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
        None => open_app(cli.workbook, cli.read_only, config, problems),
        // ---- Deliverables ----------------------------------------------------------------------
        Some(Command::Report {
            workbook,
            output,
            date,
        }) => {
            warn(&problems);
            report(&workbook, output.as_deref(), date.as_deref(), &config)
        }
    }
}

fn warn(problems: &[ConfigProblem]) {
    for problem in problems {
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
    let workbook = match Workbook::open(&path, options) {
        Err(OpenError::Refused(refusal @ Refusal::Locked { .. })) => {
            if ask_yes_no(&format!("{refusal}\nOpen it read-only instead? [y/N] ")) {
                Workbook::open(
                    &path,
                    OpenOptions {
                        read_only: true,
                        create_if_missing: false,
                    },
                )?
            } else {
                return Err(OpenError::Refused(refusal).into());
            }
        }
        other => other?,
    };
    crate::tui::run(workbook, config, problems).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("{err:#}"),
    })
}

fn ask_yes_no(question: &str) -> bool {
    eprint!("{question}");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok() && matches!(answer.trim(), "y" | "Y" | "yes")
}

// ---- Deliverables ------------------------------------------------------------------------------

/// `partnerplan report`: the format from the output's extension (checked before the workbook is
/// opened), the workbook opened read-only, the report written whole or not at all.
fn report(
    path: &Path,
    output: Option<&Path>,
    date: Option<&str>,
    config: &Config,
) -> Result<(), Failure> {
    use crate::exchange::report::{ReportFormat, ReportSettings, render};
    let format = match output {
        Some(output) => ReportFormat::for_path(output).map_err(Failure::bad_input)?,
        None => ReportFormat::Html,
    };
    let date = match date {
        Some(text) => crate::plan::shape::parse_iso_date(text.trim()).ok_or_else(|| {
            Failure::bad_input(format!(
                "--date takes a day as YYYY-MM-DD, like 2026-11-23; \"{text}\" is not one."
            ))
        })?,
        None => jiff::Zoned::now().date(),
    };
    let settings = ReportSettings {
        date,
        bands: config.bands(),
        currency: crate::plan::money::Currency::or_default(&config.currency),
        overload_threshold: config.overload_threshold,
    };
    let options = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    let wb = Workbook::open(path, options)?;
    let text = render(&wb, &settings, format).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("the report could not be written: {err:#}"),
    })?;
    match output {
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|err| Failure::bad_input(format!("cannot write the report: {err}"))),
        Some(output) => crate::exchange::report::write_whole(output, |partial| {
            std::fs::write(partial, text.as_bytes())
        })
        .map_err(|err| {
            Failure::bad_input(format!(
                "cannot write {}: {err}. Check the folder exists and you may write there.",
                output.display()
            ))
        }),
    }
}
