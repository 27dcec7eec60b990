//! The what-if screen's keys: moving through the saved scenarios, building a new one (partners
//! picked by typing their names, what happens to each), naming it, and the y/n before a delete.
//! Only a name's Enter and a delete's "yes" reach the workbook, as a `ScenarioEdit`.

use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;

use super::{FIRST_DELAY, Mode, Naming, Picking, ScenarioEdit, ScenarioScreen};
use crate::plan::text::clean;
use crate::plan::whatif::events::{Event, EventKind};
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::picker::{Choice, Picker};
use crate::tui::widgets::typed::typed;
use crate::workbook::{ScenarioEvent, Workbook};

impl ScenarioScreen {
    pub fn handle(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        if self.picker.is_some() {
            return self.handle_picker(action, key, wb);
        }
        if self.naming.is_some() {
            return Ok(self.handle_naming(action, key));
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        if self.scrolls(action) {
            return Ok(Intent::Nothing);
        }
        // Anything else may show other figures: their table starts at the top.
        self.scroll = 0;
        match self.mode {
            Mode::List => self.handle_list(action, wb),
            Mode::Draft => self.handle_draft(action, wb),
            Mode::Compare(..) => {
                if action == Action::Cancel {
                    self.mode = Mode::List;
                }
                Ok(Intent::Nothing)
            }
        }
    }

    /// Page up/down scroll the figures' table (in the comparison the arrows, Home and End too,
    /// since nothing else moves there); whether `action` was one of these.
    fn scrolls(&mut self, action: Action) -> bool {
        let (most, page) = self.scroll_room.get();
        let compare = matches!(self.mode, Mode::Compare(..));
        self.scroll = match action {
            Action::PageDown => (self.scroll + page.max(1)).min(most),
            Action::PageUp => self.scroll.saturating_sub(page.max(1)),
            Action::Down if compare => (self.scroll + 1).min(most),
            Action::Up if compare => self.scroll.saturating_sub(1),
            Action::Top if compare => 0,
            Action::Bottom if compare => most,
            _ => return false,
        };
        true
    }

    fn handle_list(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let last = self.saved.len().saturating_sub(1);
        let chosen = self.saved.get(self.selected);
        Ok(match action {
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                Intent::Nothing
            }
            Action::Down => {
                self.selected = (self.selected + 1).min(last);
                Intent::Nothing
            }
            Action::Top => {
                self.selected = 0;
                Intent::Nothing
            }
            Action::Bottom => {
                self.selected = last;
                Intent::Nothing
            }
            Action::Cancel => {
                self.closed = true;
                Intent::Nothing
            }
            Action::Add => {
                self.leave_draft();
                self.mode = Mode::Draft;
                self.picker = Some((Picking::Partner, partner_picker(&self.draft, wb)?));
                Intent::Nothing
            }
            Action::Edit => match chosen {
                Some(s) => {
                    self.naming = Some(Naming {
                        text: s.name.clone(),
                        renaming: Some(s.id),
                        error: None,
                    });
                    Intent::Nothing
                }
                None => nothing_saved(),
            },
            Action::Delete => match chosen {
                Some(s) => Intent::Confirm(ConfirmAction::DeleteScenario {
                    id: s.id,
                    name: clean(&s.name).into_owned(),
                }),
                None => nothing_saved(),
            },
            Action::Compare => match chosen {
                Some(s) if self.saved.len() > 1 => {
                    let others: Vec<(i64, String)> = self
                        .saved
                        .iter()
                        .filter(|o| o.id != s.id)
                        .map(|o| (o.id, clean(&o.name).into_owned()))
                        .collect();
                    let title = format!("Compare \"{}\" with…", clean(&s.name));
                    let picker = Picker::new(title, others).nothing("No scenario matches.");
                    self.picker = Some((Picking::CompareWith, picker));
                    Intent::Nothing
                }
                _ => Intent::Status(
                    "Comparing needs two saved scenarios: ‹scenarios:add› starts a new one, \
                     ‹scenario-draft:save› saves it."
                        .into(),
                ),
            },
            _ => Intent::Nothing,
        })
    }

