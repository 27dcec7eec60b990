//! How a form draws: section headings, labels, inputs, per-field messages, scrolling, and the
//! open choice list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::tui::widgets::wrap::wrap;

use super::{Field, FieldKind, Form};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::cut;
use crate::tui::widgets::popup_block;

/// What drawing needs beside the buffer: the styles, and the keymap whose keys the hints and
/// placeholders name (`‹form:choose›`, see `Keymap::spell`).
#[derive(Clone, Copy)]
struct Ink<'a> {
    theme: &'a Theme,
    keymap: &'a Keymap,
}

/// One row of the form's layout: a section heading or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Heading(&'static str),
    Field(usize),
}

pub(super) fn wrapped_height(text: &str, width: u16) -> u16 {
    u16::try_from(wrap(&clean(text), width).len()).unwrap_or(u16::MAX)
}

impl Form {
    fn items(&self) -> Vec<Item> {
        let mut items = Vec::with_capacity(self.fields.len() + self.sections.len());
        for index in 0..self.fields.len() {
            for (_, heading) in self.sections.iter().filter(|(at, _)| *at == index) {
                items.push(Item::Heading(heading));
            }
            items.push(Item::Field(index));
        }
        items
    }

    /// The first item to draw so that the focused field (with its heading, when it opens a
    /// section) is in view, moving as little as possible from the last frame.
    fn first_visible(&self, items: &[Item], heights: &[u16], room: u16) -> usize {
        let Some(focus) = items.iter().position(|i| *i == Item::Field(self.focus)) else {
            return 0;
        };
        let want_top = match focus.checked_sub(1).map(|i| items[i]) {
            Some(Item::Heading(_)) => focus - 1,
            _ => focus,
        };
        let rows = |from: usize, to: usize| heights[from..to].iter().sum::<u16>();
        let mut first = self.scroll.get().min(want_top);
        while first < focus && rows(first, focus + 1) > room {
            first += 1;
        }
        // After a resize, no empty space below while earlier rows could fill it.
        while first > 0 && rows(first - 1, items.len()) <= room {
            first -= 1;
        }
        first
    }

    /// Draws the form as a popup centred in `area`, at most `max_width` wide and as tall as its
    /// fields need, naming the keys `keymap` binds.
    pub fn render_popup(
        &self,
        area: Rect,
        max_width: u16,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let width = area.width.saturating_sub(4).min(max_width);
        let height = self.height(width).min(area.height);
        self.render_keys(
            crate::tui::widgets::centered(area, width, height),
            buf,
            theme,
            keymap,
        );
    }

    /// Draws the form in `area` naming the default keys (for an owner that draws without the
    /// keymap in effect; `render_keys` names the keys a user's config binds).
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        self.render_keys(area, buf, theme, &Keymap::default());
    }

    /// Draws the form in `area`; its hints and placeholders name the keys `keymap` binds.
    pub fn render_keys(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let ink = Ink { theme, keymap };
        Clear.render(area, buf);
        let block = popup_block(&self.title, theme);
        let inner = block.inner(area);
        let label_width = self.label_width();
        if inner.width < label_width + 4 || inner.height == 0 {
            block.render(area, buf);
            return;
        }
        let input_x = inner.x + label_width;
        let input_width = inner.width - label_width;
        let mut y = inner.y;
        for (text, error) in self.notices() {
            let style = if error { theme.error } else { theme.warning };
            for line in wrap(&clean(text), inner.width) {
                if y >= inner.bottom() {
                    break;
                }
                Paragraph::new(Line::styled(line, style))
                    .render(Rect::new(inner.x, y, inner.width, 1), buf);
                y += 1;
            }
        }
        let items = self.items();
        let heights: Vec<u16> = items
            .iter()
            .map(|item| match item {
                Item::Heading(_) => 1,
                Item::Field(index) => self.fields[*index].height(input_width),
            })
            .collect();
        let room = inner.bottom().saturating_sub(y);
        let first = self.first_visible(&items, &heights, room);
        self.scroll.set(first);
        let mut focus_y = None;
        let mut last_drawn = first;
        let mut cut = false;
        for (index, item) in items.iter().enumerate().skip(first) {
            if y >= inner.bottom() {
                break;
            }
            // The last row that does not fit whole is drawn as far as it goes.
            let height = heights[index].min(inner.bottom() - y);
            cut = height < heights[index];
            match item {
                Item::Heading(heading) => {
                    render_heading(heading, Rect::new(inner.x, y, inner.width, 1), buf, theme);
                }
                Item::Field(field_index) => {
                    let focused = *field_index == self.focus;
                    if focused {
                        focus_y = Some(y);
                    }
                    let field = &self.fields[*field_index];
                    let row = Rect::new(inner.x, y, inner.width, height);
                    render_field(field, focused, row, label_width, buf, ink);
                }
            }
            last_drawn = index;
            y += height;
        }
        // Say when there is more above or below, on the border.
        let mut block = block;
        if first > 0 {
            block = block.title_top(Line::styled(" ▲ more ", theme.muted).right_aligned());
        }
        if cut || last_drawn + 1 < items.len() {
            block = block.title_bottom(Line::styled(" ▼ more ", theme.muted).right_aligned());
        }
        block.render(area, buf);
        if let (Some(open), Some(FieldKind::Choice(options)), Some(focus_y)) = (
            &self.choices,
            self.fields.get(self.focus).map(|f| &f.kind),
            focus_y,
        ) {
            // The list may reach past the form's own box (a one-field form is only a few rows
            // high), over the screen around it.
            let bounds = *buf.area();
            render_choices(
                &open.matching(options),
                &open.filter,
                open.selected,
                Rect::new(input_x, focus_y + 1, input_width.min(32), 0),
                bounds,
                buf,
                ink,
            );
        }
    }
}

