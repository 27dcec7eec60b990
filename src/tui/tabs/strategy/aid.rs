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
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;

/// From this width the questions and the advice stand side by side.
const SIDE_BY_SIDE: u16 = 140;
/// Columns before a question's text: the selection marker, the answer and a gap.
const LEAD: u16 = 12;

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
    /// For the key names in the questions' title.
    pub keymap: &'a Keymap,
}

impl AidView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Side by side where there is room for both; the advice below the questions otherwise.
        let (questions, advice, lines, selected_line) = if area.width >= SIDE_BY_SIDE {
            let [questions, advice] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(area);
            let (lines, selected_line) = self.question_lines(questions.width, theme);
            (questions, advice, lines, selected_line)
        } else {
            let (lines, selected_line) = self.question_lines(area.width, theme);
            let rows = lines.len() as u16 + 2;
            let [questions, advice] = Layout::vertical([
                Constraint::Length(rows.min(area.height.saturating_sub(7).max(3))),
                Constraint::Min(0),
            ])
            .areas(area);
            (questions, advice, lines, selected_line)
        };
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
                        self.keymap.spell(
                            " Questions: ‹decision-aid:answer-yes› yes · \
                             ‹decision-aid:answer-no› no · ‹decision-aid:answer-unsure› not sure ",
                        ),
                        theme.title,
                    )),
            )
            .render(questions, buf);
        self.render_advice(advice, buf, theme);
    }

    /// The questions' lines for a frame `width` wide (borders included), and the first line of
    /// the selected question.
    fn question_lines(&self, width: u16, theme: &Theme) -> (Vec<Line<'static>>, usize) {
        // Two borders and the lead: marker (2), answer (8) and a gap (2).
        let text_width = width.saturating_sub(2 + LEAD).max(1);
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
            let parts = wrap(&clean(&question.text), text_width);
            for (part_index, part) in parts.into_iter().enumerate() {
                let mut spans = if part_index == 0 {
                    vec![
                        Span::styled(marker, style),
                        Span::styled(answer_mark(answer), answer_style),
                        Span::raw("  "),
                    ]
                } else {
                    vec![Span::styled(" ".repeat(usize::from(LEAD)), style)]
                };
                spans.push(Span::styled(part, style));
                lines.push(Line::from(spans));
            }
        }
        if let Some(problem) = self.problem {
            lines.push(Line::styled(clean(problem).into_owned(), theme.error));
        }
        (lines, selected_line)
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
                self.keymap.spell(
                    "No model chosen yet: ‹decision-aid:choose-model› chooses one and says why.",
                ),
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
