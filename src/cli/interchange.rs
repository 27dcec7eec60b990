//! `export` and `import` on the command line: choosing the format, the messages and exit codes.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use super::report::AudienceFlags;
use super::{CsvTable, Duplicates, ExportFormat, Failure, exit};
use crate::exchange::report::disclosure::Disclosure;
use crate::exchange::{self, ExchangeError};
use crate::plan::numbers::count_of;
use crate::plan::risk::Bands;
use crate::workbook::{OpenError, OpenOptions, Refusal, Register, Workbook, no_hand_off};

/// The flags of `import`.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub merge: bool,
    pub maps: Vec<String>,
    pub dry_run: bool,
    pub on_duplicate: Duplicates,
    pub csv: super::csv_import::CsvFlags,
}

/// How `export --format csv` writes its file.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CsvOut {
    /// CSV: for Excel on Windows: a UTF-8 byte-order mark first, so accents open right.
    #[arg(long)]
    pub excel: bool,
    /// CSV: the delimiter: ',' (default), ';' (Excel where the decimal sign is a comma), tab
    /// or '|'.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
}

impl CsvOut {
    fn dialect(&self) -> Result<exchange::csv::CsvDialect, Failure> {
        let mut dialect = exchange::csv::CsvDialect {
            bom: self.excel,
            ..Default::default()
        };
        if let Some(word) = &self.delimiter {
            dialect.delimiter =
                exchange::csv::CsvDialect::delimiter_of(word).map_err(Failure::bad_input)?;
        }
        Ok(dialect)
    }

    fn any(&self) -> bool {
        self.excel || self.delimiter.is_some()
    }
}

pub fn export(
    path: &Path,
    format: ExportFormat,
    (table, csv, audience): (Option<CsvTable>, &CsvOut, &AudienceFlags),
    output: Option<&Path>,
    bands: &Bands,
) -> Result<(), Failure> {
    if csv.any() && format != ExportFormat::Csv {
        return Err(Failure::bad_input(
            "--excel and --delimiter are for CSV; add --format csv --table partners (or risks, \
             kpis), or leave them out.",
        ));
    }
    if audience.any() && !matches!(format, ExportFormat::Csv | ExportFormat::Xlsx) {
        return Err(Failure::bad_input(
            "--audience, --partner and --shareable are for XLSX and CSV (and report): a TOML \
             copy or a network export holds the whole plan. Use --format xlsx or csv, or leave \
             them out.",
        ));
    }
    let redaction = audience.redaction()?;
    let dialect = csv.dialect()?;
    let read_only = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    match (format, table) {
        (ExportFormat::Toml, Some(_)) => Err(Failure::bad_input(
            "--table is for CSV; TOML always holds the whole workbook. Leave --table out.",
        )),
        (ExportFormat::Toml, None) => {
            // A copy leaves: record the hand-off, so it can be merged back three-way. A file this
            // process cannot write (read-only, or open in the app) is exported all the same.
            let mut workbook = match Workbook::open(path, OpenOptions::default()) {
                Ok(workbook) => workbook,
                Err(OpenError::Refused(Refusal::Locked { .. })) => Workbook::open(path, read_only)?,
                Err(err) => return Err(err.into()),
            };
            let lineage = workbook.hand_off().map_err(Failure::internal)?;
            if lineage.is_none() {
                let warning = no_hand_off(&workbook.file_name());
                eprintln!("partnerplan: warning: {warning}");
            }
            // Written a record at a time: memory does not grow with the plan.
            write_output(output, |out| {
                exchange::toml::write_plan(&workbook, lineage.as_deref(), out)?;
                Ok(())
            })?;
            if let Some(file) = output {
                println!("Wrote {} as text to {}.", path.display(), file.display());
            }
            Ok(())
        }
        (ExportFormat::Xlsx, Some(_)) => Err(Failure::bad_input(
            "--table is for CSV; the XLSX file holds every register, a sheet each. Leave --table out.",
        )),
        (ExportFormat::Xlsx, None) => {
            let Some(file) = output else {
                return Err(Failure::bad_input(
                    "XLSX is a binary file, not for the terminal: name it with -o plan.xlsx.",
                ));
            };
            let workbook = Workbook::open(path, read_only)?;
            audience.check(&workbook)?;
            let today = jiff::Zoned::now().date();
            exchange::xlsx::export_xlsx_for(&workbook, file, bands, today, &redaction)
                .map_err(Failure::internal)?;
            println!(
                "Wrote {} as a spreadsheet to {}.",
                path.display(),
                file.display()
            );
            Ok(())
        }
        (ExportFormat::Kumu | ExportFormat::Dot, Some(_)) => Err(Failure::bad_input(
            "--table is for CSV; a network export holds the partners and their links. Leave \
             --table out.",
        )),
        (ExportFormat::Kumu | ExportFormat::Dot, None) => {
            let workbook = Workbook::open(path, read_only)?;
            let network =
                exchange::network::NetworkExport::read(&workbook).map_err(Failure::internal)?;
            if format == ExportFormat::Dot {
                let mut edges = 0;
                write_output(output, |out| {
                    edges = network.write_dot(out)?;
                    Ok(())
                })?;
                if let Some(file) = output {
                    println!(
                        "Wrote {} and {} to {}.",
                        count_of(network.elements.len(), "partner", "partners"),
                        count_of(edges, "link", "links"),
                        file.display()
                    );
                }
                return Ok(());
            }
            export_kumu(&network, output)
        }
        (ExportFormat::Csv, None) => Err(Failure::bad_input(
            "CSV holds one register: add --table partners, --table risks or --table kpis.",
        )),
        (ExportFormat::Csv, Some(table)) => {
            let workbook = Workbook::open(path, read_only)?;
            let register = match table {
                CsvTable::Partners => Register::Partners,
                CsvTable::Risks => Register::Risks,
                CsvTable::Kpis => Register::Kpis,
            };
            audience.check(&workbook)?;
            let disclosure = Disclosure::of(&workbook, &redaction).map_err(Failure::internal)?;
            let mut rows = 0;
            write_output(output, |out| {
                rows = exchange::csv::export_reporting(
                    &workbook,
                    register,
                    out,
                    None,
                    dialect,
                    &disclosure,
                )?;
                Ok(())
            })?;
            if let Some(file) = output {
                println!(
                    "Wrote {} to {}.",
                    count_of(rows as usize, "row", "rows"),
                    file.display()
                );
            }
            Ok(())
        }
    }
}

