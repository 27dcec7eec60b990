//! The Risks tab: the register (a window of risks read by keyset paging, sorted on any column,
//! filtered as you type and by facets), the risk form with its partner and role pickers, the
//! heat map, and the risks the plan suggests. Writes go back to the App as `Intent::Risk`.

mod edit;
mod facets;
mod form;
mod links;
mod map;
mod nav;
mod screen;
mod suggested;
mod view;

use super::SavedView;
use anyhow::Result;
use ratatui::layout::Rect;

pub use edit::RiskEdit;
use facets::facet_form;
use form::{RiskForm, Submitted, categories};
use map::MapView;
use suggested::SuggestedView;

use crate::plan::plausible::PlanDate;
use crate::plan::risk::{RiskDraft, RiskStatus};
use crate::plan::vocabulary::VocabularyKind;
use crate::tui::action::Action;
use crate::tui::intent::{Intent, ask_first};
use crate::tui::sanitize::clean;
use crate::tui::settings::Settings;
use crate::tui::widgets::confirm::ConfirmAction;
use crate::tui::widgets::facet_form::FacetForm;
use crate::tui::widgets::filter_input::FilterInput;
use crate::tui::widgets::paged::PagedWindow;
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
    /// The register, or the heat map or suggestions shown instead of it.
    shown: Shown,
    /// The one form open over what is shown, if any.
    popup: Popup,
    /// The (inherent, residual) scores the user was asked about, and said yes to: a residual
    /// score above the inherent one.
    residual_asked: Option<(i64, i64)>,
    residual_confirmed: Option<(i64, i64)>,
    settings: Settings,
    stale: bool,
    /// Past this size (partners and links) the suggestions are read on a thread.
    large_plan: usize,
}

/// What the tab shows beneath any popup.
#[derive(Debug, Default)]
enum Shown {
    #[default]
    Register,
    Map(Box<MapView>),
    Suggested(SuggestedView),
}

/// The one form open over the tab: a risk's (with its link picker, while open) or the facets'.
#[derive(Debug, Default)]
enum Popup {
    #[default]
    None,
    Risk(Box<RiskForm>),
    Facets(FacetForm),
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
            shown: Shown::Register,
            popup: Popup::None,
            residual_asked: None,
            residual_confirmed: None,
            settings,
            stale: true,
            large_plan: suggested::LARGE_PLAN,
        }
    }

    /// The size (partners and links) past which the suggestions are read on a thread.
    pub fn set_large_plan(&mut self, from: usize) {
        self.large_plan = from;
    }

    /// Whether the suggestions shown are being read on a thread.
    pub fn suggestions_reading(&self) -> bool {
        matches!(&self.shown, Shown::Suggested(view) if view.reading())
    }

    /// The idle pass's part: the suggestions of a large plan, read on a thread; whether there
    /// is a frame to draw.
    pub fn idle(&mut self, wb: &mut Workbook) -> Result<bool> {
        match &mut self.shown {
            Shown::Suggested(view) => view.idle(wb, &self.settings),
            _ => Ok(false),
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
        match &mut self.shown {
            Shown::Register => {}
            Shown::Map(map) => map.reload(wb)?,
            Shown::Suggested(suggested) => suggested.reload(wb, &self.settings)?,
        }
        self.stale = false;
        Ok(())
    }

    /// Overview tab: the register filtered to one heat-map cell alone, (residual?, likelihood,
    /// impact); the filter and other facets cleared, anything open closed.
    pub fn show_cell(&mut self, cell: (bool, i64, i64), wb: &Workbook) -> Result<()> {
        self.discard_views();
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
        self.popup = Popup::None;
        self.residual_confirmed = None;
        self.shown = Shown::Register;
        self.filter.stop();
    }

    /// The risk form, when it is the popup open.
    fn form(&self) -> Option<&RiskForm> {
        match &self.popup {
            Popup::Risk(open) => Some(open),
            _ => None,
        }
    }

    fn form_mut(&mut self) -> Option<&mut RiskForm> {
        match &mut self.popup {
            Popup::Risk(open) => Some(open),
            _ => None,
        }
    }

    /// Closes the risk form (not the facets').
    fn close_form(&mut self) {
        if matches!(self.popup, Popup::Risk(_)) {
            self.popup = Popup::None;
        }
        self.residual_confirmed = None;
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
                self.popup = Popup::Facets(facet_form(&self.query.facets, &categories, &owners));
            }
            Action::DueSoon => {
                let mut facets = self.query.facets.clone();
                facets.review_before = match facets.review_before {
                    Some(_) => None,
                    None => Some(self.today()),
                };
                self.set_facets(facets, wb)?;
            }
            Action::HeatMap => {
                self.shown = Shown::Map(Box::new(MapView::load(wb, self.settings.bands)?))
            }
            Action::Suggestions => {
                self.shown =
                    Shown::Suggested(SuggestedView::load(wb, &self.settings, self.large_plan)?);
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
        self.popup = Popup::Risk(Box::new(RiskForm::new(
            title,
            draft,
            editing,
            &partner,
            &role,
            &categories(&offered),
            &self.settings.date_format,
            suggestion,
        )));
        Ok(())
    }

    fn submit(&mut self) -> Intent {
        let Popup::Risk(open) = &mut self.popup else {
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
