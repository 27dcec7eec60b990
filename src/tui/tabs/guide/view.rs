//! Drawing the Guide: readiness across the top, the steps down the left with their marks, and
//! the selected step on the right — what it is for, what it still lacks and where that is filled
//! in, the questions to ask, the user's note.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Widget};

use super::GuideTab;
use crate::plan::guide::{StepState, StepStatus, jump_target};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;

/// The step list's width: the longest title with its mark and number, and the border.
const LIST_WIDTH: u16 = 38;
/// From this width on, the step's box keeps to `STEP_WIDTH` and a to-do list fills the rest.
const WIDE: u16 = 120;
const STEP_WIDTH: u16 = 76;

pub(super) fn render(tab: &GuideTab, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
    if area.height < 3 || area.width < 20 {
        return;
    }
    if let Err(problem) = &tab.framework {
        let text = format!("The method's steps could not be read: {problem}");
        let lines: Vec<Line> = wrap(&text, area.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.error))
            .collect();
        Paragraph::new(lines).render(area, buf);
        return;
    }
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    render_readiness(tab, top, buf, theme);
    // Narrow terminals give the step list what it needs and the step the rest; below 64
    // columns the list shrinks to marks and numbers.
    let list_width = if area.width >= 64 { LIST_WIDTH } else { 10 };
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(0)]).areas(body);
    render_steps(tab, list, buf, theme, list_width == LIST_WIDTH);
    // A wide terminal keeps the step's text to a readable measure and lists, beside it, what
    // every step still lacks: the plan's to-do list.
    if detail.width >= WIDE {
        let [step, todo] =
            Layout::horizontal([Constraint::Length(STEP_WIDTH), Constraint::Min(0)]).areas(detail);
        render_step(tab, step, buf, theme);
        render_todo(tab, todo, buf, theme);
    } else {
        render_step(tab, detail, buf, theme);
    }
    if let Some((_, form)) = &tab.form {
        form.render_popup(area, 72, buf, theme, keymap);
    }
}

fn render_readiness(tab: &GuideTab, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(report) = &tab.report else {
        Paragraph::new(Line::styled(" Reading the plan…", theme.muted)).render(area, buf);
        return;
    };
    // Readiness counts the required steps (see `plan::guide`), so the summary beside it does
    // too: "100 %" next to "11 of 12 done" read as a contradiction.
    let steps = tab.steps();
    let of = |optional: bool| {
        steps
            .iter()
            .zip(&report.statuses)
            .filter(move |(step, _)| step.optional == optional)
            .map(|(_, status)| status.state)
    };
    let count = |state: StepState| of(false).filter(|s| *s == state).count();
    let done = format!(
        " {} of {} required done",
        count(StepState::Done),
        of(false).count()
    );
    let mut parts = vec![format!(" · {} in progress", count(StepState::InProgress))];
    if count(StepState::NotApplicable) > 0 {
        parts.push(format!(
            " · {} not applicable",
            count(StepState::NotApplicable)
        ));
    }
    let optional_open = of(true).filter(|s| !s.is_complete()).count();
    if optional_open > 0 {
        parts.push(format!(" · {optional_open} optional open"));
    }
    // The gauge keeps room for its label (" Readiness 100 % " and a little bar); the summary
    // drops its last parts until it fits beside it.
    let room = usize::from(area.width).saturating_sub(22);
    while !parts.is_empty() && done.chars().count() + parts.concat().chars().count() >= room {
        parts.pop();
    }
    let summary = format!("{done}{}", parts.concat());
    let summary_width = summary.chars().count() as u16 + 1;
    let [gauge, rest] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(summary_width)]).areas(area);
    LineGauge::default()
        .ratio(f64::from(report.readiness.min(100)) / 100.0)
        .label(Line::styled(
            format!(" Readiness {:>3} % ", report.readiness),
            theme.header,
        ))
        .filled_style(theme.ok)
        .unfilled_style(theme.muted)
        .render(gauge, buf);
    Paragraph::new(Line::styled(summary, theme.muted)).render(rest, buf);
}

fn state_style(state: Option<StepState>, theme: &Theme) -> Style {
    match state {
        Some(StepState::Done) => theme.ok,
        Some(StepState::InProgress) => theme.warning,
        _ => theme.muted,
    }
}

fn render_steps(tab: &GuideTab, area: Rect, buf: &mut Buffer, theme: &Theme, titled: bool) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(" Steps ", theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let steps = tab.steps();
    // Optional steps sit under a heading of their own, so the list says which steps readiness
    // does not wait for.
    let mut entries: Vec<Option<usize>> = Vec::with_capacity(steps.len() + 1);
    for (index, step) in steps.iter().enumerate() {
        if step.optional && !steps[..index].iter().any(|s| s.optional) {
            entries.push(None);
        }
        entries.push(Some(index));
    }
    let rows = usize::from(inner.height);
    // Keep the selected step in view when the list is taller than the terminal.
    let selected_row = entries
        .iter()
        .position(|e| *e == Some(tab.selected))
        .unwrap_or(0);
    let first = selected_row.saturating_sub(rows.saturating_sub(1));
    for (offset, entry) in entries.iter().skip(first).take(rows).enumerate() {
        let row = Rect::new(inner.x, inner.y + offset as u16, inner.width, 1);
        let Some(index) = *entry else {
            let heading = if titled {
                " optional, counts once done"
            } else {
                "optional"
            };
            Paragraph::new(Line::styled(heading, theme.muted)).render(row, buf);
            continue;
        };
        let step = &steps[index];
        let state = tab.state(index);
        let mark = state.map_or("·", StepState::symbol);
        let mut spans = vec![
            Span::styled(format!(" {mark} "), state_style(state, theme)),
            Span::styled(format!("{:>2} ", index + 1), theme.muted),
        ];
        if titled {
            spans.push(Span::raw(clean(&step.title).into_owned()));
        }
        let mut line = Line::from(spans);
        if index == tab.selected && !tab.placing() {
            line = line.style(theme.selected);
        }
        Paragraph::new(line).render(row, buf);
    }
}

