//! Drawing the Strategy tab: the sections (a column on a wide terminal, a row on a narrow one) and
//! the chosen section beside or below them; open forms and pickers float above. Never reads.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::aid::AidView;
use super::goals::render_goals;
use super::lists::{render_resources, render_rules};
use super::protocols::render_protocols;
use super::statement::rating_label;
use super::{Section, StrategyTab};
use unicode_width::UnicodeWidthStr;

use crate::plan::numbers::{count_of, group_thousands};
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::theme::Theme;
use crate::workbook::PartnerGains;

/// Below this width the sections are a row above the content.
const SECTION_COLUMN_FROM: u16 = 110;
const SECTION_COLUMN: u16 = 28;

impl StrategyTab {
    pub(super) fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let content = if area.width >= SECTION_COLUMN_FROM {
            let [nav, content] =
                Layout::horizontal([Constraint::Length(SECTION_COLUMN), Constraint::Min(0)])
                    .areas(area);
            self.render_section_column(nav, buf, theme);
            content
        } else {
            let [nav, content] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            self.render_section_row(nav, buf, theme);
            content
        };
        self.render_section(content, buf, theme);
        if let Some(open) = &self.form {
            open.form.render_popup(area, 84, buf, theme);
        }
        if let Some((_, picker)) = &self.picker {
            picker.render(area, buf, theme);
        }
    }

    fn render_section_column(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let lines: Vec<Line> = Section::ALL
            .iter()
            .map(|&section| {
                let chosen = section == self.section;
                let style = if chosen { theme.selected } else { theme.base };
                Line::from(vec![
                    Span::styled(if chosen { "› " } else { "  " }, style),
                    Span::styled(section.title(), style),
                ])
            })
            .chain([
                Line::default(),
                // The keys themselves come from the keymap, so the help lists them.
                Line::styled("? lists each section's key", theme.muted),
            ])
            .collect();
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border)
                    .title(Line::styled(" Strategy ", theme.title)),
            )
            .render(area, buf);
    }

    /// One row of short names; the chosen one in brackets, so it reads without colour.
    fn render_section_row(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut spans = Vec::new();
        for section in Section::ALL {
            if section == self.section {
                spans.push(Span::styled(
                    format!("[{}]", section.short()),
                    theme.selected,
                ));
            } else {
                spans.push(Span::styled(format!(" {} ", section.short()), theme.muted));
            }
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_section(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        match self.section {
            Section::Mission => self.render_mission(area, buf, theme),
            Section::CoreElements => self.render_core(area, buf, theme),
            Section::ValueProposition => self.render_value(area, buf, theme),
            Section::Model => AidView {
                questions: &self.questions,
                answers: &self.strategy.decision_answers,
                selected: self.question,
                advice: &self.advice,
                strategy: &self.strategy,
                problem: self.framework_problem.as_deref(),
            }
            .render(area, buf, theme),
            Section::Goals => render_goals(
                &self.goals,
                &self.goal_kpis,
                &self.settings.date_format,
                area,
                buf,
                theme,
            ),
            Section::Resources => {
                render_resources(&self.resources, &self.currency, area, buf, theme)
            }
            Section::Governance => render_rules(&self.rules, area, buf, theme),
            Section::Protocols => render_protocols(
                &self.protocols,
                &self.settings.date_format,
                area,
                buf,
                theme,
            ),
        }
    }

    fn render_mission(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = &self.strategy;
        let mut lines = Vec::new();
        for (label, text) in [
            ("Problem we solve", &s.mission_problem),
            ("Value delivered", &s.mission_value),
            ("Vision", &s.vision),
        ] {
            written(&mut lines, label, text, theme);
        }
        boxed(" Mission and vision · e edits ", lines, area, buf, theme);
    }

    fn render_core(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = &self.strategy;
        let mut lines = Vec::new();
        for (label, meaning, rating, note) in [
            (
                "Alignment",
                "everyone works toward a common purpose",
                s.alignment_rating,
                &s.alignment_note,
            ),
            (
                "Adaptability",
                "can absorb market, technology and regulatory change",
                s.adaptability_rating,
                &s.adaptability_note,
            ),
            (
                "Shared value",
                "every participant gains something tangible",
                s.shared_value_rating,
                &s.shared_value_note,
            ),
        ] {
            let filled = rating.unwrap_or(0).clamp(0, 5) as usize;
            let (bar, words) = match rating {
                Some(_) => (
                    format!("{}{}", "■".repeat(filled), "□".repeat(5 - filled)),
                    rating_label(rating),
                ),
                None => ("□□□□□".to_string(), "not rated".to_string()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<14}"), theme.header),
                Span::styled(bar, theme.title),
                Span::raw(format!("  {words}")),
            ]));
            lines.push(Line::styled(format!("{:14}{meaning}", ""), theme.muted));
            for note_line in clean_lines(note) {
                lines.push(Line::from(format!("{:14}{note_line}", "")));
            }
            lines.push(Line::default());
        }
        boxed(" Core elements · e rates them ", lines, area, buf, theme);
    }

    fn render_value(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = &self.strategy;
        let mut lines = Vec::new();
        written(&mut lines, "What we offer", &s.value_what, theme);
        written(&mut lines, "Why it matters", &s.value_why, theme);
        let (proposition, gains) = if area.width >= 100 {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(area);
            (left, right)
        } else {
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                    .areas(area);
            (top, bottom)
        };
        boxed(
            " Value proposition · e edits ",
            lines,
            proposition,
            buf,
            theme,
        );
        if let Some((_, g)) = &self.gains {
            render_gains(g, gains, buf, theme);
        }
    }
}

