//! Partners from a CRM export: the file's encoding settled, its columns recognised (or chosen),
//! the values of its vocabulary columns mapped, every row checked with the partner form's rules,
//! then all imported in one edit, or none (or the valid ones, when the user says so).

use std::path::Path;

use super::columns::{self, ColumnPlan};
use super::encoding::{self, Settled};
use super::input::{self, MAX_RECORD_BYTES};
use super::rows::{self, RowNumbers};
use super::values::{ValueUse, Values};
use crate::exchange::ExchangeError;
use crate::exchange::progress::{Progress, Sink};
use crate::plan::PartnerField;
use crate::plan::crm_dates::DayMonth;
use crate::plan::crm_headers::ColumnMap;
use crate::plan::crm_values::ValueMap;
use crate::plan::vocabulary::VocabularyKind;
use crate::workbook::{PartnerImport, Register, Workbook};

mod row;

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

/// Where the import was asked for, so its advice names what the user can do there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    #[default]
    CommandLine,
    App,
}

/// Everything the user may choose about an import (the command line's flags, the app's preview).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub maps: Vec<ColumnMap>,
    pub value_maps: Vec<ValueMap>,
    /// Unmatched values of every vocabulary column are added to their lists.
    pub new_words: bool,
    /// strftime form of the file's dates, e.g. `%d/%m/%Y`.
    pub date_format: Option<String>,
    /// Which comes first in numeric dates (the app's preview sets it instead of a format).
    pub day_month: Option<DayMonth>,
    /// An encoding label (`--encoding`), else the file's bytes decide.
    pub encoding: Option<String>,
    /// Rows with problems are left out (and listed) instead of stopping the import.
    pub skip_invalid: bool,
    /// Rows (as a spreadsheet numbers them) the user chose to leave out.
    pub skip_rows: Vec<usize>,
    pub on_duplicate: OnDuplicate,
    pub dry_run: bool,
    pub surface: Surface,
}

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Clone, Default)]
pub struct CsvImport {
    pub delimiter: u8,
    /// The encoding the file was read in, and whether it was a guess (Windows-1252 because the
    /// bytes were not UTF-8).
    pub encoding: &'static str,
    pub encoding_guessed: bool,
    pub headers: Vec<String>,
    /// (CSV header, field) per used column, in the file's order.
    pub columns: Vec<(String, PartnerField)>,
    /// Headers of the columns left out, with why.
    pub ignored: Vec<String>,
    /// Rows read that hold data (empty rows and footer lines not counted).
    pub rows: usize,
    pub empty_rows: usize,
    pub footer_rows: usize,
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
    /// The first few skipped rows: (row, partner it repeats).
    pub skipped_rows: Vec<(usize, String)>,
    /// Rows left out (with `skip_invalid`, or chosen): (row, why); `left_out` counts them all.
    pub left_out_rows: Vec<(usize, String)>,
    pub left_out: usize,
    /// What the vocabulary columns' values became, where not a list word as written.
    pub values: Vec<ValueUse>,
    /// Partners `update` changed, with the fields it changed (the first few).
    pub changes: Vec<(String, Vec<&'static str>)>,
    /// How numeric dates were read when the file settled it: the order and the cell that shows.
    pub dates: Option<(DayMonth, usize, String)>,
}

/// Reads `path` and imports its partners into `workbook` as `options` say.
pub fn import_partners(
    workbook: &mut Workbook,
    path: &Path,
    options: &ImportOptions,
) -> Result<CsvImport, ExchangeError> {
    import_partners_reporting(workbook, path, options, None)
}

/// `import_partners`, telling `sink` (the app's gauge) how many bytes of the file are read
/// instead of drawing on stderr.
pub fn import_partners_reporting(
    workbook: &mut Workbook,
    path: &Path,
    options: &ImportOptions,
    mut sink: Option<Sink<'_>>,
) -> Result<CsvImport, ExchangeError> {
    let mut options = options.clone();
    loop {
        let pass = match sink.as_mut() {
            Some(sink) => {
                let mut forward = |done, total| sink(done, total);
                one_pass(workbook, path, &options, Some(&mut forward))?
            }
            None => one_pass(workbook, path, &options, None)?,
        };
        match pass {
            Pass::Done(report) => return Ok(*report),
            // The file's own dates settled the order: read them all that way.
            Pass::Again(order) => options.day_month = Some(order),
        }
    }
}

enum Pass {
    Done(Box<CsvImport>),
    Again(DayMonth),
}

/// What the file says about its numeric dates' order.
#[derive(Debug, Default)]
struct DateEvidence {
    ambiguous: usize,
    day_first: Option<(usize, String)>,
    month_first: Option<(usize, String)>,
}

impl DateEvidence {
    fn settled(&self) -> Option<(DayMonth, usize, String)> {
        match (&self.day_first, &self.month_first) {
            (Some((row, text)), None) => Some((DayMonth::DayFirst, *row, text.clone())),
            (None, Some((row, text))) => Some((DayMonth::MonthFirst, *row, text.clone())),
            _ => None,
        }
    }
}

/// The problems found so far: the first `LISTED`, and how many more.
#[derive(Debug, Default)]
struct Problems {
    listed: Vec<String>,
    unlisted: usize,
}

impl Problems {
    fn note(&mut self, problem: String) {
        if self.listed.len() < LISTED {
            self.listed.push(problem);
        } else {
            self.unlisted += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

/// The state of one pass over the file.
struct Pass1<'s, 'w> {
    session: &'s mut PartnerImport<'w>,
    plan: ColumnPlan,
    values: Values,
    stages: Vec<String>,
    options: &'s ImportOptions,
    report: CsvImport,
    problems: Problems,
    dates: DateEvidence,
}

fn one_pass(
    workbook: &mut Workbook,
    path: &Path,
    options: &ImportOptions,
    sink: Option<Sink<'_>>,
) -> Result<Pass, ExchangeError> {
    let chosen = options
        .encoding
        .as_deref()
        .map(encoding::by_label)
        .transpose()
        .map_err(ExchangeError::BadInput)?;
    let mut file = input::open(path, chosen)
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
    let mut numbers = RowNumbers::default();
    numbers.next(&record, file.reader.position().line());
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    let plan = columns::plan(&headers, &options.maps, options.surface, options.dry_run)?;
    check_value_maps(workbook, &headers, &plan, &options.value_maps)?;
    let remembered = workbook.remembered_values()?;
    let stages = workbook.vocabulary(VocabularyKind::Stage)?;
    let report = CsvImport {
        delimiter: file.delimiter,
        encoding: encoding::name(file.encoding),
        encoding_guessed: file.settled == Settled::Fallback,
        headers: headers.clone(),
        columns: plan.used.clone(),
        ignored: plan.ignored.clone(),
        ..CsvImport::default()
    };
    let own_export = Register::Partners
        .columns()
        .iter()
        .map(|c| c.header)
        .eq(headers.iter().map(String::as_str));
    let values = Values::new(
        headers.len(),
        &options.value_maps,
        remembered,
        options.new_words,
        own_export,
    );
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut session =
        workbook.partner_import(&format!("import partners from {name}"), options.dry_run)?;
    let mut pass = Pass1 {
        session: &mut session,
        plan,
        values,
        stages,
        options,
        report,
        problems: Problems::default(),
        dates: DateEvidence::default(),
    };
    let mut progress = Progress::to("importing", file.size, sink);
    // Lone cells where the header has more: a report's footer if the file ends with them.
    let mut lone: Vec<(usize, String)> = Vec::new();
    file.allowance
        .record_ended(file.reader.position().byte() + file.skipped);
    loop {
        match file.reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) if file.allowance.tripped() => {
                pass.problems.note(format!(
                    "row {}: the row is larger than {} MB, which no partner needs; the file \
                     was not read further. Check that its quotes are balanced.",
                    numbers_peek(&numbers),
                    MAX_RECORD_BYTES >> 20
                ));
                break;
            }
            Err(err) => {
                pass.problems
                    .note(format!("row {}: {err}", numbers_peek(&numbers)));
                continue;
            }
        }
        let position = file.reader.position().byte();
        file.allowance.record_ended(position);
        progress.update(file.done());
        let (row, blank) = numbers.next(&record, file.reader.position().line());
        pass.report.empty_rows += blank;
        if rows::is_empty(&record) {
            pass.report.empty_rows += 1;
            continue;
        }
        if let Some(text) = rows::lone_cell(&record, headers.len()) {
            lone.push((row, text));
            continue;
        }
        for (row, _) in std::mem::take(&mut lone) {
            pass.report.rows += 1;
            pass.ragged(row, 1)?;
        }
        pass.report.rows += 1;
        if options.skip_rows.contains(&row) {
            pass.leave_out(row, "chosen to be left out".into());
            continue;
        }
        if record.len() != headers.len() {
            pass.ragged(row, record.len())?;
            continue;
        }
        pass.import_row(&record, row)?;
    }
    progress.finish();
    if rows::is_footer(&lone) {
        pass.report.footer_rows = lone.len();
    } else {
        for (row, _) in std::mem::take(&mut lone) {
            pass.report.rows += 1;
            pass.ragged(row, 1)?;
        }
    }
    if pass.dates.ambiguous > 0
        && options.day_month.is_none()
        && let Some((order, _, _)) = pass.dates.settled()
    {
        return Ok(Pass::Again(order));
    }
    pass.report.dates = pass.dates.settled().filter(|_| pass.dates.ambiguous == 0);
    if !pass.problems.is_empty() {
        let mut listed = std::mem::take(&mut pass.problems.listed);
        if pass.problems.unlisted > 0 {
            listed.push(format!("… and {} more problems", pass.problems.unlisted));
        }
        return Err(ExchangeError::Problems(listed));
    }
    pass.values.add_words(&mut *pass.session)?;
    pass.values.remember(&mut *pass.session)?;
    pass.report.values = pass.values.mapped();
    let report = std::mem::take(&mut pass.report);
    session.commit()?;
    Ok(Pass::Done(Box::new(report)))
}

/// The row the reader is at when it cannot read a record (the one after the last it read).
fn numbers_peek(numbers: &RowNumbers) -> String {
    format!("{}", numbers.last() + 1)
}

/// Refuses `--map-value` choices that name a column the file lacks or a word its list lacks.
fn check_value_maps(
    workbook: &Workbook,
    headers: &[String],
    plan: &ColumnPlan,
    maps: &[ValueMap],
) -> Result<(), ExchangeError> {
    use crate::plan::crm_headers::fold;
    use crate::plan::crm_values::{ValueChoice, kind_of};
    for map in maps {
        let column = headers
            .iter()
            .position(|h| fold(h) == fold(&map.column))
            .and_then(|at| plan.fields[at]);
        let Some(kind) = column.and_then(kind_of) else {
            return Err(ExchangeError::BadInput(format!(
                "--map-value names a column {:?} that holds no type, stage, tier, sector or \
                 region in this file; use one of its columns that does: {}.",
                map.column,
                plan.used
                    .iter()
                    .filter(|(_, f)| kind_of(*f).is_some())
                    .map(|(h, _)| h.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        };
        if let ValueChoice::Word(word) = &map.choice {
            let words = workbook.vocabulary(kind)?;
            if !words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
                return Err(ExchangeError::BadInput(format!(
                    "--map-value {:?}: {word:?} is not in the {} list ({}); write =+ to add \
                     the value as a new word, or = to leave it empty.",
                    format!("{}:{}", map.column, map.value),
                    kind.word(),
                    words.join(", ")
                )));
            }
        }
    }
    Ok(())
}