fn render_step(tab: &GuideTab, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(step) = tab.step() else {
        return;
    };
    if tab.placing() {
        // Which step to show is known once the checks are read, right after the first frame.
        return;
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(
            format!(" Step {} of {} ", tab.selected + 1, tab.steps().len()),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    // A column of margin on either side of the text.
    let width = inner.width.saturating_sub(2);
    let status = tab
        .report
        .as_ref()
        .and_then(|r| r.statuses.get(tab.selected));
    let note = tab
        .report
        .as_ref()
        .and_then(|r| r.progress.get(&step.key))
        .map(|p| p.note.trim().to_string())
        .unwrap_or_default();

    let mut lines: Vec<Line> = Vec::new();
    let state = status.map(|s| s.state);
    lines.push(Line::styled(clean(&step.title).into_owned(), theme.header));
    let mut marks = Vec::new();
    if let Some(state) = state {
        marks.push(Span::styled(
            format!("{} {}", state.symbol(), state.label()),
            state_style(Some(state), theme),
        ));
    }
    if step.optional {
        marks.push(Span::styled(" · optional", theme.muted));
    }
    lines.push(Line::from(marks));
    lines.push(Line::default());
    lines.extend(wrap(&step.explanation, width).into_iter().map(Line::from));
    lines.push(Line::default());
    if let Some(status) = status {
        missing_lines(step, status, width, theme, &mut lines);
        for note in &status.notes {
            bullet("·", &clean(note), width, theme.muted, &mut lines);
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled("Your note", theme.header));
    if note.is_empty() {
        lines.push(Line::styled("No note yet.", theme.muted));
    } else {
        for paragraph in clean(&note).lines() {
            lines.extend(wrap(paragraph, width).into_iter().map(Line::from));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Questions to ask", theme.header));
    for prompt in &step.prompts {
        bullet("–", prompt, width, Style::default(), &mut lines);
    }
    // Scrolling stops with the last line at the bottom of the box; while more is below, the
    // box's last line says so.
    let height = usize::from(inner.height);
    let overflow = lines.len().saturating_sub(height);
    let scroll = usize::from(tab.scroll).min(overflow);
    let more = overflow > scroll;
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(if more { height - 1 } else { height })
        .collect();
    let text_area = Rect::new(inner.x + 1, inner.y, width, inner.height);
    Paragraph::new(shown).render(text_area, buf);
    if more {
        let more = Rect::new(
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            inner.width,
            1,
        );
        Paragraph::new(Line::styled("more below (PgDn) ↓ ", theme.muted))
            .right_aligned()
            .render(more, buf);
    }
}

/// Every step still to do with all it lacks, in the method's order.
fn render_todo(tab: &GuideTab, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(" Still to do ", theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(report) = &tab.report else {
        return;
    };
    let width = inner.width.saturating_sub(2);
    let mut lines: Vec<Line> = Vec::new();
    for (index, (step, status)) in tab.steps().iter().zip(&report.statuses).enumerate() {
        if status.state.is_complete() || (step.optional && status.missing.is_empty()) {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let style = if index == tab.selected {
            theme.selected
        } else {
            theme.header
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", status.state.symbol()),
                state_style(Some(status.state), theme),
            ),
            Span::styled(format!("{} {}", index + 1, clean(&step.title)), style),
            Span::styled(
                format!(" · {}", jump_target(step, status).screen.place()),
                theme.muted,
            ),
        ]));
        for missing in &status.missing {
            bullet(
                "•",
                &clean(&missing.text),
                width,
                Style::default(),
                &mut lines,
            );
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled("✓ Every step is done or set aside.", theme.ok));
    }
    let text_area = Rect::new(inner.x + 1, inner.y, width, inner.height);
    Paragraph::new(lines).render(text_area, buf);
}

/// What the step lacks and where it is filled in; a step set aside says why.
fn missing_lines(
    step: &crate::plan::framework::Step,
    status: &StepStatus,
    width: u16,
    theme: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    if let Some(reason) = &status.reason {
        lines.push(Line::styled("Not applicable", theme.header));
        bullet("", &clean(reason), width, theme.muted, lines);
        if status.missing.is_empty() {
            return;
        }
        lines.push(Line::styled("Set aside, still missing", theme.header));
    } else if status.missing.is_empty() {
        lines.push(Line::styled("✓ Nothing missing.", theme.ok));
        return;
    } else {
        lines.push(Line::styled("Still missing", theme.header));
    }
    for missing in &status.missing {
        bullet("•", &clean(&missing.text), width, Style::default(), lines);
    }
    let place = jump_target(step, status).screen.place();
    lines.push(Line::from(vec![
        Span::styled("Filled in at ", theme.muted),
        Span::styled(place, theme.key),
    ]));
}

/// `text` wrapped under a `mark`, later lines indented to the text.
fn bullet(mark: &str, text: &str, width: u16, style: Style, lines: &mut Vec<Line<'static>>) {
    let indent = if mark.is_empty() { 0 } else { 2 };
    for (i, part) in wrap(text, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
    {
        let lead = match (i, indent) {
            (_, 0) => String::new(),
            (0, _) => format!("{mark} "),
            _ => "  ".into(),
        };
        lines.push(Line::from(vec![Span::raw(lead), Span::styled(part, style)]));
    }
}
