//! The partner × offering matrix beside the offerings list, on the Roles tab's shared grid: a
//! row per member (the hub first, then partners by name), a column per offering, `C` a critical
//! contribution, `●` another one; it follows the list's selection (the selected offering's
//! column, the selected member's row) and says what the selected cell holds beneath.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::super::grid::{ColumnWindow, Grid, render_grid};
use super::panel::boxed;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{HUB, MemberRecord, OfferingRecord};

/// Width of a member's name in the first column.
const NAME_WIDTH: u16 = 20;
/// Widths of an offering's column, its number and name in the header: as wide as the longest
/// header needs, within these.
const CELL: std::ops::RangeInclusive<u16> = 6..=26;
/// Lines beneath the grid: the selected cell in words, what the marks mean.
const FOOTER: u16 = 3;

/// A member as the matrix's rows list it: the partner's id (`None` the hub) and name.
type Seat = (Option<i64>, String);

/// Every member of any offering once: the hub first, then partners by name.
fn seats(offerings: &[OfferingRecord]) -> Vec<Seat> {
    let mut seats: Vec<Seat> = offerings
        .iter()
        .flat_map(|o| o.members.iter().map(|m| (m.member.partner, m.name.clone())))
        .collect();
    seats.sort_by(|a, b| {
        a.0.is_some()
            .cmp(&b.0.is_some())
            .then_with(|| a.1.cmp(&b.1))
            .then(a.0.cmp(&b.0))
    });
    seats.dedup();
    seats
}

fn member<'a>(offering: &'a OfferingRecord, seat: &Seat) -> Option<&'a MemberRecord> {
    offering.members.iter().find(|m| m.member.partner == seat.0)
}

/// Draws the matrix of `offerings` in `area`; `selected` is the list's selected offering
/// (index) and member (partner id, `None` the hub), if a member row is selected.
pub fn render(
    offerings: &[OfferingRecord],
    selected: Option<(usize, Option<Option<i64>>)>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let title = " Partner × offering ";
    if offerings.is_empty() {
        let empty = vec![Line::styled("No offering, no member yet.", theme.muted)];
        return boxed(title, empty, area, buf, theme);
    }
    let seats = seats(offerings);
    let inner = Rect {
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
        ..area
    };
    let header = |o: usize| format!("{} {}", o + 1, clean(&offerings[o].offering.name));
    let widest = (0..offerings.len())
        .map(|o| header(o).chars().count() + 1)
        .max()
        .unwrap_or(0);
    let cell_width = u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .clamp(*CELL.start(), *CELL.end());
    let mut columns = ColumnWindow {
        column: selected.map_or(0, |(o, _)| o),
        first: 0,
        visible: usize::from((inner.width.saturating_sub(NAME_WIDTH + 1) / cell_width).max(1)),
    };
    columns.keep_visible(offerings.len());
    let shown = columns.range(offerings.len());
    let headers = shown.clone().map(header).collect();
    // Rows that fit under the header and above the footer, scrolled to the selected member.
    let room = usize::from(inner.height.saturating_sub(1 + FOOTER).max(1));
    let selected_seat = selected
        .and_then(|(_, seat)| seat)
        .and_then(|partner| seats.iter().position(|s| s.0 == partner));
    let first = selected_seat.map_or(0, |at| at.saturating_sub(room - 1));
    let rows: Vec<&Seat> = seats.iter().skip(first).take(room).collect();
    let cell = |row: usize, column: usize| {
        let found = rows
            .get(row)
            .zip(offerings.get(column))
            .and_then(|(seat, o)| member(o, seat));
        match found {
            Some(m) if m.member.critical => ("C".to_string(), theme.warning),
            Some(_) => ("●".to_string(), theme.base),
            None => ("·".to_string(), theme.muted),
        }
    };
    let grid = Grid {
        title,
        corner: "Member",
        name_width: NAME_WIDTH,
        column_width: cell_width,
        headers,
        columns,
        column_count: offerings.len(),
        rows: rows.iter().map(|s| s.1.clone()).collect(),
        selected_row: selected_seat.map(|at| at - first),
        cell: &cell,
        empty: "No member yet: m adds one to the selected offering.".into(),
        footer: footer(offerings, &seats, columns.column, selected_seat, theme),
    };
    render_grid(&grid, area, buf, theme);
}

/// The selected cell in words, and what the marks mean.
fn footer<'a>(
    offerings: &[OfferingRecord],
    seats: &[Seat],
    column: usize,
    seat: Option<usize>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    if let Some(offering) = offerings.get(column) {
        let name = clean(&offering.offering.name);
        let said = match seat.and_then(|s| seats.get(s)) {
            Some(seat) => match member(offering, seat) {
                Some(m) => {
                    let kind = if m.member.kind.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", m.member.kind)
                    };
                    let critical = if m.member.critical { ", critical" } else { "" };
                    format!(
                        "{} brings {}{kind}{critical} to {name}.",
                        clean(&seat.1),
                        clean(&m.member.contribution)
                    )
                }
                None => format!("{} is not in {name}.", clean(&seat.1)),
            },
            None => {
                let members = offering.members.len();
                let hub = offering.members.iter().any(|m| m.name == HUB);
                let with_hub = if hub { ", the hub among them" } else { "" };
                format!(
                    "{name}: {}{with_hub}.",
                    crate::plan::numbers::count_of(members, "member", "members")
                )
            }
        };
        out.push(Line::raw(said));
    }
    out.push(Line::styled(
        "C a critical contribution, ● another one, · not a member.",
        theme.muted,
    ));
    out
}
