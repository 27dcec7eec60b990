//! The ranking of candidates (prospects and partners under evaluation) by fit: ties within
//! `TIE_POINTS` are marked as one group, and each place says whether ±20% on any one weight
//! moves it.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::views::{PartnerRef, Step, moved};
use crate::plan::selection::{Fit, Ranked, SENSITIVITY, TIE_POINTS};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::Workbook;

/// The stages whose partners are still candidates.
pub const CANDIDATE_STAGES: [&str; 2] = ["prospect", "evaluating"];

#[derive(Debug)]
pub(in crate::tui::tabs::partners) struct RankingView {
    ranked: Vec<Ranked>,
    selected: usize,
}

impl RankingView {
    pub fn load(wb: &Workbook) -> Result<RankingView> {
        let mut view = RankingView {
            ranked: Vec::new(),
            selected: 0,
        };
        view.reload(wb)?;
        Ok(view)
    }

    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.ranked = wb.ranking(&CANDIDATE_STAGES)?;
        self.selected = self.selected.min(self.ranked.len().saturating_sub(1));
        Ok(())
    }

    pub fn handle(&mut self, action: Action) -> Step {
        if let Some(next) = moved(self.selected, self.ranked.len(), action, 10) {
            self.selected = next;
            return Step::Intent(Intent::Nothing);
        }
        match (action, self.ranked.get(self.selected)) {
            (Action::Open, Some(row)) => Step::Show(
                Action::Scores,
                Some(PartnerRef {
                    id: row.id,
                    name: row.name.clone(),
                }),
            ),
            _ => Step::Intent(Intent::Nothing),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let [about, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let noun = if self.ranked.len() == 1 {
            "candidate"
        } else {
            "candidates"
        };
        Paragraph::new(Line::styled(
            format!(
                "{} {noun} · = tie (within {TIE_POINTS:.0} points) · stability: each weight ±{:.0}%",
                self.ranked.len(),
                SENSITIVITY * 100.0
            ),
            theme.muted,
        ))
        .render(about, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" Ranking by fit ", theme.title));
        if self.ranked.is_empty() {
            Paragraph::new(Line::styled(
                "No candidates: no partner is a prospect or under evaluation.",
                theme.muted,
            ))
            .block(block)
            .wrap(Wrap { trim: true })
            .render(table, buf);
            return;
        }
        // The partner and its fit first; the stability note gives way with "…".
        let columns = [
            Column::new("Rank", 0).min(4).max(4),
            Column::new("", 0).min(1).max(1),
            Column::new("Partner", 0).min(12).max(40),
            Column::new("Fit", 1).min(10).max(18),
            Column::new("Stability", 2).min(8).grow(),
        ];
        let rows: Vec<Vec<TableCell>> = self
            .ranked
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let (rank, bracket) = tie_marks(&self.ranked, index);
                let fit_style = if row.fit.gated_out {
                    theme.error
                } else if row.fit.is_complete() {
                    theme.base
                } else {
                    theme.warning
                };
                let (stability, style) = if row.is_stable() {
                    ("stable".to_string(), theme.ok)
                } else {
                    (stability_label(row), theme.warning)
                };
                vec![
                    (rank.to_string(), theme.base),
                    (bracket.to_string(), theme.muted),
                    (clean(&row.name).into_owned(), theme.base),
                    (fit_label(&row.fit), fit_style),
                    (stability, style),
                ]
            })
            .collect();
        let inner = block.inner(table).width;
        let table_widget = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table_widget, self.selected, table, buf, theme);
    }
}

/// The rank as shown ("3", or "=3" for every member of a tie led by place 3) and a bracket that
/// joins the rows of a tie group.
fn tie_marks(ranked: &[Ranked], index: usize) -> (String, &'static str) {
    let Some(row) = ranked.get(index) else {
        return (String::new(), "");
    };
    let group: Vec<&Ranked> = ranked
        .iter()
        .filter(|r| r.tie_group == row.tie_group)
        .collect();
    if group.len() < 2 {
        return (row.rank.to_string(), "");
    }
    let lead = group.iter().map(|r| r.rank).min().unwrap_or(row.rank);
    let first = group.first().is_some_and(|r| r.id == row.id);
    let last = group.last().is_some_and(|r| r.id == row.id);
    let bracket = match (first, last) {
        (true, _) => "┐",
        (_, true) => "┘",
        _ => "│",
    };
    (format!("={lead}"), bracket)
}

/// The fit, short enough for a column: "72", "25 · 1 of 5 scored", "gated out".
fn fit_label(fit: &Fit) -> String {
    match fit.score {
        Some(score) if !fit.gated_out && !fit.is_complete() => format!(
            "{score:.0} · {} of {} scored",
            fit.scored, fit.weighted_criteria
        ),
        _ => fit.label(),
    }
}

/// "moves 2–4 (cultural fit +20%, capabilities −20%)".
fn stability_label(row: &Ranked) -> String {
    let (best, worst) = row.rank_range;
    let mut causes: Vec<String> = Vec::new();
    for cause in &row.moved_by {
        let cause = clean(cause).into_owned();
        if !causes.contains(&cause) {
            causes.push(cause);
        }
    }
    if causes.is_empty() {
        format!("moves {best}–{worst}")
    } else {
        format!("moves {best}–{worst} ({})", causes.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(id: i64, rank: usize, tie_group: usize) -> Ranked {
        Ranked {
            id,
            name: format!("P{id}"),
            fit: Fit {
                score: Some(50.0),
                scored: 1,
                weighted_criteria: 1,
                gated_out: false,
                gates_pending: 0,
            },
            rank,
            tie_group,
            rank_range: (rank, rank),
            moved_by: Vec::new(),
        }
    }

    #[test]
    fn ties_share_the_leaders_place_and_a_bracket() {
        let rows = [
            ranked(1, 1, 1),
            ranked(2, 2, 2),
            ranked(3, 3, 2),
            ranked(4, 4, 2),
        ];
        assert_eq!(tie_marks(&rows, 0), ("1".into(), ""));
        assert_eq!(tie_marks(&rows, 1), ("=2".into(), "┐"));
        assert_eq!(tie_marks(&rows, 2), ("=2".into(), "│"));
        assert_eq!(tie_marks(&rows, 3), ("=2".into(), "┘"));
        assert_eq!(tie_marks(&rows, 9), (String::new(), ""));
    }

    #[test]
    fn instability_names_its_causes_once() {
        let mut row = ranked(1, 2, 1);
        row.rank_range = (2, 4);
        row.moved_by = vec!["cultural fit +20%".into(), "cultural fit +20%".into()];
        assert_eq!(stability_label(&row), "moves 2–4 (cultural fit +20%)");
        row.fit.weighted_criteria = 5;
        assert_eq!(fit_label(&row.fit), "50 · 1 of 5 scored");
        row.fit.gated_out = true;
        assert_eq!(fit_label(&row.fit), "gated out");
    }
}
