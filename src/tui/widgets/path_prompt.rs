//! The export and import popup: a format from a short list and a file path with Tab completion.
//! Bad input gets a sentence in the popup and keeps everything typed; replacing a file or
//! merging into the workbook asks y/n first.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::confirm::answer_keys;
use super::exchange_format::ExchangeFormat;
use super::path_complete::{complete, resolve};
use super::typed::typed;
use super::{centered, popup_block};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;

/// How many names a second Tab lists; the rest are counted.
const SHOWN_CHOICES: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    formats: &'static [ExchangeFormat],
    pub selected: usize,
    pub text: String,
    /// Where relative names start (the current directory).
    base: PathBuf,
    home: Option<PathBuf>,
    /// The workbook's file name without its extension, for the names offered.
    stem: String,
    /// The workbook's own file: never written over, never imported into itself.
    workbook: PathBuf,
    /// Why the last Enter or Tab could not go on, as a sentence (its key names as tokens,
    /// `‹path-prompt:complete›`, spelled when drawn).
    pub message: Option<String>,
    /// What the path could be completed to, listed on a second Tab.
    pub candidates: Vec<String>,
    tabbed: bool,
    /// The file a y/n question is about (replace it, or merge it in).
    pub question: Option<PathBuf>,
}

/// What the popup wants after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptStep {
    Stay,
    Close,
    Run(ExchangeFormat, PathBuf),
}

impl PathPrompt {
    pub fn new(import: bool, workbook: &Path, base: PathBuf, home: Option<PathBuf>) -> PathPrompt {
        let formats = if import {
            ExchangeFormat::IMPORTS
        } else {
            ExchangeFormat::EXPORTS
        };
        let stem = workbook.file_stem().map_or_else(
            || "partnerplan".into(),
            |s| s.to_string_lossy().into_owned(),
        );
        let text = formats
            .first()
            .map(|f| f.default_name(&stem))
            .unwrap_or_default();
        PathPrompt {
            formats,
            selected: 0,
            text,
            base,
            home,
            stem,
            workbook: workbook.to_path_buf(),
            message: None,
            candidates: Vec::new(),
            tabbed: false,
            question: None,
        }
    }

    pub fn is_import(&self) -> bool {
        self.format().is_import()
    }

    pub fn format(&self) -> ExchangeFormat {
        self.formats
            .get(self.selected)
            .copied()
            .unwrap_or(ExchangeFormat::Toml)
    }

    /// Keys answer the y/n question while one is asked.
    pub fn context(&self) -> Context {
        match self.question {
            Some(_) => Context::Confirm,
            None => Context::Prompt,
        }
    }

    pub fn handle(&mut self, action: Option<Action>, key: &KeyEvent) -> PromptStep {
        if let Some(path) = self.question.take() {
            return match action {
                Some(Action::Confirm) => PromptStep::Run(self.format(), path),
                Some(Action::Deny) => PromptStep::Stay,
                _ => {
                    self.question = Some(path);
                    PromptStep::Stay
                }
            };
        }
        let tabbed = std::mem::take(&mut self.tabbed);
        match action {
            Some(Action::Cancel) => return PromptStep::Close,
            Some(Action::Up) => self.choose(self.selected.saturating_sub(1)),
            Some(Action::Down) => self.choose(self.selected + 1),
            Some(Action::Complete) => self.complete(tabbed),
            Some(Action::Open) => return self.check(),
            _ => {
                if let Some(text) = typed(&self.text, key) {
                    self.edited(text);
                }
            }
        }
        PromptStep::Stay
    }

    pub fn paste(&mut self, text: &str) {
        let pasted: String = text
            .chars()
            .filter(|c| !crate::plan::text::is_forbidden(*c))
            .collect();
        self.edited(format!("{}{pasted}", self.text));
    }

    fn edited(&mut self, text: String) {
        self.text = text;
        self.message = None;
        self.candidates.clear();
    }

    /// Selects format `index`; a file name still as offered follows it.
    fn choose(&mut self, index: usize) {
        let index = index.min(self.formats.len().saturating_sub(1));
        if self.text == self.format().default_name(&self.stem) {
            self.text = self
                .formats
                .get(index)
                .map(|f| f.default_name(&self.stem))
                .unwrap_or_default();
        }
        self.selected = index;
        self.message = None;
        self.candidates.clear();
    }

