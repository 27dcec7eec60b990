//! The preview of a CSV import: what each column fills, what each unknown value becomes, the
//! rows left out and how dates are read — each changeable with a key, so the app's import needs
//! none of the command line's flags.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{centered, popup_block};
use crate::exchange::csv::{CsvImport, ImportOptions};
use crate::plan::PartnerField;
use crate::plan::crm_dates::DayMonth;
use crate::plan::crm_headers::ColumnMap;
use crate::plan::crm_values::{Reason, ValueChoice, ValueMap};
use crate::plan::numbers::count_of;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// A line of the preview the user can select and change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Column(usize),
    Value(usize),
    LeftOut,
    Dates,
}

/// The preview: the file, the choices so far and the dry run they gave.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub path: PathBuf,
    pub options: ImportOptions,
    pub report: CsvImport,
    /// Each list's words, to step through for a value (by the value's field).
    pub words: Vec<(PartnerField, Vec<String>)>,
    selected: usize,
}

impl ImportPreview {
    pub fn new(
        path: PathBuf,
        options: ImportOptions,
        report: CsvImport,
        words: Vec<(PartnerField, Vec<String>)>,
        selected: usize,
    ) -> ImportPreview {
        let mut preview = ImportPreview {
            path,
            options,
            report,
            words,
            selected,
        };
        preview.selected = selected.min(preview.items().len().saturating_sub(1));
        preview
    }

    /// Where the selection is, to keep it when the preview is made again.
    pub fn selected(&self) -> usize {
        self.selected
    }

    fn items(&self) -> Vec<Item> {
        let mut items: Vec<Item> = (0..self.report.headers.len()).map(Item::Column).collect();
        items.extend((0..self.report.values.len()).map(Item::Value));
        if self.report.left_out > 0 {
            items.push(Item::LeftOut);
        }
        items.push(Item::Dates);
        items
    }

    /// The field column `at` fills now (`None`: left out).
    fn field_of(&self, at: usize) -> Option<PartnerField> {
        let header = &self.report.headers[at];
        let before = self.report.headers[..at]
            .iter()
            .filter(|h| *h == header)
            .count();
        self.report
            .columns
            .iter()
            .filter(|(h, _)| h == header)
            .nth(before)
            .map(|(_, f)| *f)
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        self.selected = (self.selected + 1).min(self.items().len().saturating_sub(1));
    }

    /// Steps the selected line's choice by `step`; returns whether the dry run must be made again.
    pub fn step(&mut self, step: isize) -> bool {
        match self.items().get(self.selected).copied() {
            Some(Item::Column(at)) => {
                let choices: Vec<Option<PartnerField>> = std::iter::once(None)
                    .chain(PartnerField::ALL.into_iter().map(Some))
                    .collect();
                let now = choices
                    .iter()
                    .position(|c| *c == self.field_of(at))
                    .unwrap_or(0);
                let next = (now as isize + step).rem_euclid(choices.len() as isize) as usize;
                self.map_column(at, choices[next]);
                true
            }
            Some(Item::Value(at)) => {
                let used = &self.report.values[at];
                let Some((_, words)) = self.words.iter().find(|(f, _)| *f == used.field) else {
                    return false;
                };
                let now = match &used.choice {
                    ValueChoice::Word(word) => words.iter().position(|w| w == word),
                    _ => None,
                };
                let next = match now {
                    Some(now) => (now as isize + step).rem_euclid(words.len() as isize) as usize,
                    None if step < 0 => words.len().saturating_sub(1),
                    None => 0,
                };
                if let Some(word) = words.get(next).cloned() {
                    self.choose(at, ValueChoice::Word(word));
                }
                false
            }
            Some(Item::LeftOut) => {
                self.options.skip_invalid = !self.options.skip_invalid;
                false
            }
            Some(Item::Dates) => {
                self.cycle_dates();
                true
            }
            None => false,
        }
    }

    /// Leaves the selected column out, or the selected value's field empty.
    pub fn clear(&mut self) -> bool {
        match self.items().get(self.selected).copied() {
            Some(Item::Column(at)) => {
                self.map_column(at, None);
                true
            }
            Some(Item::Value(at)) => {
                self.choose(at, ValueChoice::Empty);
                false
            }
            _ => false,
        }
    }

    /// Adds the selected value to its list as a new word.
    pub fn add_word(&mut self) {
        if let Some(Item::Value(at)) = self.items().get(self.selected).copied() {
            self.choose(at, ValueChoice::NewWord);
        }
    }

    /// Day first, month first, or as the file shows.
    pub fn cycle_dates(&mut self) {
        self.options.day_month = match self.options.day_month {
            None => Some(DayMonth::DayFirst),
            Some(DayMonth::DayFirst) => Some(DayMonth::MonthFirst),
            Some(DayMonth::MonthFirst) => None,
        };
    }

    fn map_column(&mut self, at: usize, field: Option<PartnerField>) {
        let column = self.report.headers[at].clone();
        self.options.maps.retain(|m| m.column != column);
        self.options.maps.push(ColumnMap { column, field });
    }

    fn choose(&mut self, at: usize, choice: ValueChoice) {
        let used = &mut self.report.values[at];
        used.choice = choice.clone();
        used.reason = Reason::Chosen;
        let (column, value) = (used.column.clone(), used.value.clone());
        self.options
            .value_maps
            .retain(|m| !(m.column == column && m.value == value));
        self.options.value_maps.push(ValueMap {
            column,
            value,
            choice,
        });
    }

