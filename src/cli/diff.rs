//! `partnerplan diff A B`: opening both plans (workbook or TOML), the output format from the
//! name or `--markdown`, and the messages and exit codes when a file cannot be compared.

use std::io::Write;
use std::path::Path;

use super::{Failure, day_or_today, exit};
use crate::config::Config;
use crate::exchange::ExchangeError;
use crate::exchange::diff::{DiffSettings, compare, render_markdown, render_text};
use crate::exchange::plan_file::PlanFile;
use crate::plan::money::Currency;

/// The flags of `diff`.
#[derive(Debug, Clone, Copy)]
pub struct DiffRequest<'a> {
    pub output: Option<&'a Path>,
    pub markdown: bool,
    pub date: Option<&'a str>,
}

pub fn diff(
    before: &Path,
    after: &Path,
    request: &DiffRequest<'_>,
    config: &Config,
) -> Result<(), Failure> {
    let settings = settings(request, config)?;
    let old = PlanFile::open(before).map_err(|err| failure(before, err))?;
    let new = PlanFile::open(after).map_err(|err| failure(after, err))?;
    let mut report = compare(&old.workbook, &new.workbook, &settings).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("the comparison could not be finished: {err:#}"),
    })?;
    // Called as the user named them, not by a TOML file's temporary workbook.
    report.before = before.display().to_string();
    report.after = after.display().to_string();
    write(&report, request)
}

/// `partnerplan diff WORKBOOK --since LABEL`: what changed since a snapshot kept inside it.
pub fn diff_since(
    workbook: &Path,
    label: &str,
    request: &DiffRequest<'_>,
    config: &Config,
) -> Result<(), Failure> {
    let settings = settings(request, config)?;
    let wb = crate::workbook::Workbook::open(
        workbook,
        crate::workbook::OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )?;
    let snapshot =
        crate::exchange::since::find(&wb, label).map_err(|err| failure(workbook, err))?;
    let report = crate::exchange::since::changes_since(&wb, &snapshot, &settings)
        .map_err(|err| failure(workbook, err))?;
    write(&report, request)
}

/// What comparing depends on besides the plans: the config's bands and currency, the day.
fn settings(request: &DiffRequest<'_>, config: &Config) -> Result<DiffSettings, Failure> {
    Ok(DiffSettings {
        bands: config.bands(),
        currency: Currency::or_default(&config.currency),
        today: day_or_today(request.date)?,
    })
}

/// Writes the change list as text or Markdown (from `--markdown` or the output's name).
fn write(
    report: &crate::plan::changes::ChangeReport,
    request: &DiffRequest<'_>,
) -> Result<(), Failure> {
    let markdown = request.markdown || request.output.is_some_and(is_markdown_name);
    let text = if markdown {
        render_markdown(report)
    } else {
        render_text(report)
    };
    let Some(output) = request.output else {
        return std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|err| Failure::bad_input(format!("cannot write the changes: {err}")));
    };
    crate::exchange::report::write_whole(output, |partial| std::fs::write(partial, &text))
        .map_err(|err| {
            Failure::bad_input(format!(
                "cannot write {}: {err}. Check the folder exists and you may write there.",
                output.display()
            ))
        })?;
    println!(
        "{} Wrote the list to {}.",
        report.summary(),
        output.display()
    );
    Ok(())
}

fn is_markdown_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Why `file` cannot be compared, with the exit code DESIGN §6 gives it.
fn failure(file: &Path, err: ExchangeError) -> Failure {
    super::interchange::exchange_failure(
        file,
        err,
        "compared",
        "Fix them in the file, or export it again with partnerplan export --format toml.",
    )
}
