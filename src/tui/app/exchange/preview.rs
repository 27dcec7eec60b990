//! The import's preview in the app: its keys, and the dry runs and the import it leaves for the
//! event loop to run behind the gauge.

use super::{CsvStep, PendingImport};
use crate::exchange::ExchangeError;
use crate::exchange::csv::ImportOptions;
use crate::plan::PartnerField;
use crate::plan::crm_values::kind_of;
use crate::tui::action::Action;
use crate::tui::app::{App, Popup};
use crate::tui::widgets::exchange_format::ExchangeFormat;
use crate::tui::widgets::import_preview::ImportPreview;
use crate::tui::widgets::progress::ProgressPopup;

impl App {
    /// The lists a value of the preview can be mapped to, by field.
    pub(super) fn preview_words(&self) -> Result<Vec<(PartnerField, Vec<String>)>, ExchangeError> {
        let mut words = Vec::new();
        for field in PartnerField::ALL {
            if let Some(kind) = kind_of(field) {
                words.push((field, self.workbook.vocabulary(kind)?));
            }
        }
        Ok(words)
    }

    /// A key in the import's preview.
    pub(in crate::tui::app) fn preview_key(
        &mut self,
        mut preview: Box<ImportPreview>,
        action: Option<Action>,
    ) {
        let again = match action {
            Some(Action::Cancel) => return,
            Some(Action::Open) => {
                let options = ImportOptions {
                    dry_run: false,
                    ..preview.options.clone()
                };
                self.wait_for(preview, "Importing", CsvStep::Import(Box::new(options)));
                return;
            }
            Some(Action::Up) => {
                preview.up();
                false
            }
            Some(Action::Down) => {
                preview.down();
                false
            }
            Some(Action::Left) => preview.step(-1),
            Some(Action::Right) => preview.step(1),
            Some(Action::Add) => {
                preview.add_word();
                false
            }
            Some(Action::Delete) => preview.clear(),
            _ => false,
        };
        if again {
            let step = CsvStep::Preview(Box::new(preview.options.clone()), preview.selected());
            self.wait_for(preview, "Importing", step);
        } else {
            self.popup = Some(Popup::Preview(preview));
        }
    }

    /// Shows the gauge and leaves `step` for the event loop to run after drawing it.
    fn wait_for(&mut self, preview: Box<ImportPreview>, title: &str, step: CsvStep) {
        let name = preview.path.file_name().map_or_else(
            || preview.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let popup = ProgressPopup::new(title, format!("Reading {name}"));
        self.popup = Some(Popup::Progress(popup));
        self.exchange.import = Some(PendingImport {
            format: ExchangeFormat::CsvPartners(preview.options.on_duplicate),
            path: preview.path,
            csv: step,
        });
    }
}
