//! The Overview's what-if screen: the saved scenarios, a new one built by picking partners and
//! what happens to each (exits, delayed by N months, gated out), the plan now beside the plan in
//! the scenario, and two saved scenarios compared. Outcomes are worked out in the idle pass
//! (`ScenarioScreen::idle`), never on a key: at 100,000 partners one takes a tenth of a second.

mod keys;

use std::cell::Cell;

use anyhow::Result;

use crate::plan::money::Period;
use crate::plan::text::clean;
use crate::plan::whatif::WhatIf;
use crate::plan::whatif::events::{Event, EventKind, story};
use crate::tui::keymap::Context;
use crate::tui::widgets::picker::Picker;
use crate::workbook::{ScenarioEvent, ScenarioRecord, Workbook};

/// How many worked-out outcomes are kept (the newest): moving back and forth costs nothing.
const KEPT: usize = 16;
/// A new delay's months; `h`/`l` change them.
const FIRST_DELAY: u32 = 3;

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// The saved scenarios, the selected one's outcome beside them.
    List,
    /// A new scenario being put together.
    Draft,
    /// Two saved scenarios (by id) side by side.
    Compare(i64, i64),
}

/// What the open picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Picking {
    Partner,
    CompareWith,
}

/// A name being typed: for a new scenario (`renaming` none) or a saved one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Naming {
    pub text: String,
    pub renaming: Option<i64>,
    /// Why the last try was refused; the text stays as typed.
    pub error: Option<String>,
}

/// A scenario's change for the App to write (each one undoable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioEdit {
    Save { name: String, events: Vec<Event> },
    Rename { id: i64, name: String },
    Delete { id: i64 },
}

impl ScenarioEdit {
    /// Writes the change; the sentence for the status line.
    pub fn apply(&self, wb: &mut Workbook) -> Result<String> {
        Ok(match self {
            ScenarioEdit::Save { name, events } => {
                wb.save_scenario(name, "", events)?;
                format!(
                    "Saved the scenario \"{}\" (‹undo› undoes it).",
                    clean(name.trim())
                )
            }
            ScenarioEdit::Rename { id, name } => {
                let old = wb.rename_scenario(*id, name)?;
                format!(
                    "Renamed the scenario \"{}\" to \"{}\" (‹undo› undoes it).",
                    clean(&old),
                    clean(name.trim())
                )
            }
            ScenarioEdit::Delete { id } => {
                let name = wb.delete_scenario(*id)?;
                format!(
                    "Deleted the scenario \"{}\" (‹undo› brings it back).",
                    clean(&name)
                )
            }
        })
    }
}

/// Where the user stands, to come back to (the picker and a name being typed are not kept).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ScenarioPlace {
    mode: Mode,
    selected: usize,
    draft: Vec<ScenarioEvent>,
    draft_selected: usize,
    preset: bool,
}

#[derive(Debug)]
pub struct ScenarioScreen {
    pub(super) saved: Vec<ScenarioRecord>,
    pub(super) selected: usize,
    pub(super) mode: Mode,
    /// The new scenario's events, in the order added, and the one selected.
    pub(super) draft: Vec<ScenarioEvent>,
    pub(super) draft_selected: usize,
    /// The draft is as it was opened ("what if this partner exits?"): leaving it loses nothing.
    preset: bool,
    picker: Option<(Picking, Picker)>,
    pub(super) naming: Option<Naming>,
    /// The user closed the screen (the Overview drops it).
    pub closed: bool,
    /// Outcomes worked out (or why not), the newest last.
    outcomes: Vec<(Vec<Event>, Result<WhatIf, String>)>,
    /// The first row of the figures' table shown (it scrolls when taller than its room), and,
    /// as the last frame drawn found them, the most it can be and the rows a page shows.
    pub(super) scroll: usize,
    pub(super) scroll_room: Cell<(usize, usize)>,
}

impl ScenarioScreen {
    /// The saved scenarios, the first selected.
    pub fn open(wb: &Workbook) -> Result<ScenarioScreen> {
        Ok(ScenarioScreen {
            saved: wb.scenarios()?,
            selected: 0,
            mode: Mode::List,
            draft: Vec::new(),
            draft_selected: 0,
            preset: false,
            picker: None,
            naming: None,
            closed: false,
            outcomes: Vec::new(),
            scroll: 0,
            scroll_room: Cell::new((0, 1)),
        })
    }

    /// A new scenario in which partner `id` (called `name`) exits.
    pub fn exit_of(id: i64, name: String, wb: &Workbook) -> Result<ScenarioScreen> {
        let mut screen = ScenarioScreen::open(wb)?;
        screen.mode = Mode::Draft;
        screen.draft = vec![ScenarioEvent {
            event: Event {
                partner: id,
                kind: EventKind::Exit,
            },
            partner: name,
        }];
        screen.preset = true;
        Ok(screen)
    }

    pub fn context(&self) -> Context {
        if self.picker.is_some() {
            return Context::Picker;
        }
        if self.naming.is_some() {
            return Context::ScenarioName;
        }
        match self.mode {
            Mode::List => Context::Scenarios,
            Mode::Draft => Context::ScenarioDraft,
            Mode::Compare(..) => Context::ScenarioCompare,
        }
    }

    /// What the breadcrumb names.
    pub fn crumb(&self) -> String {
        match self.mode {
            Mode::List => "What if".into(),
            Mode::Draft => "What if: new scenario".into(),
            Mode::Compare(..) => "What if: compare".into(),
        }
    }

