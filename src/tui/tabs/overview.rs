//! The Overview tab: the portfolio at a glance — partners by stage and type, fit, role coverage,
//! the residual heat map with the top risks, KPI status, onboarding, check-ins due and the
//! method's readiness. Every number is selectable (`h`/`l` between panels, `j`/`k` within one)
//! and Enter opens the list behind it on its own tab (`Intent::Show`).
//!
//! The figures are read in `prepare`, only after the workbook changed: counts and aggregates in
//! SQL, never the rows themselves, so drawing a frame costs the same for 7 or 100,000 partners.
//! `w` opens the what-if screen (`scenario.rs`) over the panels or the concentration list.

mod concentration;
pub mod destination;
mod draw;
mod layout;
mod lines;
mod panels;
mod scenario;
mod scenario_draw;

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use concentration::{ConcentrationView, ListView};
pub use destination::Destination;
use panels::{Item, Panel, Readiness, items};
pub use scenario::ScenarioEdit;
use scenario::{ScenarioPlace, ScenarioScreen};
use scenario_draw::ScenarioView;

use super::screen::{Place, Screen};
use crate::plan::concentration::{Concentration, Thresholds, most_concentrated};
use crate::plan::money::Currency;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::workbook::GuideReport;
use crate::workbook::{Overview, OverviewQuery, OverviewReading, Workbook};

/// What the tab last read.
#[derive(Debug, Clone, PartialEq, Default)]
struct Figures {
    overview: Overview,
    /// `None` when the built-in method could not be read (the Guide says why).
    readiness: Option<Readiness>,
    /// The items of each panel, in the order of `Panel::ALL`.
    items: Vec<Vec<Item>>,
    /// Every concentration figure (returns over all time), in `Workbook::concentrations`' order.
    concentrations: Vec<Concentration>,
}

/// Where the user stands on the Overview: a panel's item, the concentration list if open, and
/// the what-if screen if open over them.
#[derive(Debug, Clone, PartialEq)]
struct OverviewPlace {
    panel: usize,
    item: usize,
    concentration: Option<usize>,
    scenario: Option<ScenarioPlace>,
}

#[derive(Debug)]
pub struct OverviewTab {
    settings: Settings,
    figures: Figures,
    /// The selected panel (its index in `Panel::ALL`) and the item within it.
    panel: usize,
    item: usize,
    stale: bool,
    /// Whether the figures have been read at all (the first frame may come before).
    read: bool,
    /// The list of every concentration figure, when open over the panels.
    concentration: Option<ConcentrationView>,
    /// The list's height at the last frame, for paging.
    page: std::cell::Cell<usize>,
    /// The what-if screen, when open over the panels or the list.
    scenario: Option<ScenarioScreen>,
    /// The governance forums, for the line "Next meetings: Partner council in 7 days …" (none
    /// when the plan has no forums: no line).
    meetings: Option<Vec<crate::workbook::ForumRecord>>,
    /// A long reading runs on another thread: keys act on the figures as shown meanwhile.
    read_elsewhere: bool,
}

impl OverviewTab {
    /// The tab reads the workbook when first shown.
    pub fn new(settings: Settings) -> OverviewTab {
        OverviewTab {
            settings,
            figures: Figures::default(),
            panel: 0,
            item: 0,
            stale: true,
            read: false,
            concentration: None,
            page: std::cell::Cell::new(10),
            scenario: None,
            meetings: None,
            read_elsewhere: false,
        }
    }

    /// Opens the list of every concentration figure, line `selected` chosen.
    pub fn open_concentration(&mut self, selected: usize) {
        self.concentration = Some(ConcentrationView::new(
            &self.figures.concentrations,
            selected,
        ));
    }