/// A labelled text, or a note that it is not written yet.
fn written(lines: &mut Vec<Line<'static>>, label: &str, text: &str, theme: &Theme) {
    lines.push(Line::styled(label.to_string(), theme.header));
    let text_lines = clean_lines(text);
    if text_lines.iter().all(|l| l.trim().is_empty()) {
        lines.push(Line::styled("Not written yet.", theme.muted));
    } else {
        lines.extend(text_lines.into_iter().map(Line::from));
    }
    lines.push(Line::default());
}

fn boxed(title: &str, lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border_focus)
                .title(Line::styled(title.to_string(), theme.title)),
        )
        .render(area, buf);
}

/// What partners gain, as many as fit, and those with no line, saying how many more there are.
fn render_gains(g: &PartnerGains, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(
            " What partners gain (from the roster) ",
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    // Those without a line get up to a third of the box: the planner's to-do list.
    let missing_rows = if g.without_gains == 0 {
        1
    } else {
        (inner.height / 3).clamp(2, 8)
    };
    let [with, without] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(missing_rows.min(inner.height)),
    ])
    .areas(inner);
    let said = match g.with_gains {
        0 => "No current partner says what it gains yet.".to_string(),
        1 => "1 current partner says what it gains:".to_string(),
        n => format!("{n} current partners say what they gain:"),
    };
    let mut lines = vec![Line::styled(said, theme.header)];
    let room = usize::from(with.height.saturating_sub(1));
    let more = usize::try_from(g.with_gains).unwrap_or(0) > room.min(g.listed.len());
    let shown = if more { room.saturating_sub(1) } else { room };
    for partner in g.listed.iter().take(shown) {
        let first = partner
            .gains
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", clean(&partner.name)), theme.title),
            Span::raw(format!("— {}", clean(first))),
        ]));
    }
    let listed = shown.min(g.listed.len());
    if more {
        lines.push(Line::styled(
            format!("…and {} more.", g.with_gains - listed as i64),
            theme.muted,
        ));
    }
    Paragraph::new(lines).render(with, buf);
    let missing = if g.without_gains == 0 {
        vec![Line::styled(
            "Every current partner has a \"what they gain\" line.",
            theme.ok,
        )]
    } else {
        let names: Vec<String> = g
            .missing
            .iter()
            .map(|p| {
                let active = if p.stage.eq_ignore_ascii_case("active") {
                    " (active)"
                } else {
                    ""
                };
                format!("{}{active}", clean(&p.name))
            })
            .collect();
        let total = usize::try_from(g.without_gains).unwrap_or(0);
        let mut lines = vec![Line::styled(
            format!(
                "{} listed none (add it on the Partners tab, e):",
                count_of(total, "partner", "partners")
            ),
            theme.warning,
        )];
        let rows = usize::from(without.height.saturating_sub(1));
        lines.extend(
            listed_names(&names, total, usize::from(without.width), rows)
                .into_iter()
                .map(Line::from),
        );
        lines
    };
    Paragraph::new(missing).render(without, buf);
}

/// `names` laid into at most `rows` lines of `width`, each name whole, ending with how many of
/// `total` did not fit ("… and 99,950 more."), so the count is never cut off.
fn listed_names(names: &[String], total: usize, width: usize, rows: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut shown = 0;
    let tail_room = format!(" and {} more.", group_thousands(total as i64)).width();
    for name in names {
        let on_last_row = lines.len() == rows;
        let joined = format!(", {name}");
        let fits_here = lines.last().is_some_and(|line| {
            line.width() + joined.width() + reserve(on_last_row, tail_room) <= width
        });
        if fits_here {
            if let Some(line) = lines.last_mut() {
                line.push_str(&joined);
            }
        } else if lines.len() < rows
            && name.width() + reserve(lines.len() + 1 == rows, tail_room) < width
        {
            if let Some(line) = lines.last_mut() {
                line.push(',');
            }
            lines.push(name.clone());
        } else {
            break;
        }
        shown += 1;
    }
    let rest = total.saturating_sub(shown);
    let tail = if rest > 0 {
        format!(" and {} more.", group_thousands(rest as i64))
    } else {
        ".".to_string()
    };
    let fits = lines
        .last()
        .is_some_and(|line| line.width() + tail.width() <= width);
    if fits {
        if let Some(line) = lines.last_mut() {
            line.push_str(&tail);
        }
    } else if lines.len() < rows {
        // A row was left free when the next name did not fit: the count goes there.
        lines.push(tail.trim_start().to_string());
    }
    lines
}

/// Room kept at the end of the last row for the count of those not shown.
fn reserve(last_row: bool, tail_room: usize) -> usize {
    if last_row { tail_room } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_their_rows_and_say_how_many_more() {
        let names: Vec<String> = ["Acme", "Birch", "Cobalt", "Delta Freight"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            listed_names(&names, 4, 80, 2),
            ["Acme, Birch, Cobalt, Delta Freight."]
        );
        assert_eq!(
            listed_names(&names, 100_000, 24, 2),
            ["Acme, Birch, Cobalt", "and 99,997 more."]
        );
        assert_eq!(
            listed_names(&names, 100_000, 40, 1),
            ["Acme, Birch, Cobalt and 99,997 more."]
        );
        assert!(listed_names(&names, 4, 80, 0).is_empty());
    }
}
