//! The merge review: a copy that came back, before it is merged — its conflicts first, each with
//! ours, theirs and what it was, decided one by one or all at once, then what changes here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{centered, popup_block};
use crate::plan::merge::Side;
use crate::plan::numbers::count_of;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::merge::{Choices, MergePlan};

#[derive(Debug)]
pub struct MergeReview {
    /// The file that came back.
    pub name: String,
    /// Where the merge starts from, in words.
    pub base: String,
    /// Each conflict in words, in the plan's order.
    pub conflicts: Vec<String>,
    /// The record each conflict is about (its uuid), in the same order.
    pub uuids: Vec<String>,
    /// What changes here whatever is decided: a line a record, under a line a table.
    pub changes: Vec<String>,
    pub plan: MergePlan,
    pub choices: Choices,
    pub selected: usize,
    /// Lines of the change list scrolled past.
    pub scroll: u16,
    /// Why the last key did nothing (a merge with conflicts still open).
    pub message: Option<String>,
}

impl MergeReview {
    pub fn open_conflicts(&self) -> usize {
        (0..self.conflicts.len())
            .filter(|&i| self.choices.of(i).is_none())
            .count()
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        if self.selected + 1 < self.conflicts.len() {
            self.selected += 1;
        }
    }

    /// Settles the selected conflict and moves to the next one still open.
    pub fn take(&mut self, side: Side) {
        if self.conflicts.is_empty() {
            return;
        }
        self.choices.each.insert(self.selected, side);
        self.message = None;
        let next = (self.selected + 1..self.conflicts.len())
            .chain(0..self.selected)
            .find(|&i| self.choices.of(i).is_none());
        if let Some(next) = next {
            self.selected = next;
        }
    }

    /// Settles every conflict of the selected conflict's record with one side.
    pub fn take_record(&mut self, side: Side) {
        let Some(uuid) = self.uuids.get(self.selected).cloned() else {
            return;
        };
        for (index, of) in self.uuids.iter().enumerate() {
            if *of == uuid {
                self.choices.each.insert(index, side);
            }
        }
        self.message = None;
    }

    /// Settles every conflict with one side.
    pub fn take_all(&mut self, side: Side) {
        for index in 0..self.conflicts.len() {
            self.choices.each.insert(index, side);
        }
        self.message = None;
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let popup = centered(area, 110, area.height.saturating_sub(2).max(3));
        Clear.render(popup, buf);
        let block = popup_block(&format!("Merge {}", self.name), theme);
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut lines: Vec<Line> = vec![Line::from(clean(&self.base).into_owned())];
        let mut selected_at = 0usize;
        if !self.conflicts.is_empty() {
            lines.push(Line::default());
            let open = self.open_conflicts();
            lines.push(Line::styled(
                format!(
                    "{} — {} still to decide",
                    count_of(self.conflicts.len(), "conflict", "conflicts"),
                    open
                ),
                theme.title,
            ));
            for (index, words) in self.conflicts.iter().enumerate() {
                let choice = match self.choices.of(index) {
                    Some(Side::Ours) => "[ours]  ",
                    Some(Side::Theirs) => "[theirs]",
                    None => "[  ?   ]",
                };
                let pointer = if index == self.selected { "▸ " } else { "  " };
                let mut style = theme.base;
                if index == self.selected {
                    style = theme.selected;
                    selected_at = lines.len();
                }
                lines.push(Line::from(vec![
                    Span::styled(pointer, style),
                    Span::styled(choice, style.add_modifier(Modifier::BOLD)),
                    Span::styled(format!(" {}", clean(words)), style),
                ]));
            }
        }
        lines.push(Line::default());
        if self.changes.is_empty() {
            lines.push(Line::styled("Nothing else changes here.", theme.muted));
        } else {
            lines.push(Line::styled("What changes here", theme.title));
            for change in &self.changes {
                lines.push(Line::from(clean(change).into_owned()));
            }
        }
        // Keep the selected conflict in view; the change list scrolls below it.
        let height = inner.height.saturating_sub(1) as usize;
        let top = selected_at.saturating_sub(height / 2) as u16 + self.scroll;
        let body = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((top, 0))
            .render(body, buf);
        if inner.height > 0 {
            let footer = Rect {
                y: inner.y + inner.height - 1,
                height: 1,
                ..inner
            };
            // The keys are on the status line, from the keymap; here only why a key did nothing.
            if let Some(message) = &self.message {
                Paragraph::new(Line::styled(clean(message).into_owned(), theme.error))
                    .render(footer, buf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::merge::MergePlan;

    fn review(uuids: &[&str]) -> MergeReview {
        MergeReview {
            name: "back.toml".into(),
            base: String::new(),
            conflicts: uuids.iter().map(|u| format!("a conflict of {u}")).collect(),
            uuids: uuids.iter().map(|u| u.to_string()).collect(),
            changes: Vec::new(),
            plan: MergePlan {
                base: String::new(),
                has_base: true,
                tables: Vec::new(),
                conflicts: Vec::new(),
                lineage: String::new(),
                next_risk_number: None,
                twins: Default::default(),
                problems: Vec::new(),
            },
            choices: Choices::default(),
            selected: 0,
            scroll: 0,
            message: None,
        }
    }

    #[test]
    fn one_conflict_is_settled_and_the_next_open_one_is_selected() {
        let mut r = review(&["a", "b", "c"]);
        r.take(Side::Theirs);
        assert_eq!(r.choices.of(0), Some(Side::Theirs));
        assert_eq!(r.selected, 1);
        assert_eq!(r.open_conflicts(), 2);
    }

    #[test]
    fn a_record_settles_all_its_conflicts_and_only_its_own() {
        let mut r = review(&["a", "b", "a"]);
        r.take_record(Side::Ours);
        assert_eq!(r.choices.of(0), Some(Side::Ours));
        assert_eq!(r.choices.of(2), Some(Side::Ours));
        assert_eq!(r.choices.of(1), None);
        r.take_all(Side::Theirs);
        assert_eq!(r.open_conflicts(), 0);
        assert!((0..3).all(|i| r.choices.of(i) == Some(Side::Theirs)));
    }
}
