//! The Guide tab: the method's twelve steps with their state from the workbook's checks, the
//! selected step's explanation, what it still lacks and a key that goes where that is filled in;
//! a note per step, and "not applicable" with a reason. Readiness shows in the tab bar.

mod edit;
mod view;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use edit::GuideEdit;

use super::screen::{Place as NavPlace, Screen};
use crate::plan::framework::{self, Framework, Screen as Place, Step};
use crate::plan::guide::{ManualState, StepState, Target, jump_target, next_incomplete};
use crate::plan::risk::Bands;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::workbook::{GuideReport, Workbook};

const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";
const STEP_KEY: &str = "guide.step";

/// What the open form writes.
#[derive(Debug)]
enum Asking {
    Note,
    Reason,
}

#[derive(Debug)]
pub struct GuideTab {
    framework: Result<&'static Framework, String>,
    bands: Bands,
    report: Option<GuideReport>,
    selected: usize,
    /// Where the selection goes once the report is read: the remembered step, else the next to
    /// do; `None` once placed.
    placing: Option<Placing>,
    /// Lines of the step's text scrolled off the top.
    scroll: u16,
    form: Option<(Asking, Form)>,
    stale: bool,
    /// A long reading runs on another thread: keys act on the steps as shown meanwhile.
    read_elsewhere: bool,
}

#[derive(Debug)]
enum Placing {
    First,
    Step(String),
    NextToDo,
}

impl GuideTab {
    /// A workbook without a plan starts at step 1; an established one where its user left off
    /// (or, never having been on the Guide, at the first step still to do).
    pub fn new(wb: &Workbook, bands: Bands) -> GuideTab {
        let placing = match wb.holds_plan() {
            Ok(false) => Placing::First,
            _ => wb
                .view_state(STEP_KEY)
                .map_or(Placing::NextToDo, Placing::Step),
        };
        let mut tab = GuideTab {
            framework: framework::shipped(),
            bands,
            report: None,
            selected: 0,
            placing: Some(placing),
            scroll: 0,
            form: None,
            stale: true,
            read_elsewhere: false,
        };
        // Step 1 and a remembered step are known before the checks are read; only "the next to
        // do" waits for them.
        if let Some(Placing::First | Placing::Step(_)) = &tab.placing {
            tab.place(None);
        }
        tab
    }

    /// Moves the selection where `placing` says, once; `report` answers "the next to do".
    fn place(&mut self, report: Option<&GuideReport>) {
        let Ok(framework) = &self.framework else {
            return;
        };
        let Some(placing) = self.placing.take() else {
            return;
        };
        self.selected = match placing {
            Placing::First => Some(0),
            Placing::Step(key) => framework.steps.iter().position(|s| s.key == key),
            Placing::NextToDo => report.and_then(|r| r.next_incomplete),
        }
        .unwrap_or(0);
    }

    /// Whether the selection still waits for the first reading to know where it goes.
    fn placing(&self) -> bool {
        self.placing.is_some()
    }

    /// Overall readiness in percent, once the workbook has been read.
    pub fn readiness(&self) -> Option<u8> {
        self.report.as_ref().map(|r| r.readiness)
    }

    /// The last reading of every step, once there is one.
    pub fn report(&self) -> Option<&GuideReport> {
        self.report.as_ref()
    }

    /// Whether the next frame of the Guide (or its figure in the tab bar) needs a read.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Reads the checks' facts and every step's state (about 0.1 s on a 100,000-partner
    /// workbook: done when something changed, never per frame).
    pub fn refresh(&mut self, wb: &Workbook) -> Result<()> {
        let Ok(framework) = self.framework.clone() else {
            self.stale = false;
            return Ok(());
        };
        let report = wb.guide(framework, &self.bands)?;
        self.accept(report);
        Ok(())
    }

    /// After a note or mark of the user's on a plan whose checks take long to read: the form
    /// closes and the notes and marks shown are read again at once (one small table); the
    /// steps' states follow in the idle pass (the tab stays stale).
    pub fn edited_lightly(&mut self, wb: &Workbook) -> Result<()> {
        self.form = None;
        let progress = wb.step_progress()?;
        if let Some(report) = &mut self.report {
            report.progress = progress;
        }
        Ok(())
    }

