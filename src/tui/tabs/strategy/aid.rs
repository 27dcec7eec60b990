//! The model decision aid as the Strategy tab draws it: each question with its answer (yes, no,
//! not sure, or none yet), the live advice with the answers that drove it, and the model chosen
//! with its rationale.

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::plan::decision_aid::{Advice, Answer};
use crate::plan::framework::Question;
use crate::plan::strategy::StrategyDraft;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;

/// The answer column: fixed width, words not colours, so the mono theme reads the same.
fn answer_mark(answer: Option<Answer>) -> &'static str {
    match answer {
        Some(Answer::Yes) => "yes     ",
        Some(Answer::No) => "no      ",
        Some(Answer::Unsure) => "not sure",
        None => "·       ",
    }
}

/// The next answer `space` gives: none → yes → no → not sure → yes.
pub(super) fn cycled(answer: Option<Answer>) -> Answer {
    match answer {
        None | Some(Answer::Unsure) => Answer::Yes,
        Some(Answer::Yes) => Answer::No,
        Some(Answer::No) => Answer::Unsure,
    }
}

pub(super) struct AidView<'a> {
    pub questions: &'a [Question],
    pub answers: &'a BTreeMap<String, Answer>,
    pub selected: usize,
    pub advice: &'a Advice,
    pub strategy: &'a StrategyDraft,
    /// Why the questions could not be read, if they could not.
    pub problem: Option<&'a str>,
}

impl AidView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let width = area.width.saturating_sub(12).max(1);
        let mut lines = Vec::new();
        let mut selected_line = 0;
        for (index, question) in self.questions.iter().enumerate() {
            let selected = index == self.selected;
            if selected {
                selected_line = lines.len();
            }
            let answer = self.answers.get(&question.key).copied();
            let (marker, style) = if selected {
                ("› ", theme.selected)
            } else {
                ("  ", theme.base)
            };
            let answer_style = if answer.is_some() {
                theme.header
            } else {
                theme.muted
            };
            for (part_index, part) in wrap(&clean(&question.text), width).into_iter().enumerate() {
                let lead = if part_index == 0 {
                    vec![
                        Span::styled(marker, style),
                        Span::styled(answer_mark(answer), answer_style),
                        Span::raw("  "),
                    ]
                } else {
                    vec![Span::styled(" ".repeat(12), style)]
                };
                let mut spans = lead;
                spans.push(Span::styled(part, style));
                lines.push(Line::from(spans));
            }
        }
        if let Some(problem) = self.problem {
            lines.push(Line::styled(clean(problem).into_owned(), theme.error));
        }
        let question_rows = lines.len() as u16 + 2;
        let [questions, advice] = Layout::vertical([
            Constraint::Length(question_rows.min(area.height.saturating_sub(7).max(3))),
            Constraint::Min(0),
        ])
        .areas(area);
        let visible = questions.height.saturating_sub(2) as usize;
        // Keep the selected question's first line in view.
        let scroll = (selected_line + 2).saturating_sub(visible) as u16;
        Paragraph::new(lines)
            .scroll((scroll, 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border_focus)
                    .title(Line::styled(
                        " Questions: y yes · n no · x not sure ",
                        theme.title,
                    )),
            )
            .render(questions, buf);
        self.render_advice(advice, buf, theme);
    }

    /// The chosen model first (what the plan says), then the advice and why.
    fn render_advice(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = Vec::new();
        match self.strategy.model {
            Some(model) => {
                let mut chosen = vec![
                    Span::styled("Chosen: ", theme.header),
                    Span::styled(model.label(), theme.title),
                ];
                if self.strategy.model_rationale.trim().is_empty() {
                    chosen.push(Span::styled(
                        " — no rationale yet: m says why it fits.",
                        theme.warning,
                    ));
                } else {
                    chosen.push(Span::raw(format!(
                        " — {}",
                        clean(&self.strategy.model_rationale)
                    )));
                }
                lines.push(Line::from(chosen));
            }
            None => lines.push(Line::styled(
                "No model chosen yet: m chooses one and says why.",
                theme.muted,
            )),
        }
        lines.push(Line::default());
        match self.advice {
            Advice::NotYet { message, .. } => {
                lines.push(Line::styled(message.clone(), theme.muted))
            }
            Advice::Recommend(r) => {
                lines.push(Line::from(vec![
                    Span::styled("Advice: ", theme.header),
                    Span::styled(r.model.label(), theme.title),
                ]));
                lines.push(Line::from(clean(&r.explanation).into_owned()));
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border)
                    .title(Line::styled(" Channel or ecosystem? ", theme.title)),
            )
            .render(area, buf);
    }
}
