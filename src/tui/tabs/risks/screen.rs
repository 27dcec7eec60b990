//! The Risks tab on the `Screen` trait: which context its keys are in, what a frame draws, and
//! where each key, paste and edit goes — the one popup open, the heat map or suggestions shown,
//! the filter, or the register.

use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::facets::facets_from_form;
use super::{Popup, RiskFacets, RisksTab, SavedView, Shown, VIEW_KEY, fetcher, map, suggested};
use crate::plan::guide::Target;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::tabs::screen::{Place, Screen};
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::facet_form::FacetStep;
use crate::tui::widgets::filter_input::FilterStep;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::workbook::Workbook;

impl Screen for RisksTab {
    fn context(&self) -> Context {
        match (&self.popup, &self.shown) {
            (Popup::Risk(open), _) if open.picker.is_some() => Context::Picker,
            (Popup::Risk(_) | Popup::Facets(_), _) => Context::Form,
            (Popup::None, Shown::Map(_)) => Context::HeatMap,
            (Popup::None, Shown::Suggested(_)) => Context::Suggestions,
            (Popup::None, Shown::Register) if self.filter.is_typing() => Context::Filter,
            (Popup::None, Shown::Register) => Context::Risks,
        }
    }

    fn list_context(&self) -> Context {
        Context::Risks
    }

    /// Sizes the window for `area`, reading the workbook if it changed.
    fn prepare(&mut self, area: Rect, wb: &Workbook) -> Result<()> {
        let query = self.query.clone();
        self.window
            .set_height(Self::visible_rows(area), &mut fetcher(wb, &query))?;
        if self.stale {
            self.reload(wb)?;
        }
        Ok(())
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        match &self.shown {
            Shown::Map(map) => map.render(area, buf, theme, keymap),
            Shown::Suggested(view) => view.render(area, buf, theme),
            Shown::Register => self.render_register(area, buf, theme, keymap),
        }
        match &self.popup {
            Popup::None => {}
            Popup::Facets(form) => form.render(area, buf, theme, keymap),
            Popup::Risk(open) => {
                open.form.render_popup(area, 84, buf, theme, keymap);
                if let Some(picker) = &open.picker {
                    picker.render_keys(area, buf, theme, keymap);
                }
            }
        }
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.form().is_some_and(|open| open.picker.is_some()) {
            return self.handle_picker(action, key, wb);
        }
        if let Popup::Risk(open) = &mut self.popup {
            let event = open.form.handle(action, key);
            return Ok(match event {
                FormEvent::Continue => Intent::Nothing,
                FormEvent::Pick(field) => {
                    self.open_picker(field, wb)?;
                    Intent::Nothing
                }
                FormEvent::Cancel if open.form.is_dirty() => {
                    Intent::Confirm(ConfirmAction::DiscardChanges)
                }
                FormEvent::Cancel => {
                    self.close_form();
                    Intent::Nothing
                }
                FormEvent::Save => {
                    open.form.message = None;
                    self.sync_links();
                    self.submit()
                }
            });
        }
        if let Popup::Facets(form) = &mut self.popup {
            return Ok(match form.handle(action, key) {
                FacetStep::Stay => Intent::Nothing,
                FacetStep::Closed => {
                    self.popup = Popup::None;
                    Intent::Nothing
                }
                FacetStep::Chosen => {
                    let today = self.settings.today().strftime("%Y-%m-%d").to_string();
                    let facets = facets_from_form(form, &self.query.facets, &today);
                    self.popup = Popup::None;
                    self.set_facets(facets, wb)?;
                    Intent::Nothing
                }
            });
        }
        if let Shown::Map(map) = &mut self.shown {
            let Some(action) = action else {
                return Ok(Intent::Nothing);
            };
            return Ok(match map.handle(action, wb)? {
                map::MapStep::Stay => Intent::Nothing,
                map::MapStep::Close => {
                    self.shown = Shown::Register;
                    Intent::Nothing
                }
                map::MapStep::FilterCell(cell) => {
                    self.shown = Shown::Register;
                    let facets = RiskFacets {
                        cell: Some(cell),
                        ..self.query.facets.clone()
                    };
                    self.set_facets(facets, wb)?;
                    Intent::Status(
                        "The register shows the risks of that cell; ‹risks:facets› changes it."
                            .into(),
                    )
                }
            });
        }
        if let Shown::Suggested(view) = &mut self.shown {
            let Some(action) = action else {
                return Ok(Intent::Nothing);
            };
            return Ok(match view.handle(action, wb.is_read_only()) {
                suggested::SuggestedStep::Stay => Intent::Nothing,
                suggested::SuggestedStep::Close => {
                    self.shown = Shown::Register;
                    Intent::Nothing
                }
                suggested::SuggestedStep::Intent(intent) => intent,
                suggested::SuggestedStep::Accept(suggestion) => {
                    let draft = suggestion.draft();
                    self.open_form(
                        &format!("New risk: {}", clean(&suggestion.title)),
                        &draft,
                        None,
                        Some(suggestion.key.clone()),
                        wb,
                    )?;
                    Intent::Nothing
                }
            });
        }
        if self.filter.is_typing() {
            match self.filter.handle(&self.query.filter, action, key) {
                FilterStep::Stay => {}
                FilterStep::Changed(filter) => self.set_filter(filter, wb)?,
                FilterStep::Move(action) => self.move_in(action, wb)?,
            }
            return Ok(Intent::Nothing);
        }
        match action {
            Some(action) => self.register_action(action, wb),
            None => Ok(Intent::Nothing),
        }
    }