fn render_heading(heading: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = format!("─ {heading} ");
    let rule = "─".repeat(usize::from(area.width).saturating_sub(text.width()));
    Paragraph::new(Line::from(vec![
        Span::styled(text, theme.header),
        Span::styled(rule, theme.border),
    ]))
    .render(area, buf);
}

fn render_field(
    field: &Field,
    focused: bool,
    area: Rect,
    label_width: u16,
    buf: &mut Buffer,
    ink: Ink,
) {
    let theme = ink.theme;
    let choose = ink.keymap.spell("‹form:choose›");
    let label_style = if focused {
        theme.field_focus
    } else {
        theme.field_label
    };
    let marker = if focused { "›" } else { " " };
    let required = if field.required { "*" } else { "" };
    let label = format!("{marker}{}{required}", field.label);
    Paragraph::new(Line::styled(label, label_style))
        .render(Rect::new(area.x, area.y, label_width, 1), buf);
    let input_x = area.x + label_width;
    let input_width = area.width.saturating_sub(label_width);
    let body_height = field.body_height().min(area.height);
    let body = Rect::new(input_x, area.y, input_width, body_height);
    match &field.kind {
        FieldKind::Choice(options) => {
            let known = options.contains(&field.choice) || field.choice.is_empty();
            let mut spans = vec![if field.choice.is_empty() {
                Span::styled("—", theme.muted)
            } else {
                Span::styled(clean(&field.choice).into_owned(), theme.input)
            }];
            if !known {
                spans.push(Span::styled(" (not in the list)", theme.warning));
            }
            spans.push(Span::styled(
                if focused {
                    format!("  ▾ {choose}")
                } else {
                    "  ▾".into()
                },
                theme.muted,
            ));
            Paragraph::new(Line::from(spans)).render(body, buf);
        }
        FieldKind::Link => {
            let mut spans = vec![if field.choice.is_empty() {
                // What to do here (its placeholder) until the focus brings the keys' hint.
                match field.placeholder.as_deref().filter(|_| !focused) {
                    Some(placeholder) => Span::styled(ink.keymap.spell(placeholder), theme.muted),
                    None => Span::styled("—", theme.muted),
                }
            } else {
                Span::styled(clean(&field.choice).into_owned(), theme.input)
            }];
            spans.push(Span::styled(
                if focused {
                    format!("  ⌕ {choose} picks · ⌫ unlinks")
                } else {
                    "  ⌕".into()
                },
                theme.muted,
            ));
            Paragraph::new(Line::from(spans)).render(body, buf);
        }
        FieldKind::Checkbox => {
            let mark = if field.checked { "[x]" } else { "[ ]" };
            Paragraph::new(Line::styled(mark, theme.input)).render(body, buf);
        }
        _ if !focused => {
            // Not being edited, a field shows the start of its text (the editor would keep the
            // end in view, where its cursor was), each line cut with "…" when it is longer.
            let lines: Vec<Line> = field
                .input
                .lines()
                .iter()
                .take(usize::from(body.height))
                .map(|line| Line::styled(cut(&clean(line), body.width), theme.input))
                .collect();
            Paragraph::new(lines).render(body, buf);
            if let Some(placeholder) = field
                .placeholder
                .as_deref()
                .filter(|_| field.input.is_empty())
            {
                Paragraph::new(Line::styled(ink.keymap.spell(placeholder), theme.muted))
                    .render(Rect::new(body.x, body.y, body.width, 1), buf);
            }
        }
        _ => {
            let mut input = field.input.clone();
            input.set_style(theme.input.patch(theme.base));
            input.set_cursor_style(theme.cursor);
            input.render(body, buf);
            if let Some(placeholder) = field.placeholder.as_deref().filter(|_| input.is_empty()) {
                // Beside the cursor when focused, in the value's place otherwise.
                let shift = u16::from(focused).min(body.width);
                let area = Rect::new(body.x + shift, body.y, body.width - shift, 1);
                Paragraph::new(Line::styled(ink.keymap.spell(placeholder), theme.muted))
                    .render(area, buf);
            }
        }
    }
    if let Some(error) = &field.error {
        let lines = wrap(&format!("⚠ {}", clean(error)), input_width);
        for (offset, line) in lines.into_iter().enumerate() {
            let y = area.y + body_height + offset as u16;
            if y >= area.bottom() {
                break;
            }
            Paragraph::new(Line::styled(line, theme.error))
                .render(Rect::new(input_x, y, input_width, 1), buf);
        }
    }
}

