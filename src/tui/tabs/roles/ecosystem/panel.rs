//! Beside the map: the selected partner's links and offerings, then the network's figures, each
//! with a reading in plain words, and what the map's marks mean.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::plan::network_summary::NetworkSummary;
use crate::plan::numbers::count_of;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::workbook::{LinkRecord, OfferingRecord};

/// How many of the selected partner's links and offerings are listed before "and N more".
const LISTED: usize = 8;

pub struct Panel<'a> {
    pub name: String,
    pub mark: &'a str,
    pub links: &'a [LinkRecord],
    pub offerings: &'a [OfferingRecord],
    pub selected_id: Option<i64>,
    pub summary: &'a NetworkSummary,
    pub link_count: usize,
    /// The figures are from before the last link's edit: worked out again when no key waits.
    pub updating: bool,
    /// The network is being read for the first time (a large plan's, on a thread): no figures
    /// yet.
    pub reading: bool,
    pub letter: &'a dyn Fn(&str) -> char,
}

/// The selected partner's block and the network's block: one above the other in a tall area,
/// side by side in a low one (so both show at 80×24).
pub fn render(panel: &Panel, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(parts) = two_parts(area, buf, area.height < 16, 50) else {
        return;
    };
    boxed(
        " Selected partner ",
        partner_lines(panel, theme),
        parts[0],
        buf,
        theme,
    );
    let mut network = figures(panel, theme);
    network.push(Line::styled(
        "Marks: ● active ◐ onboarding ○ other stage, then the type's letter; ◆ the hub; solid \
         line an active link, dashes planned, sparse faint dots ended (every link is drawn); a \
         small letter is the link's kind (a = the first kind in the word list).",
        theme.muted,
    ));
    let title = if panel.reading {
        " The network · reading… "
    } else if panel.updating {
        " The network · updating… "
    } else {
        " The network "
    };
    boxed(title, network, parts[1], buf, theme);
}

/// `area` cut to the buffer, in two: side by side or one above the other, the first taking
/// `first` percent; `None` when nothing can be drawn there.
pub fn two_parts(area: Rect, buf: &Buffer, side_by_side: bool, first: u16) -> Option<[Rect; 2]> {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return None;
    }
    let direction = if side_by_side {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let [one, two] = Layout::default()
        .direction(direction)
        .constraints([
            Constraint::Percentage(first),
            Constraint::Percentage(100 - first.min(100)),
        ])
        .areas(area);
    Some([one, two])
}

/// `lines` wrapped in a bordered block titled `title`.
pub fn boxed(title: &str, lines: Vec<Line>, area: Rect, buf: &mut Buffer, theme: &Theme) {
    boxed_lines(title, lines, true, area, buf, theme);
}

/// `lines` in a bordered block, wrapped or (for a list that scrolls by line) cut at the edge.
pub fn boxed_lines(
    title: &str,
    lines: Vec<Line>,
    wrap: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title.to_string(), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    let paragraph = Paragraph::new(lines);
    let paragraph = if wrap {
        paragraph.wrap(Wrap { trim: false })
    } else {
        paragraph
    };
    paragraph.render(inner, buf);
}

fn heading<'a>(text: String, theme: &Theme) -> Line<'a> {
    Line::styled(text, theme.header)
}

