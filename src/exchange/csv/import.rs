//! Partners from a CRM export: columns recognised by their headers (or `--map`), every row
//! checked with the partner form's rules, then all imported in one edit or none.

use std::path::Path;

use super::input::{self, MAX_RECORD_BYTES};
use super::unescape_formula;
use crate::exchange::ExchangeError;
use crate::exchange::progress::{Progress, Sink};
use crate::plan::crm_headers::{ColumnMap, field_for_header, fold};
use crate::plan::numbers::count_of;
use crate::plan::vocabulary::VocabularyKind;
use crate::plan::{PartnerDraft, PartnerField};
use crate::workbook::{PartnerImport, Workbook};

/// How many problems are listed before the rest are only counted.
const LISTED: usize = 50;

/// What to do with a row whose partner is there already (same name or website).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    #[default]
    Skip,
    /// Fill the existing partner's fields from the row's non-empty cells.
    Update,
    /// Add it as another partner all the same.
    Add,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct CsvImport {
    pub delimiter: u8,
    /// (CSV header, field) per used column, in the file's order.
    pub columns: Vec<(String, PartnerField)>,
    /// Headers of the columns left out, with why.
    pub ignored: Vec<String>,
    pub rows: usize,
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
    /// The first few skipped rows: (row, partner it repeats).
    pub skipped_rows: Vec<(usize, String)>,
}

/// Reads `path` and imports its partners into `workbook`; with `dry_run` nothing is written.
pub fn import_partners(
    workbook: &mut Workbook,
    path: &Path,
    maps: &[ColumnMap],
    on_duplicate: OnDuplicate,
    dry_run: bool,
) -> Result<CsvImport, ExchangeError> {
    import_partners_reporting(workbook, path, maps, on_duplicate, dry_run, None)
}

/// `import_partners`, telling `sink` (the app's gauge) how many bytes of the file are read
/// instead of drawing on stderr.
pub fn import_partners_reporting(
    workbook: &mut Workbook,
    path: &Path,
    maps: &[ColumnMap],
    on_duplicate: OnDuplicate,
    dry_run: bool,
    sink: Option<Sink<'_>>,
) -> Result<CsvImport, ExchangeError> {
    let mut file = input::open(path)
        .map_err(|err| ExchangeError::BadInput(format!("cannot read {}: {err}", path.display())))?;
    let mut record = ::csv::StringRecord::new();
    let has_header = file
        .reader
        .read_record(&mut record)
        .map_err(|err| ExchangeError::BadInput(format!("{}: {err}", path.display())))?;
    if !has_header {
        return Err(ExchangeError::BadInput(format!(
            "{} is empty; it needs a header row naming its columns.",
            path.display()
        )));
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    let mut report = CsvImport {
        delimiter: file.delimiter,
        ..CsvImport::default()
    };
    let plan = column_plan(&headers, maps, &mut report)?;
    let words = Words {
        stages: workbook.vocabulary(VocabularyKind::Stage)?,
        types: workbook.vocabulary(VocabularyKind::Type)?,
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut session = workbook.partner_import(&format!("import partners from {name}"), dry_run)?;
    let mut problems: Vec<String> = Vec::new();
    let mut unlisted = 0usize;
    let mut progress = Progress::to("importing", file.size, sink);
    let mut row = 1usize;
    file.allowance
        .record_ended(file.reader.position().byte() + file.skipped);
    loop {
        row += 1;
        match file.reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) if file.allowance.tripped() => {
                problems.push(format!(
                    "row {row}: the row is larger than {} MB, which no partner needs; the file \
                     was not read further. Check that its quotes are balanced.",
                    MAX_RECORD_BYTES >> 20
                ));
                break;
            }
            Err(err) => {
                note(&mut problems, &mut unlisted, format!("row {row}: {err}"));
                continue;
            }
        }
        let position = file.reader.position().byte();
        file.allowance.record_ended(position);
        progress.update(position);
        report.rows += 1;
        if record.len() != headers.len() {
            note(
                &mut problems,
                &mut unlisted,
                format!(
                    "row {row}: has {}, but the header has {}; check for a missing or \
                     extra delimiter.",
                    count_of(record.len(), "field", "fields"),
                    headers.len()
                ),
            );
            continue;
        }
        let errors = import_row(
            &mut session,
            &record,
            &plan,
            &words,
            on_duplicate,
            row,
            &mut report,
            problems.is_empty(),
        )?;
        for error in errors {
            note(&mut problems, &mut unlisted, error);
        }
    }
    progress.finish();
    if !problems.is_empty() {
        drop(session);
        if unlisted > 0 {
            problems.push(format!("… and {unlisted} more problems"));
        }
        return Err(ExchangeError::Problems(problems));
    }
    session.commit()?;
    Ok(report)
}

fn note(problems: &mut Vec<String>, unlisted: &mut usize, problem: String) {
    if problems.len() < LISTED {
        problems.push(problem);
    } else {
        *unlisted += 1;
    }
}