    /// What a reading of the checks on another thread needs: the method and the risk bands
    /// (`None` when the built-in method could not be read: there is nothing to read).
    pub fn reading_inputs(&self) -> Option<(&'static Framework, Bands)> {
        self.framework
            .clone()
            .ok()
            .map(|framework| (framework, self.bands))
    }

    /// Takes a reading made elsewhere (`Workbook::guide`), as `refresh` takes its own.
    pub fn accept(&mut self, report: GuideReport) {
        self.place(Some(&report));
        self.report = Some(report);
        self.stale = false;
        self.read_elsewhere = false;
    }

    /// Whether a long reading runs on another thread: until it ends, a key acts on the steps
    /// as shown rather than waiting for a reading of its own.
    pub fn set_read_elsewhere(&mut self, elsewhere: bool) {
        self.read_elsewhere = elsewhere;
    }

    fn steps(&self) -> &[Step] {
        self.framework.as_ref().map_or(&[], |f| f.steps.as_slice())
    }

    fn step(&self) -> Option<&Step> {
        self.steps().get(self.selected)
    }

    fn select(&mut self, index: usize) {
        let last = self.steps().len().saturating_sub(1);
        if index.min(last) != self.selected {
            self.scroll = 0;
        }
        self.selected = index.min(last);
    }

    fn state(&self, index: usize) -> Option<StepState> {
        self.report
            .as_ref()
            .and_then(|r| r.statuses.get(index))
            .map(|s| s.state)
    }

    fn note_form(&self) -> Option<(Asking, Form)> {
        let step = self.step()?;
        let note = self
            .report
            .as_ref()
            .and_then(|r| r.progress.get(&step.key))
            .map(|p| p.note.clone())
            .unwrap_or_default();
        let form = Form::new(format!("Note on \"{}\"", step.title))
            .multiline("note", "Note", &note)
            .rows(6)
            .placeholder("what you decided, who to ask, what is left");
        Some((Asking::Note, form))
    }

    fn reason_form(&self) -> Option<(Asking, Form)> {
        let step = self.step()?;
        let form = Form::new(format!("\"{}\" does not apply", step.title))
            .multiline("reason", "Why not", "")
            .rows(3)
            .placeholder("e.g. a channel-only plan with no shared data");
        Some((Asking::Reason, form))
    }

    /// The step's note or reason form: saving writes it.
    fn handle_form(&mut self, action: Option<Action>, key: &KeyEvent) -> Intent {
        let step = self.step().map(|s| s.key.clone());
        let Some((asking, form)) = &mut self.form else {
            return Intent::Nothing;
        };
        match form.handle(action, key) {
            FormEvent::Continue | FormEvent::Pick(_) => Intent::Nothing,
            FormEvent::Cancel if form.is_dirty() => Intent::Confirm(ConfirmAction::DiscardChanges),
            FormEvent::Cancel => {
                self.form = None;
                Intent::Nothing
            }
            FormEvent::Save => {
                form.message = None;
                let Some(step) = step else {
                    return Intent::Nothing;
                };
                Intent::Guide(match asking {
                    Asking::Note => GuideEdit::Note {
                        step,
                        note: form.value("note"),
                    },
                    Asking::Reason => GuideEdit::NotApplicable {
                        step,
                        reason: form.value("reason"),
                    },
                })
            }
        }
    }

    fn jump(&mut self, wb: &Workbook) -> Intent {
        let (Some(step), Some(report)) = (self.step(), self.report.as_ref()) else {
            return Intent::Nothing;
        };
        let Some(status) = report.statuses.get(self.selected) else {
            return Intent::Nothing;
        };
        let target = jump_target(step, status);
        if target.screen == Place::Guide {
            // The step's own fix is here: the reason its "not applicable" mark lacks, or else
            // the step's note (where step 12 keeps the trends to watch).
            if wb.is_read_only() {
                return Intent::Error(READ_ONLY.into());
            }
            let set_aside = report
                .progress
                .get(&step.key)
                .is_some_and(|p| p.manual == ManualState::NotApplicable);
            self.form = if set_aside {
                self.reason_form()
            } else {
                self.note_form()
            };
            return Intent::Nothing;
        }
        Intent::Go(target)
    }
}