    fn complete(&mut self, tabbed: bool) {
        self.message = None;
        match complete(&self.text, &self.base, self.home.as_deref()) {
            Err(message) => self.message = Some(message),
            Ok(done) if done.candidates.is_empty() => {
                self.message = Some(format!(
                    "Nothing in that folder starts with \"{}\"; check the name.",
                    self.text.rsplit('/').next().unwrap_or_default()
                ));
            }
            Ok(done) if done.candidates.len() == 1 || done.text != self.text => {
                self.text = done.text;
                self.candidates.clear();
                self.tabbed = true;
            }
            Ok(done) if tabbed => {
                self.candidates = done.candidates;
                self.tabbed = true;
            }
            Ok(done) => {
                self.candidates.clear();
                self.message = Some(format!(
                    "{} names start so; ‹path-prompt:complete› again lists them.",
                    done.candidates.len()
                ));
                self.tabbed = true;
            }
        }
    }

    /// Enter: the path checked for the chosen direction; a sentence when it cannot be used.
    fn check(&mut self) -> PromptStep {
        self.candidates.clear();
        let typed = self.text.trim();
        let offered = self.format().default_name(&self.stem);
        if typed.is_empty() {
            self.message = Some(format!("Type a file name, e.g. {offered}."));
            return PromptStep::Stay;
        }
        let path = resolve(typed, &self.base, self.home.as_deref());
        let shown = typed;
        let message = if same_file(&path, &self.workbook) {
            Some("That is this workbook's own file; choose another name.".to_string())
        } else if path.is_dir() || typed.ends_with('/') {
            Some(format!(
                "{shown} is a folder; add a file name after the /, e.g. {}/{offered}.",
                typed.trim_end_matches('/')
            ))
        } else if self.is_import() {
            // A merge asks nothing here: its review shows every change and conflict first.
            match std::fs::File::open(&path) {
                Ok(_) => return PromptStep::Run(self.format(), path),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Some(format!(
                    "{shown} does not exist; check the name (‹path-prompt:complete› completes it)."
                )),
                Err(err) => Some(format!(
                    "{shown} cannot be read ({err}); check its permissions or choose another file."
                )),
            }
        } else if !path.parent().is_some_and(Path::is_dir) {
            Some(format!(
                "The folder of {shown} does not exist; create it first or choose another one."
            ))
        } else if path.exists() {
            self.question = Some(path);
            return PromptStep::Stay;
        } else {
            return PromptStep::Run(self.format(), path);
        };
        self.message = message;
        PromptStep::Stay
    }

    fn question_text(&self) -> String {
        let name = self.text.trim();
        format!("{name} exists already. Replace it? What it holds now is lost.")
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let title = if self.is_import() { "Import" } else { "Export" };
        let height = self.formats.len() as u16 + 12;
        let popup = centered(area, 72, height);
        Clear.render(popup, buf);
        let block = popup_block(title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let formats = keymap.spell("Format (‹path-prompt:up› ‹path-prompt:down›)");
        let mut lines = vec![Line::styled(formats, theme.muted)];
        for (index, format) in self.formats.iter().enumerate() {
            lines.push(if index == self.selected {
                Line::styled(format!("› {}", format.label()), theme.selected)
            } else {
                Line::styled(format!("  {}", format.label()), theme.base)
            });
        }
        lines.push(Line::default());
        lines.push(Line::from(vec![
            Span::styled("File: ", theme.field_label),
            Span::styled(clean(&self.text).into_owned(), theme.input),
            Span::styled("▏", theme.cursor),
        ]));
        lines.push(Line::styled(
            format!(
                "Names without a folder go to {}.",
                clean(&self.base.display().to_string())
            ),
            theme.muted,
        ));
        lines.push(Line::default());
        if self.question.is_some() {
            lines.push(Line::styled(
                clean(&self.question_text()).into_owned(),
                theme.warning,
            ));
            lines.push(answer_keys(theme, keymap));
        } else if let Some(message) = &self.message {
            // Its key names (`‹path-prompt:complete›`) are the ones in effect.
            lines.push(Line::styled(
                clean(&keymap.spell(message)).into_owned(),
                theme.error,
            ));
        } else if !self.candidates.is_empty() {
            let mut names: Vec<String> = self
                .candidates
                .iter()
                .take(SHOWN_CHOICES)
                .map(|c| clean(c).into_owned())
                .collect();
            if self.candidates.len() > SHOWN_CHOICES {
                names.push(format!(
                    "… and {} more; type more of the name",
                    self.candidates.len() - SHOWN_CHOICES
                ));
            }
            lines.push(Line::styled(names.join("  "), theme.base));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}

/// Whether `a` and `b` are the same file (both must exist to be compared by identity).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