    pub(super) fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref().map(|(_, picker)| picker)
    }

    pub(super) fn saved_by_id(&self, id: i64) -> Option<&ScenarioRecord> {
        self.saved.iter().find(|s| s.id == id)
    }

    /// The draft's events as the plan's rule takes them.
    fn draft_events(&self) -> Vec<Event> {
        self.draft.iter().map(|e| e.event).collect()
    }

    /// The draft told in words: "Ostrander exits and Pylon is delayed by 3 months".
    pub(super) fn draft_story(&self) -> String {
        let named: Vec<(String, EventKind)> = self
            .draft
            .iter()
            .map(|e| (clean(&e.partner).into_owned(), e.event.kind))
            .collect();
        story(&named)
    }

    /// The event sets whose outcomes the screen shows now.
    fn wanted(&self) -> Vec<Vec<Event>> {
        match self.mode {
            Mode::List => self
                .saved
                .get(self.selected)
                .map(|s| vec![s.events()])
                .unwrap_or_default(),
            Mode::Draft if self.draft.is_empty() => Vec::new(),
            Mode::Draft => vec![self.draft_events()],
            Mode::Compare(a, b) => [a, b]
                .iter()
                .filter_map(|id| self.saved_by_id(*id).map(ScenarioRecord::events))
                .collect(),
        }
    }

    /// The outcome of `events` if worked out: `None` while it is still to do.
    pub(super) fn outcome(&self, events: &[Event]) -> Option<&Result<WhatIf, String>> {
        self.outcomes
            .iter()
            .rev()
            .find(|(e, _)| e.as_slice() == events)
            .map(|(_, outcome)| outcome)
    }

    /// Works out one outcome the screen waits for; whether it did (draw again then).
    pub fn idle(&mut self, wb: &Workbook) -> bool {
        let Some(events) = self
            .wanted()
            .into_iter()
            .find(|e| self.outcome(e).is_none())
        else {
            return false;
        };
        let outcome = wb
            .scenario_outcome(&events, Period::default())
            .map_err(|err| format!("The scenario could not be worked out: {err:#}."));
        if self.outcomes.len() >= KEPT {
            let _oldest = self.outcomes.remove(0);
        }
        self.outcomes.push((events, outcome));
        true
    }

    /// The workbook changed: every outcome is worked out again, when next shown.
    pub fn forget(&mut self) {
        self.outcomes.clear();
    }

    /// Reads the saved scenarios again, the same one selected (by id) where it still is.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let was = self.saved.get(self.selected).map(|s| s.id);
        self.saved = wb.scenarios()?;
        self.select_saved(|s| Some(s.id) == was);
        if let Mode::Compare(a, b) = self.mode
            && (self.saved_by_id(a).is_none() || self.saved_by_id(b).is_none())
        {
            self.mode = Mode::List;
        }
        Ok(())
    }

    fn select_saved(&mut self, wanted: impl Fn(&ScenarioRecord) -> bool) {
        self.selected = self
            .saved
            .iter()
            .position(wanted)
            .unwrap_or(self.selected)
            .min(self.saved.len().saturating_sub(1));
    }

    /// An edit this screen asked for went through (the saved list is read again first): a new
    /// scenario's draft closes on the saved one, a renamed one stays selected.
    pub fn edited(&mut self, wb: &Workbook) -> Result<()> {
        let naming = self.naming.take();
        self.reload(wb)?;
        if let Some(naming) = naming {
            let name = naming.text.trim().to_lowercase();
            self.select_saved(|s| s.name.trim().to_lowercase() == name);
            if naming.renaming.is_none() {
                self.leave_draft();
            }
        }
        Ok(())
    }

    /// A save or rename was refused: the name prompt says why and keeps what was typed.
    pub fn edit_failed(&mut self, message: &str) -> bool {
        match &mut self.naming {
            Some(naming) => {
                naming.error = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    /// The user chose to lose the new scenario.
    pub fn discard(&mut self) {
        self.naming = None;
        self.leave_draft();
    }

    fn leave_draft(&mut self) {
        self.mode = Mode::List;
        self.draft.clear();
        self.draft_selected = 0;
        self.preset = false;
    }

    pub fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        if let Some((_, picker)) = &mut self.picker {
            return picker.paste_and_search(text, wb);
        }
        let line: String = text
            .chars()
            .filter(|c| !crate::plan::text::is_forbidden(*c) && *c != '\n' && *c != '\r')
            .collect();
        if let Some(naming) = &mut self.naming {
            naming.text.push_str(&line);
            naming.error = None;
        }
        Ok(())
    }

    pub(super) fn place(&self) -> ScenarioPlace {
        ScenarioPlace {
            mode: self.mode,
            selected: self.selected,
            draft: self.draft.clone(),
            draft_selected: self.draft_selected,
            preset: self.preset,
        }
    }

    /// Back where `place` says; the saved list is read again (it may have changed meanwhile).
    pub(super) fn from_place(place: ScenarioPlace, wb: &Workbook) -> Result<ScenarioScreen> {
        let mut screen = ScenarioScreen::open(wb)?;
        screen.selected = place.selected.min(screen.saved.len().saturating_sub(1));
        screen.mode = place.mode;
        screen.draft = place.draft;
        screen.draft_selected = place.draft_selected;
        screen.preset = place.preset;
        screen.reload(wb)?;
        Ok(screen)
    }
}