impl Screen for GuideTab {
    fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else {
            Context::Guide
        }
    }

    fn list_context(&self) -> Context {
        Context::Guide
    }

    fn prepare(&mut self, _area: Rect, wb: &Workbook) -> Result<()> {
        if self.stale {
            self.refresh(wb)?;
        }
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        view::render(self, area, buf, theme, keymap);
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        // A key that comes before the first reading (the first frame does not wait for it)
        // acts on the steps as they stand.
        if self.report.is_none() && self.stale && !self.read_elsewhere {
            self.refresh(wb)?;
        }
        if self.form.is_some() {
            return Ok(self.handle_form(action, key));
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        let count = self.steps().len();
        Ok(match action {
            Action::Up => {
                self.select(self.selected.saturating_sub(1));
                Intent::Nothing
            }
            Action::Down => {
                self.select(self.selected + 1);
                Intent::Nothing
            }
            Action::Top => {
                self.select(0);
                Intent::Nothing
            }
            Action::Bottom => {
                self.select(count.saturating_sub(1));
                Intent::Nothing
            }
            Action::PageDown => {
                self.scroll = self.scroll.saturating_add(5);
                Intent::Nothing
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(5);
                Intent::Nothing
            }
            Action::NextIncomplete => {
                let next = self
                    .report
                    .as_ref()
                    .and_then(|r| next_incomplete(&r.statuses, self.selected));
                match next {
                    Some(index) if index == self.selected => {
                        Intent::Status("This is the only step still to do.".into())
                    }
                    Some(index) => {
                        self.select(index);
                        Intent::Nothing
                    }
                    None => Intent::Status("Every step is done or set aside.".into()),
                }
            }
            Action::FixIt => self.jump(wb),
            Action::Edit if wb.is_read_only() => Intent::Error(READ_ONLY.into()),
            Action::Edit => {
                self.form = self.note_form();
                Intent::Nothing
            }
            Action::NotApplicable if wb.is_read_only() => Intent::Error(READ_ONLY.into()),
            Action::NotApplicable => match (self.step(), self.state(self.selected)) {
                (Some(step), Some(StepState::NotApplicable)) => {
                    Intent::Guide(GuideEdit::Applicable {
                        step: step.key.clone(),
                    })
                }
                (Some(_), _) => {
                    self.form = self.reason_form();
                    Intent::Nothing
                }
                (None, _) => Intent::Nothing,
            },
            _ => Intent::Nothing,
        })
    }

    fn typing_form(&mut self) -> Option<&mut Form> {
        self.form.as_mut().map(|(_, form)| form)
    }

    fn paste(&mut self, text: &str, _wb: &Workbook) -> Result<()> {
        if let Some((_, form)) = &mut self.form {
            form.paste(text);
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.form = None;
        self.refresh(wb)
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        match &mut self.form {
            Some((_, form)) => {
                form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    fn discard_form(&mut self) {
        self.form = None;
    }

    fn save_view(&self, wb: &Workbook) {
        if let Some(step) = self.step() {
            let _ = wb.set_view_state(STEP_KEY, &step.key);
        }
    }

    /// Only the step's own fix lands here: a "not applicable" mark without its reason.
    fn go(&mut self, _target: Target, wb: &Workbook) -> Result<Intent> {
        if wb.is_read_only() {
            return Ok(Intent::Error(READ_ONLY.into()));
        }
        self.form = self.reason_form();
        Ok(Intent::Nothing)
    }

    fn here(&self) -> NavPlace {
        NavPlace::new((self.selected, self.scroll))
    }

    fn restore(&mut self, place: NavPlace, _wb: &Workbook) -> Result<()> {
        if let Some((selected, scroll)) = place.take::<(usize, u16)>() {
            self.form = None;
            self.placing = None;
            (self.selected, self.scroll) = (selected, scroll);
        }
        Ok(())
    }
}
