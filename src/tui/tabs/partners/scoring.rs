//! A partner's scores against the selection criteria of its type's programme: 1–5 (with the
//! scale's word) or pass/fail for gates, the evidence and date, and the fit line that follows
//! every change.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::views::{PartnerRef, Step, moved, read_only};
use crate::plan::selection::{Assessment, Fit, SCALE_WORDS};
use crate::plan::shape::{ISO_DATE, parse_typed_date, show_date};
use crate::tui::action::Action;
use crate::tui::edits::PartnerEdit;
use crate::tui::intent::Intent;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::selectable::render_selected;
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{CriterionRecord, ScoreRecord, Workbook};

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct ScoringView {
    pub partner: PartnerRef,
    rows: Vec<(CriterionRecord, Option<ScoreRecord>)>,
    fit: Fit,
    selected: usize,
    pub form: Option<Form>,
}

impl ScoringView {
    /// Whether a criterion is selected to score (none when the plan has no criteria).
    pub fn has_selection(&self) -> bool {
        self.selected < self.rows.len()
    }

    pub fn load(wb: &Workbook, partner: PartnerRef) -> Result<ScoringView> {
        let mut view = ScoringView {
            fit: wb.partner_fit(partner.id)?,
            partner,
            rows: Vec::new(),
            selected: 0,
            form: None,
        };
        view.reload(wb)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let mut scores = wb.scores(self.partner.id)?;
        // The partner is scored by its type's programme: its weights and gates.
        let kind = wb.partner_type_of(self.partner.id)?;
        self.rows = wb
            .criteria_for_type(Some(&kind))?
            .into_iter()
            .map(|typed| CriterionRecord {
                // Why it weighs what it does for this partner: its type's own weight, if any.
                rationale: typed.setting.why(
                    &kind,
                    &typed.record.criterion,
                    &typed.record.rationale,
                ),
                criterion: typed.effective,
                ..typed.record
            })
            .map(|c| {
                let score = scores
                    .iter()
                    .position(|s| s.criterion_id == c.criterion.id)
                    .map(|i| scores.swap_remove(i));
                (c, score)
            })
            .collect();
        self.fit = wb.partner_fit(self.partner.id)?;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn handle(&mut self, action: Action, writable: bool, settings: &Settings) -> Step {
        if let Some(next) = moved(self.selected, self.rows.len(), action, 10) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        let Some((criterion, score)) = self.rows.get(self.selected) else {
            return Step::Intent(Intent::Nothing);
        };
        let is_gate = criterion.criterion.is_gate;
        let name = clean(&criterion.criterion.name).into_owned();
        let assessment = match action {
            Action::Score(_) | Action::Pass | Action::Fail if !writable => return read_only(),
            Action::Score(n) if !is_gate => Assessment::Score(n),
            Action::Pass if is_gate => Assessment::Gate(true),
            Action::Fail if is_gate => Assessment::Gate(false),
            Action::Score(_) => {
                return Step::Intent(Intent::Error(format!(
                    "{name} is a pass/fail gate: press ‹scores:pass› or ‹scores:fail›."
                )));
            }
            Action::Pass | Action::Fail => {
                return Step::Intent(Intent::Error(format!(
                    "{name} is scored 1–5, not pass/fail."
                )));
            }
            Action::Edit if !writable => return read_only(),
            Action::Edit => {
                let Some(score) = score else {
                    return Step::Intent(Intent::Error(format!(
                        "Score {name} first; then add its evidence."
                    )));
                };
                let date = score
                    .scored_on
                    .as_deref()
                    .map(|d| show_date(d, &settings.date_format))
                    .unwrap_or_default();
                self.form = Some(
                    Form::new(format!("Evidence — {name}"))
                        .multiline("evidence", "Evidence", &score.evidence)
                        .rows(4)
                        .date("date", "Scored on", &date),
                );
                return Step::Intent(Intent::Nothing);
            }
            _ => return Step::Intent(Intent::Nothing),
        };
        let today = jiff::fmt::strtime::format(ISO_DATE, settings.today()).ok();
        // On to the next criterion, so scoring a partner is a run of keys.
        self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
        Step::Intent(Intent::Partner(PartnerEdit::Score {
            partner: self.partner.id,
            criterion: criterion.criterion.id,
            criterion_name: criterion.criterion.name.clone(),
            assessment,
            evidence: score
                .as_ref()
                .map(|s| s.evidence.clone())
                .unwrap_or_default(),
            scored_on: today,
        }))
    }

    /// The evidence form's values as an edit, or `Nothing` after marking what is wrong.
    pub fn submit(&mut self, settings: &Settings) -> Intent {
        let (Some(form), Some((criterion, Some(score)))) =
            (self.form.as_mut(), self.rows.get(self.selected))
        else {
            return Intent::Nothing;
        };
        form.clear_errors();
        let scored_on = match parse_typed_date(&form.value("date"), &settings.date_format) {
            Ok(date) => date,
            Err(message) => {
                form.set_error("date", message);
                form.focus_first_error();
                return Intent::Nothing;
            }
        };
        Intent::Partner(PartnerEdit::Score {
            partner: self.partner.id,
            criterion: criterion.criterion.id,
            criterion_name: criterion.criterion.name.clone(),
            assessment: score.assessment,
            evidence: form.value("evidence"),
            scored_on,
        })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let table_height = (self.rows.len() as u16).saturating_add(3);
        let [fit, table, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(table_height),
            Constraint::Min(0),
        ])
        .areas(area);
        fit_line(&self.fit, theme).render(fit, buf);
        self.render_table(table, buf, theme, settings);
        self.render_detail(detail, buf, theme);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Scores ", theme.title));
        if self.rows.is_empty() {
            Paragraph::new(Line::styled(
                "No selection criteria yet; add them in the criteria editor.",
                theme.muted,
            ))
            .block(block)
            .render(area, buf);
            return;
        }
        let columns = [
            Column::new("Criterion", 0).min(9).max(40),
            Column::new("Weight", 2).min(6).max(8),
            Column::new("Score", 1).min(5).max(11),
            Column::new("Evidence", 3).min(8).grow(),
            Column::new("Date", 4).min(10).max(12),
        ];
        let rows = self
            .rows
            .iter()
            .map(|(criterion, score)| {
                let (value, style) = score_cell(criterion, score.as_ref(), theme);
                let evidence = score
                    .as_ref()
                    .and_then(|s| s.evidence.lines().next())
                    .map(|l| clean(l).into_owned())
                    .unwrap_or_default();
                let date = score
                    .as_ref()
                    .and_then(|s| s.scored_on.as_deref())
                    .map(|d| clean(&show_date(d, &settings.date_format)).into_owned())
                    .unwrap_or_default();
                vec![
                    (clean(&criterion.criterion.name).into_owned(), theme.base),
                    (weight_label(criterion), theme.base),
                    (value, style),
                    (evidence, theme.base),
                    (date, theme.base),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }

    /// The selected criterion in full: what it means, why it weighs what it does, the evidence.
    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some((criterion, score)) = self.rows.get(self.selected) else {
            return;
        };
        if area.height < 3 {
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(
                format!(" {} ", clean(&criterion.criterion.name)),
                theme.title,
            ));
        let width = block.inner(area).width;
        let mut lines: Vec<Line> = Vec::new();
        let mut add = |label: &'static str, text: &str| {
            if text.trim().is_empty() {
                return;
            }
            lines.push(Line::styled(label, theme.field_label));
            for part in clean_lines(text).iter().flat_map(|l| wrap(l, width)) {
                lines.push(Line::from(part));
            }
        };
        add("What it means", &criterion.description);
        add("Why this weight", &criterion.rationale);
        add(
            "Evidence",
            score.as_ref().map(|s| s.evidence.as_str()).unwrap_or(""),
        );
        if lines.is_empty() {
            lines.push(Line::styled("No description or evidence yet.", theme.muted));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// "Fit 72 · incomplete (3 of 5 scored)", or why there is no fit.
fn fit_line<'a>(fit: &Fit, theme: &Theme) -> Paragraph<'a> {
    let style = if fit.gated_out {
        theme.error
    } else if fit.is_complete() && fit.score.is_some() {
        theme.ok
    } else {
        theme.warning
    };
    let mut text = if fit.gated_out {
        "Gated out — a gate failed, whatever the fit".to_string()
    } else {
        format!("Fit {}", fit.label())
    };
    if fit.gates_pending > 0 && !fit.gated_out {
        let noun = if fit.gates_pending == 1 {
            "gate"
        } else {
            "gates"
        };
        text.push_str(&format!(" · {} {noun} not assessed", fit.gates_pending));
    }
    Paragraph::new(Line::from(Span::styled(text, style)))
}

fn weight_label(criterion: &CriterionRecord) -> String {
    if criterion.criterion.is_gate {
        return "gate".into();
    }
    let weight = criterion.criterion.weight;
    if weight.fract() == 0.0 {
        format!("{weight:.0}")
    } else {
        format!("{weight:.1}")
    }
}

/// "4 strong", "pass", "fail" or "—", styled by how it reads.
fn score_cell(
    criterion: &CriterionRecord,
    score: Option<&ScoreRecord>,
    theme: &Theme,
) -> (String, ratatui::style::Style) {
    match (criterion.criterion.is_gate, score.map(|s| s.assessment)) {
        (_, Some(Assessment::Score(n))) => {
            let word = SCALE_WORDS
                .get(usize::from(n.clamp(1, 5)) - 1)
                .copied()
                .unwrap_or_default();
            (format!("{n} {word}"), theme.base)
        }
        (_, Some(Assessment::Gate(true))) => ("pass".into(), theme.ok),
        (_, Some(Assessment::Gate(false))) => ("fail".into(), theme.error),
        (true, None) => ("— pass/fail".into(), theme.muted),
        (false, None) => ("—".into(), theme.muted),
    }
}
