//! The Strategy tab: the strategy's sections in the method's order — mission, core elements,
//! value proposition (with what each partner gains), the model decision aid, goals, resources,
//! governance rules, data-sharing protocols and the future's trend radar. Keys live in `strategy/keys.rs`, drawing in
//! `strategy/view.rs`; writes go back to the App as `Intent::Strategy`.

mod aid;
mod edit;
mod forms;
mod forums;
mod future;
mod gains;
mod goals;
mod keys;
mod lists;
mod protocols;
mod section;
mod statement;
mod view;

use std::collections::BTreeMap;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use edit::StrategyEdit;
pub use forums::upcoming_line;
pub use statement::Part;

use super::screen::{Place, Screen};
use crate::plan::decision_aid::{Advice, advise};
use crate::plan::framework::{Question, shipped};
use crate::plan::guide::Target;
use crate::plan::money::Currency;
use crate::plan::strategy::StrategyDraft;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::ordered_list::{Listed, OrderedList};
use crate::tui::widgets::picker::{LinkPicker, Linked};
use crate::workbook::{
    ForumRecord, GoalKpiStatus, GoalRecord, GovernanceRecord, PartnerGains, ProtocolRecord,
    ResourceRecord, TrendRecord, Workbook,
};
use section::Section;

const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";
const VIEW_KEY: &str = "strategy.section";
/// Partners read for each side of "what they gain": more than any screen shows.
const GAINS_SHOWN: usize = 60;

/// What the open form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Editing {
    Part(Part),
    Goal(Option<i64>),
    Resource(Option<i64>),
    Rule(Option<i64>),
    Protocol(Option<i64>),
    Forum(Option<i64>),
    Trend(Option<i64>),
    TrendAction {
        trend: i64,
        id: Option<i64>,
    },
    /// The prompt that writes forum `0`'s next agenda in the format chosen.
    Agenda(i64),
}

#[derive(Debug)]
struct OpenForm {
    form: Form,
    editing: Editing,
    /// What the open form's link fields hold: a protocol's recipients, a forum's members, what
    /// a trend touches (the fields show their names).
    links: Vec<Linked>,
    /// The picker of a link field, while open over the form.
    picker: Option<LinkPicker>,
}

#[derive(Debug)]
pub struct StrategyTab {
    section: Section,
    strategy: StrategyDraft,
    /// The plan's title, edited with the mission.
    title: String,
    questions: Vec<Question>,
    /// Why the decision aid's questions could not be read, if they could not.
    framework_problem: Option<String>,
    advice: Advice,
    /// The decision-aid question selected.
    question: usize,
    /// Read while the value proposition shows (its counts read every partner), with the journal
    /// position it was read at: kept until the workbook changes.
    gains: Option<((i64, i64), PartnerGains)>,
    goals: OrderedList<GoalRecord>,
    resources: OrderedList<ResourceRecord>,
    rules: OrderedList<GovernanceRecord>,
    protocols: OrderedList<ProtocolRecord>,
    /// In the order they meet next.
    forums: OrderedList<ForumRecord>,
    trends: OrderedList<TrendRecord>,
    /// The Future section's keys work on the selected trend's actions (`on_actions`), this one
    /// selected.
    on_actions: bool,
    trend_action: usize,
    /// The one popup: a form, with its link picker inside while that is open.
    form: Option<OpenForm>,
    /// Goal id → how its linked KPIs stand (goals without KPIs are absent).
    goal_kpis: BTreeMap<i64, GoalKpiStatus>,
    /// Today's date for the KPIs' status (fixed in tests) and the date format.
    settings: Settings,
    /// Resource costs are typed and shown in it.
    currency: Currency,
    /// The remembered section has been read (or a jump chose one), so quitting may store it.
    view_loaded: bool,
    stale: bool,
}

impl StrategyTab {
    pub fn new(settings: Settings) -> StrategyTab {
        let (questions, framework_problem) = match shipped() {
            Ok(framework) => (framework.questions.clone(), None),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        let advice = advise(&questions, &Default::default());
        let currency = Currency::or_default(&settings.currency);
        StrategyTab {
            section: Section::default(),
            strategy: StrategyDraft::default(),
            title: String::new(),
            questions,
            framework_problem,
            advice,
            question: 0,
            gains: None,
            goals: OrderedList::default(),
            resources: OrderedList::default(),
            rules: OrderedList::default(),
            protocols: OrderedList::default(),
            forums: OrderedList::default(),
            trends: OrderedList::default(),
            on_actions: false,
            trend_action: 0,
            form: None,
            view_loaded: false,
            goal_kpis: BTreeMap::new(),
            settings,
            currency,
            stale: true,
        }
    }

    fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.strategy = wb.strategy()?;
        self.title = wb.meta()?.title;
        self.advice = advise(&self.questions, &self.strategy.decision_answers);
        self.goals.set(wb.goals()?);
        self.goal_kpis = wb.kpi_status_by_goal(self.settings.today())?;
        self.resources.set(wb.resources()?);
        self.rules.set(wb.governance_rules()?);
        self.protocols.set(wb.protocols()?);
        self.forums
            .set(forums::by_next_meeting(wb.forums()?, self.settings.today()));
        self.trends.set(wb.trends()?);
        let actions = self.trends.selected().map_or(0, |t| t.actions.len());
        self.trend_action = self.trend_action.min(actions.saturating_sub(1));
        self.stale = false;
        Ok(())
    }

