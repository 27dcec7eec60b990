//! The report's options, asked after its file is chosen, as the command line's flags give them:
//! the partner a partner's pack is for (picked from the roster by typing), the ROI's period
//! (the Metrics tab's default first), the paper and the confidentiality line. A spreadsheet
//! (XLSX or CSV) is asked for its audience instead: internal, the client's board, or one
//! partner (`export --audience`), decided by the same rules as the report's.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use crate::exchange::report::Paper;
use crate::exchange::report::audience::Audience;
use crate::plan::money::{PeriodChoice, RoiPeriod};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::exchange_format::ExchangeFormat;
use crate::tui::widgets::typed::typed;
use crate::tui::widgets::{centered, popup_block};

/// Partners the picker shows at once around the chosen one.
const SHOWN_PARTNERS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Audience,
    Partner,
    Period,
    Paper,
    Confidential,
}

/// What the report is written with, once the popup is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportChoices {
    /// The partner's name, for a partner's pack.
    pub partner: Option<String>,
    /// Who a spreadsheet is for (`None`: a report, whose format says it).
    pub audience: Option<Audience>,
    pub period: RoiPeriod,
    pub paper: Paper,
    pub confidential: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: ExchangeFormat,
    pub path: PathBuf,
    fields: Vec<Field>,
    field: usize,
    /// Every partner's name (a partner's pack only), and what was typed to find one.
    partners: Vec<String>,
    filter: String,
    /// Index into the partners the filter keeps.
    chosen: usize,
    period: PeriodChoice,
    paper: Paper,
    confidential: String,
    /// A spreadsheet's audience: 0 internal, 1 the client's board, 2 one partner.
    audience: usize,
    message: Option<String>,
}

/// A spreadsheet's audiences, in the order ← → steps through them.
const AUDIENCES: [&str; 3] = ["internal (everything)", "the client's board", "one partner"];

/// What the popup wants after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsStep {
    Stay,
    Close,
    Run(ReportChoices),
}

impl ExportOptions {
    /// The options of `format` written to `path`; `partners` for a partner's pack.
    pub fn new(format: ExchangeFormat, path: PathBuf, partners: Vec<String>) -> ExportOptions {
        let mut fields = Vec::new();
        if format.is_spreadsheet() {
            fields.push(Field::Audience);
        } else {
            if format == ExchangeFormat::ReportPartner {
                fields.push(Field::Partner);
            }
            fields.extend([Field::Period, Field::Paper, Field::Confidential]);
        }
        ExportOptions {
            format,
            path,
            fields,
            field: 0,
            partners,
            filter: String::new(),
            chosen: 0,
            period: PeriodChoice::DEFAULT,
            paper: Paper::default(),
            confidential: String::new(),
            audience: 0,
            message: None,
        }
    }

    /// A spreadsheet's audience stepped on: one partner brings the partner's field below it.
    fn step_audience(&mut self, forward: bool) {
        self.audience = if forward {
            (self.audience + 1).min(AUDIENCES.len() - 1)
        } else {
            self.audience.saturating_sub(1)
        };
        self.fields.retain(|f| *f != Field::Partner);
        if self.audience == 2 {
            self.fields.push(Field::Partner);
        }
    }

    /// The partners whose names hold what was typed (any case).
    fn matches(&self) -> Vec<&String> {
        let filter = self.filter.to_lowercase();
        self.partners
            .iter()
            .filter(|p| p.to_lowercase().contains(&filter))
            .collect()
    }

    fn current(&self) -> Field {
        self.fields
            .get(self.field)
            .copied()
            .unwrap_or(Field::Confidential)
    }

    pub fn handle(&mut self, action: Option<Action>, key: &KeyEvent) -> OptionsStep {
        self.message = None;
        let field = self.current();
        match (key.code, field) {
            (KeyCode::Left | KeyCode::Right, _) => {
                let forward = key.code == KeyCode::Right;
                match field {
                    Field::Audience => self.step_audience(forward),
                    Field::Partner => {
                        let count = self.matches().len().max(1);
                        self.chosen = if forward {
                            (self.chosen + 1).min(count - 1)
                        } else {
                            self.chosen.saturating_sub(1)
                        };
                    }
                    Field::Period => {
                        self.period = if forward {
                            self.period.next()
                        } else {
                            // Four steps forward are one back: the list has five.
                            (0..4).fold(self.period, |p, _| p.next())
                        };
                    }
                    Field::Paper => {
                        self.paper = match self.paper {
                            Paper::A4 => Paper::Letter,
                            Paper::Letter => Paper::A4,
                        };
                    }
                    Field::Confidential => {}
                }
                return OptionsStep::Stay;
            }
            (_, Field::Partner | Field::Confidential)
                if !matches!(action, Some(Action::Open | Action::Cancel)) =>
            {
                let text = if field == Field::Partner {
                    &self.filter
                } else {
                    &self.confidential
                };
                if let Some(text) = typed(text, key) {
                    if field == Field::Partner {
                        self.filter = text;
                        self.chosen = 0;
                    } else {
                        self.confidential = text;
                    }
                    return OptionsStep::Stay;
                }
            }
            _ => {}
        }
        match action {
            Some(Action::Cancel) => OptionsStep::Close,
            Some(Action::Up) => {
                self.field = self.field.saturating_sub(1);
                OptionsStep::Stay
            }
            Some(Action::Down | Action::Complete) => {
                self.field = (self.field + 1).min(self.fields.len() - 1);
                OptionsStep::Stay
            }
            Some(Action::Open) => self.done(),
            _ => OptionsStep::Stay,
        }
    }

