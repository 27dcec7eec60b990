//! What partners gain, drawn beside the value proposition: the first partners with a "what they
//! gain" line, and those without one laid out whole, name by name, ending with how many more.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::plan::numbers::{count_of, group_thousands};
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::PartnerGains;

/// What partners gain, as many as fit, and those with no line, saying how many more there are.
pub(super) fn render_gains(g: &PartnerGains, area: Rect, buf: &mut Buffer, theme: &Theme) {
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
