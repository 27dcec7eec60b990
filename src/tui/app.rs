//! The app: routes each key to the open popup or tab and applies the tab's intent through the
//! workbook (`apply.rs`); the chrome around the tab is drawn in `chrome.rs`, the mouse handled
//! in `mouse.rs`, export and import run from `exchange.rs`; what happens between keys (the idle
//! pass, a frame's preparation) is in `idle.rs`; the app's own popups answer keys in `popups.rs`,
//! and app-wide commands (undo, tabs, the palette's) run in `commands.rs`.

mod apply;
mod chrome;
mod commands;
mod exchange;
mod idle;
mod live;
mod mouse;
mod nav;
mod popups;
mod reading;
mod rework;
mod snapshots;
mod typing;

use std::time::{Duration, Instant};

use anyhow::Result;
use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::{Context, Keymap};
use super::settings::Settings;
use super::tabs::TabId;
use super::tabs::guide::GuideTab;
use super::tabs::metrics::MetricsTab;
use super::tabs::overview::OverviewTab;
use super::tabs::partners::PartnersTab;
use super::tabs::risks::RisksTab;
use super::tabs::roles::RolesTab;
use super::tabs::screen::Screen;
use super::tabs::strategy::StrategyTab;
use super::theme::Theme;
use super::widgets::confirm::ConfirmDialog;
use super::widgets::help::Help;
use super::widgets::import_preview::ImportPreview;
use super::widgets::merge_review::MergeReview;
use super::widgets::notice::Notice;
use super::widgets::palette::Palette;
use super::widgets::path_prompt::PathPrompt;
use super::widgets::progress::ProgressPopup;
use super::widgets::snapshots::{SnapshotList, SnapshotStep};
use crate::workbook::Workbook;

/// The smallest terminal the screens are designed for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// How long a status message stays.
const STATUS_FADE: Duration = Duration::from_secs(4);
const LAST_TAB_KEY: &str = "app.tab";

