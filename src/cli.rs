//! The command line: parse arguments (`args.rs`), load config, and run a command or open the app;
//! a failure's message and exit code are in `failure.rs`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

mod agenda;
mod args;
mod benchmarks;
mod csv_import;
mod demo;
mod diff;
mod failure;
mod interchange;
mod merge;
mod report;
mod whatif;

pub use args::{Cli, Command, CsvTable, Duplicates, ExportFormat};
pub use failure::{Failure, exit};

use crate::config::{self, Config, ConfigProblem};
use crate::plan::text::clean_message;
use crate::workbook::{self, KnownSound, OpenError, OpenOptions, Refusal, Workbook};

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
