//! What the Strategy tab's keys do: move between sections, open and save the forms (checked by
//! the plan's rules, problems shown on their fields), answer the decision aid, and add, edit,
//! delete and reorder the lists' records.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::aid::cycled;
use super::forums::{agenda_form, forum_form, write_agenda};
use super::goals::goal_form;
use super::lists::{resource_form, rule_form};
use super::protocols::protocol_form;
use super::statement::{self, Part};
use super::{Editing, OpenForm, READ_ONLY, Section, StrategyEdit, StrategyTab};
use crate::plan::decision_aid::{Advice, Answer};
use crate::plan::forum::ForumDraft;
use crate::plan::strategy::{
    GoalDraft, GovernanceDraft, GovernanceTopic, ProtocolDraft, ResourceDraft, ResourceKind,
};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::sanitize::clean;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::ordered_list::{ListEdits, ListStep, moved};
use crate::tui::widgets::picker::{LinkKind, LinkPicker, Linked};
use crate::workbook::Workbook;

fn strategy(edit: StrategyEdit) -> Intent {
    Intent::Strategy(edit)
}

impl StrategyTab {
    pub(super) fn handle_key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        if self.form.as_ref().is_some_and(|open| open.picker.is_some()) {
            return self.handle_picker(action, key, wb);
        }
        if let Some(open) = &mut self.form {
            return Ok(match open.form.handle(action, key) {
                FormEvent::Continue => Intent::Nothing,
                FormEvent::Pick(field) => {
                    if let Some(kind) = LinkKind::of_field(field) {
                        open.picker = Some(LinkPicker::open(kind, wb)?);
                    }
                    Intent::Nothing
                }
                FormEvent::Cancel if open.form.is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    self.form = None;
                    Intent::Nothing
                }
                FormEvent::Save => match open.editing {
                    Editing::Agenda(id) => {
                        let format = open.form.value("format");
                        self.form = None;
                        match self.forums.records().iter().find(|f| f.id == id) {
                            Some(forum) => write_agenda(wb, forum, &self.settings, &format),
                            None => Intent::Nothing,
                        }
                    }
                    _ => self.submit(),
                },
            });
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        if let Some(section) = Section::from_action(action) {
            self.section = section;
            self.on_actions = false;
            return Ok(Intent::Nothing);
        }
        match action {
            Action::NextSection | Action::PreviousSection => {
                self.section = self.section.step(action == Action::NextSection);
                self.on_actions = false;
                Ok(Intent::Nothing)
            }
            Action::WriteAgenda if self.section == Section::Forums => {
                let Some(forum) = self.forums.selected() else {
                    return Ok(Intent::Nothing);
                };
                Ok(match agenda_form(forum, &self.settings) {
                    Ok(form) => {
                        let id = forum.id;
                        self.open(Editing::Agenda(id), form)
                    }
                    Err(problem) => Intent::Error(problem),
                })
            }
            _ => self.section_key(action, wb.is_read_only()),
        }
    }

    fn section_key(&mut self, action: Action, read_only: bool) -> Result<Intent> {
        let writable = !read_only;
        let writes = matches!(
            action,
            Action::Add
                | Action::Edit
                | Action::Delete
                | Action::AnswerYes
                | Action::AnswerNo
                | Action::AnswerUnsure
                | Action::Toggle
                | Action::ChooseModel
        );
        Ok(match self.section {
            Section::Mission | Section::CoreElements | Section::ValueProposition => match action {
                _ if writes && read_only => Intent::Error(READ_ONLY.into()),
                Action::Edit | Action::Add => {
                    self.open_part(part_of(self.section));
                    Intent::Nothing
                }
                _ => Intent::Nothing,
            },
            Section::Model => self.aid_key(action, read_only),
            Section::Future => self.future_key(action, read_only),
            Section::Goals => {
                let date_format = &self.settings.date_format;
                let step = self.goals.edit_key(
                    action,
                    writable,
                    &ListEdits {
                        form: &|goal| match goal {
                            Some(g) => {
                                let title = format!("Edit {}", clean(&g.goal.title));
                                goal_form(&title, &g.goal, date_format)
                            }
                            None => goal_form("New goal", &GoalDraft::default(), date_format),
                        },
                        delete: &|g| ConfirmAction::DeleteGoal {
                            id: g.id,
                            title: g.goal.title.clone(),
                        },
                        reorder: Ok(&|id, up| strategy(StrategyEdit::MoveGoal { id, up })),
                    },
                );
                self.opened(step, Editing::Goal, Vec::new())
            }
            Section::Resources => {
                let (currency, date_format) = (&self.currency, &self.settings.date_format);
                let step = self.resources.edit_key(
                    action,
                    writable,
                    &ListEdits {
                        form: &|resource| match resource {
                            Some(r) => {
                                let title = format!("Edit {}", clean(&r.resource.name));
                                resource_form(&title, &r.resource, currency, date_format)
                            }
                            None => resource_form(
                                "New resource",
                                &ResourceDraft::default(),
                                currency,
                                date_format,
                            ),
                        },
                        delete: &|r| ConfirmAction::DeleteResource {
                            id: r.id,
                            name: r.resource.name.clone(),
                        },
                        reorder: Err("Resources are listed in the order they were added; \
                                      only goals are reordered."),
                    },
                );
                self.opened(step, Editing::Resource, Vec::new())
            }
            Section::Governance => {
                let step = self.rules.edit_key(
                    action,
                    writable,
                    &ListEdits {
                        form: &|rule| match rule {
                            Some(r) => {
                                let title = format!("Edit the {} rule", r.rule.topic.word());
                                rule_form(&title, &r.rule)
                            }
                            None => rule_form("New governance rule", &GovernanceDraft::default()),
                        },
                        delete: &|r| ConfirmAction::DeleteGovernanceRule {
                            id: r.id,
                            rule: r.rule.rule.lines().next().unwrap_or_default().to_string(),
                        },
                        reorder: Err("Rules are listed in the order they were added; only \
                                      goals are reordered."),
                    },
                );
                self.opened(step, Editing::Rule, Vec::new())
            }
            Section::Forums => {
                let date_format = &self.settings.date_format;
                let step = self.forums.edit_key(
                    action,
                    writable,
                    &ListEdits {
                        form: &|forum| match forum {
                            Some(f) => {
                                let title = format!("Edit {}", clean(&f.forum.name));
                                let members: Vec<Linked> =
                                    f.members.iter().map(Linked::of_shared).collect();
                                forum_form(&title, &f.forum, &members, date_format)
                            }
                            None => forum_form(
                                "New governance forum",
                                &ForumDraft::default(),
                                &[],
                                date_format,
                            ),
                        },
                        delete: &|f| ConfirmAction::DeleteForum {
                            id: f.id,
                            name: f.forum.name.clone(),
                            members: f.members.len(),
                            rules: f.rules,
                        },
                        reorder: Err("Forums are listed in the order they meet next; only \
                                      goals are reordered."),
                    },
                );
                let members = self
                    .forums
                    .selected()
                    .map(|f| f.members.iter().map(Linked::of_shared).collect());
                self.opened(step, Editing::Forum, members.unwrap_or_default())
            }
            Section::Protocols => {
                let date_format = &self.settings.date_format;
                let step = self.protocols.edit_key(
                    action,
                    writable,
                    &ListEdits {
                        form: &|protocol| match protocol {
                            Some(p) => {
                                let title = format!("Edit {}", clean(&p.protocol.data_item));
                                let shared: Vec<Linked> =
                                    p.shared_with.iter().map(Linked::of_shared).collect();
                                protocol_form(&title, &p.protocol, &shared, date_format)
                            }
                            None => protocol_form(
                                "New data-sharing protocol",
                                &ProtocolDraft::default(),
                                &[],
                                date_format,
                            ),
                        },
                        delete: &|p| ConfirmAction::DeleteProtocol {
                            id: p.id,
                            item: p.protocol.data_item.clone(),
                            recipients: p.shared_with.len(),
                        },
                        reorder: Err("Protocols are listed in the order they were added; only \
                                      goals are reordered."),
                    },
                );
                let shared = self
                    .protocols
                    .selected()
                    .map(|p| p.shared_with.iter().map(Linked::of_shared).collect());
                self.opened(step, Editing::Protocol, shared.unwrap_or_default())
            }
        })
    }

    fn aid_key(&mut self, action: Action, read_only: bool) -> Intent {
        if let Some(next) = moved(self.question, self.questions.len(), action, 3) {
            self.question = next;
            return Intent::Nothing;
        }
        let answer = match action {
            Action::AnswerYes => Answer::Yes,
            Action::AnswerNo => Answer::No,
            Action::AnswerUnsure => Answer::Unsure,
            Action::Toggle => {
                let current = self
                    .questions
                    .get(self.question)
                    .and_then(|q| self.strategy.decision_answers.get(&q.key).copied());
                cycled(current)
            }
            Action::ChooseModel | Action::Edit if read_only => {
                return Intent::Error(READ_ONLY.into());
            }
            Action::ChooseModel | Action::Edit => {
                self.open_part(Part::Model);
                return Intent::Nothing;
            }
            _ => return Intent::Nothing,
        };
        if read_only {
            return Intent::Error(READ_ONLY.into());
        }
        let Some(question) = self.questions.get(self.question) else {
            return Intent::Nothing;
        };
        let key = question.key.clone();
        // On to the next question, so a run of answers is a run of keys (space stays put).
        if action != Action::Toggle {
            self.question = (self.question + 1).min(self.questions.len().saturating_sub(1));
        }
        strategy(StrategyEdit::Answer { key, answer })
    }

    /// What an edited list's key left to the tab: a form opens as `editing` the record, holding
    /// `links` (an edited forum's members, an edited protocol's recipients).
    pub(super) fn opened(
        &mut self,
        step: ListStep,
        editing: fn(Option<i64>) -> Editing,
        links: Vec<Linked>,
    ) -> Intent {
        match step {
            ListStep::Intent(intent) => intent,
            ListStep::Open { id, form } => {
                self.open(editing(id), form);
                if let (Some(open), Some(_)) = (&mut self.form, id) {
                    open.links = links;
                }
                Intent::Nothing
            }
            ListStep::Other(_) => Intent::Nothing,
        }
    }

    pub(super) fn open(&mut self, editing: Editing, form: Form) -> Intent {
        self.form = Some(OpenForm {
            form,
            editing,
            links: Vec::new(),
            picker: None,
        });
        Intent::Nothing
    }

    fn open_part(&mut self, part: Part) {
        let form = statement::form(part, &self.strategy, &self.advice, &self.title);
        self.open(Editing::Part(part), form);
    }

    /// Selects the section's record `record` or opens its form: where the Guide sends the user.
    pub(super) fn jump(&mut self, record: Option<i64>, wb: &Workbook) -> Result<Intent> {
        let read_only = wb.is_read_only();
        Ok(match self.section {
            Section::Mission | Section::CoreElements | Section::ValueProposition => {
                if read_only {
                    return Ok(Intent::Error(READ_ONLY.into()));
                }
                self.open_part(part_of(self.section));
                // The cursor on what the Guide found missing: the first empty field.
                if let Some(open) = &mut self.form {
                    open.form.focus_first_empty(&[]);
                }
                Intent::Nothing
            }
            Section::Model => {
                let unanswered = self
                    .questions
                    .iter()
                    .position(|q| !self.strategy.decision_answers.contains_key(&q.key));
                match (&self.advice, unanswered) {
                    // Too few answers for advice: the questions come first.
                    (Advice::NotYet { .. }, Some(index)) if self.strategy.model.is_none() => {
                        self.question = index;
                        Intent::Status(
                            "Answer at least 3 questions first: ‹decision-aid:answer-yes› yes, ‹decision-aid:answer-no› no, ‹decision-aid:answer-unsure› not sure; then ‹decision-aid:choose-model›."
                                .into(),
                        )
                    }
                    _ if read_only => Intent::Error(READ_ONLY.into()),
                    _ => {
                        self.open_part(Part::Model);
                        Intent::Nothing
                    }
                }
            }
            // An empty list, or one that lacks the kind the Guide asks for: a new record's form
            // opens, that kind chosen and the cursor on the next field.
            Section::Goals
            | Section::Resources
            | Section::Governance
            | Section::Protocols
            | Section::Forums
                if record.is_none()
                    && !read_only
                    && (self.list_is_empty() || self.kind_missing().is_some()) =>
            {
                let missing = self.kind_missing();
                let intent = self.section_key(Action::Add, read_only)?;
                if let (Some(open), Some((field, word, next))) = (&mut self.form, missing) {
                    open.form.set_choice(field, word);
                    open.form.focus_first_empty(&[next]);
                }
                intent
            }
            // Where the Guide's step 12 sends the user: what the first trend not ready lacks.
            Section::Future if record.is_none() && !read_only => self.future_jump()?,
            Section::Future => select(record, "trend", |id| self.trends.select(id)),
            Section::Goals => select(record, "goal", |id| self.goals.select(id)),
            Section::Resources => select(record, "resource", |id| self.resources.select(id)),
            Section::Governance => select(record, "rule", |id| self.rules.select(id)),
            Section::Protocols => select(record, "protocol", |id| self.protocols.select(id)),
            Section::Forums => select(record, "forum", |id| self.forums.select(id)),
        })
    }
}

