//! `partnerplan report`: its flags, the settings they make, and writing the report whole.

use std::io::Write;
use std::path::PathBuf;

use super::{Failure, day_or_today, exit};
use crate::config::Config;
use crate::exchange::report::audience::{Audience, Redaction};
use crate::exchange::report::{
    Paper, PrintSetup, ReportFormat, ReportSettings, pdf, render, write_whole,
};
use crate::plan::money::RoiPeriod;
use crate::workbook::{OpenOptions, Workbook};

/// The flags of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    pub workbook: PathBuf,
    /// report.html or report.md (the extension picks the format); without it, HTML goes to
    /// standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's date, YYYY-MM-DD (default: today); KPI status is judged on it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Add "Changes since" the snapshot with this label (`snapshot --list` lists them).
    #[arg(long, value_name = "LABEL")]
    pub since: Option<String>,
    /// The paper the printed report is laid out for: a4 (default) or letter.
    #[arg(long, value_name = "a4|letter", default_value = "a4")]
    pub paper: String,
    /// A confidentiality line for the cover and every printed page's footer, e.g.
    /// "Confidential: prepared for the Acme board".
    #[arg(long, value_name = "TEXT")]
    pub confidential: Option<String>,
    /// The days the ROI covers: a year (2026) or all, this-year, last-12-months, this-quarter,
    /// last-year (default: this-year, as the Metrics tab opens).
    #[arg(long, value_name = "YEAR|NAME", conflicts_with_all = ["from", "to"])]
    pub period: Option<String>,
    /// The ROI's first day, YYYY-MM-DD (with or without --to).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// The ROI's last day, YYYY-MM-DD (with or without --from).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
    #[command(flatten)]
    pub audience: AudienceFlags,
}

/// Who a deliverable (report, XLSX, CSV) is for: `--audience`, `--partner`, `--shareable`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AudienceFlags {
    /// Who it is for: internal (everything, the default), client (the board pack: no fit
    /// scores of declined or gated-out partners, partners in risks by their type) or partner
    /// (with --partner: what that partner may see under the data-sharing protocols).
    #[arg(
        long,
        value_name = "internal|client|partner",
        default_value = "internal"
    )]
    pub audience: String,
    /// The partner a partner's pack is for (with --audience partner).
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// A partner that a client's pack may name in its risks (repeat for more).
    #[arg(long, value_name = "NAME")]
    pub shareable: Vec<String>,
}

impl AudienceFlags {
    /// The audience and its shareable partners, or a sentence saying what is wrong.
    pub fn redaction(&self) -> Result<Redaction, Failure> {
        let audience =
            Audience::parse(&self.audience, self.partner.as_deref()).map_err(Failure::bad_input)?;
        Ok(Redaction {
            audience,
            shareable: self.shareable.clone(),
        })
    }

    /// A partner's name checked against `wb`: an unknown one is refused with the names that
    /// hold it.
    pub fn check(&self, wb: &Workbook) -> Result<(), Failure> {
        match &self.partner {
            Some(name) => wb
                .partner_named(name)
                .map(|_| ())
                .map_err(Failure::bad_input),
            None => Ok(()),
        }
    }

    /// Anything but the default audience was asked for.
    pub fn any(&self) -> bool {
        !self.audience.trim().eq_ignore_ascii_case("internal")
            || self.partner.is_some()
            || !self.shareable.is_empty()
    }
}

/// The ROI's period from `--period` or `--from`/`--to`; the Metrics tab's default without them.
pub fn roi_period(
    period: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<RoiPeriod, Failure> {
    let day = |flag: &str, text: Option<&str>| -> Result<Option<jiff::civil::Date>, Failure> {
        text.map(|t| {
            crate::plan::shape::parse_iso_date(t.trim()).ok_or_else(|| {
                Failure::bad_input(format!(
                    "{flag} {t:?} is not a date; write it as YYYY-MM-DD, e.g. {flag} 2026-01-01."
                ))
            })
        })
        .transpose()
    };
    match (period, from, to) {
        (Some(word), _, _) => RoiPeriod::parse(word).map_err(Failure::bad_input),
        (None, None, None) => Ok(RoiPeriod::default()),
        (None, from, to) => {
            let (from, to) = (day("--from", from)?, day("--to", to)?);
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                return Err(Failure::bad_input(format!(
                    "--from {f} is after --to {t}; give the earlier day with --from."
                )));
            }
            Ok(RoiPeriod::Between(from, to))
        }
    }
}

