//! Saving the Strategy tab's open form (the plan's rules check it; problems show on their
//! fields and nothing typed is lost) and what the link picker's choice does to the open form.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::forums::{forum_field, read_forum};
use super::goals::{goal_field, read_goal};
use super::lists::{checked_or_shown, read_resource, read_rule, resource_field, rule_field};
use super::protocols::{protocol_field, read_protocol};
use super::statement::{self, Part, field_id};
use super::{Editing, StrategyEdit, StrategyTab};
use crate::plan::plausible::PlanDate;
use crate::plan::text::plan_title;
use crate::tui::action::Action;
use crate::tui::intent::{Intent, ask_first};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::picker::{Picked, link_names, sync_links, toggle_link};
use crate::workbook::Workbook;

fn strategy(edit: StrategyEdit) -> Intent {
    Intent::Strategy(edit)
}

/// The checked draft, unless its date did not read: then nothing is saved and the focus goes to
/// the first field with a problem (the date's, when the rest was fine).
fn dated_or_shown<D>(form: &mut Form, checked: Option<D>, dated: bool) -> Option<D> {
    if dated {
        checked
    } else {
        form.focus_first_error();
        None
    }
}

impl StrategyTab {
    /// The open form as an edit, or its problems shown on their fields.
    pub(super) fn submit(&mut self) -> Intent {
        let Some(open) = &mut self.form else {
            return Intent::Nothing;
        };
        open.form.clear_errors();
        let form = &mut open.form;
        let date_format = self.settings.date_format.as_str();
        match open.editing {
            Editing::Part(part) => {
                let draft = statement::read(part, form, &self.strategy);
                // Only the mission's form holds the title; unchanged, it is left alone.
                let title = match part {
                    Part::Mission => match plan_title(&form.value("title")) {
                        Ok(title) => Ok((title != self.title).then_some(title)),
                        Err(message) => {
                            form.set_error("title", message);
                            Err(())
                        }
                    },
                    _ => Ok(None),
                };
                match (draft.checked(), title) {
                    (Ok(draft), Ok(title)) => strategy(StrategyEdit::Save {
                        part,
                        draft: Box::new(draft),
                        title,
                    }),
                    (checked, _) => {
                        for (field, message) in checked.err().unwrap_or_default() {
                            form.set_error(field_id(field), message);
                        }
                        form.focus_first_error();
                        Intent::Nothing
                    }
                }
            }
            Editing::Goal(id) => {
                let (draft, dated) = read_goal(form, date_format);
                let checked = checked_or_shown(form, draft.checked(), goal_field);
                let today = self.settings.today();
                dated_or_shown(form, checked, dated).map_or(Intent::Nothing, |draft| {
                    let doubt = draft.target_date.as_deref().and_then(|on| {
                        form.doubt_about_date("target_date", on, PlanDate::GoalTarget, today)
                    });
                    ask_first(doubt, strategy(StrategyEdit::SaveGoal { id, draft }))
                })
            }
            Editing::Resource(id) => read_resource(form, &self.currency, date_format)
                .and_then(|draft| checked_or_shown(form, draft.checked(), resource_field))
                .map_or(Intent::Nothing, |draft| {
                    strategy(StrategyEdit::SaveResource { id, draft })
                }),
            Editing::Rule(id) => checked_or_shown(form, read_rule(form).checked(), rule_field)
                .map_or(Intent::Nothing, |draft| {
                    strategy(StrategyEdit::SaveRule { id, draft })
                }),
            Editing::Forum(id) => {
                sync_links(&mut open.links, &open.form);
                let (draft, read) = read_forum(&mut open.form, &open.links, date_format);
                let checked = checked_or_shown(&mut open.form, draft.checked(), forum_field);
                dated_or_shown(&mut open.form, checked, read).map_or(Intent::Nothing, |draft| {
                    strategy(StrategyEdit::SaveForum {
                        id,
                        draft: Box::new(draft),
                    })
                })
            }
            Editing::Trend(_) | Editing::TrendAction { .. } => self.submit_future(),
            // Written where the workbook is at hand (`handle_key`).
            Editing::Agenda(_) => Intent::Nothing,
            Editing::Protocol(id) => {
                sync_links(&mut open.links, &open.form);
                let (draft, dated) = read_protocol(&mut open.form, &open.links, date_format);
                let checked = checked_or_shown(&mut open.form, draft.checked(), protocol_field);
                dated_or_shown(&mut open.form, checked, dated).map_or(Intent::Nothing, |draft| {
                    strategy(StrategyEdit::SaveProtocol {
                        id,
                        draft: Box::new(draft),
                    })
                })
            }
        }
    }

    pub(super) fn handle_picker(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some(open) = &mut self.form else {
            return Ok(Intent::Nothing);
        };
        let Some(picker) = &mut open.picker else {
            return Ok(Intent::Nothing);
        };
        match picker.key(action, key, wb)? {
            Picked::Stay => {}
            Picked::Cancel => open.picker = None,
            Picked::Chosen { kind, id, name } => {
                open.picker = None;
                sync_links(&mut open.links, &open.form);
                toggle_link(&mut open.links, kind, id, &name);
                let names = link_names(&open.links, kind);
                open.form.set_choice(kind.field(), &names);
            }
        }
        Ok(Intent::Nothing)
    }
}
