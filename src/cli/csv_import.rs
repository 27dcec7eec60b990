//! `import WORKBOOK FILE.csv`: a CRM export's partners, its flags and what the import says.

use std::fs;
use std::path::Path;

use super::interchange::{ImportRequest, failure};
use super::{Duplicates, Failure, exit};
use crate::exchange;
use crate::exchange::csv::{CsvImport, ImportOptions, OnDuplicate};
use crate::plan::crm_dates::DayMonth;
use crate::plan::crm_headers::parse_map;
use crate::plan::crm_values::{Reason, ValueChoice, parse_value_map};
use crate::plan::numbers::count_of;
use crate::workbook::{OpenOptions, Workbook};

/// The flags only a CSV import takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CsvFlags {
    /// CSV: what a value of a type, stage, tier, sector or region column becomes
    /// ("Column:VALUE=word"; "=+" adds the value as a new word, "=" alone leaves it empty).
    /// Remembered in the workbook for the next import. Repeatable.
    #[arg(long = "map-value", value_name = "COLUMN:VALUE=WORD")]
    pub map_value: Vec<String>,
    /// CSV: add every value no word matches to its list, instead of what is proposed.
    #[arg(long)]
    pub new_words: bool,
    /// CSV: the file's encoding (utf-8, utf-16le, utf-16be, windows-1252), when the guess from
    /// its bytes is wrong.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// CSV: how the file writes dates whose day and month could be either, e.g. "%d/%m/%Y".
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// CSV: import the rows that can be imported, and list the rows left out.
    #[arg(long)]
    pub skip_invalid: bool,
}

impl CsvFlags {
    /// Whether any CSV-only flag is given.
    pub fn any(&self) -> bool {
        !self.map_value.is_empty()
            || self.new_words
            || self.encoding.is_some()
            || self.date_format.is_some()
            || self.skip_invalid
    }
}

fn options(request: &ImportRequest) -> Result<ImportOptions, Failure> {
    let maps = request
        .maps
        .iter()
        .map(|m| parse_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::bad_input)?;
    let value_maps = request
        .csv
        .map_value
        .iter()
        .map(|m| parse_value_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Failure::bad_input)?;
    let on_duplicate = match request.on_duplicate {
        Duplicates::Skip => OnDuplicate::Skip,
        Duplicates::Update => OnDuplicate::Update,
        Duplicates::Add => OnDuplicate::Add,
    };
    Ok(ImportOptions {
        maps,
        value_maps,
        new_words: request.csv.new_words,
        date_format: request.csv.date_format.clone(),
        encoding: request.csv.encoding.clone(),
        skip_invalid: request.csv.skip_invalid,
        on_duplicate,
        dry_run: request.dry_run,
        ..ImportOptions::default()
    })
}

pub fn import_csv(
    workbook: &Path,
    file: &Path,
    request: &ImportRequest,
    weights: &[(String, f64)],
) -> Result<(), Failure> {
    if request.merge {
        return Err(Failure::bad_input(
            "--merge is for TOML files; a CSV import adds partners (see --on-duplicate).",
        ));
    }
    let options = options(request)?;
    let created = !request.dry_run && std::fs::symlink_metadata(workbook).is_err();
    if created {
        Workbook::create_with_weights(workbook, None, weights)?;
    }
    let result = (|| {
        let open = OpenOptions {
            read_only: request.dry_run,
            create_if_missing: false,
        };
        let mut wb = Workbook::open(workbook, open)?;
        if wb.is_read_only() && !request.dry_run {
            return Err(Failure {
                code: exit::REFUSED,
                message: format!(
                    "{} cannot be written ({}), so nothing was imported.",
                    workbook.display(),
                    wb.notices().join(" ")
                ),
            });
        }
        exchange::csv::import_partners(&mut wb, file, &options).map_err(|err| {
            failure(
                file,
                err,
                "Fix them in the file, leave a column out with --map \"COLUMN=\", or import the \
                 other rows with --skip-invalid (it lists the rows it leaves out).",
            )
        })
    })();
    let report = match result {
        Ok(report) => report,
        Err(failure) => {
            if created {
                let _ = fs::remove_file(workbook);
            }
            return Err(failure);
        }
    };
    // The lines quote the file's headers, values and names: shown, never run by the terminal.
    for line in summary(file, &report, &options) {
        println!("{}", crate::plan::text::clean_message(&line));
    }
    Ok(())
}

/// What the import read, decided and did, a line each.
fn summary(file: &Path, report: &CsvImport, options: &ImportOptions) -> Vec<String> {
    let delimiter = match report.delimiter {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    };
    let mut lines = vec![format!(
        "Read {} from {} ({delimiter}-separated, {}).",
        count_of(report.rows, "row", "rows"),
        file.display(),
        report.encoding
    )];
    if report.encoding_guessed {
        lines.push(format!(
            "The file is not UTF-8, so it was read as {}; use --encoding to choose another.",
            report.encoding
        ));
    }
    if let Some(skipped) = report.skipped_line() {
        lines.push(skipped);
    }
    let columns: Vec<String> = report
        .columns
        .iter()
        .map(|(header, field)| format!("{header:?} → {}", field.label()))
        .collect();
    lines.push(format!("Columns: {}.", columns.join(", ")));
    if !report.ignored.is_empty() {
        lines.push(format!("Ignored columns: {}.", report.ignored.join(", ")));
    }
    if !report.values.is_empty() {
        lines.push(
            "Values mapped (change one with --map-value \"Column:VALUE=word\"; =+ adds it as a \
             new word, = leaves it empty):"
                .into(),
        );
        lines.extend(report.value_lines().into_iter().map(|l| format!("  {l}")));
        if report
            .values
            .iter()
            .any(|u| u.reason == Reason::NoMatch && u.choice == ValueChoice::Empty)
        {
            lines.push("  --new-words adds every value that matched no word to its list.".into());
        }
    }
    if let Some((order, row, text)) = &report.dates {
        let how = match order {
            DayMonth::DayFirst => "day first",
            DayMonth::MonthFirst => "month first",
        };
        lines.push(format!(
            "Dates were read {how}, as {text:?} in row {row} shows; --date-format \"{}\" \
             says otherwise.",
            match order {
                DayMonth::DayFirst => DayMonth::MonthFirst.format(),
                DayMonth::MonthFirst => DayMonth::DayFirst.format(),
            }
        ));
    }
    if options.dry_run {
        lines.push(format!(
            "Dry run, nothing was written: would add {}, update {}, skip {}.",
            report.added, report.updated, report.skipped
        ));
    } else {
        lines.push(format!(
            "Added {}, updated {}, skipped {}{}.",
            count_of(report.added, "partner", "partners"),
            report.updated,
            report.skipped,
            if report.added + report.updated > 0 {
                " (one step: undo in the app takes it all back)"
            } else {
                ""
            }
        ));
    }
    for (name, fields) in &report.changes {
        lines.push(format!("  {name}: {} changed", fields.join(", ")));
    }
    if report.left_out > 0 {
        lines.push(format!(
            "Left out {} with problems:",
            count_of(report.left_out, "row", "rows")
        ));
        for (row, why) in &report.left_out_rows {
            lines.push(format!("  row {row}: {why}"));
        }
    }
    if report.skipped > 0 && options.on_duplicate == OnDuplicate::Skip {
        lines.push(
            "Skipped rows repeat a partner already there (same name or website): --on-duplicate \
             skip is the default; use --on-duplicate update to fill them from the file, or add \
             to add them anyway."
                .into(),
        );
        for (row, name) in &report.skipped_rows {
            lines.push(format!("  row {row}: {name}"));
        }
    }
    lines
}
