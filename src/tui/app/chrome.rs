//! The app's chrome: the title line, the tab bar (with the Guide's readiness), the status line
//! of key hints, and the active tab and popup drawn between them.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{App, MIN_HEIGHT, MIN_WIDTH, Popup};
use crate::tui::action::Action;
use crate::tui::keymap::{Hint, fitted, needs_selection};
use crate::tui::sanitize::clean;
use crate::tui::tabs::TabId;

impl App {
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let buf = frame.buffer_mut();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!("terminal too small (needs {MIN_WIDTH}×{MIN_HEIGHT})");
            let y = area.y + area.height / 2;
            let line = Rect::new(area.x, y, area.width, 1.min(area.height));
            Paragraph::new(Line::styled(text, self.theme.warning))
                .centered()
                .render_ref(line, buf);
            return;
        }
        let [title, tabs, _, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_title(title, buf);
        self.draw_tabs(tabs, buf);
        self.draw_body(body_area(area), buf);
        self.draw_status(status, buf);
        match &self.popup {
            Some(Popup::Help(help)) => help.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Palette(palette)) => palette.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Confirm(dialog)) => dialog.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Notice(notice)) => notice.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Prompt(prompt)) => prompt.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Progress(popup)) => popup.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::Merge(review)) => review.render(area, buf, &self.theme),
            Some(Popup::Snapshots(list)) => list.render(area, buf, &self.theme),
            Some(Popup::Preview(preview)) => preview.render(area, buf, &self.theme, &self.keymap),
            Some(Popup::ReportOptions(options)) => {
                options.render(area, buf, &self.theme, &self.keymap)
            }
            None => {}
        }
    }

    /// The open tab, drawn for the size it was prepared for. When the terminal changed size in
    /// between (a resize while the frame was being made), it is drawn into a buffer of that size
    /// and only what fits the frame is kept: nothing is ever drawn outside the frame.
    fn draw_body(&self, body: Rect, buf: &mut Buffer) {
        let draw = |target: &mut Buffer| {
            self.screen()
                .draw(self.body, target, &self.theme, &self.keymap)
        };
        if self.body == body {
            draw(buf);
            return;
        }
        let mut scratch = Buffer::empty(self.body);
        draw(&mut scratch);
        let kept = self.body.intersection(body).intersection(buf.area);
        for y in kept.top()..kept.bottom() {
            for x in kept.left()..kept.right() {
                buf[(x, y)] = scratch[(x, y)].clone();
            }
        }
    }

    fn draw_title(&self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        let mut spans = vec![
            Span::styled(" partnerplan ", self.theme.title),
            Span::styled("· ", self.theme.muted),
            Span::styled(clean(&self.title).into_owned(), self.theme.base),
            Span::styled(
                format!(" · {}", clean(&self.workbook.file_name())),
                self.theme.muted,
            ),
        ];
        if self.workbook.is_read_only() {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(" READ-ONLY ", self.theme.banner));
        }
        let line = Line::from(spans);
        let left = line.width();
        Paragraph::new(line).render_ref(area, buf);
        // Where the user is, right-aligned over the end of the title and file name (which give
        // way first, with "…"); past " partnerplan · " the crumbs nearest the start give way.
        let Some(crumbs) = self.breadcrumb() else {
            return;
        };
        let room = usize::from(area.width).saturating_sub(16);
        let crumbs = keep_end(&clean(&crumbs), room);
        let width = Span::raw(&crumbs).width();
        let text = if left + width + 2 > usize::from(area.width) {
            format!("… {crumbs} ")
        } else {
            format!(" {crumbs} ")
        };
        Paragraph::new(Line::styled(text, self.theme.muted))
            .right_aligned()
            .render_ref(area, buf);
    }

    fn draw_tabs(&self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        let readiness = self.guide.readiness();
        let gap = usize::from(tab_gap(area.width));
        let mut spans = vec![Span::raw(" ")];
        for tab in TabId::ALL {
            let style = if tab == self.tab {
                self.theme.tab_active
            } else {
                self.theme.tab
            };
            let label = tab_label(tab, readiness);
            // The Guide's label keeps the room of its widest readiness, known or not yet.
            let room = tab_width(tab).saturating_sub(label.chars().count());
            spans.push(Span::styled(label, style));
            spans.push(Span::raw(" ".repeat(room + gap)));
        }
        Paragraph::new(Line::from(spans)).render_ref(area, buf);
    }

    fn draw_status(&self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        let all = self.keymap.hint_bar(self.context());
        // The status message leaves room for the view's first verb and help; one longer than
        // that goes on the line above instead (cut with "…" only past the whole width), so it
        // never pushes the keys off. It fades a few seconds on (see `tick`).
        let kept = all.first().map_or(0, Hint::width)
            + all
                .iter()
                .skip(1)
                .find(|h| h.actions.contains(&Action::Help))
                .map_or(0, Hint::width);
        let (text, style) = match &self.status {
            Some(status) => (
                format!(" {} ", clean(&status.text)),
                if status.error {
                    self.theme.error
                } else {
                    self.theme.ok
                },
            ),
            None if self.workbook.is_read_only() => (" read-only ".into(), self.theme.warning),
            None => (" saved ".into(), self.theme.muted),
        };
        let fits = Span::raw(&text).width() + kept <= usize::from(area.width);
        let right = if fits {
            Span::styled(text, style)
        } else {
            let line = Rect::new(area.x, area.y.saturating_sub(1), area.width, 1);
            buf.set_string(
                line.x,
                line.y,
                " ".repeat(usize::from(line.width)),
                self.theme.base,
            );
            let whole = keep_start(text.trim(), usize::from(area.width).saturating_sub(2));
            Paragraph::new(Line::styled(format!(" {whole} "), style))
                .right_aligned()
                .render_ref(line, buf);
            Span::raw("")
        };
        let right_width = right.width() as u16;
        let room = usize::from(area.width.saturating_sub(right_width));
        let mut hints = Vec::new();
        for hint in fitted(&all, room) {
            let (key, text) = if self.can_do(hint) {
                (self.theme.key, self.theme.hint)
            } else {
                (self.theme.muted, self.theme.muted)
            };
            hints.push(Span::styled(format!(" {}", hint.keys), key));
            hints.push(Span::styled(format!(" {}", hint.text), text));
        }
        let [left_area, right_area] = Layout::horizontal([
            Constraint::Min(0),
            Constraint::Length(right_width.min(area.width)),
        ])
        .areas(area);
        Paragraph::new(Line::from(hints)).render_ref(left_area, buf);
        Paragraph::new(Line::from(right))
            .right_aligned()
            .render_ref(right_area, buf);
    }

    /// Whether a hint's key would do something now: nothing writes in a read-only workbook,
    /// nothing acts on a record while the list on screen is empty, and `Esc` goes back only
    /// after a drill-down.
    fn can_do(&self, hint: &Hint) -> bool {
        let nothing_selected = self.popup.is_none() && !self.screen().has_selection();
        let context = self.context();
        hint.actions.iter().any(|action| match action {
            Action::Back => self.can_go_back(),
            action if action.writes() && self.workbook.is_read_only() => false,
            action if nothing_selected && needs_selection(*action, context) => false,
            _ => true,
        })
    }
}