/// Kumu's two sheets as CSV files in the folder `output` (made when missing).
fn export_kumu(
    network: &exchange::network::NetworkExport,
    output: Option<&Path>,
) -> Result<(), Failure> {
    use exchange::network::{KUMU_CONNECTIONS, KUMU_ELEMENTS};
    let Some(folder) = output else {
        return Err(Failure::bad_input(
            "Kumu's import takes two files, elements and connections: name a folder for them \
             with -o, e.g. -o kumu/.",
        ));
    };
    if folder.is_file() {
        return Err(Failure::bad_input(format!(
            "{} is a file, and Kumu's import takes two files: name a folder with -o instead.",
            folder.display()
        )));
    }
    fs::create_dir_all(folder).map_err(|err| {
        Failure::bad_input(format!(
            "cannot make the folder {}: {err}. Check the path and that it is writable.",
            folder.display()
        ))
    })?;
    let mut elements = 0;
    write_output(Some(&folder.join(KUMU_ELEMENTS)), |out| {
        elements = network.write_kumu_elements(out)?;
        Ok(())
    })?;
    let mut connections = 0;
    write_output(Some(&folder.join(KUMU_CONNECTIONS)), |out| {
        connections = network.write_kumu_connections(out)?;
        Ok(())
    })?;
    println!(
        "Wrote {} to {KUMU_ELEMENTS} and {} to {KUMU_CONNECTIONS} in {}; import both into Kumu.",
        count_of(elements, "partner", "partners"),
        count_of(connections, "link", "links"),
        folder.display()
    );
    Ok(())
}

/// Writes `bytes` to `target` through a temporary file moved into place.
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_output(Some(target), |out| Ok(out.write_all(bytes)?))
}

