//! The Partners tab: the roster (a window of rows read by keyset paging), a detail pane, the
//! filter and sort, and the partner form; a partner's scores, checklist and check-ins and the
//! ranking open over it (see `views`).

mod arrivals;
mod checkins;
mod checklist;
mod criteria;
mod facets;
mod filtering;
mod form;
mod joint;
mod joint_form;
mod joint_links;
mod nav;
mod ranking;
mod scoring;
mod screen;
mod template;
mod view;
mod views;
mod words;

use super::SavedView;
use anyhow::Result;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::plan::PartnerDraft;
pub use crate::plan::numbers::group_thousands;
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::action::Action;
use crate::tui::intent::Intent;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::settings::Settings;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::facet_form::{FacetForm, FacetStep};
use crate::tui::widgets::filter_input::{FilterInput, FilterStep};
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::widgets::paged::PagedWindow;
use crate::workbook::{
    Facets, Page, PageKey, PartnerPageQuery, PartnerRow, PartnerSort, RosterCounts, Workbook,
};
use form::PartnerForm;

/// From this width on the selected partner's details show beside the roster.
pub(crate) const DETAIL_PANE_MIN_WIDTH: u16 = 140;

const VIEW_KEY: &str = "partners.view";

#[derive(Debug)]
pub struct PartnersTab {
    query: PartnerPageQuery,
    window: PagedWindow<PartnerRow>,
    matching: i64,
    total: i64,
    counts: RosterCounts,
    /// The roster's `/` filter (its text is `query.filter`, or `pending_filter` while typed).
    filter: FilterInput,
    /// A filter typed whose result is still being searched (`filtering.rs`): the roster shows
    /// `query.filter`'s meanwhile.
    pending_filter: Option<String>,
    detail: Option<(i64, PartnerDraft)>,
    /// The one form open over the roster.
    popup: Popup,
    /// A view open instead of the roster (scores, checklist, check-ins, ranking).
    view: Option<views::PartnerView>,
    settings: Settings,
    /// The workbook changed elsewhere (another tab, undo, an import): read again before use.
    stale: bool,
    /// The keys that save a form, for the duplicate warning ("Ctrl-s again to save anyway").
    save_keys: String,
}

/// The one form open over the roster: a partner's, the facet filter's or the "add a word to a
/// list" form — at most one at a time, by construction. (A view's own forms live in its view.)
#[derive(Debug, Default)]
enum Popup {
    #[default]
    None,
    Partner(Box<PartnerForm>),
    Facets(FacetForm),
    Word(Form),
}

impl Popup {
    /// The form keys and pastes go to.
    fn form_mut(&mut self) -> Option<&mut Form> {
        match self {
            Popup::None => None,
            Popup::Partner(open) => Some(&mut open.form),
            Popup::Facets(form) => Some(form.form_mut()),
            Popup::Word(form) => Some(form),
        }
    }

    /// Whether it holds typing not saved yet (the facet filter's choices are no edit).
    fn unsaved(&self) -> bool {
        match self {
            Popup::Partner(open) => open.form.is_dirty(),
            Popup::Word(form) => form.is_dirty(),
            Popup::Facets(_) | Popup::None => false,
        }
    }
}

/// Reads roster windows for a `PagedWindow` (the roster, the role matrix's rows).
pub(crate) fn fetcher<'a>(
    wb: &'a Workbook,
    query: &'a PartnerPageQuery,
) -> impl FnMut(Page<PageKey>, usize) -> Result<Vec<PartnerRow>> + 'a {
    move |page, limit| wb.partner_page(query, &page, limit)
}

impl PartnersTab {
    pub fn new(wb: &Workbook, settings: Settings, keymap: &Keymap) -> Result<PartnersTab> {
        let saved: SavedView<Facets> = SavedView::load(wb, VIEW_KEY);
        let sort = PartnerSort::ALL
            .iter()
            .copied()
            .find(|s| s.label() == saved.sort)
            .unwrap_or_default();
        let query = PartnerPageQuery {
            filter: saved.filter,
            sort,
            descending: saved.descending,
            facets: saved.facets,
        };
        let mut tab = PartnersTab {
            query,
            window: PagedWindow::default(),
            matching: 0,
            total: 0,
            counts: RosterCounts::default(),
            filter: FilterInput::default(),
            pending_filter: None,
            detail: None,
            popup: Popup::None,
            view: None,
            settings,
            stale: false,
            save_keys: keymap
                .keys_for(Action::Save)
                .unwrap_or_else(|| "save".into()),
        };
        tab.reload(wb)?;
        Ok(tab)
    }

