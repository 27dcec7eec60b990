//! Export and import in the app: the path popup, exports on a worker thread behind a progress
//! gauge, imports through the app's own workbook (one step), and the result in a popup.

mod options;
mod preview;
mod worker;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;

use super::{App, Popup};
use crate::exchange::ExchangeError;
use crate::exchange::csv::{
    CsvImport, ImportOptions, OnDuplicate, Surface, import_partners_reporting,
};
use crate::exchange::receive::Received;
use crate::exchange::report::ReportSettings;
use crate::exchange::report::audience::Audience;
use crate::plan::merge::Side;
use crate::plan::money::Currency;
use crate::plan::numbers::count_of;
use crate::tui::action::Action;
use crate::tui::settings::Settings;
use crate::tui::widgets::exchange_format::ExchangeFormat;
use crate::tui::widgets::import_preview::ImportPreview;
use crate::tui::widgets::merge_review::MergeReview;
use crate::tui::widgets::notice::Notice;
use crate::tui::widgets::path_prompt::{PathPrompt, PromptStep};
use crate::tui::widgets::progress::ProgressPopup;
use crate::workbook::merge::Choices;
pub use options::ExportOptions;
use options::{OptionsStep, ReportChoices};
use worker::Message;

const READ_ONLY: &str =
    "Read-only: nothing can be imported (reopen without --read-only to import).";

/// Draws a frame with the gauge painted by the given painter over the last frame.
pub type Redraw<'a> = dyn FnMut(&dyn Fn(&mut Buffer)) + 'a;

/// What export and import need beyond the workbook, and the work under way.
pub(super) struct ExchangeState {
    /// Where relative file names start: the current directory, unless set (tests).
    dir: Option<PathBuf>,
    settings: Settings,
    export: Option<Receiver<Message>>,
    import: Option<PendingImport>,
}

/// An import waiting for the event loop to draw its gauge first.
struct PendingImport {
    format: ExchangeFormat,
    path: PathBuf,
    /// A CSV import's step: its preview (a dry run) or the import itself.
    csv: CsvStep,
}

enum CsvStep {
    /// Make the preview with these choices, its selection on this line.
    Preview(Box<ImportOptions>, usize),
    Import(Box<ImportOptions>),
}

impl ExchangeState {
    pub(super) fn new(settings: &Settings) -> ExchangeState {
        ExchangeState {
            dir: None,
            settings: settings.clone(),
            export: None,
            import: None,
        }
    }

    /// What the report and the XLSX file depend on besides the workbook, as of today.
    fn report_settings(&self) -> ReportSettings {
        let settings = &self.settings;
        ReportSettings {
            date: settings.today(),
            bands: settings.bands,
            currency: Currency::or_default(&settings.currency),
            overload_threshold: settings.overload_threshold,
            since: None,
            print: crate::exchange::report::PrintSetup::default(),
            period: crate::plan::money::RoiPeriod::default(),
            redaction: Default::default(),
        }
    }
}

impl App {
    /// What comparing plans depends on besides the workbooks, as of today.
    pub(super) fn diff_settings(&self) -> crate::exchange::diff::DiffSettings {
        let report = self.exchange.report_settings();
        crate::exchange::diff::DiffSettings {
            bands: report.bands,
            currency: report.currency,
            today: report.date,
        }
    }

    /// Relative file names in the export and import popup start in `dir` (tests use their own).
    pub fn set_exchange_dir(&mut self, dir: PathBuf) {
        self.exchange.dir = Some(dir);
    }

    /// How long the event loop may wait for a key: short while a gauge is moving or a typed
    /// filter waits for its matches.
    pub fn poll_interval(&self) -> Duration {
        if self.filter_pending() {
            return Duration::from_millis(5);
        }
        // The Ecosystem view's network, or its figures, the risk suggestions or the live KPIs'
        // facts, worked out on a thread: shown soon after they come.
        if self.roles.network_working() || self.risks.suggestions_reading() || self.live.reading() {
            return Duration::from_millis(50);
        }
        match self.exchange.export {
            Some(_) => Duration::from_millis(50),
            None => Duration::from_millis(200),
        }
    }

    /// Opens the export or import popup (import is refused on a read-only workbook).
    pub(super) fn open_exchange(&mut self, action: Action) {
        let import = action == Action::Import;
        if import && self.workbook.is_read_only() {
            self.set_status(READ_ONLY.into(), true);
            return;
        }
        let base = self
            .exchange
            .dir
            .clone()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
        let prompt = PathPrompt::new(import, self.workbook.path(), base, home);
        self.popup = Some(Popup::Prompt(prompt));
    }

