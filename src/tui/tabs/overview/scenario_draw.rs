//! Drawing the what-if screen: the saved scenarios (or the new one's events) on the left, the
//! plan now beside the plan in the scenario on the right — returns, roles, offerings, live KPIs
//! and risks, a row each (the table in `rows.rs`) — and two saved scenarios side by side when
//! compared.

mod rows;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::lines::{cut, first_shown, line_style, mark};
use super::scenario::{Mode, ScenarioScreen};
use crate::plan::money::Currency;
use crate::plan::whatif::compare::compare_rows;
use crate::plan::whatif::events::{Event, simplifications};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;
use crate::tui::widgets::{centered, popup_block};
use rows::{Row, columns, now_and_then, pad};

/// The left column's widest.
const LIST_WIDTH: u16 = 34;

/// What the screen is drawn from.
pub(super) struct ScenarioView<'a> {
    pub screen: &'a ScenarioScreen,
    pub currency: &'a Currency,
    pub keymap: &'a Keymap,
}

impl ScenarioView<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let s = self.screen;
        match s.mode {
            Mode::Compare(a, b) => self.render_compare(a, b, area, buf, theme),
            Mode::List | Mode::Draft => {
                let left_width = (area.width / 3).clamp(1, LIST_WIDTH);
                let left = Rect {
                    width: left_width,
                    ..area
                };
                let right = Rect {
                    x: area.x + left_width,
                    width: area.width - left_width,
                    ..area
                };
                if s.mode == Mode::List {
                    self.render_saved(left, buf, theme);
                    let chosen = s.saved.get(s.selected);
                    let story = chosen.map_or_else(String::new, |c| c.story());
                    let events = chosen.map(|c| c.events());
                    self.render_outcome(&story, events.as_deref(), right, buf, theme);
                } else {
                    self.render_draft(left, buf, theme);
                    let events: Vec<Event> = s.draft.iter().map(|e| e.event).collect();
                    let events = (!events.is_empty()).then_some(events);
                    self.render_outcome(&s.draft_story(), events.as_deref(), right, buf, theme);
                }
            }
        }
        if let Some(picker) = s.picker() {
            picker.render_keys(area, buf, theme, self.keymap);
        }
        if let Some(naming) = &s.naming {
            self.render_naming(naming, area, buf, theme);
        }
    }

    fn block<'b>(&self, title: &str, theme: &Theme) -> Block<'b> {
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(format!(" {} ", clean(title)), theme.title))
    }

    fn render_saved(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = self.screen;
        let block = self.block("Saved scenarios", theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if s.saved.is_empty() {
            let text = self.keymap.spell(
                "None saved yet. ‹scenarios:add› starts one: pick partners by name, say what \
                 happens to each, then ‹scenario-draft:save› saves it.",
            );
            Paragraph::new(Line::styled(text, theme.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let rows = usize::from(inner.height);
        let first = first_shown(Some(s.selected), rows);
        for (n, scenario) in s.saved.iter().enumerate().skip(first).take(rows) {
            let selected = n == s.selected;
            let text = format!("{}{}", mark(selected), clean(&scenario.name));
            let y = inner.y + u16::try_from(n - first).unwrap_or(0);
            let line = Line::styled(
                cut(&text, usize::from(inner.width)),
                line_style(selected, theme),
            );
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }

    fn render_draft(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = self.screen;
        let block = self.block("New scenario", theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if s.draft.is_empty() {
            let text = self
                .keymap
                .spell("No partner yet: ‹scenario-draft:add› picks one by typing its name.");
            Paragraph::new(Line::styled(text, theme.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        }
        let mut lines = Vec::new();
        let mut selected_line = 0;
        for (n, event) in s.draft.iter().enumerate() {
            let selected = n == s.draft_selected;
            if selected {
                selected_line = lines.len();
            }
            let style = line_style(selected, theme);
            lines.push(Line::styled(
                format!("{}{}", mark(selected), clean(&event.partner)),
                style,
            ));
            lines.push(Line::styled(
                format!("   {}", event.event.kind.phrase(false)),
                if selected { style } else { theme.muted },
            ));
        }
        let rows = usize::from(inner.height);
        let first = first_shown(Some(selected_line + 1), rows);
        for (n, line) in lines.iter().skip(first).take(rows).enumerate() {
            let y = inner.y + u16::try_from(n).unwrap_or(0);
            buf.set_line(inner.x, y, line, inner.width);
        }
    }

    /// The plan now beside the plan in the scenario of `events`, told as `story` (`None`:
    /// nothing to work out).
    fn render_outcome(
        &self,
        story: &str,
        events: Option<&[Event]>,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let s = self.screen;
        let outcome = events.and_then(|e| s.outcome(e));
        let working = events.is_some() && outcome.is_none();
        let title = match (story.is_empty(), working) {
            (true, _) => "The plan in the scenario".to_string(),
            (false, true) => format!("If {story} · working…"),
            (false, false) => format!("If {story}"),
        };
        let block = self.block(&title, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let message = |text: &str, style: Style| {
            Paragraph::new(Line::styled(self.keymap.spell(text), style)).wrap(Wrap { trim: true })
        };
        let outcome = match (events, outcome) {
            (None, _) => {
                let text = if s.mode == Mode::Draft {
                    "Add a partner and the plan without it shows here, beside the plan now."
                } else {
                    "Select a scenario to see the plan now beside the plan in the scenario."
                };
                message(text, theme.muted).render(inner, buf);
                return;
            }
            (Some(_), None) => {
                message(
                    "Working it out… (between keys, so they never wait for it)",
                    theme.muted,
                )
                .render(inner, buf);
                return;
            }
            (Some(_), Some(Err(why))) => {
                message(why, theme.error).render(inner, buf);
                return;
            }
            (Some(_), Some(Ok(outcome))) => outcome,
        };
        let headline = outcome.headline_of(story);
        let head_height = 2.min(inner.height);
        // What the figures simplify stays in sight below them, as the CLI and report say it.
        let notes = simplified(events.unwrap_or_default(), inner.width);
        let notes_height = height_of(&notes).min((inner.height - head_height) / 2);
        Paragraph::new(Line::styled(clean(&headline).into_owned(), theme.base))
            .wrap(Wrap { trim: true })
            .render(
                Rect {
                    height: head_height,
                    ..inner
                },
                buf,
            );
        let table = Rect {
            y: inner.y + head_height,
            height: inner.height - head_height - notes_height,
            ..inner
        };
        let rows = now_and_then(outcome, self.currency);
        let widths = columns(usize::from(table.width));
        self.render_rows(&rows, widths, table, buf, theme);
        let below = Rect {
            y: table.bottom(),
            height: notes_height,
            ..inner
        };
        Paragraph::new(
            notes
                .into_iter()
                .map(|n| Line::styled(n, theme.muted))
                .collect::<Vec<_>>(),
        )
        .render(below, buf);
    }

    fn render_compare(&self, a: i64, b: i64, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let s = self.screen;
        let (Some(left), Some(right)) = (s.saved_by_id(a), s.saved_by_id(b)) else {
            return;
        };
        let (left_outcome, right_outcome) = (s.outcome(&left.events()), s.outcome(&right.events()));
        let working = left_outcome.is_none() || right_outcome.is_none();
        let title = format!(
            "{} beside {}{}",
            left.name,
            right.name,
            if working { " · working…" } else { "" }
        );
        let block = self.block(&title, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let (Some(Ok(l)), Some(Ok(r))) = (left_outcome, right_outcome) else {
            let text = match (left_outcome, right_outcome) {
                (Some(Err(why)), _) | (_, Some(Err(why))) => why.as_str(),
                _ => "Working them out… (between keys, so they never wait for it)",
            };
            Paragraph::new(Line::styled(text.to_string(), theme.muted))
                .wrap(Wrap { trim: true })
                .render(inner, buf);
            return;
        };
        let rows: Vec<Row> = compare_rows(l, r, self.currency)
            .into_iter()
            .map(|(label, now, then)| Row {
                label: label.to_string(),
                now,
                then,
                worse: false,
            })
            .collect();
        let mut events = left.events();
        events.extend(right.events());
        let notes = simplified(&events, inner.width);
        // Below the table: a line, what the figures simplify and the two headlines; the table
        // keeps at least half the room (it scrolls).
        let below = 3 + height_of(&notes);
        let table_height = (rows.len() as u16 + 1).min(inner.height - below.min(inner.height / 2));
        let table = Rect {
            height: table_height,
            ..inner
        };
        // The labels are short here; the figures (live KPIs above all) take the room.
        let width = usize::from(inner.width);
        let label_width = (width / 4).min(26);
        let column = width.saturating_sub(label_width + 2) / 2;
        self.render_rows(&rows, (label_width, column), table, buf, theme);
        // The header's "Now / Scenario" are the two names here.
        let header = format!(
            "{:label_width$} {} {}",
            "",
            pad(&cut(&clean(&left.name), column), column),
            cut(&clean(&right.name), column),
        );
        buf.set_line(
            inner.x,
            inner.y,
            &Line::styled(cut(&header, width), theme.header),
            inner.width,
        );
        // What the figures simplify first, next to them; then the two headlines.
        let mut lines = vec![Line::default()];
        lines.extend(notes.into_iter().map(|n| Line::styled(n, theme.muted)));
        lines.extend([
            Line::styled(
                format!("{}: {}", clean(&left.name), l.headline_of(&left.story())),
                theme.base,
            ),
            Line::styled(
                format!("{}: {}", clean(&right.name), r.headline_of(&right.story())),
                theme.base,
            ),
        ]);
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(
            Rect {
                y: inner.y + table_height,
                height: inner.height - table_height,
                ..inner
            },
            buf,
        );
    }

    fn render_naming(
        &self,
        naming: &super::scenario::Naming,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let popup = centered(area, area.width.saturating_sub(4).min(64), 6);
        Clear.render(popup, buf);
        let title = if naming.renaming.is_some() {
            "Rename the scenario"
        } else {
            "Save the scenario as"
        };
        let block = popup_block(title, theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut lines = vec![Line::from(vec![
            Span::styled("Name: ", theme.muted),
            Span::styled(clean(&naming.text).into_owned(), theme.input),
            Span::styled("▏", theme.key),
        ])];
        match &naming.error {
            Some(why) => lines.push(Line::styled(clean(why).into_owned(), theme.error)),
            None => lines.push(Line::styled(
                self.keymap.spell(
                    "‹scenario-name:open› saves it in the workbook (‹undo› undoes it), \
                     ‹scenario-name:cancel› goes back.",
                ),
                theme.muted,
            )),
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}

/// What the figures of a scenario with `events` simplify, wrapped to `width` (none for exits).
fn simplified(events: &[Event], width: u16) -> Vec<String> {
    simplifications(events.iter().map(|e| e.kind))
        .into_iter()
        .flat_map(|note| wrap(note, width))
        .collect()
}

fn height_of(lines: &[String]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}