/// The start of `text` in at most `width` columns, "…" last where its end was cut.
fn keep_start(text: &str, width: usize) -> String {
    cut(text, width, false)
}

/// The end of `text` in at most `width` columns, "…" first where its start was cut.
fn keep_end(text: &str, width: usize) -> String {
    cut(text, width, true)
}

/// `text` in at most `width` columns, cut at its start (`from_start`) or end with "…".
fn cut(text: &str, width: usize, from_start: bool) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let chars: Vec<char> = match from_start {
        true => text.chars().rev().collect(),
        false => text.chars().collect(),
    };
    let mut used = 1;
    let mut kept: Vec<char> = chars
        .into_iter()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect();
    if from_start {
        kept.reverse();
        std::iter::once('…').chain(kept).collect()
    } else {
        kept.into_iter().chain(std::iter::once('…')).collect()
    }
}

/// A tab's label in the tab bar; the Guide's carries the plan's readiness once it is known.
fn tab_label(tab: TabId, readiness: Option<u8>) -> String {
    match (tab, readiness) {
        (TabId::Guide, Some(percent)) => {
            format!(" {} {} {percent}% ", tab.number(), tab.title())
        }
        _ => format!(" {} {} ", tab.number(), tab.title()),
    }
}

/// Columns a tab's label takes in the bar: the Guide's keeps room for its widest readiness
/// ("100%") from the first frame, so the tabs after it stay where they are when the figure
/// comes after the first idle pass (or grows from 9 % to 10 %).
fn tab_width(tab: TabId) -> usize {
    let widest = match tab {
        TabId::Guide => Some(100),
        _ => None,
    };
    tab_label(tab, widest).chars().count()
}