    pub(super) fn prompt_key(
        &mut self,
        mut prompt: PathPrompt,
        action: Option<Action>,
        key: &KeyEvent,
    ) {
        match prompt.handle(action, key) {
            PromptStep::Stay => self.popup = Some(Popup::Prompt(prompt)),
            PromptStep::Close => {}
            PromptStep::Run(format, path) if format.is_report() || format.is_spreadsheet() => {
                let partners = if format == ExchangeFormat::ReportPartner || format.is_spreadsheet()
                {
                    match self.workbook.partner_names_and_types() {
                        Ok(partners) => partners.into_iter().map(|(name, _)| name).collect(),
                        Err(err) => {
                            self.popup = Some(Popup::Notice(Notice::new(
                                "Nothing exported",
                                vec![format!("The partners could not be read: {err:#}")],
                            )));
                            return;
                        }
                    }
                } else {
                    Vec::new()
                };
                let options = ExportOptions::new(format, path, partners);
                self.popup = Some(Popup::ReportOptions(Box::new(options)));
            }
            PromptStep::Run(format, path) => self.start(format, path, None),
        }
    }

    pub(super) fn options_key(
        &mut self,
        mut options: Box<ExportOptions>,
        action: Option<Action>,
        key: &KeyEvent,
    ) {
        match options.handle(action, key) {
            OptionsStep::Stay => self.popup = Some(Popup::ReportOptions(options)),
            OptionsStep::Close => {}
            OptionsStep::Run(choices) => {
                let (format, path) = (options.format, options.path.clone());
                self.start(format, path, Some(choices));
            }
        }
    }