fn partner_lines<'a>(panel: &Panel, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    if panel.reading {
        out.push(Line::styled(
            "The most linked partner is selected once the network is read; Tab then walks the \
             partners.",
            theme.muted,
        ));
        return out;
    }
    if panel.selected_id.is_none() {
        out.push(Line::raw(
            "No current partners yet: add partners on the Partners tab (3), then link them here \
             with a.",
        ));
    } else {
        out.push(Line::from(vec![
            Span::styled(format!("▶{} {}", panel.mark, panel.name), theme.selected),
            Span::styled(
                format!(" · {}", count_of(panel.links.len(), "link", "links")),
                theme.muted,
            ),
        ]));
        if panel.links.is_empty() {
            out.push(Line::styled(
                "  No link with another partner yet: a adds one.",
                theme.muted,
            ));
        }
        for link in panel.links.iter().take(LISTED) {
            let letter = (panel.letter)(&link.link.kind);
            out.push(Line::raw(format!(
                "  {letter} {} · {} · strength {}",
                clean(&link.label()),
                link.link.status,
                link.link.strength
            )));
        }
        more(&mut out, panel.links.len(), theme);
        out.push(heading(
            format!("Offerings ({})", panel.offerings.len()),
            theme,
        ));
        if panel.offerings.is_empty() {
            out.push(Line::styled("  In no joint offering.", theme.muted));
        }
        for offering in panel.offerings.iter().take(LISTED) {
            let seat = offering
                .members
                .iter()
                .find(|m| m.member.partner == panel.selected_id);
            let brings = seat.map_or(String::new(), |m| {
                let critical = if m.member.critical { ", critical" } else { "" };
                format!(
                    ": brings {} ({}{critical})",
                    clean(&m.member.contribution),
                    m.member.kind
                )
            });
            out.push(Line::raw(format!(
                "  {} · {}{brings}",
                clean(&offering.offering.name),
                offering.offering.status
            )));
        }
        more(&mut out, panel.offerings.len(), theme);
    }
    out
}

fn more<'a>(out: &mut Vec<Line<'a>>, total: usize, theme: &Theme) {
    if total > LISTED {
        out.push(Line::styled(
            format!("  … and {} more", total - LISTED),
            theme.muted,
        ));
    }
}

/// The network's figures, each with what it means.
fn figures<'a>(panel: &Panel, theme: &Theme) -> Vec<Line<'a>> {
    let s = panel.summary;
    let mut out = Vec::new();
    if panel.reading {
        out.push(Line::styled(
            "Reading the network… a large plan's partners and links are read while you work; \
             the map and these figures follow in a moment.",
            theme.muted,
        ));
        return out;
    }
    if panel.updating {
        out.push(Line::styled(
            "Updating… these figures are from before the last change; they follow in a moment.",
            theme.muted,
        ));
    }
    let figure = s
        .multilaterality
        .map_or("—".to_string(), |m| format!("{:.0} %", m * 100.0));
    out.push(Line::from(vec![
        Span::styled(format!("Multilaterality {figure}: "), theme.header),
        Span::raw(s.reading.clone()),
    ]));
    let per_partner = if s.partners > 0 {
        2.0 * panel.link_count as f64 / s.partners as f64
    } else {
        0.0
    };
    out.push(Line::raw(format!(
        "{} among {}: each partner works with {per_partner:.1} others on average.",
        count_of(panel.link_count, "active link", "active links"),
        count_of(s.partners, "current partner", "current partners"),
    )));
    match s.brokers.first() {
        Some(broker) => {
            let names: Vec<String> = broker
                .cut_off_names
                .iter()
                .map(|n| clean(n).into_owned())
                .collect();
            let extra = broker.cut_off.saturating_sub(names.len());
            let tail = if extra > 0 {
                format!(" and {extra} more")
            } else {
                String::new()
            };
            out.push(Line::raw(format!(
                "Broker: {} — if they left, {} would lose their way to the rest ({}{tail}).",
                clean(&broker.name),
                count_of(broker.cut_off, "partner", "partners"),
                names.join(", ")
            )));
        }
        None => out.push(Line::raw(
            "No broker: no partner's exit would cut others off.",
        )),
    }
    out.push(Line::raw(match s.clusters {
        0 => "No cluster yet: no two partners work together.".to_string(),
        1 => format!(
            "1 cluster of {} partners working with each other.",
            s.largest_cluster
        ),
        n => format!(
            "{n} clusters that do not reach each other; the largest holds {} partners.",
            s.largest_cluster
        ),
    }));
    out.push(Line::raw(format!(
        "{} with no partner link: they work with you alone.",
        count_of(s.isolated, "partner", "partners")
    )));
    if let Some(top) = s.most_linked.first() {
        out.push(Line::raw(format!(
            "Most linked: {} ({}).",
            clean(&top.name),
            count_of(top.count, "link", "links")
        )));
    }
    out
}
