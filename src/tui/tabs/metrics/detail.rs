//! One KPI in detail: its fields, a chart of its measurements against the target path (ratatui's
//! `Chart`: the measured values and the straight line from baseline to target), and its
//! measurement log, newest first; its benchmark (band, peer group, source, as-of date) and
//! definition when it has them. Reads are bounded: the latest `CHART_POINTS` for the chart.

use anyhow::Result;
use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget};

use super::table::{SPARK, number, status_style, with_unit};
use crate::plan::kpi::{Measurement, TargetPath, target_path};
use crate::plan::live_kpi::LiveFacts;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::{KpiRow, MeasurementRecord, Workbook};

/// The most measurements the chart and the log read.
const CHART_POINTS: usize = 366;

#[derive(Debug)]
pub(super) struct DetailView {
    pub row: KpiRow,
    /// The latest measurements, newest first (the log; the chart reads them in date order).
    log: Vec<MeasurementRecord>,
    count: usize,
    path: Option<TargetPath>,
    goal: String,
    selected: usize,
}

fn day_number(day: Date) -> f64 {
    f64::from((day - Date::constant(1970, 1, 1)).get_days())
}

impl DetailView {
    /// The detail of KPI `id`, or `None` when it no longer exists.
    pub fn load(
        wb: &Workbook,
        id: i64,
        today: Date,
        facts: Option<&LiveFacts>,
    ) -> Result<Option<DetailView>> {
        let Some(record) = wb.kpi(id)? else {
            return Ok(None);
        };
        let mut view = DetailView {
            row: wb.kpi_row(record, SPARK, today, facts)?,
            log: Vec::new(),
            count: 0,
            path: None,
            goal: String::new(),
            selected: 0,
        };
        view.read(wb)?;
        Ok(Some(view))
    }

    /// Reads again after a change; `false` when the KPI is gone.
    pub fn reload(
        &mut self,
        wb: &Workbook,
        today: Date,
        facts: Option<&LiveFacts>,
    ) -> Result<bool> {
        let Some(record) = wb.kpi(self.row.record.id)? else {
            return Ok(false);
        };
        self.row = wb.kpi_row(record, SPARK, today, facts)?;
        self.read(wb)?;
        Ok(true)
    }

    fn read(&mut self, wb: &Workbook) -> Result<()> {
        let id = self.row.record.id;
        self.log = wb.measurements(id, 0, CHART_POINTS)?;
        self.count = wb.measurement_count(id)?;
        self.selected = self.selected.min(self.log.len().saturating_sub(1));
        let first: Vec<Measurement> = wb.first_measurement(id)?.into_iter().collect();
        self.path = target_path(&self.row.record.target(), &first);
        self.goal = match self.row.record.kpi.goal_id {
            Some(goal) => wb
                .goals()?
                .into_iter()
                .find(|g| g.id == goal)
                .map(|g| g.goal.title)
                .unwrap_or_default(),
            None => String::new(),
        };
        Ok(())
    }

    pub fn move_in(&mut self, action: Action) {
        let last = self.log.len().saturating_sub(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    /// Selects the log's `index`th measurement (the last one when there are fewer).
    pub fn select_index(&mut self, index: usize) {
        self.selected = index.min(self.log.len().saturating_sub(1));
    }

    pub fn selected(&self) -> Option<&MeasurementRecord> {
        self.log.get(self.selected)
    }

    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        settings: &Settings,
        keymap: &Keymap,
    ) {
        let kpi = &self.row.record.kpi;
        let benchmark_lines = self.benchmark_lines(theme);
        let log_rows = (self.log.len() as u16).clamp(1, 8) + 3;
        let [facts, chart, log] = Layout::vertical([
            Constraint::Length(3 + benchmark_lines.len() as u16),
            Constraint::Min(0),
            Constraint::Length(log_rows.min(area.height / 2)),
        ])
        .areas(area);
        let format = &settings.date_format;
        let show = |d: &Option<String>| {
            d.as_deref()
                .map(|d| crate::plan::shape::show_date(d, format))
                .unwrap_or_else(|| "—".into())
        };
        let or_dash = |x: Option<f64>| x.map(|x| with_unit(x, &kpi.unit)).unwrap_or("—".into());
        let source = match kpi.live_source {
            Some(_) => "live: computed from the workbook, one point a day".to_string(),
            None => keymap.spell("measured: ‹kpi-detail:add› logs a value"),
        };
        let or_none = |text: &str| {
            if text.is_empty() {
                "—".to_string()
            } else {
                clean(text).into_owned()
            }
        };
        let mut lines = vec![
            Line::from(vec![
                Span::styled(format!(" {} ", clean(&kpi.name)), theme.header),
                Span::styled(
                    self.row.status.label(),
                    status_style(self.row.status, theme),
                ),
                Span::styled(format!("  · {source}"), theme.muted),
            ]),
            Line::from(format!(
                " {} · {} · {} · owner {}",
                if kpi.category.is_empty() {
                    "no category".into()
                } else {
                    clean(&kpi.category)
                },
                kpi.horizon.describe(),
                kpi.direction.describe(),
                or_none(&kpi.owner),
            )),
            Line::from(format!(
                " baseline {} → target {} by {} · goal {}",
                or_dash(kpi.baseline),
                or_dash(kpi.target),
                show(&kpi.target_date),
                or_none(&self.goal),
            )),
        ];
        lines.extend(benchmark_lines);
        Paragraph::new(lines).render(facts, buf);
        self.render_chart(chart, buf, theme, settings);
        self.render_log(log, buf, theme, settings);
    }

    /// "vs benchmark: upper half of 15 / 25 / 40 % · peers … · as of … · source …" and the
    /// definition, when the KPI has them.
    fn benchmark_lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let kpi = &self.row.record.kpi;
        let b = &self.row.record.benchmark;
        let mut lines = Vec::new();
        if b.has_band() {
            let (versus, better) = b.versus(self.row.latest.map(|m| m.value), kpi.direction);
            let style = match better {
                Some(true) => theme.ok,
                Some(false) => theme.warning,
                None => theme.muted,
            };
            let unit = clean(&kpi.unit);
            let mut about = Vec::new();
            if !b.peer_group.is_empty() {
                about.push(format!("peers: {}", clean(&b.peer_group)));
            }
            if let Some(day) = &b.as_of {
                about.push(format!("as of {}", clean(day)));
            }
            about.push(format!("source: {}", clean(&b.source)));
            lines.push(Line::from(vec![
                Span::raw(" vs benchmark: "),
                Span::styled(versus, style),
                Span::raw(format!(" (band {} {unit}) · ", b.band_text())),
                Span::styled(about.join(" · "), theme.muted),
            ]));
        }
        if !b.definition.is_empty() {
            lines.push(Line::styled(
                format!(" definition: {}", clean(&b.definition)),
                theme.muted,
            ));
        }
        lines
    }