#[derive(Debug)]
enum Popup {
    Help(Help),
    Palette(Palette),
    Confirm(ConfirmDialog),
    Notice(Notice),
    Prompt(PathPrompt),
    Progress(ProgressPopup),
    Merge(MergeReview),
    Snapshots(SnapshotList),
    Preview(Box<ImportPreview>),
    /// A report's options, after its file is chosen (`exchange/options.rs`).
    ReportOptions(Box<exchange::ExportOptions>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Status {
    text: String,
    error: bool,
    at: Instant,
}

pub struct App {
    workbook: Workbook,
    keymap: Keymap,
    theme: Theme,
    title: String,
    tab: TabId,
    /// The views drill-downs and jumps left, the last on top (see `nav.rs`).
    nav: Vec<nav::NavEntry>,
    /// Places of tabs not on screen that `Esc` is to put back, on the next idle pass.
    deferred: Vec<(TabId, super::tabs::screen::Place)>,
    guide: GuideTab,
    strategy: StrategyTab,
    partners: PartnersTab,
    roles: RolesTab,
    risks: RisksTab,
    metrics: MetricsTab,
    overview: OverviewTab,
    popup: Option<Popup>,
    status: Option<Status>,
    body: Rect,
    quit: bool,
    exchange: exchange::ExchangeState,
    /// No frame drawn yet: the first one shows the Guide or the Overview before reading them.
    first_frame: bool,
    /// The frame on screen left its tab's reading to the idle pass (see `prepare`).
    light: bool,
    /// How long the Guide's and the Overview's last readings took (see `Readings::defers`).
    readings: reading::Readings,
    /// A change of the whole roster's figures left to the idle pass, and how long the last took.
    reworks: rework::Reworks,
    /// Live KPIs' history, brought up to today at the next idle pass (at open, and after
    /// every change).
    live: live::Live,
}

impl App {
    /// `notices` are shown in a popup at start (config problems, how the workbook was opened).
    pub fn new(
        workbook: Workbook,
        keymap: Keymap,
        theme: Theme,
        settings: Settings,
        notices: Vec<String>,
    ) -> Result<App> {
        let (mut workbook, mut notices) = (workbook, notices);
        if let Err(err) = workbook.use_default_cadence(settings.checkin_cadence_days) {
            notices.push(format!(
                "Next check-in dates could not be brought up to the configured cadence: {err:#}"
            ));
        }
        let title = workbook.meta()?.title;
        // A workbook without a plan opens on the Guide at step 1; an established one where its
        // user left off.
        let tab = match workbook.holds_plan()? {
            false => None,
            true => workbook
                .view_state(LAST_TAB_KEY)
                .and_then(|t| TabId::from_title(&t)),
        }
        .unwrap_or(TabId::Guide);
        let exchange = exchange::ExchangeState::new(&settings);
        let roles = RolesTab::new(settings.overload_threshold);
        let guide = GuideTab::new(&workbook, settings.bands);
        let overview = OverviewTab::new(settings.clone());
        let risks = RisksTab::new(&workbook, settings.clone());
        let metrics = MetricsTab::new(settings.clone());
        let strategy = StrategyTab::new(settings.clone());
        let partners = PartnersTab::new(&workbook, settings, &keymap)?;
        let popup =
            (!notices.is_empty()).then(|| Popup::Notice(Notice::new("Please note", notices)));
        Ok(App {
            workbook,
            keymap,
            theme,
            title,
            tab,
            nav: Vec::new(),
            deferred: Vec::new(),
            guide,
            strategy,
            partners,
            roles,
            risks,
            metrics,
            overview,
            popup,
            status: None,
            body: Rect::default(),
            quit: false,
            exchange,
            first_frame: true,
            light: false,
            readings: reading::Readings::default(),
            reworks: rework::Reworks::default(),
            live: live::Live::default(),
        })
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The workbook back from an app that is done, to be closed by its owner.
    pub fn into_workbook(self) -> Workbook {
        self.workbook
    }

    pub fn workbook(&self) -> &Workbook {
        &self.workbook
    }

    pub fn tab(&self) -> TabId {
        self.tab
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        match &self.popup {
            Some(Popup::Help(_) | Popup::Notice(_)) => Context::Popup,
            Some(Popup::Palette(_)) => Context::Palette,
            Some(Popup::Confirm(_)) => Context::Confirm,
            Some(Popup::Prompt(prompt)) => prompt.context(),
            Some(Popup::Progress(_)) => Context::Working,
            Some(Popup::Merge(_)) => Context::MergeReview,
            Some(Popup::Snapshots(list)) => match list.step {
                SnapshotStep::Naming(_) => Context::SnapshotLabel,
                _ => Context::Snapshots,
            },
            Some(Popup::Preview(_)) => Context::ImportPreview,
            Some(Popup::ReportOptions(_)) => Context::Prompt,
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any popup.
    fn screen_context(&self) -> Context {
        self.screen().context()
    }

    /// The tab shown.
    fn screen(&self) -> &dyn Screen {
        self.screen_of(self.tab)
    }

    fn screen_of(&self, tab: TabId) -> &dyn Screen {
        match tab {
            TabId::Guide => &self.guide,
            TabId::Strategy => &self.strategy,
            TabId::Partners => &self.partners,
            TabId::Roles => &self.roles,
            TabId::Risks => &self.risks,
            TabId::Metrics => &self.metrics,
            TabId::Overview => &self.overview,
        }
    }

    /// Tab `tab` to change, beside the workbook it reads.
    fn screen_mut(&mut self, tab: TabId) -> (&mut dyn Screen, &Workbook) {
        let screen: &mut dyn Screen = match tab {
            TabId::Guide => &mut self.guide,
            TabId::Strategy => &mut self.strategy,
            TabId::Partners => &mut self.partners,
            TabId::Roles => &mut self.roles,
            TabId::Risks => &mut self.risks,
            TabId::Metrics => &mut self.metrics,
            TabId::Overview => &mut self.overview,
        };
        (screen, &self.workbook)
    }

    /// Every tab reads again before it is next shown (or before its next key).
    fn changed(&mut self) {
        self.live.changed();
        // The title is edited with the mission, and undo or redo may change it back.
        if let Ok(meta) = self.workbook.meta() {
            self.title = meta.title;
        }
        // Readings under way read the plan as it was.
        self.readings.forget();
        for tab in TabId::ALL {
            self.screen_mut(tab).0.mark_stale();
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        // Whatever the event, a rework left to the idle pass is written first.
        if let Err(err) = self.flush_rework() {
            self.set_status(format!("{err:#}"), true);
        }
        let result = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.paste(&text),
            Event::Mouse(mouse) => self.handle_mouse(mouse.kind, mouse.column, mouse.row),
            _ => Ok(()),
        };
        if let Err(err) = result {
            self.set_status(format!("{err:#}"), true);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Result<()> {
        // A rework left to the idle pass is written before any key sees the workbook.
        self.flush_rework()?;
        // A long reading is the idle pass's: a key acts on the figures shown (`reading.rs`).
        self.keys_act_on_shown_figures();
        let context = self.context();
        let action = self.keymap.action(context, &key);
        if action == Some(Action::ForceQuit) {
            self.quit = true;
            return Ok(());
        }
        let depth = self.nav.len();
        let result = match self.popup.take() {
            Some(popup) => self.handle_popup(popup, action, &key),
            None => self.handle_screen(action, &key),
        };
        if self.nav.len() > depth {
            self.arrived();
        }
        // The form stays open until the rework is written: the status line says it is at work.
        if self.rework_pending() {
            self.say_working();
        }
        result
    }

    fn handle_screen(&mut self, action: Option<Action>, key: &KeyEvent) -> Result<()> {
        let saving = self.context() == Context::Form && action == Some(Action::Save);
        let result = self.route_to_screen(action, key);
        // A save the form refused leaves it open, each reason beside its field: the status line
        // must not still say the last thing that was saved.
        if saving && result.is_ok() && self.popup.is_none() && self.context() == Context::Form {
            self.set_status("Not saved yet — the form says why".into(), true);
        }
        result
    }

    fn route_to_screen(&mut self, action: Option<Action>, key: &KeyEvent) -> Result<()> {
        let context = self.context();
        // Undo, help, the palette, tab keys… work the same in every context that has them.
        let app_wide = context.uses_global() && action.is_some_and(Action::is_app_wide);
        // Esc on a tab's own view, and q there after a drill-down, go back.
        if action == Some(Action::Back) || (action == Some(Action::Quit) && self.can_go_back()) {
            return self.go_back();
        }
        // Closing the view a drill-down arrived in (Esc, q) comes straight back from it.
        let closes_arrival = action == Some(Action::Cancel) && self.at_arrival();
        // A form a drill-down opened, once saved, leaves the view it belongs to as the arrival:
        // closing that view then comes straight back too (a check-in logged from the Guide).
        let saves_arrival = action == Some(Action::Save) && self.at_arrival();
        if let Some(action) = action
            && !app_wide
            && self.screen().drills(action)
        {
            self.push_view(self.tab);
        }
        let result = self.route_key(action, key, app_wide);
        if closes_arrival && result.is_ok() && self.popup.is_none() && self.context() != context {
            return self.go_back();
        }
        if saves_arrival && result.is_ok() && self.popup.is_none() && self.context() != context {
            self.arrived();
        }
        result
    }

    fn route_key(&mut self, action: Option<Action>, key: &KeyEvent, app_wide: bool) -> Result<()> {
        if !app_wide {
            let (screen, wb) = self.screen_mut(self.tab);
            let intent = screen.handle(action, key, wb)?;
            return self.apply(intent);
        }
        match action {
            Some(action) => self.run_action(action),
            None => Ok(()),
        }
    }

    fn paste(&mut self, text: &str) -> Result<()> {
        match &mut self.popup {
            Some(Popup::Palette(palette)) => palette.paste(text),
            Some(Popup::Prompt(prompt)) => prompt.paste(text),
            Some(Popup::ReportOptions(options)) => options.paste(text),
            Some(_) => {}
            None => {
                let (screen, wb) = self.screen_mut(self.tab);
                screen.paste(text, wb)?
            }
        }
        Ok(())
    }

    fn set_status(&mut self, text: String, error: bool) {
        self.status = Some(Status {
            // Key names in the message are the ones in effect (see `Keymap::spell`).
            text: self.keymap.spell(&text),
            error,
            at: Instant::now(),
        });
    }

    /// Puts a message that comes from outside the keys on the status line, as a warning (the
    /// input reader's word on a paste that did not arrive whole).
    pub fn warn(&mut self, text: String) {
        self.set_status(text, true);
    }
}