impl StrategyTab {
    /// Step 12's way in: an empty radar opens a new trend's form; otherwise the first trend not
    /// ready (an example first) opens on what it lacks: its review date, or a new action.
    fn future_jump(&mut self) -> Result<Intent> {
        let lacking = self
            .trends
            .records()
            .iter()
            .find(|t| !t.is_ready())
            .map(|t| (t.id, t.trend.review_date.is_none()));
        let Some((id, undated)) = lacking else {
            return if self.trends.records().is_empty() {
                self.section_key(Action::Add, false)
            } else {
                Ok(Intent::Nothing)
            };
        };
        self.trends.select(id);
        self.on_actions = !undated;
        let intent = self.future_key(if undated { Action::Edit } else { Action::Add }, false);
        if let (true, Some(open)) = (undated, &mut self.form) {
            open.form.focus_first_empty(&["review"]);
        }
        Ok(intent)
    }

    /// Whether the list section shown has no record yet.
    fn list_is_empty(&self) -> bool {
        match self.section {
            Section::Goals => self.goals.records().is_empty(),
            Section::Resources => self.resources.records().is_empty(),
            Section::Governance => self.rules.records().is_empty(),
            Section::Protocols => self.protocols.records().is_empty(),
            Section::Forums => self.forums.records().is_empty(),
            _ => false,
        }
    }

