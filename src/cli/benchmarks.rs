//! `partnerplan benchmarks import|export|derive`: a library of KPI benchmark bands carried
//! between clients — bands matched into a workbook's KPIs by id or name, a workbook's bands
//! written out, and anonymised bands derived from the consultant's own workbooks (counts only,
//! never a client's name; only KPIs of the same name, unit and definition compare).

mod library;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::Failure;
use crate::plan::kpi::benchmark::{DERIVE_MIN, derive_band, number_words};
use crate::plan::kpi::{Direction, KpiBenchmark};
use crate::plan::text::clean;
use crate::workbook::{KpiBenchmarkLine, OpenOptions, Workbook};
use library::{FORMAT, Library, LibraryEntry, VERSION, slug};

#[derive(Debug, Subcommand)]
pub enum BenchmarksCommand {
    /// Match a library's bands to the workbook's KPIs (by id, else by name) and save them as one
    /// undoable change; --dry-run only says what would match.
    Import {
        file: PathBuf,
        workbook: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the workbook's KPI bands as a library file (refused when the file exists).
    Export { workbook: PathBuf, file: PathBuf },
    /// Build an anonymised band per KPI from your own workbooks: quartiles and median of each
    /// workbook's latest value, for KPIs of the same name, unit and definition, from at least
    /// three workbooks; no workbook, client or partner is named.
    Derive {
        out: PathBuf,
        #[arg(required = true, num_args = 1..)]
        workbooks: Vec<PathBuf>,
    },
}

pub fn run(command: BenchmarksCommand) -> Result<(), Failure> {
    match command {
        BenchmarksCommand::Import {
            file,
            workbook,
            dry_run,
        } => import(&file, &workbook, dry_run),
        BenchmarksCommand::Export { workbook, file } => export(&workbook, &file),
        BenchmarksCommand::Derive { out, workbooks } => derive(&out, &workbooks),
    }
}

fn read_only(path: &Path) -> Result<Workbook, Failure> {
    Ok(Workbook::open(
        path,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )?)
}

fn lines_of(wb: &Workbook) -> Result<Vec<KpiBenchmarkLine>, Failure> {
    wb.kpi_benchmark_lines().map_err(Failure::internal)
}

/// Writes `text` to `file`, never over an existing file.
fn write_new(file: &Path, text: &str) -> Result<(), Failure> {
    if std::fs::symlink_metadata(file).is_ok() {
        return Err(Failure::bad_input(format!(
            "{} exists already; name a new file, or move that one away first. Nothing was \
             written.",
            file.display()
        )));
    }
    std::fs::write(file, text).map_err(|err| {
        Failure::bad_input(format!(
            "cannot write {}: {err}. Check the folder exists and you may write there.",
            file.display()
        ))
    })
}

/// Writes `benchmarks` as a new library file.
fn write_library(file: &Path, benchmarks: Vec<LibraryEntry>) -> Result<(), Failure> {
    let library = Library {
        format: FORMAT.into(),
        version: VERSION,
        benchmarks,
    };
    let text = library::render(&library).map_err(|e| Failure::internal(anyhow::anyhow!(e)))?;
    write_new(file, &text)
}

/// How an entry met a KPI, or why it did not.
enum Match {
    Matched { kpi: usize, by: &'static str },
    Skipped(String),
    Missing,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The KPI `entry` is for: the one holding its id, else the one of its name; refused when the
/// units or the definitions differ (a band of another measure would mislead).
fn match_entry(entry: &LibraryEntry, lines: &[KpiBenchmarkLine]) -> Match {
    let by_id = (!entry.id.trim().is_empty())
        .then(|| {
            lines
                .iter()
                .position(|l| same(&l.record.benchmark.key, &entry.id))
        })
        .flatten();
    let (kpi, by) = match by_id {
        Some(i) => (i, "by id"),
        None => match lines
            .iter()
            .position(|l| same(&l.record.kpi.name, &entry.kpi))
        {
            Some(i) => (i, "by name"),
            None => return Match::Missing,
        },
    };
    let record = &lines[kpi].record;
    if !entry.unit.trim().is_empty()
        && !record.kpi.unit.trim().is_empty()
        && !same(&entry.unit, &record.kpi.unit)
    {
        return Match::Skipped(format!(
            "its unit is {} and the KPI's is {}",
            clean(entry.unit.trim()),
            clean(record.kpi.unit.trim())
        ));
    }
    let theirs = &record.benchmark.definition;
    if !entry.definition.trim().is_empty()
        && !theirs.trim().is_empty()
        && !same(&entry.definition, theirs)
    {
        return Match::Skipped(
            "its definition differs from the KPI's (give both the same definition if they \
             measure the same thing)"
                .to_string(),
        );
    }
    Match::Matched { kpi, by }
}

fn import(file: &Path, path: &Path, dry_run: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|err| Failure::bad_input(format!("cannot read {}: {err}.", file.display())))?;
    let library = library::read(&text).map_err(|why| {
        Failure::bad_input(format!(
            "{} cannot be imported; nothing was changed: {why}",
            file.display()
        ))
    })?;
    let mut wb = if dry_run {
        read_only(path)?
    } else {
        Workbook::open(
            path,
            OpenOptions {
                read_only: false,
                create_if_missing: false,
            },
        )?
    };
    let lines = lines_of(&wb)?;
    let mut chosen: BTreeMap<i64, KpiBenchmark> = BTreeMap::new();
    let mut report = Vec::new();
    let mut unmatched = Vec::new();
    for entry in &library.benchmarks {
        let name = clean(entry.kpi.trim()).into_owned();
        match match_entry(entry, &lines) {
            Match::Matched { kpi, by } => {
                let record = &lines[kpi].record;
                let mut band = entry.benchmark();
                if band.definition.is_empty() {
                    band.definition = record.benchmark.definition.clone();
                }
                if band.key.is_empty() {
                    band.key = slug(&entry.kpi);
                }
                report.push(format!(
                    "  {} ← {name} ({by}): {} {} — source: {}",
                    clean(&record.kpi.name),
                    band.band_text(),
                    clean(&record.kpi.unit),
                    clean(&band.source)
                ));
                chosen.insert(record.id, band);
            }
            Match::Skipped(why) => unmatched.push(format!("  {name}: not used, {why}.")),
            Match::Missing => {
                unmatched.push(format!("  {name}: no KPI of that name or id in this plan."))
            }
        }
    }
    let verb = if dry_run { "would match" } else { "matched" };
    println!(
        "{} of {} {verb}:",
        chosen.len(),
        crate::plan::numbers::count_of(library.benchmarks.len(), "benchmark", "benchmarks")
    );
    for line in &report {
        println!("{line}");
    }
    if !unmatched.is_empty() {
        println!("Left out:");
        for line in &unmatched {
            println!("{line}");
        }
    }
    if dry_run {
        println!("Nothing was written (--dry-run).");
        return Ok(());
    }
    if !chosen.is_empty() {
        let bands: Vec<(i64, KpiBenchmark)> = chosen.into_iter().collect();
        wb.apply_kpi_benchmarks(&bands, "import KPI benchmarks")
            .map_err(Failure::internal)?;
        println!("Saved as one change: undo in the app takes it back.");
    }
    Ok(())
}

fn entry_of(line: &KpiBenchmarkLine) -> LibraryEntry {
    let kpi = &line.record.kpi;
    let b = &line.record.benchmark;
    LibraryEntry {
        id: if b.key.is_empty() {
            slug(&kpi.name)
        } else {
            b.key.clone()
        },
        kpi: kpi.name.clone(),
        unit: kpi.unit.clone(),
        direction: kpi.direction.word().to_string(),
        definition: b.definition.clone(),
        low: b.low,
        typical: b.typical,
        high: b.high,
        peer_group: b.peer_group.clone(),
        source: b.source.clone(),
        as_of: b.as_of.clone(),
        example: false,
        workbooks: None,
    }
}

fn export(path: &Path, file: &Path) -> Result<(), Failure> {
    let wb = read_only(path)?;
    let benchmarks: Vec<LibraryEntry> = lines_of(&wb)?
        .iter()
        .filter(|l| l.record.benchmark.has_band())
        .map(entry_of)
        .collect();
    if benchmarks.is_empty() {
        return Err(Failure::bad_input(format!(
            "{} has no KPI with a benchmark band, so there is nothing to export. Give a KPI a \
             band in its form (Metrics tab, e) or import a library first.",
            path.display()
        )));
    }
    let count = benchmarks.len();
    write_library(file, benchmarks)?;
    println!(
        "Wrote {} to {}.",
        crate::plan::numbers::count_of(count, "benchmark", "benchmarks"),
        file.display()
    );
    Ok(())
}

/// The KPIs of several workbooks that compare: same name, unit and definition.
#[derive(Debug, Default)]
struct Group {
    name: String,
    unit: String,
    definition: String,
    directions: Vec<Direction>,
    /// One latest value per workbook.
    values: Vec<f64>,
}

fn derive(out: &Path, paths: &[PathBuf]) -> Result<(), Failure> {
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(Failure::bad_input(format!(
            "{} exists already; name a new file for the derived library. Nothing was written.",
            out.display()
        )));
    }
    let mut groups: BTreeMap<(String, String, String), Group> = BTreeMap::new();
    let mut undefined = 0;
    for path in paths {
        let wb = read_only(path)?;
        let mut seen = std::collections::BTreeSet::new();
        for line in lines_of(&wb)? {
            let kpi = &line.record.kpi;
            let definition = line.record.benchmark.definition.trim();
            if definition.is_empty() {
                undefined += 1;
                continue;
            }
            let Some(value) = line.latest else { continue };
            let key = (
                kpi.name.trim().to_lowercase(),
                kpi.unit.trim().to_lowercase(),
                definition.to_lowercase(),
            );
            // One value per workbook, whatever it holds twice.
            if !seen.insert(key.clone()) {
                continue;
            }
            let group = groups.entry(key).or_insert_with(|| Group {
                name: kpi.name.trim().to_string(),
                unit: kpi.unit.trim().to_string(),
                definition: definition.to_string(),
                ..Group::default()
            });
            group.values.push(value);
            group.directions.push(kpi.direction);
        }
    }
    let today = jiff::Zoned::now().date();
    let mut benchmarks = Vec::new();
    let mut too_few = 0;
    for group in groups.values() {
        let Some([low, typical, high]) = derive_band(&group.values) else {
            too_few += 1;
            continue;
        };
        let n = group.values.len();
        let direction = match group.directions.first() {
            Some(d) if group.directions.iter().all(|x| x == d) => d.word().to_string(),
            _ => String::new(),
        };
        benchmarks.push(LibraryEntry {
            id: slug(&group.name),
            kpi: group.name.clone(),
            unit: group.unit.clone(),
            direction,
            definition: group.definition.clone(),
            low: Some(low),
            typical: Some(typical),
            high: Some(high),
            peer_group: format!("{n} of your own client workbooks"),
            source: format!(
                "Derived by partnerplan from {n} workbooks on {today}: quartiles and median of \
                 each one's latest value"
            ),
            as_of: Some(today.to_string()),
            example: false,
            workbooks: Some(n as i64),
        });
    }
    let count = benchmarks.len();
    for b in &benchmarks {
        println!(
            "  {}: {} / {} / {} {} from {} workbooks",
            clean(&b.kpi),
            number_words(b.low.unwrap_or_default()),
            number_words(b.typical.unwrap_or_default()),
            number_words(b.high.unwrap_or_default()),
            clean(&b.unit),
            b.workbooks.unwrap_or_default()
        );
    }
    if too_few > 0 {
        println!(
            "{} left out: fewer than {DERIVE_MIN} workbooks measure {} the same way, and a band \
             from fewer could be read back to one client.",
            crate::plan::numbers::count_of(too_few, "KPI", "KPIs"),
            if too_few == 1 { "it" } else { "them" }
        );
    }
    if undefined > 0 {
        println!(
            "{} without a definition left out: give the KPI a definition (Metrics tab, e) so \
             only like is compared with like.",
            crate::plan::numbers::count_of(undefined, "KPI", "KPIs")
        );
    }
    if benchmarks.is_empty() {
        return Err(Failure::bad_input(format!(
            "no KPI is measured the same way (name, unit and definition) in at least \
             {DERIVE_MIN} of the {} workbooks, so no band was derived and nothing was written.",
            paths.len()
        )));
    }
    write_library(out, benchmarks)?;
    println!(
        "Wrote {} to {} (counts only; no workbook, client or partner is named).",
        crate::plan::numbers::count_of(count, "band", "bands"),
        out.display()
    );
    Ok(())
}