    pub fn paste(&mut self, text: &str) {
        let pasted: String = text
            .chars()
            .filter(|c| !crate::plan::text::is_forbidden(*c) && *c != '\n' && *c != '\r')
            .collect();
        match self.current() {
            Field::Partner => {
                self.filter.push_str(&pasted);
                self.chosen = 0;
            }
            Field::Confidential => self.confidential.push_str(&pasted),
            _ => {}
        }
    }

    fn done(&mut self) -> OptionsStep {
        let partner = if self.fields.contains(&Field::Partner) {
            match self.matches().get(self.chosen) {
                Some(name) => Some((*name).clone()),
                None => {
                    self.message = Some(if self.partners.is_empty() {
                        "The plan has no partner yet; add one on the Partners tab first."
                            .to_string()
                    } else {
                        format!(
                            "No partner's name holds \"{}\"; Backspace and type another.",
                            self.filter
                        )
                    });
                    return OptionsStep::Stay;
                }
            }
        } else {
            None
        };
        let audience = self
            .format
            .is_spreadsheet()
            .then(|| match (self.audience, &partner) {
                (2, Some(name)) => Audience::Partner(name.clone()),
                (1, _) => Audience::Client,
                _ => Audience::Internal,
            });
        OptionsStep::Run(ReportChoices {
            partner,
            audience,
            period: RoiPeriod::Choice(self.period),
            paper: self.paper,
            confidential: self.confidential.trim().to_string(),
        })
    }

    fn partner_lines(&self, theme: &Theme, lines: &mut Vec<Line<'static>>) {
        let matches = self.matches();
        let first = self.chosen.saturating_sub(SHOWN_PARTNERS / 2);
        lines.push(Line::styled(
            format!(
                "  {} of {} partners match \"{}\"; type to narrow, ← → to choose",
                matches.len(),
                self.partners.len(),
                clean(&self.filter)
            ),
            theme.muted,
        ));
        for (index, name) in matches.iter().enumerate().skip(first).take(SHOWN_PARTNERS) {
            lines.push(if index == self.chosen {
                Line::styled(format!("  › {}", clean(name)), theme.selected)
            } else {
                Line::styled(format!("    {}", clean(name)), theme.base)
            });
        }
    }

    /// Draws the popup; the keys it names are those `keymap` binds (← → are the arrows).
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut lines = vec![
            Line::styled(self.format.label(), theme.muted),
            Line::from(vec![
                Span::styled("File: ", theme.field_label),
                Span::styled(clean(&name).into_owned(), theme.base),
            ]),
            Line::default(),
        ];
        for (index, field) in self.fields.iter().enumerate() {
            let here = index == self.field;
            let mark = if here { "› " } else { "  " };
            let (label, value) = match field {
                Field::Audience => ("For", format!("‹ {} ›", AUDIENCES[self.audience])),
                Field::Partner => (
                    "For the partner",
                    self.matches()
                        .get(self.chosen)
                        .map_or("(none matches)".to_string(), |n| (*n).clone()),
                ),
                Field::Period => ("ROI over", format!("‹ {} ›", self.period.name())),
                Field::Paper => (
                    "Paper",
                    format!(
                        "‹ {} ›",
                        match self.paper {
                            Paper::A4 => "A4",
                            Paper::Letter => "Letter",
                        }
                    ),
                ),
                Field::Confidential => ("Confidentiality line", self.confidential.clone()),
            };
            let mut spans = vec![
                Span::styled(mark, theme.selected),
                Span::styled(format!("{label}: "), theme.field_label),
                Span::styled(clean(&value).into_owned(), theme.input),
            ];
            if here && *field == Field::Confidential {
                spans.push(Span::styled("▏", theme.cursor));
            }
            lines.push(Line::from(spans));
            if here && *field == Field::Partner {
                self.partner_lines(theme, &mut lines);
            }
        }
        lines.push(Line::default());
        let (what, title) = if self.format.is_spreadsheet() {
            ("the file", "Export options")
        } else {
            ("the report", "Report options")
        };
        lines.push(match &self.message {
            Some(message) => Line::styled(clean(message).into_owned(), theme.error),
            None => Line::styled(
                keymap.spell(&format!(
                    "‹path-prompt:up› ‹path-prompt:down› a field · ← → change it · \
                     ‹path-prompt:open› writes {what} · ‹path-prompt:cancel› cancels"
                )),
                theme.muted,
            ),
        });
        let popup = centered(area, 72, lines.len() as u16 + 2);
        Clear.render(popup, buf);
        let block = popup_block(title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(inner, buf);
    }
}