    /// The workbook changed: read again before the next frame that shows the tab.
    /// Whether the figures are to be read again (after a change, or never read).
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
        if let Some(scenario) = &mut self.scenario {
            scenario.forget();
        }
    }

    /// Works out one outcome the what-if screen waits for (the App's idle pass); whether the
    /// screen should be drawn again.
    pub fn scenario_idle(&mut self, wb: &Workbook) -> bool {
        self.scenario.as_mut().is_some_and(|s| s.idle(wb))
    }

    /// Opens the what-if screen on a new scenario in which partner `id` (called `name`) exits:
    /// "what if it exits" from a partner's line of the roster.
    pub fn open_exit_of(&mut self, id: i64, name: String, wb: &Workbook) -> Result<()> {
        self.scenario = Some(ScenarioScreen::exit_of(id, name, wb)?);
        Ok(())
    }

    /// Opens the what-if screen: from a partner's line of the concentration list, a new
    /// scenario in which it exits; else the saved scenarios.
    fn open_scenario(&mut self, wb: &Workbook) -> Result<Intent> {
        let partner = self
            .concentration
            .as_ref()
            .and_then(|view| view.partner(&self.figures.concentrations));
        let screen = match partner {
            Some(name) => match wb.partner_named(&name) {
                Ok((id, stored)) => ScenarioScreen::exit_of(id, stored, wb)?,
                Err(why) => return Ok(Intent::Error(format!("No scenario for it: {why}"))),
            },
            None => ScenarioScreen::open(wb)?,
        };
        self.scenario = Some(screen);
        Ok(Intent::Nothing)
    }

    fn query(&self) -> OverviewQuery {
        OverviewQuery {
            today: self.settings.today(),
            default_cadence_days: self.settings.checkin_cadence_days,
            bands: self.settings.bands,
        }
    }

    /// Reads every figure again. The method's readiness is not read here: the Guide keeps it
    /// (its checks read the most) and hands it over with `set_readiness`.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        let (query, thresholds) = self.reading_inputs();
        let reading = wb.overview_reading(&query, thresholds)?;
        self.accept(reading, wb)
    }

    /// Whether a long reading runs on another thread: until it ends, a key acts on the figures
    /// as shown rather than waiting for a reading of its own.
    pub fn set_read_elsewhere(&mut self, elsewhere: bool) {
        self.read_elsewhere = elsewhere;
    }

    /// What a reading of the figures on another thread needs (`Workbook::overview_reading`).
    pub fn reading_inputs(&self) -> (OverviewQuery, Thresholds) {
        (self.query(), self.settings.concentration)
    }

    /// Takes a reading made elsewhere, as `reload` takes its own; an open what-if screen reads
    /// its outcome again here.
    pub fn accept(&mut self, reading: OverviewReading, wb: &Workbook) -> Result<()> {
        self.read_elsewhere = false;
        self.figures.overview = reading.overview;
        self.figures.concentrations = reading.concentrations;
        let forums = reading.forums;
        self.meetings = (!forums.is_empty()).then_some(forums);
        if let Some(view) = &self.concentration {
            self.open_concentration(view.selected);
        }
        if let Some(scenario) = &mut self.scenario {
            scenario.reload(wb)?;
        }
        self.rebuild_items();
        self.stale = false;
        self.read = true;
        Ok(())
    }

    /// The Guide's latest report (`None` until it has read the workbook, or when the built-in
    /// method could not be read).
    pub fn set_readiness(&mut self, report: Option<&GuideReport>) {
        let readiness = report.map(|report| {
            let states = report.statuses.iter().map(|s| s.state);
            Readiness::of(report.readiness, states)
        });
        if readiness != self.figures.readiness {
            self.figures.readiness = readiness;
            self.rebuild_items();
        }
    }

    fn rebuild_items(&mut self) {
        let readiness = self.figures.readiness;
        let lead = most_concentrated(&self.figures.concentrations);
        self.figures.items = Panel::ALL
            .iter()
            .map(|panel| items(*panel, &self.figures.overview, readiness.as_ref(), lead))
            .collect();
        self.item = self.item.min(self.items_in(self.panel).saturating_sub(1));
    }

    fn items_in(&self, panel: usize) -> usize {
        self.figures.items.get(panel).map_or(0, Vec::len)
    }

    /// The item selected, and where Enter leads from it.
    fn selected(&self) -> Option<&Item> {
        self.figures.items.get(self.panel)?.get(self.item)
    }

    fn move_by(&mut self, action: Action) {
        let last_panel = Panel::ALL.len() - 1;
        match action {
            Action::Left | Action::Right => {
                self.panel = if action == Action::Left {
                    self.panel.checked_sub(1).unwrap_or(last_panel)
                } else {
                    (self.panel + 1) % Panel::ALL.len()
                };
                self.item = 0;
            }
            // Past a panel's ends, j and k go on into the next (or previous) panel, so they
            // alone walk every number.
            Action::Down if self.item + 1 < self.items_in(self.panel) => self.item += 1,
            Action::Down if self.panel < last_panel => {
                self.panel += 1;
                self.item = 0;
            }
            Action::Up if self.item > 0 => self.item -= 1,
            Action::Up if self.panel > 0 => {
                self.panel -= 1;
                self.item = self.items_in(self.panel).saturating_sub(1);
            }
            Action::Top => (self.panel, self.item) = (0, 0),
            Action::Bottom => {
                self.panel = last_panel;
                self.item = self.items_in(last_panel).saturating_sub(1);
            }
            _ => {}
        }
    }
}