/// The space between tab labels: one while every label fits in `width`, else none (the labels'
/// own padding still keeps them apart), so "7 Overview" stays whole at 80 columns.
fn tab_gap(width: u16) -> u16 {
    let labels: usize = TabId::ALL.iter().map(|tab| tab_width(*tab)).sum();
    // The last label's closing pad may fall off the edge.
    let spaced = 1 + labels + TabId::ALL.len() - 1 - 1;
    u16::from(spaced <= usize::from(width))
}

/// Which tab label covers column `x` of a tab bar `width` wide (laid out as `draw_tabs` does).
pub(super) fn tab_at(x: u16, width: u16) -> Option<TabId> {
    let gap = tab_gap(width);
    let mut start = 1u16;
    for tab in TabId::ALL {
        let label = tab_width(tab) as u16;
        if x >= start && x < start + label {
            return Some(tab);
        }
        start += label + gap;
    }
    None
}

/// The area between the tab bar and the status line.
pub(super) fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 2,
        area.width,
        area.height.saturating_sub(3),
    )
}

/// `Paragraph` is drawn by reference so the app can stay `&self` while drawing.
trait RenderRef {
    fn render_ref(self, area: Rect, buf: &mut ratatui::buffer::Buffer);
}

impl RenderRef for Paragraph<'_> {
    fn render_ref(self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        ratatui::widgets::Widget::render(self, area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breadcrumbs_keep_their_end() {
        assert_eq!(keep_end("Overview › Partners", 30), "Overview › Partners");
        assert_eq!(keep_end("Overview › Partners", 10), "… Partners");
        assert_eq!(keep_end("東京 › x", 5), "… › x");
        assert_eq!(keep_start("Saved Northwind Logistics.", 12), "Saved North…");
        assert_eq!(keep_start("Saved.", 12), "Saved.");
    }

    #[test]
    fn tab_hit_testing_matches_the_labels() {
        for width in [80, 120] {
            let gap = tab_gap(width);
            assert_eq!(gap, u16::from(width > 80));
            assert_eq!(tab_at(0, width), None);
            assert_eq!(tab_at(1, width), Some(TabId::Guide));
            let partners_start =
                1 + tab_width(TabId::Guide) as u16 + gap + tab_width(TabId::Strategy) as u16 + gap;
            assert_eq!(tab_at(partners_start, width), Some(TabId::Partners));
            assert_eq!(tab_at(partners_start - 2, width), Some(TabId::Strategy));
            assert_eq!(tab_at(500, width), None);
        }
    }

    #[test]
    fn the_guides_label_keeps_the_room_of_its_widest_readiness() {
        let room = tab_width(TabId::Guide);
        assert_eq!(room, " 1 Guide 100% ".chars().count());
        for readiness in [None, Some(0), Some(9), Some(42), Some(100)] {
            let label = tab_label(TabId::Guide, readiness).chars().count();
            assert!(label <= room, "{readiness:?}: {label} > {room}");
        }
        // Every label still fits 80 columns with the Guide's room kept.
        let labels: usize = TabId::ALL.iter().map(|tab| tab_width(*tab)).sum();
        assert!(labels < 80, "the bar starts with a space: {labels}");
    }
}
