//! Drawing the register: the header line with counts, filter and facets, and the table (code,
//! title, category, partner/role, inherent, residual with trend, band, owner, status, review).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Widget, Wrap};

use super::RisksTab;
use crate::plan::numbers::{count_of_total, group_thousands};
use crate::plan::risk::{Band, Bands, Rating, current_score};
use crate::plan::shape::show_date;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
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
    pub(super) fn render_register(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let [header, table] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(header, buf, theme);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focus);
        if self.window.rows().is_empty() {
            Paragraph::new(vec![
                Line::default(),
                Line::styled(self.empty_message(), theme.muted),
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
            Cell::from(format!("{label}{marker}"))
        };
        let wide = table.width >= 150;
        let medium = table.width >= 110;
        // Below this the title would shrink to a few letters; the heat map and the form still
        // show the inherent rating.
        let inherent_shown = table.width >= 100;
        let mut headings = vec![
            heading("Code", RiskSort::Code),
            heading("Title", RiskSort::Title),
        ];
        // Wide enough, the longest default category ("dependency/concentration") fits whole and
        // the title keeps the largest share of the room beside the partner and role.
        let mut widths = vec![Constraint::Length(6), Constraint::Fill(3)];
        if medium {
            headings.push(heading("Category", RiskSort::Category));
            widths.push(if wide {
                Constraint::Length(24)
            } else {
                Constraint::Fill(1)
            });
        }
        if wide {
            headings.push(heading("Partner / role", RiskSort::Link));
            widths.push(Constraint::Fill(2));
        }
        if inherent_shown {
            headings.push(heading("Inherent", RiskSort::Inherent));
            widths.push(Constraint::Length(10));
        }
        headings.extend([
            heading("Residual", RiskSort::Residual),
            heading("Band", RiskSort::Band),
        ]);
        widths.extend([Constraint::Length(10), Constraint::Length(10)]);
        if medium {
            headings.push(heading("Owner", RiskSort::Owner));
            widths.push(Constraint::Fill(1));
        }
        headings.extend([
            heading("Status", RiskSort::Status),
            heading("Review", RiskSort::Review),
        ]);
        widths.extend([Constraint::Length(10), Constraint::Length(12)]);
        let today = self.today();
        let format = &self.settings.date_format;
        let bands: &Bands = &self.settings.bands;
        let rows = self.window.rows().iter().map(|row| {
            let mut cells = vec![
                Cell::from(clean(&row.code).into_owned()).style(theme.muted),
                Cell::from(clean(&row.title).into_owned()),
            ];
            if medium {
                cells.push(Cell::from(clean(&row.category).into_owned()).style(theme.muted));
            }
            if wide {
                cells.push(Cell::from(link_text(row)).style(theme.muted));
            }
            let residual = match row.residual {
                Some(_) => format!("{} {}", rating_text(row.residual), row.trend.symbol()),
                None => format!("— {}", row.trend.symbol()),
            };
            if inherent_shown {
                cells.push(Cell::from(rating_text(row.inherent)));
            }
            cells.push(Cell::from(residual.trim_end().to_string()));
            match current_score(row.inherent, row.residual) {
                Some(score) => {
                    let (text, style) = band_face(bands.band(score), theme);
                    cells.push(Cell::from(text).style(style));
                }
                None => cells.push(Cell::from("unrated").style(theme.muted)),
            }
            if medium {
                cells.push(Cell::from(clean(&row.owner).into_owned()));
            }
            cells.push(Cell::from(clean(&row.status).into_owned()));
            let review = row.next_review.as_deref().unwrap_or("");
            let overdue = !review.is_empty() && review < today.as_str() && row.status != "closed";
            let shown = if review.is_empty() {
                "—".to_string()
            } else {
                show_date(review, format)
            };
            cells.push(if overdue {
                Cell::from(format!("{shown} !")).style(theme.warning)
            } else {
                Cell::from(shown)
            });
            Row::new(cells)
        });
        let table_widget = Table::new(rows, widths)
            .header(Row::new(headings).style(theme.header))
            .block(block);
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
        if self.filtering || !self.query.filter.is_empty() {
            spans.push(Span::styled(" · filter: ", theme.muted));
            spans.push(Span::styled(
                clean(&self.query.filter).into_owned(),
                theme.matched,
            ));
            if self.filtering {
                spans.push(Span::styled("▏", theme.key));
            }
        }
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