    fn tab_context(&self) -> Context {
        if !matches!(self.popup, Popup::None) {
            Context::Form
        } else if let Some(context) = self.view_context() {
            context
        } else if self.filter.is_typing() {
            Context::Filter
        } else {
            Context::List
        }
    }

    /// Re-reads counts and the visible window after any change.
    pub fn reload(&mut self, wb: &Workbook) -> Result<()> {
        self.stale = false;
        self.total = wb.partner_count("")?;
        let today = self.settings.today().strftime("%Y-%m-%d").to_string();
        self.counts = wb.roster_counts(self.settings.checkin_cadence_days, &today)?;
        self.matching = self.count_matching(wb)?;
        self.window.reload(&mut fetcher(wb, &self.query))?;
        self.reload_view(wb)?;
        // The selected partner may be the one that changed: read its details again, not only
        // when the selection moves.
        self.detail = None;
        self.load_detail(wb)
    }

    fn load_detail(&mut self, wb: &Workbook) -> Result<()> {
        self.detail = match self.window.selected() {
            Some(row) if self.detail.as_ref().map(|(id, _)| *id) == Some(row.id) => {
                self.detail.take()
            }
            Some(row) => wb.partner(row.id)?.map(|draft| (row.id, draft)),
            None => None,
        };
        Ok(())
    }

    /// Number of table rows that fit in `area` (the tab's whole area).
    pub fn visible_rows(area: Rect) -> usize {
        usize::from(Self::table_area(area).height.saturating_sub(3))
    }

    fn table_area(area: Rect) -> Rect {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        if body.width >= DETAIL_PANE_MIN_WIDTH {
            let [table, _] =
                Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
                    .areas(body);
            table
        } else {
            body
        }
    }

    pub fn set_height(&mut self, rows: usize, wb: &Workbook) -> Result<()> {
        self.window
            .set_height(rows, &mut fetcher(wb, &self.query))?;
        self.load_detail(wb)
    }

    /// The visible row under screen position (x, y), for mouse clicks.
    pub fn row_at(&self, area: Rect, x: u16, y: u16) -> Option<usize> {
        let table = Self::table_area(area);
        let first_row_y = table.y + 2;
        let inside =
            x > table.x && x + 1 < table.right() && y >= first_row_y && y + 1 < table.bottom();
        inside
            .then(|| usize::from(y - first_row_y))
            .filter(|i| *i < self.window.rows().len())
    }

    pub fn click_row(&mut self, index: usize, wb: &Workbook) -> Result<()> {
        self.window.select_visible(index);
        self.load_detail(wb)
    }

    /// Remembers filter and sort in the workbook (at quit: a write per keystroke would cost an
    /// fsync each).
    fn store_view(&self, wb: &Workbook) {
        SavedView {
            filter: self.typed_filter().to_string(),
            sort: self.query.sort.label().into(),
            descending: self.query.descending,
            facets: self.query.facets.clone(),
        }
        .store(wb, VIEW_KEY);
    }

