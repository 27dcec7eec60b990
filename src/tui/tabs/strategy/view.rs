//! Drawing the Strategy tab: the sections (a column on a wide terminal, a row on a narrow one) and
//! the chosen section beside or below them; open forms and pickers float above. Never reads.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::aid::AidView;
use super::forums::render_forums;
use super::gains::render_gains;
use super::goals::render_goals;
use super::lists::{render_resources, render_rules};
use super::protocols::render_protocols;
use super::statement::rating_label;
use super::{Section, StrategyTab};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean_lines;
use crate::tui::theme::Theme;

/// Below this width the sections are a row above the content.
const SECTION_COLUMN_FROM: u16 = 110;
const SECTION_COLUMN: u16 = 28;

impl StrategyTab {
    pub(super) fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let content = if area.width >= SECTION_COLUMN_FROM {
            let [nav, content] =
                Layout::horizontal([Constraint::Length(SECTION_COLUMN), Constraint::Min(0)])
                    .areas(area);
            self.render_section_column(nav, buf, theme, keymap);
            content
        } else {
            let [nav, content] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            self.render_section_row(nav, buf, theme);
            content
        };
        self.render_section(content, buf, theme, keymap);
        if let Some(open) = &self.form {
            open.form.render_popup(area, 84, buf, theme, keymap);
            if let Some(picker) = &open.picker {
                picker.render_keys(area, buf, theme, keymap);
            }
        }
    }

    fn render_section_column(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
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
                Line::styled(keymap.spell("‹help› lists each section's key"), theme.muted),
            ])
            .collect();
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border)
                    .title(Line::styled(" Strategy ", theme.title)),
            )
            // A longer key name than "?" wraps rather than being cut.
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }

    /// The sections in a row, the chosen one in brackets (it reads without colour): each name
    /// padded by a space either side when they all fit so, else one space apart, else as many
    /// around the chosen one as fit, "‹" and "›" saying that more lie before or after — never a
    /// name cut.
    fn render_section_row(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let names: Vec<&str> = Section::ALL.iter().map(|s| s.short()).collect();
        let at = Section::ALL
            .iter()
            .position(|s| *s == self.section)
            .unwrap_or(0);
        let width = usize::from(area.width);
        let padded: usize = names.iter().map(|n| n.chars().count() + 2).sum();
        let mut spans = Vec::new();
        let name = |index: usize, pad: &str| {
            if index == at {
                Span::styled(format!("[{}]", names[index]), theme.selected)
            } else {
                Span::styled(format!("{pad}{}{pad}", names[index]), theme.muted)
            }
        };
        if padded <= width {
            spans.extend((0..names.len()).map(|i| name(i, " ")));
        } else {
            let (first, last) = section_window(&names, at, width);
            if first > 0 {
                spans.push(Span::styled("‹ ", theme.muted));
            }
            for index in first..=last {
                if index > first {
                    spans.push(Span::raw(" "));
                }
                spans.push(name(index, ""));
            }
            if last + 1 < names.len() {
                spans.push(Span::styled(" ›", theme.muted));
            }
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_section(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        match self.section {
            Section::Mission => self.render_mission(area, buf, theme, keymap),
            Section::CoreElements => self.render_core(area, buf, theme, keymap),
            Section::ValueProposition => self.render_value(area, buf, theme, keymap),
            Section::Model => AidView {
                questions: &self.questions,
                answers: &self.strategy.decision_answers,
                selected: self.question,
                advice: &self.advice,
                strategy: &self.strategy,
                problem: self.framework_problem.as_deref(),
                keymap,
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
                render_resources(&self.resources, &self.currency, area, buf, theme, keymap)
            }
            Section::Governance => render_rules(&self.rules, area, buf, theme, keymap),
            Section::Forums => {
                render_forums(&self.forums, &self.settings, area, buf, theme, keymap)
            }
            Section::Future => self.render_future(area, buf, theme, keymap),
            Section::Protocols => render_protocols(
                &self.protocols,
                &self.settings.date_format,
                area,
                buf,
                theme,
            ),
        }
    }

    fn render_mission(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let s = &self.strategy;
        let mut lines = Vec::new();
        for (label, text) in [
            ("Problem we solve", &s.mission_problem),
            ("Value delivered", &s.mission_value),
            ("Vision", &s.vision),
        ] {
            written(&mut lines, label, text, theme);
        }
        let title = keymap.spell(" Mission and vision · ‹strategy:edit› edits ");
        boxed(&title, lines, area, buf, theme);
    }

    fn render_core(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
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
        let title = keymap.spell(" Core elements · ‹strategy:edit› rates them ");
        boxed(&title, lines, area, buf, theme);
    }

    fn render_value(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
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
        let title = keymap.spell(" Value proposition · ‹strategy:edit› edits ");
        boxed(&title, lines, proposition, buf, theme);
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

/// The sections `first..=last` a row of `width` columns shows around the chosen one (`at`, in
/// brackets), one space apart, with room for "‹ " / " ›" where some are left out.
fn section_window(names: &[&str], at: usize, width: usize) -> (usize, usize) {
    let cost = |first: usize, last: usize| -> usize {
        let words: usize = (first..=last)
            .map(|i| names[i].chars().count() + if i == at { 2 } else { 0 })
            .sum();
        let before = if first > 0 { 2 } else { 0 };
        let after = if last + 1 < names.len() { 2 } else { 0 };
        words + (last - first) + before + after
    };
    let (mut first, mut last) = (at, at);
    loop {
        let mut grew = false;
        if last + 1 < names.len() && cost(first, last + 1) <= width {
            last += 1;
            grew = true;
        }
        if first > 0 && cost(first - 1, last) <= width {
            first -= 1;
            grew = true;
        }
        if !grew {
            return (first, last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::section_window;

    const NAMES: [&str; 5] = ["Mission", "Core", "Value", "Model", "Data sharing"];

    #[test]
    fn the_row_keeps_the_chosen_section_and_whole_names_that_fit() {
        // All of them, one space apart: 7+4+5+5+12, 4 spaces, the brackets.
        assert_eq!(section_window(&NAMES, 2, 39), (0, 4));
        // One column less: the last name goes, and " ›" says so.
        let (first, last) = section_window(&NAMES, 0, 38);
        assert_eq!((first, last), (0, 3));
        // The chosen one is always there, with what fits around it.
        assert_eq!(section_window(&NAMES, 4, 22), (3, 4));
        assert_eq!(section_window(&NAMES, 4, 21), (4, 4));
        assert_eq!(section_window(&NAMES, 4, 3), (4, 4));
    }
}