    fn render_chart(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(
                " Measured (•) against the target path (─) ",
                theme.title,
            ));
        let measured: Vec<(f64, f64)> = self
            .log
            .iter()
            .rev()
            .map(|m| (day_number(m.on), m.value))
            .collect();
        let mut path: Vec<(f64, f64)> = Vec::new();
        if let Some(p) = &self.path {
            let last = self.log.first().map(|m| m.on).unwrap_or(p.start);
            let end = p.target_date.unwrap_or(last).max(p.start);
            path.push((day_number(p.start), p.baseline));
            path.push((day_number(end), p.expected_on(end)));
        }
        if measured.is_empty() && path.is_empty() {
            Paragraph::new(Line::styled(
                " Nothing to chart yet: log a value, or give the KPI a target.",
                theme.muted,
            ))
            .block(block)
            .render(area, buf);
            return;
        }
        let xs = measured.iter().chain(&path).map(|p| p.0);
        let ys = measured.iter().chain(&path).map(|p| p.1);
        let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
        let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let (x0, x1) = if x1 > x0 {
            (x0, x1)
        } else {
            (x0 - 1.0, x1 + 1.0)
        };
        let pad = if y1 > y0 { (y1 - y0) * 0.05 } else { 1.0 };
        let (y0, y1) = (y0 - pad, y1 + pad);
        let day_label = |x: f64| {
            let day = Date::constant(1970, 1, 1)
                .checked_add(jiff::Span::new().days(x as i64))
                .unwrap_or(Date::MIN);
            super::forms::typed_date(day, &settings.date_format)
        };
        // The path first, so the measured points are drawn on top of it.
        let mut datasets = Vec::new();
        if !path.is_empty() {
            datasets.push(
                Dataset::default()
                    .name("target path")
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(theme.muted)
                    .data(&path),
            );
        }
        datasets.push(
            Dataset::default()
                .name("measured")
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(theme.ok)
                .data(&measured),
        );
        Chart::new(datasets)
            .block(block)
            .x_axis(
                Axis::default()
                    .style(theme.muted)
                    .bounds([x0, x1])
                    .labels([day_label(x0), day_label(x1)]),
            )
            .y_axis(
                Axis::default()
                    .style(theme.muted)
                    .bounds([y0, y1])
                    .labels([number(y0), number(y1)]),
            )
            .render(area, buf);
    }

    fn render_log(&self, area: Rect, buf: &mut Buffer, theme: &Theme, settings: &Settings) {
        let title = if self.count > self.log.len() {
            format!(
                " Measurements: the latest {} of {} ",
                self.log.len(),
                self.count
            )
        } else {
            format!(" Measurements ({}) ", self.count)
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus)
            .title(Line::styled(title, theme.title));
        if self.log.is_empty() {
            Paragraph::new(Line::styled(" No measurement yet.", theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        let unit = &self.row.record.kpi.unit;
        let columns = [
            Column::new("Date", 0).min(10).max(16),
            Column::new("Value", 1).min(6).max(24).right(),
            Column::new("Note", 2).min(6).grow(),
        ];
        let rows = self
            .log
            .iter()
            .map(|m| {
                vec![
                    (
                        super::forms::typed_date(m.on, &settings.date_format),
                        theme.base,
                    ),
                    (with_unit(m.value, unit), theme.base),
                    (clean(&m.note).into_owned(), theme.muted),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.selected, area, buf, theme);
    }
}
