//! Drawing the register: the header line with counts, filter and facets, and the table (code,
//! title, category, partner/role, inherent, residual with trend, band, owner, status, review).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::RisksTab;
use crate::plan::numbers::{count_of_total, group_thousands};
use crate::plan::risk::{Band, Bands, Rating, current_score};
use crate::plan::shape::show_date;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::selectable::render_selected;
use crate::workbook::{RiskRow, RiskSort};

/// A band as its letter and word, styled; reads without colour.
pub(super) fn band_face(band: Band, theme: &Theme) -> (String, Style) {
    (
        format!("{} {}", band.letter(), band.word()),
        theme.band(band),
    )
}

fn rating_text(rating: Option<Rating>) -> String {
    match rating {
        Some(r) => format!(
            "{}×{}={}",
            r.likelihood.value(),
            r.impact.value(),
            r.score()
        ),
        None => "—".into(),
    }
}

fn link_text(row: &RiskRow) -> String {
    match (&row.partner, &row.role) {
        (Some(p), Some(r)) => format!("{} / {}", clean(p), clean(r)),
        (Some(p), None) => clean(p).into_owned(),
        (None, Some(r)) => clean(r).into_owned(),
        (None, None) => "—".into(),
    }
}

impl RisksTab {
    pub(super) fn render_register(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let [header, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(header, buf, theme);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus);
        if self.window.rows().is_empty() {
            Paragraph::new(vec![
                Line::default(),
                Line::styled(keymap.spell(&self.empty_message()), theme.muted),
            ])
            .block(block)
            .wrap(Wrap { trim: true })
            .render(table, buf);
            return;
        }
        let sorted = self.query.sort;
        let heading = |label: &'static str, sort: RiskSort| {
            let marker = match (sort == sorted, self.query.descending) {
                (true, true) => " ↓",
                (true, false) => " ↑",
                _ => "",
            };
            format!("{label}{marker}")
        };
        // The title matters most; on narrow screens the owner, partner, inherent rating and
        // category give way first (the heat map and the form still show them). Minimums are
        // what stays readable ("M medium", "mitigating", a date with its "!").
        let columns = [
            Column::new(heading("Code", RiskSort::Code), 1)
                .min(6)
                .max(8),
            Column::new(heading("Title", RiskSort::Title), 0)
                .min(24)
                .grow(),
            Column::new(heading("Category", RiskSort::Category), 5)
                .min(8)
                .max(24),
            Column::new(heading("Partner / role", RiskSort::Link), 7)
                .min(10)
                .max(44),
            Column::new(heading("Inherent", RiskSort::Inherent), 6)
                .min(8)
                .max(10),
            Column::new(heading("Residual", RiskSort::Residual), 2)
                .min(8)
                .max(10),
            Column::new(heading("Band", RiskSort::Band), 2)
                .min(8)
                .max(10),
            Column::new(heading("Owner", RiskSort::Owner), 8)
                .min(5)
                .max(20),
            Column::new(heading("Status", RiskSort::Status), 3)
                .min(10)
                .max(12),
            Column::new(heading("Review", RiskSort::Review), 4)
                .min(12)
                .max(14),
        ];
        let today = self.today();
        let format = &self.settings.date_format;
        let bands: &Bands = &self.settings.bands;
        let rows: Vec<Vec<TableCell>> = self
            .window
            .rows()
            .iter()
            .map(|row| {
                let residual = match row.residual {
                    Some(_) => format!("{} {}", rating_text(row.residual), row.trend.symbol()),
                    None => format!("— {}", row.trend.symbol()),
                };
                let band = match current_score(row.inherent, row.residual) {
                    Some(score) => band_face(bands.band(score), theme),
                    None => ("unrated".to_string(), theme.muted),
                };
                let review = row.next_review.as_deref().unwrap_or("");
                let overdue =
                    !review.is_empty() && review < today.as_str() && row.status != "closed";
                let shown = if review.is_empty() {
                    "—".to_string()
                } else {
                    show_date(review, format)
                };
                let review = if overdue {
                    (format!("{shown} !"), theme.warning)
                } else {
                    (shown, theme.base)
                };
                vec![
                    (clean(&row.code).into_owned(), theme.muted),
                    (clean(&row.title).into_owned(), theme.base),
                    (clean(&row.category).into_owned(), theme.muted),
                    (link_text(row), theme.muted),
                    (rating_text(row.inherent), theme.base),
                    (residual.trim_end().to_string(), theme.base),
                    band,
                    (clean(&row.owner).into_owned(), theme.base),
                    (clean(&row.status).into_owned(), theme.base),
                    review,
                ]
            })
            .collect();
        let inner = block.inner(table).width;
        let table_widget = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(
            table_widget,
            self.window.selected_index(),
            table,
            buf,
            theme,
        );
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut spans = vec![Span::styled(
            count_of_total(self.matching, self.counts.total, "risk", "risks"),
            theme.header,
        )];
        let facets = &self.query.facets;
        let mut narrowing: Vec<String> = Vec::new();
        for (label, value) in [
            ("category", &facets.category),
            ("status", &facets.status),
            ("band", &facets.band),
            ("owner", &facets.owner),
        ] {
            if let Some(value) = value {
                narrowing.push(format!("{label} {}", clean(value)));
            }
        }
        if facets.review_before.is_some() {
            narrowing.push("review overdue".into());
        }
        if let Some((residual, l, i)) = facets.cell {
            narrowing.push(format!(
                "{} cell {l}×{i}",
                if residual { "residual" } else { "inherent" }
            ));
        }
        if !narrowing.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", narrowing.join(", ")),
                theme.matched,
            ));
        }
        spans.extend(self.filter.spans(&self.query.filter, theme));
        // What narrows the register comes before the workbook-wide alerts, so a narrow
        // terminal cuts the alerts rather than the filter.
        if self.counts.high_open > 0 {
            spans.push(Span::styled(
                format!(
                    " · {} high or critical open",
                    group_thousands(self.counts.high_open)
                ),
                theme.warning,
            ));
        }
        if self.counts.overdue_reviews > 0 {
            spans.push(Span::styled(
                format!(
                    " · {} {} overdue",
                    group_thousands(self.counts.overdue_reviews),
                    if self.counts.overdue_reviews == 1 {
                        "review"
                    } else {
                        "reviews"
                    }
                ),
                theme.warning,
            ));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}