/// Writes to `output` through a temporary file moved into place (so a failure never leaves half a
/// file), or to standard output.
fn write_output(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> Result<(), Failure> {
    let Some(target) = output else {
        let mut stdout = io::stdout().lock();
        return write(&mut stdout)
            .and_then(|()| Ok(stdout.flush()?))
            .map_err(Failure::internal);
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.partnerplan-partial"));
    let result = (|| -> anyhow::Result<()> {
        let mut file = io::BufWriter::new(File::create(&temp)?);
        write(&mut file)?;
        let file = file.into_inner().map_err(|err| err.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, target)?;
        Ok(())
    })();
    result.map_err(|err| {
        let _ = fs::remove_file(&temp);
        Failure::bad_input(format!(
            "cannot write {}: {err:#}. Check the folder exists and is writable.",
            target.display()
        ))
    })
}

pub fn import(
    workbook: &Path,
    file: &Path,
    request: &ImportRequest,
    weights: &[(String, f64)],
) -> Result<(), Failure> {
    if std::fs::symlink_metadata(file).is_err() {
        return Err(Failure::bad_input(format!(
            "{} does not exist. Check the path.",
            file.display()
        )));
    }
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "toml" => import_toml(workbook, file, request, weights),
        "csv" | "tsv" | "txt" => super::csv_import::import_csv(workbook, file, request, weights),
        _ => Err(Failure::bad_input(format!(
            "cannot tell what {} holds from its name; import a .toml file from `partnerplan \
             export --format toml` or a .csv file of partners.",
            file.display()
        ))),
    }
}

fn import_toml(
    workbook: &Path,
    file: &Path,
    request: &ImportRequest,
    weights: &[(String, f64)],
) -> Result<(), Failure> {
    if request.merge {
        return Err(Failure::bad_input(format!(
            "import --merge is replaced by a merge that loses nothing silently: partnerplan merge \
             {} {} (add --dry-run to see what it would do first).",
            workbook.display(),
            file.display()
        )));
    }
    if !request.maps.is_empty()
        || request.dry_run
        || request.on_duplicate != Duplicates::Skip
        || request.csv.any()
    {
        return Err(Failure::bad_input(
            "--map, --map-value, --new-words, --encoding, --date-format, --skip-invalid, \
             --dry-run and --on-duplicate are for CSV files; a TOML file is imported whole.",
        ));
    }
    let imported = exchange::toml::import_file(workbook, file, weights)
        .map_err(|err| failure(file, err, "Fix them and import again."))?;
    let report = &imported.report;
    let (added, _, _) = report.totals();
    let parts: Vec<String> = report
        .tables
        .iter()
        .filter(|t| t.added > 0)
        .map(|t| format!("{} {}", t.key, t.added))
        .collect();
    println!(
        "Imported {} into {}{}: {} ({}).",
        file.display(),
        workbook.display(),
        if imported.created { " (new)" } else { "" },
        count_of(added, "record", "records"),
        parts.join(", ")
    );
    Ok(())
}

pub(super) fn failure(file: &Path, err: ExchangeError, hint: &str) -> Failure {
    exchange_failure(file, err, "imported", hint)
}

/// Why `file` could not be used, with the exit code DESIGN §6 gives it: `undone` says what did
/// not happen ("imported", "merged", "compared"), `hint` how to fix the file's problems.
pub(super) fn exchange_failure(
    file: &Path,
    err: ExchangeError,
    undone: &str,
    hint: &str,
) -> Failure {
    match err {
        ExchangeError::Problems(list) => {
            let mut message = format!("{} has problems, so nothing was {undone}:", file.display());
            for problem in &list {
                message.push_str("\n  ");
                message.push_str(problem);
            }
            message.push('\n');
            message.push_str(hint);
            Failure::bad_input(message)
        }
        ExchangeError::BadInput(message) => Failure::bad_input(message),
        ExchangeError::Refused(message) => Failure {
            code: exit::REFUSED,
            message,
        },
        ExchangeError::Open(err) => err.into(),
        ExchangeError::Failed(err) if is_constraint(&err) => Failure::bad_input(format!(
            "{}: {err:#}. Nothing was {undone}.",
            file.display()
        )),
        ExchangeError::Failed(err) => Failure::internal(err),
    }
}

/// Whether a write failed on one of the workbook's own rules (bad data, not a broken program).
fn is_constraint(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
            e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
        })
    })
}
