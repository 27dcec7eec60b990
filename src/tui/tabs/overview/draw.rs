//! Drawing the Overview's panels from what the tab read: never reads the workbook.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::layout::{self, Lengths};
use super::lines::{cut, line_style, mark, ratio, render_bars, render_gauge, render_pair, share};
use super::panels::{Item, Panel, Readiness, partners_label, role_mark};
use crate::plan::concentration::Concentration;
use crate::plan::figures::{ONBOARDED, ROLE_COVERAGE};
use crate::plan::numbers::group_thousands;
use crate::plan::risk::{Bands, Impact, Likelihood};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::heat_map::HeatMapView;
use crate::workbook::Overview;

/// From this width on a panel has its long title.
const ROOMY_WIDTH: u16 = 40;

/// The smallest area the heat map's grid is drawn in (scale numbers, no frame).
const MAP_MIN_WIDTH: u16 = 27;
const MAP_MIN_HEIGHT: u16 = 6;

pub(super) struct View<'a> {
    pub overview: &'a Overview,
    pub readiness: Option<&'a Readiness>,
    pub items: &'a [Vec<Item>],
    pub panel: usize,
    pub item: usize,
    pub bands: &'a Bands,
    /// For the keys named in the notes (the tab keys).
    pub keymap: &'a Keymap,
    /// Every concentration figure; the panel leads with `lead`.
    pub concentrations: &'a [Concentration],
    pub lead: Option<&'a Concentration>,
}

/// A line of `area`: its `n`th row, empty when there is none.
fn row(area: Rect, n: u16) -> Rect {
    if n < area.height {
        Rect::new(area.x, area.y + n, area.width, 1)
    } else {
        Rect::default()
    }
}

/// `area` from its `n`th row down.
fn below(area: Rect, n: u16) -> Rect {
    let n = n.min(area.height);
    Rect::new(area.x, area.y + n, area.width, area.height - n)
}

/// How many lines `text` takes wrapped at word boundaries into `width` columns.
fn wrapped_lines(text: &str, width: u16) -> usize {
    let width = usize::from(width.max(1));
    let mut lines = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + w > width {
            lines += 1 + w.saturating_sub(1) / width;
            used = w % width;
        } else if used == 0 {
            lines += w.saturating_sub(1) / width;
            used = w;
        } else {
            used += 1 + w;
        }
    }
    lines
}

/// `long` when it leaves eight columns of gauge in `width` (the mark included), else `short`.
fn fitting(long: String, short: String, width: u16) -> String {
    if long.chars().count() + 8 <= usize::from(width) {
        long
    } else {
        short
    }
}