    /// The kind of record the Guide asks this list for and does not find: (the form's choice
    /// field, the word to choose, the field to type in next).
    fn kind_missing(&self) -> Option<(&'static str, &'static str, &'static str)> {
        match self.section {
            Section::Resources => {
                let has = |kinds: &[ResourceKind]| {
                    self.resources
                        .records()
                        .iter()
                        .any(|r| r.resource.kind.is_some_and(|k| kinds.contains(&k)))
                };
                let missing = if !has(&[ResourceKind::Technology]) {
                    ResourceKind::Technology
                } else if !has(&[ResourceKind::Organisation, ResourceKind::Budget]) {
                    ResourceKind::Organisation
                } else {
                    return None;
                };
                Some(("kind", missing.word(), "name"))
            }
            Section::Governance => {
                let rules = self.rules.records();
                let has = |topic: GovernanceTopic| rules.iter().any(|r| r.rule.topic == topic);
                let reviewed = rules.iter().any(|r| {
                    matches!(
                        r.rule.topic,
                        GovernanceTopic::PerformanceReview | GovernanceTopic::MeetingCadence
                    ) && !r.rule.cadence.trim().is_empty()
                });
                let missing = if !has(GovernanceTopic::Decision) {
                    GovernanceTopic::Decision
                } else if !has(GovernanceTopic::ConflictResolution) {
                    GovernanceTopic::ConflictResolution
                } else if !reviewed {
                    GovernanceTopic::PerformanceReview
                } else {
                    return None;
                };
                Some(("topic", missing.word(), "rule"))
            }
            _ => None,
        }
    }
}

fn part_of(section: Section) -> Part {
    match section {
        Section::CoreElements => Part::CoreElements,
        Section::ValueProposition => Part::ValueProposition,
        Section::Model => Part::Model,
        _ => Part::Mission,
    }
}

/// Selects record `id` of a list (`what`: "goal"); says so when it is gone.
fn select(id: Option<i64>, what: &str, mut select: impl FnMut(i64) -> bool) -> Intent {
    match id {
        Some(id) if !select(id) => Intent::Status(format!(
            "That {what} no longer exists; the list shows what there is."
        )),
        _ => Intent::Nothing,
    }
}
