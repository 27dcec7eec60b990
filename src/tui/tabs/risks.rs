//! The Risks tab: the register (a window of risks read by keyset paging, sorted on any column,
//! filtered as you type and by facets), the risk form with its partner and role pickers, the
//! heat map, and the risks the plan suggests. Writes go back to the App as `Intent::Risk`.

mod edit;
mod facets;
mod form;
mod links;
mod map;
mod nav;
mod suggested;
mod view;

use super::SavedView;
use super::screen::Screen;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

pub use edit::RiskEdit;
use facets::{facet_form, facets_from_form};
use form::{RiskForm, Submitted, categories};
use links::Linking;
use map::MapView;
use suggested::SuggestedView;

use crate::plan::guide::Target;
use crate::plan::plausible::PlanDate;
use crate::plan::risk::{RiskDraft, RiskStatus};
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::action::Action;
use crate::tui::intent::{Intent, ask_first};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::theme::Theme;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::facet_form::{FacetForm, FacetStep};
use crate::tui::widgets::filter_input::{FilterInput, FilterStep};
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::paged::PagedWindow;
use crate::tui::widgets::picker::Picker;
use crate::workbook::{
    Page, PageKey, RiskCounts, RiskFacets, RiskPageQuery, RiskRow, RiskSort, Workbook,
};

const READ_ONLY: &str = "Read-only: nothing can be changed (reopen without --read-only to edit).";
const VIEW_KEY: &str = "risks.view";

#[derive(Debug)]
pub struct RisksTab {
    query: RiskPageQuery,
    window: PagedWindow<RiskRow>,
    matching: i64,
    counts: RiskCounts,
    /// The register's filter (its text is `query.filter`).
    filter: FilterInput,
    form: Option<RiskForm>,
    facet_form: Option<FacetForm>,
    picker: Option<(Linking, Picker)>,
    map: Option<MapView>,
    suggested: Option<SuggestedView>,
    /// The (inherent, residual) scores the user was asked about, and said yes to: a residual
    /// score above the inherent one.
    residual_asked: Option<(i64, i64)>,
    residual_confirmed: Option<(i64, i64)>,
    settings: Settings,
    stale: bool,
}

fn fetcher<'a>(
    wb: &'a Workbook,
    query: &'a RiskPageQuery,
) -> impl FnMut(Page<PageKey>, usize) -> Result<Vec<RiskRow>> + 'a {
    move |page, limit| wb.risk_page(query, &page, limit)
}

impl RisksTab {
    /// The tab reads the workbook when first shown.
    pub fn new(wb: &Workbook, settings: Settings) -> RisksTab {
        let saved: SavedView<RiskFacets> = SavedView::load(wb, VIEW_KEY);
        let sort = RiskSort::ALL
            .iter()
            .copied()
            .find(|s| s.label() == saved.sort)
            .unwrap_or_default();
        RisksTab {
            query: RiskPageQuery {
                filter: saved.filter,
                sort,
                descending: saved.descending,
                facets: saved.facets,
                bands: settings.bands,
            },
            window: PagedWindow::default(),
            matching: 0,
            counts: RiskCounts::default(),
            filter: FilterInput::default(),
            form: None,
            facet_form: None,
            picker: None,
            map: None,
            suggested: None,
            residual_asked: None,
            residual_confirmed: None,
            settings,
            stale: true,
        }
    }

    /// The risk bands in effect (from config).
    pub fn bands(&self) -> crate::plan::risk::Bands {
        self.settings.bands
    }

    fn today(&self) -> String {
        self.settings.today().strftime("%Y-%m-%d").to_string()
    }

    /// Rows that fit in the register of `area` (the tab's whole area).
    fn visible_rows(area: Rect) -> usize {
        usize::from(area.height.saturating_sub(4))
    }

