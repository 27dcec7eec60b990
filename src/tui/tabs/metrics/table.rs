//! The KPI table: a window of KPIs in name order (read a page at a time, never the whole table
//! per frame), each with its status as mark and word, horizon, latest value, target and a
//! sparkline of its recent values, and — when any KPI has a benchmark — where the latest value
//! stands against peers' band ("vs benchmark" beside the status, which is "vs target"); and
//! moving through it.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::MetricsTab;
use crate::plan::kpi::{KpiStatus, sparkline_levels};
use crate::plan::numbers::count_of;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::KpiRow;

/// How many recent values a sparkline shows.
pub(super) const SPARK: usize = 12;

/// Rows of the table that fit in the tab's `area` (header line, borders, column headings).
pub(super) fn visible_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(4)).max(1)
}

/// The style that goes with a status; the mark and word carry the meaning without colour.
pub(super) fn status_style(status: KpiStatus, theme: &Theme) -> ratatui::style::Style {
    match status {
        KpiStatus::Achieved | KpiStatus::OnTrack => theme.ok,
        KpiStatus::AtRisk => theme.warning,
        KpiStatus::OffTrack => theme.error,
        KpiStatus::NoData => theme.muted,
    }
}

/// "12.5", "1,250", "-3": at most two decimals, thousands grouped.
pub(super) fn number(x: f64) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let whole = rounded.trunc();
    let grouped = if whole.abs() < 9e15 {
        crate::plan::numbers::group_thousands(whole as i64)
    } else {
        format!("{whole}")
    };
    let sign = if rounded < 0.0 && whole == 0.0 {
        "-"
    } else {
        ""
    };
    let cents = ((rounded - whole).abs() * 100.0).round() as i64;
    match cents {
        0 => format!("{sign}{grouped}"),
        c if c % 10 == 0 => format!("{sign}{grouped}.{}", c / 10),
        c => format!("{sign}{grouped}.{c:02}"),
    }
}

/// A value with its unit: "42 %", "1,250 EUR".
pub(super) fn with_unit(x: f64, unit: &str) -> String {
    let unit = clean(unit);
    if unit.is_empty() {
        number(x)
    } else {
        format!("{} {unit}", number(x))
    }
}

/// Bars of eight heights, lowest value lowest.
pub(super) fn sparkline_text(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    sparkline_levels(values, 7)
        .iter()
        .map(|&level| BARS[usize::try_from(level).unwrap_or(0).min(7)])
        .collect()
}

fn name_text(row: &KpiRow) -> String {
    let name = clean(&row.record.kpi.name).into_owned();
    if row.record.kpi.live_source.is_some() {
        format!("{name} · live")
    } else {
        name
    }
}

impl MetricsTab {
    /// Reads the window around the selection.
    pub(super) fn read_window(&mut self, wb: &crate::workbook::Workbook) -> Result<()> {
        let height = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(self.total.saturating_sub(height));
        let today = self.settings.today();
        self.rows = wb.kpi_rows(self.offset, height, SPARK, today, self.facts.as_ref())?;
        Ok(())
    }

    pub(super) fn move_table(
        &mut self,
        action: Action,
        wb: &crate::workbook::Workbook,
    ) -> Result<()> {
        let last = self.total.saturating_sub(1);
        let page = self.height.max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            _ => self.selected,
        };
        let visible = self.offset..self.offset + self.rows.len();
        if !visible.contains(&self.selected) {
            self.read_window(wb)?;
        }
        Ok(())
    }

    pub(super) fn empty_message(&self) -> &'static str {
        "No KPIs yet: ‹kpis:add› adds one, ‹kpis:pick-kpi› picks from common KPIs (live ones \
         included), ‹kpis:roi› shows ROI."
    }

    pub(super) fn render_table(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let about = if self.facts_pending {
            "· live values updating… (a large plan's, read while you work)"
        } else {
            "· status: the latest value against the path from baseline to target"
        };
        let spans = vec![
            Span::styled(
                format!(" {} ", count_of(self.total, "KPI", "KPIs")),
                theme.header,
            ),
            Span::styled(about, theme.muted),
        ];
        Paragraph::new(Line::from(spans)).render(header, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(" KPIs ", theme.title));
        if self.rows.is_empty() {
            Paragraph::new(vec![
                Line::default(),
                Line::styled(keymap.spell(self.empty_message()), theme.muted),
            ])
            .block(block)
            .wrap(Wrap { trim: true })
            .render(body, buf);
            return;
        }
        // The name matters most; the owner, target date and horizon go first when narrow (the
        // detail view shows them), the sparkline keeps its twelve points.
        let benchmarked = self.rows.iter().any(|r| r.record.benchmark.has_band());
        let mut columns = vec![
            Column::new("Status", 1).min(11).max(12),
            Column::new("KPI", 0).min(24).grow(),
            Column::new("Horizon", 5).min(7).max(7),
            Column::new("Latest", 2).min(11).max(16).right(),
            Column::new("Target", 3).min(11).max(16).right(),
            Column::new("By", 6).min(10).max(11),
            Column::new("Owner", 7).min(5).max(18),
            Column::new("Trend", 4).min(SPARK as u16).max(SPARK as u16),
        ];
        if benchmarked {
            columns.insert(5, Column::new("Vs benchmark", 4).min(11).max(14));
        }
        let format = &self.settings.date_format;
        let rows: Vec<Vec<TableCell>> = self
            .rows
            .iter()
            .map(|row| {
                let kpi = &row.record.kpi;
                let by = kpi
                    .target_date
                    .as_deref()
                    .map(|d| crate::plan::shape::show_date(d, format))
                    .unwrap_or_else(|| "—".into());
                let recent = &row.recent[row.recent.len().saturating_sub(SPARK)..];
                let (versus, better) = row
                    .record
                    .benchmark
                    .versus(row.latest.map(|m| m.value), kpi.direction);
                let versus_style = match better {
                    Some(true) => theme.ok,
                    Some(false) => theme.warning,
                    None => theme.muted,
                };
                let mut cells = vec![
                    (
                        row.status.label().to_string(),
                        status_style(row.status, theme),
                    ),
                    (name_text(row), theme.base),
                    (kpi.horizon.word().to_string(), theme.muted),
                    (
                        row.latest
                            .map(|m| with_unit(m.value, &kpi.unit))
                            .unwrap_or_else(|| "—".into()),
                        theme.base,
                    ),
                    (
                        kpi.target
                            .map(|t| with_unit(t, &kpi.unit))
                            .unwrap_or_else(|| "—".into()),
                        theme.base,
                    ),
                    (by, theme.muted),
                    (clean(&kpi.owner).into_owned(), theme.muted),
                    (sparkline_text(recent), theme.base),
                ];
                if benchmarked {
                    cells.insert(5, (versus, versus_style));
                }
                cells
            })
            .collect();
        let inner = block.inner(body).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(
            table,
            self.selected.saturating_sub(self.offset),
            body,
            buf,
            theme,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(number(1250.0), "1,250");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(66.666_666), "66.67");
        assert_eq!(number(1e20), "100000000000000000000");
        assert!(!number(f64::MAX).is_empty());
    }

    #[test]
    fn sparklines_span_lowest_to_highest() {
        assert_eq!(sparkline_text(&[1.0, 3.0, 2.0]), "▁█▅");
        assert_eq!(sparkline_text(&[]), "");
    }
}