impl Screen for OverviewTab {
    fn context(&self) -> Context {
        if let Some(scenario) = &self.scenario {
            scenario.context()
        } else if self.concentration.is_some() {
            Context::Concentration
        } else {
            Context::Overview
        }
    }

    fn list_context(&self) -> Context {
        match self.context() {
            Context::Picker | Context::ScenarioName => Context::Scenarios,
            other => other,
        }
    }

    fn prepare(&mut self, _area: Rect, wb: &Workbook) -> Result<()> {
        if self.stale {
            self.reload(wb)?;
        }
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        if !self.read {
            // Only until the idle pass right after the first frame has read the figures.
            Paragraph::new(Line::styled(" Reading the figures…", theme.muted)).render(area, buf);
            return;
        }
        if let Some(screen) = &self.scenario {
            let currency = Currency::or_default(&self.settings.currency);
            ScenarioView {
                screen,
                currency: &currency,
                keymap,
            }
            .render(area, buf, theme);
            return;
        }
        if let Some(view) = &self.concentration {
            self.page.set(usize::from(area.height.saturating_sub(2)));
            let currency = Currency::or_default(&self.settings.currency);
            ListView {
                view,
                figures: &self.figures.concentrations,
                thresholds: self.settings.concentration,
                currency: &currency,
                keymap,
            }
            .render(area, buf, theme);
            return;
        }
        let area = match &self.meetings {
            Some(forums) => {
                let [top, rest] = ratatui::layout::Layout::vertical([
                    ratatui::layout::Constraint::Length(1),
                    ratatui::layout::Constraint::Fill(1),
                ])
                .areas(area);
                let room = usize::from(top.width.saturating_sub(1));
                let line = super::strategy::upcoming_line(forums, self.settings.today(), room);
                Paragraph::new(Line::from(format!(" {line}"))).render(top, buf);
                rest
            }
            None => area,
        };
        let view = draw::View {
            overview: &self.figures.overview,
            readiness: self.figures.readiness.as_ref(),
            items: &self.figures.items,
            panel: self.panel,
            item: self.item,
            bands: &self.settings.bands,
            keymap,
            concentrations: &self.figures.concentrations,
            lead: most_concentrated(&self.figures.concentrations),
        };
        view.render(area, buf, theme);
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.stale && !self.read_elsewhere {
            self.reload(wb)?;
        }
        if let Some(scenario) = &mut self.scenario {
            let intent = scenario.handle(action, key, wb)?;
            if scenario.closed {
                self.scenario = None;
            }
            return Ok(intent);
        }
        if action == Some(Action::WhatIf) {
            return self.open_scenario(wb);
        }
        if let Some(view) = &mut self.concentration {
            return Ok(match action {
                Some(Action::Open) => view.open(&self.figures.concentrations, wb),
                Some(action) => {
                    view.move_by(action, self.page.get());
                    Intent::Nothing
                }
                None => Intent::Nothing,
            });
        }
        Ok(match action {
            Some(Action::Open) => match self.selected() {
                Some(item) => Intent::Show(item.destination.clone()),
                None => Intent::Nothing,
            },
            // The governance forums and their next meetings (Esc comes back here).
            Some(Action::Forums) => Intent::Go(crate::plan::guide::Target::screen(
                crate::plan::framework::Screen::Forums,
            )),
            Some(action) => {
                self.move_by(action);
                Intent::Nothing
            }
            None => Intent::Nothing,
        })
    }