/// The stage and type words this workbook accepts.
struct Words {
    stages: Vec<String>,
    types: Vec<String>,
}

/// Which field each CSV column fills (`None`: ignored), after `--map` and header synonyms.
fn column_plan(
    headers: &[String],
    maps: &[ColumnMap],
    report: &mut CsvImport,
) -> Result<Vec<Option<PartnerField>>, ExchangeError> {
    for map in maps {
        if !headers.iter().any(|h| fold(h) == fold(&map.column)) {
            return Err(ExchangeError::BadInput(format!(
                "--map names a column {:?} the file does not have; its columns are: {}.",
                map.column,
                headers.join(", ")
            )));
        }
    }
    let mut plan: Vec<Option<PartnerField>> = Vec::with_capacity(headers.len());
    for header in headers {
        let field = match maps.iter().find(|m| fold(&m.column) == fold(header)) {
            Some(map) => map.field,
            None => field_for_header(header),
        };
        let field = match field {
            Some(f) if plan.contains(&Some(f)) => {
                report
                    .ignored
                    .push(format!("{header:?} (another column fills {})", f.label()));
                None
            }
            Some(f) => {
                report.columns.push((header.clone(), f));
                Some(f)
            }
            None => {
                report.ignored.push(format!("{header:?}"));
                None
            }
        };
        plan.push(field);
    }
    if !plan.contains(&Some(PartnerField::Name)) {
        return Err(ExchangeError::BadInput(format!(
            "no column holds the partner's name (columns: {}). Name it with --map \"COLUMN=name\".",
            headers.join(", ")
        )));
    }
    Ok(plan)
}

/// Checks one row and, while the import is still clean (`write`), applies it.
#[allow(clippy::too_many_arguments)]
fn import_row(
    session: &mut PartnerImport<'_>,
    record: &::csv::StringRecord,
    plan: &[Option<PartnerField>],
    words: &Words,
    on_duplicate: OnDuplicate,
    row: usize,
    report: &mut CsvImport,
    write: bool,
) -> anyhow::Result<Vec<String>> {
    let mut draft = PartnerDraft::default();
    let mut errors = Vec::new();
    let column_of = |field: PartnerField| {
        report
            .columns
            .iter()
            .find(|(_, f)| *f == field)
            .map_or("", |(h, _)| h.as_str())
            .to_string()
    };
    for (cell, field) in record.iter().zip(plan) {
        let Some(field) = *field else { continue };
        let cell = unescape_formula(cell);
        let value = match field {
            PartnerField::Stage => canonical(cell, &words.stages, "stage"),
            PartnerField::Type => canonical(cell, &words.types, "partner type"),
            _ => Ok(cell.to_string()),
        };
        match value {
            Ok(value) => draft.set(field, value),
            Err(message) => errors.push(format!(
                "row {row}, column {:?}: {message}",
                column_of(field)
            )),
        }
    }
    let row_problems = |draft: &PartnerDraft| -> Vec<String> {
        draft
            .validate()
            .into_iter()
            .map(|e| format!("row {row}, column {:?}: {}", column_of(e.field), e.message))
            .collect()
    };
    errors.extend(row_problems(&draft));
    if !errors.is_empty() {
        return Ok(errors);
    }
    let draft = draft.normalised();
    match session.duplicate_of(&draft) {
        Some(key) if on_duplicate == OnDuplicate::Skip => {
            report.skipped += 1;
            if report.skipped_rows.len() < 10 {
                let existing = session.current(key)?.map(|p| p.name).unwrap_or_default();
                report.skipped_rows.push((row, existing));
            }
        }
        Some(key) if on_duplicate == OnDuplicate::Update => {
            let mut merged = session.current(key)?.unwrap_or_default();
            for field in PartnerField::ALL {
                if !draft.get(field).is_empty() {
                    merged.set(field, draft.get(field));
                }
            }
            let problems = row_problems(&merged);
            if !problems.is_empty() {
                return Ok(problems);
            }
            if write {
                session.update(key, &merged.normalised())?;
            }
            report.updated += 1;
        }
        _ => {
            let mut draft = draft;
            if draft.stage.is_empty() {
                draft.stage = words.stages.first().cloned().unwrap_or_default();
            }
            if write {
                session.add(&draft)?;
            }
            report.added += 1;
        }
    }
    Ok(errors)
}

/// `cell` as the list spells it (case and surrounding space ignored); empty stays empty.
fn canonical(cell: &str, list: &[String], what: &str) -> Result<String, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(String::new());
    }
    let folded = cell.to_lowercase();
    list.iter()
        .find(|w| w.to_lowercase() == folded)
        .cloned()
        .ok_or_else(|| {
            format!(
                "{cell:?} is not a {what} this workbook knows; use one of {}, add the word to \
                 the list in the app, or leave the column out with --map \"COLUMN=\".",
                list.join(", ")
            )
        })
}
