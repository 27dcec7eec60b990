//! `partnerplan agenda WB --forum NAME`: a governance forum's meeting agenda, written from the
//! plan as Markdown or HTML, to a file (`-o`) or standard output. Opens the workbook read-only.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{Failure, day_or_today, exit};
use crate::config::Config;
use crate::exchange::agenda::{AgendaFormat, AgendaSettings, gather, meeting_day, render};
use crate::exchange::report::write_whole;
use crate::plan::money::Currency;
use crate::plan::shape::parse_iso_date;
use crate::workbook::{OpenOptions, Workbook};

/// The flags of `agenda`.
#[derive(Debug, Clone, Args)]
pub struct AgendaArgs {
    pub workbook: PathBuf,
    /// The forum whose meeting it is, by name (case aside).
    #[arg(long, value_name = "NAME")]
    pub forum: String,
    /// The meeting's day, YYYY-MM-DD (default: the forum's next meeting on or after today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// md (default) or html; without it, the output file's extension decides.
    #[arg(long, value_name = "md|html")]
    pub format: Option<String>,
    /// Write here instead of to standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The format asked for: `--format`, else the output's extension, else Markdown; a clash or an
/// extension that names neither is refused.
fn format_of(args: &AgendaArgs) -> Result<AgendaFormat, Failure> {
    let asked = args
        .format
        .as_deref()
        .map(AgendaFormat::parse)
        .transpose()
        .map_err(Failure::bad_input)?;
    let Some(output) = &args.output else {
        return Ok(asked.unwrap_or(AgendaFormat::Markdown));
    };
    match (asked, AgendaFormat::of_path(output)) {
        (Some(asked), Some(named)) if asked != named => Err(Failure::bad_input(format!(
            "--format {} and the file name {} disagree; name the file .{} or leave --format out.",
            asked.extension(),
            output.display(),
            asked.extension()
        ))),
        (Some(asked), _) => Ok(asked),
        (None, Some(named)) => Ok(named),
        (None, None) => Err(Failure::bad_input(format!(
            "{} ends in neither .md nor .html; name the file agenda.md or agenda.html, or add \
             --format md or --format html.",
            output.display()
        ))),
    }
}

pub fn agenda(args: &AgendaArgs, config: &Config) -> Result<(), Failure> {
    let format = format_of(args)?;
    let asked = match &args.date {
        Some(text) => Some(parse_iso_date(text.trim()).ok_or_else(|| {
            Failure::bad_input(format!(
                "--date takes the meeting's day as YYYY-MM-DD, like 2026-12-10; \"{}\" is not \
                 one.",
                crate::plan::text::clean(text)
            ))
        })?),
        None => None,
    };
    let wb = Workbook::open(
        &args.workbook,
        OpenOptions {
            read_only: true,
            create_if_missing: false,
        },
    )?;
    let forum = wb.forum_named(&args.forum).map_err(Failure::bad_input)?;
    let meeting = meeting_day(&forum, asked, day_or_today(None)?).map_err(Failure::bad_input)?;
    let settings = AgendaSettings {
        bands: config.bands(),
        currency: Currency::or_default(&config.currency),
    };
    let agenda = gather(&wb, &forum, meeting, &settings).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("the agenda could not be written: {err:#}"),
    })?;
    let text = render(&agenda, format);
    match &args.output {
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|err| Failure::bad_input(format!("cannot write the agenda: {err}"))),
        Some(output) => {
            write_whole(output, |partial| std::fs::write(partial, text.as_bytes())).map_err(
                |err| {
                    Failure::bad_input(format!(
                        "cannot write {}: {err}. Check the folder exists and you may write there.",
                        output.display()
                    ))
                },
            )?;
            println!(
                "Wrote the agenda of {} for {meeting} to {}.",
                crate::plan::text::clean(&forum.forum.name),
                output.display()
            );
            Ok(())
        }
    }
}
