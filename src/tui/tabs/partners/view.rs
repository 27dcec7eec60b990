//! How the Partners tab draws: header line, roster table, detail pane and the open form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{DETAIL_PANE_MIN_WIDTH, PartnersTab, Popup, count_label, group_thousands};
use crate::plan::onboarding::checkin_due;
use crate::plan::shape::show_date;
use crate::plan::{PartnerDraft, PartnerField};
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::{clean, clean_lines};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::{self, Column, TableCell};
use crate::tui::widgets::selectable::render_selected;
use crate::tui::widgets::wrap::wrap;
use crate::workbook::PartnerSort;

impl PartnersTab {
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let [header, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        self.render_header(header, buf, theme);
        let table = Self::table_area(area);
        self.render_table(table, buf, theme, keymap);
        if body.width >= DETAIL_PANE_MIN_WIDTH {
            let detail = Rect::new(
                table.right(),
                body.y,
                body.right() - table.right(),
                body.height,
            );
            self.render_detail(detail, buf, theme);
        }
        match &self.popup {
            Popup::None => {}
            Popup::Partner(open) => open.form.render_popup(area, 76, buf, theme, keymap),
            Popup::Facets(form) => form.render(area, buf, theme, keymap),
            Popup::Word(form) => form.render_popup(area, 60, buf, theme, keymap),
        }
    }

    fn render_header(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut spans = vec![Span::styled(
            count_label(self.matching, self.total),
            theme.header,
        )];
        spans.push(Span::styled(
            format!(" · {} active", group_thousands(self.counts.active)),
            theme.muted,
        ));
        if self.counts.overdue_checkins > 0 {
            let noun = if self.counts.overdue_checkins == 1 {
                "check-in"
            } else {
                "check-ins"
            };
            spans.push(Span::styled(
                format!(
                    " · {} {noun} overdue",
                    group_thousands(self.counts.overdue_checkins)
                ),
                theme.warning,
            ));
        }
        let arrow = if self.query.descending { "↓" } else { "↑" };
        spans.push(Span::styled(
            format!(" · sorted by {} {arrow}", self.query.sort.label()),
            theme.muted,
        ));
        let facets = super::facets::describe(&self.query.facets);
        if !facets.is_empty() {
            spans.push(Span::styled(
                format!(" · {}", clean(&facets)),
                theme.matched,
            ));
        }
        spans.extend(self.filter.spans_filtering(
            self.typed_filter(),
            self.pending_filter.is_some(),
            theme,
        ));
        Paragraph::new(Line::from(spans)).render(area, buf);
    }

    fn render_table(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let block = Block::default().borders(Borders::ALL).border_style(
            if !matches!(self.popup, Popup::Partner(_)) {
                theme.border_focus
            } else {
                theme.border
            },
        );
        if self.window.rows().is_empty() {
            let message = keymap.spell(if self.total == 0 {
                "No partners yet. Press ‹add› to add the first one."
            } else {
                "No partner matches the filter. ‹filter:cancel› clears it."
            });
            Paragraph::new(vec![Line::default(), Line::styled(message, theme.muted)])
                .block(block)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        let sorted = self.query.sort;
        let heading = |label: &'static str, sort: PartnerSort| {
            let marker = match (sort == sorted, self.query.descending) {
                (false, _) => "",
                (true, true) => " ↓",
                (true, false) => " ↑",
            };
            format!("{label}{marker}")
        };
        // The name matters most; the type is in the detail pane, so it goes first when narrow.
        let columns = [
            Column::new(heading("Name", PartnerSort::Name), 0)
                .min(12)
                .grow(),
            Column::new(heading("Type", PartnerSort::Type), 5)
                .min(8)
                .max(24),
            Column::new(heading("Stage", PartnerSort::Stage), 1)
                .min(6)
                .max(14),
            Column::new(heading("Fit", PartnerSort::Fit), 2)
                .min(3)
                .max(5)
                .right(),
            Column::new(heading("Onb.", PartnerSort::Onboarding), 4)
                .min(4)
                .max(6)
                .right(),
            Column::new(heading("Check-in due", PartnerSort::NextCheckin), 3)
                .min(10)
                .max(14),
            Column::new(heading("Owner", PartnerSort::Owner), 6)
                .min(5)
                .max(20),
        ];
        let today = jiff::Zoned::now().date();
        let rows: Vec<Vec<TableCell>> = self
            .window
            .rows()
            .iter()
            .map(|row| {
                let fit = match (row.gated_out, row.fit) {
                    (true, _) => "out".to_string(),
                    (false, Some(score)) => format!("{score:.0}"),
                    (false, None) => "—".to_string(),
                };
                let onboarding = row
                    .onboarding_pct
                    .map_or_else(|| "—".to_string(), |p| format!("{p}%"));
                let last = row
                    .last_checkin
                    .as_deref()
                    .and_then(|d| d.parse::<jiff::civil::Date>().ok());
                let cadence = row
                    .checkin_cadence_days
                    .unwrap_or(self.settings.checkin_cadence_days);
                let due = checkin_due(&row.stage, last, cadence, today);
                let next = match due.next_due {
                    Some(date) => {
                        let shown = date.strftime(&self.settings.date_format).to_string();
                        if due.overdue {
                            format!("{shown} !")
                        } else {
                            shown
                        }
                    }
                    None => "—".to_string(),
                };
                let next_style = if due.overdue {
                    theme.warning
                } else {
                    theme.base
                };
                vec![
                    (clean(&row.name).into_owned(), theme.base),
                    (clean(&row.partner_type).into_owned(), theme.base),
                    (clean(&row.stage).into_owned(), theme.base),
                    (fit, theme.base),
                    (onboarding, theme.base),
                    (next, next_style),
                    (clean(&row.owner).into_owned(), theme.base),
                ]
            })
            .collect();
        let inner = block.inner(area).width;
        let table = columns::table(&columns, rows, inner, theme.header).block(block);
        render_selected(table, self.window.selected_index(), area, buf, theme);
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
        let width = block.inner(area).width;
        Paragraph::new(detail_lines(partner, &self.settings, width, theme))
            .block(block)
            .render(area, buf);
    }
}

