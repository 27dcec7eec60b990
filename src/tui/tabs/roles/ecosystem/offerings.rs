//! The Ecosystem view's offerings: each joint offering with its members beneath it (the hub
//! first), added, edited and removed by key, and a partner × offering matrix of who brings what.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::panel::{boxed_lines, two_parts};

use crate::plan::numbers::count_of;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{MemberRecord, OfferingRecord};

/// A line of the list: an offering, or one of its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An index into the offerings.
    Offering(usize),
    /// (offering index, member index).
    Member(usize, usize),
}

#[derive(Debug, Default)]
pub struct OfferingsPane {
    pub offerings: Vec<OfferingRecord>,
    rows: Vec<Row>,
    pub selected: usize,
}

impl OfferingsPane {
    /// The pane on `offerings`, the selection kept on the same offering or member if it stays.
    pub fn set(&mut self, offerings: Vec<OfferingRecord>) {
        let kept = self.selected_ids();
        self.offerings = offerings;
        self.rows = Vec::new();
        for (o, offering) in self.offerings.iter().enumerate() {
            self.rows.push(Row::Offering(o));
            self.rows
                .extend((0..offering.members.len()).map(|m| Row::Member(o, m)));
        }
        let found = self
            .rows
            .iter()
            .position(|row| self.ids_of(*row) == kept)
            .or_else(|| {
                self.rows
                    .iter()
                    .position(|row| self.ids_of(*row).0 == kept.0)
            });
        self.selected = found
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }

    /// (offering id, member id) of a row.
    fn ids_of(&self, row: Row) -> (Option<i64>, Option<i64>) {
        match row {
            Row::Offering(o) => (self.offerings.get(o).map(|x| x.id), None),
            Row::Member(o, m) => {
                let offering = self.offerings.get(o);
                (
                    offering.map(|x| x.id),
                    offering.and_then(|x| x.members.get(m)).map(|m| m.id),
                )
            }
        }
    }

    fn selected_ids(&self) -> (Option<i64>, Option<i64>) {
        self.rows
            .get(self.selected)
            .map_or((None, None), |row| self.ids_of(*row))
    }

    pub fn move_by(&mut self, step: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(step).min(last);
    }

    pub fn select_end(&mut self, last: bool) {
        self.selected = if last {
            self.rows.len().saturating_sub(1)
        } else {
            0
        };
    }

    /// The selected offering (a member row's offering too).
    pub fn offering(&self) -> Option<&OfferingRecord> {
        match self.rows.get(self.selected)? {
            Row::Offering(o) | Row::Member(o, _) => self.offerings.get(*o),
        }
    }

    /// The selected member, when a member row is selected.
    pub fn member(&self) -> Option<&MemberRecord> {
        match self.rows.get(self.selected)? {
            Row::Member(o, m) => self.offerings.get(*o)?.members.get(*m),
            Row::Offering(_) => None,
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let Some(parts) = two_parts(area, buf, area.width >= 100, 55) else {
            return;
        };
        let title = format!(
            " Joint offerings · {} ",
            count_of(self.offerings.len(), "offering", "offerings")
        );
        let list = self.list_lines(theme, parts[0].height.saturating_sub(2));
        boxed_lines(&title, list, false, parts[0], buf, theme);
        let selected = self.rows.get(self.selected).map(|row| match *row {
            Row::Offering(o) => (o, None),
            Row::Member(o, m) => (
                o,
                self.offerings
                    .get(o)
                    .and_then(|x| x.members.get(m))
                    .map(|m| m.member.partner),
            ),
        });
        super::offering_matrix::render(&self.offerings, selected, parts[1], buf, theme);
    }

    /// The list's lines, scrolled so the selected row shows in `height` rows.
    fn list_lines<'a>(&self, theme: &Theme, height: u16) -> Vec<Line<'a>> {
        if self.rows.is_empty() {
            return vec![Line::styled(
                "No joint offering yet: a adds one, then m adds its members (partners or the hub).",
                theme.muted,
            )];
        }
        let height = usize::from(height.max(1));
        let first = self.selected.saturating_sub(height.saturating_sub(1));
        self.rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, row)| {
                let style = if i == self.selected {
                    theme.selected
                } else {
                    theme.base
                };
                let text = match *row {
                    Row::Offering(o) => self.offerings.get(o).map_or(String::new(), |x| {
                        let d = &x.offering;
                        let segment = if d.segment.is_empty() {
                            String::new()
                        } else {
                            format!(" · for {}", clean(&d.segment))
                        };
                        format!("▸ {} · {}{segment}", clean(&d.name), d.status)
                    }),
                    Row::Member(o, m) => self
                        .offerings
                        .get(o)
                        .and_then(|x| x.members.get(m))
                        .map_or(String::new(), |m| {
                            let critical = if m.member.critical {
                                " · critical"
                            } else {
                                ""
                            };
                            let kind = if m.member.kind.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", m.member.kind)
                            };
                            format!(
                                "    {}: {}{kind}{critical}",
                                clean(&m.name),
                                clean(&m.member.contribution)
                            )
                        }),
                };
                Line::styled(text, style)
            })
            .collect()
    }
}