    /// The wheel moves the register's selection.
    fn scroll(&mut self, down: bool, wb: &Workbook) -> Result<Intent> {
        if self.context() != Context::Risks {
            return Ok(Intent::Nothing);
        }
        self.run(if down { Action::Down } else { Action::Up }, wb)
    }

    /// Runs an action from the palette, as if its key had been pressed in the register.
    fn run(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        self.discard_views();
        let key = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);
        self.handle(Some(action), &key, wb)
    }

    /// The form keys go to, in the order `handle` tries them (a picker takes them first).
    fn typing_form(&mut self) -> Option<&mut Form> {
        match &mut self.popup {
            Popup::Risk(open) if open.picker.is_none() => Some(&mut open.form),
            Popup::Facets(form) => Some(form.form_mut()),
            Popup::Risk(_) | Popup::None => None,
        }
    }

    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        match &mut self.popup {
            Popup::Risk(open) => match &mut open.picker {
                Some(picker) => picker.paste(text, wb)?,
                None => open.form.paste(text),
            },
            Popup::Facets(form) => form.form_mut().paste(text),
            Popup::None => {
                if let Some(filter) = self.filter.paste(&self.query.filter, text) {
                    self.set_filter(filter, wb)?;
                }
            }
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// An edit went through: close what asked for it and read again.
    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.close_form();
        self.reload(wb)
    }

    /// An edit was refused: an open form shows why (`true`), else the status line does.
    fn edit_failed(&mut self, message: &str) -> bool {
        match self.form_mut() {
            Some(open) => {
                open.form.message = Some(message.to_string());
                true
            }
            None => false,
        }
    }

    fn discard_form(&mut self) {
        self.close_form();
    }

    /// Remembers filter, sort and facets in the workbook (at quit).
    fn save_view(&self, wb: &Workbook) {
        SavedView {
            filter: self.query.filter.clone(),
            sort: self.query.sort.label().into(),
            descending: self.query.descending,
            facets: self.query.facets.clone(),
        }
        .store(wb, VIEW_KEY);
    }

    fn here(&self) -> Place {
        self.nav_here()
    }

    fn restore(&mut self, place: Place, wb: &Workbook) -> Result<()> {
        self.nav_restore(place, wb)
    }

    fn drills(&self, action: Action) -> bool {
        self.nav_drills(action)
    }

    fn has_selection(&self) -> bool {
        self.context() != Context::Risks || !self.window.rows().is_empty()
    }

    fn crumb(&self) -> Option<String> {
        self.nav_crumb()
    }

    /// The App brought the user here to fix something: every risk shown, the one named
    /// selected and its form opened.
    fn go(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        self.discard_views();
        if self.stale {
            self.reload(wb)?;
        }
        let Some(id) = target.record_id else {
            // An empty register: the Guide wants a first risk, so its form opens.
            if self.counts.total == 0 && !wb.is_read_only() {
                return self.register_action(Action::Add, wb);
            }
            return Ok(Intent::Nothing);
        };
        self.query.filter.clear();
        self.query.facets = RiskFacets::default();
        self.requery(wb)?;
        let Some(key) = wb.risk_row_key(id, self.query.sort)? else {
            return Ok(Intent::Nothing);
        };
        let query = self.query.clone();
        self.window.focus(key, &mut fetcher(wb, &query))?;
        let key = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);
        let intent = self.handle(Some(Action::Edit), &key, wb)?;
        // What step 11 asks of a high risk, in its order.
        if let Some(open) = self.form_mut() {
            open.form.focus_first_empty(&["owner", "mitigations"]);
        }
        Ok(intent)
    }
}