/// A line of the detail pane: a short value beside its label, or long text below its label.
enum Detail {
    Short(&'static str, String),
    Long(&'static str, String),
}

/// The selected partner's fields under their section headings, wrapped to `width` with values
/// kept in their column; empty fields and empty sections are left out. Every value from the file
/// goes through `clean`.
fn detail_lines<'a>(
    partner: &PartnerDraft,
    settings: &Settings,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'a>> {
    use Detail::{Long, Short};
    use PartnerField as F;
    let format = &settings.date_format;
    let text = |field: F| partner.get(field).to_string();
    let cadence = match partner.checkin_cadence_days.as_str() {
        "" => format!("every {} days (default)", settings.checkin_cadence_days),
        days => format!("every {days} days"),
    };
    let start = show_date(&partner.agreement_start, format);
    let end = show_date(&partner.agreement_end, format);
    let agreement = match (start.is_empty(), end.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("from {start}"),
        (true, false) => format!("until {end}"),
        (false, false) => format!("{start} → {end}"),
    };
    let sections = [
        (
            "Identity",
            vec![
                Short("Type", text(F::Type)),
                Short("Sector", text(F::Sector)),
                Short("Website", text(F::Website)),
            ],
        ),
        (
            "Relationship",
            vec![
                Short("Stage", text(F::Stage)),
                Short("Tier", text(F::Tier)),
                Short("Region", text(F::Region)),
                Short("Owner", text(F::Owner)),
                Short("Check-ins", cadence),
            ],
        ),
        (
            "People",
            vec![
                Short("Contact", text(F::ContactName)),
                Short("E-mail", text(F::ContactEmail)),
            ],
        ),
        (
            "Agreement",
            vec![
                Short("Runs", agreement),
                Long(F::Contributes.label(), text(F::Contributes)),
                Long(F::Gains.label(), text(F::Gains)),
            ],
        ),
        ("Notes", vec![Long("", text(F::Notes))]),
    ];
    let mut lines: Vec<Line<'a>> = wrap(&clean(&partner.name), width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect();
    for (heading, details) in sections {
        let details: Vec<Detail> = details
            .into_iter()
            .filter(|(Short(_, v) | Long(_, v))| !v.trim().is_empty())
            .collect();
        if details.is_empty() {
            continue;
        }
        lines.push(Line::default());
        lines.push(Line::styled(heading, theme.header));
        for detail in details {
            match detail {
                Short(label, value) => {
                    let indent = " ".repeat(usize::from(DETAIL_LABEL_WIDTH));
                    let room = width.saturating_sub(DETAIL_LABEL_WIDTH);
                    let wrapped = clean_lines(&value)
                        .iter()
                        .flat_map(|l| wrap(l, room))
                        .collect::<Vec<_>>();
                    for (i, part) in wrapped.into_iter().enumerate() {
                        let lead = if i == 0 {
                            Span::styled(
                                format!("{label:<w$}", w = usize::from(DETAIL_LABEL_WIDTH)),
                                theme.field_label,
                            )
                        } else {
                            Span::raw(indent.clone())
                        };
                        lines.push(Line::from(vec![lead, Span::raw(part)]));
                    }
                }
                Long(label, value) => {
                    if !label.is_empty() {
                        lines.push(Line::styled(label, theme.field_label));
                    }
                    let room = width.saturating_sub(2);
                    for part in clean_lines(&value).iter().flat_map(|l| wrap(l, room)) {
                        lines.push(Line::from(format!("  {part}")));
                    }
                }
            }
        }
    }
    lines
}

/// Width of the detail pane's label column.
const DETAIL_LABEL_WIDTH: u16 = 10;