    fn handle_key(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        match &mut self.popup {
            Popup::None => {}
            Popup::Word(form) => {
                return Ok(match form.handle(action, key) {
                    FormEvent::Continue | FormEvent::Pick(_) => Intent::Nothing,
                    FormEvent::Cancel => {
                        self.popup = Popup::None;
                        Intent::Nothing
                    }
                    FormEvent::Save => {
                        form.message = None;
                        words::submit(form)
                    }
                });
            }
            Popup::Facets(form) => {
                return match form.handle(action, key) {
                    FacetStep::Stay => Ok(Intent::Nothing),
                    FacetStep::Closed => {
                        self.popup = Popup::None;
                        Ok(Intent::Nothing)
                    }
                    FacetStep::Chosen => {
                        let chosen = facets::from_form(form, &self.settings, self.settings.today());
                        self.popup = Popup::None;
                        self.set_facets(chosen, wb)
                    }
                };
            }
            Popup::Partner(open) => {
                return match open.form.handle(action, key) {
                    FormEvent::Continue | FormEvent::Pick(_) => Ok(Intent::Nothing),
                    FormEvent::Cancel if open.form.is_dirty() => {
                        Ok(Intent::Confirm(ConfirmAction::DiscardChanges))
                    }
                    FormEvent::Cancel => {
                        self.popup = Popup::None;
                        Ok(Intent::Nothing)
                    }
                    FormEvent::Save => open.submit(wb, &self.save_keys, &self.settings),
                };
            }
        }
        if self.view.is_some() {
            return self.handle_view(action, key, wb);
        }
        if self.filter.is_typing() {
            return self.handle_filter(action, key, wb);
        }
        let Some(action) = action else {
            return Ok(Intent::Nothing);
        };
        self.list_action(action, wb)
    }

    /// Runs a list action (from a key, a click or the palette). The palette runs actions as if
    /// pressed in the list, so an open view or form closes first — unless it holds typing not
    /// saved yet (another tab's palette command reaches here while this tab's form is open).
    pub fn list_action(&mut self, action: Action, wb: &Workbook) -> Result<Intent> {
        if let Some(refused) = self.keeps_unsaved_form() {
            return Ok(refused);
        }
        self.popup = Popup::None;
        self.view = None;
        if views::opens_view(action) {
            return self.show_view(action, wb);
        }
        let query = self.query.clone();
        let mut fetch = fetcher(wb, &query);
        match action {
            Action::Up => self.window.up(&mut fetch)?,
            Action::Down => self.window.down(&mut fetch)?,
            Action::Top => self.window.top(&mut fetch)?,
            Action::Bottom => self.window.bottom(&mut fetch)?,
            Action::PageUp => self.window.page_up(&mut fetch)?,
            Action::PageDown => self.window.page_down(&mut fetch)?,
            Action::Filter => self.filter.start(),
            Action::Facets => {
                self.popup = Popup::Facets(facets::form(&self.query.facets, &wb.vocabularies()?));
            }
            Action::AddWord => {
                if wb.is_read_only() {
                    return Ok(Intent::Error(read_only_message()));
                }
                self.popup = Popup::Word(words::form(VocabularyKind::Type));
            }
            Action::DueSoon => {
                let mut chosen = self.query.facets.clone();
                chosen.due_by = match chosen.due_by {
                    Some(_) => None,
                    None => Some(facets::due_soon(&self.settings, self.settings.today())),
                };
                return self.set_facets(chosen, wb);
            }
            Action::SortNext | Action::SortReverse => {
                if action == Action::SortNext {
                    self.query.sort = self.query.sort.next();
                    self.query.descending = false;
                } else {
                    self.query.descending = !self.query.descending;
                }
                self.window.top(&mut fetcher(wb, &self.query))?;
                self.load_detail(wb)?;
                let direction = if self.query.descending {
                    "descending"
                } else {
                    "ascending"
                };
                return Ok(Intent::Status(format!(
                    "Sorted by {}, {direction}",
                    self.query.sort.label()
                )));
            }
            Action::Add => {
                if wb.is_read_only() {
                    return Ok(Intent::Error(read_only_message()));
                }
                let draft = PartnerDraft {
                    stage: "prospect".into(),
                    ..Default::default()
                };
                self.popup = Popup::Partner(Box::new(PartnerForm::new(
                    None,
                    "New partner",
                    &draft,
                    &wb.vocabularies()?,
                    &self.settings,
                )));
            }
            Action::Edit | Action::Open => {
                return self.open_selected(wb);
            }
            Action::Delete => {
                if wb.is_read_only() {
                    return Ok(Intent::Error(read_only_message()));
                }
                if let Some(row) = self.window.selected() {
                    return Ok(Intent::Confirm(ConfirmAction::DeletePartner {
                        id: row.id,
                        name: row.name.clone(),
                    }));
                }
            }
            _ => {}
        }
        self.load_detail(wb)?;
        Ok(Intent::Nothing)
    }

