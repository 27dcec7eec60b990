//! The Future section (step 12): the trends listed beside their radar, the selected trend's
//! detail and adaptability actions; the trend and action forms and what their keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::lists::{checked_or_shown, date_field, labelled, typed_date, words};
use super::{Editing, OpenForm, READ_ONLY, StrategyEdit, StrategyTab};
use crate::plan::shape::show_date;
use crate::plan::trend::{
    ActionDraft, ActionField, ActionStatus, IMPACT_RANGE, Touch, TouchKind, TrendCategory,
    TrendDraft, TrendField, TrendHorizon, impact_word, typed_impact,
};
use crate::plan::trend_radar::marker;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::Keymap;
use crate::tui::sanitize::clean;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListEdits, ListStep, Listed, OrderedList};
use crate::tui::widgets::picker::{LinkKind, Linked, link_names, sync_links};
use crate::tui::widgets::radar::{RadarTrend, impact_style, render_radar};
use crate::tui::widgets::wrap::wrap;
use crate::workbook::{TrendActionRecord, TrendRecord};

impl Listed for TrendRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

impl Listed for TrendActionRecord {
    fn list_id(&self) -> i64 {
        self.id
    }
}

fn impact_choices() -> Vec<String> {
    IMPACT_RANGE
        .map(|n| format!("{n} {}", impact_word(n)))
        .collect()
}

fn trend_form(title: &str, d: &TrendDraft, touches: &[Linked], date_format: &str) -> Form {
    let form = Form::new(title.to_string())
        .text("name", "Trend", &d.name, true)
        .placeholder("e.g. AI assistants in partner support")
        .choice(
            "category",
            "Category",
            &words(&TrendCategory::ALL, TrendCategory::word),
            d.category.word(),
        )
        .choice(
            "horizon",
            "Horizon",
            &words(&TrendHorizon::ALL, TrendHorizon::label),
            d.horizon.label(),
        )
        .choice(
            "impact",
            "Likely impact",
            &impact_choices(),
            &format!("{} {}", d.impact, impact_word(d.impact)),
        )
        .link(
            "roles",
            "Touches roles",
            &link_names(touches, LinkKind::Role),
        )
        .link(
            "partners",
            "Touches partners",
            &link_names(touches, LinkKind::Partner),
        )
        .link(
            "offerings",
            "Touches offerings",
            &link_names(touches, LinkKind::Offering),
        )
        .multiline("evolution", "How the ecosystem evolves", &d.evolution)
        .rows(3);
    date_field(
        form,
        "review",
        "Review date",
        d.review_date.as_deref(),
        date_format,
    )
}

fn action_form(title: &str, d: &ActionDraft, date_format: &str) -> Form {
    let form = Form::new(title.to_string())
        .text("title", "Action", &d.title, true)
        .placeholder("what we do now to adapt later")
        .text("owner", "Owner", &d.owner, false);
    date_field(form, "due", "Due", d.due_date.as_deref(), date_format).choice(
        "status",
        "Status",
        &words(&ActionStatus::ALL, ActionStatus::word),
        d.status.word(),
    )
}

fn trend_field(field: TrendField) -> &'static str {
    match field {
        TrendField::Name => "name",
        TrendField::Impact => "impact",
        TrendField::Evolution => "evolution",
        TrendField::ReviewDate => "review",
    }
}

fn action_field(field: ActionField) -> &'static str {
    match field {
        ActionField::Title => "title",
        ActionField::Owner => "owner",
        ActionField::DueDate => "due",
    }
}

/// What the trend's form shows of what it touches: its roles, partners and offerings.
fn touches_of(trend: &TrendRecord) -> Vec<Linked> {
    trend
        .touches
        .iter()
        .map(|t| Linked {
            kind: match t.touch.kind {
                TouchKind::Role => LinkKind::Role,
                TouchKind::Partner => LinkKind::Partner,
                TouchKind::Offering => LinkKind::Offering,
            },
            id: t.touch.id,
            name: t.name.clone(),
        })
        .collect()
}

impl StrategyTab {
    pub(super) fn selected_trend(&self) -> Option<&TrendRecord> {
        self.trends.selected()
    }

    /// Keys of the Future section: the trends list (through the one list editor), or (after
    /// `t`) the selected trend's actions.
    pub(super) fn future_key(&mut self, action: Action, read_only: bool) -> Intent {
        if self.on_actions {
            return self.actions_key(action, read_only);
        }
        let date_format = &self.settings.date_format;
        let step = self.trends.edit_key(
            action,
            !read_only,
            &ListEdits {
                form: &|trend| match trend {
                    Some(t) => {
                        let title = format!("Edit {}", clean(&t.trend.name));
                        trend_form(&title, &t.trend, &touches_of(t), date_format)
                    }
                    None => trend_form("New trend", &TrendDraft::default(), &[], date_format),
                },
                delete: &|t| ConfirmAction::DeleteTrend {
                    id: t.id,
                    name: t.trend.name.clone(),
                    actions: t.actions.len(),
                },
                reorder: Err("Trends are listed by name; the radar places them."),
            },
        );
        match step {
            ListStep::Other(Action::TrendActions) if self.selected_trend().is_some() => {
                self.on_actions = true;
                self.trend_action = 0;
                Intent::Nothing
            }
            ListStep::Other(Action::TrendActions) => {
                Intent::Status("Add a trend first (‹trends:add›); its actions follow.".into())
            }
            step => {
                let touches = self.selected_trend().map(touches_of);
                self.opened(step, Editing::Trend, touches.unwrap_or_default())
            }
        }
    }