/// The format from the output's extension and the flags (checked before the workbook is
/// opened), the workbook opened read-only, the report written whole or not at all.
pub fn report(args: &ReportArgs, config: &Config) -> Result<(), Failure> {
    let output = args.output.as_deref();
    let format = match output {
        Some(output) => ReportFormat::for_path(output).map_err(Failure::bad_input)?,
        None => ReportFormat::Html,
    };
    let paper = Paper::parse(&args.paper).map_err(Failure::bad_input)?;
    let redaction = args.audience.redaction()?;
    // Found before any work, so a missing browser costs nothing.
    let browser = match format {
        ReportFormat::Pdf => {
            Some(pdf::find_browser().ok_or_else(|| Failure::bad_input(pdf::NO_BROWSER))?)
        }
        _ => None,
    };
    let date = day_or_today(args.date.as_deref())?;
    let period = roi_period(
        args.period.as_deref(),
        args.from.as_deref(),
        args.to.as_deref(),
    )?;
    let settings = ReportSettings {
        date,
        bands: config.bands(),
        currency: crate::plan::money::Currency::or_default(&config.currency),
        overload_threshold: config.overload_threshold,
        since: args.since.clone(),
        print: PrintSetup {
            paper,
            confidential: args.confidential.clone().unwrap_or_default(),
        },
        period,
        redaction,
    };
    let options = OpenOptions {
        read_only: true,
        create_if_missing: false,
    };
    let wb = Workbook::open(&args.workbook, options)?;
    args.audience.check(&wb)?;
    if let Some(label) = &args.since {
        crate::exchange::since::find(&wb, label)
            .map_err(|err| Failure::bad_input(err.message()))?;
    }
    let text = render(&wb, &settings, format).map_err(|err| Failure {
        code: exit::INTERNAL,
        message: format!("the report could not be written: {err:#}"),
    })?;
    match (output, browser) {
        (Some(output), Some(browser)) => print_pdf(&browser, &text, output),
        (None, _) => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|err| Failure::bad_input(format!("cannot write the report: {err}"))),
        (Some(output), None) => {
            write_whole(output, |partial| std::fs::write(partial, text.as_bytes())).map_err(|err| {
                Failure::bad_input(format!(
                    "cannot write {}: {err}. Check the folder exists and you may write there.",
                    output.display()
                ))
            })
        }
    }
}

/// The page written beside the PDF (hidden, removed after), printed by `browser` into the PDF's
/// partial file and renamed into place: a reader never meets half a PDF.
fn print_pdf(
    browser: &std::path::Path,
    page: &str,
    output: &std::path::Path,
) -> Result<(), Failure> {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let html = output.with_file_name(format!(".{name}.print.html"));
    std::fs::write(&html, page.as_bytes()).map_err(|err| {
        Failure::bad_input(format!(
            "cannot write {}: {err}. Check the folder exists and you may write there.",
            html.display()
        ))
    })?;
    let mut printed = Ok(());
    let written = write_whole(output, |partial| {
        printed = pdf::print(browser, &html, partial);
        printed
            .as_ref()
            .map_err(|message| std::io::Error::other(message.clone()))
            .map(|_| ())
    });
    let _ = std::fs::remove_file(&html);
    printed.map_err(Failure::bad_input)?;
    written.map_err(|err| {
        Failure::bad_input(format!(
            "cannot write {}: {err}. Check the folder exists and you may write there.",
            output.display()
        ))
    })
}
