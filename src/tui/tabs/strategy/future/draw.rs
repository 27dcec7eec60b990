//! The Future section drawn: the trends listed beside their radar (below it when narrow), the
//! selected trend's detail and its adaptability actions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::super::StrategyTab;
use super::super::lists::labelled;
use crate::plan::shape::show_date;
use crate::plan::trend::impact_word;
use crate::plan::trend_radar::marker;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::radar::{RadarTrend, impact_style, render_radar};
use crate::tui::widgets::wrap::wrap;

impl StrategyTab {
    /// The trends beside their radar (below it when narrow), the selected trend's detail and
    /// actions under the list.
    pub(in crate::tui::tabs::strategy) fn render_future(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keymap: &Keymap,
    ) {
        let wide = area.width >= 70;
        let (list_area, radar_area) = if wide {
            let [list, radar] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(area);
            (list, radar)
        } else {
            let [list, radar] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(area);
            (list, radar)
        };
        let records = self.trends.records();
        let rows = (records.len() as u16).saturating_add(2);
        let [table, detail] = Layout::vertical([
            Constraint::Length(rows.min(list_area.height / 2).max(3)),
            Constraint::Min(0),
        ])
        .areas(list_area);
        self.render_trend_list(table, buf, theme, keymap);
        self.render_trend_detail(detail, buf, theme, keymap);
        let radar: Vec<RadarTrend> = records
            .iter()
            .map(|t| RadarTrend {
                category: t.trend.category,
                horizon: t.trend.horizon,
                impact: t.trend.impact,
            })
            .collect();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Line::styled(" Radar ", theme.title));
        let inner = block.inner(radar_area);
        block.render(radar_area, buf);
        let selected = records
            .iter()
            .position(|r| Some(r.id) == self.selected_trend().map(|t| t.id));
        render_radar(&radar, selected, inner, buf, theme);
    }

    fn render_trend_list(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let records = self.trends.records();
        let focus = if self.on_actions {
            theme.border
        } else {
            theme.border_focus
        };
        let title = keymap.spell(" Trends · ‹trends:add› adds · ‹trends:trend-actions› actions ");
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(focus)
            .title(Line::styled(title, theme.title));
        if records.is_empty() {
            let text = keymap.spell(
                "No trend yet. ‹trends:add› adds one: a change in technology, the market, \
                 regulation or society that could reshape the ecosystem.",
            );
            Paragraph::new(Line::styled(text, theme.muted))
                .wrap(Wrap { trim: true })
                .block(block)
                .render(area, buf);
            return;
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let selected = self.selected_trend().map(|t| t.id);
        let height = inner.height as usize;
        let at = records
            .iter()
            .position(|r| Some(r.id) == selected)
            .unwrap_or(0);
        let first = at.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = records
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(index, t)| {
                let chosen = Some(t.id) == selected;
                let name_style = if chosen { theme.selected } else { theme.base };
                let mut spans = vec![Span::styled(
                    format!(" {} ", marker(index)),
                    impact_style(t.trend.impact, theme),
                )];
                // Before the name, so a narrow list still says it.
                if t.example {
                    spans.push(Span::styled(" (example)", theme.warning));
                }
                spans.push(Span::styled(
                    format!(" {}", clean(&t.trend.name)),
                    name_style,
                ));
                Line::from(spans)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_trend_detail(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let Some(t) = self.selected_trend() else {
            return;
        };
        if area.height < 3 {
            return;
        }
        let focus = if self.on_actions {
            theme.border_focus
        } else {
            theme.border
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(focus)
            .title(Line::styled(
                format!(" {} ", clean(&t.trend.name)),
                theme.title,
            ));
        let width = block.inner(area).width;
        let mut lines = Vec::new();
        if t.example {
            let note = keymap.spell(
                "An example to edit (‹trends:edit›) or delete (‹trends:delete›); the Guide \
                 counts it once you have made it yours.",
            );
            lines.extend(
                wrap(&note, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.warning)),
            );
        }
        let review = t
            .trend
            .review_date
            .as_deref()
            .map_or("no review date".to_string(), |d| {
                format!("review {}", show_date(d, &self.settings.date_format))
            });
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} · {} · impact {} {}",
                    t.trend.category.word(),
                    t.trend.horizon.label(),
                    t.trend.impact,
                    impact_word(t.trend.impact)
                ),
                theme.header,
            ),
            Span::styled(format!(" · {review}"), theme.muted),
        ]));
        let touches: Vec<String> = t
            .touches
            .iter()
            .map(|x| format!("{} {}", x.touch.kind.word(), x.name))
            .collect();
        labelled(&mut lines, "Touches", &touches.join(", "), width);
        labelled(&mut lines, "Evolves", &t.trend.evolution, width);
        let heading = if self.on_actions {
            keymap.spell(
                "Actions · ‹trend-actions:add› adds · ‹trend-actions:toggle› status · ‹trend-actions:cancel› back",
            )
        } else {
            keymap.spell("Actions · ‹trends:trend-actions› to work on them")
        };
        lines.push(Line::styled(heading, theme.header));
        if t.actions.is_empty() {
            lines.push(Line::styled(
                "No adaptability action yet: what could we do now to adapt later?",
                theme.muted,
            ));
        }
        for (index, a) in t.actions.iter().enumerate() {
            let chosen = self.on_actions && index == self.trend_action;
            let style: Style = if chosen { theme.selected } else { theme.base };
            let due = a
                .action
                .due_date
                .as_deref()
                .map(|d| format!(" · due {}", show_date(d, &self.settings.date_format)))
                .unwrap_or_default();
            let owner = if a.action.owner.is_empty() {
                String::new()
            } else {
                format!(" · {}", clean(&a.action.owner))
            };
            lines.push(Line::from(vec![
                Span::styled(if chosen { "› " } else { "  " }, style),
                Span::styled(clean(&a.action.title).into_owned(), style),
                Span::styled(
                    format!(" [{}]{owner}{due}", a.action.status.word()),
                    theme.muted,
                ),
            ]));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }
}