    /// Keys of the selected trend's actions, through the one list editor (the list is the
    /// trend's, read with it); space moves an action's status on, Esc goes back to the trends.
    fn actions_key(&mut self, action: Action, read_only: bool) -> Intent {
        let Some(trend) = self.selected_trend() else {
            self.on_actions = false;
            return Intent::Nothing;
        };
        let trend_id = trend.id;
        let mut actions = OrderedList::default();
        actions.set(trend.actions.clone());
        if let Some(at) = trend.actions.get(self.trend_action) {
            actions.select(at.id);
        }
        let date_format = &self.settings.date_format;
        let step = actions.edit_key(
            action,
            !read_only,
            &ListEdits {
                form: &|chosen| match chosen {
                    Some(a) => {
                        let title = format!("Edit {}", clean(&a.action.title));
                        action_form(&title, &a.action, date_format)
                    }
                    None => action_form("New action", &ActionDraft::default(), date_format),
                },
                delete: &|a| ConfirmAction::DeleteTrendAction {
                    id: a.id,
                    title: a.action.title.clone(),
                },
                reorder: Err("A trend's actions are listed by due date, the undated last."),
            },
        );
        let chosen = actions.selected().cloned();
        self.trend_action = chosen
            .as_ref()
            .and_then(|a| actions.records().iter().position(|r| r.id == a.id))
            .unwrap_or(0);
        match step {
            ListStep::Intent(intent) => intent,
            ListStep::Open { id, form } => self.open(
                Editing::TrendAction {
                    trend: trend_id,
                    id,
                },
                form,
            ),
            ListStep::Other(Action::Cancel) => {
                self.on_actions = false;
                Intent::Nothing
            }
            ListStep::Other(Action::Toggle) if read_only => Intent::Error(READ_ONLY.into()),
            ListStep::Other(Action::Toggle) => chosen.map_or(Intent::Nothing, |a| {
                let all = ActionStatus::ALL;
                let at = all.iter().position(|s| *s == a.action.status).unwrap_or(0);
                let draft = ActionDraft {
                    status: all[(at + 1) % all.len()],
                    ..a.action
                };
                Intent::Strategy(StrategyEdit::SaveTrendAction {
                    trend: trend_id,
                    id: Some(a.id),
                    draft,
                })
            }),
            ListStep::Other(_) => Intent::Nothing,
        }
    }

    /// The open trend or action form as an edit, or its problems shown on their fields.
    pub(super) fn submit_future(&mut self) -> Intent {
        let date_format = self.settings.date_format.clone();
        let Some(OpenForm {
            form,
            editing,
            links,
            ..
        }) = &mut self.form
        else {
            return Intent::Nothing;
        };
        sync_links(links, form);
        match *editing {
            Editing::Trend(id) => {
                let (review_date, dated) = typed_date(form, "review", &date_format);
                let impact = match typed_impact(&form.value("impact")) {
                    Ok(impact) => impact,
                    Err(problem) => {
                        form.set_error("impact", problem);
                        0
                    }
                };
                let draft = TrendDraft {
                    name: form.value("name"),
                    category: TrendCategory::from_word(&form.value("category")).unwrap_or_default(),
                    horizon: TrendHorizon::ALL
                        .into_iter()
                        .find(|h| h.label() == form.value("horizon"))
                        .unwrap_or_default(),
                    impact,
                    evolution: form.value("evolution"),
                    review_date,
                };
                let checked = checked_or_shown(form, draft.checked(), trend_field);
                if !dated {
                    form.focus_first_error();
                    return Intent::Nothing;
                }
                let touches: Vec<Touch> = links
                    .iter()
                    .filter_map(|l| {
                        let kind = match l.kind {
                            LinkKind::Role => TouchKind::Role,
                            LinkKind::Partner => TouchKind::Partner,
                            LinkKind::Offering => TouchKind::Offering,
                            LinkKind::Kpi | LinkKind::Goal => return None,
                        };
                        Some(Touch { kind, id: l.id })
                    })
                    .collect();
                checked.map_or(Intent::Nothing, |draft| {
                    Intent::Strategy(StrategyEdit::SaveTrend {
                        id,
                        draft: Box::new(draft),
                        touches,
                    })
                })
            }
            Editing::TrendAction { trend, id } => {
                let (due_date, dated) = typed_date(form, "due", &date_format);
                let draft = ActionDraft {
                    title: form.value("title"),
                    owner: form.value("owner"),
                    due_date,
                    status: ActionStatus::from_word(&form.value("status")).unwrap_or_default(),
                };
                let checked = checked_or_shown(form, draft.checked(), action_field);
                if !dated {
                    form.focus_first_error();
                    return Intent::Nothing;
                }
                checked.map_or(Intent::Nothing, |draft| {
                    Intent::Strategy(StrategyEdit::SaveTrendAction { trend, id, draft })
                })
            }
            _ => Intent::Nothing,
        }
    }

    /// The trends beside their radar (below it when narrow), the selected trend's detail and
    /// actions under the list.
    pub(super) fn render_future(
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