fn note(text: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
    Paragraph::new(Line::styled(text.to_string(), theme.muted))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

impl View<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let lines = |panel: Panel| {
            let items = self.items.get(panel.index()).map_or(0, Vec::len);
            u16::try_from(items + 2).unwrap_or(u16::MAX)
        };
        let top_row = [Panel::Stages, Panel::Types, Panel::Fit, Panel::Roles]
            .map(lines)
            .into_iter()
            .max()
            .unwrap_or(0)
            // The roles' gauge and counts take a line more than their items.
            .saturating_add(1);
        let lengths = Lengths {
            stages: lines(Panel::Stages),
            kpis: if self.overview.kpi_total() == 0 { 5 } else { 7 },
            ecosystem: lines(Panel::Ecosystem),
            top_row,
        };
        for (panel, rect) in layout::panels(area, lengths) {
            self.render_panel(panel, rect, buf, theme);
        }
    }

    fn title(&self, panel: Panel, width: u16) -> String {
        let o = self.overview;
        let roomy = width >= ROOMY_WIDTH;
        let extra = match panel {
            Panel::Stages if roomy => partners_label(o.partners),
            Panel::Stages => group_thousands(o.partners),
            Panel::Roles => match o.coverage.percent_in_place() {
                Some(percent) => format!("{percent}% {}", ROLE_COVERAGE.label),
                None => "no roles".into(),
            },
            Panel::Risks if roomy => format!("top {}", o.top_risks.len()),
            // Beside the status (vs target): how many stand better (▲) or worse (▼) than peers.
            Panel::Kpis if roomy && o.kpis_vs_benchmark != (0, 0) => format!(
                "{} · vs benchmark ▲{} ▼{}",
                group_thousands(o.kpi_total()),
                o.kpis_vs_benchmark.0,
                o.kpis_vs_benchmark.1
            ),
            Panel::Kpis => group_thousands(o.kpi_total()),
            Panel::Progress => match self.readiness {
                Some(r) => format!("{}% ready", r.percent),
                None => String::new(),
            },
            Panel::Ecosystem => match o.ecosystem.multilaterality {
                Some(share) => format!("{:.0}% multilateral", share * 100.0),
                None => String::new(),
            },
            Panel::Concentration => match self.lead {
                // " Concentration · index 5,733 " fits from 31 columns.
                Some(c) if width > 30 => {
                    format!("index {}", group_thousands(c.hhi.round() as i64))
                }
                Some(c) => c.level.word().to_string(),
                None => String::new(),
            },
            Panel::Types | Panel::Fit | Panel::Risks => String::new(),
        };
        let name = if roomy {
            panel.title()
        } else {
            panel.short_title()
        };
        if extra.is_empty() {
            format!(" {name} ")
        } else {
            format!(" {name} · {extra} ")
        }
    }

    fn render_panel(&self, panel: Panel, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.is_empty() {
            return;
        }
        let focused = panel.index() == self.panel;
        let selected = focused.then_some(self.item);
        let title = self.title(panel, area.width);
        let title = cut(&title, usize::from(area.width.saturating_sub(2)));
        let block = Block::bordered()
            .border_style(if focused {
                theme.border_focus
            } else {
                theme.border
            })
            .title(Line::styled(title, theme.title));
        let inner = block.inner(area);
        block.render(area, buf);
        let items = self.items.get(panel.index()).map_or(&[][..], Vec::as_slice);
        match panel {
            Panel::Stages | Panel::Types | Panel::Fit => {
                render_bars(items, selected, inner, buf, theme)
            }
            Panel::Kpis if self.overview.kpi_total() > 0 => {
                render_bars(items, selected, inner, buf, theme)
            }
            Panel::Kpis => {
                let zero = Span::styled("0", theme.base);
                render_pair("KPIs", zero, selected == Some(0), row(inner, 0), buf, theme);
                let text = self
                    .keymap
                    .spell("No KPIs yet — add them on the Metrics tab (‹tab-6›).");
                note(&text, below(inner, 1), buf, theme);
            }
            Panel::Roles => self.render_roles(selected, inner, buf, theme),
            Panel::Risks => self.render_risks(selected, inner, buf, theme),
            Panel::Progress => self.render_progress(selected, inner, buf, theme),
            Panel::Ecosystem => self.render_ecosystem(items, selected, inner, buf, theme),
            Panel::Concentration => self.render_concentration(items, selected, inner, buf, theme),
        }
    }

    /// The leading figure's reading (Enter opens the list of every figure), then the other
    /// figures' readings where there is room.
    fn render_concentration(
        &self,
        items: &[Item],
        selected: Option<usize>,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let Some(item) = items.first() else {
            return;
        };
        let chosen = selected == Some(0);
        let mut text = format!("{}{}", mark(chosen), clean(&item.label));
        // Too long for the panel: the title gives the band, the text the group and its share.
        let room = usize::from(area.height.min(3));
        if let Some(lead) = self.lead
            && wrapped_lines(&text, area.width) > room
        {
            text = format!("{}{}", mark(chosen), clean(&lead.shortest_reading()));
        }
        let lines = u16::try_from(wrapped_lines(&text, area.width))
            .unwrap_or(u16::MAX)
            .clamp(1, 3);
        let first = Rect {
            height: lines.min(area.height),
            ..area
        };
        Paragraph::new(Line::styled(text, line_style(chosen, theme)))
            .wrap(Wrap { trim: true })
            .render(first, buf);
        let others = self
            .concentrations
            .iter()
            .filter(|c| !self.lead.is_some_and(|lead| std::ptr::eq(*c, lead)));
        let rest = below(area, first.height + 1);
        for (n, figure) in others.take(usize::from(rest.height)).enumerate() {
            let line = row(rest, u16::try_from(n).unwrap_or(u16::MAX));
            let Some(top) = figure.top() else {
                continue;
            };
            // The group takes at most half the line; the figure's name what is left.
            let half = usize::from(line.width / 2);
            let right = format!(
                "{} {} %",
                cut(&clean(&top.label), half.saturating_sub(5)),
                top.percent
            );
            let left = format!("{} by {}", figure.measure.title(), figure.dimension.word());
            let style = super::concentration::level_style(figure.level, theme);
            render_pair(&left, Span::styled(right, style), false, line, buf, theme);
        }
    }

    /// The multilaterality, offerings by status and the top broker, each a pair (Enter opens the
    /// Ecosystem view), then the figure's reading in words where there is room.
    fn render_ecosystem(
        &self,
        items: &[Item],
        selected: Option<usize>,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let figures = &self.overview.ecosystem;
        for (n, item) in items.iter().enumerate() {
            let broker = n + 1 == items.len() && figures.top_broker.is_some();
            let value = match n {
                0 if figures.multilaterality.is_none() => "—".to_string(),
                0 => format!("{} %", item.value),
                _ if broker => format!("cuts off {}", group_thousands(item.value)),
                _ => group_thousands(item.value),
            };
            let label = clean(&item.label);
            let line = row(area, u16::try_from(n).unwrap_or(u16::MAX));
            let value = Span::styled(value, theme.base);
            render_pair(&label, value, selected == Some(n), line, buf, theme);
        }
        let used = u16::try_from(items.len()).unwrap_or(u16::MAX);
        note(&figures.reading, below(area, used), buf, theme);
    }

    fn render_roles(&self, selected: Option<usize>, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let summary = &self.overview.coverage;
        let roles = i64::try_from(summary.roles).unwrap_or(0);
        if roles == 0 {
            let label = "in place: no roles yet";
            render_gauge(label, 0.0, selected == Some(0), row(area, 0), buf, theme);
            note(
                &self.keymap.spell("Add roles on the Roles tab (‹tab-4›)."),
                below(area, 1),
                buf,
                theme,
            );
            return;
        }
        let in_place = i64::try_from(summary.in_place).unwrap_or(0);
        let label = fitting(
            format!("in place {} ", share(in_place, roles)),
            format!("in place {in_place}/{roles} "),
            area.width,
        );
        let ratio = ratio(in_place, roles);
        render_gauge(&label, ratio, selected == Some(0), row(area, 0), buf, theme);
        let counts = format!(
            "{} missing · {} at risk · {} single points",
            summary.missing, summary.at_risk, summary.single_points
        );
        let line = row(area, 1);
        if !line.is_empty() {
            let text = Line::styled(cut(&counts, usize::from(line.width)), theme.muted);
            buf.set_line(line.x, line.y, &text, line.width);
        }
        for (n, gap) in self.overview.worst_gaps.iter().enumerate() {
            let line = row(area, 2 + u16::try_from(n).unwrap_or(u16::MAX - 2));
            let name = format!("{} {}", role_mark(gap.status), clean(&gap.name));
            let right = Span::styled(
                format!(
                    "{}/{} {}",
                    gap.holders,
                    gap.min_partners,
                    gap.criticality.word()
                ),
                theme.muted,
            );
            render_pair(&name, right, selected == Some(n + 1), line, buf, theme);
        }
        // What the gaps' figures mean, on the row after them when the panel has one.
        let gaps = self.overview.worst_gaps.len();
        if gaps > 0 {
            let legend = row(area, 2 + u16::try_from(gaps).unwrap_or(u16::MAX - 2));
            if !legend.is_empty() {
                let text = "holders/partners wanted, criticality";
                let text = Line::styled(cut(text, usize::from(legend.width)), theme.muted);
                buf.set_line(legend.x, legend.y, &text, legend.width);
            }
        }
    }

    fn render_risks(&self, selected: Option<usize>, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let top = &self.overview.top_risks;
        if top.is_empty() {
            let zero = Span::styled("0", theme.base);
            let first = row(area, 0);
            render_pair(
                "open rated risks",
                zero,
                selected == Some(0),
                first,
                buf,
                theme,
            );
            let text = self
                .keymap
                .spell("No open risk is rated yet. The register is on the Risks tab (‹tab-5›).");
            note(&text, below(area, 1), buf, theme);
            return;
        }
        let listed = u16::try_from(top.len()).unwrap_or(u16::MAX);
        let map_area = Rect {
            height: area.height.saturating_sub(listed + 1),
            ..area
        };
        let list = if map_area.width >= MAP_MIN_WIDTH && map_area.height >= MAP_MIN_HEIGHT {
            // The map marks the residual cell of the selected risk, else of the first top risk
            // that has one, else the middle.
            let chosen = selected.and_then(|n| top.get(n)).filter(|r| r.cell.0);
            let (l, i) = chosen
                .or_else(|| top.iter().find(|r| r.cell.0))
                .map_or((3, 3), |r| (r.cell.1, r.cell.2));
            let cell = (Likelihood::from_value(l), Impact::from_value(i));
            if let (Some(l), Some(i)) = cell {
                HeatMapView {
                    map: &self.overview.residual,
                    bands: self.bands,
                    residual: true,
                    selected: (l, i),
                }
                .render(map_area, buf, theme);
            }
            below(area, map_area.height + 1)
        } else {
            area
        };
        for (n, risk) in top.iter().enumerate() {
            let line = row(list, u16::try_from(n).unwrap_or(u16::MAX));
            let band = self.bands.band(risk.score);
            let right = Span::styled(
                format!("{:>2} {}", risk.score, band.letter()),
                theme.band(band),
            );
            let left = format!("{} {}", clean(&risk.code), clean(&risk.title));
            render_pair(&left, right, selected == Some(n), line, buf, theme);
        }
    }

    fn render_progress(
        &self,
        selected: Option<usize>,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let is = |n: usize| selected == Some(n);
        match self.readiness {
            Some(r) => {
                let label = fitting(
                    format!("method readiness {}% ", r.percent),
                    format!("readiness {}% ", r.percent),
                    area.width,
                );
                let ratio = f64::from(r.percent) / 100.0;
                render_gauge(&label, ratio, is(0), row(area, 0), buf, theme);
            }
            None => render_gauge(
                "method readiness unknown",
                0.0,
                is(0),
                row(area, 0),
                buf,
                theme,
            ),
        }
        let onboarding = &self.overview.onboarding;
        let (done, tended) = (onboarding.onboarded, onboarding.tended);
        let label = fitting(
            format!("{} {} ", ONBOARDED.label, share(done, tended)),
            format!(
                "{} {}/{} ",
                ONBOARDED.label,
                group_thousands(done),
                group_thousands(tended)
            ),
            area.width,
        );
        let onboarded = ratio(done, tended);
        render_gauge(&label, onboarded, is(1), row(area, 1), buf, theme);
        let items = self.items.get(Panel::Progress.index());
        for n in 2..5 {
            if let Some(item) = items.and_then(|items| items.get(n)) {
                let value = Span::styled(group_thousands(item.value), theme.base);
                let line = row(area, u16::try_from(n).unwrap_or(0));
                render_pair(&item.label, value, is(n), line, buf, theme);
            }
        }
        if let Some(r) = self.readiness {
            let steps = format!(
                "method steps: {} done · {} in progress · {} not started",
                r.done, r.in_progress, r.not_started
            );
            note(&steps, below(area, 6), buf, theme);
        }
    }
}