/// The open list of a choice field: what is typed on its first line, the matching options
/// below (the chosen one highlighted across the whole row), its own keys on the bottom edge.
fn render_choices(
    options: &[&String],
    filter: &str,
    selected: usize,
    anchor: Rect,
    bounds: Rect,
    buf: &mut Buffer,
    ink: Ink,
) {
    let theme = ink.theme;
    let height = (options.len() as u16 + 3)
        .min(bounds.bottom().saturating_sub(anchor.y))
        .max(4);
    let y = if anchor.y + height > bounds.bottom() {
        bounds.bottom().saturating_sub(height)
    } else {
        anchor.y
    };
    let area = Rect::new(anchor.x, y, anchor.width.max(24), height).intersection(bounds);
    Clear.render(area, buf);
    let keys = ink
        .keymap
        .spell(" ‹form:choose› choose · ‹form:cancel› back ");
    let block =
        popup_block("choose", theme).title_bottom(Line::styled(keys, theme.muted).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 {
        return;
    }
    let find = if filter.is_empty() {
        Line::from(vec![
            Span::styled("Find: ", theme.muted),
            Span::styled("type to narrow", theme.muted),
        ])
    } else {
        Line::from(vec![
            Span::styled("Find: ", theme.muted),
            Span::styled(
                cut(&clean(filter), inner.width.saturating_sub(7)),
                theme.matched,
            ),
            Span::styled("▏", theme.cursor),
        ])
    };
    Paragraph::new(find).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let list = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    if options.is_empty() {
        let text = format!(
            "Nothing matches \"{}\"; ⌫ takes a letter back.",
            clean(filter)
        );
        let lines: Vec<Line> = wrap(&text, list.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
        Paragraph::new(lines).render(list, buf);
        return;
    }
    let visible = usize::from(list.height);
    let start = selected.saturating_sub(visible.saturating_sub(1));
    for (row, option) in options.iter().enumerate().skip(start).take(visible) {
        let style = if row == selected {
            theme.selected
        } else {
            theme.base
        };
        let y = list.y + (row - start) as u16;
        let text = if option.is_empty() {
            "— (none)".to_string()
        } else {
            clean(option).into_owned()
        };
        // The style fills the row, not only the word.
        Paragraph::new(Line::from(cut(&text, list.width)))
            .style(style)
            .render(Rect::new(list.x, y, list.width, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;

    fn form() -> Form {
        Form::new("Partner")
            .section("Identity")
            .text("name", "Name", "Acme", true)
            .choice_or_none("tier", "Tier", &["gold"], "gold")
            .section("Notes")
            .multiline("notes", "Notes", "one\ntwo")
            .rows(2)
    }

    fn draw(form: &Form, height: u16) -> String {
        let area = Rect::new(0, 0, 40, height);
        let mut buf = Buffer::empty(area);
        form.render(area, &mut buf, &Theme::mono());
        (0..height)
            .map(|y| (0..40).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn tab(form: &mut Form) {
        form.handle(
            Some(Action::NextField),
            &KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        );
    }

    #[test]
    fn headings_are_drawn_and_skipped_by_the_focus() {
        let mut f = form();
        assert_eq!(f.height(40), 2 + 2 + 1 + 1 + 2);
        let screen = draw(&f, f.height(40));
        assert!(screen.contains("─ Identity"), "{screen}");
        assert!(screen.contains("─ Notes"));
        tab(&mut f);
        assert_eq!(f.focused_id(), "tier");
        tab(&mut f);
        assert_eq!(f.focused_id(), "notes");
    }

    #[test]
    fn a_short_form_scrolls_to_the_focus_and_says_there_is_more() {
        let mut f = form();
        let screen = draw(&f, 5);
        assert!(screen.contains("›Name*"), "{screen}");
        assert!(screen.contains("▼ more"));
        tab(&mut f);
        tab(&mut f);
        let screen = draw(&f, 5);
        assert!(
            screen.contains("─ Notes") && screen.contains("›Notes"),
            "{screen}"
        );
        assert!(
            screen.contains("▲ more") && !screen.contains("Name"),
            "{screen}"
        );
    }

    #[test]
    fn an_optional_choice_shows_none_as_a_dash_and_backspace_clears_it() {
        let mut f = form();
        tab(&mut f);
        f.handle(None, &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(f.value("tier"), "");
        assert!(draw(&f, 8).contains("›Tier       —  ▾"), "{}", draw(&f, 8));
    }
}