    /// Reads what the section shows that is not always read.
    fn read_section(&mut self, wb: &Workbook) -> Result<()> {
        if self.section == Section::ValueProposition {
            let position = wb.journal_position()?;
            if self
                .gains
                .as_ref()
                .is_none_or(|(read_at, _)| *read_at != position)
            {
                self.gains = Some((position, wb.partner_gains(GAINS_SHOWN)?));
            }
        }
        Ok(())
    }

    fn remembered(&mut self, wb: &Workbook) {
        if !self.view_loaded {
            self.view_loaded = true;
            if let Some(section) = wb.view_state(VIEW_KEY).and_then(|w| Section::from_word(&w)) {
                self.section = section;
            }
        }
    }
}

/// Where the user stood on the tab: the section, the decision aid's question and the record
/// selected in each list.
struct StrategyPlace {
    section: Section,
    question: usize,
    goal: Option<i64>,
    resource: Option<i64>,
    rule: Option<i64>,
    protocol: Option<i64>,
    forum: Option<i64>,
    trend: Option<i64>,
}

fn selected_id<R: Listed>(list: &OrderedList<R>) -> Option<i64> {
    list.selected().map(Listed::list_id)
}

fn reselect<R: Listed>(list: &mut OrderedList<R>, id: Option<i64>) {
    if let Some(id) = id {
        list.select(id);
    }
}

impl Screen for StrategyTab {
    fn context(&self) -> Context {
        if let Some(open) = &self.form {
            match open.picker {
                Some(_) => Context::Picker,
                None => Context::Form,
            }
        } else if self.section == Section::Future && self.on_actions {
            Context::TrendActions
        } else {
            self.section.context()
        }
    }

    fn list_context(&self) -> Context {
        self.section.context()
    }

    fn has_selection(&self) -> bool {
        match self.context() {
            Context::Trends => return !self.trends.records().is_empty(),
            Context::TrendActions => {
                return self
                    .trends
                    .selected()
                    .is_some_and(|t| !t.actions.is_empty());
            }
            Context::StrategyList | Context::StrategyForums => {}
            _ => return true,
        }
        match self.section {
            Section::Goals => !self.goals.records().is_empty(),
            Section::Resources => !self.resources.records().is_empty(),
            Section::Governance => !self.rules.records().is_empty(),
            Section::Protocols => !self.protocols.records().is_empty(),
            Section::Forums => !self.forums.records().is_empty(),
            _ => true,
        }
    }

    fn prepare(&mut self, _area: Rect, wb: &Workbook) -> Result<()> {
        self.remembered(wb);
        if self.stale {
            self.reload(wb)?;
        }
        self.read_section(wb)
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        self.render(area, buf, theme, keymap);
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        self.handle_key(action, key, wb)
    }

    fn typing_form(&mut self) -> Option<&mut Form> {
        match &mut self.form {
            Some(OpenForm {
                form, picker: None, ..
            }) => Some(form),
            _ => None,
        }
    }

    fn paste(&mut self, text: &str, _wb: &Workbook) -> Result<()> {
        if let Some(open) = &mut self.form {
            match &mut open.picker {
                Some(picker) => picker.paste(text, _wb)?,
                None => open.form.paste(text),
            }
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.form = None;
        self.reload(wb)?;
        self.read_section(wb)
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        match &mut self.form {
            Some(open) => {
                open.form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    fn discard_form(&mut self) {
        self.form = None;
    }

    fn save_view(&self, wb: &Workbook) {
        if self.view_loaded {
            let _ = wb.set_view_state(VIEW_KEY, self.section.word());
        }
    }

    fn go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        let Some(section) = Section::from_screen(target.screen) else {
            return Ok(Intent::Nothing);
        };
        self.view_loaded = true;
        self.discard_form();
        self.section = section;
        if self.stale {
            self.reload(wb)?;
        }
        self.read_section(wb)?;
        self.jump(target.record_id, wb)
    }

    fn here(&self) -> Place {
        Place::new(StrategyPlace {
            section: self.section,
            question: self.question,
            goal: selected_id(&self.goals),
            resource: selected_id(&self.resources),
            rule: selected_id(&self.rules),
            protocol: selected_id(&self.protocols),
            forum: selected_id(&self.forums),
            trend: selected_id(&self.trends),
        })
    }

    /// The section shown before is shown again with the question and each list's record that
    /// were selected (those that still exist); what a jump opened is closed.
    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        let Some(place) = place.take::<StrategyPlace>() else {
            return Ok(());
        };
        self.discard_form();
        (self.section, self.question) = (place.section, place.question);
        if self.stale {
            self.reload(wb)?;
        }
        reselect(&mut self.goals, place.goal);
        reselect(&mut self.resources, place.resource);
        reselect(&mut self.rules, place.rule);
        reselect(&mut self.protocols, place.protocol);
        reselect(&mut self.forums, place.forum);
        reselect(&mut self.trends, place.trend);
        self.on_actions = false;
        self.read_section(wb)
    }
}