    fn start(&mut self, format: ExchangeFormat, path: PathBuf, choices: Option<ReportChoices>) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if format.is_import() {
            let popup = ProgressPopup::new("Importing", format!("Reading {name}"));
            self.popup = Some(Popup::Progress(popup));
            let options = match format {
                ExchangeFormat::CsvPartners(on_duplicate) => ImportOptions {
                    on_duplicate,
                    surface: Surface::App,
                    // What the preview proposes: rows that cannot be imported are left out.
                    skip_invalid: true,
                    ..ImportOptions::default()
                },
                _ => ImportOptions::default(),
            };
            self.exchange.import = Some(PendingImport {
                format,
                path,
                csv: CsvStep::Preview(Box::new(options), 0),
            });
            return;
        }
        let mut settings = self.exchange.report_settings();
        if let Some(choices) = choices {
            settings.period = choices.period;
            settings.print.paper = choices.paper;
            settings.print.confidential = choices.confidential;
            if let Some(partner) = choices.partner {
                settings.redaction.audience = Audience::Partner(partner);
            }
            if let Some(audience) = choices.audience {
                settings.redaction.audience = audience;
            }
        }
        let popup = ProgressPopup::new("Exporting", format!("Writing {name}"));
        self.popup = Some(Popup::Progress(popup));
        let source = self.workbook.path().to_path_buf();
        // A copy of the whole plan leaves: record the hand-off it is taken from, so it can be
        // merged back three-way when it returns.
        let lineage = match format {
            ExchangeFormat::Toml => match self.workbook.hand_off() {
                Ok(lineage) => lineage,
                Err(err) => {
                    self.popup = Some(Popup::Notice(Notice::new(
                        "Nothing exported",
                        vec![format!("Could not record the hand-off: {err:#}")],
                    )));
                    return;
                }
            },
            _ => None,
        };
        let sound = self.workbook.sound_stamp();
        self.exchange.export = Some(worker::spawn(
            source, sound, format, path, settings, lineage,
        ));
    }

    /// Takes in what the export's worker said since the last frame.
    pub(super) fn poll_export(&mut self) {
        let Some(rx) = &self.exchange.export else {
            return;
        };
        let finished = loop {
            match rx.try_recv() {
                Ok(Message::Progress(done, total)) => {
                    if let Some(Popup::Progress(popup)) = &mut self.popup {
                        popup.done = done;
                        popup.total = total;
                    }
                }
                Ok(Message::Finished(result)) => break Some(result),
                Err(TryRecvError::Empty) => break None,
                Err(TryRecvError::Disconnected) => {
                    break Some(Err(vec![
                        "The export stopped before it finished, so the file may be missing; \
                         try again."
                            .into(),
                    ]));
                }
            }
        };
        if let Some(result) = finished {
            self.exchange.export = None;
            let notice = match result {
                Ok(lines) => Notice::new("Exported", lines),
                Err(lines) => Notice::new("Nothing exported", lines),
            };
            self.popup = Some(Popup::Notice(notice));
        }
    }

    /// Whether an import waits for `run_pending_import` (the event loop calls it after drawing
    /// the gauge, so the popup is on screen while the import works).
    pub fn import_waiting(&self) -> bool {
        self.exchange.import.is_some()
    }

    /// Runs the waiting import through the app's own workbook. `redraw` is handed a painter of
    /// the gauge whenever progress moves, to draw it over the last frame.
    pub fn run_pending_import(&mut self, redraw: &mut Redraw<'_>) {
        let Some(PendingImport { format, path, csv }) = self.exchange.import.take() else {
            return;
        };
        let mut gauge = match self.popup.take() {
            Some(Popup::Progress(popup)) => popup,
            _ => ProgressPopup::new("Importing", "Reading the file"),
        };
        let (theme, keymap) = (&self.theme, &self.keymap);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let notice = match format {
            ExchangeFormat::CsvPartners(_) => {
                let mut sink = |done, total| {
                    gauge.done = done;
                    gauge.total = total;
                    redraw(&|buf: &mut Buffer| gauge.render(buf.area, buf, theme, keymap));
                };
                match csv {
                    CsvStep::Preview(options, selected) => {
                        let dry = ImportOptions {
                            dry_run: true,
                            // Listed in the preview, whether or not they will be left out.
                            skip_invalid: true,
                            ..(*options).clone()
                        };
                        let result = import_partners_reporting(
                            &mut self.workbook,
                            &path,
                            &dry,
                            Some(&mut sink),
                        );
                        match result.and_then(|report| {
                            let words = self.preview_words()?;
                            Ok(ImportPreview::new(path, *options, report, words, selected))
                        }) {
                            Ok(preview) => {
                                self.popup = Some(Popup::Preview(Box::new(preview)));
                                return;
                            }
                            Err(err) => Notice::new("Nothing imported", problem_lines(&name, err)),
                        }
                    }
                    CsvStep::Import(options) => {
                        let result = import_partners_reporting(
                            &mut self.workbook,
                            &path,
                            &options,
                            Some(&mut sink),
                        );
                        match result {
                            Ok(report) => Notice::new(
                                "Imported",
                                self.csv_lines(&name, &report, options.on_duplicate),
                            ),
                            Err(err) => Notice::new("Nothing imported", problem_lines(&name, err)),
                        }
                    }
                }
            }
            _ => {
                gauge.done = 1;
                gauge.total = 2;
                redraw(&|buf: &mut Buffer| gauge.render(buf.area, buf, theme, keymap));
                let received = crate::exchange::receive::receive(&mut self.workbook, &path);
                match received {
                    Ok(Received::Imported(report)) => {
                        Notice::new("Imported", import_lines(&name, &report))
                    }
                    Ok(Received::Merge(preview)) if preview.plan.is_empty() => Notice::new(
                        "Nothing to merge",
                        vec![
                            preview.base,
                            format!("{name} holds nothing this workbook lacks."),
                        ],
                    ),
                    Ok(Received::Merge(preview)) => {
                        self.popup = Some(Popup::Merge(MergeReview {
                            name,
                            base: preview.base,
                            conflicts: preview.conflicts,
                            uuids: preview
                                .plan
                                .conflicts
                                .iter()
                                .map(|c| c.uuid.clone())
                                .collect(),
                            changes: preview.changes,
                            plan: preview.plan,
                            choices: Choices::default(),
                            selected: 0,
                            scroll: 0,
                            message: None,
                        }));
                        return;
                    }
                    Err(err) => Notice::new("Nothing imported", problem_lines(&name, err)),
                }
            }
        };
        self.popup = Some(Popup::Notice(notice));
        self.after_import();
    }

    /// A key in the merge review.
    pub(super) fn review_key(&mut self, mut review: MergeReview, action: Option<Action>) {
        match action {
            Some(Action::Cancel) => {
                self.set_status("Merge cancelled: nothing was written.".into(), false);
                return;
            }
            Some(Action::Up) => review.up(),
            Some(Action::Down) => review.down(),
            Some(Action::PageUp) => review.scroll = review.scroll.saturating_sub(10),
            Some(Action::PageDown) => review.scroll = review.scroll.saturating_add(10),
            Some(Action::TakeOurs) => review.take(Side::Ours),
            Some(Action::TakeTheirs) => review.take(Side::Theirs),
            Some(Action::RecordOurs) => review.take_record(Side::Ours),
            Some(Action::RecordTheirs) => review.take_record(Side::Theirs),
            Some(Action::AllOurs) => review.take_all(Side::Ours),
            Some(Action::AllTheirs) => review.take_all(Side::Theirs),
            Some(Action::Save) => {
                let open = review.open_conflicts();
                if open > 0 {
                    review.message = Some(format!(
                        "{} still to decide: choose ours or theirs for each, or for all at once.",
                        count_of(open, "conflict is", "conflicts are")
                    ));
                } else {
                    self.merge_reviewed(review);
                    return;
                }
            }
            _ => {}
        }
        self.popup = Some(Popup::Merge(review));
    }

    fn merge_reviewed(&mut self, review: MergeReview) {
        let label = format!("merge {}", review.name);
        let notice = match self
            .workbook
            .apply_merge(&review.plan, &review.choices, &label)
        {
            Ok(outcome) => {
                let undo = self
                    .keymap
                    .keys_for(Action::Undo)
                    .unwrap_or_else(|| "u".into());
                let mut lines = vec![
                    format!(
                        "Merged {}: {} added, {} changed, {} deleted.",
                        review.name, outcome.added, outcome.changed, outcome.deleted
                    ),
                    format!("It is one step: {undo} takes it all back."),
                ];
                for (old, new) in &outcome.renumbered {
                    lines.push(format!(
                        "Risk {old} of theirs is {new} here: its code was taken."
                    ));
                }
                for dropped in &outcome.dropped {
                    lines.push(format!("Left out {dropped}."));
                }
                Notice::new("Merged", lines)
            }
            Err(err) => Notice::new(
                "Nothing merged",
                vec![format!("{}: {err:#}. Nothing was changed.", review.name)],
            ),
        };
        self.popup = Some(Popup::Notice(notice));
        self.after_import();
    }

    /// Every tab reads the workbook again.
    fn after_import(&mut self) {
        // The title too: a merge may change it.
        self.changed();
    }

    fn csv_lines(&self, name: &str, report: &CsvImport, on_duplicate: OnDuplicate) -> Vec<String> {
        let mut lines = vec![
            format!("Read {} from {name}.", count_of(report.rows, "row", "rows")),
            format!(
                "Added {}, updated {}, skipped {}.",
                count_of(report.added, "partner", "partners"),
                report.updated,
                report.skipped
            ),
        ];
        if report.added + report.updated > 0 {
            let undo = self
                .keymap
                .keys_for(Action::Undo)
                .unwrap_or_else(|| "u".into());
            lines.push(format!("It is one step: {undo} takes it all back."));
        }
        if let Some(skipped) = report.skipped_line() {
            lines.push(skipped);
        }
        if !report.ignored.is_empty() {
            lines.push(format!("Columns left out: {}.", report.ignored.join(", ")));
        }
        if report.left_out > 0 {
            lines.push(format!(
                "Left out {} with problems:",
                count_of(report.left_out, "row", "rows")
            ));
            for (row, why) in report.left_out_rows.iter().take(20) {
                lines.push(format!("row {row}: {why}"));
            }
        }
        for (partner, fields) in report.changes.iter().take(20) {
            lines.push(format!("{partner}: {} changed.", fields.join(", ")));
        }
        if report.skipped > 0 && on_duplicate == OnDuplicate::Skip {
            lines.push(
                "Skipped rows repeat a partner already here (same name or website); import \
                 again with \"update partners already here\" to fill them from the file."
                    .into(),
            );
            for (row, partner) in report.skipped_rows.iter().take(20) {
                lines.push(format!("row {row}: {partner}"));
            }
        }
        lines
    }
}

fn import_lines(name: &str, report: &crate::workbook::RestoreReport) -> Vec<String> {
    let (added, _, _) = report.totals();
    let mut lines = vec![format!(
        "Imported {name} into this workbook: {}.",
        count_of(added, "record", "records")
    )];
    for table in report.tables.iter().filter(|t| t.added > 0) {
        lines.push(format!("{}: {}", table.key, table.added));
    }
    lines
}

/// Why nothing was imported, a line per problem (row and column where the importer knows them).
fn problem_lines(name: &str, err: ExchangeError) -> Vec<String> {
    match err {
        ExchangeError::Problems(list) => {
            let mut lines = vec![format!("{name} has problems, so nothing was imported:")];
            lines.extend(list);
            lines.push(
                "Fix them in the file and import again, or leave these rows out in the import's \
                 preview."
                    .into(),
            );
            lines
        }
        ExchangeError::BadInput(message) | ExchangeError::Refused(message) => vec![message],
        ExchangeError::Open(err) => vec![err.to_string()],
        ExchangeError::Failed(err) => vec![format!(
            "{name} was not imported: {err:#}. Nothing was changed."
        )],
    }
}
