//! Exports run on a thread of their own through a read-only connection of their own (a reader
//! does not need the app's writer lock), telling the app's gauge how far they got over a channel.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::exchange::report::disclosure::Disclosure;
use crate::exchange::report::{ReportFormat, ReportSettings, render, write_whole};
use crate::exchange::{csv, toml, xlsx};
use crate::plan::numbers::count_of;
use crate::tui::widgets::exchange_format::ExchangeFormat;
use crate::workbook::{FileStamp, KnownSound, OpenOptions, Register, Workbook, no_hand_off};

/// What the worker tells the app.
#[derive(Debug)]
pub enum Message {
    Progress(u64, u64),
    /// The lines of the result, or of why nothing was written.
    Finished(Result<Vec<String>, Vec<String>>),
}

/// Starts exporting `source` as `format` to `target`; the receiver hears progress, then the end.
/// `sound` is the app's stamp of a file it knows sound (`Workbook::sound_stamp`): the export
/// opens such a file after its header and schema checks alone, while it is still as stamped.
pub fn spawn(
    source: PathBuf,
    sound: Option<FileStamp>,
    format: ExchangeFormat,
    target: PathBuf,
    settings: ReportSettings,
    lineage: Option<String>,
) -> Receiver<Message> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let known = sound.map(KnownSound::only).unwrap_or_default();
        let result = export(
            &source,
            &known,
            format,
            &target,
            &settings,
            lineage.as_deref(),
            &tx,
        );
        let _ = tx.send(Message::Finished(result));
    });
    rx
}

fn export(
    source: &Path,
    known: &KnownSound,
    format: ExchangeFormat,
    target: &Path,
    settings: &ReportSettings,
    lineage: Option<&str>,
    tx: &Sender<Message>,
) -> Result<Vec<String>, Vec<String>> {
    let options = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    // Read whole at 1M partners this took seconds before anything was written; the app's own
    // file, unchanged since it knew it sound, needs only what no write of the app can alter.
    let wb = Workbook::open_known(source, options, known).map_err(|err| vec![format!("{err}")])?;
    let mut sink = |done, total| {
        let _ = tx.send(Message::Progress(done, total));
    };
    let name = target.file_name().map_or_else(
        || target.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut warnings: Vec<String> = Vec::new();
    let written = match format {
        ExchangeFormat::Toml => {
            sink(0, 2);
            if lineage.is_none() {
                warnings.push(no_hand_off(&wb.file_name()));
            }
            // A record at a time, from the file to the disk: memory does not grow with the plan.
            let mut records = 0;
            write_whole(target, |partial| {
                let mut out = std::io::BufWriter::new(std::fs::File::create(partial)?);
                records =
                    toml::write_plan(&wb, lineage, &mut out).map_err(std::io::Error::other)?;
                out.into_inner()
                    .map_err(std::io::IntoInnerError::into_error)?
                    .sync_all()
            })
            .map_err(unwritable(target))?;
            sink(1, 2);
            format!(
                "Wrote the whole workbook as text to {name}: {}.",
                count_of(records, "record", "records")
            )
        }
        ExchangeFormat::Csv(register) => {
            let disclosure = Disclosure::of(&wb, &settings.redaction).map_err(failed(target))?;
            let mut rows = 0;
            write_whole(target, |partial| {
                let mut out = BufWriter::new(File::create(partial)?);
                rows = csv::export_reporting(
                    &wb,
                    register,
                    &mut out,
                    Some(&mut sink),
                    csv::CsvDialect::default(),
                    &disclosure,
                )
                .map_err(io::Error::other)?;
                out.into_inner().map_err(|err| err.into_error())?.sync_all()
            })
            .map_err(unwritable(target))?;
            let (one, many) = match register {
                Register::Partners => ("partner", "partners"),
                Register::Risks => ("risk", "risks"),
                Register::Kpis => ("KPI", "KPIs"),
            };
            format!("Wrote {} to {name}.", count_of(rows as usize, one, many))
        }
        ExchangeFormat::Xlsx => {
            let disclosure = Disclosure::of(&wb, &settings.redaction).map_err(failed(target))?;
            xlsx::export_xlsx_reporting(
                &wb,
                target,
                &settings.bands,
                settings.date,
                &disclosure,
                Some(&mut sink),
            )
            .map_err(failed(target))?;
            format!("Wrote every register to {name}, a sheet each.")
        }
        ExchangeFormat::ReportHtml
        | ExchangeFormat::ReportMarkdown
        | ExchangeFormat::ReportClient
        | ExchangeFormat::ReportPartner => {
            let report = if format == ExchangeFormat::ReportMarkdown {
                ReportFormat::Markdown
            } else {
                ReportFormat::Html
            };
            let mut settings = settings.clone();
            if format == ExchangeFormat::ReportClient {
                settings.redaction.audience = crate::exchange::report::audience::Audience::Client;
            }
            sink(0, 2);
            let text = render(&wb, &settings, report).map_err(failed(target))?;
            sink(1, 2);
            write_whole(target, |partial| std::fs::write(partial, text.as_bytes()))
                .map_err(unwritable(target))?;
            let whose = match format {
                ExchangeFormat::ReportClient => "the client's report",
                ExchangeFormat::ReportPartner => "the partner's pack",
                _ => "the report",
            };
            format!("Wrote {whose} to {name}.")
        }
        ExchangeFormat::MergeToml | ExchangeFormat::CsvPartners(_) => {
            return Err(vec![
                "An import cannot run as an export; choose it again.".into(),
            ]);
        }
    };
    let folder = target.parent().unwrap_or(Path::new("/")).display();
    let mut lines = vec![written, format!("It is in {folder}.")];
    lines.extend(warnings);
    Ok(lines)
}

/// A failure while reading the workbook or building the file: nothing was written.
fn failed(target: &Path) -> impl Fn(anyhow::Error) -> Vec<String> + '_ {
    move |err| {
        vec![format!(
            "{} was not written: {err:#}. Nothing was changed; try again, or report the problem.",
            target.display()
        )]
    }
}

fn unwritable(target: &Path) -> impl Fn(io::Error) -> Vec<String> + '_ {
    move |err| {
        vec![format!(
            "Cannot write {} ({err}). Check that you may write in that folder, or choose another.",
            target.display()
        )]
    }
}
