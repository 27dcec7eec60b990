//! The Future section's (step 12) trends and their adaptability actions: the trend and action
//! forms and what their keys do (drawn in `draw`).

use super::lists::{checked_or_shown, date_field, typed_date, words};
use super::{Editing, OpenForm, READ_ONLY, StrategyEdit, StrategyTab};
use crate::plan::trend::{
    ActionDraft, ActionField, ActionStatus, IMPACT_RANGE, Touch, TouchKind, TrendCategory,
    TrendDraft, TrendField, TrendHorizon, impact_word, typed_impact,
};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{ListEdits, ListStep, Listed, OrderedList};
use crate::tui::widgets::picker::{LinkKind, Linked, link_names, sync_links};
use crate::workbook::{TrendActionRecord, TrendRecord};

mod draw;

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
}
