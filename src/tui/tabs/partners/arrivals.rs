//! Where a jump or a command from elsewhere lands on the roster: a Guide jump to a partner, the
//! Overview's numbers as facets, and the guard that keeps a form holding typing not saved yet.

use anyhow::Result;

use super::{Facets, PartnersTab, Popup, facets, fetcher, views};
use crate::plan::framework::Screen;
use crate::plan::guide::Target;
use crate::tui::action::Action;
use crate::tui::intent::{Intent, KEEPS_TYPING};
use crate::tui::widgets::form::Form;
use crate::workbook::Workbook;

impl PartnersTab {
    /// What a command or jump from elsewhere (another tab's palette command, a Guide jump, an
    /// Overview number) says instead of running when the form open here (the roster's or a
    /// view's) holds typing not saved yet: the form stays, on screen, and nothing typed is lost.
    pub(super) fn keeps_unsaved_form(&self) -> Option<Intent> {
        let view_typing = self
            .view
            .as_ref()
            .and_then(views::PartnerView::form)
            .is_some_and(Form::is_dirty);
        (self.popup.unsaved() || view_typing).then(|| Intent::Error(KEEPS_TYPING.into()))
    }

    /// Makes way for a jump or the Overview's list: whatever is open closes and a filter being
    /// searched stops — unless a form holds typing not saved yet, whose refusal is returned.
    fn arrive(&mut self) -> Option<Intent> {
        if let Some(refused) = self.keeps_unsaved_form() {
            return Some(refused);
        }
        self.view = None;
        self.popup = Popup::None;
        self.filter.stop();
        self.pending_filter = None;
        None
    }

    /// The App brought the user here to fix something: the partner named is selected (clearing
    /// a filter or facets that hide it) and its form, scores or checklist opened.
    pub(super) fn go_to(&mut self, target: Target, wb: &Workbook) -> Result<Intent> {
        if let Some(refused) = self.arrive() {
            return Ok(refused);
        }
        if let Some(id) = target.record_id {
            if wb.partner_row_key(id, &self.query)?.is_none() {
                self.query.filter.clear();
                self.query.facets = Facets::default();
                self.reload(wb)?;
            }
            if let Some(key) = wb.partner_row_key(id, &self.query)? {
                self.window.focus(key, &mut fetcher(wb, &self.query))?;
            }
            self.load_detail(wb)?;
        }
        // Nothing on the roster yet: whatever the Guide wants of partners starts with a first one.
        if target.record_id.is_none() && self.total == 0 && !wb.is_read_only() {
            return self.list_action(Action::Add, wb);
        }
        match target.screen {
            Screen::Scoring => self.show_view(Action::Scores, wb),
            Screen::Onboarding => self.show_view(Action::Checklist, wb),
            Screen::JointPlan => self.show_view(Action::JointPlan, wb),
            // What is missing is a check-in: its log opens on the form that logs one.
            Screen::CheckIns => {
                let intent = self.show_view(Action::Checkins, wb)?;
                self.start_checkin(wb);
                Ok(intent)
            }
            _ if target.record_id.is_some() => {
                let intent = self.open_selected(wb)?;
                // The Guide asks a partner for these (steps 4 and 9, in that order).
                if let Popup::Partner(open) = &mut self.popup {
                    use crate::plan::partner::PartnerField as F;
                    open.form
                        .focus_first_empty(&[F::Gains.key(), F::CheckinCadence.key()]);
                }
                Ok(intent)
            }
            _ => Ok(Intent::Nothing),
        }
    }

    /// Overview tab: the roster narrowed to `facets` alone (the filter and other facets
    /// cleared, anything open closed), from its first row.
    pub fn show_facets(&mut self, facets: Facets, wb: &Workbook) -> Result<Intent> {
        self.fresh(wb)?;
        if let Some(refused) = self.arrive() {
            return Ok(refused);
        }
        self.query.filter.clear();
        self.set_facets(facets, wb)
    }

    /// Overview tab: the roster with its "check-in due within 7 days" quick filter alone.
    pub fn show_due_soon(&mut self, wb: &Workbook) -> Result<Intent> {
        let due = facets::due_soon(&self.settings, self.settings.today());
        let facets = Facets {
            due_by: Some(due),
            ..Facets::default()
        };
        self.show_facets(facets, wb)
    }
}
