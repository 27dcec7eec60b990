//! The ROI view drawn: its figures, the payback, the cumulative ROI chart, per partner, the lists.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Table, Widget};

use super::super::forms::typed_date;
use super::super::period::describe;
use super::{MoneyList, MoneyView, PARTNERS_SHOWN};
use crate::plan::money::{Currency, Payback, RoiBasis};
use crate::plan::numbers::count_of;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::RoiOverTime;

impl MoneyView {
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        currency: &Currency,
        settings: &Settings,
        keymap: &Keymap,
    ) {
        let today = settings.today();
        let partners = self.shown_partners() as u16;
        // A short terminal shows the table only while it is in focus.
        let per_partner =
            if partners > 0 && (area.height >= 18 || self.focus == MoneyList::Partners) {
                partners + 3
            } else {
                0
            };
        let [figures, by_partner, lists] = Layout::vertical([
            Constraint::Length(4),
            Constraint::Length(per_partner),
            Constraint::Min(0),
        ])
        .areas(area);
        let overall = &self.summary.overall;
        let money = |minor: i128| {
            i64::try_from(minor)
                .map(|m| currency.format(m))
                .unwrap_or_else(|_| format!("{} (too large to show)", currency.code()))
        };
        let returned = match overall.basis {
            RoiBasis::Margin => format!(
                "margin returned {} (gross {}) · ",
                money(overall.margin_minor),
                money(overall.returns_minor)
            ),
            RoiBasis::Gross => format!("returned {} · ", money(overall.returns_minor)),
        };
        let caveat = if overall.without_margin > 0 {
            let (has, count, them) = if overall.without_margin == 1 {
                ("has", "counts", "it")
            } else {
                ("have", "count", "them")
            };
            format!(
                " {} {has} no margin and {count} at gross: give {them} one, or set the \
                 partner's margin rate.",
                count_of(overall.without_margin, "revenue entry", "revenue entries")
            )
        } else {
            format!(
                " Intangible value: {} in the period (in the value log, never in the ROI)",
                count_of(self.summary.intangible, "entry", "entries")
            )
        };
        let over_time = &self.over_time;
        let since = over_time
            .months
            .first()
            .map(|m| format!(" since {}", m.label()))
            .unwrap_or_default();
        let lines = vec![
            Line::from(vec![
                Span::styled(" ROI ", theme.header),
                Span::styled(
                    format!(
                        "over {}",
                        describe(self.period, today, &settings.date_format)
                    ),
                    theme.muted,
                ),
            ]),
            Line::from(vec![
                Span::raw(format!(" Invested {} · ", money(overall.invested_minor))),
                Span::raw(returned),
                Span::styled(
                    format!("{} {}", overall.basis.label(), overall.roi),
                    theme.header,
                ),
            ]),
            Line::styled(caveat, theme.muted),
            Line::styled(
                format!(
                    " Cumulative {}{since}: {}",
                    over_time.basis.words(),
                    Payback::describe(over_time.payback)
                ),
                theme.muted,
            ),
        ];
        let chart_width = if figures.width >= 110 { 36 } else { 0 };
        let [text, chart] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(chart_width)])
                .areas(figures);
        Paragraph::new(lines).render(text, buf);
        if chart_width > 0 && over_time.months.len() > 1 {
            render_cumulative(over_time, chart, buf, theme);
        }
        if per_partner > 0 {
            let columns = [
                Column::new("Partner", 0).min(8).grow(),
                Column::new("Invested", 1).min(6).max(24).right(),
                Column::new(
                    match overall.basis {
                        RoiBasis::Margin => "Margin",
                        RoiBasis::Gross => "Returned",
                    },
                    2,
                )
                .min(6)
                .max(24)
                .right(),
                Column::new("ROI", 3).min(5).max(12).right(),
                Column::new("Intangible", 4).min(4).max(10).right(),
                Column::new("Margin rate", 5).min(6).max(11).right(),
            ];
            let rows = self
                .summary
                .partners
                .iter()
                .take(PARTNERS_SHOWN)
                .map(|p| {
                    // A rate taken from the partner's type says so.
                    let rate = match crate::plan::money::rate_used(p.margin_rate, p.type_rate) {
                        None => "—".to_string(),
                        Some(crate::plan::money::RateFrom::Partner(r)) => {
                            format!("{}%", crate::plan::kpi::benchmark::number_words(r))
                        }
                        Some(crate::plan::money::RateFrom::PartnerType(r)) => {
                            format!("{}% type", crate::plan::kpi::benchmark::number_words(r))
                        }
                    };
                    vec![
                        (clean(&p.partner).into_owned(), theme.base),
                        (money(p.report.invested_minor), theme.base),
                        (money(p.report.counted_minor()), theme.base),
                        (p.report.roi.to_string(), theme.base),
                        (p.intangible.to_string(), theme.base),
                        (rate, theme.muted),
                    ]
                })
                .collect();
            let block = self.list_block(MoneyList::Partners, " Per partner ".to_string(), theme);
            let inner = block.inner(by_partner).width;
            let table = columns::plain_table(&columns, rows, inner, theme.header).block(block);
            self.render_list(table, 2, by_partner, buf, theme);
        }
        let side_by_side = lists.width >= 120;
        if side_by_side {
            let [left, right] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(lists);
            let investments = self.investments_list(theme, currency, settings);
            self.render_money_list(investments, left, buf, theme, keymap);
            let values = self.values_list(theme, currency, settings);
            self.render_money_list(values, right, buf, theme, keymap);
        } else if self.focus == MoneyList::Investments {
            let investments = self.investments_list(theme, currency, settings);
            self.render_money_list(investments, lists, buf, theme, keymap);
        } else {
            let values = self.values_list(theme, currency, settings);
            self.render_money_list(values, lists, buf, theme, keymap);
        }
    }

    fn list_block(&self, list: MoneyList, title: String, theme: &Theme) -> Block<'static> {
        let style = if self.focus == list {
            theme.border_focus
        } else {
            theme.border
        };
        let marker = if self.focus == list { "▸" } else { " " };
        Block::default()
            .borders(Borders::ALL)
            .border_style(style)
            .title(Line::styled(format!("{marker}{title}"), theme.title))
    }

    fn investments_list(
        &self,
        theme: &Theme,
        currency: &Currency,
        settings: &Settings,
    ) -> ListParts {
        let columns = vec![
            Column::new("Date", 0).min(10).max(16),
            Column::new("Item", 1).min(8).grow(),
            Column::new("Amount", 2).min(6).max(24).right(),
            Column::new("Partner", 3).min(6).max(40),
        ];
        let rows = self
            .investments
            .iter()
            .map(|r| {
                vec![
                    (
                        typed_date(r.draft.spent_on, &settings.date_format),
                        theme.base,
                    ),
                    (clean(&r.draft.item).into_owned(), theme.base),
                    (currency.format(r.draft.amount_minor), theme.base),
                    (
                        if r.resource_id.is_some() {
                            "(Strategy resource)".to_string()
                        } else {
                            clean(&r.partner).into_owned()
                        },
                        theme.muted,
                    ),
                ]
            })
            .collect();
        ListParts {
            list: MoneyList::Investments,
            index: 0,
            title: format!(" Investments ({}) ", self.counts.0),
            empty: " None yet: ‹roi:add› adds one.",
            columns,
            rows,
        }
    }

    fn values_list(&self, theme: &Theme, currency: &Currency, settings: &Settings) -> ListParts {
        let columns = vec![
            Column::new("Date", 0).min(10).max(16),
            Column::new("Kind", 2).min(6).max(16),
            Column::new("Description", 1).min(8).grow(),
            Column::new("Amount", 3).min(6).max(44).right(),
            Column::new("Partner", 4).min(6).max(40),
        ];
        let rows = self
            .values
            .iter()
            .map(|r| {
                let money = r.draft.kind.is_money() && r.draft.amount_minor.is_some();
                let amount = match (r.draft.amount_minor, money) {
                    (Some(a), true) => match r.draft.margin_minor {
                        Some(m) => format!(
                            "{} (margin {})",
                            currency.format(a),
                            currency.format_bare(m)
                        ),
                        None => currency.format(a),
                    },
                    (Some(a), false) => format!("({}) intangible", currency.format_bare(a)),
                    (None, _) => "intangible".into(),
                };
                vec![
                    (
                        typed_date(r.draft.logged_on, &settings.date_format),
                        theme.base,
                    ),
                    (r.draft.kind.word().to_string(), theme.base),
                    (clean(&r.draft.description).into_owned(), theme.base),
                    (amount, if money { theme.base } else { theme.muted }),
                    (clean(&r.partner).into_owned(), theme.muted),
                ]
            })
            .collect();
        ListParts {
            list: MoneyList::Values,
            index: 1,
            title: format!(" Value log ({}) ", self.counts.1),
            empty: " Nothing logged yet: ‹roi:add› logs value created.",
            columns,
            rows,
        }
    }

    /// One of the money lists in its block: what it says while empty, else its table.
    fn render_money_list(
        &self,
        parts: ListParts,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let block = self.list_block(parts.list, parts.title, theme);
        if parts.rows.is_empty() {
            Paragraph::new(Line::styled(keymap.spell(parts.empty), theme.muted))
                .block(block)
                .render(area, buf);
            return;
        }
        let inner = block.inner(area).width;
        let table = columns::table(&parts.columns, parts.rows, inner, theme.header).block(block);
        self.render_list(table, parts.index, area, buf, theme);
    }

    fn render_list(
        &self,
        table: Table<'_>,
        list: usize,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        if self.focus_index() == list {
            render_selected(table, self.selected[list], area, buf, theme);
        } else {
            Widget::render(table, area, buf);
        }
    }
}

/// The cumulative ROI month by month as a line, with the zero line (break-even) under it.
fn render_cumulative(over_time: &RoiOverTime, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let points: Vec<(f64, f64)> = over_time
        .months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.roi.ratio().map(|r| (i as f64, r * 100.0)))
        .collect();
    let last = over_time.months.len().saturating_sub(1) as f64;
    let (low, high) = points
        .iter()
        .fold((0.0_f64, 0.0_f64), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let zero = [(0.0, 0.0), (last, 0.0)];
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.muted)
            .data(&zero),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.header)
            .data(&points),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(" Cumulative ROI ", theme.title));
    Chart::new(datasets)
        .block(block)
        .x_axis(Axis::default().bounds([0.0, last.max(1.0)]))
        .y_axis(Axis::default().bounds([low, high.max(low + 1.0)]))
        .render(area, buf);
}

/// What one money list shows.
struct ListParts {
    list: MoneyList,
    /// Its place among the lists whose selection is kept (`render_list`).
    index: usize,
    title: String,
    /// What it says while empty (key names spelled as bound).
    empty: &'static str,
    columns: Vec<Column>,
    rows: Vec<Vec<(String, Style)>>,
}