    /// Re-reads counts, the window and any open view after a change.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.counts = wb.risk_counts(&self.today(), &self.settings.bands)?;
        self.matching = wb.risk_matches(&self.query)?;
        let query = self.query.clone();
        self.window.reload(&mut fetcher(wb, &query))?;
        if let Some(map) = &mut self.map {
            map.reload(wb)?;
        }
        if let Some(suggested) = &mut self.suggested {
            suggested.reload(wb, &self.settings)?;
        }
        self.stale = false;
        Ok(())
    }

    /// Overview tab: the register filtered to one heat-map cell alone, (residual?, likelihood,
    /// impact); the filter and other facets cleared, anything open closed.
    pub fn show_cell(&mut self, cell: (bool, i64, i64), wb: &Workbook) -> Result<()> {
        self.discard_form();
        self.facet_form = None;
        self.picker = None;
        self.map = None;
        self.suggested = None;
        self.filter.stop();
        self.query.filter.clear();
        let facets = RiskFacets {
            cell: Some(cell),
            ..RiskFacets::default()
        };
        self.set_facets(facets, wb)
    }

    /// The user said yes to a residual score above the inherent one: save again with it (it
    /// stands while the form keeps those scores).
    pub fn residual_confirmed(&mut self) -> Intent {
        self.residual_confirmed = self.residual_asked.take();
        self.submit()
    }

    /// Closes every form, picker and view: the register alone is shown.
    fn discard_views(&mut self) {
        self.form = None;
        self.facet_form = None;
        self.picker = None;
        self.map = None;
        self.suggested = None;
        self.filter.stop();
    }

    fn register_action(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        let writes = matches!(action, Action::Add | Action::Edit | Action::Delete);
        if writes && wb.is_read_only() {
            return Ok(Intent::Error(READ_ONLY.into()));
        }
        match action {
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown => self.move_in(action, wb)?,
            Action::Filter => self.filter.start(),
            Action::SortNext => {
                self.query.sort = self.query.sort.next();
                self.requery(wb)?;
                return Ok(Intent::Status(format!(
                    "Sorted by {}, {}",
                    self.query.sort.label(),
                    if self.query.descending {
                        "descending"
                    } else {
                        "ascending"
                    }
                )));
            }
            Action::SortReverse => {
                self.query.descending = !self.query.descending;
                self.requery(wb)?;
            }
            Action::Add => {
                let draft = RiskDraft {
                    status: RiskStatus::Open,
                    ..RiskDraft::default()
                };
                self.open_form("New risk", &draft, None, None, wb)?;
            }
            Action::Edit | Action::Open => {
                let Some(row) = self.window.selected() else {
                    return Ok(Intent::Error(self.empty_message()));
                };
                let Some(record) = wb.risk(row.id)? else {
                    return Ok(Intent::Error("That risk no longer exists.".into()));
                };
                let title = format!("Edit {} {}", record.code, clean(&record.draft.title));
                self.open_form(&title, &record.draft, Some(record.id), None, wb)?;
            }
            Action::Delete => {
                let Some(row) = self.window.selected() else {
                    return Ok(Intent::Error(self.empty_message()));
                };
                return Ok(Intent::Confirm(ConfirmAction::DeleteRisk {
                    id: row.id,
                    code: row.code.clone(),
                    title: row.title.clone(),
                }));
            }
            Action::Facets => {
                let (categories, owners) = wb.risk_words()?;
                self.facet_form = Some(facet_form(&self.query.facets, &categories, &owners));
            }
            Action::DueSoon => {
                let mut facets = self.query.facets.clone();
                facets.review_before = match facets.review_before {
                    Some(_) => None,
                    None => Some(self.today()),
                };
                self.set_facets(facets, wb)?;
            }
            Action::HeatMap => self.map = Some(MapView::load(wb, self.settings.bands)?),
            Action::Suggestions => {
                self.suggested = Some(SuggestedView::load(wb, &self.settings)?);
            }
            _ => {}
        }
        Ok(Intent::Nothing)
    }

    fn empty_message(&self) -> String {
        if self.counts.total == 0 {
            "No risks yet: ‹risks:add› adds one, ‹risks:suggestions› shows the risks the plan \
             suggests."
                .into()
        } else {
            "No risk matches the filter; ‹filter:cancel› or ‹risks:facets› changes it.".into()
        }
    }

    fn move_in(&mut self, action: Action, wb: &Workbook) -> Result<()> {
        let query = self.query.clone();
        let mut fetch = fetcher(wb, &query);
        match action {
            Action::Up => self.window.up(&mut fetch),
            Action::Down => self.window.down(&mut fetch),
            Action::Top => self.window.top(&mut fetch),
            Action::Bottom => self.window.bottom(&mut fetch),
            Action::PageUp => self.window.page_up(&mut fetch),
            Action::PageDown => self.window.page_down(&mut fetch),
            _ => Ok(()),
        }
    }

    /// After the filter, sort or facets changed: count again and start from the first row.
    fn requery(&mut self, wb: &Workbook) -> Result<()> {
        self.matching = wb.risk_matches(&self.query)?;
        let query = self.query.clone();
        self.window.top(&mut fetcher(wb, &query))
    }

    fn set_filter(&mut self, filter: String, wb: &Workbook) -> Result<()> {
        self.query.filter = filter;
        self.requery(wb)
    }

    fn set_facets(&mut self, facets: RiskFacets, wb: &Workbook) -> Result<()> {
        self.query.facets = facets;
        self.requery(wb)
    }

    fn open_form(
        &mut self,
        title: &str,
        draft: &RiskDraft,
        editing: Option<i64>,
        suggestion: Option<String>,
        wb: &Workbook,
    ) -> Result<()> {
        self.residual_confirmed = None;
        let partner = match draft.partner_id {
            Some(id) => wb.partner_names(&[id])?.remove(&id).unwrap_or_default(),
            None => String::new(),
        };
        let role = match draft.role_id {
            Some(id) => wb
                .roles()?
                .into_iter()
                .find(|r| r.role.id == id)
                .map(|r| r.role.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let (in_use, _) = wb.risk_words()?;
        let mut offered = wb.vocabulary(VocabularyKind::RiskCategory)?;
        offered.extend(in_use);
        self.form = Some(RiskForm::new(
            title,
            draft,
            editing,
            &partner,
            &role,
            &categories(&offered),
            &self.settings.date_format,
            suggestion,
        ));
        Ok(())
    }

    fn submit(&mut self) -> Intent {
        let Some(open) = &mut self.form else {
            return Intent::Nothing;
        };
        match open.submit(
            &self.settings.bands,
            &self.settings.date_format,
            self.residual_confirmed,
        ) {
            Submitted::Draft(draft, confirmed) => {
                let doubt = open.form.doubt_about_date(
                    "next_review",
                    &draft.next_review,
                    PlanDate::RiskReview,
                    self.settings.today(),
                );
                let save = Intent::Risk(RiskEdit::Save {
                    id: open.editing,
                    draft,
                    confirmed,
                    suggestion: open.suggestion.clone(),
                });
                ask_first(doubt, save)
            }
            Submitted::AskResidual { inherent, residual } => {
                self.residual_asked = Some((inherent, residual));
                Intent::Confirm(ConfirmAction::ResidualAboveInherent { inherent, residual })
            }
            Submitted::Problems => Intent::Nothing,
        }
    }
}

impl Screen for RisksTab {
    fn context(&self) -> Context {
        if self.picker.is_some() {
            Context::Picker
        } else if self.form.is_some() || self.facet_form.is_some() {
            Context::Form
        } else if self.map.is_some() {
            Context::HeatMap
        } else if self.suggested.is_some() {
            Context::Suggestions
        } else if self.filter.is_typing() {
            Context::Filter
        } else {
            Context::Risks
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
        if let Some(map) = &self.map {
            map.render(area, buf, theme, keymap);
        } else if let Some(view) = &self.suggested {
            view.render(area, buf, theme);
        } else {
            self.render_register(area, buf, theme, keymap);
        }
        if let Some(form) = &self.facet_form {
            form.render(area, buf, theme, keymap);
        }
        if let Some(open) = &self.form {
            open.form.render_popup(area, 84, buf, theme, keymap);
        }
        if let Some((_, picker)) = &self.picker {
            picker.render_keys(area, buf, theme, keymap);
        }
    }

    fn handle(&mut self, action: Option<Action>, key: &KeyEvent, wb: &Workbook) -> Result<Intent> {
        if self.picker.is_some() {
            return self.handle_picker(action, key, wb);
        }
        if let Some(open) = &mut self.form {
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
                    self.form = None;
                    Intent::Nothing
                }
                FormEvent::Save => {
                    open.form.message = None;
                    self.sync_links();
                    self.submit()
                }
            });
        }
        if let Some(form) = &mut self.facet_form {
            return Ok(match form.handle(action, key) {
                FacetStep::Stay => Intent::Nothing,
                FacetStep::Closed => {
                    self.facet_form = None;
                    Intent::Nothing
                }
                FacetStep::Chosen => {
                    let today = self.settings.today().strftime("%Y-%m-%d").to_string();
                    let facets = facets_from_form(form, &self.query.facets, &today);
                    self.facet_form = None;
                    self.set_facets(facets, wb)?;
                    Intent::Nothing
                }
            });
        }
        if let Some(map) = &mut self.map {
            let Some(action) = action else {
                return Ok(Intent::Nothing);
            };
            return Ok(match map.handle(action, wb)? {
                map::MapStep::Stay => Intent::Nothing,
                map::MapStep::Close => {
                    self.map = None;
                    Intent::Nothing
                }
                map::MapStep::FilterCell(cell) => {
                    self.map = None;
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
        if let Some(view) = &mut self.suggested {
            let Some(action) = action else {
                return Ok(Intent::Nothing);
            };
            return Ok(match view.handle(action, wb.is_read_only()) {
                suggested::SuggestedStep::Stay => Intent::Nothing,
                suggested::SuggestedStep::Close => {
                    self.suggested = None;
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
        match self.picker {
            Some(_) => None,
            None => self
                .form
                .as_mut()
                .map(|open| &mut open.form)
                .or(self.facet_form.as_mut().map(FacetForm::form_mut)),
        }
    }

    fn paste(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        if let Some((_, picker)) = &mut self.picker {
            picker.paste(text);
        } else if let Some(open) = &mut self.form {
            open.form.paste(text);
        } else if let Some(form) = &mut self.facet_form {
            form.form_mut().paste(text);
        } else if let Some(filter) = self.filter.paste(&self.query.filter, text) {
            self.set_filter(filter, wb)?;
        }
        Ok(())
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// An edit went through: close what asked for it and read again.
    fn edited(&mut self, wb: &Workbook) -> Result<()> {
        self.form = None;
        self.residual_confirmed = None;
        self.reload(wb)
    }

    /// An edit was refused: an open form shows why (`true`), else the status line does.
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
        self.residual_confirmed = None;
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

    fn here(&self) -> super::screen::Place {
        self.nav_here()
    }

    fn restore(&mut self, place: super::screen::Place, wb: &Workbook) -> Result<()> {
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
        if let Some(open) = &mut self.form {
            open.form.focus_first_empty(&["owner", "mitigations"]);
        }
        Ok(intent)
    }
}
