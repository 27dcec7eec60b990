//! How the Partners tab draws: header line, roster table, detail pane and the open form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::{PartnersTab, count_label};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::theme::Theme;
use crate::workbook::PartnerSort;

impl PartnersTab {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(header, buf, theme);
        let table = Self::table_area(area);
        self.render_table(table, buf, theme, keymap);
        if body.width >= 100 {
            let detail = Rect::new(
                table.right(),
                body.y,
                body.right() - table.right(),
                body.height,
            );
            self.render_detail(detail, buf, theme);
        }
        if let Some(open) = &self.form {
            let width = area.width.saturating_sub(4).min(72);
            let height = open.form.height().min(area.height);
            let popup = crate::tui::widgets::centered(area, width, height);
            open.form.render(popup, buf, theme);
        }
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut spans = vec![Span::styled(
            count_label(self.matching, self.total),
            theme.header,
        )];
        let arrow = if self.query.descending { "↓" } else { "↑" };
        spans.push(Span::styled(
            format!(" · sorted by {} {arrow}", self.query.sort.label()),
            theme.muted,
        ));
        if self.filtering || !self.query.filter.is_empty() {
            spans.push(Span::styled(" · filter: ", theme.muted));
            spans.push(Span::styled(
                clean(&self.query.filter).into_owned(),
                theme.matched,
            ));
            if self.filtering {
                spans.push(Span::styled("▏", theme.cursor));
            }
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if self.form.is_none() {
                theme.border_focus
            } else {
                theme.border
            });
        if self.window.rows().is_empty() {
            let add = keymap.keys_for(Action::Add).unwrap_or_else(|| "a".into());
            let message = if self.total == 0 {
                format!("No partners yet. Press {add} to add the first one.")
            } else {
                "No partner matches the filter. Esc clears it.".to_string()
            };
            Paragraph::new(vec![Line::default(), Line::styled(message, theme.muted)])
                .block(block)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let sorted = self.query.sort;
        let heading = |label: &'static str, sort: PartnerSort| {
            let marker = if sort == sorted {
                if self.query.descending {
                    " ↓"
                } else {
                    " ↑"
                }
            } else {
                ""
            };
            Cell::from(format!("{label}{marker}"))
        };
        let header = Row::new([
            heading("Name", PartnerSort::Name),
            heading("Type", PartnerSort::Type),
            heading("Stage", PartnerSort::Stage),
            heading("Owner", PartnerSort::Owner),
        ])
        .style(theme.header);
        let rows = self.window.rows().iter().map(|row| {
            Row::new([
                Cell::from(clean(&row.name).into_owned()),
                Cell::from(clean(&row.partner_type).into_owned()),
                Cell::from(clean(&row.stage).into_owned()),
                Cell::from(clean(&row.owner).into_owned()),
            ])
        });
        let widths = [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(11),
            Constraint::Fill(2),
        ];
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(theme.selected)
            .highlight_symbol("› ");
        let mut state = TableState::default().with_selected(Some(self.window.selected_index()));
        StatefulWidget::render(table, area, buf, &mut state);
    }

    fn render_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(" Partner ", theme.title));
        let Some((_, partner)) = &self.detail else {
            block.render(area, buf);
            return;
        };
        let field = |label: &str, value: &str| {
            Line::from(vec![
                Span::styled(format!("{label:<8}"), theme.field_label),
                Span::raw(clean(value).into_owned()),
            ])
        };
        let mut lines = vec![
            Line::styled(clean(&partner.name).into_owned(), theme.title),
            Line::default(),
            field("Type", &partner.partner_type),
            field("Stage", &partner.stage),
            field("Owner", &partner.owner),
            Line::default(),
            Line::styled("Notes", theme.field_label),
        ];
        lines.extend(clean_lines(&partner.notes).into_iter().map(Line::from));
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .render(area, buf);
    }
}
