//! How a form draws: labels, inputs, per-field messages, and the open choice list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Field, FieldKind, Form, LABEL_WIDTH};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup_block;

impl Form {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        Clear.render(area, buf);
        let block = popup_block(&self.title, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width < LABEL_WIDTH + 4 || inner.height == 0 {
            return;
        }
        let mut y = inner.y;
        if let Some(message) = &self.message {
            Paragraph::new(Line::styled(clean(message).into_owned(), theme.error))
                .render(Rect::new(inner.x, y, inner.width, 1), buf);
            y += 1;
        }
        // Scroll so that the focused field is visible.
        let heights: Vec<u16> = self.fields.iter().map(Field::height).collect();
        let room = inner.bottom().saturating_sub(y);
        let mut first = 0;
        while first < self.focus && heights[first..=self.focus].iter().sum::<u16>() > room {
            first += 1;
        }
        let input_x = inner.x + LABEL_WIDTH;
        let input_width = inner.width - LABEL_WIDTH;
        for (index, field) in self.fields.iter().enumerate().skip(first) {
            let height = heights[index];
            if y + height > inner.bottom() {
                break;
            }
            let focused = index == self.focus;
            let label_style = if focused {
                theme.field_focus
            } else {
                theme.field_label
            };
            let marker = if focused { "›" } else { " " };
            let required = if field.required { "*" } else { "" };
            let label = format!("{marker}{}{required}", field.label);
            Paragraph::new(Line::styled(label, label_style))
                .render(Rect::new(inner.x, y, LABEL_WIDTH, 1), buf);
            let body_height = height - u16::from(field.error.is_some());
            let body = Rect::new(input_x, y, input_width, body_height);
            match &field.kind {
                FieldKind::Choice(options) => {
                    let known = options.contains(&field.choice) || field.choice.is_empty();
                    let mut spans =
                        vec![Span::styled(clean(&field.choice).into_owned(), theme.input)];
                    if !known {
                        spans.push(Span::styled(" (not in the list)", theme.warning));
                    }
                    spans.push(Span::styled(
                        if focused { "  ▾ Enter" } else { "  ▾" },
                        theme.muted,
                    ));
                    Paragraph::new(Line::from(spans)).render(body, buf);
                }
                FieldKind::Checkbox => {
                    let mark = if field.checked { "[x]" } else { "[ ]" };
                    Paragraph::new(Line::styled(mark, theme.input)).render(body, buf);
                }
                _ => {
                    let mut input = field.input.clone();
                    input.set_style(theme.input.patch(theme.base));
                    if focused {
                        input.set_cursor_style(theme.cursor);
                    }
                    input.render(body, buf);
                }
            }
            if let Some(error) = &field.error {
                let line = Line::styled(format!("⚠ {}", clean(error)), theme.error);
                Paragraph::new(line)
                    .render(Rect::new(input_x, y + body_height, input_width, 1), buf);
            }
            y += height;
        }
        if let (Some(open), Some(FieldKind::Choice(options))) =
            (self.choices, self.fields.get(self.focus).map(|f| &f.kind))
        {
            let focus_y = inner.y
                + u16::from(self.message.is_some())
                + heights[first..self.focus].iter().sum::<u16>();
            render_choices(
                options,
                open.selected,
                Rect::new(input_x, focus_y + 1, input_width.min(32), 0),
                area,
                buf,
                theme,
            );
        }
    }
}

fn render_choices(
    options: &[String],
    selected: usize,
    anchor: Rect,
    bounds: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let height = (options.len() as u16 + 2)
        .min(bounds.bottom().saturating_sub(anchor.y))
        .max(3);
    let y = if anchor.y + height > bounds.bottom() {
        bounds.bottom().saturating_sub(height)
    } else {
        anchor.y
    };
    let area = Rect::new(anchor.x, y, anchor.width.max(10), height).intersection(bounds);
    Clear.render(area, buf);
    let block = popup_block("choose", theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let visible = inner.height as usize;
    let start = selected.saturating_sub(visible.saturating_sub(1));
    for (row, option) in options.iter().enumerate().skip(start).take(visible) {
        let style = if row == selected {
            theme.selected
        } else {
            theme.base
        };
        let y = inner.y + (row - start) as u16;
        Paragraph::new(Line::styled(clean(option).into_owned(), style))
            .render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}