    fn lines(&self, theme: &Theme, keymap: &Keymap) -> (Vec<Line<'static>>, usize) {
        let report = &self.report;
        let mut lines = Vec::new();
        let mut at_selected = 0;
        let mut summary = format!(
            "Read {} ({}, {}-separated).",
            count_of(report.rows, "row", "rows"),
            report.encoding,
            match report.delimiter {
                b';' => "semicolon",
                b'\t' => "tab",
                _ => "comma",
            }
        );
        if let Some(skipped) = report.skipped_line() {
            summary.push(' ');
            summary.push_str(&skipped);
        }
        lines.push(Line::from(summary));
        if report.encoding_guessed {
            lines.push(Line::styled(
                format!("Not UTF-8, so read as {}.", report.encoding),
                theme.warning,
            ));
        }
        let items = self.items();
        let mut push = |lines: &mut Vec<Line<'static>>, index: usize, text: String| {
            if index == self.selected {
                at_selected = lines.len();
                lines.push(Line::styled(format!("› {text}"), theme.selected));
            } else {
                lines.push(Line::from(format!("  {text}")));
            }
        };
        lines.push(Line::styled(
            keymap.spell("Columns (← → the field it fills, ‹import-preview:delete› leaves it out)"),
            theme.header,
        ));
        if !report.columns.iter().any(|(_, f)| *f == PartnerField::Name) {
            lines.push(Line::styled(
                "No column holds the partner's name: choose one with ← →.",
                theme.error,
            ));
        }
        let width = report
            .headers
            .iter()
            .map(|h| h.chars().count().min(32))
            .max()
            .unwrap_or(0);
        for (index, item) in items.iter().enumerate() {
            let text = match *item {
                Item::Column(at) => {
                    let header: String = report.headers[at].chars().take(32).collect();
                    let field = match self.field_of(at) {
                        Some(field) => field.label().to_string(),
                        None => match report
                            .ignored
                            .iter()
                            .find(|i| i.starts_with(&format!("{:?} (", report.headers[at])))
                        {
                            Some(why) => format!(
                                "left out{}",
                                &why[format!("{:?}", report.headers[at]).len()..]
                            ),
                            None => "left out".into(),
                        },
                    };
                    format!("{header:<width$}  → {field}")
                }
                Item::Value(at) => {
                    if at == 0 {
                        lines.push(Line::styled(
                            keymap.spell(
                                "Values (← → a word of the list, ‹import-preview:add› adds it as \
                                 a new word, ‹import-preview:delete› leaves it empty)",
                            ),
                            theme.header,
                        ));
                    }
                    report.values[at].describe()
                }
                Item::LeftOut => {
                    lines.push(Line::styled(
                        format!(
                            "Rows with problems: {} (← → changes)",
                            count_of(report.left_out, "row", "rows")
                        ),
                        theme.header,
                    ));
                    if self.options.skip_invalid {
                        "left out; the other rows are imported".into()
                    } else {
                        "not left out: nothing is imported until they are fixed".into()
                    }
                }
                Item::Dates => {
                    let how = match (self.options.day_month, &report.dates) {
                        (Some(DayMonth::DayFirst), _) => "day first (chosen)".to_string(),
                        (Some(DayMonth::MonthFirst), _) => "month first (chosen)".to_string(),
                        (None, Some((order, row, text))) => format!(
                            "{} (as {text:?} in row {row} shows)",
                            match order {
                                DayMonth::DayFirst => "day first",
                                DayMonth::MonthFirst => "month first",
                            }
                        ),
                        (None, None) => "as the file shows".to_string(),
                    };
                    format!("Dates such as 3/1/2026 are read {how} (← →)")
                }
            };
            push(&mut lines, index, text);
            if let Item::LeftOut = item {
                for (row, why) in report.left_out_rows.iter().take(20) {
                    lines.push(Line::styled(format!("    row {row}: {why}"), theme.muted));
                }
            }
        }
        lines.push(Line::from(format!(
            "Would add {}, update {}, skip {} already here.",
            count_of(report.added, "partner", "partners"),
            report.updated,
            report.skipped
        )));
        (lines, at_selected)
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let popup = centered(area, 100, area.height.saturating_sub(2).max(10));
        Clear.render(popup, buf);
        let block = popup_block(&format!("Import {}: preview", clean(&name)), theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        // The keys are in the status line, from the keymap.
        let (lines, at) = self.lines(theme, keymap);
        let height = usize::from(inner.height);
        // Keep the selected line in view, the summary at the top when it fits.
        let scroll = (at + 3).saturating_sub(height);
        Paragraph::new(
            lines
                .into_iter()
                .map(|l| {
                    let text: String = l.spans.iter().map(|s| clean(&s.content)).collect();
                    Line::styled(text, l.style)
                })
                .collect::<Vec<_>>(),
        )
        .scroll((u16::try_from(scroll).unwrap_or(0), 0))
        .render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::KeyOverride;

    #[test]
    fn the_keys_it_names_follow_the_keymap() {
        let report = CsvImport {
            headers: vec!["Company".into()],
            columns: vec![("Company".into(), PartnerField::Name)],
            ..CsvImport::default()
        };
        let preview = ImportPreview::new(
            "crm.csv".into(),
            ImportOptions::default(),
            report,
            Vec::new(),
            0,
        );
        let drawn = |keymap: &Keymap| {
            let area = Rect::new(0, 0, 100, 20);
            let mut buf = Buffer::empty(area);
            preview.render(area, &mut buf, &Theme::mono(), keymap);
            let cells = buf.content.iter().map(|cell| cell.symbol());
            cells.collect::<String>()
        };
        assert!(drawn(&Keymap::default()).contains("x leaves it out"));
        let (moved, problems) = Keymap::with_overrides(
            &[KeyOverride {
                context: "import-preview".into(),
                action: "delete".into(),
                keys: vec!["f2".into()],
                line: 1,
            }],
            Path::new("config.toml"),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let text = drawn(&moved);
        assert!(text.contains("F2 leaves it out"), "{text}");
    }
}