    /// Keys of the draft: the events are changed here, in memory; only saving writes.
    fn handle_draft(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let last = self.draft.len().saturating_sub(1);
        let selected = self.draft_selected.min(last);
        Ok(match action {
            Action::Up => {
                self.draft_selected = selected.saturating_sub(1);
                Intent::Nothing
            }
            Action::Down => {
                self.draft_selected = (selected + 1).min(last);
                Intent::Nothing
            }
            Action::Add => {
                let picker = partner_picker(&self.draft, wb)?;
                self.picker = Some((Picking::Partner, picker));
                Intent::Nothing
            }
            Action::Toggle | Action::Left | Action::Right => {
                let Some(event) = self.draft.get_mut(selected) else {
                    return Ok(no_events());
                };
                let kind = &mut event.event.kind;
                *kind = match (action, *kind) {
                    (Action::Toggle, EventKind::Exit) => EventKind::Delay(FIRST_DELAY),
                    (Action::Toggle, EventKind::Delay(_)) => EventKind::GateOut,
                    (Action::Toggle, EventKind::GateOut) => EventKind::Exit,
                    (Action::Left, EventKind::Delay(m)) => {
                        EventKind::Delay(m.saturating_sub(1).max(1))
                    }
                    (Action::Right, EventKind::Delay(m)) => EventKind::Delay((m + 1).min(120)),
                    _ => {
                        return Ok(Intent::Status(
                            "Only a delay has months: ‹scenario-draft:toggle› makes the event \
                             one."
                                .into(),
                        ));
                    }
                };
                self.preset = false;
                Intent::Nothing
            }
            Action::Delete => {
                if self.draft.is_empty() {
                    return Ok(no_events());
                }
                self.draft.remove(selected);
                self.draft_selected = selected.min(self.draft.len().saturating_sub(1));
                self.preset = false;
                Intent::Nothing
            }
            Action::Save => {
                if self.draft.is_empty() {
                    return Ok(no_events());
                }
                self.naming = Some(Naming {
                    text: self.draft_story(),
                    renaming: None,
                    error: None,
                });
                Intent::Nothing
            }
            Action::Cancel if self.preset || self.draft.is_empty() => {
                self.leave_draft();
                Intent::Nothing
            }
            Action::Cancel => Intent::Confirm(ConfirmAction::DiscardChanges),
            _ => Intent::Nothing,
        })
    }

    fn handle_picker(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let Some((picking, picker)) = &mut self.picker else {
            return Ok(Intent::Nothing);
        };
        let picking = *picking;
        match picker.key(action, key, wb)? {
            Choice::Stay => {}
            Choice::Cancel => self.picker = None,
            Choice::Chosen { id, label } => {
                self.picker = None;
                match picking {
                    Picking::CompareWith => {
                        if let Some(s) = self.saved.get(self.selected) {
                            self.mode = Mode::Compare(s.id, id);
                        }
                    }
                    Picking::Partner => return Ok(self.add_partner(id, label)),
                }
            }
        }
        Ok(Intent::Nothing)
    }

    /// The partner joins the draft as one that exits (`t` changes what happens to it).
    fn add_partner(&mut self, id: i64, name: String) -> Intent {
        if let Some(at) = self.draft.iter().position(|e| e.event.partner == id) {
            self.draft_selected = at;
            return Intent::Status(format!(
                "{} is in the scenario already; ‹scenario-draft:toggle› changes what happens to it.",
                clean(&name)
            ));
        }
        self.draft.push(ScenarioEvent {
            event: Event {
                partner: id,
                kind: EventKind::Exit,
            },
            partner: name,
        });
        self.draft_selected = self.draft.len() - 1;
        self.preset = false;
        Intent::Nothing
    }

    fn handle_naming(&mut self, action: Option<Action>, key: &KeyEvent) -> Intent {
        let Some(naming) = &mut self.naming else {
            return Intent::Nothing;
        };
        match action {
            Some(Action::Cancel) => self.naming = None,
            Some(Action::Open) => {
                let name = naming.text.trim().to_string();
                if name.is_empty() {
                    naming.error = Some(
                        "A scenario needs a name: type one, or ‹scenario-name:cancel› to go back."
                            .into(),
                    );
                    return Intent::Nothing;
                }
                return Intent::Scenario(match naming.renaming {
                    Some(id) => ScenarioEdit::Rename { id, name },
                    None => ScenarioEdit::Save {
                        name,
                        events: self.draft_events(),
                    },
                });
            }
            _ => {
                if let Some(text) = typed(&naming.text, key) {
                    naming.text = text;
                    naming.error = None;
                }
            }
        }
        Intent::Nothing
    }
}

fn nothing_saved() -> Intent {
    Intent::Status(
        "No scenario is saved yet: ‹scenarios:add› starts one, ‹scenario-draft:save› saves it."
            .into(),
    )
}

fn no_events() -> Intent {
    Intent::Status(
        "The scenario has no partner yet: ‹scenario-draft:add› picks one by typing its name."
            .into(),
    )
}

/// The partner picker, the first partners by name listed until something is typed.
fn partner_picker(draft: &[ScenarioEvent], wb: &Workbook) -> Result<Picker> {
    let title = if draft.is_empty() {
        "What if… which partner? Type its name"
    } else {
        "Add a partner to the scenario"
    };
    Picker::partners(title.into(), wb)
}