    fn mark_stale(&mut self) {
        OverviewTab::mark_stale(self)
    }

    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.reload(wb)?;
        match &mut self.scenario {
            Some(scenario) => scenario.edited(wb),
            None => Ok(()),
        }
    }

    fn edit_failed(&mut self, message: &str) -> bool {
        self.scenario
            .as_mut()
            .is_some_and(|s| s.edit_failed(message))
    }

    fn discard_form(&mut self) {
        if let Some(scenario) = &mut self.scenario {
            scenario.discard();
        }
    }

    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        match &mut self.scenario {
            Some(scenario) => scenario.paste(text, wb),
            None => Ok(()),
        }
    }

    fn drills(&self, action: Action) -> bool {
        action == Action::WhatIf && self.scenario.is_none()
    }

    fn here(&self) -> Place {
        Place::new(OverviewPlace {
            panel: self.panel,
            item: self.item,
            concentration: self.concentration.as_ref().map(|view| view.selected),
            scenario: self.scenario.as_ref().map(ScenarioScreen::place),
        })
    }

    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        if let Some(place) = place.take::<OverviewPlace>() {
            (self.panel, self.item) = (place.panel, place.item);
            match place.concentration {
                Some(selected) => self.open_concentration(selected),
                None => self.concentration = None,
            }
            self.scenario = match place.scenario {
                Some(scenario) => Some(ScenarioScreen::from_place(scenario, wb)?),
                None => None,
            };
        }
        Ok(())
    }

    fn crumb(&self) -> Option<String> {
        match &self.scenario {
            Some(scenario) => Some(scenario.crumb()),
            None => self.concentration.as_ref().map(ConcentrationView::crumb),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tab_with(counts: &[usize]) -> OverviewTab {
        let mut tab = OverviewTab::new(Settings::default());
        tab.figures.items = counts
            .iter()
            .map(|n| {
                (0..*n)
                    .map(|i| Item {
                        label: i.to_string(),
                        value: 0,
                        destination: Destination::Guide,
                    })
                    .collect()
            })
            .collect();
        tab
    }

    #[test]
    fn j_and_k_walk_every_item_across_panels_and_stop_at_the_ends() {
        let mut tab = tab_with(&[2, 1, 7, 1, 1, 1, 5, 3, 1]);
        tab.move_by(Action::Up);
        assert_eq!((tab.panel, tab.item), (0, 0));
        for _ in 0..3 {
            tab.move_by(Action::Down);
        }
        assert_eq!((tab.panel, tab.item), (2, 0));
        tab.move_by(Action::Up);
        assert_eq!((tab.panel, tab.item), (1, 0));
        tab.move_by(Action::Bottom);
        assert_eq!((tab.panel, tab.item), (8, 0));
        tab.move_by(Action::Up);
        assert_eq!((tab.panel, tab.item), (7, 2));
        tab.move_by(Action::Down);
        tab.move_by(Action::Down);
        assert_eq!((tab.panel, tab.item), (8, 0));
    }

    #[test]
    fn h_and_l_go_round_the_panels() {
        let mut tab = tab_with(&[2, 1, 7, 1, 1, 1, 5, 3, 1]);
        tab.move_by(Action::Down);
        tab.move_by(Action::Right);
        assert_eq!((tab.panel, tab.item), (1, 0));
        tab.move_by(Action::Left);
        tab.move_by(Action::Left);
        assert_eq!((tab.panel, tab.item), (8, 0));
        tab.move_by(Action::Right);
        assert_eq!(tab.panel, 0);
    }
}