    fn open_selected(&mut self, wb: &Workbook) -> Result<Intent> {
        let Some(row) = self.window.selected() else {
            return Ok(Intent::Nothing);
        };
        if wb.is_read_only() {
            return Ok(Intent::Error(read_only_message()));
        }
        let id = row.id;
        match wb.partner(id)? {
            Some(draft) => {
                let title = format!("Edit {}", draft.name);
                self.popup = Popup::Partner(Box::new(PartnerForm::new(
                    Some(id),
                    &title,
                    &draft,
                    &wb.vocabularies()?,
                    &self.settings,
                )));
                Ok(Intent::Nothing)
            }
            None => {
                self.reload(wb)?;
                Ok(Intent::Error(
                    "That partner no longer exists; the list was refreshed.".into(),
                ))
            }
        }
    }

    fn handle_filter(
        &mut self,
        action: Option<Action>,
        key: &KeyEvent,
        wb: &Workbook,
    ) -> Result<Intent> {
        let typed = self.typed_filter().to_string();
        match self.filter.handle(&typed, action, key) {
            FilterStep::Stay => {}
            FilterStep::Changed(filter) => self.set_filter(filter, wb)?,
            FilterStep::Move(action) => {
                let query = self.query.clone();
                let mut fetch = fetcher(wb, &query);
                if action == Action::Up {
                    self.window.up(&mut fetch)?
                } else {
                    self.window.down(&mut fetch)?
                }
                self.load_detail(wb)?;
            }
        }
        Ok(Intent::Nothing)
    }

    fn count_matching(&self, wb: &Workbook) -> Result<i64> {
        if self.query.filter.trim().is_empty() && self.query.facets.is_empty() {
            Ok(self.total)
        } else {
            wb.partner_matches(&self.query)
        }
    }

    fn set_facets(&mut self, facets: Facets, wb: &Workbook) -> Result<Intent> {
        self.query.facets = facets;
        self.matching = self.count_matching(wb)?;
        self.window.top(&mut fetcher(wb, &self.query))?;
        self.load_detail(wb)?;
        let described = facets::describe(&self.query.facets);
        Ok(Intent::Status(if described.is_empty() {
            "Showing all partners.".into()
        } else {
            format!("Showing {described}.")
        }))
    }

    /// Pasted text goes to the form keys go to (the word and facet forms too), else the filter.
    fn paste_text(&mut self, text: &str, wb: &Workbook) -> Result<()> {
        if let Some(views::PartnerView::Joint(v)) = &mut self.view
            && v.links.picking()
        {
            return v.links.paste(text, wb);
        }
        if let Some(form) = super::screen::Screen::typing_form(self) {
            form.paste(text);
        } else if let Some(filter) = self.filter.paste(self.typed_filter(), text) {
            self.set_filter(filter, wb)?;
        }
        Ok(())
    }

    /// When an edit failed: the message goes on its open form (with everything typed kept);
    /// `false` when none is open.
    fn form_edit_failed(&mut self, message: &str) -> bool {
        if let Popup::Partner(_) | Popup::Word(_) = self.popup
            && let Some(form) = self.popup.form_mut()
        {
            form.message = Some(message.to_string());
            return true;
        }
        self.view_edit_failed(message)
    }

    fn close_forms(&mut self) {
        self.close_edit_popup();
        self.discard_view_form();
    }

    /// Closes the partner or word form (their edit went through, or was discarded); the facet
    /// filter's form edits nothing and stays. The partner form's saved id, if it heard one.
    fn close_edit_popup(&mut self) -> Option<i64> {
        let saved = match &mut self.popup {
            Popup::Partner(open) => open.saved.take(),
            Popup::Facets(_) => return None,
            Popup::Word(_) | Popup::None => None,
        };
        self.popup = Popup::None;
        saved
    }
}

fn read_only_message() -> String {
    "Read-only: nothing can be changed (reopen without --read-only to edit).".into()
}

fn count_label(matching: i64, total: i64) -> String {
    crate::plan::numbers::count_of_total(matching, total, "partner", "partners")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(group_thousands(1_204), "1,204");
        assert_eq!(group_thousands(100_000), "100,000");
        assert_eq!(count_label(1, 1), "1 partner");
        assert_eq!(count_label(3, 1_204), "3 of 1,204 partners");
    }
}
